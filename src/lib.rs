//! # airpolicing
//!
//! Plans air-policing missions. If a ceasefire line of about 1,000 km must be policed from the
//! air around the clock — fighters on standing combat air patrol (CAP) and on quick reaction
//! alert (QRA), supported by tankers and AEW&C radar aircraft — how many aircraft does that take,
//! and how fast are airspace violations intercepted?
//!
//! The crate follows one scenario through its steps, one module per step:
//!
//! | step | module |
//! | --- | --- |
//! | TOML file → validated [`Scenario`](scenario::Scenario) | [`scenario`] |
//! | aircraft performance, with sources | [`catalog`] |
//! | positions, geodesics, the front | [`geo`] |
//! | random durations | [`dist`] |
//! | closed-form answer (docs/model.md, closed forms) | [`analytic`] |
//! | one replication's event loop and its metrics | [`sim`] |
//! | many replications in parallel, summaries | [`montecarlo`] |
//! | the published cases, each beside the tool's figure | [`cases`] |
//! | the force for a ladder of standards | [`ladder`] |
//!
//! ## A first answer in four lines
//!
//! The bundled `ukraine` scenario polices the ~990 km 2025 contact line from Poland and Romania.
//! The closed-form planner gives the floor on the fleet:
//!
//! ```
//! use airpolicing::{analytic, scenario::Scenario};
//!
//! let scenario = Scenario::load("ukraine")?;
//! let estimate = analytic::estimate(&scenario);
//! println!("{} aircraft at {:.0} % confidence", estimate.total_fleet_at_confidence.unwrap(),
//!          100.0 * estimate.confidence);
//! assert_eq!(estimate.stations.len(), 4);
//! # Ok::<(), airpolicing::scenario::ScenarioError>(())
//! ```
//!
//! ## Simulating it
//!
//! The simulator adds what the formulas miss: breakdowns, relief timing, trips to the tanker,
//! tanker and AEW gaps. Replication `r` of seed `s` is the same on any machine and thread count:
//!
//! ```
//! use airpolicing::montecarlo::{run, RunOptions};
//! use airpolicing::scenario::Scenario;
//!
//! let scenario = Scenario::load("baltic")?;
//! let result = run(&scenario, &RunOptions::default().with_seed(1).with_replications(20))?;
//! let alert = result.metric("qra_coverage").unwrap();
//! println!("QRA alert held {:.1} % of the time (95 % CI {:.1}–{:.1} %)",
//!          100.0 * alert.mean, 100.0 * alert.ci_low, 100.0 * alert.ci_high);
//! assert!(alert.mean > 0.5 && alert.mean <= 1.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Your own scenario
//!
//! A scenario is TOML; units are in the key names. `scenarios/reference.toml` shows every key with
//! a comment (and is reproduced in [`scenario::file`]). Here one CAP station 400 km from its base
//! is flown by a squadron of a new, deterministic type, so the rotation formula is exact:
//!
//! ```
//! use airpolicing::{analytic, scenario::Scenario};
//!
//! let text = r#"
//! [scenario]
//! name = "one station"
//! duration_days = 10
//!
//! [front]
//! points = [[51.0, 26.5], [49.0, 26.5]]
//! protected_side = "right"
//!
//! [[bases]]
//! name = "Home"
//! position = [50.0, 20.0]
//!
//! [[aircraft]]
//! id = "demo"
//! based_on = "typhoon"                 # start from a built-in type...
//! availability = { model = "perfect" } # ...that never breaks
//! launch_min = 15
//! turnaround_min = 105
//!
//! [[squadrons]]
//! name = "1 Sqn"
//! aircraft = "demo"
//! base = "Home"
//! aircraft_count = 12
//!
//! [relief]
//! overlap_min = 30
//!
//! [[cap_stations]]
//! name = "East"
//! position = [49.866103, 25.568826]    # 400 km east of Home
//! squadrons = ["1 Sqn"]
//! "#;
//! let scenario = Scenario::from_toml_str(text, "one-station.toml")?;
//! let station = &analytic::estimate(&scenario).stations[0];
//! // t_tr = 400 km / 850 km/h = 0.47 h
//! // t_os = (4,996 − 800 kg − 2 · 0.47 h · 2,000 kg/h) / 1,800 kg/h = 1.29 h
//! // C = 1.29 + 2 · 0.47 + 2.0 = 4.23 h; C / (t_os − 0.5 h) = 5.4, so 2 · 6 = 12 aircraft.
//! assert!((station.transit_h - 400.0 / 850.0).abs() < 1e-4);
//! assert!((station.on_station_h - 1.2856).abs() < 1e-3);
//! assert_eq!(station.aircraft_in_rotation, Some(12));
//! # Ok::<(), airpolicing::scenario::ScenarioError>(())
//! ```
//!
//! ## Errors name the place
//!
//! A bad scenario is refused as a whole with every problem found, each with the file, line,
//! column, field path and what would be valid:
//!
//! ```
//! use airpolicing::scenario::Scenario;
//!
//! let text = airpolicing::scenario::bundled("textbook").unwrap()
//!     .replace("aircraft_count = 6", "aircraft_count = -6");
//! let err = Scenario::from_toml_str(&text, "textbook.toml").unwrap_err();
//! assert!(err.to_string().starts_with("textbook.toml:50:18: error: squadrons[0].aircraft_count"));
//! ```
//!
//! ## Units and conventions
//!
//! Distances in km, speeds in km/h, fuel in kg, burns in kg/h, altitudes in metres; durations in
//! the unit their name says (`_min`, `_h`, `_days`). Positions are WGS-84 `[lat, lon]` in degrees;
//! distances between them are ellipsoidal geodesics (see [`geo`]).
#![warn(missing_docs)]

pub mod analytic;
pub mod cases;
pub mod catalog;
pub mod dist;
pub mod geo;
pub mod ladder;
pub mod montecarlo;
pub mod progress;
#[cfg(feature = "report")]
pub mod report;
pub mod scenario;
pub mod sim;
pub mod sizing;
pub mod standard;
pub mod sustain;
pub mod sweep;
