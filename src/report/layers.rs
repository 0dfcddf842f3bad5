//! The report's lines on raids, the layers that answered and the weapons' cost, where the
//! scenario has them.

use crate::montecarlo::RunResult;
use crate::standard::words::{grouped, pct};
use std::fmt::Write;

/// List items, empty when the run has no raids, no air-defence sites and no weapons spent.
pub(super) fn summary(r: &RunResult) -> String {
    let m = |name: &str| r.metric(name).map(|x| x.mean);
    let mut out = String::new();
    if let (Some(met), Some(left)) = (m("raid_engaged_fraction"), m("raid_leakers_per_raid")) {
        let shot = m("raid_shot_down_fraction")
            .map_or(String::new(), |x| format!(", {} shot down", pct(x)));
        let _ = write!(
            out,
            "<li>Raids: <b>{}</b> of their members met (decoys included){shot}; {} members, decoys aside, got through per raid on average.</li>",
            pct(met),
            crate::standard::words::fixed(left, 1)
        );
    }
    if let Some(x) = m("engaged_by_air_defence_fraction") {
        let _ = write!(
            out,
            "<li>Air-defence sites and teams (fixed batteries, fire groups, helicopters) made <b>{}</b> of the intercepts; the fighters the rest.</li>",
            pct(x)
        );
    }
    let shares: Vec<String> = r
        .summary
        .iter()
        .filter_map(|s| {
            let layer = s.name.strip_prefix("kill_share[")?.strip_suffix(']')?;
            s.mean
                .is_finite()
                .then(|| format!("{layer} {}", pct(s.mean)))
        })
        .collect();
    if !shares.is_empty() {
        let _ = write!(
            out,
            "<li>Who shot the violators down: {} of the kills (the chart below; a raid's members one by one beside it).</li>",
            super::esc(&shares.join(", "))
        );
    }
    if let (Some(day), Some(kill)) = (m("weapons_cost_usd_per_day"), m("cost_per_kill_usd")) {
        let _ = write!(
            out,
            "<li>Weapons spent: <b>${}</b> a day, <b>${}</b> for each violator shot down.</li>",
            grouped(day),
            grouped(kill)
        );
    }
    out
}
