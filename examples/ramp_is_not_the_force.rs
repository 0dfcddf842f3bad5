//! Why the aircraft on the ramp are not the force it takes. A posture that holds the line this
//! month needs a certain number of aircraft deployed; holding it for three years needs more,
//! because units go home to recover, airframes may fly only so many hours a year and have a
//! fatigue life, and every sortie needs a rested crew.
//!
//! Run with `cargo run --release --example ramp_is_not_the_force`. Look at the two columns
//! "deployed" and "committed", and at the reason that binds: for an alert on the ground it is
//! rotation, for a patrol flown around the clock it is the hours the airframes fly. The cost of
//! a flight hour is given twice: narrow (fuel, maintenance, spares) and full (with people and
//! depreciation).
//! `AIRPOLICING_REPS` sets the replications (default 100).

use airpolicing::montecarlo::{RunOptions, run};
use airpolicing::scenario::Scenario;
use airpolicing::standard::words::{grouped, usd, wrap};
use airpolicing::sustain::{Account, lines};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let reps = std::env::var("AIRPOLICING_REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let opts = RunOptions::default().with_seed(1).with_replications(reps);
    println!(
        "{:<27}{:>9}{:>10}{:>10}  {:<14}{:>14}{:>14}",
        "posture", "deployed", "FH a year", "committed", "binds", "cost narrow", "cost full"
    );
    let mut accounts = Vec::new();
    for (label, name) in [
        ("Baltic QRA, 2 of 4 on alert", "baltic"),
        ("Ukraine, 4 CAP stations", "ukraine"),
    ] {
        let s = Scenario::load(name)?;
        let a = Account::of_run(&s, &run(&s, &opts)?);
        println!(
            "{label:<27}{:>9}{:>10}{:>10}  {:<14}{:>14}{:>14}",
            a.deployed,
            grouped(a.fh_per_year),
            a.committed,
            a.binds.words(),
            usd(a.cost_narrow_usd),
            usd(a.cost_full_usd)
        );
        accounts.push((label, a));
    }
    let (_, baltic) = &accounts[0];
    let (_, ukraine) = &accounts[1];
    println!("\nThe Ukraine account in the tool's words:");
    for l in lines(ukraine).iter().take(2) {
        print!("{}", wrap(l, 100, "  "));
    }
    let per_airframe = ukraine.fh_per_year / f64::from(ukraine.deployed);
    let words = format!(
        "In plain words: the Baltic detachment's {} jets sit on alert and fly little, so what it \
         takes to keep them there is rotation: the nations take turns, and {} aircraft stand behind \
         the {} on the ramp. The Ukraine patrol flies around the clock: its {} deployed aircraft \
         would each fly about {} hours a year, several times what an air force plans for one \
         airframe. Spreading those hours within each airframe's programme takes {} aircraft, and \
         units that go home to recover take {}; each squadron commits the largest of its \
         counts for each reason, {} aircraft in all. A published figure like \"48 to 160 \
         jets\" is a commitment of that kind, not a count of jets on one ramp on one day.",
        baltic.deployed,
        baltic.committed,
        baltic.deployed,
        ukraine.deployed,
        grouped(per_airframe),
        grouped(f64::from(ukraine.pool_hours)),
        grouped(f64::from(ukraine.pool_rotation)),
        grouped(f64::from(ukraine.committed)),
    );
    print!("\n{}", wrap(&words, 100, ""));
    Ok(())
}
