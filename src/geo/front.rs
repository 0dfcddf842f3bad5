//! The front: a polyline of positions with a protected side.

use super::{LatLon, Projection};
use nalgebra::Vector2;
use serde::{Deserialize, Serialize};

/// Which side of the front, looking along it from its first vertex to its last, is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The left-hand side when walking from the first vertex to the last.
    Left,
    /// The right-hand side when walking from the first vertex to the last.
    Right,
}

/// Why a polyline cannot be a front.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FrontError {
    /// Fewer than two vertices.
    #[error("a front needs at least 2 points, found {0}")]
    TooFewPoints(usize),
    /// A vertex outside latitude [-90, 90] or longitude [-180, 180], or not finite.
    #[error(
        "point {0} is not a valid [lat, lon] in degrees (lat in [-90, 90], lon in [-180, 180])"
    )]
    InvalidPoint(usize),
    /// All vertices coincide.
    #[error("the front has zero length: its points all coincide")]
    ZeroLength,
}

/// The closest point of the front to some position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NearestPoint {
    /// Distance along the front from its first vertex, km.
    pub along_km: f64,
    /// Geodesic distance from the position to the front, km.
    pub distance_km: f64,
    /// Whether the position lies on the protected side.
    pub protected_side: bool,
    /// The closest point itself.
    pub point: LatLon,
}

/// A front line: vertices, the protected side, cumulative geodesic lengths and a plane
/// projection for nearest-point queries.
#[derive(Debug, Clone)]
pub struct Front {
    vertices: Vec<LatLon>,
    protected: Side,
    cumulative_km: Vec<f64>,
    projection: Projection,
    planar: Vec<Vector2<f64>>,
}

impl Front {
    /// A front through `vertices` (in order) protecting `protected`.
    pub fn new(vertices: Vec<LatLon>, protected: Side) -> Result<Self, FrontError> {
        if vertices.len() < 2 {
            return Err(FrontError::TooFewPoints(vertices.len()));
        }
        if let Some(i) = vertices.iter().position(|v| !v.is_valid()) {
            return Err(FrontError::InvalidPoint(i));
        }
        let mut cumulative_km = Vec::with_capacity(vertices.len());
        let mut total = 0.0;
        cumulative_km.push(0.0);
        for w in vertices.windows(2) {
            total += w[0].distance_km(&w[1]);
            cumulative_km.push(total);
        }
        if total <= 0.0 {
            return Err(FrontError::ZeroLength);
        }
        let mut front = Self {
            vertices,
            protected,
            cumulative_km,
            projection: Projection::new(LatLon::new(0.0, 0.0)),
            planar: Vec::new(),
        };
        front.projection = Projection::new(front.point_at(total / 2.0));
        front.planar = front
            .vertices
            .iter()
            .map(|v| front.projection.forward(v))
            .collect();
        Ok(front)
    }

    /// The vertices in order.
    pub fn vertices(&self) -> &[LatLon] {
        &self.vertices
    }

    /// The protected side.
    pub fn protected_side(&self) -> Side {
        self.protected
    }

    /// The theatre projection, centred on the front's midpoint.
    pub fn projection(&self) -> &Projection {
        &self.projection
    }

    /// Distance along the front of each vertex from the first, km.
    pub fn cumulative_km(&self) -> &[f64] {
        &self.cumulative_km
    }

    /// Total length along the geodesic segments, km.
    pub fn length_km(&self) -> f64 {
        *self
            .cumulative_km
            .last()
            .expect("a front has at least two vertices")
    }

    fn segment_at(&self, along_km: f64) -> usize {
        let i = self.cumulative_km.partition_point(|&c| c <= along_km);
        i.saturating_sub(1).min(self.vertices.len() - 2)
    }

    /// The point `along_km` from the first vertex (clamped to the front), along the geodesic
    /// segments.
    pub fn point_at(&self, along_km: f64) -> LatLon {
        let along = along_km.clamp(0.0, self.length_km());
        let i = self.segment_at(along);
        let (_, az) = self.vertices[i].distance_azimuth(&self.vertices[i + 1]);
        self.vertices[i].destination(az, along - self.cumulative_km[i])
    }

    /// The front's direction at `along_km`, degrees clockwise from north.
    pub fn azimuth_at(&self, along_km: f64) -> f64 {
        let along = along_km.clamp(0.0, self.length_km());
        let i = self.segment_at(along);
        let p = self.point_at(along);
        let end = self.vertices[i + 1];
        if p.distance_km(&end) < 1e-9 {
            let (_, az) = self.vertices[i].distance_azimuth(&end);
            return az;
        }
        p.distance_azimuth(&end).1
    }

    /// The point set back `standoff_km` from the front at `along_km`, perpendicular to the front,
    /// on the protected side.
    pub fn offset_point(&self, along_km: f64, standoff_km: f64) -> LatLon {
        let turn = match self.protected {
            Side::Left => -90.0,
            Side::Right => 90.0,
        };
        self.point_at(along_km)
            .destination(self.azimuth_at(along_km) + turn, standoff_km)
    }

    /// Unit vector in the theatre plane, perpendicular to the front at `along_km`, pointing into
    /// the protected side.
    pub fn inward_normal(&self, along_km: f64) -> Vector2<f64> {
        let i = self.segment_at(along_km.clamp(0.0, self.length_km()));
        let d = (self.planar[i + 1] - self.planar[i]).normalize();
        match self.protected {
            // Left of the direction of travel: rotate by +90°.
            Side::Left => Vector2::new(-d.y, d.x),
            Side::Right => Vector2::new(d.y, -d.x),
        }
    }

    /// The closest point of the front to `p`, found in the theatre plane and measured back on the
    /// ellipsoid.
    pub fn nearest(&self, p: &LatLon) -> NearestPoint {
        let q = self.projection.forward(p);
        let mut best = (f64::INFINITY, 0usize, 0.0f64);
        for (i, w) in self.planar.windows(2).enumerate() {
            let seg = w[1] - w[0];
            let len2 = seg.norm_squared();
            let t = if len2 > 0.0 {
                ((q - w[0]).dot(&seg) / len2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let d2 = (w[0] + seg * t - q).norm_squared();
            if d2 < best.0 {
                best = (d2, i, t);
            }
        }
        let (_, i, t) = best;
        let seg_km = self.cumulative_km[i + 1] - self.cumulative_km[i];
        let along_km = self.cumulative_km[i] + t * seg_km;
        let point = self.point_at(along_km);
        let seg = self.planar[i + 1] - self.planar[i];
        let rel = q - self.planar[i];
        let cross = seg.x * rel.y - seg.y * rel.x;
        let protected_side = match self.protected {
            Side::Left => cross > 0.0,
            Side::Right => cross < 0.0,
        };
        NearestPoint {
            along_km,
            distance_km: point.distance_km(p),
            protected_side,
            point,
        }
    }

    /// Distance in km from `p` to the front.
    pub fn distance_km(&self, p: &LatLon) -> f64 {
        self.nearest(p).distance_km
    }

    /// Points at the centres of consecutive pieces of about `spacing_km` (at least one), as
    /// `(along_km, point, piece_length_km)`; the piece lengths add up to the front's length.
    pub fn sample(&self, spacing_km: f64) -> Vec<(f64, LatLon, f64)> {
        let n = (self.length_km() / spacing_km).ceil().max(1.0) as usize;
        let piece = self.length_km() / n as f64;
        (0..n)
            .map(|k| {
                let along = (k as f64 + 0.5) * piece;
                (along, self.point_at(along), piece)
            })
            .collect()
    }

    /// The front split into `n` sectors of equal length, as `(start_km, end_km)` along the front.
    pub fn sectors(&self, n: usize) -> Vec<(f64, f64)> {
        let n = n.max(1);
        let piece = self.length_km() / n as f64;
        (0..n)
            .map(|k| (k as f64 * piece, (k + 1) as f64 * piece))
            .collect()
    }
}

/// The approximate 2025 contact line (docs/model.md, geography), north to south. A planning approximation,
/// not a survey.
pub const CONTACT_LINE_2025: [[f64; 2]; 22] = [
    [51.22, 35.05],
    [50.95, 35.80],
    [50.45, 36.35],
    [50.29, 36.94],
    [49.71, 37.62],
    [49.38, 37.62],
    [48.99, 37.80],
    [48.87, 38.10],
    [48.59, 37.84],
    [48.40, 37.85],
    [48.28, 37.18],
    [47.98, 37.28],
    [47.84, 36.83],
    [47.66, 36.26],
    [47.57, 35.78],
    [47.50, 35.40],
    [47.50, 34.66],
    [47.57, 34.39],
    [46.84, 33.43],
    [46.64, 32.61],
    [46.48, 32.20],
    [46.50, 31.60],
];

#[cfg(test)]
mod tests {
    use super::*;

    fn contact_line() -> Front {
        Front::new(
            CONTACT_LINE_2025.iter().map(|&p| p.into()).collect(),
            Side::Right,
        )
        .unwrap()
    }

    #[test]
    fn contact_line_measures_about_990_km() {
        let l = contact_line().length_km();
        assert!((l - 990.0).abs() / 990.0 < 0.02, "{l}");
    }

    #[test]
    fn point_at_ends_and_middle() {
        let f = contact_line();
        assert!(f.point_at(0.0).distance_km(&f.vertices()[0]) < 1e-9);
        assert!(
            f.point_at(f.length_km())
                .distance_km(f.vertices().last().unwrap())
                < 1e-6
        );
        let mid = f.point_at(f.length_km() / 2.0);
        let n = f.nearest(&mid);
        assert!(n.distance_km < 0.01);
        assert!((n.along_km - f.length_km() / 2.0).abs() < 1.0);
    }

    #[test]
    fn kyiv_is_on_the_protected_side_and_belgorod_is_not() {
        let f = contact_line();
        let kyiv = f.nearest(&LatLon::new(50.4017, 30.4497));
        assert!(kyiv.protected_side);
        assert!(kyiv.distance_km > 300.0);
        let belgorod = f.nearest(&LatLon::new(50.644, 36.590));
        assert!(!belgorod.protected_side);
    }

    #[test]
    fn offset_point_lies_at_the_standoff_on_the_protected_side() {
        let f = contact_line();
        for along in [100.0, 400.0, 800.0] {
            let p = f.offset_point(along, 60.0);
            let n = f.nearest(&p);
            assert!(n.protected_side);
            // The nearest point may be on a neighbouring segment where the line bends.
            assert!(
                n.distance_km <= 60.5 && n.distance_km > 30.0,
                "{}",
                n.distance_km
            );
        }
    }

    #[test]
    fn nearest_point_on_a_meridian_is_perpendicular() {
        let f = Front::new(
            vec![LatLon::new(50.0, 30.0), LatLon::new(48.0, 30.0)],
            Side::Right,
        )
        .unwrap();
        let p = LatLon::new(49.0, 29.0);
        let n = f.nearest(&p);
        // Walking south, the west is on the right.
        assert!(n.protected_side);
        assert!((n.point.lat_deg - 49.0).abs() < 0.01, "{:?}", n.point);
        let direct = p.distance_km(&LatLon::new(49.0, 30.0));
        assert!((n.distance_km - direct).abs() < 0.5);
    }

    #[test]
    fn samples_and_sectors_partition_the_length() {
        let f = contact_line();
        let s = f.sample(10.0);
        let total: f64 = s.iter().map(|x| x.2).sum();
        assert!((total - f.length_km()).abs() < 1e-6);
        assert!(s.iter().all(|x| x.2 <= 10.0));
        let sectors = f.sectors(4);
        assert_eq!(sectors.len(), 4);
        assert_eq!(sectors[0].0, 0.0);
        assert!((sectors[3].1 - f.length_km()).abs() < 1e-9);
    }

    #[test]
    fn inward_normal_points_to_the_protected_side() {
        let f = contact_line();
        for along in [50.0, 500.0, 950.0] {
            let p = f.projection().forward(&f.point_at(along)) + 30.0 * f.inward_normal(along);
            assert!(
                f.nearest(&f.projection().inverse(&p)).protected_side,
                "{along}"
            );
        }
    }

    #[test]
    fn bad_fronts_are_refused() {
        assert_eq!(
            Front::new(vec![LatLon::new(1.0, 1.0)], Side::Left).unwrap_err(),
            FrontError::TooFewPoints(1)
        );
        assert_eq!(
            Front::new(vec![LatLon::new(1.0, 1.0); 3], Side::Left).unwrap_err(),
            FrontError::ZeroLength
        );
        assert_eq!(
            Front::new(
                vec![LatLon::new(1.0, 1.0), LatLon::new(95.0, 1.0)],
                Side::Left
            )
            .unwrap_err(),
            FrontError::InvalidPoint(1)
        );
    }
}
