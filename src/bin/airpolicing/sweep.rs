//! `airpolicing sweep`: a trade study over one or two scenario fields.

use crate::args::{Replications, ReportArgs, SequentialArgs};
use crate::failure::Failure;
use crate::output::{check_writable, csv_field, print_json};
use crate::run;
use crate::table::{Table, f};
use airpolicing::report;
use airpolicing::scenario::Scenario;
use airpolicing::sweep::SweepResult;
use std::fmt::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub(crate) struct SweepArgs {
    /// A scenario file, or the name of a bundled scenario.
    scenario: String,
    /// FIELD=V1,V2,… — a numeric field by path and its values (once or twice), e.g.
    /// violations.rate_per_day=2,4,8 or squadrons[0].aircraft_count=8,12,16.
    #[arg(long = "set", required_unless_present = "tornado")]
    set: Vec<String>,
    /// Sensitivity instead: lower and raise each main parameter by --percent, size the whole
    /// force at both ends (each search starting from the answer for the scenario as given), and
    /// rank the parameters by how far the fleet moves.
    #[arg(long, conflicts_with = "set")]
    tornado: bool,
    /// How far --tornado moves each parameter, in percent.
    #[arg(long, default_value_t = 20.0, requires = "tornado")]
    percent: f64,
    #[command(flatten)]
    reps: Replications,
    /// Size the whole force (as `size --mix`) at every point too: the first point's search from
    /// the closed form, each later point's from the answer of the point before it (for the first
    /// of a row, of the first point of the row before).
    #[arg(long)]
    size: bool,
    /// Write one CSV row per point to FILE.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Print one JSON document on stdout instead of a table.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    sequential: SequentialArgs,
    #[command(flatten)]
    report: ReportArgs,
}

/// The trade study (or, with --tornado, the sensitivity study).
pub(crate) fn execute(a: SweepArgs) -> Result<(), Failure> {
    let SweepArgs {
        scenario,
        set,
        tornado,
        percent,
        reps,
        size,
        csv: csv_path,
        json,
        sequential,
        report: report_args,
    } = a;
    let plan = sequential.plan(reps.replications)?;
    if tornado {
        return crate::tornado::execute(scenario, percent, reps, plan, csv_path, json, report_args);
    }
    if plan.is_some() && !size {
        return Err(Failure::Input(
            "--sequential tests the candidates of a sizing: add --size (or use --tornado)".into(),
        ));
    }
    use airpolicing::sizing::SizingOptions;
    use airpolicing::sweep::{Axis, sweep_with_progress};
    let s = Scenario::load(&scenario)?;
    let axes = set
        .iter()
        .map(|t| Axis::parse(t))
        .collect::<Result<Vec<_>, _>>()
        .map_err(Failure::Input)?;
    if let Some(path) = &csv_path {
        check_writable(path)?;
    }
    report_args.check()?;
    crate::output::check_distinct(
        &[
            ("--csv", csv_path.as_deref()),
            ("--report", report_args.report.as_deref()),
        ],
        &scenario,
    )?;
    let run = reps.options(None);
    let points = axes.iter().map(|a| a.values.len() as u64).product();
    let bar = crate::progress::Bar::steps(points, "points");
    let sizing = SizingOptions {
        run: run.clone(),
        sequential: plan,
        progress: bar.hook(),
        ..SizingOptions::default()
    };
    let started = std::time::Instant::now();
    let r = sweep_with_progress(
        &s,
        &axes,
        &run,
        size.then_some(&sizing),
        bar.hook().as_ref(),
    );
    bar.finish();
    let r = r.map_err(|e| Failure::Input(e.to_string()))?;
    crate::progress::note(&format!(
        "swept {} points in {:.1} s",
        r.points.len(),
        started.elapsed().as_secs_f64()
    ));
    let squadrons: Vec<String> = s.squadrons.iter().map(|q| q.name.clone()).collect();
    if let Some(path) = &csv_path {
        run::write(path, &csv(&r, &squadrons)).map_err(Failure::Input)?;
    }
    if report_args.wanted() {
        let rep = report::Report::sweep(&s, &r, reps.replications, reps.seed)
            .map_err(Failure::Internal)?;
        report_args.write_report(&rep)?;
    }
    if json {
        print_json(&r)?;
    } else {
        let standard = airpolicing::standard::Standard::new(&s, &[]);
        let targeted: Vec<&str> = standard.targets().iter().map(|t| t.name.as_str()).collect();
        crate::output::out(&render(&r, &targeted))?;
    }
    Ok(())
}

/// One CSV row per point: the axis values, the fraction meeting the standard, each metric's mean
/// and 95 % interval, and with sizing the required total and per-squadron counts.
pub fn csv(r: &SweepResult, squadrons: &[String]) -> String {
    let mut header: Vec<String> = r.axes.iter().map(|a| csv_field(&a.path)).collect();
    header.push("meets_standard".into());
    if let Some(first) = r.points.first() {
        for m in &first.metrics {
            header.push(csv_field(&m.name));
            header.push(csv_field(&format!("{}_ci_low", m.name)));
            header.push(csv_field(&format!("{}_ci_high", m.name)));
        }
        if first.sizing.is_some() {
            header.push("required_total".into());
            header.extend(
                squadrons
                    .iter()
                    .map(|s| csv_field(&format!("required[{s}]"))),
            );
        }
    }
    let mut out = header.join(",") + "\n";
    for p in &r.points {
        let mut row: Vec<String> = p.values.iter().map(|v| v.to_string()).collect();
        row.push(p.meets_standard.to_string());
        for m in &p.metrics {
            row.extend([
                m.mean.to_string(),
                m.ci_low.to_string(),
                m.ci_high.to_string(),
            ]);
        }
        if let Some(sz) = &p.sizing {
            match &sz.required {
                Some(c) => {
                    row.push(c.iter().sum::<u32>().to_string());
                    row.extend(c.iter().map(|n| n.to_string()));
                }
                None => row.extend(std::iter::repeat_n(String::new(), squadrons.len() + 1)),
            }
        }
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// The human table: axis values, the fraction of replications meeting the standard, and the
/// means of the metrics the standard names.
pub fn render(r: &SweepResult, targeted: &[&str]) -> String {
    let mut out = String::new();
    let mut header: Vec<&str> = r.axes.iter().map(|a| a.path.as_str()).collect();
    header.push("meets standard (95 % CI)");
    header.extend(targeted.iter().copied());
    header.push("required");
    let mut t = Table::new(&header);
    for p in &r.points {
        // Each swept value as it was given (0.995, not 0.99).
        let mut row: Vec<String> = p.values.iter().map(|v| format!("{v}")).collect();
        row.push(format!(
            "{:.0} % ({:.0}–{:.0} %)",
            100.0 * p.meets_standard,
            100.0 * p.meets_ci.0,
            100.0 * p.meets_ci.1
        ));
        for name in targeted {
            let v = p
                .metrics
                .iter()
                .find(|m| m.name == *name)
                .map_or(f64::NAN, |m| m.mean);
            row.push(f(v, 3));
        }
        row.push(match &p.sizing {
            Some(sz) => sz
                .required
                .as_ref()
                .map_or("not reached".into(), |c| c.iter().sum::<u32>().to_string()),
            None => "—".into(),
        });
        t.row(row);
    }
    let _ = writeln!(out, "Trade study: {} points.\n", r.points.len());
    if r.points.iter().any(|p| p.sizing.is_some()) {
        out.push_str(
            "The required force at each point is sized as `size --mix` sizes it. The first \
             point's search starts from the\nclosed-form fleets, each later point's from the \
             answer of the point before it (a row's first point from\nthe first point of the \
             row before), so two neighbouring answers differ by what the step between them\n\
             changes, not by two search paths.\n\n",
        );
    }
    out.push_str(&t.render());
    out
}
