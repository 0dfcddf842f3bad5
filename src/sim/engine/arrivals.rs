//! Arrivals: the violations of a replication, drawn up front from their own stream, and what
//! happens when each crosses the front.

use super::super::calendar::Hours;
use super::super::model::{Model, Stay};
use super::super::streams::{self, Process};
use super::super::trace::TraceEvent;
use super::super::violations::first_entry;
use super::events::Ev;
use super::{Rep, exp_draw};
use crate::sim::trace::Observer;
use nalgebra::Vector2;
use rand::RngExt;
use rand::rngs::ChaCha8Rng;

/// How a violation ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Outcome {
    Pending,
    Undetected,
    Unanswered,
    /// Intercepted this many hours after crossing.
    Intercepted(f64),
}

pub(super) struct Violation {
    pub t0: Hours,
    pub sector: usize,
    pub kind: usize,
    pub start: Vector2<f64>,
    pub velocity: Vector2<f64>,
    /// Hours from the crossing until it turns back.
    pub window_h: f64,
    pub outcome: Outcome,
    /// Found no aircraft on alert when the response was ordered.
    pub no_alert: bool,
    pub responders: Vec<usize>,
    pub meet: Vector2<f64>,
    /// Hours from the crossing until it first comes within each defended point's radius
    /// (infinite when it never does), in the order of the scenario's defended points; empty
    /// when there are none.
    pub reach_h: Vec<f64>,
    /// The raid it came with (an index into [`Arrivals::raids`]), if any.
    pub raid: Option<usize>,
    /// A decoy: met like the others, not a leaker when it is not.
    pub decoy: bool,
    /// Shot down by this air-defence site or team rather than met by a fighter.
    pub by_site: Option<u32>,
}

impl Violation {
    /// Where the violator is at `t`.
    pub(super) fn position_at(&self, t: Hours) -> Vector2<f64> {
        self.start + self.velocity * (t - self.t0)
    }

    /// Hours from the crossing until it first comes within any defended point's radius
    /// (infinite when it never does).
    pub(super) fn first_reach_h(&self) -> f64 {
        self.reach_h.iter().copied().fold(f64::INFINITY, f64::min)
    }

    /// Whether it was intercepted no later than `by_h` hours after crossing.
    pub(super) fn stopped_by(&self, by_h: f64) -> bool {
        matches!(self.outcome, Outcome::Intercepted(t) if t <= by_h + 1e-12)
    }

    /// Whether it was intercepted (met by a fighter or shot down by a site).
    pub(super) fn intercepted(&self) -> bool {
        matches!(self.outcome, Outcome::Intercepted(_))
    }

    /// Whether it was shot down: by a site, or met by a fighter when its type is shot down and
    /// it is not a decoy.
    pub(super) fn shot_down(&self, shoot_down_type: bool) -> bool {
        self.intercepted() && (self.by_site.is_some() || (shoot_down_type && !self.decoy))
    }

    /// Records the outcome; a violation has exactly one.
    pub(super) fn settle(&mut self, outcome: Outcome) {
        debug_assert!(
            self.outcome == Outcome::Pending,
            "violation crossing at {} h answered twice",
            self.t0
        );
        self.outcome = outcome;
    }
}

/// The violations of a replication and their random stream.
pub(super) struct Arrivals {
    pub viol: Vec<Violation>,
    pub rng: Option<ChaCha8Rng>,
    /// The start of each raid of the replication, hours.
    pub raids: Vec<f64>,
    /// The replication's key, for the raids' streams.
    key: [u8; 32],
}

impl Arrivals {
    pub(super) fn new(m: &Model, key: &[u8; 32]) -> Self {
        Arrivals {
            viol: Vec::new(),
            raids: Vec::new(),
            key: *key,
            rng: m
                .violations
                .as_ref()
                .map(|_| streams::stream(key, Process::Violations, 0)),
        }
    }

    /// The violation stream (there is one whenever violations are modelled).
    pub(super) fn rng(&mut self) -> &mut ChaCha8Rng {
        self.rng.as_mut().expect("a violation stream")
    }
}

impl<O: Observer> Rep<'_, '_, O> {
    /// Draws every violation of the replication up front (thinning a Poisson process at the
    /// peak rate), then the raids from their own streams, and schedules each crossing.
    pub(super) fn generate_violations(&mut self) {
        let (Some(v), Some(mut rng)) = (self.m.violations.as_ref(), self.arrivals.rng.take())
        else {
            return;
        };
        let peak = v.rate_per_h * v.peak;
        let mut t = 0.0;
        while peak > 0.0 && t < self.end {
            t += exp_draw(&mut rng, 1.0 / peak);
            if t >= self.end {
                break;
            }
            if rng.random::<f64>() * peak >= v.rate_at(t) {
                continue;
            }
            let u: f64 = rng.random();
            let sector = v
                .sector_cum
                .iter()
                .position(|&c| u < c)
                .unwrap_or(v.sector_cum.len() - 1);
            let (a, b) = v.sectors[sector];
            let along = a + rng.random::<f64>() * (b - a);
            let u: f64 = rng.random();
            let kind = v
                .types
                .iter()
                .position(|k| u < k.cum_share)
                .unwrap_or(v.types.len() - 1);
            let x = self.violation(&mut rng, t, sector, along, kind);
            self.arrivals.viol.push(x);
        }
        self.generate_raids();
        for i in 0..self.arrivals.viol.len() {
            let t0 = self.arrivals.viol[i].t0;
            self.at_time(
                t0,
                Ev::Cross {
                    violation: i as u32,
                },
            );
        }
        self.arrivals.rng = Some(rng);
    }

    /// The raids of the replication, each from its own stream: the starts (fixed, then Poisson
    /// at `per_h`), and for each start its size and its members' crossings, types and decoys.
    fn generate_raids(&mut self) {
        let Some(v) = self.m.violations.as_ref() else {
            return;
        };
        for (r, raid) in v.raids.iter().enumerate() {
            let mut rng = streams::stream(&self.arrivals.key, Process::Raids, r as u32);
            let mut starts: Vec<f64> = raid
                .at_h
                .iter()
                .copied()
                .filter(|&t| t < self.end)
                .collect();
            let mut t = 0.0;
            while raid.per_h > 0.0 && t < self.end {
                t += exp_draw(&mut rng, 1.0 / raid.per_h);
                if t >= self.end {
                    break;
                }
                starts.push(t);
            }
            for start in starts {
                let instance = self.arrivals.raids.len();
                self.arrivals.raids.push(start);
                let n = raid.count.sample(&mut rng).round().max(1.0) as usize;
                for _ in 0..n {
                    let t0 = start + rng.random::<f64>() * raid.window_h;
                    let along = raid.from_km + rng.random::<f64>() * (raid.to_km - raid.from_km);
                    let decoy = rng.random::<f64>() < raid.decoy_share;
                    if t0 >= self.end {
                        continue;
                    }
                    let sector = v
                        .sectors
                        .iter()
                        .position(|&(_, b)| along < b)
                        .unwrap_or(v.sectors.len() - 1);
                    let mut x = self.violation(&mut rng, t0, sector, along, raid.kind);
                    x.raid = Some(instance);
                    x.decoy = decoy;
                    self.arrivals.viol.push(x);
                }
            }
        }
    }

    /// A violator of type `kind` crossing at `along` km at time `t`: its heading (perpendicular
    /// or toward one of its points, with its spread), its stay and when it would reach each
    /// defended point.
    fn violation(
        &self,
        rng: &mut ChaCha8Rng,
        t: f64,
        sector: usize,
        along: f64,
        kind: usize,
    ) -> Violation {
        let v = self.m.violations.as_ref().expect("violations exist");
        let k = &v.types[kind];
        let start = self.m.front_plane_at(along);
        let spread = (2.0 * rng.random::<f64>() - 1.0) * k.spread_deg.to_radians();
        let base_dir = if k.toward.is_empty() {
            self.m.front.inward_normal(along)
        } else {
            let target =
                k.toward[(rng.random::<f64>() * k.toward.len() as f64) as usize % k.toward.len()];
            let d = target - start;
            if d.norm() > 0.0 {
                d.normalize()
            } else {
                self.m.front.inward_normal(along)
            }
        };
        let (sn, cs) = spread.sin_cos();
        let dir = Vector2::new(
            base_dir.x * cs - base_dir.y * sn,
            base_dir.x * sn + base_dir.y * cs,
        );
        let window_h = match &k.stay {
            Stay::Penetration(km) => km / k.speed_kmh,
            Stay::Dwell(d) => d.sample(rng) / 60.0,
        };
        let velocity = dir * k.speed_kmh;
        // Straight in and back along the same line: the inbound leg is the nearest approach.
        let reach_h = v
            .defended
            .iter()
            .map(|d| {
                first_entry(start, velocity, window_h, d.xy, d.radius_km).unwrap_or(f64::INFINITY)
            })
            .collect();
        Violation {
            t0: t,
            sector,
            kind,
            start,
            velocity,
            window_h,
            outcome: Outcome::Pending,
            no_alert: false,
            responders: Vec::new(),
            meet: start,
            reach_h,
            raid: None,
            decoy: false,
            by_site: None,
        }
    }

    pub(super) fn trace_violation(&mut self, i: usize, event: &'static str, at: Vector2<f64>) {
        self.trace_violation_task(i, event, at, None);
    }

    /// [`Self::trace_violation`] naming a task: the raid a violator came with, the site that
    /// fired.
    pub(super) fn trace_violation_task(
        &mut self,
        i: usize,
        event: &'static str,
        at: Vector2<f64>,
        task: Option<&str>,
    ) {
        if !O::RECORDS {
            return;
        }
        let position = self.m.front.projection().inverse(&at);
        self.obs.event(&TraceEvent {
            time_h: self.now,
            squadron: "violation",
            tail: i,
            event,
            position,
            fuel_kg: 0.0,
            task,
        });
    }

    /// The violator crosses the front: find when it is first seen.
    pub(super) fn cross(&mut self, i: usize) {
        let v = self.m.violations.as_ref().expect("violations exist");
        let x = &self.arrivals.viol[i];
        let k = &v.types[x.kind];
        let seen = self.first_seen_h(
            x.start,
            x.velocity,
            x.window_h,
            (k.altitude_m, k.range_factor),
        );
        let start = x.start;
        if O::RECORDS
            && let Some(r) = x.raid
        {
            // Which raid, and whether a decoy: for the report's raid timeline.
            let role = if x.decoy { "decoy" } else { "member" };
            let task = format!("raid {} {role}", r + 1);
            self.trace_violation_task(i, "violation_crosses", start, Some(&task));
        } else {
            self.trace_violation(i, "violation_crosses", start);
        }
        if seen.is_finite() {
            let c2 = v.c2_min.sample(self.arrivals.rng()) / 60.0;
            self.at(
                seen + c2,
                Ev::Respond {
                    violation: i as u32,
                },
            );
        } else {
            self.arrivals.viol[i].settle(Outcome::Undetected);
            self.trace_violation(i, "undetected", start);
        }
    }
}
