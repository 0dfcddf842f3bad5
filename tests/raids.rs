//! Raids: violators that come together. A raid of N against c alert aircraft that each take one
//! and are held longer than the raid lasts engages exactly c of them; decoys are met like the
//! others but are not leakers; a raid's stretch of front and its type are checked.

use airpolicing::montecarlo::{RunOptions, run};
use airpolicing::scenario::{Scenario, Severity};

/// A 400 km north-south front at lon 26.5, protected to the west; an alert base 150 km behind
/// its middle; a radar that sees every crossing; no steady violations, only `raids`.
fn front_with(alert: u32, raids: &str) -> String {
    format!(
        r#"
[scenario]
name = "raids"
duration_days = 30
warmup_days = 1

[front]
points = [[50.8, 26.5], [47.2, 26.5]]
protected_side = "right"
sectors = 2

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
aircraft_count = {alert}

[[qra]]
name = "Alert"
squadron = "QRA"
on_alert = {alert}
readiness_min = 15
scramble_size = 1
regenerate_min = 60

[[ground_radars]]
name = "Everything"
position = [49.0, 24.0]
antenna_height_m = 10000
range_km = 2000

[violations]
rate_per_day = 0
c2_delay_min = 0
shadow_min = 10

[[violations.types]]
name = "drone"
share = 1
speed_kmh = 185
altitude_m = 300
penetration_km = 300
heading_spread_deg = 0

{raids}
"#
    )
}

fn scenario(text: &str) -> Scenario {
    Scenario::from_toml_str(text, "raids.toml").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_raid_of_n_against_c_alert_aircraft_engages_exactly_c() {
    // Each alert jet, once scrambled, is away far longer than the raid lasts (dash, shadow, fly
    // home, turn round: hours), and the response to each member is ordered once: the first c
    // members get a jet, the other N - c none. Engaged c / N, leakers N - c per raid, exactly.
    for (n, c, window) in [(10, 2, 0.0), (10, 2, 60.0), (7, 3, 30.0), (4, 6, 0.0)] {
        let raid = format!(
            "[[violations.raids]]\nname = \"night\"\ntype = \"drone\"\ncount = {n}\nwindow_min = {window}\nat_days = [2.0, 9.0, 20.5]"
        );
        let r = run(
            &scenario(&front_with(c, &raid)),
            &RunOptions::default().with_replications(4),
        )
        .unwrap();
        let engaged = r.metric("raid_engaged_fraction").unwrap();
        let leakers = r.metric("raid_leakers_per_raid").unwrap();
        let want = f64::from(c.min(n)) / f64::from(n);
        assert_eq!(
            (engaged.min, engaged.max),
            (want, want),
            "N {n}, c {c}, window {window}"
        );
        let left = f64::from(n - c.min(n));
        assert_eq!((leakers.min, leakers.max), (left, left));
        // A leaker flies its whole 300 km past the line before it turns back.
        if left > 0.0 {
            let depth = r.metric("raid_leak_depth_km").unwrap();
            assert!((depth.max - 300.0).abs() < 1e-9 && (depth.min - 300.0).abs() < 1e-9);
        }
        assert_eq!(
            r.metric("violations_per_day").unwrap().mean,
            3.0 * f64::from(n) / 29.0
        );
    }
}

#[test]
fn decoys_are_not_leakers_and_random_raids_come_at_their_rate() {
    // The alert jet's readiness (10 h) is longer than a drone stays (300 km at 185 km/h, 1.6 h),
    // so no one can meet any member and every one leaks; a third are decoys. Raids come at 2 a day of 15-25 members (mean 20): about 13.3
    // leakers a raid and 40 members a day. Tolerances: 100 replications of 29 days, about 5,800
    // raids; standard errors about 0.04 leakers a raid and 0.53 members a day (Poisson raids of
    // 20 members on average), so the bands are more than four of them.
    let raid = "[[violations.raids]]\nname = \"swarm\"\ntype = \"drone\"\ncount = { dist = \"uniform\", min = 15, max = 25 }\nwindow_min = 120\nfrom_km = 100\nto_km = 300\ndecoy_share = 0.3333333333\nper_day = 2";
    let text = front_with(1, raid).replace("readiness_min = 15", "readiness_min = 600");
    let r = run(
        &scenario(&text),
        &RunOptions::default().with_replications(100),
    )
    .unwrap();
    assert_eq!(r.metric("raid_engaged_fraction").unwrap().max, 0.0);
    let leakers = r.metric("raid_leakers_per_raid").unwrap().mean;
    assert!((leakers - 20.0 * 2.0 / 3.0).abs() < 0.6, "{leakers}");
    let per_day = r.metric("violations_per_day").unwrap().mean;
    assert!((per_day - 40.0).abs() < 2.5, "{per_day}");
    // Every member crossed the stretch 100-300 km, which lies in the two sectors of 200 km:
    // half of it in each.
    let s1 = r.metric("violations_per_day[sector 1]").unwrap().mean;
    let s2 = r.metric("violations_per_day[sector 2]").unwrap().mean;
    assert!((s1 / (s1 + s2) - 0.5).abs() < 0.03, "{s1} {s2}");
}

#[test]
fn raids_are_drawn_from_their_own_streams() {
    // Adding a raid leaves the steady arrivals as they were: the same steady violations cross,
    // and only the raid's members are added.
    let steady = front_with(2, "").replace("rate_per_day = 0", "rate_per_day = 4");
    let with_raid = front_with(
        2,
        "[[violations.raids]]\nname = \"one\"\ntype = \"drone\"\ncount = 5\nat_days = [3.0]",
    )
    .replace("rate_per_day = 0", "rate_per_day = 4");
    let opts = RunOptions::default().with_replications(6);
    let a = run(&scenario(&steady), &opts).unwrap();
    let b = run(&scenario(&with_raid), &opts).unwrap();
    let per_day =
        |r: &airpolicing::montecarlo::RunResult| r.metric("violations_per_day").unwrap().mean;
    assert!((per_day(&b) - per_day(&a) - 5.0 / 29.0).abs() < 1e-9);
}

fn errors(text: &str) -> String {
    match Scenario::from_toml_str(text, "raids.toml") {
        Ok(_) => panic!("expected the scenario to be refused"),
        Err(e) => e
            .diagnostics()
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

#[test]
fn a_bad_raid_is_named_with_what_would_be_valid() {
    let unknown = front_with(
        2,
        "[[violations.raids]]\nname = \"x\"\ntype = \"jet\"\ncount = 5\nat_days = [3.0]",
    );
    let e = errors(&unknown);
    assert!(
        e.contains("violations.raids[0].type") && e.contains("`drone`"),
        "{e}"
    );
    let beyond = front_with(
        2,
        "[[violations.raids]]\nname = \"x\"\ntype = \"drone\"\ncount = 5\nto_km = 900\nat_days = [3.0]",
    );
    let e = errors(&beyond);
    assert!(
        e.contains("violations.raids[0].to_km") && e.contains("the front is"),
        "{e}"
    );
    let decoys = front_with(
        2,
        "[[violations.raids]]\nname = \"x\"\ntype = \"drone\"\ncount = 5\ndecoy_share = 1.5\nat_days = [3.0]",
    );
    assert!(errors(&decoys).contains("violations.raids[0].decoy_share"));
}
