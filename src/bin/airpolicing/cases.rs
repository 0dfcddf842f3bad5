//! `airpolicing cases`: the book of published cases, each run and set beside its published figure.

use crate::args::Replications;
use crate::failure::Failure;
use crate::output::{out, print_json};
use crate::table::{Table, wrap};
use airpolicing::cases::{Case, CaseOptions, IDS, book, case};
use airpolicing::standard::words::{fixed, grouped};

#[derive(clap::Args)]
pub(crate) struct CasesArgs {
    /// Run only this case (one of: baltic, csis, uk_led, rand, mq9, libya, portugal, noble_eagle).
    #[arg(long)]
    case: Option<String>,
    #[command(flatten)]
    reps: Replications,
    /// Print one JSON document on stdout instead of the table.
    #[arg(long)]
    json: bool,
}

/// A figure as the table shows it: whole numbers and figures from 100 up grouped, others to two
/// decimals.
fn figure(x: f64) -> String {
    if !x.is_finite() {
        "—".into()
    } else if x.fract() == 0.0 || x.abs() >= 100.0 {
        grouped(x)
    } else {
        fixed(x, 2)
    }
}

/// Runs the book (or one case) and prints it; fails when a case is out of its band.
pub(crate) fn execute(a: CasesArgs) -> Result<(), Failure> {
    let opts = CaseOptions {
        replications: a.reps.replications,
        seed: a.reps.seed,
        threads: a.reps.threads,
    };
    if a.reps.replications == 0 {
        return Err(Failure::Input(
            "--replications must be at least 1 for the simulated cases".into(),
        ));
    }
    let cases: Vec<Case> = match &a.case {
        Some(id) => vec![case(id, &opts).map_err(|e| Failure::Input(e.to_string()))?],
        None => {
            crate::progress::note(&format!("running {} published cases…", IDS.len()));
            book(&opts).map_err(|e| Failure::Input(e.to_string()))?
        }
    };
    if a.json {
        print_json(&serde_json::json!({
            "replications": opts.replications,
            "seed": opts.seed,
            "cases": cases,
        }))?;
    } else {
        out(&text(&cases, &opts))?;
    }
    let out_of_band: Vec<&str> = cases
        .iter()
        .filter(|c| !c.within)
        .map(|c| c.id.as_str())
        .collect();
    if out_of_band.is_empty() {
        Ok(())
    } else {
        Err(Failure::Check(format!(
            "out of band: {} (exit status 3)",
            out_of_band.join(", ")
        )))
    }
}

fn text(cases: &[Case], opts: &CaseOptions) -> String {
    let para = |text: &str, indent: &str| wrap(text, 100, indent).trim_end().to_string();
    let mut s = para(
        &format!(
            "Published cases beside the tool's figures ({} replications, seed {} where a case \
             simulates). Each case must lie in its band; the sentences under it say what the tool \
             ran and what explains any difference.",
            opts.replications, opts.seed
        ),
        "",
    );
    s.push_str("\n\n");
    let mut t = Table::new(&["case", "published", "tool", "unit", "band", "verdict"]);
    for c in cases {
        t.row(vec![
            c.id.clone(),
            figure(c.published_value),
            figure(c.tool_value),
            c.unit.clone(),
            c.tolerance.clone(),
            if c.within { "in band" } else { "OUT OF BAND" }.into(),
        ]);
    }
    s.push_str(&t.render());
    for c in cases {
        s.push('\n');
        s.push_str(&para(
            &format!("{} — {} ({}).", c.name, c.published, c.source),
            "",
        ));
        s.push('\n');
        s.push_str(&para(&format!("The tool: {}.", c.tool), "  "));
        s.push('\n');
        s.push_str(&para(&c.why, "  "));
        s.push('\n');
    }
    s.push('\n');
    if cases.iter().all(|c| c.within) {
        s.push_str("Every case lies in its band.\n");
    }
    s
}
