//! Random durations: a fixed number or a distribution.
//!
//! In a scenario file a duration is either a plain number (fixed) or a table with a `dist` key:
//!
//! ```toml
//! turnaround_min = 180                                          # fixed
//! turnaround_min = { dist = "fixed", value = 180 }              # the same, spelled out
//! turnaround_min = { dist = "uniform", min = 150, max = 210 }
//! turnaround_min = { dist = "triangular", min = 150, mode = 170, max = 240 }
//! turnaround_min = { dist = "lognormal", mean = 180, sd = 40 }  # by mean and sd, not mu/sigma
//! turnaround_min = { dist = "exponential", mean = 180 }
//! ```
//!
//! The unit is the one in the key's name. A fixed value makes the model deterministic, so the
//! closed-form limits can be checked exactly.

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A random (or fixed) non-negative duration or quantity; the unit comes from the field's name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Dist {
    /// Always this value.
    Fixed(f64),
    /// Uniform on `[min, max]`.
    Uniform {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
    /// Triangular on `[min, max]` with its peak at `mode`.
    Triangular {
        /// Lower bound.
        min: f64,
        /// Most likely value.
        mode: f64,
        /// Upper bound.
        max: f64,
    },
    /// Log-normal with this mean and standard deviation (of the value itself, not its log).
    LogNormal {
        /// Mean of the value.
        mean: f64,
        /// Standard deviation of the value.
        sd: f64,
    },
    /// Exponential with this mean.
    Exponential {
        /// Mean of the value.
        mean: f64,
    },
}

impl Dist {
    /// The mean of the distribution.
    pub fn mean(&self) -> f64 {
        match *self {
            Dist::Fixed(v) => v,
            Dist::Uniform { min, max } => (min + max) / 2.0,
            Dist::Triangular { min, mode, max } => (min + mode + max) / 3.0,
            Dist::LogNormal { mean, .. } | Dist::Exponential { mean } => mean,
        }
    }

    /// Whether every draw equals the mean.
    pub fn is_fixed(&self) -> bool {
        matches!(self, Dist::Fixed(_))
    }

    /// Checks the parameters: all finite and non-negative, bounds ordered, spreads positive.
    /// Returns what is wrong, in words.
    pub fn check(&self) -> Result<(), String> {
        let params: &[(&str, f64)] = match self {
            Dist::Fixed(v) => &[("value", *v)],
            Dist::Uniform { min, max } => &[("min", *min), ("max", *max)],
            Dist::Triangular { min, mode, max } => &[("min", *min), ("mode", *mode), ("max", *max)],
            Dist::LogNormal { mean, sd } => &[("mean", *mean), ("sd", *sd)],
            Dist::Exponential { mean } => &[("mean", *mean)],
        };
        for (name, v) in params {
            if !v.is_finite() || *v < 0.0 {
                return Err(format!("`{name}` must be a finite number >= 0, got {v}"));
            }
        }
        match *self {
            Dist::Uniform { min, max } if min > max => Err(format!(
                "uniform needs min <= max, got min {min} > max {max}"
            )),
            Dist::Triangular { min, mode, max } if !(min <= mode && mode <= max) => Err(format!(
                "triangular needs min <= mode <= max, got {min}, {mode}, {max}"
            )),
            Dist::LogNormal { mean, sd } if mean <= 0.0 || sd <= 0.0 => Err(format!(
                "lognormal needs mean > 0 and sd > 0 (use a plain number for a fixed value), got mean {mean}, sd {sd}"
            )),
            Dist::Exponential { mean } if mean <= 0.0 => {
                Err(format!("exponential needs mean > 0, got {mean}"))
            }
            _ => Ok(()),
        }
    }
}

/// A ready-to-draw form of a [`Dist`], built once per scenario.
#[derive(Debug, Clone, Copy)]
pub enum Sampler {
    /// Always this value.
    Fixed(f64),
    /// Uniform.
    Uniform(rand::distr::Uniform<f64>),
    /// Triangular.
    Triangular(rand_distr::Triangular<f64>),
    /// Log-normal.
    LogNormal(rand_distr::LogNormal<f64>),
    /// Exponential.
    Exponential(rand_distr::Exp<f64>),
}

impl Sampler {
    /// One draw. A fixed value draws no random number at all, so fixed durations leave every
    /// random stream untouched.
    pub fn sample<R: rand::Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        use rand::distr::Distribution;
        match self {
            Sampler::Fixed(v) => *v,
            Sampler::Uniform(d) => d.sample(rng),
            Sampler::Triangular(d) => d.sample(rng),
            Sampler::LogNormal(d) => d.sample(rng),
            Sampler::Exponential(d) => d.sample(rng),
        }
    }
}

impl Dist {
    /// The sampler for this distribution; the parameters must pass [`Dist::check`] (a checked
    /// scenario's always do; otherwise the mean is drawn as a fixed value).
    pub fn sampler(&self) -> Sampler {
        let built = match *self {
            Dist::Fixed(v) => Some(Sampler::Fixed(v)),
            Dist::Uniform { min, max } => rand::distr::Uniform::new_inclusive(min, max)
                .ok()
                .map(Sampler::Uniform),
            Dist::Triangular { min, mode, max } if min < max => {
                rand_distr::Triangular::new(min, max, mode)
                    .ok()
                    .map(Sampler::Triangular)
            }
            Dist::Triangular { mode, .. } => Some(Sampler::Fixed(mode)),
            Dist::LogNormal { mean, sd } => rand_distr::LogNormal::from_mean_cv(mean, sd / mean)
                .ok()
                .map(Sampler::LogNormal),
            Dist::Exponential { mean } => rand_distr::Exp::new(1.0 / mean)
                .ok()
                .map(Sampler::Exponential),
        };
        built.unwrap_or(Sampler::Fixed(self.mean()))
    }
}

/// The table form, as written in a scenario file.
#[derive(Serialize, Deserialize)]
#[serde(tag = "dist", rename_all = "lowercase", deny_unknown_fields)]
enum DistTable {
    Fixed { value: f64 },
    Uniform { min: f64, max: f64 },
    Triangular { min: f64, mode: f64, max: f64 },
    Lognormal { mean: f64, sd: f64 },
    Exponential { mean: f64 },
}

impl From<DistTable> for Dist {
    fn from(t: DistTable) -> Self {
        match t {
            DistTable::Fixed { value } => Dist::Fixed(value),
            DistTable::Uniform { min, max } => Dist::Uniform { min, max },
            DistTable::Triangular { min, mode, max } => Dist::Triangular { min, mode, max },
            DistTable::Lognormal { mean, sd } => Dist::LogNormal { mean, sd },
            DistTable::Exponential { mean } => Dist::Exponential { mean },
        }
    }
}

impl Serialize for Dist {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let table = match *self {
            Dist::Fixed(v) => return s.serialize_f64(v),
            Dist::Uniform { min, max } => DistTable::Uniform { min, max },
            Dist::Triangular { min, mode, max } => DistTable::Triangular { min, mode, max },
            Dist::LogNormal { mean, sd } => DistTable::Lognormal { mean, sd },
            Dist::Exponential { mean } => DistTable::Exponential { mean },
        };
        table.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Dist {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DistVisitor;
        impl<'de> Visitor<'de> for DistVisitor {
            type Value = Dist;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a number or a table with `dist` = \"fixed\", \"uniform\", \"triangular\", \"lognormal\" or \"exponential\"",
                )
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Dist, E> {
                Ok(Dist::Fixed(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Dist, E> {
                Ok(Dist::Fixed(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dist, E> {
                Ok(Dist::Fixed(v as f64))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Dist, A::Error> {
                DistTable::deserialize(de::value::MapAccessDeserializer::new(map)).map(Dist::from)
            }
        }
        d.deserialize_any(DistVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Serialize)]
    struct Holder {
        t: Dist,
    }

    fn parse(s: &str) -> Result<Dist, String> {
        toml::from_str::<Holder>(s)
            .map(|h| h.t)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn numbers_and_tables_parse() {
        assert_eq!(parse("t = 5").unwrap(), Dist::Fixed(5.0));
        assert_eq!(parse("t = 2.5").unwrap(), Dist::Fixed(2.5));
        assert_eq!(
            parse("t = { dist = \"fixed\", value = 3 }").unwrap(),
            Dist::Fixed(3.0)
        );
        assert_eq!(
            parse("t = { dist = \"triangular\", min = 1, mode = 2, max = 4 }").unwrap(),
            Dist::Triangular {
                min: 1.0,
                mode: 2.0,
                max: 4.0
            }
        );
        assert_eq!(
            parse("t = { dist = \"lognormal\", mean = 6, sd = 2 }").unwrap(),
            Dist::LogNormal { mean: 6.0, sd: 2.0 }
        );
    }

    #[test]
    fn bad_tables_say_what_is_valid() {
        let e = parse("t = { dist = \"gamma\", mean = 1 }").unwrap_err();
        assert!(e.contains("unknown variant `gamma`"), "{e}");
        let e = parse("t = { dist = \"uniform\", min = 1, max = 2, mode = 3 }").unwrap_err();
        assert!(e.contains("unknown field `mode`"), "{e}");
        let e = parse("t = \"soon\"").unwrap_err();
        assert!(e.contains("a number or a table"), "{e}");
    }

    #[test]
    fn means_are_hand_computed() {
        assert_eq!(Dist::Uniform { min: 2.0, max: 4.0 }.mean(), 3.0);
        assert_eq!(
            Dist::Triangular {
                min: 1.0,
                mode: 2.0,
                max: 6.0
            }
            .mean(),
            3.0
        );
        assert_eq!(Dist::Exponential { mean: 7.0 }.mean(), 7.0);
    }

    #[test]
    fn checks_reject_nonsense() {
        assert!(Dist::Fixed(-1.0).check().is_err());
        assert!(Dist::Fixed(f64::NAN).check().is_err());
        assert!(Dist::Uniform { min: 3.0, max: 1.0 }.check().is_err());
        assert!(
            Dist::Triangular {
                min: 1.0,
                mode: 5.0,
                max: 4.0
            }
            .check()
            .is_err()
        );
        assert!(Dist::LogNormal { mean: 1.0, sd: 0.0 }.check().is_err());
        assert!(Dist::Fixed(0.0).check().is_ok());
    }

    /// Kolmogorov–Smirnov distance between `n` draws and the exact CDF.
    fn ks_distance(d: Dist, cdf: impl Fn(f64) -> f64, n: usize) -> f64 {
        use rand::SeedableRng;
        let mut rng = rand::rngs::ChaCha8Rng::seed_from_u64(20261126);
        let s = d.sampler();
        let mut xs: Vec<f64> = (0..n).map(|_| s.sample(&mut rng)).collect();
        xs.sort_by(f64::total_cmp);
        xs.iter()
            .enumerate()
            .map(|(i, &x)| {
                let f = cdf(x);
                (f - i as f64 / n as f64)
                    .abs()
                    .max(((i + 1) as f64 / n as f64 - f).abs())
            })
            .fold(0.0, f64::max)
    }

    /// The 1 % critical value of the one-sample KS statistic for large n: 1.63 / √n.
    fn ks_critical(n: usize) -> f64 {
        1.63 / (n as f64).sqrt()
    }

    #[test]
    fn samples_pass_kolmogorov_smirnov_with_a_fixed_seed() {
        use statrs::distribution::{ContinuousCDF, LogNormal, Triangular};
        let n = 5000;
        let crit = ks_critical(n);
        let d = ks_distance(
            Dist::Uniform { min: 2.0, max: 5.0 },
            |x| ((x - 2.0) / 3.0).clamp(0.0, 1.0),
            n,
        );
        assert!(d < crit, "uniform {d}");
        let d = ks_distance(
            Dist::Exponential { mean: 4.0 },
            |x| 1.0 - (-x / 4.0).exp(),
            n,
        );
        assert!(d < crit, "exponential {d}");
        let tri = Triangular::new(1.0, 6.0, 2.0).unwrap();
        let d = ks_distance(
            Dist::Triangular {
                min: 1.0,
                mode: 2.0,
                max: 6.0,
            },
            |x| tri.cdf(x),
            n,
        );
        assert!(d < crit, "triangular {d}");
        // Mean 6, sd 4: sigma² = ln(1 + (4/6)²), mu = ln 6 − sigma²/2.
        let s2 = (1.0f64 + (4.0 / 6.0f64).powi(2)).ln();
        let ln = LogNormal::new(6.0f64.ln() - s2 / 2.0, s2.sqrt()).unwrap();
        let d = ks_distance(Dist::LogNormal { mean: 6.0, sd: 4.0 }, |x| ln.cdf(x), n);
        assert!(d < crit, "lognormal {d}");
        // A wrong parameter is caught: draws from mean 4 against the CDF of mean 5.
        let d = ks_distance(
            Dist::Exponential { mean: 4.0 },
            |x| 1.0 - (-x / 5.0).exp(),
            n,
        );
        assert!(d > crit, "the test must be able to fail: {d}");
    }

    #[test]
    fn fixed_draws_consume_no_randomness() {
        use rand::{Rng, SeedableRng};
        let mut a = rand::rngs::ChaCha8Rng::seed_from_u64(1);
        let mut b = rand::rngs::ChaCha8Rng::seed_from_u64(1);
        assert_eq!(Dist::Fixed(3.0).sampler().sample(&mut a), 3.0);
        assert_eq!(a.next_u64(), b.next_u64());
    }

    #[test]
    fn round_trips_through_toml() {
        for d in [
            Dist::Fixed(4.0),
            Dist::Uniform { min: 1.0, max: 2.0 },
            Dist::LogNormal { mean: 3.0, sd: 1.0 },
        ] {
            let text = toml::to_string(&Holder { t: d }).unwrap();
            assert_eq!(parse(&text).unwrap(), d, "{text}");
        }
    }
}
