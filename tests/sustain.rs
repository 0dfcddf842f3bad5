//! The sustainment account against the simulation it is built on, and against a published
//! detachment.

use airpolicing::montecarlo::{RunOptions, run};
use airpolicing::scenario::Scenario;
use airpolicing::sim::{Model, simulate_observed, trace::Recorder};
use airpolicing::sustain::{Account, DAYS_PER_YEAR};
use std::collections::HashMap;

fn metric(model: &Model, values: &[f64], name: &str) -> f64 {
    let i = model.names().0.iter().position(|n| n == name).unwrap();
    values[i]
}

#[test]
fn flight_hours_are_the_sum_of_the_simulated_sorties_exactly() {
    // Ukraine, replication 0: random times, failures, tankers and alert. The engine counts each
    // sortie from wheels-up to landing (and as a sortie at wheels-up), cut to the measured
    // window; summed in the same order from the trace, the figures agree to the last bit.
    let s = Scenario::load("ukraine").unwrap();
    let m = Model::new(&s);
    let mut rec = Recorder::default();
    let r = simulate_observed(&m, 3, 0, &mut rec).unwrap();
    let (w, e) = (s.warmup_h, s.duration_h);
    let mut up: HashMap<(String, usize), f64> = HashMap::new();
    let mut flown: HashMap<String, f64> = HashMap::new();
    let mut sorties: HashMap<String, u32> = HashMap::new();
    let count = |flown: &mut HashMap<String, f64>, sq: &str, from: f64, to: f64| {
        let c = to.min(e) - from.max(w);
        if c > 0.0 {
            *flown.entry(sq.to_string()).or_default() += c;
        }
    };
    for ev in &rec.events {
        let key = (ev.squadron.clone(), ev.tail);
        match ev.event {
            "airborne" => {
                if ev.time_h >= w {
                    *sorties.entry(ev.squadron.clone()).or_default() += 1;
                }
                up.insert(key, ev.time_h);
            }
            "landed" => {
                let from = up.remove(&key).expect("a landing follows a take-off");
                count(&mut flown, &ev.squadron, from, ev.time_h);
            }
            _ => {}
        }
    }
    // Still airborne at the end: counted to the end, in fleet order (squadron, then tail).
    let mut still: Vec<_> = up.into_iter().collect();
    still.sort_by(|a, b| {
        let q = |k: &(String, usize)| s.squadrons.iter().position(|x| x.name == k.0).unwrap();
        (q(&a.0), a.0.1).cmp(&(q(&b.0), b.0.1))
    });
    for ((sq, _), from) in still {
        count(&mut flown, &sq, from, e);
    }
    let days = (e - w) / 24.0;
    let mut total = 0.0;
    for sq in &s.squadrons {
        let fh = flown.get(&sq.name).copied().unwrap_or(0.0);
        total += fh;
        let simulated = metric(&m, &r.values, &format!("flight_hours_per_day[{}]", sq.name));
        assert_eq!(fh / days, simulated, "{}", sq.name);
        let n = f64::from(sorties.get(&sq.name).copied().unwrap_or(0));
        let simulated = metric(&m, &r.values, &format!("sorties_per_day[{}]", sq.name));
        assert_eq!(n / days, simulated, "{}", sq.name);
    }
    assert!(total > 1000.0, "the test needs flying to count: {total}");
}

#[test]
fn yearly_figures_are_the_simulated_daily_means_times_365_25() {
    let s = Scenario::load("ukraine").unwrap();
    let r = run(&s, &RunOptions::default().with_replications(4)).unwrap();
    let a = Account::of_run(&s, &r);
    assert_eq!(a.squadrons.len(), s.squadrons.len());
    for (acc, sq) in a.squadrons.iter().zip(&s.squadrons) {
        let daily = r
            .metric(&format!("flight_hours_per_day[{}]", sq.name))
            .unwrap()
            .mean;
        assert_eq!(
            acc.mission_fh_per_year,
            daily * DAYS_PER_YEAR,
            "{}",
            sq.name
        );
        assert_eq!(acc.deployed, sq.aircraft_count);
    }
    assert!(
        a.basis.contains("4 simulated replications of 28 days"),
        "{}",
        a.basis
    );
}

#[test]
fn the_baltic_detachment_flies_about_what_portugal_flew_in_2016() {
    // Portugal, 2016: 4 F-16 on QRA and training flew about 200 FH in about 8 weeks [P]. The
    // bundled detachment flies its scrambles and, in training, the F-16's yearly programme (the
    // catalog's 250 FH, the middle of the 180-360 FH European range). Portugal flew nearer the top
    // of the range (about 25 FH per aircraft a month), so the tool may land below the published
    // figure: the tolerance is 25 %.
    let s = Scenario::load("baltic").unwrap();
    let r = run(&s, &RunOptions::default().with_replications(20)).unwrap();
    let a = Account::of_run(&s, &r);
    let eight_weeks = a.fh_per_year * 56.0 / DAYS_PER_YEAR;
    assert!(
        (150.0..=250.0).contains(&eight_weeks),
        "{eight_weeks:.0} FH in 8 weeks against about 200"
    );
    // Scrambles are a small part of it: the training programme is most of the flying.
    let sq = &a.squadrons[0];
    assert!(
        sq.training_fh_per_year > 3.0 * sq.mission_fh_per_year,
        "{sq:?}"
    );
}

fn cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_airpolicing"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn the_sustain_command_says_what_binds_in_words_tables_and_json() {
    let o = cli(&["sustain", "baltic", "-n", "4", "--years", "5"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("for 5 years"), "{text}");
    assert!(text.contains("What binds first is rotation"), "{text}");
    assert!(
        text.contains("Aircraft to commit for each reason"),
        "{text}"
    );
    for line in text.lines() {
        assert!(line.chars().count() <= 100, "over 100 columns: {line}");
    }
    // The JSON is the library's account of the same replications.
    let o = cli(&[
        "sustain", "baltic", "-n", "4", "--years", "5", "--dwell", "2", "--json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let s = Scenario::load("baltic").unwrap();
    let s = airpolicing::sustain::with_rules(&s, Some(5.0), Some(2.0)).unwrap();
    let r = run(&s, &RunOptions::default().with_replications(4)).unwrap();
    let a = Account::of_run(&s, &r);
    assert_eq!(doc["sustainment"], serde_json::json!(a));
    // 4 deployed at 1:2 dwell, rotation binding: 12 committed exactly.
    assert_eq!(a.committed, 12);
    // The closed form gives its own account.
    let o = cli(&["sustain", "ukraine", "--closed-form", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        doc["sustainment"]["basis"]
            .as_str()
            .unwrap()
            .contains("closed-form")
    );
}

#[test]
fn a_bad_horizon_or_dwell_is_refused_naming_the_flag_and_the_range() {
    for (flag, value, field) in [
        ("--years", "-1", "horizon_years"),
        ("--dwell", "-0.5", "dwell_ratio"),
    ] {
        let o = cli(&["sustain", "baltic", "--closed-form", flag, value]);
        assert_eq!(o.status.code(), Some(2), "{flag} {value}");
        let e = String::from_utf8_lossy(&o.stderr);
        assert!(e.contains(flag) && e.contains(field), "{e}");
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn run_estimate_and_size_end_with_the_account() {
    for args in [
        &["run", "baltic", "-n", "2"][..],
        &["estimate", "baltic"][..],
        &["size", "baltic", "-n", "10"][..],
    ] {
        let o = cli(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(text.contains("What binds first is"), "{args:?}: {text}");
    }
    let o = cli(&["size", "baltic", "-n", "10"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("Two answers:"), "{text}");
}

#[test]
fn noble_eagle_strains_planes_and_people_as_it_did() {
    // Noble Eagle's first three months (2001): about 100 fighters flew 13,000 sorties over the
    // standing CAPs, with alert at 26-30 bases, for $324 M; the CAPs were cut from March 2002 as
    // "straining planes and personnel". The account of that flying, with F-16 figures: $324 M
    // over 13,000 sorties at the F-16's narrow $7,000 a flight hour is 3.56 h a sortie (derived);
    // 28 bases with 2 jets on alert (assumption: the middle of 26-30).
    let days = 91.3;
    let sorties = 13_000.0 / days;
    let sortie_h = 324e6 / 13_000.0 / 7_000.0;
    let s = Scenario::load("baltic")
        .unwrap()
        .with_value("squadrons[0].aircraft_count", 100.0)
        .unwrap()
        .with_value("squadrons[0].training_share", 0.0)
        .unwrap()
        .with_value("qra[0].on_alert", 56.0)
        .unwrap();
    let flying = airpolicing::sustain::Flying {
        deployed: 100,
        sorties_per_day: sorties,
        flight_hours_per_day: sorties * sortie_h,
    };
    let a = Account::new(&s, &[flying], "Noble Eagle, published");
    let q = &a.squadrons[0];
    // Planes: each of the 100 flies 1,000-3,000 h a year against a 250 h programme.
    assert!(
        (1_000.0..3_000.0).contains(&q.fh_per_deployed_airframe),
        "{}",
        q.fh_per_deployed_airframe
    );
    // People: 200-600 pilots needed at once, more than 100 fighters hold at 1.5 a jet.
    assert!((200.0..600.0).contains(&q.crew_needed), "{}", q.crew_needed);
    assert!(
        q.crew_needed > q.crew_held,
        "{} {}",
        q.crew_needed,
        q.crew_held
    );
    // Both strain: the hours alone and the crews alone each need far more than the 100.
    assert!(q.pool_hours > 300 && q.pool_aircrew > 300, "{q:?}");
}

#[test]
fn an_mq9_orbit_takes_four_forward_and_about_five_and_a_quarter_with_training_and_depot() {
    // Published: 341 MQ-9s for 65 continuous orbits, about 5.25 aircraft per orbit with training
    // and depot aircraft [S]; a "typical Reaper system" of four air vehicles [S]. The engine
    // sizes the forward aircraft from the type's sourced figures (14 h sorties, about one
    // mission a day per aircraft) and an assumed 0.8 mission-capable rate: four, as published,
    // and three fall short. The aircraft beyond the line are a stated share, not simulated:
    // 0.3 of the line gives 4 × 1.3 = 5.2 per orbit over many orbits, within 2 % of 5.25; one
    // orbit alone commits whole aircraft, 4 + ceil(1.2) = 6.
    use airpolicing::sizing::{SizingOptions, size_squadron};
    // Up to 14 h fully loaded [S]: the fuel lasts a little longer, so the sortie limit binds.
    let mq9 = airpolicing::catalog::Catalog::builtin()
        .get("mq9")
        .unwrap()
        .clone();
    assert!(
        (14.0..15.0).contains(&mq9.endurance_h()),
        "{}",
        mq9.endurance_h()
    );
    assert_eq!(mq9.max_sortie_h, 14.0);
    let s = Scenario::load("mq9_orbit").unwrap();
    let opts = SizingOptions {
        run: RunOptions::default()
            .with_seed(1)
            .with_replications(100)
            .with_threads(2),
        max_aircraft: 20,
        sequential: None,
        progress: None,
    };
    let r = size_squadron(&s, "MQ-9 unit", &opts).unwrap();
    assert_eq!(r.required, Some(4));
    assert!(r.at(3).unwrap().probability < 0.9, "{:?}", r.at(3));
    let share = s.file.squadrons[0].backup_share.unwrap();
    let per_orbit = 4.0 * (1.0 + share);
    assert!((per_orbit - 5.25f64).abs() / 5.25 < 0.02, "{per_orbit}");
    let sized = s.with_value("squadrons[0].aircraft_count", 4.0).unwrap();
    let res = run(
        &sized,
        &RunOptions::default().with_seed(1).with_reps(0..100),
    )
    .unwrap();
    let a = Account::of_run(&sized, &res);
    assert_eq!(a.deployed, 4);
    assert_eq!((a.committed, a.backup), (6, 2));
    // The aircraft stay forward (no dwell), and the hours stay within the type's programme.
    assert_eq!(a.pool_rotation, 4);
    assert!(a.pool_hours <= 4, "{}", a.pool_hours);
}
