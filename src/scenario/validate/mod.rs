//! From a parsed [`ScenarioFile`] to a validated [`Scenario`]: references resolved to indices,
//! aircraft types merged over the catalog, stations placed, every number checked.

//!
//! One file per table, called in the order below; the checks they share are the [`Checker`]'s.

mod aircraft;
mod checker;
mod frame;
mod posts;
mod violations;

pub(crate) use checker::Checker;

use super::error::{Diagnostic, Locator, Severity};
use super::file::*;
use crate::catalog::AircraftType;
use crate::dist::Dist;
use crate::geo::{Front, LatLon};

/// An airfield.
#[derive(Debug, Clone, PartialEq)]
pub struct Base {
    /// Name.
    pub name: String,
    /// ICAO code, if given.
    pub icao: Option<String>,
    /// Position.
    pub position: LatLon,
}

/// An aircraft type used by the scenario, with its id.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedType {
    /// Id (`typhoon`, or one defined in the scenario).
    pub id: String,
    /// Performance, after the scenario's overrides.
    pub spec: AircraftType,
}

/// A squadron: aircraft of one type at one base.
#[derive(Debug, Clone, PartialEq)]
pub struct Squadron {
    /// Name.
    pub name: String,
    /// Index into [`Scenario::types`].
    pub aircraft: usize,
    /// Index into [`Scenario::bases`].
    pub base: usize,
    /// Number of aircraft.
    pub aircraft_count: u32,
}

/// A CAP station, placed.
#[derive(Debug, Clone, PartialEq)]
pub struct CapStation {
    /// Name.
    pub name: String,
    /// Position.
    pub position: LatLon,
    /// Fighters required on station at once.
    pub element: u32,
    /// Indices into [`Scenario::squadrons`], in the order given.
    pub squadrons: Vec<usize>,
    /// Index into [`Scenario::tanker_tracks`].
    pub tanker_track: Option<usize>,
    /// Hours of the day `[start, end)` when required; always when `None`.
    pub hours: Option<[f64; 2]>,
    /// Radius of the patrol area, km (0: the point).
    pub area_radius_km: f64,
    /// Whether its tanker track lies inside its patrol area, so that a fighter refuelling there
    /// stays on station.
    pub refuels_in_area: bool,
    /// Index of the `[[cap_stations]]` entry it came from.
    pub entry: usize,
}

impl CapStation {
    /// Fraction of the day the station is required.
    pub fn required_fraction_of_day(&self) -> f64 {
        match self.hours {
            None => 1.0,
            Some([start, end]) => ((end - start).rem_euclid(24.0)) / 24.0,
        }
    }
}

/// A QRA posture.
#[derive(Debug, Clone, PartialEq)]
pub struct Qra {
    /// Name.
    pub name: String,
    /// Index into [`Scenario::squadrons`]; alert is held at its base.
    pub squadron: usize,
    /// Aircraft on alert at once.
    pub on_alert: u32,
    /// Order to airborne, minutes.
    pub readiness_min: Dist,
    /// Aircraft per scramble.
    pub scramble_size: u32,
    /// Time to put a spare on alert after a launch, minutes.
    pub regenerate_min: Dist,
    /// Whether spares regenerate the alert.
    pub spares_regenerate: bool,
    /// Time for a ready spare to replace an alert aircraft that goes unserviceable, minutes.
    pub swap_min: Dist,
    /// Wear of an aircraft on alert as a fraction of its squadron's flying programme's.
    pub alert_wear: f64,
    /// Share of the squadron's down periods that are scheduled, and so done on a spare.
    pub scheduled_share: f64,
}

/// A tanker track or an AEW&C orbit: a position manned by a squadron.
#[derive(Debug, Clone, PartialEq)]
pub struct Track {
    /// Name.
    pub name: String,
    /// Position.
    pub position: LatLon,
    /// Index into [`Scenario::squadrons`].
    pub squadron: usize,
    /// Aircraft required at once.
    pub required: u32,
}

/// A kind of violator, with `toward` resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct ViolatorType {
    /// As written.
    pub spec: ViolatorTypeSpec,
    /// Indices into [`Scenario::points`].
    pub toward: Vec<usize>,
}

/// The violations, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Violations {
    /// Mean arrivals per day.
    pub rate_per_day: f64,
    /// Multiplier per hour of the day (all 1 when not given).
    pub hourly_multipliers: [f64; 24],
    /// Surge windows.
    pub surges: Vec<SurgeSpec>,
    /// Entry probability per sector, summing to 1.
    pub sector_weights: Vec<f64>,
    /// Detection to response order, minutes.
    pub c2_delay_min: Dist,
    /// Shadowing after intercept, minutes.
    pub shadow_min: Dist,
    /// Minutes between orders of the response while no one can intercept (`None`: once).
    pub retry_min: Option<f64>,
    /// Which responder takes a violation.
    pub responder: crate::scenario::file::ResponderRule,
    /// Fighters kept for violators faster than this, km/h.
    pub fighters_above_kmh: Option<f64>,
    /// Violator kinds.
    pub types: Vec<ViolatorType>,
    /// Raids, each with its type resolved.
    pub raids: Vec<Raid>,
}

/// A raid, checked: its spec and the index of its violator type in [`Violations::types`].
#[derive(Debug, Clone, PartialEq)]
pub struct Raid {
    /// As written.
    pub spec: RaidSpec,
    /// Index of its type.
    pub kind: usize,
    /// The stretch of front it crosses, km from the first point.
    pub from_km: f64,
    /// Its end, km.
    pub to_km: f64,
}

/// A validated scenario: everything resolved and checked, ready for the planner and the engine.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// The file as parsed (for round trips, reports and sweeps).
    pub file: ScenarioFile,
    /// Where it came from: a path or `bundled:NAME`.
    pub origin: String,
    /// Simulated time per replication, hours.
    pub duration_h: f64,
    /// Warm-up, hours.
    pub warmup_h: f64,
    /// The front.
    pub front: Front,
    /// Airfields.
    pub bases: Vec<Base>,
    /// Aircraft types used by squadrons, in order of first use.
    pub types: Vec<NamedType>,
    /// Squadrons.
    pub squadrons: Vec<Squadron>,
    /// CAP stations after automatic placement.
    pub cap_stations: Vec<CapStation>,
    /// QRA postures.
    pub qra: Vec<Qra>,
    /// Tanker tracks.
    pub tanker_tracks: Vec<Track>,
    /// AEW&C orbits.
    pub aew_orbits: Vec<Track>,
    /// Ground radars.
    pub ground_radars: Vec<GroundRadarSpec>,
    /// Named points.
    pub points: Vec<PointSpec>,
    /// Violations, if any.
    pub violations: Option<Violations>,
    /// Warnings found while validating.
    pub warnings: Vec<Diagnostic>,
}

impl Scenario {
    /// The type of squadron `s`.
    pub fn squadron_type(&self, s: usize) -> &AircraftType {
        &self.types[self.squadrons[s].aircraft].spec
    }

    /// Distance in km from squadron `s`'s base to `p`.
    pub fn distance_from_base_km(&self, s: usize, p: &LatLon) -> f64 {
        self.bases[self.squadrons[s].base].position.distance_km(p)
    }
}

fn track_names(v: &[Track]) -> Vec<&str> {
    v.iter().map(|x| x.name.as_str()).collect()
}

/// Validates a parsed file. `locator` turns paths into lines and columns when the text is known.
pub(crate) fn validate(
    file: ScenarioFile,
    origin: &str,
    locator: Option<&Locator>,
) -> Result<Scenario, Vec<Diagnostic>> {
    let mut c = Checker::new(origin, locator);
    let c = &mut c;
    frame::scenario(c, &file);
    let front = frame::front(c, &file);
    frame::list_limits(c, &file);
    frame::names(c, &file);
    let bases = frame::bases(c, &file);
    let fleet = aircraft::squadrons(c, &file, &bases);
    frame::relief(c, &file);
    frame::sustainment(c, &file);
    aircraft::caps(c, &file, &fleet);
    let (tanker_tracks, aew_orbits) = posts::tracks_and_orbits(c, &file, &bases, &fleet);
    let cap_stations =
        posts::cap_stations(c, &file, front.as_ref(), &bases, &fleet, &tanker_tracks);
    let qra = posts::qra(c, &file, &fleet);
    posts::radars_and_points(c, &file);
    let violations = violations::violations(c, &file, front.as_ref().map(|f| f.length_km()));
    let stations: Vec<&str> = cap_stations.iter().map(|x| x.name.as_str()).collect();
    let postures: Vec<&str> = qra.iter().map(|x| x.name.as_str()).collect();
    let defended: Vec<&str> = file
        .points
        .iter()
        .filter(|p| p.defend_radius_km.is_some())
        .map(|p| p.name.as_str())
        .collect();
    let metric_names = TargetsSpec::metric_names(
        &stations,
        &track_names(&aew_orbits),
        &track_names(&tanker_tracks),
        &postures,
        &defended,
    );
    violations::targets(c, &file, &metric_names);
    if c.has_errors() {
        let mut d = std::mem::take(&mut c.diagnostics);
        d.sort_by_key(|x| (x.severity != Severity::Error, x.line, x.column));
        return Err(d);
    }
    let front = front.expect("no errors means the front was built");
    Ok(Scenario {
        origin: origin.to_string(),
        duration_h: file.scenario.duration_days * 24.0,
        warmup_h: file.scenario.warmup_days * 24.0,
        front,
        bases,
        types: fleet.types,
        squadrons: fleet.squadrons,
        cap_stations,
        qra,
        tanker_tracks,
        aew_orbits,
        ground_radars: file.ground_radars.clone(),
        points: file.points.clone(),
        violations,
        warnings: std::mem::take(&mut c.diagnostics),
        file,
    })
}
