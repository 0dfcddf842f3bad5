//! The aircraft catalog: fighters, tankers and AEW&C types with their performance, turnaround and
//! availability, each number with its source.
//!
//! The built-in catalog lives in `catalog.toml` beside this file and is compiled into the crate. A
//! scenario overrides fields of a built-in type or adds a new one with `[[aircraft]]` entries
//! (see [`crate::scenario`]).

use crate::dist::Dist;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Shortest mean down time or repair, hours (a minute): shorter periods are not maintenance, and
/// an aircraft that fails and recovers that fast makes a replication's events grow without end.
/// Also `scenario::limits::MIN_DOWN_H`.
pub const MIN_DOWN_H: f64 = 1.0 / 60.0;
/// The text of the built-in catalog.
pub const BUILTIN_CATALOG_TOML: &str = include_str!("catalog.toml");

/// What an aircraft type does in the posture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Flies CAP and QRA, intercepts violators.
    Fighter,
    /// Gives fuel on a tanker track.
    Tanker,
    /// Airborne early warning and control: flies an orbit and detects violators.
    Aew,
}

impl Role {
    /// The role's name in scenario files and tables.
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Fighter => "fighter",
            Role::Tanker => "tanker",
            Role::Aew => "aew",
        }
    }
}

/// How an aircraft takes fuel in the air.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Receptacle {
    /// A receptacle for a flying boom.
    Boom,
    /// A probe for a hose-and-drogue.
    Probe,
    /// Cannot refuel in the air.
    #[default]
    None,
}

/// How a tanker gives fuel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OffloadSystem {
    /// A flying boom, for receivers with a boom receptacle.
    Boom,
    /// A hose-and-drogue, for receivers with a probe.
    Drogue,
}

impl OffloadSystem {
    /// The system's name in scenario files.
    pub fn as_str(&self) -> &'static str {
        match self {
            OffloadSystem::Boom => "boom",
            OffloadSystem::Drogue => "drogue",
        }
    }
}

impl Receptacle {
    /// "a boom", "a probe" or "no", for sentences.
    pub fn with_article(&self) -> &'static str {
        match self {
            Receptacle::Boom => "a boom",
            Receptacle::Probe => "a probe",
            Receptacle::None => "no",
        }
    }

    /// Whether a receiver with this receptacle can take fuel from a tanker offering `systems`.
    pub fn compatible_with(&self, systems: &[OffloadSystem]) -> bool {
        match self {
            Receptacle::Boom => systems.contains(&OffloadSystem::Boom),
            Receptacle::Probe => systems.contains(&OffloadSystem::Drogue),
            Receptacle::None => false,
        }
    }
}

/// How often an aircraft is mission capable (docs/model.md, aircraft and availability).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "model", rename_all = "snake_case", deny_unknown_fields)]
pub enum Availability {
    /// Never breaks: the deterministic limit.
    Perfect,
    /// Up and down periods alternate so that the long-run fraction up equals `mc_rate`.
    McRate {
        /// Long-run fraction of time mission capable, in (0, 1].
        mc_rate: f64,
        /// Length of a down period, hours.
        mean_down_h: Dist,
    },
    /// Breakdowns in flight, repairs, ground aborts and scheduled inspections.
    Failures {
        /// Unscheduled failures per flight hour.
        failures_per_flight_hour: f64,
        /// Repair time after a failure, hours.
        repair_h: Dist,
        /// Probability that a launch aborts on the ground, in [0, 1).
        #[serde(default)]
        ground_abort_probability: f64,
        /// Flight hours between scheduled inspections (none if absent).
        #[serde(default)]
        inspection_every_flight_h: Option<f64>,
        /// Length of a scheduled inspection, days.
        #[serde(default)]
        inspection_days: Option<f64>,
    },
}

/// Fighter-only performance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FighterPerf {
    /// Intercept dash speed, km/h.
    pub dash_speed_kmh: f64,
    /// Fuel burn at dash speed, kg/h.
    pub dash_burn_kg_h: f64,
}

/// Tanker-only performance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TankerPerf {
    /// Systems the tanker can give fuel through.
    pub offload_systems: Vec<OffloadSystem>,
    /// Receivers it can refuel at once.
    pub receivers_at_once: u32,
    /// Time a receiver spends hooked up for one refuelling, minutes.
    pub hookup_min: Dist,
    /// Most fuel it can give on one sortie, kg (also bounded by what it needs to get home).
    pub max_offload_kg: f64,
}

/// AEW&C-only performance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AewPerf {
    /// Instrumented radar range, km.
    pub radar_range_km: f64,
    /// Altitude of the orbit, metres.
    pub orbit_altitude_m: f64,
}

/// What it takes to keep a type flying for years: its airframe life and yearly programme, its
/// crews and what a flight hour costs (docs/model.md, sustainment).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sustainment {
    /// Flight hours an airframe may fly in its life (its fatigue life).
    pub fatigue_life_fh: f64,
    /// Flight hours an airframe flies a year in its peacetime programme: the budget a force is
    /// held to when it must last.
    pub fh_per_year: f64,
    /// Crew members aboard (pilots in a fighter).
    pub crew_seats: u32,
    /// Crews a unit holds per aircraft.
    pub crew_ratio: f64,
    /// Cost of a flight hour, narrow (fuel, maintenance, spares), US dollars.
    pub cost_per_fh_narrow_usd: f64,
    /// Cost of a flight hour, full (with personnel, depreciation and support), US dollars.
    pub cost_per_fh_full_usd: f64,
}

/// An aircraft type. Exactly one of `fighter`, `tanker` and `aew` is present; it sets the role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AircraftType {
    /// Display name.
    pub name: String,
    /// Transit speed, km/h.
    pub cruise_speed_kmh: f64,
    /// Internal fuel, kg.
    pub fuel_kg: f64,
    /// Fuel burn in transit, kg/h.
    pub cruise_burn_kg_h: f64,
    /// Fuel burn on station, track or orbit, kg/h.
    pub patrol_burn_kg_h: f64,
    /// Fuel that must remain on landing, kg.
    pub reserve_fuel_kg: f64,
    /// Longest sortie a crew flies, hours (the limit with air-to-air refuelling).
    pub max_sortie_h: f64,
    /// Start, taxi and take-off, minutes.
    pub launch_min: Dist,
    /// Ground time after a sortie before the aircraft is ready again, minutes.
    pub turnaround_min: Dist,
    /// Availability model.
    pub availability: Availability,
    /// Air-to-air refuelling receptacle.
    #[serde(default)]
    pub receptacle: Receptacle,
    /// Present for fighters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fighter: Option<FighterPerf>,
    /// Present for tankers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tanker: Option<TankerPerf>,
    /// Present for AEW&C aircraft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aew: Option<AewPerf>,
    /// Airframe life, programme, crews and cost; every built-in type has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sustainment: Option<Sustainment>,
    /// Source of each number, by field path (`fuel_kg`, `fighter.dash_speed_kmh`, …).
    #[serde(default)]
    pub sources: BTreeMap<String, String>,
}

impl AircraftType {
    /// The role, from which of `fighter`, `tanker` or `aew` is present (fighter if several are;
    /// [`AircraftType::problems`] reports that).
    pub fn role(&self) -> Role {
        match (&self.fighter, &self.tanker, &self.aew) {
            (Some(_), _, _) => Role::Fighter,
            (None, Some(_), _) => Role::Tanker,
            (None, None, Some(_)) => Role::Aew,
            (None, None, None) => Role::Fighter,
        }
    }

    /// Hours in transit to a point `distance_km` away.
    pub fn transit_h(&self, distance_km: f64) -> f64 {
        distance_km / self.cruise_speed_kmh
    }

    /// Fuel above the landing reserve, kg.
    pub fn usable_fuel_kg(&self) -> f64 {
        self.fuel_kg - self.reserve_fuel_kg
    }

    /// Hours on station at patrol burn on internal fuel, after flying `distance_km` out and back
    /// at cruise (may be negative when the station is out of reach), capped by the crew limit.
    pub fn on_station_internal_h(&self, distance_km: f64) -> f64 {
        let t_tr = self.transit_h(distance_km);
        let fuel_h =
            (self.usable_fuel_kg() - 2.0 * t_tr * self.cruise_burn_kg_h) / self.patrol_burn_kg_h;
        fuel_h.min(self.max_sortie_h - 2.0 * t_tr)
    }

    /// Hours on station at patrol burn with no transit: the type's endurance.
    pub fn endurance_h(&self) -> f64 {
        self.usable_fuel_kg() / self.patrol_burn_kg_h
    }

    /// Long-run fraction of time mission capable, given the flight hours each aircraft flies per
    /// day (only the failure model depends on it). A planning approximation: down time per day
    /// is failures × repair plus inspections, and `A = 24 / (24 + down time)`.
    pub fn availability_fraction(&self, flight_h_per_aircraft_day: f64) -> f64 {
        match &self.availability {
            Availability::Perfect => 1.0,
            Availability::McRate { mc_rate, .. } => *mc_rate,
            Availability::Failures {
                failures_per_flight_hour,
                repair_h,
                inspection_every_flight_h,
                inspection_days,
                ..
            } => {
                let u = flight_h_per_aircraft_day;
                let mut down_h = u * failures_per_flight_hour * repair_h.mean();
                if let (Some(every), Some(days)) = (inspection_every_flight_h, inspection_days) {
                    down_h += u / every * days * 24.0;
                }
                24.0 / (24.0 + down_h)
            }
        }
    }

    /// What is wrong with this type, as `(field path, message)` pairs; empty when valid.
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let positive = |field: &str, v: f64| {
            if !v.is_finite() || v <= 0.0 {
                Some((
                    field.to_string(),
                    format!("must be a finite number > 0, got {v}"),
                ))
            } else {
                None
            }
        };
        out.extend(positive("cruise_speed_kmh", self.cruise_speed_kmh));
        out.extend(positive("fuel_kg", self.fuel_kg));
        out.extend(positive("cruise_burn_kg_h", self.cruise_burn_kg_h));
        out.extend(positive("patrol_burn_kg_h", self.patrol_burn_kg_h));
        out.extend(positive("max_sortie_h", self.max_sortie_h));
        if let Some(f) = &self.fighter {
            out.extend(positive("fighter.dash_speed_kmh", f.dash_speed_kmh));
            out.extend(positive("fighter.dash_burn_kg_h", f.dash_burn_kg_h));
        }
        if let Some(t) = &self.tanker {
            out.extend(positive("tanker.max_offload_kg", t.max_offload_kg));
            if t.receivers_at_once == 0 {
                out.push((
                    "tanker.receivers_at_once".into(),
                    "must be at least 1".into(),
                ));
            }
            if t.offload_systems.is_empty() {
                out.push((
                    "tanker.offload_systems".into(),
                    "must list at least one of \"boom\", \"drogue\"".into(),
                ));
            }
            if let Err(e) = t.hookup_min.check() {
                out.push(("tanker.hookup_min".into(), e));
            }
        }
        if let Some(s) = &self.sustainment {
            out.extend(positive("sustainment.fatigue_life_fh", s.fatigue_life_fh));
            out.extend(positive("sustainment.fh_per_year", s.fh_per_year));
            out.extend(positive("sustainment.crew_ratio", s.crew_ratio));
            out.extend(positive(
                "sustainment.cost_per_fh_narrow_usd",
                s.cost_per_fh_narrow_usd,
            ));
            out.extend(positive(
                "sustainment.cost_per_fh_full_usd",
                s.cost_per_fh_full_usd,
            ));
            if s.crew_seats == 0 {
                out.push(("sustainment.crew_seats".into(), "must be at least 1".into()));
            }
            if s.fh_per_year > s.fatigue_life_fh {
                out.push((
                    "sustainment.fh_per_year".into(),
                    format!(
                        "a year's programme of {} FH exceeds the fatigue life of {} FH",
                        s.fh_per_year, s.fatigue_life_fh
                    ),
                ));
            }
            if s.cost_per_fh_full_usd < s.cost_per_fh_narrow_usd {
                out.push((
                    "sustainment.cost_per_fh_full_usd".into(),
                    format!(
                        "the full cost of a flight hour ({}) must be at least its narrow cost ({})",
                        s.cost_per_fh_full_usd, s.cost_per_fh_narrow_usd
                    ),
                ));
            }
        }
        if let Some(a) = &self.aew {
            out.extend(positive("aew.radar_range_km", a.radar_range_km));
            out.extend(positive("aew.orbit_altitude_m", a.orbit_altitude_m));
        }
        if !self.reserve_fuel_kg.is_finite() || self.reserve_fuel_kg < 0.0 {
            out.push((
                "reserve_fuel_kg".into(),
                format!("must be a finite number >= 0, got {}", self.reserve_fuel_kg),
            ));
        } else if self.reserve_fuel_kg >= self.fuel_kg {
            out.push((
                "reserve_fuel_kg".into(),
                format!(
                    "must be less than fuel_kg ({}), got {}",
                    self.fuel_kg, self.reserve_fuel_kg
                ),
            ));
        }
        for (field, d) in [
            ("launch_min", &self.launch_min),
            ("turnaround_min", &self.turnaround_min),
        ] {
            if let Err(e) = d.check() {
                out.push((field.into(), e));
            }
        }
        match &self.availability {
            Availability::Perfect => {}
            Availability::McRate {
                mc_rate,
                mean_down_h,
            } => {
                if !(mc_rate.is_finite() && *mc_rate > 0.0 && *mc_rate <= 1.0) {
                    out.push((
                        "availability.mc_rate".into(),
                        format!("must be in (0, 1], got {mc_rate}"),
                    ));
                }
                if let Err(e) = mean_down_h.check() {
                    out.push(("availability.mean_down_h".into(), e));
                } else if *mc_rate < 1.0 && mean_down_h.mean() < MIN_DOWN_H {
                    out.push((
                        "availability.mean_down_h".into(),
                        format!("must average at least a minute ({MIN_DOWN_H:.4} h; scenario::limits::MIN_DOWN_H), got {}: shorter down periods are not maintenance, and make a replication's events grow without end", mean_down_h.mean()),
                    ));
                }
            }
            Availability::Failures {
                failures_per_flight_hour,
                repair_h,
                ground_abort_probability,
                inspection_every_flight_h,
                inspection_days,
            } => {
                if !(failures_per_flight_hour.is_finite() && *failures_per_flight_hour >= 0.0) {
                    out.push((
                        "availability.failures_per_flight_hour".into(),
                        format!("must be a finite number >= 0, got {failures_per_flight_hour}"),
                    ));
                }
                if let Err(e) = repair_h.check() {
                    out.push(("availability.repair_h".into(), e));
                } else if repair_h.mean() < MIN_DOWN_H {
                    out.push((
                        "availability.repair_h".into(),
                        format!("must average at least a minute ({MIN_DOWN_H:.4} h; scenario::limits::MIN_DOWN_H), got {}: a shorter repair is not maintenance, and with ground aborts makes a replication run without end", repair_h.mean()),
                    ));
                }
                if !(0.0..1.0).contains(ground_abort_probability) {
                    out.push((
                        "availability.ground_abort_probability".into(),
                        format!("must be in [0, 1), got {ground_abort_probability}"),
                    ));
                }
                match (inspection_every_flight_h, inspection_days) {
                    (None, None) => {}
                    (Some(every), Some(days)) => {
                        if !(every.is_finite() && *every > 0.0) {
                            out.push((
                                "availability.inspection_every_flight_h".into(),
                                format!("must be a finite number > 0, got {every}"),
                            ));
                        }
                        if !(days.is_finite() && *days >= 0.0) {
                            out.push((
                                "availability.inspection_days".into(),
                                format!("must be a finite number >= 0, got {days}"),
                            ));
                        }
                    }
                    _ => out.push((
                        "availability".into(),
                        "give both inspection_every_flight_h and inspection_days, or neither"
                            .into(),
                    )),
                }
            }
        }
        let roles = [
            self.fighter.is_some(),
            self.tanker.is_some(),
            self.aew.is_some(),
        ];
        if roles.iter().filter(|&&r| r).count() != 1 {
            out.push((
                String::new(),
                "a type needs exactly one of the tables `fighter`, `tanker` or `aew`, which sets its role".into(),
            ));
        }
        out
    }
}

/// The paths of the fields an aircraft-type table sets (`fuel_kg`, `fighter.dash_speed_kmh`,
/// `availability.mc_rate`, …), the keys its `sources` table is checked against. A distribution
/// (`{ dist = … }`) is one field; `sources` itself is not listed.
pub fn field_paths(table: &toml::Table) -> Vec<String> {
    fn walk(prefix: &str, table: &toml::Table, out: &mut Vec<String>) {
        for (k, v) in table {
            let path = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match v {
                _ if prefix.is_empty() && k == "sources" => {}
                _ if k == "model" => {}
                toml::Value::Table(t) if !t.contains_key("dist") => walk(&path, t, out),
                _ => out.push(path),
            }
        }
    }
    let mut out = Vec::new();
    walk("", table, &mut out);
    out
}

/// A set of aircraft types by id (`typhoon`, `kc46`, …).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Catalog {
    types: BTreeMap<String, AircraftType>,
}

static BUILTIN: LazyLock<Catalog> = LazyLock::new(|| {
    let types: BTreeMap<String, AircraftType> = toml::from_str(BUILTIN_CATALOG_TOML)
        .unwrap_or_else(|e| panic!("the built-in catalog.toml does not parse: {e}"));
    Catalog { types }
});

impl Catalog {
    /// The built-in catalog.
    pub fn builtin() -> &'static Catalog {
        &BUILTIN
    }

    /// The type with this id.
    pub fn get(&self, id: &str) -> Option<&AircraftType> {
        self.types.get(id)
    }

    /// All ids, sorted.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.types.keys().map(String::as_str)
    }

    /// All `(id, type)` pairs, sorted by id.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &AircraftType)> {
        self.types.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The built-in entry for `id` as a TOML table, the base that scenario overrides merge into.
    pub fn builtin_table(id: &str) -> Option<toml::Table> {
        let table: toml::Table = toml::from_str(BUILTIN_CATALOG_TOML).ok()?;
        table.get(id)?.as_table().cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_required_types_are_all_there() {
        let c = Catalog::builtin();
        for id in [
            "typhoon",
            "f16",
            "f35a",
            "gripen_c",
            "gripen_e",
            "rafale",
            "f15e",
            "e3",
            "e7",
            "globaleye",
            "mq9",
            "kc135",
            "kc135_bda",
            "kc46",
            "a330_mrtt",
        ] {
            assert!(c.get(id).is_some(), "missing {id}");
        }
    }

    #[test]
    fn every_builtin_type_knows_its_airframe_life_crews_and_cost() {
        for (id, t) in Catalog::builtin().iter() {
            let s = t
                .sustainment
                .as_ref()
                .unwrap_or_else(|| panic!("{id} has no sustainment"));
            assert!(s.fh_per_year < s.fatigue_life_fh, "{id}");
        }
        // The published figures: the Typhoon's 6,000 FH life and the RAF's 30 FH a month, the
        // F-16's 8,000 FH, the F-35A's 187 FH a year, and the narrow costs of 2012.
        let c = Catalog::builtin();
        let s = |id: &str| c.get(id).unwrap().sustainment.clone().unwrap();
        assert_eq!(
            (s("typhoon").fatigue_life_fh, s("typhoon").fh_per_year),
            (6000.0, 360.0)
        );
        assert_eq!(s("f16").fatigue_life_fh, 8000.0);
        assert_eq!(s("f35a").fh_per_year, 187.0);
        assert_eq!(
            [s("gripen_e"), s("f16"), s("typhoon"), s("rafale")].map(|x| x.cost_per_fh_narrow_usd),
            [4700.0, 7000.0, 8200.0, 16500.0]
        );
        // $6.8 M a tail a year over 187 FH.
        assert!((s("f35a").cost_per_fh_full_usd - 6.8e6 / 187.0).abs() < 50.0);
    }

    #[test]
    fn a_sustainment_that_does_not_add_up_is_refused_naming_the_field() {
        let mut t = Catalog::builtin().get("f16").unwrap().clone();
        let s = t.sustainment.as_mut().unwrap();
        s.fh_per_year = 9000.0;
        s.cost_per_fh_full_usd = 1000.0;
        s.crew_seats = 0;
        let fields: Vec<String> = t.problems().into_iter().map(|p| p.0).collect();
        for f in [
            "sustainment.fh_per_year",
            "sustainment.cost_per_fh_full_usd",
            "sustainment.crew_seats",
        ] {
            assert!(fields.iter().any(|x| x == f), "{f} not in {fields:?}");
        }
    }

    #[test]
    fn every_builtin_type_is_valid() {
        for (id, t) in Catalog::builtin().iter() {
            assert_eq!(t.problems(), vec![], "{id}");
        }
    }

    #[test]
    fn every_number_carries_a_source_or_the_word_assumption() {
        let all: toml::Table = toml::from_str(BUILTIN_CATALOG_TOML).unwrap();
        for (id, v) in &all {
            let t = v.as_table().unwrap();
            let paths: Vec<String> = field_paths(t).into_iter().filter(|p| p != "name").collect();
            let sources = t["sources"].as_table().unwrap();
            for p in &paths {
                let s = sources
                    .get(p)
                    .and_then(|s| s.as_str())
                    .unwrap_or_else(|| panic!("{id}.{p} has no source"));
                let marked = s.starts_with("assumption")
                    || ["[P]", "[S]", "[W]", "[D]", "[P via S]"]
                        .iter()
                        .any(|m| s.contains(m));
                assert!(
                    marked,
                    "{id}.{p}: source `{s}` has no quality mark and is not an assumption"
                );
            }
            for k in sources.keys() {
                assert!(paths.contains(k), "{id}: source for unknown field {k}");
            }
        }
    }

    #[test]
    fn receptacles_match_offload_systems() {
        use OffloadSystem::*;
        assert!(Receptacle::Boom.compatible_with(&[Boom]));
        assert!(!Receptacle::Probe.compatible_with(&[Boom]));
        assert!(Receptacle::Probe.compatible_with(&[Boom, Drogue]));
        assert!(!Receptacle::None.compatible_with(&[Boom, Drogue]));
        let c = Catalog::builtin();
        let typhoon = c.get("typhoon").unwrap();
        let kc135 = c.get("kc135").unwrap().tanker.as_ref().unwrap();
        let bda = c.get("kc135_bda").unwrap().tanker.as_ref().unwrap();
        assert!(!typhoon.receptacle.compatible_with(&kc135.offload_systems));
        assert!(typhoon.receptacle.compatible_with(&bda.offload_systems));
    }

    #[test]
    fn aew_endurance_matches_published_figures() {
        let c = Catalog::builtin();
        // E-3 8 h unrefuelled [S]; E-7 10 h missions [P via S]; GlobalEye up to 11 h [S].
        for (id, h) in [("e3", 8.0), ("e7", 10.0), ("globaleye", 11.0)] {
            let e = c.get(id).unwrap().endurance_h();
            assert!((e - h).abs() < 0.1, "{id}: {e}");
        }
    }

    #[test]
    fn mrtt_meets_the_raaf_specification() {
        // RAAF specification [P]: 65 t offload at 1,000 nm from base with 2 h on station.
        let t = Catalog::builtin().get("a330_mrtt").unwrap();
        let d_km = 1000.0 * 1.852;
        let own_use = 2.0 * t.transit_h(d_km) * t.cruise_burn_kg_h + 2.0 * t.patrol_burn_kg_h;
        let offload_kg = t.usable_fuel_kg() - own_use;
        assert!(
            (offload_kg - 65_000.0).abs() / 65_000.0 < 0.01,
            "{offload_kg}"
        );
    }

    #[test]
    fn rafale_sortie_without_tanker_is_a_little_over_two_hours() {
        // Over Libya, Rafale sorties without a tanker lasted more than 2 h [S].
        let e = Catalog::builtin().get("rafale").unwrap().endurance_h();
        assert!(e > 2.0 && e < 2.6, "{e}");
    }

    #[test]
    fn typhoon_radius_on_internal_fuel_is_in_the_published_range() {
        // Combat radius 465–555 km [W], read here as the radius of a CAP sortie with 1 h on
        // station on internal fuel.
        let t = Catalog::builtin().get("typhoon").unwrap();
        let spare_kg = t.usable_fuel_kg() - 1.0 * t.patrol_burn_kg_h;
        let radius = spare_kg / (2.0 * t.cruise_burn_kg_h) * t.cruise_speed_kmh;
        assert!((465.0..=555.0).contains(&radius), "{radius}");
    }
}
