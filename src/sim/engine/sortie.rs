//! A sortie's life: launch, the way out, time on the post, the way home and landing.

use super::super::calendar::Hours;
use super::super::model::PostKind;
use super::Rep;
use super::events::Ev;
use super::fleet::{St, Timer};
use crate::geo::LatLon;
use crate::sim::trace::Observer;

impl<'m, O: Observer> Rep<'m, '_, O> {
    /// Predicted time aircraft `a` must leave post `p`, if it arrives there at `arrive` with
    /// `fuel` on board: its fuel bingo (with a tanker's expected offload on a tanker track), or
    /// its crew limit, which is all that binds when it can refuel on the post.
    pub(super) fn leave_time(&self, a: usize, p: usize, arrive: Hours, fuel: f64) -> Hours {
        let x = &self.fleet.ac[a];
        let s = &self.m.squadrons[x.sq];
        let back_h = self.m.posts[p].transit_h(x.sq);
        let crew = self.crew_leave(a, p);
        if self.aar_possible(x.sq, p).is_some() {
            return crew;
        }
        let burn = s.patrol_burn + self.m.posts[p].expected_offload_kg_h;
        let fuel_h = s.hours_to_bingo(fuel, back_h, burn);
        (arrive + fuel_h).min(crew)
    }

    /// When aircraft `a`, patrolling, reaches its fuel bingo: fuel for the way home from where it
    /// is plus its reserve.
    pub(super) fn fuel_bingo_at(&self, a: usize) -> Hours {
        let x = &self.fleet.ac[a];
        let s = &self.m.squadrons[x.sq];
        self.now + s.hours_to_bingo(self.fuel_now(a), x.sortie.home_leg_h, s.patrol_burn)
    }

    /// Cancels the timer of an aircraft on its post: its bingo.
    pub(super) fn cancel_station_timers(&mut self, a: usize) {
        self.fleet.ac[a].timers.cancel(Timer::Bingo);
    }

    /// Launches `a` for group `g`; false if it aborts on the ground.
    pub(super) fn launch(&mut self, a: usize, g: usize) -> bool {
        if self.ground_abort(a) {
            return false;
        }
        let sq = self.fleet.ac[a].sq;
        let base = self.base(a);
        let p = self.relief.take_on(g, a);
        self.fleet.ac[a].crew = self.crews.take(sq, self.now);
        let s = &self.m.squadrons[sq];
        let launch_h = s.launch_min.sample(&mut self.fleet.ac[a].rng_ground) / 60.0;
        let transit_h = self.m.posts[p].transit_h(sq);
        let x = &mut self.fleet.ac[a];
        x.group = Some(g);
        x.fuel.fill(s.fuel_kg, self.now, 0.0);
        x.sortie.missiles = s.missiles;
        x.sortie.given_kg = 0.0;
        x.sortie.relieved_on_fuel = false;
        x.sortie.reached_post = false;
        x.sortie.refuelling_in_area_of = None;
        x.sortie.wheels_up = self.now + launch_h;
        self.set_state(a, St::Launching);
        let arrive = self.now + launch_h + transit_h;
        let fuel_there = s.fuel_kg - transit_h * s.cruise_burn;
        self.fleet.ac[a].sortie.bingo_at = self.leave_time(a, p, arrive, fuel_there);
        let name: &'m str = &self.m.posts[p].name;
        self.trace(a, "launch", base, Some(name));
        self.at(launch_h, Ev::LaunchDone { ac: a as u32 });
        true
    }

    /// Wheels up: out to the post, or to the tanker first when a full tank is not enough.
    pub(super) fn launch_done(&mut self, a: usize) {
        let sq = self.fleet.ac[a].sq;
        let p = self.post_of(a);
        self.set_state(a, St::Outbound);
        self.fleet.ac[a].sortie.airborne_since = self.now;
        self.metrics.sortie(sq, self.now, self.m.warmup_h);
        let base = self.base(a);
        let name: &'m str = &self.m.posts[p].name;
        self.trace(a, "airborne", base, Some(name));
        self.arm_failure_clock(a);
        match self.m.posts[p].serving_by(sq).and_then(|v| v.via_tanker_h) {
            Some(to_track_h) => {
                // Too far to hold the station on a full tank: take fuel on the way out.
                self.set_state(a, St::ToTanker);
                self.fleet.ac[a].sortie.home_leg_h = to_track_h;
                self.at(to_track_h, Ev::ReachTanker { ac: a as u32 });
            }
            None => {
                let transit_h = self.m.posts[p].transit_h(sq);
                self.fleet.ac[a].sortie.home_leg_h = transit_h;
                self.at(transit_h, Ev::Arrive { ac: a as u32 });
            }
        }
    }

    /// On station: from base, or back from the tanker or an intercept.
    pub(super) fn arrive(&mut self, a: usize) {
        let p = self.post_of(a);
        // Back after a trip to the tanker or an intercept; a fighter that took fuel on its way
        // out reaches its station for the first time.
        let back = self.fleet.ac[a].sortie.reached_post;
        let from_intercept = self.fleet.ac[a].st == St::Returning;
        self.put_on_station(
            a,
            p,
            if back {
                "back_on_station"
            } else {
                "on_station"
            },
        );
        let g = self.fleet.ac[a].group.expect("on a task");
        self.hand_over_if_complete(g);
        if from_intercept && self.relief.groups[g].members.contains(&a) {
            // The intercept cost fuel: the member leaves earlier, and its relief comes forward.
            self.replan_relief(g);
        }
        self.plan_relief(g);
    }

    /// Puts `a` on post `p`: its departure and bingo are planned from its fuel, and the
    /// station's refuelling again.
    pub(super) fn put_on_station(&mut self, a: usize, p: usize, what: &'static str) {
        let sq = self.fleet.ac[a].sq;
        self.set_state(a, St::OnStation);
        self.fleet.ac[a].sortie.reached_post = true;
        self.fleet.ac[a].sortie.home_leg_h = self.m.posts[p].transit_h(sq);
        let fuel = self.fuel_now(a);
        let leave = self.leave_time(a, p, self.now, fuel);
        // The fuel bingo always applies; with a tanker the predicted leave is the crew limit.
        let fuel_bingo = self.fuel_bingo_at(a);
        self.fleet.ac[a].sortie.bingo_at = leave;
        let bingo_key = self.fleet.ac[a].timers.arm(Timer::Bingo);
        self.at(
            leave.min(fuel_bingo) - self.now,
            Ev::Bingo {
                ac: a as u32,
                key: bingo_key,
            },
        );
        // Back from a tanker inside the area, it never stopped counting.
        if self.fleet.ac[a].sortie.refuelling_in_area_of.take() != Some(p) {
            self.post_gains(p);
        }
        let pos = self.m.posts[p].position;
        let name: &'m str = &self.m.posts[p].name;
        self.trace(a, what, pos, Some(name));
        if matches!(self.m.posts[p].kind, PostKind::Tanker(_)) {
            self.tanker_arrived(p);
        }
        self.plan_refuel(p);
    }

    /// Takes `a` off post `p` and sends it home.
    pub(super) fn leave_post_from(&mut self, a: usize, p: usize) {
        if self.fleet.ac[a].st == St::OnStation {
            self.post_loses(p);
        }
        self.set_state(a, St::Homebound);
        self.cancel_station_timers(a);
        let pos = self.m.posts[p].position;
        let name: &'m str = &self.m.posts[p].name;
        self.trace(a, "leave_station", pos, Some(name));
        let leg = self.fleet.ac[a].sortie.home_leg_h;
        self.fly_home(a, leg, pos);
        self.plan_refuel(p);
    }

    /// Flies `a` home over `leg_h` hours of cruise; if its fuel would fall below the reserve on
    /// the way, it diverts and lands when the fuel reaches the reserve instead.
    pub(super) fn fly_home(&mut self, a: usize, leg_h: f64, from: LatLon) {
        let s = &self.m.squadrons[self.fleet.ac[a].sq];
        let spare_h = (self.fuel_now(a) - s.reserve_kg) / s.cruise_burn;
        if spare_h + 1e-9 < leg_h {
            self.trace(a, "divert", from, None);
            self.at(spare_h.max(0.0), Ev::Landed { ac: a as u32 });
        } else {
            self.at(leg_h, Ev::Landed { ac: a as u32 });
        }
    }

    /// Wheels down: flight hours are counted, the wear clocks advance, and the aircraft goes to
    /// maintenance if it is due, else to turnaround.
    pub(super) fn landed(&mut self, a: usize) {
        let sq = self.fleet.ac[a].sq;
        self.set_burn(a, 0.0);
        let since = self.fleet.ac[a].sortie.airborne_since;
        let flown = self.now - since;
        let (w, e) = (self.m.warmup_h, self.end);
        self.metrics.flown(sq, since, self.now, w, e);
        let x = &mut self.fleet.ac[a];
        x.wear.fh_to_failure -= flown;
        x.wear.fh_since_inspection += flown;
        x.timers.cancel(Timer::Bingo);
        x.timers.cancel(Timer::Failure);
        x.group = None;
        if let Some(c) = x.crew.take() {
            self.crews.release(sq, c, self.now);
        }
        let base = self.base(a);
        self.trace(a, "landed", base, None);
        if self.maintain_after_landing(a) {
            return;
        }
        let t = self.m.squadrons[sq]
            .turnaround_min
            .sample(&mut self.fleet.ac[a].rng_ground)
            / 60.0;
        self.set_state(a, St::Turnaround);
        self.at(t, Ev::Ready { ac: a as u32 });
    }
}
