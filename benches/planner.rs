//! Cost of the steps that come before any simulation: loading and validating a scenario (TOML
//! parse, catalog merge, geodesics) and the closed-form estimate, for each bundled scenario, and
//! the estimate's growth with the number of CAP stations placed along the `ukraine` front.

use airpolicing::analytic::estimate;
use airpolicing::scenario::{Scenario, bundled, bundled_names};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn load_and_estimate(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    for name in bundled_names() {
        let text = bundled(name).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| Scenario::from_toml_str(black_box(text), name).unwrap())
        });
    }
    group.finish();

    let mut group = c.benchmark_group("estimate");
    for name in bundled_names() {
        let s = Scenario::load(name).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(name), &s, |b, s| {
            b.iter(|| estimate(black_box(s)))
        });
    }
    group.finish();
}

fn estimate_by_station_count(c: &mut Criterion) {
    let mut group = c.benchmark_group("estimate_stations");
    for n in [4u32, 16, 64] {
        let text = bundled("ukraine").unwrap().replace(
            "[[cap_stations]]\nname = \"Kharkiv\"",
            &format!(
                "[[cap_stations]]\nname = \"Line\"\nalong_front = {{ count = {n}, standoff_km = 80 }}\nsquadrons = [\"RAF Typhoon\"]\ntanker_track = \"Donbas AAR\"\n\n[[cap_stations]]\nname = \"Kharkiv\""
            ),
        );
        let s = Scenario::from_toml_str(&text, "bench").unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(n), &s, |b, s| {
            b.iter(|| estimate(black_box(s)))
        });
    }
    group.finish();
}

criterion_group!(benches, load_and_estimate, estimate_by_station_count);
criterion_main!(benches);
