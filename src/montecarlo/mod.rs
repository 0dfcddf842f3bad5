//! Monte Carlo: many independent replications in parallel, and their summaries.
//!
//! Replication `r` depends only on `(seed, r)` (see [`crate::sim::streams`]), so a run gives the
//! same rows for any thread count and any split of the replication range. Rayon spreads the
//! replications over a local thread pool; the rows come back in replication order and every
//! summary is reduced serially in that order, so even floating-point sums are reproducible.

mod summary;

pub use summary::{
    Accumulator, EXACT_PERCENTILES_UP_TO, MetricAccumulator, SKETCH_RELATIVE_ACCURACY, Summary,
    summarise, summarise_values,
};

use crate::scenario::Scenario;
use crate::sim::{Model, RepMetrics, Stopped, simulate, simulate_cancellable};
use crate::standard::{Standard, Target};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// A flag another thread (a Ctrl-C handler, a notebook's interrupt) sets to stop a run. Runs
/// check it before each replication and stop with [`RunError::Cancelled`]; clones share the flag.
#[derive(Debug, Clone, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    /// A token that is not cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks every run holding this token (or a clone) to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether [`CancelToken::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Two tokens are equal when they share one flag.
impl PartialEq for CancelToken {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for CancelToken {}

/// Options of a run, built with `with_*` methods from [`RunOptions::default`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOptions {
    /// Master seed.
    pub seed: u64,
    /// Replication indices to run.
    pub reps: Range<u64>,
    /// Worker threads; `None` uses rayon's default (one per core).
    pub threads: Option<usize>,
    /// Stops the run when cancelled.
    pub cancel: Option<CancelToken>,
    /// Keep every replication's row in [`RunResult::rows`]. Without them a run's memory does
    /// not grow with its replication count; the summaries are the same either way.
    pub keep_rows: bool,
}

impl Default for RunOptions {
    fn default() -> Self {
        Self {
            seed: 1,
            reps: 0..100,
            threads: None,
            cancel: None,
            keep_rows: true,
        }
    }
}

impl RunOptions {
    /// Sets the master seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Runs replications `0..n`.
    pub fn with_replications(mut self, n: u64) -> Self {
        self.reps = 0..n;
        self
    }

    /// Runs the replications in `reps` (for splitting a study across machines).
    pub fn with_reps(mut self, reps: Range<u64>) -> Self {
        self.reps = reps;
        self
    }

    /// Uses `threads` worker threads.
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.threads = Some(threads);
        self
    }

    /// Keeps (the default) or drops the per-replication rows.
    pub fn with_rows(mut self, keep: bool) -> Self {
        self.keep_rows = keep;
        self
    }

    /// Stops the run when `token` is cancelled.
    pub fn with_cancel(mut self, token: CancelToken) -> Self {
        self.cancel = Some(token);
        self
    }
}

/// Why a run could not start. No work has been done when one is returned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    /// The replication range is empty.
    #[error("the replication range {start}..{end} is empty; give at least one replication")]
    NoReplications {
        /// Start of the range.
        start: u64,
        /// End of the range.
        end: u64,
    },
    /// The thread count is 0 or the pool could not be built.
    #[error("cannot start {threads} worker threads: {reason}")]
    Threads {
        /// Threads asked for.
        threads: usize,
        /// What went wrong.
        reason: String,
    },
    /// The run's [`CancelToken`] was cancelled; the replications done are dropped.
    #[error("the run was cancelled")]
    Cancelled,
    /// The run is bigger than [`crate::scenario::limits::MAX_REPLICATION_DAYS`].
    #[error(
        "{replications} replications of {days} days are {total:.3e} replication-days; the limit is {limit:.0e} (scenario::limits::MAX_REPLICATION_DAYS): run fewer replications, a shorter duration, or split the replications into ranges and run each on its own"
    )]
    TooBig {
        /// Replications asked for.
        replications: u64,
        /// Simulated days per replication.
        days: f64,
        /// Their product.
        total: f64,
        /// The limit.
        limit: f64,
    },
    /// A checkpoint could not be written, or is not of this run.
    #[error("{0}")]
    Checkpoint(String),
    /// A replication handled more events than the limit.
    #[error(transparent)]
    TooManyEvents(Stopped),
}

/// A cancelled replication cancels the run; one past the event limit stops it with the reason.
impl From<Stopped> for RunError {
    fn from(why: Stopped) -> RunError {
        match why {
            Stopped::Cancelled => RunError::Cancelled,
            other => RunError::TooManyEvents(other),
        }
    }
}

/// The result of a run: one row per replication and a summary per metric.
#[derive(Debug, Clone, PartialEq)]
pub struct RunResult {
    /// Scenario name.
    pub scenario: String,
    /// Master seed.
    pub seed: u64,
    /// Replications run.
    pub reps: Range<u64>,
    /// Metric names, in row order.
    pub names: Vec<String>,
    /// One row per replication, in replication order; empty unless [`RunOptions::keep_rows`].
    pub rows: Vec<RepMetrics>,
    /// Replications that met the scenario's standard (`[targets]`; all of them when it names
    /// none).
    pub met_standard: u64,
    /// The standard's targets, in the order of [`crate::standard::Standard::targets`].
    pub targets: Vec<Target>,
    /// Per target (aligned with `targets`), the replications that met that target.
    pub met_each: Vec<u64>,
    /// Events processed, over all replications.
    pub total_events: u64,
    /// One summary per metric, in name order.
    pub summary: Vec<Summary>,
    /// Response times of every intercept of every replication, in one-minute bins (the last bin
    /// holds everything from [`crate::sim::RESPONSE_BINS`] minutes on); merged by adding counts,
    /// so it is the same however the replications were split. Empty without violations.
    pub response_hist: Vec<u64>,
}

impl RunResult {
    /// The standard's lines of the run, in words: each target, its goal, its metric's mean and
    /// its pass rate.
    pub fn standard_lines(&self) -> Vec<crate::standard::words::Line> {
        crate::standard::words::lines(&self.targets, &self.met_each, self.replications(), |n| {
            self.metric(n).map(|m| m.mean)
        })
    }
}

impl RunResult {
    /// Total events processed.
    pub fn events(&self) -> u64 {
        self.total_events
    }

    /// Replications run.
    pub fn replications(&self) -> u64 {
        self.reps.end - self.reps.start
    }

    /// The summary of the metric called `name`.
    pub fn metric(&self, name: &str) -> Option<&Summary> {
        self.summary.iter().find(|s| s.name == name)
    }

    /// The target met by the fewest replications (the one that binds), if there are targets.
    pub fn binding(&self) -> Option<&Target> {
        crate::standard::binding(&self.met_each).map(|i| &self.targets[i])
    }
}

/// Refuses, before any work, a run of `replications` over the documented limits.
pub fn check_limits(scenario: &Scenario, replications: u64) -> Result<(), RunError> {
    let days = scenario.duration_h / 24.0;
    let total = replications as f64 * days;
    let limit = crate::scenario::limits::MAX_REPLICATION_DAYS;
    if total > limit {
        return Err(RunError::TooBig {
            replications,
            days,
            total,
            limit,
        });
    }
    Ok(())
}

/// Runs the replications of `options` on `scenario`.
pub fn run(scenario: &Scenario, options: &RunOptions) -> Result<RunResult, RunError> {
    run_with_progress(scenario, options, &|_| {})
}

/// Runs as [`run`] does, calling `progress(done)` from the worker threads as replications finish.
pub fn run_with_progress(
    scenario: &Scenario,
    options: &RunOptions,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<RunResult, RunError> {
    run_streaming(scenario, options, progress, &mut |_| {})
}

/// Replications simulated in parallel before their rows are folded in; with this many per thread
/// the threads rarely wait for each other at a chunk's end.
const CHUNK_PER_THREAD: u64 = 64;

/// Runs as [`run_with_progress`] does, handing every row to `each` in replication order as its
/// chunk of replications finishes. Rows are folded into the summaries and dropped (unless
/// [`RunOptions::keep_rows`]), so memory stays flat however many replications run.
pub fn run_streaming(
    scenario: &Scenario,
    options: &RunOptions,
    progress: &(dyn Fn(u64) + Sync),
    each: &mut dyn FnMut(&RepMetrics),
) -> Result<RunResult, RunError> {
    run_resumable(scenario, options, None, progress, each, &mut |_| Ok(()))
}

/// Everything a run has folded in so far: enough to continue it later with the same result.
/// Written to a checkpoint after every chunk of replications.
#[derive(Clone, Serialize, Deserialize)]
pub struct RunState {
    /// The seed and replication range of the run this state belongs to.
    pub seed: u64,
    /// The range of the whole run.
    pub reps: Range<u64>,
    /// The first replication not yet folded in.
    pub next: u64,
    acc: Accumulator,
    response_hist: Vec<u64>,
    met_standard: u64,
    /// Per target of the standard, the replications that met it.
    met_each: Vec<u64>,
    total_events: u64,
}

impl RunState {
    /// The state before any replication of `options`' range, for a standard of `targets` targets.
    pub fn new(options: &RunOptions, metrics: usize, targets: usize) -> Self {
        Self {
            seed: options.seed,
            reps: options.reps.clone(),
            next: options.reps.start,
            acc: Accumulator::new(metrics),
            response_hist: Vec::new(),
            met_standard: 0,
            met_each: vec![0; targets],
            total_events: 0,
        }
    }

    /// Replications folded in so far.
    pub fn done(&self) -> u64 {
        self.next - self.reps.start
    }

    /// Replications that met the standard so far.
    pub fn met_standard(&self) -> u64 {
        self.met_standard
    }

    /// Per target of the standard, the replications that met it so far.
    pub fn met_each(&self) -> &[u64] {
        &self.met_each
    }

    /// Whether the state adds up: its next replication within its range, as many rows folded in
    /// as replications done, no count above them, and every metric's summary consistent. A state
    /// read back from a file that was edited or damaged fails here rather than giving a wrong
    /// answer.
    pub fn check(&self) -> Result<(), String> {
        if self.next < self.reps.start || self.next > self.reps.end {
            return Err(format!(
                "next replication {} outside {}..{}",
                self.next, self.reps.start, self.reps.end
            ));
        }
        let done = self.done();
        if self.acc.rows() != done {
            return Err(format!(
                "{} rows folded in for {done} replications",
                self.acc.rows()
            ));
        }
        if self.met_standard > done || self.met_each.iter().any(|&m| m > done) {
            return Err(format!(
                "more replications meeting a target than the {done} run"
            ));
        }
        self.acc.check()
    }
}

/// Runs as [`run_streaming`] does, continuing from `state` when given (a state saved by an
/// earlier, interrupted run with the same scenario and options), and calling `after_chunk` with
/// the state after every chunk of replications (to save a checkpoint). The result is identical to
/// an uninterrupted run's.
pub fn run_resumable(
    scenario: &Scenario,
    options: &RunOptions,
    state: Option<RunState>,
    progress: &(dyn Fn(u64) + Sync),
    each: &mut dyn FnMut(&RepMetrics),
    after_chunk: &mut dyn FnMut(&RunState) -> Result<(), String>,
) -> Result<RunResult, RunError> {
    let model = Model::new(scenario);
    run_model_resumable(
        scenario,
        &model,
        options,
        state,
        progress,
        each,
        after_chunk,
    )
}

/// Runs as [`run_resumable`] does, on `model`, built by the caller from `scenario` (so that a
/// caller who also traces or names the metrics builds it once).
pub fn run_model_resumable(
    scenario: &Scenario,
    model: &Model,
    options: &RunOptions,
    state: Option<RunState>,
    progress: &(dyn Fn(u64) + Sync),
    each: &mut dyn FnMut(&RepMetrics),
    after_chunk: &mut dyn FnMut(&RunState) -> Result<(), String>,
) -> Result<RunResult, RunError> {
    let reps = options.reps.clone();
    if reps.is_empty() {
        return Err(RunError::NoReplications {
            start: reps.start,
            end: reps.end,
        });
    }
    check_limits(scenario, reps.end - reps.start)?;
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(t) = options.threads {
        if t == 0 {
            return Err(RunError::Threads {
                threads: 0,
                reason: "at least one thread is needed".into(),
            });
        }
        if t > crate::scenario::limits::MAX_THREADS {
            return Err(RunError::Threads {
                threads: t,
                reason: format!(
                    "at most {} (scenario::limits::MAX_THREADS)",
                    crate::scenario::limits::MAX_THREADS
                ),
            });
        }
        builder = builder.num_threads(t);
    }
    let pool = builder.build().map_err(|e| RunError::Threads {
        threads: options.threads.unwrap_or(0),
        reason: e.to_string(),
    })?;
    let names = model.names().0.clone();
    let standard = Standard::new(scenario, &names);
    let mut st = match state {
        Some(st) => {
            let targets = standard.targets().len();
            if st.seed != options.seed
                || st.reps != reps
                || st.acc.width() != names.len()
                || st.met_each.len() != targets
            {
                return Err(RunError::Checkpoint(format!(
                    "the checkpoint is of seed {} and replications {}..{} with {} metrics and {} targets, not of this run (seed {}, replications {}..{}, {} metrics, {} targets)",
                    st.seed,
                    st.reps.start,
                    st.reps.end,
                    st.acc.width(),
                    st.met_each.len(),
                    options.seed,
                    reps.start,
                    reps.end,
                    names.len(),
                    targets
                )));
            }
            if let Err(why) = st.check() {
                return Err(RunError::Checkpoint(format!(
                    "the checkpoint's summaries do not add up ({why}); delete it to start again"
                )));
            }
            st
        }
        None => RunState::new(options, names.len(), standard.targets().len()),
    };
    let done = AtomicU64::new(st.done());
    progress(st.done());
    let seed = options.seed;
    let cancel = options.cancel.as_ref();
    let chunk = CHUNK_PER_THREAD * pool.current_num_threads() as u64;
    let mut kept = Vec::new();
    while st.next < reps.end {
        let start = st.next;
        let end = reps.end.min(start.saturating_add(chunk));
        let rows: Result<Vec<RepMetrics>, Stopped> = pool.install(|| {
            (start..end)
                .into_par_iter()
                .map(|r| {
                    let row = match cancel {
                        Some(c) if c.is_cancelled() => return Err(Stopped::Cancelled),
                        Some(c) => simulate_cancellable(model, seed, r, &c.0)?,
                        None => simulate(model, seed, r)?,
                    };
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                    Ok(row)
                })
                .collect()
        });
        for row in rows? {
            st.acc.add(&row.values);
            add_histogram(&mut st.response_hist, &row.response_hist);
            st.total_events += row.events;
            if standard.count(&row.values, &mut st.met_each) {
                st.met_standard += 1;
            }
            each(&row);
            if options.keep_rows {
                kept.push(row);
            }
        }
        st.next = end;
        after_chunk(&st).map_err(RunError::Checkpoint)?;
    }
    Ok(RunResult {
        scenario: scenario.file.scenario.name.clone(),
        seed,
        reps,
        summary: st.acc.summary(&names),
        names,
        rows: kept,
        met_standard: st.met_standard,
        targets: standard.targets().to_vec(),
        met_each: st.met_each,
        total_events: st.total_events,
        response_hist: st.response_hist,
    })
}

/// Adds histogram `h` into `into`, bin by bin.
pub fn add_histogram(into: &mut Vec<u64>, h: &[u64]) {
    if into.len() < h.len() {
        into.resize(h.len(), 0);
    }
    for (o, c) in into.iter_mut().zip(h) {
        *o += c;
    }
}

/// Adds the replications' response-time histograms bin by bin.
pub fn merge_histograms(rows: &[RepMetrics]) -> Vec<u64> {
    let mut out: Vec<u64> = Vec::new();
    for r in rows {
        add_histogram(&mut out, &r.response_hist);
    }
    out
}
