//! The alert: QRA postures, their aircraft on alert and being put on alert, and regeneration
//! from ready spares.

use super::super::model::Model;
use super::super::streams::{self, Process};
use super::Rep;
use super::events::Ev;
use super::fleet::{St, Timer};
use crate::sim::trace::Observer;
use rand::rngs::ChaCha8Rng;

/// Every QRA posture's alert.
pub(super) struct Alert {
    /// Aircraft on alert, per posture.
    pub alert: Vec<u32>,
    /// Aircraft being put on alert, per posture.
    pub regenerating: Vec<u32>,
    /// Readiness and regeneration draws, per posture.
    pub rng: Vec<ChaCha8Rng>,
}

impl Alert {
    pub(super) fn new(m: &Model, key: &[u8; 32]) -> Self {
        let n = m.qra.len();
        Alert {
            alert: vec![0; n],
            regenerating: vec![0; n],
            rng: (0..n)
                .map(|i| streams::stream(key, Process::Alert, i as u32))
                .collect(),
        }
    }

    /// Whether no posture has an aircraft on alert (false without postures).
    pub(super) fn none_on_alert(&self) -> bool {
        !self.alert.is_empty() && self.alert.iter().all(|&n| n == 0)
    }
}

impl<'m, O: Observer> Rep<'m, '_, O> {
    /// At the start, each posture takes its alert aircraft from the ready aircraft of its
    /// squadron.
    pub(super) fn start_alert(&mut self) {
        for q in 0..self.m.qra.len() {
            let sq = self.m.qra[q].squadron;
            for i in 0..self.fleet.of[sq].len() {
                let a = self.fleet.of[sq][i];
                if self.alert.alert[q] < self.m.qra[q].on_alert && self.fleet.ac[a].st == St::Ready
                {
                    self.set_state(a, St::Alert(q));
                    self.alert.alert[q] += 1;
                    let pos = self.base(a);
                    let name: &'m str = &self.m.qra[q].name;
                    self.trace(a, "on_alert", pos, Some(name));
                }
            }
            self.refresh_qra(q);
        }
    }

    /// Brings posture `q`'s coverage (and that of all postures) up to date.
    pub(super) fn refresh_qra(&mut self, q: usize) {
        let (w, e, now) = (self.m.warmup_h, self.end, self.now);
        let held = self.alert.alert[q] >= self.m.qra[q].on_alert;
        self.metrics.qra_held[q].set(now, f64::from(held), w, e);
        let all = self
            .alert
            .alert
            .iter()
            .zip(&self.m.qra)
            .all(|(&n, d)| n >= d.on_alert);
        self.metrics.all_qra.set(now, f64::from(all), w, e);
    }

    /// Puts ready aircraft `a` on the way to alert if a posture of its squadron is short; false
    /// if none is. It takes the posture's regeneration time, or its swap time when it replaces
    /// an alert aircraft that went unserviceable.
    pub(super) fn regenerate_with(&mut self, a: usize, swap: bool) -> bool {
        let sq = self.fleet.ac[a].sq;
        for q in 0..self.m.qra.len() {
            let d = &self.m.qra[q];
            if d.squadron == sq && self.alert.alert[q] + self.alert.regenerating[q] < d.on_alert {
                self.set_state(a, St::Regenerating(q));
                self.alert.regenerating[q] += 1;
                let time = if swap { &d.swap_min } else { &d.regenerate_min };
                let t = time.sample(&mut self.alert.rng[q]) / 60.0;
                let key = self.fleet.ac[a].timers.arm(Timer::Regen);
                self.at(t, Ev::RegenDone { ac: a as u32, key });
                return true;
            }
        }
        false
    }

    /// An aircraft being put on alert is on alert.
    pub(super) fn regen_done(&mut self, a: usize) {
        if let St::Regenerating(q) = self.fleet.ac[a].st {
            self.alert.regenerating[q] -= 1;
            self.set_state(a, St::Alert(q));
            self.alert.alert[q] += 1;
            self.refresh_qra(q);
            let base = self.base(a);
            let name: &'m str = &self.m.qra[q].name;
            self.trace(a, "on_alert", base, Some(name));
        }
    }

    /// Puts a ready spare of posture `q`'s squadron on the way to alert, if there is one: in
    /// its regeneration time after a launch, in its swap time (`swap`) after a breakdown.
    pub(super) fn regenerate(&mut self, q: usize, swap: bool) {
        if !self.m.qra[q].spares_regenerate {
            return;
        }
        let sq = self.m.qra[q].squadron;
        if let Some(a) = self.fleet.first_ready(sq)
            && !self.regenerate_with(a, swap)
        {
            self.assign(a);
        }
    }

    /// Ready aircraft `a` takes the alert of an aircraft of its squadron whose scheduled
    /// maintenance is waiting for a spare; false if none is.
    pub(super) fn relieve_for_maintenance(&mut self, a: usize) -> bool {
        let sq = self.fleet.ac[a].sq;
        let waiting = self.fleet.of[sq]
            .iter()
            .copied()
            .find(|&b| self.fleet.ac[b].wear.maintenance_due);
        let Some(b) = waiting else { return false };
        let St::Alert(q) = self.fleet.ac[b].st else {
            return false;
        };
        self.hand_alert_to(a, b, q);
        self.go_down(b);
        true
    }

    /// Aircraft `a` on alert or being put on alert goes down.
    pub(super) fn alert_aircraft_down(&mut self, a: usize) {
        match self.fleet.ac[a].st {
            St::Alert(q) => {
                self.set_state(a, St::Down);
                self.alert.alert[q] -= 1;
                self.refresh_qra(q);
                self.regenerate(q, true);
            }
            St::Regenerating(q) => {
                self.set_state(a, St::Down);
                self.alert.regenerating[q] -= 1;
                self.regenerate(q, true);
            }
            _ => {}
        }
    }

    /// Takes up to the scramble size of posture `q`'s aircraft off alert, and starts
    /// regenerating as many; the aircraft scrambled.
    pub(super) fn scramble(&mut self, q: usize) -> Vec<usize> {
        let sq = self.m.qra[q].squadron;
        let n = self.m.qra[q].scramble_size.min(self.alert.alert[q]);
        let scrambled: Vec<usize> = self.fleet.of[sq]
            .iter()
            .copied()
            .filter(|&a| self.fleet.ac[a].st == St::Alert(q))
            .take(n as usize)
            .collect();
        for &a in &scrambled {
            self.set_state(a, St::Scrambling);
            self.alert.alert[q] -= 1;
            let base = self.base(a);
            let name: &'m str = &self.m.qra[q].name;
            self.trace(a, "scramble", base, Some(name));
        }
        self.refresh_qra(q);
        for _ in 0..n {
            self.regenerate(q, false);
        }
        scrambled
    }
}
