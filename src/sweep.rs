//! Trade studies: the scenario run at every combination of values of one or two numeric fields.

use crate::montecarlo::{RunError, RunOptions, Summary, run};
use crate::scenario::{Scenario, ScenarioError};
use crate::sizing::{ForceSizing, SizingError, SizingOptions, meets_standard, size_force, wilson};
use serde::Serialize;

/// One field to vary and its values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Axis {
    /// Field path, e.g. `violations.rate_per_day`.
    pub path: String,
    /// Values to try.
    pub values: Vec<f64>,
}

impl Axis {
    /// Parses `path=v1,v2,…`.
    pub fn parse(text: &str) -> Result<Axis, String> {
        let (path, values) = text.split_once('=').ok_or_else(|| {
            format!("`{text}`: write FIELD=V1,V2,…, e.g. violations.rate_per_day=2,4,8")
        })?;
        let values = values
            .split(',')
            .map(|v| {
                v.trim()
                    .parse::<f64>()
                    .map_err(|_| format!("`{v}` in `{text}` is not a number"))
            })
            .collect::<Result<Vec<f64>, String>>()?;
        if values.is_empty() {
            return Err(format!("`{text}` lists no values"));
        }
        Ok(Axis {
            path: path.trim().to_string(),
            values,
        })
    }
}

/// One point of a sweep.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SweepPoint {
    /// The value of each axis, in axis order.
    pub values: Vec<f64>,
    /// Fraction of replications meeting the standard.
    pub meets_standard: f64,
    /// Wilson 95 % interval of that fraction.
    pub meets_ci: (f64, f64),
    /// Every metric's summary.
    pub metrics: Vec<Summary>,
    /// The force sizing at this point, when asked for.
    pub sizing: Option<ForceSizing>,
}

/// The result of a sweep.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SweepResult {
    /// The axes.
    pub axes: Vec<Axis>,
    /// Every combination, the first axis varying slowest.
    pub points: Vec<SweepPoint>,
}

/// Why a sweep could not run. Every point's scenario is built and validated before any runs.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SweepError {
    /// One or two axes are supported.
    #[error("a sweep takes one or two --set axes, got {0}")]
    Axes(usize),
    /// A point's scenario is not valid (unknown path, not a number, out of range).
    #[error("{0}")]
    Scenario(#[from] ScenarioError),
    /// A run failed to start.
    #[error(transparent)]
    Run(#[from] RunError),
    /// Sizing failed.
    #[error(transparent)]
    Sizing(#[from] SizingError),
}

/// Runs `scenario` at every combination of the axes' values.
pub fn sweep(
    scenario: &Scenario,
    axes: &[Axis],
    options: &RunOptions,
    size: Option<&SizingOptions>,
) -> Result<SweepResult, SweepError> {
    if axes.is_empty() || axes.len() > 2 {
        return Err(SweepError::Axes(axes.len()));
    }
    let mut combos: Vec<Vec<f64>> = vec![vec![]];
    for a in axes {
        combos = combos
            .into_iter()
            .flat_map(|c| {
                a.values.iter().map(move |v| {
                    let mut n = c.clone();
                    n.push(*v);
                    n
                })
            })
            .collect();
    }
    let mut built = Vec::with_capacity(combos.len());
    for values in &combos {
        let mut s = scenario.clone();
        for (a, v) in axes.iter().zip(values) {
            s = s.with_value(&a.path, *v)?;
        }
        built.push(s);
    }
    let mut points = Vec::with_capacity(built.len());
    for (values, s) in combos.into_iter().zip(built) {
        let r = run(&s, options)?;
        let met = r
            .rows
            .iter()
            .filter(|row| meets_standard(&s, &r.names, &row.values))
            .count() as u32;
        let n = r.rows.len() as u32;
        let sizing = match size {
            Some(o) => Some(size_force(&s, o)?),
            None => None,
        };
        points.push(SweepPoint {
            values,
            meets_standard: f64::from(met) / f64::from(n),
            meets_ci: wilson(met, n),
            metrics: r.summary,
            sizing,
        });
    }
    Ok(SweepResult {
        axes: axes.to_vec(),
        points,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_parse_and_explain_mistakes() {
        let a = Axis::parse("violations.rate_per_day=2,4, 8").unwrap();
        assert_eq!(a.path, "violations.rate_per_day");
        assert_eq!(a.values, vec![2.0, 4.0, 8.0]);
        assert!(
            Axis::parse("violations.rate_per_day")
                .unwrap_err()
                .contains("FIELD=V1,V2")
        );
        assert!(Axis::parse("x=1,two").unwrap_err().contains("`two`"));
    }
}
