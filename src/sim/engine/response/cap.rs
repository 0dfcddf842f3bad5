//! A fighter on CAP as a responder: it dashes from its station if it can meet the violator
//! before it turns back with the fuel to dash, shadow and get home. One fighter leaves the
//! element; the others hold the station.

use super::super::Rep;
use super::super::fleet::St;
use super::{Offer, Target};
use crate::sim::model::PostKind;
use crate::sim::trace::Observer;
use crate::sim::violations::intercept_time;

impl<O: Observer> Rep<'_, '_, O> {
    /// Every CAP fighter on station that can intercept: (time of intercept, offer), in the
    /// order of groups, then members before relief.
    pub(super) fn cap_offers(&self, target: &Target) -> Vec<(f64, Offer)> {
        let mut offers = Vec::new();
        for gr in &self.relief.groups {
            let p = gr.post;
            if !matches!(self.m.posts[p].kind, PostKind::Cap(_)) || self.posts.of[p].on_station == 0
            {
                continue;
            }
            let post_xy = self.m.posts[p].xy;
            for &a in gr.members.iter().chain(&gr.relief) {
                if self.fleet.ac[a].st != St::OnStation
                    || (target.shoot_down && self.fleet.ac[a].sortie.missiles == 0)
                {
                    continue;
                }
                let s = &self.m.squadrons[self.fleet.ac[a].sq];
                let Some((dash, dash_burn)) = s.dash else {
                    continue;
                };
                let Some(tau) = intercept_time(target.now_xy - post_xy, target.velocity, dash)
                else {
                    continue;
                };
                if tau > target.left_h {
                    continue;
                }
                let meet = target.now_xy + target.velocity * tau;
                let need = s.intercept_fuel_kg(tau, dash_burn, meet, target.shadow_mean_h);
                if self.fuel_now(a) < need {
                    continue;
                }
                offers.push((self.now + tau, Offer::Cap { ac: a }));
            }
        }
        offers
    }

    /// Fighter `a` leaves its station to intercept violation `i`.
    pub(super) fn commit_cap(&mut self, i: usize, a: usize) {
        let p = self.post_of(a);
        self.post_loses(p);
        self.set_state(a, St::Dash);
        self.cancel_station_timers(a);
        let pos = self.m.posts[p].position;
        self.trace(a, "scramble_from_cap", pos, None);
        self.arrivals.viol[i].responders.push(a);
    }
}
