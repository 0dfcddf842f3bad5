//! The report's traced replication: one replication run with every event recorded, and what
//! the charts read from it.

use super::charts;
use crate::scenario::Scenario;
use crate::sim::trace::Recorder;
use crate::sim::{Model, simulate_observed};
use std::collections::{HashMap, HashSet};

/// Replication `rep` of seed `seed`, every event recorded.
pub(super) fn replication(s: &Scenario, seed: u64, rep: u64) -> Result<Recorder, String> {
    let model = Model::new(s);
    let mut rec = Recorder::default();
    simulate_observed(&model, seed, rep, &mut rec).map_err(|e| e.to_string())?;
    Ok(rec)
}

/// Aircraft on each post over a replication, from its trace, counted as the metrics count them:
/// a fighter gone for fuel to a tanker inside its station's patrol area is still on the station
/// until it is back, or until it leaves for anywhere else.
pub(super) fn stations(s: &Scenario, rec: &Recorder) -> charts::Timeline {
    let mut posts: Vec<String> = s.cap_stations.iter().map(|c| c.name.clone()).collect();
    posts.extend(s.tanker_tracks.iter().map(|t| t.name.clone()));
    posts.extend(s.aew_orbits.iter().map(|o| o.name.clone()));
    let in_area = |post: &str| {
        s.cap_stations
            .iter()
            .any(|c| c.refuels_in_area && c.name == post)
    };
    let mut count: HashMap<&str, i32> = HashMap::new();
    let mut steps: HashMap<&str, Vec<(f64, i32)>> = HashMap::new();
    let mut at: HashMap<(String, usize), String> = HashMap::new();
    // Fighters away for fuel inside their station's area, still counted on it.
    let mut refuelling: HashSet<(String, usize)> = HashSet::new();
    for e in &rec.events {
        let key = (e.squadron.clone(), e.tail);
        // Back from the tanker inside the area, it never stopped counting; leaving from there
        // for anywhere else takes it off; nothing else it does at the tanker changes the count.
        let leaves_from_tanker = refuelling.contains(&key)
            && match e.event {
                "back_on_station" => {
                    refuelling.remove(&key);
                    continue;
                }
                "leave_station" | "scramble_from_cap" | "divert" | "landed" | "shoot_down" => {
                    refuelling.remove(&key);
                    true
                }
                _ => continue,
            };
        let (post, delta) = match e.event {
            "on_station" | "back_on_station" => match &e.task {
                Some(p) => {
                    at.insert(key, p.clone());
                    (p.clone(), 1)
                }
                None => continue,
            },
            "to_tanker" if at.get(&key).is_some_and(|p| in_area(p)) => {
                refuelling.insert(key);
                continue;
            }
            _ if leaves_from_tanker
                || matches!(e.event, "leave_station" | "to_tanker" | "scramble_from_cap") =>
            {
                match at.remove(&key) {
                    Some(p) => (p, -1),
                    None => continue,
                }
            }
            _ => continue,
        };
        if let Some(name) = posts.iter().find(|n| **n == post) {
            let c = count.entry(name).or_insert(0);
            *c += delta;
            steps.entry(name).or_default().push((e.time_h, *c));
        }
    }
    posts
        .iter()
        .map(|p| (p.clone(), steps.remove(p.as_str()).unwrap_or_default()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The share of `[from, to]` during which `steps` (count changes, in time order, from 0)
    /// hold at least `need`.
    fn share_at_least(steps: &[(f64, i32)], need: i32, from: f64, to: f64) -> f64 {
        let (mut t, mut count, mut held): (f64, i32, f64) = (0.0, 0, 0.0);
        for &(at, c) in steps.iter().chain([(to, 0)].iter()) {
            let (a, b) = (t.max(from), at.min(to));
            if b > a && count >= need {
                held += b - a;
            }
            (t, count) = (at, c);
        }
        held / (to - from)
    }

    #[test]
    fn the_timeline_counts_a_station_as_its_coverage_metric_does() {
        // On `ukraine` every tanker track lies inside its station's area, so a fighter away
        // for fuel still counts on the station; on `reference` the track lies outside, and the
        // trip takes it off. Either way the timeline must show the same manning as the metric
        // the coverage figures come from, station by station.
        for (name, in_area) in [("ukraine", true), ("reference", false)] {
            let s = Scenario::load(name).unwrap();
            assert!(s.cap_stations.iter().all(|c| c.refuels_in_area == in_area));
            let model = Model::new(&s);
            let names = model.names().0.clone();
            for rep in 0..3 {
                let mut rec = Recorder::default();
                let row = simulate_observed(&model, 7, rep, &mut rec).unwrap();
                assert!(rec.events.iter().any(|e| e.event == "to_tanker"), "{name}");
                let timeline = stations(&s, &rec);
                // Stations required round the clock (the metric counts only a station's hours).
                let always: Vec<_> = s
                    .cap_stations
                    .iter()
                    .filter(|c| c.hours.is_none())
                    .collect();
                assert!(!always.is_empty(), "{name}");
                for c in always {
                    let steps = &timeline.iter().find(|(n, _)| *n == c.name).unwrap().1;
                    let i = names
                        .iter()
                        .position(|n| *n == format!("station_coverage[{}]", c.name))
                        .unwrap();
                    let drawn = share_at_least(steps, c.element as i32, s.warmup_h, s.duration_h);
                    assert!(
                        (drawn - row.values[i]).abs() < 1e-9,
                        "{name} {} rep {rep}: drawn {drawn}, metric {}",
                        c.name,
                        row.values[i]
                    );
                }
            }
        }
    }
}
