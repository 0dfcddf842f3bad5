//! `airpolicing size`: the smallest fleet per squadron that meets the scenario's standard.

use crate::table::{Table, f};
use airpolicing::scenario::Scenario;
use airpolicing::sizing::{CurvePoint, ForceSizing, SquadronSizing};
use std::fmt::Write;

fn prob(p: Option<&CurvePoint>) -> String {
    p.map_or("—".into(), |p| {
        format!(
            "{:.0} % ({:.0}–{:.0} %)",
            100.0 * p.probability,
            100.0 * p.ci_low,
            100.0 * p.ci_high
        )
    })
}

pub fn render(
    scenario: &str,
    confidence: f64,
    reps: u64,
    seed: u64,
    rows: &[SquadronSizing],
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Sizing `{scenario}`: the smallest count per squadron (the others as given) for which at least {:.0} % of\n{reps} replications (seed {seed}) meet every target in [targets]. Brackets: Wilson 95 % intervals.\n",
        100.0 * confidence
    );
    let mut t = Table::new(&[
        "squadron",
        "type",
        "given",
        "closed form",
        "required",
        "P(meets) at required",
        "P(meets) one below",
    ]);
    for r in rows {
        t.row(vec![
            r.squadron.clone(),
            r.aircraft_type.clone(),
            r.given.to_string(),
            r.closed_form.map_or("—".into(), |n| n.to_string()),
            r.required.map_or("not reached".into(), |n| n.to_string()),
            prob(r.required.and_then(|n| r.at(n))),
            prob(r.required.filter(|&n| n > 0).and_then(|n| r.at(n - 1))),
        ]);
    }
    out.push_str(&t.render());
    out.push_str("\nThe curves: aircraft → fraction of replications meeting the standard.\n");
    for r in rows {
        let pts: Vec<String> = r
            .curve
            .iter()
            .map(|p| format!("{} → {}", p.aircraft, f(p.probability, 2)))
            .collect();
        let _ = writeln!(out, "  {}: {}", r.squadron, pts.join(", "));
    }
    if rows.iter().any(|r| r.required.is_none()) {
        out.push_str(
            "\n`not reached`: no count up to the limit meets the standard with that squadron alone; the\nshortfall lies elsewhere (another squadron, the tankers, the geometry) or the target is too high.\n",
        );
    }
    out
}

pub fn render_mix(s: &Scenario, reps: u64, seed: u64, r: &ForceSizing) -> String {
    let conf = s.file.targets.confidence;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Sizing the whole force of `{}`: from the closed-form fleets, the aircraft that most raises the fraction of\n{reps} replications (seed {seed}) meeting every target is added, one at a time, until at least {:.0} % do;\nthen aircraft are taken away wherever the standard still holds.\n",
        s.file.scenario.name,
        100.0 * conf
    );
    let mut t = Table::new(&["squadron", "type", "given", "closed form", "required"]);
    for (i, q) in s.squadrons.iter().enumerate() {
        t.row(vec![
            q.name.clone(),
            s.types[q.aircraft].id.clone(),
            q.aircraft_count.to_string(),
            r.closed_form[i].to_string(),
            r.required.as_ref().map_or("—".into(), |c| c[i].to_string()),
        ]);
    }
    let given: u32 = s.squadrons.iter().map(|q| q.aircraft_count).sum();
    let cf: u32 = r.closed_form.iter().sum();
    t.row(vec![
        "total".into(),
        String::new(),
        given.to_string(),
        cf.to_string(),
        r.required
            .as_ref()
            .map_or("—".into(), |c| c.iter().sum::<u32>().to_string()),
    ]);
    out.push_str(&t.render());
    out.push_str("\nThe search, step by step (total aircraft → fraction meeting the standard, Wilson 95 %):\n");
    for step in &r.steps {
        let _ = writeln!(
            out,
            "  {:<28} {:>4} → {}",
            step.change,
            step.point.aircraft,
            prob(Some(&step.point))
        );
    }
    match &r.required {
        Some(c) => {
            let _ = writeln!(
                out,
                "\nAnswer: {} aircraft in all meet the standard in at least {:.0} % of replications.",
                c.iter().sum::<u32>(),
                100.0 * conf
            );
        }
        None => out.push_str("\nAnswer: not reached within the limit of added aircraft; a target may be out of reach of any fleet.\n"),
    }
    out
}
