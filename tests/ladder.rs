//! The ladder of standards: tightening the standard never needs fewer aircraft, and every rung's
//! force meets its own standard.

use airpolicing::ladder::{higher_is_stricter, ladder};
use airpolicing::montecarlo::{RunOptions, run};
use airpolicing::scenario::Scenario;
use airpolicing::sizing::{SizingOptions, with_counts};

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

#[test]
fn tightening_the_standard_never_needs_fewer_aircraft_and_each_rung_meets_its_own() {
    for (name, target, levels) in [
        ("ukraine_qra", "aew_coverage", vec![0.99, 0.8, 0.9, 0.95]),
        ("mq9_orbit", "aew_coverage", vec![0.8, 0.9, 0.95, 0.99]),
        ("baltic", "qra_coverage", vec![0.9, 0.95, 0.99]),
    ] {
        let s = Scenario::load(name).unwrap();
        let l = ladder(&s, target, &levels, &opts()).unwrap();
        let got: Vec<f64> = l.rungs.iter().map(|r| r.level).collect();
        let mut sorted = levels.clone();
        sorted.sort_by(f64::total_cmp);
        assert_eq!(got, sorted, "{name}: loosest first");
        let totals: Vec<u32> = l.rungs.iter().map(|r| r.total.unwrap()).collect();
        assert!(
            totals.windows(2).all(|w| w[0] <= w[1]),
            "{name}: {totals:?}"
        );
        // Each rung's force, run again at its level on the same replications, meets it.
        for r in &l.rungs {
            let at = s.with_value(&format!("targets.{target}"), r.level).unwrap();
            let c = with_counts(&at, r.counts.as_ref().unwrap());
            let res = run(&c, &opts().run).unwrap();
            let share = res.met_standard as f64 / 100.0;
            assert!(share >= l.confidence, "{name} at {}: {share}", r.level);
            assert_eq!(r.probability, Some(share), "{name} at {}", r.level);
        }
    }
}

#[test]
fn a_shorter_response_time_is_the_stricter_standard() {
    assert!(higher_is_stricter("worst_station_presence"));
    assert!(!higher_is_stricter("response_time_min"));
}

#[test]
fn a_target_the_scenario_cannot_take_is_named() {
    let s = Scenario::load("baltic").unwrap();
    let e = ladder(&s, "qra_coverage", &[1.5], &opts())
        .unwrap_err()
        .to_string();
    assert!(e.contains("ladder") && e.contains("qra_coverage"), "{e}");
    let e = ladder(&s, "no_such_target", &[0.5], &opts())
        .unwrap_err()
        .to_string();
    assert!(e.contains("no_such_target"), "{e}");
}

#[test]
fn the_ladder_command_prints_each_posture_and_draws_the_chart() {
    let dir = std::env::temp_dir().join(format!("airpolicing-ladder-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let svg = dir.join("ladder.svg");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_airpolicing"))
        .args([
            "ladder",
            "ukraine_qra",
            "mq9_orbit",
            "--target",
            "aew_coverage",
            "--levels",
            "0.9,0.95",
            "-n",
            "50",
            "--svg",
            svg.to_str().unwrap(),
            "-q",
        ])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("`ukraine_qra`") && text.contains("`mq9_orbit`"),
        "{text}"
    );
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
    let chart = std::fs::read_to_string(&svg).unwrap();
    assert!(chart.starts_with("<svg") && chart.contains("mq9_orbit"));
    std::fs::remove_dir_all(&dir).ok();
}
