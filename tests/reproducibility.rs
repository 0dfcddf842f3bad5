//! Same seed, same numbers: for any thread count, any split of the replication range, any
//! machine. (The pinned values of every bundled scenario are in `golden.rs`.)

use airpolicing::montecarlo::{RunOptions, run};
use airpolicing::scenario::Scenario;
use std::process::Command;

#[test]
fn one_and_two_threads_give_identical_results() {
    for name in ["ukraine", "reference"] {
        let s = Scenario::load(name).unwrap();
        let base = RunOptions::default().with_seed(7).with_replications(12);
        let one = run(&s, &base.clone().with_threads(1)).unwrap();
        let two = run(&s, &base.with_threads(2)).unwrap();
        assert_eq!(one, two, "{name}");
    }
}

#[test]
fn split_replication_ranges_give_the_same_rows() {
    let s = Scenario::load("ukraine").unwrap();
    let opts = RunOptions::default().with_seed(3);
    let whole = run(&s, &opts.clone().with_reps(0..10)).unwrap();
    let a = run(&s, &opts.clone().with_reps(0..4)).unwrap();
    let b = run(&s, &opts.with_reps(4..10)).unwrap();
    let joined: Vec<_> = a.rows.iter().chain(&b.rows).cloned().collect();
    assert_eq!(joined, whole.rows);
}

#[test]
fn different_seeds_and_replications_differ() {
    let s = Scenario::load("ukraine").unwrap();
    let a = run(&s, &RunOptions::default().with_seed(1).with_replications(2)).unwrap();
    let b = run(&s, &RunOptions::default().with_seed(2).with_replications(2)).unwrap();
    assert_ne!(a.rows[0].values, b.rows[0].values);
    assert_ne!(a.rows[0].values, a.rows[1].values);
}

fn cli(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_airpolicing"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn cli_json_bytes_do_not_depend_on_threads() {
    let one = cli(&["run", "ukraine", "-n", "8", "--json", "--threads", "1"]);
    let two = cli(&["run", "ukraine", "-n", "8", "--json", "--threads", "2"]);
    assert_eq!(one, two);
}

#[test]
fn cli_csv_rows_of_split_ranges_concatenate_to_the_whole() {
    let dir = std::env::temp_dir().join(format!("airpolicing-csv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |n: &str| dir.join(n).to_string_lossy().into_owned();
    cli(&["run", "baltic", "--reps", "0..6", "--csv", &path("a.csv")]);
    cli(&["run", "baltic", "--reps", "6..10", "--csv", &path("b.csv")]);
    cli(&[
        "run",
        "baltic",
        "--reps",
        "0..10",
        "--csv",
        &path("all.csv"),
    ]);
    let read = |n: &str| std::fs::read_to_string(dir.join(n)).unwrap();
    let (a, b, all) = (read("a.csv"), read("b.csv"), read("all.csv"));
    std::fs::remove_dir_all(&dir).ok();
    let rows = |t: &str| t.lines().skip(1).map(str::to_string).collect::<Vec<_>>();
    let joined: Vec<String> = rows(&a).into_iter().chain(rows(&b)).collect();
    assert_eq!(joined, rows(&all));
    assert_eq!(rows(&all).len(), 10);
    assert!(all.starts_with("replication,"));
}

#[test]
fn streaming_without_rows_gives_the_same_summaries_and_hands_over_every_row_in_order() {
    use airpolicing::montecarlo::run_streaming;
    let s = Scenario::load("baltic").unwrap();
    // More replications than one chunk on two threads (128), so rows cross chunk boundaries.
    let o = RunOptions::default().with_replications(300).with_threads(2);
    let kept = run(&s, &o).unwrap();
    let mut seen = Vec::new();
    let streamed = run_streaming(&s, &o.clone().with_rows(false), &|_| {}, &mut |row| {
        seen.push(row.clone())
    })
    .unwrap();
    assert!(streamed.rows.is_empty());
    // Rows hold NaN (a response time without intercepts): compare their bits.
    let bits = |rows: &[airpolicing::sim::RepMetrics]| -> Vec<(u64, Vec<u64>)> {
        rows.iter()
            .map(|r| {
                (
                    r.replication,
                    r.values.iter().map(|v| v.to_bits()).collect(),
                )
            })
            .collect()
    };
    assert!(bits(&seen) == bits(&kept.rows), "streamed rows differ");
    assert!(streamed.summary == kept.summary, "summaries differ");
    assert_eq!(streamed.response_hist, kept.response_hist);
    assert_eq!(
        (streamed.met_standard, streamed.total_events),
        (kept.met_standard, kept.total_events)
    );
    assert!(streamed.summary == airpolicing::montecarlo::summarise(&kept.names, &kept.rows));
}
