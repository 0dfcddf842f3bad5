//! How much protection for how many aircraft: the whole force sized for a ladder of standards,
//! one target raised rung by rung (docs/model.md, sizing).
//!
//! Each rung sets one target of the scenario's `[targets]` to a level and sizes the whole force
//! ([`crate::sizing::size_force`]) on the same replications. A force that meets a stricter rung
//! also meets every looser one on those replications (a replication that reaches the stricter
//! level reaches the looser), so the fewest aircraft can only rise with the standard. The greedy
//! search may still find a smaller force on a stricter rung than on a looser one; the ladder then
//! scores that force against the looser standard on the same replications and, when it meets it,
//! takes it for the looser rung too, marked as such. Tightening the standard never needs fewer
//! aircraft.

use crate::catalog::Role;
use crate::scenario::Scenario;
use crate::sizing::{SizingError, SizingOptions, score_locally, size_force, with_counts};
use serde::{Deserialize, Serialize};

/// One rung: the target's level and the force sized for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rung {
    /// The target's level on this rung.
    pub level: f64,
    /// Aircraft per squadron, in scenario order (`None`: no force found).
    pub counts: Option<Vec<u32>>,
    /// Aircraft in all.
    pub total: Option<u32>,
    /// Fighters in all.
    pub fighters: Option<u32>,
    /// The fraction of replications meeting this rung's standard with this force.
    pub probability: Option<f64>,
    /// Whether the force was found for a stricter rung and meets this one too (see the module).
    pub from_stricter: bool,
}

/// The ladder of one scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ladder {
    /// The scenario's name.
    pub scenario: String,
    /// The target raised, as named in `[targets]`.
    pub target: String,
    /// Squadron names, in scenario order.
    pub squadrons: Vec<String>,
    /// The confidence each rung is sized to.
    pub confidence: f64,
    /// The rungs, loosest first.
    pub rungs: Vec<Rung>,
}

/// Whether a higher level of `target` is a stricter standard: every target is a minimum except
/// `response_time_min`, which is a time to meet (shorter is stricter).
pub fn higher_is_stricter(target: &str) -> bool {
    target != "response_time_min"
}

/// Sizes the whole force of `s` for each level of `target` (a key of `[targets]`), loosest first.
pub fn ladder(
    s: &Scenario,
    target: &str,
    levels: &[f64],
    opts: &SizingOptions,
) -> Result<Ladder, SizingError> {
    let mut levels = levels.to_vec();
    levels.sort_by(f64::total_cmp);
    levels.dedup();
    if !higher_is_stricter(target) {
        levels.reverse();
    }
    let path = format!("targets.{target}");
    let rungs_s: Vec<Scenario> = levels
        .iter()
        .map(|&v| s.with_value(&path, v))
        .collect::<Result<_, _>>()
        .map_err(|e| SizingError::Ladder(e.to_string().trim_end().to_string()))?;
    let conf = s.file.targets.confidence;
    let fighters = |c: &[u32]| -> u32 {
        c.iter()
            .enumerate()
            .filter(|&(i, _)| s.squadron_type(i).role() == Role::Fighter)
            .map(|(_, &n)| n)
            .sum()
    };
    let mut rungs = Vec::new();
    for (level, rs) in levels.iter().zip(&rungs_s) {
        let f = size_force(rs, opts)?;
        let p = f.steps.last().filter(|_| f.required.is_some());
        rungs.push(Rung {
            level: *level,
            total: f.required.as_ref().map(|c| c.iter().sum()),
            fighters: f.required.as_deref().map(fighters),
            probability: p.map(|st| st.point.probability),
            counts: f.required,
            from_stricter: false,
        });
    }
    // From the strictest rung down: a stricter rung's smaller force, scored against the looser
    // standard on the same replications, replaces the looser rung's when it meets it.
    let mut score = score_locally(opts);
    for i in (0..rungs.len().saturating_sub(1)).rev() {
        let (Some(stricter), Some(stricter_total)) =
            (rungs[i + 1].counts.clone(), rungs[i + 1].total)
        else {
            continue;
        };
        if rungs[i].total.is_some_and(|t| t <= stricter_total) {
            continue;
        }
        let sc = score(&with_counts(&rungs_s[i], &stricter))?;
        let p = f64::from(sc.met) / f64::from(sc.replications.max(1));
        if p >= conf {
            rungs[i] = Rung {
                level: rungs[i].level,
                total: Some(stricter_total),
                fighters: Some(fighters(&stricter)),
                probability: Some(p),
                counts: Some(stricter),
                from_stricter: true,
            };
        }
    }
    Ok(Ladder {
        scenario: s.file.scenario.name.clone(),
        target: target.to_string(),
        squadrons: s.squadrons.iter().map(|q| q.name.clone()).collect(),
        confidence: conf,
        rungs,
    })
}
