//! tarikh-core: the gazetteer, text normalisation and parallel matching at
//! the heart of tarikh. It knows neither Python nor polars.
//!
//! The main types:
//! - [`Gazetteer`] holds [`Entry`]s (places, countries, regions, armed groups,
//!   state forces, organisations, persons and event trigger words) with their
//!   aliases and attributes; it loads CSV/TSV and JSON Lines files
//!   ([`Gazetteer::from_path`]) and ships a built-in Sahel gazetteer
//!   ([`Gazetteer::builtin`]).
//! - [`normalize`](normalize::normalize) folds case, accents, apostrophes,
//!   dashes and white space while keeping a map back to original offsets.
//! - [`segment`], [`find_dates`], [`detect_language`], [`detect_metadata`]
//!   and [`find_quantities`] give the document structure, dates and counts
//!   that event extraction builds on (see `EVENTS_DESIGN.md`).
//! - [`Matcher`] compiles a gazetteer into a hash table of aliases probed at
//!   word starts (or one Aho-Corasick automaton, [`Engine`]) and finds
//!   whole-word [`Mention`]s in documents, in parallel with rayon
//!   ([`Matcher::find_batch`]), with exact byte and code point offsets.
//!
//! # Examples
//! ```
//! use std::sync::Arc;
//! use tarikh_core::{Entry, Gazetteer, Kind, Matcher};
//! let mut gaz = Gazetteer::new();
//! gaz.add(Entry::new("iso:SEN", "Sénégal", Kind::Country).with_alias("Senegal")).unwrap();
//! let matcher = Matcher::new(Arc::new(gaz)).unwrap();
//! let results = matcher.find_batch(&[Some("Le SÉNÉGAL et le Mali"), None]);
//! let first = results[0].as_ref().unwrap();
//! assert_eq!((first[0].char_start, first[0].char_end), (3, 10));
//! assert!(results[1].is_err());
//! ```
#![deny(missing_docs)]

mod chunks;
pub mod date;
pub mod dates;
pub mod error;
pub mod events;
pub mod extract;
pub mod gazetteer;
pub mod lang;
pub mod linking;
pub mod matcher;
pub mod metadata;
pub mod names;
pub mod normalize;
pub mod pool;
pub mod quantity;
pub mod segment;
mod tokens;
pub mod triggers;
mod words;

#[cfg(test)]
mod regress_tests;
#[cfg(test)]
mod test_support;

pub use date::{Date, Precision};
pub use dates::{find_dates, find_dates_with, DateMention};
pub use error::{Error, Result};
pub use events::{acled_types, acled_types_for_trigger, Event, Modality};
pub use extract::{DateSource, DocInput, DocOutcome, DocOutput, Extractor, Stage};
pub use gazetteer::{Alias, Entry, Format, Gazetteer, Kind};
pub use lang::{detect_language, Lang};
pub use linking::{link, link_with, Alternative, LinkOptions, Linked};
pub use matcher::{Candidate, DocResult, Engine, MatchMode, Matcher, MatcherBuilder, Mention};
pub use metadata::{detect_metadata, DocMetadata};
pub use quantity::{find_quantities, parse_quantity, Quantity, QuantityMention};
pub use segment::{segment, Boilerplate, Sentence};
pub use triggers::EVENT_TYPES;
