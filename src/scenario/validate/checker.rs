//! The checker: every diagnostic of a scenario, located at its file, line, column and field, and
//! the checks every table shares (positive, a fraction, a position, a distribution, unique names).

use crate::dist::Dist;
use crate::geo::LatLon;
use crate::scenario::error::{Diagnostic, FieldPath, Locator, Severity};
use std::collections::HashSet;

pub(crate) struct Checker<'a> {
    origin: &'a str,
    locator: Option<&'a Locator<'a>>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(origin: &'a str, locator: Option<&'a Locator<'a>>) -> Self {
        Self {
            origin,
            locator,
            diagnostics: Vec::new(),
        }
    }

    pub(crate) fn push(
        &mut self,
        severity: Severity,
        path: &FieldPath,
        message: impl Into<String>,
    ) {
        let (line, column) = self.locator.map_or((0, 0), |l| l.locate(path));
        self.push_at(severity, path, line, column, message);
    }

    pub(crate) fn push_at(
        &mut self,
        severity: Severity,
        path: &FieldPath,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) {
        self.diagnostics.push(Diagnostic {
            severity,
            file: self.origin.to_string(),
            line,
            column,
            path: path.to_string(),
            message: message.into(),
        });
    }

    pub(super) fn error(&mut self, path: &FieldPath, message: impl Into<String>) {
        self.push(Severity::Error, path, message);
    }

    pub(super) fn warn(&mut self, path: &FieldPath, message: impl Into<String>) {
        self.push(Severity::Warning, path, message);
    }

    pub(super) fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    pub(super) fn positive(&mut self, path: &FieldPath, v: f64) -> bool {
        let ok = v.is_finite() && v > 0.0;
        if !ok {
            self.error(path, format!("must be a finite number > 0, got {v}"));
        }
        ok
    }

    pub(super) fn non_negative(&mut self, path: &FieldPath, v: f64) -> bool {
        let ok = v.is_finite() && v >= 0.0;
        if !ok {
            self.error(path, format!("must be a finite number >= 0, got {v}"));
        }
        ok
    }

    pub(super) fn fraction(&mut self, path: &FieldPath, v: f64) -> bool {
        let ok = v.is_finite() && (0.0..=1.0).contains(&v);
        if !ok {
            self.error(path, format!("must be a fraction in [0, 1], got {v}"));
        }
        ok
    }

    pub(super) fn at_least_one(&mut self, path: &FieldPath, v: u32) -> bool {
        if v == 0 {
            self.error(path, "must be at least 1, got 0");
        }
        v > 0
    }

    pub(super) fn position(&mut self, path: &FieldPath, p: &LatLon) -> bool {
        let ok = p.is_valid();
        if !ok {
            self.error(
                path,
                format!(
                    "must be [lat, lon] in degrees with lat in [-90, 90] and lon in [-180, 180], got [{}, {}]",
                    p.lat_deg, p.lon_deg
                ),
            );
        }
        ok
    }

    pub(super) fn dist(&mut self, path: &FieldPath, d: &Dist) -> bool {
        match d.check() {
            Ok(()) => true,
            Err(e) => {
                self.error(path, e);
                false
            }
        }
    }

    pub(super) fn list_limit(&mut self, path: &FieldPath, len: usize, limit: usize) {
        if len > limit {
            self.error(
                path,
                format!("has {len} entries; the limit is {limit} (scenario::limits)"),
            );
        }
    }

    pub(super) fn unique<'n>(&mut self, list: &str, names: impl Iterator<Item = &'n str>) {
        self.unique_in(&FieldPath::root().key(list), names);
    }
}

pub(super) fn known_list(names: impl Iterator<Item = String>) -> String {
    let v: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    if v.is_empty() {
        "none are defined".into()
    } else {
        v.join(", ")
    }
}

impl Checker<'_> {
    pub(super) fn unique_in<'n>(&mut self, list: &FieldPath, names: impl Iterator<Item = &'n str>) {
        let mut seen = HashSet::new();
        for (i, n) in names.enumerate() {
            if !seen.insert(n) {
                self.error(
                    &list.index(i).key("name"),
                    format!("the name `{n}` is used twice; names must be unique"),
                );
            }
        }
    }
}
