//! Every bundled scenario loads, validates without errors and survives a TOML round trip.

use airpolicing::scenario::{Scenario, bundled_names};

#[test]
fn every_bundled_scenario_validates() {
    for name in bundled_names() {
        let s = Scenario::load(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(s.warnings.is_empty(), "{name}: {:?}", s.warnings);
    }
}

#[test]
fn every_bundled_scenario_survives_a_toml_round_trip() {
    for name in bundled_names() {
        let s = Scenario::load(name).unwrap();
        let text = s.file.to_toml();
        let again = Scenario::from_toml_str(&text, "round-trip")
            .unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
        assert_eq!(again.file, s.file, "{name}");
        assert_eq!(again.cap_stations, s.cap_stations, "{name}");
        assert_eq!(again.types, s.types, "{name}");
    }
}

#[test]
fn textbook_station_is_400_km_from_home() {
    let s = Scenario::load("textbook").unwrap();
    let d = s.distance_from_base_km(0, &s.cap_stations[0].position);
    assert!((d - 400.0).abs() < 0.001, "{d}");
}

#[test]
fn ukraine_contact_line_is_about_990_km() {
    let s = Scenario::load("ukraine").unwrap();
    let l = s.front.length_km();
    assert!((l - 990.0).abs() < 10.0, "{l}");
}
