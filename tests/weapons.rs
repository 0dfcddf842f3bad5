//! Weapons on board: a fighter carries a number of missiles; every violator it shoots down
//! spends one, and with none left it goes home, bringing its relief forward.

use airpolicing::montecarlo::{RunOptions, run};
use airpolicing::scenario::Scenario;
use airpolicing::sim::trace::Recorder;
use airpolicing::sim::{Model, simulate_observed};
use std::collections::HashMap;

/// A 400 km front at lon 26.5; one CAP station 40 km behind its middle held by a single fighter
/// of six; raids of six drones that are shot down when met, crossing near the station.
fn patrol(missiles: &str) -> Scenario {
    patrol_with(missiles, 0.0)
}

/// The same, with a share of each raid decoys.
fn patrol_with(missiles: &str, decoy_share: f64) -> Scenario {
    let text = format!(
        r#"
[scenario]
name = "weapons"
duration_days = 20
warmup_days = 1

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
name = "CAP"
aircraft = "f16"
base = "Home"
aircraft_count = 6
{missiles}

[[cap_stations]]
name = "Line"
position = [49.0, 25.95]
element = 1
squadrons = ["CAP"]

[[ground_radars]]
name = "Everything"
position = [49.0, 24.0]
antenna_height_m = 10000
range_km = 2000

[violations]
rate_per_day = 0
c2_delay_min = 0
retry_min = 5

[[violations.types]]
name = "drone"
share = 1
speed_kmh = 185
altitude_m = 300
penetration_km = 300
heading_spread_deg = 0
shoot_down = true

[[violations.raids]]
name = "six"
type = "drone"
count = 6
window_min = 20
from_km = 150
to_km = 250
at_days = [2.0, 5.3, 9.6, 14.1]
decoy_share = {decoy_share}
"#
    );
    Scenario::from_toml_str(&text, "weapons.toml").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_fighter_with_m_missiles_facing_more_than_m_violators_shoots_m_and_goes_home() {
    let s = patrol("missiles = 2");
    let model = Model::new(&s);
    let mut reached_two = 0;
    for rep in 0..6 {
        let mut rec = Recorder::default();
        simulate_observed(&model, 5, rep, &mut rec).unwrap();
        let mut shots: HashMap<usize, u32> = HashMap::new();
        let mut killed = 0;
        let events: Vec<_> = rec.events.iter().collect();
        for (k, e) in events.iter().enumerate() {
            if e.squadron == "violation" {
                killed += usize::from(e.event == "shot_down");
                continue;
            }
            match e.event {
                "launch" => {
                    shots.insert(e.tail, 0);
                }
                "shoot_down" => {
                    let n = shots.entry(e.tail).or_insert(0);
                    *n += 1;
                    assert!(
                        *n <= 2,
                        "replication {rep}: tail {} shot {n} in one sortie",
                        e.tail
                    );
                    if *n == 2 {
                        reached_two += 1;
                        // Its next event is the trip home, at once.
                        let next = events[k + 1..]
                            .iter()
                            .find(|x| x.squadron == e.squadron && x.tail == e.tail)
                            .expect("an event after the second kill");
                        assert_eq!(next.event, "home_no_weapons", "replication {rep}");
                        assert_eq!(next.time_h, e.time_h);
                    }
                }
                _ => {}
            }
        }
        let shot: u32 = rec
            .events
            .iter()
            .filter(|e| e.event == "shoot_down")
            .count() as u32;
        assert_eq!(killed as u32, shot, "every kill spends one weapon");
    }
    assert!(reached_two > 0, "no fighter ever fired its last missile");
}

#[test]
fn fewer_weapons_on_board_meet_fewer_of_a_raid() {
    // The same raids and patrol with no limit, with two and with one missile a sortie: the
    // share of raid members shot down does not rise as the load falls, and one missile a sortie
    // meets clearly fewer than no limit. Means of 20 replications.
    let opts = RunOptions::default().with_replications(20);
    let engaged = |m: &str| {
        run(&patrol(m), &opts)
            .unwrap()
            .metric("raid_engaged_fraction")
            .unwrap()
            .mean
    };
    let (all, two, one) = (
        engaged(""),
        engaged("missiles = 2"),
        engaged("missiles = 1"),
    );
    assert!(all >= two && two >= one, "{all} {two} {one}");
    assert!(all - one > 0.05, "{all} {one}");
}

#[test]
fn a_decoy_met_by_a_fighter_is_identified_and_left_alone() {
    // Every raid member a decoy: the fighters meet them but fire nothing; with none a decoy, the
    // same raids are shot down. The sites of tests/air_defence.rs cannot tell a decoy and fire.
    let opts = RunOptions::default().with_replications(6);
    let decoys = patrol("missiles = 2\nmissile_cost_usd = 1000000");
    let all_decoys = patrol_with("missiles = 2\nmissile_cost_usd = 1000000", 1.0);
    let r = run(&all_decoys, &opts).unwrap();
    let m = |n: &str| r.metric(n).unwrap().mean;
    assert!(
        m("raid_engaged_fraction") > 0.3,
        "{}",
        m("raid_engaged_fraction")
    );
    assert_eq!(m("raid_shot_down_fraction"), 0.0);
    assert_eq!(m("weapons_cost_usd_per_day"), 0.0);
    let real = run(&decoys, &opts).unwrap();
    let shot = real.metric("raid_shot_down_fraction").unwrap().mean;
    assert_eq!(shot, real.metric("raid_engaged_fraction").unwrap().mean);
    assert!(shot > 0.3, "{shot}");
    // $1 M a missile, one missile a kill.
    assert_eq!(real.metric("cost_per_kill_usd").unwrap().max, 1e6);
}

#[test]
fn the_cheapest_rule_hands_a_drone_to_a_cheap_site_the_earliest_rule_to_the_fighter() {
    // A cheap short-range site 30 km behind the patrol ($5,000 a shot that always kills, against
    // the fighters' $1 M missiles). Taking the earliest intercept, the fighter dashing from its
    // station takes a drone whenever it is free, and the site only the ones that come while it
    // is busy (about 45 % of the kills); taking the cheapest, the site takes every drone that
    // passes within its reach (about 60 %), and a kill costs less. Means of 20 replications.
    let site = "[[air_defence]]\nname = \"Team\"\nposition = [49.0, 25.5]\nrange_km = 30\nmax_altitude_m = 1500\npk = 1\nmissiles = 100\nreload_min = 60\ncost_per_shot_usd = 5000\n\n[violations]";
    let make = |rule: &str| {
        let s = patrol("missiles = 2\nmissile_cost_usd = 1000000");
        let text = toml::to_string(&s.file)
            .unwrap()
            .replacen("[violations]", site, 1)
            .replacen(
                "[violations]\n",
                &format!("[violations]\nresponder = \"{rule}\"\n"),
                1,
            );
        Scenario::from_toml_str(&text, "rule.toml").unwrap_or_else(|e| panic!("{e}"))
    };
    let opts = RunOptions::default().with_replications(20);
    let by = |rule: &str| {
        let r = run(&make(rule), &opts).unwrap();
        (
            r.metric("engaged_by_air_defence_fraction").unwrap().mean,
            r.metric("cost_per_kill_usd").unwrap().mean,
        )
    };
    let (early_share, early_cost) = by("earliest");
    let (cheap_share, cheap_cost) = by("cheapest");
    assert!(
        cheap_share > early_share + 0.1,
        "{early_share} {cheap_share}"
    );
    assert!(cheap_cost < 0.8 * early_cost, "{early_cost} {cheap_cost}");
}

#[test]
fn fighters_kept_for_fast_movers_leave_slow_drones_to_the_site_when_it_can_reach_them() {
    // The cheap site of the test above. Drones fly at 185 km/h: with fighters kept for violators
    // above 300 km/h the site takes every drone it can reach, so it makes more of the kills than
    // when the first to intercept takes each; kept for those above 100 km/h, every drone is a
    // fast mover and the numbers are exactly those of the earliest rule.
    let site = "[[air_defence]]\nname = \"Team\"\nposition = [49.0, 25.5]\nrange_km = 30\nmax_altitude_m = 1500\npk = 1\nmissiles = 100\nreload_min = 60\ncost_per_shot_usd = 5000\n\n[violations]";
    let make = |extra: &str| {
        let s = patrol("missiles = 2\nmissile_cost_usd = 1000000");
        let text = toml::to_string(&s.file)
            .unwrap()
            .replacen("[violations]", site, 1)
            .replacen("[violations]\n", &format!("[violations]\n{extra}\n"), 1);
        Scenario::from_toml_str(&text, "fast.toml").unwrap_or_else(|e| panic!("{e}"))
    };
    let opts = RunOptions::default().with_replications(20);
    let share = |extra: &str| {
        run(&make(extra), &opts)
            .unwrap()
            .metric("engaged_by_air_defence_fraction")
            .unwrap()
            .mean
    };
    let earliest = share("");
    let kept = share("fighters_above_kmh = 300");
    let all_fast = share("fighters_above_kmh = 100");
    assert!(kept > earliest + 0.1, "{earliest} {kept}");
    assert_eq!(all_fast, earliest);
}
