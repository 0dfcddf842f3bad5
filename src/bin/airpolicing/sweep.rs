//! `airpolicing sweep`: a trade study over one or two scenario fields.

use crate::output::csv_field;
use crate::table::{Table, f};
use airpolicing::sweep::SweepResult;
use std::fmt::Write;

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
        let mut row: Vec<String> = p.values.iter().map(|v| f(*v, 2)).collect();
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
    out.push_str(&t.render());
    out
}
