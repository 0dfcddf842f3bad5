//! What is manned and where: `[[tanker_tracks]]`, `[[aew_orbits]]`, `[[cap_stations]]` (placed,
//! and checked for reach), `[[qra]]`, `[[ground_radars]]` and `[[points]]`.

use super::aircraft::{Fleet, expect_role};
use super::checker::{Checker, known_list};
use super::{Base, CapStation, Qra, Track};
use crate::catalog::Role;
use crate::geo::{Front, LatLon};
use crate::scenario::error::FieldPath;
use crate::scenario::file::*;
use crate::scenario::limits::*;
use std::collections::HashSet;

/// `[[tanker_tracks]]` and `[[aew_orbits]]`.
pub(super) fn tracks_and_orbits(
    c: &mut Checker,
    file: &ScenarioFile,
    bases: &[Base],
    fleet: &Fleet,
) -> (Vec<Track>, Vec<Track>) {
    let root = FieldPath::root();
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
            let Some(s) = fleet.squadron_ref(c, &p.key("squadron"), &squadron) else {
                continue;
            };
            if !fleet.ok(s) {
                continue;
            }
            let ty = &fleet.types[fleet.squadrons[s].aircraft];
            if expect_role(c, &p.key("squadron"), &fleet.squadrons[s], ty, want, what) && pos_ok {
                let d = bases[fleet.squadrons[s].base]
                    .position
                    .distance_km(&position);
                let hold = ty.spec.on_station_internal_h(d);
                if hold <= 0.0 {
                    c.error(
                        &p.key("position"),
                        format!(
                            "is {d:.0} km from {}, beyond the reach of `{}` (it would have {hold:.1} h there); move it closer or base the squadron nearer",
                            bases[fleet.squadrons[s].base].name, ty.id
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
        c,
        "tanker_tracks",
        file.tanker_tracks
            .iter()
            .map(|t| (t.name.clone(), t.position, t.squadron.clone(), t.on_track))
            .collect(),
        Role::Tanker,
        "a tanker track",
    );
    let aew_orbits = tracks(
        c,
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
    (tanker_tracks, aew_orbits)
}

/// The largest CAP patrol area a scenario may give, radius in km: a racetrack about 150 km long,
/// the most a pair can patrol and still be said to hold one station (assumption).
pub const MAX_AREA_RADIUS_KM: f64 = 75.0;

/// `[[cap_stations]]`: each placed (one position, or several along the front), its serving
/// squadrons and tanker resolved, and the reach of every serving squadron checked.
pub(super) fn cap_stations(
    c: &mut Checker,
    file: &ScenarioFile,
    front: Option<&Front>,
    bases: &[Base],
    fleet: &Fleet,
    tanker_tracks: &[Track],
) -> Vec<CapStation> {
    let root = FieldPath::root();
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
        let area_km = match s.area_radius_km {
            Some(r) if !(r.is_finite() && (0.0..=MAX_AREA_RADIUS_KM).contains(&r)) => {
                c.error(
                    &p.key("area_radius_km"),
                    format!("must be a radius in km from 0 to {MAX_AREA_RADIUS_KM} (a CAP area is a racetrack some tens of km long, not a region), got {r}"),
                );
                0.0
            }
            Some(r) => r,
            None => 0.0,
        };
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
            if let Some(k) = fleet.squadron_ref(c, &sp, name)
                && fleet.ok(k)
                && expect_role(
                    c,
                    &sp,
                    &fleet.squadrons[k],
                    &fleet.types[fleet.squadrons[k].aircraft],
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
                let ty = &fleet.types[fleet.squadrons[q].aircraft];
                let base = &bases[fleet.squadrons[q].base];
                let d = base.position.distance_km(&position);
                let hold = ty.spec.on_station_internal_h(d);
                let tanker = track.map(|t| {
                    (
                        &tanker_tracks[t],
                        &fleet.types[fleet.squadrons[tanker_tracks[t].squadron].aircraft],
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
                            fleet.squadrons[q].name,
                            ty.id,
                            ty.spec.receptacle.with_article(),
                            tr.name,
                            tt.id,
                            systems.join(" and "),
                            hold.max(0.0)
                        ),
                    );
                }
                if let (Some((tr, _)), true) = (tanker, compatible) {
                    // Filled at the track, a fighter must be able to fly back to the station
                    // and home from it (the way out via the track and every refuelling trip
                    // rely on it).
                    let leg_km = tr.position.distance_km(&position);
                    let need_kg = (ty.spec.transit_h(leg_km) + ty.spec.transit_h(d))
                        * ty.spec.cruise_burn_kg_h;
                    if need_kg >= ty.spec.usable_fuel_kg() {
                        c.error(
                            &p.key("tanker_track"),
                            format!(
                                "station `{name}`: tanker track `{}` is {leg_km:.0} km from it; `{}` filled there cannot fly back to the station and home to {} ({need_kg:.0} kg needed, {:.0} kg usable); move the track nearer the station",
                                tr.name,
                                ty.id,
                                base.name,
                                ty.spec.usable_fuel_kg()
                            ),
                        );
                    }
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
                            base.name, fleet.squadrons[q].name, ty.id
                        ),
                    );
                }
            }
            let leg_km = track.map(|t| tanker_tracks[t].position.distance_km(&position));
            let refuels_in_area = leg_km.is_some_and(|l| l <= area_km);
            if let (Some(l), Some(t)) = (leg_km, track)
                && area_km > 0.0
                && !refuels_in_area
            {
                c.warn(
                    &p.key("area_radius_km"),
                    format!(
                        "station `{name}`: tanker track `{}` is {l:.0} km from it, outside its {area_km:.0} km area; a fighter refuelling there is off station for the whole trip",
                        tanker_tracks[t].name
                    ),
                );
            }
            cap_stations.push(CapStation {
                name,
                position,
                element: s.element,
                squadrons: serving.clone(),
                tanker_track: track,
                hours: s.hours,
                area_radius_km: area_km,
                refuels_in_area,
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
    cap_stations
}

/// `[[qra]]`.
pub(super) fn qra(c: &mut Checker, file: &ScenarioFile, fleet: &Fleet) -> Vec<Qra> {
    let root = FieldPath::root();
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
        if let Some(swap) = &q.swap_min {
            c.dist(&p.key("swap_min"), swap);
        }
        c.fraction(&p.key("alert_wear"), q.alert_wear);
        c.fraction(&p.key("scheduled_share"), q.scheduled_share);
        let Some(s) = fleet.squadron_ref(c, &p.key("squadron"), &q.squadron) else {
            continue;
        };
        if fleet.ok(s) {
            expect_role(
                c,
                &p.key("squadron"),
                &fleet.squadrons[s],
                &fleet.types[fleet.squadrons[s].aircraft],
                Role::Fighter,
                "a QRA posture",
            );
            let has = fleet.squadrons[s].aircraft_count;
            if q.on_alert > has {
                c.warn(
                    &p.key("on_alert"),
                    format!(
                        "is {} but squadron `{}` has {has} aircraft, so the alert can never be held in full (sizing raises the squadron)",
                        q.on_alert, fleet.squadrons[s].name
                    ),
                );
            }
        }
        qra.push(Qra {
            name: q.name.clone(),
            squadron: s,
            on_alert: q.on_alert,
            readiness_min: q.readiness_min,
            scramble_size: q.scramble_size,
            regenerate_min: q.regenerate_min,
            spares_regenerate: q.spares_regenerate,
            swap_min: q.swap_min.unwrap_or(q.regenerate_min),
            alert_wear: q.alert_wear,
            scheduled_share: q.scheduled_share,
        });
    }
    c.unique("qra", file.qra.iter().map(|q| q.name.as_str()));
    qra
}

/// `[[ground_radars]]` and `[[points]]`.
/// Largest radius of a defended point, km: a city or a plant and its approaches, not a region.
const MAX_DEFEND_RADIUS_KM: f64 = 500.0;

pub(super) fn radars_and_points(c: &mut Checker, file: &ScenarioFile) {
    let root = FieldPath::root();
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
        let p = root.key("points").index(i);
        c.position(&p.key("position"), &pt.position);
        if let Some(r) = pt.defend_radius_km
            && c.positive(&p.key("defend_radius_km"), r)
            && r > MAX_DEFEND_RADIUS_KM
        {
            c.error(
                &p.key("defend_radius_km"),
                format!("is {r} km; a defended point's radius is at most {MAX_DEFEND_RADIUS_KM} km (a city or a plant and its approaches, not a region; use several points for a region)"),
            );
        }
    }
    c.unique("points", file.points.iter().map(|p| p.name.as_str()));
    for (i, d) in file.air_defence.iter().enumerate() {
        let p = root.key("air_defence").index(i);
        if d.name == "fighters" {
            c.error(
                &p.key("name"),
                "`fighters` names the fighters' share of the kills in the results; call the site something else",
            );
        }
        c.position(&p.key("position"), &d.position);
        c.positive(&p.key("range_km"), d.range_km);
        c.non_negative(&p.key("min_altitude_m"), d.min_altitude_m);
        if c.non_negative(&p.key("max_altitude_m"), d.max_altitude_m)
            && d.max_altitude_m < d.min_altitude_m
        {
            c.error(
                &p.key("max_altitude_m"),
                format!(
                    "must be at least `min_altitude_m` ({} m), got {} m",
                    d.min_altitude_m, d.max_altitude_m
                ),
            );
        }
        if !(d.pk > 0.0 && d.pk <= 1.0) {
            c.error(
                &p.key("pk"),
                format!("is the chance one shot kills: in (0, 1], got {}", d.pk),
            );
        }
        c.at_least_one(&p.key("missiles"), d.missiles);
        c.non_negative(&p.key("reload_min"), d.reload_min);
        c.non_negative(&p.key("reaction_min"), d.reaction_min);
        c.non_negative(&p.key("cost_per_shot_usd"), d.cost_per_shot_usd);
        c.non_negative(&p.key("speed_kmh"), d.speed_kmh);
        if let Some(e) = d.endurance_h
            && c.positive(&p.key("endurance_h"), e)
            && d.speed_kmh == 0.0
        {
            c.error(
                &p.key("endurance_h"),
                "is for a team that moves; give a `speed_kmh` too, or leave it out for a fixed site",
            );
        }
        if !(0.0..1.0).contains(&d.grounded_share) {
            c.error(
                &p.key("grounded_share"),
                format!(
                    "is the share of the time the weather keeps it from engaging: in [0, 1), got {}",
                    d.grounded_share
                ),
            );
        }
        match d.grounded_spell_h {
            Some(h) => {
                c.positive(&p.key("grounded_spell_h"), h);
            }
            None if d.grounded_share > 0.0 => c.error(
                &p.key("grounded_spell_h"),
                "is needed with a `grounded_share`: the mean length of a spell of weather that keeps it from engaging, in hours (for example 8)",
            ),
            None => {}
        }
    }
    c.unique(
        "air_defence",
        file.air_defence.iter().map(|d| d.name.as_str()),
    );
}
