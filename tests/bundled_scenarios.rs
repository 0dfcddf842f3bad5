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

#[test]
fn every_bundled_scenario_estimates() {
    for name in bundled_names() {
        let s = Scenario::load(name).unwrap();
        let e = airpolicing::analytic::estimate(&s);
        assert_eq!(e.stations.len(), s.cap_stations.len(), "{name}");
        assert!(
            e.total_fleet_at_confidence.is_some(),
            "{name}: some task has no workable rotation"
        );
    }
}

#[test]
fn stations_placed_along_the_front_sit_at_the_standoff_on_the_protected_side() {
    // The reference scenario places "Line-1" and "Line-2" evenly along its front, 60 km back.
    let s = Scenario::load("reference").unwrap();
    let placed: Vec<_> = s
        .cap_stations
        .iter()
        .filter(|c| c.name.starts_with("Line-"))
        .collect();
    assert_eq!(placed.len(), 2);
    let length = s.front.length_km();
    for (k, st) in placed.iter().enumerate() {
        let n = s.front.nearest(&st.position);
        assert!(n.protected_side, "{}", st.name);
        assert!(
            (n.distance_km - 60.0).abs() < 1.0,
            "{}: {}",
            st.name,
            n.distance_km
        );
        let expected_along = (k as f64 + 0.5) * length / 2.0;
        assert!(
            (n.along_km - expected_along).abs() < 5.0,
            "{}: {}",
            st.name,
            n.along_km
        );
    }
}

#[test]
fn every_number_in_the_ukraine_and_baltic_scenarios_has_a_source_comment() {
    // textbook and reference state a blanket "every number is an assumption" in their headers;
    // the two theatre scenarios must say where each number comes from, line by line (a
    // multi-line array says it on its closing line).
    for name in ["ukraine", "baltic"] {
        let text = airpolicing::scenario::bundled(name).unwrap();
        let mut open_array = false;
        for (i, line) in text.lines().enumerate() {
            let code = line.split('#').next().unwrap();
            let commented = line.contains('#');
            if open_array {
                if code.trim_start().starts_with(']') {
                    assert!(
                        commented,
                        "{name}:{}: the array has no source comment",
                        i + 1
                    );
                    open_array = false;
                }
                continue;
            }
            let Some((_, value)) = code.split_once('=') else {
                continue;
            };
            let value = value.trim();
            if value == "[" {
                open_array = true;
                continue;
            }
            // Digits outside quoted strings (names such as "F-16" do not count).
            let unquoted: String = value.split('"').step_by(2).collect();
            let numeric = unquoted.chars().any(|c| c.is_ascii_digit());
            if numeric {
                assert!(
                    commented,
                    "{name}:{}: `{}` has no source or `assumption`",
                    i + 1,
                    line.trim()
                );
            }
        }
    }
}

#[test]
fn a_scenario_can_set_a_types_sustainment_and_the_catalog_types_flown_have_one() {
    let s = Scenario::load("reference").unwrap();
    let f16 = s.types.iter().find(|t| t.id == "f16_tanks").unwrap();
    let sus = f16.spec.sustainment.as_ref().unwrap();
    assert_eq!(
        sus.fatigue_life_fh, 12000.0,
        "f16_tanks is based on the reference's life-extended F-16"
    );
    // textbook defines its own type from scratch and gives none (the table is optional there).
    for name in ["ukraine", "baltic", "reference"] {
        let s = Scenario::load(name).unwrap();
        for (i, q) in s.squadrons.iter().enumerate() {
            assert!(
                s.squadron_type(i).sustainment.is_some(),
                "{name}: {} flies a type with no sustainment",
                q.name
            );
        }
    }
}

#[test]
fn every_bundled_squadron_that_only_holds_qra_flies_its_programme_in_training() {
    // docs/model.md: a detachment that only holds QRA keeps flying its yearly programme in
    // training, so the bundled scenarios give each such squadron `training_share = 1`.
    let mut seen = 0;
    for name in bundled_names() {
        let s = Scenario::load(name).unwrap();
        for (i, q) in s.squadrons.iter().enumerate() {
            let on_qra = s.qra.iter().any(|p| p.squadron == i);
            let on_cap = s.cap_stations.iter().any(|c| c.squadrons.contains(&i));
            if on_qra && !on_cap {
                seen += 1;
                assert_eq!(
                    s.file.squadrons[i].training_share,
                    Some(1.0),
                    "{name}: {}",
                    q.name
                );
            }
        }
    }
    assert!(seen >= 6, "{seen} QRA-only squadrons");
}
