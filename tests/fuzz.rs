//! A bounded fuzz run over the input path, on the stable toolchain: each bundled scenario and
//! each file in `tests/fuzz/` (regression inputs: every crash ever found stays there) is mutated
//! many times — numbers replaced by huge, tiny, negative, NaN and infinite values, lines deleted,
//! duplicated or cut, keys renamed, unicode inserted, values replaced by deep nesting or an
//! enormous array — and parsed and validated. No input may panic: each gets a clear error or a
//! valid scenario, which must then estimate and simulate without panicking (the engine's
//! invariants are checked in test builds). The mutations come from a fixed seed, so a failure
//! reproduces; `AIRPOLICING_FUZZ_ITERATIONS` runs longer.

use airpolicing::analytic::estimate;
use airpolicing::scenario::{Scenario, bundled, bundled_names};
use airpolicing::sim::{Model, Stopped, simulate};
use rand::rngs::SmallRng;
use rand::{RngExt, SeedableRng};
use std::panic::{AssertUnwindSafe, catch_unwind};

const NUMBERS: [&str; 14] = [
    "0",
    "-1",
    "-0.0",
    "1e308",
    "-1e308",
    "1e-308",
    "nan",
    "inf",
    "-inf",
    "18446744073709551616",
    "4294967297",
    "0.5",
    "1e9",
    "\"12\"",
];

const JUNK: [&str; 8] = [
    "ümlaut ✈ \u{202e}reversed",
    "\u{0}",
    "[[[",
    "= = =",
    "name = \"\u{1F6E9}\"",
    "[scenario]",
    "\"unterminated",
    "x = { a = { b = { c = 1 } } }",
];

/// Byte ranges of the number literals in `text`.
fn numbers(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts = b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric());
        if starts {
            let j = (i..b.len())
                .find(|&j| !(b[j].is_ascii_digit() || b[j] == b'.' || b[j] == b'e'))
                .unwrap_or(b.len());
            out.push((i, j));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

fn mutate(text: &str, rng: &mut SmallRng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let pick = |rng: &mut SmallRng, n: usize| rng.random_range(0..n.max(1));
    match rng.random_range(0..9u32) {
        0 | 1 => {
            let spans = numbers(text);
            if spans.is_empty() {
                return text.to_string();
            }
            let (a, b) = spans[pick(rng, spans.len())];
            let with = NUMBERS[pick(rng, NUMBERS.len())];
            format!("{}{}{}", &text[..a], with, &text[b..])
        }
        2 if !lines.is_empty() => {
            let i = pick(rng, lines.len());
            lines.remove(i);
            lines.join("\n")
        }
        3 if !lines.is_empty() => {
            let i = pick(rng, lines.len());
            let l = lines[i].clone();
            lines.insert(i, l);
            lines.join("\n")
        }
        4 => {
            let i = pick(rng, lines.len() + 1);
            lines.insert(i.min(lines.len()), JUNK[pick(rng, JUNK.len())].to_string());
            lines.join("\n")
        }
        5 => {
            let mut cut = pick(rng, text.len());
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text[..cut].to_string()
        }
        6 if !lines.is_empty() => {
            // A key renamed to its neighbour's, or to a near miss.
            let i = pick(rng, lines.len());
            if let Some((k, v)) = lines[i].split_once('=') {
                lines[i] = format!("{}x ={v}", k.trim_end());
            }
            lines.join("\n")
        }
        7 if !lines.is_empty() => {
            let i = pick(rng, lines.len());
            if let Some((k, _)) = lines[i].split_once('=') {
                let depth = rng.random_range(10..3000);
                lines[i] = format!("{k}= {}{}", "[".repeat(depth), "]".repeat(depth));
            }
            lines.join("\n")
        }
        _ if !lines.is_empty() => {
            let i = pick(rng, lines.len());
            if let Some((k, _)) = lines[i].split_once('=') {
                let n = rng.random_range(1_000..200_000);
                lines[i] = format!("{k}= [{}]", vec!["[50.0, 30.0]"; n].join(","));
            }
            lines.join("\n")
        }
        _ => text.to_string(),
    }
}

/// The event budget of a fuzzed replication: a bundled 30-day `ukraine` replication handles
/// about 36,000.
const FUZZ_EVENTS: u64 = 2_000_000;

/// Parses, validates and, when valid and small, estimates and simulates `text`; `Err` carries
/// the panic message of any panic.
fn exercise(text: &str) -> Result<bool, String> {
    catch_unwind(AssertUnwindSafe(|| {
        let Ok(s) = Scenario::from_toml_str(text, "fuzz.toml") else {
            return false;
        };
        estimate(&s);
        let aircraft: u32 = s.squadrons.iter().map(|q| q.aircraft_count).sum();
        if s.duration_h <= 40.0 * 24.0 && aircraft <= 400 {
            // Under a lowered event budget: an input that makes events without end stops with
            // the limit's error, never hangs; any other error is a defect.
            let model = Model::new(&s).with_max_events(FUZZ_EVENTS);
            match simulate(&model, 1, 0) {
                Ok(_) | Err(Stopped::TooManyEvents { .. }) => {}
                Err(other) => panic!("{other}"),
            }
        }
        true
    }))
    .map_err(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })
}

fn seeds() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = bundled_names()
        .into_iter()
        .map(|n| (n.to_string(), bundled(n).unwrap().to_string()))
        .collect();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    files.sort_by_key(|e| e.path());
    for f in files {
        let text = String::from_utf8_lossy(&std::fs::read(f.path()).unwrap()).into_owned();
        out.push((f.path().display().to_string(), text));
    }
    out
}

#[test]
fn regression_inputs_never_panic() {
    for (name, text) in seeds() {
        if let Err(msg) = exercise(&text) {
            panic!("{name} panics: {msg}");
        }
    }
}

#[test]
fn mutated_scenarios_never_panic() {
    let iterations: usize = std::env::var("AIRPOLICING_FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let seeds = seeds();
    let mut rng = SmallRng::seed_from_u64(20261126);
    let (mut valid, mut refused) = (0, 0);
    for i in 0..iterations {
        let (name, text) = &seeds[i % seeds.len()];
        let mut m = text.clone();
        for _ in 0..rng.random_range(1..4) {
            m = mutate(&m, &mut rng);
        }
        match exercise(&m) {
            Ok(true) => valid += 1,
            Ok(false) => refused += 1,
            Err(msg) => {
                let path = std::env::temp_dir().join(format!("airpolicing-fuzz-{i}.toml"));
                let _ = std::fs::write(&path, &m);
                panic!(
                    "mutation {i} of {name} panics: {msg}\nthe input is saved in {}; add it to tests/fuzz/",
                    path.display()
                );
            }
        }
    }
    // The fuzzer must exercise both paths, or it tests nothing.
    assert!(valid > iterations / 20, "{valid} valid of {iterations}");
    assert!(
        refused > iterations / 20,
        "{refused} refused of {iterations}"
    );
}
