//! airpolicing
#![warn(missing_docs)]
pub mod analytic;
pub mod catalog;
pub mod dist;
pub mod geo;
pub mod scenario;
