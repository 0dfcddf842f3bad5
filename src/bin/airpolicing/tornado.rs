//! `airpolicing sweep --tornado`: which main parameter moves the required fleet most when it is
//! lowered and raised by a percentage.

use crate::args::{Replications, ReportArgs};
use crate::failure::Failure;
use crate::output::{self, check_writable, print_json};
use crate::{run, table};
use airpolicing::scenario::Scenario;
use std::path::PathBuf;

/// Sizes the force at both ends of each parameter and ranks the parameters by the swing.
pub(crate) fn execute(
    scenario: String,
    percent: f64,
    reps: Replications,
    sequential: Option<airpolicing::sizing::Sequential>,
    csv: Option<PathBuf>,
    json: bool,
    report_args: ReportArgs,
) -> Result<(), Failure> {
    use airpolicing::sizing::SizingOptions;
    let s = Scenario::load(&scenario)?;
    if !(percent > 0.0 && percent < 100.0) {
        return Err(Failure::Input(format!(
            "--percent must be between 0 and 100, got {percent}"
        )));
    }
    if let Some(path) = &csv {
        check_writable(path)?;
    }
    report_args.check()?;
    crate::output::check_distinct(
        &[
            ("--csv", csv.as_deref()),
            ("--report", report_args.report.as_deref()),
        ],
        &scenario,
    )?;
    let run = reps.options(None);
    let ends = 2 * airpolicing::sweep::main_parameters(&s).len() as u64 + 1;
    let bar = crate::progress::Bar::steps(ends, "fleets sized");
    let opts = SizingOptions {
        run,
        sequential,
        progress: bar.hook(),
        ..SizingOptions::default()
    };
    let started = std::time::Instant::now();
    let bars = airpolicing::sweep::tornado(&s, percent, &opts);
    bar.finish();
    let bars = bars.map_err(|e| Failure::Input(e.to_string()))?;
    crate::progress::note(&format!(
        "tornado of {} parameters in {:.1} s",
        bars.len(),
        started.elapsed().as_secs_f64()
    ));
    let show = |n: Option<u32>| n.map_or("not reached".to_string(), |n| n.to_string());
    if let Some(path) = &csv {
        let mut text = String::from("parameter,base,low,high,fleet_low,fleet_high,fleet_given\n");
        for b in &bars {
            text.push_str(&format!(
                "{},{},{},{},{},{},{}\n",
                output::csv_field(&b.parameter),
                b.base,
                b.low,
                b.high,
                b.fleet_low.map_or(String::new(), |n| n.to_string()),
                b.fleet_high.map_or(String::new(), |n| n.to_string()),
                b.fleet_given.map_or(String::new(), |n| n.to_string())
            ));
        }
        run::write(path, &text).map_err(Failure::Input)?;
    }
    if report_args.wanted() {
        let rep =
            airpolicing::report::Report::tornado(&s, percent, reps.replications, reps.seed, &bars)
                .map_err(Failure::Internal)?;
        report_args.write_report(&rep)?;
    }
    if json {
        print_json(&serde_json::json!({ "percent": percent, "bars": bars }))?;
    } else {
        let mut text = format!(
            "Sensitivity of the whole-force fleet to each main parameter, lowered and raised by {percent:.0} %\n(largest effect first; {} replications per candidate, seed {}; each end's search starts from\nthe answer for the scenario as given, so a swing is what the parameter changes):\n\n",
            reps.replications, reps.seed
        );
        let mut t =
            table::Table::new(&["parameter", "base", "low → fleet", "high → fleet", "swing"]);
        for b in &bars {
            t.row(vec![
                b.parameter.clone(),
                table::f(b.base, 2),
                format!("{} → {}", table::f(b.low, 2), show(b.fleet_low)),
                format!("{} → {}", table::f(b.high, 2), show(b.fleet_high)),
                if b.swing().is_finite() {
                    table::f(b.swing(), 0)
                } else {
                    "—".into()
                },
            ]);
        }
        text.push_str(&t.render());
        match bars.first().map(|b| b.fleet_given) {
            Some(Some(n)) => {
                text.push_str(&format!("\nThe scenario as given needs {n} aircraft in all.\n"))
            }
            Some(None) => text.push_str(
                "\nNo force within the search's limit meets the standard for the scenario as given;\neach end's search started from the closed-form fleets.\n",
            ),
            None => {}
        }
        crate::output::out(&text)?;
    }
    Ok(())
}
