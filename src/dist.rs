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
