//! x

pub mod date;
pub mod dates;
pub mod lang;
pub mod metadata;
pub mod quantity;
pub mod segment;
mod tokens;
pub mod triggers;

pub use date::{Date, Precision};
pub use dates::{find_dates, find_dates_with, DateMention};
pub use lang::{detect_language, Lang};
pub use metadata::{detect_metadata, DocMetadata};
pub use quantity::{find_quantities, parse_quantity, Quantity, QuantityMention};
pub use segment::{segment, Boilerplate, Sentence};
