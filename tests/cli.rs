//! The command-line tool: exit codes, human and JSON output, errors that name the place.

use std::process::{Command, Output};

fn airpolicing(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_airpolicing"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn scenarios_lists_the_bundled_set() {
    let o = airpolicing(&["scenarios"]);
    assert_eq!(o.status.code(), Some(0));
    for name in [
        "ukraine",
        "ukraine_qra",
        "ukraine_west",
        "ukraine_shield",
        "ukraine_1250",
        "poland_2025",
        "mq9_orbit",
        "baltic",
        "textbook",
        "reference",
    ] {
        assert!(stdout(&o).contains(name), "{name}");
    }
}

#[test]
fn check_accepts_every_bundled_scenario_by_name() {
    for name in [
        "ukraine",
        "ukraine_qra",
        "ukraine_west",
        "ukraine_shield",
        "ukraine_1250",
        "poland_2025",
        "mq9_orbit",
        "baltic",
        "textbook",
        "reference",
    ] {
        let o = airpolicing(&["check", name]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        assert!(stdout(&o).contains("valid"));
    }
}

#[test]
fn check_accepts_a_scenario_file_by_path() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/textbook.toml");
    let o = airpolicing(&["check", path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn bad_scenario_exits_2_with_file_line_column_and_field() {
    let dir = std::env::temp_dir().join(format!("airpolicing-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.toml");
    let text = airpolicing::scenario::bundled("textbook")
        .unwrap()
        .replace("aircraft_count = 6", "aircraft_count = -6");
    std::fs::write(&path, text).unwrap();
    let o = airpolicing(&["estimate", path.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("bad.toml:50:18: error: squadrons[0].aircraft_count"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(stdout(&o).is_empty());
}

#[test]
fn unknown_scenario_and_bad_usage_exit_2() {
    let o = airpolicing(&["check", "atlantis"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bundled scenarios are: ukraine"),
        "{}",
        stderr(&o)
    );
    let o = airpolicing(&["estimate"]);
    assert_eq!(o.status.code(), Some(2));
    let o = airpolicing(&["fly"]);
    assert_eq!(o.status.code(), Some(2));
    // A miscased or mistyped name, or a missing file named like a bundled scenario, is met with
    // the nearest name.
    for asked in ["Ukraine", "ukrane", "ukrane.toml"] {
        let o = airpolicing(&["check", asked]);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains("did you mean `ukraine`?"),
            "{asked}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn scenarios_show_prints_a_bundled_scenario_that_loads_as_it_is() {
    let o = airpolicing(&["scenarios", "--show", "baltic"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert_eq!(text, airpolicing::scenario::bundled("baltic").unwrap());
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("my-theatre.toml");
    std::fs::write(&copy, &text).unwrap();
    let o = airpolicing(&["check", copy.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = airpolicing(&["scenarios", "--show", "Baltic"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `baltic`?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let o = airpolicing(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let text = stdout(&o);
        for word in ["estimate", "sweep", "tornado", "report"] {
            assert!(text.contains(word), "{shell} completions lack {word}");
        }
    }
    let o = airpolicing(&["completions", "cmd.exe"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn missing_file_exits_2_naming_it() {
    let o = airpolicing(&["check", "no/such/file.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no/such/file.toml: cannot read"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn estimate_prints_the_rotation_table() {
    let o = airpolicing(&["estimate", "textbook"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains(
        "aircraft in rotation = element × ceil(cycle ÷ (on station − refuel − overlap))"
    ));
    assert!(out.contains("Answer: 6 aircraft in all"), "{out}");
}

#[test]
fn estimate_fits_a_hundred_columns_and_says_what_its_columns_mean() {
    for name in airpolicing::scenario::bundled_names() {
        let o = airpolicing(&["estimate", name]);
        assert_eq!(o.status.code(), Some(0));
        let out = stdout(&o);
        for line in out.lines() {
            assert!(line.chars().count() <= 100, "{name}: {line}");
        }
        for unexplained in ["N/A", " FH/", "AAR kg", "t_os h", " C h"] {
            assert!(
                !out.contains(unexplained),
                "{name}: `{unexplained}` in\n{out}"
            );
        }
        let wide = stdout(&airpolicing(&["estimate", name, "--wide"]));
        assert!(wide.contains("sorties/day"), "{name}");
        assert!(wide.lines().count() >= out.lines().count() - 2, "{name}");
    }
    let out = stdout(&airpolicing(&["estimate", "ukraine"]));
    for said in [
        "element: fighters on the station at once",
        "refuel: hours per sortie",
        "available: the mission-capable share",
    ] {
        assert!(out.contains(said), "`{said}` missing from\n{out}");
    }
    let wide = stdout(&airpolicing(&["estimate", "ukraine", "--wide"]));
    assert!(wide.contains("internal fuel h") && wide.contains("÷ available"));
}

#[test]
fn estimate_json_is_one_document_matching_the_library() {
    let o = airpolicing(&["estimate", "ukraine", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("stdout is JSON");
    let s = airpolicing::scenario::Scenario::load("ukraine").unwrap();
    let e = airpolicing::analytic::estimate(&s);
    assert_eq!(doc["estimate"], serde_json::to_value(&e).unwrap());
    assert_eq!(doc["estimate"]["stations"].as_array().unwrap().len(), 4);
}

#[test]
fn run_prints_a_summary_with_intervals() {
    let o = airpolicing(&["run", "textbook", "-n", "4"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("95 % CI of the mean"), "{out}");
    // Grouped: coverage first, then a row per station with its two measures.
    assert!(out.contains("Coverage: the share of the time"), "{out}");
    assert!(out.contains("Per CAP station (means)"), "{out}");
    let row = out
        .lines()
        .find(|l| l.trim_start().starts_with("East "))
        .unwrap_or_else(|| panic!("no row for station East in\n{out}"));
    assert_eq!(row.matches('%').count(), 2, "{row}");
    assert!(out.contains("worst station fully manned"), "{out}");
    assert!(out.contains("worst station with a fighter on it"), "{out}");
    assert!(out.contains("100.0 %"), "{out}");
    assert!(
        stderr(&o).contains("replications in"),
        "timings go to stderr"
    );
}

#[test]
fn run_says_who_made_the_kills_layer_by_layer() {
    let o = airpolicing(&["run", "poland_2025", "-n", "4"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Who made the kills"), "{out}");
    for layer in ["fighters ", "Patriot at Rzeszów "] {
        let row = out
            .lines()
            .find(|l| l.trim_start().starts_with(layer))
            .unwrap_or_else(|| panic!("no row for {layer} in\n{out}"));
        assert_eq!(row.matches('%').count(), 1, "{row}");
    }
}

#[test]
fn run_names_sectors_where_the_scenario_does_and_numbers_them_where_it_does_not() {
    let out = stdout(&airpolicing(&["run", "ukraine", "-n", "2"]));
    for name in [
        "Kharkiv (1)",
        "Donbas (2)",
        "Zaporizhzhia (3)",
        "Kherson (4)",
    ] {
        assert!(out.contains(name), "{name} missing from\n{out}");
    }
    assert!(!out.contains("sector 1"), "{out}");
    let out = stdout(&airpolicing(&["run", "baltic", "-n", "2"]));
    assert!(out.contains("sector 1"), "{out}");
    // A list of names that does not match the sectors is refused, naming the field.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    let text = airpolicing::scenario::bundled("ukraine")
        .unwrap()
        .replace("sector_names = [\"Kharkiv\", ", "sector_names = [");
    std::fs::write(&bad, text).unwrap();
    let o = airpolicing(&["check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("front.sector_names"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("must name every sector, 4"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn run_json_has_every_metric_with_its_interval() {
    let o = airpolicing(&["run", "baltic", "-n", "5", "--json", "--seed", "9"]);
    assert_eq!(o.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["seed"], 9);
    assert_eq!(doc["replications"]["end"], 5);
    let metrics = doc["metrics"].as_array().unwrap();
    let qra = metrics
        .iter()
        .find(|m| m["name"] == "qra_coverage")
        .unwrap();
    for key in [
        "mean", "sd", "ci_low", "ci_high", "min", "p05", "p50", "p95", "max",
    ] {
        assert!(qra[key].is_number(), "{key}");
    }
}

#[test]
fn run_writes_a_trace_in_csv_and_json_lines() {
    let dir = std::env::temp_dir().join(format!("airpolicing-trace-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("day.csv");
    let jsonl = dir.join("day.jsonl");
    for p in [&csv, &jsonl] {
        let o = airpolicing(&[
            "run",
            "textbook",
            "-n",
            "1",
            "--trace",
            p.to_str().unwrap(),
            "--trace-rep",
            "0",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines = std::fs::read_to_string(&jsonl).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let mut rows = text.lines();
    assert_eq!(
        rows.next(),
        Some("time_h,squadron,tail,event,lat,lon,fuel_kg,task")
    );
    let first: Vec<&str> = rows.next().unwrap().split(',').collect();
    assert_eq!(first[1..4], ["1 Sqn", "0", "launch"]);
    assert_eq!(first[7], "East");
    // Every launch is followed by a landing (or the run ends first).
    let launches = text.matches(",launch,").count();
    let landings = text.matches(",landed,").count();
    assert!(
        launches >= landings && launches - landings <= 4,
        "{launches} launches, {landings} landings"
    );
    let first: serde_json::Value = serde_json::from_str(lines.lines().next().unwrap()).unwrap();
    assert_eq!(first["event"], "launch");
    assert_eq!(first["fuel_kg"], 5000.0);
    assert_eq!(lines.lines().count(), text.lines().count() - 1);
}

#[test]
fn run_refuses_an_output_in_a_missing_directory_before_working() {
    let o = airpolicing(&[
        "run",
        "ukraine",
        "-n",
        "1000000",
        "--csv",
        "no/such/dir/out.csv",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));
}

#[test]
fn run_rejects_bad_ranges_and_thread_counts() {
    let o = airpolicing(&["run", "textbook", "--reps", "5..5"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("empty"), "{}", stderr(&o));
    let o = airpolicing(&["run", "textbook", "--threads", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("at least one thread"), "{}", stderr(&o));
}

#[test]
fn size_finds_the_rotation_count_on_textbook_and_prints_json() {
    let o = airpolicing(&["size", "textbook", "-n", "4"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("1 Sqn"), "{out}");
    assert!(out.contains("6 → 1.00"), "{out}");
    let o = airpolicing(&["size", "textbook", "-n", "4", "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["squadrons"][0]["required"], 6);
    assert_eq!(doc["squadrons"][0]["closed_form"], 6);
    let o = airpolicing(&["size", "textbook", "--squadron", "2 Sqn"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown squadron `2 Sqn`"));
}

#[test]
fn sequential_sizing_says_what_it_ran_and_what_its_error_is() {
    let o = airpolicing(&["size", "baltic", "--mix", "-n", "200", "--sequential"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for words in [
        "up to 200 replications",
        "Sequential testing: each candidate ran 20, 40, 80, 160 or all 200 replications",
        "Clopper–Pearson interval at 98.75 % per",
        "with probability at most 5 %",
        "[80 replications]",
        // Every stage, where it started and ended, what it met and ran; the last one's steps
        // follow. The first stage meets 4, 3 and (exchanging) 5 aircraft on 20 replications; 4
        // and 3 run 20 more at 40, where 3 is clearly short; 4 runs 40 more at 80, where it is
        // clearly enough, so the last two stages run nothing: 140 in all.
        "      20 reps: 4 → 4 in 1 step; 3 new candidates, 60 replications\n",
        "      40 reps: 4 → 4 in 1 step; 0 new candidates, 40 replications\n",
        "      80 reps: 4 → 4 in 1 step; 0 new candidates, 40 replications\n",
        "     200 reps: 4 → 4 in 1 step; 0 new candidates, 0 replications (below)",
        "3 candidates ran\n140 replications in all",
        "The last stage, step by step",
    ] {
        assert!(out.contains(words), "{words}: {out}");
    }
    // The plain search says nothing of it.
    let plain = stdout(&airpolicing(&["size", "baltic", "--mix", "-n", "200"]));
    assert!(
        !plain.contains("Sequential")
            && !plain.contains("up to")
            && !plain.contains("The stages")
            && plain.contains("The search, step by step"),
        "{plain}"
    );
    let o = airpolicing(&[
        "size",
        "baltic",
        "-n",
        "200",
        "--sequential",
        "--sequential-error",
        "0.1",
        "--json",
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["sequential"]["first"], 20);
    assert_eq!(doc["sequential"]["error"], 0.1);
    assert_eq!(doc["squadrons"][0]["required"], 4);
    let o = airpolicing(&[
        "size",
        "baltic",
        "--sequential",
        "--sequential-error",
        "1.5",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--sequential-error must be at least 0 (0: no candidate stops early) and below 1, got 1.5"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn sweep_writes_one_csv_row_per_point() {
    let dir = std::env::temp_dir().join(format!("airpolicing-sweep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sweep.csv");
    let o = airpolicing(&[
        "sweep",
        "baltic",
        "--set",
        "violations.rate_per_day=0.2,0.8",
        "--set",
        "squadrons[0].aircraft_count=4,8",
        "-n",
        "6",
        "--csv",
        path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5);
    assert!(
        lines[0].starts_with("violations.rate_per_day,squadrons[0].aircraft_count,meets_standard,")
    );
    assert!(lines[1].starts_with("0.2,4,"));
    assert!(lines[4].starts_with("0.8,8,"));
    assert!(stdout(&o).contains("qra_coverage"));
}

#[test]
fn sweep_over_a_missing_or_non_numeric_field_is_a_clear_error() {
    let o = airpolicing(&["sweep", "baltic", "--set", "violations.rate=1,2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no field `rate` in `violations`; fields there:"),
        "{}",
        stderr(&o)
    );
    let o = airpolicing(&["sweep", "baltic", "--set", "scenario.name=1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is a string, not a number"),
        "{}",
        stderr(&o)
    );
    let o = airpolicing(&["sweep", "baltic", "--set", "violations.rate_per_day"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("FIELD=V1,V2"), "{}", stderr(&o));
}

#[test]
fn a_run_over_the_limits_fails_at_once_naming_the_limit() {
    let o = airpolicing(&["run", "ukraine", "-n", "10000000"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("MAX_REPLICATION_DAYS"), "{err}");
    assert!(err.contains("3.000e8 replication-days"), "{err}");
    let o = airpolicing(&["size", "baltic", "-n", "10000000"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("MAX_REPLICATION_DAYS"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn run_says_what_decides_the_violations_left_unanswered_where_there_are_some() {
    // baltic's one detachment leaves about half of what it sees unanswered: the violators turn
    // back before a pair 15 minutes from airborne can reach them. The output says so under the
    // table, and says nothing of the kind where every violation seen is met (poland_2025).
    let o = airpolicing(&["run", "baltic", "-n", "8"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let why = "A violation seen goes unanswered when no responder can reach";
    let table = out
        .find("violations seen but not intercepted")
        .expect("the share");
    assert!(out.find(why).is_some_and(|w| w > table), "{out}");
    assert!(out.contains("([violations.types]), the alert's"), "{out}");
    let o = airpolicing(&["run", "poland_2025", "-n", "2"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stdout(&o).contains(why), "{}", stdout(&o));
}

#[test]
fn run_prints_the_standard_and_names_the_target_that_binds() {
    // baltic held to a 99 % alert, which some months miss.
    let dir = std::env::temp_dir().join(format!("airpolicing-binds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("baltic99.toml");
    let text = airpolicing::scenario::bundled("baltic")
        .unwrap()
        .replace("qra_coverage = 0.95 ", "qra_coverage = 0.99 ");
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap();
    let o = airpolicing(&["run", path, "-n", "8"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("The standard (the scenario's [targets]):"),
        "{out}"
    );
    assert!(out.contains("replications meeting it"), "{out}");
    // baltic's one target, in plain words, with its goal and the share meeting it.
    let line = out
        .lines()
        .find(|l| l.contains("every QRA alert held") && l.contains("at least 99.0 %"))
        .unwrap_or_else(|| panic!("no line for the QRA target in:\n{out}"));
    assert!(line.contains(" of 8 ("), "{line}");
    assert!(out.contains("All of them were met in"), "{out}");
    assert!(
        out.contains("the one that binds: every QRA alert held"),
        "{out}"
    );
    // The same in the JSON document.
    let o = airpolicing(&["run", path, "-n", "8", "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let st = &doc["standard"];
    assert_eq!(st["binds"], "qra_coverage");
    assert_eq!(st["targets"][0]["name"], "qra_coverage");
    assert_eq!(st["targets"][0]["goal"], 0.99);
    assert_eq!(st["targets"][0]["replications"], 8);
    let met = st["targets"][0]["met"].as_u64().unwrap();
    assert!(met < 8, "a 99 % alert is missed in some months: {st}");
    assert!(st["met_all"].as_u64().unwrap() <= met);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn size_names_the_target_that_decides_the_answer_or_that_was_never_reached() {
    let o = airpolicing(&["size", "baltic", "-n", "10"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Decided by: every QRA alert held"), "{out}");
    assert!(out.contains("met at"), "{out}");
    // "goal at least 99 %, met at 4 aircraft 90 %" reads as a goal missed unless the output says
    // what each percentage is a share of: once, before the first table of the standard.
    let how = "each goal is what one replication must reach";
    assert_eq!(out.matches(how).count(), 1, "{out}");
    assert!(out.find(how) < out.find("The standard, "), "{out}");
    assert!(
        out.contains("reached together in at least 90.0 % of the"),
        "{out}"
    );
    let o = airpolicing(&["size", "baltic", "--mix", "-n", "10"]);
    let out = stdout(&o);
    assert_eq!(out.matches(how).count(), 1, "{out}");
    assert!(
        out.find(how) < out.find("The standard at the answer"),
        "{out}"
    );
    let o = airpolicing(&["size", "baltic", "-n", "10", "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let q = &doc["squadrons"][0];
    assert_eq!(q["decided_by"], "qra_coverage");
    assert_eq!(q["curve"][0]["met_each"].as_array().unwrap().len(), 1);
    // With too few aircraft allowed, the target that was never reached is named.
    let o = airpolicing(&["size", "baltic", "-n", "10", "--max-aircraft", "2"]);
    let out = stdout(&o);
    assert!(
        out.contains("Not reached: no count tried met every QRA alert held"),
        "{out}"
    );
    let o = airpolicing(&[
        "size",
        "baltic",
        "-n",
        "10",
        "--max-aircraft",
        "2",
        "--json",
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        doc["squadrons"][0]["never_reached"],
        serde_json::json!(["qra_coverage"])
    );
}

#[test]
fn size_says_why_an_answer_is_below_the_closed_form() {
    // ukraine's standard asks the full pair on every station 85 % of the time, not all of it as
    // the closed form keeps it, so fewer Typhoons do than the closed form's eleven; the output
    // says so, and names the goal.
    let o = airpolicing(&["size", "ukraine", "--squadron", "RAF Typhoon", "-n", "5"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Below the closed form: RAF Typhoon ("),
        "{out}"
    );
    // The sentence is wrapped at 100 columns.
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("asks the full element of a station only 85.0 % of the time"),
        "{out}"
    );
    // Without a full-element target it says that the standard asks none, and how to ask.
    let dir = std::env::temp_dir().join(format!("airpolicing-below-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("ukraine.toml");
    let text: String = airpolicing::scenario::bundled("ukraine")
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("worst_station_coverage = "))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap();
    let o = airpolicing(&["size", path, "--squadron", "RAF Typhoon", "-n", "5"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Below the closed form: RAF Typhoon ("),
        "{out}"
    );
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("asks no station to keep its full element")
            && words.contains("add `worst_station_coverage` to [targets]"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).ok();
    // Where the answer is the closed form, nothing is said.
    let o = airpolicing(&["size", "textbook", "-n", "4"]);
    assert!(
        !stdout(&o).contains("Below the closed form"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn an_interval_is_never_printed_below_zero() {
    // ukraine almost never misses a detection (one replication in 200 misses one): the
    // t-interval of that fraction reaches below 0, and is shown from 0.
    let o = airpolicing(&["run", "ukraine", "-n", "200"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("violations never detected"), "{out}");
    assert!(!out.contains("-0.0 %") && !out.contains("−0.0"), "{out}");
    // The JSON holds the same bounds: over three replications of `reference` the t interval of
    // a fraction near 1 used to reach 112 %.
    let o = airpolicing(&["run", "reference", "-n", "3", "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut held_at_one = 0;
    for m in doc["metrics"].as_array().unwrap() {
        let (Some(lo), Some(hi)) = (m["ci_low"].as_f64(), m["ci_high"].as_f64()) else {
            continue; // no interval (NaN is written as null)
        };
        let name = m["name"].as_str().unwrap();
        assert!(lo >= 0.0, "{name}: {lo}");
        if airpolicing::sim::metrics::is_fraction(name) {
            assert!(hi <= 1.0, "{name}: {hi}");
            held_at_one += usize::from(hi == 1.0);
        }
    }
    assert!(
        held_at_one > 0,
        "some fraction's interval reaches its bound"
    );
}

#[test]
fn a_full_disk_on_stdout_is_an_error_naming_it_and_a_closed_pipe_ends_quietly() {
    // /dev/full: every write fails with "no space left on device".
    if let Ok(full) = std::fs::File::create("/dev/full") {
        for args in [
            &["check", "textbook"][..],
            &["estimate", "baltic"],
            &["scenarios"],
        ] {
            let o = Command::new(env!("CARGO_BIN_EXE_airpolicing"))
                .args(args)
                .stdout(full.try_clone().unwrap())
                .output()
                .unwrap();
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
            assert!(err.contains("cannot write to standard output"), "{err}");
            assert!(
                !err.contains("internal error") && !err.contains("panicked"),
                "{err}"
            );
        }
    }
    // The reader goes away before the answer is written (`| head` that has read enough).
    let mut child = Command::new(env!("CARGO_BIN_EXE_airpolicing"))
        .args(["run", "ukraine", "-n", "100", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        !err.contains("internal error") && !err.contains("panicked"),
        "{err}"
    );
}

#[test]
fn endless_inputs_and_absurd_thread_counts_are_refused_at_once() {
    // A scenario that never ends (/dev/zero, or a pipe fed by `yes`) is read only past the limit.
    if std::path::Path::new("/dev/zero").exists() {
        let o = airpolicing(&["check", "/dev/zero"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains("more than 4194304 bytes, the limit"),
            "{}",
            stderr(&o)
        );
        // A checkpoint on a device is refused before it is read (or written).
        let o = airpolicing(&[
            "run",
            "textbook",
            "-n",
            "2",
            "--checkpoint",
            "/dev/zero",
            "--resume",
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("is not a regular file"),
            "{}",
            stderr(&o)
        );
        // Whatever is read is read only past its limit.
        let zeros = airpolicing::scenario::read_at_most(std::path::Path::new("/dev/zero"), 10);
        assert_eq!(zeros.unwrap().len(), 11);
    }
    // Threads: at most scenario::limits::MAX_THREADS, refused before any is started.
    for threads in ["10000", "18446744073709551615"] {
        let o = airpolicing(&["run", "textbook", "-n", "2", "--threads", threads]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("at most 1024 (scenario::limits::MAX_THREADS)"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn outputs_that_collide_or_are_not_plain_files_are_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("tb.toml"),
        airpolicing::scenario::bundled("textbook").unwrap(),
    )
    .unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_airpolicing"))
            .current_dir(d)
            .args(args)
            .output()
            .unwrap()
    };
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "run",
                "tb.toml",
                "-n",
                "2",
                "--csv",
                "x.csv",
                "--checkpoint",
                "./x.csv",
            ],
            "--csv and --checkpoint name the same file",
        ),
        (
            &[
                "run", "tb.toml", "-n", "2", "--csv", "r.html", "--report", "r.html",
            ],
            "--csv and --report name the same file",
        ),
        (
            &["run", "tb.toml", "-n", "2", "--csv", "tb.toml"],
            "--csv names the scenario file",
        ),
        (
            &["run", "tb.toml", "-n", "2", "--csv", "."],
            "is a directory",
        ),
        (
            &["size", "tb.toml", "-n", "2", "--report", "tb.toml"],
            "--report names the scenario file",
        ),
    ];
    for (args, wanted) in cases {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(wanted), "{args:?}: {}", stderr(&o));
    }
    // The scenario is untouched, and nothing was written.
    let text = std::fs::read_to_string(d.join("tb.toml")).unwrap();
    assert_eq!(text, airpolicing::scenario::bundled("textbook").unwrap());
    assert!(!d.join("x.csv").exists() && !d.join("r.html").exists());
    // A device and a symbolic link are refused, not replaced through a rename.
    if std::path::Path::new("/dev/null").exists() {
        let o = run(&["run", "tb.toml", "-n", "2", "--csv", "/dev/null"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains("is not a regular file"),
            "{}",
            stderr(&o)
        );
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("target.csv", d.join("link.csv")).unwrap();
        let o = run(&["run", "tb.toml", "-n", "2", "--csv", "link.csv"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("is a symbolic link"), "{}", stderr(&o));
        assert!(
            std::fs::symlink_metadata(d.join("link.csv"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
}

#[test]
fn two_checkpointed_runs_writing_the_same_csv_do_not_share_a_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let start = |cp: &str| {
        Command::new(env!("CARGO_BIN_EXE_airpolicing"))
            .current_dir(d)
            .args([
                "run",
                "baltic",
                "-n",
                "3000",
                "--csv",
                "rows.csv",
                "--checkpoint",
                cp,
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (start("a.json"), start("b.json"));
    for child in [a, b] {
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    // Both wrote the same complete file: a header and one row per replication, all as wide.
    let text = std::fs::read_to_string(d.join("rows.csv")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3001);
    let width = lines[0].split(',').count();
    assert!(lines.iter().all(|l| l.split(',').count() == width));
}

#[test]
fn names_that_look_like_formulas_are_neutralised_in_csv_files() {
    // A squadron named `=1+1` (or `+`, `-`, `@`) is written `'=1+1` in the trace, so that a
    // spreadsheet shows it rather than evaluating it.
    let dir = tempfile::tempdir().unwrap();
    let text = airpolicing::scenario::bundled("textbook")
        .unwrap()
        .replace("name = \"1 Sqn\"", "name = \"=1+1\"")
        .replace("squadrons = [\"1 Sqn\"]", "squadrons = [\"=1+1\"]");
    let path = dir.path().join("f.toml");
    std::fs::write(&path, text).unwrap();
    let trace = dir.path().join("trace.csv");
    let o = airpolicing(&[
        "run",
        path.to_str().unwrap(),
        "-n",
        "1",
        "--trace",
        trace.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = std::fs::read_to_string(&trace).unwrap();
    assert!(
        csv.contains(",\"'=1+1\","),
        "{}",
        &csv[..csv.len().min(400)]
    );
    assert!(!csv.contains(",=1+1,"));
}

#[test]
fn long_jobs_show_progress_on_a_terminal_only_and_quiet_keeps_standard_error_empty() {
    let sweep = [
        "sweep",
        "baltic",
        "--set",
        "violations.rate_per_day=0.2,0.4",
        "--size",
        "-n",
        "4",
    ];
    // Piped: no bar, the closing note only.
    let o = airpolicing(&sweep);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("swept 2 points"), "{}", stderr(&o));
    // The table says where each point's search started.
    assert!(
        stdout(&o).contains("each later point's from the answer of the point before it"),
        "{}",
        stdout(&o)
    );
    assert!(!stderr(&o).contains("/2 points"), "{}", stderr(&o));
    // --quiet: nothing on standard error, the same answer on standard output.
    let mut quiet_args = sweep.to_vec();
    quiet_args.push("--quiet");
    let q = airpolicing(&quiet_args);
    assert_eq!(q.status.code(), Some(0));
    assert_eq!(stderr(&q), "");
    assert_eq!(q.stdout, o.stdout);
    // On a terminal (script(1) gives the command one): a bar over the points, and the sizing
    // search's candidates as they are scored.
    let exe = env!("CARGO_BIN_EXE_airpolicing");
    let on_terminal = |args: &[&str]| -> String {
        let o = Command::new("script")
            .args(["-qec", &format!("{exe} {}", args.join(" ")), "/dev/null"])
            .output()
            .expect("script(1) from util-linux runs");
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let shown = on_terminal(&sweep);
    assert!(shown.contains("/2 points"), "{shown}");
    let shown = on_terminal(&["size", "baltic", "-n", "40"]);
    assert!(
        shown.contains("candidate 1:") && shown.contains("replications meet the standard"),
        "{shown}"
    );
    let shown = on_terminal(&["size", "baltic", "-n", "40", "--quiet"]);
    assert!(!shown.contains("candidate"), "{shown}");
}

#[test]
fn every_answer_fits_a_hundred_columns() {
    for args in [
        &["run", "ukraine", "-n", "2"][..],
        &["run", "baltic", "-n", "3"][..],
        &["size", "baltic", "-n", "10"][..],
        &["size", "baltic", "--mix", "-n", "10"][..],
        &["size", "textbook", "-n", "4"][..],
        &["sustain", "ukraine", "--closed-form"][..],
    ] {
        let o = airpolicing(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        for line in stdout(&o).lines() {
            assert!(line.chars().count() <= 100, "{args:?}: {line}");
        }
    }
}
