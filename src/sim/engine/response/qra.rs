//! A QRA posture as a responder: with an aircraft on alert it scrambles its element, which is
//! airborne after the readiness time and dashes from the base.

use super::super::Rep;
use super::super::events::Ev;
use super::super::fleet::St;
use super::{Offer, Target};
use crate::sim::trace::Observer;
use crate::sim::violations::intercept_time;

impl<O: Observer> Rep<'_, '_, O> {
    /// Every posture with an aircraft on alert that can intercept: (time of intercept, offer).
    /// The readiness of each is drawn here, one draw per posture on alert, in posture order.
    pub(super) fn qra_offers(&mut self, target: &Target) -> Vec<(f64, Offer)> {
        let mut offers = Vec::new();
        for q in 0..self.m.qra.len() {
            if self.alert.alert[q] == 0 {
                continue;
            }
            let d = &self.m.qra[q];
            let s = &self.m.squadrons[d.squadron];
            let Some((dash, dash_burn)) = s.dash else {
                continue;
            };
            let ready_h = d.readiness_min.sample(&mut self.alert.rng[q]) / 60.0;
            let target_then = target.now_xy + target.velocity * ready_h;
            let Some(tau) = intercept_time(target_then - s.base_xy, target.velocity, dash) else {
                continue;
            };
            if ready_h + tau > target.left_h {
                continue;
            }
            let meet = target_then + target.velocity * tau;
            let need = s.intercept_fuel_kg(tau, dash_burn, meet, target.shadow_mean_h);
            if s.fuel_kg < need {
                continue;
            }
            offers.push((
                self.now + ready_h + tau,
                Offer::Qra {
                    posture: q,
                    ready_h,
                },
            ));
        }
        offers
    }

    /// Posture `q` scrambles its element against violation `i`.
    pub(super) fn commit_qra(&mut self, i: usize, q: usize, ready_h: f64) {
        let scrambled = self.scramble(q);
        self.arrivals.viol[i].responders = scrambled;
        self.at(
            ready_h,
            Ev::ScrambleAirborne {
                violation: i as u32,
            },
        );
    }

    /// The scrambled element is airborne, dashing on a full tank; its failure clock runs.
    pub(in crate::sim::engine) fn scramble_airborne(&mut self, i: usize) {
        for k in 0..self.arrivals.viol[i].responders.len() {
            let a = self.arrivals.viol[i].responders[k];
            if self.fleet.ac[a].st != St::Scrambling {
                continue;
            }
            let sq = self.fleet.ac[a].sq;
            let s = &self.m.squadrons[sq];
            let x = &mut self.fleet.ac[a];
            x.sortie.airborne_since = self.now;
            x.fuel.fill(s.fuel_kg, self.now, 0.0);
            x.sortie.missiles = s.missiles;
            self.set_state(a, St::Dash);
            self.metrics.sortie(sq, self.now, self.m.warmup_h);
            self.arm_failure_clock(a);
            let base = self.base(a);
            self.trace(a, "airborne", base, None);
        }
    }
}
