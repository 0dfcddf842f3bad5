//! The front in the theatre plane, and the front's samples grouped by the sensors that see them.

use super::{Model, SensorDef};
use crate::geo::Front;
use nalgebra::Vector2;

/// Spacing of the front table, km at most.
const FRONT_TABLE_STEP_KM: f64 = 2.0;

/// The front in the theatre plane, sampled along each geodesic segment at most
/// [`FRONT_TABLE_STEP_KM`] apart, every vertex included.
#[derive(Debug, Clone)]
pub(crate) struct FrontTable {
    /// Distance along the front where each segment starts, km.
    start_km: Vec<f64>,
    /// Spacing of each segment's samples, km.
    step_km: Vec<f64>,
    /// Index of each segment's first sample.
    first: Vec<usize>,
    points: Vec<Vector2<f64>>,
}

impl FrontTable {
    pub(super) fn new(front: &Front) -> Self {
        let cum = front.cumulative_km();
        let mut t = FrontTable {
            start_km: Vec::new(),
            step_km: Vec::new(),
            first: Vec::new(),
            points: Vec::new(),
        };
        let vertices = front.vertices();
        for (i, w) in cum.windows(2).enumerate() {
            let len = w[1] - w[0];
            let n = ((len / FRONT_TABLE_STEP_KM).ceil() as usize).max(1);
            t.start_km.push(w[0]);
            t.step_km.push(len / n as f64);
            t.first.push(t.points.len());
            // As `Front::point_at` does, with the segment's azimuth found once.
            let (_, az) = vertices[i].distance_azimuth(&vertices[i + 1]);
            for k in 0..n {
                let along = w[0] + len * k as f64 / n as f64;
                let p = vertices[i].destination(az, along - w[0]);
                t.points.push(front.projection().forward(&p));
            }
        }
        let end = front.length_km();
        t.points
            .push(front.projection().forward(&front.point_at(end)));
        t
    }

    /// The point `along` km from the front's start (clamped to the front).
    pub(crate) fn at(&self, along: f64) -> Vector2<f64> {
        let i = self
            .start_km
            .partition_point(|&c| c <= along)
            .saturating_sub(1);
        let next = self
            .first
            .get(i + 1)
            .copied()
            .unwrap_or(self.points.len() - 1);
        let (first, step) = (self.first[i], self.step_km[i]);
        if step <= 0.0 {
            return self.points[first];
        }
        let x = ((along - self.start_km[i]) / step).clamp(0.0, (next - first) as f64);
        let k = (x.floor() as usize).min(next - first - 1);
        let t = x - k as f64;
        let (a, b) = (self.points[first + k], self.points[first + k + 1]);
        a + (b - a) * t
    }
}

impl Model {
    /// The point of the front `along` km from its start, in the theatre plane.
    pub(crate) fn front_plane_at(&self, along: f64) -> Vector2<f64> {
        self.front_table.at(along)
    }
}

/// Front samples seen by exactly one set of sensors.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CoverGroup {
    /// The sensors that see these samples, one bit per sensor.
    pub sensors: Vec<u64>,
    /// Their total weight (km of front).
    pub weight: f64,
}

impl CoverGroup {
    /// Whether a sensor in `on` (one bit per sensor) sees this group.
    pub fn seen_by(&self, on: &[u64]) -> bool {
        self.sensors.iter().zip(on).any(|(a, b)| a & b != 0)
    }
}

/// Groups the front samples by the set of sensors (`pick`: low or high cover) that see them, in
/// order of first appearance; samples no sensor sees are left out.
pub(super) fn cover_groups(
    sensors: &[SensorDef],
    weights: &[f64],
    pick: fn(&SensorDef) -> &Vec<bool>,
) -> Vec<CoverGroup> {
    let words = sensors.len().div_ceil(64);
    let mut groups: Vec<CoverGroup> = Vec::new();
    let mut index: std::collections::HashMap<Vec<u64>, usize> = std::collections::HashMap::new();
    for (i, w) in weights.iter().enumerate() {
        let mut mask = vec![0u64; words];
        for (k, s) in sensors.iter().enumerate() {
            if pick(s)[i] {
                mask[k / 64] |= 1 << (k % 64);
            }
        }
        if mask.iter().all(|w| *w == 0) {
            continue;
        }
        let g = *index.entry(mask.clone()).or_insert_with(|| {
            groups.push(CoverGroup {
                sensors: mask,
                weight: 0.0,
            });
            groups.len() - 1
        });
        groups[g].weight += w;
    }
    groups
}
