//! Moving air-defence teams (mobile fire groups, helicopters): a team sets off toward the
//! violator after its reaction time and fires when it has it within its range, at the time the
//! geometry gives; it takes one violator at a time, only when the trip fits its endurance; the
//! weather keeps it home for its stated share of the time.

mod common;

use airpolicing::montecarlo::{RunOptions, run};
use airpolicing::scenario::Scenario;
use airpolicing::sim::trace::Recorder;
use airpolicing::sim::{Model, simulate_observed};
use common::{drone, raid, theatre};

const SPEED_KMH: f64 = 60.0;
const RANGE_KM: f64 = 5.0;

/// The theatre with a team (or, with speed 0, a fixed site) about 70 km behind the front at km
/// 50, on the drones' path; `more` adds keys to the team and `extra` blocks to the scenario.
fn team(speed_kmh: f64, more: &str, extra: &str) -> Scenario {
    let blocks = format!(
        "{}\n{extra}\n[[air_defence]]\nname = \"Team\"\nposition = [50.3504, 25.5]\nrange_km = {RANGE_KM}\nmax_altitude_m = 3000\npk = 1\nmissiles = 3\nreload_min = 30\ncost_per_shot_usd = 2000\nspeed_kmh = {speed_kmh}\n{more}\n",
        drone("drone", 185.0, 300.0)
    );
    theatre("teams", 15, &blocks)
}

/// Raids of `n` drones crossing within a minute at km 50, on days 2, 6 and 11.
fn raids(n: u32) -> String {
    raid("drone", n, 1.0, 49.9, 50.1, &[2.0, 6.0, 11.0])
}

/// (time the team was ordered, time of its shot, distance from its base at the shot) for each
/// drone it shot down in replication `rep`.
fn shots(s: &Scenario, rep: u64) -> Vec<(f64, f64, f64)> {
    let model = Model::new(s);
    let p = s.front.projection();
    let base = p.forward(&s.file.air_defence[0].position);
    let mut rec = Recorder::default();
    simulate_observed(&model, 7, rep, &mut rec).unwrap();
    let mut ordered = std::collections::HashMap::new();
    let mut out = Vec::new();
    for e in rec.events.iter().filter(|e| e.squadron == "violation") {
        match e.event {
            "air_defence_ordered" => {
                ordered.insert(e.tail, e.time_h);
            }
            "shot_down_by_air_defence" => out.push((
                ordered[&e.tail],
                e.time_h,
                (p.forward(&e.position) - base).norm(),
            )),
            _ => {}
        }
    }
    out
}

#[test]
fn a_team_fires_when_it_first_has_the_drone_within_its_range() {
    // Driving toward the drone, the team has it within range when the distance from its base
    // is its range plus the road it has covered: |x(t) − base| = r + s·(t − t_ordered), and
    // not a minute sooner (the drone flies straight in at 185 km/h; closing at 245 km/h over
    // about 70 km, a little over a quarter of an hour).
    let s = team(SPEED_KMH, "", &raids(1));
    let shots = shots(&s, 0);
    assert_eq!(shots.len(), 3, "one drone a raid, each shot down");
    for (ordered, fired, d) in shots {
        let driven = SPEED_KMH * (fired - ordered);
        assert!(
            (d - (RANGE_KM + driven)).abs() < 1e-6,
            "{d} km vs {}",
            RANGE_KM + driven
        );
        assert!(
            (0.2..0.35).contains(&(fired - ordered)),
            "{} h",
            fired - ordered
        );
    }
}

#[test]
fn a_team_takes_one_drone_at_a_time_where_a_fixed_site_takes_them_all() {
    // Three drones a raid within a minute: the team, away with the first, is no one's answer
    // to the other two; a fixed site with the same three missiles a load (reloaded between
    // raids) on the same spot shoots all three.
    let opts = RunOptions::default().with_replications(3);
    let moving = run(&team(SPEED_KMH, "", &raids(3)), &opts).unwrap();
    let f = moving.metric("raid_shot_down_fraction").unwrap();
    assert_eq!((f.min, f.max), (1.0 / 3.0, 1.0 / 3.0));
    let fixed = run(&team(0.0, "", &raids(3)), &opts).unwrap();
    let f = fixed.metric("raid_shot_down_fraction").unwrap();
    assert_eq!((f.min, f.max), (1.0, 1.0));
    // Every kill is the team's; its cost per kill is its shot.
    assert_eq!(moving.metric("kill_share[Team]").unwrap().min, 1.0);
    assert_eq!(moving.metric("kill_share[fighters]").unwrap().max, 0.0);
    assert_eq!(moving.metric("cost_per_kill_usd").unwrap().max, 2000.0);
}

#[test]
fn a_team_goes_only_when_the_trip_fits_its_endurance() {
    // The trip (there and back) takes about half an hour: an endurance of 0.3 h keeps the team
    // home, 2 h lets it go.
    let trip: Vec<f64> = shots(&team(SPEED_KMH, "", &raids(1)), 0)
        .iter()
        .map(|&(o, f, d)| (f - o) + (d - RANGE_KM) / SPEED_KMH)
        .collect();
    assert!(trip.iter().all(|&t| (0.3..2.0).contains(&t)), "{trip:?}");
    let opts = RunOptions::default().with_replications(2);
    let short = run(&team(SPEED_KMH, "endurance_h = 0.3", &raids(1)), &opts).unwrap();
    assert_eq!(short.metric("air_defence_shots_per_day").unwrap().max, 0.0);
    let long = run(&team(SPEED_KMH, "endurance_h = 2", &raids(1)), &opts).unwrap();
    assert_eq!(long.metric("raid_shot_down_fraction").unwrap().min, 1.0);
}

#[test]
fn the_weather_keeps_a_team_home_for_its_share_of_the_time() {
    // Single drones at random, six a day for 120 days. Grounded half the time in spells of 6 h
    // on average, the team shoots down half as many as in fair weather (4 replications of about
    // 700 drones and 240 spells each; tolerance ±0.06 on the ratio).
    let steady = "[[violations.raids]]\nname = \"r\"\ntype = \"drone\"\ncount = 1\nfrom_km = 49.9\nto_km = 50.1\nper_day = 6\n";
    let theatre_of = |more: &str| {
        let blocks = format!(
            "{}\n{steady}\n[[air_defence]]\nname = \"Team\"\nposition = [50.3504, 25.5]\nrange_km = {RANGE_KM}\nmax_altitude_m = 3000\npk = 1\nmissiles = 100\nreload_min = 30\nspeed_kmh = {SPEED_KMH}\n{more}\n",
            drone("drone", 185.0, 300.0)
        );
        theatre("weather", 120, &blocks)
    };
    let opts = RunOptions::default().with_replications(4);
    let fair = run(&theatre_of(""), &opts).unwrap();
    let poor = run(
        &theatre_of("grounded_share = 0.5\ngrounded_spell_h = 6"),
        &opts,
    )
    .unwrap();
    let share =
        |r: &airpolicing::montecarlo::RunResult| r.metric("raid_shot_down_fraction").unwrap().mean;
    let ratio = share(&poor) / share(&fair);
    assert!((ratio - 0.5).abs() < 0.06, "ratio {ratio}");
}

#[test]
fn a_bad_team_is_named_with_what_would_be_valid() {
    let text = airpolicing::scenario::bundled("baltic")
        .unwrap()
        .to_string()
        + "\n[[air_defence]]\nname = \"fighters\"\nposition = [55.0, 24.0]\nrange_km = 4\nmax_altitude_m = 1000\npk = 0.3\nmissiles = 1\nreload_min = 10\nendurance_h = 2\ngrounded_share = 1.2\n";
    let e = match Scenario::from_toml_str(&text, "t.toml") {
        Ok(_) => panic!("refused"),
        Err(e) => e.to_string(),
    };
    for want in [
        "air_defence[0].name",
        "air_defence[0].endurance_h",
        "give a `speed_kmh`",
        "air_defence[0].grounded_share",
        "in [0, 1)",
    ] {
        assert!(e.contains(want), "{want} in {e}");
    }
    let text = airpolicing::scenario::bundled("baltic")
        .unwrap()
        .to_string()
        + "\n[[air_defence]]\nname = \"Mi-8\"\nposition = [55.0, 24.0]\nrange_km = 1\nmax_altitude_m = 1000\npk = 0.3\nmissiles = 1\nreload_min = 10\nspeed_kmh = 220\ngrounded_share = 0.2\n";
    let e = Scenario::from_toml_str(&text, "t.toml")
        .unwrap_err()
        .to_string();
    assert!(e.contains("air_defence[0].grounded_spell_h"), "{e}");
}
