//! The HTML report: one self-contained file with inline SVG charts, a plain-language summary and
//! the inputs that drove the answer. It opens offline; nothing is fetched. The command line writes
//! it with `--report`, the Python package with `.report(path)`.

mod charts;
mod figures;
mod labels;
mod ladder;
mod layers;
mod map;
mod raids;
mod sustain;
mod traced;

use crate::montecarlo::RunResult;
use crate::scenario::Scenario;
use crate::sizing::{CurvePoint, ForceSizing, SquadronSizing};
use crate::standard::words::{self, fixed, pct};
use std::fmt::Write;

/// Escapes text for HTML (and XML).
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A report: its sections of HTML and its charts (file name, SVG).
pub struct Report {
    title: String,
    sections: Vec<(String, String)>,
    charts: Vec<(String, String)>,
}

fn num(x: f64) -> String {
    fixed(x, 1)
}

/// Every violation counted over the replications (after each one's warm-up), intercepted or
/// not: `violations_per_day` is each replication's count over its measured days, so its mean
/// times the days and the replications is the pooled count (rounded off float noise).
fn violations(s: &Scenario, r: &RunResult) -> u64 {
    let days = (s.duration_h - s.warmup_h) / 24.0;
    r.metric("violations_per_day").map_or(0, |m| {
        (m.mean * days * r.replications() as f64).round() as u64
    })
}

/// The scenario's targets as list items: each minimum in words, and the target response time.
fn standard_items(s: &Scenario) -> String {
    let tg = &s.file.targets;
    let mut out = String::new();
    for (name, v) in tg.minimums() {
        let _ = write!(
            out,
            "<li>{} at least {}</li>",
            esc(&crate::sim::metrics::label(&name)),
            pct(v)
        );
    }
    if let Some(rt) = tg.response_time_min {
        let _ = write!(out, "<li>target response time {rt:.0} minutes</li>");
    }
    out
}

impl Report {
    /// A report of a run, with the sizing curves when there are some.
    pub fn new(
        s: &Scenario,
        r: &RunResult,
        sizing: &[SquadronSizing],
        mix: Option<&ForceSizing>,
    ) -> Result<Report, String> {
        let mut rep = Report {
            title: format!("airpolicing — {}", s.file.scenario.name),
            sections: Vec::new(),
            charts: Vec::new(),
        };
        let n = r.replications();
        let met = r.met_standard;
        let m = |name: &str| r.metric(name);

        // The answer in plain words.
        let mut summary = String::new();
        let _ = write!(
            summary,
            "<p>{} — {} replications of {:.0} days each (the first {:.0} days discarded as warm-up), seed {}.</p><ul>",
            esc(&s.file.scenario.description),
            n,
            s.duration_h / 24.0,
            s.warmup_h / 24.0,
            r.seed
        );
        let mut say = |name: &str, text: &str| {
            if let Some(x) = m(name) {
                let _ = write!(
                    summary,
                    "<li>{text}: <b>{}</b> on average (95 % interval of the mean {} to {}; {}).</li>",
                    pct(x.mean),
                    pct(x.ci_low),
                    pct(x.ci_high),
                    if x.p05 > 0.0 {
                        format!("one replication in twenty below {}", pct(x.p05))
                    } else {
                        "at least one replication in twenty at 0 %".to_string()
                    }
                );
            }
        };
        // Planners read continuity station by station: the least-manned station leads, and
        // the harsher "every station at once" follows it.
        say(
            "worst_station_presence",
            "The least-manned CAP station (each replication's worst) had at least one fighter on it",
        );
        say(
            "worst_station_coverage",
            "The least-manned CAP station had its full element",
        );
        say(
            "cap_presence",
            "Every CAP station at once had a fighter on it (all together, a harsher measure)",
        );
        say(
            "cap_coverage",
            "Every CAP station at once had its full element",
        );
        say("aew_coverage", "Every AEW&amp;C orbit was manned");
        say("qra_coverage", "Every QRA posture held its alert");
        say(
            "intercept_within_target",
            "Violations intercepted within the target time",
        );
        say(
            "points_defended",
            "Violators heading within a defended point's radius that were intercepted before they reached it",
        );
        let intercepts: u64 = r.response_hist.iter().sum();
        if intercepts == 0 && !r.response_hist.is_empty() {
            summary.push_str("<li>No violation was intercepted in any replication, so there is no response time to give.</li>");
        } else if let Some(x) = m("response_time_p50") {
            let _ = write!(
                summary,
                "<li>Half of the intercepts came within <b>{} minutes</b> of the violator crossing the front; nine in ten within {} minutes.</li>",
                num(x.mean),
                m("response_time_p90").map_or("—".into(), |y| num(y.mean))
            );
        }
        if !r.response_hist.is_empty() {
            let all = violations(s, r);
            let intercepted: u64 = r.response_hist.iter().sum();
            let _ = write!(
                summary,
                "<li>Of the <b data-violations=\"{all}\">{}</b> violations in all replications, <b data-intercepted=\"{intercepted}\">{}</b> were intercepted ({}); the rest were not detected or not reached. The response-time chart below counts from the crossing and shows the share of <i>all</i> violations intercepted by each minute, so it never rises above that share.</li>",
                words::grouped(all as f64),
                words::grouped(intercepted as f64),
                pct(intercepted as f64 / all.max(1) as f64)
            );
            // As on the command line.
            if let Some(why) =
                m("unanswered_fraction").and_then(|u| crate::sim::metrics::why_unanswered(u.mean))
            {
                let _ = write!(summary, "<li>{}</li>", esc(why));
            }
        }
        summary.push_str(&layers::summary(r));
        let _ = write!(
            summary,
            "</ul><p>The scenario's standard (its <code>[targets]</code>) was met in <b>{met} of {n}</b> replications; sizing asks for at least {:.0} %.</p>",
            100.0 * s.file.targets.confidence
        );
        let lines = r.standard_lines();
        if !lines.is_empty() {
            summary.push_str("<table><thead><tr><th>target</th><th>goal</th><th>mean</th><th>replications meeting it</th></tr></thead><tbody>");
            for l in &lines {
                let _ = write!(
                    summary,
                    "<tr><td>{}</td><td>at least {}</td><td>{}</td><td>{} of {} ({})</td></tr>",
                    esc(&l.words),
                    pct(l.goal),
                    l.mean.map_or("— (always met)".into(), pct),
                    l.met,
                    l.of,
                    pct(l.met as f64 / l.of.max(1) as f64)
                );
            }
            summary.push_str("</tbody></table>");
            if let Some(b) = words::binds(&lines) {
                let _ = write!(summary, "<p>{}</p>", esc(&b));
            }
        }
        if !sizing.is_empty() {
            summary.push_str("<p><b>How many aircraft:</b> each squadron was sized on its own, the others as given; this report simulates the sized force, every squadron at the count found for it (a squadron no count served stays as given).</p>");
        }
        for z in sizing {
            let _ = write!(
                summary,
                "<p>Sizing <b>{}</b> ({}), the other squadrons as given: {}.</p>",
                esc(&z.squadron),
                esc(&z.aircraft_type),
                match z.required {
                    Some(k) => format!(
                        "<b>{k}</b> aircraft meet the standard with the confidence (closed form {}; the scenario gives {})",
                        z.closed_form.map_or("—".into(), |c| c.to_string()),
                        z.given
                    ),
                    None => "no count up to the limit meets the standard".into(),
                }
            );
        }
        if let Some(f) = mix {
            match &f.required {
                Some(counts) => {
                    let mut by_role: Vec<(&str, u32)> = Vec::new();
                    for (i, &c) in counts.iter().enumerate() {
                        let role = s.squadron_type(i).role().as_str();
                        match by_role.iter_mut().find(|(r, _)| *r == role) {
                            Some(x) => x.1 += c,
                            None => by_role.push((role, c)),
                        }
                    }
                    let total: u32 = counts.iter().sum();
                    let parts: Vec<String> = by_role
                        .iter()
                        .map(|&(r, c)| match (r, c) {
                            ("aew", _) => format!("{c} AEW&amp;C"),
                            (r, 1) => format!("1 {r}"),
                            (r, c) => format!("{c} {r}s"),
                        })
                        .collect();
                    let _ = write!(
                        summary,
                        "<p><b>How many aircraft:</b> the whole force, sized by simulation, is <b>{total} aircraft</b> ({}), meeting the standard in at least {:.0} % of replications. This report simulates that force. Per squadron:</p><table><thead><tr><th>squadron</th><th>type</th><th>aircraft</th><th>closed form</th><th>scenario gave</th><th>one fewer falls short on</th></tr></thead><tbody>",
                        parts.join(", "),
                        100.0 * s.file.targets.confidence
                    );
                    for (i, q) in s.squadrons.iter().enumerate() {
                        let _ = write!(
                            summary,
                            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                            esc(&q.name),
                            esc(&s.types[q.aircraft].id),
                            counts[i],
                            f.closed_form[i],
                            f.given.get(i).copied().unwrap_or(counts[i]),
                            esc(&f.held_by(i))
                        );
                    }
                    summary.push_str("</tbody></table>");
                }
                None => summary.push_str("<p><b>How many aircraft:</b> no force within the limit of added aircraft meets the standard.</p>"),
            }
        }
        let _ = write!(
            summary,
            "<p>How to read the uncertainty: each replication is one possible run of {} days; the interval of the mean says how well the average is known, the 5 % figure how bad a bad run is.</p>",
            fixed(s.duration_h / 24.0, 0)
        );
        rep.sections.push(("The answer".into(), summary));

        // Charts.
        rep.charts.push(("map.svg".into(), map::map(s)?));
        let from = s.warmup_h;
        let to = (s.warmup_h + 24.0).min(s.duration_h);
        let mut required: Vec<u32> = s.cap_stations.iter().map(|c| c.element).collect();
        required.extend(
            s.tanker_tracks
                .iter()
                .chain(&s.aew_orbits)
                .map(|t| t.required),
        );
        let trace = traced::replication(s, r.seed, r.reps.start)?;
        // A posture held only on the ground (QRA alone) has no post to draw over the day.
        if !required.is_empty() {
            let posts = traced::stations(s, &trace);
            let svg = charts::timeline(&posts, &required, from, to)?;
            rep.charts.push(("timeline.svg".into(), svg));
        }
        let mut layers = vec!["fighters".to_string()];
        layers.extend(s.file.air_defence.iter().map(|d| d.name.clone()));
        let raid = raids::first_raid(&trace, s.warmup_h);
        if !raid.is_empty() {
            let svg = raids::timeline(&raid, &layers, r.reps.start)?;
            rep.charts.push(("raid.svg".into(), svg));
        }
        if let Some(svg) = raids::kill_shares(r, &layers) {
            rep.charts.push(("kills.svg".into(), svg?));
        }
        // Without a single intercept the response-time chart would be empty axes.
        if intercepts > 0 {
            rep.charts.push((
                "response.svg".into(),
                charts::response(r, violations(s, r), s.file.targets.response_time_min)?,
            ));
        }
        let sq: Vec<(String, f64, f64)> = s
            .squadrons
            .iter()
            .map(|q| {
                let get = |k: &str| m(&format!("{k}[{}]", q.name)).map_or(0.0, |x| x.mean);
                (
                    q.name.clone(),
                    get("sorties_per_day"),
                    get("flight_hours_per_day"),
                )
            })
            .collect();
        rep.charts
            .push(("squadrons.svg".into(), charts::squadrons(&sq)?));
        if let Some(f) = mix {
            // The search's points by total aircraft (the last evaluation of each total).
            let mut pts: Vec<CurvePoint> = Vec::new();
            for st in &f.steps {
                pts.retain(|p| p.aircraft != st.point.aircraft);
                pts.push(st.point.clone());
            }
            pts.sort_by_key(|p| p.aircraft);
            rep.charts.push((
                "sizing-force.svg".into(),
                charts::sizing("the whole force", &pts, s.file.targets.confidence)?,
            ));
        }
        for (i, z) in sizing.iter().enumerate() {
            rep.charts.push((
                format!("sizing-{}.svg", i + 1),
                charts::sizing(&z.squadron, &z.curve, s.file.targets.confidence)?,
            ));
        }

        rep.sections.push((
            format!(
                "Sustaining it for {}",
                crate::sustain::years(s.file.sustainment.horizon_years)
            ),
            sustain::section(&crate::sustain::Account::of_run(s, r)),
        ));

        // Every measure, with the exact mean in data-value.
        let mut t = String::from(
            "<table class=\"measures\"><thead><tr><th>measure</th><th>metric</th><th>mean</th><th>95 % interval of the mean</th><th>5th percentile</th><th>95th percentile</th></tr></thead><tbody>",
        );
        for x in &r.summary {
            let (text, fr) = (
                crate::sim::metrics::label_in(s, &x.name),
                crate::sim::metrics::is_fraction(&x.name),
            );
            let f = |v: f64| if fr { pct(v) } else { num(v) };
            let _ = write!(
                t,
                "<tr><td>{}</td><td><code>{}</code></td><td data-metric=\"{}\" data-value=\"{}\">{}</td><td>{} – {}</td><td>{}</td><td>{}</td></tr>",
                esc(&text),
                esc(&x.name),
                esc(&x.name),
                x.mean,
                f(x.mean),
                f(x.ci_low),
                f(x.ci_high),
                f(x.p05),
                f(x.p95)
            );
        }
        t.push_str("</tbody></table>");
        rep.sections.push(("Every measure".into(), t));

        // The inputs that drove the answer.
        let mut inp = String::from(
            "<h3>Squadrons</h3><table><thead><tr><th>squadron</th><th>type</th><th>base</th><th>aircraft</th><th>mission-capable rate</th></tr></thead><tbody>",
        );
        for (i, q) in s.squadrons.iter().enumerate() {
            let _ = write!(
                inp,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&q.name),
                esc(&s.types[q.aircraft].spec.name),
                esc(&s.bases[q.base].name),
                q.aircraft_count,
                pct(s.squadron_type(i).availability_fraction(0.0))
            );
        }
        inp.push_str("</tbody></table><h3>Stations, tracks and orbits</h3><table><thead><tr><th>name</th><th>kind</th><th>position</th><th>required</th><th>flown by</th></tr></thead><tbody>");
        let row = |inp: &mut String,
                   name: &str,
                   kind: &str,
                   p: &crate::geo::LatLon,
                   k: u32,
                   by: String| {
            let _ = write!(
                inp,
                "<tr><td>{}</td><td>{kind}</td><td>{:.2}° N, {:.2}° E</td><td>{k}</td><td>{}</td></tr>",
                esc(name),
                p.lat_deg,
                p.lon_deg,
                esc(&by)
            );
        };
        for c in &s.cap_stations {
            let by: Vec<&str> = c
                .squadrons
                .iter()
                .map(|&q| s.squadrons[q].name.as_str())
                .collect();
            row(
                &mut inp,
                &c.name,
                "CAP station",
                &c.position,
                c.element,
                by.join(", "),
            );
        }
        for t in &s.tanker_tracks {
            row(
                &mut inp,
                &t.name,
                "tanker track",
                &t.position,
                t.required,
                s.squadrons[t.squadron].name.clone(),
            );
        }
        for o in &s.aew_orbits {
            row(
                &mut inp,
                &o.name,
                "AEW&amp;C orbit",
                &o.position,
                o.required,
                s.squadrons[o.squadron].name.clone(),
            );
        }
        inp.push_str("</tbody></table>");
        if let Some(v) = &s.violations {
            let _ = write!(
                inp,
                "<h3>Violations</h3><p>{:.2} a day on average.</p><table><thead><tr><th>kind</th><th>share</th><th>speed, km/h</th><th>altitude, m</th></tr></thead><tbody>",
                v.rate_per_day
            );
            for k in &v.types {
                let _ = write!(
                    inp,
                    "<tr><td>{}</td><td>{}</td><td>{:.0}</td><td>{:.0}</td></tr>",
                    esc(&k.spec.name),
                    pct(k.spec.share),
                    k.spec.speed_kmh,
                    k.spec.altitude_m
                );
            }
            inp.push_str("</tbody></table>");
        }
        let tg = &s.file.targets;
        let _ = write!(
            inp,
            "<h3>The standard</h3><ul>{}<li>confidence {}</li></ul>",
            standard_items(s),
            pct(tg.confidence)
        );
        let _ = write!(
            inp,
            "<p>Scenario: <code>{}</code>; every number in the bundled scenarios and the catalog carries its source or the word <i>assumption</i>.</p>",
            esc(&s.origin)
        );
        rep.sections.push(("The inputs".into(), inp));
        Ok(rep)
    }

    /// The report of a sizing: the sized force simulated on `run`'s replications (with `mix`,
    /// the force the search found; per squadron, each squadron at the count found for it, the
    /// others as given while it was sized, and a squadron no count served as given), with the
    /// sizing curves.
    pub fn of_sizing(
        s: &Scenario,
        run: &crate::montecarlo::RunOptions,
        sizing: &[SquadronSizing],
        mix: Option<&ForceSizing>,
    ) -> Result<Report, String> {
        let sized = crate::sizing::sized_scenario(s, sizing, mix).map_err(|e| e.to_string())?;
        let r = crate::montecarlo::run(&sized, run).map_err(|e| e.to_string())?;
        Report::new(&sized, &r, sizing, mix)
    }

    /// Writes the report to `path` whole or not at all: into a file beside it, then renamed.
    pub fn write(&self, path: &std::path::Path) -> Result<(), String> {
        let name = path
            .file_name()
            .ok_or_else(|| format!("{}: not a file name", path.display()))?;
        let tmp = path.with_file_name(format!(
            ".{}.{}.partial",
            name.to_string_lossy(),
            std::process::id()
        ));
        let fail = |e: std::io::Error| {
            let _ = std::fs::remove_file(&tmp);
            format!("{}: cannot write the report: {e}", path.display())
        };
        std::fs::write(&tmp, self.html()).map_err(fail)?;
        std::fs::rename(&tmp, path).map_err(fail)
    }

    /// A report of a trade study.
    pub fn sweep(
        s: &Scenario,
        r: &crate::sweep::SweepResult,
        replications: u64,
        seed: u64,
    ) -> Result<Report, String> {
        let words: Vec<String> = r
            .axes
            .iter()
            .map(|a| crate::sweep::path_words(s, &a.path))
            .collect();
        let mut rep = Report {
            title: format!("airpolicing — trade study on {}", s.file.scenario.name),
            sections: Vec::new(),
            charts: vec![("sweep.svg".into(), charts::sweep(r, &words)?)],
        };
        let axes: Vec<String> = r
            .axes
            .iter()
            .zip(&words)
            .map(|(a, w)| {
                format!(
                    "{} (<code>{}</code>{})",
                    esc(w),
                    esc(&a.path),
                    crate::sweep::value_at(s, &a.path)
                        .map_or(String::new(), |v| format!(", {v} in the scenario"))
                )
            })
            .collect();
        let best = r
            .points
            .iter()
            .max_by(|a, b| a.meets_standard.total_cmp(&b.meets_standard))
            .map(|p| p.meets_standard)
            .unwrap_or(0.0);
        let mut summary = format!(
            "<p>The scenario: {} The study varies {} over {} points, so where the description gives a value of the varied field, each point replaces it with its own.</p><p>At each point the scenario was simulated on the same {} replications (seed {}); the chart shows the share of replications that meet the standard, with its Wilson 95 % interval. The best point meets it in {}.</p>",
            esc(&s.file.scenario.description),
            axes.join(" and "),
            r.points.len(),
            replications,
            seed,
            pct(best)
        );
        let _ = write!(
            summary,
            "<p>The standard (the scenario's <code>[targets]</code>):</p><ul>{}</ul><p>A replication meets the standard when it meets every target; sizing asks for {} of replications.</p>",
            standard_items(s),
            pct(s.file.targets.confidence)
        );
        summary.push_str("<table><thead><tr>");
        for w in &words {
            let _ = write!(summary, "<th>{}</th>", esc(w));
        }
        summary.push_str("<th>meets the standard</th><th>95 % interval</th><th>sized fleet, aircraft</th></tr></thead><tbody>");
        for p in &r.points {
            summary.push_str("<tr>");
            for v in &p.values {
                let _ = write!(summary, "<td>{v}</td>");
            }
            let _ = write!(
                summary,
                "<td data-value=\"{}\">{}</td><td>{} – {}</td><td>{}</td></tr>",
                p.meets_standard,
                pct(p.meets_standard),
                pct(p.meets_ci.0),
                pct(p.meets_ci.1),
                p.sizing.as_ref().map_or("— (not sized)".into(), |z| z
                    .required
                    .as_ref()
                    .map_or("not reached".into(), |c| c.iter().sum::<u32>().to_string()))
            );
        }
        summary.push_str("</tbody></table>");
        if r.points.iter().any(|p| p.sizing.is_some()) {
            summary.push_str("<p>The sized fleet at each point is the whole force found as <code>size --mix</code> finds it, on the same replications. The first point's search started from the closed-form fleets, each later point's from the answer of the point before it (the first point of a row from the first point of the row before), so two neighbouring fleets differ by what the step between them changes, not by two searches taking different paths.</p>");
        }
        rep.sections.push(("The answer".into(), summary));
        Ok(rep)
    }

    /// A report of a sensitivity study: each main parameter lowered and raised by `percent`, the
    /// whole force sized at both ends.
    pub fn tornado(
        s: &Scenario,
        percent: f64,
        replications: u64,
        seed: u64,
        bars: &[crate::sweep::TornadoBar],
    ) -> Result<Report, String> {
        let fleet = |v: Option<u32>| v.map_or("not reached".to_string(), |n| n.to_string());
        let mut summary = format!(
            "<p>{} — each main parameter was lowered and raised by {percent:.0} %, one at a time, and the whole force sized again at each end, each search starting from the answer for the scenario as given, so that a swing is what the parameter changes and not the difference between two searches ({} replications per candidate, seed {}, the same replications for every candidate; the standard is the scenario's <code>[targets]</code> at {:.0} % confidence). The parameters are ranked by how far the fleet moves: the top of the chart is what the answer depends on most.</p>",
            esc(&s.file.scenario.description),
            replications,
            seed,
            100.0 * s.file.targets.confidence
        );
        match bars.first().map(|b| b.fleet_given) {
            Some(Some(n)) => {
                let _ = write!(
                    summary,
                    "<p>The scenario as given needs <b>{n}</b> aircraft in all (the dashed line on the chart).</p>"
                );
            }
            Some(None) => summary.push_str("<p>No force within the search's limit meets the standard for the scenario as given; each end's search started from the closed-form fleets.</p>"),
            None => {}
        }
        summary.push_str("<table><thead><tr><th>parameter</th><th>in the scenario</th><th>lowered / raised to</th><th>fleet, lowered</th><th>fleet, raised</th><th>swing, aircraft</th></tr></thead><tbody>");
        for b in bars {
            let _ = write!(
                summary,
                "<tr data-parameter=\"{}\"><td><code>{}</code></td><td>{}</td><td>{} / {}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&b.parameter),
                esc(&b.parameter),
                fixed(b.base, 2),
                fixed(b.low, 2),
                fixed(b.high, 2),
                fleet(b.fleet_low),
                fleet(b.fleet_high),
                if b.swing().is_finite() {
                    format!("{:.0}", b.swing())
                } else {
                    "—".into()
                }
            );
        }
        summary.push_str("</tbody></table><p>\"Not reached\": no force within the search's limit of added aircraft met the standard at that value.</p>");
        Ok(Report {
            title: format!("airpolicing — sensitivity of {}", s.file.scenario.name),
            sections: vec![("The answer".into(), summary)],
            charts: vec![("tornado.svg".into(), charts::tornado(bars, percent)?)],
        })
    }

    /// The whole report as one HTML document (well-formed XML too).
    pub fn html(&self) -> String {
        let mut h = String::new();
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>{}</title><style>\
body{{font-family:sans-serif;max-width:64em;margin:2em auto;padding:0 1em;color:#222}}\
table{{border-collapse:collapse;margin:.5em 0}}td,th{{border:1px solid #ccc;padding:.2em .5em;text-align:left}}\
figure{{margin:1em 0}}figcaption{{color:#555}}svg{{max-width:100%;height:auto}}\
table{{display:block;overflow-x:auto;max-width:100%}}</style></head><body><h1>{}</h1>",
            esc(&self.title),
            esc(&self.title)
        );
        let (first, rest) = self.sections.split_first().expect("a report has an answer");
        let _ = write!(
            h,
            "<section><h2>{}</h2>{}</section>",
            esc(&first.0),
            first.1
        );
        h.push_str("<section><h2>Charts</h2>");
        for (name, svg) in &self.charts {
            let body = svg.trim_start_matches(|c| c != '<');
            let _ = write!(
                h,
                "<figure id=\"{}\">{}<figcaption>{}</figcaption></figure>",
                esc(name.trim_end_matches(".svg")),
                body,
                esc(figures::reading(name))
            );
        }
        h.push_str("</section>");
        for (title, body) in rest {
            let _ = write!(h, "<section><h2>{}</h2>{}</section>", esc(title), body);
        }
        h.push_str("<footer><p>Made by airpolicing. Numbers are from simulation with the seed above and can be reproduced exactly.</p></footer></body></html>\n");
        h
    }

    /// The charts, each as a file name and its SVG document.
    pub fn charts(&self) -> &[(String, String)] {
        &self.charts
    }
}

/// The ladder's chart as one SVG document: the sized force against the target's level, one line
/// per posture.
pub fn ladder_svg(ladders: &[crate::ladder::Ladder]) -> Result<String, String> {
    ladder::ladder(ladders)
}
