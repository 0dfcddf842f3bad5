//! Sequential testing: a candidate fleet's replications run look by look, and the candidate
//! stops as soon as its pass fraction is clearly on one side of the confidence level.

use super::SizingError;
use serde::{Deserialize, Serialize};

/// Sequential testing of each candidate fleet: spend replications where the decision is close.
///
/// A candidate's replications run in looks of `first`, `2·first`, `4·first`, … up to the run's
/// replications ([`Sequential::looks`]); at each look before the last, the candidate stops if its
/// pass fraction is clearly above or below the confidence level: if the Clopper–Pearson
/// interval at level `1 − error / (looks − 1)` lies wholly on one side of it. A candidate that
/// stays close runs every replication and is decided as without sequential testing (its pass
/// fraction against the confidence). By the union bound over the early looks, a candidate
/// stopped early lies on the wrong side of the confidence level (its true pass fraction on the
/// other side) with probability at most `error`. Every candidate runs the same replications in
/// the same order (common random numbers): a look adds the next ones.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Sequential {
    /// Replications of the first look.
    pub first: u32,
    /// The chance, per candidate, that one stopped early is on the wrong side of the confidence.
    pub error: f64,
}

impl Sequential {
    /// The error rate by default.
    pub const ERROR: f64 = 0.05;
    /// The first look by default is this share of the replications…
    pub const FIRST_SHARE: u32 = 16;
    /// …and at least this many replications.
    pub const MIN_FIRST: u32 = 20;

    /// The plan by default for `replications` per candidate: a first look at a sixteenth of them
    /// rounded up (at least [`Sequential::MIN_FIRST`]) and an error of 5 %; for 1,000
    /// replications the looks are 63, 126, 252, 504 and 1,000.
    pub fn for_replications(replications: u32) -> Sequential {
        Sequential {
            first: replications
                .div_ceil(Self::FIRST_SHARE)
                .max(Self::MIN_FIRST),
            error: Self::ERROR,
        }
    }

    /// Checks the plan: at least one replication in the first look, an error of at least 0
    /// (0: no candidate stops early) and below 1.
    pub fn check(&self) -> Result<(), SizingError> {
        if self.first == 0 {
            return Err(SizingError::Sequential(
                "the first look needs at least 1 replication".into(),
            ));
        }
        if !(self.error >= 0.0 && self.error < 1.0) {
            return Err(SizingError::Sequential(format!(
                "the error rate must be at least 0 (0: no candidate stops early) and below 1, not {}",
                self.error
            )));
        }
        Ok(())
    }

    /// The replications run by each look, cumulative: `first`, doubling, the last exactly
    /// `replications`.
    pub fn looks(&self, replications: u32) -> Vec<u32> {
        let mut looks = Vec::new();
        let mut n = self.first.clamp(1, replications.max(1));
        loop {
            looks.push(n);
            if n >= replications {
                return looks;
            }
            n = n.saturating_mul(2).min(replications);
        }
    }

    /// The decision at a look that found `met` of `n` replications meeting the standard:
    /// `Some(true)` when the pass fraction is clearly at least `confidence`, `Some(false)` when
    /// clearly below, `None` when close. `looks` is the plan's ([`Sequential::looks`]).
    pub fn decide(&self, met: u32, n: u32, confidence: f64, looks: &[u32]) -> Option<bool> {
        if self.error == 0.0 {
            return None;
        }
        let early = looks.len().saturating_sub(1).max(1);
        let (lo, hi) = clopper_pearson(met, n, self.error / early as f64);
        if lo > confidence {
            Some(true)
        } else if hi < confidence {
            Some(false)
        } else {
            None
        }
    }
}

/// The Clopper–Pearson (exact) interval at level `1 − alpha` for `k` successes in `n` trials.
pub fn clopper_pearson(k: u32, n: u32, alpha: f64) -> (f64, f64) {
    use statrs::distribution::{Beta, ContinuousCDF};
    if n == 0 {
        return (0.0, 1.0);
    }
    let beta = |a: u32, b: u32, p: f64| {
        Beta::new(f64::from(a), f64::from(b))
            .map(|d| d.inverse_cdf(p))
            .unwrap_or(f64::NAN)
    };
    let lo = if k == 0 {
        0.0
    } else {
        beta(k, n - k + 1, alpha / 2.0)
    };
    let hi = if k >= n {
        1.0
    } else {
        beta(k + 1, n - k, 1.0 - alpha / 2.0)
    };
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clopper_pearson_matches_hand_computed_and_published_values() {
        // All successes: the lower end solves p^n = alpha/2, so 0.025^(1/10) = 0.69150; none:
        // the mirror image.
        let (lo, hi) = clopper_pearson(10, 10, 0.05);
        assert!((lo - 0.025f64.powf(0.1)).abs() < 1e-9 && hi == 1.0, "{lo}");
        assert!((lo - 0.69150).abs() < 1e-5, "{lo}");
        let (lo, hi) = clopper_pearson(0, 10, 0.05);
        assert!(lo == 0.0 && (hi - 0.30850).abs() < 1e-5, "{hi}");
        // 5 of 10 at 95 %: 0.1871–0.8129 (the exact interval as tabled, e.g. by Clopper and
        // Pearson's charts and every statistics package).
        let (lo, hi) = clopper_pearson(5, 10, 0.05);
        assert!(
            (lo - 0.18709).abs() < 1e-4 && (hi - 0.81291).abs() < 1e-4,
            "{lo} {hi}"
        );
    }

    #[test]
    fn looks_double_from_the_first_to_the_replications() {
        let plan = Sequential::for_replications(1000);
        assert_eq!(plan.first, 63);
        assert_eq!(plan.looks(1000), vec![63, 126, 252, 504, 1000]);
        assert_eq!(
            Sequential::for_replications(100).looks(100),
            vec![20, 40, 80, 100]
        );
        // A first look at or beyond the replications is the only look.
        assert_eq!(Sequential::for_replications(10).looks(10), vec![10]);
    }

    #[test]
    fn a_look_decides_only_what_is_clear() {
        let plan = Sequential::for_replications(1000);
        let looks = plan.looks(1000);
        // 4 early looks share the 5 %: each uses a 98.75 % interval. 63 of 63: the lower end is
        // 0.00625^(1/63) = 0.9226 > 0.9.
        assert!((0.00625f64.powf(1.0 / 63.0) - 0.9226).abs() < 1e-4);
        assert_eq!(plan.decide(63, 63, 0.9, &looks), Some(true));
        // Half of them: clearly short of 90 %.
        assert_eq!(plan.decide(32, 63, 0.9, &looks), Some(false));
        // 57 of 63 (90.5 %): close, keep going.
        assert_eq!(plan.decide(57, 63, 0.9, &looks), None);
        assert!(
            Sequential {
                first: 0,
                error: 0.05
            }
            .check()
            .is_err()
        );
        for error in [1.0, f64::NAN, -0.1] {
            assert!(Sequential { first: 10, error }.check().is_err(), "{error}");
        }
        // An error of 0 is a plan that stops no candidate early, however clear.
        let never = Sequential {
            first: 63,
            error: 0.0,
        };
        assert!(never.check().is_ok());
        assert_eq!(never.decide(63, 63, 0.9, &looks), None);
        assert_eq!(never.decide(0, 63, 0.9, &looks), None);
    }

    #[test]
    fn a_candidate_at_the_confidence_is_stopped_early_at_most_at_the_stated_error() {
        // The worst case: a true pass fraction exactly at the confidence. Any early decision is
        // then wrong; the union bound caps the chance at `error`. 20,000 candidates of
        // Bernoulli(0.9) replications (seeded), the standard error of the rate about 0.0015.
        use rand::{RngExt, SeedableRng};
        let plan = Sequential::for_replications(400);
        let looks = plan.looks(400);
        let mut rng = rand::rngs::ChaCha8Rng::seed_from_u64(7);
        let trials = 20_000;
        let mut early = 0;
        for _ in 0..trials {
            let (mut met, mut done) = (0, 0);
            for &n in &looks[..looks.len() - 1] {
                met += (done..n).filter(|_| rng.random::<f64>() < 0.9).count() as u32;
                done = n;
                if plan.decide(met, n, 0.9, &looks).is_some() {
                    early += 1;
                    break;
                }
            }
        }
        let rate = f64::from(early) / f64::from(trials);
        assert!(rate <= plan.error + 3.0 * 0.0015, "{rate}");
        // And the plan has power. With 400 replications the first look is 25; its upper end
        // (98.75 %) is below 0.9 up to 17 met (found by bisection on the binomial tail), so a
        // candidate at 60 % stops there with probability P(Bin(25, 0.6) <= 17) = 0.8464.
        assert_eq!(plan.decide(17, 25, 0.9, &looks), Some(false));
        assert_eq!(plan.decide(18, 25, 0.9, &looks), None);
        let trials = 4000;
        let mut first = 0;
        for _ in 0..trials {
            let met = (0..looks[0]).filter(|_| rng.random::<f64>() < 0.6).count() as u32;
            first += u32::from(plan.decide(met, looks[0], 0.9, &looks) == Some(false));
        }
        let rate = f64::from(first) / f64::from(trials);
        let sd = (0.8464f64 * 0.1536 / f64::from(trials)).sqrt();
        assert!((rate - 0.8464).abs() < 3.0 * sd, "{rate}");
    }
}
