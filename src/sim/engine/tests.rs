//! Engine tests that need a replication's inside.

use super::*;
use crate::scenario::{Scenario, bundled};
use crate::sim::trace::NoTrace;

/// Handles the events of `r` up to time `t` (hours).
fn run_until<O: Observer>(r: &mut Rep<'_, '_, O>, t: Hours) {
    while let Some((at, ev)) = r.cal.pop() {
        if at > t {
            r.cal.schedule(at, ev.priority(), ev);
            break;
        }
        r.now = at;
        if r.is_live(&ev) {
            r.handle(ev);
        }
    }
    r.now = t;
}

#[test]
fn planning_a_relief_again_never_puts_off_one_that_is_due() {
    // The textbook with 3 aircraft (fixed times; see tests/engine.rs). At 16.5 h tail 0
    // launches to join tail 2, the element. Tail 2 leaves at its bingo at 17.0 h with no
    // relief planned yet, so the relief is due at once; no aircraft is ready until 18.5 h.
    // Tail 0 arrives at 17.25 h and would stay until 19.75 h.
    let text = bundled("textbook")
        .unwrap()
        .replace("aircraft_count = 6 ", "aircraft_count = 3 ");
    let m = Model::new(&Scenario::from_toml_str(&text, "textbook-3").unwrap());
    let key = streams::replication_key(1, 0);
    let mut obs = NoTrace;
    let mut r = Rep::new(&m, &key, &mut obs);
    r.start();
    run_until(&mut r, 17.5);
    assert_eq!(r.relief.groups[0].members, [0]);
    assert!(
        r.relief.waiting.contains(&0),
        "the relief is due and waiting"
    );
    // Tail 0's departure comes earlier, as after an intercept. Planned from it, the relief
    // would launch at 19.0 - 0.5 - 0.75 = 17.75 h: later than it is due already.
    r.fleet.ac[0].sortie.bingo_at = 19.0;
    r.replan_relief(0);
    assert!(
        r.relief.waiting.contains(&0),
        "the relief due since 17.0 h was put off"
    );
    assert!(
        (r.relief.groups[0].due - 17.0).abs() < 1e-6,
        "due at {}",
        r.relief.groups[0].due
    );
}
