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
    for name in ["ukraine", "baltic", "textbook", "reference"] {
        assert!(stdout(&o).contains(name), "{name}");
    }
}

#[test]
fn check_accepts_every_bundled_scenario_by_name() {
    for name in ["ukraine", "baltic", "textbook", "reference"] {
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
    assert!(out.contains("k · ceil(C / (t_os − overlap))"));
    assert!(out.contains("Answer: 6 aircraft in all"), "{out}");
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
