//! `airpolicing`: the command-line tool. It parses arguments, calls the library and prints; all
//! the modelling lives in the library crate.

mod checkpoint;
mod estimate;
mod output;
mod report;
mod run;
mod size;
mod sweep;
mod table;

use airpolicing::montecarlo::CancelToken;
use airpolicing::scenario::{Scenario, ScenarioError, bundled, bundled_names};
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
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
    /// Simulate: Monte Carlo replications of the scenario, summarised with 95 % intervals.
    Run {
        /// A scenario file, or the name of a bundled scenario.
        scenario: String,
        #[command(flatten)]
        reps: Replications,
        /// Run only replications A..B (A inclusive, B exclusive), e.g. to split a study.
        #[arg(long = "reps", value_parser = parse_range, conflicts_with = "replications")]
        range: Option<std::ops::Range<u64>>,
        /// Print one JSON document on stdout instead of tables.
        #[arg(long)]
        json: bool,
        /// Write one CSV row per replication (its index and every metric) to FILE.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Write the event trace of one replication to FILE (CSV, or JSON lines for .jsonl).
        #[arg(long, value_name = "FILE")]
        trace: Option<PathBuf>,
        /// The replication to trace.
        #[arg(long, default_value_t = 0, requires = "trace")]
        trace_rep: u64,
        #[command(flatten)]
        report: ReportArgs,
        #[command(flatten)]
        checkpoint: CheckpointArgs,
    },
    /// Trade study: run the scenario at every value of one or two numeric fields.
    Sweep {
        /// A scenario file, or the name of a bundled scenario.
        scenario: String,
        /// FIELD=V1,V2,… — a numeric field by path and its values (once or twice), e.g.
        /// violations.rate_per_day=2,4,8 or squadrons[0].aircraft_count=8,12,16.
        #[arg(long = "set", required_unless_present = "tornado")]
        set: Vec<String>,
        /// Sensitivity instead: lower and raise each main parameter by --percent, size the whole
        /// force at both ends, and rank the parameters by how far the fleet moves.
        #[arg(long, conflicts_with = "set")]
        tornado: bool,
        /// How far --tornado moves each parameter, in percent.
        #[arg(long, default_value_t = 20.0, requires = "tornado")]
        percent: f64,
        #[command(flatten)]
        reps: Replications,
        /// Size the whole force (as `size --mix`) at every point too.
        #[arg(long)]
        size: bool,
        /// Write one CSV row per point to FILE.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Print one JSON document on stdout instead of a table.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Size the fleet: the smallest count per squadron that meets [targets] with the confidence.
    Size {
        /// A scenario file, or the name of a bundled scenario.
        scenario: String,
        /// Size only this squadron (default: each squadron in turn, the others as given).
        #[arg(long)]
        squadron: Option<String>,
        #[command(flatten)]
        reps: Replications,
        /// The largest count tried per squadron (with --mix: the most aircraft added in all).
        #[arg(long, default_value_t = 400)]
        max_aircraft: u32,
        /// Size the whole force mix at once: add the aircraft that most raises the fraction of
        /// replications meeting the standard, one at a time, then trim.
        #[arg(long, conflicts_with = "squadron")]
        mix: bool,
        /// Print one JSON document on stdout instead of tables.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        report: ReportArgs,
        #[command(flatten)]
        checkpoint: CheckpointArgs,
    },
}

/// Checkpoints of long runs, shared by `run` and `size`.
#[derive(clap::Args)]
struct CheckpointArgs {
    /// Save progress to FILE as replications finish (atomically, at most once a second), so an
    /// interrupted run can be continued with --resume; removed when the run completes.
    #[arg(long, value_name = "FILE")]
    checkpoint: Option<PathBuf>,
    /// Continue the run saved in --checkpoint FILE; the output is identical to an
    /// uninterrupted run's.
    #[arg(long, requires = "checkpoint")]
    resume: bool,
}

impl CheckpointArgs {
    /// Opens the checkpoint, if asked for, before any work.
    fn open(&self, command: &str, s: &Scenario) -> Result<Option<checkpoint::Checkpoint>, Failure> {
        match &self.checkpoint {
            Some(path) => {
                check_writable(path)?;
                checkpoint::Checkpoint::open(path, self.resume, command, &s.file.to_toml())
                    .map(Some)
                    .map_err(Failure::Input)
            }
            None => Ok(None),
        }
    }
}

/// The token Ctrl-C cancels: the first Ctrl-C stops the run at the next replication (and, with
/// --checkpoint, saves it); a second one ends the process at once.
fn interrupt_token() -> CancelToken {
    static TOKEN: std::sync::OnceLock<CancelToken> = std::sync::OnceLock::new();
    TOKEN
        .get_or_init(|| {
            let token = CancelToken::new();
            let handler = token.clone();
            let _ = ctrlc::set_handler(move || {
                if handler.is_cancelled() {
                    std::process::exit(130);
                }
                handler.cancel();
            });
            token
        })
        .clone()
}

/// The message for a run stopped by Ctrl-C.
fn interrupted(cp: Option<&checkpoint::Checkpoint>, done: u64, total: u64) -> Failure {
    match cp {
        Some(cp) => Failure::Interrupted(format!(
            "interrupted after {done} of {total} replications; progress is saved in {}: run the same command with --resume to continue",
            cp.path().display()
        )),
        None => Failure::Interrupted(format!(
            "interrupted after {done} of {total} replications; nothing was written (add --checkpoint FILE to be able to resume a long run)"
        )),
    }
}

/// Report outputs shared by `run` and `size`.
#[derive(clap::Args)]
struct ReportArgs {
    /// Write a self-contained HTML report (inline SVG charts, opens offline) to FILE.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Write the report's charts as separate SVG files into DIR (which must exist).
    #[arg(long, value_name = "DIR")]
    svg: Option<PathBuf>,
}

impl ReportArgs {
    /// Refuses unwritable places before any work.
    fn check(&self) -> Result<(), Failure> {
        if let Some(p) = &self.report {
            check_writable(p)?;
        }
        if let Some(d) = &self.svg {
            if !d.is_dir() {
                return Err(Failure::Input(format!(
                    "{}: no such directory for the SVG charts",
                    d.display()
                )));
            }
            check_writable(&d.join("chart.svg"))?;
        }
        Ok(())
    }

    fn wanted(&self) -> bool {
        self.report.is_some() || self.svg.is_some()
    }

    fn write(
        &self,
        s: &Scenario,
        r: &airpolicing::montecarlo::RunResult,
        sizing: &[airpolicing::sizing::SquadronSizing],
        mix: Option<&airpolicing::sizing::ForceSizing>,
    ) -> Result<(), Failure> {
        if !self.wanted() {
            return Ok(());
        }
        let rep = report::Report::new(s, r, sizing, mix).map_err(Failure::Internal)?;
        self.write_report(&rep)
    }

    fn write_report(&self, rep: &report::Report) -> Result<(), Failure> {
        if let Some(p) = &self.report {
            output::write_atomic(p, rep.html().as_bytes()).map_err(Failure::Input)?;
            eprintln!("report written to {}", p.display());
        }
        if let Some(d) = &self.svg {
            rep.write_svgs(d).map_err(Failure::Input)?;
        }
        Ok(())
    }
}

fn tornado_command(
    scenario: String,
    percent: f64,
    reps: Replications,
    csv: Option<PathBuf>,
    json: bool,
) -> Result<(), Failure> {
    use airpolicing::sizing::SizingOptions;
    let s = Scenario::load(&scenario)?;
    if !(percent > 0.0 && percent < 100.0) {
        return Err(Failure::Input(format!(
            "--percent must be between 0 and 100, got {percent}"
        )));
    }
    if let Some(path) = &csv {
        check_writable(path)?;
    }
    let run = reps.options(None);
    let opts = SizingOptions {
        run,
        max_aircraft: 200,
    };
    let started = std::time::Instant::now();
    let bars = airpolicing::sweep::tornado(&s, percent, &opts)
        .map_err(|e| Failure::Input(e.to_string()))?;
    eprintln!(
        "tornado of {} parameters in {:.1} s",
        bars.len(),
        started.elapsed().as_secs_f64()
    );
    let show = |n: Option<u32>| n.map_or("not reached".to_string(), |n| n.to_string());
    if let Some(path) = &csv {
        let mut text = String::from("parameter,base,low,high,fleet_low,fleet_high\n");
        for b in &bars {
            text.push_str(&format!(
                "{},{},{},{},{},{}\n",
                output::csv_field(&b.parameter),
                b.base,
                b.low,
                b.high,
                b.fleet_low.map_or(String::new(), |n| n.to_string()),
                b.fleet_high.map_or(String::new(), |n| n.to_string())
            ));
        }
        run::write(path, &text).map_err(Failure::Input)?;
    }
    if json {
        print_json(&serde_json::json!({ "percent": percent, "bars": bars }))?;
    } else {
        println!(
            "Sensitivity of the whole-force fleet to each main parameter, lowered and raised by {percent:.0} %\n(largest effect first; {} replications per candidate, seed {}):\n",
            reps.replications, reps.seed
        );
        let mut t =
            table::Table::new(&["parameter", "base", "low → fleet", "high → fleet", "swing"]);
        for b in &bars {
            t.row(vec![
                b.parameter.clone(),
                table::f(b.base, 2),
                format!("{} → {}", table::f(b.low, 2), show(b.fleet_low)),
                format!("{} → {}", table::f(b.high, 2), show(b.fleet_high)),
                if b.swing().is_finite() {
                    table::f(b.swing(), 0)
                } else {
                    "—".into()
                },
            ]);
        }
        print!("{}", t.render());
    }
    Ok(())
}

fn sweep_command(
    scenario: String,
    set: Vec<String>,
    reps: Replications,
    size: bool,
    csv: Option<PathBuf>,
    json: bool,
    report_args: ReportArgs,
) -> Result<(), Failure> {
    use airpolicing::sizing::SizingOptions;
    use airpolicing::sweep::{Axis, sweep};
    let s = Scenario::load(&scenario)?;
    let axes = set
        .iter()
        .map(|t| Axis::parse(t))
        .collect::<Result<Vec<_>, _>>()
        .map_err(Failure::Input)?;
    if let Some(path) = &csv {
        check_writable(path)?;
    }
    report_args.check()?;
    let run = reps.options(None);
    let sizing = SizingOptions {
        run: run.clone(),
        max_aircraft: 200,
    };
    let started = std::time::Instant::now();
    let r = sweep(&s, &axes, &run, size.then_some(&sizing))
        .map_err(|e| Failure::Input(e.to_string()))?;
    eprintln!(
        "swept {} points in {:.1} s",
        r.points.len(),
        started.elapsed().as_secs_f64()
    );
    let squadrons: Vec<String> = s.squadrons.iter().map(|q| q.name.clone()).collect();
    if let Some(path) = &csv {
        run::write(path, &sweep::csv(&r, &squadrons)).map_err(Failure::Input)?;
    }
    if report_args.wanted() {
        let rep = report::Report::sweep(&s, &r).map_err(Failure::Internal)?;
        report_args.write_report(&rep)?;
    }
    if json {
        print_json(&r)?;
    } else {
        let targeted: Vec<&str> = s
            .file
            .targets
            .minimums()
            .iter()
            .filter(|(_, goal)| goal.is_some())
            .map(|(name, _)| *name)
            .collect();
        print!("{}", sweep::render(&r, &targeted));
    }
    Ok(())
}

/// Arguments shared by the commands that run replications.
#[derive(clap::Args)]
struct Replications {
    /// Number of replications (0..N).
    #[arg(short = 'n', long = "replications", default_value_t = 100)]
    replications: u64,
    /// Master seed: the same seed gives the same numbers on any machine and thread count.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Worker threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
}

impl Replications {
    /// Run options for these arguments; `range` replaces `0..N` when given.
    fn options(&self, range: Option<std::ops::Range<u64>>) -> airpolicing::montecarlo::RunOptions {
        let mut o = airpolicing::montecarlo::RunOptions::default()
            .with_seed(self.seed)
            .with_reps(range.unwrap_or(0..self.replications));
        if let Some(t) = self.threads {
            o = o.with_threads(t);
        }
        o
    }
}

fn parse_range(s: &str) -> Result<std::ops::Range<u64>, String> {
    let (a, b) = s
        .split_once("..")
        .ok_or_else(|| format!("`{s}` is not a range; write A..B, e.g. 0..100"))?;
    let a: u64 = a
        .trim()
        .parse()
        .map_err(|_| format!("`{a}` is not a whole number"))?;
    let b: u64 = b
        .trim()
        .parse()
        .map_err(|_| format!("`{b}` is not a whole number"))?;
    if b <= a {
        return Err(format!(
            "the range {a}..{b} is empty; B must be larger than A"
        ));
    }
    Ok(a..b)
}

/// How a command failed: bad input (exit 2) or an internal error (exit 1).
enum Failure {
    Input(String),
    Internal(String),
    /// Stopped by Ctrl-C (exit code 130).
    Interrupted(String),
}

impl From<ScenarioError> for Failure {
    fn from(e: ScenarioError) -> Self {
        Failure::Input(e.to_string())
    }
}

fn run_command(cli: Cli) -> Result<(), Failure> {
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
                print_json(&doc)?;
            } else {
                print!("{}", estimate::render(&s, &e));
            }
            Ok(())
        }
        Command::Size {
            scenario,
            squadron,
            reps,
            max_aircraft,
            mix,
            json,
            report,
            checkpoint,
        } => size_command(
            scenario,
            squadron,
            reps,
            max_aircraft,
            mix,
            json,
            report,
            checkpoint,
        ),
        Command::Sweep {
            scenario,
            set,
            reps,
            size,
            csv,
            json,
            report,
            tornado,
            percent,
        } => {
            if tornado {
                tornado_command(scenario, percent, reps, csv, json)
            } else {
                sweep_command(scenario, set, reps, size, csv, json, report)
            }
        }
        Command::Run {
            scenario,
            reps,
            range,
            json,
            csv,
            trace,
            trace_rep,
            report,
            checkpoint,
        } => run_replications(
            scenario, reps, range, json, csv, trace, trace_rep, report, checkpoint,
        ),
    }
}

#[allow(clippy::too_many_arguments)]
fn run_replications(
    scenario: String,
    reps: Replications,
    range: Option<std::ops::Range<u64>>,
    json: bool,
    csv: Option<PathBuf>,
    trace: Option<PathBuf>,
    trace_rep: u64,
    report: ReportArgs,
    checkpoint_args: CheckpointArgs,
) -> Result<(), Failure> {
    use airpolicing::montecarlo::{RunError, run_resumable};
    let s = Scenario::load(&scenario)?;
    for w in &s.warnings {
        eprintln!("{w}");
    }
    for path in csv.iter().chain(trace.iter()) {
        check_writable(path)?;
    }
    report.check()?;
    let asked = reps.options(range.clone()).reps;
    airpolicing::montecarlo::check_limits(&s, asked.end - asked.start)
        .map_err(|e| Failure::Input(e.to_string()))?;
    if trace.is_some() {
        // A trace is held whole before it is written: refuse one over the limit before the run.
        let events =
            airpolicing::sim::simulate(&airpolicing::sim::Model::new(&s), reps.seed, trace_rep)
                .events;
        let limit = airpolicing::scenario::limits::MAX_TRACE_EVENTS;
        if events > limit {
            return Err(Failure::Input(format!(
                "the trace of replication {trace_rep} would hold {events} events; the limit is {limit} (scenario::limits::MAX_TRACE_EVENTS): trace a shorter scenario"
            )));
        }
    }
    let token = interrupt_token();
    // Rows are streamed to the CSV file as they come, not kept: memory stays flat.
    let options = reps
        .options(range)
        .with_rows(false)
        .with_cancel(token.clone());
    let seed = reps.seed;
    let total = options.reps.end - options.reps.start;
    let command = format!(
        "run seed={seed} reps={}..{} csv={}",
        options.reps.start,
        options.reps.end,
        csv.is_some()
    );
    let mut cp = checkpoint_args.open(&command, &s)?;
    let state = cp.as_mut().and_then(|c| c.saved.state.take());
    let mut rows_csv = match &csv {
        Some(path) => {
            let names = airpolicing::sim::Model::new(&s).names().0.clone();
            let f = match &cp {
                Some(c) => {
                    let keep = c.saved.csv_bytes.filter(|_| state.is_some());
                    let mut f =
                        output::AtomicFile::resumable(path, keep).map_err(Failure::Input)?;
                    if keep.is_none() {
                        f.write(run::csv_header(&names).as_bytes())
                            .map_err(Failure::Input)?;
                    }
                    f
                }
                None => {
                    let mut f = output::AtomicFile::create(path).map_err(Failure::Input)?;
                    f.write(run::csv_header(&names).as_bytes())
                        .map_err(Failure::Input)?;
                    f
                }
            };
            Some(f)
        }
        None => None,
    };
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new(total);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} replications, {eta} left",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let mut write_error = None;
    let mut done = state.as_ref().map_or(0, |st| st.done());
    let started = std::time::Instant::now();
    let result = {
        let rows_csv = std::cell::RefCell::new(&mut rows_csv);
        let mut each = |row: &airpolicing::sim::RepMetrics| {
            if let Some(f) = rows_csv.borrow_mut().as_mut()
                && write_error.is_none()
                && let Err(e) = f.write(run::csv_row(row).as_bytes())
            {
                write_error = Some(e);
            }
        };
        let cp = &mut cp;
        let mut after_chunk = |st: &airpolicing::montecarlo::RunState| -> Result<(), String> {
            done = st.done();
            if let Some(c) = cp.as_mut()
                && c.due(&token)
            {
                c.saved.csv_bytes = match rows_csv.borrow_mut().as_mut() {
                    Some(f) => Some(f.sync()?),
                    None => None,
                };
                c.saved.state = Some(st.clone());
                c.write()?;
            }
            Ok(())
        };
        run_resumable(
            &s,
            &options,
            state,
            &|n| {
                if let Some(b) = &bar {
                    b.set_position(n);
                }
            },
            &mut each,
            &mut after_chunk,
        )
    };
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let result = match result {
        Ok(r) => r,
        Err(RunError::Cancelled) => return Err(interrupted(cp.as_ref(), done, total)),
        Err(e) => return Err(Failure::Input(e.to_string())),
    };
    if let Some(e) = write_error {
        return Err(Failure::Input(e));
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "{} replications in {secs:.2} s ({:.1} M events/s)",
        result.replications(),
        result.events() as f64 / secs / 1e6
    );
    if let Some(f) = rows_csv {
        f.commit().map_err(Failure::Input)?;
    }
    if let Some(path) = &trace {
        let jsonl = path
            .extension()
            .is_some_and(|e| e == "jsonl" || e == "json");
        let mut w = run::TraceWriter::new(jsonl);
        let model = airpolicing::sim::Model::new(&s);
        airpolicing::sim::simulate_observed(&model, seed, trace_rep, &mut w);
        run::write(path, &w.text).map_err(Failure::Input)?;
    }
    report.write(&s, &result, &[], None)?;
    if json {
        print_json(&run::json(&result, &s.origin))?;
    } else {
        print!("{}", run::render(&result, &s.origin));
    }
    if let Some(c) = cp {
        c.finish();
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn size_command(
    scenario: String,
    squadron: Option<String>,
    reps: Replications,
    max_aircraft: u32,
    mix: bool,
    json: bool,
    report_args: ReportArgs,
    checkpoint_args: CheckpointArgs,
) -> Result<(), Failure> {
    use airpolicing::montecarlo::{RunError, run_resumable};
    use airpolicing::sizing::{SizingError, SizingOptions, size_force_by, size_squadron_by};
    let s = Scenario::load(&scenario)?;
    for w in &s.warnings {
        eprintln!("{w}");
    }
    let run = reps.options(None);
    report_args.check()?;
    let opts = SizingOptions {
        run: run.clone(),
        max_aircraft,
    };
    let token = interrupt_token();
    let command = format!(
        "size squadron={squadron:?} mix={mix} seed={} replications={} max_aircraft={max_aircraft}",
        reps.seed, reps.replications
    );
    let mut cp = checkpoint_args.open(&command, &s)?;
    // Scores each candidate fleet on this machine, as `score_locally` does, but stops on Ctrl-C
    // and keeps every score (and the candidate in progress) in the checkpoint.
    let candidate_opts = run.with_rows(false).with_cancel(token.clone());
    let mut scored = 0u64;
    let mut score = |c: &Scenario| -> Result<(u32, u32), SizingError> {
        let counts: Vec<u32> = c.squadrons.iter().map(|q| q.aircraft_count).collect();
        if let Some(saved) = &cp
            && let Some((_, met, n)) = saved.saved.scores.iter().find(|(k, ..)| *k == counts)
        {
            return Ok((*met, *n));
        }
        let state = cp.as_mut().and_then(|c| match c.saved.current.take() {
            Some((k, st)) if k == counts => Some(st),
            _ => None,
        });
        let r = run_resumable(c, &candidate_opts, state, &|_| {}, &mut |_| {}, &mut |st| {
            if let Some(c) = cp.as_mut()
                && c.due(&token)
            {
                c.saved.current = Some((counts.clone(), st.clone()));
                c.write()?;
            }
            Ok(())
        })?;
        let (met, n) = (r.met_standard as u32, r.replications() as u32);
        scored += 1;
        if let Some(c) = cp.as_mut() {
            c.saved.scores.push((counts, met, n));
            c.saved.current = None;
            c.write()
                .map_err(|e| SizingError::Run(RunError::Checkpoint(e)))?;
        }
        Ok((met, n))
    };
    let stop = |e: SizingError, cp: Option<&checkpoint::Checkpoint>, scored: u64| {
        match e {
        SizingError::Run(RunError::Cancelled) => Failure::Interrupted(match cp {
            Some(c) => format!(
                "interrupted after scoring {scored} candidate fleets; progress is saved in {}: run the same command with --resume to continue",
                c.path().display()
            ),
            None => "interrupted; nothing was written (add --checkpoint FILE to be able to resume a long search)".to_string(),
        }),
        other => Failure::Input(other.to_string()),
    }
    };
    if mix {
        let started = std::time::Instant::now();
        let r = size_force_by(&s, max_aircraft, &mut score);
        let r = r.map_err(|e| stop(e, cp.as_ref(), scored))?;
        eprintln!(
            "sized the force mix in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        if report_args.wanted() {
            // The report simulates the force the search found (or the scenario's, if none).
            let mut sized = s.clone();
            if let Some(counts) = &r.required {
                for (i, &n) in counts.iter().enumerate() {
                    sized = sized
                        .with_value(&format!("squadrons[{i}].aircraft_count"), f64::from(n))
                        .map_err(|e| Failure::Internal(e.to_string()))?;
                }
            }
            let run = airpolicing::montecarlo::run(&sized, &opts.run)
                .map_err(|e| Failure::Input(e.to_string()))?;
            report_args.write(&sized, &run, &[], Some(&r))?;
        }
        if json {
            let doc = serde_json::json!({
                "scenario": s.file.scenario.name,
                "origin": s.origin,
                "seed": reps.seed,
                "replications": reps.replications,
                "confidence": s.file.targets.confidence,
                "force": r,
            });
            print_json(&doc)?;
        } else {
            print!("{}", size::render_mix(&s, reps.replications, reps.seed, &r));
        }
        if let Some(c) = cp {
            c.finish();
        }
        return Ok(());
    }
    let names: Vec<String> = match squadron {
        Some(n) => vec![n],
        None => s.squadrons.iter().map(|q| q.name.clone()).collect(),
    };
    let started = std::time::Instant::now();
    let mut rows = Vec::new();
    let mut failed = None;
    for n in &names {
        match size_squadron_by(&s, n, max_aircraft, &mut score) {
            Ok(r) => rows.push(r),
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    if let Some(e) = failed {
        return Err(stop(e, cp.as_ref(), scored));
    }
    eprintln!(
        "sized {} squadron(s) in {:.1} s",
        rows.len(),
        started.elapsed().as_secs_f64()
    );
    if report_args.wanted() {
        let r = airpolicing::montecarlo::run(&s, &opts.run)
            .map_err(|e| Failure::Input(e.to_string()))?;
        report_args.write(&s, &r, &rows, None)?;
    }
    let conf = s.file.targets.confidence;
    if json {
        let doc = serde_json::json!({
            "scenario": s.file.scenario.name,
            "origin": s.origin,
            "seed": reps.seed,
            "replications": reps.replications,
            "confidence": conf,
            "squadrons": rows,
        });
        print_json(&doc)?;
    } else {
        print!(
            "{}",
            size::render(
                &s.file.scenario.name,
                conf,
                reps.replications,
                reps.seed,
                &rows
            )
        );
    }
    if let Some(c) = cp {
        c.finish();
    }
    Ok(())
}

/// Prints one JSON document on stdout.
fn print_json<T: serde::Serialize>(doc: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(doc)
        .map_err(|err| Failure::Internal(format!("cannot write JSON: {err}")))?;
    println!("{text}");
    Ok(())
}

/// Refuses, before any work, an output path whose directory does not exist or is not writable.
fn check_writable(path: &std::path::Path) -> Result<(), Failure> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Failure::Input(format!(
            "{}: the directory {} does not exist",
            path.display(),
            dir.display()
        )));
    }
    let probe = dir.join(format!(".airpolicing-probe-{}", std::process::id()));
    match std::fs::write(&probe, b"") {
        Ok(()) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(e) => Err(Failure::Input(format!(
            "{}: cannot write in {}: {e}",
            path.display(),
            dir.display()
        ))),
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
        Ok(Err(Failure::Interrupted(msg))) => {
            eprintln!("{msg}");
            ExitCode::from(130)
        }
        Ok(Err(Failure::Internal(msg))) => {
            eprintln!("airpolicing: internal error: {msg}");
            ExitCode::from(1)
        }
        Err(_) => ExitCode::from(1),
    }
}
