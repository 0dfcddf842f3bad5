//! The scenario file format: plain serde structs that mirror the TOML, one struct per table.
//!
//! Every table refuses unknown keys; every unit is in the key's name. [`super::Scenario`] is the
//! validated form. The commented reference scenario, `scenarios/reference.toml`, shows every key:
//!
//! ```toml
#![doc = include_str!("../../scenarios/reference.toml")]
//! ```

use crate::dist::Dist;
use crate::geo::{LatLon, Side};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod violations;
pub use violations::*;

/// A whole scenario file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// `[scenario]`: name, description, duration and warm-up.
    pub scenario: MetaSpec,
    /// `[front]`: the line to police.
    pub front: FrontSpec,
    /// `[[bases]]`: airfields.
    #[serde(default)]
    pub bases: Vec<BaseSpec>,
    /// `[[aircraft]]`: overrides of built-in types and new types, as raw tables merged over the
    /// catalog (see [`crate::catalog::AircraftType`] for the keys).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aircraft: Vec<toml::Table>,
    /// `[[squadrons]]`: aircraft of one type at one base.
    #[serde(default)]
    pub squadrons: Vec<SquadronSpec>,
    /// `[relief]`: how CAP elements are relieved and when fighters refuel.
    #[serde(default)]
    pub relief: ReliefSpec,
    /// `[[cap_stations]]`: standing patrols.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cap_stations: Vec<CapStationSpec>,
    /// `[[qra]]`: quick reaction alert postures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub qra: Vec<QraSpec>,
    /// `[[tanker_tracks]]`: air-to-air refuelling tracks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tanker_tracks: Vec<TankerTrackSpec>,
    /// `[[aew_orbits]]`: AEW&C orbits.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aew_orbits: Vec<AewOrbitSpec>,
    /// `[[ground_radars]]`: fixed radars.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ground_radars: Vec<GroundRadarSpec>,
    /// `[[air_defence]]`: ground-based air-defence sites.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub air_defence: Vec<AirDefenceSpec>,
    /// `[[points]]`: named places violators may head for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<PointSpec>,
    /// `[violations]`: the airspace violations to answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub violations: Option<ViolationsSpec>,
    /// `[targets]`: the standard a replication must meet, and the confidence asked of sizing.
    #[serde(default)]
    pub targets: TargetsSpec,
    /// `[sustainment]`: the horizon, rotation and crew rules of the sustainment account.
    #[serde(default)]
    pub sustainment: SustainmentSpec,
    /// `[fleet_caps]`: aircraft type id → how many the coalition owns to lend; sizing never asks
    /// for more of a type than its cap, over all the squadrons that fly it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fleet_caps: BTreeMap<String, u32>,
}

/// `[scenario]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetaSpec {
    /// Short name.
    pub name: String,
    /// What the scenario represents, for the reader.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Simulated time per replication, days.
    pub duration_days: f64,
    /// Time discarded at the start before metrics are measured, days.
    #[serde(default)]
    pub warmup_days: f64,
}

fn default_sectors() -> u32 {
    4
}
fn default_low_target_m() -> f64 {
    100.0
}
fn default_high_target_m() -> f64 {
    8000.0
}

/// `[front]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontSpec {
    /// Vertices as `[lat, lon]` in degrees, in order along the line.
    pub points: Vec<LatLon>,
    /// The protected side, looking from the first point toward the last: `"left"` or `"right"`.
    pub protected_side: Side,
    /// Number of equal-length sectors for per-sector results and entry weights.
    #[serde(default = "default_sectors")]
    pub sectors: u32,
    /// A name per sector, from the first point, for the tables and reports (the metrics keep
    /// their `[sector k]` names); numbered when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector_names: Option<Vec<String>>,
    /// Altitude of the "low" target for sensor coverage, metres.
    #[serde(default = "default_low_target_m")]
    pub low_target_m: f64,
    /// Altitude of the "high" target for sensor coverage, metres.
    #[serde(default = "default_high_target_m")]
    pub high_target_m: f64,
}

/// `[[bases]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaseSpec {
    /// Name, used by squadrons (the ICAO code works too).
    pub name: String,
    /// ICAO code, optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icao: Option<String>,
    /// `[lat, lon]`, degrees.
    pub position: LatLon,
}

/// `[[squadrons]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SquadronSpec {
    /// Name, used by stations, tracks, orbits and QRA postures.
    pub name: String,
    /// Aircraft type id: a built-in (`typhoon`, `kc46`, …) or one defined in `[[aircraft]]`.
    pub aircraft: String,
    /// Home base, by name or ICAO code.
    pub base: String,
    /// Number of aircraft (sizing changes it).
    pub aircraft_count: u32,
    /// Deploy-to-dwell ratio 1:D as D: months at home per month deployed (default
    /// `[sustainment] dwell_ratio`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dwell_ratio: Option<f64>,
    /// Length of a unit's tour, months (default `[sustainment] tour_months`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tour_months: Option<f64>,
    /// Share of its type's yearly programme each aircraft flies in training on top of the
    /// mission, in [0, 1] (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training_share: Option<f64>,
    /// Aircraft kept beyond the line — training units, test, depot overhaul, attrition
    /// reserve — as a share of the aircraft the line needs, in [0, 3] (default 0); the account
    /// commits them on top of the largest pool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_share: Option<f64>,
    /// Crews the squadron has deployed; each launch needs a rested one (docs/model.md,
    /// sustainment). Without `crews` or `crew_ratio` launches need no crew.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crews: Option<u32>,
    /// Crews per aircraft: the squadron has `ceil(crew_ratio × aircraft_count)` crews, so that
    /// sizing grows them with the aircraft. Not with `crews`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crew_ratio: Option<f64>,
    /// Weapons each aircraft carries on a sortie: every violator it shoots down spends one, and
    /// with none left it is no longer a responder and goes home. Absent: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missiles: Option<u32>,
    /// Cost of one of those weapons, US dollars (for the cost per kill; default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missile_cost_usd: Option<f64>,
}

/// How CAP elements are relieved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReliefMode {
    /// The whole element is relieved together (the default).
    #[default]
    Element,
    /// Each aircraft is relieved on its own.
    Individual,
}

fn default_overlap_min() -> f64 {
    10.0
}
fn default_refuel_fraction() -> f64 {
    0.35
}

/// `[relief]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReliefSpec {
    /// Hand-over overlap: the relief arrives this long before the element must leave, minutes.
    #[serde(default = "default_overlap_min")]
    pub overlap_min: f64,
    /// `"element"` or `"individual"`.
    #[serde(default)]
    pub mode: ReliefMode,
    /// A fighter on a station with a compatible tanker heads for it when its fuel above bingo
    /// (what it needs to get home plus its reserve) falls to this fraction of the margin a full
    /// tank would give there, plus the fuel for the leg to the tanker; in (0, 1). A fighter that
    /// would arrive below that takes fuel on the way out.
    #[serde(default = "default_refuel_fraction")]
    pub refuel_at_fuel_fraction: f64,
    /// A planning margin for the aircraft that support the fighters: tanker and AEW reliefs are
    /// planned to arrive this much before the overlap, so that the spread of offload, fuel use
    /// and transit does not leave a track or orbit empty, minutes (default 0).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub support_margin_min: f64,
}

impl Default for ReliefSpec {
    fn default() -> Self {
        Self {
            overlap_min: default_overlap_min(),
            mode: ReliefMode::default(),
            refuel_at_fuel_fraction: default_refuel_fraction(),
            support_margin_min: 0.0,
        }
    }
}

/// Automatic placement of CAP stations along the front.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlongFrontSpec {
    /// Number of stations, evenly spaced (give this or `spacing_km`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Distance between stations along the front, km (give this or `count`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spacing_km: Option<f64>,
    /// How far behind the front, on the protected side, km.
    pub standoff_km: f64,
}

fn default_element() -> u32 {
    2
}

/// `[[cap_stations]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapStationSpec {
    /// Name; stations placed along the front get `-1`, `-2`, … appended.
    pub name: String,
    /// `[lat, lon]`, degrees (give this or `along_front`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<LatLon>,
    /// Place stations along the front instead (give this or `position`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub along_front: Option<AlongFrontSpec>,
    /// Fighters required on station at once.
    #[serde(default = "default_element")]
    pub element: u32,
    /// Squadrons that may serve the station.
    pub squadrons: Vec<String>,
    /// Tanker track that serves the station, optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tanker_track: Option<String>,
    /// Hours of the day `[start, end]` when the station is required (may wrap past midnight);
    /// always when absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "start_and_end"
    )]
    pub hours: Option<[f64; 2]>,
    /// Radius of the station's patrol area around its position, km. A tanker track inside the
    /// area refuels the station's fighters without taking them off station; absent: the area
    /// is the point, and every trip to the tanker is time off station.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_radius_km: Option<f64>,
}

/// `[start, end]`: exactly two numbers (a third is not dropped in silence).
fn start_and_end<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<[f64; 2]>, D::Error> {
    let v: Vec<f64> = Vec::deserialize(d)?;
    match v[..] {
        [a, b] => Ok(Some([a, b])),
        _ => Err(serde::de::Error::custom(format!(
            "hours are [start, end], two numbers; got {} numbers",
            v.len()
        ))),
    }
}

fn default_true() -> bool {
    true
}
fn default_readiness() -> Dist {
    Dist::Fixed(15.0)
}

/// `[[qra]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QraSpec {
    /// Name.
    pub name: String,
    /// The squadron holding alert; it stands alert at its home base.
    pub squadron: String,
    /// Aircraft on alert at once.
    pub on_alert: u32,
    /// From the order to airborne, minutes (NATO RS-15: 15).
    #[serde(default = "default_readiness")]
    pub readiness_min: Dist,
    /// Aircraft launched per scramble.
    #[serde(default = "default_element")]
    pub scramble_size: u32,
    /// After a launch, time to put a ready spare on alert, minutes.
    pub regenerate_min: Dist,
    /// Whether ready spares of the squadron replace launched or broken alert aircraft at once;
    /// otherwise the alert is restored only as aircraft come back ready.
    #[serde(default = "default_true")]
    pub spares_regenerate: bool,
    /// When an aircraft on alert goes unserviceable, time for a ready spare to take its place,
    /// minutes (default: `regenerate_min`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub swap_min: Option<Dist>,
    /// How fast an aircraft parked on alert wears, as a fraction of the wear of its squadron's
    /// flying programme: its `mc_rate` clock runs at this rate while it is on alert. In [0, 1],
    /// default 1. (Failures per flight hour accrue only in flight, whatever this is.)
    #[serde(default = "default_unit", skip_serializing_if = "is_unit")]
    pub alert_wear: f64,
    /// Share of the squadron's down periods (`mc_rate` model) that are scheduled maintenance. A
    /// scheduled period that falls due on an aircraft on alert is done on a spare: a ready spare
    /// takes its place first, and while none is ready the work waits. In [0, 1], default 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub scheduled_share: f64,
}

fn default_unit() -> f64 {
    1.0
}
fn is_unit(v: &f64) -> bool {
    *v == 1.0
}
fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

fn default_one() -> u32 {
    1
}

/// `[[tanker_tracks]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TankerTrackSpec {
    /// Name, used by CAP stations.
    pub name: String,
    /// `[lat, lon]`, degrees.
    pub position: LatLon,
    /// The tanker squadron.
    pub squadron: String,
    /// Tankers required on the track at once.
    #[serde(default = "default_one")]
    pub on_track: u32,
}

/// `[[aew_orbits]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AewOrbitSpec {
    /// Name.
    pub name: String,
    /// `[lat, lon]`, degrees.
    pub position: LatLon,
    /// The AEW&C squadron.
    pub squadron: String,
    /// Aircraft required on the orbit at once.
    #[serde(default = "default_one")]
    pub on_orbit: u32,
}

/// `[[ground_radars]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroundRadarSpec {
    /// Name.
    pub name: String,
    /// `[lat, lon]`, degrees.
    pub position: LatLon,
    /// Antenna height above the ground, metres.
    pub antenna_height_m: f64,
    /// Instrumented range, km.
    pub range_km: f64,
}

fn default_confidence() -> f64 {
    0.9
}

/// `[targets]`: every key is optional; a replication meets the standard when it reaches each
/// target given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetsSpec {
    /// Minimum fraction of time all CAP stations are fully manned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap_coverage: Option<f64>,
    /// Minimum fraction of time every CAP station has at least one fighter on station.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap_presence: Option<f64>,
    /// Minimum fraction of its required time the worst CAP station of a replication has its full
    /// element on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worst_station_coverage: Option<f64>,
    /// Minimum fraction of its required time the worst CAP station of a replication has at least
    /// one fighter on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worst_station_presence: Option<f64>,
    /// Minimum fraction of time the AEW orbits are all manned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aew_coverage: Option<f64>,
    /// Minimum fraction of time the tanker tracks are all manned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tanker_coverage: Option<f64>,
    /// Minimum fraction of time the QRA postures hold their alert count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qra_coverage: Option<f64>,
    /// Minimum time-averaged fraction of the front covered against the low target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub front_coverage_low: Option<f64>,
    /// Target response time from crossing the front to intercept, minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_time_min: Option<f64>,
    /// Minimum fraction of violations intercepted within `response_time_min`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intercept_within_target: Option<f64>,
    /// Minimum fraction of the violators that head within a defended point's radius that are
    /// intercepted before they reach it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points_defended: Option<f64>,
    /// Fraction of replications that must meet the standard when sizing, in (0, 1).
    #[serde(default = "default_confidence")]
    pub confidence: f64,
    /// `[targets.metrics]`: minimums of single posts' time fractions by metric name, e.g.
    /// `"station_presence[Kharkiv]" = 0.95` (see [`TargetsSpec::metric_names`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metrics: BTreeMap<String, f64>,
}

impl Default for TargetsSpec {
    fn default() -> Self {
        Self {
            cap_coverage: None,
            cap_presence: None,
            worst_station_coverage: None,
            worst_station_presence: None,
            aew_coverage: None,
            tanker_coverage: None,
            qra_coverage: None,
            front_coverage_low: None,
            response_time_min: None,
            intercept_within_target: None,
            points_defended: None,
            confidence: default_confidence(),
            metrics: BTreeMap::new(),
        }
    }
}

impl TargetsSpec {
    /// Each metric with a key of its own in `[targets]`, with the minimum the file sets (if any),
    /// in a fixed order.
    pub fn scalar_minimums(&self) -> [(&'static str, Option<f64>); 10] {
        [
            ("cap_coverage", self.cap_coverage),
            ("cap_presence", self.cap_presence),
            ("worst_station_coverage", self.worst_station_coverage),
            ("worst_station_presence", self.worst_station_presence),
            ("aew_coverage", self.aew_coverage),
            ("tanker_coverage", self.tanker_coverage),
            ("qra_coverage", self.qra_coverage),
            ("front_coverage_low", self.front_coverage_low),
            ("intercept_within_target", self.intercept_within_target),
            ("points_defended", self.points_defended),
        ]
    }

    /// Every minimum the file sets, by metric name: the keys of `[targets]` in a fixed order,
    /// then the entries of `[targets.metrics]` in name order.
    pub fn minimums(&self) -> Vec<(String, f64)> {
        self.scalar_minimums()
            .into_iter()
            .filter_map(|(name, goal)| goal.map(|g| (name.to_string(), g)))
            .chain(self.metrics.iter().map(|(n, g)| (n.clone(), *g)))
            .collect()
    }

    /// The metric names `[targets.metrics]` accepts, given the names of a scenario's CAP
    /// stations, AEW orbits, tanker tracks, QRA postures and defended points: each post's time
    /// fraction, the worst station's when there are stations, and each defended point's share of
    /// violators stopped before it.
    pub fn metric_names(
        stations: &[&str],
        orbits: &[&str],
        tracks: &[&str],
        qra: &[&str],
        defended: &[&str],
    ) -> Vec<String> {
        let mut out = Vec::new();
        if !stations.is_empty() {
            out.push("worst_station_coverage".to_string());
            out.push("worst_station_presence".to_string());
        }
        for (kind, names) in [
            ("station_coverage", stations),
            ("station_presence", stations),
            ("aew_coverage", orbits),
            ("tanker_coverage", tracks),
            ("qra_coverage", qra),
            ("point_defended", defended),
        ] {
            out.extend(names.iter().map(|n| format!("{kind}[{n}]")));
        }
        out
    }
}

/// `[sustainment]`: what the sustainment account assumes (docs/model.md, sustainment). Every
/// key is optional; the defaults are the published planning figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SustainmentSpec {
    /// How long the mission must be held, years.
    #[serde(default = "default_horizon_years")]
    pub horizon_years: f64,
    /// Deploy-to-dwell ratio 1:D as D, for squadrons that do not set their own (USAF combat
    /// air forces plan 1:3).
    #[serde(default = "default_dwell_ratio")]
    pub dwell_ratio: f64,
    /// Tour length, months, for squadrons that do not set their own (USAF 179-day tours).
    #[serde(default = "default_tour_months")]
    pub tour_months: f64,
    /// Rest a crew has between duty periods, hours.
    #[serde(default = "default_rest_h")]
    pub rest_h: f64,
    /// Longest duty period, hours (an alert shift is one).
    #[serde(default = "default_crew_day_h")]
    pub crew_day_h: f64,
    /// Duty before and after each sortie (briefing, walk, debriefing), hours.
    #[serde(default = "default_duty_extra_h")]
    pub duty_extra_h: f64,
    /// Duty periods a crew member may serve in a week.
    #[serde(default = "default_duties_per_week")]
    pub duties_per_week: f64,
    /// Money the nations will spend a year on the mission's flying, US dollars (none: no
    /// budget to compare with).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_budget_usd: Option<f64>,
}

fn default_horizon_years() -> f64 {
    3.0
}
fn default_dwell_ratio() -> f64 {
    3.0
}
fn default_tour_months() -> f64 {
    6.0
}
fn default_rest_h() -> f64 {
    12.0
}
fn default_crew_day_h() -> f64 {
    12.0
}
fn default_duty_extra_h() -> f64 {
    3.0
}
fn default_duties_per_week() -> f64 {
    5.0
}

impl Default for SustainmentSpec {
    fn default() -> Self {
        Self {
            horizon_years: default_horizon_years(),
            dwell_ratio: default_dwell_ratio(),
            tour_months: default_tour_months(),
            rest_h: default_rest_h(),
            crew_day_h: default_crew_day_h(),
            duty_extra_h: default_duty_extra_h(),
            duties_per_week: default_duties_per_week(),
            annual_budget_usd: None,
        }
    }
}

impl ScenarioFile {
    /// The file as TOML text (comments are not kept).
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("a scenario file always serialises")
    }
}
