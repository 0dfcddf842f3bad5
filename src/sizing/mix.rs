//! The greedy search for the whole force mix ([`super::size_force`]).
//!
//! From the closed-form fleets, the search adds one aircraft at a time to the squadron whose
//! extra aircraft most raises the fraction of replications meeting the standard, until the
//! fraction reaches the confidence. It then *trims*: takes away, one at a time, the aircraft whose
//! removal keeps the largest fraction, while the standard still holds. Last, it *exchanges*: adds
//! the aircraft that most raises the fraction and trims again, and keeps the result when it has
//! fewer aircraft in all; it repeats until an exchange saves nothing. The exchange lets one
//! aircraft where the standard is tight buy back several where it is loose, which trimming alone,
//! with the fraction just at the confidence, cannot do.
//!
//! With sequential testing the search runs in stages ([`search_staged`]): the whole of it on the
//! first look's replications, then adding and trimming again from where it ended on each later
//! look's, the last stage deciding the answer. Every stage tests its candidates sequentially up
//! to its look, so a candidate clearly above or below the confidence stops early in any stage.

use super::score::{Batch, Looks, Score};
use super::{
    Binding, CurvePoint, ForceSizing, MixStep, PLATEAU_STEPS, SearchStage, Sequential, SizingError,
    at_cap, cap_for,
};
use crate::analytic::estimate;
use crate::scenario::Scenario;
use crate::standard::{Standard, Target, binding};
use std::collections::HashMap;

/// The candidates' scoring: the counts of a step's candidates in, their points out, in the same
/// order. A step's candidates are independent, so a scorer may run them side by side; the
/// search reads their points in order, so the result does not depend on how they ran.
type Eval<'a> = dyn FnMut(&[Vec<u32>]) -> Result<Vec<CurvePoint>, SizingError> + 'a;

/// The addition that most raises the fraction meeting the standard (ties to the earlier
/// squadron), with its point; a squadron whose type is at its `[fleet_caps]` cap is not tried.
fn best_addition(
    s: &Scenario,
    counts: &[u32],
    eval: &mut Eval,
) -> Result<Option<(usize, CurvePoint)>, SizingError> {
    let tries: Vec<usize> = (0..counts.len())
        .filter(|&i| cap_for(s, counts, i).is_none_or(|c| counts[i] < c))
        .collect();
    let trials: Vec<Vec<u32>> = tries
        .iter()
        .map(|&i| {
            let mut trial = counts.to_vec();
            trial[i] += 1;
            trial
        })
        .collect();
    let mut best: Option<(usize, CurvePoint)> = None;
    for (&i, p) in tries.iter().zip(eval(&trials)?) {
        if best
            .as_ref()
            .is_none_or(|(_, b)| p.probability > b.probability)
        {
            best = Some((i, p));
        }
    }
    Ok(best)
}

/// A trimmed mix: its counts, the steps that took the aircraft away and, per squadron, the target
/// that one more of its aircraft taken away cost most ([`costs_most`]).
struct Trimmed {
    counts: Vec<u32>,
    steps: Vec<MixStep>,
    limited_by: Vec<Option<String>>,
}

/// Takes away, one at a time, the aircraft whose removal keeps the most replications meeting the
/// standard (ties to the earlier squadron), until no removal keeps the confidence. Cheapest
/// first, the slack above the confidence goes to as many removals as it allows, whatever the
/// squadrons' order; a squadron whose removal falls short is not tried again, as fewer aircraft
/// elsewhere only lower the fraction.
fn trim(
    mut counts: Vec<u32>,
    mut point: CurvePoint,
    conf: f64,
    names: &[String],
    targets: &[Target],
    eval: &mut Eval,
) -> Result<Trimmed, SizingError> {
    let mut steps = Vec::new();
    let mut limited_by = vec![None; counts.len()];
    let mut open: Vec<bool> = counts.iter().map(|&c| c > 0).collect();
    loop {
        let tries: Vec<usize> = (0..counts.len()).filter(|&i| open[i]).collect();
        let trials: Vec<Vec<u32>> = tries
            .iter()
            .map(|&i| {
                let mut trial = counts.clone();
                trial[i] -= 1;
                trial
            })
            .collect();
        let mut best: Option<(usize, CurvePoint)> = None;
        for (&i, p) in tries.iter().zip(eval(&trials)?) {
            if p.probability < conf {
                open[i] = false;
                limited_by[i] = costs_most(&point, &p, targets);
            } else if best
                .as_ref()
                .is_none_or(|(_, b)| p.probability > b.probability)
            {
                best = Some((i, p));
            }
        }
        let Some((i, p)) = best else { break };
        counts[i] -= 1;
        open[i] = counts[i] > 0;
        point = p.clone();
        steps.push(MixStep {
            counts: counts.clone(),
            change: format!("-1 {}", names[i]),
            point: p,
        });
    }
    Ok(Trimmed {
        counts,
        steps,
        limited_by,
    })
}

/// The target an aircraft fewer costs most: the one whose pass rate falls most from `from`, the
/// mix it was taken from, to `to`, the mix without it (ties to the earlier target). Where no
/// rate falls (replication noise, or the two scored on different replications), the target `to`
/// meets least often. `None` without per-target counts. The target met least often is not the
/// answer: a station that misses its goal in one replication in ten with or without a radar
/// plane would be named for the radar plane's squadron, whose aircraft only the orbit needs.
fn costs_most(from: &CurvePoint, to: &CurvePoint, targets: &[Target]) -> Option<String> {
    let n = targets.len();
    if from.met_each.len() != n || to.met_each.len() != n {
        return None;
    }
    let mut most: Option<(usize, f64)> = None;
    for k in 0..n {
        let fall = from.rate(k) - to.rate(k);
        if fall > 0.0 && most.is_none_or(|(_, m)| fall > m) {
            most = Some((k, fall));
        }
    }
    most.map(|(k, _)| k)
        .or_else(|| binding(&to.met_each))
        .map(|k| targets[k].name.clone())
}

/// Where a search starts and how far it goes.
#[derive(Debug, Clone, Default)]
pub(super) struct Leg {
    /// The counts to start from, with the first step's words (`None`: the closed-form fleets,
    /// "start").
    pub start: Option<(Vec<u32>, String)>,
    /// Whether to exchange after trimming.
    pub exchange: bool,
}

/// The greedy search for the whole force, each candidate's counts scored by `eval_counts`,
/// from the closed-form fleets with exchanges.
pub(super) fn search_force(
    s: &Scenario,
    max_aircraft: u32,
    eval_counts: &mut Eval,
) -> Result<ForceSizing, SizingError> {
    let leg = Leg {
        exchange: true,
        ..Leg::default()
    };
    search_force_leg(s, max_aircraft, &leg, eval_counts)
}

/// The greedy search for the whole force along `leg`, each candidate's counts scored by
/// `eval_counts`.
pub(super) fn search_force_leg(
    s: &Scenario,
    max_aircraft: u32,
    leg: &Leg,
    eval_counts: &mut Eval,
) -> Result<ForceSizing, SizingError> {
    if !super::has_targets(s) {
        return Err(SizingError::NoTargets);
    }
    let conf = s.file.targets.confidence;
    let est = estimate(s);
    let mut counts: Vec<u32> = est
        .squadrons
        .iter()
        .zip(&s.squadrons)
        .map(|(e, q)| e.fleet_at_confidence.unwrap_or(q.aircraft_count))
        .collect();
    let closed_form = counts.clone();
    if let Some((start, _)) = &leg.start {
        counts.clone_from(start);
    }
    // Start within the caps: a type's squadrons lose aircraft from the last one first.
    for i in (0..counts.len()).rev() {
        if let Some(c) = cap_for(s, &counts, i) {
            counts[i] = counts[i].min(c);
        }
    }
    let given: Vec<u32> = s.squadrons.iter().map(|q| q.aircraft_count).collect();
    let names: Vec<String> = s.squadrons.iter().map(|q| q.name.clone()).collect();
    // Every candidate scored, in the order of the search; one met again (an exchange trims back
    // through mixes already scored) is not run again.
    let mut tried: Vec<CurvePoint> = Vec::new();
    let mut seen: HashMap<Vec<u32>, usize> = HashMap::new();
    let mut eval = |cs: &[Vec<u32>]| -> Result<Vec<CurvePoint>, SizingError> {
        let mut fresh: Vec<Vec<u32>> = Vec::new();
        for c in cs {
            if !seen.contains_key(c) && !fresh.contains(c) {
                fresh.push(c.clone());
            }
        }
        if !fresh.is_empty() {
            let points = eval_counts(&fresh)?;
            for (c, p) in fresh.into_iter().zip(points) {
                seen.insert(c, tried.len());
                tried.push(p);
            }
        }
        Ok(cs.iter().map(|c| tried[seen[c]].clone()).collect())
    };
    let mut point = eval(std::slice::from_ref(&counts))?.remove(0);
    let mut steps = vec![MixStep {
        counts: counts.clone(),
        change: leg
            .start
            .as_ref()
            .map_or_else(|| "start".into(), |(_, words)| words.clone()),
        point: point.clone(),
    }];
    let mut added = 0;
    // Additions in a row that raised neither the fraction meeting the standard nor any unmet
    // target's count: more aircraft are not what the standard lacks.
    let mut stalled = 0;
    let mut plateau = false;
    while point.probability < conf && added < max_aircraft {
        if stalled >= PLATEAU_STEPS {
            plateau = true;
            break;
        }
        let Some((i, p)) = best_addition(s, &counts, &mut eval)? else {
            break;
        };
        // Rates, compared exactly by cross-multiplying: with sequential testing the two may have
        // run different numbers of replications.
        let unmet_rose = p.met_each.len() == point.met_each.len()
            && p.met_each.iter().zip(&point.met_each).any(|(&new, &old)| {
                u64::from(new) * u64::from(point.replications)
                    > u64::from(old) * u64::from(p.replications)
                    && f64::from(old) < conf * f64::from(point.replications)
            });
        if p.probability > point.probability || unmet_rose {
            stalled = 0;
        } else {
            stalled += 1;
        }
        counts[i] += 1;
        added += 1;
        point = p;
        steps.push(MixStep {
            counts: counts.clone(),
            change: format!("+1 {}", names[i]),
            point: point.clone(),
        });
    }
    if point.probability < conf {
        return Ok(ForceSizing {
            squadrons: names,
            closed_form,
            given,
            required: None,
            steps,
            stages: Vec::new(),
            limited_by: vec![None; s.squadrons.len()],
            at_cap: at_cap(s, &counts),
            plateau,
            candidates: tried.len() as u32,
            replications_run: tried.iter().map(|p| u64::from(p.replications)).sum(),
            binding: Binding::new(s, None, None, tried.iter()),
        });
    }
    let targets = Standard::new(s, &[]).targets().to_vec();
    let mut best = trim(counts, point, conf, &names, &targets, &mut eval)?;
    steps.append(&mut best.steps);
    while leg.exchange
        && let Some((i, p)) = best_addition(s, &best.counts, &mut eval)?
    {
        let mut more = best.counts.clone();
        more[i] += 1;
        let mut exchanged = trim(more.clone(), p.clone(), conf, &names, &targets, &mut eval)?;
        if exchanged.counts.iter().sum::<u32>() >= best.counts.iter().sum::<u32>() {
            break;
        }
        steps.push(MixStep {
            counts: more,
            change: format!("+1 {}", names[i]),
            point: p,
        });
        steps.append(&mut exchanged.steps);
        best = exchanged;
    }
    // Each squadron is held at its count by its own target (`limited_by`); the mix as a whole
    // by the target it meets least often.
    let answer = steps.last().map(|st| &st.point);
    let binding = Binding::new(s, answer, None, tried.iter());
    Ok(ForceSizing {
        squadrons: names,
        closed_form,
        given,
        at_cap: at_cap(s, &best.counts),
        required: Some(best.counts),
        steps,
        stages: Vec::new(),
        limited_by: best.limited_by,
        plateau: false,
        candidates: tried.len() as u32,
        replications_run: tried.iter().map(|p| u64::from(p.replications)).sum(),
        binding,
    })
}

/// The whole-force search of [`super::size_force_batch_by`], from `start` (the closed-form fleets when
/// `None`).
pub(super) fn search_staged<F, S>(
    s: &Scenario,
    max_aircraft: u32,
    replications: u32,
    plan: Option<&Sequential>,
    start: Option<Vec<u32>>,
    score: &mut F,
) -> Result<ForceSizing, SizingError>
where
    F: FnMut(&Batch) -> Result<Vec<S>, SizingError>,
    S: Into<Score>,
{
    if let Some(p) = plan {
        p.check()?;
    }
    let mut looks = Looks::new(s, replications, plan);
    let last = looks.last();
    let mut stages = Vec::new();
    let mut leg = Leg {
        start: start.map(|c| (c, "start (given)".to_string())),
        exchange: true,
    };
    if plan.is_some() {
        for j in 0..last {
            let before = looks.spent();
            let f = search_force_leg(s, max_aircraft, &leg, &mut |cs| {
                looks.evaluate(cs, j, true, score)
            })?;
            stages.push(stage_of(&f, looks.at(j), before, looks.spent()));
            let end = f
                .required
                .or_else(|| f.steps.last().map(|st| st.counts.clone()));
            leg = Leg {
                start: end.map(|c| (c, format!("start (search on {} reps)", looks.at(j)))),
                exchange: false,
            };
        }
    }
    let before = looks.spent();
    let mut f = search_force_leg(s, max_aircraft, &leg, &mut |cs| {
        looks.evaluate(cs, last, true, score)
    })?;
    (f.candidates, f.replications_run) = looks.spent();
    if plan.is_some() {
        stages.push(stage_of(
            &f,
            looks.at(last),
            before,
            (f.candidates, f.replications_run),
        ));
        f.stages = stages;
    }
    Ok(f)
}

/// The summary of one stage's search `f`, on `replications` per candidate; `before` and
/// `after` are the candidates scored and replications run by the whole search ([`Looks::spent`])
/// when the stage began and ended.
fn stage_of(
    f: &ForceSizing,
    replications: u32,
    before: (u32, u64),
    after: (u32, u64),
) -> SearchStage {
    let total = |st: Option<&MixStep>| st.map_or(0, |st| st.point.aircraft);
    SearchStage {
        replications,
        new_candidates: after.0 - before.0,
        replications_run: after.1 - before.1,
        from_aircraft: total(f.steps.first()),
        to_aircraft: f
            .required
            .as_ref()
            .map_or(total(f.steps.last()), |c| c.iter().sum()),
        steps: f.steps.len() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sizing::score::point_of;

    fn point(met: u32, met_each: &[u32], replications: u32) -> CurvePoint {
        let score = Score {
            met,
            replications,
            met_each: met_each.to_vec(),
        };
        point_of(&[1], score)
    }

    fn target(name: &str) -> Target {
        Target {
            name: name.into(),
            goal: 0.9,
            index: None,
        }
    }

    #[test]
    fn an_aircraft_fewer_is_held_by_the_target_it_costs_most_not_the_one_met_least() {
        let targets = [target("worst_station_presence"), target("aew_coverage")];
        // A station short in 15 replications of 100 with or without the radar plane; the orbit
        // short in 1, then 5 without it: the radar plane holds the orbit, not the station.
        let with = point(84, &[85, 99], 100);
        let without = point(81, &[85, 95], 100);
        assert_eq!(binding(&without.met_each), Some(0));
        assert_eq!(
            costs_most(&with, &without, &targets).as_deref(),
            Some("aew_coverage")
        );
        // Rates, not counts: 190 of 200 is 95 %, no fall from 95 of 100; 150 of 200 is.
        let more = point(140, &[190, 150], 200);
        let from = point(80, &[95, 90], 100);
        assert_eq!(
            costs_most(&from, &more, &targets).as_deref(),
            Some("aew_coverage")
        );
        // No rate falls: the target met least often.
        let same = point(84, &[85, 99], 100);
        assert_eq!(
            costs_most(&with, &same, &targets).as_deref(),
            Some("worst_station_presence")
        );
        // Without per-target counts, nothing is named.
        assert_eq!(costs_most(&with, &point(80, &[], 100), &targets), None);
    }
}
