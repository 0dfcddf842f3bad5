//! Each class of bad input gets its own clear error: the place (file:line:column), the field path
//! and what would be valid. Every case starts from a valid bundled scenario and breaks one thing.

use airpolicing::scenario::{Scenario, ScenarioError, Severity, bundled};

fn textbook() -> String {
    bundled("textbook").unwrap().to_string()
}

fn ukraine() -> String {
    bundled("ukraine").unwrap().to_string()
}

/// Replaces `from` (which must occur) with `to`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(
        text.contains(from),
        "test setup: `{from}` not in the scenario"
    );
    text.replacen(from, to, 1)
}

/// The scenario's errors, one per line, as the CLI prints them.
fn errors(text: &str) -> Vec<String> {
    match Scenario::from_toml_str(text, "case.toml") {
        Ok(_) => panic!("expected the scenario to be refused"),
        Err(e) => e
            .diagnostics()
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.to_string())
            .collect(),
    }
}

fn assert_error(text: &str, wanted: &[&str]) {
    let errs = errors(text);
    assert!(
        errs.iter().any(|e| wanted.iter().all(|w| e.contains(w))),
        "no error containing {wanted:?} in:\n{}",
        errs.join("\n")
    );
}

#[test]
fn syntax_error_names_line_and_column() {
    let t = edit(&textbook(), "name = \"textbook\"", "name = textbook");
    assert_error(&t, &["case.toml:15:8: error: TOML syntax"]);
}

#[test]
fn unknown_key_lists_the_valid_keys() {
    let t = edit(
        &textbook(),
        "aircraft_count = 6",
        "aircraft_count = 6\ncolour = \"red\"",
    );
    assert_error(
        &t,
        &[
            "case.toml:51:1",
            "squadrons[0].colour",
            "unknown field `colour`",
            "expected one of `name`, `aircraft`, `base`, `aircraft_count`",
        ],
    );
}

#[test]
fn wrong_type_says_what_was_expected() {
    let t = edit(
        &textbook(),
        "aircraft_count = 6",
        "aircraft_count = \"six\"",
    );
    assert_error(
        &t,
        &[
            "case.toml:50:18",
            "squadrons[0].aircraft_count",
            "expected a whole number",
        ],
    );
    let t = edit(&textbook(), "position = [50.0, 20.0]", "position = [50.0]");
    assert_error(&t, &["bases[0].position", "[lat, lon]"]);
}

#[test]
fn missing_required_key_is_named() {
    let t = edit(&textbook(), "base = \"Home\"\n", "");
    assert_error(&t, &["squadrons[0]", "missing field `base`"]);
    let t = edit(&textbook(), "duration_days = 10        # assumption\n", "");
    assert_error(&t, &["scenario", "missing field `duration_days`"]);
}

#[test]
fn negative_zero_nan_and_infinite_values_are_refused() {
    assert_error(
        &edit(&textbook(), "duration_days = 10", "duration_days = -3"),
        &[
            "scenario.duration_days",
            "must be a finite number > 0, got -3",
        ],
    );
    assert_error(
        &edit(&textbook(), "duration_days = 10", "duration_days = 0"),
        &["scenario.duration_days", "> 0"],
    );
    assert_error(
        &edit(&textbook(), "overlap_min = 30", "overlap_min = nan"),
        &["case.toml:53:1", "relief.overlap_min", "got NaN"],
    );
    assert_error(
        &edit(&textbook(), "fuel_kg = 5000", "fuel_kg = inf"),
        &["aircraft[0].fuel_kg", "got inf"],
    );
    assert_error(
        &edit(&textbook(), "element = 2", "element = 0"),
        &["cap_stations[0].element", "at least 1"],
    );
    assert_error(
        &edit(
            &textbook(),
            "position = [50.0, 20.0]",
            "position = [95.0, 20.0]",
        ),
        &["bases[0].position", "lat in [-90, 90]"],
    );
    assert_error(
        &edit(&textbook(), "warmup_days = 1", "warmup_days = 20"),
        &["scenario.warmup_days", "shorter than duration_days"],
    );
    assert_error(
        &edit(&textbook(), "confidence = 0.9", "confidence = 1.5"),
        &["targets.confidence", "(0, 1)"],
    );
}

#[test]
fn bad_distributions_are_refused_with_the_rule() {
    let t = edit(
        &textbook(),
        "launch_min = 15",
        "launch_min = { dist = \"uniform\", min = 20, max = 10 }",
    );
    assert_error(&t, &["aircraft[0].launch_min", "min <= max"]);
    let t = edit(
        &textbook(),
        "launch_min = 15",
        "launch_min = { dist = \"weibull\", shape = 2 }",
    );
    assert_error(&t, &["aircraft[0]", "unknown variant `weibull`"]);
}

#[test]
fn shares_that_do_not_add_to_one_are_refused() {
    let t = edit(&ukraine(), "share = 0.6", "share = 0.5");
    assert_error(
        &t,
        &[
            "violations.types",
            "shares add up to 0.9",
            "must add up to 1",
        ],
    );
}

#[test]
fn unknown_references_list_what_exists() {
    assert_error(
        &edit(&textbook(), "base = \"Home\"", "base = \"Away\""),
        &["squadrons[0].base", "unknown base `Away`", "`Home`"],
    );
    assert_error(
        &edit(
            &textbook(),
            "squadrons = [\"1 Sqn\"]",
            "squadrons = [\"2 Sqn\"]",
        ),
        &[
            "cap_stations[0].squadrons[0]",
            "unknown squadron `2 Sqn`",
            "`1 Sqn`",
        ],
    );
    assert_error(
        &edit(
            &textbook(),
            "aircraft = \"textbook_fighter\"",
            "aircraft = \"mig29\"",
        ),
        &[
            "squadrons[0].aircraft",
            "unknown aircraft type `mig29`",
            "`typhoon`",
        ],
    );
    assert_error(
        &edit(
            &ukraine(),
            "tanker_track = \"Kharkiv AAR\"",
            "tanker_track = \"Arctic AAR\"",
        ),
        &[
            "cap_stations[0].tanker_track",
            "unknown tanker track `Arctic AAR`",
            "`Kharkiv AAR`",
        ],
    );
    assert_error(
        &edit(
            &ukraine(),
            "penetration_km = 100",
            "penetration_km = 100\ntoward = [\"Kyiv\"]",
        ),
        &["violations.types[2].toward[0]", "unknown point `Kyiv`"],
    );
}

#[test]
fn squadrons_must_have_the_right_role() {
    let t = edit(
        &ukraine(),
        "squadrons = [\"RAF Typhoon\"]",
        "squadrons = [\"MRTT\"]",
    );
    assert_error(
        &t,
        &[
            "cap_stations[0].squadrons[0]",
            "a tanker",
            "needs a fighter squadron",
        ],
    );
}

#[test]
fn fronts_with_too_few_points_or_no_length_are_refused() {
    let t = edit(
        &textbook(),
        "points = [[51.0, 26.5], [49.0, 26.5]]",
        "points = [[51.0, 26.5]]",
    );
    assert_error(
        &t,
        &[
            "case.toml:23:1",
            "front.points",
            "at least 2 points, found 1",
        ],
    );
    let t = edit(
        &textbook(),
        "points = [[51.0, 26.5], [49.0, 26.5]]",
        "points = [[51.0, 26.5], [51.0, 26.5]]",
    );
    assert_error(&t, &["front.points", "zero length"]);
}

#[test]
fn a_station_out_of_reach_without_a_tanker_is_refused() {
    let t = edit(
        &textbook(),
        "position = [49.866103, 25.568826]",
        "position = [49.0, 34.0]",
    );
    assert_error(
        &t,
        &[
            "cap_stations[0]",
            "cannot reach it and hold for any time on internal fuel",
            "cannot refuel in the air",
        ],
    );
    // The Typhoon without wing tanks cannot hold Kharkiv from Rzeszów on internal fuel; take away
    // its tanks and its tanker.
    let t = edit(
        &ukraine(),
        "aircraft = \"typhoon_tanks\"",
        "aircraft = \"typhoon\"",
    );
    let t = edit(
        &t,
        "squadrons = [\"RAF Typhoon\"]\ntanker_track = \"Kharkiv AAR\"",
        "squadrons = [\"RAF Typhoon\"]",
    );
    assert_error(
        &t,
        &[
            "station `Kharkiv` is 956 km from Rzeszów",
            "`typhoon` cannot reach it",
            "tanker track offering a drogue",
        ],
    );
}

#[test]
fn a_refuelling_system_mismatch_is_a_warning_that_explains_the_consequence() {
    // A probe-equipped Rafale station served by a boom-only KC-135 track.
    let t = edit(&ukraine(), "aircraft = \"kc46\"", "aircraft = \"kc135\"");
    let t = edit(&t, "position = [48.28, 35.59]", "position = [46.50, 30.80]");
    let s = Scenario::from_toml_str(&t, "case.toml").unwrap_or_else(|e| panic!("{e}"));
    let w: Vec<String> = s.warnings.iter().map(|d| d.to_string()).collect();
    assert!(
        w.iter()
            .any(|m| m.contains("warning: cap_stations[2].tanker_track")
                && m.contains("probe receptacle")
                && m.contains("offers only boom")
                && m.contains("cannot refuel there")),
        "{w:?}"
    );
    // Kherson's Gripen is out of the KC-135's reach for AAR too, but holds on internal fuel.
    assert!(w.iter().any(|m| m.contains("Kherson")), "{w:?}");
}

#[test]
fn limits_are_named_before_any_work() {
    let t = edit(&textbook(), "duration_days = 10", "duration_days = 5000");
    assert_error(&t, &["scenario.duration_days", "the limit is 3650 days"]);
    let t = edit(&textbook(), "aircraft_count = 6", "aircraft_count = 9000");
    assert_error(&t, &["squadrons[0].aircraft_count", "limit is 5000"]);
    let t = edit(&ukraine(), "rate_per_day = 6 ", "rate_per_day = 100000 ");
    assert_error(&t, &["violations.rate_per_day", "the limit is 1000000"]);
    let t = edit(
        &textbook(),
        "position = [49.866103, 25.568826]",
        "along_front = { spacing_km = 0.1, standoff_km = 10 }",
    );
    assert_error(
        &t,
        &["cap_stations[0].along_front", "would place", "limit is 500"],
    );
    let points: String = (0..1001)
        .map(|i| format!("[[points]]\nname = \"p{i}\"\nposition = [50.0, 20.0]\n"))
        .collect();
    let t = edit(&textbook(), "[targets]", &format!("{points}\n[targets]"));
    assert_error(&t, &["points", "has 1001 entries; the limit is 1000"]);
}

#[test]
fn oversized_files_are_refused_unread() {
    let huge = " ".repeat(airpolicing::scenario::limits::MAX_FILE_BYTES + 1);
    let e = Scenario::from_toml_str(&huge, "huge.toml").unwrap_err();
    assert!(e.to_string().contains("the limit is 4194304 bytes"), "{e}");
}

#[test]
fn several_problems_are_reported_together() {
    let t = edit(&textbook(), "duration_days = 10", "duration_days = -1");
    let t = edit(&t, "base = \"Home\"", "base = \"Away\"");
    assert!(errors(&t).len() >= 2);
}

#[test]
fn aircraft_overrides_are_checked_like_types() {
    let t = edit(&textbook(), "fuel_kg = 5000", "fuel_kg = 5000\nfuel_lb = 3");
    assert_error(&t, &["aircraft[0].fuel_lb", "unknown field `fuel_lb`"]);
    let t = edit(
        &textbook(),
        "reserve_fuel_kg = 500",
        "reserve_fuel_kg = 6000",
    );
    assert_error(&t, &["aircraft[0].reserve_fuel_kg", "less than fuel_kg"]);
    let t = edit(
        &textbook(),
        "id = \"textbook_fighter\"",
        "id = \"textbook_fighter\"\nbased_on = \"su27\"",
    );
    assert_error(
        &t,
        &["aircraft[0].based_on", "unknown aircraft type `su27`"],
    );
}

#[test]
fn a_missing_file_is_a_read_error() {
    let e = Scenario::load("no/such/dir/scenario.toml").unwrap_err();
    assert!(matches!(e, ScenarioError::Read { .. }), "{e}");
    assert!(
        e.to_string()
            .starts_with("no/such/dir/scenario.toml: cannot read")
    );
}

#[test]
fn with_value_sets_numbers_by_path_and_refuses_the_rest() {
    let s = Scenario::load("ukraine").unwrap();
    let t = s.with_value("violations.rate_per_day", 8.0).unwrap();
    assert_eq!(t.violations.as_ref().unwrap().rate_per_day, 8.0);
    let t = s.with_value("squadrons[8].aircraft_count", 7.0).unwrap();
    assert_eq!(t.squadrons[8].aircraft_count, 7);
    let msg = |path: &str, v: f64| s.with_value(path, v).unwrap_err().to_string();
    assert!(msg("violations.rate", 1.0).contains("no field `rate` in `violations`; fields there:"));
    assert!(
        msg("squadrons[20].aircraft_count", 1.0)
            .contains("has 9 entries; index 20 is out of range")
    );
    assert!(msg("scenario.name", 1.0).contains("is a string, not a number"));
    assert!(msg("squadrons[0].aircraft_count", 2.5).contains("is a whole number"));
    assert!(msg("a..b", 1.0).contains("is not a field path"));
    // Values are validated like a file.
    assert!(
        msg("violations.rate_per_day", -1.0)
            .contains("violations.rate_per_day: must be a finite number >= 0")
    );
}

#[test]
fn a_file_that_is_not_utf8_is_refused_at_the_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.toml");
    std::fs::write(&path, b"[scenario]\nname = \"Vilniaus \xe0\"\n").unwrap();
    let e = Scenario::from_path(&path).unwrap_err().to_string();
    assert!(e.contains("latin1.toml:2:18"), "{e}");
    assert!(e.contains("not UTF-8"), "{e}");
}

/// ukraine with `lines` added under a `[targets.metrics]` table at the end of the file.
fn ukraine_with_metric_targets(lines: &str) -> String {
    format!("{}\n[targets.metrics]\n{lines}\n", ukraine())
}

#[test]
fn named_post_targets_are_accepted_for_the_scenarios_own_posts() {
    let t = ukraine_with_metric_targets(
        "\"station_presence[Kharkiv]\" = 0.95\n\"qra_coverage[Rzeszów QRA]\" = 0.99\n\"station_coverage[Donbas]\" = 0.3",
    );
    let s = Scenario::from_toml_str(&t, "case.toml").unwrap_or_else(|e| panic!("{e}"));
    let m = &s.file.targets.metrics;
    assert_eq!(m["station_presence[Kharkiv]"], 0.95);
    assert_eq!(m["qra_coverage[Rzeszów QRA]"], 0.99);
    let t = edit(
        &ukraine(),
        "worst_station_coverage = 0.85 ",
        "worst_station_coverage = 0.2 ",
    );
    let s = Scenario::from_toml_str(&t, "case.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.file.targets.worst_station_presence, Some(0.95));
    assert_eq!(s.file.targets.worst_station_coverage, Some(0.2));
}

#[test]
fn an_unknown_named_target_is_located_and_lists_the_valid_names() {
    let t = ukraine_with_metric_targets("\"station_presence[Kharkov]\" = 0.95");
    let line = t.lines().count();
    assert_error(
        &t,
        &[
            &format!("case.toml:{line}:1: error: targets.metrics.station_presence[Kharkov]"),
            "not a per-post or per-point metric",
            "`station_presence[Kharkiv]`",
            "`station_coverage[Kherson]`",
            "`qra_coverage[Rzeszów QRA]`",
            "`worst_station_presence`",
        ],
    );
    // A metric of the scenario that is not a single post's time fraction is refused too.
    assert_error(
        &ukraine_with_metric_targets("\"sorties_per_day\" = 0.5"),
        &["targets.metrics.sorties_per_day", "valid names:"],
    );
    // A post that does not exist in this scenario (ukraine has no tanker track of that name).
    assert_error(
        &ukraine_with_metric_targets("\"tanker_coverage[Nowhere]\" = 0.5"),
        &["targets.metrics.tanker_coverage[Nowhere]", "valid names:"],
    );
}

#[test]
fn named_and_worst_station_targets_must_be_fractions() {
    let t = ukraine_with_metric_targets("\"station_coverage[Donbas]\" = 1.5");
    let line = t.lines().count();
    assert_error(
        &t,
        &[
            &format!("case.toml:{line}:1: error: targets.metrics.station_coverage[Donbas]"),
            "must be a fraction in [0, 1], got 1.5",
        ],
    );
    let t = edit(
        &ukraine(),
        "worst_station_presence = 0.95 ",
        "worst_station_presence = -0.1 ",
    );
    let line = 1 + t
        .lines()
        .position(|l| l.starts_with("worst_station_presence"))
        .unwrap();
    assert_error(
        &t,
        &[
            &format!("case.toml:{line}:1: error: targets.worst_station_presence"),
            "must be a fraction in [0, 1], got -0.1",
        ],
    );
    assert_error(
        &edit(
            &ukraine(),
            "worst_station_coverage = 0.85 ",
            "worst_station_coverage = 2 ",
        ),
        &[
            "targets.worst_station_coverage",
            "must be a fraction in [0, 1], got 2",
        ],
    );
    // The same target given both ways is refused (ukraine names worst_station_presence).
    let t = ukraine_with_metric_targets("\"worst_station_presence\" = 0.5");
    assert_error(
        &t,
        &["targets.metrics.worst_station_presence", "give it once"],
    );
}

#[test]
fn a_tanker_track_too_far_from_its_station_to_fly_back_and_home_is_refused() {
    // A fighter filled at the track must still reach the station and get home from it; with the
    // Kharkiv AAR track 2,500 km from the station, a Typhoon cannot (and used to run dry).
    let t = edit(
        &ukraine(),
        "position = [50.06, 35.40]",
        "position = [50.06, 0.0]",
    );
    assert_error(
        &t,
        &[
            "error: cap_stations[0].tanker_track: station `Kharkiv`: tanker track `Kharkiv AAR`",
            "cannot fly back to the station and home to Rzeszów",
            "move the track nearer the station",
        ],
    );
}

#[test]
fn a_cover_target_without_any_radar_is_refused_and_a_vacuous_target_is_named() {
    // The textbook has no radar: the front is never covered, so a cover target could never be
    // met (it used to count as always met).
    assert_error(
        &edit(
            &textbook(),
            "cap_coverage = 0.99 ",
            "cap_coverage = 0.99\nfront_coverage_low = 0.5 ",
        ),
        &[
            "targets.front_coverage_low",
            "no AEW orbit and no ground radar, so the front is never covered",
        ],
    );
    // No AEW orbit, no tanker track, no QRA posture: their targets are met by default, and the
    // warnings say so.
    let t = edit(
        &textbook(),
        "cap_coverage = 0.99 ",
        "cap_coverage = 0.99\naew_coverage = 0.9\ntanker_coverage = 0.9\nqra_coverage = 0.9 ",
    );
    let s = Scenario::from_toml_str(&t, "case.toml").unwrap_or_else(|e| panic!("{e}"));
    let w: Vec<String> = s.warnings.iter().map(|d| d.to_string()).collect();
    for (key, what) in [
        ("aew_coverage", "AEW orbits"),
        ("tanker_coverage", "tanker tracks"),
        ("qra_coverage", "QRA postures"),
    ] {
        assert!(
            w.iter().any(|l| l.contains(&format!("targets.{key}"))
                && l.contains(&format!("no {what}, so it is always met"))),
            "{w:?}"
        );
    }
}

#[test]
fn names_with_control_characters_are_refused() {
    // Each name written with a TOML escape: a carriage return, a bell, a NUL.
    for (toml_name, code) in [
        ("Home\\r", "U+000D"),
        ("Ho\\u0007me", "U+0007"),
        ("Home\\u0000", "U+0000"),
    ] {
        assert_error(
            &edit(
                &textbook(),
                "name = \"Home\"",
                &format!("name = \"{toml_name}\""),
            ),
            &["bases[0].name", "contains a control character", code],
        );
    }
}

#[test]
fn down_periods_and_repairs_shorter_than_a_minute_are_refused() {
    // A mean down time of 1e-9 h made a replication's events grow without end (it passed check
    // and ran for ever); so did a near-certain ground abort with a 1e-9 h repair.
    assert_error(
        &edit(
            &textbook(),
            "availability = { model = \"perfect\" }",
            "availability = { model = \"mc_rate\", mc_rate = 0.5, mean_down_h = 1e-9 }",
        ),
        &[
            "availability.mean_down_h",
            "at least a minute",
            "MIN_DOWN_H",
        ],
    );
    assert_error(
        &edit(
            &textbook(),
            "availability = { model = \"perfect\" }",
            "availability = { model = \"failures\", failures_per_flight_hour = 0.1, repair_h = 1e-9, ground_abort_probability = 0.999999999 }",
        ),
        &["availability.repair_h", "at least a minute"],
    );
}

#[test]
fn extra_numbers_duplicate_ids_and_codes_and_an_alert_larger_than_its_squadron_are_named() {
    // A third number in a position or in hours was dropped in silence.
    assert_error(
        &edit(
            &textbook(),
            "position = [50.0, 20.0]",
            "position = [50.0, 20.0, 7.0]",
        ),
        &["bases[0].position", "two numbers; got 3 numbers"],
    );
    assert_error(
        &edit(
            &textbook(),
            "element = 2",
            "element = 2\nhours = [6, 22, 23]",
        ),
        &["cap_stations[0].hours", "two numbers; got 3 numbers"],
    );
    // Two [[aircraft]] entries with one id: the later replaced the earlier in silence.
    let twice = textbook().replacen(
        "[[squadrons]]",
        "[[aircraft]]\nid = \"textbook_fighter\"\nbased_on = \"f16\"\n\n[[squadrons]]",
        1,
    );
    assert_error(
        &twice,
        &[
            "aircraft[1].id",
            "the id `textbook_fighter` is also that of aircraft[0]",
        ],
    );
    // Two bases with one ICAO code.
    assert_error(
        &ukraine().replacen("icao = \"EPMM\"", "icao = \"EPRZ\"", 1),
        &[
            "bases[1].icao",
            "the ICAO code `EPRZ` is also that of bases[0]",
        ],
    );
    // More aircraft on alert than the squadron has: a warning.
    let t = edit(
        &ukraine(),
        "name = \"Polish F-35A\"\naircraft = \"f35a\"\nbase = \"EPRZ\"              # F-35s stand at Rzeszów-Jasionka [S], where the QRA posture is named\naircraft_count = 12",
        "name = \"Polish F-35A\"\naircraft = \"f35a\"\nbase = \"EPRZ\"\naircraft_count = 1",
    );
    let s = Scenario::from_toml_str(&t, "case.toml").unwrap_or_else(|e| panic!("{e}"));
    let w: Vec<String> = s.warnings.iter().map(|d| d.to_string()).collect();
    assert!(
        w.iter()
            .any(|l| l.contains("qra[0].on_alert") && l.contains("can never be held in full")),
        "{w:?}"
    );
}

#[test]
fn a_value_set_by_path_is_named_in_its_errors_and_a_number_written_whole_takes_a_fraction() {
    // Errors of `with_value` (as `sweep --set` and Python's `with_value` use it) are not at a
    // place in the file: they name the scenario and the value set, never `0:0`.
    let s = Scenario::load("baltic").unwrap();
    let text = |path: &str, v: f64| s.with_value(path, v).unwrap_err().to_string();
    let e = text("squadrons[0].aircraft_count", 12.5);
    assert!(
        e.starts_with(
            "bundled:baltic with squadrons[0].aircraft_count = 12.5: error: squadrons[0].aircraft_count: `squadrons[0].aircraft_count` is a whole number; 12.5 is not"
        ),
        "{e}"
    );
    // A check of the whole scenario after the value is set, and a type field.
    let e = text("aircraft_types.f16.fuel_kg", 12.5);
    assert!(
        e.starts_with("bundled:baltic with aircraft_types.f16.fuel_kg = 12.5: error: aircraft[0].reserve_fuel_kg: must be less than fuel_kg (12.5)"),
        "{e}"
    );
    for e in [
        e,
        text("squadrons[0].nope", 1.0),
        text("aircraft_types.f16", 1.0),
    ] {
        assert!(!e.contains(":0:0"), "{e}");
    }
    // A number the file writes whole (`duration_days = 60`, `hours = [6, 22]`) is a real number:
    // a fraction is taken, and the set scenario keeps its origin.
    let set = s.with_value("scenario.duration_days", 12.5).unwrap();
    assert_eq!(set.duration_h, 300.0);
    assert_eq!(set.origin, "bundled:baltic");
    let r = Scenario::load("reference").unwrap();
    let set = r.with_value("cap_stations[0].hours[1]", 12.5).unwrap();
    assert_eq!(set.file.cap_stations[0].hours, Some([6.0, 12.5]));
}
