//! Closed-form planning: the first answer to "how many aircraft", before any simulation.
//!
//! [`formulas`] holds the closed-form anchors (docs/model.md, closed forms); [`estimate`] applies them to a whole scenario.

pub mod formulas;
mod planner;

pub use planner::{
    Estimate, QraEstimate, SensorCoverage, SquadronEstimate, StationEstimate, TrackEstimate,
    TypeTotal, estimate,
};
