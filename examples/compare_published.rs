//! The simulator's answers beside the published estimates (docs/sources.md).
//!
//! Run with `cargo run --release --example compare_published`. It prints, for each published
//! figure, what this tool computes for the nearest question it can answer, and why they differ.
//! `AIRPOLICING_REPS` sets the replications (default 100).

use airpolicing::analytic::{estimate, formulas};
use airpolicing::montecarlo::{RunOptions, run};
use airpolicing::scenario::Scenario;
use airpolicing::sizing::{SizingOptions, size_force, size_squadron};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let reps = std::env::var("AIRPOLICING_REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let opts = SizingOptions {
        run: RunOptions::default().with_seed(1).with_replications(reps),
        max_aircraft: 40,
        ..SizingOptions::default()
    };

    // Baltic Air Policing: 4 aircraft, 2 on alert [W]/[P].
    let baltic = Scenario::load("baltic")?;
    let p = formulas::binomial_at_least(4, 2, 0.73);
    let sized = size_squadron(&baltic, "BAP detachment", &opts)?;
    println!("Baltic Air Policing: 4 aircraft with 2 on alert (published).");
    println!(
        "  Closed form: P(at least 2 of 4 ready) at the F-16's 73 % = {:.3}; 4 aircraft suffice at 90 %.",
        p
    );
    println!(
        "  Simulated: {} aircraft hold the alert 95 % of the time in 90 % of {reps} replications.",
        sized
            .required
            .map_or("more than 40".into(), |n| n.to_string())
    );
    for line in [
        "  What decides it is how the alert is kept: jets parked on alert wear less than flying",
        "  ones, a ready spare takes a broken jet's place in half an hour, and scheduled work is",
        "  done on the spares. Scrambles still cost about one point: the pair is off alert until",
        "  it is back and turned around.\n",
    ] {
        println!("{line}");
    }

    // Ukraine: CSIS 48-160 combat aircraft; UK-led 18-35 jets [S].
    let ukraine = Scenario::load("ukraine")?;
    let e = estimate(&ukraine);
    let fighters: u32 = e
        .types
        .iter()
        .filter(|t| t.role == "fighter")
        .filter_map(|t| t.fleet_at_confidence)
        .sum();
    println!("Ukraine: CSIS 48-160 combat aircraft; UK-led planning 18-35 jets (published).");
    println!(
        "  Closed form for four CAP stations and one QRA pair: {fighters} fighters at 90 % confidence."
    );
    println!(
        "  `cargo run --release --example how_many_jets_for_ukraine` sizes the whole force by simulation."
    );
    println!(
        "  CSIS counts aircraft for point defence of cities as well as the line, and assumes 50 %\n\
         readiness; the UK-led figure is one multinational squadron without standing CAP over the\n\
         whole line. This scenario asks for a standing CAP over four sectors round the clock (a\n\
         fighter on every station 95 % of the time, its full pair 85 %), the radar picture over the\n\
         front, a QRA pair held 99 % and quick intercepts.\n"
    );

    // The UK-led posture itself: quick reaction alert alone from Poland and Romania.
    let qra = Scenario::load("ukraine_qra")?;
    let force = size_force(&qra, &opts)?;
    let counts = force.required.clone().unwrap_or_default();
    let fighters: u32 = counts.iter().take(2).sum();
    let aew: u32 = counts.get(2).copied().unwrap_or(0);
    let r = run(&qra, &opts.run)?;
    let met = r.metric("intercept_within_target").map_or(0.0, |m| m.mean);
    println!("UK-led planning: 18-35 jets from Poland, at least one AWACS (published).");
    println!(
        "  Simulated (`ukraine_qra`, two alert pairs and one E-3 orbit): {fighters} fighters and {aew} E-3\n  \
         hold the alert 99 % and the orbit 95 % of the time in 90 % of {reps} replications; with the\n  \
         scenario's 24 fighters, {:.0} % of violations are met within 20 minutes.",
        100.0 * met
    );
    println!(
        "  The published squadron of 18-35 is {} the {fighters} the alert needs on the ramp, as a\n  \
         unit that trains, rotates and keeps spares would be (`airpolicing sustain ukraine_qra`).\n  \
         Either way it buys an alert and a radar picture, not a presence at the line: its pairs are\n  \
         800-1,000 km away, and a violator that probes the line and turns back is gone before they\n  \
         arrive.",
        match fighters {
            0..18 => "more than",
            18..=35 => "in the range of",
            _ => "fewer than",
        }
    );

    // The whole book: every published case the tool reproduces, each in its band.
    let book = airpolicing::cases::book(&airpolicing::cases::CaseOptions::default())?;
    println!("\nThe book of published cases (`airpolicing cases` prints each with its reasons):");
    let fig = |x: f64| {
        if x.fract() == 0.0 || x >= 100.0 {
            format!("{x:.0}")
        } else {
            format!("{x:.2}")
        }
    };
    // The names in one column, as wide as the longest.
    let width = book
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(0);
    for c in &book {
        let figures = format!(
            "  {:<width$} published {:>4}, the tool {:>4} {}",
            c.name,
            fig(c.published_value),
            fig(c.tool_value),
            c.unit,
        );
        let band = format!(
            "({}{})",
            c.tolerance,
            if c.within { "" } else { ": OUT OF ITS BAND" }
        );
        // The band on a line of its own where the two would pass 100 columns.
        if figures.chars().count() + 1 + band.chars().count() > 100 {
            println!("{figures}\n  {:width$} {band}", "");
        } else {
            println!("{figures} {band}");
        }
    }
    println!("  In brackets, each case's band; every figure lies in it unless marked.");
    println!(
        "  Where the two differ, the published figure mostly counts what the posture leaves out\n  \
         (a squadron's other tasks, a fleet's training and depot aircraft); the tool's figure is\n  \
         what the posture itself takes."
    );
    Ok(())
}
