//! airpolicing
#![warn(missing_docs)]
pub mod geo;
