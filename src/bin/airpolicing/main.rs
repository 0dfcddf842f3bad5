//! `airpolicing`: the command-line tool. It parses arguments, calls the library and prints; all
//! the modelling lives in the library crate. This file holds the commands and their dispatch; each
//! command's arguments, execution and rendering live together in its own file.

mod args;
mod cases;
mod check;
mod checkpoint;
mod estimate;
mod failure;
mod interrupt;
mod ladder;
mod output;
mod progress;
mod run;
mod size;
mod size_mix;
mod standard;
mod sustain;
mod sweep;
mod table;
mod tornado;

use clap::{Parser, Subcommand};
use failure::Failure;
use std::process::ExitCode;

/// Plans air-policing missions: how many fighters, tankers and AEW&C aircraft it takes to police a
/// line, and how fast violations are intercepted.
#[derive(Parser)]
#[command(name = "airpolicing", version, about, long_about = None)]
struct Cli {
    /// No progress bars and no notes on standard error (warnings and errors still print).
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the bundled scenarios, or print one to copy and edit.
    Scenarios(check::ScenariosArgs),
    /// Validate a scenario and report errors and warnings.
    Check(check::CheckArgs),
    /// The closed-form estimate (docs/model.md, closed forms): aircraft per station, track, orbit, squadron and type.
    Estimate(estimate::EstimateArgs),
    /// Simulate: Monte Carlo replications of the scenario, summarised with 95 % intervals.
    Run(run::RunArgs),
    /// Trade study: run the scenario at every value of one or two numeric fields.
    Sweep(sweep::SweepArgs),
    /// Size the fleet: the smallest count per squadron that meets [targets] with the confidence.
    Size(size::SizeArgs),
    /// Sustain it for years: flight hours, airframe life, aircrew, rotation and cost, and what binds first.
    Sustain(sustain::SustainArgs),
    /// The published cases beside the tool's figures: Baltic Air Policing, CSIS, the UK-led squadron, Sky Shield, RAND, the MQ-9, Rafale over Libya, Portugal 2016, Noble Eagle, drones over Poland in 2025.
    Cases(cases::CasesArgs),
    /// How much protection for how many aircraft: the whole force sized for each level of one target, per posture.
    Ladder(ladder::LadderArgs),
    /// Print a shell completion script, e.g. `airpolicing completions bash > ~/.local/share/bash-completion/completions/airpolicing`.
    Completions {
        /// The shell: bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
}

fn run_command(cli: Cli) -> Result<(), Failure> {
    progress::set_quiet(cli.quiet);
    match cli.command {
        Command::Scenarios(a) => check::scenarios(a),
        Command::Check(a) => check::execute(a),
        Command::Estimate(a) => estimate::execute(a),
        Command::Run(a) => run::execute(a),
        Command::Sweep(a) => sweep::execute(a),
        Command::Size(a) => size::execute(a),
        Command::Sustain(a) => sustain::execute(a),
        Command::Cases(a) => cases::execute(a),
        Command::Ladder(a) => ladder::execute(a),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut text = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "airpolicing", &mut text);
            output::out(&String::from_utf8_lossy(&text))
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
    match std::panic::catch_unwind(|| run_command(cli)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(Failure::Input(msg))) => {
            eprintln!("{msg}");
            ExitCode::from(2)
        }
        Ok(Err(Failure::Check(msg))) => {
            eprintln!("{msg}");
            ExitCode::from(3)
        }
        Ok(Err(Failure::Interrupted(msg))) => {
            eprintln!("{msg}");
            ExitCode::from(130)
        }
        Ok(Err(Failure::Output(msg))) => {
            eprintln!("airpolicing: {msg}");
            ExitCode::from(1)
        }
        Ok(Err(Failure::ClosedPipe)) => ExitCode::SUCCESS,
        Ok(Err(Failure::Internal(msg))) => {
            eprintln!("airpolicing: internal error: {msg}");
            ExitCode::from(1)
        }
        Err(_) => ExitCode::from(1),
    }
}
