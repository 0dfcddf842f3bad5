//! Geography: positions, geodesic distances, the theatre's tangent-plane projection and the front.
//!
//! Distances and azimuths between positions are **ellipsoidal geodesics on WGS-84**, computed with
//! Karney's algorithm (the `geographiclib-rs` crate), accurate to a few nanometres — far inside the
//! 0.5 % the model asks for. Kinematics near the front use [`Projection`], an azimuthal equidistant
//! projection centred on the theatre, whose distance error over a 1,000 km theatre is tested to stay
//! under 0.5 % (see `projection.rs`).

mod front;
mod projection;

pub use front::{CONTACT_LINE_2025, Front, FrontError, NearestPoint, Side};
pub use projection::Projection;

use geographiclib_rs::{DirectGeodesic, Geodesic, InverseGeodesic};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

static WGS84: LazyLock<Geodesic> = LazyLock::new(Geodesic::wgs84);

/// A position on the WGS-84 ellipsoid, in degrees (`[lat, lon]` in scenario files).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Vec<f64>", into = "[f64; 2]")]
pub struct LatLon {
    /// Latitude in degrees, north positive, in [-90, 90].
    pub lat_deg: f64,
    /// Longitude in degrees, east positive, in [-180, 180].
    pub lon_deg: f64,
}

impl From<[f64; 2]> for LatLon {
    fn from([lat_deg, lon_deg]: [f64; 2]) -> Self {
        Self { lat_deg, lon_deg }
    }
}

/// From a scenario file's `[lat, lon]`: exactly two numbers (a third, an altitude say, is not
/// dropped in silence).
impl TryFrom<Vec<f64>> for LatLon {
    type Error = String;

    fn try_from(v: Vec<f64>) -> Result<Self, String> {
        match v[..] {
            [lat_deg, lon_deg] => Ok(Self { lat_deg, lon_deg }),
            _ => Err(format!(
                "a position is [lat, lon], two numbers; got {} numbers",
                v.len()
            )),
        }
    }
}

impl From<LatLon> for [f64; 2] {
    fn from(p: LatLon) -> Self {
        [p.lat_deg, p.lon_deg]
    }
}

impl LatLon {
    /// A position from latitude and longitude in degrees.
    pub const fn new(lat_deg: f64, lon_deg: f64) -> Self {
        Self { lat_deg, lon_deg }
    }

    /// Whether both coordinates are finite and inside their ranges.
    pub fn is_valid(&self) -> bool {
        self.lat_deg.is_finite()
            && self.lon_deg.is_finite()
            && (-90.0..=90.0).contains(&self.lat_deg)
            && (-180.0..=180.0).contains(&self.lon_deg)
    }

    /// Geodesic distance to `other` in km.
    pub fn distance_km(&self, other: &LatLon) -> f64 {
        let s12_m: f64 = WGS84.inverse(self.lat_deg, self.lon_deg, other.lat_deg, other.lon_deg);
        s12_m / 1000.0
    }

    /// Geodesic distance in km and initial azimuth in degrees (clockwise from north) toward `other`.
    pub fn distance_azimuth(&self, other: &LatLon) -> (f64, f64) {
        let (s12_m, azi1, _azi2, _a12): (f64, f64, f64, f64) =
            WGS84.inverse(self.lat_deg, self.lon_deg, other.lat_deg, other.lon_deg);
        (s12_m / 1000.0, azi1)
    }

    /// The position reached by flying `distance_km` along the geodesic that leaves here on
    /// `azimuth_deg` (clockwise from north).
    pub fn destination(&self, azimuth_deg: f64, distance_km: f64) -> LatLon {
        let (lat, lon): (f64, f64) = WGS84.direct(
            self.lat_deg,
            self.lon_deg,
            azimuth_deg,
            distance_km * 1000.0,
        );
        LatLon::new(lat, lon)
    }
}

/// Radar horizon in km for an antenna or target at `height_m` metres, with the 4/3 effective Earth
/// radius: `4.12 km · √h`.
pub fn radar_horizon_km(height_m: f64) -> f64 {
    4.12 * height_m.max(0.0).sqrt()
}

/// Detection radius in km of a radar at `radar_height_m` against a target at `target_height_m`:
/// the smaller of the instrumented range and the sum of the two radar horizons (docs/model.md, violations).
pub fn coverage_radius_km(radar_range_km: f64, radar_height_m: f64, target_height_m: f64) -> f64 {
    radar_range_km.min(radar_horizon_km(radar_height_m) + radar_horizon_km(target_height_m))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FT: f64 = 0.3048;

    #[test]
    fn rzeszow_to_kyiv_is_about_600_km() {
        let rzeszow = LatLon::new(50.1100, 22.0190);
        let kyiv = LatLon::new(50.4017, 30.4497);
        let d = rzeszow.distance_km(&kyiv);
        assert!((d - 600.0).abs() / 600.0 < 0.01, "{d}");
    }

    #[test]
    fn published_great_circle_distances_hold() {
        // docs/sources.md: Mihail Kogălniceanu → Odesa ~286 km; Mont-de-Marsan → Rzeszów ~1,833 km.
        let mk = LatLon::new(44.3622, 28.4883);
        let odesa = LatLon::new(46.4268, 30.6765);
        assert!((mk.distance_km(&odesa) - 286.0).abs() / 286.0 < 0.01);
        let mdm = LatLon::new(43.9117, -0.5075);
        let rzeszow = LatLon::new(50.1100, 22.0190);
        assert!((mdm.distance_km(&rzeszow) - 1833.0).abs() / 1833.0 < 0.01);
    }

    #[test]
    fn one_degree_of_meridian_at_the_equator_matches_wgs84() {
        // 110.574 km per degree of latitude at the equator on WGS-84 (standard tables).
        let d = LatLon::new(0.0, 0.0).distance_km(&LatLon::new(1.0, 0.0));
        assert!((d - 110.574).abs() < 0.001, "{d}");
    }

    #[test]
    fn destination_inverts_distance_and_azimuth() {
        let a = LatLon::new(50.1100, 22.0190);
        let b = LatLon::new(48.3572, 35.1006);
        let (d, az) = a.distance_azimuth(&b);
        let c = a.destination(az, d);
        assert!(c.distance_km(&b) < 1e-6);
    }

    #[test]
    fn radar_horizon_anchors() {
        // docs/model.md (closed forms) and docs/sources.md: AEW at 29,000 ft vs 30 m target ≈ 410 km; 41,000 ft ≈ 483 km.
        let at_29k = radar_horizon_km(29_000.0 * FT) + radar_horizon_km(30.0);
        assert!((at_29k - 410.0).abs() < 2.0, "{at_29k}");
        let at_41k = radar_horizon_km(41_000.0 * FT) + radar_horizon_km(30.0);
        assert!((at_41k - 483.0).abs() < 2.0, "{at_41k}");
        assert_eq!(coverage_radius_km(400.0, 29_000.0 * FT, 30.0), 400.0);
    }
}
