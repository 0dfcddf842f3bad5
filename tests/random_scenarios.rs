//! Random valid scenarios — bases, fighter squadrons, CAP stations, QRA, tankers, AEW orbits,
//! ground radars, violations — simulated with the engine's invariant checks on (test builds check
//! after every event: fuel never negative, aircraft on station and on alert counted exactly,
//! tanker fuel given equal to fuel received, time never running backwards, and at the end every
//! violation with exactly one outcome). The outputs must then be in range: fractions in [0, 1],
//! counts and times not negative, a response-time histogram that counts the intercepts.

use airpolicing::scenario::Scenario;
use airpolicing::sim::{Model, simulate};
use proptest::prelude::*;

const FIGHTERS: [&str; 5] = ["typhoon", "f16", "f35a", "gripen_c", "rafale"];

#[derive(Debug, Clone)]
struct Spec {
    days: u32,
    warmup: u32,
    bends: Vec<(f64, f64)>,
    protected_right: bool,
    sectors: u32,
    bases: Vec<(f64, f64)>,
    squadrons: Vec<(usize, usize, u32)>,
    stations: Vec<(f64, u32)>,
    qra: Option<(u32, u32, f64)>,
    tanker: Option<u32>,
    aew: bool,
    radar: Option<f64>,
    violations: Option<(f64, f64, f64, bool)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        (2u32..6, 0u32..2),
        prop::collection::vec((0.3f64..1.5, -0.6f64..0.6), 1..5),
        (any::<bool>(), 1u32..4),
        prop::collection::vec((-1.5f64..1.5, 1.5f64..3.5), 1..3),
        prop::collection::vec((0usize..5, 0usize..3, 2u32..20), 1..4),
        prop::collection::vec((0.0f64..1.0, 1u32..3), 0..4),
        prop::option::of((1u32..3, 1u32..3, 5.0f64..30.0)),
        (
            prop::option::of(2u32..5),
            any::<bool>(),
            prop::option::of(100.0f64..400.0),
        ),
        prop::option::of((0.0f64..20.0, 100.0f64..900.0, 20.0f64..200.0, any::<bool>())),
    )
        .prop_map(
            |(
                (days, warmup),
                bends,
                (protected_right, sectors),
                bases,
                squadrons,
                stations,
                qra,
                (tanker, aew, radar),
                violations,
            )| {
                Spec {
                    days,
                    warmup,
                    bends,
                    protected_right,
                    sectors,
                    bases,
                    squadrons,
                    stations,
                    qra,
                    tanker,
                    aew,
                    radar,
                    violations,
                }
            },
        )
}

/// The scenario file of `spec`: a front running south from 52° N 30° E, bases to its west,
/// stations 40 km behind it, served by every squadron.
fn toml(spec: &Spec) -> String {
    let mut out = format!(
        "[scenario]\nname = \"random\"\nduration_days = {}\nwarmup_days = {}\n\n[front]\n",
        spec.days, spec.warmup
    );
    let (mut lat, mut lon) = (52.0, 30.0);
    let mut vertices = vec![(lat, lon)];
    for (dlat, dlon) in &spec.bends {
        lat -= dlat;
        lon += dlon;
        vertices.push((lat, lon));
    }
    let pts: Vec<String> = vertices
        .iter()
        .map(|(a, b)| format!("[{a:.4}, {b:.4}]"))
        .collect();
    let side = if spec.protected_right {
        "right"
    } else {
        "left"
    };
    let base_lon = if spec.protected_right { -1.0 } else { 1.0 };
    out += &format!(
        "points = [{}]\nprotected_side = \"{side}\"\nsectors = {}\n\n",
        pts.join(", "),
        spec.sectors
    );
    let mid = (52.0 + lat) / 2.0;
    for (i, (dlat, dlon)) in spec.bases.iter().enumerate() {
        out += &format!(
            "[[bases]]\nname = \"B{i}\"\nposition = [{:.4}, {:.4}]\n\n",
            mid + dlat,
            30.0 + base_lon * dlon
        );
    }
    let mut fighter_names = Vec::new();
    for (i, (kind, base, n)) in spec.squadrons.iter().enumerate() {
        let name = format!("F{i}");
        out += &format!(
            "[[squadrons]]\nname = \"{name}\"\naircraft = \"{}\"\nbase = \"B{}\"\naircraft_count = {n}\n\n",
            FIGHTERS[*kind],
            base % spec.bases.len()
        );
        fighter_names.push(format!("\"{name}\""));
    }
    let serving = fighter_names.join(", ");
    if let Some(n) = spec.tanker {
        out += &format!(
            "[[squadrons]]\nname = \"Tankers\"\naircraft = \"a330_mrtt\"\nbase = \"B0\"\naircraft_count = {n}\n\n[[tanker_tracks]]\nname = \"AAR\"\nposition = [{mid:.4}, {:.4}]\nsquadron = \"Tankers\"\non_track = 1\n\n",
            30.0 + base_lon * 1.2
        );
    }
    if spec.aew {
        out += &format!(
            "[[squadrons]]\nname = \"AEW\"\naircraft = \"e3\"\nbase = \"B0\"\naircraft_count = 4\n\n[[aew_orbits]]\nname = \"Orbit\"\nposition = [{mid:.4}, {:.4}]\nsquadron = \"AEW\"\non_orbit = 1\n\n",
            30.0 + base_lon * 2.0
        );
    }
    for (i, (at, element)) in spec.stations.iter().enumerate() {
        // Somewhere along the front's polyline, half a degree of longitude behind it.
        let x = at * (vertices.len() - 1) as f64;
        let k = (x.floor() as usize).min(vertices.len() - 2);
        let t = x - k as f64;
        let (a, b) = (vertices[k], vertices[k + 1]);
        let (slat, slon) = (
            a.0 + (b.0 - a.0) * t,
            a.1 + (b.1 - a.1) * t + base_lon * 0.5,
        );
        let tanker = if spec.tanker.is_some() {
            "tanker_track = \"AAR\"\n"
        } else {
            ""
        };
        out += &format!(
            "[[cap_stations]]\nname = \"S{i}\"\nposition = [{slat:.4}, {slon:.4}]\nelement = {element}\nsquadrons = [{serving}]\n{tanker}\n"
        );
    }
    if let Some((on_alert, size, regen)) = spec.qra {
        out += &format!(
            "[[qra]]\nname = \"QRA\"\nsquadron = \"F0\"\non_alert = {on_alert}\nreadiness_min = 15\nscramble_size = {}\nregenerate_min = {regen:.1}\nspares_regenerate = true\n\n",
            size.min(on_alert)
        );
    }
    if let Some(range) = spec.radar {
        out += &format!(
            "[[ground_radars]]\nname = \"Radar\"\nposition = [{mid:.4}, {:.4}]\nantenna_height_m = 30\nrange_km = {range:.0}\n\n",
            30.0 + base_lon * 0.8
        );
    }
    if let Some((rate, speed, depth, dwell)) = spec.violations {
        let reach = if dwell {
            format!("dwell_min = {:.1}", depth / 4.0)
        } else {
            format!("penetration_km = {depth:.1}")
        };
        out += &format!(
            "[violations]\nrate_per_day = {rate:.2}\nc2_delay_min = 2\nshadow_min = 10\n\n[[violations.types]]\nname = \"v\"\nshare = 1.0\nspeed_kmh = {speed:.0}\naltitude_m = 500\n{reach}\nheading_spread_deg = 40\n"
        );
    }
    out
}

fn in_unit(name: &str) -> bool {
    airpolicing::sim::metrics::is_fraction(name)
}

/// `cases` cases from a fixed seed, so a failure reproduces; `AIRPOLICING_PROPTEST_SEED` explores
/// others.
fn config(cases: u32) -> ProptestConfig {
    let seed = std::env::var("AIRPOLICING_PROPTEST_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_261_126);
    ProptestConfig {
        cases,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(seed),
        ..ProptestConfig::default()
    }
}

/// Every output in range: fractions in [0, 1], nothing negative or infinite, NaN only for the
/// per-violation measures of a replication without violations (or without intercepts).
fn check_row(model: &Model, values: &[f64], text: &str) -> Result<(), TestCaseError> {
    for (name, v) in model.names().0.iter().zip(values) {
        if v.is_nan() {
            let per_violation = [
                "response_time",
                "undetected",
                "unanswered",
                "intercept_within",
                "qra_unavailable",
            ];
            prop_assert!(
                per_violation.iter().any(|k| name.starts_with(k)),
                "{name} is NaN\n{text}"
            );
            continue;
        }
        prop_assert!(v.is_finite() && *v >= 0.0, "{name} = {v}\n{text}");
        if in_unit(name) {
            prop_assert!(*v <= 1.0 + 1e-9, "{name} = {v}\n{text}");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        max_global_rejects: 100_000,
        ..config(96)
    })]

    #[test]
    fn random_valid_scenarios_keep_every_invariant(spec in spec()) {
        let text = toml(&spec);
        let s = Scenario::from_toml_str(&text, "random.toml");
        // Many random layouts are invalid (a station out of reach): those must be refused with
        // an error, which the fuzz tests cover; here only valid ones run.
        prop_assume!(s.is_ok());
        let s = s.unwrap();
        let model = Model::new(&s);
        let row = simulate(&model, 7, 3).unwrap();
        check_row(&model, &row.values, &text)?;
    }
}

fn any_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(1e308),
        Just(-1e308),
        Just(1e-308),
        Just(4_294_967_296.0),
        -1e6f64..1e6,
        0.0f64..2.0,
    ]
}

proptest! {
    #![proptest_config(config(200))]

    /// Any number at any of the main fields of a bundled scenario, set by path as `sweep` and
    /// Python's `with_value` do: refused with an error, or valid and simulated without a panic.
    #[test]
    fn any_value_at_any_main_field_is_refused_or_runs(
        which in 0usize..4,
        field in 0usize..64,
        value in any_number(),
    ) {
        let name = airpolicing::scenario::bundled_names()[which];
        let s = Scenario::load(name).unwrap();
        let fields = airpolicing::sweep::main_parameters(&s);
        let (path, _) = &fields[field % fields.len()];
        if let Ok(changed) = s.with_value(path, value) {
            // Simulate a short stretch of it, unless the value makes it a huge run (a valid
            // rate of thousands of violations a day): the limits and the fuzz run cover those.
            let mut short = changed.clone();
            short.duration_h = short.duration_h.min(2.0 * 24.0);
            short.warmup_h = short.warmup_h.min(12.0);
            let rate = short.file.violations.as_ref().map_or(0.0, |v| v.rate_per_day);
            let aircraft: u32 = short.squadrons.iter().map(|q| q.aircraft_count).sum();
            if rate <= 500.0 && aircraft <= 500 {
                // Under a lowered event budget: a value that makes events without end stops
                // with the limit's error instead of hanging the property.
                let model = Model::new(&short).with_max_events(2_000_000);
                match simulate(&model, 1, 0) {
                    Ok(row) => {
                        check_row(&model, &row.values, &format!("{name}: {path} = {value}"))?
                    }
                    Err(airpolicing::sim::Stopped::TooManyEvents { .. }) => {}
                    Err(other) => panic!("{name}: {path} = {value}: {other}"),
                }
            }
        }
    }
}

/// The mean of every post-manning metric (presence, QRA, AEW, tanker) over replications 0..n.
fn manning_means(s: &Scenario, n: u64) -> Vec<(String, f64)> {
    use airpolicing::montecarlo::{RunOptions, run};
    let r = run(s, &RunOptions::default().with_seed(1).with_replications(n)).unwrap();
    r.names
        .iter()
        .filter(|m| {
            [
                "cap_presence",
                "station_presence[",
                "worst_station_presence",
                "qra_coverage",
                "aew_coverage",
                "tanker_coverage",
            ]
            .iter()
            .any(|p| m.starts_with(p))
        })
        .map(|m| (m.clone(), r.metric(m).unwrap().mean))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        max_global_rejects: 100_000,
        ..config(24)
    })]

    /// Fleet elasticity on random scenarios: with common random numbers (the same 8
    /// replications), four more aircraft in a fighter squadron never man a post less of the
    /// time, beyond a tolerance of 0.05 (a fraction of the time, averaged over 8 months).
    #[test]
    fn more_fighters_never_man_a_post_less(spec in spec(), which in 0usize..4) {
        let text = toml(&spec);
        let s = Scenario::from_toml_str(&text, "random.toml");
        prop_assume!(s.is_ok());
        let s = s.unwrap();
        let q = which % spec.squadrons.len();
        let more = s
            .with_value(
                &format!("squadrons[{q}].aircraft_count"),
                f64::from(spec.squadrons[q].2 + 4),
            )
            .unwrap();
        for ((m, a), (_, b)) in manning_means(&s, 8).into_iter().zip(manning_means(&more, 8)) {
            prop_assert!(b >= a - 0.05, "F{q} + 4 lowers {m} from {a:.4} to {b:.4}\n{text}");
        }
    }
}
