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
use airpolicing::standard::words::wrap;

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
    // Each row: the MRTTs, then the Typhoons and F-16s needed (None: no number up to the limit).
    let mut rows = Vec::new();
    for tankers in [10, 8, 7, 6, 5] {
        let s = base.with_value(
            &format!("squadrons[{mrtt}].aircraft_count"),
            f64::from(tankers),
        )?;
        let need = |name: &str| size_squadron(&s, name, &opts).map(|r| r.required);
        let row = (tankers, need("RAF Typhoon")?, need("Coalition F-16")?);
        let show = |n: Option<u32>| n.map_or("not enough".into(), |n| n.to_string());
        println!("{tankers:>6} {:>18} {:>18}", show(row.1), show(row.2));
        rows.push(row);
    }
    // The fewest tankers with which some number of both fighter types meets the standard, and
    // what the fighters need there and with the most tankers.
    let mut enough = rows.iter().filter(|r| r.1.is_some() && r.2.is_some());
    if let (Some(most), Some(fewest)) = (enough.clone().next(), enough.next_back()) {
        let fighters = |r: &(u32, Option<u32>, Option<u32>)| {
            format!(
                "{} Typhoons and {} F-16s",
                r.1.unwrap_or(0),
                r.2.unwrap_or(0)
            )
        };
        let change = if fighters(most) == fighters(fewest) {
            format!(
                "From {} MRTTs down to {}, the fighters needed stay at {}",
                most.0,
                fewest.0,
                fighters(most)
            )
        } else {
            format!(
                "The fighters needed go from {} with {} MRTTs to {} with {}",
                fighters(most),
                most.0,
                fighters(fewest),
                fewest.0
            )
        };
        print!(
            "\n{}",
            wrap(
                &format!(
                    "In plain words: the northern stations are 950-1,100 km from Rzeszów, so every \
                     fighter there lives on the tanker. {change}. With fewer than {} MRTTs no \
                     number of fighters keeps the stations manned: the shortfall is then fuel in \
                     the air, not jets on the ground, and more fighters cannot buy it back.",
                    fewest.0
                ),
                96,
                ""
            )
        );
    } else {
        println!(
            "\nIn plain words: with none of these tanker fleets does any number of fighters keep the\n\
             northern stations manned, 950-1,100 km from Rzeszów: the shortfall is fuel in the air."
        );
    }
    Ok(())
}
