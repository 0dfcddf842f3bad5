//! From a parsed [`ScenarioFile`] to a validated [`Scenario`]: references resolved to indices,
//! aircraft types merged over the catalog, stations placed, every number checked.

use super::error::{Diagnostic, FieldPath, Locator, Severity};
use super::file::*;
use super::limits::*;
use crate::catalog::{AircraftType, BUILTIN_CATALOG_TOML, Catalog, Role, field_paths};
use crate::dist::Dist;
use crate::geo::{Front, LatLon};
use std::collections::{BTreeMap, HashSet};

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
    /// Violator kinds.
    pub types: Vec<ViolatorType>,
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

pub(crate) struct Checker<'a> {
    origin: &'a str,
    locator: Option<&'a Locator<'a>>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(origin: &'a str, locator: Option<&'a Locator<'a>>) -> Self {
        Self {
            origin,
            locator,
            diagnostics: Vec::new(),
        }
    }

    pub(crate) fn push(
        &mut self,
        severity: Severity,
        path: &FieldPath,
        message: impl Into<String>,
    ) {
        let (line, column) = self.locator.map_or((0, 0), |l| l.locate(path));
        self.push_at(severity, path, line, column, message);
    }

    pub(crate) fn push_at(
        &mut self,
        severity: Severity,
        path: &FieldPath,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) {
        self.diagnostics.push(Diagnostic {
            severity,
            file: self.origin.to_string(),
            line,
            column,
            path: path.to_string(),
            message: message.into(),
        });
    }

    fn error(&mut self, path: &FieldPath, message: impl Into<String>) {
        self.push(Severity::Error, path, message);
    }

    fn warn(&mut self, path: &FieldPath, message: impl Into<String>) {
        self.push(Severity::Warning, path, message);
    }

    fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    fn positive(&mut self, path: &FieldPath, v: f64) -> bool {
        let ok = v.is_finite() && v > 0.0;
        if !ok {
            self.error(path, format!("must be a finite number > 0, got {v}"));
        }
        ok
    }

    fn non_negative(&mut self, path: &FieldPath, v: f64) -> bool {
        let ok = v.is_finite() && v >= 0.0;
        if !ok {
            self.error(path, format!("must be a finite number >= 0, got {v}"));
        }
        ok
    }

    fn fraction(&mut self, path: &FieldPath, v: f64) -> bool {
        let ok = v.is_finite() && (0.0..=1.0).contains(&v);
        if !ok {
            self.error(path, format!("must be a fraction in [0, 1], got {v}"));
        }
        ok
    }

    fn at_least_one(&mut self, path: &FieldPath, v: u32) -> bool {
        if v == 0 {
            self.error(path, "must be at least 1, got 0");
        }
        v > 0
    }

    fn position(&mut self, path: &FieldPath, p: &LatLon) -> bool {
        let ok = p.is_valid();
        if !ok {
            self.error(
                path,
                format!(
                    "must be [lat, lon] in degrees with lat in [-90, 90] and lon in [-180, 180], got [{}, {}]",
                    p.lat_deg, p.lon_deg
                ),
            );
        }
        ok
    }

    fn dist(&mut self, path: &FieldPath, d: &Dist) -> bool {
        match d.check() {
            Ok(()) => true,
            Err(e) => {
                self.error(path, e);
                false
            }
        }
    }

    fn list_limit(&mut self, path: &FieldPath, len: usize, limit: usize) {
        if len > limit {
            self.error(
                path,
                format!("has {len} entries; the limit is {limit} (scenario::limits)"),
            );
        }
    }

    fn unique<'n>(&mut self, list: &str, names: impl Iterator<Item = &'n str>) {
        self.unique_in(&FieldPath::root().key(list), names);
    }
}

fn known_list(names: impl Iterator<Item = String>) -> String {
    let v: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    if v.is_empty() {
        "none are defined".into()
    } else {
        v.join(", ")
    }
}

/// Merges `over` into `base`: tables merge key by key, except tables that pick a variant
/// (`model = …` for availability, `dist = …` for durations), which replace the base's.
fn deep_merge(base: &mut toml::Table, over: &toml::Table) {
    for (k, v) in over {
        match (base.get_mut(k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o))
                if !o.contains_key("model") && !o.contains_key("dist") =>
            {
                deep_merge(b, o)
            }
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

/// Resolves `[[aircraft]]` entries over the built-in catalog; returns the valid types by id and
/// the ids of entries that were reported invalid.
fn resolve_types(
    file: &ScenarioFile,
    c: &mut Checker,
) -> (BTreeMap<String, AircraftType>, HashSet<String>) {
    let mut failed = HashSet::new();
    let mut tables: BTreeMap<String, toml::Table> =
        toml::from_str(BUILTIN_CATALOG_TOML).expect("the built-in catalog parses");
    let mut types: BTreeMap<String, AircraftType> = Catalog::builtin()
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    for (i, entry) in file.aircraft.iter().enumerate() {
        let path = FieldPath::root().key("aircraft").index(i);
        let Some(id) = entry.get("id").and_then(|v| v.as_str()).map(str::to_string) else {
            c.error(&path.key("id"), "each [[aircraft]] entry needs `id`, a string: a built-in type to override or a new type's id");
            continue;
        };
        let based_on = match entry.get("based_on") {
            None => id.clone(),
            Some(v) => match v.as_str() {
                Some(s) => s.to_string(),
                None => {
                    c.error(&path.key("based_on"), "must be a string naming a type");
                    continue;
                }
            },
        };
        let mut over = entry.clone();
        over.remove("id");
        over.remove("based_on");
        let mut merged = match tables.get(&based_on) {
            Some(t) => t.clone(),
            None if entry.contains_key("based_on") => {
                c.error(
                    &path.key("based_on"),
                    format!(
                        "unknown aircraft type `{based_on}`; known types: {}",
                        known_list(tables.keys().cloned())
                    ),
                );
                continue;
            }
            None => toml::Table::new(),
        };
        let changed = field_paths(&over);
        deep_merge(&mut merged, &over);
        if let Some(toml::Value::Table(sources)) = merged.get_mut("sources") {
            for k in &changed {
                if !over
                    .get("sources")
                    .and_then(|s| s.as_table())
                    .is_some_and(|s| s.contains_key(k))
                {
                    sources.insert(
                        k.clone(),
                        toml::Value::String("set in the scenario file".into()),
                    );
                }
            }
        }
        let parsed: Result<AircraftType, _> =
            serde_path_to_error::deserialize(toml::Value::Table(merged.clone()));
        match parsed {
            Ok(t) => {
                let problems = t.problems();
                for (field, msg) in &problems {
                    c.error(&path.key(field), msg.clone());
                }
                if problems.is_empty() {
                    tables.insert(id.clone(), merged);
                    types.insert(id, t);
                } else {
                    types.remove(&id);
                    failed.insert(id);
                }
            }
            Err(e) => {
                let p = FieldPath(
                    path.0
                        .iter()
                        .cloned()
                        .chain(super::from_serde_path(e.path()).0)
                        .collect(),
                );
                let inner = e.into_inner();
                let mut msg = super::plain_types(inner.message());
                if msg.starts_with("missing field") && !tables.contains_key(&based_on) {
                    msg.push_str(&format!(
                        "; `{id}` is not a built-in type, so it is a new type and needs every field (or set `based_on` to a type to start from)"
                    ));
                }
                c.error(&p, msg);
                types.remove(&id);
                failed.insert(id);
            }
        }
    }
    (types, failed)
}

fn expect_role(
    c: &mut Checker,
    path: &FieldPath,
    sq: &Squadron,
    ty: &NamedType,
    want: Role,
    what: &str,
) -> bool {
    let ok = ty.spec.role() == want;
    if !ok {
        c.error(
            path,
            format!(
                "squadron `{}` flies `{}`, a {}; {what} needs a {} squadron",
                sq.name,
                ty.id,
                ty.spec.role().as_str(),
                want.as_str()
            ),
        );
    }
    ok
}

/// Validates a parsed file. `locator` turns paths into lines and columns when the text is known.
pub(crate) fn validate(
    file: ScenarioFile,
    origin: &str,
    locator: Option<&Locator>,
) -> Result<Scenario, Vec<Diagnostic>> {
    let mut c = Checker::new(origin, locator);
    let root = FieldPath::root();

    // [scenario]
    let meta = root.key("scenario");
    let duration_ok = c.positive(&meta.key("duration_days"), file.scenario.duration_days);
    if duration_ok && file.scenario.duration_days > MAX_DURATION_DAYS {
        c.error(
            &meta.key("duration_days"),
            format!(
                "is {} days; the limit is {MAX_DURATION_DAYS} days (scenario::limits::MAX_DURATION_DAYS)",
                file.scenario.duration_days
            ),
        );
    }
    if c.non_negative(&meta.key("warmup_days"), file.scenario.warmup_days)
        && duration_ok
        && file.scenario.warmup_days >= file.scenario.duration_days
    {
        c.error(
            &meta.key("warmup_days"),
            format!(
                "must be shorter than duration_days ({}), got {}",
                file.scenario.duration_days, file.scenario.warmup_days
            ),
        );
    }

    // [front]
    let fp = root.key("front");
    let mut front = None;
    if file.front.points.len() > MAX_FRONT_POINTS {
        c.error(
            &fp.key("points"),
            format!(
                "has {} points; the limit is {MAX_FRONT_POINTS} (scenario::limits::MAX_FRONT_POINTS)",
                file.front.points.len()
            ),
        );
    } else {
        let mut points_ok = true;
        for (i, p) in file.front.points.iter().enumerate() {
            points_ok &= c.position(&fp.key("points").index(i), p);
        }
        if points_ok {
            match Front::new(file.front.points.clone(), file.front.protected_side) {
                Ok(f) if f.length_km() > MAX_FRONT_KM => c.error(
                    &fp.key("points"),
                    format!(
                        "the front is {:.0} km long; the limit is {MAX_FRONT_KM} km (scenario::limits::MAX_FRONT_KM)",
                        f.length_km()
                    ),
                ),
                Ok(f) => front = Some(f),
                Err(e) => c.error(&fp.key("points"), e.to_string()),
            }
        }
    }
    if file.front.sectors == 0 || file.front.sectors > MAX_SECTORS {
        c.error(
            &fp.key("sectors"),
            format!(
                "must be between 1 and {MAX_SECTORS}, got {}",
                file.front.sectors
            ),
        );
    }
    c.non_negative(&fp.key("low_target_m"), file.front.low_target_m);
    c.non_negative(&fp.key("high_target_m"), file.front.high_target_m);

    // Lists and their limits.
    for (name, len) in [
        ("bases", file.bases.len()),
        ("aircraft", file.aircraft.len()),
        ("squadrons", file.squadrons.len()),
        ("qra", file.qra.len()),
        ("tanker_tracks", file.tanker_tracks.len()),
        ("aew_orbits", file.aew_orbits.len()),
        ("ground_radars", file.ground_radars.len()),
        ("points", file.points.len()),
        ("cap_stations", file.cap_stations.len()),
    ] {
        c.list_limit(&root.key(name), len, MAX_LIST_ENTRIES);
    }

    // [[bases]]
    let mut bases = Vec::new();
    for (i, b) in file.bases.iter().enumerate() {
        c.position(&root.key("bases").index(i).key("position"), &b.position);
        bases.push(Base {
            name: b.name.clone(),
            icao: b.icao.clone(),
            position: b.position,
        });
    }
    c.unique("bases", file.bases.iter().map(|b| b.name.as_str()));
    let base_index = |name: &str| {
        bases
            .iter()
            .position(|b| b.name == name || b.icao.as_deref() == Some(name))
    };

    // [[aircraft]] and [[squadrons]]
    let (all_types, failed_types) = resolve_types(&file, &mut c);
    let mut types: Vec<NamedType> = Vec::new();
    let mut squadrons = Vec::new();
    let mut total_aircraft: u64 = 0;
    for (i, s) in file.squadrons.iter().enumerate() {
        let sp = root.key("squadrons").index(i);
        let base = base_index(&s.base);
        if base.is_none() {
            c.error(
                &sp.key("base"),
                format!(
                    "unknown base `{}`; bases in this file: {}",
                    s.base,
                    known_list(bases.iter().map(|b| b.name.clone()))
                ),
            );
        }
        let aircraft = match all_types.get(&s.aircraft) {
            Some(t) => Some(match types.iter().position(|n| n.id == s.aircraft) {
                Some(k) => k,
                None => {
                    types.push(NamedType {
                        id: s.aircraft.clone(),
                        spec: t.clone(),
                    });
                    types.len() - 1
                }
            }),
            None if failed_types.contains(&s.aircraft) => None,
            None => {
                c.error(
                    &sp.key("aircraft"),
                    format!(
                        "unknown aircraft type `{}`; known types: {}",
                        s.aircraft,
                        known_list(all_types.keys().cloned())
                    ),
                );
                None
            }
        };
        if s.aircraft_count > MAX_AIRCRAFT_PER_SQUADRON {
            c.error(
                &sp.key("aircraft_count"),
                format!(
                    "is {}; the limit is {MAX_AIRCRAFT_PER_SQUADRON} aircraft per squadron (scenario::limits)",
                    s.aircraft_count
                ),
            );
        }
        total_aircraft += u64::from(s.aircraft_count);
        squadrons.push(Squadron {
            name: s.name.clone(),
            aircraft: aircraft.unwrap_or(usize::MAX),
            base: base.unwrap_or(usize::MAX),
            aircraft_count: s.aircraft_count,
        });
    }
    if total_aircraft > MAX_AIRCRAFT_TOTAL {
        c.error(
            &root.key("squadrons"),
            format!("hold {total_aircraft} aircraft in all; the limit is {MAX_AIRCRAFT_TOTAL} (scenario::limits)"),
        );
    }
    c.unique("squadrons", file.squadrons.iter().map(|s| s.name.as_str()));
    let squadron_ok =
        |i: usize| squadrons[i].aircraft != usize::MAX && squadrons[i].base != usize::MAX;
    let squadron_ref = |c: &mut Checker, path: &FieldPath, name: &str| -> Option<usize> {
        match squadrons.iter().position(|s| s.name == name) {
            Some(i) => Some(i),
            None => {
                c.error(
                    path,
                    format!(
                        "unknown squadron `{name}`; squadrons in this file: {}",
                        known_list(squadrons.iter().map(|s| s.name.clone()))
                    ),
                );
                None
            }
        }
    };

    // [relief]
    let rp = root.key("relief");
    c.non_negative(&rp.key("overlap_min"), file.relief.overlap_min);
    if !(file.relief.refuel_at_fuel_fraction > 0.0 && file.relief.refuel_at_fuel_fraction < 1.0) {
        c.error(
            &rp.key("refuel_at_fuel_fraction"),
            format!(
                "must be in (0, 1), got {}",
                file.relief.refuel_at_fuel_fraction
            ),
        );
    }

    // [[tanker_tracks]] and [[aew_orbits]]
    let tracks = |c: &mut Checker,
                  list: &str,
                  specs: Vec<(String, LatLon, String, u32)>,
                  want: Role,
                  what: &str| {
        let mut out = Vec::new();
        for (i, (name, position, squadron, required)) in specs.into_iter().enumerate() {
            let p = root.key(list).index(i);
            let pos_ok = c.position(&p.key("position"), &position);
            c.at_least_one(
                &p.key(if want == Role::Tanker {
                    "on_track"
                } else {
                    "on_orbit"
                }),
                required,
            );
            let Some(s) = squadron_ref(c, &p.key("squadron"), &squadron) else {
                continue;
            };
            if !squadron_ok(s) {
                continue;
            }
            let ty = &types[squadrons[s].aircraft];
            if expect_role(c, &p.key("squadron"), &squadrons[s], ty, want, what) && pos_ok {
                let d = bases[squadrons[s].base].position.distance_km(&position);
                let hold = ty.spec.on_station_internal_h(d);
                if hold <= 0.0 {
                    c.error(
                        &p.key("position"),
                        format!(
                            "is {d:.0} km from {}, beyond the reach of `{}` (it would have {hold:.1} h there); move it closer or base the squadron nearer",
                            bases[squadrons[s].base].name, ty.id
                        ),
                    );
                }
            }
            out.push(Track {
                name,
                position,
                squadron: s,
                required,
            });
        }
        out
    };
    let tanker_tracks = tracks(
        &mut c,
        "tanker_tracks",
        file.tanker_tracks
            .iter()
            .map(|t| (t.name.clone(), t.position, t.squadron.clone(), t.on_track))
            .collect(),
        Role::Tanker,
        "a tanker track",
    );
    let aew_orbits = tracks(
        &mut c,
        "aew_orbits",
        file.aew_orbits
            .iter()
            .map(|t| (t.name.clone(), t.position, t.squadron.clone(), t.on_orbit))
            .collect(),
        Role::Aew,
        "an AEW&C orbit",
    );
    c.unique(
        "tanker_tracks",
        file.tanker_tracks.iter().map(|t| t.name.as_str()),
    );
    c.unique(
        "aew_orbits",
        file.aew_orbits.iter().map(|t| t.name.as_str()),
    );

    // [[cap_stations]]
    let mut cap_stations = Vec::new();
    for (i, s) in file.cap_stations.iter().enumerate() {
        let p = root.key("cap_stations").index(i);
        c.at_least_one(&p.key("element"), s.element);
        if let Some([a, b]) = s.hours {
            let ok = a.is_finite()
                && b.is_finite()
                && (0.0..=24.0).contains(&a)
                && (0.0..=24.0).contains(&b)
                && a != b;
            if !ok {
                c.error(&p.key("hours"), format!("must be [start, end] hours of the day in [0, 24], different from each other (end before start wraps past midnight), got [{a}, {b}]"));
            }
        }
        let track = s.tanker_track.as_ref().and_then(|name| {
            let found = tanker_tracks.iter().position(|t| &t.name == name);
            if found.is_none() {
                c.error(
                    &p.key("tanker_track"),
                    format!(
                        "unknown tanker track `{name}`; tanker tracks in this file: {}",
                        known_list(tanker_tracks.iter().map(|t| t.name.clone()))
                    ),
                );
            }
            found
        });
        if s.squadrons.is_empty() {
            c.error(
                &p.key("squadrons"),
                "must name at least one fighter squadron to serve the station",
            );
        }
        let mut serving = Vec::new();
        for (j, name) in s.squadrons.iter().enumerate() {
            let sp = p.key("squadrons").index(j);
            if let Some(k) = squadron_ref(&mut c, &sp, name)
                && squadron_ok(k)
                && expect_role(
                    &mut c,
                    &sp,
                    &squadrons[k],
                    &types[squadrons[k].aircraft],
                    Role::Fighter,
                    "a CAP station",
                )
            {
                serving.push(k);
            }
        }
        let positions: Vec<LatLon> = match (&s.position, &s.along_front) {
            (Some(pos), None) => {
                if c.position(&p.key("position"), pos) {
                    vec![*pos]
                } else {
                    vec![]
                }
            }
            (None, Some(a)) => {
                let ap = p.key("along_front");
                let standoff_ok = c.non_negative(&ap.key("standoff_km"), a.standoff_km);
                let n = match (a.count, a.spacing_km) {
                    (Some(n), None) => {
                        c.at_least_one(&ap.key("count"), n);
                        Some(n as usize)
                    }
                    (None, Some(sp)) => {
                        if c.positive(&ap.key("spacing_km"), sp) {
                            front
                                .as_ref()
                                .map(|f| (f.length_km() / sp).ceil().max(1.0) as usize)
                        } else {
                            None
                        }
                    }
                    _ => {
                        c.error(&ap, "give exactly one of `count` (stations evenly along the front) or `spacing_km` (at most this far apart)");
                        None
                    }
                };
                match (n, &front) {
                    (Some(n), _) if n > MAX_CAP_STATIONS => {
                        c.error(&ap, format!("would place {n} stations; the limit is {MAX_CAP_STATIONS} (scenario::limits::MAX_CAP_STATIONS)"));
                        vec![]
                    }
                    (Some(n), Some(f)) if standoff_ok && n > 0 => (0..n)
                        .map(|k| {
                            f.offset_point(
                                (k as f64 + 0.5) * f.length_km() / n as f64,
                                a.standoff_km,
                            )
                        })
                        .collect(),
                    _ => vec![],
                }
            }
            _ => {
                c.error(&p, "give exactly one of `position = [lat, lon]` or `along_front = { count = N, standoff_km = D }`");
                vec![]
            }
        };
        let many = positions.len() > 1 || s.along_front.is_some();
        for (k, position) in positions.into_iter().enumerate() {
            let name = if many {
                format!("{}-{}", s.name, k + 1)
            } else {
                s.name.clone()
            };
            // Reach: every serving squadron must reach the station and hold it for some time,
            // on internal fuel or with a compatible tanker.
            for &q in &serving {
                let ty = &types[squadrons[q].aircraft];
                let base = &bases[squadrons[q].base];
                let d = base.position.distance_km(&position);
                let hold = ty.spec.on_station_internal_h(d);
                let tanker = track.map(|t| {
                    (
                        &tanker_tracks[t],
                        &types[squadrons[tanker_tracks[t].squadron].aircraft],
                    )
                });
                let compatible = tanker.is_some_and(|(_, tt)| {
                    tt.spec
                        .tanker
                        .as_ref()
                        .is_some_and(|tp| ty.spec.receptacle.compatible_with(&tp.offload_systems))
                });
                if let (Some((tr, tt)), false) = (tanker, compatible)
                    && let Some(tp) = &tt.spec.tanker
                {
                    let systems: Vec<&str> =
                        tp.offload_systems.iter().map(|s| s.as_str()).collect();
                    c.warn(
                        &p.key("tanker_track"),
                        format!(
                            "station `{name}`: squadron `{}` flies `{}` with {} receptacle, but tanker track `{}` is flown by `{}`, which offers only {}; these fighters cannot refuel there, so they hold the station on internal fuel alone ({:.1} h per sortie)",
                            squadrons[q].name,
                            ty.id,
                            ty.spec.receptacle.with_article(),
                            tr.name,
                            tt.id,
                            systems.join(" and "),
                            hold.max(0.0)
                        ),
                    );
                }
                let one_way_kg = ty.spec.transit_h(d) * ty.spec.cruise_burn_kg_h;
                let reach_with_aar = compatible
                    && one_way_kg < ty.spec.usable_fuel_kg()
                    && 2.0 * ty.spec.transit_h(d) < ty.spec.max_sortie_h;
                if hold <= 0.0 && !reach_with_aar {
                    let remedy = match ty.spec.receptacle {
                        crate::catalog::Receptacle::Boom => {
                            "move the station closer, base the squadron nearer, or serve the station with a tanker track offering a boom"
                        }
                        crate::catalog::Receptacle::Probe => {
                            "move the station closer, base the squadron nearer, or serve the station with a tanker track offering a drogue"
                        }
                        crate::catalog::Receptacle::None => {
                            "this type cannot refuel in the air, so move the station closer or base the squadron nearer"
                        }
                    };
                    c.error(
                        &p,
                        format!(
                            "station `{name}` is {d:.0} km from {} where squadron `{}` is based; `{}` cannot reach it and hold for any time on internal fuel ({hold:.1} h) and no compatible tanker serves the station; {remedy}",
                            base.name, squadrons[q].name, ty.id
                        ),
                    );
                }
            }
            cap_stations.push(CapStation {
                name,
                position,
                element: s.element,
                squadrons: serving.clone(),
                tanker_track: track,
                hours: s.hours,
                entry: i,
            });
        }
    }
    if cap_stations.len() > MAX_CAP_STATIONS {
        c.error(
            &root.key("cap_stations"),
            format!("place {} stations in all; the limit is {MAX_CAP_STATIONS} (scenario::limits::MAX_CAP_STATIONS)", cap_stations.len()),
        );
    }
    {
        let mut seen = HashSet::new();
        for st in &cap_stations {
            if !seen.insert(st.name.clone()) {
                c.error(
                    &root.key("cap_stations").index(st.entry).key("name"),
                    format!(
                        "the station name `{}` is used twice; names must be unique",
                        st.name
                    ),
                );
            }
        }
    }

    // [[qra]]
    let mut qra = Vec::new();
    for (i, q) in file.qra.iter().enumerate() {
        let p = root.key("qra").index(i);
        c.at_least_one(&p.key("on_alert"), q.on_alert);
        c.at_least_one(&p.key("scramble_size"), q.scramble_size);
        if q.scramble_size > q.on_alert && q.on_alert > 0 {
            c.error(&p.key("scramble_size"), format!("is {} but only {} aircraft are on alert; a scramble cannot launch more than are on alert", q.scramble_size, q.on_alert));
        }
        c.dist(&p.key("readiness_min"), &q.readiness_min);
        c.dist(&p.key("regenerate_min"), &q.regenerate_min);
        let Some(s) = squadron_ref(&mut c, &p.key("squadron"), &q.squadron) else {
            continue;
        };
        if squadron_ok(s) {
            expect_role(
                &mut c,
                &p.key("squadron"),
                &squadrons[s],
                &types[squadrons[s].aircraft],
                Role::Fighter,
                "a QRA posture",
            );
        }
        qra.push(Qra {
            name: q.name.clone(),
            squadron: s,
            on_alert: q.on_alert,
            readiness_min: q.readiness_min,
            scramble_size: q.scramble_size,
            regenerate_min: q.regenerate_min,
            spares_regenerate: q.spares_regenerate,
        });
    }
    c.unique("qra", file.qra.iter().map(|q| q.name.as_str()));

    // [[ground_radars]] and [[points]]
    for (i, r) in file.ground_radars.iter().enumerate() {
        let p = root.key("ground_radars").index(i);
        c.position(&p.key("position"), &r.position);
        c.non_negative(&p.key("antenna_height_m"), r.antenna_height_m);
        c.positive(&p.key("range_km"), r.range_km);
    }
    c.unique(
        "ground_radars",
        file.ground_radars.iter().map(|r| r.name.as_str()),
    );
    for (i, pt) in file.points.iter().enumerate() {
        c.position(&root.key("points").index(i).key("position"), &pt.position);
    }
    c.unique("points", file.points.iter().map(|p| p.name.as_str()));

    // [violations]
    let violations = file.violations.as_ref().map(|v| {
        let p = root.key("violations");
        let rate_ok = c.non_negative(&p.key("rate_per_day"), v.rate_per_day);
        let mut hourly = [1.0; 24];
        if let Some(m) = &v.hourly_multipliers {
            if m.len() != 24 {
                c.error(&p.key("hourly_multipliers"), format!("must have 24 values, one per hour of the day from 00:00, got {}", m.len()));
            } else {
                for (h, x) in m.iter().enumerate() {
                    c.non_negative(&p.key("hourly_multipliers").index(h), *x);
                    hourly[h] = *x;
                }
                if m.iter().all(|x| *x == 0.0) {
                    c.error(&p.key("hourly_multipliers"), "are all 0, so no violation could ever arrive; remove [violations] instead");
                }
            }
        }
        let mut peak_surge: f64 = 1.0;
        for (k, s) in v.surges.iter().enumerate() {
            let sp = p.key("surges").index(k);
            c.non_negative(&sp.key("start_day"), s.start_day);
            c.non_negative(&sp.key("multiplier"), s.multiplier);
            if !(s.end_day.is_finite() && s.end_day > s.start_day) {
                c.error(&sp.key("end_day"), format!("must be after start_day ({}), got {}", s.start_day, s.end_day));
            }
            peak_surge = peak_surge.max(s.multiplier);
        }
        let sectors = file.front.sectors.clamp(1, MAX_SECTORS) as usize;
        let mut weights = vec![1.0 / sectors as f64; sectors];
        if let Some(w) = &v.sector_weights {
            if w.len() != sectors {
                c.error(&p.key("sector_weights"), format!("must have one weight per front sector ({sectors}, from [front] sectors), got {}", w.len()));
            } else {
                let mut ok = true;
                for (k, x) in w.iter().enumerate() {
                    ok &= c.non_negative(&p.key("sector_weights").index(k), *x);
                }
                let sum: f64 = w.iter().sum();
                if ok && sum <= 0.0 {
                    c.error(&p.key("sector_weights"), "must not all be 0: at least one sector must see violations");
                } else if ok {
                    weights = w.iter().map(|x| x / sum).collect();
                }
            }
        }
        c.dist(&p.key("c2_delay_min"), &v.c2_delay_min);
        c.dist(&p.key("shadow_min"), &v.shadow_min);
        if v.types.is_empty() {
            c.error(&p.key("types"), "must list at least one violator type ([[violations.types]])");
        }
        c.list_limit(&p.key("types"), v.types.len(), MAX_LIST_ENTRIES);
        let mut types_out = Vec::new();
        let mut share_sum = 0.0;
        let mut shares_ok = true;
        for (k, t) in v.types.iter().enumerate() {
            let tp = p.key("types").index(k);
            shares_ok &= c.fraction(&tp.key("share"), t.share);
            share_sum += t.share;
            c.positive(&tp.key("speed_kmh"), t.speed_kmh);
            c.non_negative(&tp.key("altitude_m"), t.altitude_m);
            match (&t.penetration_km, &t.dwell_min) {
                (Some(d), None) => {
                    c.positive(&tp.key("penetration_km"), *d);
                }
                (None, Some(d)) => {
                    c.dist(&tp.key("dwell_min"), d);
                }
                _ => c.error(&tp, "give exactly one of `penetration_km` (how deep it flies before turning back) or `dwell_min` (how long it stays)"),
            }
            if !(t.heading_spread_deg.is_finite() && (0.0..=90.0).contains(&t.heading_spread_deg)) {
                c.error(&tp.key("heading_spread_deg"), format!("must be in [0, 90] degrees, got {}", t.heading_spread_deg));
            }
            let mut toward = Vec::new();
            for (j, name) in t.toward.iter().enumerate() {
                match file.points.iter().position(|pt| &pt.name == name) {
                    Some(x) => toward.push(x),
                    None => c.error(
                        &tp.key("toward").index(j),
                        format!("unknown point `{name}`; points in this file ([[points]]): {}", known_list(file.points.iter().map(|p| p.name.clone()))),
                    ),
                }
            }
            types_out.push(ViolatorType { spec: t.clone(), toward });
        }
        c.unique_in(&p.key("types"), v.types.iter().map(|t| t.name.as_str()));
        if shares_ok && !v.types.is_empty() && (share_sum - 1.0).abs() > 1e-6 {
            c.error(&p.key("types"), format!("shares add up to {share_sum}; they must add up to 1"));
        }
        let peak_hour = hourly.iter().cloned().fold(0.0, f64::max).max(1.0);
        let expected = v.rate_per_day * peak_hour * peak_surge * file.scenario.duration_days;
        if rate_ok && expected > MAX_VIOLATIONS_PER_REPLICATION {
            c.error(
                &p.key("rate_per_day"),
                format!("could bring up to {expected:.0} violations in one replication; the limit is {MAX_VIOLATIONS_PER_REPLICATION} (scenario::limits::MAX_VIOLATIONS_PER_REPLICATION)"),
            );
        }
        Violations {
            rate_per_day: v.rate_per_day,
            hourly_multipliers: hourly,
            surges: v.surges.clone(),
            sector_weights: weights,
            c2_delay_min: v.c2_delay_min,
            shadow_min: v.shadow_min,
            types: types_out,
        }
    });

    // [targets]
    let tp = root.key("targets");
    let t = &file.targets;
    for (name, v) in t.minimums() {
        if let Some(v) = v {
            c.fraction(&tp.key(name), v);
        }
    }
    if let Some(r) = t.response_time_min {
        c.positive(&tp.key("response_time_min"), r);
    }
    if t.intercept_within_target.is_some() && t.response_time_min.is_none() {
        c.error(
            &tp.key("intercept_within_target"),
            "needs `response_time_min`, the time within which an intercept counts",
        );
    }
    if !(t.confidence > 0.0 && t.confidence < 1.0) {
        c.error(
            &tp.key("confidence"),
            format!("must be in (0, 1), e.g. 0.9, got {}", t.confidence),
        );
    }
    if t.cap_coverage.is_some() && file.cap_stations.is_empty() {
        c.warn(
            &tp.key("cap_coverage"),
            "is set but there are no CAP stations, so it is always met",
        );
    }

    if c.has_errors() {
        let mut d = c.diagnostics;
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
        types,
        squadrons,
        cap_stations,
        qra,
        tanker_tracks,
        aew_orbits,
        ground_radars: file.ground_radars.clone(),
        points: file.points.clone(),
        violations,
        warnings: c.diagnostics,
        file,
    })
}

impl Checker<'_> {
    fn unique_in<'n>(&mut self, list: &FieldPath, names: impl Iterator<Item = &'n str>) {
        let mut seen = HashSet::new();
        for (i, n) in names.enumerate() {
            if !seen.insert(n) {
                self.error(
                    &list.index(i).key("name"),
                    format!("the name `{n}` is used twice; names must be unique"),
                );
            }
        }
    }
}
