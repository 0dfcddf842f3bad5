//! A ground-based air-defence site as a responder: it fires once the violator is inside its range
//! and altitude band, after its reaction time. Each shot spends a missile and kills with the
//! site's probability; a miss orders the response again (the site again, if it has missiles, or
//! a fighter). A site with every missile spent reloads.
//!
//! A site with a speed is a moving team (a mobile fire group, a helicopter): after its reaction
//! time it sets off toward the violator and fires when it has it within its range, then comes
//! back; it takes one violator at a time, only if the whole trip fits its endurance, and reloads
//! at its base. Any site may be kept from engaging by the weather, in spells that alternate at
//! random (exponential lengths whose means give the grounded share).

use super::super::arrivals::Outcome;
use super::super::events::Ev;
use super::super::{Rep, exp_draw};
use super::{Offer, Target};
use crate::sim::model::Model;
use crate::sim::streams::{self, Process};
use crate::sim::trace::Observer;
use crate::sim::violations::first_reach;
use nalgebra::Vector2;
use rand::RngExt;
use rand::rngs::ChaCha8Rng;

/// The sites' missiles, movements, weather and random streams.
pub(in crate::sim::engine) struct Sites {
    /// Missiles on hand, per site.
    left: Vec<u32>,
    /// A moving team away from its base.
    away: Vec<bool>,
    /// Kept from engaging by the weather.
    grounded: Vec<bool>,
    rng: Vec<ChaCha8Rng>,
    weather_rng: Vec<ChaCha8Rng>,
}

impl Sites {
    pub(in crate::sim::engine) fn new(m: &Model, key: &[u8; 32]) -> Self {
        let sites = m.violations.as_ref().map_or(&[][..], |v| &v.sites[..]);
        Sites {
            left: sites.iter().map(|s| s.missiles).collect(),
            away: vec![false; sites.len()],
            grounded: vec![false; sites.len()],
            rng: (0..sites.len())
                .map(|i| streams::stream(key, Process::AirDefence, i as u32))
                .collect(),
            weather_rng: (0..sites.len())
                .map(|i| streams::stream(key, Process::Weather, i as u32))
                .collect(),
        }
    }
}

/// Where a moving team fires from and how long it then takes to get home: the point short of
/// the violator by its range, on the line from its base.
fn leg_home_h(base: Vector2<f64>, at: Vector2<f64>, range_km: f64, speed_kmh: f64) -> f64 {
    ((at - base).norm() - range_km).max(0.0) / speed_kmh
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
                || self.sites.away[k]
                || self.sites.grounded[k]
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
            let Some(t) = first_reach(from, target.velocity, rest, d.xy, d.range_km, d.speed_kmh)
            else {
                continue;
            };
            if d.speed_kmh > 0.0 {
                // There (and any wait) and back within its endurance.
                let at = from + target.velocity * t;
                if t + leg_home_h(d.xy, at, d.range_km, d.speed_kmh) > d.endurance_h {
                    continue;
                }
            }
            offers.push((self.now + d.reaction_h + t, Offer::Site { site: k }));
        }
        offers
    }

    /// Site `k` will fire at violation `i` `dt` hours from now.
    pub(super) fn commit_site(&mut self, i: usize, k: usize, dt: f64) {
        let v = self.m.violations.as_ref().expect("violations exist");
        if v.sites[k].speed_kmh > 0.0 {
            self.sites.away[k] = true;
        }
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
        // A moving team goes home at once and reloads there.
        let home_h = if d.speed_kmh > 0.0 {
            let h = leg_home_h(d.xy, at, d.range_km, d.speed_kmh);
            self.at(h, Ev::SiteHome { site: k as u32 });
            h
        } else {
            0.0
        };
        if self.sites.left[k] == 0 {
            self.at(home_h + d.reload_h, Ev::SiteReloaded { site: k as u32 });
        }
        if self.now >= self.m.warmup_h {
            self.metrics.site_shot(d.cost_per_shot);
        }
        if self.sites.rng[k].random::<f64>() < d.pk {
            let x = &mut self.arrivals.viol[i];
            x.by_site = Some(k as u32);
            x.meet = at;
            let t0 = x.t0;
            x.settle(Outcome::Intercepted(self.now - t0));
            let name = &self.m.violations.as_ref().expect("violations exist").sites[k].name;
            self.trace_violation_task(i, "shot_down_by_air_defence", at, Some(name));
        } else {
            self.trace_violation(i, "air_defence_missed", at);
            self.respond(i);
        }
    }

    /// Moving team `k` is back at its base.
    pub(in crate::sim::engine) fn site_home(&mut self, k: usize) {
        self.sites.away[k] = false;
    }

    /// The weather of every site that has any: its first state drawn from the grounded share,
    /// and the end of that spell.
    pub(in crate::sim::engine) fn start_weather(&mut self) {
        let Some(v) = self.m.violations.as_ref() else {
            return;
        };
        for (k, d) in v.sites.iter().enumerate() {
            let Some((up, down)) = d.weather else {
                continue;
            };
            let grounded = self.sites.weather_rng[k].random::<f64>() < down / (up + down);
            self.weather_spell(k, grounded);
        }
    }

    /// Site `k`'s weather changes: grounded becomes fit to engage and back.
    pub(in crate::sim::engine) fn site_weather(&mut self, k: usize) {
        self.weather_spell(k, !self.sites.grounded[k]);
    }

    /// Site `k` starts a spell, grounded or not, of an exponential length about its mean.
    fn weather_spell(&mut self, k: usize, grounded: bool) {
        let v = self.m.violations.as_ref().expect("violations exist");
        let (up, down) = v.sites[k].weather.expect("a site with weather");
        self.sites.grounded[k] = grounded;
        let mean = if grounded { down } else { up };
        let spell = exp_draw(&mut self.sites.weather_rng[k], mean);
        self.at(spell, Ev::SiteWeather { site: k as u32 });
    }

    /// Site `k` has its missiles again.
    pub(in crate::sim::engine) fn site_reloaded(&mut self, k: usize) {
        let v = self.m.violations.as_ref().expect("violations exist");
        self.sites.left[k] = v.sites[k].missiles;
    }
}
