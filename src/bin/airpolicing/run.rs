//! `airpolicing run`: Monte Carlo replications, their summary, and the optional CSV and trace.

use crate::output::{csv_field, write_atomic};
use crate::table::{Table, f};
use airpolicing::montecarlo::{RunResult, Summary};
use airpolicing::sim::RepMetrics;
use airpolicing::sim::trace::{Observer, TraceEvent};
use std::fmt::Write;

/// Plain words for a metric name, and whether it is a fraction (shown as a percentage).
pub fn label(name: &str) -> (String, bool) {
    let (base, arg) = match name.find('[') {
        Some(i) => (&name[..i], Some(name[i + 1..].trim_end_matches(']'))),
        None => (name, None),
    };
    let a = arg.unwrap_or("");
    let (text, fraction) = match base {
        "cap_coverage" => ("every CAP station fully manned".to_string(), true),
        "cap_presence" => ("every CAP station with a fighter on it".to_string(), true),
        "station_coverage" => (format!("station {a} fully manned"), true),
        "aew_coverage" if arg.is_some() => (format!("AEW orbit {a} manned"), true),
        "aew_coverage" => ("every AEW orbit manned".to_string(), true),
        "front_coverage_low" => ("front in radar cover, low target".to_string(), true),
        "front_coverage_high" => ("front in radar cover, high target".to_string(), true),
        "tanker_coverage" if arg.is_some() => (format!("tanker track {a} manned"), true),
        "tanker_coverage" => ("every tanker track manned".to_string(), true),
        "fuel_offloaded_t_per_day" => (format!("fuel given on {a}, t/day"), false),
        "qra_coverage" if arg.is_some() => (format!("QRA {a} alert held"), true),
        "qra_coverage" => ("every QRA alert held".to_string(), true),
        "sorties_per_day" if arg.is_some() => (format!("sorties/day, {a}"), false),
        "sorties_per_day" => ("sorties/day, all squadrons".to_string(), false),
        "flight_hours_per_day" if arg.is_some() => (format!("flight hours/day, {a}"), false),
        "flight_hours_per_day" => ("flight hours/day, all squadrons".to_string(), false),
        "mc_rate" => (format!("mission-capable rate, {a}"), true),
        "violations_per_day" => (with_arg("violations per day", arg), false),
        "undetected_fraction" => (with_arg("violations never detected", arg), true),
        "unanswered_fraction" => (with_arg("violations seen but not intercepted", arg), true),
        "intercept_within_target" => (
            with_arg("violations intercepted within the target time", arg),
            true,
        ),
        "response_time_mean" => (with_arg("response time, mean (min)", arg), false),
        "response_time_p50" => ("response time, median (min)".to_string(), false),
        "response_time_p90" => ("response time, 90th percentile (min)".to_string(), false),
        "response_time_p99" => ("response time, 99th percentile (min)".to_string(), false),
        "qra_unavailable_fraction" => (
            "violations finding no QRA aircraft on alert".to_string(),
            true,
        ),
        _ => (name.to_string(), false),
    };
    (text, fraction)
}

fn with_arg(text: &str, arg: Option<&str>) -> String {
    match arg {
        Some(a) => format!("{text}, {a}"),
        None => text.to_string(),
    }
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

/// The human summary.
pub fn render(r: &RunResult, origin: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Simulated `{}` ({origin}): {} replications ({}..{}), seed {}.\n",
        r.scenario,
        r.replications(),
        r.reps.start,
        r.reps.end,
        r.seed
    );
    let mut t = Table::new(&["measure", "mean", "95 % CI of the mean", "sd", "min", "max"]);
    for s in &r.summary {
        let (text, fr) = label(&s.name);
        let ci = if s.ci_low.is_finite() {
            format!("{} – {}", value(s.ci_low, fr), value(s.ci_high, fr))
        } else {
            "—".into()
        };
        let sd = if fr {
            value(s.sd, true)
        } else {
            value(s.sd, false)
        };
        t.row(vec![
            text,
            value(s.mean, fr),
            ci,
            sd,
            value(s.min, fr),
            value(s.max, fr),
        ]);
    }
    out.push_str(&t.render());
    out.push_str(
        "\nCoverage fractions are of the time after the warm-up, violation fractions of the violations\nafter it; response times run from crossing the front to the intercept. The 95 % interval is\nfor the mean over many replications; min and max show how much one run can differ from another.\n",
    );
    out
}

/// One JSON document: everything but timings, so its bytes do not depend on the thread count.
pub fn json(r: &RunResult, origin: &str) -> serde_json::Value {
    serde_json::json!({
        "scenario": r.scenario,
        "origin": origin,
        "seed": r.seed,
        "replications": { "start": r.reps.start, "end": r.reps.end },
        "metrics": r.summary.iter().map(|s: &Summary| s).collect::<Vec<_>>(),
        "response_time_histogram": {
            "bin_minutes": 1,
            "note": "intercepts of all replications by response time; the last bin holds everything longer",
            "counts": r.response_hist,
        },
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
