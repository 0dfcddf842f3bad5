//! The standard in plain words: each target, its goal, and how often the replications met it,
//! for `run`, `size` and the report.

use crate::run::label;
use crate::table::Table;
use airpolicing::standard::{Target, binding};
use std::fmt::Write;

/// A target in plain words: what must hold, e.g. "every CAP station with a fighter on it".
pub fn words(t: &Target) -> String {
    label(&t.name).0
}

/// A share as a percentage.
pub fn pct(x: f64) -> String {
    if x.is_finite() {
        format!("{:.1} %", 100.0 * x)
    } else {
        "—".into()
    }
}

/// One target's line of the standard: its words, goal, mean value and pass rate.
pub struct Line {
    pub words: String,
    pub goal: f64,
    pub mean: Option<f64>,
    pub met: u64,
    pub of: u64,
}

/// The lines of the standard: per target, the mean of its metric (from `mean`, `None` when the
/// scenario has no such metric) and the replications of `of` that met it.
pub fn lines(
    targets: &[Target],
    met_each: &[u64],
    of: u64,
    mean: impl Fn(&str) -> Option<f64>,
) -> Vec<Line> {
    targets
        .iter()
        .zip(met_each)
        .map(|(t, &met)| Line {
            words: words(t),
            goal: t.goal,
            mean: t.index.and_then(|_| mean(&t.name)),
            met,
            of,
        })
        .collect()
}

/// The table of the standard.
pub fn table(lines: &[Line]) -> String {
    let mut t = Table::new(&["target", "goal", "mean", "replications meeting it"]);
    for l in lines {
        t.row(vec![
            l.words.clone(),
            format!("at least {}", pct(l.goal)),
            l.mean.map_or("— (always met)".into(), pct),
            format!("{} of {} ({})", l.met, l.of, pct(share(l.met, l.of))),
        ]);
    }
    t.render()
}

fn share(met: u64, of: u64) -> f64 {
    if of == 0 {
        f64::NAN
    } else {
        met as f64 / of as f64
    }
}

/// The sentence naming the target met least often, if there are targets.
pub fn binds(lines: &[Line]) -> Option<String> {
    let met: Vec<u64> = lines.iter().map(|l| l.met).collect();
    binding(&met).map(|i| {
        let l = &lines[i];
        if l.met == l.of {
            format!(
                "Every target was met in every replication; none binds (the first, {}, stands for them).",
                l.words
            )
        } else {
            format!(
                "The target met least often, the one that binds: {} (at least {}), met in {} of the replications.",
                l.words,
                pct(l.goal),
                pct(share(l.met, l.of))
            )
        }
    })
}

/// The whole section for `run`: the table, the share meeting all of them, and what binds.
pub fn section(lines: &[Line], met_all: u64, of: u64) -> String {
    let mut out = String::from("\nThe standard (the scenario's [targets]):\n");
    if lines.is_empty() {
        out.push_str("  The scenario names no target; every replication meets the standard.\n");
        return out;
    }
    out.push_str(&table(lines));
    let _ = writeln!(
        out,
        "\nAll of them were met in {met_all} of {of} replications ({}).",
        pct(share(met_all, of))
    );
    if let Some(b) = binds(lines) {
        let _ = writeln!(out, "{b}");
    }
    out
}

/// The standard as JSON: each target with its words, goal, mean and pass rate; the share meeting
/// all of them; and the target that binds.
pub fn json(lines: &[Line], targets: &[Target], met_all: u64, of: u64) -> serde_json::Value {
    let met: Vec<u64> = lines.iter().map(|l| l.met).collect();
    serde_json::json!({
        "targets": lines.iter().zip(targets).map(|(l, t)| serde_json::json!({
            "name": t.name,
            "label": l.words,
            "goal": l.goal,
            "mean": l.mean,
            "met": l.met,
            "replications": l.of,
            "share": share(l.met, l.of),
        })).collect::<Vec<_>>(),
        "met_all": met_all,
        "share_all": share(met_all, of),
        "binds": binding(&met).map(|i| &targets[i].name),
    })
}
