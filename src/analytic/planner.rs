//! The closed-form planner: the formulas of docs/model.md (closed forms) applied to every station, track, orbit and QRA posture of
//! a scenario, then summed per squadron and per type.
//!
//! Choices the formulas leave open, stated here and in the output's notes:
//! - A CAP station is flown by the nearest of the squadrons that may serve it.
//! - Ground time `t_g` is mean launch plus mean turnaround; maintenance enters through the
//!   availability `A`, not through `t_g`, so that it is not counted twice.
//! - With a compatible tanker, time on station is the crew limit less the transit. Each trip to
//!   the tanker tops the tank up from the refuelling threshold, so a sortie makes
//!   `ceil(fuel taken / (full − bingo fuel)·(1 − threshold fraction))` trips; unless the track
//!   lies inside the station's patrol area, both legs and the hook-up of each are time off
//!   station, and the full element is kept through them by relieving that much sooner.
//! - Stations required only part of the day fly proportionally fewer sorties but need the same
//!   aircraft in rotation.
//! - A QRA posture answers the violations entering the stretch of front nearer its base than any
//!   other QRA base. Its alert is restored after `regenerate_min` when spares regenerate it, or
//!   after the whole sortie otherwise; that time is the Erlang-B service time S.

use super::formulas::*;
use crate::catalog::{AircraftType, Role};
use crate::geo::coverage_radius_km;
use crate::scenario::Scenario;
use serde::Serialize;

/// One CAP station's requirement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StationEstimate {
    /// Station name.
    pub station: String,
    /// The squadron that flies it (the nearest that may).
    pub squadron: String,
    /// Its aircraft type id.
    pub aircraft: String,
    /// Fighters required on station at once (k).
    pub element: u32,
    /// Base to station, km.
    pub distance_km: f64,
    /// One-way transit, hours (`t_tr`).
    pub transit_h: f64,
    /// Time on station on internal fuel, hours (negative when out of reach).
    pub on_station_internal_h: f64,
    /// Time on station used (`t_os`): internal, or with AAR up to the crew limit.
    pub on_station_h: f64,
    /// Whether a compatible tanker extends the time on station.
    pub with_aar: bool,
    /// Fuel taken from the tanker per sortie, kg.
    pub aar_fuel_per_sortie_kg: f64,
    /// Trips to the tanker per sortie (each tops the tank up from the refuelling threshold).
    pub tanker_trips_per_sortie: u32,
    /// Whether the tanker track lies inside the station's patrol area, so that the trips are
    /// time on station.
    pub refuels_in_area: bool,
    /// Hours per sortie away from the station for fuel (both legs and the hook-up of every
    /// trip; 0 when the track is inside the area).
    pub away_for_fuel_h: f64,
    /// Ground time per sortie, hours (`t_g`).
    pub ground_h: f64,
    /// Sortie cycle, hours (`C`).
    pub cycle_h: f64,
    /// Hours between reliefs (`t_os − away − o`).
    pub relief_interval_h: f64,
    /// Fraction of the day the station is required.
    pub required_fraction_of_day: f64,
    /// Sorties per day.
    pub sorties_per_day: f64,
    /// Flight hours per day.
    pub flight_hours_per_day: f64,
    /// Continuous lower bound on aircraft in rotation (`k·C/(t_os − away)`).
    pub aircraft_lower_bound: f64,
    /// Aircraft in rotation, `k·ceil(C/(t_os − away − o))`; `None` when no rotation works.
    pub aircraft_in_rotation: Option<u32>,
}

/// A tanker track's or an AEW&C orbit's requirement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackEstimate {
    /// Track or orbit name.
    pub track: String,
    /// Squadron flying it.
    pub squadron: String,
    /// Aircraft type id.
    pub aircraft: String,
    /// Aircraft required at once.
    pub required: u32,
    /// Base to track, km.
    pub distance_km: f64,
    /// One-way transit, hours.
    pub transit_h: f64,
    /// Fuel the fighters take from this track per day, kg (0 for AEW orbits).
    pub fuel_demand_kg_per_day: f64,
    /// Time on track per sortie after its own burn and the fuel it gives, hours.
    pub on_station_h: f64,
    /// Sortie cycle, hours.
    pub cycle_h: f64,
    /// Sorties per day.
    pub sorties_per_day: f64,
    /// Flight hours per day.
    pub flight_hours_per_day: f64,
    /// Aircraft in rotation; `None` when no rotation works.
    pub aircraft_in_rotation: Option<u32>,
}

/// A QRA posture's Erlang-B estimate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QraEstimate {
    /// Posture name.
    pub qra: String,
    /// Squadron holding alert.
    pub squadron: String,
    /// Aircraft on alert.
    pub on_alert: u32,
    /// Alert elements (on alert ÷ scramble size): Erlang-B's servers.
    pub elements: u32,
    /// Violations per day this posture answers (λ).
    pub violations_per_day: f64,
    /// Mean distance from the base to its stretch of front, km.
    pub mean_distance_km: f64,
    /// Mean time an element is off alert per launch, hours (S).
    pub service_h: f64,
    /// What S is made of, in words.
    pub service_basis: String,
    /// Offered load `λ·S` (λ per hour).
    pub offered_load: f64,
    /// Fraction of violations that find no element on alert: Erlang-B(elements, λ·S).
    pub no_alert_fraction: f64,
    /// Mean time from the order to the front at dash speed, minutes (readiness + dash).
    pub mean_reaction_min: f64,
}

/// Fraction of the front inside sensor coverage with every orbit manned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensorCoverage {
    /// Altitude of the low target, metres.
    pub low_target_m: f64,
    /// Altitude of the high target, metres.
    pub high_target_m: f64,
    /// Fraction of front length covered against the low target.
    pub front_coverage_low: f64,
    /// Fraction of front length covered against the high target.
    pub front_coverage_high: f64,
}

/// A squadron's total requirement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SquadronEstimate {
    /// Squadron name.
    pub squadron: String,
    /// Aircraft type id.
    pub aircraft: String,
    /// Role of the type.
    pub role: String,
    /// Aircraft in rotation for its stations, tracks, orbits and alert.
    pub in_rotation: u32,
    /// Whether some task of the squadron has no workable rotation.
    pub infeasible: bool,
    /// Flight hours per day.
    pub flight_hours_per_day: f64,
    /// Sorties per day.
    pub sorties_per_day: f64,
    /// Availability used.
    pub availability: f64,
    /// Fleet by `ceil(N_rot / A)`.
    pub fleet_by_division: Option<u32>,
    /// Smallest fleet with `P[Binomial(N, A) ≥ N_rot] ≥ confidence`.
    pub fleet_at_confidence: Option<u32>,
    /// Aircraft the scenario gives the squadron.
    pub aircraft_count: u32,
    /// Flight hours per aircraft per day at the fleet at confidence.
    pub utilisation_h_per_aircraft_day: Option<f64>,
}

/// Totals for one aircraft type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeTotal {
    /// Aircraft type id.
    pub aircraft: String,
    /// Role.
    pub role: String,
    /// Aircraft in rotation.
    pub in_rotation: u32,
    /// Sum of squadrons' fleets at confidence.
    pub fleet_at_confidence: Option<u32>,
    /// Aircraft the scenario gives.
    pub aircraft_count: u32,
}

/// The closed-form estimate for a whole scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimate {
    /// Scenario name.
    pub scenario: String,
    /// Confidence used for the binomial fleet.
    pub confidence: f64,
    /// Hand-over overlap, hours.
    pub overlap_h: f64,
    /// CAP stations.
    pub stations: Vec<StationEstimate>,
    /// Tanker tracks.
    pub tanker_tracks: Vec<TrackEstimate>,
    /// AEW&C orbits.
    pub aew_orbits: Vec<TrackEstimate>,
    /// QRA postures.
    pub qra: Vec<QraEstimate>,
    /// Sensor coverage of the front.
    pub coverage: SensorCoverage,
    /// Per squadron.
    pub squadrons: Vec<SquadronEstimate>,
    /// Per aircraft type.
    pub types: Vec<TypeTotal>,
    /// Whole force: aircraft in rotation.
    pub total_in_rotation: u32,
    /// Whole force: fleet at confidence (None if any squadron is infeasible).
    pub total_fleet_at_confidence: Option<u32>,
    /// Whole force: aircraft the scenario gives.
    pub total_aircraft_count: u32,
    /// The planner's stated simplifications.
    pub notes: Vec<String>,
}

const NOTES: [&str; 5] = [
    "A CAP station is flown by the nearest squadron that may serve it.",
    "Ground time is mean launch plus mean turnaround; maintenance enters through availability (the mission-capable share of the fleet).",
    "With a compatible tanker, time on station is the crew limit less transit, less the time away for fuel (both legs and the hook-up of each trip) unless the tanker track lies inside the station's patrol area; keeping the full element through those trips takes the sorties of a station relieved that much sooner.",
    "Fleet at confidence: the smallest fleet N whose available aircraft, Binomial(N, availability), cover the aircraft in rotation with at least the confidence.",
    "A QRA posture answers the violations entering the stretch of front nearest its base; its time off alert is how long an element is away after a scramble (or regenerating from spares).",
];

/// What each squadron's tasks add up to.
struct Tally {
    in_rotation: Vec<u32>,
    infeasible: Vec<bool>,
    sorties: Vec<f64>,
    flight_h: Vec<f64>,
}

impl Tally {
    fn new(squadrons: usize) -> Self {
        Self {
            in_rotation: vec![0; squadrons],
            infeasible: vec![false; squadrons],
            sorties: vec![0.0; squadrons],
            flight_h: vec![0.0; squadrons],
        }
    }

    /// Adds a task of squadron `sq`: its aircraft in rotation (`None` if no rotation works), its
    /// sorties and flight hours per day.
    fn add(&mut self, sq: usize, in_rotation: Option<u32>, sorties: f64, flight_h: f64) {
        match in_rotation {
            Some(n) => self.in_rotation[sq] += n,
            None => self.infeasible[sq] = true,
        }
        self.sorties[sq] += sorties;
        self.flight_h[sq] += flight_h;
    }
}

fn ground_h(t: &AircraftType) -> f64 {
    (t.launch_min.mean() + t.turnaround_min.mean()) / 60.0
}

/// Applies the closed-form formulas to `scenario`.
pub fn estimate(scenario: &Scenario) -> Estimate {
    let overlap_h = scenario.file.relief.overlap_min / 60.0;
    let confidence = scenario.file.targets.confidence;
    let n_sq = scenario.squadrons.len();
    let mut tally = Tally::new(n_sq);
    let mut track_demand = vec![0.0; scenario.tanker_tracks.len()];

    let mut stations = Vec::new();
    for st in &scenario.cap_stations {
        let Some(&sq) = st.squadrons.iter().min_by(|&&a, &&b| {
            let da = scenario.distance_from_base_km(a, &st.position);
            let db = scenario.distance_from_base_km(b, &st.position);
            da.total_cmp(&db)
        }) else {
            continue;
        };
        let t = scenario.squadron_type(sq);
        let d = scenario.distance_from_base_km(sq, &st.position);
        let t_tr = t.transit_h(d);
        let internal = t.on_station_internal_h(d);
        let tanker_ok = st.tanker_track.is_some_and(|k| {
            let tt = scenario.squadron_type(scenario.tanker_tracks[k].squadron);
            tt.tanker
                .as_ref()
                .is_some_and(|tp| t.receptacle.compatible_with(&tp.offload_systems))
        });
        let crew_h = t.max_sortie_h - 2.0 * t_tr;
        let with_aar = tanker_ok && crew_h > internal;
        let t_os = if with_aar { crew_h } else { internal };
        let aar_kg = if with_aar {
            (2.0 * t_tr * t.cruise_burn_kg_h + t_os * t.patrol_burn_kg_h - t.usable_fuel_kg())
                .max(0.0)
        } else {
            0.0
        };
        let (trips, away_h) = match (with_aar, st.tanker_track) {
            (true, Some(k)) => {
                let tr = &scenario.tanker_tracks[k];
                let tanker = scenario.squadron_type(tr.squadron).tanker.as_ref();
                let hookup_h = tanker.map_or(0.0, |tp| tp.hookup_min.mean() / 60.0);
                let bingo_kg = t.reserve_fuel_kg + t_tr * t.cruise_burn_kg_h;
                let per_trip = (t.fuel_kg - bingo_kg).max(0.0)
                    * (1.0 - scenario.file.relief.refuel_at_fuel_fraction);
                let trips = tanker_trips_per_sortie(aar_kg, per_trip);
                let leg_h = t.transit_h(st.position.distance_km(&tr.position));
                let away = if st.refuels_in_area {
                    0.0
                } else {
                    away_for_fuel_h(trips, leg_h, hookup_h)
                };
                (trips, away)
            }
            _ => (0, 0.0),
        };
        let t_on = t_os - away_h;
        let g = ground_h(t);
        let c = cycle_h(t_os, t_tr, g);
        let frac = st.required_fraction_of_day();
        let feasible = t_on > overlap_h;
        let spd = if feasible {
            sorties_per_day(st.element, t_on, overlap_h) * frac
        } else {
            0.0
        };
        let fh = flight_hours_per_day(spd, t_os, t_tr);
        let n = rotation_count(st.element, c, t_on, overlap_h);
        if let (true, Some(k), true) = (with_aar, st.tanker_track, t_os > overlap_h) {
            // The fuel taken per hour of station time does not change with the time away.
            track_demand[k] += sorties_per_day(st.element, t_os, overlap_h) * frac * aar_kg;
        }
        tally.add(sq, n, spd, fh);
        stations.push(StationEstimate {
            station: st.name.clone(),
            squadron: scenario.squadrons[sq].name.clone(),
            aircraft: scenario.types[scenario.squadrons[sq].aircraft].id.clone(),
            element: st.element,
            distance_km: d,
            transit_h: t_tr,
            on_station_internal_h: internal,
            on_station_h: t_os,
            with_aar,
            aar_fuel_per_sortie_kg: aar_kg,
            tanker_trips_per_sortie: trips,
            refuels_in_area: st.refuels_in_area,
            away_for_fuel_h: away_h,
            ground_h: g,
            cycle_h: c,
            relief_interval_h: t_on - overlap_h,
            required_fraction_of_day: frac,
            sorties_per_day: spd,
            flight_hours_per_day: fh,
            aircraft_lower_bound: if t_on > 0.0 {
                rotation_lower_bound(st.element, c, t_on)
            } else {
                f64::INFINITY
            },
            aircraft_in_rotation: n,
        });
    }

    let mut track_estimates =
        |tracks: &[crate::scenario::Track], demand: &[f64]| -> Vec<TrackEstimate> {
            tracks
                .iter()
                .enumerate()
                .map(|(i, tr)| {
                    let sq = tr.squadron;
                    let t = scenario.squadron_type(sq);
                    let d = scenario.distance_from_base_km(sq, &tr.position);
                    let t_tr = t.transit_h(d);
                    let demand_kg_day = demand.get(i).copied().unwrap_or(0.0);
                    // Fuel given per hour on track by each of the tankers required there.
                    let give_kg_h = demand_kg_day / 24.0 / f64::from(tr.required);
                    let fuel_h = (t.usable_fuel_kg() - 2.0 * t_tr * t.cruise_burn_kg_h)
                        / (t.patrol_burn_kg_h + give_kg_h);
                    let mut t_os = fuel_h.min(t.max_sortie_h - 2.0 * t_tr);
                    if let (Some(tp), true) = (&t.tanker, give_kg_h > 0.0) {
                        t_os = t_os.min(tp.max_offload_kg / give_kg_h);
                    }
                    let g = ground_h(t);
                    let c = cycle_h(t_os, t_tr, g);
                    let feasible = t_os > overlap_h;
                    let spd = if feasible {
                        sorties_per_day(tr.required, t_os, overlap_h)
                    } else {
                        0.0
                    };
                    let fh = flight_hours_per_day(spd, t_os, t_tr);
                    let n = rotation_count(tr.required, c, t_os, overlap_h);
                    tally.add(sq, n, spd, fh);
                    TrackEstimate {
                        track: tr.name.clone(),
                        squadron: scenario.squadrons[sq].name.clone(),
                        aircraft: scenario.types[scenario.squadrons[sq].aircraft].id.clone(),
                        required: tr.required,
                        distance_km: d,
                        transit_h: t_tr,
                        fuel_demand_kg_per_day: demand_kg_day,
                        on_station_h: t_os,
                        cycle_h: c,
                        sorties_per_day: spd,
                        flight_hours_per_day: fh,
                        aircraft_in_rotation: n,
                    }
                })
                .collect()
        };
    let tanker_tracks = track_estimates(&scenario.tanker_tracks, &track_demand);
    let aew_orbits = track_estimates(&scenario.aew_orbits, &[]);

    // Front samples, shared by the QRA split and the sensor coverage.
    let spacing_km = (scenario.front.length_km() / 2000.0).max(1.0);
    let samples = scenario.front.sample(spacing_km);
    let length = scenario.front.length_km();

    let qra_bases: Vec<_> = scenario
        .qra
        .iter()
        .map(|q| scenario.bases[scenario.squadrons[q.squadron].base].position)
        .collect();
    let mut share = vec![0.0; scenario.qra.len()];
    let mut dist_sum = vec![0.0; scenario.qra.len()];
    for (_, p, w) in &samples {
        let nearest = qra_bases
            .iter()
            .enumerate()
            .map(|(i, b)| (i, b.distance_km(p)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, d)) = nearest {
            share[i] += w / length;
            dist_sum[i] += w * d;
        }
    }
    let rate = scenario.violations.as_ref().map_or(0.0, |v| v.rate_per_day);
    let shadow_h = scenario
        .violations
        .as_ref()
        .map_or(0.0, |v| v.shadow_min.mean() / 60.0);
    let qra = scenario
        .qra
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let sq = q.squadron;
            let t = scenario.squadron_type(sq);
            let mean_d = if share[i] > 0.0 {
                dist_sum[i] / (share[i] * length)
            } else {
                0.0
            };
            let dash = t
                .fighter
                .as_ref()
                .map_or(t.cruise_speed_kmh, |f| f.dash_speed_kmh);
            let readiness_h = q.readiness_min.mean() / 60.0;
            let sortie_h = readiness_h
                + mean_d / dash
                + shadow_h
                + mean_d / t.cruise_speed_kmh
                + t.turnaround_min.mean() / 60.0;
            let spares = scenario.squadrons[sq]
                .aircraft_count
                .saturating_sub(q.on_alert);
            let (service_h, basis) = if q.spares_regenerate && spares >= q.scramble_size {
                (
                    q.regenerate_min.mean() / 60.0,
                    "regeneration from spares".to_string(),
                )
            } else {
                (
                    sortie_h,
                    "readiness + dash out + shadow + cruise back + turnaround".to_string(),
                )
            };
            let elements = q.on_alert / q.scramble_size;
            let lambda_day = rate * share[i];
            let load = lambda_day / 24.0 * service_h;
            // Every violation this posture answers scrambles one element.
            let scrambles = lambda_day * f64::from(q.scramble_size);
            let scramble_h = mean_d / dash + shadow_h + mean_d / t.cruise_speed_kmh;
            tally.add(sq, Some(q.on_alert), scrambles, scrambles * scramble_h);
            QraEstimate {
                qra: q.name.clone(),
                squadron: scenario.squadrons[sq].name.clone(),
                on_alert: q.on_alert,
                elements,
                violations_per_day: lambda_day,
                mean_distance_km: mean_d,
                service_h,
                service_basis: basis,
                offered_load: load,
                no_alert_fraction: erlang_b(elements, load),
                mean_reaction_min: (readiness_h + mean_d / dash) * 60.0,
            }
        })
        .collect();

    // Sensor coverage: every orbit manned.
    let mut sensors: Vec<(crate::geo::LatLon, f64, f64)> = Vec::new();
    for o in &scenario.aew_orbits {
        if let Some(a) = &scenario.squadron_type(o.squadron).aew {
            sensors.push((o.position, a.radar_range_km, a.orbit_altitude_m));
        }
    }
    for r in &scenario.ground_radars {
        sensors.push((r.position, r.range_km, r.antenna_height_m));
    }
    let covered = |target_m: f64| -> f64 {
        samples
            .iter()
            .filter(|(_, p, _)| {
                sensors.iter().any(|(pos, range, h)| {
                    pos.distance_km(p) <= coverage_radius_km(*range, *h, target_m)
                })
            })
            .fold(0.0, |acc, (_, _, w)| acc + w)
            / length
    };
    let coverage = SensorCoverage {
        low_target_m: scenario.file.front.low_target_m,
        high_target_m: scenario.file.front.high_target_m,
        front_coverage_low: covered(scenario.file.front.low_target_m),
        front_coverage_high: covered(scenario.file.front.high_target_m),
    };

    let squadrons: Vec<SquadronEstimate> = scenario
        .squadrons
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let t = scenario.squadron_type(i);
            let n = tally.in_rotation[i];
            let u = if n > 0 {
                tally.flight_h[i] / f64::from(n)
            } else {
                0.0
            };
            let a = t.availability_fraction(u);
            let at_conf = if tally.infeasible[i] {
                None
            } else {
                fleet_for_confidence(n, a, confidence)
            };
            SquadronEstimate {
                squadron: s.name.clone(),
                aircraft: scenario.types[s.aircraft].id.clone(),
                role: t.role().as_str().to_string(),
                in_rotation: n,
                infeasible: tally.infeasible[i],
                flight_hours_per_day: tally.flight_h[i],
                sorties_per_day: tally.sorties[i],
                availability: a,
                fleet_by_division: if tally.infeasible[i] {
                    None
                } else {
                    fleet_by_division(n, a)
                },
                fleet_at_confidence: at_conf,
                aircraft_count: s.aircraft_count,
                utilisation_h_per_aircraft_day: at_conf
                    .filter(|&f| f > 0)
                    .map(|f| tally.flight_h[i] / f64::from(f)),
            }
        })
        .collect();

    let mut types: Vec<TypeTotal> = Vec::new();
    for s in &squadrons {
        match types.iter_mut().find(|t| t.aircraft == s.aircraft) {
            Some(t) => {
                t.in_rotation += s.in_rotation;
                t.fleet_at_confidence = t
                    .fleet_at_confidence
                    .zip(s.fleet_at_confidence)
                    .map(|(a, b)| a + b);
                t.aircraft_count += s.aircraft_count;
            }
            None => types.push(TypeTotal {
                aircraft: s.aircraft.clone(),
                role: s.role.clone(),
                in_rotation: s.in_rotation,
                fleet_at_confidence: s.fleet_at_confidence,
                aircraft_count: s.aircraft_count,
            }),
        }
    }
    let roles = [Role::Fighter, Role::Tanker, Role::Aew];
    types.sort_by_key(|t| roles.iter().position(|r| r.as_str() == t.role));

    Estimate {
        scenario: scenario.file.scenario.name.clone(),
        confidence,
        overlap_h,
        total_in_rotation: squadrons.iter().map(|s| s.in_rotation).sum(),
        total_fleet_at_confidence: squadrons.iter().map(|s| s.fleet_at_confidence).sum(),
        total_aircraft_count: squadrons.iter().map(|s| s.aircraft_count).sum(),
        stations,
        tanker_tracks,
        aew_orbits,
        qra,
        coverage,
        squadrons,
        types,
        notes: NOTES.iter().map(|s| s.to_string()).collect(),
    }
}
