//! `airpolicing estimate`: the closed-form answer, as tables whose numbers a reader can follow
//! back to the formulas.

use crate::failure::Failure;
use crate::output::print_json;
use crate::table::{Table, count, f, pct};
use airpolicing::analytic::Estimate;
use airpolicing::scenario::Scenario;
use std::fmt::Write;

#[derive(clap::Args)]
pub(crate) struct EstimateArgs {
    /// A scenario file, or the name of a bundled scenario.
    scenario: String,
    /// Print one JSON document on stdout instead of tables.
    #[arg(long)]
    json: bool,
}

/// The closed-form estimate, as tables or JSON.
pub(crate) fn execute(a: EstimateArgs) -> Result<(), Failure> {
    let (scenario, json) = (a.scenario, a.json);
    let s = Scenario::load(&scenario)?;
    for w in &s.warnings {
        eprintln!("{w}");
    }
    let e = airpolicing::analytic::estimate(&s);
    if json {
        let doc = serde_json::json!({ "estimate": e, "warnings": s.warnings });
        print_json(&doc)?;
    } else {
        crate::output::out(&render(&s, &e))?;
    }
    Ok(())
}

pub fn render(s: &Scenario, e: &Estimate) -> String {
    let mut out = String::new();
    let conf = pct(e.confidence);
    let _ = writeln!(
        out,
        "Closed-form estimate for `{}` ({}): front {:.0} km, hand-over overlap {:.0} min, confidence {conf}.\n",
        e.scenario,
        s.origin,
        s.front.length_km(),
        e.overlap_h * 60.0
    );

    if !e.stations.is_empty() {
        out.push_str("CAP stations — aircraft in rotation = k · ceil(C / (t_on − overlap)), t_on = t_os − away, cycle C = t_os + 2·t_tr + t_g\n");
        let mut t = Table::new(&[
            "station",
            "squadron",
            "type",
            "k",
            "base km",
            "t_tr h",
            "internal h",
            "AAR",
            "t_os h",
            "AAR kg/sortie",
            "away h",
            "t_g h",
            "C h",
            "sorties/day",
            "FH/day",
            "k·C/t_on",
            "aircraft",
        ]);
        for st in &e.stations {
            t.row(vec![
                st.station.clone(),
                st.squadron.clone(),
                st.aircraft.clone(),
                st.element.to_string(),
                f(st.distance_km, 0),
                f(st.transit_h, 2),
                f(st.on_station_internal_h, 2),
                if st.with_aar { "yes" } else { "no" }.into(),
                f(st.on_station_h, 2),
                f(st.aar_fuel_per_sortie_kg, 0),
                if st.refuels_in_area && st.tanker_trips_per_sortie > 0 {
                    "in area".into()
                } else {
                    f(st.away_for_fuel_h, 2)
                },
                f(st.ground_h, 2),
                f(st.cycle_h, 2),
                f(st.sorties_per_day, 1),
                f(st.flight_hours_per_day, 1),
                f(st.aircraft_lower_bound, 1),
                count(st.aircraft_in_rotation),
            ]);
        }
        out.push_str(&t.render());
        out.push_str("  t_tr: one-way transit; internal: time on station on internal fuel; t_os: time on station used (the crew limit less transit when a compatible tanker serves the station); away: hours per sortie off station for fuel (both legs and the hook-up of each trip; \"in area\" when the tanker track lies inside the station's patrol area, so the trips are time on station); t_on: t_os less away; t_g: launch + turnaround.\n\n");
    }

    for (title, tracks, fuel) in [
        (
            "Tanker tracks — time on track after the tanker's own burn and the fuel it gives",
            &e.tanker_tracks,
            true,
        ),
        ("AEW&C orbits", &e.aew_orbits, false),
    ] {
        if tracks.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{title}");
        let mut header = vec!["track", "squadron", "type", "required", "base km", "t_tr h"];
        if fuel {
            header.push("offload t/day");
        }
        header.extend(["t_os h", "C h", "sorties/day", "FH/day", "aircraft"]);
        let mut t = Table::new(&header);
        for tr in tracks {
            let mut row = vec![
                tr.track.clone(),
                tr.squadron.clone(),
                tr.aircraft.clone(),
                tr.required.to_string(),
                f(tr.distance_km, 0),
                f(tr.transit_h, 2),
            ];
            if fuel {
                row.push(f(tr.fuel_demand_kg_per_day / 1000.0, 1));
            }
            row.extend([
                f(tr.on_station_h, 2),
                f(tr.cycle_h, 2),
                f(tr.sorties_per_day, 1),
                f(tr.flight_hours_per_day, 1),
                count(tr.aircraft_in_rotation),
            ]);
            t.row(row);
        }
        out.push_str(&t.render());
        out.push('\n');
    }

    if !e.qra.is_empty() {
        out.push_str("QRA — P(no alert) = Erlang-B(elements, λ·S): the chance a violation finds no element on alert\n");
        let mut t = Table::new(&[
            "posture",
            "squadron",
            "on alert",
            "elements",
            "λ /day",
            "front km (mean)",
            "S h",
            "λ·S",
            "P(no alert)",
            "reaction min",
        ]);
        for q in &e.qra {
            t.row(vec![
                q.qra.clone(),
                q.squadron.clone(),
                q.on_alert.to_string(),
                q.elements.to_string(),
                f(q.violations_per_day, 2),
                f(q.mean_distance_km, 0),
                f(q.service_h, 2),
                f(q.offered_load, 4),
                f(q.no_alert_fraction, 4),
                f(q.mean_reaction_min, 0),
            ]);
        }
        out.push_str(&t.render());
        for q in &e.qra {
            let _ = writeln!(out, "  {}: S is {}.", q.qra, q.service_basis);
        }
        out.push_str("  reaction: readiness plus the dash to the mean point of the posture's stretch of front.\n\n");
    }

    let c = &e.coverage;
    let _ = writeln!(
        out,
        "Sensor coverage of the front with every orbit manned: {} against a low target ({:.0} m), {} against a high target ({:.0} m).\n",
        pct(c.front_coverage_low),
        c.low_target_m,
        pct(c.front_coverage_high),
        c.high_target_m
    );

    let _ = writeln!(
        out,
        "Squadrons — fleet = aircraft in rotation ÷ availability A, or the smallest N with P[Binomial(N, A) ≥ in rotation] ≥ {conf}"
    );
    let mut t = Table::new(&[
        "squadron",
        "type",
        "role",
        "in rotation",
        "A",
        "N/A",
        "fleet",
        "given",
        "sorties/day",
        "FH/day",
        "FH/aircraft/day",
    ]);
    for q in &e.squadrons {
        t.row(vec![
            q.squadron.clone(),
            q.aircraft.clone(),
            q.role.clone(),
            if q.infeasible {
                format!("{}+", q.in_rotation)
            } else {
                q.in_rotation.to_string()
            },
            f(q.availability, 3),
            count(q.fleet_by_division),
            count(q.fleet_at_confidence),
            q.aircraft_count.to_string(),
            f(q.sorties_per_day, 1),
            f(q.flight_hours_per_day, 1),
            q.utilisation_h_per_aircraft_day
                .map_or("—".into(), |u| f(u, 2)),
        ]);
    }
    out.push_str(&t.render());
    out.push('\n');

    out.push_str("By type\n");
    let mut t = Table::new(&["type", "role", "in rotation", "fleet", "given"]);
    for ty in &e.types {
        t.row(vec![
            ty.aircraft.clone(),
            ty.role.clone(),
            ty.in_rotation.to_string(),
            count(ty.fleet_at_confidence),
            ty.aircraft_count.to_string(),
        ]);
    }
    out.push_str(&t.render());
    out.push('\n');

    match e.total_fleet_at_confidence {
        Some(n) => {
            let _ = writeln!(
                out,
                "Answer: {n} aircraft in all ({} in rotation at any time); the scenario gives {}.",
                e.total_in_rotation, e.total_aircraft_count
            );
            let short: Vec<String> = e
                .squadrons
                .iter()
                .filter_map(|q| {
                    let need = q.fleet_at_confidence?;
                    (need > q.aircraft_count)
                        .then(|| format!("{} needs {need}, has {}", q.squadron, q.aircraft_count))
                })
                .collect();
            if short.is_empty() {
                let _ = writeln!(
                    out,
                    "Every squadron has enough aircraft to keep its rotation ready with {conf} confidence."
                );
            } else {
                let _ = writeln!(
                    out,
                    "Short of the {conf} standard: {}.",
                    short.join("; ")
                );
            }
        }
        None => out.push_str(
            "Answer: no rotation keeps some task manned (marked `none works`): the time there does not exceed the hand-over overlap. Move it closer, add a tanker, or shorten the overlap.\n",
        ),
    }
    out.push_str("This is a floor: it ignores random breakdowns, relief timing, intercepts pulling fighters off station and tanker queues, which the simulator adds.\n");
    out.push_str("\nNotes:\n");
    for n in &e.notes {
        let _ = writeln!(out, "  - {n}");
    }
    out
}
