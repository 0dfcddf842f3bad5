//! Why are fighters the costliest answer to drones? The night of 9-10 September 2025 over Poland
//! (`poland_2025`), with every drone treated as a threat, met four ways: by the fighters alone,
//! by the fighters with cheap short-range interceptors along the border, by those interceptors
//! alone, and by the fighters with the layers Ukraine uses most — mobile fire groups that drive
//! to meet a drone and helicopters that fly to it.
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

/// Mobile fire groups every ~25 km along the border, 10 km behind it, and two helicopters
/// (assumptions throughout: a group drives at 60 km/h, engages within 2 km, kills with one
/// engagement in three, carries 10 engagements, costs $1,000 of ammunition an engagement, is out
/// at most 3 h; a helicopter flies at 220 km/h, engages within 1 km, kills one time in two,
/// carries 4 engagements, costs $6,000 an engagement with its flying, is out at most 2.5 h and
/// is grounded a quarter of the time by weather in spells of about 8 h).
fn fire_groups_and_helicopters() -> String {
    let border = [[52.40, 23.20], [51.55, 23.60], [50.85, 24.05]];
    let mut out = String::new();
    for k in 0..8 {
        // Along the border's two legs, a group every eighth of its length (near enough).
        let f = (k as f64 + 0.5) / 8.0 * 2.0;
        let (a, b, t) = if f < 1.0 {
            (border[0], border[1], f)
        } else {
            (border[1], border[2], f - 1.0)
        };
        let lat = a[0] + (b[0] - a[0]) * t;
        let lon = a[1] + (b[1] - a[1]) * t - 0.15;
        out += &format!(
            "[[air_defence]]\nname = \"Fire group {}\"\nposition = [{lat:.3}, {lon:.3}]\nrange_km = 2\nmax_altitude_m = 1000\npk = 0.33\nmissiles = 10\nreload_min = 60\nreaction_min = 5\ncost_per_shot_usd = 1000\nspeed_kmh = 60\nendurance_h = 3\n\n",
            k + 1
        );
    }
    for (name, lat, lon) in [
        ("Helicopter north", 52.03, 22.60),
        ("Helicopter south", 51.22, 22.90),
    ] {
        out += &format!(
            "[[air_defence]]\nname = \"{name}\"\nposition = [{lat:.2}, {lon:.2}]\nrange_km = 1\nmax_altitude_m = 3000\npk = 0.5\nmissiles = 4\nreload_min = 45\nreaction_min = 10\ncost_per_shot_usd = 6000\nspeed_kmh = 220\nendurance_h = 2.5\ngrounded_share = 0.25\ngrounded_spell_h = 8\n\n"
        );
    }
    out
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
    let mobile = format!("{head}{}{cheapest}", fire_groups_and_helicopters());

    let opts = RunOptions::default().with_seed(1).with_replications(reps);
    println!(
        "{:<34} {:>11} {:>16} {:>18} {:>16}",
        "who answers", "shot down", "cost per kill", "weapons a night", "by other layers"
    );
    let mut rows = Vec::new();
    for (label, text) in [
        ("fighters alone", &fighters),
        ("fighters and interceptor teams", &both),
        ("interceptor teams alone", &alone),
        ("fighters, fire groups, helicopters", &mobile),
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
        rows.push((
            m("raid_shot_down_fraction"),
            per_kill,
            1.0 - m("kill_share[fighters]"),
        ));
    }
    let (f, b, a, g) = (rows[0], rows[1], rows[2], rows[3]);
    println!(
        "\nIn plain words: a drone like these costs about $10,000 (press reports); a fighter's missile $0.4-2\n\
         million. Alone, the fighters shoot down {:.0} % of the raid at {} a kill. With cheap\n\
         interceptor teams along the border, each drone going to the cheapest layer that can meet\n\
         it, {:.0} % are shot down at {} a kill; the teams alone, with nothing behind them to take\n\
         what slips past, shoot down {:.0} % at {} a kill. With fire groups that drive to meet a\n\
         drone and helicopters that fly to it, {:.0} % are shot down at {} a kill, {:.0} % of the kills\n\
         theirs: each can answer one drone at a time near where it waits, a helicopter not in bad\n\
         weather, so the fighters still take what comes elsewhere. Fighters reach everywhere, and\n\
         they are the costliest layer: spend them on what the cheap layers cannot reach.",
        100.0 * f.0,
        dollars(f.1),
        100.0 * b.0,
        dollars(b.1),
        100.0 * a.0,
        dollars(a.1),
        100.0 * g.0,
        dollars(g.1),
        100.0 * g.2,
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
