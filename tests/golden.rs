//! Value stability: a digest of every replication's metric bits and event count (seed 1,
//! replications 0..8) and of replication 0's whole trace, for every bundled scenario and a few
//! variants that exercise the engine's less common paths. A refactor must leave every digest as
//! it is; a change of results re-pins them in its own commit and says why.
//!
//! The digests are FNV-1a over the exact bits, so a change that cancels out in a sum of means
//! still shows. (Exact on x86-64 Linux; another libm may differ in the last bits.)

use airpolicing::scenario::{Scenario, bundled};
use airpolicing::sim::trace::Recorder;
use airpolicing::sim::{Model, simulate, simulate_observed};

/// FNV-1a, 64 bits: small, fixed and the same on every platform (unlike std's hasher).
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn bytes(&mut self, b: &[u8]) {
        for &x in b {
            self.0 ^= u64::from(x);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn u64(&mut self, v: u64) {
        self.bytes(&v.to_le_bytes());
    }
    fn f64(&mut self, v: f64) {
        self.u64(v.to_bits());
    }
    fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.bytes(s.as_bytes());
    }
}

/// A bundled scenario with text replacements, each of which must apply.
fn variant(name: &str, edits: &[(&str, &str)]) -> Scenario {
    let mut text = bundled(name).unwrap().to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "{name}: no `{from}` to replace");
        text = text.replace(from, to);
    }
    Scenario::from_toml_str(&text, name).unwrap()
}

/// The scenarios pinned: every bundled one, and variants for individual relief, failures with
/// QRA under many violations, a part-day station and a route through the tanker on the way out.
fn cases() -> Vec<(&'static str, Scenario)> {
    let load = |n: &str| Scenario::load(n).unwrap();
    vec![
        ("ukraine", load("ukraine")),
        ("baltic", load("baltic")),
        ("textbook", load("textbook")),
        ("reference", load("reference")),
        (
            "reference, individual relief",
            variant(
                "reference",
                &[("mode = \"element\"", "mode = \"individual\"")],
            ),
        ),
        (
            "reference, failures with QRA",
            variant(
                "reference",
                &[
                    (
                        "failures_per_flight_hour = 0.05",
                        "failures_per_flight_hour = 0.5",
                    ),
                    ("rate_per_day = 3 ", "rate_per_day = 40 "),
                ],
            ),
        ),
        (
            "textbook, part-day station",
            variant(
                "textbook",
                &[(
                    "squadrons = [\"1 Sqn\"]",
                    "squadrons = [\"1 Sqn\"]\nhours = [20, 6]",
                )],
            ),
        ),
        (
            "reference, via the tanker",
            variant(
                "reference",
                &[(
                    "refuel_at_fuel_fraction = 0.35",
                    "refuel_at_fuel_fraction = 0.95",
                )],
            ),
        ),
    ]
}

/// (metrics digest of replications 0..8, trace digest of replication 0).
fn digests(s: &Scenario) -> (u64, u64) {
    let m = Model::new(s);
    let mut h = Fnv::new();
    for rep in 0..8 {
        let r = simulate(&m, 1, rep).unwrap();
        h.u64(r.replication);
        h.u64(r.events);
        r.values.iter().for_each(|&v| h.f64(v));
        r.response_hist.iter().for_each(|&c| h.u64(c));
    }
    let mut rec = Recorder::default();
    simulate_observed(&m, 1, 0, &mut rec).unwrap();
    let mut t = Fnv::new();
    for e in &rec.events {
        t.f64(e.time_h);
        t.str(&e.squadron);
        t.u64(e.tail as u64);
        t.str(e.event);
        t.f64(e.position.lat_deg);
        t.f64(e.position.lon_deg);
        t.f64(e.fuel_kg);
        t.str(e.task.as_deref().unwrap_or(""));
    }
    (h.0, t.0)
}

const GOLDEN: [(&str, u64, u64); 8] = [
    ("ukraine", 0xc926a8101db93378, 0x6ce19bd9a53dcbef),
    ("baltic", 0xacf607dd5195db61, 0x705e846428e62b20),
    ("textbook", 0xdd915ec8faee14fd, 0xffefdfca96595ac2),
    ("reference", 0x84ab54f96224c9f0, 0x62660847ba15e04b),
    (
        "reference, individual relief",
        0x3a5c8639bfd2ca2f,
        0x32d95da7ad84425b,
    ),
    (
        "reference, failures with QRA",
        0x8be0b62fabedea16,
        0xcd295d8adbe10487,
    ),
    (
        "textbook, part-day station",
        0x074f2cae083b8155,
        0x4ea1d60d61985fd2,
    ),
    (
        "reference, via the tanker",
        0x1f40409561655956,
        0xd04dd80022c92993,
    ),
];

#[test]
fn every_replication_and_trace_is_pinned_bit_for_bit() {
    let got: Vec<(&str, u64, u64)> = cases()
        .iter()
        .map(|(name, s)| {
            let (m, t) = digests(s);
            (*name, m, t)
        })
        .collect();
    let listing: String = got
        .iter()
        .map(|(n, m, t)| format!("    ({n:?}, {m:#018x}, {t:#018x}),\n"))
        .collect();
    assert!(got == GOLDEN, "the digests now are:\n{listing}");
}

#[test]
fn the_variants_exercise_what_they_are_named_for() {
    let trace = |s: &Scenario| {
        let mut rec = Recorder::default();
        simulate_observed(&Model::new(s), 1, 0, &mut rec).unwrap();
        rec.events
    };
    let cases = cases();
    let find = |n: &str| &cases.iter().find(|c| c.0 == n).unwrap().1;
    // A fighter that goes from wheels-up to a tanker before its station took the route via the
    // tanker.
    let via = trace(find("reference, via the tanker"));
    let mut last: std::collections::HashMap<(String, usize), &str> = Default::default();
    let mut routed = 0;
    for e in &via {
        let key = (e.squadron.clone(), e.tail);
        if e.event == "hooked_up" && last.get(&key) == Some(&"airborne") {
            routed += 1;
        }
        last.insert(key, e.event);
    }
    assert!(routed > 0, "no fighter took fuel on the way out");
    let failures = trace(find("reference, failures with QRA"));
    assert!(failures.iter().any(|e| e.event == "failure"));
    assert!(failures.iter().any(|e| e.event == "scramble"));
    let part_day = find("textbook, part-day station");
    assert_eq!(part_day.cap_stations[0].hours, Some([20.0, 6.0]));
    let individual = find("reference, individual relief");
    assert_eq!(
        individual.file.relief.mode,
        airpolicing::scenario::file::ReliefMode::Individual
    );
}
