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
//! - [`Matcher`] compiles a gazetteer into one Aho-Corasick automaton and finds
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

pub mod error;
pub mod gazetteer;
pub mod matcher;
pub mod normalize;
pub mod pool;

pub use error::{Error, Result};
pub use gazetteer::{Alias, Entry, Format, Gazetteer, Kind, EVENT_TYPES};
pub use matcher::{DocResult, MatchMode, Matcher, MatcherBuilder, Mention};
