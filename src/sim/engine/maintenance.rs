//! Maintenance and availability: the `mc_rate` up/down clock, failures in the air, ground aborts,
//! repairs and scheduled inspections, and aircraft becoming ready.

use super::super::model::AvailDef;
use super::events::Ev;
use super::fleet::{St, Timer};
use super::{Rep, exp_draw};
use crate::sim::trace::Observer;
use rand::RngExt;

impl<'m, O: Observer> Rep<'m, '_, O> {
    /// Starts every aircraft's availability: the `mc_rate` clock in its long-run mix, or the
    /// flight hours to its first failure.
    pub(super) fn start_availability(&mut self) {
        for a in 0..self.fleet.len() {
            let sq = self.fleet.ac[a].sq;
            match self.m.squadrons[sq].avail.clone() {
                AvailDef::Perfect => {}
                AvailDef::McRate {
                    mc_rate,
                    up_mean_h,
                    down_h,
                } => {
                    // Start in the long-run mix: up with probability mc_rate.
                    let up = self.fleet.ac[a].rng_avail.random::<f64>() < mc_rate;
                    if up {
                        let t = exp_draw(&mut self.fleet.ac[a].rng_avail, up_mean_h);
                        self.start_clock(a, t);
                    } else {
                        self.set_down(a, true);
                        self.set_state(a, St::Down);
                        let t = down_h.sample(&mut self.fleet.ac[a].rng_avail);
                        self.at(t, Ev::AvailUp { ac: a as u32 });
                    }
                }
                AvailDef::Failures { per_flight_h, .. } => {
                    self.fleet.ac[a].wear.fh_to_failure = if per_flight_h > 0.0 {
                        exp_draw(&mut self.fleet.ac[a].rng_avail, 1.0 / per_flight_h)
                    } else {
                        f64::INFINITY
                    };
                }
            }
        }
    }

    /// Starts `a`'s `mc_rate` clock with `wear_h` hours of wear to its next down period, at the
    /// rate of its present state.
    fn start_clock(&mut self, a: usize, wear_h: f64) {
        let w = &mut self.fleet.ac[a].wear;
        w.clock_left = wear_h;
        w.clock_at = self.now;
        let rate = w.clock_rate;
        self.schedule_clock(a, rate);
    }

    /// Brings `a`'s `mc_rate` clock up to now and runs it from now at `rate` hours of wear per
    /// hour (an aircraft going on or off alert).
    pub(super) fn set_wear_rate(&mut self, a: usize, rate: f64) {
        let now = self.now;
        let w = &mut self.fleet.ac[a].wear;
        if w.clock_left.is_finite() {
            w.clock_left = (w.clock_left - w.clock_rate * (now - w.clock_at)).max(0.0);
            w.clock_at = now;
        }
        self.schedule_clock(a, rate);
    }

    /// Arms `a`'s `AvailDown` for when its clock, running at `rate`, runs out (never, while the
    /// clock is stopped or does not run).
    fn schedule_clock(&mut self, a: usize, rate: f64) {
        let x = &mut self.fleet.ac[a];
        x.wear.clock_rate = rate;
        let key = x.timers.arm(Timer::Clock);
        let left = x.wear.clock_left;
        if left.is_finite() && rate > 0.0 {
            self.at(left / rate, Ev::AvailDown { ac: a as u32, key });
        }
    }

    /// Marks `a` mission capable or not, for its squadron's `mc_rate` metric.
    pub(super) fn set_down(&mut self, a: usize, down: bool) {
        if self.fleet.ac[a].wear.down != down {
            self.fleet.ac[a].wear.down = down;
            let q = self.fleet.ac[a].sq;
            let v = self.metrics.capable[q].value() + if down { -1.0 } else { 1.0 };
            self.metrics.capable[q].set(self.now, v, self.m.warmup_h, self.end);
        }
    }

    /// Whether `a` aborts its launch on the ground; if it does, it goes to repair.
    pub(super) fn ground_abort(&mut self, a: usize) -> bool {
        let sq = self.fleet.ac[a].sq;
        let AvailDef::Failures {
            abort_p, repair_h, ..
        } = &self.m.squadrons[sq].avail
        else {
            return false;
        };
        if !(*abort_p > 0.0 && self.fleet.ac[a].rng_ground.random::<f64>() < *abort_p) {
            return false;
        }
        let repair = repair_h.sample(&mut self.fleet.ac[a].rng_avail);
        self.set_state(a, St::Down);
        self.set_down(a, true);
        let base = self.base(a);
        self.trace(a, "ground_abort", base, None);
        self.at(repair, Ev::Ready { ac: a as u32 });
        true
    }

    /// Wheels up: arms the failure clock for the whole sortie (it is cancelled at landing).
    pub(super) fn arm_failure_clock(&mut self, a: usize) {
        let fh = self.fleet.ac[a].wear.fh_to_failure;
        if fh.is_finite() {
            let key = self.fleet.ac[a].timers.arm(Timer::Failure);
            self.at(fh, Ev::Failure { ac: a as u32, key });
        }
    }

    /// A failure in the air.
    pub(super) fn failure(&mut self, a: usize) {
        self.fleet.ac[a].wear.needs_repair = true;
        // One failure per sortie: the next clock starts after the repair.
        self.fleet.ac[a].wear.fh_to_failure = f64::INFINITY;
        let pos = self.base(a);
        self.trace(a, "failure", pos, None);
        match self.fleet.ac[a].st {
            St::OnStation => {
                let g = self.fleet.ac[a].group.expect("on a task");
                self.member_leaves(a, g);
            }
            St::Outbound | St::ToTanker if self.fleet.ac[a].group.is_some() => {
                // Turn back: on the way out, as far home as it has come; on the way from its
                // station to the tanker, about its station's distance; on the way out to the
                // tanker (a route via the tanker), as far as it has come.
                let g = self.fleet.ac[a].group.expect("on a task");
                let x = &self.fleet.ac[a];
                let since_wheels_up = self.now - x.sortie.airborne_since;
                let flown = if x.st == St::Outbound {
                    since_wheels_up
                } else {
                    x.sortie.home_leg_h.min(since_wheels_up)
                };
                self.set_state(a, St::Homebound);
                self.cancel_station_timers(a);
                self.fly_home(a, flown, pos);
                self.leave_group(a, g);
                // A fighter that was away for fuel no longer holds its station's turn.
                self.plan_refuel(self.relief.groups[g].post);
            }
            // Elsewhere the fault is repaired after landing.
            _ => {}
        }
    }

    /// After landing: repair of a failure and a scheduled inspection when due. True when the
    /// aircraft goes down for them (it is then ready again when they are done).
    pub(super) fn maintain_after_landing(&mut self, a: usize) -> bool {
        let sq = self.fleet.ac[a].sq;
        let AvailDef::Failures {
            per_flight_h,
            repair_h,
            inspect_every_fh,
            inspect_h,
            ..
        } = &self.m.squadrons[sq].avail
        else {
            return false;
        };
        let base = self.base(a);
        let x = &mut self.fleet.ac[a];
        let down_for = if x.wear.needs_repair {
            x.wear.needs_repair = false;
            x.wear.fh_to_failure = exp_draw(&mut x.rng_avail, 1.0 / per_flight_h);
            Some(repair_h.sample(&mut x.rng_avail))
        } else {
            None
        };
        let inspect = inspect_every_fh.is_some_and(|every| x.wear.fh_since_inspection >= every);
        if inspect {
            x.wear.fh_since_inspection = 0.0;
        }
        let total = down_for.unwrap_or(0.0) + if inspect { *inspect_h } else { 0.0 };
        if down_for.is_none() && !inspect {
            return false;
        }
        self.set_state(a, St::Down);
        self.set_down(a, true);
        if inspect {
            self.trace(a, "inspection", base, None);
        }
        self.at(total, Ev::Ready { ac: a as u32 });
        true
    }

    /// Ready after turnaround, repair or inspection (or still down on the `mc_rate` clock).
    pub(super) fn ready(&mut self, a: usize) {
        if matches!(
            self.m.squadrons[self.fleet.ac[a].sq].avail,
            AvailDef::Failures { .. }
        ) {
            self.set_down(a, false);
        }
        if self.fleet.ac[a].wear.down {
            self.set_state(a, St::Down);
            return;
        }
        if self.fleet.ac[a].wear.maintenance_due {
            // Its scheduled maintenance waited while it was on alert; it starts now.
            self.go_down(a);
            self.set_state(a, St::Down);
            return;
        }
        self.set_state(a, St::Ready);
        let base = self.base(a);
        self.trace(a, "ready", base, None);
        self.assign(a);
    }

    /// The `mc_rate` clock runs out. A scheduled period that falls on an aircraft on alert is
    /// done on a spare: a ready spare takes its place on alert first, and while none is ready
    /// the work waits (the aircraft stays on alert).
    pub(super) fn avail_down(&mut self, a: usize) {
        self.fleet.ac[a].wear.clock_left = f64::INFINITY;
        if let St::Alert(q) = self.fleet.ac[a].st {
            let share = self.m.qra[q].scheduled_share;
            if share > 0.0 && self.fleet.ac[a].rng_avail.random::<f64>() < share {
                let Some(spare) = self.fleet.first_ready(self.m.qra[q].squadron) else {
                    self.fleet.ac[a].wear.maintenance_due = true;
                    let base = self.base(a);
                    self.trace(a, "maintenance_deferred", base, None);
                    return;
                };
                self.hand_alert_to(spare, a, q);
            }
        }
        self.go_down(a);
    }

    /// Ready spare `spare` takes alert aircraft `a`'s place on posture `q` at once (a planned
    /// swap, so the alert count never drops), and `a` is ready.
    pub(super) fn hand_alert_to(&mut self, spare: usize, a: usize, q: usize) {
        self.set_state(spare, St::Alert(q));
        let base = self.base(spare);
        let name: &'m str = &self.m.qra[q].name;
        self.trace(spare, "on_alert", base, Some(name));
        self.set_state(a, St::Ready);
    }

    /// `a` goes down for a period of its `mc_rate` clock.
    pub(super) fn go_down(&mut self, a: usize) {
        let AvailDef::McRate { down_h, .. } = &self.m.squadrons[self.fleet.ac[a].sq].avail else {
            return;
        };
        self.fleet.ac[a].wear.maintenance_due = false;
        let t = down_h.sample(&mut self.fleet.ac[a].rng_avail);
        self.at(t, Ev::AvailUp { ac: a as u32 });
        self.set_down(a, true);
        let base = self.base(a);
        self.trace(a, "down", base, None);
        match self.fleet.ac[a].st {
            St::Ready => self.set_state(a, St::Down),
            St::Alert(_) | St::Regenerating(_) => self.alert_aircraft_down(a),
            // Airborne or in turnaround: the fault is worked on after landing, until it is up.
            _ => {}
        }
    }

    /// The `mc_rate` clock comes up.
    pub(super) fn avail_up(&mut self, a: usize) {
        let AvailDef::McRate { up_mean_h, .. } = self.m.squadrons[self.fleet.ac[a].sq].avail else {
            return;
        };
        let t = exp_draw(&mut self.fleet.ac[a].rng_avail, up_mean_h);
        self.start_clock(a, t);
        self.set_down(a, false);
        let base = self.base(a);
        self.trace(a, "up", base, None);
        if self.fleet.ac[a].st == St::Down {
            self.set_state(a, St::Ready);
            self.assign(a);
        }
    }
}
