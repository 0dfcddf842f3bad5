//! Ground-based air defence as a responder: a site engages only inside its range and altitude
//! band, spends a missile a shot, reloads after the stated time, and its cost per kill follows
//! from its shots.

mod common;

use airpolicing::montecarlo::{RunOptions, run};
use airpolicing::scenario::Scenario;
use airpolicing::sim::trace::Recorder;
use airpolicing::sim::{Model, simulate_observed};

const RANGE_KM: f64 = 40.0;
const RELOAD_H: f64 = 2.0;

/// The shared test theatre (`tests/common`: a 400 km front at lon 26.5, an alert jet too slow
/// ever to answer, a radar that sees everything) with one air-defence site about 75 km behind
/// the front's middle (range 40 km, altitudes 0-5,000 m, 2 missiles, 2 h to reload, $1 M a
/// shot), drones flying straight in, high jets above the site's band, and `extra`.
fn site(pk: f64, extra: &str) -> Scenario {
    let blocks = format!(
        r#"
[[violations.types]]
name = "drone"
share = 1
speed_kmh = 185
altitude_m = 300
penetration_km = 300
heading_spread_deg = 0
shoot_down = true

[[violations.types]]
name = "high jet"
share = 0
speed_kmh = 900
altitude_m = 8000
penetration_km = 300
heading_spread_deg = 0

[[air_defence]]
name = "Battery"
position = [49.0, 25.47]
range_km = {RANGE_KM}
max_altitude_m = 5000
pk = {pk}
missiles = 2
reload_min = {reload}
cost_per_shot_usd = 1000000

{extra}
"#,
        reload = RELOAD_H * 60.0
    );
    common::theatre("air defence", 30, &blocks)
}

/// Raids of `n` of `kind` crossing within 10 minutes in front of the site, on days 2, 6 and 11.
fn raid(kind: &str, n: u32) -> String {
    format!(
        "[[violations.raids]]\nname = \"r\"\ntype = \"{kind}\"\ncount = {n}\nwindow_min = 10\nfrom_km = 190\nto_km = 210\nat_days = [2.0, 6.0, 11.0]"
    )
}

#[test]
fn a_site_spends_its_missiles_then_reloads_and_its_cost_per_kill_follows() {
    // Five drones a raid against two missiles that always kill: two shot down a raid, the other
    // three gone before the 2 h reload. Exactly, in every replication.
    let r = run(
        &site(1.0, &raid("drone", 5)),
        &RunOptions::default().with_replications(4),
    )
    .unwrap();
    let m = |n: &str| r.metric(n).unwrap();
    assert_eq!(
        (
            m("raid_engaged_fraction").min,
            m("raid_engaged_fraction").max
        ),
        (0.4, 0.4)
    );
    assert_eq!(m("engaged_by_air_defence_fraction").min, 1.0);
    assert_eq!(m("air_defence_shots_per_day").max, 6.0 / 29.0);
    assert_eq!(m("cost_per_kill_usd").max, 1e6);
    assert_eq!(m("weapons_cost_usd_per_day").min, 6e6 / 29.0);
}

#[test]
fn a_site_fires_only_inside_its_range_and_altitude_band() {
    // High jets fly above the band: never engaged.
    let high = run(
        &site(1.0, &raid("high jet", 5)),
        &RunOptions::default().with_replications(3),
    )
    .unwrap();
    assert_eq!(high.metric("air_defence_shots_per_day").unwrap().max, 0.0);
    // Every shot, hit or miss, is inside the range; after the second shot of a load the next
    // comes no sooner than the reload. A site that misses half its shots.
    let s = site(0.5, &raid("drone", 6));
    let model = Model::new(&s);
    let p = s.front.projection();
    let battery = p.forward(&s.file.air_defence[0].position);
    let mut shots = 0;
    for rep in 0..6 {
        let mut rec = Recorder::default();
        simulate_observed(&model, 3, rep, &mut rec).unwrap();
        let (mut left, mut empty_at) = (2u32, f64::NEG_INFINITY);
        for e in rec
            .events
            .iter()
            .filter(|e| matches!(e.event, "shot_down_by_air_defence" | "air_defence_missed"))
        {
            let d = (p.forward(&e.position) - battery).norm();
            assert!(d <= RANGE_KM + 1e-6, "shot at {d} km");
            if left == 0 {
                assert!(
                    e.time_h >= empty_at + RELOAD_H - 1e-9,
                    "shot at {} h before the reload after {} h",
                    e.time_h,
                    empty_at
                );
                left = 2;
            }
            left -= 1;
            if left == 0 {
                empty_at = e.time_h;
            }
            shots += 1;
        }
    }
    assert!(shots >= 18, "{shots} shots");
}

#[test]
fn a_bad_site_is_named_with_what_would_be_valid() {
    let text = airpolicing::scenario::bundled("baltic")
        .unwrap()
        .to_string()
        + "\n[[air_defence]]\nname = \"B\"\nposition = [55.0, 24.0]\nrange_km = 40\nmin_altitude_m = 500\nmax_altitude_m = 100\npk = 1.5\nmissiles = 0\nreload_min = 60\n";
    let e = match Scenario::from_toml_str(&text, "b.toml") {
        Ok(_) => panic!("refused"),
        Err(e) => e.to_string(),
    };
    for want in [
        "air_defence[0].max_altitude_m",
        "air_defence[0].pk",
        "in (0, 1]",
        "air_defence[0].missiles",
    ] {
        assert!(e.contains(want), "{want} in {e}");
    }
}
