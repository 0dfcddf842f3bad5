//! The metric table: each metric's name beside what it measures, in row order.

use super::{Model, PostDef, PostKind};
use crate::sim::metrics::{Metric, MetricTable};

impl Model {
    fn posts_of(&self, f: impl Fn(PostKind) -> bool) -> impl Iterator<Item = (usize, &PostDef)> {
        self.posts
            .iter()
            .enumerate()
            .filter(move |(_, p)| f(p.kind))
    }

    /// The metrics of this scenario, each name beside what it measures, in row order.
    pub(super) fn metric_table(&self) -> MetricTable {
        let mut t = MetricTable::default();
        let is_cap = |k| matches!(k, PostKind::Cap(_));
        let is_tanker = |k| matches!(k, PostKind::Tanker(_));
        let is_aew = |k| matches!(k, PostKind::Aew(_));
        if self.posts_of(is_cap).next().is_some() {
            t.push("cap_coverage", Metric::AllCap);
            t.push("cap_presence", Metric::CapPresence);
            t.push("worst_station_coverage", Metric::WorstStationCoverage);
            t.push("worst_station_presence", Metric::WorstStationPresence);
            for (i, p) in self.posts_of(is_cap) {
                t.push(format!("station_coverage[{}]", p.name), Metric::Post(i));
            }
            for (i, p) in self.posts_of(is_cap) {
                t.push(
                    format!("station_presence[{}]", p.name),
                    Metric::StationPresence(i),
                );
            }
        }
        if self.posts_of(is_aew).next().is_some() {
            t.push("aew_coverage", Metric::AllAew);
            for (i, p) in self.posts_of(is_aew) {
                t.push(format!("aew_coverage[{}]", p.name), Metric::Post(i));
            }
        }
        if !self.sensors.is_empty() {
            t.push("front_coverage_low", Metric::FrontLow);
            t.push("front_coverage_high", Metric::FrontHigh);
        }
        if self.posts_of(is_tanker).next().is_some() {
            t.push("tanker_coverage", Metric::AllTanker);
            for (i, p) in self.posts_of(is_tanker) {
                t.push(format!("tanker_coverage[{}]", p.name), Metric::Post(i));
            }
            for (i, p) in self.posts_of(is_tanker) {
                t.push(
                    format!("fuel_offloaded_t_per_day[{}]", p.name),
                    Metric::Offloaded(i),
                );
            }
        }
        if !self.qra.is_empty() {
            t.push("qra_coverage", Metric::AllQra);
            for (q, d) in self.qra.iter().enumerate() {
                t.push(format!("qra_coverage[{}]", d.name), Metric::Qra(q));
            }
        }
        if let Some(v) = &self.violations {
            t.push("violations_per_day", Metric::ViolationsPerDay);
            t.push("undetected_fraction", Metric::Undetected);
            t.push("unanswered_fraction", Metric::Unanswered);
            if v.target_h.is_some() {
                t.push("intercept_within_target", Metric::WithinTarget);
            }
            t.push("response_time_mean", Metric::ResponseMean);
            for (name, q) in [("p50", 0.5), ("p90", 0.9), ("p99", 0.99)] {
                t.push(format!("response_time_{name}"), Metric::ResponseQuantile(q));
            }
            if !self.qra.is_empty() {
                t.push("qra_unavailable_fraction", Metric::QraUnavailable);
            }
            if !v.defended.is_empty() {
                t.push("points_defended", Metric::PointsDefended);
                t.push("points_reached_per_day", Metric::PointsReached);
                for (k, d) in v.defended.iter().enumerate() {
                    t.push(
                        format!("point_defended[{}]", d.name),
                        Metric::PointDefended(k),
                    );
                }
                for (k, d) in v.defended.iter().enumerate() {
                    t.push(
                        format!("point_threats_per_day[{}]", d.name),
                        Metric::PointThreats(k),
                    );
                }
            }
            if !v.sites.is_empty() {
                t.push("engaged_by_air_defence_fraction", Metric::SiteShare);
                t.push("air_defence_shots_per_day", Metric::SiteShots);
                t.push("kill_share[fighters]", Metric::KillShare(None));
                for (k, d) in v.sites.iter().enumerate() {
                    t.push(
                        format!("kill_share[{}]", d.name),
                        Metric::KillShare(Some(k)),
                    );
                }
            }
            if !v.sites.is_empty() || v.types.iter().any(|k| k.shoot_down) {
                t.push("shot_down_per_day", Metric::ShotDown);
                t.push("weapons_cost_usd_per_day", Metric::WeaponsCost);
                t.push("cost_per_kill_usd", Metric::CostPerKill);
            }
            if !v.raids.is_empty() {
                t.push("raid_engaged_fraction", Metric::RaidEngaged);
                t.push("raid_leakers_per_raid", Metric::RaidLeakers);
                t.push("raid_leak_depth_km", Metric::RaidLeakDepth);
                if !v.sites.is_empty() || v.types.iter().any(|k| k.shoot_down) {
                    t.push("raid_shot_down_fraction", Metric::RaidShotDown);
                }
            }
            if v.sectors.len() > 1 {
                for k in 0..v.sectors.len() {
                    let n = k + 1;
                    t.push(
                        format!("violations_per_day[sector {n}]"),
                        Metric::SectorViolations(k),
                    );
                    t.push(
                        format!("unanswered_fraction[sector {n}]"),
                        Metric::SectorUnanswered(k),
                    );
                    if v.target_h.is_some() {
                        t.push(
                            format!("intercept_within_target[sector {n}]"),
                            Metric::SectorWithinTarget(k),
                        );
                    }
                    t.push(
                        format!("response_time_mean[sector {n}]"),
                        Metric::SectorResponseMean(k),
                    );
                }
            }
        }
        t.push("sorties_per_day", Metric::Sorties);
        t.push("flight_hours_per_day", Metric::FlightHours);
        for (q, s) in self.squadrons.iter().enumerate() {
            t.push(
                format!("sorties_per_day[{}]", s.name),
                Metric::SquadronSorties(q),
            );
            t.push(
                format!("flight_hours_per_day[{}]", s.name),
                Metric::SquadronFlightHours(q),
            );
            t.push(format!("mc_rate[{}]", s.name), Metric::McRate(q));
        }
        t
    }
}
