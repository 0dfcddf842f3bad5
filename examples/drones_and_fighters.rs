//! Why are fighters the costliest answer to drones? The night of 9-10 September 2025 over Poland
//! (`poland_2025`), with every drone treated as a threat, met three ways: by the fighters alone,
//! by the fighters with cheap short-range interceptors along the border, and by those
//! interceptors alone.
//!
//! Run with `cargo run --release --example drones_and_fighters`. Look at the cost of the weapons
//! spent per drone shot down, and at who shoots them down. `AIRPOLICING_REPS` sets the
//! replications (default 200).

use airpolicing::montecarlo::{RunOptions, run};
use airpolicing::scenario::{Scenario, bundled};

/// Short-range interceptor sites every ~50 km along the border, 15 km behind it: each a team
/// launching interceptor drones (assumption: 10 km reach against low, slow targets, a kill in two
/// shots, 20 on hand, an hour to reload, $5,000 a shot).
fn interceptors() -> String {
    [
        [52.30, 23.00],
        [51.95, 23.20],
        [51.60, 23.40],
        [51.25, 23.60],
        [50.95, 23.85],
    ]
    .iter()
    .enumerate()
    .map(|(i, p)| {
        format!(
            "[[air_defence]]\nname = \"Interceptor team {}\"\nposition = [{:.2}, {:.2}]\nrange_km = 10\nmax_altitude_m = 1500\npk = 0.5\nmissiles = 20\nreload_min = 60\nreaction_min = 1\ncost_per_shot_usd = 5000\n\n",
            i + 1,
            p[0],
            p[1]
        )
    })
    .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let reps = std::env::var("AIRPOLICING_REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    // Every drone a threat: nothing is left alone as a decoy.
    let night = bundled("poland_2025")
        .expect("bundled")
        .replace("decoy_share = 0.8", "decoy_share = 0");
    let (head, patriot) = night.split_once("[[air_defence]]").expect("a Patriot");
    let after = patriot
        .split_once("[violations]")
        .map(|(_, rest)| format!("[violations]{rest}"))
        .expect("violations");
    let fighters = format!("{head}{after}");
    // With cheap teams beside the fighters, each drone goes to the cheapest responder that can
    // meet it (the teams when it comes near one), not to the first.
    let cheapest = after.replacen(
        "[violations]\n",
        "[violations]\nresponder = \"cheapest\"\n",
        1,
    );
    let both = format!("{head}{}{cheapest}", interceptors());
    // The interceptors alone: the CAP stations gone (their squadrons stay on the ground).
    let (caps_before, caps) = fighters.split_once("[[cap_stations]]").expect("stations");
    let (_, from_aew) = caps.split_once("[[aew_orbits]]").expect("an AEW orbit");
    let alone = format!("{caps_before}{}[[aew_orbits]]{from_aew}", interceptors());

    let opts = RunOptions::default().with_seed(1).with_replications(reps);
    println!(
        "{:<34} {:>11} {:>16} {:>18} {:>16}",
        "who answers", "shot down", "cost per kill", "weapons a night", "by the ground"
    );
    let mut rows = Vec::new();
    for (label, text) in [
        ("fighters alone", &fighters),
        ("fighters and interceptor teams", &both),
        ("interceptor teams alone", &alone),
    ] {
        let s = Scenario::from_toml_str(text, label)?;
        let r = run(&s, &opts)?;
        let m = |n: &str| r.metric(n).map_or(f64::NAN, |x| x.mean);
        let per_kill = m("cost_per_kill_usd");
        let ground = m("engaged_by_air_defence_fraction");
        println!(
            "{label:<34} {:>9.0} % {:>16} {:>18} {:>16}",
            100.0 * m("raid_shot_down_fraction"),
            dollars(per_kill),
            dollars(m("weapons_cost_usd_per_day")),
            if ground.is_nan() {
                "—".to_string()
            } else {
                format!("{:.0} %", 100.0 * ground)
            }
        );
        rows.push((m("raid_shot_down_fraction"), per_kill));
    }
    let (f, b, a) = (rows[0], rows[1], rows[2]);
    println!(
        "\nIn plain words: a drone like these costs about $10,000 (press reports); a fighter's missile $0.4-2\n\
         million. Alone, the fighters shoot down {:.0} % of the raid at {} a kill. With cheap\n\
         interceptor teams along the border, each drone going to the cheapest layer that can meet\n\
         it, {:.0} % are shot down at {} a kill; the teams alone, with nothing behind them to take\n\
         what slips past, shoot down {:.0} % at {} a kill. Fighters reach everywhere, and they are\n\
         the costliest layer: spend them on what the cheap layers cannot reach.",
        100.0 * f.0,
        dollars(f.1),
        100.0 * b.0,
        dollars(b.1),
        100.0 * a.0,
        dollars(a.1),
    );
    Ok(())
}

/// US dollars, in words a student reads at a glance.
fn dollars(x: f64) -> String {
    if x.is_nan() {
        "—".to_string()
    } else if x >= 1e6 {
        format!("${:.1} M", x / 1e6)
    } else {
        format!("${:.0}k", x / 1e3)
    }
}
