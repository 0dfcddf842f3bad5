//! Response: when the response to a detected violator is ordered, each kind of responder offers
//! the earliest intercept it can make; the earliest offer is committed (an earlier kind wins a
//! tie). After the intercept the responders shadow, then go back to their station or home.
//!
//! Each kind of responder is a file: [`cap`] (a fighter on station leaves its element),
//! [`qra`] (a posture scrambles its element) and [`site`] (a ground-based air-defence site fires
//! once the violator is in range). A new kind adds a variant to [`Offer`], a file with
//! its `offer` and `commit`, and a line in [`Rep::respond`].

mod cap;
mod qra;
mod site;

pub(super) use site::Sites;

use super::Rep;
use super::arrivals::Outcome;
use super::events::Ev;
use super::fleet::St;
use crate::scenario::file::ResponderRule;
use crate::sim::trace::Observer;
use nalgebra::Vector2;

/// Who offers to answer a violation.
pub(super) enum Offer {
    /// A fighter on CAP.
    Cap { ac: usize },
    /// A QRA posture, with the readiness drawn for this scramble (hours).
    Qra { posture: usize, ready_h: f64 },
    /// A ground-based air-defence site.
    Site { site: usize },
}

/// A violator as the responders see it when the response is ordered.
pub(super) struct Target {
    /// Where it is now, in the theatre plane, km.
    pub now_xy: Vector2<f64>,
    /// Its velocity, km/h.
    pub velocity: Vector2<f64>,
    /// Hours until it turns back.
    pub left_h: f64,
    /// Mean shadowing time, hours (for the fuel a responder needs).
    pub shadow_mean_h: f64,
    /// Shot down when met: a responder needs a weapon left.
    pub shoot_down: bool,
    /// Its altitude, metres (for the sites' altitude bands).
    pub altitude_m: f64,
}

/// The first of the earliest offers.
fn earliest(offers: &[(f64, Offer, f64)]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (k, o) in offers.iter().enumerate() {
        if best.is_none_or(|b| o.0 < offers[b].0) {
            best = Some(k);
        }
    }
    best
}

/// The first of the cheapest offers that meet the violator by `deadline`, then the earliest of
/// those; the earliest of all when none does.
fn cheapest(offers: &[(f64, Offer, f64)], deadline: f64) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (k, o) in offers.iter().enumerate() {
        if o.0 > deadline {
            continue;
        }
        if best.is_none_or(|b| {
            let c = &offers[b];
            o.2 < c.2 || (o.2 == c.2 && o.0 < c.0)
        }) {
            best = Some(k);
        }
    }
    best.or_else(|| earliest(offers))
}

impl<O: Observer> Rep<'_, '_, O> {
    /// The response is ordered: commit the responder that intercepts first.
    pub(super) fn respond(&mut self, i: usize) {
        let v = self.m.violations.as_ref().expect("violations exist");
        let x = &self.arrivals.viol[i];
        let shoot_down = v.types[x.kind].shoot_down;
        let target = Target {
            now_xy: x.position_at(self.now),
            velocity: x.velocity,
            left_h: x.t0 + x.window_h - self.now,
            shadow_mean_h: if shoot_down { 0.0 } else { v.shadow_mean_h },
            shoot_down,
            altitude_m: v.types[x.kind].altitude_m,
        };
        let (t0, start) = (x.t0, x.start);
        self.arrivals.viol[i].no_alert = self.alert.none_on_alert();
        // Every offer with its weapon's cost per expected kill, in the order of the kinds.
        let mut offers: Vec<(f64, Offer, f64)> = Vec::new();
        for (t, offer) in self.cap_offers(&target) {
            offers.push((t, offer, 0.0));
        }
        for (t, offer) in self.qra_offers(&target) {
            offers.push((t, offer, 0.0));
        }
        for (t, offer) in self.site_offers(&target) {
            offers.push((t, offer, 0.0));
        }
        // Fighters kept for fast movers: a slow violator goes to another layer when one can.
        if let Some(limit) = v.fighters_above_kmh
            && target.velocity.norm() <= limit
            && offers.iter().any(|o| matches!(o.1, Offer::Site { .. }))
        {
            offers.retain(|o| matches!(o.1, Offer::Site { .. }));
        }
        let chosen = match v.responder {
            ResponderRule::Earliest => earliest(&offers),
            ResponderRule::Cheapest => {
                for o in offers.iter_mut() {
                    o.2 = self.offer_cost(&o.1, target.shoot_down);
                }
                let deadline = t0 + self.arrivals.viol[i].first_reach_h();
                cheapest(&offers, deadline)
            }
        };
        let best = chosen.map(|k| {
            let (t, offer, _) = offers.swap_remove(k);
            (t, offer)
        });
        let Some((t_meet, who)) = best else {
            // Out of everyone's reach now: order again later while it is still inbound.
            if let Some(dt) = v.retry_h
                && dt < target.left_h
            {
                self.trace_violation(i, "response_deferred", target.now_xy);
                self.at(
                    dt,
                    Ev::Respond {
                        violation: i as u32,
                    },
                );
                return;
            }
            self.arrivals.viol[i].settle(Outcome::Unanswered);
            self.trace_violation(i, "unanswered", target.now_xy);
            return;
        };
        if let Offer::Site { site } = who {
            // A shot is not an intercept until it kills: the site fires when the violator is in
            // range, and the outcome is settled then.
            self.trace_violation(i, "air_defence_ordered", target.now_xy);
            self.commit_site(i, site, t_meet - self.now);
            return;
        }
        let meet = start + target.velocity * (t_meet - t0);
        self.arrivals.viol[i].meet = meet;
        self.arrivals.viol[i].settle(Outcome::Intercepted(t_meet - t0));
        self.trace_violation(i, "response_ordered", target.now_xy);
        match who {
            Offer::Cap { ac } => self.commit_cap(i, ac),
            Offer::Qra { posture, ready_h } => self.commit_qra(i, posture, ready_h),
            Offer::Site { .. } => unreachable!("a site's shot is committed above"),
        }
        self.at(
            t_meet - self.now,
            Ev::Intercept {
                violation: i as u32,
            },
        );
    }

    /// The responders meet the violator and shadow it.
    pub(super) fn intercept(&mut self, i: usize) {
        let meet = self.arrivals.viol[i].meet;
        self.trace_violation(i, "intercepted", meet);
        let at = self.plane_to_earth(meet);
        let v = self.m.violations.as_ref().expect("violations exist");
        let shoot_down = v.types[self.arrivals.viol[i].kind].shoot_down;
        // A violator shot down is not shadowed.
        let mut shadow = if shoot_down {
            0.0
        } else {
            v.shadow_min.sample(self.arrivals.rng()) / 60.0
        };
        for k in 0..self.arrivals.viol[i].responders.len() {
            let a = self.arrivals.viol[i].responders[k];
            if self.fleet.ac[a].st != St::Dash {
                continue;
            }
            self.set_state(a, St::Shadow);
            let s = &self.m.squadrons[self.fleet.ac[a].sq];
            // The shadow ends early when an aircraft needs its fuel to get home.
            let home_h = (meet - s.base_xy).norm() / s.cruise_kmh;
            let spare = (self.fuel_now(a) - s.reserve_kg - home_h * s.cruise_burn) / s.patrol_burn;
            shadow = shadow.min(spare.max(0.0));
            self.trace(a, "intercept", at, None);
        }
        if shoot_down && self.arrivals.viol[i].decoy {
            // Met and identified as a decoy: left alone, no weapon spent.
            let meet = self.arrivals.viol[i].meet;
            self.trace_violation(i, "identified_decoy", meet);
        } else if shoot_down {
            self.shoot_down(i, at);
        }
        self.at(
            shadow,
            Ev::ShadowDone {
                violation: i as u32,
            },
        );
    }

    /// The cost of the weapon `offer` would spend, per expected kill: a site's shot over its
    /// chance to kill; a fighter's missile when the violator is shot down, else nothing.
    fn offer_cost(&self, offer: &Offer, shoot_down: bool) -> f64 {
        let v = self.m.violations.as_ref().expect("violations exist");
        match *offer {
            Offer::Site { site } => v.sites[site].cost_per_shot / v.sites[site].pk,
            _ if !shoot_down => 0.0,
            Offer::Cap { ac } => self.m.squadrons[self.fleet.ac[ac].sq].missile_cost,
            Offer::Qra { posture, .. } => {
                self.m.squadrons[self.m.qra[posture].squadron].missile_cost
            }
        }
    }

    /// Violation `i` is shot down by its first responder that met it, which spends a weapon.
    fn shoot_down(&mut self, i: usize, at: crate::geo::LatLon) {
        let shooter = self.arrivals.viol[i]
            .responders
            .iter()
            .copied()
            .find(|&a| self.fleet.ac[a].st == St::Shadow);
        if let Some(a) = shooter {
            let m = &mut self.fleet.ac[a].sortie.missiles;
            *m = m.saturating_sub(1);
            if self.now >= self.m.warmup_h {
                let cost = self.m.squadrons[self.fleet.ac[a].sq].missile_cost;
                self.metrics.weapon_spent(cost);
            }
            self.trace(a, "shoot_down", at, None);
        }
        let meet = self.arrivals.viol[i].meet;
        self.trace_violation(i, "shot_down", meet);
    }

    /// After shadowing: back to the station if the fuel allows, otherwise home.
    pub(super) fn shadow_done(&mut self, i: usize) {
        let meet = self.arrivals.viol[i].meet;
        let at = self.plane_to_earth(meet);
        for k in 0..self.arrivals.viol[i].responders.len() {
            let a = self.arrivals.viol[i].responders[k];
            if self.fleet.ac[a].st != St::Shadow {
                continue;
            }
            let sq = self.fleet.ac[a].sq;
            let s = &self.m.squadrons[sq];
            let home_h = (meet - s.base_xy).norm() / s.cruise_kmh;
            let armed = self.fleet.ac[a].sortie.missiles > 0;
            if let Some(g) = self.fleet.ac[a].group
                && !armed
            {
                // Every weapon spent: home, and the element wants its relief now.
                self.leave_group(a, g);
                self.set_state(a, St::Homebound);
                self.trace(a, "home_no_weapons", at, None);
                self.fly_home(a, home_h, at);
                continue;
            }
            if let Some(g) = self.fleet.ac[a].group {
                let p = self.relief.groups[g].post;
                let back_h = (meet - self.m.posts[p].xy).norm() / s.cruise_kmh;
                // Back on station with at least a quarter hour above bingo.
                let need = back_h * s.cruise_burn
                    + 0.25 * s.patrol_burn
                    + s.reserve_kg
                    + self.m.posts[p].transit_h(sq) * s.cruise_burn;
                if self.fuel_now(a) >= need {
                    self.set_state(a, St::Returning);
                    self.trace(a, "return_to_station", at, None);
                    self.at(back_h, Ev::BackOnStation { ac: a as u32 });
                    continue;
                }
                // Not enough fuel: home, and the element wants its relief now.
                self.leave_group(a, g);
            }
            self.set_state(a, St::Homebound);
            self.trace(a, "home_after_intercept", at, None);
            self.fly_home(a, home_h, at);
        }
    }
}
