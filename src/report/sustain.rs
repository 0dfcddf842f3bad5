//! The report's sustainment section: the account's sentences and its two tables.

use super::esc;
use crate::standard::words::{fixed, grouped, usd};
use crate::sustain::{Account, life_years, lines};
use std::fmt::Write;

/// A table of `header` and `rows` (every cell already text).
fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut t = String::from("<table><thead><tr>");
    for h in header {
        let _ = write!(t, "<th>{}</th>", esc(h));
    }
    t.push_str("</tr></thead><tbody>");
    for r in rows {
        t.push_str("<tr>");
        for c in r {
            let _ = write!(t, "<td>{}</td>", esc(c));
        }
        t.push_str("</tr>");
    }
    t.push_str("</tbody></table>");
    t
}

/// The section's HTML.
pub(super) fn section(a: &Account) -> String {
    let mut out = String::new();
    for l in lines(a) {
        let _ = write!(out, "<p>{}</p>", esc(&l));
    }
    if a.squadrons.is_empty() {
        return out;
    }
    let flying: Vec<Vec<String>> = a
        .squadrons
        .iter()
        .map(|s| {
            vec![
                s.squadron.clone(),
                s.deployed.to_string(),
                grouped(s.fh_per_year),
                grouped(s.fh_per_deployed_airframe),
                grouped(s.budget_fh_per_airframe),
                life_years(s.life_years_deployed),
                fixed(s.crew_needed, 1),
                format!("{} – {}", usd(s.cost_narrow_usd), usd(s.cost_full_usd)),
            ]
        })
        .collect();
    out.push_str("<h3>Flying a year</h3><p>Each deployed airframe's share of the hours, against the yearly programme of its type; the years its fatigue life lasts at that rate; the aircrew needed at once; the cost from narrow to full.</p>");
    out.push_str(&table(
        &[
            "squadron",
            "deployed",
            "flight hours a year",
            "hours per deployed airframe",
            "programme, hours",
            "fatigue life, years",
            "aircrew at once",
            "cost a year",
        ],
        &flying,
    ));
    let pools: Vec<Vec<String>> = a
        .pool_lines()
        .iter()
        .map(|l| {
            let mut row = vec![l.name.to_string(), l.deployed.to_string()];
            row.extend(l.pools.iter().map(u32::to_string));
            row.push(l.committed.to_string());
            row.push(l.binds.words().to_string());
            row
        })
        .collect();
    out.push_str("<h3>Aircraft to commit</h3><p>The aircraft each reason alone commits; the largest is the squadron's committed force.</p>");
    out.push_str(&table(
        &[
            "squadron",
            "deployed",
            "rotation",
            "airframe hours",
            "aircrew",
            "airframe life",
            "committed",
            "binds",
        ],
        &pools,
    ));
    out
}
