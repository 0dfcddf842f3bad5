//! `airpolicing ladder`: how much protection for how many aircraft — the whole force sized for a
//! ladder of standards, one target raised rung by rung, for one posture or several.

use crate::args::{Replications, SequentialArgs};
use crate::failure::Failure;
use crate::output::{out, print_json, write_atomic};
use crate::table::{Table, wrap};
use airpolicing::ladder::{Ladder, higher_is_stricter, ladder};
use airpolicing::scenario::Scenario;
use airpolicing::sizing::SizingOptions;
use std::path::PathBuf;

#[derive(clap::Args)]
pub(crate) struct LadderArgs {
    /// Scenario files or bundled names: one line each on the chart (the postures to compare).
    #[arg(required = true)]
    scenarios: Vec<String>,
    /// The target raised rung by rung: a key of [targets] (e.g. worst_station_presence, qra_coverage).
    #[arg(long)]
    target: String,
    /// The target's levels, comma-separated (e.g. 0.8,0.9,0.95,0.99).
    #[arg(
        long,
        value_delimiter = ',',
        required = true,
        allow_negative_numbers = true
    )]
    levels: Vec<f64>,
    #[command(flatten)]
    reps: Replications,
    #[command(flatten)]
    sequential: SequentialArgs,
    /// The most aircraft the search adds in all, per rung.
    #[arg(long, default_value_t = airpolicing::sizing::MAX_AIRCRAFT)]
    max_aircraft: u32,
    /// Write the chart (aircraft against the target's level, one line per scenario) as SVG.
    #[arg(long)]
    svg: Option<PathBuf>,
    /// Print one JSON document on stdout instead of tables.
    #[arg(long)]
    json: bool,
}

pub(crate) fn execute(a: LadderArgs) -> Result<(), Failure> {
    if let Some(p) = &a.svg {
        crate::output::check_writable(p)?;
    }
    let plan = a.sequential.plan(a.reps.replications)?;
    let opts = SizingOptions {
        run: a.reps.options(None),
        max_aircraft: a.max_aircraft,
        sequential: plan,
        progress: None,
    };
    let mut ladders = Vec::new();
    for name in &a.scenarios {
        let s = Scenario::load(name)?;
        for w in &s.warnings {
            eprintln!("{w}");
        }
        crate::progress::note(&format!(
            "sizing `{}` for {} levels of {}…",
            s.file.scenario.name,
            a.levels.len(),
            a.target
        ));
        let l = ladder(&s, &a.target, &a.levels, &opts)
            .map_err(|e| Failure::Input(format!("{name}: {e}")))?;
        ladders.push(l);
    }
    if let Some(p) = &a.svg {
        let svg = airpolicing::report::ladder_svg(&ladders).map_err(Failure::Internal)?;
        write_atomic(p, svg.as_bytes()).map_err(Failure::Input)?;
    }
    if a.json {
        return print_json(&serde_json::json!({
            "replications": a.reps.replications,
            "seed": a.reps.seed,
            "ladders": ladders,
        }));
    }
    out(&text(&ladders, &a))
}

fn text(ladders: &[Ladder], a: &LadderArgs) -> String {
    let stricter = if higher_is_stricter(&a.target) {
        "higher"
    } else {
        "shorter"
    };
    let mut s = wrap(
        &format!(
            "How much protection for how many aircraft: the whole force sized (as `size --mix`) for \
             each level of `{}`, the rest of each scenario's standard as it is, {} replications \
             (seed {}) at each scenario's confidence. A {stricter} level is a stricter standard; a \
             force that meets a stricter level meets the looser ones too, so the aircraft never \
             fall as the standard tightens.",
            a.target, a.reps.replications, a.reps.seed
        ),
        100,
        "",
    )
    .trim_end()
    .to_string();
    s.push('\n');
    for l in ladders {
        s.push_str(&format!(
            "\n`{}` (confidence {:.0} %):\n",
            l.scenario,
            100.0 * l.confidence
        ));
        let mut t = Table::new(&["level", "aircraft", "fighters", "meets", "note"]);
        for r in &l.rungs {
            t.row(vec![
                format!("{}", r.level),
                r.total.map_or("none".into(), |n| n.to_string()),
                r.fighters.map_or("—".into(), |n| n.to_string()),
                r.probability
                    .map_or("—".into(), |p| format!("{:.0} %", 100.0 * p)),
                if r.from_stricter {
                    "the stricter rung's force".into()
                } else if r.total.is_none() {
                    "no force found (see `size`)".into()
                } else {
                    String::new()
                },
            ]);
        }
        s.push_str(&t.render());
    }
    if let Some(p) = &a.svg {
        s.push_str(&format!("\nThe chart: {}\n", p.display()));
    }
    s
}
