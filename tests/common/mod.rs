//! The small test theatre the response tests share: a 400 km north-south front at lon 26.5
//! (from lat 50.8 to 47.2), protected to the west; a base 150 km behind its middle with one F-16
//! on an alert so slow (100 h) that it never answers in time; a radar that sees everything; no
//! steady violations and no command delay. The caller adds violator types, raids and responders.

#![allow(dead_code)]

use airpolicing::scenario::Scenario;

/// The theatre with `blocks` (TOML) added after `[violations]`.
pub fn theatre(name: &str, duration_days: u32, blocks: &str) -> Scenario {
    let text = format!(
        r#"
[scenario]
name = "{name}"
duration_days = {duration_days}
warmup_days = 1

[front]
points = [[50.8, 26.5], [47.2, 26.5]]
protected_side = "right"

[[bases]]
name = "Home"
position = [49.0, 24.45]

[[aircraft]]
id = "f16"
availability = {{ model = "perfect" }}

[[squadrons]]
name = "QRA"
aircraft = "f16"
base = "Home"
aircraft_count = 1

[[qra]]
name = "Alert"
squadron = "QRA"
on_alert = 1
readiness_min = 6000
scramble_size = 1
regenerate_min = 60

[[ground_radars]]
name = "Everything"
position = [49.0, 24.0]
antenna_height_m = 10000
range_km = 2000

[violations]
rate_per_day = 0
c2_delay_min = 0

{blocks}
"#
    );
    Scenario::from_toml_str(&text, &format!("{name}.toml")).unwrap_or_else(|e| panic!("{e}"))
}

/// A violator type flying straight in at `speed_kmh` and `altitude_m`, shot down when met.
pub fn drone(name: &str, speed_kmh: f64, altitude_m: f64) -> String {
    format!(
        "[[violations.types]]\nname = \"{name}\"\nshare = 1\nspeed_kmh = {speed_kmh}\naltitude_m = {altitude_m}\npenetration_km = 300\nheading_spread_deg = 0\nshoot_down = true\n"
    )
}

/// Raids of `n` of `kind` crossing within `window_min` minutes between `from_km` and `to_km`
/// along the front, on the given days.
pub fn raid(kind: &str, n: u32, window_min: f64, from_km: f64, to_km: f64, days: &[f64]) -> String {
    let days: Vec<String> = days.iter().map(|d| format!("{d:.1}")).collect();
    format!(
        "[[violations.raids]]\nname = \"r\"\ntype = \"{kind}\"\ncount = {n}\nwindow_min = {window_min}\nfrom_km = {from_km}\nto_km = {to_km}\nat_days = [{}]\n",
        days.join(", ")
    )
}
