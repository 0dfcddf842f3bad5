//! The fleet: every aircraft's state, fuel, wear, sortie and timers, and the helpers that keep
//! fuel up to date.
//!
//! An aircraft is always in exactly one state ([`St`]). Fuel is tracked continuously: each state
//! has a burn rate (none on the ground, cruise in transit, patrol on station or at the tanker) and
//! the fuel on board is brought up to date whenever the burn changes.

use super::super::calendar::Hours;
use super::super::model::{Model, SquadronDef};
use super::super::streams::{self, Process};
use super::Rep;
use crate::sim::trace::Observer;
use rand::rngs::ChaCha8Rng;

/// The state of an aircraft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum St {
    /// Mission capable at base, unassigned.
    Ready,
    /// On alert for a QRA posture.
    Alert(usize),
    /// Being put on alert for a QRA posture.
    Regenerating(usize),
    /// Start, taxi and take-off.
    Launching,
    /// Flying to its post.
    Outbound,
    /// On station, track or orbit.
    OnStation,
    /// Flying from its station to the tanker track.
    ToTanker,
    /// At the tanker, queued for a free boom or drogue.
    AtTanker,
    /// Hooked up to a tanker, taking fuel.
    Hooked,
    /// Flying back from the tanker track to its station.
    FromTanker,
    /// Flying home.
    Homebound,
    /// On alert, scrambled: readiness before take-off.
    Scrambling,
    /// Dashing to intercept a violator.
    Dash,
    /// Shadowing a violator after the intercept.
    Shadow,
    /// Flying back from an intercept to its station.
    Returning,
    /// Ground time after a sortie.
    Turnaround,
    /// Not mission capable: maintenance, repair or inspection.
    Down,
}

impl St {
    /// Whether the aircraft is in the air (flight hours accrue).
    pub(super) fn airborne(self) -> bool {
        matches!(
            self,
            St::Outbound
                | St::OnStation
                | St::ToTanker
                | St::AtTanker
                | St::Hooked
                | St::FromTanker
                | St::Homebound
                | St::Dash
                | St::Shadow
                | St::Returning
        )
    }

    /// The fuel burn in this state, kg/h: none on the ground, cruise in transit, patrol on a
    /// post, at the tanker or shadowing, dash when intercepting.
    pub(super) fn burn(self, s: &SquadronDef) -> f64 {
        match self {
            St::Ready
            | St::Alert(_)
            | St::Regenerating(_)
            | St::Launching
            | St::Scrambling
            | St::Turnaround
            | St::Down => 0.0,
            St::Outbound | St::ToTanker | St::FromTanker | St::Homebound | St::Returning => {
                s.cruise_burn
            }
            St::OnStation | St::AtTanker | St::Hooked | St::Shadow => s.patrol_burn,
            St::Dash => s.dash.map_or(0.0, |d| d.1),
        }
    }

    /// Whether the aircraft is away from its station for fuel.
    pub(super) fn at_or_to_tanker(self) -> bool {
        matches!(
            self,
            St::ToTanker | St::AtTanker | St::Hooked | St::FromTanker
        )
    }
}

/// The kinds of timer an aircraft has; each is cancelled on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Timer {
    Bingo = 0,
    Failure = 1,
    Regen = 2,
    /// The `mc_rate` clock's next down period.
    Clock = 3,
}

/// The current key of each of an aircraft's timers. Arming a timer gives it a new key, which
/// makes the one pending before it stale; cancelling does the same without a new event.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Timers([u32; 4]);

impl Timers {
    /// A new key for `t`; the event armed with it is the only live one of its kind.
    pub(super) fn arm(&mut self, t: Timer) -> u32 {
        self.cancel(t);
        self.0[t as usize]
    }

    /// Makes the pending `t` event stale.
    pub(super) fn cancel(&mut self, t: Timer) {
        self.0[t as usize] = self.0[t as usize].wrapping_add(1);
    }

    /// Whether an event of kind `t` armed with `key` is still live.
    pub(super) fn is_current(&self, t: Timer, key: u32) -> bool {
        self.0[t as usize] == key
    }
}

/// Fuel on board, brought up to date at each change of burn.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fuel {
    /// Fuel on board at `at`, kg.
    pub kg: f64,
    /// When `kg` was last brought up to date, hours.
    pub at: Hours,
    /// Burn since then, kg/h.
    pub burn: f64,
}

impl Fuel {
    /// Fuel on board at `now`, kg.
    pub(super) fn at(&self, now: Hours) -> f64 {
        self.kg - self.burn * (now - self.at)
    }

    /// Brings the fuel up to `now` and sets a new burn rate.
    pub(super) fn set_burn(&mut self, now: Hours, burn: f64) {
        self.kg -= self.burn * (now - self.at);
        self.at = now;
        self.burn = burn;
    }

    /// A full tank at `now`, burning `burn`.
    pub(super) fn fill(&mut self, kg: f64, now: Hours, burn: f64) {
        self.kg = kg;
        self.at = now;
        self.burn = burn;
    }
}

/// What wears an aircraft: availability, failures and inspections.
#[derive(Debug, Clone, Copy)]
pub(super) struct Wear {
    /// Not mission capable (availability clock, repair or inspection).
    pub down: bool,
    /// Failed in the air; repaired after landing.
    pub needs_repair: bool,
    /// Flight hours left to the next failure.
    pub fh_to_failure: f64,
    pub fh_since_inspection: f64,
    /// Hours of wear left on the `mc_rate` clock at `clock_at` (infinite while it is stopped:
    /// down, or waiting for its scheduled maintenance).
    pub clock_left: f64,
    /// When `clock_left` was last brought up to date, hours.
    pub clock_at: Hours,
    /// Hours of wear per hour since `clock_at`: 1, or the alert wear while on alert.
    pub clock_rate: f64,
    /// Its scheduled maintenance is due but waits for a spare to take its place on alert.
    pub maintenance_due: bool,
}

/// The sortie in progress.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Sortie {
    /// Weapons left (`u32::MAX`: no limit).
    pub missiles: u32,
    pub wheels_up: Hours,
    pub airborne_since: Hours,
    /// When the aircraft is predicted to leave its post.
    pub bingo_at: Hours,
    /// Where the aircraft flies home from when it leaves its post or tanker, hours of cruise.
    pub home_leg_h: f64,
    /// Fuel given so far (tankers), kg.
    pub given_kg: f64,
    /// Chose to be relieved from the ground at its fuel bingo rather than go to the tanker.
    pub relieved_on_fuel: bool,
    /// Has reached its post this sortie (a fighter taking fuel on the way out has not).
    pub reached_post: bool,
    /// Gone for fuel to a tanker inside the patrol area of this CAP station, and so still
    /// counted on it until it is back or leaves for good.
    pub refuelling_in_area_of: Option<usize>,
}

pub(super) struct Aircraft {
    pub sq: usize,
    pub tail: usize,
    pub st: St,
    /// The relief group it serves.
    pub group: Option<usize>,
    pub fuel: Fuel,
    pub wear: Wear,
    pub sortie: Sortie,
    pub timers: Timers,
    /// The crew flying it, of its squadron's crews (squadrons with crews).
    pub crew: Option<u32>,
    pub rng_avail: ChaCha8Rng,
    pub rng_ground: ChaCha8Rng,
}

/// Every aircraft of the replication, and which belong to each squadron.
pub(super) struct Fleet {
    pub ac: Vec<Aircraft>,
    /// Aircraft indices per squadron.
    pub of: Vec<Vec<usize>>,
    /// The aircraft on their way to, at or back from a tanker ([`St::at_or_to_tanker`]), kept
    /// by [`Rep::set_state`], so that a question about them does not scan the whole fleet.
    pub at_tanker: Vec<usize>,
}

impl Fleet {
    pub(super) fn new(m: &Model, key: &[u8; 32]) -> Self {
        let mut ac = Vec::new();
        let mut of = Vec::new();
        for (q, sq) in m.squadrons.iter().enumerate() {
            let mut mine = Vec::new();
            for tail in 0..sq.count as usize {
                let entity = streams::aircraft_entity(q, tail);
                mine.push(ac.len());
                ac.push(Aircraft {
                    sq: q,
                    tail,
                    st: St::Ready,
                    group: None,
                    fuel: Fuel {
                        kg: sq.fuel_kg,
                        at: 0.0,
                        burn: 0.0,
                    },
                    wear: Wear {
                        down: false,
                        needs_repair: false,
                        fh_to_failure: f64::INFINITY,
                        fh_since_inspection: 0.0,
                        clock_left: f64::INFINITY,
                        clock_at: 0.0,
                        clock_rate: 1.0,
                        maintenance_due: false,
                    },
                    sortie: Sortie::default(),
                    timers: Timers::default(),
                    crew: None,
                    rng_avail: streams::stream(key, Process::Availability, entity),
                    rng_ground: streams::stream(key, Process::Ground, entity),
                });
            }
            of.push(mine);
        }
        Fleet {
            ac,
            of,
            at_tanker: Vec::new(),
        }
    }

    /// The first ready aircraft of squadron `sq`.
    pub(super) fn first_ready(&self, sq: usize) -> Option<usize> {
        self.of[sq]
            .iter()
            .copied()
            .find(|&a| self.ac[a].st == St::Ready)
    }

    pub(super) fn len(&self) -> usize {
        self.ac.len()
    }
}

impl<O: Observer> Rep<'_, '_, O> {
    /// The one transition of an aircraft's state: the fuel on board is brought up to now and
    /// burns from now at the new state's rate.
    pub(super) fn set_state(&mut self, a: usize, st: St) {
        let burn = st.burn(&self.m.squadrons[self.fleet.ac[a].sq]);
        let x = &mut self.fleet.ac[a];
        let was = x.st;
        x.st = st;
        x.fuel.set_burn(self.now, burn);
        match (was.at_or_to_tanker(), st.at_or_to_tanker()) {
            (false, true) => self.fleet.at_tanker.push(a),
            (true, false) => self.fleet.at_tanker.retain(|&t| t != a),
            _ => {}
        }
        let wear = self.wear_rate(st);
        if wear != self.wear_rate(was) {
            self.set_wear_rate(a, wear);
        }
        // A fighter refuelling inside its station's area stops counting on the station when it
        // leaves the tanker for anywhere but the station.
        if !(st.at_or_to_tanker() || st == St::OnStation)
            && let Some(p) = self.fleet.ac[a].sortie.refuelling_in_area_of.take()
        {
            self.post_loses(p);
        }
    }

    /// How fast an aircraft in state `st` wears: parked on alert, at its posture's alert wear;
    /// otherwise at its squadron's flying programme's rate, 1.
    fn wear_rate(&self, st: St) -> f64 {
        match st {
            St::Alert(q) => self.m.qra[q].alert_wear,
            _ => 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timer_armed_again_makes_the_earlier_one_stale_and_leaves_the_others() {
        let mut t = Timers::default();
        let bingo = t.arm(Timer::Bingo);
        let failure = t.arm(Timer::Failure);
        let again = t.arm(Timer::Bingo);
        assert!(!t.is_current(Timer::Bingo, bingo));
        assert!(t.is_current(Timer::Bingo, again));
        assert!(t.is_current(Timer::Failure, failure));
        t.cancel(Timer::Failure);
        assert!(!t.is_current(Timer::Failure, failure));
    }

    #[test]
    fn fuel_burns_at_the_rate_set_last() {
        let mut f = Fuel {
            kg: 5000.0,
            at: 0.0,
            burn: 2000.0,
        };
        assert_eq!(f.at(0.5), 4000.0);
        f.set_burn(0.5, 1000.0);
        assert_eq!(f.at(2.5), 2000.0);
    }
}
