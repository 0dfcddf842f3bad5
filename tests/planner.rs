//! The closed-form planner on the bundled scenarios, checked by hand.

use airpolicing::analytic::{estimate, formulas};
use airpolicing::scenario::Scenario;

#[test]
fn textbook_estimate_follows_the_hand_arithmetic() {
    let s = Scenario::load("textbook").unwrap();
    let e = estimate(&s);
    let st = &e.stations[0];
    // See the header of scenarios/textbook.toml.
    assert!((st.transit_h - 0.5).abs() < 1e-6);
    assert!((st.on_station_h - 2.5).abs() < 1e-5);
    assert!(!st.with_aar);
    assert_eq!(st.ground_h, 2.0);
    assert!((st.cycle_h - 5.5).abs() < 1e-5);
    assert_eq!(st.aircraft_in_rotation, Some(6));
    assert!((st.aircraft_lower_bound - 4.4).abs() < 1e-4);
    assert!((st.sorties_per_day - 24.0).abs() < 1e-3);
    assert!((st.flight_hours_per_day - 84.0).abs() < 1e-2);
    // Perfect availability: the fleet is the rotation.
    assert_eq!(e.squadrons[0].fleet_at_confidence, Some(6));
    assert_eq!(e.total_fleet_at_confidence, Some(6));
}

#[test]
fn baltic_qra_is_erlang_b_and_the_binomial_detachment() {
    let s = Scenario::load("baltic").unwrap();
    let e = estimate(&s);
    let q = &e.qra[0];
    // 2 on alert, scramble 2: one element; spares regenerate in 30 min.
    assert_eq!(q.elements, 1);
    assert!((q.service_h - 0.5).abs() < 1e-12);
    assert!((q.violations_per_day - 0.2).abs() < 1e-9);
    let load = 0.2 / 24.0 * 0.5;
    assert!((q.no_alert_fraction - formulas::erlang_b(1, load)).abs() < 1e-12);
    assert!((q.no_alert_fraction - load / (1.0 + load)).abs() < 1e-12);
    // 2 in rotation at the F-16's 73 %: P(≥2 of 4) = 0.937 ≥ 0.9, P(≥2 of 3) = 0.832.
    let sq = &e.squadrons[0];
    assert_eq!(sq.in_rotation, 2);
    assert_eq!(sq.fleet_at_confidence, Some(4));
    assert_eq!(sq.fleet_by_division, Some(3));
}

#[test]
fn ukraine_estimate_is_feasible_and_uses_tankers() {
    let s = Scenario::load("ukraine").unwrap();
    let e = estimate(&s);
    assert_eq!(e.stations.len(), 4);
    for st in &e.stations {
        assert!(
            st.with_aar,
            "{} should need AAR from Poland/Romania",
            st.station
        );
        assert!(st.aircraft_in_rotation.is_some());
        // The rotation count is the formula applied to the row's own numbers.
        let t_on = st.on_station_h - st.away_for_fuel_h;
        let n = formulas::rotation_count(st.element, st.cycle_h, t_on, e.overlap_h);
        assert_eq!(st.aircraft_in_rotation, n);
    }
    for t in &e.tanker_tracks {
        assert!(t.fuel_demand_kg_per_day > 0.0);
        assert!(t.aircraft_in_rotation.is_some());
    }
    assert!(e.coverage.front_coverage_high >= e.coverage.front_coverage_low);
    assert!(e.coverage.front_coverage_low > 0.5);
    assert!(e.total_fleet_at_confidence.is_some());
    let total: u32 = e.types.iter().map(|t| t.fleet_at_confidence.unwrap()).sum();
    assert_eq!(Some(total), e.total_fleet_at_confidence);
}

#[test]
fn sensor_coverage_of_a_single_radar_is_its_chord() {
    // A straight 1,000 km north-south front with one ground radar of 100 km range sitting on it:
    // 200 km of the front is covered, 20 %.
    let text = airpolicing::scenario::bundled("textbook")
        .unwrap()
        .replace("points = [[51.0, 26.5], [49.0, 26.5]]", "points = [[54.0, 26.5], [45.0, 26.5]]")
        .replace(
            "[targets]",
            "[[ground_radars]]\nname = \"r\"\nposition = [49.5, 26.5]\nantenna_height_m = 10000\nrange_km = 100\n\n[targets]",
        );
    let s = Scenario::from_toml_str(&text, "t").unwrap();
    let e = estimate(&s);
    let expected = 200.0 / s.front.length_km();
    assert!(
        (e.coverage.front_coverage_low - expected).abs() < 0.002,
        "{} vs {expected}",
        e.coverage.front_coverage_low
    );
}
