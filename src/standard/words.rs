//! The standard in plain words: each target, its goal, and how often the replications met it, as
//! the command line, the report and the Python package say it.

use super::{Target, binding};

/// A target in plain words: what must hold, e.g. "every CAP station with a fighter on it".
pub fn words(t: &Target) -> String {
    crate::sim::metrics::label(&t.name)
}

/// A share as a percentage with one decimal ("—" when it is not a number).
pub fn pct(x: f64) -> String {
    if x.is_finite() {
        format!("{:.1} %", 100.0 * x)
    } else {
        "—".into()
    }
}

/// A number with `d` decimals ("—" when it is not a number).
pub fn fixed(x: f64, d: usize) -> String {
    if x.is_finite() {
        format!("{x:.d$}")
    } else {
        "—".into()
    }
}

/// `met` over `of`, NaN when `of` is zero.
pub fn share(met: u64, of: u64) -> f64 {
    if of == 0 {
        f64::NAN
    } else {
        met as f64 / of as f64
    }
}

/// One target's line of the standard: its words, goal, mean value and pass rate.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The target in words.
    pub words: String,
    /// The least value that meets it.
    pub goal: f64,
    /// Its metric's mean; `None` when the scenario has no such metric (always met).
    pub mean: Option<f64>,
    /// Replications that met it.
    pub met: u64,
    /// Replications in all.
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
