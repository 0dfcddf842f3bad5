//! Scoring candidate fleets: their replications meeting the standard, counted on this machine or
//! elsewhere, in one piece or look by look, with the model built once per scenario.

use super::{CurvePoint, Sequential, SizingError, SizingOptions, wilson};
use crate::montecarlo::{RunResult, run_model_resumable};
use crate::scenario::Scenario;
use crate::sim::Model;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;

/// The score of one candidate fleet: how many of its replications met the standard, and each
/// target.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Score {
    /// Replications that met every target.
    pub met: u32,
    /// Replications run.
    pub replications: u32,
    /// Per target of the standard (in the order of [`crate::standard::Standard::targets`]), the replications that
    /// met it; may be empty when the scorer does not count them.
    pub met_each: Vec<u32>,
}

impl Score {
    /// The score of a run: its replications meeting the standard, in all and per target.
    pub fn of(r: &RunResult) -> Score {
        Score {
            met: r.met_standard as u32,
            replications: r.replications() as u32,
            met_each: r.met_each.iter().map(|&n| n as u32).collect(),
        }
    }

    /// Adds the score of further replications: the met counts add, in all and per target (the
    /// per-target counts are dropped when either side lacks them).
    pub fn add(&mut self, more: &Score) {
        if self.replications == 0 {
            *self = more.clone();
            return;
        }
        self.met += more.met;
        self.replications += more.replications;
        if self.met_each.len() == more.met_each.len() {
            for (a, b) in self.met_each.iter_mut().zip(&more.met_each) {
                *a += b;
            }
        } else {
            self.met_each.clear();
        }
    }
}

/// A score of `(met, replications)` alone, without the per-target counts.
impl From<(u32, u32)> for Score {
    fn from((met, replications): (u32, u32)) -> Score {
        Score {
            met,
            replications,
            met_each: Vec::new(),
        }
    }
}

/// The models of one scenario's candidate fleets. A search's candidates differ from its scenario
/// only in their aircraft counts, so the model (the front sampled against every sensor, the
/// distances, the samplers) is built once and each candidate's is a copy with its counts
/// ([`Model::with_counts`]); a scenario that differs in anything else gets a model of its own.
#[derive(Default)]
pub struct CandidateModels {
    /// The scenario file with every count at zero, and its model.
    base: Option<(crate::scenario::ScenarioFile, Model)>,
}

impl CandidateModels {
    /// The model of `candidate`.
    pub fn model(&mut self, candidate: &Scenario) -> Model {
        let counts: Vec<u32> = candidate
            .squadrons
            .iter()
            .map(|q| q.aircraft_count)
            .collect();
        let key = with_counts(candidate, &vec![0; counts.len()]).file;
        match &self.base {
            Some((k, m)) if *k == key => m.with_counts(&counts),
            _ => {
                let m = Model::new(candidate);
                self.base = Some((key, m.clone()));
                m
            }
        }
    }
}

/// The scoring [`super::size_squadron`] and [`super::size_force`] use: run the candidate on this machine with
/// `opts.run` and count the replications that meet the standard, and each target. Candidates of
/// one scenario share its model ([`CandidateModels`]).
pub fn score_locally(opts: &SizingOptions) -> impl FnMut(&Scenario) -> Result<Score, SizingError> {
    let all = 0..replications_of(opts);
    let mut score = score_range_locally(opts);
    move |c: &Scenario| score(c, all.clone())
}

/// The scoring of replication ranges that [`super::size_squadron`] and [`super::size_force`] use with
/// sequential testing: run the candidate's replications `range` (counted from the start of
/// `opts.run`'s replications) on this machine and count those that meet the standard.
pub fn score_range_locally(
    opts: &SizingOptions,
) -> impl FnMut(&Scenario, Range<u32>) -> Result<Score, SizingError> {
    let mut models = CandidateModels::default();
    move |c: &Scenario, range: Range<u32>| {
        let model = models.model(c);
        score_on(opts, c, &model, range, opts.run.threads)
    }
}

/// Runs candidate `c` (its model `model`) over replications `range` of `opts.run` (counted
/// from their start) on `threads` threads, counts those that meet the standard, and reports
/// the step to `opts.progress`.
fn score_on(
    opts: &SizingOptions,
    c: &Scenario,
    model: &Model,
    range: Range<u32>,
    threads: Option<usize>,
) -> Result<Score, SizingError> {
    let base = opts.run.reps.start;
    let reps = base + u64::from(range.start)..base + u64::from(range.end);
    let mut run = opts.run.clone().with_reps(reps).with_rows(false);
    run.threads = threads;
    let r = run_model_resumable(c, model, &run, None, &|_| {}, &mut |_| {}, &mut |_| Ok(()))?;
    let score = Score::of(&r);
    crate::progress::report(
        &opts.progress,
        crate::progress::Step::Candidate {
            aircraft: c.squadrons.iter().map(|q| q.aircraft_count).sum(),
            replications: score.replications,
            met: score.met,
        },
    );
    Ok(score)
}

/// The replications per candidate of `opts`, for a sequential plan.
pub(super) fn replications_of(opts: &SizingOptions) -> u32 {
    u32::try_from(opts.run.reps.end - opts.run.reps.start).unwrap_or(u32::MAX)
}

/// The scenario with every squadron at `counts`.
pub fn with_counts(s: &Scenario, counts: &[u32]) -> Scenario {
    let mut c = s.clone();
    for (i, &n) in counts.iter().enumerate() {
        c.squadrons[i].aircraft_count = n;
        c.file.squadrons[i].aircraft_count = n;
    }
    c
}

/// The curve point of `counts` scored `score`; `aircraft` is the total.
pub(super) fn point_of(counts: &[u32], score: Score) -> CurvePoint {
    let Score {
        met,
        replications: n,
        met_each,
    } = score;
    let (lo, hi) = wilson(met, n);
    CurvePoint {
        aircraft: counts.iter().sum(),
        met,
        replications: n,
        probability: f64::from(met) / f64::from(n),
        ci_low: lo,
        ci_high: hi,
        met_each,
    }
}

/// Scores the scenario with every squadron at `counts`; `aircraft` is the total.
pub(super) fn evaluate_counts<F, S>(
    s: &Scenario,
    counts: &[u32],
    score: &mut F,
) -> Result<CurvePoint, SizingError>
where
    F: FnMut(&Scenario) -> Result<S, SizingError>,
    S: Into<Score>,
{
    Ok(point_of(counts, score(&with_counts(s, counts))?.into()))
}

/// Scores the scenario with every squadron at `counts` look by look ([`Sequential::looks`]),
/// calling `score` with the range of replications each look adds, until the candidate is
/// decided or the last look is run.
pub(super) fn evaluate_sequentially<F, S>(
    s: &Scenario,
    counts: &[u32],
    replications: u32,
    plan: &Sequential,
    score: &mut F,
) -> Result<CurvePoint, SizingError>
where
    F: FnMut(&Scenario, Range<u32>) -> Result<S, SizingError>,
    S: Into<Score>,
{
    let mut one_by_one = one_by_one(score);
    let mut looks = Looks::new(s, replications, Some(plan));
    let last = looks.last();
    let mut points = looks.evaluate(&[counts.to_vec()], last, true, &mut one_by_one)?;
    Ok(points.remove(0))
}

/// A batch scorer that scores the batch's candidates one after the other with `score`.
pub(super) fn one_by_one<F, S>(score: &mut F) -> impl FnMut(&Batch) -> Result<Vec<S>, SizingError>
where
    F: FnMut(&Scenario, Range<u32>) -> Result<S, SizingError>,
{
    move |batch: &Batch| batch.iter().map(|(c, r)| score(c, r.clone())).collect()
}

/// The candidates' scores look by look, kept for the whole search: a candidate asked for again,
/// or asked for more replications by a later stage of the search, runs only the replications it
/// has not run yet. Every candidate runs the same replications in the same order (common random
/// numbers), so a score kept is the score that running it again would give.
pub(super) struct Looks<'s> {
    s: &'s Scenario,
    /// The replications run by each look, cumulative ([`Sequential::looks`]; one look of every
    /// replication without a plan).
    looks: Vec<u32>,
    plan: Option<Sequential>,
    /// Per candidate, its score at each look run so far.
    done: HashMap<Vec<u32>, Vec<Score>>,
}

impl<'s> Looks<'s> {
    /// No candidate scored yet, with `replications` a candidate looked at by `plan` (all at
    /// once without one).
    pub(super) fn new(s: &'s Scenario, replications: u32, plan: Option<&Sequential>) -> Self {
        Self {
            s,
            looks: plan.map_or_else(|| vec![replications], |p| p.looks(replications)),
            plan: plan.copied(),
            done: HashMap::new(),
        }
    }

    /// The replications of look `i`.
    pub(super) fn at(&self, i: usize) -> u32 {
        self.looks[i]
    }

    /// The index of the last look.
    pub(super) fn last(&self) -> usize {
        self.looks.len() - 1
    }

    /// Candidate fleets scored, and replications run in all.
    pub(super) fn spent(&self) -> (u32, u64) {
        let reps = self
            .done
            .values()
            .filter_map(|v| v.last())
            .map(|sc| u64::from(sc.replications))
            .sum();
        (self.done.len() as u32, reps)
    }

    /// The points of the candidates `counts` (each once) on the replications up to look
    /// `last`; with `decide`, each stops at the first earlier look where the plan decides it.
    /// Each call of `score` gets every candidate that has yet to run a look, with the
    /// replications that look adds. A candidate's point depends on its own scores only, so the
    /// points are those of scoring the candidates one by one, and of scoring them afresh.
    pub(super) fn evaluate<F, S>(
        &mut self,
        counts: &[Vec<u32>],
        last: usize,
        decide: bool,
        score: &mut F,
    ) -> Result<Vec<CurvePoint>, SizingError>
    where
        F: FnMut(&Batch) -> Result<Vec<S>, SizingError>,
        S: Into<Score>,
    {
        let conf = self.s.file.targets.confidence;
        let final_look = self.last();
        let mut stopped: Vec<Option<usize>> = vec![None; counts.len()];
        for i in 0..=last {
            let open: Vec<usize> = (0..counts.len())
                .filter(|&k| stopped[k].is_none())
                .collect();
            if open.is_empty() {
                break;
            }
            let need: Vec<usize> = open
                .iter()
                .copied()
                .filter(|&k| self.done.get(&counts[k]).is_none_or(|v| v.len() <= i))
                .collect();
            if !need.is_empty() {
                let from = if i == 0 { 0 } else { self.looks[i - 1] };
                let batch: Vec<(Scenario, Range<u32>)> = need
                    .iter()
                    .map(|&k| (with_counts(self.s, &counts[k]), from..self.looks[i]))
                    .collect();
                let got = score(&batch)?;
                if got.len() != batch.len() {
                    return Err(SizingError::Sequential(format!(
                        "the scorer returned {} scores for {} candidates",
                        got.len(),
                        batch.len()
                    )));
                }
                for (&k, g) in need.iter().zip(got) {
                    let kept = self.done.entry(counts[k].clone()).or_default();
                    let mut total = kept.last().cloned().unwrap_or_default();
                    total.add(&g.into());
                    kept.push(total);
                }
            }
            for &k in &open {
                let t = &self.done[&counts[k]][i];
                let decided = decide
                    && i < final_look
                    && self.plan.is_some_and(|p| {
                        p.decide(t.met, t.replications, conf, &self.looks).is_some()
                    });
                if decided || i == last {
                    stopped[k] = Some(i);
                }
            }
        }
        Ok(counts
            .iter()
            .zip(&stopped)
            .map(|(c, &i)| point_of(c, self.done[c][i.unwrap_or(last)].clone()))
            .collect())
    }
}

/// A step's candidates to score together: each candidate with the replications to score,
/// counted from the first of the study.
pub type Batch = [(Scenario, Range<u32>)];

/// The batch scoring [`super::size_force`] uses: a step's candidates run side by side on this
/// machine, each on its own share of `opts.run`'s threads (at least one), and each counted as
/// [`score_range_locally`] counts it. A run gives the same rows whatever its threads, so the
/// scores are the same however the candidates are spread. Candidates of one scenario share its
/// model ([`CandidateModels`]).
pub fn score_batch_locally(
    opts: &SizingOptions,
) -> impl FnMut(&Batch) -> Result<Vec<Score>, SizingError> {
    let mut models = CandidateModels::default();
    move |batch: &Batch| {
        let built: Vec<Model> = batch.iter().map(|(c, _)| models.model(c)).collect();
        let threads = opts.run.threads.unwrap_or_else(rayon::current_num_threads);
        // As many candidates side by side as there are threads for, each with an equal share;
        // a lone candidate keeps every thread. (Zero threads is the runner's error to give.)
        let side = batch.len().min(threads).max(1);
        let each = threads / side;
        let one = |k: usize| {
            let (c, range) = &batch[k];
            score_on(opts, c, &built[k], range.clone(), Some(each))
        };
        let scores: Vec<Result<Score, SizingError>> = if side > 1 {
            use rayon::prelude::*;
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(side)
                .build()
                .map_err(|e| {
                    SizingError::Run(crate::montecarlo::RunError::Threads {
                        threads: side,
                        reason: e.to_string(),
                    })
                })?;
            pool.install(|| (0..batch.len()).into_par_iter().map(one).collect())
        } else {
            (0..batch.len()).map(one).collect()
        };
        scores.into_iter().collect()
    }
}
