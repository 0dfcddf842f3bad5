//! Engine tests that need a replication's inside.

use super::*;
use crate::scenario::{Scenario, bundled};
use crate::sim::trace::NoTrace;

/// Replication 0 of `m` under seed 1, started: its aircraft placed and first events scheduled.
fn started<'m, 'o>(m: &'m Model, obs: &'o mut NoTrace) -> Rep<'m, 'o, NoTrace> {
    let key = streams::replication_key(1, 0);
    let mut r = Rep::new(m, &key, obs, None);
    r.start();
    r
}

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
    // The textbook with 3 aircraft (fixed times; see tests/engine.rs). The pair's relief is due
    // at 2.0 h, but only tail 2 is ready; it launches and the second place waits. Tails 0 and 1
    // leave at 3.25 h, and tail 2 is the element, to stay until 5.25 h; no aircraft is ready
    // until 5.5 h, so the relief due since 2.0 h is still waiting at 3.5 h.
    let text = bundled("textbook")
        .unwrap()
        .replace("aircraft_count = 6 ", "aircraft_count = 3 ");
    let m = Model::new(&Scenario::from_toml_str(&text, "textbook-3").unwrap());
    let mut obs = NoTrace;
    let mut r = started(&m, &mut obs);
    run_until(&mut r, 3.5);
    assert_eq!(r.relief.groups[0].members, [2]);
    assert!(
        r.relief.waiting.contains(&0),
        "the relief is due and waiting"
    );
    // Tail 2's departure comes earlier, as after an intercept. Planned from it, the relief
    // would launch now, at 3.5 h: later than it is due already.
    r.fleet.ac[2].sortie.bingo_at = 4.5;
    r.replan_relief(0);
    assert!(
        r.relief.waiting.contains(&0),
        "the relief due since 2.0 h was put off"
    );
    assert!(
        (r.relief.groups[0].due - 2.0).abs() < 1e-6,
        "due at {}",
        r.relief.groups[0].due
    );
}

#[test]
fn a_member_that_leaves_early_is_relieved_alone_and_its_partner_stays_on() {
    // The textbook (6 aircraft, fixed times): tails 0 and 1 are on station from 0.75 h until
    // 3.25 h. Tail 0 leaves at 1.5 h, as after a failure; a ready aircraft relieves it alone,
    // on station 0.75 h later, and tail 1 stays on as a member, to be relieved at its own time.
    let m = Model::new(&Scenario::from_toml_str(bundled("textbook").unwrap(), "textbook").unwrap());
    let mut obs = NoTrace;
    let mut r = started(&m, &mut obs);
    run_until(&mut r, 1.5);
    assert_eq!(r.relief.groups[0].members, [0, 1]);
    r.member_leaves(0, 0);
    let gr = &r.relief.groups[0];
    assert_eq!(gr.planned, 1, "one aircraft replaces the one that left");
    assert!(
        gr.relieving.is_empty(),
        "the partner is not relieved with it"
    );
    run_until(&mut r, 2.3);
    let gr = &r.relief.groups[0];
    assert_eq!(gr.members.len(), 2);
    assert!(gr.members.contains(&1), "the partner stays on as a member");
    assert!(!gr.members.contains(&0));
    assert_eq!(r.posts.of[0].on_station, 2);
    // Its own relief is planned for its own departure, for it alone.
    assert_eq!(r.relief.groups[0].relieving, [1]);
}

#[test]
fn a_refuelling_plan_made_again_for_the_same_moment_keeps_its_pending_timer() {
    // `reference` has CAP stations behind a tanker. Some hours in, a station has its next
    // fighter's turn at the tanker planned.
    let m = Model::new(&Scenario::load("reference").unwrap());
    let mut obs = NoTrace;
    let mut r = started(&m, &mut obs);
    let mut t = 6.0;
    let p = loop {
        run_until(&mut r, t);
        if let Some(p) = (0..m.posts.len()).find(|&p| r.tankers.refuel_at[p].is_some()) {
            break p;
        }
        t += 1.0;
        assert!(
            t < 48.0,
            "no station planned a turn at the tanker in two days"
        );
    };
    let (at, key, pending) = (r.tankers.refuel_at[p], r.tankers.refuel_key[p], r.cal.len());
    // Nothing has changed: the same plan, the same moment, and no second event.
    r.plan_refuel(p);
    assert_eq!(r.tankers.refuel_at[p], at);
    assert_eq!(r.tankers.refuel_key[p], key, "the pending timer stays live");
    assert_eq!(r.cal.len(), pending, "no event added");
    // Once cancelled, the same plan arms a new timer for the same moment.
    r.arm_refuel(p, None);
    assert_eq!(r.tankers.refuel_at[p], None);
    r.plan_refuel(p);
    assert_eq!(r.tankers.refuel_at[p], at);
    assert_ne!(r.tankers.refuel_key[p], key, "the cancelled timer is stale");
    assert_eq!(r.cal.len(), pending + 1);
}

/// Handles the events of `r` until the next `ReachTanker` of a live receiver, and returns that
/// receiver without handling it.
fn next_reach_tanker<O: Observer>(r: &mut Rep<'_, '_, O>) -> usize {
    while let Some((at, ev)) = r.cal.pop() {
        r.now = at;
        if !r.is_live(&ev) {
            continue;
        }
        if let Ev::ReachTanker { ac } = ev {
            return ac as usize;
        }
        r.handle(ev);
    }
    panic!("no receiver reached a tanker");
}

#[test]
fn a_receiver_gets_a_bingo_at_the_tanker_only_when_it_must_wait() {
    let m = Model::new(&Scenario::load("reference").unwrap());
    let mut obs = NoTrace;
    let mut r = started(&m, &mut obs);
    let track = |r: &Rep<'_, '_, NoTrace>, a: usize| r.m.posts[r.post_of(a)].tanker.unwrap().0;
    // A boom or drogue free: hooked up at once, and only its hook-up is added to the calendar.
    let a = loop {
        let a = next_reach_tanker(&mut r);
        let tp = track(&r, a);
        if r.tankers.queue[tp].is_empty()
            && r.tankers.hooked[tp] < r.receivers(tp)
            && r.tanker_on(tp).is_some()
        {
            break a;
        }
        r.reach_tanker(a);
    };
    let pending = r.cal.len();
    r.reach_tanker(a);
    assert_eq!(r.fleet.ac[a].st, fleet::St::Hooked);
    assert_eq!(r.cal.len(), pending + 1, "its hook-up and no bingo");
    // Every boom and drogue taken: it waits in the queue with a live bingo.
    let b = next_reach_tanker(&mut r);
    let tp = track(&r, b);
    r.tankers.hooked[tp] = r.receivers(tp);
    let pending = r.cal.len();
    r.reach_tanker(b);
    assert_eq!(r.fleet.ac[b].st, fleet::St::AtTanker);
    assert!(r.tankers.queue[tp].contains(&b));
    assert_eq!(r.cal.len(), pending + 1, "its bingo");
    // That one event is its live bingo, at the moment it must leave the track for home.
    let mut bingo = Vec::new();
    while let Some((at, ev)) = r.cal.pop() {
        if matches!(ev, Ev::Bingo { ac, .. } if ac as usize == b) && r.is_live(&ev) {
            bingo.push(at);
        }
    }
    assert_eq!(bingo.len(), 1, "one live bingo: {bingo:?}");
    assert!(bingo[0] > r.now);
}
