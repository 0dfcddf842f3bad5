//! `[[aircraft]]` and `[[squadrons]]`: types merged over the built-in catalog, squadrons with
//! their type and base resolved, and the lookups the other tables make into them.

use super::checker::{Checker, known_list};
use super::{Base, NamedType, Squadron};
use crate::catalog::{AircraftType, BUILTIN_CATALOG_TOML, Catalog, Role, field_paths};
use crate::scenario::error::FieldPath;
use crate::scenario::file::*;
use crate::scenario::limits::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The squadrons and the types they fly, for the tables that refer to them.
pub(super) struct Fleet {
    pub types: Vec<NamedType>,
    pub squadrons: Vec<Squadron>,
}

impl Fleet {
    /// Whether squadron `i` has a valid type and base.
    pub(super) fn ok(&self, i: usize) -> bool {
        self.squadrons[i].aircraft != usize::MAX && self.squadrons[i].base != usize::MAX
    }

    /// The squadron named `name`, or an error at `path` listing the squadrons there are.
    pub(super) fn squadron_ref(
        &self,
        c: &mut Checker,
        path: &FieldPath,
        name: &str,
    ) -> Option<usize> {
        match self.squadrons.iter().position(|s| s.name == name) {
            Some(i) => Some(i),
            None => {
                c.error(
                    path,
                    format!(
                        "unknown squadron `{name}`; squadrons in this file: {}",
                        known_list(self.squadrons.iter().map(|s| s.name.clone()))
                    ),
                );
                None
            }
        }
    }
}

/// `[[aircraft]]` and `[[squadrons]]`.
pub(super) fn squadrons(c: &mut Checker, file: &ScenarioFile, bases: &[Base]) -> Fleet {
    let root = FieldPath::root();
    let base_index = |name: &str| {
        bases
            .iter()
            .position(|b| b.name == name || b.icao.as_deref() == Some(name))
    };

    let (all_types, failed_types) = resolve_types(file, c);
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
    Fleet { types, squadrons }
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
pub(super) fn resolve_types(
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
    let mut ids: HashMap<String, usize> = HashMap::new();
    for (i, entry) in file.aircraft.iter().enumerate() {
        let path = FieldPath::root().key("aircraft").index(i);
        let Some(id) = entry.get("id").and_then(|v| v.as_str()).map(str::to_string) else {
            c.error(&path.key("id"), "each [[aircraft]] entry needs `id`, a string: a built-in type to override or a new type's id");
            continue;
        };
        if let Some(first) = ids.insert(id.clone(), i) {
            c.error(
                &path.key("id"),
                format!("the id `{id}` is also that of aircraft[{first}]; each [[aircraft]] entry needs its own id (the later one would silently replace the earlier)"),
            );
        }
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
                        .chain(crate::scenario::from_serde_path(e.path()).0)
                        .collect(),
                );
                let inner = e.into_inner();
                let mut msg = crate::scenario::plain_types(inner.message());
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

pub(super) fn expect_role(
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

/// `[fleet_caps]`: each key an aircraft type (built in or defined in the file); a cap below the
/// aircraft the scenario already gives that type is a warning (sizing starts within the cap).
pub(super) fn caps(c: &mut Checker, file: &ScenarioFile, fleet: &Fleet) {
    let root = FieldPath::root().key("fleet_caps");
    let catalog = Catalog::builtin();
    for (id, &cap) in &file.fleet_caps {
        let path = root.key(id);
        if fleet.types.iter().all(|t| t.id != *id) && catalog.get(id).is_none() {
            c.error(
                &path,
                format!(
                    "unknown aircraft type `{id}`; types the squadrons fly: {}",
                    known_list(
                        fleet
                            .squadrons
                            .iter()
                            .filter_map(|q| fleet.types.get(q.aircraft).map(|t| t.id.clone()))
                            .collect::<std::collections::BTreeSet<_>>()
                            .into_iter()
                    )
                ),
            );
            continue;
        }
        let given: u32 = fleet
            .squadrons
            .iter()
            .filter(|q| fleet.types.get(q.aircraft).is_some_and(|t| t.id == *id))
            .map(|q| q.aircraft_count)
            .sum();
        if given > cap {
            c.warn(
                &path,
                format!(
                    "the squadrons are given {given} `{id}` aircraft, more than the cap of {cap}; \
                     sizing will not ask for more than {cap}"
                ),
            );
        }
    }
}
