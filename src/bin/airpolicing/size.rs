//! `airpolicing size`: the smallest fleet per squadron that meets the scenario's standard.

use crate::args::{CheckpointArgs, Replications, ReportArgs, SequentialArgs};
use crate::checkpoint;
use crate::failure::Failure;
use crate::interrupt::interrupt_token;
use crate::output::print_json;
use crate::standard;
use crate::table::{Table, f, wrap};
use airpolicing::scenario::Scenario;
use airpolicing::sizing::{Binding, CurvePoint, Score, Sequential, SquadronSizing};
use std::fmt::Write;
use std::ops::Range;

#[derive(clap::Args)]
pub(crate) struct SizeArgs {
    /// A scenario file, or the name of a bundled scenario.
    scenario: String,
    /// Size only this squadron (default: each squadron in turn, the others as given).
    #[arg(long)]
    squadron: Option<String>,
    #[command(flatten)]
    reps: Replications,
    /// The largest count tried per squadron (with --mix: the most aircraft added in all).
    #[arg(long, default_value_t = airpolicing::sizing::MAX_AIRCRAFT)]
    max_aircraft: u32,
    /// Size the whole force mix at once: add the aircraft that most raises the fraction of
    /// replications meeting the standard, one at a time, then trim the cheapest first and
    /// exchange (one more where it is tight for several fewer where it is loose).
    #[arg(long, conflicts_with = "squadron")]
    mix: bool,
    /// Print one JSON document on stdout instead of tables.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    sequential: SequentialArgs,
    #[command(flatten)]
    checkpoint: CheckpointArgs,
}

/// Sizes each squadron (or the force mix), with checkpoints, and prints or writes the answer.
/// The JSON document of a sizing: the scenario, seed, replications and confidence, and the answer
/// under `key`.
fn answer_json(
    s: &Scenario,
    reps: &Replications,
    plan: Option<&Sequential>,
    key: &str,
    answer: serde_json::Value,
) -> serde_json::Value {
    let mut doc = serde_json::json!({
        "scenario": s.file.scenario.name,
        "origin": s.origin,
        "seed": reps.seed,
        "replications": reps.replications,
        "confidence": s.file.targets.confidence,
    });
    if let Some(plan) = plan {
        doc["sequential"] = serde_json::json!(plan);
    }
    doc[key] = answer;
    doc
}

pub(crate) fn execute(a: SizeArgs) -> Result<(), Failure> {
    let SizeArgs {
        scenario,
        squadron,
        reps,
        max_aircraft,
        mix,
        json,
        report: report_args,
        sequential,
        checkpoint: checkpoint_args,
    } = a;
    use airpolicing::montecarlo::{RunError, run_model_resumable};
    use airpolicing::sizing::{
        CandidateModels, SizingError, SizingOptions, size_force_by, size_force_sequential_by,
        size_squadron_by, size_squadron_sequential_by,
    };
    let s = Scenario::load(&scenario)?;
    for w in &s.warnings {
        eprintln!("{w}");
    }
    let run = reps.options(None);
    report_args.check()?;
    crate::output::check_distinct(
        &[
            ("--report", report_args.report.as_deref()),
            ("--checkpoint", checkpoint_args.checkpoint.as_deref()),
        ],
        &scenario,
    )?;
    let plan = sequential.plan(reps.replications)?;
    let opts = SizingOptions {
        run: run.clone(),
        max_aircraft,
        sequential: plan,
        progress: None,
    };
    let bar = crate::progress::Bar::spinner(if mix {
        "sizing the force mix"
    } else {
        "sizing each squadron"
    });
    let token = interrupt_token();
    let command = format!(
        "size squadron={squadron:?} mix={mix} seed={} replications={} max_aircraft={max_aircraft}{}",
        reps.seed,
        reps.replications,
        plan.map_or(String::new(), |p| format!(
            " sequential first={} error={}",
            p.first, p.error
        ))
    );
    let mut cp = checkpoint_args.open(&command, &s)?;
    // Scores each candidate fleet on this machine, as `score_locally` does, but stops on Ctrl-C
    // and keeps every score (and the candidate in progress) in the checkpoint.
    let candidate_opts = run.with_rows(false).with_cancel(token.clone());
    let mut scored = 0u64;
    let mut models = CandidateModels::default();
    let replications = u32::try_from(reps.replications).unwrap_or(u32::MAX);
    let mut score_range = |c: &Scenario, range: Range<u32>| -> Result<Score, SizingError> {
        let counts: Vec<u32> = c.squadrons.iter().map(|q| q.aircraft_count).collect();
        if let Some(saved) = &cp
            && let Some((_, _, got)) = saved.saved.scores.iter().find(|(k, first, got)| {
                *k == counts && *first == range.start && got.replications == range.len() as u32
            })
        {
            return Ok(got.clone());
        }
        let base = candidate_opts.reps.start;
        let absolute = base + u64::from(range.start)..base + u64::from(range.end);
        let state = cp.as_mut().and_then(|c| match c.saved.current.take() {
            Some((k, st)) if k == counts && st.reps == absolute => Some(st),
            _ => None,
        });
        let opts = candidate_opts.clone().with_reps(absolute);
        let model = models.model(c);
        let r = run_model_resumable(c, &model, &opts, state, &|_| {}, &mut |_| {}, &mut |st| {
            if let Some(c) = cp.as_mut()
                && c.due(&token)
            {
                c.saved.current = Some((counts.clone(), st.clone()));
                c.write()?;
            }
            Ok(())
        })?;
        let got = Score::of(&r);
        scored += 1;
        bar.candidate(scored, counts.iter().sum(), got.replications, got.met);
        if let Some(c) = cp.as_mut() {
            c.saved.scores.push((counts, range.start, got.clone()));
            c.saved.current = None;
            c.write()
                .map_err(|e| SizingError::Run(RunError::Checkpoint(e)))?;
        }
        Ok(got)
    };
    let stop = |e: SizingError, cp: Option<&checkpoint::Checkpoint>, scored: u64| {
        match e {
        SizingError::Run(RunError::Cancelled) => Failure::Interrupted(match cp {
            Some(c) => format!(
                "interrupted after {scored} scoring runs of candidate fleets; progress is saved in {}: run the same command with --resume to continue",
                c.path().display()
            ),
            None => "interrupted; nothing was written (add --checkpoint FILE to be able to resume a long search)".to_string(),
        }),
        other => Failure::Input(other.to_string()),
    }
    };
    if mix {
        let started = std::time::Instant::now();
        let r = match &plan {
            Some(p) => {
                size_force_sequential_by(&s, max_aircraft, replications, p, &mut score_range)
            }
            None => size_force_by(&s, max_aircraft, &mut |c| score_range(c, 0..replications)),
        };
        bar.finish();
        let r = r.map_err(|e| stop(e, cp.as_ref(), scored))?;
        crate::progress::note(&format!(
            "sized the force mix in {:.1} s",
            started.elapsed().as_secs_f64()
        ));
        // The force the search found (or the scenario's, if none), simulated once for the report
        // and the sustainment account.
        let sized = crate::sustain::Sized::new(&s, &opts.run, &[], Some(&r))?;
        sized.report(&report_args, &[], Some(&r))?;
        if json {
            let mut doc = answer_json(&s, &reps, plan.as_ref(), "force", serde_json::json!(r));
            doc["sustainment"] = serde_json::json!(sized.account);
            print_json(&doc)?;
        } else {
            let mut text =
                crate::size_mix::render_mix(&s, reps.replications, reps.seed, &r, plan.as_ref());
            text.push_str(&sized.words());
            crate::output::out(&text)?;
        }
        if let Some(c) = cp {
            c.finish();
        }
        return Ok(());
    }
    let names: Vec<String> = match squadron {
        Some(n) => vec![n],
        None => s.squadrons.iter().map(|q| q.name.clone()).collect(),
    };
    let started = std::time::Instant::now();
    let mut rows = Vec::new();
    let mut failed = None;
    for n in &names {
        let r = match &plan {
            Some(p) => {
                size_squadron_sequential_by(&s, n, max_aircraft, replications, p, &mut score_range)
            }
            None => size_squadron_by(&s, n, max_aircraft, &mut |c| {
                score_range(c, 0..replications)
            }),
        };
        match r {
            Ok(r) => rows.push(r),
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    bar.finish();
    if let Some(e) = failed {
        return Err(stop(e, cp.as_ref(), scored));
    }
    crate::progress::note(&format!(
        "sized {} squadron(s) in {:.1} s",
        rows.len(),
        started.elapsed().as_secs_f64()
    ));
    // As with --mix, the sized force is simulated once for the report and the account.
    let sized = crate::sustain::Sized::new(&s, &opts.run, &rows, None)?;
    sized.report(&report_args, &rows, None)?;
    let conf = s.file.targets.confidence;
    if json {
        let mut doc = answer_json(
            &s,
            &reps,
            plan.as_ref(),
            "squadrons",
            serde_json::json!(rows),
        );
        doc["sustainment"] = serde_json::json!(sized.account);
        print_json(&doc)?;
    } else {
        let mut text = render(
            &s.file.scenario.name,
            conf,
            reps.replications,
            reps.seed,
            &rows,
            plan.as_ref(),
        );
        let below: Vec<String> = rows
            .iter()
            .filter_map(|r| match (r.required, r.closed_form) {
                (Some(n), Some(cf)) if n < cf => Some(format!("{} ({n} against {cf})", r.squadron)),
                _ => None,
            })
            .collect();
        text.push_str(&below_closed_form(&s, &below));
        text.push_str(&sized.words());
        crate::output::out(&text)?;
    }
    if let Some(c) = cp {
        c.finish();
    }
    Ok(())
}

pub(crate) fn prob(p: Option<&CurvePoint>) -> String {
    p.map_or("—".into(), |p| {
        format!(
            "{:.0} % ({:.0}–{:.0} %)",
            100.0 * p.probability,
            100.0 * p.ci_low,
            100.0 * p.ci_high
        )
    })
}

/// Why a simulated answer can be below the closed form, in words, for the squadrons named in
/// `below` (empty: nothing to say). The closed form keeps every post's full complement at all
/// times; the simulation is held to the scenario's `[targets]`, which may ask less.
pub(crate) fn below_closed_form(s: &Scenario, below: &[String]) -> String {
    if below.is_empty() {
        return String::new();
    }
    let full_element = s
        .file
        .targets
        .minimums()
        .iter()
        .filter(|(n, _)| {
            n == "cap_coverage"
                || n == "worst_station_coverage"
                || n.starts_with("station_coverage[")
        })
        .map(|&(_, goal)| goal)
        .fold(None, |lo: Option<f64>, g| Some(lo.map_or(g, |l| l.min(g))));
    let asks = match full_element {
        Some(goal) => format!(
            "asks the full element of a station only {} of the time, not all of it",
            standard::pct(goal)
        ),
        None => "asks no station to keep its full element, only the targets it names; add `worst_station_coverage` to [targets] to size for full elements and compare like with like".into(),
    };
    let text = format!(
        "Below the closed form: {}. The closed form keeps every post's full complement on it at all times, with the fleet at the stated confidence; the simulated answer only has to meet the scenario's [targets], which {asks}.",
        below.join(", ")
    );
    // Wrapped at 100 columns, like the tables.
    let mut out = String::from("\n");
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.len() + 1 + word.len() > 100 {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// What sequential testing did, in words (empty without it): the looks, the error rate, and the
/// replications it saved over `candidates` candidates that ran `replications_run` in all.
pub(crate) fn sequential_words(
    plan: Option<&Sequential>,
    confidence: f64,
    reps: u64,
    candidates: u64,
    replications_run: u64,
) -> String {
    let Some(plan) = plan else {
        return String::new();
    };
    let n = u32::try_from(reps).unwrap_or(u32::MAX);
    let looks = plan.looks(n);
    let early: Vec<String> = looks[..looks.len() - 1]
        .iter()
        .map(|l| l.to_string())
        .collect();
    let per_look = plan.error / (looks.len().saturating_sub(1).max(1)) as f64;
    format!(
        "\nSequential testing: each candidate ran {} or all {reps} replications, stopping at the first\nlook where its pass fraction was clearly above or below {:.0} % (Clopper–Pearson interval at {} % per\nlook). A candidate stopped early is on the wrong side of {:.0} % with probability at most {} %; one that\nstayed close ran all {reps} and was decided as without sequential testing. {candidates} candidates ran\n{replications_run} replications in all, against {} had each run all {reps}.\n",
        if early.is_empty() {
            "—".to_string()
        } else {
            early.join(", ")
        },
        100.0 * confidence,
        percent(1.0 - per_look),
        100.0 * confidence,
        percent(plan.error),
        candidates * reps,
    )
}

/// A share as a percentage with at most two decimals and no trailing zeros: 0.05 → `5`.
fn percent(share: f64) -> String {
    let text = format!("{:.2}", 100.0 * share);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The replications behind a point when sequential testing stopped it short of `reps`.
pub(crate) fn ran(p: &CurvePoint, reps: u64) -> String {
    if u64::from(p.replications) < reps {
        format!("  [{} replications]", p.replications)
    } else {
        String::new()
    }
}

pub fn render(
    scenario: &str,
    confidence: f64,
    reps: u64,
    seed: u64,
    rows: &[SquadronSizing],
    plan: Option<&Sequential>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Sizing `{scenario}`: the smallest count per squadron (the others as given) for which at least {:.0} % of\n{}{reps} replications (seed {seed}) meet every target in [targets]. Brackets: Wilson 95 % intervals.\n",
        100.0 * confidence,
        if plan.is_some() { "up to " } else { "" },
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
            .map(|p| {
                let n = if u64::from(p.replications) < reps {
                    format!(" ({} reps)", p.replications)
                } else {
                    String::new()
                };
                format!("{} → {}{n}", p.aircraft, f(p.probability, 2))
            })
            .collect();
        let _ = writeln!(out, "  {}: {}", r.squadron, pts.join(", "));
    }
    let points = rows.iter().flat_map(|r| &r.curve);
    out.push_str(&sequential_words(
        plan,
        confidence,
        reps,
        points.clone().count() as u64,
        points.map(|p| u64::from(p.replications)).sum(),
    ));
    for r in rows.iter().filter(|r| r.required.is_none()) {
        if let Some(cap) = r.cap {
            out.push('\n');
            out.push_str(
                wrap(
                &format!(
                    "{}: not reached within the fleet cap. [fleet_caps] leaves this squadron at \
                     most {cap} `{}` (the type's cap less the other squadrons' aircraft of that \
                     type), and that many do not meet the standard: the coalition does not own \
                     enough.",
                    r.squadron, r.aircraft_type
                ),
                100,
                "",
            )
            .trim_end(),
            );
            out.push('\n');
        }
    }
    if rows.iter().any(|r| r.required.is_none() && r.cap.is_none()) {
        out.push_str(
            "\n`not reached`: no count up to the limit meets the standard with that squadron alone; the\nshortfall lies elsewhere (another squadron, the tankers, the geometry) or the target is too high.\n",
        );
    }
    if rows.iter().any(|r| !r.binding.targets.is_empty()) {
        out.push('\n');
        out.push_str(&how_to_read_met_at(confidence));
    }
    for r in rows {
        let at = |n: u32| r.at(n);
        let answer = r.required.and_then(at);
        let below = r.required.and_then(|n| n.checked_sub(1)).and_then(at);
        let _ = write!(out, "\nThe standard, {}:\n", r.squadron);
        // Without an answer, the pass rates at the largest count tried.
        let most = r.curve.last().filter(|_| r.required.is_none());
        out.push_str(&what_decides(
            &r.binding,
            confidence,
            &[
                (r.required, answer),
                (r.required.and_then(|n| n.checked_sub(1)), below),
                (most.map(|p| p.aircraft), most),
            ],
            "aircraft",
            "the target met least often by the last count that fell short, or by the answer when none did",
        ));
    }
    out
}

/// How to read the "met at" columns of [`what_decides`]: a goal is what one replication must
/// reach, a column the share of replications that reached it. Without it a reader takes "goal at
/// least 99 %, met at 6 aircraft 90 %" for a goal missed.
pub(crate) fn how_to_read_met_at(confidence: f64) -> String {
    wrap(
        &format!(
            "Reading the standard below: each goal is what one replication must reach, and each \
             \"met at\" column is the share of replications that reached it with that many \
             aircraft. The answer needs every goal reached together in at least {} of the \
             replications.",
            standard::pct(confidence)
        ),
        100,
        "",
    )
}

/// A target of `b`'s standard in words, by its metric name.
pub(crate) fn target_words(b: &Binding, name: &str) -> String {
    b.targets
        .iter()
        .find(|t| t.name == name)
        .map_or(name.to_string(), standard::words)
}

/// Per target, its pass rate at each of `points` (a count and its score), and the sentence naming
/// the target that decides the answer (or those never reached).
pub(crate) fn what_decides(
    b: &Binding,
    confidence: f64,
    points: &[(Option<u32>, Option<&CurvePoint>)],
    unit: &str,
    decided: &str,
) -> String {
    let mut out = String::new();
    let shown: Vec<(u32, &CurvePoint)> = points
        .iter()
        .filter_map(|(n, p)| Some(((*n)?, (*p)?)))
        .filter(|(_, p)| p.met_each.len() == b.targets.len())
        .collect();
    if !shown.is_empty() && !b.targets.is_empty() {
        let heads: Vec<String> = shown
            .iter()
            .enumerate()
            // The unit once, on the first column, so that the table fits 100 columns.
            .map(|(k, (n, _))| {
                if k == 0 {
                    format!("met at {n} {unit}")
                } else {
                    format!("met at {n}")
                }
            })
            .collect();
        let mut header = vec!["target", "goal"];
        header.extend(heads.iter().map(String::as_str));
        let mut t = Table::new(&header);
        for (i, target) in b.targets.iter().enumerate() {
            let mut row = vec![
                standard::words(target),
                format!("at least {}", standard::pct(target.goal)),
            ];
            row.extend(shown.iter().map(|(_, p)| standard::pct(p.rate(i))));
            t.row(row);
        }
        out.push_str(&t.render());
    }
    let words = |name: &str| target_words(b, name);
    if let Some(d) = &b.decided_by {
        out.push_str(&wrap(
            &format!("Decided by: {} ({decided}).", words(d)),
            100,
            "  ",
        ));
    }
    if !b.never_reached.is_empty() {
        let names: Vec<String> = b.never_reached.iter().map(|n| words(n)).collect();
        out.push_str(&wrap(
            &format!(
                "Not reached: no count tried met {} in {} of the replications.",
                names.join("; "),
                standard::pct(confidence)
            ),
            100,
            "  ",
        ));
    }
    out
}
