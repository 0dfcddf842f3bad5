//! `airpolicing size --mix` in words: the whole force's table, the search step by step and the
//! answer (or why there is none).

use crate::size::{
    below_closed_form, how_to_read_met_at, prob, ran, sequential_words, what_decides,
};
use crate::table::{Table, wrap};
use airpolicing::scenario::Scenario;
use airpolicing::sizing::{ForceSizing, Sequential};
use std::fmt::Write;

pub fn render_mix(
    s: &Scenario,
    reps: u64,
    seed: u64,
    r: &ForceSizing,
    plan: Option<&Sequential>,
) -> String {
    let conf = s.file.targets.confidence;
    let mut out = String::new();
    out.push_str(&wrap(
        &format!(
            "Sizing the whole force of `{}`: from the closed-form fleets, the aircraft that most \
             raises the fraction of {}{reps} replications (seed {seed}) meeting every target is \
             added, one at a time, until at least {:.0} % do; then the aircraft whose removal \
             costs least is taken away, again and again while the standard holds, and one \
             aircraft more is exchanged for several fewer wherever that saves aircraft.",
            s.file.scenario.name,
            if plan.is_some() { "up to " } else { "" },
            100.0 * conf
        ),
        100,
        "",
    ));
    if let Some(p) = plan {
        out.push('\n');
        out.push_str(&wrap(
            &format!(
                "With sequential testing the search runs in stages: all of it on the first {} \
                 replications, then adding and trimming again from where it ended on twice as \
                 many, and so on; the last stage, shown below, tests each candidate on up to \
                 {reps} replications and decides the answer.",
                p.first.min(u32::try_from(reps).unwrap_or(u32::MAX))
            ),
            100,
            "",
        ));
    }
    out.push('\n');
    let mut t = Table::new(&[
        "squadron",
        "type",
        "given",
        "closed form",
        "required",
        "one fewer falls short on",
    ]);
    for (i, q) in s.squadrons.iter().enumerate() {
        let held = r.held_by(i);
        t.row(vec![
            q.name.clone(),
            s.types[q.aircraft].id.clone(),
            q.aircraft_count.to_string(),
            r.closed_form[i].to_string(),
            r.required.as_ref().map_or("—".into(), |c| c[i].to_string()),
            held,
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
        String::new(),
    ]);
    out.push_str(&t.render());
    if !r.stages.is_empty() {
        out.push_str(
            "\nThe stages (replications a candidate at most: total aircraft at its start → at its end; the\n\
             candidates it met first, and the replications it ran):\n",
        );
        for (k, st) in r.stages.iter().enumerate() {
            let last = k + 1 == r.stages.len();
            let _ = writeln!(
                out,
                "  {:>6} reps: {} → {} in {} step{}; {} new candidate{}, {} replications{}",
                st.replications,
                st.from_aircraft,
                st.to_aircraft,
                st.steps,
                if st.steps == 1 { "" } else { "s" },
                st.new_candidates,
                if st.new_candidates == 1 { "" } else { "s" },
                st.replications_run,
                if last { " (below)" } else { "" },
            );
        }
    }
    out.push_str(if r.stages.is_empty() {
        "\nThe search, step by step (total aircraft → fraction meeting the standard, Wilson 95 %):\n"
    } else {
        "\nThe last stage, step by step (total aircraft → fraction meeting the standard, Wilson 95 %):\n"
    });
    for step in &r.steps {
        let _ = writeln!(
            out,
            "  {:<28} {:>4} → {}{}",
            step.change,
            step.point.aircraft,
            prob(Some(&step.point)),
            ran(&step.point, reps)
        );
    }
    out.push_str(&sequential_words(
        plan,
        conf,
        reps,
        u64::from(r.candidates),
        r.replications_run,
    ));
    match &r.required {
        Some(c) => {
            let _ = writeln!(
                out,
                "\nAnswer: {} aircraft in all meet the standard in at least {:.0} % of replications.",
                c.iter().sum::<u32>(),
                100.0 * conf
            );
            for id in &r.at_cap {
                let _ = writeln!(
                    out,
                    "It uses every `{id}` the coalition owns to lend: {} ([fleet_caps]).",
                    s.file.fleet_caps[id]
                );
            }
        }
        None if !r.at_cap.is_empty() => {
            let caps: Vec<String> = r
                .at_cap
                .iter()
                .map(|id| format!("{} `{id}`", s.file.fleet_caps[id]))
                .collect();
            // The first mix that reached the highest fraction: the smallest of the best.
            let best = r.steps.iter().fold(None, |b: Option<&airpolicing::sizing::MixStep>, st| {
                match b {
                    Some(b) if b.point.probability >= st.point.probability => Some(b),
                    _ => Some(st),
                }
            });
            let mut text = format!(
                "Answer: none within the fleet caps. The coalition does not own enough: the search \
                 could add no more than {} ([fleet_caps]), and no mix it tried meets the standard in \
                 {:.0} % of replications.",
                caps.join(" and "),
                100.0 * conf
            );
            if let Some(b) = best {
                let mix: Vec<String> = s
                    .squadrons
                    .iter()
                    .zip(&b.counts)
                    .map(|(q, n)| format!("{n} {}", q.name))
                    .collect();
                text.push_str(&format!(
                    " The best mix within the caps, {} aircraft ({}), meets it in {:.0} %; the \
                     targets below name what it misses. Another type for the same task, or a \
                     looser standard, is what the coalition can choose.",
                    b.point.aircraft,
                    mix.join(", "),
                    100.0 * b.point.probability
                ));
            }
            out.push('\n');
            out.push_str(wrap(&text, 100, "").trim_end());
            out.push('\n');
        }
        None if r.plateau => {
            let _ = writeln!(
                out,
                "\nAnswer: none. The last {} aircraft added, one at a time wherever it helped most, raised neither the\nfraction meeting the standard nor any unmet target: what the standard lacks is not aircraft but the\ngeometry or tactics (a tanker track off the station, a radar that does not reach the front, a crew\nlimit). The targets below name what is out of reach.",
                airpolicing::sizing::PLATEAU_STEPS
            );
        }
        None => out.push_str("\nAnswer: not reached within the limit of added aircraft; a target may be out of reach of any fleet.\n"),
    }
    if let Some(c) = &r.required {
        let below: Vec<String> = s
            .squadrons
            .iter()
            .enumerate()
            .filter(|&(i, _)| c[i] < r.closed_form[i])
            .map(|(i, q)| format!("{} ({} against {})", q.name, c[i], r.closed_form[i]))
            .collect();
        out.push_str(&below_closed_form(s, &below));
    }
    out.push('\n');
    out.push_str(&how_to_read_met_at(conf));
    out.push_str("\nThe standard at the answer:\n");
    let answer = r.required.as_ref().and_then(|_| r.steps.last());
    out.push_str(&what_decides(
        &r.binding,
        conf,
        &[(
            answer.map(|st| st.point.aircraft),
            answer.map(|st| &st.point),
        )],
        "aircraft in all",
        "the target the answer meets least often; the table above names what holds each squadron at its count",
    ));
    out
}
