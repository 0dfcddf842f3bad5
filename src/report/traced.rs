//! The report's traced replication: one replication run with every event recorded, and what
//! the charts read from it.

use super::charts;
use crate::scenario::Scenario;
use crate::sim::trace::Recorder;
use crate::sim::{Model, simulate_observed};
use std::collections::HashMap;

/// Replication `rep` of seed `seed`, every event recorded.
pub(super) fn replication(s: &Scenario, seed: u64, rep: u64) -> Result<Recorder, String> {
    let model = Model::new(s);
    let mut rec = Recorder::default();
    simulate_observed(&model, seed, rep, &mut rec).map_err(|e| e.to_string())?;
    Ok(rec)
}

/// Aircraft on each post over a replication, from its trace.
pub(super) fn stations(s: &Scenario, rec: &Recorder) -> charts::Timeline {
    let mut posts: Vec<String> = s.cap_stations.iter().map(|c| c.name.clone()).collect();
    posts.extend(s.tanker_tracks.iter().map(|t| t.name.clone()));
    posts.extend(s.aew_orbits.iter().map(|o| o.name.clone()));
    let mut count: HashMap<&str, i32> = HashMap::new();
    let mut steps: HashMap<&str, Vec<(f64, i32)>> = HashMap::new();
    let mut at: HashMap<(String, usize), String> = HashMap::new();
    for e in &rec.events {
        let key = (e.squadron.clone(), e.tail);
        let (post, delta) = match e.event {
            "on_station" | "back_on_station" => match &e.task {
                Some(p) => {
                    at.insert(key, p.clone());
                    (p.clone(), 1)
                }
                None => continue,
            },
            "leave_station" | "to_tanker" | "scramble_from_cap" => match at.remove(&key) {
                Some(p) => (p, -1),
                None => continue,
            },
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
