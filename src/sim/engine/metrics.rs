//! Metrics: the time-weighted integrators and counters of a replication, and its row, evaluated
//! from the scenario's metric table (each name beside what it measures).

use super::super::calendar::Hours;
use super::super::metrics::{Metric, RepMetrics, TimeWeighted, quantile};
use super::super::model::{Model, PostKind};
use super::Rep;
use super::arrivals::{Outcome, Violation};
use crate::sim::trace::Observer;

/// One-minute bins of the response-time histogram; the last bin holds everything longer.
pub const RESPONSE_BINS: usize = 240;

/// What a replication measures as it goes.
pub(super) struct Metrics {
    pub all_cap: TimeWeighted,
    pub cap_presence: TimeWeighted,
    pub all_aew: TimeWeighted,
    pub all_tanker: TimeWeighted,
    pub all_qra: TimeWeighted,
    pub front_low: TimeWeighted,
    pub front_high: TimeWeighted,
    /// Per post: its required count on it while required.
    pub post_full: Vec<TimeWeighted>,
    /// Per post: at least one aircraft on it while required.
    pub post_present: Vec<TimeWeighted>,
    /// Per post: whether it is required.
    pub post_required: Vec<TimeWeighted>,
    /// Per QRA posture: its alert count held.
    pub qra_held: Vec<TimeWeighted>,
    /// Per squadron: aircraft mission capable.
    pub capable: Vec<TimeWeighted>,
    /// Per squadron, after the warm-up.
    pub sorties: Vec<f64>,
    pub flight_h: Vec<f64>,
    /// Per post (tanker tracks), fuel given after the warm-up, kg.
    pub offloaded_kg: Vec<f64>,
    /// Shots of the air-defence sites after the warm-up.
    pub site_shots: f64,
    /// Cost of the weapons spent after the warm-up (sites and fighters), US dollars.
    pub weapons_usd: f64,
    /// Events processed.
    pub events: u64,
}

impl Metrics {
    pub(super) fn new(m: &Model) -> Self {
        let n_sq = m.squadrons.len();
        Metrics {
            all_cap: TimeWeighted::new(0.0),
            cap_presence: TimeWeighted::new(0.0),
            all_aew: TimeWeighted::new(0.0),
            all_tanker: TimeWeighted::new(0.0),
            all_qra: TimeWeighted::new(0.0),
            front_low: TimeWeighted::new(0.0),
            front_high: TimeWeighted::new(0.0),
            post_full: vec![TimeWeighted::new(0.0); m.posts.len()],
            post_present: vec![TimeWeighted::new(0.0); m.posts.len()],
            post_required: m
                .posts
                .iter()
                .map(|p| TimeWeighted::new(if p.required_at(0.0) { 1.0 } else { 0.0 }))
                .collect(),
            qra_held: vec![TimeWeighted::new(0.0); m.qra.len()],
            capable: m
                .squadrons
                .iter()
                .map(|s| TimeWeighted::new(f64::from(s.count)))
                .collect(),
            sorties: vec![0.0; n_sq],
            flight_h: vec![0.0; n_sq],
            offloaded_kg: vec![0.0; m.posts.len()],
            site_shots: 0.0,
            weapons_usd: 0.0,
            events: 0,
        }
    }

    /// Counts a site's shot (after the warm-up) and its cost.
    pub(super) fn site_shot(&mut self, cost_usd: f64) {
        self.site_shots += 1.0;
        self.weapon_spent(cost_usd);
    }

    /// Counts the cost of a weapon spent after the warm-up, a site's or a fighter's.
    pub(super) fn weapon_spent(&mut self, cost_usd: f64) {
        self.weapons_usd += cost_usd;
    }

    /// Counts a wheels-up of squadron `sq` at `now`.
    pub(super) fn sortie(&mut self, sq: usize, now: Hours, warmup: Hours) {
        if now >= warmup {
            self.sorties[sq] += 1.0;
        }
    }

    /// Counts the flight hours of `[from, to]` after the warm-up and before the end.
    pub(super) fn flown(&mut self, sq: usize, from: Hours, to: Hours, warmup: Hours, end: Hours) {
        let counted = to.min(end) - from.max(warmup);
        if counted > 0.0 {
            self.flight_h[sq] += counted;
        }
    }

    /// Closes every integrator at the end.
    fn close(&mut self, w: Hours, e: Hours) {
        for t in [
            &mut self.all_cap,
            &mut self.cap_presence,
            &mut self.all_aew,
            &mut self.all_tanker,
            &mut self.all_qra,
            &mut self.front_low,
            &mut self.front_high,
        ] {
            t.close(e, w, e);
        }
        for p in 0..self.post_full.len() {
            self.post_full[p].close(e, w, e);
            self.post_present[p].close(e, w, e);
            self.post_required[p].close(e, w, e);
        }
        for q in &mut self.qra_held {
            q.close(e, w, e);
        }
        for c in &mut self.capable {
            c.close(e, w, e);
        }
    }

    /// Coverage of post `p` over the time it is required (1 when never required).
    fn post_coverage(&self, p: usize) -> f64 {
        self.of_required(p, &self.post_full[p])
    }

    /// Presence on post `p` (at least one aircraft) over the time it is required (1 when never
    /// required), as [`Metrics::post_coverage`].
    fn post_presence(&self, p: usize) -> f64 {
        self.of_required(p, &self.post_present[p])
    }

    /// `held`'s integral as a fraction of the time post `p` is required (1 when never required).
    fn of_required(&self, p: usize, held: &TimeWeighted) -> f64 {
        let req = self.post_required[p].integral();
        if req > 0.0 {
            held.integral() / req
        } else {
            1.0
        }
    }

    /// The lowest of `f` over the CAP stations (1 without stations).
    fn worst_station(&self, m: &Model, f: impl Fn(usize) -> f64) -> f64 {
        m.posts
            .iter()
            .enumerate()
            .filter(|(_, d)| matches!(d.kind, PostKind::Cap(_)))
            .map(|(p, _)| f(p))
            .fold(1.0, f64::min)
    }
}

/// The violations that count (crossed after the warm-up) and their intercepts.
struct Counted<'v> {
    all: Vec<&'v Violation>,
    /// Minutes from crossing to intercept, sorted.
    times: Vec<f64>,
    target_h: Option<f64>,
}

impl Counted<'_> {
    fn within(&self, x: &Violation) -> bool {
        matches!(x.outcome, Outcome::Intercepted(t) if self.target_h.is_some_and(|g| t <= g + 1e-12))
    }

    /// The fraction of `of` for which `test` holds; NaN when `of` is empty.
    fn frac(of: &[&Violation], test: impl Fn(&Violation) -> bool) -> f64 {
        let c = of.iter().filter(|x| test(x)).count();
        if of.is_empty() {
            f64::NAN
        } else {
            c as f64 / of.len() as f64
        }
    }

    fn raid_members(&self) -> Vec<&Violation> {
        self.all
            .iter()
            .copied()
            .filter(|x| x.raid.is_some())
            .collect()
    }

    fn sector(&self, k: usize) -> Vec<&Violation> {
        self.all.iter().copied().filter(|x| x.sector == k).collect()
    }
}

fn mean(v: &[f64]) -> f64 {
    if v.is_empty() {
        f64::NAN
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}

fn minutes(v: &Violation) -> Option<f64> {
    match v.outcome {
        Outcome::Intercepted(t) => Some(t * 60.0),
        _ => None,
    }
}

impl<O: Observer> Rep<'_, '_, O> {
    /// The replication's row, one value per entry of the metric table.
    pub(super) fn finish(mut self, rep: u64) -> RepMetrics {
        let (w, e) = (self.m.warmup_h, self.end);
        let span = e - w;
        let days = span / 24.0;
        // Aircraft still flying at the end count their flight hours up to the end.
        for x in &self.fleet.ac {
            if x.st.airborne() {
                self.metrics.flown(x.sq, x.sortie.airborne_since, e, w, e);
            }
        }
        self.metrics.close(w, e);
        let mt = &self.metrics;
        let counted = self.m.violations.as_ref().map(|vd| {
            let all: Vec<&Violation> = self.arrivals.viol.iter().filter(|x| x.t0 >= w).collect();
            let mut times: Vec<f64> = all.iter().filter_map(|x| minutes(x)).collect();
            times.sort_by(f64::total_cmp);
            Counted {
                all,
                times,
                target_h: vd.target_h,
            }
        });
        let c = || counted.as_ref().expect("violation metrics need violations");
        // Shot down, by a site or by a fighter when its type is shot down (decoys aside).
        let shot_down = |x: &Violation| {
            let v = self.m.violations.as_ref().expect("violations exist");
            x.shot_down(v.types[x.kind].shoot_down)
        };
        let values: Vec<f64> = self
            .m
            .metrics
            .metrics
            .iter()
            .map(|metric| match *metric {
                Metric::AllCap => mt.all_cap.integral() / span,
                Metric::CapPresence => mt.cap_presence.integral() / span,
                Metric::Post(p) => mt.post_coverage(p),
                Metric::StationPresence(p) => mt.post_presence(p),
                Metric::WorstStationCoverage => mt.worst_station(self.m, |p| mt.post_coverage(p)),
                Metric::WorstStationPresence => mt.worst_station(self.m, |p| mt.post_presence(p)),
                Metric::AllAew => mt.all_aew.integral() / span,
                Metric::FrontLow => mt.front_low.integral() / span,
                Metric::FrontHigh => mt.front_high.integral() / span,
                Metric::AllTanker => mt.all_tanker.integral() / span,
                Metric::Offloaded(p) => mt.offloaded_kg[p] / 1000.0 / days,
                Metric::AllQra => mt.all_qra.integral() / span,
                Metric::Qra(q) => mt.qra_held[q].integral() / span,
                Metric::ViolationsPerDay => c().all.len() as f64 / days,
                Metric::Undetected => Counted::frac(&c().all, |x| x.outcome == Outcome::Undetected),
                Metric::Unanswered => Counted::frac(&c().all, |x| x.outcome == Outcome::Unanswered),
                Metric::WithinTarget => Counted::frac(&c().all, |x| c().within(x)),
                Metric::ResponseMean => mean(&c().times),
                Metric::ResponseQuantile(q) => quantile(&c().times, q),
                Metric::QraUnavailable => {
                    let answered: Vec<&Violation> = c()
                        .all
                        .iter()
                        .copied()
                        .filter(|x| x.outcome != Outcome::Undetected)
                        .collect();
                    Counted::frac(&answered, |x| x.no_alert)
                }
                Metric::SectorViolations(k) => c().sector(k).len() as f64 / days,
                Metric::SectorUnanswered(k) => Counted::frac(&c().sector(k), |x| {
                    x.outcome != Outcome::Pending && !x.intercepted()
                }),
                Metric::SectorWithinTarget(k) => Counted::frac(&c().sector(k), |x| c().within(x)),
                Metric::SectorResponseMean(k) => {
                    let t: Vec<f64> = c().sector(k).iter().filter_map(|x| minutes(x)).collect();
                    mean(&t)
                }
                Metric::PointsDefended => {
                    let threats: Vec<&Violation> = c()
                        .all
                        .iter()
                        .copied()
                        .filter(|x| x.first_reach_h().is_finite())
                        .collect();
                    Counted::frac(&threats, |x| x.stopped_by(x.first_reach_h()))
                }
                Metric::PointsReached => {
                    let reached = c().all.iter().filter(|x| {
                        x.first_reach_h().is_finite() && !x.stopped_by(x.first_reach_h())
                    });
                    reached.count() as f64 / days
                }
                Metric::PointDefended(k) => {
                    let threats: Vec<&Violation> = c()
                        .all
                        .iter()
                        .copied()
                        .filter(|x| x.reach_h[k].is_finite())
                        .collect();
                    Counted::frac(&threats, |x| x.stopped_by(x.reach_h[k]))
                }
                Metric::PointThreats(k) => {
                    c().all.iter().filter(|x| x.reach_h[k].is_finite()).count() as f64 / days
                }
                Metric::RaidEngaged => Counted::frac(&c().raid_members(), |x| x.intercepted()),
                Metric::ShotDown => c().all.iter().filter(|x| shot_down(x)).count() as f64 / days,
                Metric::RaidShotDown => Counted::frac(&c().raid_members(), |x| shot_down(x)),
                Metric::RaidLeakDepth => {
                    let depths: Vec<f64> = c()
                        .all
                        .iter()
                        .filter(|x| x.raid.is_some() && !x.decoy)
                        .filter(|x| !x.intercepted())
                        .map(|x| x.velocity.norm() * x.window_h)
                        .collect();
                    mean(&depths)
                }
                Metric::RaidLeakers => {
                    let counted = |r: usize| self.arrivals.raids[r] >= w;
                    let raids = (0..self.arrivals.raids.len())
                        .filter(|&r| counted(r))
                        .count();
                    let leakers = self
                        .arrivals
                        .viol
                        .iter()
                        .filter(|x| x.raid.is_some_and(counted) && !x.decoy)
                        .filter(|x| !x.intercepted())
                        .count();
                    if raids == 0 {
                        f64::NAN
                    } else {
                        leakers as f64 / raids as f64
                    }
                }
                Metric::SiteShare => {
                    let engaged: Vec<&Violation> = c()
                        .all
                        .iter()
                        .copied()
                        .filter(|x| x.intercepted())
                        .collect();
                    Counted::frac(&engaged, |x| x.by_site.is_some())
                }
                Metric::SiteShots => mt.site_shots / days,
                Metric::KillShare(site) => {
                    let kills: Vec<&Violation> =
                        c().all.iter().copied().filter(|x| shot_down(x)).collect();
                    Counted::frac(&kills, |x| x.by_site.map(|k| k as usize) == site)
                }
                Metric::WeaponsCost => mt.weapons_usd / days,
                Metric::CostPerKill => {
                    let kills = c().all.iter().filter(|x| shot_down(x)).count();
                    if kills == 0 {
                        f64::NAN
                    } else {
                        mt.weapons_usd / kills as f64
                    }
                }
                Metric::Sorties => mt.sorties.iter().sum::<f64>() / days,
                Metric::FlightHours => mt.flight_h.iter().sum::<f64>() / days,
                Metric::SquadronSorties(q) => mt.sorties[q] / days,
                Metric::SquadronFlightHours(q) => mt.flight_h[q] / days,
                Metric::McRate(q) => {
                    let count = self.m.squadrons[q].count;
                    if count > 0 {
                        mt.capable[q].integral() / (f64::from(count) * span)
                    } else {
                        0.0
                    }
                }
            })
            .collect();
        let hist = counted.as_ref().map_or_else(Vec::new, |c| {
            let mut hist = vec![0u64; RESPONSE_BINS + 1];
            for t in &c.times {
                hist[(*t as usize).min(RESPONSE_BINS)] += 1;
            }
            hist
        });
        RepMetrics {
            replication: rep,
            values,
            events: self.metrics.events,
            response_hist: hist,
        }
    }
}
