//! Long runs survive interruption: a checkpointed run killed part-way (SIGKILL, as a power loss
//! would) or stopped with Ctrl-C (SIGINT) and then resumed gives output identical, byte for byte,
//! to an uninterrupted run. Checkpoints of another run are refused with a clear error.

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_airpolicing");

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn spawn_in(dir: &Path, args: &[&str]) -> Child {
    Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts")
}

/// Waits until the checkpoint at `path` mentions `key` (some progress is saved).
fn wait_for_progress(child: &mut Child, path: &Path, key: &str) {
    let start = Instant::now();
    loop {
        if std::fs::read_to_string(path).is_ok_and(|t| t.contains(key)) {
            return;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run finished before any progress was saved; give it more work"
        );
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no progress saved"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Sends Ctrl-C (SIGINT) to `child` and waits for it to end.
fn interrupt(child: Child) -> Output {
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    child.wait_with_output().unwrap()
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

const RUN: [&str; 7] = ["run", "baltic", "-n", "6000", "--json", "--csv", "rows.csv"];

#[test]
fn a_killed_run_resumes_to_the_same_bytes() {
    let whole = tempfile::tempdir().unwrap();
    let o = run_in(whole.path(), &RUN);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    let dir = tempfile::tempdir().unwrap();
    let cp = dir.path().join("cp.json");
    let args: Vec<&str> = RUN
        .iter()
        .copied()
        .chain(["--checkpoint", "cp.json"])
        .collect();
    let mut child = spawn_in(dir.path(), &args);
    wait_for_progress(&mut child, &cp, "\"next\"");
    child.kill().unwrap(); // SIGKILL: no chance to clean up
    child.wait().unwrap();
    assert!(
        !dir.path().join("rows.csv").exists(),
        "no half-written output"
    );

    let resumed: Vec<&str> = args.iter().copied().chain(["--resume"]).collect();
    let again = run_in(dir.path(), &resumed);
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert!(
        again.stdout == o.stdout,
        "the JSON differs from an uninterrupted run's"
    );
    assert!(
        read(dir.path(), "rows.csv") == read(whole.path(), "rows.csv"),
        "the CSV differs from an uninterrupted run's"
    );
    assert!(
        !cp.exists(),
        "the checkpoint is removed once the run is complete"
    );
}

#[test]
fn ctrl_c_stops_cleanly_says_how_to_resume_and_the_resumed_sizing_is_identical() {
    // Every candidate on all its replications, and with sequential testing (a candidate scored
    // look by look, each look its own entry in the checkpoint).
    // Enough replications that the search is still running when the first score is written
    // (about 2 s each in the optimised test build).
    interrupted_sizing_resumes(&["size", "baltic", "--mix", "-n", "40000", "--json"]);
    interrupted_sizing_resumes(&[
        "size",
        "baltic",
        "--mix",
        "-n",
        "100000",
        "--sequential",
        "--json",
    ]);
}

fn interrupted_sizing_resumes(args: &[&str]) {
    let whole = tempfile::tempdir().unwrap();
    let o = run_in(whole.path(), args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    let dir = tempfile::tempdir().unwrap();
    let cp = dir.path().join("size.ckpt");
    let with: Vec<&str> = args
        .iter()
        .copied()
        .chain(["--checkpoint", "size.ckpt"])
        .collect();
    let mut child = spawn_in(dir.path(), &with);
    wait_for_progress(&mut child, &cp, "\"scores\"");
    let out = interrupt(child);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("--resume"), "{stderr}");
    assert!(
        out.stdout.is_empty(),
        "nothing printed for an unfinished search"
    );

    let resumed: Vec<&str> = with.iter().copied().chain(["--resume"]).collect();
    let again = run_in(dir.path(), &resumed);
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert!(again.stdout == o.stdout, "the resumed sizing differs");
}

#[test]
fn checkpoints_of_another_run_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = ["run", "textbook", "-n", "4", "--checkpoint", "cp.json"];
    // A finished run removes its checkpoint; --resume then has nothing to continue.
    assert_eq!(run_in(d, &base).status.code(), Some(0));
    let o = run_in(d, &[&base[..], &["--resume"]].concat());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no checkpoint to resume"));

    // An existing checkpoint is not overwritten without --resume.
    std::fs::write(d.join("cp.json"), "{}").unwrap();
    let o = run_in(d, &base);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("add --resume"));

    // A damaged file, and the checkpoint of another command, are named as such.
    std::fs::write(d.join("cp.json"), "not json").unwrap();
    let o = run_in(d, &[&base[..], &["--resume"]].concat());
    assert!(String::from_utf8_lossy(&o.stderr).contains("damaged"));
    // The checkpoint of a run with another seed.
    let saved = r#"{"format":"airpolicing checkpoint 4","command":"run seed=2 reps=0..4 csv=false","scenario_digest":"0"}"#;
    std::fs::write(d.join("cp.json"), saved).unwrap();
    let o = run_in(d, &[&base[..], &["--resume"]].concat());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("not of `run seed=1"), "{err}");
    // A checkpoint of the format before the standard's per-target counts is refused as such.
    let old = r#"{"format":"airpolicing checkpoint 1","command":"run seed=1 reps=0..4 csv=false","scenario_digest":"0","state":{"seed":1}}"#;
    std::fs::write(d.join("cp.json"), old).unwrap();
    let o = run_in(d, &[&base[..], &["--resume"]].concat());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("a checkpoint of format `airpolicing checkpoint 1`"),
        "{err}"
    );
}

#[test]
fn a_checkpoint_edited_by_hand_is_refused_before_it_gives_a_wrong_answer() {
    // Interrupt a long run, then edit its checkpoint as a user might: the next replication, a
    // sum, the sketch's bins. Each is refused on resume, naming the damage; none panics or
    // prints a run that did not happen.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let args = [
        "run",
        "baltic",
        "-n",
        "6000",
        "--json",
        "--checkpoint",
        "cp.json",
    ];
    let mut child = spawn_in(d, &args);
    wait_for_progress(&mut child, &d.join("cp.json"), "\"next\"");
    let out = interrupt(child);
    assert_eq!(out.status.code(), Some(130));
    let saved = std::fs::read_to_string(d.join("cp.json")).unwrap();
    let resume: Vec<&str> = args.iter().copied().chain(["--resume"]).collect();
    type Edit = fn(&str) -> String;
    let edits: [(&str, Edit); 3] = [
        ("next", |t| {
            let i = t.find("\"next\":").unwrap() + 7;
            let j = i + t[i..].find(|c: char| !c.is_ascii_digit()).unwrap();
            format!("{}5999{}", &t[..i], &t[j..])
        }),
        // A 9 before the first metric's sum (a positive number).
        ("sum", |t| t.replacen("\"sum\":", "\"sum\":9", 1)),
        // The sketch's bin offset far outside its bins (it used to panic inside the sketch).
        ("sketch", |t| {
            t.replacen("\"offset\":", "\"offset\":-99999", 1)
        }),
    ];
    for (what, edit) in edits {
        let edited = edit(&saved);
        assert_ne!(edited, saved, "{what}: nothing edited");
        std::fs::write(d.join("cp.json"), &edited).unwrap();
        let o = run_in(d, &resume);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{what}: {err}");
        assert!(
            err.contains("do not match its digest") || err.contains("do not add up"),
            "{what}: {err}"
        );
        assert!(
            !err.contains("panicked") && !err.contains("internal error"),
            "{what}: {err}"
        );
        assert!(o.stdout.is_empty(), "{what}: a result was printed");
    }
    // The checkpoint as it was still resumes.
    std::fs::write(d.join("cp.json"), &saved).unwrap();
    assert_eq!(run_in(d, &resume).status.code(), Some(0));
}
