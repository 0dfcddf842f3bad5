//! Violations against the closed form: Erlang-B for a QRA-only posture, the detected fraction
//! against the sensor coverage of the front, and an intercept that pulls a CAP fighter home.

use airpolicing::analytic::{estimate, formulas};
use airpolicing::montecarlo::{RunOptions, run};
use airpolicing::scenario::{Scenario, bundled};
use airpolicing::sim::trace::{Recorded, Recorder};
use airpolicing::sim::{Model, simulate_observed};
use statrs::distribution::{ContinuousCDF, StudentsT};

/// A 400 km north-south front at lon 26.5; a base 150 km west of its middle; a ground radar that
/// sees everything; `extra` appended.
fn qra_only(extra: &str) -> Scenario {
    let text = format!(
        r#"
[scenario]
name = "qra-only"
duration_days = 60
warmup_days = 1

[front]
points = [[50.8, 26.5], [47.2, 26.5]]
protected_side = "right"
sectors = 1

[[bases]]
name = "Home"
position = [49.0, 24.45]

[[aircraft]]
id = "f16"
availability = {{ model = "perfect" }}
turnaround_min = 240

[[ground_radars]]
name = "Everything"
position = [49.0, 24.0]
antenna_height_m = 10000
range_km = 2000

{extra}
"#
    );
    Scenario::from_toml_str(&text, "qra-only").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn qra_no_alert_fraction_agrees_with_erlang_b() {
    // Two aircraft on alert, scramble size 1, no spares: an M/G/2/2 loss system.
    let s = qra_only(
        r#"
[[squadrons]]
name = "QRA"
aircraft = "f16"
base = "Home"
aircraft_count = 2

[[qra]]
name = "Alert"
squadron = "QRA"
on_alert = 2
readiness_min = 15
scramble_size = 1
regenerate_min = 30
spares_regenerate = false

[violations]
rate_per_day = 2
c2_delay_min = 0
shadow_min = 10

[[violations.types]]
name = "slow"
share = 1
speed_kmh = 100
altitude_m = 3000
penetration_km = 400
heading_spread_deg = 0
"#,
    );
    let model = Model::new(&s);
    let reps = 120;
    // The service time S of each launch: from the scramble until back on alert, measured.
    let mut services = Vec::new();
    let mut blocked = Vec::new();
    let idx = model
        .names()
        .0
        .iter()
        .position(|n| n == "qra_unavailable_fraction")
        .unwrap();
    for rep in 0..reps {
        let mut rec = Recorder::default();
        let r = simulate_observed(&model, 42, rep, &mut rec).unwrap();
        blocked.push(r.values[idx]);
        let mut since = std::collections::HashMap::new();
        for e in &rec.events {
            match e.event {
                "scramble" => {
                    since.insert(e.tail, e.time_h);
                }
                "on_alert" => {
                    if let Some(t) = since.remove(&e.tail) {
                        services.push(e.time_h - t);
                    }
                }
                _ => {}
            }
        }
    }
    let mean_s = services.iter().sum::<f64>() / services.len() as f64;
    let load = 2.0 / 24.0 * mean_s;
    let law = formulas::erlang_b(2, load);
    let n = blocked.len() as f64;
    let mean = blocked.iter().sum::<f64>() / n;
    let sd = (blocked.iter().map(|b| (b - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    let t99 = StudentsT::new(0.0, 1.0, n - 1.0)
        .unwrap()
        .inverse_cdf(0.995);
    let half = t99 * sd / n.sqrt();
    assert!(
        (mean - law).abs() <= half,
        "simulated {mean:.4} ± {half:.4} (99 %), Erlang-B(2, {load:.3}) = {law:.4}, mean S {mean_s:.2} h"
    );
    // And the test can tell: one server would block far more often.
    assert!(formulas::erlang_b(1, load) > mean + 5.0 * half);
}

#[test]
fn detected_fraction_at_the_crossing_equals_the_coverage_of_the_front() {
    // One radar of 100 km range on a straight 1,000 km front: 20 % of its length is covered.
    // Violators barely penetrate, so they are seen at the crossing or never.
    let text = bundled("textbook")
        .unwrap()
        .replace(
            "points = [[51.0, 26.5], [49.0, 26.5]]",
            "points = [[54.0, 26.5], [45.0, 26.5]]",
        )
        .replace(
            "[targets]",
            r#"[[ground_radars]]
name = "r"
position = [49.5, 26.5]
antenna_height_m = 10000
range_km = 100

[violations]
rate_per_day = 40
[[violations.types]]
name = "high"
share = 1
speed_kmh = 600
altitude_m = 8000
penetration_km = 0.01
heading_spread_deg = 0

[targets]"#,
        );
    let s = Scenario::from_toml_str(&text, "detection").unwrap_or_else(|e| panic!("{e}"));
    let expected = estimate(&s).coverage.front_coverage_high;
    assert!((expected - 0.2).abs() < 0.005);
    let r = run(
        &s,
        &RunOptions::default().with_seed(4).with_replications(40),
    )
    .unwrap();
    let undetected = r.metric("undetected_fraction").unwrap();
    let detected = 1.0 - undetected.mean;
    // Fixed seed; tolerance: the 95 % interval of the mean plus 0.5 % for the sampled front.
    let half = (undetected.ci_high - undetected.ci_low) / 2.0 + 0.005;
    assert!(
        (detected - expected).abs() <= half,
        "detected {detected}, coverage {expected} ± {half}"
    );
}

/// The textbook station with violators crossing near it; `dash_burn` sets how much fuel a dash
/// costs, `aircraft` the size of the squadron.
fn textbook_with_violations(dash_burn: u32, aircraft: u32) -> Scenario {
    let text = bundled("textbook")
        .unwrap()
        .replace(
            "dash_burn_kg_h = 6000",
            &format!("dash_burn_kg_h = {dash_burn}"),
        )
        .replace(
            "aircraft_count = 6 ",
            &format!("aircraft_count = {aircraft} "),
        )
        .replace(
            "[targets]",
            r#"[[ground_radars]]
name = "r"
position = [50.0, 26.0]
antenna_height_m = 10000
range_km = 500

[violations]
rate_per_day = 12
c2_delay_min = 1
shadow_min = 10
[[violations.types]]
name = "jet"
share = 1
speed_kmh = 700
altitude_m = 5000
penetration_km = 200
heading_spread_deg = 0

[targets]"#,
        );
    Scenario::from_toml_str(&text, "textbook-violations").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn an_intercept_that_sends_a_fighter_home_leaves_a_gap() {
    // With an ordinary dash the interceptor returns to its station; with a very thirsty one it
    // must go home, the element wants its relief at once, and with the squadron's six aircraft
    // all in rotation none is ready: the station has a gap.
    let thirsty = textbook_with_violations(20000, 6);
    let normal = textbook_with_violations(6000, 6);
    let coverage = |s: &Scenario| {
        let m = Model::new(s);
        let i = m
            .names()
            .0
            .iter()
            .position(|n| n == "station_coverage[East]")
            .unwrap();
        let mut rec = Recorder::default();
        let r = simulate_observed(&m, 1, 0, &mut rec).unwrap();
        (r.values[i], rec)
    };
    let (cov_thirsty, rec_thirsty) = coverage(&thirsty);
    let (cov_normal, rec_normal) = coverage(&normal);
    let homes = rec_thirsty
        .events
        .iter()
        .filter(|e| e.event == "home_after_intercept")
        .count();
    let returns = rec_normal
        .events
        .iter()
        .filter(|e| e.event == "return_to_station")
        .count();
    assert!(homes > 0, "no fighter went home after an intercept");
    assert!(returns > 0, "no fighter returned to its station");
    assert!(cov_thirsty < cov_normal, "{cov_thirsty} vs {cov_normal}");
    assert!(
        cov_normal < 1.0,
        "an intercept takes one fighter of the element away"
    );
    // A fighter sent home brings its element's relief forward: when aircraft are ready, a launch
    // for the station follows at once.
    let brought_forward = rec_thirsty
        .events
        .iter()
        .filter(|e| e.event == "home_after_intercept")
        .any(|h| {
            rec_thirsty.events.iter().any(|e| {
                e.event == "launch" && e.time_h == h.time_h && e.task.as_deref() == Some("East")
            })
        });
    assert!(
        brought_forward,
        "no relief was brought forward after a fighter went home"
    );
}

#[test]
fn a_fighter_back_from_an_intercept_is_relieved_before_it_leaves() {
    // The intercept cost fuel, so the fighter must leave earlier than its element's relief was
    // planned for. With spare aircraft ready, the relief comes forward and arrives the overlap
    // (0.5 h) before the fighter leaves, whenever there is time to launch and fly out
    // (0.75 h) and the relief had not launched yet.
    let s = textbook_with_violations(6000, 12);
    let m = Model::new(&s);
    let mut rec = Recorder::default();
    simulate_observed(&m, 1, 0, &mut rec).unwrap();
    let ev = &rec.events;
    let (overlap_h, lead_h) = (0.5, 0.75);
    let mut checked = 0;
    for (i, back) in ev.iter().enumerate() {
        if back.event != "back_on_station" {
            continue;
        }
        let tail = back.tail;
        let mine = |e: &&Recorded| e.squadron == back.squadron && e.tail == tail;
        let arrived = ev[..i]
            .iter()
            .rev()
            .find(|e| mine(e) && e.event == "on_station")
            .unwrap()
            .time_h;
        let later = &ev[i + 1..];
        // Skip a fighter still on station at the end or sent after another violator first, and
        // one whose relief had already launched (or who had no time for one).
        let Some(leave) = later.iter().find(|e| mine(e) && e.event != "intercept") else {
            continue;
        };
        let relief_launched = ev[..i]
            .iter()
            .any(|e| e.event == "launch" && e.time_h > arrived);
        if leave.event != "leave_station"
            || relief_launched
            || leave.time_h - back.time_h < lead_h + overlap_h
        {
            continue;
        }
        let relieved = later
            .iter()
            .any(|e| e.event == "on_station" && e.time_h <= leave.time_h - overlap_h + 1e-6);
        assert!(
            relieved,
            "tail {tail} back from an intercept at {:.3} h, leaves at {:.3} h, no relief by {:.3} h",
            back.time_h,
            leave.time_h,
            leave.time_h - overlap_h
        );
        checked += 1;
    }
    assert!(
        checked >= 5,
        "only {checked} returns from an intercept checked"
    );
}
