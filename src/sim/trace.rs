//! Observing a replication as it runs: an observer trait with a no-op default, and the record of
//! one event for a trace file.

use crate::geo::LatLon;

/// One thing that happened to one aircraft.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TraceEvent<'a> {
    /// Hours from the start of the replication.
    pub time_h: f64,
    /// The aircraft's squadron.
    pub squadron: &'a str,
    /// The aircraft's index within its squadron (0-based).
    pub tail: usize,
    /// What happened: `launch`, `airborne`, `on_station`, `leave_station`, `to_tanker`,
    /// `hooked_up`, `refuelled`, `back_on_station`, `landed`, `ready`, `down`, `up`, `failure`,
    /// `ground_abort`, `on_alert`, `inspection`, `no rested crew` (a relief waits for a crew).
    pub event: &'static str,
    /// Where it happened (base, station, track or orbit).
    pub position: LatLon,
    /// Fuel on board, kg.
    pub fuel_kg: f64,
    /// The station, track, orbit or QRA posture involved, if any.
    pub task: Option<&'a str>,
}

/// Receives every trace event of a replication. The default methods do nothing, so an observer
/// that is not used costs nothing.
pub trait Observer {
    /// Whether the observer looks at events at all. When false, the engine skips building them
    /// (positions on the ellipsoid cost a geodesic each).
    const RECORDS: bool = true;

    /// Called once per aircraft event, in time order.
    fn event(&mut self, _event: &TraceEvent<'_>) {}
}

/// The observer that records nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoTrace;

impl Observer for NoTrace {
    const RECORDS: bool = false;
}

/// An owned copy of a [`TraceEvent`].
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// Hours from the start of the replication.
    pub time_h: f64,
    /// Squadron name.
    pub squadron: String,
    /// Index within the squadron.
    pub tail: usize,
    /// What happened.
    pub event: &'static str,
    /// Where.
    pub position: LatLon,
    /// Fuel on board, kg.
    pub fuel_kg: f64,
    /// The task involved, if any.
    pub task: Option<String>,
}

/// An observer that keeps owned copies of every event (for tests and small traces).
#[derive(Debug, Clone, Default)]
pub struct Recorder {
    /// Every event, in order.
    pub events: Vec<Recorded>,
}

impl Observer for Recorder {
    fn event(&mut self, e: &TraceEvent<'_>) {
        self.events.push(Recorded {
            time_h: e.time_h,
            squadron: e.squadron.to_string(),
            tail: e.tail,
            event: e.event,
            position: e.position,
            fuel_kg: e.fuel_kg,
            task: e.task.map(str::to_string),
        });
    }
}
