//! One replication: a single-threaded discrete-event loop, in rooms.
//!
//! The loop ([`Rep::run`]) pops the next event off the calendar, drops it if it is stale
//! ([`Rep::is_live`]) and hands it to the room that owns it ([`Rep::handle`]). Each room is a file
//! with its own state and the handlers of its own events:
//!
//! | room | state | events |
//! | --- | --- | --- |
//! | [`events`] | the event enum and the one ordering table | |
//! | [`fleet`] | aircraft: state, fuel, wear, sortie, timers | |
//! | [`sortie`] | | `LaunchDone`, `Arrive`, `BackOnStation`, `Landed` |
//! | [`relief`] | relief groups, the queue of groups waiting for aircraft | `ReliefDue`, `Bingo` |
//! | [`posts`] | who is on each post, which posts are required | `HoursEdge` |
//! | [`cycling`] | | `Refuel` (each CAP station's refuelling plan) |
//! | [`tankers`] | queues at the tanker, receivers hooked up, fuel given | `ReachTanker`, `HookupDone` |
//! | [`maintenance`] | | `AvailUp`, `AvailDown`, `Failure`, `Ready` |
//! | [`alert`] | QRA postures: aircraft on alert and regenerating | `RegenDone` |
//! | [`crews`] | each squadron's crews: rested when, duties this week | `CrewRested` |
//! | [`sensors`] | | (detection and front coverage, on demand) |
//! | [`arrivals`] | the violations of the replication | `Cross` |
//! | [`response`] | | `Respond`, `ScrambleAirborne`, `Intercept`, `ShadowDone` |
//! | [`metrics`] | integrators and counters | (the row, at the end) |
//! | [`invariants`] | | (checked after every event in debug builds) |
//!
//! The calendar, the dispatch and the order of start-up stay here.
//!
//! Relief: each post (CAP station, tanker track, AEW orbit) is manned by relief groups — one group
//! of the whole element with element relief, one group per aircraft with individual relief. A
//! group's relief is planned to arrive `overlap` before its first member's predicted departure
//! (bingo fuel, or the crew limit when a compatible tanker serves the station) and launches when
//! that requires; it comes forward if that departure comes earlier (after an intercept or a
//! refuelling) before the relief is due. It relieves only the members that must leave: the first,
//! and any due to leave within one lead of it; the others stay on (`Group::relieving`). An empty
//! place is filled at once. If no aircraft is ready then, the group waits and takes the next ready
//! aircraft of a serving squadron, nearest squadron first; a ready aircraft goes first to a QRA
//! posture short of its alert, then to the longest-waiting group. When the whole relief is on
//! station the members it relieves leave; a member that must leave earlier leaves anyway, and the
//! post has a gap. Once the old members have all gone, the part of the relief already launched is
//! the element, and the aircraft still to launch join it.

mod alert;
mod arrivals;
mod crews;
mod cycling;
mod events;
mod fleet;
#[cfg(debug_assertions)]
mod invariants;
mod maintenance;
mod metrics;
mod posts;
mod relief;
mod response;
mod sensors;
mod sortie;
mod tankers;

use super::calendar::{Calendar, Hours};
use super::metrics::RepMetrics;
use super::model::Model;
use super::streams;
use super::trace::{Observer, TraceEvent};
use crate::geo::LatLon;
use events::Ev;
use fleet::{Fleet, Timer};
use nalgebra::Vector2;
use rand::rngs::ChaCha8Rng;
use std::sync::atomic::{AtomicBool, Ordering};

pub use metrics::RESPONSE_BINS;

/// Why a replication stopped before its end.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Stopped {
    /// It handled more events than the model allows ([`Model::with_max_events`]; by default
    /// [`crate::scenario::limits::MAX_EVENTS_PER_REPLICATION`]).
    #[error(
        "replication {rep} handled more than {limit} events before the end of its {days} simulated days (scenario::limits::MAX_EVENTS_PER_REPLICATION): the scenario makes events without end or is far beyond a real theatre; check very short durations and near-certain failures, or simulate fewer days or aircraft"
    )]
    TooManyEvents {
        /// The replication.
        rep: u64,
        /// The limit it passed.
        limit: u64,
        /// Its simulated duration, days.
        days: f64,
    },
    /// The cancel flag was raised while it ran.
    #[error("the replication was cancelled")]
    Cancelled,
}

/// A running replication looks at its cancel flag once per this many events.
const CANCEL_EVERY: u64 = 4096;

/// One replication in progress: the clock, the calendar and the rooms.
struct Rep<'m, 'o, O: Observer> {
    m: &'m Model,
    obs: &'o mut O,
    /// Raised by another thread to stop the replication (Ctrl-C).
    cancel: Option<&'m AtomicBool>,
    now: Hours,
    end: Hours,
    cal: Calendar<Ev>,
    fleet: Fleet,
    relief: relief::Relief,
    posts: posts::Posts,
    tankers: tankers::Tankers,
    alert: alert::Alert,
    crews: crews::Crews,
    arrivals: arrivals::Arrivals,
    sites: response::Sites,
    metrics: metrics::Metrics,
}

/// Runs replication `rep` of `model` under master `seed`, reporting every aircraft event to
/// `observer`.
pub fn simulate_observed<O: Observer>(
    model: &Model,
    seed: u64,
    rep: u64,
    observer: &mut O,
) -> Result<RepMetrics, Stopped> {
    simulate_until(model, seed, rep, observer, None)
}

/// Runs replication `rep` of `model` under master `seed`.
pub fn simulate(model: &Model, seed: u64, rep: u64) -> Result<RepMetrics, Stopped> {
    simulate_until(model, seed, rep, &mut super::trace::NoTrace, None)
}

/// Runs replication `rep` of `model` under master `seed`, stopping with [`Stopped::Cancelled`]
/// soon after `cancel` is raised (it is read every few thousand events). A replication that is
/// not cancelled gives exactly what [`simulate`] gives.
pub fn simulate_cancellable(
    model: &Model,
    seed: u64,
    rep: u64,
    cancel: &AtomicBool,
) -> Result<RepMetrics, Stopped> {
    simulate_until(model, seed, rep, &mut super::trace::NoTrace, Some(cancel))
}

fn simulate_until<O: Observer>(
    model: &Model,
    seed: u64,
    rep: u64,
    observer: &mut O,
    cancel: Option<&AtomicBool>,
) -> Result<RepMetrics, Stopped> {
    let key = streams::replication_key(seed, rep);
    let mut r = Rep::new(model, &key, observer, cancel);
    r.start();
    r.run().map_err(|why| match why {
        Stopped::TooManyEvents { limit, days, .. } => Stopped::TooManyEvents { rep, limit, days },
        other => other,
    })?;
    Ok(r.finish(rep))
}

impl<'m, 'o, O: Observer> Rep<'m, 'o, O> {
    fn new(m: &'m Model, key: &[u8; 32], obs: &'o mut O, cancel: Option<&'m AtomicBool>) -> Self {
        let fleet = Fleet::new(m, key);
        Self {
            m,
            obs,
            cancel,
            now: 0.0,
            end: m.duration_h,
            cal: Calendar::with_capacity(64 + 8 * fleet.len()),
            fleet,
            relief: relief::Relief::new(m),
            posts: posts::Posts::new(m),
            tankers: tankers::Tankers::new(m, key),
            alert: alert::Alert::new(m, key),
            crews: crews::Crews::new(m),
            arrivals: arrivals::Arrivals::new(m, key),
            sites: response::Sites::new(m, key),
            metrics: metrics::Metrics::new(m),
        }
    }

    /// Start-up, in this order: availability clocks, aircraft on alert, posts and their hours,
    /// front coverage, the first reliefs, the violations, the air-defence sites' weather.
    fn start(&mut self) {
        self.start_availability();
        self.start_alert();
        for p in 0..self.m.posts.len() {
            self.refresh_post(p);
            self.schedule_hours(p);
        }
        self.refresh_sensors();
        for g in 0..self.relief.groups.len() {
            self.plan_relief(g);
        }
        self.generate_violations();
        self.start_weather();
    }

    /// Handles events in time order until the end; stops early past the model's event limit or
    /// when cancelled.
    fn run(&mut self) -> Result<(), Stopped> {
        while let Some((t, ev)) = self.cal.pop() {
            if t > self.end {
                #[cfg(debug_assertions)]
                self.check_violations_end(Some(ev));
                break;
            }
            debug_assert!(t >= self.now, "time went backwards: {t} < {}", self.now);
            self.now = t;
            self.metrics.events += 1;
            if self.metrics.events > self.m.max_events {
                return Err(Stopped::TooManyEvents {
                    rep: 0,
                    limit: self.m.max_events,
                    days: self.end / 24.0,
                });
            }
            if self.metrics.events.is_multiple_of(CANCEL_EVERY)
                && self.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
            {
                return Err(Stopped::Cancelled);
            }
            if self.is_live(&ev) {
                self.handle(ev);
            }
            #[cfg(debug_assertions)]
            self.check_invariants();
            #[cfg(debug_assertions)]
            if self.cal.is_empty() {
                self.check_violations_end(None);
            }
        }
        self.now = self.end;
        Ok(())
    }

    /// Whether an event still applies. A timer is stale when its owner has armed or cancelled it
    /// since; a movement is stale when the aircraft has since changed course (a failure, an
    /// intercept).
    fn is_live(&self, ev: &Ev) -> bool {
        use fleet::St;
        let ac = |a: &u32| &self.fleet.ac[*a as usize];
        match ev {
            Ev::RegenDone { ac: a, key } => ac(a).timers.is_current(Timer::Regen, *key),
            Ev::Bingo { ac: a, key } => ac(a).timers.is_current(Timer::Bingo, *key),
            Ev::Refuel { post, key } => self.tankers.refuel_key[*post as usize] == *key,
            Ev::Failure { ac: a, key } => ac(a).timers.is_current(Timer::Failure, *key),
            Ev::AvailDown { ac: a, key } => ac(a).timers.is_current(Timer::Clock, *key),
            Ev::ReliefDue { group, key } => self.relief.groups[*group as usize].key == *key,
            Ev::Arrive { ac: a } => ac(a).st == St::Outbound,
            Ev::BackOnStation { ac: a } => matches!(ac(a).st, St::FromTanker | St::Returning),
            Ev::LaunchDone { ac: a } => ac(a).st == St::Launching,
            Ev::ReachTanker { ac: a } => ac(a).st == St::ToTanker,
            Ev::HookupDone { ac: a } => ac(a).st == St::Hooked,
            Ev::Landed { ac: a } => ac(a).st == St::Homebound,
            Ev::AvailUp { .. }
            | Ev::Ready { .. }
            | Ev::CrewRested { .. }
            | Ev::HoursEdge { .. }
            | Ev::Cross { .. }
            | Ev::Respond { .. }
            | Ev::ScrambleAirborne { .. }
            | Ev::Intercept { .. }
            | Ev::ShadowDone { .. }
            | Ev::SiteFires { .. }
            | Ev::SiteReloaded { .. }
            | Ev::SiteHome { .. }
            | Ev::SiteWeather { .. } => true,
        }
    }

    /// Hands a live event to the room that owns it.
    fn handle(&mut self, ev: Ev) {
        let i = |x: u32| x as usize;
        match ev {
            Ev::AvailUp { ac } => self.avail_up(i(ac)),
            Ev::AvailDown { ac, .. } => self.avail_down(i(ac)),
            Ev::Ready { ac } => self.ready(i(ac)),
            Ev::CrewRested { sq } => self.crew_rested(i(sq)),
            Ev::RegenDone { ac, .. } => self.regen_done(i(ac)),
            Ev::HoursEdge { post } => self.hours_edge(i(post)),
            Ev::Arrive { ac } | Ev::BackOnStation { ac } => self.arrive(i(ac)),
            Ev::LaunchDone { ac } => self.launch_done(i(ac)),
            Ev::ReachTanker { ac } => self.reach_tanker(i(ac)),
            Ev::HookupDone { ac } => self.hookup_done(i(ac)),
            Ev::Bingo { ac, .. } => self.bingo(i(ac)),
            Ev::Refuel { post, .. } => self.refuel_due(i(post)),
            Ev::Failure { ac, .. } => self.failure(i(ac)),
            Ev::Landed { ac } => self.landed(i(ac)),
            Ev::ReliefDue { group, .. } => self.relief_due(i(group)),
            Ev::Cross { violation } => self.cross(i(violation)),
            Ev::Respond { violation } => self.respond(i(violation)),
            Ev::ScrambleAirborne { violation } => self.scramble_airborne(i(violation)),
            Ev::Intercept { violation } => self.intercept(i(violation)),
            Ev::ShadowDone { violation } => self.shadow_done(i(violation)),
            Ev::SiteFires { violation, site } => self.site_fires(i(violation), i(site)),
            Ev::SiteReloaded { site } => self.site_reloaded(i(site)),
            Ev::SiteHome { site } => self.site_home(i(site)),
            Ev::SiteWeather { site } => self.site_weather(i(site)),
        }
    }

    // ------------------------------------------------------------------ shared helpers

    /// Schedules `ev` `dt` hours from now (never in the past).
    fn at(&mut self, dt: Hours, ev: Ev) {
        self.cal.schedule(self.now + dt.max(0.0), ev.priority(), ev);
    }

    /// Schedules `ev` at time `t`.
    fn at_time(&mut self, t: Hours, ev: Ev) {
        self.cal.schedule(t, ev.priority(), ev);
    }

    fn trace(&mut self, a: usize, event: &'static str, position: LatLon, task: Option<&'m str>) {
        if !O::RECORDS {
            return;
        }
        let x = &self.fleet.ac[a];
        let sq = &self.m.squadrons[x.sq];
        let fuel_kg = x.fuel.at(self.now);
        self.obs.event(&TraceEvent {
            time_h: self.now,
            squadron: &sq.name,
            tail: x.tail,
            event,
            position,
            fuel_kg,
            task,
        });
    }

    /// A point of the theatre plane on the ellipsoid, for the trace only (a geodesic each; when
    /// nothing records, no position is read, so none is computed).
    fn plane_to_earth(&self, p: Vector2<f64>) -> LatLon {
        if O::RECORDS {
            self.m.front.projection().inverse(&p)
        } else {
            self.m.front.vertices()[0]
        }
    }

    fn base(&self, a: usize) -> LatLon {
        self.m.squadrons[self.fleet.ac[a].sq].base
    }

    fn post_of(&self, a: usize) -> usize {
        self.relief.groups[self.fleet.ac[a]
            .group
            .expect("an aircraft on a task has a group")]
        .post
    }

    /// Brings aircraft `a`'s fuel up to now and sets a new burn rate.
    fn set_burn(&mut self, a: usize, burn: f64) {
        self.fleet.ac[a].fuel.set_burn(self.now, burn);
    }

    fn fuel_now(&self, a: usize) -> f64 {
        self.fleet.ac[a].fuel.at(self.now)
    }
}

fn exp_draw(rng: &mut ChaCha8Rng, mean: f64) -> f64 {
    use rand::distr::Distribution;
    let unit: f64 = rand_distr::Exp1.sample(rng);
    unit * mean
}

#[cfg(test)]
mod tests;
