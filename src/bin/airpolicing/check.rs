//! `airpolicing scenarios` and `airpolicing check`: the bundled scenarios, and a scenario
//! validated with its warnings and what it holds.

use crate::failure::Failure;
use crate::output::out;
use airpolicing::scenario::{Scenario, bundled, bundled_names};

/// Lists the bundled scenarios with their descriptions.
#[derive(clap::Args)]
pub(crate) struct ScenariosArgs {
    /// Print the bundled scenario NAME, comments and all, to copy and edit:
    /// `airpolicing scenarios --show baltic > my-theatre.toml`.
    #[arg(long, value_name = "NAME")]
    show: Option<String>,
}

/// Lists the bundled scenarios, or prints one.
pub(crate) fn scenarios(a: ScenariosArgs) -> Result<(), Failure> {
    if let Some(name) = a.show {
        return match bundled(&name) {
            Some(text) => out(text),
            None => Err(Failure::Input(format!(
                "`{name}` is not a bundled scenario{}; bundled scenarios are: {}",
                airpolicing::scenario::nearest_name(&name)
                    .filter(|n| bundled(n).is_some())
                    .map_or(String::new(), |n| format!(" (did you mean `{n}`?)")),
                bundled_names().join(", ")
            ))),
        };
    }
    let mut text = String::new();
    let width = bundled_names().iter().map(|n| n.len()).max().unwrap_or(0);
    for name in bundled_names() {
        let description = bundled(name)
            .and_then(|t| Scenario::from_toml_str(t, name).ok())
            .map(|s| s.file.scenario.description)
            .unwrap_or_default();
        text.push_str(&format!("{name:<width$} {description}\n"));
    }
    text.push_str("\nairpolicing scenarios --show NAME prints one, to copy and edit.\n");
    out(&text)
}

#[derive(clap::Args)]
pub(crate) struct CheckArgs {
    /// A scenario file, or the name of a bundled scenario.
    scenario: String,
}

/// Validates a scenario; its warnings, then a line of what it holds.
pub(crate) fn execute(a: CheckArgs) -> Result<(), Failure> {
    let scenario = a.scenario;
    let s = Scenario::load(&scenario)?;
    let mut text = String::new();
    for w in &s.warnings {
        text.push_str(&format!("{w}\n"));
    }
    let aircraft: u32 = s.squadrons.iter().map(|q| q.aircraft_count).sum();
    let counts = [
        (s.bases.len(), "base"),
        (s.squadrons.len(), "squadron"),
        (s.cap_stations.len(), "CAP station"),
        (s.qra.len(), "QRA posture"),
        (s.tanker_tracks.len(), "tanker track"),
        (s.aew_orbits.len(), "AEW orbit"),
        (s.ground_radars.len(), "ground radar"),
        (s.warnings.len(), "warning"),
    ];
    let listed: Vec<String> = counts
        .iter()
        .map(|(n, what)| format!("{n} {what}{}", if *n == 1 { "" } else { "s" }))
        .collect();
    text.push_str(&format!(
        "{}: valid — `{}`: {:.0} km front, {aircraft} aircraft; {}\n",
        s.origin,
        s.file.scenario.name,
        s.front.length_km(),
        listed.join(", ")
    ));
    out(&text)
}
