//! The native half of the `airpolicing` Python package. It only converts: scenarios in, plain
//! arrays and JSON out; every number comes from the `airpolicing` crate, so Python and the
//! command-line tool give identical results for the same seed.

use airpolicing::montecarlo::{self, CancelToken, RunError, RunOptions};
use airpolicing::progress::{Progress, Step};
use airpolicing::report::Report;
use airpolicing::scenario::{Scenario, ScenarioError as InvalidScenario, ScenarioFile};
use airpolicing::sim::RepMetrics;
use airpolicing::sizing::{self, Score, Sequential, SizingError, SizingOptions};
use airpolicing::standard::Standard;
use airpolicing::sustain::{self, Account};
use airpolicing::sweep::{self as sweeps, Axis, SweepError};
use numpy::{IntoPyArray, PyArray1, PyArray2, PyArrayMethods, PyReadonlyArray2};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use std::collections::HashMap;
use std::time::Duration;

// Named `airpolicing.ScenarioError`, as a user imports it, so that a traceback prints that name.
pyo3::create_exception!(
    airpolicing,
    ScenarioError,
    PyValueError,
    "A scenario that is not valid; the message names the file, line, field and what would be valid."
);

fn scenario_err(e: InvalidScenario) -> PyErr {
    ScenarioError::new_err(e.to_string())
}

/// A validated scenario (see the Python `airpolicing.Scenario` wrapper).
#[pyclass(name = "NativeScenario", frozen)]
struct NativeScenario {
    inner: Scenario,
}

#[pymethods]
impl NativeScenario {
    /// Loads a scenario file, or a bundled scenario by name.
    #[staticmethod]
    fn load(name_or_path: &str) -> PyResult<Self> {
        Scenario::load(name_or_path)
            .map(|inner| Self { inner })
            .map_err(scenario_err)
    }

    /// Parses and validates TOML text.
    #[staticmethod]
    fn from_toml(text: &str, origin: &str) -> PyResult<Self> {
        Scenario::from_toml_str(text, origin)
            .map(|inner| Self { inner })
            .map_err(scenario_err)
    }

    /// Validates a scenario given as JSON text (the shape of the TOML file).
    #[staticmethod]
    fn from_json(text: &str, origin: &str) -> PyResult<Self> {
        // A dict has no lines: a shape error names the key it is at, not a place in the JSON
        // text the dict was passed as.
        let file: ScenarioFile =
            serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(text))
                .map_err(|e| {
                    let inner = e.inner().to_string();
                    let message = inner
                        .find(" at line ")
                        .map_or(inner.as_str(), |i| &inner[..i]);
                    let at = e.path().to_string();
                    ScenarioError::new_err(if at == "." {
                        format!("{origin}: {message}")
                    } else {
                        format!("{origin}: {at}: {message}")
                    })
                })?;
        Scenario::from_file(file, origin)
            .map(|inner| Self { inner })
            .map_err(scenario_err)
    }

    /// The scenario file as JSON text.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner.file).map_err(|e| PyRuntimeError::new_err(e.to_string()))
    }

    /// The scenario file as TOML text.
    fn to_toml(&self) -> String {
        self.inner.file.to_toml()
    }

    /// A copy with the number at `path` set to `value`, validated again.
    fn with_value(&self, path: &str, value: f64) -> PyResult<Self> {
        self.inner
            .with_value(path, value)
            .map(|inner| Self { inner })
            .map_err(scenario_err)
    }

    /// The scenario's name.
    #[getter]
    fn name(&self) -> String {
        self.inner.file.scenario.name.clone()
    }

    /// Where it came from: a path or `bundled:NAME`.
    #[getter]
    fn origin(&self) -> String {
        self.inner.origin.clone()
    }

    /// Validation warnings, as text.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.inner.warnings.iter().map(|w| w.to_string()).collect()
    }
}

/// Runs `work` without the interpreter lock on a helper thread while this thread watches for
/// signals: Ctrl-C (or any signal handler that raises) cancels `work` through its token, and the
/// handler's exception is raised here once `work` has stopped.
fn interruptible<T, F>(py: Python<'_>, work: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce(CancelToken) -> T + Send,
{
    watched(py, None, |cancel, _| work(cancel))
}

/// Runs `work` as [`interruptible`] does, and hands every progress step it reports to
/// `on_step(kind, a, b, c)` on this thread, with the interpreter lock: `("candidate", aircraft,
/// replications, met)` or `("point", done, of, 0)`. The hook exists only when `on_step` does.
fn watched<T, F>(py: Python<'_>, on_step: Option<&Py<PyAny>>, work: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce(CancelToken, Option<Progress>) -> T + Send,
{
    let token = CancelToken::new();
    let (tx, rx) = std::sync::mpsc::channel::<Step>();
    let hook = on_step.map(|_| {
        let tx = std::sync::Mutex::new(tx);
        Progress::new(move |step| {
            if let Ok(tx) = tx.lock() {
                let _ = tx.send(step.clone());
            }
        })
    });
    let (out, interrupt) = py.detach(move || {
        std::thread::scope(|scope| {
            let worker_token = token.clone();
            let handle = scope.spawn(move || work(worker_token, hook));
            let mut interrupt = None;
            let report = |py: Python<'_>| -> PyResult<()> {
                if let Some(cb) = on_step {
                    for step in rx.try_iter() {
                        let args = match step {
                            Step::Candidate {
                                aircraft,
                                replications,
                                met,
                            } => (
                                "candidate",
                                aircraft as usize,
                                replications as usize,
                                met as usize,
                            ),
                            Step::Point { done, of } => ("point", done, of, 0),
                        };
                        cb.call1(py, args)?;
                    }
                }
                Ok(())
            };
            loop {
                let finished = handle.is_finished();
                if interrupt.is_none()
                    && let Err(e) = Python::attach(|py| {
                        py.check_signals()?;
                        report(py)
                    })
                {
                    token.cancel();
                    interrupt = Some(e);
                }
                if finished {
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            (handle.join(), interrupt)
        })
    });
    if let Some(e) = interrupt {
        return Err(e);
    }
    out.map_err(|_| PyRuntimeError::new_err("internal error: the computation panicked"))
}

fn options(
    seed: u64,
    start: u64,
    end: u64,
    n_threads: Option<usize>,
    cancel: CancelToken,
) -> RunOptions {
    let mut opts = RunOptions::default()
        .with_seed(seed)
        .with_reps(start..end)
        .with_cancel(cancel);
    if let Some(t) = n_threads {
        opts = opts.with_threads(t);
    }
    opts
}

fn to_json<T: serde::Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

fn run_err(e: RunError) -> PyErr {
    PyValueError::new_err(e.to_string())
}

fn sizing_err(e: SizingError) -> PyErr {
    match e {
        SizingError::Run(r) => run_err(r),
        other => PyValueError::new_err(other.to_string()),
    }
}

/// The closed-form estimate as JSON text.
#[pyfunction]
fn estimate(scenario: &NativeScenario) -> PyResult<String> {
    let e = airpolicing::analytic::estimate(&scenario.inner);
    serde_json::to_string(&e).map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

/// Runs replications `start..end` with `seed`, releasing the interpreter for the whole
/// computation. Returns `(names, replications, values[rep, metric], merged histogram)`.
#[pyfunction]
#[pyo3(signature = (scenario, seed, start, end, n_threads=None))]
#[allow(clippy::type_complexity)]
fn run_rows<'py>(
    py: Python<'py>,
    scenario: &NativeScenario,
    seed: u64,
    start: u64,
    end: u64,
    n_threads: Option<usize>,
) -> PyResult<(
    Vec<String>,
    Bound<'py, PyArray1<u64>>,
    Bound<'py, PyArray2<f64>>,
    Bound<'py, PyArray1<u64>>,
)> {
    let result = interruptible(py, |cancel| {
        montecarlo::run(
            &scenario.inner,
            &options(seed, start, end, n_threads, cancel),
        )
    })?
    .map_err(run_err)?;
    let reps: Vec<u64> = result.rows.iter().map(|r| r.replication).collect();
    let width = result.names.len();
    let flat: Vec<f64> = result
        .rows
        .iter()
        .flat_map(|r| r.values.iter().copied())
        .collect();
    let values = flat
        .into_pyarray(py)
        .reshape([result.rows.len(), width])
        .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    Ok((
        result.names,
        reps.into_pyarray(py),
        values,
        result.response_hist.into_pyarray(py),
    ))
}

/// Refuses, before any work, a run of `replications` over the documented limits.
#[pyfunction]
fn check_limits(scenario: &NativeScenario, replications: u64) -> PyResult<()> {
    montecarlo::check_limits(&scenario.inner, replications).map_err(run_err)
}

/// Replications `start..end` that meet the scenario's standard, as `(met, replications,
/// met_each)` with `met_each` the replications meeting each target: one chunk of a sizing
/// candidate's score.
#[pyfunction]
#[pyo3(signature = (scenario, seed, start, end, n_threads=None))]
fn score_rows(
    py: Python<'_>,
    scenario: &NativeScenario,
    seed: u64,
    start: u64,
    end: u64,
    n_threads: Option<usize>,
) -> PyResult<(u32, u32, Vec<u32>)> {
    let s = &scenario.inner;
    let r = interruptible(py, |cancel| {
        montecarlo::run(
            s,
            &options(seed, start, end, n_threads, cancel).with_rows(false),
        )
    })?
    .map_err(run_err)?;
    let Score {
        met,
        replications,
        met_each,
    } = Score::of(&r);
    Ok((met, replications, met_each))
}

/// The scenario's standard counted over rows of values (one row per replication, columns in the
/// order of `names`), as JSON text: each target's name and goal, the
/// replications meeting it, and those meeting all of them.
#[pyfunction]
fn standard_counts(
    scenario: &NativeScenario,
    names: Vec<String>,
    values: PyReadonlyArray2<f64>,
) -> PyResult<String> {
    let standard = Standard::new(&scenario.inner, &names);
    let v = values.as_array();
    if v.ncols() != names.len() {
        return Err(PyValueError::new_err(format!(
            "values have {} columns for {} names",
            v.ncols(),
            names.len()
        )));
    }
    let mut met_each = vec![0u64; standard.targets().len()];
    let mut met = 0u64;
    for row in v.rows() {
        if standard.count(&row.to_vec(), &mut met_each) {
            met += 1;
        }
    }
    to_json(&serde_json::json!({
        "targets": standard.targets(),
        "met_each": met_each,
        "met": met,
        "replications": v.nrows(),
    }))
}

/// The sequential plan for `replications` per candidate with `error`, checked.
fn plan_for(replications: u64, error: f64) -> PyResult<Sequential> {
    let n = u32::try_from(replications).unwrap_or(u32::MAX);
    let plan = Sequential {
        error,
        ..Sequential::for_replications(n)
    };
    plan.check().map_err(sizing_err)?;
    Ok(plan)
}

/// The sequential plan for `replications` per candidate with `error`, when asked for.
fn plan(replications: u64, error: Option<f64>) -> PyResult<Option<Sequential>> {
    error.map(|e| plan_for(replications, e)).transpose()
}

/// The sequential plan for `replications` per candidate with `error`, as `(first, error)`.
#[pyfunction]
fn sequential_plan(replications: u64, error: f64) -> PyResult<(u32, f64)> {
    plan_for(replications, error).map(|p| (p.first, p.error))
}

/// Sizes the squadrons `names` one at a time (or the whole mix when `mix`), running every
/// candidate here, sequentially tested with `sequential_error` when given. Returns the JSON of a
/// list of squadron sizings, or of the force sizing.
#[pyfunction]
#[pyo3(signature = (scenario, names, mix, seed, replications, max_aircraft, n_threads=None, sequential_error=None, on_step=None))]
#[allow(clippy::too_many_arguments)]
fn size(
    py: Python<'_>,
    scenario: &NativeScenario,
    names: Vec<String>,
    mix: bool,
    seed: u64,
    replications: u64,
    max_aircraft: u32,
    n_threads: Option<usize>,
    sequential_error: Option<f64>,
    on_step: Option<Py<PyAny>>,
) -> PyResult<String> {
    let s = &scenario.inner;
    let sequential = plan(replications, sequential_error)?;
    watched(py, on_step.as_ref(), |cancel, progress| {
        let opts = SizingOptions {
            run: options(seed, 0, replications, n_threads, cancel),
            max_aircraft,
            sequential,
            progress,
        };
        if mix {
            sizing::size_force(s, &opts)
                .map_err(sizing_err)
                .and_then(|r| to_json(&r))
        } else {
            names
                .iter()
                .map(|n| sizing::size_squadron(s, n, &opts))
                .collect::<Result<Vec<_>, _>>()
                .map_err(sizing_err)
                .and_then(|r| to_json(&r))
        }
    })?
}

/// Sizes squadron `name` (or the whole mix when `name` is None) with `score` giving each
/// candidate's `(met, replications)` or `(met, replications, met_each)`: the search of [`size`]
/// with the runs done elsewhere. Without `sequential`, `score(scenario)` scores a candidate's
/// replications; with `sequential = (replications, error)`, `score(scenario, start, stop)` scores
/// its replications `start..stop`, look by look.
#[pyfunction]
#[pyo3(signature = (scenario, name, max_aircraft, score, sequential=None))]
fn size_by(
    scenario: &NativeScenario,
    name: Option<String>,
    max_aircraft: u32,
    score: Bound<'_, PyAny>,
    sequential: Option<(u32, f64)>,
) -> PyResult<String> {
    let mut failure: Option<PyErr> = None;
    let mut call =
        |c: &Scenario, range: Option<std::ops::Range<u32>>| -> Result<Score, SizingError> {
            let native = NativeScenario { inner: c.clone() };
            let got = match range {
                Some(r) => score.call1((native, r.start, r.end)),
                None => score.call1((native,)),
            }
            .and_then(|v| match v.extract::<(u32, u32, Vec<u32>)>() {
                Ok((met, replications, met_each)) => Ok(Score {
                    met,
                    replications,
                    met_each,
                }),
                Err(_) => v.extract::<(u32, u32)>().map(Score::from),
            });
            got.map_err(|e| {
                failure = Some(e);
                SizingError::Run(RunError::Cancelled)
            })
        };
    let s = &scenario.inner;
    let r = match (&name, sequential) {
        (Some(n), None) => sizing::size_squadron_by(s, n, max_aircraft, &mut |c| call(c, None))
            .map(|r| to_json(&r)),
        (None, None) => {
            sizing::size_force_by(s, max_aircraft, &mut |c| call(c, None)).map(|r| to_json(&r))
        }
        (name, Some((replications, error))) => {
            let plan = plan_for(u64::from(replications), error)?;
            let mut ranged = |c: &Scenario, r: std::ops::Range<u32>| call(c, Some(r));
            match name {
                Some(n) => sizing::size_squadron_sequential_by(
                    s,
                    n,
                    max_aircraft,
                    replications,
                    &plan,
                    &mut ranged,
                )
                .map(|r| to_json(&r)),
                None => sizing::size_force_sequential_by(
                    s,
                    max_aircraft,
                    replications,
                    &plan,
                    &mut ranged,
                )
                .map(|r| to_json(&r)),
            }
        }
    };
    match (r, failure) {
        (_, Some(e)) => Err(e),
        (Ok(text), None) => text,
        (Err(e), None) => Err(sizing_err(e)),
    }
}

/// Sizes the whole mix as [`size_by`] does, with `score_batch` scoring a step's candidates
/// together: it gets a list of `(scenario, start, stop)` — every candidate of a step, or with
/// `sequential = (replications, error)` every candidate still undecided at a look — and returns
/// a list of `(met, replications)` or `(met, replications, met_each)` in the same order, so a
/// cluster can run them all at once. Without `sequential` each range is `0..replications`.
#[pyfunction]
#[pyo3(signature = (scenario, max_aircraft, replications, score_batch, sequential=None))]
fn size_batch_by(
    scenario: &NativeScenario,
    max_aircraft: u32,
    replications: u32,
    score_batch: Bound<'_, PyAny>,
    sequential: Option<f64>,
) -> PyResult<String> {
    let mut failure: Option<PyErr> = None;
    let mut call = |batch: &[(Scenario, std::ops::Range<u32>)]| -> Result<Vec<Score>, SizingError> {
        let items: Vec<(NativeScenario, u32, u32)> = batch
            .iter()
            .map(|(c, r)| (NativeScenario { inner: c.clone() }, r.start, r.end))
            .collect();
        let got = score_batch.call1((items,)).and_then(|v| {
            v.try_iter()?
                .map(|x| {
                    let x = x?;
                    match x.extract::<(u32, u32, Vec<u32>)>() {
                        Ok((met, replications, met_each)) => Ok(Score {
                            met,
                            replications,
                            met_each,
                        }),
                        Err(_) => x.extract::<(u32, u32)>().map(Score::from),
                    }
                })
                .collect::<PyResult<Vec<Score>>>()
        });
        got.map_err(|e| {
            failure = Some(e);
            SizingError::Run(RunError::Cancelled)
        })
    };
    let plan = match sequential {
        Some(error) => Some(plan_for(u64::from(replications), error)?),
        None => None,
    };
    let r = sizing::size_force_batch_by(
        &scenario.inner,
        max_aircraft,
        replications,
        plan.as_ref(),
        &mut call,
    );
    match (r, failure) {
        (_, Some(e)) => Err(e),
        (Ok(r), None) => to_json(&r),
        (Err(e), None) => Err(sizing_err(e)),
    }
}

/// Writes the HTML report of replications `start..end` to `path`, as `airpolicing run --report`:
/// the same replications are run again (the same numbers) to draw it.
#[pyfunction]
#[pyo3(signature = (scenario, seed, start, end, path, n_threads=None))]
fn report_run(
    py: Python<'_>,
    scenario: &NativeScenario,
    seed: u64,
    start: u64,
    end: u64,
    path: std::path::PathBuf,
    n_threads: Option<usize>,
) -> PyResult<()> {
    let s = &scenario.inner;
    let r = interruptible(py, |cancel| {
        montecarlo::run(s, &options(seed, start, end, n_threads, cancel))
    })?
    .map_err(run_err)?;
    Report::new(s, &r, &[], None)
        .and_then(|rep| rep.write(&path))
        .map_err(PyValueError::new_err)
}

/// Writes the HTML report of a sizing (`answer`, the JSON of a force sizing when `mix`, else of
/// a list of squadron sizings) to `path`, as `airpolicing size --report`: the sized force is run
/// on replications `0..replications`.
#[pyfunction]
#[pyo3(signature = (scenario, answer, mix, seed, replications, path, n_threads=None))]
#[allow(clippy::too_many_arguments)]
fn report_size(
    py: Python<'_>,
    scenario: &NativeScenario,
    answer: &str,
    mix: bool,
    seed: u64,
    replications: u64,
    path: std::path::PathBuf,
    n_threads: Option<usize>,
) -> PyResult<()> {
    let bad = |e: serde_json::Error| PyValueError::new_err(format!("not a sizing answer: {e}"));
    let (force, rows): (Option<sizing::ForceSizing>, Vec<sizing::SquadronSizing>) = if mix {
        (Some(serde_json::from_str(answer).map_err(bad)?), Vec::new())
    } else {
        (None, serde_json::from_str(answer).map_err(bad)?)
    };
    let s = &scenario.inner;
    let rep = interruptible(py, |cancel| {
        Report::of_sizing(
            s,
            &options(seed, 0, replications, n_threads, cancel),
            &rows,
            force.as_ref(),
        )
    })?
    .map_err(PyValueError::new_err)?;
    rep.write(&path).map_err(PyValueError::new_err)
}

/// Writes the HTML report of a trade study (`answer`, the JSON of `sweep`) to `path`, as
/// `airpolicing sweep --report`.
#[pyfunction]
fn report_sweep(
    scenario: &NativeScenario,
    answer: &str,
    replications: u64,
    seed: u64,
    path: std::path::PathBuf,
) -> PyResult<()> {
    let r: sweeps::SweepResult = serde_json::from_str(answer)
        .map_err(|e| PyValueError::new_err(format!("not a sweep answer: {e}")))?;
    Report::sweep(&scenario.inner, &r, replications, seed)
        .and_then(|rep| rep.write(&path))
        .map_err(PyValueError::new_err)
}

/// Each metric's words and unit, as the command-line tool shows them.
#[pyfunction]
fn describe(names: Vec<String>) -> Vec<(String, &'static str)> {
    names
        .iter()
        .map(|n| {
            (
                airpolicing::sim::metrics::label(n),
                airpolicing::sim::metrics::unit(n),
            )
        })
        .collect()
}

/// Runs the scenario at every combination of the axes' values (`[(path, values)]`), sizing the
/// force at each when `size`. Returns the sweep's JSON, as `airpolicing sweep --json`.
#[pyfunction]
#[pyo3(signature = (scenario, axes, seed, replications, size, max_aircraft, n_threads=None, sequential_error=None, on_step=None))]
#[allow(clippy::too_many_arguments)]
fn sweep(
    py: Python<'_>,
    scenario: &NativeScenario,
    axes: Vec<(String, Vec<f64>)>,
    seed: u64,
    replications: u64,
    size: bool,
    max_aircraft: u32,
    n_threads: Option<usize>,
    sequential_error: Option<f64>,
    on_step: Option<Py<PyAny>>,
) -> PyResult<String> {
    let axes: Vec<Axis> = axes
        .into_iter()
        .map(|(path, values)| Axis { path, values })
        .collect();
    let s = &scenario.inner;
    let sequential = plan(replications, sequential_error)?;
    let r = watched(py, on_step.as_ref(), |cancel, progress| {
        let run = options(seed, 0, replications, n_threads, cancel);
        let sizing = SizingOptions {
            run: run.clone(),
            max_aircraft,
            sequential,
            progress: progress.clone(),
        };
        sweeps::sweep_with_progress(s, &axes, &run, size.then_some(&sizing), progress.as_ref())
    })?;
    match r {
        Ok(r) => to_json(&r),
        Err(SweepError::Scenario(e)) => Err(scenario_err(e)),
        Err(SweepError::Run(e)) => Err(run_err(e)),
        Err(SweepError::Sizing(e)) => Err(sizing_err(e)),
        Err(e) => Err(PyValueError::new_err(e.to_string())),
    }
}

/// Summaries of every metric over the rows, reduced serially in row order, as JSON text: the
/// same numbers as the command-line tool's `--json`.
#[pyfunction]
fn summarise(names: Vec<String>, values: PyReadonlyArray2<f64>) -> PyResult<String> {
    let v = values.as_array();
    let rows: Vec<RepMetrics> = v
        .rows()
        .into_iter()
        .enumerate()
        .map(|(i, r)| RepMetrics {
            replication: i as u64,
            values: r.to_vec(),
            events: 0,
            response_hist: Vec::new(),
        })
        .collect();
    let s = montecarlo::summarise(&names, &rows);
    serde_json::to_string(&s).map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

/// The sustainment account as JSON text, `{"account": ..., "sentences": [...]}`: from the metric
/// means (name → mean) of `replications` simulated replications, or from the closed-form
/// estimate when there are none; `years` and `dwell` override the scenario's horizon and every
/// squadron's deploy-to-dwell ratio, as `airpolicing sustain --years --dwell`.
#[pyfunction]
#[pyo3(signature = (scenario, means=None, replications=0, years=None, dwell=None))]
fn sustainment(
    scenario: &NativeScenario,
    means: Option<HashMap<String, f64>>,
    replications: u64,
    years: Option<f64>,
    dwell: Option<f64>,
) -> PyResult<String> {
    let s = sustain::with_rules(&scenario.inner, years, dwell).map_err(scenario_err)?;
    let account = match means {
        Some(m) => Account::of_means(&s, replications, |name| m.get(name).copied()),
        None => Account::of_estimate(&s, &airpolicing::analytic::estimate(&s)),
    };
    to_json(&serde_json::json!({
        "sentences": sustain::lines(&account),
        "account": account,
    }))
}

/// The book of published cases as JSON text (a list of cases), or only the case `case`: each
/// case's published figure beside the tool's, its band and the assumption behind any difference,
/// as `airpolicing cases --json`.
#[pyfunction]
#[pyo3(signature = (replications, seed, n_threads=None, case=None))]
fn cases(
    py: Python<'_>,
    replications: u64,
    seed: u64,
    n_threads: Option<usize>,
    case: Option<String>,
) -> PyResult<String> {
    let opts = airpolicing::cases::CaseOptions {
        replications,
        seed,
        threads: n_threads,
    };
    let book = py.detach(|| match &case {
        Some(id) => airpolicing::cases::case(id, &opts).map(|c| vec![c]),
        None => airpolicing::cases::book(&opts),
    });
    book.map_err(|e| PyValueError::new_err(e.to_string()))
        .and_then(|c| to_json(&c))
}

/// The whole force sized for each of `levels` of `target` (a key of `[targets]`), as
/// `airpolicing ladder`: the JSON of one ladder, loosest rung first.
#[pyfunction]
#[pyo3(signature = (scenario, target, levels, seed, replications, max_aircraft, n_threads=None, sequential_error=None, on_step=None))]
#[allow(clippy::too_many_arguments)]
fn ladder(
    py: Python<'_>,
    scenario: &NativeScenario,
    target: String,
    levels: Vec<f64>,
    seed: u64,
    replications: u64,
    max_aircraft: u32,
    n_threads: Option<usize>,
    sequential_error: Option<f64>,
    on_step: Option<Py<PyAny>>,
) -> PyResult<String> {
    let s = &scenario.inner;
    let sequential = plan(replications, sequential_error)?;
    watched(py, on_step.as_ref(), |cancel, progress| {
        let opts = SizingOptions {
            run: options(seed, 0, replications, n_threads, cancel),
            max_aircraft,
            sequential,
            progress,
        };
        airpolicing::ladder::ladder(s, &target, &levels, &opts)
            .map_err(sizing_err)
            .and_then(|r| to_json(&r))
    })?
}

/// Names of the bundled scenarios.
#[pyfunction]
fn bundled_names() -> Vec<&'static str> {
    airpolicing::scenario::bundled_names()
}

#[pymodule]
fn _airpolicing(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeScenario>()?;
    m.add("MAX_AIRCRAFT", airpolicing::sizing::MAX_AIRCRAFT)?;
    m.add_function(wrap_pyfunction!(estimate, m)?)?;
    m.add_function(wrap_pyfunction!(run_rows, m)?)?;
    m.add_function(wrap_pyfunction!(summarise, m)?)?;
    m.add_function(wrap_pyfunction!(score_rows, m)?)?;
    m.add_function(wrap_pyfunction!(standard_counts, m)?)?;
    m.add_function(wrap_pyfunction!(check_limits, m)?)?;
    m.add_function(wrap_pyfunction!(size, m)?)?;
    m.add_function(wrap_pyfunction!(size_by, m)?)?;
    m.add_function(wrap_pyfunction!(size_batch_by, m)?)?;
    m.add_function(wrap_pyfunction!(sequential_plan, m)?)?;
    m.add_function(wrap_pyfunction!(sweep, m)?)?;
    m.add_function(wrap_pyfunction!(bundled_names, m)?)?;
    m.add_function(wrap_pyfunction!(sustainment, m)?)?;
    m.add_function(wrap_pyfunction!(cases, m)?)?;
    m.add_function(wrap_pyfunction!(ladder, m)?)?;
    m.add_function(wrap_pyfunction!(describe, m)?)?;
    m.add_function(wrap_pyfunction!(report_run, m)?)?;
    m.add_function(wrap_pyfunction!(report_size, m)?)?;
    m.add_function(wrap_pyfunction!(report_sweep, m)?)?;
    m.add("ScenarioError", m.py().get_type::<ScenarioError>())?;
    Ok(())
}
