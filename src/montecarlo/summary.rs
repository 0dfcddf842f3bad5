//! Summaries of a metric across replications: mean, standard deviation, a t-based 95 %
//! confidence interval for the mean, and percentiles.

use crate::sim::RepMetrics;
use crate::sim::metrics::quantile;
use serde::Serialize;
use statrs::distribution::{ContinuousCDF, StudentsT};

/// One metric across replications.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Metric name.
    pub name: String,
    /// Replications with a value.
    pub n: usize,
    /// Mean.
    pub mean: f64,
    /// Sample standard deviation (NaN for one replication).
    pub sd: f64,
    /// Lower end of the 95 % confidence interval for the mean (t-based).
    pub ci_low: f64,
    /// Upper end of the 95 % confidence interval for the mean.
    pub ci_high: f64,
    /// Smallest value.
    pub min: f64,
    /// 5th percentile.
    pub p05: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Largest value.
    pub max: f64,
}

/// The two-sided 95 % Student t quantile with `df` degrees of freedom.
pub(crate) fn t95(df: f64) -> f64 {
    StudentsT::new(0.0, 1.0, df).map_or(f64::NAN, |t| t.inverse_cdf(0.975))
}

/// Summarises values, in the order given. Values that are not finite (a response time in a
/// replication without intercepts) are left out; `n` counts the values used.
pub fn summarise_values(name: &str, values: &[f64]) -> Summary {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let values = &finite[..];
    let n = values.len();
    let mean = values.iter().sum::<f64>() / n as f64;
    let sd = if n > 1 {
        (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt()
    } else {
        f64::NAN
    };
    let half = if n > 1 {
        t95((n - 1) as f64) * sd / (n as f64).sqrt()
    } else {
        f64::NAN
    };
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    Summary {
        name: name.to_string(),
        n,
        mean,
        sd,
        ci_low: mean - half,
        ci_high: mean + half,
        min: sorted.first().copied().unwrap_or(f64::NAN),
        p05: quantile(&sorted, 0.05),
        p50: quantile(&sorted, 0.5),
        p95: quantile(&sorted, 0.95),
        max: sorted.last().copied().unwrap_or(f64::NAN),
    }
}

/// Summarises every metric of `rows`, serially in row order.
pub fn summarise(names: &[String], rows: &[RepMetrics]) -> Vec<Summary> {
    let mut column = Vec::with_capacity(rows.len());
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            column.clear();
            column.extend(rows.iter().map(|r| r.values[i]));
            summarise_values(name, &column)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles_match_tables() {
        // Student t, two-sided 95 %: 12.706 (1 df), 2.262 (9 df), 1.984 (100 df).
        assert!((t95(1.0) - 12.706).abs() < 1e-3);
        assert!((t95(9.0) - 2.262).abs() < 1e-3);
        assert!((t95(100.0) - 1.984).abs() < 1e-3);
    }

    #[test]
    fn summary_of_a_hand_computed_sample() {
        let s = summarise_values("x", &[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0, 1.0, 9.0]);
        assert_eq!(s.mean, 5.0);
        // Sum of squares about the mean: 9+1+1+1+0+0+4+16+16+16 = 64; sd = sqrt(64/9).
        assert!((s.sd - (64.0f64 / 9.0).sqrt()).abs() < 1e-12);
        let half = 2.2621571627982 * s.sd / 10f64.sqrt();
        assert!((s.ci_high - 5.0 - half).abs() < 1e-9);
        assert_eq!(s.min, 1.0);
        assert_eq!(s.max, 9.0);
        assert_eq!(s.p50, 4.5);
        assert!((s.p05 - 1.45).abs() < 1e-12); // between 1 and 2 at 0.45
    }

    #[test]
    fn one_value_has_no_spread() {
        let s = summarise_values("x", &[3.0]);
        assert_eq!(s.mean, 3.0);
        assert!(s.sd.is_nan() && s.ci_low.is_nan());
        assert_eq!(s.p95, 3.0);
    }
}
