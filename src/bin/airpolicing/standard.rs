//! The standard in plain words: each target, its goal, and how often the replications met it,
//! for `run`, `size` and the report.

use crate::table::Table;
pub use airpolicing::standard::words::{Line, binds, pct, share, words};
use airpolicing::standard::{Target, binding};
use std::fmt::Write;

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
        out.push_str(&crate::table::wrap(&b, 100, ""));
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
