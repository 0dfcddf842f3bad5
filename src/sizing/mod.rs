//! Fleet sizing: the smallest aircraft count such that the fraction of replications meeting the
//! scenario's standard (`[targets]`) is at least its `confidence` (docs/model.md, Monte Carlo and sizing).
//!
//! Every candidate count is run on the same replications (the same seed and range), so the
//! candidates differ only by their fleet: common random numbers. Each aircraft's random streams are
//! keyed by its squadron and index, so adding an aircraft leaves the others' draws unchanged. The
//! search starts from the closed-form estimate, brackets the answer by doubling steps, bisects,
//! and always evaluates the count one below the answer, so the table can show both.
//!
//! The searches take the scoring of a candidate fleet as a function ([`size_squadron_by`],
//! [`size_force_by`]), so the replications can run elsewhere (a cluster) and the search is still
//! the same; [`size_squadron`] and [`size_force`] score on this machine with [`score_locally`].

mod mix;
mod score;
mod sequential;

pub use score::{
    Batch, CandidateModels, Score, score_batch_locally, score_locally, score_range_locally,
    with_counts,
};
pub use sequential::{Sequential, clopper_pearson};

use crate::analytic::estimate;
use crate::montecarlo::{RunError, RunOptions};
use crate::scenario::Scenario;
use crate::standard::{Standard, Target, binding};
use mix::{search_force, search_staged};
use score::{evaluate_counts, evaluate_sequentially, one_by_one, replications_of};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;

/// Wilson score interval (95 %) for `k` successes in `n` trials.
pub fn wilson(k: u32, n: u32) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let z = 1.959_963_984_540_054_f64;
    let n = f64::from(n);
    let p = f64::from(k) / n;
    let denom = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denom;
    let half = z / denom * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// One point of a sizing curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurvePoint {
    /// Aircraft in the squadron (or in the whole force, for a force-mix curve).
    pub aircraft: u32,
    /// Replications that met the standard.
    pub met: u32,
    /// Replications run.
    pub replications: u32,
    /// Fraction that met the standard.
    pub probability: f64,
    /// Wilson 95 % interval of that fraction.
    pub ci_low: f64,
    /// Upper end of the interval.
    pub ci_high: f64,
    /// Per target of the standard (in the order of [`Standard::targets`]), the replications that
    /// met it; empty when the scoring did not count them.
    pub met_each: Vec<u32>,
}

impl CurvePoint {
    /// The fraction of replications that met target `i`.
    pub fn rate(&self, i: usize) -> f64 {
        f64::from(self.met_each[i]) / f64::from(self.replications)
    }
}

/// What decides a sizing answer: the targets, the one that binds, and those never met often
/// enough.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Binding {
    /// The standard's targets, in order (the curve points' `met_each` follow it).
    pub targets: Vec<Target>,
    /// Sizing one squadron: the target with the lowest pass rate at the last count that failed
    /// (at the answer when none failed). Sizing a whole mix: the target with the lowest pass rate
    /// at the answer (each squadron's own is in [`ForceSizing::limited_by`]). `None` without an
    /// answer or without per-target counts.
    pub decided_by: Option<String>,
    /// Without an answer: the targets that no candidate met in at least the confidence share of
    /// replications.
    pub never_reached: Vec<String>,
}

impl Binding {
    /// The binding of a search over `tried`, which found `answer` (and whose last failing
    /// candidate was `last_failed`).
    fn new<'p>(
        s: &Scenario,
        answer: Option<&CurvePoint>,
        last_failed: Option<&CurvePoint>,
        tried: impl Iterator<Item = &'p CurvePoint> + Clone,
    ) -> Binding {
        let targets = Standard::new(s, &[]).targets().to_vec();
        let conf = s.file.targets.confidence;
        let counted = |p: &&CurvePoint| p.met_each.len() == targets.len();
        let decided_by = answer
            .and(last_failed.or(answer))
            .filter(counted)
            .and_then(|p| binding(&p.met_each))
            .map(|i| targets[i].name.clone());
        let never_reached = if answer.is_none() && tried.clone().all(|p| counted(&p)) {
            (0..targets.len())
                .filter(|&i| tried.clone().all(|p| p.rate(i) < conf))
                .map(|i| targets[i].name.clone())
                .collect()
        } else {
            Vec::new()
        };
        Binding {
            targets,
            decided_by,
            never_reached,
        }
    }
}

/// The answer for one squadron.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SquadronSizing {
    /// Squadron name.
    pub squadron: String,
    /// Aircraft type id.
    pub aircraft_type: String,
    /// Aircraft the scenario gives it.
    pub given: u32,
    /// The closed-form fleet at confidence (the search's starting point).
    pub closed_form: Option<u32>,
    /// The smallest count meeting the standard with the confidence, if one up to the limit does.
    pub required: Option<u32>,
    /// The most `[fleet_caps]` allows this squadron, the others as given (`None`: no cap).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<u32>,
    /// Every count evaluated, in increasing order.
    pub curve: Vec<CurvePoint>,
    /// What decides the answer.
    #[serde(flatten)]
    pub binding: Binding,
}

impl SquadronSizing {
    /// The curve point at `aircraft`, if evaluated.
    pub fn at(&self, aircraft: u32) -> Option<&CurvePoint> {
        self.curve.iter().find(|p| p.aircraft == aircraft)
    }
}

/// Options of a sizing run.
#[derive(Debug, Clone, PartialEq)]
pub struct SizingOptions {
    /// Seed, replications and threads of every candidate's run.
    pub run: RunOptions,
    /// The largest count tried per squadron.
    pub max_aircraft: u32,
    /// Spend replications where the decision is close ([`Sequential`]); `None` runs every
    /// candidate on all of `run`'s replications.
    pub sequential: Option<Sequential>,
    /// Called as each candidate is scored (and, in sweeps and tornados, as each point ends).
    pub progress: Option<crate::progress::Progress>,
}

/// A force-mix search stops without an answer after this many aircraft added in a row that
/// raised neither the fraction of replications meeting the standard nor any unmet target's count.
pub const PLATEAU_STEPS: u32 = 10;

/// The largest count tried per squadron by default (with a mix search: the most aircraft added
/// in all). Far above any fleet a scenario should need; a search that reaches it says so.
pub const MAX_AIRCRAFT: u32 = 400;

impl Default for SizingOptions {
    fn default() -> Self {
        Self {
            run: RunOptions::default().with_replications(100),
            max_aircraft: MAX_AIRCRAFT,
            sequential: None,
            progress: None,
        }
    }
}

/// Why sizing could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SizingError {
    /// No squadron of that name.
    #[error("unknown squadron `{name}`; squadrons: {known}")]
    UnknownSquadron {
        /// What was asked.
        name: String,
        /// The squadrons there are.
        known: String,
    },
    /// The scenario names no target, so every fleet meets the standard.
    #[error(
        "the scenario's [targets] names no target to size against; add e.g. `cap_coverage = 0.9`"
    )]
    NoTargets,
    /// A sequential plan that cannot be followed.
    #[error("sequential testing: {0}")]
    Sequential(String),
    /// A starting mix that does not fit the scenario.
    #[error("the search's starting mix: {0}")]
    Start(String),
    /// A run failed to start.
    #[error(transparent)]
    Run(#[from] RunError),
    /// A ladder's target or level that the scenario cannot take.
    #[error("ladder: {0}")]
    Ladder(String),
}

/// The most aircraft squadron `i` may have by the scenario's `[fleet_caps]`, with the other
/// squadrons at `counts`: its type's cap less the others' aircraft of that type (`None`: the
/// type has no cap).
pub fn cap_for(s: &Scenario, counts: &[u32], i: usize) -> Option<u32> {
    let id = &s.types[s.squadrons[i].aircraft].id;
    let cap = *s.file.fleet_caps.get(id)?;
    let others: u32 = s
        .squadrons
        .iter()
        .enumerate()
        .filter(|&(j, q)| j != i && s.types[q.aircraft].id == *id)
        .map(|(j, _)| counts[j])
        .sum();
    Some(cap.saturating_sub(others))
}

/// The aircraft types whose `[fleet_caps]` the squadrons at `counts` reach, in type order.
pub fn at_cap(s: &Scenario, counts: &[u32]) -> Vec<String> {
    s.file
        .fleet_caps
        .iter()
        .filter(|&(id, &cap)| {
            let flown: Vec<usize> = (0..s.squadrons.len())
                .filter(|&j| s.types[s.squadrons[j].aircraft].id == *id)
                .collect();
            !flown.is_empty() && flown.iter().map(|&j| counts[j]).sum::<u32>() >= cap
        })
        .map(|(id, _)| id.clone())
        .collect()
}

fn has_targets(s: &Scenario) -> bool {
    !Standard::new(s, &[]).is_empty()
}

/// Sizes squadron `name` with the others as the scenario gives them.
pub fn size_squadron(
    s: &Scenario,
    name: &str,
    opts: &SizingOptions,
) -> Result<SquadronSizing, SizingError> {
    match &opts.sequential {
        Some(plan) => size_squadron_sequential_by(
            s,
            name,
            opts.max_aircraft,
            replications_of(opts),
            plan,
            &mut score_range_locally(opts),
        ),
        None => size_squadron_by(s, name, opts.max_aircraft, &mut score_locally(opts)),
    }
}

/// Sizes squadron `name` as [`size_squadron`] does, scoring each candidate with `score`, which
/// returns a [`Score`] or `(replications meeting the standard, replications run)`.
pub fn size_squadron_by<F, S>(
    s: &Scenario,
    name: &str,
    max_aircraft: u32,
    score: &mut F,
) -> Result<SquadronSizing, SizingError>
where
    F: FnMut(&Scenario) -> Result<S, SizingError>,
    S: Into<Score>,
{
    search_squadron(s, name, max_aircraft, &mut |c| evaluate_counts(s, c, score))
}

/// Sizes squadron `name` as [`size_squadron_by`] does, testing each candidate sequentially by
/// `plan` over `replications`: `score(candidate, range)` scores the candidate's replications
/// `range` (counted from the first of the study).
pub fn size_squadron_sequential_by<F, S>(
    s: &Scenario,
    name: &str,
    max_aircraft: u32,
    replications: u32,
    plan: &Sequential,
    score: &mut F,
) -> Result<SquadronSizing, SizingError>
where
    F: FnMut(&Scenario, Range<u32>) -> Result<S, SizingError>,
    S: Into<Score>,
{
    plan.check()?;
    search_squadron(s, name, max_aircraft, &mut |c| {
        evaluate_sequentially(s, c, replications, plan, score)
    })
}

/// The search for squadron `name`'s count, each candidate's counts scored by `eval`.
fn search_squadron(
    s: &Scenario,
    name: &str,
    max_aircraft: u32,
    eval_counts: &mut dyn FnMut(&[u32]) -> Result<CurvePoint, SizingError>,
) -> Result<SquadronSizing, SizingError> {
    if !has_targets(s) {
        return Err(SizingError::NoTargets);
    }
    let Some(sq) = s.squadrons.iter().position(|q| q.name == name) else {
        return Err(SizingError::UnknownSquadron {
            name: name.to_string(),
            known: s
                .squadrons
                .iter()
                .map(|q| format!("`{}`", q.name))
                .collect::<Vec<_>>()
                .join(", "),
        });
    };
    let conf = s.file.targets.confidence;
    let closed_form = estimate(s).squadrons[sq].fleet_at_confidence;
    let mut seen: BTreeMap<u32, CurvePoint> = BTreeMap::new();
    let mut counts: Vec<u32> = s.squadrons.iter().map(|q| q.aircraft_count).collect();
    // The type's cap, when it has one, is the most this search may ask for.
    let cap = cap_for(s, &counts, sq);
    let max_aircraft = cap.map_or(max_aircraft, |c| c.min(max_aircraft));
    let mut eval = |n: u32| -> Result<bool, SizingError> {
        let point = match seen.entry(n) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => {
                counts[sq] = n;
                let mut p = eval_counts(&counts)?;
                p.aircraft = n;
                e.insert(p)
            }
        };
        Ok(point.probability >= conf)
    };
    let start = closed_form.unwrap_or(1).clamp(0, max_aircraft);
    // Bracket: `lo` fails (or is -1 when 0 succeeds), `hi` succeeds.
    let (mut lo, mut hi): (i64, Option<u32>);
    if eval(start)? {
        hi = Some(start);
        let mut step = 1u32;
        loop {
            let probe = i64::from(start) - i64::from(step);
            if probe < 0 {
                lo = -1;
                break;
            }
            if eval(probe as u32)? {
                hi = Some(probe as u32);
                step *= 2;
            } else {
                lo = probe;
                break;
            }
        }
    } else {
        lo = i64::from(start);
        hi = None;
        let mut step = 1u32;
        while hi.is_none() && lo < i64::from(max_aircraft) {
            let probe = (lo as u32).saturating_add(step).min(max_aircraft);
            if eval(probe)? {
                hi = Some(probe);
            } else {
                lo = i64::from(probe);
                step *= 2;
            }
        }
    }
    // Bisect between the failing `lo` and the succeeding `hi`.
    if let Some(mut h) = hi {
        while i64::from(h) - lo > 1 {
            let mid = ((lo + i64::from(h)) / 2) as u32;
            if eval(mid)? {
                h = mid;
            } else {
                lo = i64::from(mid);
            }
        }
        hi = Some(h);
        if h > 0 {
            eval(h - 1)?;
        }
    }
    let answer = hi.and_then(|h| seen.get(&h));
    let last_failed = hi.and_then(|h| h.checked_sub(1)).and_then(|n| seen.get(&n));
    let binding = Binding::new(s, answer, last_failed, seen.values());
    Ok(SquadronSizing {
        squadron: name.to_string(),
        aircraft_type: s.types[s.squadrons[sq].aircraft].id.clone(),
        given: s.squadrons[sq].aircraft_count,
        closed_form,
        required: hi,
        cap,
        curve: seen.into_values().collect(),
        binding,
    })
}

/// One step of a force-mix search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MixStep {
    /// Aircraft per squadron, in scenario order.
    pub counts: Vec<u32>,
    /// What was changed to get here (`start`, `+1 NAME`, `-1 NAME`).
    pub change: String,
    /// The score of these counts (`aircraft` is the total).
    pub point: CurvePoint,
}

/// One stage of a search run in stages (with sequential testing): the replications it scored each
/// candidate on, where it started and where it ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchStage {
    /// Replications per candidate, at most: a candidate the sequential test decides at an
    /// earlier look stops there.
    pub replications: u32,
    /// Total aircraft where the stage started.
    pub from_aircraft: u32,
    /// Total aircraft where it ended: the mix it found, or the last one it tried.
    pub to_aircraft: u32,
    /// Steps it took: the start, each aircraft added or removed, each exchange.
    pub steps: u32,
    /// Candidates it scored that no earlier stage had met.
    #[serde(default)]
    pub new_candidates: u32,
    /// Replications it ran: its new candidates' and the further looks of candidates met before
    /// (the stages' figures add up to the search's `replications_run`).
    #[serde(default)]
    pub replications_run: u64,
}

/// The answer for the whole force.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForceSizing {
    /// Squadron names, in scenario order.
    pub squadrons: Vec<String>,
    /// The closed-form fleets at confidence, where the search starts.
    pub closed_form: Vec<u32>,
    /// The counts the scenario gives.
    pub given: Vec<u32>,
    /// The smallest mix found that meets the standard, if one was.
    pub required: Option<Vec<u32>>,
    /// The search path: the start, each aircraft added, each removed. Of a search in stages,
    /// the last stage's path.
    pub steps: Vec<MixStep>,
    /// A search in stages: every stage, the last one's path being `steps` (empty for a search in
    /// one stage).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<SearchStage>,
    /// Per squadron, in scenario order: what holds that squadron at its count — the target whose
    /// pass rate fell most when one aircraft fewer was tried and fell short (the target met
    /// least often where no rate fell); `None` when it was taken down to zero or no answer was
    /// found.
    pub limited_by: Vec<Option<String>>,
    /// Aircraft types whose `[fleet_caps]` the answer reaches (without an answer, the last mix
    /// tried): the search could add no more of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub at_cap: Vec<String>,
    /// Whether the search stopped without an answer because [`PLATEAU_STEPS`] aircraft added in
    /// a row raised neither the fraction meeting the standard nor any unmet target's count: what
    /// the standard lacks is not aircraft (geometry, tactics, a crew limit, the radar's reach).
    pub plateau: bool,
    /// Candidate fleets scored by the search, the steps taken and the ones tried and not taken.
    pub candidates: u32,
    /// Replications run in all, over every candidate scored: with sequential testing, fewer
    /// than `candidates` × the replications per candidate.
    pub replications_run: u64,
    /// What decides the answer: for the whole mix, the target met least often at the answer.
    #[serde(flatten)]
    pub binding: Binding,
}

impl ForceSizing {
    /// What holds squadron `i` at the answer's count, in words (`limited_by`): "(none needed)"
    /// for a squadron sized to zero, empty without an answer or a target to name. The command
    /// line's table and the report's say it alike.
    pub fn held_by(&self, i: usize) -> String {
        let Some(counts) = &self.required else {
            return String::new();
        };
        match (
            counts.get(i),
            self.limited_by.get(i).and_then(|l| l.as_deref()),
        ) {
            (Some(0), _) => "(none needed)".into(),
            (_, Some(name)) => crate::sim::metrics::label(name),
            _ => String::new(),
        }
    }
}

/// The scenario with the sized force: with `mix`, the force the search found; otherwise each
/// squadron of `sizing` at the count found for it, the others (and a squadron no count served)
/// as given.
pub fn sized_scenario(
    s: &Scenario,
    sizing: &[SquadronSizing],
    mix: Option<&ForceSizing>,
) -> Result<Scenario, crate::scenario::ScenarioError> {
    let mut counts: Vec<u32> = s.squadrons.iter().map(|q| q.aircraft_count).collect();
    match mix {
        Some(f) => {
            if let Some(c) = &f.required {
                counts.clone_from(c);
            }
        }
        None => {
            for z in sizing {
                if let (Some(n), Some(i)) = (
                    z.required,
                    s.squadrons.iter().position(|q| q.name == z.squadron),
                ) {
                    counts[i] = n;
                }
            }
        }
    }
    let mut sized = s.clone();
    for (i, &n) in counts.iter().enumerate() {
        if n != s.squadrons[i].aircraft_count {
            sized = sized.with_value(&format!("squadrons[{i}].aircraft_count"), f64::from(n))?;
        }
    }
    Ok(sized)
}

/// Sizes the whole force mix by a greedy marginal rule: from the closed-form fleets, add one
/// aircraft at a time to the squadron whose extra aircraft most raises the fraction of
/// replications meeting the standard (ties to the earlier squadron), until it reaches the
/// confidence; then take away, one at a time, the aircraft whose removal keeps the largest
/// fraction meeting the standard (ties to the earlier squadron), while the standard still holds
/// without it. At most `opts.max_aircraft` aircraft are added.
///
/// The candidates of each step are scored side by side ([`score_batch_locally`]); the answer is
/// the same for any number of threads.
pub fn size_force(s: &Scenario, opts: &SizingOptions) -> Result<ForceSizing, SizingError> {
    size_force_batch_by(
        s,
        opts.max_aircraft,
        replications_of(opts),
        opts.sequential.as_ref(),
        &mut score_batch_locally(opts),
    )
}

/// Sizes the whole force as [`size_force`] does, starting the search from `start` (aircraft per
/// squadron, in scenario order) instead of the closed-form fleets: a neighbouring scenario's
/// answer, so that two answers differ by what the scenarios change, not by two search paths.
pub fn size_force_from(
    s: &Scenario,
    start: &[u32],
    opts: &SizingOptions,
) -> Result<ForceSizing, SizingError> {
    if start.len() != s.squadrons.len() {
        return Err(SizingError::Start(format!(
            "{} counts for {} squadrons",
            start.len(),
            s.squadrons.len()
        )));
    }
    search_staged(
        s,
        opts.max_aircraft,
        replications_of(opts),
        opts.sequential.as_ref(),
        Some(start.to_vec()),
        &mut score_batch_locally(opts),
    )
}

/// Sizes the whole force as [`size_force`] does, scoring a step's candidates together:
/// `score` gets every candidate of a step — with sequential testing (`plan`), every candidate
/// still undecided at a look — each with the replications to score (counted from the first of
/// the study, within `0..replications`), and returns their scores in the same order. A scorer
/// may run them side by side, on threads or on a cluster; the search reads the scores in order,
/// so its answer is that of [`size_force_by`] (or [`size_force_sequential_by`]) with the same
/// scores.
///
/// **With sequential testing the search runs in stages**, one per look of the plan
/// ([`Sequential::looks`]): the whole search (add, trim, exchange) on the first look's
/// replications from the closed-form fleets; then, from where each stage ended, adding and
/// trimming again on the next look's replications; last, from there, adding and trimming on
/// all the replications. In every stage each candidate is tested sequentially up to the
/// stage's look: one clearly above or below the confidence at an earlier look stops there, as
/// it would in the last stage. The early stages find the shape of the mix cheaply; the last
/// decides it: its answer meets the standard with the confidence on
/// every replication it needs, and no aircraft taken away from it keeps the standard. A
/// candidate met again in a later stage runs only the replications it has not run yet. The
/// answer is the one the last stage would give with every candidate run on all the
/// replications, up to the plan's error; it may differ by an aircraft or two from the one-stage
/// search without sequential testing, which starts its trimming from farther away.
pub fn size_force_batch_by<F, S>(
    s: &Scenario,
    max_aircraft: u32,
    replications: u32,
    plan: Option<&Sequential>,
    score: &mut F,
) -> Result<ForceSizing, SizingError>
where
    F: FnMut(&Batch) -> Result<Vec<S>, SizingError>,
    S: Into<Score>,
{
    search_staged(s, max_aircraft, replications, plan, None, score)
}

/// Sizes the whole force as [`size_force`] does, scoring each candidate with `score`, which
/// returns a [`Score`] or `(replications meeting the standard, replications run)`.
pub fn size_force_by<F, S>(
    s: &Scenario,
    max_aircraft: u32,
    score: &mut F,
) -> Result<ForceSizing, SizingError>
where
    F: FnMut(&Scenario) -> Result<S, SizingError>,
    S: Into<Score>,
{
    search_force(s, max_aircraft, &mut |cs| {
        cs.iter().map(|c| evaluate_counts(s, c, score)).collect()
    })
}

/// Sizes the whole force as [`size_force_batch_by`] does with `plan` (in stages, one per look),
/// scoring one candidate at a time: `score(candidate, range)` scores the candidate's
/// replications `range` (counted from the first of the study). Candidates stopped at different
/// looks are compared by their pass fractions.
pub fn size_force_sequential_by<F, S>(
    s: &Scenario,
    max_aircraft: u32,
    replications: u32,
    plan: &Sequential,
    score: &mut F,
) -> Result<ForceSizing, SizingError>
where
    F: FnMut(&Scenario, Range<u32>) -> Result<S, SizingError>,
    S: Into<Score>,
{
    size_force_batch_by(
        s,
        max_aircraft,
        replications,
        Some(plan),
        &mut one_by_one(score),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_interval_matches_a_hand_computed_case() {
        // 8 of 10: centre (0.8 + 1.9208/10)/(1 + 0.38415) = 0.7166, half 0.2169.
        let (lo, hi) = wilson(8, 10);
        assert!((lo - 0.4902).abs() < 1e-3, "{lo}");
        assert!((hi - 0.9433).abs() < 1e-3, "{hi}");
        let (lo, hi) = wilson(10, 10);
        assert!((hi - 1.0).abs() < 1e-12 && (lo - 0.7225).abs() < 1e-3);
    }
}
