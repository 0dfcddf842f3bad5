//! The standard: the targets a replication must reach (a scenario's `[targets]`), resolved once
//! against a scenario's metric names, and the test of one replication's row against them.
//!
//! It sits below both [`crate::montecarlo`] (which counts the replications that meet it) and
//! [`crate::sizing`] (which searches for the smallest force that meets it often enough), so neither
//! reaches into the other.

use crate::scenario::Scenario;

/// Slack on a target, so that a value equal to its goal up to rounding meets it.
const SLACK: f64 = 1e-12;

/// One target: a metric that must reach at least `goal`.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// The metric's name (`cap_coverage`, `station_presence[Kharkiv]`, …).
    pub name: String,
    /// The least value that meets it (a fraction).
    pub goal: f64,
    /// The metric's index in the scenario's row; `None` when the scenario has no such metric
    /// (for example `aew_coverage` without AEW orbits), and then the target is met.
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
        self.targets.iter().all(|t| match t.index {
            Some(i) => values[i].is_nan() || values[i] >= t.goal - SLACK,
            None => true,
        })
    }
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
    fn a_scenario_without_targets_has_an_empty_standard() {
        let text = crate::scenario::bundled("textbook")
            .unwrap()
            .replace("cap_coverage = 0.99        # assumption\n", "");
        let s = Scenario::from_toml_str(&text, "textbook").unwrap();
        assert!(Standard::new(&s, &[]).is_empty());
    }
}
