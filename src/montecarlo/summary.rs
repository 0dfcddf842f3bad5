//! Summaries of a metric across replications: mean, standard deviation, a t-based 95 %
//! confidence interval for the mean, and percentiles.
//!
//! Values are folded in one at a time, in replication order, so a run's memory does not grow with
//! its replication count. The mean is the sum in replication order divided by the count, the
//! standard deviation comes from Welford's update, and minimum and maximum are exact. Percentiles
//! are exact (linear interpolation between order statistics, as numpy's default) while a metric
//! has at most [`EXACT_PERCENTILES_UP_TO`] values; beyond that they are read from a DDSketch, a
//! log-bucketed histogram whose answers are within [`SKETCH_RELATIVE_ACCURACY`] of a true order
//! statistic, in bounded memory.

use crate::sim::RepMetrics;
use crate::sim::metrics::quantile;
use serde::{Deserialize, Serialize};
use sketches_ddsketch::{Config, DDSketch};
use statrs::distribution::{ContinuousCDF, StudentsT};

/// Percentiles are exact up to this many values per metric.
pub const EXACT_PERCENTILES_UP_TO: usize = 1000;

/// Relative accuracy of the percentiles of larger runs.
pub const SKETCH_RELATIVE_ACCURACY: f64 = 0.005;

/// One metric's values folded in one at a time. It serialises exactly (a checkpoint holds it):
/// every number is finite once a value has been added, and the sketch exists only then.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct MetricAccumulator {
    n: usize,
    sum: f64,
    mean: f64,
    m2: f64,
    min: f64,
    max: f64,
    exact: Option<Vec<f64>>,
    sketch: Option<DDSketch>,
}

impl MetricAccumulator {
    /// Whether the summary adds up for at most `rows` values: finite numbers, the mean between
    /// the least and the greatest, a non-negative sum of squares, and as many values kept (or in
    /// the sketch) as counted.
    pub fn check(&self, rows: u64) -> Result<(), String> {
        if self.n as u64 > rows {
            return Err(format!("{} values in {rows} rows", self.n));
        }
        if self.n == 0 {
            return Ok(());
        }
        let numbers = [self.sum, self.mean, self.m2, self.min, self.max];
        let slack = 1e-9 * (1.0 + self.min.abs().max(self.max.abs()));
        if numbers.iter().any(|v| !v.is_finite())
            || self.m2 < 0.0
            || self.mean < self.min - slack
            || self.mean > self.max + slack
        {
            return Err("its mean, spread or range do not add up".into());
        }
        let kept = self.exact.as_ref().map(Vec::len);
        let sketched = self.sketch.as_ref().map(|s| s.count());
        if kept.is_some_and(|k| k != self.n) || sketched != Some(self.n) {
            return Err(format!("{} values counted, not as many kept", self.n));
        }
        Ok(())
    }

    /// Folds in one value; values that are not finite (a response time in a replication without
    /// intercepts) are left out.
    pub fn add(&mut self, v: f64) {
        if !v.is_finite() {
            return;
        }
        if self.n == 0 {
            self.min = v;
            self.max = v;
            self.exact = Some(Vec::new());
        }
        self.n += 1;
        self.sum += v;
        let delta = v - self.mean;
        self.mean += delta / self.n as f64;
        self.m2 += delta * (v - self.mean);
        self.min = self.min.min(v);
        self.max = self.max.max(v);
        self.sketch
            .get_or_insert_with(|| DDSketch::new(Config::new(SKETCH_RELATIVE_ACCURACY, 4096, 1e-9)))
            .add(v);
        if let Some(e) = &mut self.exact {
            if e.len() < EXACT_PERCENTILES_UP_TO {
                e.push(v);
            } else {
                self.exact = None;
            }
        }
    }

    /// The summary of the values folded in so far.
    pub fn summary(&self, name: &str) -> Summary {
        let n = self.n;
        // The sum in replication order over the count can land an ulp outside the values it
        // averages (0.7 three times sums to 2.0999999999999996): the mean is held between the
        // smallest and the largest value, and is exactly the value when they are all the same.
        let mean = if n == 0 {
            f64::NAN
        } else if self.min == self.max {
            self.min
        } else {
            (self.sum / n as f64).clamp(self.min, self.max)
        };
        let sd = if n > 1 && self.min == self.max {
            0.0
        } else if n > 1 {
            (self.m2.max(0.0) / (n - 1) as f64).sqrt()
        } else {
            f64::NAN
        };
        let half = if n > 1 {
            t95((n - 1) as f64) * sd / (n as f64).sqrt()
        } else {
            f64::NAN
        };
        let pct: Box<dyn Fn(f64) -> f64> = match &self.exact {
            _ if n == 0 => Box::new(|_| f64::NAN),
            Some(e) => {
                let mut sorted = e.clone();
                sorted.sort_by(f64::total_cmp);
                Box::new(move |q| quantile(&sorted, q))
            }
            None => Box::new(|q| {
                let v = self
                    .sketch
                    .as_ref()
                    .and_then(|s| s.quantile(q).ok().flatten());
                v.unwrap_or(f64::NAN).clamp(self.min, self.max)
            }),
        };
        let (min, max) = if n == 0 {
            (f64::NAN, f64::NAN)
        } else {
            (self.min, self.max)
        };
        // The t interval, held to the range the metric can take (a fraction near 1 over a few
        // replications would otherwise reach past 1, a rare time below 0).
        let (lo, hi) = crate::sim::metrics::range_of(name);
        let bound = |x: f64| if x.is_nan() { x } else { x.clamp(lo, hi) };
        Summary {
            name: name.to_string(),
            n,
            mean,
            sd,
            ci_low: bound(mean - half),
            ci_high: bound(mean + half),
            min,
            p05: pct(0.05),
            p50: pct(0.5),
            p95: pct(0.95),
            max,
        }
    }
}

/// Every metric of a run folded in row by row, in replication order.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct Accumulator {
    metrics: Vec<MetricAccumulator>,
    rows: u64,
}

impl Accumulator {
    /// An empty accumulator for `width` metrics.
    pub fn new(width: usize) -> Self {
        Self {
            metrics: vec![MetricAccumulator::default(); width],
            rows: 0,
        }
    }

    /// Folds in one replication's values.
    pub fn add(&mut self, values: &[f64]) {
        for (m, v) in self.metrics.iter_mut().zip(values) {
            m.add(*v);
        }
        self.rows += 1;
    }

    /// Rows folded in.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Whether every metric's summary is consistent with the rows folded in (see
    /// [`MetricAccumulator::check`]).
    pub fn check(&self) -> Result<(), String> {
        for (i, m) in self.metrics.iter().enumerate() {
            m.check(self.rows)
                .map_err(|why| format!("metric {i}: {why}"))?;
        }
        Ok(())
    }

    /// Metrics per row.
    pub fn width(&self) -> usize {
        self.metrics.len()
    }

    /// One summary per metric, named by `names`.
    pub fn summary(&self, names: &[String]) -> Vec<Summary> {
        names
            .iter()
            .zip(&self.metrics)
            .map(|(n, m)| m.summary(n))
            .collect()
    }
}

/// One metric across replications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Metric name.
    pub name: String,
    /// Replications with a value.
    pub n: usize,
    /// Mean.
    #[serde(deserialize_with = "nan_if_null")]
    pub mean: f64,
    /// Sample standard deviation (NaN for one replication).
    #[serde(deserialize_with = "nan_if_null")]
    pub sd: f64,
    /// Lower end of the 95 % confidence interval for the mean: the t interval, held to the
    /// metric's range ([`crate::sim::metrics::range_of`]: at least 0, and at most 1 for a
    /// fraction).
    #[serde(deserialize_with = "nan_if_null")]
    pub ci_low: f64,
    /// Upper end of the 95 % confidence interval for the mean, held to the metric's range.
    #[serde(deserialize_with = "nan_if_null")]
    pub ci_high: f64,
    /// Smallest value.
    #[serde(deserialize_with = "nan_if_null")]
    pub min: f64,
    /// 5th percentile.
    #[serde(deserialize_with = "nan_if_null")]
    pub p05: f64,
    /// Median.
    #[serde(deserialize_with = "nan_if_null")]
    pub p50: f64,
    /// 95th percentile.
    #[serde(deserialize_with = "nan_if_null")]
    pub p95: f64,
    /// Largest value.
    #[serde(deserialize_with = "nan_if_null")]
    pub max: f64,
}

/// A number read back from JSON, where a NaN was written as `null`.
fn nan_if_null<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NAN))
}

/// The two-sided 95 % Student t quantile with `df` degrees of freedom.
pub(crate) fn t95(df: f64) -> f64 {
    StudentsT::new(0.0, 1.0, df).map_or(f64::NAN, |t| t.inverse_cdf(0.975))
}

/// Summarises values, in the order given. Values that are not finite (a response time in a
/// replication without intercepts) are left out; `n` counts the values used.
pub fn summarise_values(name: &str, values: &[f64]) -> Summary {
    let mut m = MetricAccumulator::default();
    for v in values {
        m.add(*v);
    }
    m.summary(name)
}

/// Summarises every metric of `rows`, serially in row order.
pub fn summarise(names: &[String], rows: &[RepMetrics]) -> Vec<Summary> {
    let mut acc = Accumulator::new(names.len());
    for r in rows {
        acc.add(&r.values);
    }
    acc.summary(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mean_stays_within_the_values_it_averages() {
        // 0.7 three times sums to 2.0999999999999996: the mean is 0.7, not an ulp below, and its
        // spread and interval are nothing.
        let s = summarise_values("cap_coverage", &[0.7, 0.7, 0.7]);
        assert_eq!((s.mean, s.sd, s.ci_low, s.ci_high), (0.7, 0.0, 0.7, 0.7));
        let s = summarise_values("x", &[0.1, 0.2, 0.3]);
        assert!(s.min <= s.mean && s.mean <= s.max);
    }

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
    fn large_runs_read_percentiles_from_the_sketch_within_its_accuracy() {
        // 20,000 values: beyond the exact limit. Each percentile must lie within the stated
        // relative accuracy of the true order statistic at its rank, and the moments stay exact.
        let values: Vec<f64> = (0..20_000u64)
            .map(|i| 1.0 + ((i * 7919) % 20_000) as f64 / 100.0)
            .collect();
        let s = summarise_values("x", &values);
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        for (q, got) in [(0.05, s.p05), (0.5, s.p50), (0.95, s.p95)] {
            let truth = sorted[(q * (sorted.len() - 1) as f64) as usize];
            assert!(
                (got - truth).abs() <= SKETCH_RELATIVE_ACCURACY * truth + 1e-12,
                "q {q}: {got} vs {truth}"
            );
        }
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        assert_eq!(s.mean, mean);
        let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / 19_999.0;
        assert!((s.sd - var.sqrt()).abs() < 1e-9 * var.sqrt());
        assert_eq!((s.min, s.max), (1.0, 200.99));
    }

    #[test]
    fn no_finite_value_gives_nan_not_a_panic() {
        let s = summarise_values("x", &[f64::NAN, f64::NAN]);
        assert_eq!(s.n, 0);
        assert!(s.mean.is_nan() && s.p50.is_nan() && s.min.is_nan());
    }

    #[test]
    fn one_value_has_no_spread() {
        let s = summarise_values("x", &[3.0]);
        assert_eq!(s.mean, 3.0);
        assert!(s.sd.is_nan() && s.ci_low.is_nan());
        assert_eq!(s.p95, 3.0);
    }

    #[test]
    fn an_interval_is_held_to_the_metric_range() {
        // 1, 0.9, 1: mean 0.9667, sd 0.0577, t(2) = 4.303, half 0.1434: the t interval reaches
        // 1.110, held at 1. Times 0.1, 5, 0.2: mean 1.767, half 6.98: held at 0 below.
        let s = summarise_values("qra_coverage", &[1.0, 0.9, 1.0]);
        assert!(
            (s.ci_low - (0.966_667 - 0.143_4)).abs() < 1e-3,
            "{}",
            s.ci_low
        );
        assert_eq!(s.ci_high, 1.0);
        let s = summarise_values("response_time_mean", &[0.1, 5.0, 0.2]);
        assert_eq!(s.ci_low, 0.0);
        assert!(s.ci_high > 8.0);
        // Not a fraction: no upper bound.
        let s = summarise_values("sorties_per_day", &[1.0, 0.9, 1.0]);
        assert!(s.ci_high > 1.1);
    }
}
