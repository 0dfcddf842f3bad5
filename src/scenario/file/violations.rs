//! The violation tables of the scenario file: `[[points]]`, `[violations]` with its surges,
//! `[[violations.types]]`, `[[violations.raids]]` and responder rule, and the `[[air_defence]]`
//! sites that answer violations beside the fighters.

use crate::dist::Dist;
use crate::geo::LatLon;
use serde::{Deserialize, Serialize};

/// `[[points]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointSpec {
    /// Name, used by violator types' `toward`.
    pub name: String,
    /// `[lat, lon]`, degrees.
    pub position: LatLon,
    /// Makes the point a defended point: a violator counts as stopped only if it is intercepted
    /// before it comes within this radius, km.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defend_radius_km: Option<f64>,
}

/// A window of raised (or lowered) violation rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurgeSpec {
    /// Start, days from the start of the run.
    pub start_day: f64,
    /// End, days from the start of the run.
    pub end_day: f64,
    /// Rate multiplier inside the window.
    pub multiplier: f64,
}

fn default_spread() -> f64 {
    30.0
}

/// `[[violations.types]]`: a kind of violator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViolatorTypeSpec {
    /// Name.
    pub name: String,
    /// Share of arrivals, in [0, 1]; shares add up to 1.
    pub share: f64,
    /// Speed, km/h.
    pub speed_kmh: f64,
    /// Altitude, metres.
    pub altitude_m: f64,
    /// How far it flies past the front before turning back, km (give this or `dwell_min`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub penetration_km: Option<f64>,
    /// How long it stays past the front before turning back, minutes (give this or
    /// `penetration_km`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dwell_min: Option<Dist>,
    /// Random spread of the heading around the perpendicular into the protected side, ± degrees.
    #[serde(default = "default_spread")]
    pub heading_spread_deg: f64,
    /// Named points to head for instead of the perpendicular (one chosen at random).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub toward: Vec<String>,
    /// The share of each sensor's instrumented range at which this violator is seen, in (0, 1]
    /// (default 1): a small drone's radar cross-section shortens it, range going as the fourth
    /// root of the cross-section. The radar horizon still applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub radar_range_factor: Option<f64>,
    /// Shot down when intercepted (one weapon spent, no shadowing), as hostile drones are;
    /// otherwise identified and shadowed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shoot_down: bool,
}

fn default_c2_delay() -> Dist {
    Dist::Fixed(2.0)
}
fn default_shadow() -> Dist {
    Dist::Fixed(10.0)
}

/// `[violations]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViolationsSpec {
    /// Mean arrivals per day (Poisson).
    pub rate_per_day: f64,
    /// Rate multipliers for each hour of the day, 24 values (flat when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_multipliers: Option<Vec<f64>>,
    /// Surge windows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub surges: Vec<SurgeSpec>,
    /// Relative weight of entry in each front sector (uniform by length when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector_weights: Option<Vec<f64>>,
    /// Command-and-control delay from detection to the response order, minutes.
    #[serde(default = "default_c2_delay")]
    pub c2_delay_min: Dist,
    /// Time an interceptor shadows the violator after the intercept, minutes.
    #[serde(default = "default_shadow")]
    pub shadow_min: Dist,
    /// When no responder can intercept at the order, order again after this many minutes while
    /// the violator is still inbound (area defence: a drone out of reach now comes within reach
    /// later). Absent: the response is ordered once and a violation no one can reach then is
    /// unanswered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_min: Option<f64>,
    /// The kinds of violator.
    pub types: Vec<ViolatorTypeSpec>,
    /// Which of the responders that can intercept takes a violation.
    #[serde(default, skip_serializing_if = "ResponderRule::is_earliest")]
    pub responder: ResponderRule,
    /// Fighters are kept for violators faster than this, km/h: a slower one goes to another
    /// responder (an air-defence site) whenever one can meet it, and to a fighter only when
    /// none can. Absent: fighters answer every violator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fighters_above_kmh: Option<f64>,
    /// Raids: violators that come together, besides the steady arrivals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub raids: Vec<RaidSpec>,
}

/// Which responder takes a violation when several can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ResponderRule {
    /// The one that intercepts first.
    #[default]
    Earliest,
    /// The one whose weapon costs least per expected kill (a site's shot over its chance to
    /// kill, a fighter's missile), among those that meet the violator before it reaches a
    /// defended point; the earliest when none does, and on a tie.
    Cheapest,
}

impl ResponderRule {
    fn is_earliest(&self) -> bool {
        *self == ResponderRule::Earliest
    }
}

/// `[[air_defence]]`: a responder beside the fighters — a ground-based air-defence site that
/// fires from where it stands, or, with a `speed_kmh`, a team that moves to meet the violator (a
/// mobile fire group on the road, a helicopter in the air) and comes back after each engagement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AirDefenceSpec {
    /// Name.
    pub name: String,
    /// `[lat, lon]`, degrees.
    pub position: LatLon,
    /// Engagement range, km.
    pub range_km: f64,
    /// Lowest target altitude it engages, metres.
    #[serde(default)]
    pub min_altitude_m: f64,
    /// Highest target altitude it engages, metres.
    pub max_altitude_m: f64,
    /// Probability that one shot kills, in (0, 1].
    pub pk: f64,
    /// Missiles on hand when loaded.
    pub missiles: u32,
    /// Time to reload once every missile is spent, minutes.
    pub reload_min: f64,
    /// From the response order to the first shot, minutes.
    #[serde(default)]
    pub reaction_min: f64,
    /// Cost of one shot, US dollars (for the cost per kill).
    #[serde(default)]
    pub cost_per_shot_usd: f64,
    /// A moving team's speed to the engagement and back, km/h; 0 (the default) is a fixed site.
    /// A moving team takes one violator at a time.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub speed_kmh: f64,
    /// The longest a moving team may be away from its base for one engagement, hours (there,
    /// any wait, and back); unlimited when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endurance_h: Option<f64>,
    /// Share of the time the weather keeps it from engaging (low cloud and icing ground a
    /// helicopter), in [0, 1); 0 by default.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub grounded_share: f64,
    /// Mean length of one spell of such weather, hours; needed with a `grounded_share`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grounded_spell_h: Option<f64>,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

/// `[[violations.raids]]`: a number of violators of one type that cross a stretch of the front
/// within a window, at given times or at random.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RaidSpec {
    /// Name, for the tables.
    pub name: String,
    /// The `[[violations.types]]` its members are.
    #[serde(rename = "type")]
    pub kind: String,
    /// Members of one raid: a number or a distribution, rounded to a whole number (at least 1).
    pub count: Dist,
    /// The members cross at uniform times within this window from the raid's start, minutes.
    #[serde(default)]
    pub window_min: f64,
    /// The stretch of front they cross, km from its first point (from 0 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_km: Option<f64>,
    /// The end of that stretch, km from the front's first point (its end when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_km: Option<f64>,
    /// Share of the members that are decoys: met like the others, since they must be
    /// identified, but not counted as leakers when they are not.
    #[serde(default)]
    pub decoy_share: f64,
    /// Raids that start at these times, days from the start of the run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub at_days: Vec<f64>,
    /// Raids that start at random besides, this many a day on average (Poisson).
    #[serde(default)]
    pub per_day: f64,
}
