//! What a replication needs from a scenario, computed once and shared by every replication:
//! aircraft performance with ready samplers, the posts to man with their distances, the groups
//! that relieve each other, sensor coverage of the front and the metric names.

use super::metrics::{Metric, MetricNames, MetricTable};
use crate::catalog::{Availability, OffloadSystem, Receptacle};
use crate::dist::Sampler;
use crate::geo::{Front, LatLon, coverage_radius_km};
use crate::scenario::Scenario;
use crate::scenario::file::ReliefMode;
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
}

impl SquadronDef {
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

/// Spacing of the front table, km at most.
const FRONT_TABLE_STEP_KM: f64 = 2.0;

/// The front in the theatre plane, sampled along each geodesic segment at most
/// [`FRONT_TABLE_STEP_KM`] apart, every vertex included.
#[derive(Debug, Clone)]
pub(crate) struct FrontTable {
    /// Distance along the front where each segment starts, km.
    start_km: Vec<f64>,
    /// Spacing of each segment's samples, km.
    step_km: Vec<f64>,
    /// Index of each segment's first sample.
    first: Vec<usize>,
    points: Vec<Vector2<f64>>,
}

impl FrontTable {
    fn new(front: &Front) -> Self {
        let cum = front.cumulative_km();
        let mut t = FrontTable {
            start_km: Vec::new(),
            step_km: Vec::new(),
            first: Vec::new(),
            points: Vec::new(),
        };
        let vertices = front.vertices();
        for (i, w) in cum.windows(2).enumerate() {
            let len = w[1] - w[0];
            let n = ((len / FRONT_TABLE_STEP_KM).ceil() as usize).max(1);
            t.start_km.push(w[0]);
            t.step_km.push(len / n as f64);
            t.first.push(t.points.len());
            // As `Front::point_at` does, with the segment's azimuth found once.
            let (_, az) = vertices[i].distance_azimuth(&vertices[i + 1]);
            for k in 0..n {
                let along = w[0] + len * k as f64 / n as f64;
                let p = vertices[i].destination(az, along - w[0]);
                t.points.push(front.projection().forward(&p));
            }
        }
        let end = front.length_km();
        t.points
            .push(front.projection().forward(&front.point_at(end)));
        t
    }

    /// The point `along` km from the front's start (clamped to the front).
    pub(crate) fn at(&self, along: f64) -> Vector2<f64> {
        let i = self
            .start_km
            .partition_point(|&c| c <= along)
            .saturating_sub(1);
        let next = self
            .first
            .get(i + 1)
            .copied()
            .unwrap_or(self.points.len() - 1);
        let (first, step) = (self.first[i], self.step_km[i]);
        if step <= 0.0 {
            return self.points[first];
        }
        let x = ((along - self.start_km[i]) / step).clamp(0.0, (next - first) as f64);
        let k = (x.floor() as usize).min(next - first - 1);
        let t = x - k as f64;
        let (a, b) = (self.points[first + k], self.points[first + k + 1]);
        a + (b - a) * t
    }
}

impl Model {
    /// The tanker type flying tanker track `tp` (its nearest serving squadron's).
    pub(crate) fn tanker_of(&self, tp: usize) -> Option<&TankerDef> {
        let sq = self.posts[tp].serving.first()?.sq;
        self.squadrons[sq].tanker.as_ref()
    }

    /// The point of the front `along` km from its start, in the theatre plane.
    pub(crate) fn front_plane_at(&self, along: f64) -> Vector2<f64> {
        self.front_table.at(along)
    }
}

/// Front samples seen by exactly one set of sensors.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CoverGroup {
    /// The sensors that see these samples, one bit per sensor.
    pub sensors: Vec<u64>,
    /// Their total weight (km of front).
    pub weight: f64,
}

impl CoverGroup {
    /// Whether a sensor in `on` (one bit per sensor) sees this group.
    pub fn seen_by(&self, on: &[u64]) -> bool {
        self.sensors.iter().zip(on).any(|(a, b)| a & b != 0)
    }
}

/// Groups the front samples by the set of sensors (`pick`: low or high cover) that see them, in
/// order of first appearance; samples no sensor sees are left out.
fn cover_groups(
    sensors: &[SensorDef],
    weights: &[f64],
    pick: fn(&SensorDef) -> &Vec<bool>,
) -> Vec<CoverGroup> {
    let words = sensors.len().div_ceil(64);
    let mut groups: Vec<CoverGroup> = Vec::new();
    let mut index: std::collections::HashMap<Vec<u64>, usize> = std::collections::HashMap::new();
    for (i, w) in weights.iter().enumerate() {
        let mut mask = vec![0u64; words];
        for (k, s) in sensors.iter().enumerate() {
            if pick(s)[i] {
                mask[k / 64] |= 1 << (k % 64);
            }
        }
        if mask.iter().all(|w| *w == 0) {
            continue;
        }
        let g = *index.entry(mask.clone()).or_insert_with(|| {
            groups.push(CoverGroup {
                sensors: mask,
                weight: 0.0,
            });
            groups.len() - 1
        });
        groups[g].weight += w;
    }
    groups
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
    pub shadow_mean_h: f64,
    pub types: Vec<ViolatorDef>,
    /// `[targets] response_time_min` in hours.
    pub target_h: Option<f64>,
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

/// Everything a replication reads, built once per scenario.
#[derive(Debug, Clone)]
pub struct Model {
    pub(crate) duration_h: f64,
    pub(crate) warmup_h: f64,
    pub(crate) overlap_h: f64,
    pub(crate) refuel_fraction: f64,
    pub(crate) squadrons: Vec<SquadronDef>,
    pub(crate) posts: Vec<PostDef>,
    /// Relief groups: `(post, size)`.
    pub(crate) groups: Vec<(usize, u32)>,
    pub(crate) qra: Vec<QraDef>,
    pub(crate) sensors: Vec<SensorDef>,
    /// The front's samples grouped by the set of sensors that see them, low and high: the
    /// coverage with a given set of sensors on is the weight of the groups it meets.
    pub(crate) cover_low: Vec<CoverGroup>,
    pub(crate) cover_high: Vec<CoverGroup>,
    /// Sum of the sample weights (the front's length, summed in sample order).
    pub(crate) sample_total: f64,
    /// The metrics of a replication's row, each name beside what it measures.
    pub(crate) metrics: MetricTable,
    pub(crate) front: Front,
    /// The front in the theatre plane, sampled every `front_step_km` along its geodesic
    /// segments: violations enter at points interpolated in this table, which saves two
    /// geodesics per violation (see the test for its accuracy).
    pub(crate) front_table: FrontTable,
    pub(crate) violations: Option<ViolationsDef>,
}

fn violations_def(s: &Scenario, v: &crate::scenario::Violations) -> ViolationsDef {
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
        shadow_mean_h: v.shadow_min.mean() / 60.0,
        types,
        target_h: s.file.targets.response_time_min.map(|m| m / 60.0),
    }
}

/// Fuel above bingo at which a fighter on a station with a tanker heads for it: the fraction of
/// a full tank's margin above bingo, plus the leg to the track.
pub(crate) fn refuel_margin_kg(s: &SquadronDef, bingo_fuel: f64, leg_h: f64, fraction: f64) -> f64 {
    (s.fuel_kg - bingo_fuel).max(0.0) * fraction + leg_h * s.cruise_burn
}

fn avail(a: &Availability) -> AvailDef {
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

impl Model {
    /// Precomputes a validated scenario for simulation.
    pub fn new(s: &Scenario) -> Model {
        let squadrons: Vec<SquadronDef> = s
            .squadrons
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let t = s.squadron_type(i);
                SquadronDef {
                    name: q.name.clone(),
                    base: s.bases[q.base].position,
                    count: q.aircraft_count,
                    cruise_kmh: t.cruise_speed_kmh,
                    fuel_kg: t.fuel_kg,
                    cruise_burn: t.cruise_burn_kg_h,
                    patrol_burn: t.patrol_burn_kg_h,
                    reserve_kg: t.reserve_fuel_kg,
                    max_sortie_h: t.max_sortie_h,
                    launch_min: t.launch_min.sampler(),
                    launch_mean_h: t.launch_min.mean() / 60.0,
                    turnaround_min: t.turnaround_min.sampler(),
                    avail: avail(&t.availability),
                    receptacle: t.receptacle,
                    dash: t
                        .fighter
                        .as_ref()
                        .map(|f| (f.dash_speed_kmh, f.dash_burn_kg_h)),
                    base_xy: s.front.projection().forward(&s.bases[q.base].position),
                    tanker: t.tanker.as_ref().map(|tp| TankerDef {
                        systems: tp.offload_systems.clone(),
                        receivers: tp.receivers_at_once,
                        hookup_min: tp.hookup_min.sampler(),
                        hookup_min_mean_h: tp.hookup_min.mean() / 60.0,
                        max_offload_kg: tp.max_offload_kg,
                    }),
                }
            })
            .collect();
        let serving = |sqs: &[usize], p: &LatLon| -> Vec<Serving> {
            let mut v: Vec<(usize, f64)> = sqs
                .iter()
                .map(|&q| (q, squadrons[q].base.distance_km(p)))
                .collect();
            v.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
            v.into_iter()
                .map(|(q, d)| {
                    let transit_h = d / squadrons[q].cruise_kmh;
                    Serving {
                        sq: q,
                        transit_h,
                        via_tanker_h: None,
                        track_home_h: 0.0,
                        lead_h: squadrons[q].launch_mean_h + transit_h,
                    }
                })
                .collect()
        };
        let n_cap = s.cap_stations.len();
        let demand: Vec<f64> = crate::analytic::estimate(s)
            .tanker_tracks
            .iter()
            .map(|t| t.fuel_demand_kg_per_day)
            .collect();
        let n_tank = s.tanker_tracks.len();
        let mut posts = Vec::new();
        for (i, c) in s.cap_stations.iter().enumerate() {
            posts.push(PostDef {
                name: c.name.clone(),
                kind: PostKind::Cap(i),
                position: c.position,
                xy: s.front.projection().forward(&c.position),
                required: c.element,
                serving: serving(&c.squadrons, &c.position),
                tanker: c.tanker_track.map(|k| {
                    (
                        n_cap + k,
                        c.position.distance_km(&s.tanker_tracks[k].position),
                    )
                }),
                hours: c.hours,
                expected_offload_kg_h: 0.0,
            });
        }
        for (i, t) in s.tanker_tracks.iter().enumerate() {
            posts.push(PostDef {
                name: t.name.clone(),
                kind: PostKind::Tanker(i),
                position: t.position,
                xy: s.front.projection().forward(&t.position),
                required: t.required,
                serving: serving(&[t.squadron], &t.position),
                tanker: None,
                hours: None,
                expected_offload_kg_h: demand[i] / 24.0 / f64::from(t.required),
            });
        }
        for (i, o) in s.aew_orbits.iter().enumerate() {
            posts.push(PostDef {
                name: o.name.clone(),
                kind: PostKind::Aew(i),
                position: o.position,
                xy: s.front.projection().forward(&o.position),
                required: o.required,
                serving: serving(&[o.squadron], &o.position),
                tanker: None,
                hours: None,
                expected_offload_kg_h: 0.0,
            });
        }
        let refuel_fraction = s.file.relief.refuel_at_fuel_fraction;
        // Routes through the tanker: which serving squadrons can refuel at a station's track,
        // and which must do so on the way out.
        for c in 0..n_cap {
            let Some((tp, leg_km)) = posts[c].tanker else {
                continue;
            };
            let Some(tanker_sq) = posts[tp].serving.first().map(|v| v.sq) else {
                continue;
            };
            let Some(td) = squadrons[tanker_sq].tanker.clone() else {
                continue;
            };
            let track = posts[tp].position;
            for v in &mut posts[c].serving {
                let sd = &squadrons[v.sq];
                if !sd.receptacle.compatible_with(&td.systems) {
                    continue;
                }
                v.track_home_h = sd.base.distance_km(&track) / sd.cruise_kmh;
                let bingo_fuel = sd.reserve_kg + v.transit_h * sd.cruise_burn;
                let leg_h = leg_km / sd.cruise_kmh;
                let margin = refuel_margin_kg(sd, bingo_fuel, leg_h, refuel_fraction);
                let on_arrival = sd.fuel_kg - v.transit_h * sd.cruise_burn;
                if on_arrival - bingo_fuel < margin {
                    v.via_tanker_h = Some(v.track_home_h);
                    v.lead_h = sd.launch_mean_h + v.track_home_h + td.hookup_min_mean_h + leg_h;
                }
            }
        }
        let element_relief = s.file.relief.mode == ReliefMode::Element;
        let mut groups = Vec::new();
        for (p, post) in posts.iter().enumerate() {
            if element_relief {
                groups.push((p, post.required));
            } else {
                groups.extend((0..post.required).map(|_| (p, 1)));
            }
        }

        // Sensors against the front's samples.
        let spacing = (s.front.length_km() / 2000.0).max(1.0);
        let samples = s.front.sample(spacing);
        let (low_m, high_m) = (s.file.front.low_target_m, s.file.front.high_target_m);
        let mut sensors = Vec::new();
        let mut add_sensor = |post: Option<usize>, pos: LatLon, range: f64, h: f64| {
            // One geodesic per sample, compared against both radii.
            let distances: Vec<f64> = samples.iter().map(|(_, p, _)| pos.distance_km(p)).collect();
            let covers = |target: f64| -> Vec<bool> {
                let r = coverage_radius_km(range, h, target);
                distances.iter().map(|&d| d <= r).collect()
            };
            sensors.push(SensorDef {
                post,
                xy: s.front.projection().forward(&pos),
                range_km: range,
                height_m: h,
                low: covers(low_m),
                high: covers(high_m),
            });
        };
        for (i, o) in s.aew_orbits.iter().enumerate() {
            if let Some(a) = &s.squadron_type(o.squadron).aew {
                add_sensor(
                    Some(n_cap + n_tank + i),
                    o.position,
                    a.radar_range_km,
                    a.orbit_altitude_m,
                );
            }
        }
        for r in &s.ground_radars {
            add_sensor(None, r.position, r.range_km, r.antenna_height_m);
        }

        let qra = s
            .qra
            .iter()
            .map(|q| QraDef {
                name: q.name.clone(),
                squadron: q.squadron,
                on_alert: q.on_alert,
                readiness_min: q.readiness_min.sampler(),
                scramble_size: q.scramble_size,
                regenerate_min: q.regenerate_min.sampler(),
                spares_regenerate: q.spares_regenerate,
            })
            .collect();

        let front_table = FrontTable::new(&s.front);
        let weights: Vec<f64> = samples.iter().map(|x| x.2).collect();
        let cover_low = cover_groups(&sensors, &weights, |s| &s.low);
        let cover_high = cover_groups(&sensors, &weights, |s| &s.high);
        let mut model = Model {
            duration_h: s.duration_h,
            warmup_h: s.warmup_h,
            overlap_h: s.file.relief.overlap_min / 60.0,
            refuel_fraction,
            squadrons,
            posts,
            groups,
            qra,
            sensors,
            cover_low,
            cover_high,
            sample_total: samples.iter().map(|x| x.2).sum(),
            metrics: MetricTable::default(),
            front_table,
            front: s.front.clone(),
            violations: s.violations.as_ref().map(|v| violations_def(s, v)),
        };
        model.metrics = model.metric_table();
        model
    }

    /// The metric names of this scenario, in row order.
    pub fn names(&self) -> &MetricNames {
        &self.metrics.names
    }

    fn posts_of(&self, f: impl Fn(PostKind) -> bool) -> impl Iterator<Item = (usize, &PostDef)> {
        self.posts
            .iter()
            .enumerate()
            .filter(move |(_, p)| f(p.kind))
    }

    /// The metrics of this scenario, each name beside what it measures, in row order.
    fn metric_table(&self) -> MetricTable {
        let mut t = MetricTable::default();
        let is_cap = |k| matches!(k, PostKind::Cap(_));
        let is_tanker = |k| matches!(k, PostKind::Tanker(_));
        let is_aew = |k| matches!(k, PostKind::Aew(_));
        if self.posts_of(is_cap).next().is_some() {
            t.push("cap_coverage", Metric::AllCap);
            t.push("cap_presence", Metric::CapPresence);
            for (i, p) in self.posts_of(is_cap) {
                t.push(format!("station_coverage[{}]", p.name), Metric::Post(i));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    #[test]
    fn the_front_table_is_within_a_centimetre_of_the_geodesic_front() {
        // Entry points interpolated in the 2 km table against the geodesic point projected
        // exactly, at 5,000 places along each bundled front (ukraine's has 22 vertices).
        for name in crate::scenario::bundled_names() {
            let s = Scenario::load(name).unwrap();
            let m = Model::new(&s);
            let len = s.front.length_km();
            let worst = (0..=5000)
                .map(|i| {
                    let along = len * f64::from(i) / 5000.0;
                    let exact = s.front.projection().forward(&s.front.point_at(along));
                    (m.front_plane_at(along) - exact).norm()
                })
                .fold(0.0f64, f64::max);
            assert!(worst < 1e-5, "{name}: {worst} km"); // 2 mm at most today
        }
    }
}
