//! Tankers or fighters? How the fighters needed change as the tanker fleet shrinks.
//!
//! Run with `cargo run --release --example tankers_vs_fighters`. For each number of MRTTs serving
//! the northern stations, the Typhoon and F-16 squadrons are sized by simulation (the others as
//! given, the AEW&C squadrons enlarged so that radar is not the limit) against the scenario's
//! standard. Look for the point where fewer tankers stop saving
//! anything and start costing fighters — or cannot be made up by fighters at all.
//! `AIRPOLICING_REPS` sets the replications per candidate (default 60).

use airpolicing::montecarlo::RunOptions;
use airpolicing::scenario::Scenario;
use airpolicing::sizing::{SizingOptions, size_squadron};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let reps = std::env::var("AIRPOLICING_REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    // The AEW&C squadrons at the size the whole-force search gives them, so that the radar
    // picture is not what limits the standard.
    let mut base = Scenario::load("ukraine")?;
    for (name, count) in [("NATO E-3", 7.0), ("USAF E-3", 7.0)] {
        let i = base
            .squadrons
            .iter()
            .position(|q| q.name == name)
            .expect("in the scenario");
        base = base.with_value(&format!("squadrons[{i}].aircraft_count"), count)?;
    }
    let mrtt = base
        .squadrons
        .iter()
        .position(|q| q.name == "MRTT")
        .expect("in the scenario");
    let opts = SizingOptions {
        run: RunOptions::default().with_seed(1).with_replications(reps),
        max_aircraft: 48,
        sequential: None,
        progress: None,
    };
    println!(
        "{:>6} {:>18} {:>18}",
        "MRTTs", "Typhoons needed", "F-16s needed"
    );
    for tankers in [6, 4, 3, 2] {
        let s = base.with_value(
            &format!("squadrons[{mrtt}].aircraft_count"),
            f64::from(tankers),
        )?;
        let show = |name: &str| -> Result<String, Box<dyn std::error::Error>> {
            let r = size_squadron(&s, name, &opts)?;
            Ok(r.required.map_or("not enough".into(), |n| n.to_string()))
        };
        println!(
            "{tankers:>6} {:>18} {:>18}",
            show("RAF Typhoon")?,
            show("Coalition F-16")?
        );
    }
    println!(
        "\nIn plain words: the northern stations are 950-1,100 km from Rzeszów, so every fighter there\n\
         lives on the tanker. Below some number of tankers no number of fighters keeps the stations\n\
         manned: the shortfall is fuel in the air, not jets on the ground."
    );
    Ok(())
}
