//! tarikh-frame: polars tables of documents, mentions and events built from
//! `tarikh-core` results. It knows polars but not Python.
//!
//! The schemas are fixed and documented in the README ("Output tables"): an
//! empty input gives empty frames with the same columns and dtypes.
//!
//! - [`documents_frame`]: one row per input document, with its error if any.
//! - [`mentions_frame`]: one row per entity mention (triggers excluded).
//! - [`events_frame`]: one row per event.
//! - [`candidates_frame`]: the alternatives of uncertain mentions.
//! - [`gazetteer_frame`]: a gazetteer's entries as a table.
//! - [`tables`]: the first four at once, a document that breaks them
//!   reported on its own row instead of failing the batch.
#![deny(missing_docs)]

use std::panic::{catch_unwind, AssertUnwindSafe};

use polars::prelude::*;
use rayon::prelude::*;
use tarikh_core::events::acled_types_for_trigger;
use tarikh_core::segment::sentence_at;
use tarikh_core::{DocOutcome, Gazetteer, Kind};

/// The one error type of this crate.
#[derive(Debug)]
pub enum Error {
    /// polars refused to build a frame.
    Polars(PolarsError),
    /// The inputs disagree (for example different lengths).
    Invalid(String),
}

/// Result alias of this crate.
pub type Result<T> = std::result::Result<T, Error>;

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Polars(e) => write!(f, "polars: {e}"),
            Error::Invalid(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

impl From<PolarsError> for Error {
    fn from(e: PolarsError) -> Self {
        Error::Polars(e)
    }
}

/// One input document as the frames see it.
#[derive(Clone, Copy, Debug)]
pub struct DocRef<'a> {
    /// The document's identifier.
    pub doc_id: &'a str,
    /// Its text, when it has one.
    pub text: Option<&'a str>,
}

fn frame(cols: Vec<Column>) -> Result<DataFrame> {
    Ok(DataFrame::new_infer_height(cols)?)
}

fn date_column(name: &str, days: Vec<Option<i32>>) -> Result<Column> {
    Ok(Column::new(name.into(), days).cast(&DataType::Date)?)
}

fn check_lengths(docs: &[DocRef<'_>], outcomes: &[DocOutcome]) -> Result<()> {
    if docs.len() != outcomes.len() {
        return Err(Error::Invalid(format!(
            "{} documents but {} results",
            docs.len(),
            outcomes.len()
        )));
    }
    Ok(())
}

/// The tables of one batch of documents.
#[derive(Clone, Debug)]
pub struct Tables {
    /// See [`documents_frame`].
    pub documents: DataFrame,
    /// See [`mentions_frame`].
    pub mentions: DataFrame,
    /// See [`events_frame`].
    pub events: DataFrame,
    /// See [`candidates_frame`].
    pub candidates: DataFrame,
}

/// The four tables of one run of documents, built side by side on the
/// current rayon pool.
fn build_part(docs: &[DocRef<'_>], outcomes: &[DocOutcome], gaz: &Gazetteer) -> Result<Tables> {
    let ((documents, mentions), (events, candidates)) = rayon::join(
        || {
            rayon::join(
                || documents_frame(docs, outcomes, gaz),
                || mentions_frame(docs, outcomes, gaz),
            )
        },
        || {
            rayon::join(
                || events_frame(docs, outcomes, gaz),
                || candidates_frame(docs, outcomes, gaz),
            )
        },
    );
    Ok(Tables {
        documents: documents?,
        mentions: mentions?,
        events: events?,
        candidates: candidates?,
    })
}

/// Runs of consecutive documents of about equal text size, `parts` of them
/// at most (fewer when the batch is small), covering `docs` in order.
fn parts_of(docs: &[DocRef<'_>], parts: usize) -> Vec<std::ops::Range<usize>> {
    let size = |d: &DocRef<'_>| d.text.map_or(0, str::len) + 64;
    let total: usize = docs.iter().map(size).sum();
    // below this many bytes a part is not worth its own frames
    const MIN_PART: usize = 256 * 1024;
    let parts = parts.min(total / MIN_PART).max(1);
    let per = total.div_ceil(parts);
    let mut out = Vec::with_capacity(parts);
    let (mut from, mut acc) = (0, 0);
    for (i, d) in docs.iter().enumerate() {
        acc += size(d);
        if acc >= per {
            out.push(from..i + 1);
            from = i + 1;
            acc = 0;
        }
    }
    if from < docs.len() || out.is_empty() {
        out.push(from..docs.len());
    }
    out
}

/// The tables of a batch: with more than one rayon thread, built in runs of
/// documents in parallel and stacked in input order (the frames then hold
/// one chunk per run).
fn build_tables(docs: &[DocRef<'_>], outcomes: &[DocOutcome], gaz: &Gazetteer) -> Result<Tables> {
    let threads = rayon::current_num_threads();
    if threads == 1 {
        return build_part(docs, outcomes, gaz);
    }
    let parts = parts_of(docs, 4 * threads);
    if parts.len() == 1 {
        return build_part(docs, outcomes, gaz);
    }
    let built: Vec<Result<Tables>> = parts
        .into_par_iter()
        .map(|r| build_part(&docs[r.clone()], &outcomes[r], gaz))
        .collect();
    let mut built = built.into_iter();
    let mut all = built.next().expect("at least one part")?;
    for t in built {
        let t = t?;
        all.documents.vstack_mut_owned(t.documents)?;
        all.mentions.vstack_mut_owned(t.mentions)?;
        all.events.vstack_mut_owned(t.events)?;
        all.candidates.vstack_mut_owned(t.candidates)?;
    }
    Ok(all)
}

/// The `documents`, `mentions`, `events` and `candidates` tables of a batch.
///
/// Building them cannot fail on valid outcomes; should it panic on one
/// document's outcome (a bug, such as an offset off a char boundary), that
/// document keeps its `documents` row with the panic as its `error` and
/// gives no other rows, and the rest of the batch is unaffected.
pub fn tables(docs: &[DocRef<'_>], outcomes: &[DocOutcome], gaz: &Gazetteer) -> Result<Tables> {
    check_lengths(docs, outcomes)?;
    if let Ok(t) = catch_unwind(AssertUnwindSafe(|| build_tables(docs, outcomes, gaz))) {
        return t;
    }
    // Find the documents that break the tables, one at a time.
    let isolated: Vec<DocOutcome> = (0..docs.len())
        .map(|i| {
            let one = i..i + 1;
            match catch_unwind(AssertUnwindSafe(|| {
                build_tables(&docs[one.clone()], &outcomes[one.clone()], gaz)
            })) {
                Ok(_) => outcomes[i].clone(),
                Err(p) => Err(format!(
                    "internal error while building the tables: {}",
                    tarikh_core::error::panic_message(p.as_ref())
                )),
            }
        })
        .collect();
    build_tables(docs, &isolated, gaz)
}

/// The `documents` table, one row per input document in input order:
/// `doc_id` (str), `n_chars` (u64, code points), `n_mentions` (u32, entity
/// mentions), `n_events` (u32), `lang` (str: fr, en, other), `pub_date` (date),
/// `pub_date_precision` (str: day, month, year), `pub_date_source` (str:
/// input, text, none), `author` (str), `source_url` (str), `error` (str, null
/// when the document was processed).
pub fn documents_frame(
    docs: &[DocRef<'_>],
    outcomes: &[DocOutcome],
    gaz: &Gazetteer,
) -> Result<DataFrame> {
    check_lengths(docs, outcomes)?;
    let entries = gaz.entries();
    let n = docs.len();
    let mut n_chars = Vec::with_capacity(n);
    let mut n_mentions = Vec::with_capacity(n);
    let mut n_events = Vec::with_capacity(n);
    let mut lang = Vec::with_capacity(n);
    let mut pub_date = Vec::with_capacity(n);
    let mut precision = Vec::with_capacity(n);
    let mut source = Vec::with_capacity(n);
    let mut author = Vec::with_capacity(n);
    let mut url = Vec::with_capacity(n);
    let mut errors: Vec<Option<&str>> = Vec::with_capacity(n);
    for (d, r) in docs.iter().zip(outcomes) {
        n_chars.push(d.text.map(|t| t.chars().count() as u64));
        match r {
            Ok(o) => {
                let k = o
                    .mentions
                    .iter()
                    .filter(|m| entries[m.entry as usize].kind != Kind::Trigger)
                    .count()
                    + o.names.len();
                n_mentions.push(Some(k as u32));
                n_events.push(Some(o.events.len() as u32));
                lang.push(Some(o.lang.as_str()));
                pub_date.push(o.pub_date.map(|(d, _)| d.to_days_since_epoch()));
                precision.push(o.pub_date.map(|(_, p)| p.as_str()));
                source.push(Some(o.pub_date_source.as_str()));
                author.push(o.metadata.author.as_deref());
                url.push(o.metadata.source_url.as_deref());
                errors.push(None);
            }
            Err(e) => {
                n_mentions.push(None);
                n_events.push(None);
                lang.push(None);
                pub_date.push(None);
                precision.push(None);
                source.push(None);
                author.push(None);
                url.push(None);
                errors.push(Some(e.as_str()));
            }
        }
    }
    frame(vec![
        Column::new(
            "doc_id".into(),
            docs.iter().map(|d| d.doc_id).collect::<Vec<_>>(),
        ),
        Column::new("n_chars".into(), n_chars),
        Column::new("n_mentions".into(), n_mentions),
        Column::new("n_events".into(), n_events),
        Column::new("lang".into(), lang),
        date_column("pub_date", pub_date)?,
        Column::new("pub_date_precision".into(), precision),
        Column::new("pub_date_source".into(), source),
        Column::new("author".into(), author),
        Column::new("source_url".into(), url),
        Column::new("error".into(), errors),
    ])
}

/// The `mentions` table, one row per entity mention in document then offset
/// order: `doc_id`, `entity_id`, `name`, `kind`, `surface`, `start`, `end`
/// (i64 code point offsets: Python's `text[start:end] == surface`),
/// `start_byte`, `end_byte` (i64, UTF-8), `alias` (the gazetteer form that
/// matched), `is_demonym` (bool), `n_candidates` (u32, entries the surface can
/// mean), `confidence` (f32, 0-1), `sentence_id` (u32, index of the sentence in
/// the document), `in_boilerplate` (bool: menus, links, share buttons...),
/// `in_comments` (bool: reader comments), `country` (ISO3), `lat`, `lon` (f64).
///
/// Persons the text names but the gazetteer lacks (after a title, in the
/// byline: [`tarikh_core::names`]) are rows of kind `person` with a null
/// `entity_id`, `alias`, `country`, `lat` and `lon`, their words as `name`,
/// `n_candidates` 0 and the cue's confidence.
pub fn mentions_frame(
    docs: &[DocRef<'_>],
    outcomes: &[DocOutcome],
    gaz: &Gazetteer,
) -> Result<DataFrame> {
    check_lengths(docs, outcomes)?;
    let entries = gaz.entries();
    let n: usize = outcomes
        .iter()
        .map(|r| r.as_ref().map_or(0, |o| o.mentions.len() + o.names.len()))
        .sum();
    let mut doc_id = Vec::with_capacity(n);
    let mut entity_id: Vec<Option<&str>> = Vec::with_capacity(n);
    let mut name: Vec<std::borrow::Cow<'_, str>> = Vec::with_capacity(n);
    let mut kind = Vec::with_capacity(n);
    let mut surface = Vec::with_capacity(n);
    let (mut start, mut end) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut sb, mut eb) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut alias: Vec<Option<&str>> = Vec::with_capacity(n);
    let mut demonym = Vec::with_capacity(n);
    let mut n_cand = Vec::with_capacity(n);
    let mut confidence = Vec::with_capacity(n);
    let mut sentence_id: Vec<Option<u32>> = Vec::with_capacity(n);
    let (mut boiler, mut comments) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut country: Vec<Option<&str>> = Vec::with_capacity(n);
    let (mut lat, mut lon) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for (d, r) in docs.iter().zip(outcomes) {
        let (Ok(o), Some(text)) = (r, d.text) else {
            continue;
        };
        // gazetteer mentions and unlisted names, merged in text order
        let mut names = o.names.iter().peekable();
        let mentions = o
            .mentions
            .iter()
            .filter(|m| entries[m.entry as usize].kind != Kind::Trigger);
        for m in mentions.map(Some).chain(std::iter::once(None)) {
            let limit = m.map_or(usize::MAX, |m| m.start);
            let unlisted = std::iter::from_fn(|| names.next_if(|p| p.start < limit)).map(|p| {
                let words = &text[p.start..p.end];
                // the words as one line (a byline may hold other spaces)
                let joined = words.split_whitespace().collect::<Vec<_>>().join(" ");
                MentionRow {
                    bytes: (p.start, p.end),
                    chars: (p.char_start, p.char_end),
                    name: if joined == words {
                        words.into()
                    } else {
                        joined.into()
                    },
                    kind: Kind::Person,
                    alias: None,
                    is_demonym: false,
                    n_candidates: 0,
                    confidence: p.cue.confidence(),
                    entry: None,
                }
            });
            let listed = m.map(|m| {
                let e = &entries[m.entry as usize];
                let (form, _, is_dem) = e
                    .form(m.form as usize)
                    .expect("form index from the matcher");
                MentionRow {
                    bytes: (m.start, m.end),
                    chars: (m.char_start, m.char_end),
                    name: e.name.as_str().into(),
                    kind: e.kind,
                    alias: Some(form),
                    is_demonym: is_dem,
                    n_candidates: m.n_candidates,
                    confidence: m.confidence,
                    entry: Some(e),
                }
            });
            for row in unlisted.chain(listed) {
                let sid = sentence_at(&o.sentences, row.bytes.0);
                let sent = sid.map(|i| &o.sentences[i]);
                doc_id.push(d.doc_id);
                entity_id.push(row.entry.map(|e| e.id.as_str()));
                name.push(row.name);
                kind.push(row.kind.as_str());
                surface.push(&text[row.bytes.0..row.bytes.1]);
                start.push(row.chars.0 as i64);
                end.push(row.chars.1 as i64);
                sb.push(row.bytes.0 as i64);
                eb.push(row.bytes.1 as i64);
                alias.push(row.alias);
                demonym.push(row.is_demonym);
                n_cand.push(row.n_candidates);
                confidence.push(row.confidence);
                sentence_id.push(sid.map(|i| i as u32));
                boiler.push(sent.is_some_and(|s| s.boilerplate.is_some()));
                comments.push(sent.is_some_and(|s| s.in_comments));
                country.push(row.entry.and_then(|e| e.country.as_deref()));
                lat.push(row.entry.and_then(|e| e.lat));
                lon.push(row.entry.and_then(|e| e.lon));
            }
        }
    }
    frame(vec![
        Column::new("doc_id".into(), doc_id),
        Column::new("entity_id".into(), entity_id),
        Column::new(
            "name".into(),
            name.iter().map(|n| n.as_ref()).collect::<Vec<&str>>(),
        ),
        Column::new("kind".into(), kind),
        Column::new("surface".into(), surface),
        Column::new("start".into(), start),
        Column::new("end".into(), end),
        Column::new("start_byte".into(), sb),
        Column::new("end_byte".into(), eb),
        Column::new("alias".into(), alias),
        Column::new("is_demonym".into(), demonym),
        Column::new("n_candidates".into(), n_cand),
        Column::new("confidence".into(), confidence),
        Column::new("sentence_id".into(), sentence_id),
        Column::new("in_boilerplate".into(), boiler),
        Column::new("in_comments".into(), comments),
        Column::new("country".into(), country),
        Column::new("lat".into(), lat),
        Column::new("lon".into(), lon),
    ])
}

/// What one row of the mentions table takes from a gazetteer mention or an
/// unlisted person (`entry` is `None` for those: no country, no coordinates).
struct MentionRow<'a> {
    bytes: (usize, usize),
    chars: (usize, usize),
    name: std::borrow::Cow<'a, str>,
    kind: Kind,
    alias: Option<&'a str>,
    is_demonym: bool,
    n_candidates: u32,
    confidence: f32,
    entry: Option<&'a tarikh_core::Entry>,
}

/// The `candidates` table: for each mention the linker was not sure of
/// (confidence below 0.9), every entry it could mean, ranked: `doc_id`,
/// `start`, `end` (code point offsets of the mention, to join with
/// `mentions`), `surface`, `rank` (u32, 0 = the chosen entry), `entity_id`,
/// `name`, `kind`, `country`, `admin1`, `score` (f32, share of belief),
/// `lat`, `lon`.
pub fn candidates_frame(
    docs: &[DocRef<'_>],
    outcomes: &[DocOutcome],
    gaz: &Gazetteer,
) -> Result<DataFrame> {
    check_lengths(docs, outcomes)?;
    let es = gaz.entries();
    let n: usize = outcomes
        .iter()
        .map(|r| r.as_ref().map_or(0, |o| o.alternatives.len()))
        .sum();
    let mut doc_id = Vec::with_capacity(n);
    let (mut start, mut end, mut surface) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let (mut rank, mut score) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut entity_id, mut name, mut kind) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let (mut country, mut admin1): (Vec<Option<&str>>, Vec<Option<&str>>) =
        (Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut lat, mut lon) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for (d, r) in docs.iter().zip(outcomes) {
        let (Ok(o), Some(text)) = (r, d.text) else {
            continue;
        };
        for a in &o.alternatives {
            let m = &o.mentions[a.mention as usize];
            let e = &es[a.entry as usize];
            doc_id.push(d.doc_id);
            start.push(m.char_start as i64);
            end.push(m.char_end as i64);
            surface.push(&text[m.start..m.end]);
            rank.push(a.rank);
            score.push(a.score);
            entity_id.push(e.id.as_str());
            name.push(e.name.as_str());
            kind.push(e.kind.as_str());
            country.push(e.country.as_deref());
            admin1.push(e.admin1.as_deref());
            lat.push(e.lat);
            lon.push(e.lon);
        }
    }
    frame(vec![
        Column::new("doc_id".into(), doc_id),
        Column::new("start".into(), start),
        Column::new("end".into(), end),
        Column::new("surface".into(), surface),
        Column::new("rank".into(), rank),
        Column::new("entity_id".into(), entity_id),
        Column::new("name".into(), name),
        Column::new("kind".into(), kind),
        Column::new("country".into(), country),
        Column::new("admin1".into(), admin1),
        Column::new("score".into(), score),
        Column::new("lat".into(), lat),
        Column::new("lon".into(), lon),
    ])
}

/// The `dates` table of [`tarikh_core::find_dates_with`] over documents:
/// `doc_id`, `start`, `end` (i64 code point offsets), `text`, `date` (date;
/// first day of the month or year for coarser precisions, null when a
/// relative expression has no reference), `precision` (day, month, year),
/// `relative` (bool).
pub fn dates_frame(
    docs: &[DocRef<'_>],
    found: &[Vec<tarikh_core::DateMention>],
) -> Result<DataFrame> {
    if docs.len() != found.len() {
        return Err(Error::Invalid(format!(
            "{} documents but {} results",
            docs.len(),
            found.len()
        )));
    }
    let n: usize = found.iter().map(Vec::len).sum();
    let mut doc_id = Vec::with_capacity(n);
    let (mut start, mut end, mut text_col) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let (mut date, mut precision, mut relative) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for (d, ms) in docs.iter().zip(found) {
        let Some(text) = d.text else { continue };
        let (mut byte, mut chars) = (0usize, 0usize);
        for m in ms {
            // date mentions come sorted by start; count code points incrementally
            if m.start >= byte {
                chars += text[byte..m.start].chars().count();
            } else {
                chars = text[..m.start].chars().count();
            }
            byte = m.start;
            doc_id.push(d.doc_id);
            start.push(chars as i64);
            end.push((chars + text[m.start..m.end].chars().count()) as i64);
            text_col.push(&text[m.start..m.end]);
            date.push(m.date.map(|x| x.to_days_since_epoch()));
            precision.push(m.precision.as_str());
            relative.push(m.relative);
        }
    }
    frame(vec![
        Column::new("doc_id".into(), doc_id),
        Column::new("start".into(), start),
        Column::new("end".into(), end),
        Column::new("text".into(), text_col),
        date_column("date", date)?,
        Column::new("precision".into(), precision),
        Column::new("relative".into(), relative),
    ])
}

/// The columns of the `events` table with their dtypes (TAXONOMY.md fields and
/// the events issue's layout).
pub fn events_schema() -> Vec<(&'static str, DataType)> {
    use DataType::*;
    vec![
        ("event_id", String),
        ("doc_id", String),
        ("sentence_id", UInt32),
        ("event_type", String),
        ("acled_event_type", String),
        ("acled_sub_event_type", String),
        ("trigger", String),
        ("trigger_start", Int64),
        ("trigger_end", Int64),
        ("actor1", String),
        ("actor1_id", String),
        ("actor1_kind", String),
        ("actor2", String),
        ("actor2_id", String),
        ("actor2_kind", String),
        ("location", String),
        ("location_id", String),
        ("country", String),
        ("admin1", String),
        ("lat", Float64),
        ("lon", Float64),
        ("geo_precision", UInt32),
        ("date", Date),
        ("date_precision", String),
        ("date_text", String),
        ("quantity", Int64),
        ("quantity_approx", Boolean),
        ("modality", String),
        ("confidence", Float32),
        ("n_triggers", UInt32),
        ("sentence", String),
    ]
}

/// The `events` table, one row per event in document order, with the columns
/// of [`events_schema`]. Offsets (`trigger_start`, `trigger_end`) are code
/// point offsets into the document; names are canonical gazetteer names.
pub fn events_frame(
    docs: &[DocRef<'_>],
    outcomes: &[DocOutcome],
    gaz: &Gazetteer,
) -> Result<DataFrame> {
    check_lengths(docs, outcomes)?;
    let es = gaz.entries();
    let n: usize = outcomes
        .iter()
        .map(|r| r.as_ref().map_or(0, |o| o.events.len()))
        .sum();
    let mut event_id = Vec::with_capacity(n);
    let mut doc_id = Vec::with_capacity(n);
    let mut sentence_id = Vec::with_capacity(n);
    let mut event_type = Vec::with_capacity(n);
    let (mut acled_t, mut acled_s) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut trigger = Vec::with_capacity(n);
    let (mut t_start, mut t_end) = (Vec::with_capacity(n), Vec::with_capacity(n));
    // (name, id, kind) columns of actor1 and actor2
    type StrCol<'a> = Vec<Option<&'a str>>;
    let mut actors: [(StrCol, StrCol, StrCol); 2] = Default::default();
    let (mut location, mut location_id) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut country, mut admin1) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut lat, mut lon, mut geo) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let (mut date, mut date_precision, mut date_text) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let (mut quantity, mut quantity_approx) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut modality, mut confidence, mut sentence) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let mut n_triggers = Vec::with_capacity(n);
    for (d, r) in docs.iter().zip(outcomes) {
        let (Ok(o), Some(text)) = (r, d.text) else {
            continue;
        };
        for (k, ev) in o.events.iter().enumerate() {
            let entry = |i: Option<u32>| i.map(|i| &es[i as usize]);
            event_id.push(format!("{}:{}", d.doc_id, k));
            doc_id.push(d.doc_id);
            sentence_id.push(ev.sentence);
            event_type.push(ev.event_type);
            let a2 = entry(ev.actor2);
            let trig_id = es[ev.trigger_entry as usize].id.as_str();
            let (t, s) = acled_types_for_trigger(ev.event_type, a2.map(|e| e.kind), trig_id);
            acled_t.push((!t.is_empty()).then_some(t));
            acled_s.push((!s.is_empty()).then_some(s));
            trigger.push(&text[ev.trigger.0..ev.trigger.1]);
            let cs = text[..ev.trigger.0].chars().count() as i64;
            t_start.push(cs);
            t_end.push(cs + text[ev.trigger.0..ev.trigger.1].chars().count() as i64);
            for (slot, who) in actors.iter_mut().zip([ev.actor1, ev.actor2]) {
                let e = entry(who);
                slot.0.push(e.map(|e| e.name.as_str()));
                slot.1.push(e.map(|e| e.id.as_str()));
                slot.2.push(e.map(|e| e.kind.as_str()));
            }
            let loc = entry(ev.location);
            location.push(loc.map(|e| e.name.as_str()));
            location_id.push(loc.map(|e| e.id.as_str()));
            country.push(loc.and_then(|e| e.country.as_deref()));
            admin1.push(loc.and_then(|e| {
                if e.kind == Kind::Place {
                    e.admin1.as_deref()
                } else {
                    None
                }
            }));
            lat.push(loc.and_then(|e| e.lat));
            lon.push(loc.and_then(|e| e.lon));
            geo.push(ev.geo_precision.map(u32::from));
            date.push(ev.date.map(|d| d.to_days_since_epoch()));
            date_precision.push(ev.date_precision.map(|p| p.as_str()));
            date_text.push(ev.date_span.map(|(a, b)| &text[a..b]));
            quantity.push(ev.quantity.map(|q| q as i64));
            quantity_approx.push(ev.quantity.map(|_| ev.quantity_approx));
            modality.push(ev.modality.as_str());
            confidence.push(ev.confidence);
            n_triggers.push(ev.n_mentions);
            let sent = &o.sentences[ev.sentence as usize];
            sentence.push(&text[sent.start..sent.end]);
        }
    }
    let [(a1, a1_id, a1_kind), (a2, a2_id, a2_kind)] = actors;
    frame(vec![
        Column::new("event_id".into(), event_id),
        Column::new("doc_id".into(), doc_id),
        Column::new("sentence_id".into(), sentence_id),
        Column::new("event_type".into(), event_type),
        Column::new("acled_event_type".into(), acled_t),
        Column::new("acled_sub_event_type".into(), acled_s),
        Column::new("trigger".into(), trigger),
        Column::new("trigger_start".into(), t_start),
        Column::new("trigger_end".into(), t_end),
        Column::new("actor1".into(), a1),
        Column::new("actor1_id".into(), a1_id),
        Column::new("actor1_kind".into(), a1_kind),
        Column::new("actor2".into(), a2),
        Column::new("actor2_id".into(), a2_id),
        Column::new("actor2_kind".into(), a2_kind),
        Column::new("location".into(), location),
        Column::new("location_id".into(), location_id),
        Column::new("country".into(), country),
        Column::new("admin1".into(), admin1),
        Column::new("lat".into(), lat),
        Column::new("lon".into(), lon),
        Column::new("geo_precision".into(), geo),
        date_column("date", date)?,
        Column::new("date_precision".into(), date_precision),
        Column::new("date_text".into(), date_text),
        Column::new("quantity".into(), quantity),
        Column::new("quantity_approx".into(), quantity_approx),
        Column::new("modality".into(), modality),
        Column::new("confidence".into(), confidence),
        Column::new("n_triggers".into(), n_triggers),
        Column::new("sentence".into(), sentence),
    ])
}

fn alias_texts(e: &tarikh_core::Entry, pred: fn(&tarikh_core::Alias) -> bool) -> Vec<&str> {
    e.aliases
        .iter()
        .filter(|a| pred(a))
        .map(|a| a.text.as_str())
        .collect()
}

/// A gazetteer as a table: one row per entry, with the file schema's columns
/// (`aliases`, `acronyms`, `demonyms` and `tags` as lists of strings).
pub fn gazetteer_frame(gaz: &Gazetteer) -> Result<DataFrame> {
    let es = gaz.entries();
    let strs =
        |f: &dyn Fn(&tarikh_core::Entry) -> Option<&str>| es.iter().map(f).collect::<Vec<_>>();
    let list = |name: &str, f: &dyn Fn(&tarikh_core::Entry) -> Vec<&str>| -> Column {
        let series: Vec<Series> = es.iter().map(|e| Series::new("".into(), f(e))).collect();
        let mut ca: ListChunked = series.into_iter().map(Some).collect();
        ca.rename(name.into());
        let s = ca.into_series();
        let s = if es.is_empty() {
            Series::new_empty(name.into(), &DataType::List(Box::new(DataType::String)))
        } else {
            s
        };
        s.into_column()
    };
    frame(vec![
        Column::new("id".into(), strs(&|e| Some(e.id.as_str()))),
        Column::new("name".into(), strs(&|e| Some(e.name.as_str()))),
        Column::new("kind".into(), strs(&|e| Some(e.kind.as_str()))),
        list("aliases", &|e| {
            alias_texts(e, |a| !a.case_sensitive && !a.demonym)
        }),
        list("acronyms", &|e| alias_texts(e, |a| a.case_sensitive)),
        list("demonyms", &|e| {
            alias_texts(e, |a| a.demonym && !a.case_sensitive)
        }),
        Column::new("country".into(), strs(&|e| e.country.as_deref())),
        Column::new("lat".into(), es.iter().map(|e| e.lat).collect::<Vec<_>>()),
        Column::new("lon".into(), es.iter().map(|e| e.lon).collect::<Vec<_>>()),
        Column::new("admin1".into(), strs(&|e| e.admin1.as_deref())),
        Column::new("admin2".into(), strs(&|e| e.admin2.as_deref())),
        Column::new(
            "population".into(),
            es.iter().map(|e| e.population).collect::<Vec<_>>(),
        ),
        Column::new(
            "geonames_id".into(),
            es.iter().map(|e| e.geonames_id).collect::<Vec<_>>(),
        ),
        Column::new("feature_code".into(), strs(&|e| e.feature_code.as_deref())),
        Column::new("acled_name".into(), strs(&|e| e.acled_name.as_deref())),
        Column::new(
            "inter".into(),
            es.iter()
                .map(|e| e.inter.map(u32::from))
                .collect::<Vec<_>>(),
        ),
        Column::new("valid_from".into(), strs(&|e| e.valid_from.as_deref())),
        Column::new("valid_to".into(), strs(&|e| e.valid_to.as_deref())),
        Column::new("event_type".into(), strs(&|e| e.event_type.as_deref())),
        list("tags", &|e| e.tags.iter().map(String::as_str).collect()),
        Column::new("source".into(), strs(&|e| e.source.as_deref())),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use tarikh_core::{DocInput, Entry, Extractor, Matcher};

    fn extractor() -> Extractor {
        let mut g = Gazetteer::new();
        g.add(
            Entry::new("iso:SEN", "Sénégal", Kind::Country)
                .with_country("SEN")
                .with_coords(14.5, -14.4),
        )
        .unwrap();
        let mut t = Entry::new("t", "enlevés", Kind::Trigger);
        t.event_type = Some("abduction".into());
        g.add(t).unwrap();
        Extractor::new(Arc::new(Matcher::new(Arc::new(g)).unwrap()))
    }

    #[test]
    fn tables_from_results() {
        let ex = extractor();
        let docs = [
            DocRef {
                doc_id: "a",
                text: Some("Au SÉNÉGAL, deux enlevés."),
            },
            DocRef {
                doc_id: "b",
                text: None,
            },
        ];
        let inputs: Vec<_> = docs
            .iter()
            .map(|d| DocInput {
                text: d.text,
                pub_date: None,
            })
            .collect();
        let res = ex.process_batch(&inputs);
        let g = ex.gazetteer();
        let d = documents_frame(&docs, &res, g).unwrap();
        assert_eq!(d.height(), 2);
        assert_eq!(
            d.column("n_mentions").unwrap().u32().unwrap().get(0),
            Some(1)
        );
        assert_eq!(
            d.column("error").unwrap().str().unwrap().get(1),
            Some("text is null")
        );
        assert_eq!(d.column("pub_date").unwrap().dtype(), &DataType::Date);
        let ms = mentions_frame(&docs, &res, g).unwrap();
        assert_eq!(ms.height(), 1, "the trigger is not an entity mention");
        assert_eq!(
            ms.column("surface").unwrap().str().unwrap().get(0),
            Some("SÉNÉGAL")
        );
        assert_eq!(ms.column("start").unwrap().i64().unwrap().get(0), Some(3));
    }

    #[test]
    fn a_document_that_breaks_the_tables_keeps_its_row() {
        let ex = extractor();
        let text = "Au SÉNÉGAL, deux enlevés.";
        let docs: Vec<DocRef<'_>> = ["a", "b", "c"]
            .iter()
            .map(|id| DocRef {
                doc_id: id,
                text: Some(text),
            })
            .collect();
        let mut res = ex.process_batch(&[DocInput::new(text); 3]);
        // a mention ending inside the two-byte "É": slicing the text panics
        res[1].as_mut().unwrap().mentions[0].end = 5;
        let t = tables(&docs, &res, ex.gazetteer()).unwrap();
        let err = t.documents.column("error").unwrap().str().unwrap().clone();
        assert_eq!(err.get(0), None);
        assert!(err
            .get(1)
            .unwrap()
            .starts_with("internal error while building the tables: "));
        assert_eq!(err.get(2), None);
        let ids = |df: &DataFrame| -> Vec<String> {
            let c = df.column("doc_id").unwrap().str().unwrap().clone();
            c.iter().flatten().map(str::to_string).collect()
        };
        assert_eq!(ids(&t.mentions), ["a", "c"]);
        assert!(!ids(&t.events).contains(&"b".to_string()));
    }

    /// With several threads the tables are built in runs of documents and
    /// stacked: the same rows in the same order as one thread gives, errors
    /// and documents without text included.
    #[test]
    fn tables_built_in_parallel_equal_one_thread() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../python/tarikh/data/samples");
        let mut texts: Vec<String> = std::fs::read_dir(&dir)
            .expect("the bundled samples")
            .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
            .collect();
        texts.sort();
        let ex = Extractor::builtin().unwrap();
        let n = 400; // ~1.8 MB: several runs of at least 256 KB
        let ids: Vec<String> = (0..n).map(|i| format!("d{i}")).collect();
        let docs: Vec<DocRef<'_>> = (0..n)
            .map(|i| DocRef {
                doc_id: &ids[i],
                text: (i % 97 != 5).then(|| texts[i % texts.len()].as_str()),
            })
            .collect();
        let inputs: Vec<DocInput<'_>> = docs
            .iter()
            .map(|d| DocInput {
                text: d.text,
                pub_date: None,
            })
            .collect();
        let mut res = ex.process_batch(&inputs);
        res[77] = Err("unreadable".into());
        let build = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| tables(&docs, &res, ex.gazetteer()).unwrap())
        };
        let (one, four) = (build(1), build(4));
        assert!(parts_of(&docs, 16).len() > 4, "the batch is cut in runs");
        assert!(four.mentions.first_col_n_chunks() > 1, "stacked runs");
        assert!(one.mentions.height() > 10 * n);
        for (a, b) in [
            (&one.documents, &four.documents),
            (&one.mentions, &four.mentions),
            (&one.events, &four.events),
            (&one.candidates, &four.candidates),
        ] {
            assert!(a.equals_missing(b), "{a}\n{b}");
        }
        let err = four
            .documents
            .column("error")
            .unwrap()
            .str()
            .unwrap()
            .clone();
        assert_eq!(err.get(77), Some("unreadable"));
        assert_eq!(err.get(5), Some("text is null"));
    }

    #[test]
    fn empty_input_keeps_schemas() {
        let ex = extractor();
        let g = ex.gazetteer();
        let d = documents_frame(&[], &[], g).unwrap();
        let m = mentions_frame(&[], &[], g).unwrap();
        assert_eq!(d.height(), 0);
        assert_eq!(d.width(), 11);
        assert_eq!(m.width(), 19);
        assert_eq!(m.column("start").unwrap().dtype(), &DataType::Int64);
        assert_eq!(m.column("lat").unwrap().dtype(), &DataType::Float64);
        let e = events_frame(&[], &[], g).unwrap();
        assert_eq!(e.width(), events_schema().len());
        assert_eq!(e.column("date").unwrap().dtype(), &DataType::Date);
        let gz = gazetteer_frame(&Gazetteer::new()).unwrap();
        assert_eq!(
            gz.column("aliases").unwrap().dtype(),
            &DataType::List(Box::new(DataType::String))
        );
    }

    #[test]
    fn gazetteer_table() {
        let ex = extractor();
        let f = gazetteer_frame(ex.gazetteer()).unwrap();
        assert_eq!(f.height(), 2);
        assert_eq!(
            f.column("kind").unwrap().str().unwrap().get(1),
            Some("trigger")
        );
    }
}
