//! Tankers and air-to-air refuelling: the queue for a free boom or drogue, the hook-up, the fuel
//! given and the way back. When a fighter leaves its station for the tanker is the station's
//! refuelling plan (`cycling`).

use super::super::model::Model;
use super::super::streams::{self, Process};
use super::Rep;
use super::events::Ev;
use super::fleet::{St, Timer};
use crate::sim::trace::Observer;
use rand::rngs::ChaCha8Rng;
use std::collections::VecDeque;

/// The refuelling at every post (only tanker tracks have receivers).
pub(super) struct Tankers {
    /// Receivers waiting for a free boom or drogue, per post.
    pub queue: Vec<VecDeque<usize>>,
    /// Receivers hooked up, per post.
    pub hooked: Vec<u32>,
    /// The key of each CAP station's live `Refuel` timer.
    pub refuel_key: Vec<u32>,
    /// When each CAP station's live `Refuel` timer fires (`None`: none pending).
    pub refuel_at: Vec<Option<f64>>,
    /// Hook-up draws, per post.
    pub rng: Vec<ChaCha8Rng>,
    /// Room for the refuelling plan's lists, reused from plan to plan.
    pub plan: super::cycling::PlanBuffers,
    /// Fuel given and received in the whole replication, kg (they must agree).
    pub given_kg: f64,
    pub received_kg: f64,
}

impl Tankers {
    pub(super) fn new(m: &Model, key: &[u8; 32]) -> Self {
        let n = m.posts.len();
        Tankers {
            queue: vec![VecDeque::new(); n],
            hooked: vec![0; n],
            refuel_key: vec![0; n],
            refuel_at: vec![None; n],
            rng: (0..n)
                .map(|i| streams::stream(key, Process::Refuelling, i as u32))
                .collect(),
            plan: Default::default(),
            given_kg: 0.0,
            received_kg: 0.0,
        }
    }
}

impl<O: Observer> Rep<'_, '_, O> {
    /// Whether a fighter of squadron `sq` on post `p` can take fuel there: a tanker track with a
    /// system that fits; the track and the leg to it, km.
    pub(super) fn aar_possible(&self, sq: usize, p: usize) -> Option<(usize, f64)> {
        self.m.posts[p].tanker.filter(|_| self.m.aar[p][sq])
    }

    /// A live tanker on post `tp` with fuel to give, the one with the most.
    /// Of equal fuel, the first in the fleet.
    pub(super) fn tanker_on(&self, tp: usize) -> Option<(usize, f64)> {
        let mut best: Option<(usize, f64)> = None;
        self.each_on_post(tp, |t| {
            let f = self.givable(t);
            if f > 0.0 && best.is_none_or(|(b, bf)| f > bf || (f == bf && t < b)) {
                best = Some((t, f));
            }
        });
        best
    }

    /// Fuel tanker `t` can still give: above its reserve, the way home and a quarter hour on
    /// track, and within its offload limit.
    fn givable(&self, t: usize) -> f64 {
        let x = &self.fleet.ac[t];
        let s = &self.m.squadrons[x.sq];
        let keep = s.reserve_kg + x.sortie.home_leg_h * s.cruise_burn + 0.25 * s.patrol_burn;
        let limit = s.tanker.as_ref().map_or(0.0, |d| d.max_offload_kg) - x.sortie.given_kg;
        (self.fuel_now(t) - keep).min(limit).max(0.0)
    }

    /// A tanker came on track `tp`: fighters waiting for it to launch may go now, and the
    /// stations it serves plan their refuelling again.
    pub(super) fn tanker_arrived(&mut self, tp: usize) {
        for p in 0..self.m.posts.len() {
            if self.m.posts[p].tanker.is_some_and(|(t, _)| t == tp) {
                self.plan_refuel(p);
            }
        }
        let mut i = 0;
        while i < self.relief.waiting.len() {
            let g = self.relief.waiting[i];
            if self.m.posts[self.relief.groups[g].post]
                .tanker
                .is_some_and(|(t, _)| t == tp)
            {
                self.fill(g);
                if self.relief.waiting.get(i) != Some(&g) {
                    continue; // it launched and left the queue
                }
            }
            i += 1;
        }
    }

    /// Takes `a`, of a station on post `p`, out of its tanker's queue.
    pub(super) fn leave_tanker_queue(&mut self, a: usize, p: usize) {
        if let Some((tp, _)) = self.m.posts[p].tanker {
            self.tankers.queue[tp].retain(|&x| x != a);
        }
    }

    /// At the tanker track: in the queue, with a bingo for the way home from the track.
    pub(super) fn reach_tanker(&mut self, a: usize) {
        let p = self.post_of(a);
        let sq = self.fleet.ac[a].sq;
        let (tp, _) = self.m.posts[p].tanker.expect("going to a tanker");
        let s = &self.m.squadrons[sq];
        self.set_state(a, St::AtTanker);
        // From the track the way home is the track's distance from base.
        self.fleet.ac[a].sortie.home_leg_h = self.m.posts[p]
            .serving_by(sq)
            .map_or(0.0, |v| v.track_home_h);
        // Bingo at the track: fuel for the way home; a receiver already committed to the tanker
        // (too little to get home) waits until its reserve, then diverts.
        let fuel = self.fuel_now(a);
        let home_need = s.reserve_kg + self.fleet.ac[a].sortie.home_leg_h * s.cruise_burn;
        let floor = if fuel >= home_need {
            home_need
        } else {
            s.reserve_kg
        };
        let bingo = (fuel - floor) / s.patrol_burn;
        let key = self.fleet.ac[a].timers.arm(Timer::Bingo);
        self.tankers.queue[tp].push_back(a);
        self.hook_up(tp);
        // Only a receiver left waiting needs its bingo: one hooked up at once, or sent back for
        // want of a tanker, has had it cancelled, and it would never fire.
        if self.tankers.queue[tp].contains(&a) {
            self.at(bingo, Ev::Bingo { ac: a as u32, key });
        }
    }

    /// How many receivers the tankers on track `tp` can refuel at once.
    pub(super) fn receivers(&self, tp: usize) -> u32 {
        self.m
            .tanker_of(tp)
            .map_or(0, |t| t.receivers * self.posts.of[tp].on_station.max(1))
    }

    /// Hooks up queued receivers while a boom or drogue is free.
    fn hook_up(&mut self, tp: usize) {
        let receivers = self.receivers(tp);
        while self.tankers.hooked[tp] < receivers {
            let Some(a) = self.tankers.queue[tp].pop_front() else {
                break;
            };
            if self.tanker_on(tp).is_none() {
                self.tankers.queue[tp].push_front(a);
                self.abandon_queue(tp);
                break;
            }
            self.tankers.hooked[tp] += 1;
            self.set_state(a, St::Hooked);
            self.cancel_station_timers(a); // no bingo while hooked up
            let sampler = self
                .m
                .tanker_of(tp)
                .map(|t| t.hookup_min)
                .expect("a tanker track is flown by tankers");
            let t = sampler.sample(&mut self.tankers.rng[tp]) / 60.0;
            let pos = self.m.posts[tp].position;
            let name = &self.m.posts[tp].name;
            self.trace(a, "hooked_up", pos, Some(name));
            self.at(t, Ev::HookupDone { ac: a as u32 });
        }
    }

    /// No tanker left on the track: the queued receivers go back to their stations.
    fn abandon_queue(&mut self, tp: usize) {
        while let Some(a) = self.tankers.queue[tp].pop_front() {
            let p = self.post_of(a);
            let sq = self.fleet.ac[a].sq;
            let s = &self.m.squadrons[sq];
            let leg_h = self.m.posts[p].tanker.map_or(0.0, |t| t.1) / s.cruise_kmh;
            let need = s.reserve_kg + (leg_h + self.m.posts[p].transit_h(sq)) * s.cruise_burn;
            if self.fuel_now(a) > need {
                self.head_back_to_station(a);
            } else {
                let g = self.fleet.ac[a].group.expect("on a task");
                self.member_leaves(a, g);
            }
        }
    }

    fn head_back_to_station(&mut self, a: usize) {
        let p = self.post_of(a);
        let sq = self.fleet.ac[a].sq;
        let leg_km = self.m.posts[p].tanker.map_or(0.0, |t| t.1);
        self.set_state(a, St::FromTanker);
        self.cancel_station_timers(a);
        self.at(
            leg_km / self.m.squadrons[sq].cruise_kmh,
            Ev::BackOnStation { ac: a as u32 },
        );
    }

    /// The receiver has its fuel (what fills its tanks, up to what the tanker can give) and
    /// heads back; the tanker's own bingo comes earlier.
    pub(super) fn hookup_done(&mut self, a: usize) {
        let p = self.post_of(a);
        let (tp, _) = self.m.posts[p].tanker.expect("refuelling at a tanker");
        self.tankers.hooked[tp] -= 1;
        if let Some((t, can_give)) = self.tanker_on(tp) {
            let sq = self.fleet.ac[a].sq;
            self.set_burn(a, self.m.squadrons[sq].patrol_burn);
            let room = self.m.squadrons[sq].fuel_kg - self.fuel_now(a);
            let amount = room.min(can_give).max(0.0);
            self.fleet.ac[a].fuel.kg += amount;
            let tsq = self.fleet.ac[t].sq;
            self.set_burn(t, self.m.squadrons[tsq].patrol_burn);
            self.fleet.ac[t].fuel.kg -= amount;
            self.fleet.ac[t].sortie.given_kg += amount;
            self.tankers.given_kg += amount;
            self.tankers.received_kg += amount;
            if self.now >= self.m.warmup_h {
                self.metrics.offloaded_kg[tp] += amount;
            }
            let bingo = self.fuel_bingo_at(t);
            if bingo < self.fleet.ac[t].sortie.bingo_at {
                self.fleet.ac[t].sortie.bingo_at = bingo;
                let timers = &mut self.fleet.ac[t].timers;
                let key = timers.arm(Timer::Bingo);
                self.at(bingo - self.now, Ev::Bingo { ac: t as u32, key });
                let tg = self.fleet.ac[t].group.expect("on a task");
                self.replan_relief(tg);
            }
            let pos = self.m.posts[tp].position;
            let name = &self.m.posts[tp].name;
            self.trace(a, "refuelled", pos, Some(name));
        }
        self.head_back_to_station(a);
        self.hook_up(tp);
    }
}
