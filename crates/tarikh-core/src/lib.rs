//! x
#![deny(missing_docs)]

pub mod date;
pub mod dates;
pub mod lang;
pub mod metadata;
pub mod quantity;
pub mod segment;
mod tokens;
pub mod triggers;
