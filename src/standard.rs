//! The standard: the targets a replication must reach (a scenario's `[targets]`), resolved once
//! against a scenario's metric names, and the test of one replication's row against them.
//!
//! It sits below both [`crate::montecarlo`] (which counts the replications that meet it) and
//! [`crate::sizing`] (which searches for the smallest force that meets it often enough), so neither
//! reaches into the other.

use crate::scenario::Scenario;

pub mod words;

/// Slack on a target, so that a value equal to its goal up to rounding meets it.
const SLACK: f64 = 1e-12;

/// One target: a metric that must reach at least `goal`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Target {
    /// The metric's name (`cap_coverage`, `station_presence[Kharkiv]`, …).
    pub name: String,
    /// The least value that meets it (a fraction).
    pub goal: f64,
    /// The metric's index in the scenario's row; `None` when the scenario has no such metric
    /// (for example `aew_coverage` without AEW orbits), and then the target is met.
    #[serde(skip)]
    pub index: Option<usize>,
}

/// The targets of a scenario, each resolved to its metric's index in the row.
#[derive(Debug, Clone, PartialEq)]
pub struct Standard {
    targets: Vec<Target>,
}

impl Standard {
    /// The standard of `scenario`, resolved against `names`, the scenario's metric names in row
    /// order.
    pub fn new(scenario: &Scenario, names: &[String]) -> Standard {
        let targets = scenario
            .file
            .targets
            .minimums()
            .into_iter()
            .map(|(name, goal)| Target {
                index: names.iter().position(|n| *n == name),
                name,
                goal,
            })
            .collect();
        Standard { targets }
    }

    /// The targets the scenario names.
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }

    /// Whether the scenario names any target.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// Whether one replication's row meets every target. Coverage-type targets are minimums; a
    /// replication without violations after the warm-up (its intercept fraction is NaN) meets
    /// the intercept target.
    pub fn is_met(&self, values: &[f64]) -> bool {
        self.targets.iter().all(|t| t.is_met(values))
    }

    /// Adds one replication's row to the counts of replications meeting each target (`met_each`,
    /// one count per target in the order of [`Standard::targets`]); returns whether the row met
    /// every target.
    pub fn count(&self, values: &[f64], met_each: &mut [u64]) -> bool {
        let mut all = true;
        for (t, n) in self.targets.iter().zip(met_each.iter_mut()) {
            if t.is_met(values) {
                *n += 1;
            } else {
                all = false;
            }
        }
        all
    }
}

impl Target {
    /// Whether one replication's row meets this target (see [`Standard::is_met`]).
    pub fn is_met(&self, values: &[f64]) -> bool {
        match self.index {
            Some(i) => values[i].is_nan() || values[i] >= self.goal - SLACK,
            None => true,
        }
    }
}

/// The target met least often, given how often each was met (in the order of
/// [`Standard::targets`]): the one that binds. Ties go to the earlier target; `None` when there are
/// no targets.
pub fn binding<T: PartialOrd + Copy>(met_each: &[T]) -> Option<usize> {
    let mut best: Option<(usize, T)> = None;
    for (i, &m) in met_each.iter().enumerate() {
        if best.is_none_or(|(_, b)| m < b) {
            best = Some((i, m));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_meets_the_standard_when_every_named_target_is_reached() {
        let s = Scenario::load("reference").unwrap();
        let names: Vec<String> = ["cap_coverage", "qra_coverage", "intercept_within_target"]
            .iter()
            .map(|n| n.to_string())
            .collect();
        let std = Standard::new(&s, &names);
        // reference names cap 0.9, qra 0.95, intercepts 0.8, and eight more not in this row.
        assert_eq!(std.targets().len(), 11);
        assert!(std.targets().iter().filter(|t| t.index.is_none()).count() == 8);
        assert!(std.is_met(&[0.9, 0.95, 0.8]));
        assert!(
            std.is_met(&[0.95, 1.0, f64::NAN]),
            "no violations meets the intercept target"
        );
        assert!(!std.is_met(&[0.8999, 1.0, 1.0]));
        assert!(!std.is_met(&[1.0, 0.94, 1.0]));
    }

    #[test]
    fn a_named_target_holds_one_post_to_its_goal() {
        let text = crate::scenario::bundled("textbook").unwrap().replace(
            "confidence = 0.9",
            "confidence = 0.9\n\n[targets.metrics]\n\"station_presence[East]\" = 0.97",
        );
        let s = Scenario::from_toml_str(&text, "textbook").unwrap();
        let names: Vec<String> = ["cap_coverage", "station_presence[East]"]
            .iter()
            .map(|n| n.to_string())
            .collect();
        let std = Standard::new(&s, &names);
        let t = &std.targets()[1];
        assert_eq!(
            (t.name.as_str(), t.goal, t.index),
            ("station_presence[East]", 0.97, Some(1))
        );
        assert!(std.is_met(&[1.0, 0.97]));
        assert!(!std.is_met(&[1.0, 0.96]), "the named target alone fails");
        assert!(!std.is_met(&[0.98, 1.0]), "cap_coverage still counts");
    }

    #[test]
    fn each_target_counts_the_rows_that_meet_it() {
        // reference's targets in order: cap_coverage 0.9, cap_presence 0.95, …, qra_coverage
        // 0.95, …, intercept_within_target 0.8; three of them are in this row.
        let s = Scenario::load("reference").unwrap();
        let names: Vec<String> = ["cap_coverage", "qra_coverage", "intercept_within_target"]
            .iter()
            .map(|n| n.to_string())
            .collect();
        let std = Standard::new(&s, &names);
        let at = |n: &str| std.targets().iter().position(|t| t.name == n).unwrap();
        let rows = [
            [0.95, 0.99, 0.85],     // meets all three
            [0.85, 0.99, f64::NAN], // cap fails; no violations meets the intercept target
            [0.85, 0.90, 0.70],     // all three fail
            [0.92, 0.96, 0.79],     // intercepts fail
        ];
        let mut each = vec![0u64; std.targets().len()];
        let all = rows.iter().filter(|r| std.count(&r[..], &mut each)).count();
        assert_eq!(all, 1);
        assert_eq!(each[at("cap_coverage")], 2);
        assert_eq!(each[at("qra_coverage")], 3);
        assert_eq!(each[at("intercept_within_target")], 2);
        // Targets whose metric the row lacks are met by every row.
        assert_eq!(each[at("aew_coverage")], 4);
        // Each count agrees with the target's own test, and the total with is_met.
        for (i, t) in std.targets().iter().enumerate() {
            let n = rows.iter().filter(|r| t.is_met(&r[..])).count() as u64;
            assert_eq!(each[i], n, "{}", t.name);
        }
        assert_eq!(rows.iter().filter(|r| std.is_met(&r[..])).count(), all);
        // The first target met least often binds.
        assert_eq!(binding(&each), Some(at("cap_coverage")));
        assert_eq!(binding(&[3u64, 1, 1]), Some(1));
        assert_eq!(binding::<u64>(&[]), None);
    }

    #[test]
    fn a_scenario_without_targets_has_an_empty_standard() {
        let text = crate::scenario::bundled("textbook")
            .unwrap()
            .replace("cap_coverage = 0.99        # assumption\n", "");
        let s = Scenario::from_toml_str(&text, "textbook").unwrap();
        assert!(Standard::new(&s, &[]).is_empty());
    }
}
