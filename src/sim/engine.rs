//! One replication: a single-threaded discrete-event loop over the aircraft life cycle.
//!
//! An aircraft is always in exactly one state ([`St`]): ready, on alert or regenerating at its
//! base, launching, outbound, on station, to/at/from a tanker, homebound, in turnaround, or down
//! (maintenance, repair or inspection). Fuel is tracked continuously: each state has a burn rate
//! (none on the ground, cruise in transit, patrol on station or at the tanker) and the fuel on
//! board is brought up to date whenever the state changes.
//!
//! Relief: each post (CAP station, tanker track, AEW orbit) is manned by relief groups — one group
//! of the whole element with element relief, one group per aircraft with individual relief. A
//! group's relief is planned to arrive `overlap` before its members' predicted departure (bingo
//! fuel, or the crew limit when a compatible tanker serves the station) and launches when that
//! requires; it comes forward if that departure comes earlier (after an intercept or a refuelling)
//! before the relief is due. If no aircraft is ready then, the group waits and takes the next ready
//! aircraft of a serving squadron, nearest squadron first; a ready aircraft goes first to a QRA
//! posture short of its alert, then to the longest-waiting group. When the whole relief is on
//! station the old members leave; a member that must leave earlier leaves anyway, and the post has
//! a gap. Once the old members have all gone, the part of the relief already launched is the
//! element, and the aircraft still to launch join it.

use super::calendar::{Calendar, Hours};
use super::metrics::{RepMetrics, TimeWeighted};
use super::model::{AvailDef, Model, PostKind, refuel_margin_kg};
use super::streams::{self, Process};
use super::trace::{Observer, TraceEvent};
use super::violations::{first_entry, intercept_time};
use crate::geo::{LatLon, coverage_radius_km};
use nalgebra::Vector2;
use rand::RngExt;
use rand::rngs::ChaCha8Rng;
use std::collections::VecDeque;

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

/// Events, with the aircraft (or group, or post) they concern. `u32` fields keep records small.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ev {
    AvailUp(u32),
    Ready(u32),
    RegenDone(u32, u32),
    HoursEdge(u32),
    Arrive(u32),
    BackOnStation(u32),
    LaunchDone(u32),
    ReachTanker(u32),
    HookupDone(u32),
    Bingo(u32, u32),
    Refuel(u32, u32),
    Failure(u32, u32),
    Landed(u32),
    ReliefDue(u32, u32),
    AvailDown(u32),
    Cross(u32),
    Respond(u32),
    ScrambleAirborne(u32),
    Intercept(u32),
    ShadowDone(u32),
}

impl Ev {
    /// Order at equal times: aircraft becoming available and requirement changes first, then
    /// arrivals, then other movements, then departures, landings, relief decisions, breakdowns.
    fn priority(&self) -> u8 {
        match self {
            Ev::AvailUp(_) | Ev::Ready(_) | Ev::RegenDone(..) | Ev::HoursEdge(_) => 0,
            Ev::Arrive(_) | Ev::BackOnStation(_) => 1,
            Ev::LaunchDone(_) | Ev::ReachTanker(_) | Ev::HookupDone(_) => 2,
            Ev::Cross(_)
            | Ev::Respond(_)
            | Ev::ScrambleAirborne(_)
            | Ev::Intercept(_)
            | Ev::ShadowDone(_) => 2,
            Ev::Bingo(..) | Ev::Refuel(..) | Ev::Failure(..) => 3,
            Ev::Landed(_) => 4,
            Ev::ReliefDue(..) => 5,
            Ev::AvailDown(_) => 6,
        }
    }
}

struct Aircraft {
    sq: usize,
    tail: usize,
    st: St,
    group: Option<usize>,
    fuel: f64,
    fuel_t: Hours,
    burn: f64,
    wheels_up: Hours,
    airborne_since: Hours,
    /// Invalidates pending Bingo, Refuel, Failure and RegenDone events when bumped.
    epoch: u32,
    /// Not mission capable (availability clock, repair or inspection).
    down: bool,
    needs_repair: bool,
    fh_to_failure: f64,
    fh_since_inspection: f64,
    bingo_at: Hours,
    /// Where the aircraft flies home from when it leaves its post or tanker.
    home_leg_h: f64,
    given_this_sortie: f64,
    /// Waiting on station for another member of its element to come back from the tanker.
    wants_fuel: bool,
    rng_avail: ChaCha8Rng,
    rng_ground: ChaCha8Rng,
}

struct Group {
    post: usize,
    size: u32,
    members: Vec<usize>,
    relief: Vec<usize>,
    /// Aircraft still to launch for the current relief.
    need: u32,
    /// Whether the launches in progress fill the members (no members on post) or form a relief.
    filling: bool,
    pending: bool,
    /// When the relief planned or under way launches (or launched), hours.
    due: Hours,
    epoch: u32,
}

struct PostState {
    on_station: u32,
    required: bool,
    full: TimeWeighted,
    required_time: TimeWeighted,
    queue: VecDeque<usize>,
    hooked: u32,
    offloaded_kg: f64,
    rng: ChaCha8Rng,
}

struct QraState {
    alert: u32,
    regenerating: u32,
    held: TimeWeighted,
    rng: ChaCha8Rng,
}

/// Who answers a violation.
enum Responder {
    /// A fighter on CAP.
    Cap(usize),
    /// A QRA posture, with the readiness drawn for this scramble (hours).
    Qra(usize, f64),
}

/// How a violation ended.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Outcome {
    Pending,
    Undetected,
    Unanswered,
    /// Intercepted this many hours after crossing.
    Intercepted(f64),
}

struct Violation {
    t0: Hours,
    sector: usize,
    kind: usize,
    start: Vector2<f64>,
    velocity: Vector2<f64>,
    /// Hours from the crossing until it turns back.
    window_h: f64,
    outcome: Outcome,
    /// Found no aircraft on alert when the response was ordered.
    no_alert: bool,
    responders: Vec<usize>,
    meet: Vector2<f64>,
}

/// One replication in progress.
struct Rep<'m, 'o, O: Observer> {
    m: &'m Model,
    obs: &'o mut O,
    now: Hours,
    end: Hours,
    cal: Calendar<Ev>,
    ac: Vec<Aircraft>,
    /// Aircraft indices per squadron.
    fleet: Vec<Vec<usize>>,
    groups: Vec<Group>,
    posts: Vec<PostState>,
    qra: Vec<QraState>,
    waiting: VecDeque<usize>,
    all_cap: TimeWeighted,
    cap_presence: TimeWeighted,
    all_aew: TimeWeighted,
    all_tanker: TimeWeighted,
    all_qra: TimeWeighted,
    front_low: TimeWeighted,
    front_high: TimeWeighted,
    capable: Vec<TimeWeighted>,
    sorties: Vec<f64>,
    flight_h: Vec<f64>,
    given_kg: f64,
    received_kg: f64,
    events: u64,
    viol: Vec<Violation>,
    viol_rng: Option<ChaCha8Rng>,
}

/// Runs replication `rep` of `model` under master `seed`, reporting every aircraft event to
/// `observer`.
pub fn simulate_observed<O: Observer>(
    model: &Model,
    seed: u64,
    rep: u64,
    observer: &mut O,
) -> RepMetrics {
    let key = streams::replication_key(seed, rep);
    let mut r = Rep::new(model, &key, observer);
    r.start();
    r.run();
    r.finish(rep)
}

/// Runs replication `rep` of `model` under master `seed`.
pub fn simulate(model: &Model, seed: u64, rep: u64) -> RepMetrics {
    simulate_observed(model, seed, rep, &mut super::trace::NoTrace)
}

impl<'m, 'o, O: Observer> Rep<'m, 'o, O> {
    fn new(m: &'m Model, key: &[u8; 32], obs: &'o mut O) -> Self {
        let mut ac = Vec::new();
        let mut fleet = Vec::new();
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
                    fuel: sq.fuel_kg,
                    fuel_t: 0.0,
                    burn: 0.0,
                    wheels_up: 0.0,
                    airborne_since: 0.0,
                    epoch: 0,
                    down: false,
                    needs_repair: false,
                    fh_to_failure: f64::INFINITY,
                    fh_since_inspection: 0.0,
                    bingo_at: 0.0,
                    home_leg_h: 0.0,
                    given_this_sortie: 0.0,
                    wants_fuel: false,
                    rng_avail: streams::stream(key, Process::Availability, entity),
                    rng_ground: streams::stream(key, Process::Ground, entity),
                });
            }
            fleet.push(mine);
        }
        let groups = m
            .groups
            .iter()
            .map(|&(post, size)| Group {
                post,
                size,
                members: Vec::new(),
                relief: Vec::new(),
                need: 0,
                filling: true,
                pending: false,
                due: 0.0,
                epoch: 0,
            })
            .collect();
        let posts = m
            .posts
            .iter()
            .enumerate()
            .map(|(i, p)| PostState {
                on_station: 0,
                required: p.required_at(0.0),
                full: TimeWeighted::new(0.0),
                required_time: TimeWeighted::new(if p.required_at(0.0) { 1.0 } else { 0.0 }),
                queue: VecDeque::new(),
                hooked: 0,
                offloaded_kg: 0.0,
                rng: streams::stream(key, Process::Refuelling, i as u32),
            })
            .collect();
        let qra = m
            .qra
            .iter()
            .enumerate()
            .map(|(i, _)| QraState {
                alert: 0,
                regenerating: 0,
                held: TimeWeighted::new(0.0),
                rng: streams::stream(key, Process::Alert, i as u32),
            })
            .collect();
        let capable = m
            .squadrons
            .iter()
            .map(|s| TimeWeighted::new(f64::from(s.count)))
            .collect();
        let n_sq = m.squadrons.len();
        Self {
            m,
            obs,
            now: 0.0,
            end: m.duration_h,
            cal: Calendar::with_capacity(64 + 8 * ac.len()),
            ac,
            fleet,
            groups,
            posts,
            qra,
            waiting: VecDeque::new(),
            all_cap: TimeWeighted::new(0.0),
            cap_presence: TimeWeighted::new(0.0),
            all_aew: TimeWeighted::new(0.0),
            all_tanker: TimeWeighted::new(0.0),
            all_qra: TimeWeighted::new(0.0),
            front_low: TimeWeighted::new(0.0),
            front_high: TimeWeighted::new(0.0),
            capable,
            sorties: vec![0.0; n_sq],
            flight_h: vec![0.0; n_sq],
            given_kg: 0.0,
            received_kg: 0.0,
            events: 0,
            viol: Vec::new(),
            viol_rng: m
                .violations
                .as_ref()
                .map(|_| streams::stream(key, Process::Violations, 0)),
        }
    }

    // ------------------------------------------------------------------ helpers

    fn at(&mut self, dt: Hours, ev: Ev) {
        self.cal.schedule(self.now + dt.max(0.0), ev.priority(), ev);
    }

    fn trace(&mut self, a: usize, event: &'static str, position: LatLon, task: Option<&'m str>) {
        if !O::RECORDS {
            return;
        }
        let x = &self.ac[a];
        let sq = &self.m.squadrons[x.sq];
        let fuel_kg = x.fuel - x.burn * (self.now - x.fuel_t);
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
        self.m.squadrons[self.ac[a].sq].base
    }

    fn post_of(&self, a: usize) -> usize {
        self.groups[self.ac[a].group.expect("an aircraft on a task has a group")].post
    }

    /// Brings the fuel on board up to now and sets a new burn rate.
    fn set_burn(&mut self, a: usize, burn: f64) {
        let now = self.now;
        let x = &mut self.ac[a];
        x.fuel -= x.burn * (now - x.fuel_t);
        x.fuel_t = now;
        x.burn = burn;
    }

    fn fuel_now(&self, a: usize) -> f64 {
        let x = &self.ac[a];
        x.fuel - x.burn * (self.now - x.fuel_t)
    }

    fn set_down(&mut self, a: usize, down: bool) {
        if self.ac[a].down != down {
            self.ac[a].down = down;
            let q = self.ac[a].sq;
            let v = self.capable[q].value() + if down { -1.0 } else { 1.0 };
            self.capable[q].set(self.now, v, self.m.warmup_h, self.end);
        }
    }

    /// Whether a fighter on post `p` can take fuel there: a tanker track with a system that fits.
    fn aar_possible(&self, sq: usize, p: usize) -> Option<(usize, f64)> {
        let (tp, leg_km) = self.m.posts[p].tanker?;
        let tanker_sq = self.m.posts[tp].serving.first()?.sq;
        let systems = &self.m.squadrons[tanker_sq].tanker.as_ref()?.systems;
        self.m.squadrons[sq]
            .receptacle
            .compatible_with(systems)
            .then_some((tp, leg_km))
    }

    /// Predicted time aircraft `a` must leave post `p`, if it arrives there at `arrive` with
    /// `fuel` on board.
    fn leave_time(&self, a: usize, p: usize, arrive: Hours, fuel: f64) -> Hours {
        let x = &self.ac[a];
        let s = &self.m.squadrons[x.sq];
        let back_h = self.m.posts[p].transit_h(x.sq);
        let crew = x.wheels_up + s.max_sortie_h - back_h;
        if self.aar_possible(x.sq, p).is_some() {
            return crew;
        }
        let burn = s.patrol_burn + self.m.posts[p].expected_offload_kg_h;
        let fuel_h = (fuel - s.reserve_kg - back_h * s.cruise_burn) / burn;
        (arrive + fuel_h).min(crew)
    }

    // ------------------------------------------------------------------ coverage bookkeeping

    fn refresh_post(&mut self, p: usize) {
        let (w, e, now) = (self.m.warmup_h, self.end, self.now);
        let st = &mut self.posts[p];
        let full = st.on_station >= self.m.posts[p].required;
        let v = if full && st.required { 1.0 } else { 0.0 };
        st.full.set(now, v, w, e);
        match self.m.posts[p].kind {
            PostKind::Cap(_) => {
                let ok = self.posts.iter().zip(&self.m.posts).all(|(s, d)| {
                    !matches!(d.kind, PostKind::Cap(_)) || !s.required || s.on_station >= d.required
                });
                self.all_cap.set(now, f64::from(ok), w, e);
                let present = self.posts.iter().zip(&self.m.posts).all(|(s, d)| {
                    !matches!(d.kind, PostKind::Cap(_)) || !s.required || s.on_station >= 1
                });
                self.cap_presence.set(now, f64::from(present), w, e);
            }
            PostKind::Tanker(_) => {
                let ok = self.all_manned(|k| matches!(k, PostKind::Tanker(_)));
                self.all_tanker.set(now, f64::from(ok), w, e);
            }
            PostKind::Aew(_) => {
                let ok = self.all_manned(|k| matches!(k, PostKind::Aew(_)));
                self.all_aew.set(now, f64::from(ok), w, e);
                self.refresh_sensors();
            }
        }
    }

    fn all_manned(&self, kind: impl Fn(PostKind) -> bool) -> bool {
        self.posts
            .iter()
            .zip(&self.m.posts)
            .all(|(s, d)| !kind(d.kind) || s.on_station >= d.required)
    }

    fn refresh_sensors(&mut self) {
        if self.m.sensors.is_empty() {
            return;
        }
        let mut on = [0u64; 4];
        let mut on_heap = Vec::new();
        let words = self.m.sensors.len().div_ceil(64);
        let on: &mut [u64] = if words <= on.len() {
            &mut on[..words]
        } else {
            on_heap.resize(words, 0);
            &mut on_heap
        };
        for (k, s) in self.m.sensors.iter().enumerate() {
            if s.post.is_none_or(|p| self.posts[p].on_station > 0) {
                on[k / 64] |= 1 << (k % 64);
            }
        }
        let frac = |groups: &[super::model::CoverGroup]| -> f64 {
            let covered: f64 = groups
                .iter()
                .filter(|g| g.seen_by(on))
                .map(|g| g.weight)
                .sum();
            covered / self.m.sample_total
        };
        let (low, high) = (frac(&self.m.cover_low), frac(&self.m.cover_high));
        let (w, e, now) = (self.m.warmup_h, self.end, self.now);
        self.front_low.set(now, low, w, e);
        self.front_high.set(now, high, w, e);
    }

    fn refresh_qra(&mut self, q: usize) {
        let (w, e, now) = (self.m.warmup_h, self.end, self.now);
        let held = self.qra[q].alert >= self.m.qra[q].on_alert;
        self.qra[q].held.set(now, f64::from(held), w, e);
        let all = self
            .qra
            .iter()
            .zip(&self.m.qra)
            .all(|(s, d)| s.alert >= d.on_alert);
        self.all_qra.set(now, f64::from(all), w, e);
    }

    // ------------------------------------------------------------------ start and loop

    fn start(&mut self) {
        for a in 0..self.ac.len() {
            let sq = self.ac[a].sq;
            match self.m.squadrons[sq].avail.clone() {
                AvailDef::Perfect => {}
                AvailDef::McRate {
                    mc_rate,
                    up_mean_h,
                    down_h,
                } => {
                    // Start in the long-run mix: up with probability mc_rate.
                    let up = self.ac[a].rng_avail.random::<f64>() < mc_rate;
                    if up {
                        let t = exp_draw(&mut self.ac[a].rng_avail, up_mean_h);
                        self.at(t, Ev::AvailDown(a as u32));
                    } else {
                        self.set_down(a, true);
                        self.ac[a].st = St::Down;
                        let t = down_h.sample(&mut self.ac[a].rng_avail);
                        self.at(t, Ev::AvailUp(a as u32));
                    }
                }
                AvailDef::Failures { per_flight_h, .. } => {
                    self.ac[a].fh_to_failure = if per_flight_h > 0.0 {
                        exp_draw(&mut self.ac[a].rng_avail, 1.0 / per_flight_h)
                    } else {
                        f64::INFINITY
                    };
                }
            }
        }
        for q in 0..self.qra.len() {
            let sq = self.m.qra[q].squadron;
            for i in 0..self.fleet[sq].len() {
                let a = self.fleet[sq][i];
                if self.qra[q].alert < self.m.qra[q].on_alert && self.ac[a].st == St::Ready {
                    self.ac[a].st = St::Alert(q);
                    self.qra[q].alert += 1;
                    let pos = self.base(a);
                    let name: &'m str = &self.m.qra[q].name;
                    self.trace(a, "on_alert", pos, Some(name));
                }
            }
            self.refresh_qra(q);
        }
        for p in 0..self.posts.len() {
            self.refresh_post(p);
            if let Some([s, e]) = self.m.posts[p].hours {
                let mut day = 0.0;
                while day * 24.0 < self.end {
                    for h in [s, e] {
                        let t = day * 24.0 + h;
                        if t > 0.0 && t < self.end {
                            self.cal.schedule(t, 0, Ev::HoursEdge(p as u32));
                        }
                    }
                    day += 1.0;
                }
            }
        }
        self.refresh_sensors();
        for g in 0..self.groups.len() {
            self.plan_relief(g);
        }
        self.generate_violations();
    }

    fn run(&mut self) {
        while let Some((t, ev)) = self.cal.pop() {
            if t > self.end {
                #[cfg(debug_assertions)]
                self.check_violations_end(Some(ev));
                break;
            }
            debug_assert!(t >= self.now, "time went backwards: {t} < {}", self.now);
            self.now = t;
            self.events += 1;
            self.handle(ev);
            #[cfg(debug_assertions)]
            self.check_invariants();
            #[cfg(debug_assertions)]
            if self.cal.is_empty() {
                self.check_violations_end(None);
            }
        }
        self.now = self.end;
    }

    /// Every violation has exactly one outcome (undetected, unanswered, or intercepted after a
    /// response), unless it had not crossed, or its response was not yet ordered, when the
    /// replication ended. `first` is the first event past the end; the rest are drained here.
    #[cfg(debug_assertions)]
    fn check_violations_end(&mut self, first: Option<Ev>) {
        let mut waiting = vec![false; self.viol.len()];
        let mut next = first;
        while let Some(ev) = next {
            if let Ev::Cross(i) | Ev::Respond(i) = ev {
                waiting[i as usize] = true;
            }
            next = self.cal.pop().map(|(_, e)| e);
        }
        for (i, x) in self.viol.iter().enumerate() {
            assert!(
                x.outcome != Outcome::Pending || waiting[i],
                "violation {i} crossed at {} h and has no outcome",
                x.t0
            );
            assert!(
                x.outcome == Outcome::Pending || !waiting[i],
                "violation {i} has an outcome and is still waiting for an event"
            );
        }
    }

    fn handle(&mut self, ev: Ev) {
        match ev {
            Ev::AvailUp(a) => self.avail_up(a as usize),
            Ev::AvailDown(a) => self.avail_down(a as usize),
            Ev::Ready(a) => self.ready(a as usize),
            // Stale when the aircraft went down meanwhile and is being put on alert again.
            Ev::RegenDone(a, e) if self.ac[a as usize].epoch == e => self.regen_done(a as usize),
            Ev::RegenDone(..) => {}
            Ev::HoursEdge(p) => self.hours_edge(p as usize),
            // Movement events are stale when the aircraft has since changed course (a failure).
            Ev::Arrive(a) if self.ac[a as usize].st == St::Outbound => self.arrive(a as usize),
            Ev::BackOnStation(a)
                if matches!(self.ac[a as usize].st, St::FromTanker | St::Returning) =>
            {
                self.arrive(a as usize)
            }
            Ev::LaunchDone(a) if self.ac[a as usize].st == St::Launching => {
                self.launch_done(a as usize)
            }
            Ev::ReachTanker(a) if self.ac[a as usize].st == St::ToTanker => {
                self.reach_tanker(a as usize)
            }
            Ev::HookupDone(a) if self.ac[a as usize].st == St::Hooked => {
                self.hookup_done(a as usize)
            }
            Ev::Arrive(_)
            | Ev::BackOnStation(_)
            | Ev::LaunchDone(_)
            | Ev::ReachTanker(_)
            | Ev::HookupDone(_) => {}
            Ev::Bingo(a, e) if self.ac[a as usize].epoch == e => self.bingo(a as usize),
            Ev::Refuel(a, e) if self.ac[a as usize].epoch == e => self.refuel(a as usize),
            Ev::Failure(a, e) if self.ac[a as usize].epoch == e => self.failure(a as usize),
            Ev::Bingo(..) | Ev::Refuel(..) | Ev::Failure(..) => {}
            Ev::Landed(a) if self.ac[a as usize].st == St::Homebound => self.landed(a as usize),
            Ev::Landed(_) => {}
            Ev::ReliefDue(g, e) if self.groups[g as usize].epoch == e => {
                self.relief_due(g as usize)
            }
            Ev::ReliefDue(..) => {}
            Ev::Cross(v) => self.cross(v as usize),
            Ev::Respond(v) => self.respond(v as usize),
            Ev::ScrambleAirborne(v) => self.scramble_airborne(v as usize),
            Ev::Intercept(v) => self.intercept(v as usize),
            Ev::ShadowDone(v) => self.shadow_done(v as usize),
        }
    }

    // ------------------------------------------------------------------ relief

    /// Plans the next relief of group `g`, unless one is already planned or under way.
    fn plan_relief(&mut self, g: usize) {
        let gr = &self.groups[g];
        if gr.pending || !gr.relief.is_empty() {
            return;
        }
        let post = &self.m.posts[gr.post];
        let Some(lead) = post.serving.first().map(|v| v.lead_h) else {
            return;
        };
        let target = if gr.members.is_empty() {
            post.next_required(self.now)
        } else {
            let leave = gr
                .members
                .iter()
                .map(|&a| self.ac[a].bingo_at)
                .fold(f64::INFINITY, f64::min);
            if post.required_at(leave) || post.required_at(leave - self.m.overlap_h) {
                leave - self.m.overlap_h
            } else {
                post.next_required(leave)
            }
        };
        let launch_at = (target - lead).max(self.now);
        if launch_at >= self.end {
            return;
        }
        let gr = &mut self.groups[g];
        gr.pending = true;
        gr.due = launch_at;
        gr.need = gr.size;
        gr.epoch += 1;
        let ev = Ev::ReliefDue(g as u32, gr.epoch);
        self.cal.schedule(launch_at, ev.priority(), ev);
    }

    /// Plans group `g`'s relief again after a member's predicted departure came earlier. A relief
    /// not yet due comes forward; one already due (launching, or waiting for ready aircraft)
    /// cannot come earlier and is left as it is.
    fn replan_relief(&mut self, g: usize) {
        let gr = &mut self.groups[g];
        if gr.pending && gr.due > self.now {
            gr.pending = false;
            self.plan_relief(g);
        }
    }

    /// Brings group `g`'s relief forward to now: a member left before it was planned to.
    fn relieve_now(&mut self, g: usize) {
        let gr = &mut self.groups[g];
        if !gr.relief.is_empty() || (gr.pending && gr.need < gr.size) {
            return; // already launching or launched
        }
        if self.waiting.contains(&g) {
            return;
        }
        gr.pending = true;
        gr.due = self.now;
        gr.need = gr.size;
        gr.epoch += 1;
        let ev = Ev::ReliefDue(g as u32, gr.epoch);
        self.cal.schedule(self.now, ev.priority(), ev);
    }

    fn relief_due(&mut self, g: usize) {
        self.groups[g].filling = self.groups[g].members.is_empty();
        self.fill(g);
    }

    /// Launches ready aircraft for group `g` until its relief is complete or none is ready.
    fn fill(&mut self, g: usize) {
        let post = self.groups[g].post;
        while self.groups[g].need > 0 {
            // Squadrons that must take fuel on the way out wait until a tanker is on track.
            let tanker_up = self.m.posts[post]
                .tanker
                .is_some_and(|(tp, _)| self.tanker_on(tp).is_some());
            let candidate = self.m.posts[post].serving.iter().find_map(|v| {
                if v.via_tanker_h.is_some() && !tanker_up {
                    return None;
                }
                self.fleet[v.sq]
                    .iter()
                    .copied()
                    .find(|&a| self.ac[a].st == St::Ready)
            });
            let Some(a) = candidate else { break };
            if self.launch(a, g) {
                self.groups[g].need -= 1;
            }
        }
        if self.groups[g].need == 0 {
            self.groups[g].pending = false;
            self.waiting.retain(|&x| x != g);
        } else if !self.waiting.contains(&g) {
            self.waiting.push_back(g);
        }
    }

    /// Launches `a` for group `g`; false if it aborts on the ground.
    fn launch(&mut self, a: usize, g: usize) -> bool {
        let sq = self.ac[a].sq;
        let base = self.base(a);
        if let AvailDef::Failures {
            abort_p, repair_h, ..
        } = &self.m.squadrons[sq].avail
            && *abort_p > 0.0
            && self.ac[a].rng_ground.random::<f64>() < *abort_p
        {
            let repair = repair_h.sample(&mut self.ac[a].rng_avail);
            self.ac[a].st = St::Down;
            self.set_down(a, true);
            self.trace(a, "ground_abort", base, None);
            self.at(repair, Ev::Ready(a as u32));
            return false;
        }
        let gr = &mut self.groups[g];
        if gr.filling {
            gr.members.push(a);
        } else {
            gr.relief.push(a);
        }
        let p = gr.post;
        let s = &self.m.squadrons[sq];
        let launch_h = s.launch_min.sample(&mut self.ac[a].rng_ground) / 60.0;
        let transit_h = self.m.posts[p].transit_h(sq);
        let x = &mut self.ac[a];
        x.st = St::Launching;
        x.group = Some(g);
        x.fuel = s.fuel_kg;
        x.fuel_t = self.now;
        x.burn = 0.0;
        x.given_this_sortie = 0.0;
        x.wants_fuel = false;
        x.wheels_up = self.now + launch_h;
        let arrive = self.now + launch_h + transit_h;
        let fuel_there = s.fuel_kg - transit_h * s.cruise_burn;
        self.ac[a].bingo_at = self.leave_time(a, p, arrive, fuel_there);
        let name: &'m str = &self.m.posts[p].name;
        self.trace(a, "launch", base, Some(name));
        self.at(launch_h, Ev::LaunchDone(a as u32));
        true
    }

    fn launch_done(&mut self, a: usize) {
        let sq = self.ac[a].sq;
        let p = self.post_of(a);
        self.ac[a].st = St::Outbound;
        self.ac[a].airborne_since = self.now;
        self.set_burn(a, self.m.squadrons[sq].cruise_burn);
        if self.now >= self.m.warmup_h {
            self.sorties[sq] += 1.0;
        }
        let base = self.base(a);
        let name: &'m str = &self.m.posts[p].name;
        self.trace(a, "airborne", base, Some(name));
        let fh = self.ac[a].fh_to_failure;
        if fh.is_finite() {
            let e = self.ac[a].epoch;
            self.at(fh, Ev::Failure(a as u32, e));
        }
        match self.m.posts[p].serving_by(sq).and_then(|v| v.via_tanker_h) {
            Some(to_track_h) => {
                // Too far to hold the station on a full tank: take fuel on the way out.
                self.ac[a].st = St::ToTanker;
                self.ac[a].home_leg_h = to_track_h;
                self.at(to_track_h, Ev::ReachTanker(a as u32));
            }
            None => {
                self.ac[a].home_leg_h = self.m.posts[p].transit_h(sq);
                self.at(self.m.posts[p].transit_h(sq), Ev::Arrive(a as u32));
            }
        }
    }

    /// On station: from base, or back from the tanker.
    fn arrive(&mut self, a: usize) {
        let p = self.post_of(a);
        let back = matches!(self.ac[a].st, St::FromTanker | St::Returning);
        let from_intercept = self.ac[a].st == St::Returning;
        self.put_on_station(
            a,
            p,
            if back {
                "back_on_station"
            } else {
                "on_station"
            },
        );
        if back {
            // A member that waited for this one goes to the tanker now.
            let g = self.ac[a].group.expect("on a task");
            let next = self.groups[g]
                .members
                .iter()
                .copied()
                .find(|&o| self.ac[o].wants_fuel && self.ac[o].st == St::OnStation);
            if let Some(o) = next {
                self.refuel(o);
            }
        }
        let g = self.ac[a].group.expect("on a task");
        let gr = &self.groups[g];
        let relief_done = !gr.relief.is_empty()
            && gr.relief.len() as u32 == gr.size
            && gr.relief.iter().all(|&r| self.ac[r].st == St::OnStation);
        if relief_done {
            // Hand-over: the relief becomes the element; the old members stay on station until
            // their own bingo, which is the overlap.
            let old = std::mem::take(&mut self.groups[g].members);
            self.groups[g].members = std::mem::take(&mut self.groups[g].relief);
            for o in old {
                if self.ac[o].st != St::OnStation {
                    // Away at the tanker or not yet back: it goes home from where it is.
                    self.outgoing_leaves(o);
                }
            }
        }
        if from_intercept && self.groups[g].members.contains(&a) {
            // The intercept cost fuel: the member leaves earlier, and its relief comes forward.
            self.replan_relief(g);
        }
        self.plan_relief(g);
    }

    fn put_on_station(&mut self, a: usize, p: usize, what: &'static str) {
        let sq = self.ac[a].sq;
        let s = &self.m.squadrons[sq];
        self.ac[a].st = St::OnStation;
        self.set_burn(a, s.patrol_burn);
        self.ac[a].home_leg_h = self.m.posts[p].transit_h(sq);
        let fuel = self.fuel_now(a);
        let leave = self.leave_time(a, p, self.now, fuel);
        // The fuel bingo always applies; with a tanker the predicted leave is the crew limit.
        let back_h = self.ac[a].home_leg_h;
        let fuel_bingo = self.now + (fuel - s.reserve_kg - back_h * s.cruise_burn) / s.patrol_burn;
        self.ac[a].bingo_at = leave;
        self.ac[a].epoch += 1;
        let e = self.ac[a].epoch;
        if let Some((_, leg_km)) = self.aar_possible(sq, p) {
            // Head for the tanker when the fuel above bingo falls to the threshold (at once if it
            // already has). Scheduled before the bingo so that it wins a tie.
            let leg_h = leg_km / s.cruise_kmh;
            let bingo_fuel = s.reserve_kg + back_h * s.cruise_burn;
            let margin = refuel_margin_kg(s, bingo_fuel, leg_h, self.m.refuel_fraction);
            let t = ((fuel - bingo_fuel - margin) / s.patrol_burn).max(0.0);
            if self.now + t < leave {
                self.at(t, Ev::Refuel(a as u32, e));
            }
        }
        self.at(leave.min(fuel_bingo) - self.now, Ev::Bingo(a as u32, e));
        self.fix_failure_clock(a);
        self.posts[p].on_station += 1;
        self.refresh_post(p);
        let pos = self.m.posts[p].position;
        let name: &'m str = &self.m.posts[p].name;
        self.trace(a, what, pos, Some(name));
        if matches!(self.m.posts[p].kind, PostKind::Tanker(_)) {
            // Fighters waiting for this tanker to launch may go now.
            let mut i = 0;
            while i < self.waiting.len() {
                let g = self.waiting[i];
                if self.m.posts[self.groups[g].post]
                    .tanker
                    .is_some_and(|(tp, _)| tp == p)
                {
                    self.fill(g);
                    if self.waiting.get(i) != Some(&g) {
                        continue; // it launched and left the queue
                    }
                }
                i += 1;
            }
        }
    }

    /// Re-arms the in-flight failure clock after the epoch changed.
    fn fix_failure_clock(&mut self, a: usize) {
        let x = &self.ac[a];
        let flown = self.now - x.airborne_since;
        let left = x.fh_to_failure - flown;
        if left.is_finite() {
            let e = x.epoch;
            self.at(left, Ev::Failure(a as u32, e));
        }
    }

    /// Takes `a` off post `p` and sends it home.
    fn leave_post_from(&mut self, a: usize, p: usize) {
        if self.ac[a].st == St::OnStation {
            self.posts[p].on_station -= 1;
            self.refresh_post(p);
        }
        let sq = self.ac[a].sq;
        self.ac[a].st = St::Homebound;
        self.ac[a].epoch += 1;
        self.set_burn(a, self.m.squadrons[sq].cruise_burn);
        self.fix_failure_clock(a);
        let pos = self.m.posts[p].position;
        let name: &'m str = &self.m.posts[p].name;
        self.trace(a, "leave_station", pos, Some(name));
        let leg = self.ac[a].home_leg_h;
        self.fly_home(a, leg, pos);
    }

    /// Flies `a` home over `leg_h` hours of cruise; if its fuel would fall below the reserve on
    /// the way, it diverts and lands when the fuel reaches the reserve instead.
    fn fly_home(&mut self, a: usize, leg_h: f64, from: LatLon) {
        let s = &self.m.squadrons[self.ac[a].sq];
        let spare_h = (self.fuel_now(a) - s.reserve_kg) / s.cruise_burn;
        if spare_h + 1e-9 < leg_h {
            self.trace(a, "divert", from, None);
            self.at(spare_h.max(0.0), Ev::Landed(a as u32));
        } else {
            self.at(leg_h, Ev::Landed(a as u32));
        }
    }

    /// An aircraft already relieved leaves: no relief follows from it.
    fn outgoing_leaves(&mut self, a: usize) {
        let p = self.post_of(a);
        if self.ac[a].st == St::AtTanker
            && let Some((tp, _)) = self.m.posts[p].tanker
        {
            self.posts[tp].queue.retain(|&x| x != a);
        }
        if matches!(self.ac[a].st, St::OnStation | St::AtTanker) {
            self.ac[a].group = None;
            self.leave_post_from(a, p);
        }
    }

    /// Aircraft `a` of group `g` leaves its post at bingo (or after a failure) and goes home.
    fn member_leaves(&mut self, a: usize, g: usize) {
        let p = self.groups[g].post;
        self.ac[a].group = None;
        self.leave_post_from(a, p);
        self.leave_group(a, g);
    }

    /// Takes `a` out of group `g`. If it was one of the group's members and its relief is not
    /// complete, the relief is brought forward; if it was the last member, the part of the relief
    /// already launched becomes the element, and the aircraft still to launch join it.
    fn leave_group(&mut self, a: usize, g: usize) {
        let gr = &mut self.groups[g];
        let was_member = gr.members.contains(&a) || gr.relief.contains(&a);
        gr.members.retain(|&x| x != a);
        gr.relief.retain(|&x| x != a);
        self.ac[a].group = None;
        if !was_member {
            return;
        }
        if gr.members.is_empty() {
            // The old element has gone: aircraft still to launch join the element, not a relief
            // that could never complete.
            gr.filling = true;
            if !gr.relief.is_empty() {
                gr.members = std::mem::take(&mut gr.relief);
                self.plan_relief(g);
                return;
            }
        }
        self.relieve_now(g);
    }

    fn bingo(&mut self, a: usize) {
        let g = self.ac[a].group.expect("on a task");
        match self.ac[a].st {
            St::OnStation => self.member_leaves(a, g),
            St::AtTanker => {
                let p = self.post_of(a);
                if let Some((tp, _)) = self.m.posts[p].tanker {
                    self.posts[tp].queue.retain(|&x| x != a);
                }
                self.member_leaves(a, g);
            }
            _ => {}
        }
    }

    fn failure(&mut self, a: usize) {
        self.ac[a].needs_repair = true;
        // One failure per sortie: the next clock starts after the repair.
        self.ac[a].fh_to_failure = f64::INFINITY;
        let pos = self.base(a);
        self.trace(a, "failure", pos, None);
        match self.ac[a].st {
            St::OnStation => {
                let g = self.ac[a].group.expect("on a task");
                self.member_leaves(a, g);
            }
            St::Outbound | St::ToTanker if self.ac[a].group.is_some() => {
                // Turn back: on the way out, as far home as it has come; on the way to the
                // tanker, about its station's distance.
                let g = self.ac[a].group.expect("on a task");
                let flown = if self.ac[a].st == St::Outbound {
                    self.now - self.ac[a].airborne_since
                } else {
                    self.ac[a].home_leg_h
                };
                let sq = self.ac[a].sq;
                self.set_burn(a, self.m.squadrons[sq].cruise_burn);
                self.ac[a].st = St::Homebound;
                self.ac[a].epoch += 1;
                self.fly_home(a, flown, pos);
                self.leave_group(a, g);
            }
            // Elsewhere the fault is repaired after landing.
            _ => {}
        }
    }

    fn landed(&mut self, a: usize) {
        let sq = self.ac[a].sq;
        self.set_burn(a, 0.0);
        let flown = self.now - self.ac[a].airborne_since;
        let (w, e) = (self.m.warmup_h, self.end);
        let counted = self.now.min(e) - self.ac[a].airborne_since.max(w);
        if counted > 0.0 {
            self.flight_h[sq] += counted;
        }
        let x = &mut self.ac[a];
        x.fh_to_failure -= flown;
        x.fh_since_inspection += flown;
        x.epoch += 1;
        x.group = None;
        let base = self.base(a);
        self.trace(a, "landed", base, None);
        let s = &self.m.squadrons[sq];
        match &s.avail {
            AvailDef::Failures {
                per_flight_h,
                repair_h,
                inspect_every_fh,
                inspect_h,
                ..
            } => {
                let down_for = if self.ac[a].needs_repair {
                    self.ac[a].needs_repair = false;
                    self.ac[a].fh_to_failure =
                        exp_draw(&mut self.ac[a].rng_avail, 1.0 / per_flight_h);
                    Some(repair_h.sample(&mut self.ac[a].rng_avail))
                } else {
                    None
                };
                let inspect =
                    inspect_every_fh.is_some_and(|every| self.ac[a].fh_since_inspection >= every);
                if inspect {
                    self.ac[a].fh_since_inspection = 0.0;
                }
                let total = down_for.unwrap_or(0.0) + if inspect { *inspect_h } else { 0.0 };
                if down_for.is_some() || inspect {
                    self.ac[a].st = St::Down;
                    self.set_down(a, true);
                    if inspect {
                        self.trace(a, "inspection", base, None);
                    }
                    self.at(total, Ev::Ready(a as u32));
                    return;
                }
            }
            AvailDef::Perfect | AvailDef::McRate { .. } => {}
        }
        let t = s.turnaround_min.sample(&mut self.ac[a].rng_ground) / 60.0;
        self.ac[a].st = St::Turnaround;
        self.at(t, Ev::Ready(a as u32));
    }

    // ------------------------------------------------------------------ availability and alert

    fn ready(&mut self, a: usize) {
        if matches!(
            self.m.squadrons[self.ac[a].sq].avail,
            AvailDef::Failures { .. }
        ) {
            self.set_down(a, false);
        }
        if self.ac[a].down {
            self.ac[a].st = St::Down;
            return;
        }
        self.ac[a].st = St::Ready;
        let base = self.base(a);
        self.trace(a, "ready", base, None);
        self.assign(a);
    }

    /// A ready aircraft goes to a QRA posture short of its alert, else to the longest-waiting
    /// group its squadron serves.
    fn assign(&mut self, a: usize) {
        let sq = self.ac[a].sq;
        for q in 0..self.qra.len() {
            let d = &self.m.qra[q];
            if d.squadron == sq && self.qra[q].alert + self.qra[q].regenerating < d.on_alert {
                self.ac[a].st = St::Regenerating(q);
                self.qra[q].regenerating += 1;
                let t = d.regenerate_min.sample(&mut self.qra[q].rng) / 60.0;
                self.ac[a].epoch += 1;
                let e = self.ac[a].epoch;
                self.at(t, Ev::RegenDone(a as u32, e));
                return;
            }
        }
        let wanted = self.waiting.iter().copied().find(|&g| {
            self.m.posts[self.groups[g].post]
                .serving
                .iter()
                .any(|v| v.sq == sq)
        });
        if let Some(g) = wanted {
            self.fill(g);
        }
    }

    fn regen_done(&mut self, a: usize) {
        if let St::Regenerating(q) = self.ac[a].st {
            self.qra[q].regenerating -= 1;
            self.ac[a].st = St::Alert(q);
            self.qra[q].alert += 1;
            self.refresh_qra(q);
            let base = self.base(a);
            let name: &'m str = &self.m.qra[q].name;
            self.trace(a, "on_alert", base, Some(name));
        }
    }

    fn avail_down(&mut self, a: usize) {
        let AvailDef::McRate { down_h, .. } = &self.m.squadrons[self.ac[a].sq].avail else {
            return;
        };
        let t = down_h.sample(&mut self.ac[a].rng_avail);
        self.at(t, Ev::AvailUp(a as u32));
        self.set_down(a, true);
        let base = self.base(a);
        self.trace(a, "down", base, None);
        match self.ac[a].st {
            St::Ready => self.ac[a].st = St::Down,
            St::Alert(q) => {
                self.ac[a].st = St::Down;
                self.qra[q].alert -= 1;
                self.refresh_qra(q);
                self.regenerate(q);
            }
            St::Regenerating(q) => {
                self.ac[a].st = St::Down;
                self.qra[q].regenerating -= 1;
                self.regenerate(q);
            }
            // Airborne or in turnaround: the fault is worked on after landing, until it is up.
            _ => {}
        }
    }

    /// Puts a ready spare of posture `q`'s squadron on the way to alert, if there is one.
    fn regenerate(&mut self, q: usize) {
        if !self.m.qra[q].spares_regenerate {
            return;
        }
        let sq = self.m.qra[q].squadron;
        if let Some(a) = self.fleet[sq]
            .iter()
            .copied()
            .find(|&a| self.ac[a].st == St::Ready)
        {
            self.assign(a);
        }
    }

    fn avail_up(&mut self, a: usize) {
        let AvailDef::McRate { up_mean_h, .. } = self.m.squadrons[self.ac[a].sq].avail else {
            return;
        };
        let t = exp_draw(&mut self.ac[a].rng_avail, up_mean_h);
        self.at(t, Ev::AvailDown(a as u32));
        self.set_down(a, false);
        let base = self.base(a);
        self.trace(a, "up", base, None);
        if self.ac[a].st == St::Down {
            self.ac[a].st = St::Ready;
            self.assign(a);
        }
    }

    fn hours_edge(&mut self, p: usize) {
        let req = self.m.posts[p].required_at(self.now);
        let (w, e, now) = (self.m.warmup_h, self.end, self.now);
        self.posts[p].required = req;
        self.posts[p].required_time.set(now, f64::from(req), w, e);
        self.refresh_post(p);
    }

    // ------------------------------------------------------------------ air-to-air refuelling

    /// A live tanker on post `tp` with fuel to give, the one with the most.
    fn tanker_on(&self, tp: usize) -> Option<(usize, f64)> {
        self.groups
            .iter()
            .filter(|g| g.post == tp)
            .flat_map(|g| g.members.iter().chain(&g.relief))
            .copied()
            .filter(|&t| self.ac[t].st == St::OnStation)
            .map(|t| (t, self.givable(t)))
            .filter(|&(_, f)| f > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    }

    /// Fuel tanker `t` can still give: above its reserve, the way home and a quarter hour on
    /// track, and within its offload limit.
    fn givable(&self, t: usize) -> f64 {
        let x = &self.ac[t];
        let s = &self.m.squadrons[x.sq];
        let keep = s.reserve_kg + x.home_leg_h * s.cruise_burn + 0.25 * s.patrol_burn;
        let limit = s.tanker.as_ref().map_or(0.0, |d| d.max_offload_kg) - x.given_this_sortie;
        (self.fuel_now(t) - keep).min(limit).max(0.0)
    }

    fn refuel(&mut self, a: usize) {
        if self.ac[a].st != St::OnStation {
            return;
        }
        let p = self.post_of(a);
        let sq = self.ac[a].sq;
        let Some((tp, leg_km)) = self.aar_possible(sq, p) else {
            return;
        };
        let s = &self.m.squadrons[sq];
        let track_home_h = self.m.posts[p]
            .serving_by(sq)
            .map_or(0.0, |v| v.track_home_h);
        let fuel_at_track = self.fuel_now(a) - leg_km / s.cruise_kmh * s.cruise_burn;
        let can_get_home_from_track = fuel_at_track >= s.reserve_kg + track_home_h * s.cruise_burn;
        // One member of an element at a time goes to the tanker; the others hold the station.
        let g = self.ac[a].group.expect("on a task");
        let partner_away = self.groups[g].members.iter().any(|&o| {
            o != a
                && matches!(
                    self.ac[o].st,
                    St::ToTanker | St::AtTanker | St::Hooked | St::FromTanker
                )
        });
        if partner_away && can_get_home_from_track {
            self.ac[a].wants_fuel = true;
            return;
        }
        if self.tanker_on(tp).is_none() || !can_get_home_from_track {
            // No tanker to go to: the aircraft stays until bingo, and its relief is replanned.
            let s = &self.m.squadrons[sq];
            let fuel = self.fuel_now(a);
            let back = self.ac[a].home_leg_h;
            self.ac[a].bingo_at =
                self.now + (fuel - s.reserve_kg - back * s.cruise_burn) / s.patrol_burn;
            let g = self.ac[a].group.expect("on a task");
            self.replan_relief(g);
            return;
        }
        self.ac[a].wants_fuel = false;
        self.posts[p].on_station -= 1;
        self.refresh_post(p);
        self.ac[a].st = St::ToTanker;
        self.ac[a].epoch += 1;
        self.fix_failure_clock(a);
        self.set_burn(a, self.m.squadrons[sq].cruise_burn);
        let pos = self.m.posts[p].position;
        let name: &'m str = &self.m.posts[tp].name;
        self.trace(a, "to_tanker", pos, Some(name));
        self.at(
            leg_km / self.m.squadrons[sq].cruise_kmh,
            Ev::ReachTanker(a as u32),
        );
    }

    fn reach_tanker(&mut self, a: usize) {
        let p = self.post_of(a);
        let sq = self.ac[a].sq;
        let (tp, leg_km) = self.m.posts[p].tanker.expect("going to a tanker");
        let s = &self.m.squadrons[sq];
        self.ac[a].st = St::AtTanker;
        self.set_burn(a, s.patrol_burn);
        // From the track the way home is the track's distance from base.
        self.ac[a].home_leg_h = self.m.posts[p]
            .serving_by(sq)
            .map_or(0.0, |v| v.track_home_h);
        // Bingo at the track: fuel for the way home; a receiver already committed to the tanker
        // (too little to get home) waits until its reserve, then diverts.
        let fuel = self.fuel_now(a);
        let home_need = s.reserve_kg + self.ac[a].home_leg_h * s.cruise_burn;
        let floor = if fuel >= home_need {
            home_need
        } else {
            s.reserve_kg
        };
        let bingo = (fuel - floor) / s.patrol_burn;
        self.ac[a].epoch += 1;
        let e = self.ac[a].epoch;
        self.at(bingo, Ev::Bingo(a as u32, e));
        self.fix_failure_clock(a);
        let _ = leg_km;
        self.posts[tp].queue.push_back(a);
        self.hook_up(tp);
    }

    fn hook_up(&mut self, tp: usize) {
        let receivers = self.m.posts[tp]
            .serving
            .first()
            .and_then(|v| self.m.squadrons[v.sq].tanker.as_ref())
            .map_or(0, |t| t.receivers * self.posts[tp].on_station.max(1));
        while self.posts[tp].hooked < receivers {
            let Some(a) = self.posts[tp].queue.pop_front() else {
                break;
            };
            if self.tanker_on(tp).is_none() {
                self.posts[tp].queue.push_front(a);
                self.abandon_queue(tp);
                break;
            }
            self.posts[tp].hooked += 1;
            self.ac[a].st = St::Hooked;
            self.ac[a].epoch += 1; // no bingo while hooked up
            self.fix_failure_clock(a);
            let sampler = self.m.squadrons[self.m.posts[tp].serving[0].sq]
                .tanker
                .as_ref()
                .map(|t| t.hookup_min)
                .expect("a tanker track is flown by tankers");
            let t = sampler.sample(&mut self.posts[tp].rng) / 60.0;
            let pos = self.m.posts[tp].position;
            let name: &'m str = &self.m.posts[tp].name;
            self.trace(a, "hooked_up", pos, Some(name));
            self.at(t, Ev::HookupDone(a as u32));
        }
    }

    /// No tanker left on the track: the queued receivers go back to their stations.
    fn abandon_queue(&mut self, tp: usize) {
        while let Some(a) = self.posts[tp].queue.pop_front() {
            let p = self.post_of(a);
            let sq = self.ac[a].sq;
            let s = &self.m.squadrons[sq];
            let leg_h = self.m.posts[p].tanker.map_or(0.0, |t| t.1) / s.cruise_kmh;
            let need = s.reserve_kg + (leg_h + self.m.posts[p].transit_h(sq)) * s.cruise_burn;
            if self.fuel_now(a) > need {
                self.head_back_to_station(a);
            } else {
                let g = self.ac[a].group.expect("on a task");
                self.member_leaves(a, g);
            }
        }
    }

    fn head_back_to_station(&mut self, a: usize) {
        let p = self.post_of(a);
        let sq = self.ac[a].sq;
        let leg_km = self.m.posts[p].tanker.map_or(0.0, |t| t.1);
        self.ac[a].st = St::FromTanker;
        self.ac[a].epoch += 1;
        self.set_burn(a, self.m.squadrons[sq].cruise_burn);
        self.fix_failure_clock(a);
        self.at(
            leg_km / self.m.squadrons[sq].cruise_kmh,
            Ev::BackOnStation(a as u32),
        );
    }

    fn hookup_done(&mut self, a: usize) {
        let p = self.post_of(a);
        let (tp, _) = self.m.posts[p].tanker.expect("refuelling at a tanker");
        self.posts[tp].hooked -= 1;
        if let Some((t, can_give)) = self.tanker_on(tp) {
            let sq = self.ac[a].sq;
            self.set_burn(a, self.m.squadrons[sq].patrol_burn);
            let room = self.m.squadrons[sq].fuel_kg - self.fuel_now(a);
            let amount = room.min(can_give).max(0.0);
            self.ac[a].fuel += amount;
            let tsq = self.ac[t].sq;
            self.set_burn(t, self.m.squadrons[tsq].patrol_burn);
            self.ac[t].fuel -= amount;
            self.ac[t].given_this_sortie += amount;
            self.given_kg += amount;
            self.received_kg += amount;
            if self.now >= self.m.warmup_h {
                self.posts[tp].offloaded_kg += amount;
            }
            // The tanker's own bingo comes earlier now.
            let s = &self.m.squadrons[tsq];
            let fuel_t = self.fuel_now(t);
            let bingo = self.now
                + (fuel_t - s.reserve_kg - self.ac[t].home_leg_h * s.cruise_burn) / s.patrol_burn;
            if bingo < self.ac[t].bingo_at {
                self.ac[t].bingo_at = bingo;
                self.ac[t].epoch += 1;
                let e = self.ac[t].epoch;
                self.at(bingo - self.now, Ev::Bingo(t as u32, e));
                self.fix_failure_clock(t);
                let tg = self.ac[t].group.expect("on a task");
                self.replan_relief(tg);
            }
            let pos = self.m.posts[tp].position;
            let name: &'m str = &self.m.posts[tp].name;
            self.trace(a, "refuelled", pos, Some(name));
        }
        self.head_back_to_station(a);
        self.hook_up(tp);
    }

    // ------------------------------------------------------------------ violations

    /// Draws every violation of the replication up front (thinning a Poisson process at the
    /// peak rate) and schedules its crossing.
    fn generate_violations(&mut self) {
        let (Some(v), Some(mut rng)) = (self.m.violations.as_ref(), self.viol_rng.take()) else {
            return;
        };
        let peak = v.rate_per_h * v.peak;
        if peak <= 0.0 {
            return;
        }
        let mut t = 0.0;
        loop {
            t += exp_draw(&mut rng, 1.0 / peak);
            if t >= self.end {
                break;
            }
            if rng.random::<f64>() * peak >= v.rate_at(t) {
                continue;
            }
            let u: f64 = rng.random();
            let sector = v
                .sector_cum
                .iter()
                .position(|&c| u < c)
                .unwrap_or(v.sector_cum.len() - 1);
            let (a, b) = v.sectors[sector];
            let along = a + rng.random::<f64>() * (b - a);
            let u: f64 = rng.random();
            let kind = v
                .types
                .iter()
                .position(|k| u < k.cum_share)
                .unwrap_or(v.types.len() - 1);
            let k = &v.types[kind];
            let start = self.m.front_plane_at(along);
            let spread = (2.0 * rng.random::<f64>() - 1.0) * k.spread_deg.to_radians();
            let base_dir = if k.toward.is_empty() {
                self.m.front.inward_normal(along)
            } else {
                let target = k.toward
                    [(rng.random::<f64>() * k.toward.len() as f64) as usize % k.toward.len()];
                let d = target - start;
                if d.norm() > 0.0 {
                    d.normalize()
                } else {
                    self.m.front.inward_normal(along)
                }
            };
            let (sn, cs) = spread.sin_cos();
            let dir = Vector2::new(
                base_dir.x * cs - base_dir.y * sn,
                base_dir.x * sn + base_dir.y * cs,
            );
            let window_h = match &k.stay {
                super::model::Stay::Penetration(km) => km / k.speed_kmh,
                super::model::Stay::Dwell(d) => d.sample(&mut rng) / 60.0,
            };
            self.viol.push(Violation {
                t0: t,
                sector,
                kind,
                start,
                velocity: dir * k.speed_kmh,
                window_h,
                outcome: Outcome::Pending,
                no_alert: false,
                responders: Vec::new(),
                meet: start,
            });
        }
        for i in 0..self.viol.len() {
            let t0 = self.viol[i].t0;
            self.cal
                .schedule(t0, Ev::Cross(0).priority(), Ev::Cross(i as u32));
        }
        self.viol_rng = Some(rng);
    }

    fn trace_violation(&mut self, i: usize, event: &'static str, at: Vector2<f64>) {
        if !O::RECORDS {
            return;
        }
        let position = self.m.front.projection().inverse(&at);
        self.obs.event(&TraceEvent {
            time_h: self.now,
            squadron: "violation",
            tail: i,
            event,
            position,
            fuel_kg: 0.0,
            task: None,
        });
    }

    /// The violator crosses the front: find when it is first seen.
    fn cross(&mut self, i: usize) {
        let v = self.m.violations.as_ref().expect("violations exist");
        let x = &self.viol[i];
        let alt = v.types[x.kind].altitude_m;
        let seen = self
            .m
            .sensors
            .iter()
            .filter(|s| s.post.is_none_or(|p| self.posts[p].on_station > 0))
            .filter_map(|s| {
                let r = coverage_radius_km(s.range_km, s.height_m, alt);
                first_entry(x.start, x.velocity, x.window_h, s.xy, r)
            })
            .fold(f64::INFINITY, f64::min);
        let start = x.start;
        self.trace_violation(i, "violation_crosses", start);
        if seen.is_finite() {
            let c2 = v
                .c2_min
                .sample(self.viol_rng.as_mut().expect("a violation stream"))
                / 60.0;
            self.at(seen + c2, Ev::Respond(i as u32));
        } else {
            debug_assert!(
                self.viol[i].outcome == Outcome::Pending,
                "violation {i} answered twice"
            );
            self.viol[i].outcome = Outcome::Undetected;
            self.trace_violation(i, "undetected", start);
        }
    }

    /// The response is ordered: choose the responder that intercepts first.
    fn respond(&mut self, i: usize) {
        let v = self.m.violations.as_ref().expect("violations exist");
        let (t0, start, vel, window) = {
            let x = &self.viol[i];
            (x.t0, x.start, x.velocity, x.window_h)
        };
        let target_now = start + vel * (self.now - t0);
        let left = t0 + window - self.now;
        self.viol[i].no_alert = !self.qra.is_empty() && self.qra.iter().all(|q| q.alert == 0);
        // (time of intercept, responder): CAP aircraft on station, then QRA postures.
        let mut best: Option<(f64, Responder)> = None;
        for gr in &self.groups {
            let p = gr.post;
            if !matches!(self.m.posts[p].kind, PostKind::Cap(_)) || self.posts[p].on_station == 0 {
                continue;
            }
            let post_xy = self.m.posts[p].xy;
            for &a in gr.members.iter().chain(&gr.relief) {
                if self.ac[a].st != St::OnStation {
                    continue;
                }
                let s = &self.m.squadrons[self.ac[a].sq];
                let Some((dash, dash_burn)) = s.dash else {
                    continue;
                };
                let Some(tau) = intercept_time(target_now - post_xy, vel, dash) else {
                    continue;
                };
                if tau > left {
                    continue;
                }
                let need =
                    s.intercept_fuel_kg(tau, dash_burn, target_now + vel * tau, v.shadow_mean_h);
                if self.fuel_now(a) < need {
                    continue;
                }
                let t = self.now + tau;
                if best.as_ref().is_none_or(|(bt, _)| t < *bt) {
                    best = Some((t, Responder::Cap(a)));
                }
            }
        }
        for q in 0..self.qra.len() {
            if self.qra[q].alert == 0 {
                continue;
            }
            let d = &self.m.qra[q];
            let s = &self.m.squadrons[d.squadron];
            let Some((dash, dash_burn)) = s.dash else {
                continue;
            };
            let ready_h = d.readiness_min.sample(&mut self.qra[q].rng) / 60.0;
            let target_then = target_now + vel * ready_h;
            let Some(tau) = intercept_time(target_then - s.base_xy, vel, dash) else {
                continue;
            };
            if ready_h + tau > left {
                continue;
            }
            let need =
                s.intercept_fuel_kg(tau, dash_burn, target_then + vel * tau, v.shadow_mean_h);
            if s.fuel_kg < need {
                continue;
            }
            let t = self.now + ready_h + tau;
            if best.as_ref().is_none_or(|(bt, _)| t < *bt) {
                best = Some((t, Responder::Qra(q, ready_h)));
            }
        }
        let Some((t_meet, who)) = best else {
            debug_assert!(
                self.viol[i].outcome == Outcome::Pending,
                "violation {i} answered twice"
            );
            self.viol[i].outcome = Outcome::Unanswered;
            self.trace_violation(i, "unanswered", target_now);
            return;
        };
        let meet = start + vel * (t_meet - t0);
        self.viol[i].meet = meet;
        debug_assert!(
            self.viol[i].outcome == Outcome::Pending,
            "violation {i} answered twice"
        );
        self.viol[i].outcome = Outcome::Intercepted(t_meet - t0);
        self.trace_violation(i, "response_ordered", target_now);
        match who {
            Responder::Cap(a) => {
                // One fighter leaves the element to intercept; the others hold the station.
                let p = self.post_of(a);
                let sq = self.ac[a].sq;
                self.posts[p].on_station -= 1;
                self.refresh_post(p);
                self.ac[a].st = St::Dash;
                self.ac[a].epoch += 1;
                self.set_burn(a, self.m.squadrons[sq].dash.map_or(0.0, |d| d.1));
                self.fix_failure_clock(a);
                let pos = self.m.posts[p].position;
                self.trace(a, "scramble_from_cap", pos, None);
                self.viol[i].responders.push(a);
                self.at(t_meet - self.now, Ev::Intercept(i as u32));
            }
            Responder::Qra(q, ready_h) => {
                let sq = self.m.qra[q].squadron;
                let n = self.m.qra[q].scramble_size.min(self.qra[q].alert);
                let scrambled: Vec<usize> = self.fleet[sq]
                    .iter()
                    .copied()
                    .filter(|&a| self.ac[a].st == St::Alert(q))
                    .take(n as usize)
                    .collect();
                for &a in &scrambled {
                    self.ac[a].st = St::Scrambling;
                    self.qra[q].alert -= 1;
                    let base = self.base(a);
                    let name: &'m str = &self.m.qra[q].name;
                    self.trace(a, "scramble", base, Some(name));
                }
                self.refresh_qra(q);
                for _ in 0..n {
                    self.regenerate(q);
                }
                self.viol[i].responders = scrambled;
                self.at(ready_h, Ev::ScrambleAirborne(i as u32));
                self.at(t_meet - self.now, Ev::Intercept(i as u32));
            }
        }
    }

    fn scramble_airborne(&mut self, i: usize) {
        for k in 0..self.viol[i].responders.len() {
            let a = self.viol[i].responders[k];
            if self.ac[a].st != St::Scrambling {
                continue;
            }
            let sq = self.ac[a].sq;
            self.ac[a].st = St::Dash;
            self.ac[a].airborne_since = self.now;
            self.ac[a].fuel = self.m.squadrons[sq].fuel_kg;
            self.ac[a].fuel_t = self.now;
            self.ac[a].burn = self.m.squadrons[sq].dash.map_or(0.0, |d| d.1);
            if self.now >= self.m.warmup_h {
                self.sorties[sq] += 1.0;
            }
            let base = self.base(a);
            self.trace(a, "airborne", base, None);
        }
    }

    fn intercept(&mut self, i: usize) {
        let meet = self.viol[i].meet;
        self.trace_violation(i, "intercepted", meet);
        let at = self.plane_to_earth(meet);
        let v = self.m.violations.as_ref().expect("violations exist");
        let rng = self.viol_rng.as_mut().expect("a violation stream");
        let mut shadow = v.shadow_min.sample(rng) / 60.0;
        for k in 0..self.viol[i].responders.len() {
            let a = self.viol[i].responders[k];
            if self.ac[a].st != St::Dash {
                continue;
            }
            self.ac[a].st = St::Shadow;
            let s = &self.m.squadrons[self.ac[a].sq];
            self.set_burn(a, s.patrol_burn);
            // The shadow ends early when an aircraft needs its fuel to get home.
            let home_h = (meet - s.base_xy).norm() / s.cruise_kmh;
            let spare = (self.fuel_now(a) - s.reserve_kg - home_h * s.cruise_burn) / s.patrol_burn;
            shadow = shadow.min(spare.max(0.0));
            self.trace(a, "intercept", at, None);
        }
        self.at(shadow, Ev::ShadowDone(i as u32));
    }

    /// After shadowing: back to the station if the fuel allows, otherwise home.
    fn shadow_done(&mut self, i: usize) {
        let meet = self.viol[i].meet;
        let at = self.plane_to_earth(meet);
        for k in 0..self.viol[i].responders.len() {
            let a = self.viol[i].responders[k];
            if self.ac[a].st != St::Shadow {
                continue;
            }
            let sq = self.ac[a].sq;
            let s = &self.m.squadrons[sq];
            self.set_burn(a, s.cruise_burn);
            let home_h = (meet - s.base_xy).norm() / s.cruise_kmh;
            if let Some(g) = self.ac[a].group {
                let p = self.groups[g].post;
                let back_h = (meet - self.m.posts[p].xy).norm() / s.cruise_kmh;
                // Back on station with at least a quarter hour above bingo.
                let need = back_h * s.cruise_burn
                    + 0.25 * s.patrol_burn
                    + s.reserve_kg
                    + self.m.posts[p].transit_h(sq) * s.cruise_burn;
                if self.fuel_now(a) >= need {
                    self.ac[a].st = St::Returning;
                    self.trace(a, "return_to_station", at, None);
                    self.at(back_h, Ev::BackOnStation(a as u32));
                    continue;
                }
                // Not enough fuel: home, and the element wants its relief now.
                self.leave_group(a, g);
            }
            self.ac[a].st = St::Homebound;
            self.trace(a, "home_after_intercept", at, None);
            self.fly_home(a, home_h, at);
        }
    }

    // ------------------------------------------------------------------ results

    fn finish(mut self, rep: u64) -> RepMetrics {
        let (w, e) = (self.m.warmup_h, self.end);
        let span = e - w;
        let days = span / 24.0;
        // Aircraft still flying at the end count their flight hours up to the end.
        for a in 0..self.ac.len() {
            if matches!(
                self.ac[a].st,
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
            ) {
                let counted = e - self.ac[a].airborne_since.max(w);
                if counted > 0.0 {
                    self.flight_h[self.ac[a].sq] += counted;
                }
            }
        }
        for t in [
            &mut self.all_cap,
            &mut self.cap_presence,
            &mut self.all_aew,
            &mut self.all_tanker,
            &mut self.all_qra,
            &mut self.front_low,
            &mut self.front_high,
        ] {
            t.close(e, w, e);
        }
        for p in &mut self.posts {
            p.full.close(e, w, e);
            p.required_time.close(e, w, e);
        }
        for q in &mut self.qra {
            q.held.close(e, w, e);
        }
        for c in &mut self.capable {
            c.close(e, w, e);
        }
        let mut v = Vec::with_capacity(self.m.names.0.len());
        let post_cov = |st: &PostState| {
            let req = st.required_time.integral();
            if req > 0.0 {
                st.full.integral() / req
            } else {
                1.0
            }
        };
        let kinds = |k: fn(PostKind) -> bool| -> Vec<usize> {
            (0..self.m.posts.len())
                .filter(|&p| k(self.m.posts[p].kind))
                .collect()
        };
        let cap = kinds(|k| matches!(k, PostKind::Cap(_)));
        let aew = kinds(|k| matches!(k, PostKind::Aew(_)));
        let tank = kinds(|k| matches!(k, PostKind::Tanker(_)));
        if !cap.is_empty() {
            v.push(self.all_cap.integral() / span);
            v.push(self.cap_presence.integral() / span);
            v.extend(cap.iter().map(|&p| post_cov(&self.posts[p])));
        }
        if !aew.is_empty() {
            v.push(self.all_aew.integral() / span);
            v.extend(aew.iter().map(|&p| post_cov(&self.posts[p])));
        }
        if !self.m.sensors.is_empty() {
            v.push(self.front_low.integral() / span);
            v.push(self.front_high.integral() / span);
        }
        if !tank.is_empty() {
            v.push(self.all_tanker.integral() / span);
            v.extend(tank.iter().map(|&p| post_cov(&self.posts[p])));
            v.extend(
                tank.iter()
                    .map(|&p| self.posts[p].offloaded_kg / 1000.0 / days),
            );
        }
        if !self.qra.is_empty() {
            v.push(self.all_qra.integral() / span);
            v.extend(self.qra.iter().map(|q| q.held.integral() / span));
        }
        let mut hist = Vec::new();
        if let Some(vd) = &self.m.violations {
            let counted: Vec<&Violation> = self.viol.iter().filter(|x| x.t0 >= w).collect();
            let n = counted.len() as f64;
            let frac = |k: usize, test: &dyn Fn(&Violation) -> bool| -> f64 {
                let c = counted.iter().filter(|x| test(x)).count();
                if k == 0 {
                    f64::NAN
                } else {
                    c as f64 / k as f64
                }
            };
            let within = |x: &Violation| matches!(x.outcome, Outcome::Intercepted(t) if vd.target_h.is_some_and(|g| t <= g + 1e-12));
            let mut times: Vec<f64> = counted
                .iter()
                .filter_map(|x| match x.outcome {
                    Outcome::Intercepted(t) => Some(t * 60.0),
                    _ => None,
                })
                .collect();
            times.sort_by(f64::total_cmp);
            let total = counted.len();
            v.push(n / days);
            v.push(frac(total, &|x| x.outcome == Outcome::Undetected));
            v.push(frac(total, &|x| x.outcome == Outcome::Unanswered));
            if vd.target_h.is_some() {
                v.push(frac(total, &within));
            }
            let mean = if times.is_empty() {
                f64::NAN
            } else {
                times.iter().sum::<f64>() / times.len() as f64
            };
            v.push(mean);
            for q in [0.5, 0.9, 0.99] {
                v.push(super::metrics::quantile(&times, q));
            }
            if !self.m.qra.is_empty() {
                let answered: Vec<&&Violation> = counted
                    .iter()
                    .filter(|x| x.outcome != Outcome::Undetected)
                    .collect();
                let c = answered.iter().filter(|x| x.no_alert).count();
                v.push(if answered.is_empty() {
                    f64::NAN
                } else {
                    c as f64 / answered.len() as f64
                });
            }
            if vd.sectors.len() > 1 {
                for k in 0..vd.sectors.len() {
                    let here: Vec<&&Violation> = counted.iter().filter(|x| x.sector == k).collect();
                    let m = here.len();
                    v.push(m as f64 / days);
                    let un = here
                        .iter()
                        .filter(|x| {
                            x.outcome != Outcome::Pending
                                && !matches!(x.outcome, Outcome::Intercepted(_))
                        })
                        .count();
                    v.push(if m == 0 {
                        f64::NAN
                    } else {
                        un as f64 / m as f64
                    });
                    if vd.target_h.is_some() {
                        let ok = here.iter().filter(|x| within(x)).count();
                        v.push(if m == 0 {
                            f64::NAN
                        } else {
                            ok as f64 / m as f64
                        });
                    }
                    let t: Vec<f64> = here
                        .iter()
                        .filter_map(|x| match x.outcome {
                            Outcome::Intercepted(t) => Some(t * 60.0),
                            _ => None,
                        })
                        .collect();
                    v.push(if t.is_empty() {
                        f64::NAN
                    } else {
                        t.iter().sum::<f64>() / t.len() as f64
                    });
                }
            }
            hist = vec![0u64; RESPONSE_BINS + 1];
            for t in &times {
                let bin = (*t as usize).min(RESPONSE_BINS);
                hist[bin] += 1;
            }
        }
        v.push(self.sorties.iter().sum::<f64>() / days);
        v.push(self.flight_h.iter().sum::<f64>() / days);
        for (q, s) in self.m.squadrons.iter().enumerate() {
            v.push(self.sorties[q] / days);
            v.push(self.flight_h[q] / days);
            v.push(if s.count > 0 {
                self.capable[q].integral() / (f64::from(s.count) * span)
            } else {
                0.0
            });
        }
        debug_assert_eq!(v.len(), self.m.names.0.len());
        RepMetrics {
            replication: rep,
            values: v,
            events: self.events,
            response_hist: hist,
        }
    }

    /// The conservation invariants, checked after every event in debug and test builds.
    #[cfg(debug_assertions)]
    fn check_invariants(&self) {
        for a in 0..self.ac.len() {
            let fuel = self.fuel_now(a);
            assert!(
                fuel >= -1e-6,
                "aircraft {a} has negative fuel {fuel} at {}",
                self.now
            );
        }
        for (p, st) in self.posts.iter().enumerate() {
            let on = self
                .ac
                .iter()
                .filter(|x| {
                    x.st == St::OnStation && x.group.is_some_and(|g| self.groups[g].post == p)
                })
                .count() as u32;
            assert_eq!(
                on, st.on_station,
                "post {p} on-station count at {}",
                self.now
            );
        }
        for (q, st) in self.qra.iter().enumerate() {
            let on = self.ac.iter().filter(|x| x.st == St::Alert(q)).count() as u32;
            assert_eq!(on, st.alert, "QRA {q} alert count at {}", self.now);
        }
        assert!(
            (self.given_kg - self.received_kg).abs() < 1e-6,
            "fuel given != received"
        );
    }
}

/// One-minute bins of the response-time histogram; the last bin holds everything longer.
pub const RESPONSE_BINS: usize = 240;

fn exp_draw(rng: &mut ChaCha8Rng, mean: f64) -> f64 {
    use rand::distr::Distribution;
    let unit: f64 = rand_distr::Exp1.sample(rng);
    unit * mean
}

#[cfg(test)]
mod tests {
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
            r.handle(ev);
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
        assert_eq!(r.groups[0].members, [0]);
        assert!(r.waiting.contains(&0), "the relief is due and waiting");
        // Tail 0's departure comes earlier, as after an intercept. Planned from it, the relief
        // would launch at 19.0 - 0.5 - 0.75 = 17.75 h: later than it is due already.
        r.ac[0].bingo_at = 19.0;
        r.replan_relief(0);
        assert!(
            r.waiting.contains(&0),
            "the relief due since 17.0 h was put off"
        );
        assert!(
            (r.groups[0].due - 17.0).abs() < 1e-6,
            "due at {}",
            r.groups[0].due
        );
    }
}
