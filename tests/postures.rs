//! The postures on the table, side by side: what each buys and what it gives up.

use airpolicing::montecarlo::{RunOptions, run};
use airpolicing::scenario::Scenario;

#[test]
fn quick_reaction_alert_alone_holds_its_alert_but_meets_almost_nothing_at_the_line() {
    // ukraine_qra: 24 fighters on alert in Poland and Romania and one E-3 orbit, against
    // ukraine's four standing CAP stations and 129 aircraft. The alert and the radar picture are
    // held; the violations near the line, probing 60-100 km and turning back, are gone before a
    // pair 800-1,000 km away can reach them. Tolerances: the shares are means of 8 replications.
    let opts = RunOptions::default().with_replications(8);
    let mean =
        |name: &str, s: &Scenario| run(s, &opts).unwrap().metric(name).map(|m| m.mean).unwrap();
    let qra = Scenario::load("ukraine_qra").unwrap();
    let cap = Scenario::load("ukraine").unwrap();
    let aircraft = |s: &Scenario| s.squadrons.iter().map(|q| q.aircraft_count).sum::<u32>();
    assert!(aircraft(&qra) * 4 <= aircraft(&cap));
    assert!(mean("qra_coverage", &qra) >= 0.99);
    let met_qra = mean("intercept_within_target", &qra);
    let met_cap = mean("intercept_within_target", &cap);
    assert!(met_qra < 0.05, "{met_qra}");
    assert!(met_cap > 0.5, "{met_cap}");
}

#[test]
fn a_report_without_a_single_intercept_says_so_instead_of_drawing_empty_axes() {
    let dir = std::env::temp_dir().join(format!("airpolicing-postures-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("qra.html");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_airpolicing"))
        .args(["run", "ukraine_qra", "-n", "3", "--report"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    // Seed 1, replications 0-2: no violation is reached in time.
    assert!(html.contains("No violation was intercepted in any replication"));
    assert!(!html.contains("<figure id=\"response\">"));
    assert!(!html.contains("within <b>— minutes</b>"));
}

#[test]
fn fighters_based_nearer_the_line_fly_no_more_sorties_and_hold_their_station_no_worse() {
    // `ukraine_west` bases the Typhoons at Lviv instead of Rzeszów: the Kharkiv station comes
    // 135 km closer. With the tanker track inside the station's area, a fighter refuels on
    // station instead of being relieved early from the ground; when it was relieved early,
    // Lviv's reliefs were in time so often that the Typhoons flew about 30 sorties a day instead
    // of 9, and `size --mix` asked 11 Typhoons from Lviv where Rzeszów needed 8.
    let opts = RunOptions::default().with_seed(1).with_replications(8);
    let metric = |s: &Scenario, name: &str| run(s, &opts).unwrap().metric(name).unwrap().mean;
    let near = Scenario::load("ukraine_west").unwrap();
    let sorties = metric(&near, "sorties_per_day[RAF Typhoon]");
    assert!(sorties < 12.0, "{sorties} Typhoon sorties a day from Lviv");
    // With 8 Typhoons each, the station is held at least as well from Lviv.
    let eight = |name: &str| {
        Scenario::load(name)
            .unwrap()
            .with_value("squadrons[0].aircraft_count", 8.0)
            .unwrap()
    };
    let (far, near) = (eight("ukraine"), eight("ukraine_west"));
    let (from_poland, from_ukraine) = (
        metric(&far, "station_coverage[Kharkiv]"),
        metric(&near, "station_coverage[Kharkiv]"),
    );
    assert!(
        from_ukraine >= from_poland - 0.005,
        "{from_ukraine} from Lviv against {from_poland} from Rzeszów"
    );
}

#[test]
fn area_defence_stops_the_drones_at_the_cities_and_leaves_the_line_to_others() {
    // ukraine_shield: three CAP pairs over Kyiv, the western plants and Odesa, an alert pair at
    // Rzeszów for Lviv, one E-3 orbit, all far from the line. The drones that head for a defended
    // place are stopped before it; the probes near the line are hardly seen, let alone met.
    // Tolerances: means of 8 replications (about 1,400 violations, 700 of them threats).
    let opts = RunOptions::default().with_replications(8);
    let shield = Scenario::load("ukraine_shield").unwrap();
    let r = run(&shield, &opts).unwrap();
    let mean = |name: &str| r.metric(name).unwrap().mean;
    assert!(
        mean("points_defended") >= 0.97,
        "{}",
        mean("points_defended")
    );
    for point in ["Kyiv", "Lviv", "Odesa"] {
        let name = format!("point_defended[{point}]");
        assert!(mean(&name) >= 0.9, "{name}: {}", mean(&name));
    }
    let line = mean("undetected_fraction") + mean("unanswered_fraction");
    assert!(line > 0.3, "never met near the line: {line}");
}

#[test]
fn ordering_the_response_again_is_what_lets_area_defence_reach_a_deep_drone() {
    // Without `retry_min` a drone first seen beyond every fighter's reach is given up, although
    // it flies on toward the fighters that wait for it: the shield then stops far fewer. The
    // trace shows the deferred orders that are later met.
    let opts = RunOptions::default().with_replications(8);
    let with = Scenario::load("ukraine_shield").unwrap();
    let text = airpolicing::scenario::bundled("ukraine_shield").unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("retry_min"))
        .expect("the shield orders again");
    let without = Scenario::from_toml_str(&text.replace(line, ""), "shield.toml").unwrap();
    let stopped = |s: &Scenario| {
        run(s, &opts)
            .unwrap()
            .metric("points_defended")
            .unwrap()
            .mean
    };
    let (a, b) = (stopped(&with), stopped(&without));
    assert!(a - b > 0.04, "with {a}, without {b}");

    let model = airpolicing::sim::Model::new(&with);
    let mut rec = airpolicing::sim::trace::Recorder::default();
    airpolicing::sim::simulate_observed(&model, 1, 0, &mut rec).unwrap();
    let mut deferred = std::collections::HashSet::new();
    let mut met_later = 0;
    for e in rec.events.iter().filter(|e| e.squadron == "violation") {
        match e.event {
            "response_deferred" => {
                deferred.insert(e.tail);
            }
            "intercepted" if deferred.contains(&e.tail) => met_later += 1,
            _ => {}
        }
    }
    assert!(met_later > 0, "{} deferred, none met later", deferred.len());
}

#[test]
fn the_line_at_its_reported_length_adds_a_station_and_violations_in_proportion() {
    // ukraine_1250: the ukraine line and 263 km of border with Russia, about 1,250 km as reported
    // in 2025-26; a fifth station guards the border sector and violations come at ukraine's rate
    // per km of line. Tolerances: the front within 1 % of 1,250 km (the border is approximate);
    // rates are means of 8 replications of 28 days (about 1,700 violations).
    let long = Scenario::load("ukraine_1250").unwrap();
    let short = Scenario::load("ukraine").unwrap();
    let (l, s) = (long.front.length_km(), short.front.length_km());
    assert!((l / 1250.0 - 1.0).abs() < 0.01, "{l} km");
    assert_eq!(long.cap_stations.len(), short.cap_stations.len() + 1);
    let opts = RunOptions::default().with_replications(8);
    let r = run(&long, &opts).unwrap();
    let per_km = r.metric("violations_per_day").unwrap().mean / l;
    assert!(
        (per_km / (6.0 / s) - 1.0).abs() < 0.06,
        "{per_km} a day per km"
    );
    // The border sector is watched like the others: its station is held at the given force.
    let held = r.metric("station_presence[Chernihiv]").unwrap().mean;
    assert!(held >= 0.95, "{held}");
}
