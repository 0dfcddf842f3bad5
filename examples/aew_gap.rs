//! What does losing an AEW&C orbit do? The `ukraine` scenario with its southern E-3 orbit
//! unmanned (the USAF E-3 squadron has no aircraft left).
//!
//! Run with `cargo run --release --example aew_gap`. Look at the low-level radar cover of the
//! front and at how many violations go unseen or are met late. `AIRPOLICING_REPS` sets the
//! replications (default 200).

use airpolicing::montecarlo::{RunOptions, run};
use airpolicing::scenario::Scenario;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let reps = std::env::var("AIRPOLICING_REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let full = Scenario::load("ukraine")?;
    let south = full
        .squadrons
        .iter()
        .position(|q| q.name == "USAF E-3")
        .expect("in the scenario");
    let gap = full.with_value(&format!("squadrons[{south}].aircraft_count"), 0.0)?;
    let opts = RunOptions::default().with_seed(1).with_replications(reps);
    println!(
        "{:<22} {:>14} {:>14} {:>12} {:>14}",
        "", "low cover", "never seen", "met <20 min", "median (min)"
    );
    for (label, s) in [("both orbits", &full), ("southern orbit lost", &gap)] {
        let r = run(s, &opts)?;
        let m = |n: &str| r.metric(n).map_or(f64::NAN, |x| x.mean);
        println!(
            "{label:<22} {:>13.1} % {:>13.1} % {:>11.1} % {:>14.1}",
            100.0 * m("front_coverage_low"),
            100.0 * m("undetected_fraction"),
            100.0 * m("intercept_within_target"),
            m("response_time_p50")
        );
    }
    println!(
        "\nIn plain words: without the southern radar plane, low flyers in the south are seen only when\n\
         they come near the northern orbit or a fighter — later, or not at all."
    );
    Ok(())
}
