//! Quickstart: the closed-form answer to "how many aircraft?" for the bundled `ukraine` scenario.
//!
//! Run with `cargo run --release --example quickstart`. Look at the fleet each squadron needs so
//! that its rotation is ready with the scenario's confidence, beside what the scenario gives it —
//! a floor — and then at what a simulated month says about the same force.

use airpolicing::analytic::estimate;
use airpolicing::montecarlo::{RunOptions, run};
use airpolicing::scenario::Scenario;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let scenario = Scenario::load("ukraine")?;
    let e = estimate(&scenario);
    println!(
        "Policing {:.0} km of front with {} CAP stations:",
        scenario.front.length_km(),
        e.stations.len()
    );
    for st in &e.stations {
        println!(
            "  {:<13} {:>4.0} km from base, {:.1} h on station{}, {} aircraft in rotation",
            st.station,
            st.distance_km,
            st.on_station_h,
            if st.with_aar {
                " with tanker support"
            } else {
                ""
            },
            st.aircraft_in_rotation
                .map_or("no".into(), |n| n.to_string()),
        );
    }
    println!(
        "\nFleet needed at {:.0} % confidence:",
        100.0 * e.confidence
    );
    // Names and types in columns as wide as the longest.
    let name_w = e.squadrons.iter().map(|q| q.squadron.chars().count()).max();
    let type_w = e.squadrons.iter().map(|q| q.aircraft.chars().count()).max();
    let (name_w, type_w) = (name_w.unwrap_or(0), type_w.unwrap_or(0));
    for q in &e.squadrons {
        let need = q.fleet_at_confidence.map_or("—".into(), |n| n.to_string());
        println!(
            "  {:<name_w$} {:<type_w$} needs {:>3}, has {:>3}",
            q.squadron, q.aircraft, need, q.aircraft_count
        );
    }
    if let Some(total) = e.total_fleet_at_confidence {
        println!(
            "\nIn plain words: keeping this posture manned around the clock takes about {total}\n\
             aircraft, of which {} are flying or turning around at any moment.",
            e.total_in_rotation
        );
    }
    let reps = std::env::var("AIRPOLICING_REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let r = run(&scenario, &RunOptions::default().with_replications(reps))?;
    let m = |n: &str| r.metric(n).map_or(f64::NAN, |x| x.mean);
    println!(
        "\nSimulated over {reps} months with the scenario's own force: a fighter on every station {:.0} % of the\n\
         time, the full pair on every station at once {:.0} %, violations met within 20 minutes {:.0} %.\n\
         The least-manned station has its pair {:.0} % of the time; all four at once less often, because\n\
         each is short at its own moments (a fighter sent after a violator, a relief late after a breakdown).\n\
         A fighter taking fuel stays on station: each tanker track lies inside its station's patrol area.",
        100.0 * m("cap_presence"),
        100.0 * m("cap_coverage"),
        100.0 * m("intercept_within_target"),
        100.0 * m("worst_station_coverage")
    );
    Ok(())
}
