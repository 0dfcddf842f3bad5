//! `airpolicing`: the command-line tool. It parses arguments, calls the library and prints; all
//! the modelling lives in the library crate.

mod estimate;
mod table;

use airpolicing::scenario::{Scenario, ScenarioError, bundled, bundled_names};
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Plans air-policing missions: how many fighters, tankers and AEW&C aircraft it takes to police a
/// line, and how fast violations are intercepted.
#[derive(Parser)]
#[command(name = "airpolicing", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the bundled scenarios.
    Scenarios,
    /// Validate a scenario and report errors and warnings.
    Check {
        /// A scenario file, or the name of a bundled scenario.
        scenario: String,
    },
    /// The closed-form estimate (MODEL.md §8): aircraft per station, track, orbit, squadron and type.
    Estimate {
        /// A scenario file, or the name of a bundled scenario.
        scenario: String,
        /// Print one JSON document on stdout instead of tables.
        #[arg(long)]
        json: bool,
    },
}

/// How a command failed: bad input (exit 2) or an internal error (exit 1).
enum Failure {
    Input(String),
    Internal(String),
}

impl From<ScenarioError> for Failure {
    fn from(e: ScenarioError) -> Self {
        Failure::Input(e.to_string())
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Scenarios => {
            for name in bundled_names() {
                let description = bundled(name)
                    .and_then(|t| Scenario::from_toml_str(t, name).ok())
                    .map(|s| s.file.scenario.description)
                    .unwrap_or_default();
                println!("{name:<10} {description}");
            }
            Ok(())
        }
        Command::Check { scenario } => {
            let s = Scenario::load(&scenario)?;
            for w in &s.warnings {
                println!("{w}");
            }
            let aircraft: u32 = s.squadrons.iter().map(|q| q.aircraft_count).sum();
            let counts = [
                (s.bases.len(), "base"),
                (s.squadrons.len(), "squadron"),
                (s.cap_stations.len(), "CAP station"),
                (s.qra.len(), "QRA posture"),
                (s.tanker_tracks.len(), "tanker track"),
                (s.aew_orbits.len(), "AEW orbit"),
                (s.ground_radars.len(), "ground radar"),
                (s.warnings.len(), "warning"),
            ];
            let listed: Vec<String> = counts
                .iter()
                .map(|(n, what)| format!("{n} {what}{}", if *n == 1 { "" } else { "s" }))
                .collect();
            println!(
                "{}: valid — `{}`: {:.0} km front, {aircraft} aircraft; {}",
                s.origin,
                s.file.scenario.name,
                s.front.length_km(),
                listed.join(", ")
            );
            Ok(())
        }
        Command::Estimate { scenario, json } => {
            let s = Scenario::load(&scenario)?;
            for w in &s.warnings {
                eprintln!("{w}");
            }
            let e = airpolicing::analytic::estimate(&s);
            if json {
                let doc = serde_json::json!({ "estimate": e, "warnings": s.warnings });
                let text = serde_json::to_string_pretty(&doc)
                    .map_err(|err| Failure::Internal(format!("cannot write JSON: {err}")))?;
                println!("{text}");
            } else {
                print!("{}", estimate::render(&s, &e));
            }
            Ok(())
        }
    }
}

fn main() -> ExitCode {
    // No panic message or backtrace reaches a user: a panic is reported as an internal error.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("airpolicing: internal error: {info}");
        eprintln!("This is a bug in airpolicing; please report it with the command you ran.");
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(Failure::Input(msg))) => {
            eprintln!("{msg}");
            ExitCode::from(2)
        }
        Ok(Err(Failure::Internal(msg))) => {
            eprintln!("airpolicing: internal error: {msg}");
            ExitCode::from(1)
        }
        Err(_) => ExitCode::from(1),
    }
}
