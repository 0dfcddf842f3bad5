//! `[violations]` (arrivals, sectors, violator types) and `[targets]` (the standard).

use super::checker::{Checker, known_list};
use super::{Raid, Violations, ViolatorType};
use crate::scenario::error::{FieldPath, Segment};
use crate::scenario::file::*;
use crate::scenario::limits::*;

/// `[violations]`; `front_km` is the front's length when the front is valid.
pub(super) fn violations(
    c: &mut Checker,
    file: &ScenarioFile,
    front_km: Option<f64>,
) -> Option<Violations> {
    let root = FieldPath::root();
    file.violations.as_ref().map(|v| {
        let p = root.key("violations");
        let rate_ok = c.non_negative(&p.key("rate_per_day"), v.rate_per_day);
        let mut hourly = [1.0; 24];
        if let Some(m) = &v.hourly_multipliers {
            if m.len() != 24 {
                c.error(&p.key("hourly_multipliers"), format!("must have 24 values, one per hour of the day from 00:00, got {}", m.len()));
            } else {
                for (h, x) in m.iter().enumerate() {
                    c.non_negative(&p.key("hourly_multipliers").index(h), *x);
                    hourly[h] = *x;
                }
                if m.iter().all(|x| *x == 0.0) {
                    c.error(&p.key("hourly_multipliers"), "are all 0, so no violation could ever arrive; remove [violations] instead");
                }
            }
        }
        let mut peak_surge: f64 = 1.0;
        for (k, s) in v.surges.iter().enumerate() {
            let sp = p.key("surges").index(k);
            c.non_negative(&sp.key("start_day"), s.start_day);
            c.non_negative(&sp.key("multiplier"), s.multiplier);
            if !(s.end_day.is_finite() && s.end_day > s.start_day) {
                c.error(&sp.key("end_day"), format!("must be after start_day ({}), got {}", s.start_day, s.end_day));
            }
            peak_surge = peak_surge.max(s.multiplier);
        }
        let sectors = file.front.sectors.clamp(1, MAX_SECTORS) as usize;
        let mut weights = vec![1.0 / sectors as f64; sectors];
        if let Some(w) = &v.sector_weights {
            if w.len() != sectors {
                c.error(&p.key("sector_weights"), format!("must have one weight per front sector ({sectors}, from [front] sectors), got {}", w.len()));
            } else {
                let mut ok = true;
                for (k, x) in w.iter().enumerate() {
                    ok &= c.non_negative(&p.key("sector_weights").index(k), *x);
                }
                let sum: f64 = w.iter().sum();
                if ok && sum <= 0.0 {
                    c.error(&p.key("sector_weights"), "must not all be 0: at least one sector must see violations");
                } else if ok {
                    weights = w.iter().map(|x| x / sum).collect();
                }
            }
        }
        c.dist(&p.key("c2_delay_min"), &v.c2_delay_min);
        c.dist(&p.key("shadow_min"), &v.shadow_min);
        if let Some(k) = v.fighters_above_kmh {
            c.non_negative(&p.key("fighters_above_kmh"), k);
        }
        if let Some(r) = v.retry_min
            && c.positive(&p.key("retry_min"), r)
            && r < 1.0
        {
            c.error(
                &p.key("retry_min"),
                format!("is {r} minutes; order again at most once a minute (at least 1)"),
            );
        }
        if v.types.is_empty() {
            c.error(&p.key("types"), "must list at least one violator type ([[violations.types]])");
        }
        c.list_limit(&p.key("types"), v.types.len(), MAX_LIST_ENTRIES);
        let mut types_out = Vec::new();
        let mut share_sum = 0.0;
        let mut shares_ok = true;
        for (k, t) in v.types.iter().enumerate() {
            let tp = p.key("types").index(k);
            shares_ok &= c.fraction(&tp.key("share"), t.share);
            share_sum += t.share;
            c.positive(&tp.key("speed_kmh"), t.speed_kmh);
            c.non_negative(&tp.key("altitude_m"), t.altitude_m);
            match (&t.penetration_km, &t.dwell_min) {
                (Some(d), None) => {
                    c.positive(&tp.key("penetration_km"), *d);
                }
                (None, Some(d)) => {
                    c.dist(&tp.key("dwell_min"), d);
                }
                _ => c.error(&tp, "give exactly one of `penetration_km` (how deep it flies before turning back) or `dwell_min` (how long it stays)"),
            }
            if let Some(f) = t.radar_range_factor
                && !(f > 0.0 && f <= 1.0)
            {
                c.error(&tp.key("radar_range_factor"), format!("is the share of a sensor's range at which it is seen: in (0, 1], got {f}"));
            }
            if !(t.heading_spread_deg.is_finite() && (0.0..=90.0).contains(&t.heading_spread_deg)) {
                c.error(&tp.key("heading_spread_deg"), format!("must be in [0, 90] degrees, got {}", t.heading_spread_deg));
            }
            let mut toward = Vec::new();
            for (j, name) in t.toward.iter().enumerate() {
                match file.points.iter().position(|pt| &pt.name == name) {
                    Some(x) => toward.push(x),
                    None => c.error(
                        &tp.key("toward").index(j),
                        format!("unknown point `{name}`; points in this file ([[points]]): {}", known_list(file.points.iter().map(|p| p.name.clone()))),
                    ),
                }
            }
            types_out.push(ViolatorType { spec: t.clone(), toward });
        }
        c.unique_in(&p.key("types"), v.types.iter().map(|t| t.name.as_str()));
        if shares_ok && !v.types.is_empty() && (share_sum - 1.0).abs() > 1e-6 {
            c.error(&p.key("types"), format!("shares add up to {share_sum}; they must add up to 1"));
        }
        let (raids, raid_violators) = raids(c, file, v, front_km);
        let peak_hour = hourly.iter().cloned().fold(0.0, f64::max).max(1.0);
        let expected =
            v.rate_per_day * peak_hour * peak_surge * file.scenario.duration_days + raid_violators;
        if rate_ok && expected > MAX_VIOLATIONS_PER_REPLICATION {
            c.error(
                &p.key("rate_per_day"),
                format!("could bring up to {expected:.0} violations in one replication; the limit is {MAX_VIOLATIONS_PER_REPLICATION} (scenario::limits::MAX_VIOLATIONS_PER_REPLICATION)"),
            );
        }
        Violations {
            rate_per_day: v.rate_per_day,
            hourly_multipliers: hourly,
            surges: v.surges.clone(),
            sector_weights: weights,
            c2_delay_min: v.c2_delay_min,
            shadow_min: v.shadow_min,
            retry_min: v.retry_min,
            responder: v.responder,
            fighters_above_kmh: v.fighters_above_kmh,
            types: types_out,
            raids,
        }
    })
}

/// `[[violations.raids]]`, with the violators they are expected to bring in one replication.
fn raids(
    c: &mut Checker,
    file: &ScenarioFile,
    v: &ViolationsSpec,
    front_km: Option<f64>,
) -> (Vec<Raid>, f64) {
    let p = FieldPath::root().key("violations").key("raids");
    c.list_limit(&p, v.raids.len(), MAX_LIST_ENTRIES);
    c.unique_in(&p, v.raids.iter().map(|r| r.name.as_str()));
    let days = file.scenario.duration_days;
    let mut out = Vec::new();
    let mut expected = 0.0;
    for (k, r) in v.raids.iter().enumerate() {
        let rp = p.index(k);
        let kind = v.types.iter().position(|t| t.name == r.kind);
        if kind.is_none() {
            c.error(
                &rp.key("type"),
                format!(
                    "unknown violator type `{}`; types in this file ([[violations.types]]): {}",
                    r.kind,
                    known_list(v.types.iter().map(|t| t.name.clone()))
                ),
            );
        }
        let count_ok = c.dist(&rp.key("count"), &r.count);
        c.non_negative(&rp.key("window_min"), r.window_min);
        c.fraction(&rp.key("decoy_share"), r.decoy_share);
        let rate_ok = c.non_negative(&rp.key("per_day"), r.per_day);
        for (j, d) in r.at_days.iter().enumerate() {
            if c.non_negative(&rp.key("at_days").index(j), *d) && *d >= days {
                c.warn(
                    &rp.key("at_days").index(j),
                    format!(
                        "is at or past the end of the run ({days} days), so this raid never comes"
                    ),
                );
            }
        }
        if r.at_days.is_empty() && r.per_day == 0.0 {
            c.warn(
                &rp,
                "has neither `at_days` nor `per_day`, so it never comes",
            );
        }
        let from = r.from_km.unwrap_or(0.0);
        let to = r.to_km.or(front_km).unwrap_or(f64::INFINITY);
        let ends_ok = c.non_negative(&rp.key("from_km"), from) && c.positive(&rp.key("to_km"), to);
        if ends_ok && from >= to {
            c.error(
                &rp.key("to_km"),
                format!("must be beyond `from_km` ({from} km), got {to} km"),
            );
        } else if let Some(len) = front_km
            && ends_ok
            && to > len + 1e-9
        {
            c.error(
                &rp.key("to_km"),
                format!(
                    "is {to} km; the front is {len:.1} km long, so the stretch must end within it"
                ),
            );
        }
        if count_ok && rate_ok {
            expected += r.count.mean().max(1.0) * (r.at_days.len() as f64 + r.per_day * days);
        }
        if let Some(kind) = kind {
            out.push(Raid {
                spec: r.clone(),
                kind,
                from_km: from,
                to_km: to,
            });
        }
    }
    (out, expected)
}

/// `[targets]`; `metric_names` are the names `[targets.metrics]` accepts (from
/// [`TargetsSpec::metric_names`]).
pub(super) fn targets(c: &mut Checker, file: &ScenarioFile, metric_names: &[String]) {
    let root = FieldPath::root();
    let tp = root.key("targets");
    let t = &file.targets;
    for (name, v) in t.scalar_minimums() {
        if let Some(v) = v {
            c.fraction(&tp.key(name), v);
        }
    }
    let mp = tp.key("metrics");
    for (name, &v) in &t.metrics {
        // The name as one key: a post's name may hold a dot.
        let mut path = mp.clone();
        path.0.push(Segment::Key(name.clone()));
        if !metric_names.contains(name) {
            c.error(
                &path,
                format!(
                    "`{name}` is not a per-post or per-point metric of this scenario; valid names: {}",
                    known_list(metric_names.iter().cloned())
                ),
            );
            continue;
        }
        c.fraction(&path, v);
        let scalar = t.scalar_minimums().into_iter().find(|(n, _)| n == name);
        if scalar.is_some_and(|(_, g)| g.is_some()) {
            c.error(
                &path,
                format!("is also set as `[targets] {name}`; give it once"),
            );
        }
    }
    if let Some(r) = t.response_time_min {
        c.positive(&tp.key("response_time_min"), r);
    }
    if t.intercept_within_target.is_some() && t.response_time_min.is_none() {
        c.error(
            &tp.key("intercept_within_target"),
            "needs `response_time_min`, the time within which an intercept counts",
        );
    }
    if !(t.confidence > 0.0 && t.confidence < 1.0) {
        c.error(
            &tp.key("confidence"),
            format!("must be in (0, 1), e.g. 0.9, got {}", t.confidence),
        );
    }
    for (name, v) in t.scalar_minimums().into_iter().take(4) {
        if v.is_some() && file.cap_stations.is_empty() {
            c.warn(
                &tp.key(name),
                "is set but there are no CAP stations, so it is always met",
            );
        }
    }
    // Every post of a kind manned is met by default when there is none of that kind: say so.
    for (name, v, none, what) in [
        (
            "aew_coverage",
            t.aew_coverage,
            file.aew_orbits.is_empty(),
            "AEW orbits",
        ),
        (
            "tanker_coverage",
            t.tanker_coverage,
            file.tanker_tracks.is_empty(),
            "tanker tracks",
        ),
        (
            "qra_coverage",
            t.qra_coverage,
            file.qra.is_empty(),
            "QRA postures",
        ),
    ] {
        if v.is_some() && none {
            c.warn(
                &tp.key(name),
                format!("is set but there are no {what}, so it is always met"),
            );
        }
    }
    // Violators stopped before a defended point need violators and a defended point.
    if t.points_defended.is_some() {
        if !file.points.iter().any(|p| p.defend_radius_km.is_some()) {
            c.error(
                &tp.key("points_defended"),
                "asks for violators stopped before a defended point, but no `[[points]]` entry has `defend_radius_km`; give the points to defend a radius, or drop the target",
            );
        } else if file.violations.is_none() {
            c.error(
                &tp.key("points_defended"),
                "asks for violators stopped before a defended point, but the scenario has no `[violations]`; add them, or drop the target",
            );
        }
    }
    // A front with no radar at all is never in radar cover: a cover target cannot be met.
    if let Some(goal) = t.front_coverage_low
        && goal > 0.0
        && file.aew_orbits.is_empty()
        && file.ground_radars.is_empty()
    {
        c.error(
            &tp.key("front_coverage_low"),
            "asks for radar cover of the front, but the scenario has no AEW orbit and no ground radar, so the front is never covered; add `[[aew_orbits]]` or `[[ground_radars]]`, or drop the target",
        );
    }
}
