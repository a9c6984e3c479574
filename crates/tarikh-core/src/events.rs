//! Event extraction: from trigger words in body sentences to events with
//! actors, place, date and quantity.

use crate::date::{Date, Precision};
use crate::gazetteer::Gazetteer;
use crate::matcher::Mention;
use crate::segment::Sentence;

/// Whether the text asserts the event happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Modality {
    /// Reported as fact.
    #[default]
    Asserted,
    /// Denied (`a démenti`, `denied`).
    Negated,
    /// Reported with hedging (`aurait`, `selon des sources non confirmées`).
    Uncertain,
    /// Planned, threatened or hypothetical (`menace de`, `pourrait`).
    Planned,
}

impl Modality {
    /// The name used in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Uncertain => "uncertain",
            Modality::Planned => "planned",
        }
    }
}

/// One event reported by a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// TAXONOMY event type.
    pub event_type: &'static str,
    /// Index of the evidence sentence in the document's sentences.
    pub sentence: u32,
    /// Byte span of the (first) trigger in the original text.
    pub trigger: (usize, usize),
    /// Gazetteer index of the acting party.
    pub actor1: Option<u32>,
    /// Gazetteer index of the party acted upon or the other party.
    pub actor2: Option<u32>,
    /// Gazetteer index of the most specific place (or country).
    pub location: Option<u32>,
    /// 1 place, 2 admin area, 3 country.
    pub geo_precision: Option<u8>,
    /// The event's date, at `date_precision`.
    pub date: Option<Date>,
    /// Precision of `date`.
    pub date_precision: Option<Precision>,
    /// Byte span of the date expression used, if any.
    pub date_span: Option<(usize, usize)>,
    /// Number of people concerned.
    pub quantity: Option<u64>,
    /// Whether `quantity` is approximate (`une vingtaine`).
    pub quantity_approx: bool,
    /// Asserted, negated, uncertain or planned.
    pub modality: Modality,
    /// How sure the extraction is, 0 to 1.
    pub confidence: f32,
}

/// Extract the events of one document from its linked mentions (entities and
/// triggers, sorted by start) and sentences, resolving relative dates against
/// `reference` (the publication date).
///
/// Currently returns no events.
pub fn extract_events(
    _text: &str,
    _gazetteer: &Gazetteer,
    _sentences: &[Sentence],
    _mentions: &[Mention],
    _reference: Option<(Date, Precision)>,
) -> Vec<Event> {
    Vec::new()
}
