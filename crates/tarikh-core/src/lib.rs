//! x
#![deny(missing_docs)]

pub mod date;
pub mod dates;
pub mod lang;
pub mod quantity;
pub mod segment;
pub mod triggers;
mod tokens;
