//! Fleet caps (`[fleet_caps]`): sizing never asks for more of a type than the coalition owns to
//! lend, and says so when that is not enough.

use airpolicing::montecarlo::RunOptions;
use airpolicing::scenario::{Scenario, bundled};
use airpolicing::sizing::{SizingOptions, at_cap, cap_for, size_force, size_squadron};

fn opts() -> SizingOptions {
    SizingOptions {
        run: RunOptions::default()
            .with_seed(1)
            .with_replications(100)
            .with_threads(2),
        max_aircraft: 60,
        sequential: None,
        progress: None,
    }
}

/// `ukraine_qra` with its `[fleet_caps]` (E-3 at 14) replaced by `caps`.
fn qra_text(caps: &str) -> String {
    let text = bundled("ukraine_qra").unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("e3 = 14"))
        .expect("ukraine_qra caps the E-3 at 14");
    text.replace(line, caps)
}

fn qra_with(caps: &str) -> Scenario {
    Scenario::from_toml_str(&qra_text(caps), "ukraine_qra").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_cap_above_the_answer_changes_nothing() {
    let plain = size_force(&qra_with(""), &opts()).unwrap();
    let capped = size_force(&Scenario::load("ukraine_qra").unwrap(), &opts()).unwrap();
    assert_eq!(capped.required, plain.required);
    assert_eq!(capped.steps, plain.steps);
    assert!(capped.at_cap.is_empty());
}

#[test]
fn a_cap_below_the_answer_is_never_exceeded_and_is_named() {
    // Without caps the posture needs 6 E-3 for its orbit (tests/postures.rs); the coalition here
    // lends 5, so no mix meets the standard, and the search says which type it ran out of.
    let s = qra_with("e3 = 5");
    let f = size_force(&s, &opts()).unwrap();
    assert_eq!(f.required, None);
    assert_eq!(f.at_cap, vec!["e3".to_string()]);
    assert!(f.steps.iter().all(|st| st.counts[2] <= 5), "{:?}", f.steps);
    let one = size_squadron(&s, "NATO E-3", &opts()).unwrap();
    assert_eq!((one.required, one.cap), (None, Some(5)));
    assert!(one.curve.iter().all(|p| p.aircraft <= 5));
}

#[test]
fn a_search_started_above_a_cap_starts_at_the_cap() {
    // A sweep starts each point from its neighbour's answer, which a cap swept lower may no
    // longer allow: the search starts within the cap, as from the closed form.
    let s = qra_with("e3 = 5");
    let f = airpolicing::sizing::size_force_from(&s, &[6, 4, 8], &opts()).unwrap();
    assert_eq!(f.steps[0].counts, vec![6, 4, 5]);
    assert!(f.steps.iter().all(|st| st.counts[2] <= 5), "{:?}", f.steps);
    assert_eq!(f.at_cap, vec!["e3".to_string()]);
}

#[test]
fn a_cap_is_shared_by_every_squadron_of_the_type() {
    let text = qra_text("typhoon = 10").replace("aircraft = \"f16\"", "aircraft = \"typhoon\"");
    let s = Scenario::from_toml_str(&text, "x").unwrap();
    // 10 Typhoons in all: with 3 in the other squadron, 7 are left for this one.
    assert_eq!(cap_for(&s, &[6, 3, 6], 0), Some(7));
    assert_eq!(cap_for(&s, &[6, 3, 6], 1), Some(4));
    assert_eq!(cap_for(&s, &[6, 3, 6], 2), None);
    assert!(at_cap(&s, &[6, 3, 6]).is_empty());
    assert_eq!(at_cap(&s, &[7, 3, 6]), vec!["typhoon".to_string()]);
}

#[test]
fn a_cap_on_an_unknown_type_is_an_error_and_one_below_the_given_force_a_warning() {
    let e = Scenario::from_toml_str(&qra_text("e99 = 3"), "caps.toml")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("fleet_caps.e99")
            && e.contains("unknown aircraft type `e99`")
            && e.contains("`e3`"),
        "{e}"
    );
    let s = qra_with("typhoon = 4");
    let w: Vec<String> = s.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        w.iter()
            .any(|w| w.contains("fleet_caps.typhoon") && w.contains("more than the cap of 4")),
        "{w:?}"
    );
}

#[test]
fn the_size_command_says_the_coalition_does_not_own_enough() {
    let dir = std::env::temp_dir().join(format!("airpolicing-caps-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("capped.toml");
    std::fs::write(&path, qra_text("e3 = 5")).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_airpolicing"))
        .args(["size", path.to_str().unwrap(), "--mix", "-q"])
        .output()
        .unwrap();
    // The words as one line, whatever the wrapping.
    let text = String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        text.contains("Answer: none within the fleet caps."),
        "{text}"
    );
    assert!(text.contains("does not own enough"), "{text}");
    assert!(
        text.contains("The best mix within the caps, 19 aircraft"),
        "{text}"
    );
    assert!(
        text.contains("No force was found that meets the standard"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
