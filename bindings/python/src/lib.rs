//! The native half of the `airpolicing` Python package. It only converts: scenarios in, plain
//! arrays and JSON out; every number comes from the `airpolicing` crate, so Python and the
//! command-line tool give identical results for the same seed.

use airpolicing::montecarlo::{self, RunOptions};
use airpolicing::scenario::{Scenario, ScenarioError, ScenarioFile};
use airpolicing::sim::RepMetrics;
use numpy::{IntoPyArray, PyArray1, PyArray2, PyArrayMethods, PyReadonlyArray2};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

pyo3::create_exception!(
    _airpolicing,
    ScenarioError_,
    PyValueError,
    "A scenario that is not valid; the message names the file, line, field and what would be valid."
);

fn scenario_err(e: ScenarioError) -> PyErr {
    ScenarioError_::new_err(e.to_string())
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
        let file: ScenarioFile = serde_json::from_str(text)
            .map_err(|e| ScenarioError_::new_err(format!("{origin}: {e}")))?;
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
    let mut opts = RunOptions::default().with_seed(seed).with_reps(start..end);
    if let Some(t) = n_threads {
        opts = opts.with_threads(t);
    }
    let result = py
        .detach(|| montecarlo::run(&scenario.inner, &opts))
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
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

/// Names of the bundled scenarios.
#[pyfunction]
fn bundled_names() -> Vec<&'static str> {
    airpolicing::scenario::bundled_names()
}

#[pymodule]
fn _airpolicing(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeScenario>()?;
    m.add_function(wrap_pyfunction!(estimate, m)?)?;
    m.add_function(wrap_pyfunction!(run_rows, m)?)?;
    m.add_function(wrap_pyfunction!(summarise, m)?)?;
    m.add_function(wrap_pyfunction!(bundled_names, m)?)?;
    m.add("ScenarioError", m.py().get_type::<ScenarioError_>())?;
    Ok(())
}
