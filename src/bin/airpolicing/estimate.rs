//! `airpolicing estimate`: the closed-form answer, as tables whose numbers a reader can follow
//! back to the formulas.

use crate::failure::Failure;
use crate::output::print_json;
use crate::table::{Table, count, f, pct, wrap};
use airpolicing::analytic::Estimate;
use airpolicing::scenario::Scenario;
use airpolicing::sustain::Account;
use std::fmt::Write;

#[derive(clap::Args)]
pub(crate) struct EstimateArgs {
    /// A scenario file, or the name of a bundled scenario.
    scenario: String,
    /// Print one JSON document on stdout instead of tables.
    #[arg(long)]
    json: bool,
    /// Every column of every table (wider than 100 characters); by default the tables keep the
    /// columns that carry the answer.
    #[arg(long)]
    wide: bool,
}

/// The closed-form estimate, as tables or JSON.
pub(crate) fn execute(a: EstimateArgs) -> Result<(), Failure> {
    let (scenario, json, wide) = (a.scenario, a.json, a.wide);
    let s = Scenario::load(&scenario)?;
    for w in &s.warnings {
        eprintln!("{w}");
    }
    let e = airpolicing::analytic::estimate(&s);
    if json {
        let doc = serde_json::json!({
            "estimate": e,
            "sustainment": Account::of_estimate(&s, &e),
            "warnings": s.warnings,
        });
        print_json(&doc)?;
    } else {
        crate::output::out(&render(&s, &e, wide))?;
    }
    Ok(())
}

/// Lines of prose are wrapped at this width; the default tables fit it too.
const WIDTH: usize = 100;

pub fn render(s: &Scenario, e: &Estimate, wide: bool) -> String {
    let mut out = String::new();
    let conf = pct(e.confidence);
    out.push_str(&wrap(
        &format!(
            "Closed-form estimate for `{}` ({}): front {:.0} km, hand-over overlap {:.0} min, confidence {conf}.",
            e.scenario,
            s.origin,
            s.front.length_km(),
            e.overlap_h * 60.0
        ),
        WIDTH,
        "",
    ));
    out.push('\n');

    if !e.stations.is_empty() {
        out.push_str("CAP stations\n  aircraft in rotation = element × ceil(cycle ÷ (on station − refuel − overlap))\n  cycle = on station + 2 × transit + ground\n");
        let mut t = Table::new(&[
            "station",
            "squadron",
            "type",
            "element",
            "km",
            "transit h",
            "internal fuel h",
            "tanker",
            "on station h",
            "fuel taken kg/sortie",
            "refuel h",
            "ground h",
            "cycle h",
            "sorties/day",
            "flight h/day",
            "element·cycle/t_on",
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
        let t = t.columns(
            &[
                "station",
                "squadron",
                "element",
                "km",
                "transit h",
                "on station h",
                "refuel h",
                "cycle h",
                "aircraft",
            ],
            wide,
        );
        out.push_str(&t.render());
        out.push_str(&wrap(
            "element: fighters on the station at once. km: from the squadron's base. transit: one way. on station: hours on station per sortie (with a compatible tanker, the crew limit less transit; else what internal fuel allows). refuel: hours per sortie off station to refuel, both legs and the hook-up (\"in area\" when the tanker track lies inside the patrol area, so those trips count as time on station). cycle: launch to ready again, the on-station time plus both transits and the ground time (launch and turnaround). aircraft: in rotation to keep the station manned.",
            WIDTH,
            "  ",
        ));
        if !wide {
            out.push_str("  (--wide adds type, internal fuel, tanker, fuel taken, ground time, sorties and flight hours.)\n");
        }
        out.push('\n');
    }

    for (title, tracks, fuel) in [
        (
            "Tanker tracks — time on track after the tanker's own burn and the fuel it gives (offload: fuel the fighters take a day)",
            &e.tanker_tracks,
            true,
        ),
        ("AEW&C orbits", &e.aew_orbits, false),
    ] {
        if tracks.is_empty() {
            continue;
        }
        out.push_str(&wrap(title, WIDTH, ""));
        let mut header = vec!["track", "squadron", "type", "required", "km", "transit h"];
        if fuel {
            header.push("offload t/day");
        }
        header.extend([
            "on track h",
            "cycle h",
            "sorties/day",
            "flight h/day",
            "aircraft",
        ]);
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
        let t = t.columns(
            &[
                "track",
                "squadron",
                "required",
                "km",
                "offload t/day",
                "on track h",
                "cycle h",
                "aircraft",
            ],
            wide,
        );
        out.push_str(&t.render());
        out.push('\n');
    }

    if !e.qra.is_empty() {
        out.push_str("QRA postures\n  no alert = Erlang-B(elements, load): the chance a violation finds no element on alert\n");
        let mut t = Table::new(&[
            "posture",
            "squadron",
            "on alert",
            "elements",
            "violations/day",
            "front km (mean)",
            "off alert h",
            "load",
            "no alert",
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
                pct(q.no_alert_fraction),
                f(q.mean_reaction_min, 0),
            ]);
        }
        let t = t.columns(
            &[
                "posture",
                "squadron",
                "on alert",
                "violations/day",
                "off alert h",
                "no alert",
                "reaction min",
            ],
            wide,
        );
        out.push_str(&t.render());
        for q in &e.qra {
            out.push_str(&wrap(
                &format!("{}: time off alert is {}.", q.qra, q.service_basis),
                WIDTH,
                "  ",
            ));
        }
        out.push_str(&wrap("reaction: readiness plus the dash to the mean point of the posture's stretch of front. load: violations a day × time off alert, in days.", WIDTH, "  "));
        out.push('\n');
    }

    let c = &e.coverage;
    out.push_str(&wrap(
        &format!(
            "Sensor coverage of the front with every orbit manned: {} against a low target ({:.0} m), {} against a high target ({:.0} m).",
            pct(c.front_coverage_low),
            c.low_target_m,
            pct(c.front_coverage_high),
            c.high_target_m
        ),
        WIDTH,
        "",
    ));
    out.push('\n');

    let _ = writeln!(
        out,
        "Squadrons\n  fleet at {conf} = the smallest N with P[Binomial(N, available) ≥ in rotation] ≥ {conf}"
    );
    let fleet_header = format!("fleet at {conf}");
    let mut t = Table::new(&[
        "squadron",
        "type",
        "role",
        "in rotation",
        "available",
        "÷ available",
        &fleet_header,
        "given",
        "sorties/day",
        "flight h/day",
        "h/aircraft/day",
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
            pct(q.availability),
            count(q.fleet_by_division),
            count(q.fleet_at_confidence),
            q.aircraft_count.to_string(),
            f(q.sorties_per_day, 1),
            f(q.flight_hours_per_day, 1),
            q.utilisation_h_per_aircraft_day
                .map_or("—".into(), |u| f(u, 2)),
        ]);
    }
    let t = t.columns(
        &[
            "squadron",
            "type",
            "in rotation",
            "available",
            &fleet_header,
            "given",
            "h/aircraft/day",
        ],
        wide,
    );
    out.push_str(&t.render());
    out.push_str(&wrap(
        &format!(
            "in rotation: aircraft the tasks keep busy. available: the mission-capable share of the fleet.{} fleet at {conf}: the smallest fleet with enough aircraft available with that confidence. given: the scenario's count. h/aircraft/day: flight hours per aircraft of the fleet at {conf} a day.",
            if wide {
                " ÷ available: in rotation divided by it, rounded up."
            } else {
                ""
            }
        ),
        WIDTH,
        "  ",
    ));
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
            out.push_str(&wrap(
                &format!(
                    "Answer: {n} aircraft in all ({} in rotation at any time); the scenario gives {}.",
                    e.total_in_rotation, e.total_aircraft_count
                ),
                WIDTH,
                "",
            ));
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
                out.push_str(&wrap(
                    &format!("Every squadron has enough aircraft to keep its rotation ready with {conf} confidence."),
                    WIDTH,
                    "",
                ));
            } else {
                out.push_str(&wrap(
                    &format!("Short of the {conf} standard: {}.", short.join("; ")),
                    WIDTH,
                    "",
                ));
            }
        }
        None => out.push_str(&wrap(
            "Answer: no rotation keeps some task manned (marked `none works`): the time there does not exceed the hand-over overlap. Move it closer, add a tanker, or shorten the overlap.",
            WIDTH,
            "",
        )),
    }
    out.push_str(&wrap("This is a floor: it ignores random breakdowns, relief timing, intercepts pulling fighters off station and tanker queues, which the simulator adds.", WIDTH, ""));
    out.push_str("\nNotes:\n");
    for n in &e.notes {
        let w = wrap(n, WIDTH - 2, "    ");
        out.push_str("  -");
        out.push_str(&w[3..]);
    }
    out.push_str(&crate::sustain::titled(&Account::of_estimate(s, e)));
    out
}
