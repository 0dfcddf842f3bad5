//! `airpolicing run`: Monte Carlo replications, their summary, and the optional CSV and trace.

use crate::args::{CheckpointArgs, Replications, ReportArgs, parse_range};
use crate::failure::Failure;
use crate::interrupt::{interrupt_token, interrupted};
use crate::output::{self, check_writable, csv_field, print_json, write_atomic};
use crate::standard;
use crate::table::{Table, f, wrap};
use airpolicing::montecarlo::{RunResult, Summary};
use airpolicing::scenario::Scenario;
use airpolicing::sim::Model;
use airpolicing::sim::RepMetrics;
use airpolicing::sim::metrics::why_unanswered;
use airpolicing::sim::trace::{Observer, TraceEvent};
use airpolicing::sustain::Account;
use std::fmt::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub(crate) struct RunArgs {
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
}

/// Runs the replications, streams the CSV, writes the trace and the report, and prints the
/// summary.
pub(crate) fn execute(a: RunArgs) -> Result<(), Failure> {
    let RunArgs {
        scenario,
        reps,
        range,
        json,
        csv,
        trace,
        trace_rep,
        report,
        checkpoint: checkpoint_args,
    } = a;
    use airpolicing::montecarlo::{RunError, run_model_resumable};
    let s = Scenario::load(&scenario)?;
    for w in &s.warnings {
        eprintln!("{w}");
    }
    for path in csv.iter().chain(trace.iter()) {
        check_writable(path)?;
    }
    report.check()?;
    output::check_distinct(
        &[
            ("--csv", csv.as_deref()),
            ("--trace", trace.as_deref()),
            ("--report", report.report.as_deref()),
            ("--checkpoint", checkpoint_args.checkpoint.as_deref()),
        ],
        &scenario,
    )?;
    // The model is built once: for the trace's size, the CSV's columns, the run and the trace.
    let model = Model::new(&s);
    let asked = reps.options(range.clone()).reps;
    airpolicing::montecarlo::check_limits(&s, asked.end - asked.start)
        .map_err(|e| Failure::Input(e.to_string()))?;
    if trace.is_some() {
        // A trace is held whole before it is written: refuse one over the limit before the run.
        let events = airpolicing::sim::simulate(&model, reps.seed, trace_rep)
            .map_err(|e| Failure::Input(e.to_string()))?
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
            let names = model.names().0.clone();
            let f = match &cp {
                Some(c) => {
                    let keep = c.saved.csv_bytes.filter(|_| state.is_some());
                    let mut f = output::AtomicFile::resumable(path, c.path(), keep)
                        .map_err(Failure::Input)?;
                    if keep.is_none() {
                        f.write(csv_header(&names).as_bytes())
                            .map_err(Failure::Input)?;
                    }
                    f
                }
                None => {
                    let mut f = output::AtomicFile::create(path).map_err(Failure::Input)?;
                    f.write(csv_header(&names).as_bytes())
                        .map_err(Failure::Input)?;
                    f
                }
            };
            Some(f)
        }
        None => None,
    };
    let bar = crate::progress::Bar::steps(total, "replications");
    let mut write_error = None;
    let mut done = state.as_ref().map_or(0, |st| st.done());
    let started = std::time::Instant::now();
    let result = {
        let rows_csv = std::cell::RefCell::new(&mut rows_csv);
        let mut each = |row: &airpolicing::sim::RepMetrics| {
            if let Some(f) = rows_csv.borrow_mut().as_mut()
                && write_error.is_none()
                && let Err(e) = f.write(csv_row(row).as_bytes())
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
        run_model_resumable(
            &s,
            &model,
            &options,
            state,
            &|n| bar.set(n),
            &mut each,
            &mut after_chunk,
        )
    };
    bar.finish();
    let result = match result {
        Ok(r) => r,
        Err(RunError::Cancelled) => return Err(interrupted(cp.as_ref(), done, total)),
        Err(e) => return Err(Failure::Input(e.to_string())),
    };
    if let Some(e) = write_error {
        return Err(Failure::Input(e));
    }
    let secs = started.elapsed().as_secs_f64();
    crate::progress::note(&format!(
        "{} replications in {secs:.2} s ({:.1} M events/s)",
        result.replications(),
        result.events() as f64 / secs / 1e6
    ));
    if let Some(f) = rows_csv {
        f.commit().map_err(Failure::Input)?;
    }
    if let Some(path) = &trace {
        let jsonl = path
            .extension()
            .is_some_and(|e| e == "jsonl" || e == "json");
        let mut w = TraceWriter::new(jsonl);
        airpolicing::sim::simulate_observed(&model, seed, trace_rep, &mut w)
            .map_err(|e| Failure::Input(e.to_string()))?;
        write(path, &w.text).map_err(Failure::Input)?;
    }
    report.write(&s, &result, &[], None)?;
    if json {
        print_json(&self::json(&result, &s))?;
    } else {
        crate::output::out(&render(&result, &s))?;
    }
    if let Some(c) = cp {
        c.finish();
    }
    Ok(())
}

/// Plain words for a metric name, and whether it is a fraction (shown as a percentage).
pub fn label(name: &str) -> (String, bool) {
    (
        airpolicing::sim::metrics::label(name),
        airpolicing::sim::metrics::is_fraction(name),
    )
}

fn value(x: f64, fraction: bool) -> String {
    if !x.is_finite() {
        "—".into()
    } else if fraction {
        format!("{:.1} %", 100.0 * x)
    } else {
        f(x, 1)
    }
}

/// The machine name's base and its argument: `station_presence[Kharkiv]` → (`station_presence`,
/// `Kharkiv`).
fn split(name: &str) -> (&str, Option<&str>) {
    match name.find('[') {
        Some(i) => (&name[..i], Some(name[i + 1..].trim_end_matches(']'))),
        None => (name, None),
    }
}

/// A table of whole-run measures: mean, interval, spread and range.
fn measures(r: &RunResult, keep: impl Fn(&str, Option<&str>) -> bool) -> Option<String> {
    let mut t = Table::new(&["measure", "mean", "95 % CI of the mean", "sd", "min", "max"]);
    let mut any = false;
    for s in &r.summary {
        let (base, arg) = split(&s.name);
        if !keep(base, arg) {
            continue;
        }
        any = true;
        let (text, fr) = label(&s.name);
        // The library holds each interval to its measure's range (at least 0, at most 1 for a
        // fraction).
        let ci = if s.ci_low.is_finite() {
            format!("{} – {}", value(s.ci_low, fr), value(s.ci_high, fr))
        } else {
            "—".into()
        };
        t.row(vec![
            text,
            value(s.mean, fr),
            ci,
            value(s.sd, fr),
            value(s.min, fr),
            value(s.max, fr),
        ]);
    }
    any.then(|| t.render())
}

/// A table with a row per station, sector or squadron (the measures' argument) and a column per
/// measure (their base), each cell the mean.
fn pivot(
    r: &RunResult,
    key: &str,
    columns: &[(&str, &str)],
    name: impl Fn(&str) -> String,
) -> Option<String> {
    let mut keys: Vec<&str> = Vec::new();
    for s in &r.summary {
        if let (base, Some(arg)) = split(&s.name)
            && columns.iter().any(|c| c.0 == base)
            && !keys.contains(&arg)
        {
            keys.push(arg);
        }
    }
    if keys.is_empty() {
        return None;
    }
    let mut header = vec![key];
    header.extend(columns.iter().map(|c| c.1));
    let mut t = Table::new(&header);
    for k in keys {
        let mut row = vec![name(k)];
        for (base, _) in columns {
            let metric = format!("{base}[{k}]");
            row.push(r.metric(&metric).map_or("—".into(), |m| {
                value(m.mean, airpolicing::sim::metrics::is_fraction(&metric))
            }));
        }
        t.row(row);
    }
    Some(t.render())
}

/// The human summary, in groups: the force's coverage, the violations and the response, then
/// per station, post, sector and squadron.
pub fn render(r: &RunResult, s: &Scenario) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Simulated `{}` ({}): {} replications ({}..{}), seed {}.",
        r.scenario,
        s.origin,
        r.replications(),
        r.reps.start,
        r.reps.end,
        r.seed
    );
    let mut section = |title: &str, body: Option<String>| {
        if let Some(b) = body {
            let _ = write!(out, "\n{title}\n{b}");
        }
    };
    const COVERAGE: [&str; 9] = [
        "worst_station_presence",
        "worst_station_coverage",
        "cap_presence",
        "cap_coverage",
        "aew_coverage",
        "tanker_coverage",
        "qra_coverage",
        "front_coverage_low",
        "front_coverage_high",
    ];
    section(
        "Coverage: the share of the time after the warm-up",
        measures(r, |b, a| a.is_none() && COVERAGE.contains(&b)),
    );
    section(
        "Violations and the response (response times from crossing the front to the intercept)",
        measures(r, |b, a| {
            a.is_none()
                && (b.starts_with("violations")
                    || b.starts_with("response_time")
                    || b.starts_with("points_")
                    || b.starts_with("raid_")
                    || b.starts_with("air_defence_")
                    || b.starts_with("engaged_by_")
                    || b.starts_with("weapons_cost")
                    || b == "cost_per_kill_usd"
                    || b == "shot_down_per_day"
                    || matches!(
                        b,
                        "undetected_fraction"
                            | "unanswered_fraction"
                            | "intercept_within_target"
                            | "qra_unavailable_fraction"
                    ))
        })
        .map(|table| {
            match r
                .metric("unanswered_fraction")
                .and_then(|u| why_unanswered(u.mean))
            {
                Some(why) => format!("{table}{}", wrap(why, 100, "  ")),
                None => table,
            }
        }),
    );
    section(
        "Per CAP station (means)",
        pivot(
            r,
            "station",
            &[
                ("station_presence", "with a fighter"),
                ("station_coverage", "full element"),
            ],
            str::to_string,
        ),
    );
    section(
        "Per tanker track (means)",
        pivot(
            r,
            "track",
            &[
                ("tanker_coverage", "tanker on track"),
                ("fuel_offloaded_t_per_day", "fuel given, t/day"),
            ],
            str::to_string,
        ),
    );
    section(
        "Per AEW&C orbit (means)",
        pivot(r, "orbit", &[("aew_coverage", "manned")], str::to_string),
    );
    section(
        "Per QRA posture (means)",
        pivot(
            r,
            "posture",
            &[("qra_coverage", "alert held")],
            str::to_string,
        ),
    );
    section(
        "Per defended point (means)",
        pivot(
            r,
            "point",
            &[
                ("point_threats_per_day", "heading for it/day"),
                ("point_defended", "stopped before it"),
            ],
            str::to_string,
        ),
    );
    section(
        "Who made the kills (means; of the violators shot down)",
        pivot(
            r,
            "layer",
            &[("kill_share", "share of the kills")],
            str::to_string,
        ),
    );
    section(
        "Per sector of the front, from its first point (means)",
        pivot(
            r,
            "sector",
            &[
                ("violations_per_day", "violations/day"),
                ("unanswered_fraction", "not intercepted"),
                ("intercept_within_target", "within target"),
                ("response_time_mean", "mean response, min"),
            ],
            |a| airpolicing::sim::metrics::sector_name(s, a),
        ),
    );
    let squadrons = pivot(
        r,
        "squadron",
        &[
            ("sorties_per_day", "sorties/day"),
            ("flight_hours_per_day", "flight h/day"),
            ("mc_rate", "mission-capable"),
        ],
        str::to_string,
    )
    .map(|t| {
        let all = |m: &str| r.metric(m).map_or("—".into(), |x| value(x.mean, false));
        format!(
            "{t}  all squadrons: {} sorties and {} flight hours a day\n",
            all("sorties_per_day"),
            all("flight_hours_per_day")
        )
    });
    section("Per squadron (means)", squadrons);
    out.push_str(
        "\nThe 95 % interval is for the mean over many replications; min and max show how much one\nrun can differ from another. --json gives every measure with its interval and percentiles.\n",
    );
    out.push_str(&standard::section(
        &standard_lines(r),
        r.met_standard,
        r.replications(),
    ));
    out.push_str(&crate::sustain::titled(&Account::of_run(s, r)));
    out
}

/// The standard's lines of a run: each target, its goal, its metric's mean and its pass rate.
pub fn standard_lines(r: &RunResult) -> Vec<standard::Line> {
    r.standard_lines()
}

/// One JSON document: everything but timings, so its bytes do not depend on the thread count.
pub fn json(r: &RunResult, s: &Scenario) -> serde_json::Value {
    serde_json::json!({
        "scenario": r.scenario,
        "origin": s.origin,
        "seed": r.seed,
        "replications": { "start": r.reps.start, "end": r.reps.end },
        "metrics": r.summary.iter().map(|s: &Summary| s).collect::<Vec<_>>(),
        "standard": standard::json(&standard_lines(r), &r.targets, r.met_standard, r.replications()),
        "response_time_histogram": {
            "bin_minutes": 1,
            "note": "intercepts of all replications by response time; the last bin holds everything longer",
            "counts": r.response_hist,
        },
        "sustainment": Account::of_run(s, r),
    })
}

/// The CSV header: `replication` and every scalar metric.
pub fn csv_header(names: &[String]) -> String {
    let mut out = String::from("replication");
    for n in names {
        out.push(',');
        out.push_str(&csv_field(n));
    }
    out.push('\n');
    out
}

/// One CSV row: the replication index and every scalar metric.
pub fn csv_row(row: &RepMetrics) -> String {
    let mut out = row.replication.to_string();
    for v in &row.values {
        let _ = write!(out, ",{v}");
    }
    out.push('\n');
    out
}

/// Writes a trace as CSV (or JSON lines when `jsonl`).
pub struct TraceWriter {
    pub jsonl: bool,
    pub text: String,
}

impl TraceWriter {
    pub fn new(jsonl: bool) -> Self {
        let text = if jsonl {
            String::new()
        } else {
            "time_h,squadron,tail,event,lat,lon,fuel_kg,task\n".to_string()
        };
        Self { jsonl, text }
    }
}

impl Observer for TraceWriter {
    fn event(&mut self, e: &TraceEvent<'_>) {
        if self.jsonl {
            let line = serde_json::json!({
                "time_h": e.time_h, "squadron": e.squadron, "tail": e.tail, "event": e.event,
                "lat": e.position.lat_deg, "lon": e.position.lon_deg, "fuel_kg": e.fuel_kg,
                "task": e.task,
            });
            let _ = writeln!(self.text, "{line}");
        } else {
            let _ = writeln!(
                self.text,
                "{:.6},{},{},{},{:.5},{:.5},{:.1},{}",
                e.time_h,
                csv_field(e.squadron),
                e.tail,
                e.event,
                e.position.lat_deg,
                e.position.lon_deg,
                e.fuel_kg,
                csv_field(e.task.unwrap_or(""))
            );
        }
    }
}

pub fn write(path: &std::path::Path, text: &str) -> Result<(), String> {
    write_atomic(path, text.as_bytes())
}
