//! The parts of the model: squadrons with their type's performance, posts and who serves them,
//! sensors, QRA postures and violations, each with ready samplers.

use crate::catalog::{Availability, OffloadSystem, Receptacle};
use crate::dist::Sampler;
use crate::geo::LatLon;
use crate::scenario::Scenario;
use nalgebra::Vector2;

/// How an aircraft type breaks.
#[derive(Debug, Clone)]
pub(crate) enum AvailDef {
    Perfect,
    /// Up periods exponential with mean `up_mean_h`; down periods from `down_h`.
    McRate {
        mc_rate: f64,
        up_mean_h: f64,
        down_h: Sampler,
    },
    Failures {
        per_flight_h: f64,
        repair_h: Sampler,
        abort_p: f64,
        inspect_every_fh: Option<f64>,
        inspect_h: f64,
    },
}

/// A tanker's offload.
#[derive(Debug, Clone)]
pub(crate) struct TankerDef {
    pub systems: Vec<OffloadSystem>,
    pub receivers: u32,
    pub hookup_min: Sampler,
    pub hookup_min_mean_h: f64,
    pub max_offload_kg: f64,
}

/// How a squadron's crews are counted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Crewing {
    /// A fixed number of crews.
    Count(u32),
    /// Crews per aircraft, rounded up: the crews grow with the aircraft when sizing.
    Ratio(f64),
}

/// A squadron with its type's performance.
#[derive(Debug, Clone)]
pub(crate) struct SquadronDef {
    pub name: String,
    pub base: LatLon,
    pub count: u32,
    pub cruise_kmh: f64,
    pub fuel_kg: f64,
    pub cruise_burn: f64,
    pub patrol_burn: f64,
    pub reserve_kg: f64,
    pub max_sortie_h: f64,
    pub launch_min: Sampler,
    pub launch_mean_h: f64,
    pub turnaround_min: Sampler,
    pub avail: AvailDef,
    pub receptacle: Receptacle,
    pub tanker: Option<TankerDef>,
    /// Dash speed (km/h) and burn (kg/h), for fighters.
    pub dash: Option<(f64, f64)>,
    /// The base in the theatre plane, km.
    pub base_xy: Vector2<f64>,
    /// The squadron's crews: a fixed count, or crews per aircraft (`None`: launches need no
    /// crew).
    pub crewing: Option<Crewing>,
    /// Weapons per sortie (`u32::MAX`: no limit).
    pub missiles: u32,
    /// Cost of one weapon, US dollars.
    pub missile_cost: f64,
}

impl SquadronDef {
    /// The squadron's crews at its aircraft count (`None`: launches need no crew).
    pub(crate) fn crews(&self) -> Option<u32> {
        self.crewing.map(|c| match c {
            Crewing::Count(n) => n,
            Crewing::Ratio(r) => (r * f64::from(self.count) - 1e-9).ceil().max(0.0) as u32,
        })
    }

    /// Hours until an aircraft with `fuel` on board, `home_h` of cruise from home, burning
    /// `burn` kg/h, reaches bingo: the fuel for the way home plus its reserve.
    pub(crate) fn hours_to_bingo(&self, fuel: f64, home_h: f64, burn: f64) -> f64 {
        (fuel - self.reserve_kg - home_h * self.cruise_burn) / burn
    }

    /// Fuel an aircraft needs to dash `dash_h` hours (burning `dash_burn` kg/h), meet a violator
    /// at `meet`, shadow it `shadow_h` hours and fly home with its reserve, kg.
    pub(crate) fn intercept_fuel_kg(
        &self,
        dash_h: f64,
        dash_burn: f64,
        meet: Vector2<f64>,
        shadow_h: f64,
    ) -> f64 {
        let home_h = (meet - self.base_xy).norm() / self.cruise_kmh;
        dash_h * dash_burn
            + shadow_h * self.patrol_burn
            + home_h * self.cruise_burn
            + self.reserve_kg
    }
}

/// What a post is in the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PostKind {
    Cap(usize),
    Tanker(usize),
    Aew(usize),
}

/// A squadron that may serve a post, and how its aircraft get there.
#[derive(Debug, Clone)]
pub(crate) struct Serving {
    pub sq: usize,
    /// Base to post, hours.
    pub transit_h: f64,
    /// Base to the post's tanker track, hours, when the aircraft must take fuel on the way out
    /// (a full tank would leave too little above bingo on arrival).
    pub via_tanker_h: Option<f64>,
    /// Base to the post's tanker track, hours (the way home after refuelling).
    pub track_home_h: f64,
    /// Mean time from the launch order to arrival on the post, hours.
    pub lead_h: f64,
}

/// A position that must be manned: a CAP station, tanker track or AEW orbit.
#[derive(Debug, Clone)]
pub(crate) struct PostDef {
    pub name: String,
    pub kind: PostKind,
    pub position: LatLon,
    /// The position in the theatre plane, km.
    pub xy: Vector2<f64>,
    pub required: u32,
    /// Serving squadrons, nearest first.
    pub serving: Vec<Serving>,
    /// For a CAP station: its tanker post (index into posts) and the leg to it in km.
    pub tanker: Option<(usize, f64)>,
    /// For a CAP station: its tanker track lies inside its patrol area, so a fighter refuelling
    /// there stays on station.
    pub refuels_in_area: bool,
    /// Hours of the day when required.
    pub hours: Option<[f64; 2]>,
    /// For a tanker track: the fuel each tanker on it is expected to give per hour, kg (from the
    /// closed-form demand), so that its relief is planned for when its fuel will run low.
    pub expected_offload_kg_h: f64,
}

impl PostDef {
    pub(crate) fn transit_h(&self, sq: usize) -> f64 {
        self.serving_by(sq).map_or(0.0, |v| v.transit_h)
    }

    pub(crate) fn serving_by(&self, sq: usize) -> Option<&Serving> {
        self.serving.iter().find(|v| v.sq == sq)
    }

    pub(crate) fn required_at(&self, t: f64) -> bool {
        match self.hours {
            None => true,
            Some([s, e]) => {
                let h = t.rem_euclid(24.0);
                if s < e {
                    h >= s && h < e
                } else {
                    h >= s || h < e
                }
            }
        }
    }

    /// The first time at or after `t` when the post is required.
    pub(crate) fn next_required(&self, t: f64) -> f64 {
        match self.hours {
            Some([s, _]) if !self.required_at(t) => t + (s - t.rem_euclid(24.0)).rem_euclid(24.0),
            _ => t,
        }
    }
}

/// A sensor: coverage of the front's samples against the low and high targets.
#[derive(Debug, Clone)]
pub(crate) struct SensorDef {
    /// The AEW post it depends on; ground radars are always on.
    pub post: Option<usize>,
    /// Position in the theatre plane, km.
    pub xy: Vector2<f64>,
    /// Instrumented range, km, and antenna height, m.
    pub range_km: f64,
    pub height_m: f64,
    pub low: Vec<bool>,
    pub high: Vec<bool>,
}

/// A QRA posture.
#[derive(Debug, Clone)]
pub(crate) struct QraDef {
    pub name: String,
    pub squadron: usize,
    pub on_alert: u32,
    pub readiness_min: Sampler,
    pub scramble_size: u32,
    pub regenerate_min: Sampler,
    pub spares_regenerate: bool,
    pub swap_min: Sampler,
    /// The rate of an alert aircraft's `mc_rate` clock.
    pub alert_wear: f64,
    pub scheduled_share: f64,
}

/// How long a violator stays before turning back.
#[derive(Debug, Clone)]
pub(crate) enum Stay {
    /// Flies this far into the protected side, km.
    Penetration(f64),
    /// Stays this long, minutes.
    Dwell(Sampler),
}

/// A kind of violator.
#[derive(Debug, Clone)]
pub(crate) struct ViolatorDef {
    pub speed_kmh: f64,
    pub altitude_m: f64,
    pub stay: Stay,
    pub spread_deg: f64,
    /// Points it may head for, in the theatre plane (perpendicular when empty).
    pub toward: Vec<Vector2<f64>>,
    /// Cumulative share up to and including this type.
    pub cum_share: f64,
    /// Shot down when intercepted (a weapon spent, no shadowing).
    pub shoot_down: bool,
    /// The share of a sensor's instrumented range at which it is seen.
    pub range_factor: f64,
}

/// A defended point: a violator is stopped only if intercepted before it comes within the radius.
#[derive(Debug, Clone)]
pub(crate) struct DefendedDef {
    pub name: String,
    /// Centre in the theatre plane, km.
    pub xy: Vector2<f64>,
    pub radius_km: f64,
}

/// A ground-based air-defence site.
#[derive(Debug, Clone)]
pub(crate) struct SiteDef {
    pub name: String,
    /// In the theatre plane, km.
    pub xy: Vector2<f64>,
    pub range_km: f64,
    pub min_alt_m: f64,
    pub max_alt_m: f64,
    pub pk: f64,
    pub missiles: u32,
    pub reload_h: f64,
    pub reaction_h: f64,
    pub cost_per_shot: f64,
    /// A moving team's speed, km/h; 0 for a fixed site.
    pub speed_kmh: f64,
    /// A moving team's longest time away per engagement, hours (infinite when unlimited).
    pub endurance_h: f64,
    /// Weather: mean hours of a spell fit to engage and of a grounded spell, when it has any.
    pub weather: Option<(f64, f64)>,
}

/// A raid: members of one violator type crossing a stretch of front within a window.
#[derive(Debug, Clone)]
pub(crate) struct RaidDef {
    pub kind: usize,
    pub count: Sampler,
    pub window_h: f64,
    /// The stretch of front, km from its first point.
    pub from_km: f64,
    pub to_km: f64,
    pub decoy_share: f64,
    /// Fixed start times, hours.
    pub at_h: Vec<f64>,
    /// Random starts besides, per hour (Poisson).
    pub per_h: f64,
}

/// The violations of a scenario.
#[derive(Debug, Clone)]
pub(crate) struct ViolationsDef {
    pub rate_per_h: f64,
    pub hourly: [f64; 24],
    /// `(start_h, end_h, multiplier)`.
    pub surges: Vec<(f64, f64, f64)>,
    /// Largest rate multiplier, for thinning.
    pub peak: f64,
    /// Sector bounds along the front (km) and cumulative entry weights.
    pub sectors: Vec<(f64, f64)>,
    pub sector_cum: Vec<f64>,
    pub c2_min: Sampler,
    pub shadow_min: Sampler,
    /// Hours between orders of the response while no one can intercept (`None`: once).
    pub retry_h: Option<f64>,
    /// Which responder takes a violation.
    pub responder: crate::scenario::file::ResponderRule,
    /// Fighters kept for violators faster than this, km/h.
    pub fighters_above_kmh: Option<f64>,
    pub shadow_mean_h: f64,
    pub types: Vec<ViolatorDef>,
    /// `[targets] response_time_min` in hours.
    pub target_h: Option<f64>,
    /// The defended points (`[[points]]` with `defend_radius_km`), in file order.
    pub defended: Vec<DefendedDef>,
    /// The raids, in file order.
    pub raids: Vec<RaidDef>,
    /// Ground-based air-defence sites, in file order.
    pub sites: Vec<SiteDef>,
}

impl ViolationsDef {
    /// The arrival rate per hour at `t`.
    pub(crate) fn rate_at(&self, t: f64) -> f64 {
        let hour = (t.rem_euclid(24.0) as usize).min(23);
        let surge: f64 = self
            .surges
            .iter()
            .filter(|(a, b, _)| t >= *a && t < *b)
            .map(|s| s.2)
            .product();
        self.rate_per_h * self.hourly[hour] * surge
    }
}

pub(super) fn violations_def(s: &Scenario, v: &crate::scenario::Violations) -> ViolationsDef {
    let proj = s.front.projection();
    let mut cum = 0.0;
    let types = v
        .types
        .iter()
        .map(|t| {
            cum += t.spec.share;
            ViolatorDef {
                speed_kmh: t.spec.speed_kmh,
                altitude_m: t.spec.altitude_m,
                stay: match (&t.spec.penetration_km, &t.spec.dwell_min) {
                    (Some(km), _) => Stay::Penetration(*km),
                    (None, Some(d)) => Stay::Dwell(d.sampler()),
                    (None, None) => Stay::Penetration(0.0),
                },
                spread_deg: t.spec.heading_spread_deg,
                shoot_down: t.spec.shoot_down,
                range_factor: t.spec.radar_range_factor.unwrap_or(1.0),
                toward: t
                    .toward
                    .iter()
                    .map(|&i| proj.forward(&s.points[i].position))
                    .collect(),
                cum_share: cum,
            }
        })
        .collect();
    let mut wcum = 0.0;
    let sector_cum = v
        .sector_weights
        .iter()
        .map(|w| {
            wcum += w;
            wcum
        })
        .collect();
    let surges: Vec<(f64, f64, f64)> = v
        .surges
        .iter()
        .map(|x| (x.start_day * 24.0, x.end_day * 24.0, x.multiplier))
        .collect();
    let peak_hour = v.hourly_multipliers.iter().cloned().fold(0.0, f64::max);
    let peak_surge: f64 = surges.iter().map(|x| x.2.max(1.0)).product();
    ViolationsDef {
        rate_per_h: v.rate_per_day / 24.0,
        hourly: v.hourly_multipliers,
        surges,
        peak: peak_hour * peak_surge,
        sectors: s.front.sectors(v.sector_weights.len()),
        sector_cum,
        c2_min: v.c2_delay_min.sampler(),
        shadow_min: v.shadow_min.sampler(),
        retry_h: v.retry_min.map(|m| m / 60.0),
        responder: v.responder,
        fighters_above_kmh: v.fighters_above_kmh,
        shadow_mean_h: v.shadow_min.mean() / 60.0,
        types,
        target_h: s.file.targets.response_time_min.map(|m| m / 60.0),
        defended: s
            .points
            .iter()
            .filter_map(|p| {
                p.defend_radius_km.map(|r| DefendedDef {
                    name: p.name.clone(),
                    xy: proj.forward(&p.position),
                    radius_km: r,
                })
            })
            .collect(),
        sites: s
            .file
            .air_defence
            .iter()
            .map(|d| SiteDef {
                name: d.name.clone(),
                xy: proj.forward(&d.position),
                range_km: d.range_km,
                min_alt_m: d.min_altitude_m,
                max_alt_m: d.max_altitude_m,
                pk: d.pk,
                missiles: d.missiles,
                reload_h: d.reload_min / 60.0,
                reaction_h: d.reaction_min / 60.0,
                cost_per_shot: d.cost_per_shot_usd,
                speed_kmh: d.speed_kmh,
                endurance_h: d.endurance_h.unwrap_or(f64::INFINITY),
                weather: (d.grounded_share > 0.0).then(|| {
                    let down = d.grounded_spell_h.unwrap_or(f64::NAN);
                    (down * (1.0 - d.grounded_share) / d.grounded_share, down)
                }),
            })
            .collect(),
        raids: v
            .raids
            .iter()
            .map(|r| RaidDef {
                kind: r.kind,
                count: r.spec.count.sampler(),
                window_h: r.spec.window_min / 60.0,
                from_km: r.from_km,
                to_km: r.to_km,
                decoy_share: r.spec.decoy_share,
                at_h: r.spec.at_days.iter().map(|d| d * 24.0).collect(),
                per_h: r.spec.per_day / 24.0,
            })
            .collect(),
    }
}

/// Fuel above bingo at which a fighter on a station with a tanker heads for it: the fraction of
/// a full tank's margin above bingo, plus the leg to the track.
pub(crate) fn refuel_margin_kg(s: &SquadronDef, bingo_fuel: f64, leg_h: f64, fraction: f64) -> f64 {
    (s.fuel_kg - bingo_fuel).max(0.0) * fraction + leg_h * s.cruise_burn
}

pub(super) fn avail(a: &Availability) -> AvailDef {
    match a {
        Availability::Perfect => AvailDef::Perfect,
        Availability::McRate { mc_rate, .. } if *mc_rate >= 1.0 => AvailDef::Perfect,
        Availability::McRate {
            mc_rate,
            mean_down_h,
        } => AvailDef::McRate {
            mc_rate: *mc_rate,
            up_mean_h: mean_down_h.mean() * mc_rate / (1.0 - mc_rate),
            down_h: mean_down_h.sampler(),
        },
        Availability::Failures {
            failures_per_flight_hour,
            repair_h,
            ground_abort_probability,
            inspection_every_flight_h,
            inspection_days,
        } => AvailDef::Failures {
            per_flight_h: *failures_per_flight_hour,
            repair_h: repair_h.sampler(),
            abort_p: *ground_abort_probability,
            inspect_every_fh: *inspection_every_flight_h,
            inspect_h: inspection_days.unwrap_or(0.0) * 24.0,
        },
    }
}
