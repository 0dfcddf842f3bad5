//! The simulation engine: one 30-day replication of each bundled scenario (events per second are
//! printed by `airpolicing run`; here the time per replication), and the Monte Carlo runner on
//! `ukraine` at 1 and 2 threads.

use airpolicing::montecarlo::{RunOptions, run};
use airpolicing::scenario::{Scenario, bundled, bundled_names};
use airpolicing::sim::{Model, simulate};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

/// A bundled scenario with its duration set to 30 days.
fn thirty_days(name: &str) -> Scenario {
    let text = bundled(name).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("duration_days"))
        .expect("every scenario states its duration");
    Scenario::from_toml_str(&text.replace(line, "duration_days = 30"), name).unwrap()
}

fn one_replication(c: &mut Criterion) {
    let mut group = c.benchmark_group("replication_30_days");
    for name in bundled_names() {
        let s = thirty_days(name);
        let model = Model::new(&s);
        let events = simulate(&model, 1, 0).unwrap().events;
        group.throughput(Throughput::Elements(events));
        group.bench_with_input(BenchmarkId::from_parameter(name), &model, |b, m| {
            let mut rep = 0;
            b.iter(|| {
                rep += 1;
                simulate(black_box(m), 1, rep).unwrap()
            })
        });
    }
    group.finish();
}

fn monte_carlo(c: &mut Criterion) {
    let mut group = c.benchmark_group("monte_carlo_ukraine_64_reps");
    group.sample_size(10);
    let s = thirty_days("ukraine");
    for threads in [1usize, 2] {
        let opts = RunOptions::default()
            .with_replications(64)
            .with_threads(threads);
        group.bench_with_input(BenchmarkId::from_parameter(threads), &opts, |b, o| {
            b.iter(|| run(black_box(&s), o).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, one_replication, monte_carlo);
criterion_main!(benches);
