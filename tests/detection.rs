//! A small violator is seen late: a violator type's `radar_range_factor` scales every sensor's
//! instrumented range for it. Checked violation by violation: a drone flying straight at the radar
//! is first seen when it comes within that share of the radar's range, not before.

use airpolicing::scenario::Scenario;
use airpolicing::sim::trace::Recorder;
use airpolicing::sim::{Model, simulate_observed};
use std::collections::HashMap;

const RANGE_KM: f64 = 200.0;
const SPEED: f64 = 300.0;

fn scenario(factor: &str) -> Scenario {
    let text = format!(
        r#"
[scenario]
name = "detection"
duration_days = 10
warmup_days = 0

[front]
points = [[50.8, 26.5], [47.2, 26.5]]
protected_side = "right"

[[bases]]
name = "Home"
position = [49.0, 24.45]

[[aircraft]]
id = "f16"
availability = {{ model = "perfect" }}

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
regenerate_min = 60

[[ground_radars]]
name = "Radar"
position = [49.0, 24.45]
antenna_height_m = 10000
range_km = {RANGE_KM}

[[points]]
name = "Radar"
position = [49.0, 24.45]

[violations]
rate_per_day = 6
c2_delay_min = 0

[[violations.types]]
name = "small drone"
share = 1
speed_kmh = {SPEED}
altitude_m = 3000
penetration_km = 400
heading_spread_deg = 0
toward = ["Radar"]
{factor}
"#
    );
    Scenario::from_toml_str(&text, "detection.toml").unwrap_or_else(|e| panic!("{e}"))
}

/// For each violation: its distance from the radar at the crossing and the hours from the
/// crossing to the order of the response (first seen, with no command delay).
fn seen(s: &Scenario) -> Vec<(f64, f64)> {
    let model = Model::new(s);
    let p = s.front.projection();
    let radar = p.forward(&s.file.ground_radars[0].position);
    let mut rec = Recorder::default();
    simulate_observed(&model, 2, 0, &mut rec).unwrap();
    let mut crossed = HashMap::new();
    let mut out = Vec::new();
    for e in rec.events.iter().filter(|e| e.squadron == "violation") {
        match e.event {
            "violation_crosses" => {
                crossed.insert(e.tail, (e.time_h, (p.forward(&e.position) - radar).norm()));
            }
            "response_ordered" | "unanswered" => {
                if let Some((t0, d)) = crossed.remove(&e.tail) {
                    out.push((d, e.time_h - t0));
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn a_small_violator_is_seen_within_its_share_of_the_radar_range() {
    for (factor, key) in [(1.0, ""), (0.4, "radar_range_factor = 0.4")] {
        let v = seen(&scenario(key));
        assert!(v.len() > 30, "{} violations", v.len());
        let r = RANGE_KM * factor;
        // Crossings are 150-250 km from the radar: with the full range some are seen at once;
        // with 0.4 of it (80 km), none is, and each is seen after flying D - 80 km.
        for (d, t) in v {
            let want = ((d - r) / SPEED).max(0.0);
            assert!(
                (t - want).abs() < 1e-6,
                "factor {factor}: at {d} km seen after {t} h, not {want}"
            );
        }
    }
}
