//! The frame of a scenario: `[scenario]`, `[front]`, the limits on its lists, `[[bases]]` and
//! `[relief]`.

use super::Base;
use super::checker::Checker;
use crate::geo::Front;
use crate::scenario::error::FieldPath;
use crate::scenario::file::*;
use crate::scenario::limits::*;

/// `[scenario]`: duration and warm-up.
pub(super) fn scenario(c: &mut Checker, file: &ScenarioFile) {
    let root = FieldPath::root();
    let meta = root.key("scenario");
    let duration_ok = c.positive(&meta.key("duration_days"), file.scenario.duration_days);
    if duration_ok && file.scenario.duration_days > MAX_DURATION_DAYS {
        c.error(
            &meta.key("duration_days"),
            format!(
                "is {} days; the limit is {MAX_DURATION_DAYS} days (scenario::limits::MAX_DURATION_DAYS)",
                file.scenario.duration_days
            ),
        );
    }
    if c.non_negative(&meta.key("warmup_days"), file.scenario.warmup_days)
        && duration_ok
        && file.scenario.warmup_days >= file.scenario.duration_days
    {
        c.error(
            &meta.key("warmup_days"),
            format!(
                "must be shorter than duration_days ({}), got {}",
                file.scenario.duration_days, file.scenario.warmup_days
            ),
        );
    }
}

/// `[front]`: the line, its sectors and the target altitudes; the front when it is valid.
pub(super) fn front(c: &mut Checker, file: &ScenarioFile) -> Option<Front> {
    let root = FieldPath::root();
    let fp = root.key("front");
    let mut front = None;
    if file.front.points.len() > MAX_FRONT_POINTS {
        c.error(
            &fp.key("points"),
            format!(
                "has {} points; the limit is {MAX_FRONT_POINTS} (scenario::limits::MAX_FRONT_POINTS)",
                file.front.points.len()
            ),
        );
    } else {
        let mut points_ok = true;
        for (i, p) in file.front.points.iter().enumerate() {
            points_ok &= c.position(&fp.key("points").index(i), p);
        }
        if points_ok {
            match Front::new(file.front.points.clone(), file.front.protected_side) {
                Ok(f) if f.length_km() > MAX_FRONT_KM => c.error(
                    &fp.key("points"),
                    format!(
                        "the front is {:.0} km long; the limit is {MAX_FRONT_KM} km (scenario::limits::MAX_FRONT_KM)",
                        f.length_km()
                    ),
                ),
                Ok(f) => front = Some(f),
                Err(e) => c.error(&fp.key("points"), e.to_string()),
            }
        }
    }
    if file.front.sectors == 0 || file.front.sectors > MAX_SECTORS {
        c.error(
            &fp.key("sectors"),
            format!(
                "must be between 1 and {MAX_SECTORS}, got {}",
                file.front.sectors
            ),
        );
    }
    if let Some(names) = &file.front.sector_names {
        if names.len() != file.front.sectors as usize {
            c.error(
                &fp.key("sector_names"),
                format!(
                    "must name every sector, {} (from `sectors`), got {} names",
                    file.front.sectors,
                    names.len()
                ),
            );
        }
        for (i, n) in names.iter().enumerate() {
            if n.trim().is_empty() {
                c.error(&fp.key("sector_names").index(i), "must not be empty");
            }
        }
    }
    c.non_negative(&fp.key("low_target_m"), file.front.low_target_m);
    c.non_negative(&fp.key("high_target_m"), file.front.high_target_m);
    front
}

/// The limits on the length of every list.
pub(super) fn list_limits(c: &mut Checker, file: &ScenarioFile) {
    let root = FieldPath::root();
    for (name, len) in [
        ("bases", file.bases.len()),
        ("aircraft", file.aircraft.len()),
        ("squadrons", file.squadrons.len()),
        ("qra", file.qra.len()),
        ("tanker_tracks", file.tanker_tracks.len()),
        ("aew_orbits", file.aew_orbits.len()),
        ("ground_radars", file.ground_radars.len()),
        ("points", file.points.len()),
        ("cap_stations", file.cap_stations.len()),
    ] {
        c.list_limit(&root.key(name), len, MAX_LIST_ENTRIES);
    }
}

/// Every name and id in the file: free text, but no control characters (a bare carriage return
/// splits a CSV row; a bell or NUL makes the report's SVG invalid XML).
pub(super) fn names(c: &mut Checker, file: &ScenarioFile) {
    let root = FieldPath::root();
    let mut named: Vec<(FieldPath, &str)> = vec![(
        root.key("scenario").key("name"),
        file.scenario.name.as_str(),
    )];
    fn list<'a>(
        named: &mut Vec<(FieldPath, &'a str)>,
        key: &str,
        names: Vec<(&str, &'a str)>,
        i: usize,
    ) {
        for (field, name) in names {
            named.push((FieldPath::root().key(key).index(i).key(field), name));
        }
    }
    for (i, b) in file.bases.iter().enumerate() {
        list(&mut named, "bases", vec![("name", &b.name)], i);
        if let Some(icao) = &b.icao {
            list(&mut named, "bases", vec![("icao", icao)], i);
        }
    }
    for (i, t) in file.aircraft.iter().enumerate() {
        for field in ["id", "name", "based_on"] {
            if let Some(v) = t.get(field).and_then(|v| v.as_str()) {
                list(&mut named, "aircraft", vec![(field, v)], i);
            }
        }
    }
    for (i, s) in file.squadrons.iter().enumerate() {
        list(&mut named, "squadrons", vec![("name", &s.name)], i);
    }
    for (i, s) in file.cap_stations.iter().enumerate() {
        list(&mut named, "cap_stations", vec![("name", &s.name)], i);
    }
    for (i, q) in file.qra.iter().enumerate() {
        list(&mut named, "qra", vec![("name", &q.name)], i);
    }
    for (i, t) in file.tanker_tracks.iter().enumerate() {
        list(&mut named, "tanker_tracks", vec![("name", &t.name)], i);
    }
    for (i, o) in file.aew_orbits.iter().enumerate() {
        list(&mut named, "aew_orbits", vec![("name", &o.name)], i);
    }
    for (i, r) in file.ground_radars.iter().enumerate() {
        list(&mut named, "ground_radars", vec![("name", &r.name)], i);
    }
    for (i, p) in file.points.iter().enumerate() {
        list(&mut named, "points", vec![("name", &p.name)], i);
    }
    if let Some(v) = &file.violations {
        for (i, t) in v.types.iter().enumerate() {
            named.push((
                root.key("violations").key("types").index(i).key("name"),
                t.name.as_str(),
            ));
        }
    }
    for (path, name) in named {
        if let Some(ch) = name.chars().find(|ch| ch.is_control()) {
            c.error(
                &path,
                format!(
                    "contains a control character (U+{:04X}); names are printed in tables, CSV files and the report's SVG: remove it",
                    u32::from(ch)
                ),
            );
        }
    }
}

/// `[[bases]]`.
pub(super) fn bases(c: &mut Checker, file: &ScenarioFile) -> Vec<Base> {
    let root = FieldPath::root();
    let mut bases = Vec::new();
    for (i, b) in file.bases.iter().enumerate() {
        c.position(&root.key("bases").index(i).key("position"), &b.position);
        bases.push(Base {
            name: b.name.clone(),
            icao: b.icao.clone(),
            position: b.position,
        });
    }
    c.unique("bases", file.bases.iter().map(|b| b.name.as_str()));
    let mut codes = std::collections::HashMap::new();
    for (i, b) in file.bases.iter().enumerate() {
        if let Some(code) = &b.icao
            && let Some(first) = codes.insert(code.as_str(), i)
        {
            c.error(
                &root.key("bases").index(i).key("icao"),
                format!(
                    "the ICAO code `{code}` is also that of bases[{first}] (`{}`); a squadron's `base` would not know which is meant",
                    file.bases[first].name
                ),
            );
        }
    }
    bases
}

/// `[relief]`.
pub(super) fn relief(c: &mut Checker, file: &ScenarioFile) {
    let root = FieldPath::root();
    let rp = root.key("relief");
    c.non_negative(&rp.key("overlap_min"), file.relief.overlap_min);
    c.non_negative(
        &rp.key("support_margin_min"),
        file.relief.support_margin_min,
    );
    if !(file.relief.refuel_at_fuel_fraction > 0.0 && file.relief.refuel_at_fuel_fraction < 1.0) {
        c.error(
            &rp.key("refuel_at_fuel_fraction"),
            format!(
                "must be in (0, 1), got {}",
                file.relief.refuel_at_fuel_fraction
            ),
        );
    }
}

/// A number in `(low, high]` (`low` excluded when `open`), with the valid range in the message.
fn within(c: &mut Checker, path: &FieldPath, v: f64, low: f64, high: f64, open: bool) {
    let ok = v.is_finite() && (if open { v > low } else { v >= low }) && v <= high;
    if !ok {
        let bracket = if open { "(" } else { "[" };
        c.error(
            path,
            format!("must be a number in {bracket}{low}, {high}], got {v}"),
        );
    }
}

/// `[sustainment]` and the squadrons' rotation and training keys.
pub(super) fn sustainment(c: &mut Checker, file: &ScenarioFile) {
    let root = FieldPath::root();
    let sp = root.key("sustainment");
    let s = &file.sustainment;
    within(
        c,
        &sp.key("horizon_years"),
        s.horizon_years,
        0.0,
        50.0,
        true,
    );
    within(c, &sp.key("dwell_ratio"), s.dwell_ratio, 0.0, 20.0, false);
    within(c, &sp.key("tour_months"), s.tour_months, 0.0, 60.0, true);
    within(c, &sp.key("rest_h"), s.rest_h, 0.0, 72.0, false);
    within(c, &sp.key("crew_day_h"), s.crew_day_h, 0.0, 24.0, true);
    within(c, &sp.key("duty_extra_h"), s.duty_extra_h, 0.0, 12.0, false);
    within(
        c,
        &sp.key("duties_per_week"),
        s.duties_per_week,
        0.0,
        7.0,
        true,
    );
    if s.duty_extra_h >= s.crew_day_h {
        c.error(
            &sp.key("duty_extra_h"),
            format!(
                "is {} h, which leaves no flying in a {} h crew day; make it shorter than crew_day_h",
                s.duty_extra_h, s.crew_day_h
            ),
        );
    }
    if let Some(b) = s.annual_budget_usd {
        c.positive(&sp.key("annual_budget_usd"), b);
    }
    for (i, q) in file.squadrons.iter().enumerate() {
        let qp = root.key("squadrons").index(i);
        if let Some(d) = q.dwell_ratio {
            within(c, &qp.key("dwell_ratio"), d, 0.0, 20.0, false);
        }
        if let Some(t) = q.tour_months {
            within(c, &qp.key("tour_months"), t, 0.0, 60.0, true);
        }
        if let Some(t) = q.training_share {
            c.fraction(&qp.key("training_share"), t);
        }
        if let Some(m) = q.missiles {
            c.at_least_one(&qp.key("missiles"), m);
        }
        if let Some(x) = q.missile_cost_usd {
            c.non_negative(&qp.key("missile_cost_usd"), x);
        }
        if let Some(b) = q.backup_share {
            within(c, &qp.key("backup_share"), b, 0.0, 3.0, false);
        }
        match (q.crews, q.crew_ratio) {
            (Some(_), Some(_)) => c.error(
                &qp.key("crew_ratio"),
                "give either crews (a count) or crew_ratio (crews per aircraft), not both",
            ),
            (Some(n), None) => {
                c.at_least_one(&qp.key("crews"), n);
            }
            (None, Some(r)) => within(c, &qp.key("crew_ratio"), r, 0.0, 20.0, true),
            (None, None) => {}
        }
    }
}
