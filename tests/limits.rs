//! The limits that keep a request from running without end or exhausting memory, as properties:
//! whatever the request, it is refused before any work exactly when it passes its limit.

use airpolicing::montecarlo::{RunError, RunOptions, run};
use airpolicing::scenario::limits::{MAX_SWEEP_POINTS, MAX_THREADS};
use airpolicing::scenario::{Scenario, read_at_most};
use airpolicing::sweep::{Axis, SweepError, sweep};
use proptest::prelude::*;

/// `cases` cases from a fixed seed, so a failure reproduces.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(20_261_202),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// A thread count of 0 or past the limit is refused before a thread starts, however large.
    #[test]
    fn thread_counts_past_the_limit_are_refused(t in prop_oneof![
        Just(0usize),
        (MAX_THREADS + 1)..usize::MAX,
    ]) {
        let s = Scenario::load("textbook").unwrap();
        let o = RunOptions::default().with_replications(1).with_threads(t);
        let refused = matches!(run(&s, &o), Err(RunError::Threads { .. }));
        prop_assert!(refused, "{} threads", t);
    }

    /// A sweep's points are counted before its grid is built: refused exactly when the product
    /// of the axes' lengths passes the limit (a grid within it is not run here, only refused
    /// or not by count).
    #[test]
    fn sweep_grids_past_the_limit_are_refused_before_they_are_built(
        a in 1usize..20_000,
        b in 1usize..20_000,
    ) {
        prop_assume!(a * b > MAX_SWEEP_POINTS);
        let s = Scenario::load("textbook").unwrap();
        let axis = |path: &str, n: usize| Axis {
            path: path.into(),
            values: (0..n).map(|i| i as f64).collect(),
        };
        let axes = [axis("violations.rate_per_day", a), axis("relief.overlap_min", b)];
        let refused = matches!(
            sweep(&s, &axes, &RunOptions::default(), None),
            Err(SweepError::TooManyPoints { points, .. }) if points == a * b
        );
        prop_assert!(refused, "{} x {}", a, b);
    }

    /// A file is read only as far as the limit and one byte more, whatever its length.
    #[test]
    fn files_are_read_only_to_the_limit_and_one_byte(len in 0usize..4096, limit in 0usize..2048) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.toml");
        std::fs::write(&path, vec![b'#'; len]).unwrap();
        let read = read_at_most(&path, limit).unwrap();
        prop_assert_eq!(read.len(), len.min(limit + 1));
    }
}
