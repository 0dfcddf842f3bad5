//! Trade studies: the scenario run at every combination of values of one or two numeric fields.

use crate::montecarlo::{RunError, RunOptions, Summary, run};
use crate::scenario::{Scenario, ScenarioError};
use crate::sizing::{ForceSizing, SizingError, SizingOptions, size_force, size_force_from, wilson};
use serde::{Deserialize, Serialize};

/// One field to vary and its values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Axis {
    /// Field path, e.g. `violations.rate_per_day`.
    pub path: String,
    /// Values to try.
    pub values: Vec<f64>,
}

impl Axis {
    /// Parses `path=v1,v2,…`.
    pub fn parse(text: &str) -> Result<Axis, String> {
        let (path, values) = text.split_once('=').ok_or_else(|| {
            format!("`{text}`: write FIELD=V1,V2,…, e.g. violations.rate_per_day=2,4,8")
        })?;
        let values = values
            .split(',')
            .map(|v| {
                v.trim()
                    .parse::<f64>()
                    .map_err(|_| format!("`{v}` in `{text}` is not a number"))
            })
            .collect::<Result<Vec<f64>, String>>()?;
        if values.is_empty() {
            return Err(format!("`{text}` lists no values"));
        }
        Ok(Axis {
            path: path.trim().to_string(),
            values,
        })
    }
}

/// One point of a sweep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepPoint {
    /// The value of each axis, in axis order.
    pub values: Vec<f64>,
    /// Fraction of replications meeting the standard.
    pub meets_standard: f64,
    /// Wilson 95 % interval of that fraction.
    pub meets_ci: (f64, f64),
    /// Every metric's summary.
    pub metrics: Vec<Summary>,
    /// The force sizing at this point, when asked for.
    pub sizing: Option<ForceSizing>,
}

/// The result of a sweep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepResult {
    /// The axes.
    pub axes: Vec<Axis>,
    /// Every combination, the first axis varying slowest.
    pub points: Vec<SweepPoint>,
}

/// Why a sweep could not run. Every point's scenario is built and validated before any runs.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SweepError {
    /// One or two axes are supported.
    #[error("a sweep varies one or two fields, got {0}")]
    Axes(usize),
    /// A point's scenario is not valid (unknown path, not a number, out of range).
    #[error("{0}")]
    Scenario(#[from] ScenarioError),
    /// The grid has more points than [`crate::scenario::limits::MAX_SWEEP_POINTS`].
    #[error(
        "the sweep has {points} points; the limit is {limit} (scenario::limits::MAX_SWEEP_POINTS): sweep fewer values, or split the study"
    )]
    TooManyPoints {
        /// Points asked for (the product of the axes' value counts).
        points: usize,
        /// The limit.
        limit: usize,
    },
    /// The whole study runs more replication-days than
    /// [`crate::scenario::limits::MAX_REPLICATION_DAYS`].
    #[error(
        "the sweep's {points} points would run {replication_days:.3e} replication-days in all; the limit is {limit:.0e} (scenario::limits::MAX_REPLICATION_DAYS): sweep fewer values or run fewer replications"
    )]
    TooBig {
        /// Points of the sweep.
        points: usize,
        /// Replications × simulated days, summed over the points.
        replication_days: f64,
        /// The limit.
        limit: f64,
    },
    /// A run failed to start.
    #[error(transparent)]
    Run(#[from] RunError),
    /// Sizing failed.
    #[error(transparent)]
    Sizing(#[from] SizingError),
}

/// Runs `scenario` at every combination of the axes' values; with `size`, sizes the whole force
/// at each point ([`size_force`]).
///
/// The first point's search starts from the closed-form fleets, each later point's from the
/// answer of its neighbour sized before it (the point before it on the last axis, or for the
/// first of a row, the first of the row before; the closed form where that neighbour has no
/// answer), as the tornado's ends start from the scenario's answer ([`tornado`]): two answers
/// then differ by what the step between them changes, not by two search paths, and a search
/// that starts next to its answer meets fewer candidates.
pub fn sweep(
    scenario: &Scenario,
    axes: &[Axis],
    options: &RunOptions,
    size: Option<&SizingOptions>,
) -> Result<SweepResult, SweepError> {
    sweep_with_progress(
        scenario,
        axes,
        options,
        size,
        size.and_then(|o| o.progress.as_ref()),
    )
}

/// Runs a sweep as [`sweep`] does, reporting each finished point to `progress`.
pub fn sweep_with_progress(
    scenario: &Scenario,
    axes: &[Axis],
    options: &RunOptions,
    size: Option<&SizingOptions>,
    progress: Option<&crate::progress::Progress>,
) -> Result<SweepResult, SweepError> {
    if axes.is_empty() || axes.len() > 2 {
        return Err(SweepError::Axes(axes.len()));
    }
    // The grid's size before it is built: a 3,000 × 3,000 grid is refused, not allocated.
    let limit = crate::scenario::limits::MAX_SWEEP_POINTS;
    let n_points = axes
        .iter()
        .fold(1usize, |n, a| n.saturating_mul(a.values.len()));
    if n_points > limit {
        return Err(SweepError::TooManyPoints {
            points: n_points,
            limit,
        });
    }
    let mut combos: Vec<Vec<f64>> = vec![vec![]];
    for a in axes {
        combos = combos
            .into_iter()
            .flat_map(|c| {
                a.values.iter().map(move |v| {
                    let mut n = c.clone();
                    n.push(*v);
                    n
                })
            })
            .collect();
    }
    let build = |values: &[f64]| -> Result<Scenario, ScenarioError> {
        let mut s = scenario.clone();
        for (a, v) in axes.iter().zip(values) {
            s = s.with_value(&a.path, *v)?;
        }
        Ok(s)
    };
    // Every point is validated, and the whole study's replication-days counted, before any run;
    // the scenarios are built again to run, so that memory holds one at a time.
    let reps = (options.reps.end - options.reps.start) as f64;
    let mut replication_days = 0.0;
    for values in &combos {
        replication_days += reps * build(values)?.duration_h / 24.0;
    }
    let limit = crate::scenario::limits::MAX_REPLICATION_DAYS;
    if replication_days > limit {
        return Err(SweepError::TooBig {
            points: combos.len(),
            replication_days,
            limit,
        });
    }
    let mut points: Vec<SweepPoint> = Vec::with_capacity(combos.len());
    let of = combos.len();
    // The last axis runs fastest: a point's neighbour sized before it is the one before it on
    // its row, or the first point of the row before for a row's first.
    let row = axes.last().map_or(1, |a| a.values.len()).max(1);
    for values in combos {
        let s = build(&values)?;
        let r = run(&s, &options.clone().with_rows(false))?;
        let met = r.met_standard as u32;
        let n = r.replications() as u32;
        let k = points.len();
        let neighbour = match k {
            0 => None,
            _ if !k.is_multiple_of(row) => Some(k - 1),
            _ => Some(k - row),
        };
        let start = neighbour
            .and_then(|j| points[j].sizing.as_ref())
            .and_then(|f| f.required.clone());
        let sizing = match size {
            Some(o) => Some(size_from(&s, start.as_deref(), o)?),
            None => None,
        };
        points.push(SweepPoint {
            values,
            meets_standard: f64::from(met) / f64::from(n),
            meets_ci: wilson(met, n),
            metrics: r.summary,
            sizing,
        });
        if let Some(p) = progress {
            p.report(&crate::progress::Step::Point {
                done: points.len(),
                of,
            });
        }
    }
    Ok(SweepResult {
        axes: axes.to_vec(),
        points,
    })
}

/// The whole force of `s` sized from `start`, a neighbouring scenario's answer, or from the
/// closed-form fleets when there is none.
fn size_from(
    s: &Scenario,
    start: Option<&[u32]>,
    opts: &SizingOptions,
) -> Result<ForceSizing, SizingError> {
    match start {
        Some(c) => size_force_from(s, c, opts),
        None => size_force(s, opts),
    }
}

/// One parameter's effect on the required fleet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TornadoBar {
    /// The parameter's path.
    pub parameter: String,
    /// Its value in the scenario.
    pub base: f64,
    /// The lowered and raised values tried.
    pub low: f64,
    /// The raised value.
    pub high: f64,
    /// Whole-force fleet at the lowered value (`None`: not reached).
    pub fleet_low: Option<u32>,
    /// Whole-force fleet at the raised value.
    pub fleet_high: Option<u32>,
    /// Whole-force fleet of the scenario as given, where each end's search started (the same
    /// for every bar; `None`: not reached).
    pub fleet_given: Option<u32>,
}

impl TornadoBar {
    /// How far the fleet moves between the two ends; unbounded when one end is not reached.
    pub fn swing(&self) -> f64 {
        match (self.fleet_low, self.fleet_high) {
            (Some(a), Some(b)) => f64::from(a.abs_diff(b)),
            _ => f64::INFINITY,
        }
    }
}

/// The main parameters of a scenario and their values: the violation rate, the hand-over overlap,
/// the refuelling threshold, the target response time, and each flown type's turnaround (when
/// fixed) and mission-capable rate (when it has one).
pub fn main_parameters(s: &Scenario) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    if let Some(v) = &s.violations
        && v.rate_per_day > 0.0
    {
        out.push(("violations.rate_per_day".to_string(), v.rate_per_day));
    }
    if s.file.relief.overlap_min > 0.0 {
        out.push(("relief.overlap_min".to_string(), s.file.relief.overlap_min));
    }
    if !s.tanker_tracks.is_empty() {
        out.push((
            "relief.refuel_at_fuel_fraction".to_string(),
            s.file.relief.refuel_at_fuel_fraction,
        ));
    }
    if let Some(r) = s.file.targets.response_time_min {
        out.push(("targets.response_time_min".to_string(), r));
    }
    for t in &s.types {
        if let crate::dist::Dist::Fixed(m) = t.spec.turnaround_min
            && m > 0.0
        {
            out.push((format!("aircraft_types.{}.turnaround_min", t.id), m));
        }
        if let crate::catalog::Availability::McRate { mc_rate, .. } = t.spec.availability {
            out.push((
                format!("aircraft_types.{}.availability.mc_rate", t.id),
                mc_rate,
            ));
        }
    }
    out
}

/// Sensitivity: each main parameter lowered and raised by `percent` (fractions kept below 1),
/// the whole force sized at both ends, and the parameters ranked by how far the fleet moves.
///
/// The scenario as given is sized first, and each end's search starts from its answer (from the
/// closed-form fleets when it has none): a bar is then the difference the parameter makes, not
/// the difference between two searches' paths, and each search, starting next to its answer,
/// meets fewer candidates.
pub fn tornado(
    s: &Scenario,
    percent: f64,
    opts: &SizingOptions,
) -> Result<Vec<TornadoBar>, SweepError> {
    let params = main_parameters(s);
    // Build every scenario first, so that a bad parameter fails before any work.
    let mut cases = Vec::new();
    for (path, base) in &params {
        let fraction = path.ends_with("mc_rate") || path.ends_with("fraction");
        let clamp = |v: f64| if fraction { v.min(0.99) } else { v };
        let (lo, hi) = (
            clamp(base * (1.0 - percent / 100.0)),
            clamp(base * (1.0 + percent / 100.0)),
        );
        let integer = path.ends_with("_count");
        let (lo, hi) = if integer {
            (lo.round(), hi.round())
        } else {
            (lo, hi)
        };
        cases.push((
            path.clone(),
            *base,
            lo,
            hi,
            s.with_value(path, lo)?,
            s.with_value(path, hi)?,
        ));
    }
    let mut bars = Vec::new();
    let of = 2 * cases.len() + 1;
    let start = size_force(s, opts)?.required;
    let mut done = 1;
    crate::progress::report(&opts.progress, crate::progress::Step::Point { done, of });
    for (parameter, base, low, high, s_lo, s_hi) in cases {
        let mut total = |x: &Scenario| -> Result<Option<u32>, SweepError> {
            let found = size_from(x, start.as_deref(), opts)?;
            let fleet = found.required.map(|c| c.iter().sum());
            done += 1;
            crate::progress::report(&opts.progress, crate::progress::Step::Point { done, of });
            Ok(fleet)
        };
        let fleet_low = total(&s_lo)?;
        let fleet_high = total(&s_hi)?;
        bars.push(TornadoBar {
            parameter,
            base,
            low,
            high,
            fleet_low,
            fleet_high,
            fleet_given: start.as_ref().map(|c| c.iter().sum()),
        });
    }
    bars.sort_by(|a, b| {
        b.swing()
            .total_cmp(&a.swing())
            .then(a.parameter.cmp(&b.parameter))
    });
    Ok(bars)
}

/// A swept field in words, for axis labels and headers: `squadrons[0].aircraft_count` →
/// "aircraft in BAP detachment", `violations.rate_per_day` → "violations a day".
pub fn path_words(s: &Scenario, path: &str) -> String {
    use crate::scenario::{FieldPath, Segment};
    let Some(fp) = FieldPath::parse(path) else {
        return path.to_string();
    };
    // The named thing the field belongs to: a squadron, station, track or orbit by name, or
    // an aircraft type by its id.
    let mut owner: Option<String> = None;
    let segs = &fp.0;
    for (i, seg) in segs.iter().enumerate() {
        if let (Segment::Index(k), Some(Segment::Key(list))) =
            (seg, i.checked_sub(1).map(|j| &segs[j]))
        {
            owner = match list.as_str() {
                "squadrons" => s.file.squadrons.get(*k).map(|q| q.name.clone()),
                "cap_stations" => s.cap_stations.get(*k).map(|c| c.name.clone()),
                "tanker_tracks" => s.tanker_tracks.get(*k).map(|c| c.name.clone()),
                "aew_orbits" => s.aew_orbits.get(*k).map(|c| c.name.clone()),
                "qra" => s.qra.get(*k).map(|c| c.name.clone()),
                _ => owner,
            };
        }
    }
    if let (Some(Segment::Key(first)), Some(Segment::Key(id))) = (segs.first(), segs.get(1))
        && first == "aircraft_types"
    {
        owner = Some(id.clone());
    }
    let Some(Segment::Key(last)) = segs.last() else {
        return path.to_string();
    };
    let field = match last.as_str() {
        "rate_per_day" => "violations a day".to_string(),
        "aircraft_count" => "aircraft".to_string(),
        "mc_rate" => "mission-capable rate".to_string(),
        "overlap_min" => "hand-over overlap, min".to_string(),
        "response_time_min" => "target response time, min".to_string(),
        "refuel_at_fuel_fraction" => "refuel at fuel fraction".to_string(),
        other => {
            let (stem, unit) = [
                ("_min", ", min"),
                ("_km", ", km"),
                ("_h", ", h"),
                ("_kg", ", kg"),
                ("_m", ", m"),
            ]
            .iter()
            .find_map(|(suffix, unit)| other.strip_suffix(suffix).map(|x| (x, *unit)))
            .unwrap_or((other, ""));
            format!("{}{unit}", stem.replace('_', " "))
        }
    };
    match owner {
        Some(o) if last == "aircraft_count" => format!("aircraft in {o}"),
        Some(o) => format!("{o}: {field}"),
        None => field,
    }
}

/// The scenario's own value of a swept field, where the file holds it as a number.
pub fn value_at(s: &Scenario, path: &str) -> Option<f64> {
    use crate::scenario::{FieldPath, Segment};
    let fp = FieldPath::parse(path)?;
    let doc = toml::Value::try_from(&s.file).ok()?;
    let mut here = &doc;
    for seg in &fp.0 {
        here = match (seg, here) {
            (Segment::Key(k), toml::Value::Table(t)) => t.get(k)?,
            (Segment::Index(i), toml::Value::Array(a)) => a.get(*i)?,
            _ => return None,
        };
    }
    match here {
        toml::Value::Integer(n) => Some(*n as f64),
        toml::Value::Float(x) => Some(*x),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swept_field_is_named_in_words_with_its_value() {
        let s = Scenario::load("baltic").unwrap();
        assert_eq!(
            path_words(&s, "violations.rate_per_day"),
            "violations a day"
        );
        assert_eq!(
            path_words(&s, "squadrons[0].aircraft_count"),
            "aircraft in BAP detachment"
        );
        assert_eq!(
            path_words(&s, "aircraft_types.f16.turnaround_min"),
            "f16: turnaround, min"
        );
        assert_eq!(value_at(&s, "squadrons[0].aircraft_count"), Some(4.0));
        assert_eq!(value_at(&s, "violations.rate_per_day"), Some(0.2));
        assert_eq!(value_at(&s, "no.such"), None);
    }

    #[test]
    fn axes_parse_and_explain_mistakes() {
        let a = Axis::parse("violations.rate_per_day=2,4, 8").unwrap();
        assert_eq!(a.path, "violations.rate_per_day");
        assert_eq!(a.values, vec![2.0, 4.0, 8.0]);
        assert!(
            Axis::parse("violations.rate_per_day")
                .unwrap_err()
                .contains("FIELD=V1,V2")
        );
        assert!(Axis::parse("x=1,two").unwrap_err().contains("`two`"));
    }
}
