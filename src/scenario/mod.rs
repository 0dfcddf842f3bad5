//! Scenarios: the TOML format, loading with located errors, validation, and the bundled set.
//!
//! A scenario goes from text to a validated [`Scenario`] in three steps, each of which can fail
//! with a [`ScenarioError`] whose diagnostics name the file, line, column and field path:
//!
//! 1. TOML syntax (the `toml` crate's parser);
//! 2. shape: unknown keys, wrong types and missing keys ([`ScenarioFile`], serde with
//!    `deny_unknown_fields`);
//! 3. meaning: ranges, references between tables, reach of stations, shares, limits
//!    ([`limits`]).
//!
//! `scenarios/reference.toml` documents every key with a comment.

mod bundled;
mod error;
pub mod file;
pub mod limits;
mod validate;

pub use bundled::{bundled, bundled_names, nearest_name};
pub use error::{Diagnostic, FieldPath, ScenarioError, Segment, Severity};
pub use file::ScenarioFile;
pub use validate::{
    Base, CapStation, NamedType, Qra, Scenario, Squadron, Track, Violations, ViolatorType,
};

use error::Locator;
use std::path::Path;
use validate::Checker;

impl Scenario {
    /// Loads a scenario from a path, or a bundled scenario by name (`ukraine`, `baltic`,
    /// `textbook`, `reference`) when no such file exists.
    pub fn load(name_or_path: &str) -> Result<Scenario, ScenarioError> {
        let path = Path::new(name_or_path);
        if path.is_file() {
            return Self::from_path(path);
        }
        match bundled(name_or_path) {
            Some(text) => Self::from_toml_str(text, &format!("bundled:{name_or_path}")),
            None if path.exists()
                || name_or_path.ends_with(".toml")
                || name_or_path.contains('/') =>
            {
                Self::from_path(path)
            }
            None => Err(ScenarioError::Unknown {
                name: name_or_path.to_string(),
                available: bundled_names().join(", "),
                suggestion: nearest_name(name_or_path),
            }),
        }
    }

    /// Loads a scenario file.
    pub fn from_path(path: &Path) -> Result<Scenario, ScenarioError> {
        let file = path.display().to_string();
        let bytes =
            read_at_most(path, limits::MAX_FILE_BYTES).map_err(|source| ScenarioError::Read {
                file: file.clone(),
                suggestion: (source.kind() == std::io::ErrorKind::NotFound)
                    .then(|| nearest_name(&file))
                    .flatten(),
                source,
            })?;
        if bytes.len() > limits::MAX_FILE_BYTES {
            return Err(too_large_stream(&file));
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            // The place of the first bad byte: its line, and its column in bytes.
            let at = e.utf8_error().valid_up_to();
            let before = &e.as_bytes()[..at];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = at
                - before
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1)
                + 1;
            let locator = Locator::new("");
            let mut c = Checker::new(&file, Some(&locator));
            c.push_at(
                Severity::Error,
                &FieldPath::root(),
                line,
                column,
                format!(
                    "the file is not UTF-8 text (invalid byte at offset {at}); save it as UTF-8"
                ),
            );
            ScenarioError::Invalid {
                diagnostics: c.diagnostics,
            }
        })?;
        Self::from_toml_str(&text, &file)
    }

    /// Parses and validates scenario text; `origin` names it in diagnostics.
    pub fn from_toml_str(text: &str, origin: &str) -> Result<Scenario, ScenarioError> {
        if text.len() > limits::MAX_FILE_BYTES {
            return Err(too_large(origin, text.len()));
        }
        let locator = Locator::new(text);
        let invalid = |path: FieldPath, span: Option<std::ops::Range<usize>>, message: String| {
            let (line, column) = match span {
                Some(s) => locator.line_col(s.start),
                None => locator.locate(&path),
            };
            let mut c = Checker::new(origin, Some(&locator));
            c.push_at(Severity::Error, &path, line, column, message);
            ScenarioError::Invalid {
                diagnostics: c.diagnostics,
            }
        };
        let de = toml::de::Deserializer::parse(text).map_err(|e| {
            let message = format!("TOML syntax: {}", e.message().trim_end());
            invalid(FieldPath::root(), e.span(), message)
        })?;
        let file: ScenarioFile = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = from_serde_path(e.path());
            let inner = e.into_inner();
            invalid(path, inner.span(), plain_types(inner.message()))
        })?;
        validate::validate(file, origin, Some(&locator))
            .map_err(|diagnostics| ScenarioError::Invalid { diagnostics })
    }

    /// Validates a scenario built in code (no text, so diagnostics carry line 0).
    pub fn from_file(file: ScenarioFile, origin: &str) -> Result<Scenario, ScenarioError> {
        validate::validate(file, origin, None)
            .map_err(|diagnostics| ScenarioError::Invalid { diagnostics })
    }
}

impl Scenario {
    /// A copy of this scenario with the number at `path` (e.g. `violations.rate_per_day`,
    /// `squadrons[2].aircraft_count`, `cap_stations[1].along_front.standoff_km`) set to `value`,
    /// validated again. The field must hold a number; an optional field the file leaves out
    /// (`squadrons[0].crews`) is added.
    pub fn with_value(&self, path: &str, value: f64) -> Result<Scenario, ScenarioError> {
        let label = self.set_label(path, value);
        let fail = |message: String| {
            let locator = Locator::new("");
            let mut c = Checker::new(&label, Some(&locator));
            c.push_at(
                Severity::Error,
                &FieldPath::parse(path).unwrap_or_default(),
                0,
                0,
                message,
            );
            ScenarioError::Invalid {
                diagnostics: c.diagnostics,
            }
        };
        if let Some(rest) = path.strip_prefix("aircraft_types.") {
            return self.with_type_value(path, rest, value);
        }
        let Some(fp) = FieldPath::parse(path) else {
            return Err(fail(format!(
                "`{path}` is not a field path; write keys separated by dots, with [i] for list entries, e.g. `squadrons[0].aircraft_count`"
            )));
        };
        let mut doc = toml::Value::try_from(&self.file)
            .map_err(|e| fail(format!("cannot represent the scenario as TOML: {e}")))?;
        let mut here = &mut doc;
        let mut walked_path = FieldPath::root();
        // An optional field the file leaves out (`squadrons[0].crews`) may be set: it is added,
        // and the scenario's own types say whether such a field exists.
        let mut added: Option<String> = None;
        let last = fp.0.len().saturating_sub(1);
        for (depth, seg) in fp.0.iter().enumerate() {
            let walked = walked_path.to_string();
            let next = match (seg, here) {
                (Segment::Key(k), toml::Value::Table(t)) => {
                    let known: Vec<String> = t.keys().map(|k| format!("`{k}`")).collect();
                    let no_field = format!(
                        "no field `{k}` in `{}`; fields there: {}",
                        if walked.is_empty() {
                            "the scenario"
                        } else {
                            &walked
                        },
                        known.join(", ")
                    );
                    if depth == last && !t.contains_key(k) && !known.is_empty() {
                        t.insert(k.clone(), toml::Value::Float(value));
                        added = Some(no_field.clone());
                    }
                    match t.get_mut(k) {
                        Some(v) => v,
                        None => {
                            return Err(fail(no_field));
                        }
                    }
                }
                (Segment::Index(i), toml::Value::Array(a)) => {
                    let len = a.len();
                    match a.get_mut(*i) {
                        Some(v) => v,
                        None => {
                            return Err(fail(format!(
                                "`{walked}` has {len} entries; index {i} is out of range"
                            )));
                        }
                    }
                }
                (seg, _) => {
                    return Err(fail(format!(
                        "`{walked}` is not a {} so `{}` does not apply",
                        if matches!(seg, Segment::Index(_)) {
                            "list"
                        } else {
                            "table"
                        },
                        FieldPath(vec![seg.clone()])
                    )));
                }
            };
            walked_path.0.push(seg.clone());
            here = next;
        }
        match here {
            toml::Value::Integer(_) => {
                if value.fract() != 0.0 || value < 0.0 {
                    return Err(fail(format!("`{path}` is a whole number; {value} is not")));
                }
                *here = toml::Value::Integer(value as i64);
            }
            toml::Value::Float(_) => *here = toml::Value::Float(value),
            other => {
                return Err(fail(format!(
                    "`{path}` is a {}, not a number; only numeric fields can be set",
                    other.type_str()
                )));
            }
        }
        if added.is_some() && value.fract() == 0.0 && value >= 0.0 {
            // A whole number may be a count: try it as one first.
            let mut whole = doc.clone();
            let mut at = &mut whole;
            for seg in &fp.0 {
                at = match (seg, at) {
                    (Segment::Key(k), toml::Value::Table(t)) => t.get_mut(k).expect("walked"),
                    (Segment::Index(i), toml::Value::Array(a)) => &mut a[*i],
                    _ => unreachable!("walked above"),
                };
            }
            *at = toml::Value::Integer(value as i64);
            if let Ok(file) = serde_path_to_error::deserialize::<_, ScenarioFile>(whole) {
                return self.validate_set(file, path, value);
            }
        }
        let file: ScenarioFile = serde_path_to_error::deserialize(doc).map_err(|e| {
            let inner = e.into_inner();
            let message = plain_types(inner.message());
            match &added {
                Some(no_field) if message.starts_with("unknown field") => {
                    fail(format!("{no_field} ({message})"))
                }
                _ => fail(format!("setting `{path}` to {value}: {message}")),
            }
        })?;
        self.validate_set(file, path, value)
    }

    /// Where an error of `with_value(path, value)` is: the scenario, with the value set (it is
    /// not a place in the file).
    fn set_label(&self, path: &str, value: f64) -> String {
        format!("{} with {path} = {value}", self.origin)
    }

    /// Validates `file`, this scenario with `path` set to `value`; errors name the value set.
    fn validate_set(
        &self,
        file: ScenarioFile,
        path: &str,
        value: f64,
    ) -> Result<Scenario, ScenarioError> {
        let label = self.set_label(path, value);
        let mut s = validate::validate(file, &label, None)
            .map_err(|diagnostics| ScenarioError::Invalid { diagnostics })?;
        s.origin.clone_from(&self.origin);
        Ok(s)
    }
}

impl Scenario {
    /// `aircraft_types.ID.FIELD`: sets a field of an aircraft type through an `[[aircraft]]`
    /// override (added if the scenario has none for that type).
    fn with_type_value(
        &self,
        path: &str,
        rest: &str,
        value: f64,
    ) -> Result<Scenario, ScenarioError> {
        let label = self.set_label(path, value);
        let fail = |message: String| {
            let locator = Locator::new("");
            let mut c = Checker::new(&label, Some(&locator));
            c.push_at(
                Severity::Error,
                &FieldPath::root(),
                0,
                0,
                format!("{path}: {message}"),
            );
            ScenarioError::Invalid {
                diagnostics: c.diagnostics,
            }
        };
        let Some((id, field)) = rest.split_once('.') else {
            return Err(fail(
                "write aircraft_types.ID.FIELD, e.g. aircraft_types.typhoon.turnaround_min".into(),
            ));
        };
        if !self.types.iter().any(|t| t.id == id) {
            let used: Vec<String> = self.types.iter().map(|t| format!("`{}`", t.id)).collect();
            return Err(fail(format!(
                "no type `{id}` is flown in this scenario; types flown: {}",
                used.join(", ")
            )));
        }
        let mut file = self.file.clone();
        let i = match file
            .aircraft
            .iter()
            .position(|t| t.get("id").and_then(|v| v.as_str()) == Some(id))
        {
            Some(i) => i,
            None => {
                let mut t = toml::Table::new();
                t.insert("id".into(), toml::Value::String(id.into()));
                file.aircraft.push(t);
                file.aircraft.len() - 1
            }
        };
        let mut table = &mut file.aircraft[i];
        let parts: Vec<&str> = field.split('.').collect();
        for part in &parts[..parts.len() - 1] {
            let entry = table
                .entry(part.to_string())
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            table = entry
                .as_table_mut()
                .ok_or_else(|| fail(format!("`{part}` is not a table")))?;
        }
        table.insert(
            parts[parts.len() - 1].to_string(),
            toml::Value::Float(value),
        );
        self.validate_set(file, path, value)
    }
}

/// Reads at most `limit + 1` bytes of `path`: a file, a pipe or a device that never ends
/// (`/dev/zero`) is read only as far as it takes to know that it is over the limit. The size on
/// disk is not trusted: a pipe or a device has none.
pub fn read_at_most(path: &Path, limit: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A file over the limit, whose whole length is not known (it was read only past the limit).
fn too_large_stream(file: &str) -> ScenarioError {
    whole_file_error(
        file,
        format!(
            "the file is more than {} bytes, the limit (scenario::limits::MAX_FILE_BYTES)",
            limits::MAX_FILE_BYTES
        ),
    )
}

fn too_large(file: &str, len: usize) -> ScenarioError {
    whole_file_error(
        file,
        format!(
            "the file is {len} bytes; the limit is {} bytes (scenario::limits::MAX_FILE_BYTES)",
            limits::MAX_FILE_BYTES
        ),
    )
}

/// An error about the whole file, not a place in it.
fn whole_file_error(file: &str, message: String) -> ScenarioError {
    let locator = Locator::new("");
    let mut c = Checker::new(file, Some(&locator));
    c.push_at(Severity::Error, &FieldPath::root(), 0, 0, message);
    ScenarioError::Invalid {
        diagnostics: c.diagnostics,
    }
}

/// Says serde's type names in words.
pub(crate) fn plain_types(message: &str) -> String {
    message
        .replace("expected u32", "expected a whole number, 0 or more")
        .replace("expected f64", "expected a number")
        .replace("expected a sequence", "expected an array")
        .replace("expected a map", "expected a table")
        .replace(
            "expected an array of length 2",
            "expected [lat, lon] (2 numbers)",
        )
}

pub(crate) fn from_serde_path(p: &serde_path_to_error::Path) -> FieldPath {
    let mut out = FieldPath::root();
    for seg in p.iter() {
        match seg {
            serde_path_to_error::Segment::Map { key } => out = out.key(key),
            serde_path_to_error::Segment::Seq { index } => out = out.index(*index),
            _ => {}
        }
    }
    out
}
