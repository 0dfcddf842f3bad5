//! airpolicing
#![warn(missing_docs)]
pub mod catalog;
pub mod dist;
pub mod geo;
pub mod scenario;
