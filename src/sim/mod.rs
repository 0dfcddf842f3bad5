//! The discrete-event simulation of one replication.
//!
//! [`Model::new`] precomputes a validated scenario once (distances, samplers, routes through the
//! tankers, sensor coverage of the front); [`simulate`] runs one replication of it and returns its
//! metrics. One replication is one single-threaded event loop over a binary-heap calendar
//! ([`calendar`], where the ordering rule for simultaneous events is written down). Time is `f64`
//! hours from the start. Every random number comes from the streams of [`streams`].
//!
//! # Modelling choices
//!
//! - **Fuel** is tracked continuously per aircraft: none burnt on the ground, cruise burn in
//!   transit and to/from the tanker, patrol burn on station and at the tanker. A fighter leaves its
//!   station at bingo — when its fuel equals the way home plus its reserve — or at its crew limit
//!   (`max_sortie_h` from wheels-up, less the way home). An aircraft that would fall below its
//!   reserve on the way home diverts: it lands when the fuel reaches the reserve.
//! - **Relief**: see the engine's module notes. A station served by several squadrons takes the
//!   nearest squadron with a ready aircraft. A relief is planned to arrive `overlap` before the
//!   members' predicted departure; when it has arrived the old members stay until their own bingo
//!   (the overlap), so an undisturbed rotation flies `t_os` per sortie, as in the closed form.
//! - **Air-to-air refuelling** (the engine's `cycling` and `tankers` rooms): each CAP station
//!   served by a compatible tanker track plans its refuelling as a unit. At most one fighter of a
//!   station is away for fuel at once; the fighters go in turn, the one with the least time
//!   first, at its threshold (`refuel_at_fuel_fraction` of a full tank's margin above bingo, plus
//!   the leg) or earlier when that is what lets the next one go in time, so waiting for a turn
//!   does not drive a fighter to bingo. A fighter whose fuel lasts to its crew-limit departure
//!   does not go, nor one that would be back only after it. When a relief from the ground would
//!   arrive before a fighter's fuel bingo, that fighter stays to its bingo and is relieved
//!   instead of leaving its station for fuel. At the tanker it queues for a free boom or drogue
//!   (`receivers_at_once` per tanker on track), is hooked up for `hookup_min`, takes what fills
//!   its tanks (up to what the tanker can give above its own way home, a quarter hour on track
//!   and its reserve) and flies back. A fighter takes fuel on the way out when a full tank would
//!   leave it too little above bingo on arrival — less than its refuelling margin, or less time
//!   than a relief from the ground needs to come — and launches only while a tanker is on track.
//!   A tanker's relief is planned for when its fuel will run low at the closed-form offload rate;
//!   it leaves at its own fuel bingo if that comes first. Fuel given equals fuel received.
//! - **Availability, `mc_rate`**: each aircraft alternates up periods (exponential, with the mean
//!   that makes the long-run fraction up equal `mc_rate`) and down periods (`mean_down_h`), on the
//!   clock, starting in the long-run mix. An aircraft that goes down in the air finishes its
//!   sortie; after landing it stays in maintenance until the down period ends.
//! - **Availability, failures**: flight hours to the next failure are exponential. A failure on
//!   station or on the way out sends the aircraft home at once (and brings its relief forward);
//!   elsewhere it is repaired after landing. Ground aborts send the aircraft to repair and the next
//!   ready aircraft launches instead. Scheduled inspections follow the landing that passes the
//!   flight-hour interval.
//! - **QRA**: alert aircraft are taken from the ready aircraft of the squadron at the start. When
//!   one launches, a ready spare is put on alert after `regenerate_min` if the posture
//!   regenerates; when one goes down, after `swap_min`. An aircraft on alert wears at the
//!   posture's `alert_wear` (its `mc_rate` clock runs at that rate). A scheduled down period (a
//!   share `scheduled_share` of them) that falls due on an aircraft on alert waits until a ready
//!   spare takes its place, which it does at once. A ready aircraft goes first to a posture short
//!   of its alert, then to the longest-waiting relief, then in the place of an alert aircraft
//!   whose scheduled maintenance is waiting.
//! - **Part-day stations** are manned from the start of their hours; their coverage counts only
//!   the required hours.
//! - **Sensor coverage** of the front: the front is sampled every kilometre or so; a sample is
//!   covered when it is inside the coverage radius of a ground radar or of an AEW orbit with at
//!   least one aircraft on it.
//!
//! - **Violations** (see [`violations`]): drawn up front for the whole replication from their
//!   own stream, by thinning a Poisson process at the peak of the hourly and surge multipliers.
//!   The track starts at the crossing; detection is the first moment along the inbound leg inside
//!   the coverage circle (for the violator's altitude) of a sensor on station at the crossing,
//!   followed by the command-and-control delay. The response goes to whichever candidate
//!   intercepts first: a CAP fighter on station with fuel to dash, shadow (mean time) and get home,
//!   or a QRA posture with an aircraft on alert (after its readiness time, scrambling its element).
//!   **One fighter leaves a CAP element**; the others hold the station. The intercept is the
//!   earliest meeting of a straight dash with the violator's straight track, and must come before
//!   the violator turns back. After shadowing, a CAP fighter goes back to its station if it can
//!   arrive with a quarter hour above bingo, and otherwise home, bringing its element's relief
//!   forward; a QRA element flies home and its aircraft go back on alert after turnaround and
//!   `regenerate_min` (ready spares replace them at once when the posture regenerates from
//!   spares). A shadow ends early when an aircraft needs its fuel to get home.
//!
//! # Metrics
//!
//! Time-weighted over `[warm-up, end]`: `cap_coverage` (every required station has its full
//! element at once), `cap_presence` (every required station has at least one fighter on it),
//! `station_coverage[s]` (of the station's required time) and `station_presence[s]` (at least one
//! fighter on it, of its required time), `worst_station_coverage` and `worst_station_presence`
//! (the lowest of those over the stations, per replication; a fighter at or on its way to the
//! tanker is not on its station), `aew_coverage`,
//! `tanker_coverage` (every orbit or track has its required count), `front_coverage_low/high`
//! (time-averaged fraction of front length in cover), `qra_coverage` (every posture holds its alert
//! count), `mc_rate[squadron]` (aircraft-time mission capable). Counted after the warm-up, per day:
//! `sorties_per_day` (wheels-up), `flight_hours_per_day`, `fuel_offloaded_t_per_day[track]`.
//!
//! Violations crossing after the warm-up: `violations_per_day`; the three exclusive outcomes
//! `undetected_fraction` (never seen), `unanswered_fraction` (seen, but no one could intercept
//! before it turned back) and the intercepted rest; `intercept_within_target` (intercepted within
//! `[targets] response_time_min` of crossing, as a fraction of all violations);
//! `response_time_mean/p50/p90/p99` (minutes from crossing to intercept, over the intercepts of
//! the replication, NaN when there were none); `qra_unavailable_fraction` (seen violations that
//! found no aircraft on alert); the same per front sector; and a response-time histogram in
//! one-minute bins that merges across replications by adding counts.

pub mod calendar;
mod engine;
pub mod metrics;
mod model;
pub mod streams;
pub mod trace;
pub mod violations;

pub use engine::{RESPONSE_BINS, Stopped, simulate, simulate_cancellable, simulate_observed};
pub use metrics::{MetricNames, RepMetrics};
pub use model::Model;
