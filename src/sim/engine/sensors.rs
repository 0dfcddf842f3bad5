//! Sensors: which are on (ground radars always, AEW while its orbit is manned), the share of the
//! front they cover, and when a violator is first seen.

use super::super::model::CoverGroup;
use super::super::violations::first_entry;
use super::Rep;
use crate::geo::coverage_radius_km;
use crate::sim::trace::Observer;
use nalgebra::Vector2;

impl<O: Observer> Rep<'_, '_, O> {
    /// Whether sensor `k` is on now.
    fn sensor_on(&self, k: usize) -> bool {
        self.m.sensors[k]
            .post
            .is_none_or(|p| self.posts.of[p].on_station > 0)
    }

    /// Brings the front coverage, low and high, up to date after a sensor came on or went off.
    pub(super) fn refresh_sensors(&mut self) {
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
        for k in 0..self.m.sensors.len() {
            if self.sensor_on(k) {
                on[k / 64] |= 1 << (k % 64);
            }
        }
        let frac = |groups: &[CoverGroup]| -> f64 {
            let covered: f64 = groups
                .iter()
                .filter(|g| g.seen_by(on))
                .map(|g| g.weight)
                .sum();
            // The weights summed in another order than their total can pass 1 by a rounding.
            (covered / self.m.sample_total).min(1.0)
        };
        let (low, high) = (frac(&self.m.cover_low), frac(&self.m.cover_high));
        let (w, e, now) = (self.m.warmup_h, self.end, self.now);
        self.metrics.front_low.set(now, low, w, e);
        self.metrics.front_high.set(now, high, w, e);
    }

    /// Hours from now until a violator starting at `start` with `velocity`, turning back after
    /// `window_h`, at `altitude_m`, enters the cover of a sensor on now (infinite if never); the
    /// sensors see it at `range_factor` of their instrumented range.
    pub(super) fn first_seen_h(
        &self,
        start: Vector2<f64>,
        velocity: Vector2<f64>,
        window_h: f64,
        (altitude_m, range_factor): (f64, f64),
    ) -> f64 {
        (0..self.m.sensors.len())
            .filter(|&k| self.sensor_on(k))
            .filter_map(|k| {
                let s = &self.m.sensors[k];
                let r = coverage_radius_km(s.range_km * range_factor, s.height_m, altitude_m);
                first_entry(start, velocity, window_h, s.xy, r)
            })
            .fold(f64::INFINITY, f64::min)
    }
}
