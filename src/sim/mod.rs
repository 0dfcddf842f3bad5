//! The discrete-event simulation of one replication.
//!
//! [`Model::new`] precomputes a validated scenario once (distances, samplers, sensor coverage of
//! the front); [`simulate`] runs one replication of it and returns its metrics. Time is `f64`
//! hours from the start of the replication; the event ordering rule is in [`calendar`]; the random
//! streams are in [`streams`].

pub mod calendar;
mod engine;
pub mod metrics;
mod model;
pub mod streams;
pub mod trace;

pub use engine::{simulate, simulate_observed};
pub use metrics::{MetricNames, RepMetrics};
pub use model::Model;
