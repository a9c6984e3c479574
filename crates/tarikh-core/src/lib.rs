//! x
#![deny(missing_docs)]

pub mod date;
pub mod dates;
mod tokens;
