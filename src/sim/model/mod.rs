//! What a replication needs from a scenario, computed once and shared by every replication:
//! aircraft performance with ready samplers, the posts to man with their distances, the groups
//! that relieve each other, sensor coverage of the front and the metric names.

mod defs;
mod front;
mod metric_table;

pub(crate) use defs::*;
pub(crate) use front::*;

use super::metrics::{MetricNames, MetricTable};
use crate::geo::{Front, LatLon, coverage_radius_km};
use crate::scenario::Scenario;
use crate::scenario::file::ReliefMode;

/// A fighter's trip from its CAP station to the tanker and back, the same for every fighter
/// of its squadron there: made once per model, so that a station's refuelling plan, made
/// thousands of times a replication, divides nothing it divided before.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Trip {
    /// One leg from the station to the track at cruise, hours.
    pub leg_h: f64,
    /// Both legs and the tanker's mean hook-up, hours.
    pub trip_h: f64,
    /// From the track home at cruise, hours.
    pub track_home_h: f64,
}

/// Everything a replication reads, built once per scenario.
#[derive(Debug, Clone)]
pub struct Model {
    /// A replication handling more events stops with an error.
    pub(crate) max_events: u64,
    pub(crate) duration_h: f64,
    pub(crate) warmup_h: f64,
    pub(crate) overlap_h: f64,
    /// Tanker and AEW reliefs arrive this much before the overlap, hours.
    pub(crate) support_margin_h: f64,
    pub(crate) refuel_fraction: f64,
    /// A crew is rested again this long after it lands: the duty after the sortie and before
    /// the next, and the rest between (`[sustainment]` `duty_extra_h + rest_h`).
    pub(crate) crew_turn_h: f64,
    /// Duty periods a crew may start in any 7 days (`[sustainment] duties_per_week`, whole).
    pub(crate) crew_duties_per_week: usize,
    pub(crate) squadrons: Vec<SquadronDef>,
    pub(crate) posts: Vec<PostDef>,
    /// Relief groups: `(post, size)`, post by post.
    pub(crate) groups: Vec<(usize, u32)>,
    /// The relief groups of each post: `groups[post_groups[p].clone()]` (they are contiguous).
    pub(crate) post_groups: Vec<std::ops::Range<usize>>,
    /// `aar[p][sq]`: whether a fighter of squadron `sq` on post `p` can take fuel there (the
    /// post has a tanker track whose tanker has a system that fits).
    pub(crate) aar: Vec<Vec<bool>>,
    /// `trips[p][sq]`: a fighter of squadron `sq` on CAP station `p` going to its tanker
    /// track (all zero where the station has none).
    pub(crate) trips: Vec<Vec<Trip>>,
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
                    crewing: {
                        let f = &s.file.squadrons[i];
                        f.crews
                            .map(Crewing::Count)
                            .or(f.crew_ratio.map(Crewing::Ratio))
                    },
                    missiles: s.file.squadrons[i].missiles.unwrap_or(u32::MAX),
                    missile_cost: s.file.squadrons[i].missile_cost_usd.unwrap_or(0.0),
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
                refuels_in_area: c.refuels_in_area,
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
                refuels_in_area: false,
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
                refuels_in_area: false,
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
                // Take fuel on the way out when a full tank leaves too little above bingo on
                // arrival: less than the refuelling margin, or too little time for a relief
                // from the ground to come before bingo (the fighter would need a trip to the
                // tanker from its station, off station, at once).
                let margin_h = (on_arrival - bingo_fuel) / sd.patrol_burn;
                let relief_h = v.lead_h + s.file.relief.overlap_min / 60.0;
                if on_arrival - bingo_fuel < margin || margin_h < relief_h {
                    v.via_tanker_h = Some(v.track_home_h);
                    v.lead_h = sd.launch_mean_h + v.track_home_h + td.hookup_min_mean_h + leg_h;
                }
            }
        }
        let element_relief = s.file.relief.mode == ReliefMode::Element;
        let mut groups = Vec::new();
        let mut post_groups = Vec::with_capacity(posts.len());
        for (p, post) in posts.iter().enumerate() {
            let first = groups.len();
            if element_relief {
                groups.push((p, post.required));
            } else {
                groups.extend((0..post.required).map(|_| (p, 1)));
            }
            post_groups.push(first..groups.len());
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
                swap_min: q.swap_min.sampler(),
                alert_wear: q.alert_wear,
                scheduled_share: q.scheduled_share,
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
            support_margin_h: s.file.relief.support_margin_min / 60.0,
            refuel_fraction,
            crew_turn_h: s.file.sustainment.duty_extra_h + s.file.sustainment.rest_h,
            crew_duties_per_week: (s.file.sustainment.duties_per_week.floor() as usize).max(1),
            squadrons,
            posts,
            groups,
            post_groups,
            aar: Vec::new(),
            trips: Vec::new(),
            qra,
            sensors,
            cover_low,
            cover_high,
            sample_total: samples.iter().map(|x| x.2).sum(),
            metrics: MetricTable::default(),
            front_table,
            front: s.front.clone(),
            violations: s.violations.as_ref().map(|v| violations_def(s, v)),
            max_events: crate::scenario::limits::MAX_EVENTS_PER_REPLICATION,
        };
        model.metrics = model.metric_table();
        model.aar = (0..model.posts.len())
            .map(|p| {
                let systems = model.posts[p]
                    .tanker
                    .and_then(|(tp, _)| model.tanker_of(tp))
                    .map(|t| t.systems.as_slice());
                model
                    .squadrons
                    .iter()
                    .map(|s| systems.is_some_and(|sys| s.receptacle.compatible_with(sys)))
                    .collect()
            })
            .collect();
        model.trips = (0..model.posts.len())
            .map(|p| {
                (0..model.squadrons.len())
                    .map(|sq| model.trip(p, sq))
                    .collect()
            })
            .collect();
        model
    }

    /// What a fighter of squadron `sq` on post `p` flies to its tanker track.
    fn trip(&self, p: usize, sq: usize) -> Trip {
        let Some((tp, leg_km)) = self.posts[p].tanker else {
            return Trip::default();
        };
        let cruise_kmh = self.squadrons[sq].cruise_kmh;
        let hookup_h = self.tanker_of(tp).map_or(0.0, |t| t.hookup_min_mean_h);
        Trip {
            leg_h: leg_km / cruise_kmh,
            trip_h: 2.0 * leg_km / cruise_kmh + hookup_h,
            track_home_h: self.posts[p].serving_by(sq).map_or(0.0, |v| v.track_home_h),
        }
    }

    /// The tanker type flying tanker track `tp` (its nearest serving squadron's).
    pub(crate) fn tanker_of(&self, tp: usize) -> Option<&TankerDef> {
        let sq = self.posts[tp].serving.first()?.sq;
        self.squadrons[sq].tanker.as_ref()
    }

    /// The metric names of this scenario, in row order.
    pub fn names(&self) -> &MetricNames {
        &self.metrics.names
    }

    /// This model with at most `limit` events per replication instead of
    /// [`crate::scenario::limits::MAX_EVENTS_PER_REPLICATION`] (tests use a low one).
    pub fn with_max_events(mut self, limit: u64) -> Model {
        self.max_events = limit;
        self
    }

    /// This model with squadron `i` at `counts[i]` aircraft: the model of the same scenario with
    /// those counts (nothing else a model holds depends on them), without sampling the front
    /// against every sensor and measuring every distance again.
    pub fn with_counts(&self, counts: &[u32]) -> Model {
        let mut m = self.clone();
        for (q, &n) in m.squadrons.iter_mut().zip(counts) {
            q.count = n;
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    #[test]
    fn a_model_given_other_counts_is_the_model_built_with_them() {
        // Every field, compared through its full debug text (floats in shortest round-trip form).
        for name in crate::scenario::bundled_names() {
            let s = Scenario::load(name).unwrap();
            let base = Model::new(&s);
            let counts: Vec<u32> = (0..s.squadrons.len() as u32).map(|i| 3 * i + 1).collect();
            let mut other = s.clone();
            for (q, &n) in other.squadrons.iter_mut().zip(&counts) {
                q.aircraft_count = n;
            }
            let direct = Model::new(&other);
            assert_eq!(
                format!("{direct:?}"),
                format!("{:?}", base.with_counts(&counts)),
                "{name}"
            );
        }
    }

    #[test]
    fn a_trip_to_the_tanker_is_both_legs_at_cruise_and_the_mean_hook_up() {
        let m = Model::new(&Scenario::load("reference").unwrap());
        let mut behind_a_tanker = 0;
        for (p, post) in m.posts.iter().enumerate() {
            for (sq, trip) in m.trips[p].iter().enumerate() {
                let Some((tp, leg_km)) = post.tanker else {
                    assert_eq!(*trip, Trip::default(), "{}: no tanker, no trip", post.name);
                    continue;
                };
                behind_a_tanker += 1;
                let cruise = m.squadrons[sq].cruise_kmh;
                let hookup = m.tanker_of(tp).unwrap().hookup_min_mean_h;
                assert!((trip.leg_h * cruise - leg_km).abs() < 1e-9, "{}", post.name);
                assert!((trip.trip_h - 2.0 * trip.leg_h - hookup).abs() < 1e-12);
                let home = post.serving_by(sq).map_or(0.0, |v| v.track_home_h);
                assert_eq!(trip.track_home_h, home);
            }
        }
        assert!(
            behind_a_tanker > 0,
            "reference has stations behind a tanker"
        );
    }

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
