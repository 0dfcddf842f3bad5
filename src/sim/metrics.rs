//! Per-replication metrics: time-weighted integrators measured after the warm-up, and the named
//! scalar row a replication produces.

use super::calendar::Hours;

/// The `q`-quantile of sorted values, interpolating linearly between order statistics.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = q * (sorted.len() - 1) as f64;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Integrates a piecewise-constant value over `[warmup, end]`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TimeWeighted {
    value: f64,
    since: Hours,
    integral: f64,
}

impl TimeWeighted {
    pub(crate) fn new(value: f64) -> Self {
        Self {
            value,
            since: 0.0,
            integral: 0.0,
        }
    }

    /// Sets a new value at `now`, adding the old value's share of `[since, now] ∩ [warmup, end]`.
    pub(crate) fn set(&mut self, now: Hours, value: f64, warmup: Hours, end: Hours) {
        self.close(now, warmup, end);
        self.value = value;
    }

    /// Accounts up to `now` without changing the value.
    pub(crate) fn close(&mut self, now: Hours, warmup: Hours, end: Hours) {
        let a = self.since.max(warmup);
        let b = now.min(end);
        if b > a {
            self.integral += self.value * (b - a);
        }
        self.since = now;
    }

    pub(crate) fn value(&self) -> f64 {
        self.value
    }

    pub(crate) fn integral(&self) -> f64 {
        self.integral
    }
}

/// What a metric measures: one entry of a scenario's metric table, built beside the metric's
/// name (`Model::new`) and evaluated at the end of each replication (the engine's `metrics`
/// room), so names and values cannot fall out of order. Indices are of posts, QRA postures,
/// squadrons or front sectors.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Metric {
    /// `cap_coverage`: every required CAP station has its full element.
    AllCap,
    /// `cap_presence`: every required CAP station has at least one fighter.
    CapPresence,
    /// `station_coverage[..]`, `aew_coverage[..]`, `tanker_coverage[..]`: the post has its
    /// required count, over the time it is required.
    Post(usize),
    /// `station_presence[..]`: the CAP station has at least one fighter on it, over the time it
    /// is required.
    StationPresence(usize),
    /// `worst_station_coverage`: the lowest `station_coverage[..]` of the replication.
    WorstStationCoverage,
    /// `worst_station_presence`: the lowest `station_presence[..]` of the replication.
    WorstStationPresence,
    /// `aew_coverage`: every orbit manned.
    AllAew,
    /// `front_coverage_low`.
    FrontLow,
    /// `front_coverage_high`.
    FrontHigh,
    /// `tanker_coverage`: every track manned.
    AllTanker,
    /// `fuel_offloaded_t_per_day[..]` of a tanker track.
    Offloaded(usize),
    /// `qra_coverage`: every posture holds its alert.
    AllQra,
    /// `qra_coverage[..]`.
    Qra(usize),
    /// `violations_per_day`.
    ViolationsPerDay,
    /// `undetected_fraction`.
    Undetected,
    /// `unanswered_fraction`.
    Unanswered,
    /// `intercept_within_target`.
    WithinTarget,
    /// `response_time_mean`, minutes.
    ResponseMean,
    /// `response_time_p50` and the other quantiles, minutes.
    ResponseQuantile(f64),
    /// `qra_unavailable_fraction`.
    QraUnavailable,
    /// `violations_per_day[sector k]`.
    SectorViolations(usize),
    /// `unanswered_fraction[sector k]` (not intercepted, of those with an outcome).
    SectorUnanswered(usize),
    /// `intercept_within_target[sector k]`.
    SectorWithinTarget(usize),
    /// `response_time_mean[sector k]`.
    SectorResponseMean(usize),
    /// `points_defended`: of the violators that come within a defended point's radius, the share
    /// intercepted before they first do.
    PointsDefended,
    /// `points_reached_per_day`: violators that reach a defended point's radius unintercepted.
    PointsReached,
    /// `point_defended[..]`: of the violators that come within this point's radius, the share
    /// intercepted before they do.
    PointDefended(usize),
    /// `point_threats_per_day[..]`: violators that head within this point's radius.
    PointThreats(usize),
    /// `raid_engaged_fraction`: of the violators that came in raids, the share intercepted.
    RaidEngaged,
    /// `raid_leakers_per_raid`: raid members, decoys aside, not intercepted, per raid.
    RaidLeakers,
    /// `raid_shot_down_fraction`: of the violators that came in raids, the share shot down.
    RaidShotDown,
    /// `raid_leak_depth_km`: how far the raid members not intercepted (decoys aside) flew past
    /// the line before they turned back, on average.
    RaidLeakDepth,
    /// `shot_down_per_day`: violators shot down, by fighters and sites.
    ShotDown,
    /// `engaged_by_air_defence_fraction`: of the violators intercepted, the share the
    /// air-defence sites and moving teams shot down.
    SiteShare,
    /// `air_defence_shots_per_day`.
    SiteShots,
    /// `kill_share[..]`: of the violators shot down, the share shot down by the fighters
    /// (`None`) or by this air-defence site or team.
    KillShare(Option<usize>),
    /// `weapons_cost_usd_per_day`: the weapons spent, sites and fighters.
    WeaponsCost,
    /// `cost_per_kill_usd`: that cost over the violators shot down.
    CostPerKill,
    /// `sorties_per_day`.
    Sorties,
    /// `flight_hours_per_day`.
    FlightHours,
    /// `sorties_per_day[..]` of a squadron.
    SquadronSorties(usize),
    /// `flight_hours_per_day[..]` of a squadron.
    SquadronFlightHours(usize),
    /// `mc_rate[..]` of a squadron.
    McRate(usize),
}

/// A scenario's metrics: names in row order, each beside what it measures.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct MetricTable {
    pub names: MetricNames,
    pub metrics: Vec<Metric>,
}

impl MetricTable {
    /// Adds a metric at the end of the row.
    pub(crate) fn push(&mut self, name: impl Into<String>, metric: Metric) {
        self.names.0.push(name.into());
        self.metrics.push(metric);
    }
}

/// The names of a scenario's scalar metrics, in row order. Every replication of a scenario has the
/// same names.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MetricNames(pub Vec<String>);

/// One replication's metrics, in the order of [`MetricNames`].
#[derive(Debug, Clone, PartialEq)]
pub struct RepMetrics {
    /// The replication index.
    pub replication: u64,
    /// Values, one per name.
    pub values: Vec<f64>,
    /// Events processed.
    pub events: u64,
    /// Intercepts by response time: one-minute bins from 0, the last holding everything from
    /// [`crate::sim::RESPONSE_BINS`] minutes on. Empty without violations.
    pub response_hist: Vec<u64>,
}

/// The metrics that are fractions of time or of violations (name before any `[…]`); every other
/// metric is a rate, a count or a time.
const FRACTIONS: [&str; 22] = [
    "cap_coverage",
    "cap_presence",
    "worst_station_coverage",
    "worst_station_presence",
    "station_coverage",
    "station_presence",
    "aew_coverage",
    "front_coverage_low",
    "front_coverage_high",
    "tanker_coverage",
    "qra_coverage",
    "mc_rate",
    "undetected_fraction",
    "unanswered_fraction",
    "intercept_within_target",
    "qra_unavailable_fraction",
    "points_defended",
    "point_defended",
    "raid_engaged_fraction",
    "engaged_by_air_defence_fraction",
    "raid_shot_down_fraction",
    "kill_share",
];

/// Whether metric `name` is a fraction (in [0, 1]).
pub fn is_fraction(name: &str) -> bool {
    let base = name.split('[').next().unwrap_or(name);
    FRACTIONS.contains(&base)
}

/// A metric in plain words, as the tables and reports show it: `station_presence[Kharkiv]` →
/// "station Kharkiv with a fighter on it". A name it does not know is returned as it is.
pub fn label(name: &str) -> String {
    let (base, arg) = match name.find('[') {
        Some(i) => (&name[..i], Some(name[i + 1..].trim_end_matches(']'))),
        None => (name, None),
    };
    let a = arg.unwrap_or("");
    match base {
        "cap_coverage" => "every CAP station fully manned".to_string(),
        "cap_presence" => "every CAP station with a fighter on it".to_string(),
        "worst_station_coverage" => "worst station fully manned".to_string(),
        "worst_station_presence" => "worst station with a fighter on it".to_string(),
        "station_coverage" => format!("station {a} fully manned"),
        "station_presence" => format!("station {a} with a fighter on it"),
        "aew_coverage" if arg.is_some() => format!("AEW orbit {a} manned"),
        "aew_coverage" => "every AEW orbit manned".to_string(),
        "front_coverage_low" => "front in radar cover, low target".to_string(),
        "front_coverage_high" => "front in radar cover, high target".to_string(),
        "tanker_coverage" if arg.is_some() => format!("tanker track {a} manned"),
        "tanker_coverage" => "every tanker track manned".to_string(),
        "fuel_offloaded_t_per_day" => format!("fuel given on {a}, t/day"),
        "qra_coverage" if arg.is_some() => format!("QRA {a} alert held"),
        "qra_coverage" => "every QRA alert held".to_string(),
        "sorties_per_day" if arg.is_some() => format!("sorties/day, {a}"),
        "sorties_per_day" => "sorties/day, all squadrons".to_string(),
        "flight_hours_per_day" if arg.is_some() => format!("flight hours/day, {a}"),
        "flight_hours_per_day" => "flight hours/day, all squadrons".to_string(),
        "mc_rate" => format!("mission-capable rate, {a}"),
        "violations_per_day" => with_arg("violations per day", arg),
        "undetected_fraction" => with_arg("violations never detected", arg),
        "unanswered_fraction" => with_arg("violations seen but not intercepted", arg),
        "intercept_within_target" => with_arg("violations intercepted within the target time", arg),
        "response_time_mean" => with_arg("response time, mean (min)", arg),
        "response_time_p50" => "response time, median (min)".to_string(),
        "response_time_p90" => "response time, 90th percentile (min)".to_string(),
        "response_time_p99" => "response time, 99th percentile (min)".to_string(),
        "qra_unavailable_fraction" => "violations finding no QRA aircraft on alert".to_string(),
        "points_defended" => "violators stopped before a defended point".to_string(),
        "points_reached_per_day" => {
            "violators reaching a defended point unintercepted, per day".to_string()
        }
        "point_defended" => format!("violators stopped before {a}"),
        "raid_engaged_fraction" => "raid members intercepted".to_string(),
        "raid_shot_down_fraction" => "raid members shot down".to_string(),
        "raid_leak_depth_km" => "raid leakers' flight past the line, mean (km)".to_string(),
        "shot_down_per_day" => "violators shot down per day".to_string(),
        "engaged_by_air_defence_fraction" => {
            "intercepts made by air-defence sites and teams".to_string()
        }
        "air_defence_shots_per_day" => "air-defence shots per day".to_string(),
        "kill_share" => format!("kills made by {a}"),
        "weapons_cost_usd_per_day" => "weapons spent per day, US$".to_string(),
        "cost_per_kill_usd" => "weapons cost per violator shot down, US$".to_string(),
        "raid_leakers_per_raid" => {
            "raid members not intercepted (decoys aside), per raid".to_string()
        }
        "point_threats_per_day" => format!("violators heading for {a}, per day"),
        _ => name.to_string(),
    }
}

fn with_arg(text: &str, arg: Option<&str>) -> String {
    match arg {
        Some(a) => format!("{text}, {a}"),
        None => text.to_string(),
    }
}

/// Why a violation that was seen goes unanswered, and what decides how many do, in words: the
/// command line's run and the report say it under the share not intercepted.
pub const WHY_UNANSWERED: &str = "A violation seen goes unanswered when no responder can reach \
     it before it turns back: no fighter on a CAP station with the fuel to dash there and home, \
     no QRA aircraft once airborne after its readiness time and the C2 delay, no air-defence \
     site in range. How long violators stay against how long the responders take to get there \
     decides that share: the violator types' dwell or depth ([violations.types]), the alert's \
     readiness and where the bases and stations lie are what move it.";

/// [`WHY_UNANSWERED`] where it matters: when the mean share of violations seen but not
/// intercepted (`unanswered_fraction`) is one in a hundred or more.
pub fn why_unanswered(unanswered_mean: f64) -> Option<&'static str> {
    (unanswered_mean >= 0.01).then_some(WHY_UNANSWERED)
}

/// The name of sector `arg` (`"sector 2"`) where the scenario's `[front] sector_names` gives
/// one, as "Donbas (2)"; else `arg` as it is.
pub fn sector_name(s: &crate::scenario::Scenario, arg: &str) -> String {
    let k: Option<usize> = arg.strip_prefix("sector ").and_then(|k| k.parse().ok());
    match (k, &s.file.front.sector_names) {
        (Some(k), Some(names)) if k >= 1 && k <= names.len() => {
            format!("{} ({k})", names[k - 1])
        }
        _ => arg.to_string(),
    }
}

/// [`label`], with the sector named where the scenario names it.
pub fn label_in(s: &crate::scenario::Scenario, name: &str) -> String {
    let text = label(name);
    match name.find('[') {
        Some(i) => {
            let arg = name[i + 1..].trim_end_matches(']');
            if arg.starts_with("sector ") {
                text.replace(arg, &format!("sector {}", sector_name(s, arg)))
            } else {
                text
            }
        }
        None => text,
    }
}

/// The unit a metric is measured in: `"share"` for a fraction in [0, 1], else `"per day"`,
/// `"min"`, `"sorties/day"`, `"h/day"` or `"t/day"`.
pub fn unit(name: &str) -> &'static str {
    let base = name.split('[').next().unwrap_or(name);
    if is_fraction(name) {
        "share"
    } else {
        match base {
            "violations_per_day" | "points_reached_per_day" | "point_threats_per_day" => "per day",
            "raid_leakers_per_raid" => "per raid",
            "raid_leak_depth_km" => "km",
            "air_defence_shots_per_day" | "shot_down_per_day" => "per day",
            "weapons_cost_usd_per_day" => "US$/day",
            "cost_per_kill_usd" => "US$",
            "sorties_per_day" => "sorties/day",
            "flight_hours_per_day" => "h/day",
            "fuel_offloaded_t_per_day" => "t/day",
            b if b.starts_with("response_time") => "min",
            _ => "",
        }
    }
}

/// The range metric `name` can take: [0, 1] for a fraction, [0, ∞) for every other metric (all
/// are rates, counts or times).
pub fn range_of(name: &str) -> (f64, f64) {
    if is_fraction(name) {
        (0.0, 1.0)
    } else {
        (0.0, f64::INFINITY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_of_the_bundled_scenarios_has_words_and_a_unit() {
        assert_eq!(
            label("station_presence[Kharkiv]"),
            "station Kharkiv with a fighter on it"
        );
        assert_eq!(unit("station_presence[Kharkiv]"), "share");
        assert_eq!(unit("response_time_p90"), "min");
        assert_eq!(unit("flight_hours_per_day[MRTT]"), "h/day");
        for name in crate::scenario::bundled_names() {
            let s = crate::scenario::Scenario::load(name).unwrap();
            for m in &crate::sim::Model::new(&s).names().0 {
                assert_ne!(&label(m), m, "{name}: {m} has no words");
                assert_ne!(unit(m), "", "{name}: {m} has no unit");
            }
        }
    }

    #[test]
    fn every_metric_of_the_bundled_scenarios_has_its_range() {
        // The fractions are the metrics whose every value lies in [0, 1] by construction;
        // names from the bundled scenarios.
        assert!(is_fraction("station_presence[Kharkiv]"));
        assert!(is_fraction("qra_coverage"));
        assert!(!is_fraction("response_time_p90"));
        assert!(!is_fraction("sorties_per_day[RAF Typhoon]"));
        assert_eq!(
            range_of("fuel_offloaded_t_per_day[Track]"),
            (0.0, f64::INFINITY)
        );
        assert_eq!(range_of("unanswered_fraction[sector 2]"), (0.0, 1.0));
    }

    #[test]
    fn integrates_only_after_the_warmup_and_before_the_end() {
        let mut t = TimeWeighted::new(1.0);
        t.set(2.0, 0.0, 1.0, 10.0); // 1 from 0 to 2, counted from 1: 1
        t.set(5.0, 2.0, 1.0, 10.0); // 0 from 2 to 5
        t.close(12.0, 1.0, 10.0); // 2 from 5 to 10 (end): 10
        assert_eq!(t.integral(), 11.0);
        assert_eq!(t.value(), 2.0);
    }
}
