//! A ground-based air-defence site as a responder: it fires once the violator is inside its range
//! and altitude band, after its reaction time. Each shot spends a missile and kills with the
//! site's probability; a miss orders the response again (the site again, if it has missiles, or
//! a fighter). A site with every missile spent reloads.

use super::super::Rep;
use super::super::arrivals::Outcome;
use super::super::events::Ev;
use super::{Offer, Target};
use crate::sim::model::Model;
use crate::sim::streams::{self, Process};
use crate::sim::trace::Observer;
use crate::sim::violations::first_entry;
use rand::RngExt;
use rand::rngs::ChaCha8Rng;

/// The sites' missiles and random streams.
pub(in crate::sim::engine) struct Sites {
    /// Missiles on hand, per site.
    left: Vec<u32>,
    rng: Vec<ChaCha8Rng>,
}

impl Sites {
    pub(in crate::sim::engine) fn new(m: &Model, key: &[u8; 32]) -> Self {
        let sites = m.violations.as_ref().map_or(&[][..], |v| &v.sites[..]);
        Sites {
            left: sites.iter().map(|s| s.missiles).collect(),
            rng: (0..sites.len())
                .map(|i| streams::stream(key, Process::AirDefence, i as u32))
                .collect(),
        }
    }
}

impl<O: Observer> Rep<'_, '_, O> {
    /// Every site with a missile on hand that can fire at the violator before it turns back:
    /// (time of the shot, offer).
    pub(super) fn site_offers(&self, target: &Target) -> Vec<(f64, Offer)> {
        let Some(v) = self.m.violations.as_ref() else {
            return Vec::new();
        };
        let mut offers = Vec::new();
        for (k, d) in v.sites.iter().enumerate() {
            if self.sites.left[k] == 0
                || target.altitude_m < d.min_alt_m
                || target.altitude_m > d.max_alt_m
            {
                continue;
            }
            // The first moment it is in range, no earlier than the site can react.
            let from = target.now_xy + target.velocity * d.reaction_h;
            let rest = target.left_h - d.reaction_h;
            if rest < 0.0 {
                continue;
            }
            if let Some(t) = first_entry(from, target.velocity, rest, d.xy, d.range_km) {
                offers.push((self.now + d.reaction_h + t, Offer::Site { site: k }));
            }
        }
        offers
    }

    /// Site `k` will fire at violation `i` `dt` hours from now.
    pub(super) fn commit_site(&mut self, i: usize, k: usize, dt: f64) {
        self.at(
            dt,
            Ev::SiteFires {
                violation: i as u32,
                site: k as u32,
            },
        );
    }

    /// Site `k` fires at violation `i`: a missile spent, a kill or a miss.
    pub(in crate::sim::engine) fn site_fires(&mut self, i: usize, k: usize) {
        let v = self.m.violations.as_ref().expect("violations exist");
        let d = &v.sites[k];
        let at = self.arrivals.viol[i].position_at(self.now);
        if self.sites.left[k] == 0 {
            // Spent on another violator meanwhile: order the response again.
            self.respond(i);
            return;
        }
        self.sites.left[k] -= 1;
        if self.sites.left[k] == 0 {
            self.at(d.reload_h, Ev::SiteReloaded { site: k as u32 });
        }
        if self.now >= self.m.warmup_h {
            self.metrics.site_shot(d.cost_per_shot);
        }
        if self.sites.rng[k].random::<f64>() < d.pk {
            let x = &mut self.arrivals.viol[i];
            x.by_site = true;
            x.meet = at;
            let t0 = x.t0;
            x.settle(Outcome::Intercepted(self.now - t0));
            self.trace_violation(i, "shot_down_by_air_defence", at);
        } else {
            self.trace_violation(i, "air_defence_missed", at);
            self.respond(i);
        }
    }

    /// Site `k` has its missiles again.
    pub(in crate::sim::engine) fn site_reloaded(&mut self, k: usize) {
        let v = self.m.violations.as_ref().expect("violations exist");
        self.sites.left[k] = v.sites[k].missiles;
    }
}
