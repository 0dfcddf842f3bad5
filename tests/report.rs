//! The HTML report: well-formed, every chart present, and its numbers equal to the JSON output of
//! the same run.

use std::process::Command;

fn airpolicing(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_airpolicing"))
        .args(args)
        .output()
        .unwrap()
}

/// Parses a report as XML (it is written to be well-formed), allowing its `<!DOCTYPE html>`.
fn parse_html(html: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    roxmltree::Document::parse_with_options(
        html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
}

/// Every chart's caption says in words how to read it (not the chart's file name).
fn charts_are_captioned_in_words(doc: &roxmltree::Document) {
    for fig in doc.descendants().filter(|n| n.has_tag_name("figure")) {
        let caption: String = fig
            .descendants()
            .filter(|n| n.has_tag_name("figcaption"))
            .flat_map(|n| n.descendants().filter_map(|t| t.text()))
            .collect();
        assert!(
            caption.split_whitespace().count() >= 12 && !caption.contains(".svg"),
            "chart `{}` is captioned `{caption}`",
            fig.attribute("id").unwrap_or("?")
        );
    }
}

fn temp_dir(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("airpolicing-report-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The report `airpolicing ARGS --report FILE` writes, read back (the command must succeed).
fn report_of(tag: &str, args: &[&str]) -> String {
    let dir = temp_dir(tag);
    let html_path = dir.join("report.html");
    let mut all = args.to_vec();
    all.extend(["--report", html_path.to_str().unwrap()]);
    let o = airpolicing(&all);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&html_path).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    html
}

#[test]
fn run_report_is_well_formed_has_every_chart_and_matches_the_json() {
    let dir = temp_dir("run");
    let html_path = dir.join("baltic.html");
    let o = airpolicing(&[
        "run",
        "baltic",
        "-n",
        "6",
        "--seed",
        "3",
        "--json",
        "--report",
        html_path.to_str().unwrap(),
        "--svg",
        dir.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let html = std::fs::read_to_string(&html_path).unwrap();
    // baltic holds its alert on the ground: no station, track or orbit, so no timeline of posts.
    let svgs: Vec<String> = ["map", "response", "squadrons"]
        .iter()
        .map(|n| std::fs::read_to_string(dir.join(format!("{n}.svg"))).unwrap())
        .collect();
    assert!(!dir.join("timeline.svg").exists());
    std::fs::remove_dir_all(&dir).ok();

    let doc = parse_html(&html).expect("the report is well-formed");
    charts_are_captioned_in_words(&doc);
    assert!(
        !doc.descendants()
            .any(|n| n.has_tag_name("figure") && n.attribute("id") == Some("timeline"))
    );
    for id in ["map", "response", "squadrons"] {
        let fig = doc
            .descendants()
            .find(|n| n.has_tag_name("figure") && n.attribute("id") == Some(id))
            .unwrap_or_else(|| panic!("no chart `{id}`"));
        assert!(
            fig.descendants().any(|n| n.tag_name().name() == "svg"),
            "chart `{id}` has no SVG"
        );
    }
    for svg in &svgs {
        roxmltree::Document::parse(svg).expect("each SVG file is well-formed");
    }
    // Every measure in the table equals the JSON mean, exactly.
    let metrics = json["metrics"].as_array().unwrap();
    let cells: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("data-metric").is_some())
        .collect();
    assert_eq!(cells.len(), metrics.len());
    for m in metrics {
        let name = m["name"].as_str().unwrap();
        let cell = cells
            .iter()
            .find(|c| c.attribute("data-metric") == Some(name))
            .unwrap();
        let shown: f64 = cell.attribute("data-value").unwrap().parse().unwrap();
        match m["mean"].as_f64() {
            Some(mean) => assert_eq!(shown, mean, "{name}"),
            None => assert!(shown.is_nan(), "{name}"),
        }
    }
    // The response chart is a share of every violation, counted as the answer counts them:
    // the violation rate over the measured days of every replication, and the intercepts of the
    // pooled histogram.
    assert!(svgs[1].contains("share of all violations"));
    assert!(!svgs[1].contains("share intercepted by then"));
    let s = airpolicing::scenario::Scenario::load("baltic").unwrap();
    let rate = metrics
        .iter()
        .find(|m| m["name"] == "violations_per_day")
        .unwrap()["mean"]
        .as_f64()
        .unwrap();
    let pooled = rate * (s.duration_h - s.warmup_h) / 24.0 * 6.0;
    let attr = |name: &str| -> f64 {
        doc.descendants()
            .find_map(|n| n.attribute(name))
            .unwrap_or_else(|| panic!("no {name}"))
            .parse()
            .unwrap()
    };
    assert!((pooled - pooled.round()).abs() < 1e-6, "{pooled}");
    assert_eq!(attr("data-violations"), pooled.round());
    let hist: u64 = json["response_time_histogram"]["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_u64().unwrap())
        .sum();
    assert_eq!(attr("data-intercepted"), hist as f64);
    assert!(hist as f64 <= pooled.round());
    // What leaves the rest unanswered, in the same words as the command line's run.
    assert!(html.contains(airpolicing::sim::metrics::WHY_UNANSWERED));
    // A plain-language answer comes first.
    assert!(html.contains("The answer"));
    assert!(html.contains("was met in"));
    // Self-contained: nothing to fetch when it opens offline.
    for external in ["src=\"http", "href=\"http", "<link", "<script", "@import"] {
        assert!(!html.contains(external), "the report refers to {external}");
    }
}

#[test]
fn size_report_adds_the_sizing_curve() {
    let html = report_of("size", &["size", "textbook", "-n", "4"]);
    let doc = parse_html(&html).unwrap();
    charts_are_captioned_in_words(&doc);
    assert!(
        doc.descendants()
            .any(|n| n.attribute("id") == Some("sizing-1"))
    );
    assert!(html.contains("<b>6</b> aircraft meet the standard"));
}

#[test]
fn a_missing_svg_directory_is_made_and_a_file_in_its_place_is_refused_before_running() {
    let dir = temp_dir("svgdir");
    let charts = dir.join("charts").join("run");
    let o = airpolicing(&[
        "run",
        "baltic",
        "-n",
        "2",
        "--svg",
        charts.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(charts.join("map.svg").is_file());
    let file = dir.join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let o = airpolicing(&[
        "run",
        "ukraine",
        "-n",
        "100000",
        "--svg",
        file.to_str().unwrap(),
    ]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not a directory"));
}

#[test]
fn tornado_writes_its_report_and_charts() {
    let dir = temp_dir("tornado");
    let html_path = dir.join("tornado.html");
    let svg = dir.join("svg");
    let o = airpolicing(&[
        "sweep",
        "textbook",
        "--tornado",
        "-n",
        "3",
        "--json",
        "--report",
        html_path.to_str().unwrap(),
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let html = std::fs::read_to_string(&html_path).unwrap();
    let chart = std::fs::read_to_string(svg.join("tornado.svg")).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let doc = parse_html(&html).expect("the report is well-formed");
    charts_are_captioned_in_words(&doc);
    assert!(
        doc.descendants()
            .any(|n| n.has_tag_name("figure") && n.attribute("id") == Some("tornado"))
    );
    assert!(chart.contains("<svg"));
    // Every parameter is a row of the report's table, with the fleets the JSON gives.
    let bars = json["bars"].as_array().unwrap();
    assert!(!bars.is_empty());
    for b in bars {
        let name = b["parameter"].as_str().unwrap();
        let row = doc
            .descendants()
            .find(|n| n.has_tag_name("tr") && n.attribute("data-parameter") == Some(name))
            .unwrap_or_else(|| panic!("no row for {name}"));
        let cells: Vec<String> = row
            .children()
            .filter(|c| c.has_tag_name("td"))
            .map(|c| c.text().unwrap_or("").to_string())
            .collect();
        let fleet = |v: &serde_json::Value| {
            v.as_u64()
                .map_or("not reached".to_string(), |n| n.to_string())
        };
        assert_eq!(cells[3], fleet(&b["fleet_low"]), "{name}");
        assert_eq!(cells[4], fleet(&b["fleet_high"]), "{name}");
    }
    // The fleet of the scenario as given, where every search started, is said and drawn.
    let given = bars[0]["fleet_given"].as_u64().expect("an answer as given");
    assert!(
        html.contains(&format!(
            "The scenario as given needs <b>{given}</b> aircraft"
        )),
        "{html}"
    );
    assert!(chart.contains(&format!("as given: {given}")));
}

#[test]
fn force_sizing_report_shows_the_force_and_its_curve() {
    let html = report_of("mix", &["size", "textbook", "--mix", "-n", "3"]);
    assert!(
        html.contains("is <b>6 aircraft</b> (6 fighters)"),
        "{}",
        &html[..2000.min(html.len())]
    );
    assert!(html.contains("id=\"sizing-force\""));
    // What holds the squadron at its count, as the command line's table says it.
    let o = airpolicing(&["size", "textbook", "--mix", "-n", "3", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let held = json["force"]["limited_by"][0]
        .as_str()
        .expect("a target holds it");
    assert!(html.contains("<th>one fewer falls short on</th>"));
    assert!(
        html.contains(&format!(
            "<td>{}</td></tr>",
            airpolicing::sim::metrics::label(held)
        )),
        "{held}"
    );
}

#[test]
fn a_sized_sweep_report_says_where_each_search_started() {
    let html = report_of(
        "sized-sweep",
        &[
            "sweep",
            "baltic",
            "--set",
            "violations.rate_per_day=0.2,0.8",
            "--size",
            "-n",
            "4",
        ],
    );
    assert!(
        html.contains("each later point's from the answer of the point before it"),
        "{html}"
    );
    // Not said of a study that sizes nothing (sweep_report_has_its_chart_and_table).
}

#[test]
fn sweep_report_has_its_chart_and_table() {
    let html = report_of(
        "sweep",
        &[
            "sweep",
            "baltic",
            "--set",
            "violations.rate_per_day=0.2,0.8",
            "-n",
            "4",
        ],
    );
    let doc = parse_html(&html).unwrap();
    charts_are_captioned_in_words(&doc);
    assert!(
        doc.descendants()
            .any(|n| n.attribute("id") == Some("sweep"))
    );
    let rows = doc.descendants().filter(|n| n.has_tag_name("tr")).count();
    assert_eq!(rows, 3, "a header and one row per point");
    // Headers and axes in words, the swept field's own value beside the description, the seed
    // and the standard on the page, and a marker at every point.
    let headers: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("th"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(headers[0], "violations a day");
    assert!(html.contains("0.2 in the scenario"), "{html}");
    assert!(html.contains("4 replications (seed 1)"));
    assert!(html.contains("every QRA alert held at least 95.0 %"));
    assert!(!html.contains("each later point's from the answer"));
    let chart = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("sweep"))
        .unwrap();
    assert!(
        chart
            .descendants()
            .filter(|n| n.has_tag_name("circle"))
            .count()
            >= 2
    );
    assert!(
        chart
            .descendants()
            .any(|n| n.text().is_some_and(|t| t.trim() == "violations a day"))
    );
}

#[test]
fn both_size_reports_simulate_the_sized_force() {
    // textbook's squadron is given 8 aircraft and sized at 6: the per-squadron report, like the
    // --mix one, simulates 6.
    for mix in [false, true] {
        let dir = temp_dir(if mix { "sized-mix" } else { "sized" });
        let html_path = dir.join("r.html");
        let mut args = vec![
            "size",
            "textbook",
            "-n",
            "4",
            "--report",
            html_path.to_str().unwrap(),
        ];
        if mix {
            args.push("--mix");
        }
        let o = airpolicing(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let html = std::fs::read_to_string(&html_path).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert!(html.contains("simulates th"), "mix {mix}");
        let doc = parse_html(&html).unwrap();
        charts_are_captioned_in_words(&doc);
        let squadron_row = doc
            .descendants()
            .filter(|n| n.has_tag_name("h3") && n.text() == Some("Squadrons"))
            .find_map(|h| h.next_sibling_element())
            .and_then(|table| table.descendants().filter(|n| n.has_tag_name("tr")).nth(1))
            .expect("the inputs' squadron table");
        let cells: Vec<&str> = squadron_row
            .children()
            .filter(|c| c.has_tag_name("td"))
            .filter_map(|c| c.text())
            .collect();
        assert_eq!(cells[3], "6", "mix {mix}: {cells:?}");
    }
}

#[test]
fn the_answer_leads_with_the_least_manned_station_not_every_station_at_once() {
    let dir = temp_dir("worst");
    let path = dir.join("ukraine.html");
    let o = airpolicing(&[
        "run",
        "ukraine",
        "-n",
        "3",
        "--report",
        path.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let worst = html
        .find("The least-manned CAP station")
        .expect("the worst station");
    let all = html
        .find("Every CAP station at once")
        .expect("every station at once");
    assert!(worst < all, "the per-station figure comes first");
    // A posture with posts draws them over a day.
    assert!(html.contains("<figure id=\"timeline\">"));
    assert!(html.contains("Sustaining it for 3 years"));
}

#[test]
fn a_raid_report_draws_one_raid_and_who_made_the_kills() {
    let dir = temp_dir("raid");
    let html_path = dir.join("poland.html");
    let args = [
        "run",
        "poland_2025",
        "-n",
        "4",
        "--seed",
        "5",
        "--json",
        "--report",
        html_path.to_str().unwrap(),
        "--svg",
        dir.to_str().unwrap(),
    ];
    let o = airpolicing(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let html = std::fs::read_to_string(&html_path).unwrap();
    let raid = std::fs::read_to_string(dir.join("raid.svg")).unwrap();
    let kills = std::fs::read_to_string(dir.join("kills.svg")).unwrap();
    // The same seed draws the same raid.
    assert!(airpolicing(&args).status.success());
    assert_eq!(std::fs::read_to_string(dir.join("raid.svg")).unwrap(), raid);
    std::fs::remove_dir_all(&dir).ok();
    let doc = parse_html(&html).expect("the report is well-formed");
    charts_are_captioned_in_words(&doc);
    for id in ["raid", "kills"] {
        assert!(
            doc.descendants()
                .any(|n| n.has_tag_name("figure") && n.attribute("id") == Some(id)),
            "no chart `{id}`"
        );
    }
    assert!(raid.contains("One raid, member by member"));
    assert!(raid.contains("shot down by the fighters"));
    // Each layer's bar carries its mean share of the kills, as the JSON has it.
    let metrics = json["metrics"].as_array().unwrap();
    let share = |layer: &str| {
        metrics
            .iter()
            .find(|m| m["name"] == format!("kill_share[{layer}]"))
            .unwrap()["mean"]
            .as_f64()
            .unwrap()
    };
    let (f, p) = (share("fighters"), share("Patriot at Rzeszów"));
    assert!((f + p - 1.0).abs() < 1e-9, "{f} + {p}");
    for s in [f, p] {
        let text = format!("{:.0} % of the kills", 100.0 * s);
        assert!(kills.contains(&text), "{text} in the chart");
    }
    assert!(html.contains("Who shot the violators down: fighters"));
}
