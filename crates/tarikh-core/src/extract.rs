//! The document pipeline: metadata, segmentation, matching, linking and
//! events for one document, and for many in parallel.
//!
//! # Examples
//! ```
//! use tarikh_core::extract::{Extractor, DocInput};
//! let ex = Extractor::builtin().unwrap();
//! let out = ex.process(&DocInput::new("Les FAMa ont repris Kidal.")).unwrap();
//! assert!(out.mentions.iter().any(|m| ex.gazetteer().entries()[m.entry as usize].name == "Kidal"));
//! ```

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use rayon::prelude::*;

use crate::date::{Date, Precision};
use crate::error::Result;
use crate::events::{extract_events, Event};
use crate::gazetteer::{Gazetteer, Kind};
use crate::lang::{detect_language, Lang};
use crate::linking::{link_with, Alternative, LinkOptions};
use crate::matcher::{Matcher, Mention};
use crate::metadata::{detect_metadata_in, DocMetadata};
use crate::names::{unlisted_persons, PersonName};
use crate::segment::{segment, Sentence};

/// Where a document's publication date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateSource {
    /// Given with the input (a date column).
    Input,
    /// Detected in the text.
    Text,
    /// Unknown.
    None,
}

impl DateSource {
    /// The name used in tables: `input`, `text` or `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Input => "input",
            DateSource::Text => "text",
            DateSource::None => "none",
        }
    }
}

/// One document to process.
#[derive(Clone, Copy, Debug)]
pub struct DocInput<'a> {
    /// The text, or `None` when the input had none.
    pub text: Option<&'a str>,
    /// Publication date given with the input.
    pub pub_date: Option<Date>,
}

impl<'a> DocInput<'a> {
    /// A document with a text and no known date.
    pub fn new(text: &'a str) -> DocInput<'a> {
        DocInput {
            text: Some(text),
            pub_date: None,
        }
    }
}

/// Everything extracted from one document.
#[derive(Clone, Debug)]
pub struct DocOutput {
    /// Linked mentions of entities and triggers, sorted by start.
    pub mentions: Vec<Mention>,
    /// Persons named in the text whom the gazetteer lacks (next to a title,
    /// in the byline, and their repeats: [`crate::names`]), sorted by start;
    /// empty at [`Stage::Mentions`].
    pub names: Vec<PersonName>,
    /// Scored candidates of the uncertain mentions (confidence below
    /// [`Extractor::ALTERNATIVES_BELOW`]), for a `candidates` table.
    pub alternatives: Vec<Alternative>,
    /// Sentences with boilerplate and comment flags.
    pub sentences: Vec<Sentence>,
    /// Events, in document order.
    pub events: Vec<Event>,
    /// Detected metadata (date in the text, author, source).
    pub metadata: DocMetadata,
    /// Detected language.
    pub lang: Lang,
    /// The publication date used to resolve relative dates.
    pub pub_date: Option<(Date, Precision)>,
    /// Where `pub_date` came from.
    pub pub_date_source: DateSource,
}

/// The result for one document: its output, or why it could not be processed.
pub type DocOutcome = std::result::Result<DocOutput, String>;

/// What to extract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Stage {
    /// Mentions only (no linking context beyond the matcher, no events).
    Mentions,
    /// Mentions linked in context (ambiguous names resolved, common words
    /// gated, short names and acronyms linked, alternatives reported), no
    /// events.
    Linked,
    /// Mentions, linking and events.
    #[default]
    Events,
}

/// A matcher plus the rest of the pipeline; build once, share across threads.
#[derive(Clone, Debug)]
pub struct Extractor {
    matcher: Arc<Matcher>,
    stage: Stage,
}

impl Extractor {
    /// Mentions less certain than this get their alternatives reported.
    pub const ALTERNATIVES_BELOW: f32 = 0.9;

    /// Documents longer than this (in bytes) use the other threads of the
    /// pool too: they are matched in pieces ([`Matcher::find_split`]), their
    /// metadata, segmentation and matching run side by side, and linking and
    /// events do their per-mention and per-sentence work in parallel (see
    /// `DESIGN.md`, "Large documents"); the output is the same.
    pub const SPLIT_ABOVE: usize = 1 << 20;

    /// An extractor over an already built matcher.
    pub fn new(matcher: Arc<Matcher>) -> Extractor {
        Extractor {
            matcher,
            stage: Stage::Events,
        }
    }

    /// An extractor over the built-in gazetteer.
    pub fn builtin() -> Result<Extractor> {
        Ok(Extractor::new(Arc::new(
            Matcher::new(Gazetteer::builtin())?,
        )))
    }

    /// Choose how far the pipeline goes.
    pub fn with_stage(mut self, stage: Stage) -> Extractor {
        self.stage = stage;
        self
    }

    /// The gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        self.matcher.gazetteer()
    }

    /// The matcher.
    pub fn matcher(&self) -> &Arc<Matcher> {
        &self.matcher
    }

    /// Process one document.
    pub fn process(&self, doc: &DocInput<'_>) -> DocOutcome {
        let text = doc.text.ok_or_else(|| "text is null".to_string())?;
        catch_unwind(AssertUnwindSafe(|| self.process_text(text, doc.pub_date))).map_err(|p| {
            format!(
                "internal error: {}",
                crate::error::panic_message(p.as_ref())
            )
        })
    }

    fn process_text(&self, text: &str, input_date: Option<Date>) -> DocOutput {
        let gaz = self.matcher.gazetteer();
        let metadata_of = || {
            let lang = detect_language(text);
            (lang, detect_metadata_in(text, lang))
        };
        let ((lang, metadata), sentences, raw) = if text.len() > Self::SPLIT_ABOVE {
            // A very large document uses the other threads too: metadata,
            // segmentation and matching are independent, and the matching
            // is split in pieces.
            let ((meta, sentences), raw) = rayon::join(
                || rayon::join(metadata_of, || segment(text)),
                || self.matcher.find_split(text, Self::SPLIT_ABOVE / 4),
            );
            (meta, sentences, raw)
        } else {
            (metadata_of(), segment(text), self.matcher.find(text))
        };
        let (pub_date, pub_date_source) = match (input_date, metadata.pub_date) {
            (Some(d), _) => (Some((d, Precision::Day)), DateSource::Input),
            (None, Some(d)) => (Some(d), DateSource::Text),
            (None, None) => (None, DateSource::None),
        };
        let (mentions, alternatives, events, names) = match self.stage {
            Stage::Mentions => (raw, Vec::new(), Vec::new(), Vec::new()),
            Stage::Linked | Stage::Events => {
                let opts = LinkOptions {
                    ref_date: pub_date.map(|(d, _)| d),
                    alternatives_below: Self::ALTERNATIVES_BELOW,
                };
                let linked = link_with(text, &self.matcher, gaz, &sentences, raw, &opts);
                let names = || {
                    unlisted_persons(text, &linked.mentions, gaz.entries(), metadata.author_span)
                };
                let events = || {
                    if self.stage == Stage::Events {
                        extract_events(text, gaz, &sentences, &linked.mentions, pub_date)
                    } else {
                        Vec::new()
                    }
                };
                let (names, events) = if text.len() > Self::SPLIT_ABOVE {
                    rayon::join(names, events)
                } else {
                    (names(), events())
                };
                (linked.mentions, linked.alternatives, events, names)
            }
        };
        DocOutput {
            mentions,
            names,
            alternatives,
            sentences,
            events,
            metadata,
            lang,
            pub_date,
            pub_date_source,
        }
    }

    /// Process many documents in parallel; one outcome per input, in order.
    pub fn process_batch(&self, docs: &[DocInput<'_>]) -> Vec<DocOutcome> {
        docs.par_iter().map(|d| self.process(d)).collect()
    }

    /// Whether a mention is of an entity (not a trigger word).
    pub fn is_entity(&self, m: &Mention) -> bool {
        self.gazetteer().entries()[m.entry as usize].kind != Kind::Trigger
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Stage::Linked` gives exactly the linked mentions and alternatives of
    /// `Stage::Events`, without events; `Stage::Mentions` gives the matcher's
    /// raw matches, which linking then gates and trims.
    #[test]
    fn linked_stage_is_events_without_events() {
        let text = "BAMAKO, 3 mars 2024 - Des hommes armés du JNIM ont attaqué un poste \
                    de l'armée malienne à Boni, dans la région de Mopti. Mais le président \
                    Assimi Goïta a salué la riposte. Goïta était à Kidal la semaine dernière.";
        let ex = Extractor::builtin().unwrap();
        let run = |stage| {
            ex.clone()
                .with_stage(stage)
                .process(&DocInput::new(text))
                .unwrap()
        };
        let (raw, linked, events) = (run(Stage::Mentions), run(Stage::Linked), run(Stage::Events));
        assert!(!events.events.is_empty(), "the attack is an event");
        assert!(linked.events.is_empty() && raw.events.is_empty());
        assert_eq!(linked.mentions, events.mentions);
        assert_eq!(linked.alternatives, events.alternatives);
        let surfaces = |o: &DocOutput| -> Vec<String> {
            o.mentions
                .iter()
                .map(|m| m.surface(text).to_string())
                .collect()
        };
        // the short name is linked only by the linker; the head of
        // `région de Mopti` is trimmed only by the linker
        assert!(surfaces(&linked).contains(&"Goïta".to_string()));
        assert!(!surfaces(&raw).contains(&"Goïta".to_string()));
        assert!(surfaces(&linked).contains(&"Mopti".to_string()));
        assert_ne!(surfaces(&raw), surfaces(&linked));
    }
}
