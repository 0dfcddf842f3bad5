//! How cost grows with the size of the problem: simulated days, CAP stations, front length and
//! replications, on a synthetic straight-line front (`line`: two F-16 wings flying CAP along it,
//! a QRA pair, six slow-drone violations a day); the event loop alone (the calendar under a
//! steady load); and sizing the whole `ukraine` force.

use airpolicing::montecarlo::{RunOptions, run};
use airpolicing::scenario::Scenario;
use airpolicing::sim::calendar::Calendar;
use airpolicing::sim::{Model, simulate};
use airpolicing::sizing::{SizingOptions, size_force};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rand::{RngExt, SeedableRng};
use std::hint::black_box;

/// The synthetic scenario: a north–south front of `front_km` centred on 50° N 30° E, `stations`
/// CAP stations spread along it, flown by two F-16 wings based 215 km west of the front's
/// quarter points (8 aircraft per station in all), over `days` days.
fn line(days: u32, stations: u32, front_km: f64) -> Scenario {
    let half_deg = front_km / 2.0 / 111.2;
    let text = format!(
        r#"
[scenario]
name = "line"
description = "growth bench"
duration_days = {days}
warmup_days = 1

[front]
points = [[{north}, 30.0], [{south}, 30.0]]
protected_side = "right"
sectors = 2

[[bases]]
name = "North"
position = [{north_base}, 27.0]

[[bases]]
name = "South"
position = [{south_base}, 27.0]

[[squadrons]]
name = "North wing"
aircraft = "f16"
base = "North"
aircraft_count = {aircraft}

[[squadrons]]
name = "South wing"
aircraft = "f16"
base = "South"
aircraft_count = {aircraft}

{station_list}
[[qra]]
name = "North QRA"
squadron = "North wing"
on_alert = 2
readiness_min = 15
scramble_size = 2
regenerate_min = 60
spares_regenerate = true

[violations]
rate_per_day = 6
c2_delay_min = 3
shadow_min = 15

[[violations.types]]
name = "slow drone"
share = 1.0
speed_kmh = 180
altitude_m = 300
penetration_km = 100
heading_spread_deg = 30
"#,
        north = 50.0 + half_deg,
        south = 50.0 - half_deg,
        north_base = 50.0 + half_deg / 2.0,
        south_base = 50.0 - half_deg / 2.0,
        aircraft = 4 * stations + 4,
        station_list = station_list(stations, half_deg),
    );
    Scenario::from_toml_str(&text, "line").expect("the growth scenario is valid")
}

/// `n` CAP stations evenly along the front, 60 km on the protected (west) side, each flown by
/// the wing based nearer to it.
fn station_list(n: u32, half_deg: f64) -> String {
    (0..n)
        .map(|k| {
            let lat = 50.0 + half_deg - (f64::from(k) + 0.5) / f64::from(n) * 2.0 * half_deg;
            let wing = if lat >= 50.0 { "North wing" } else { "South wing" };
            format!(
                "[[cap_stations]]\nname = \"Line-{k}\"\nposition = [{lat}, 29.16]\nsquadrons = [\"{wing}\"]\n\n"
            )
        })
        .collect()
}

/// One replication of `s`, measured per replication with its events as throughput.
fn bench_replication(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    id: BenchmarkId,
    s: &Scenario,
) {
    let model = Model::new(s);
    group.throughput(Throughput::Elements(simulate(&model, 1, 0).unwrap().events));
    group.bench_with_input(id, &model, |b, m| {
        let mut rep = 0;
        b.iter(|| {
            rep += 1;
            simulate(black_box(m), 1, rep).unwrap()
        })
    });
}

fn by_days(c: &mut Criterion) {
    let mut group = c.benchmark_group("growth_days");
    for days in [7u32, 15, 30, 60, 120] {
        bench_replication(
            &mut group,
            BenchmarkId::from_parameter(days),
            &line(days, 4, 500.0),
        );
    }
    group.finish();
}

fn by_stations(c: &mut Criterion) {
    let mut group = c.benchmark_group("growth_stations");
    for stations in [1u32, 2, 4, 8, 16] {
        bench_replication(
            &mut group,
            BenchmarkId::from_parameter(stations),
            &line(30, stations, 500.0),
        );
    }
    group.finish();
}

fn by_front_length(c: &mut Criterion) {
    let mut group = c.benchmark_group("growth_front_km");
    for km in [250u32, 500, 1000, 2000] {
        bench_replication(
            &mut group,
            BenchmarkId::from_parameter(km),
            &line(30, 4, f64::from(km)),
        );
    }
    group.finish();
}

fn by_replications(c: &mut Criterion) {
    let mut group = c.benchmark_group("growth_replications");
    group.sample_size(10);
    let s = line(30, 4, 500.0);
    for n in [16u64, 64, 256, 1024] {
        group.throughput(Throughput::Elements(n));
        let opts = RunOptions::default()
            .with_replications(n)
            .with_threads(2)
            .with_rows(false);
        group.bench_with_input(BenchmarkId::from_parameter(n), &opts, |b, o| {
            b.iter(|| run(black_box(&s), o).unwrap())
        });
    }
    group.finish();
}

/// The calendar alone under the classic hold model: `pending` events wait; each pop schedules
/// one new event a random time later. Throughput is events popped.
fn event_loop(c: &mut Criterion) {
    let mut group = c.benchmark_group("calendar_hold");
    const OPS: u64 = 100_000;
    for pending in [16usize, 256, 4096] {
        group.throughput(Throughput::Elements(OPS));
        group.bench_with_input(
            BenchmarkId::from_parameter(pending),
            &pending,
            |b, &pending| {
                let mut rng = rand::rngs::SmallRng::seed_from_u64(1);
                b.iter(|| {
                    let mut cal: Calendar<u32> = Calendar::with_capacity(pending + 1);
                    for i in 0..pending {
                        cal.schedule(rng.random::<f64>(), 1, i as u32);
                    }
                    for _ in 0..OPS {
                        let (t, e) = cal.pop().expect("the calendar is never empty");
                        cal.schedule(t + rng.random::<f64>(), (e % 4) as u8, e);
                    }
                    black_box(cal.len())
                })
            },
        );
    }
    group.finish();
}

fn sizing(c: &mut Criterion) {
    let mut group = c.benchmark_group("size_ukraine_mix");
    group.sample_size(10);
    let s = Scenario::load("ukraine").unwrap();
    let opts = SizingOptions {
        run: RunOptions::default().with_replications(20).with_threads(2),
        max_aircraft: 400,
        ..SizingOptions::default()
    };
    group.bench_function("20_reps", |b| {
        b.iter(|| size_force(black_box(&s), &opts).unwrap())
    });
    group.finish();
}

criterion_group!(
    growth,
    by_days,
    by_stations,
    by_front_length,
    by_replications
);
criterion_group!(loop_and_sizing, event_loop, sizing);
criterion_main!(growth, loop_and_sizing);
