//! Property tests over arbitrary Unicode text: every mention maps back to an
//! original slice that normalises to the matched form, on char boundaries;
//! the pipeline keeps every document, in order, with valid spans; gazetteers
//! survive a round trip and reject bad coordinates.

use std::sync::{Arc, OnceLock};

use proptest::prelude::*;
use tarikh_core::gazetteer::entry_to_json;
use tarikh_core::normalize::{normalize, normalize_key, normalize_with, CaseMode};
use tarikh_core::{
    find_dates_with, Date, DocInput, Engine, Entry, Extractor, Gazetteer, Kind, MatchMode, Matcher,
    Precision,
};

/// Pieces that stress normalisation: accents composed and decomposed,
/// ligatures, apostrophes, dashes, spaces of all sorts, marks, emoji, RTL.
const PIECES: &[&str] = &[
    "Mali",
    "MALI",
    "Sénégal",
    "Se\u{301}ne\u{301}gal",
    "SÉNÉGAL",
    "l’EI",
    "l'EI",
    "EI",
    "ei",
    "Gao",
    "Burkina",
    "Faso",
    "Burkina\u{a0}Faso",
    "cœur",
    "Œuvre",
    "ﬁn",
    "Straße",
    "İstanbul",
    " ",
    "  ",
    "\n",
    "\u{a0}",
    "\u{2009}",
    "-",
    "–",
    "—",
    "'",
    "’",
    "«",
    "»",
    ".",
    ",",
    "\u{301}",
    "\u{ad}",
    "\u{200f}",
    "\u{0}",
    "ⴰⵣⴰⵡⴰⴷ",
    "ߒߞߏ",
    "مالي",
    "😀",
    "Al-Qaïda",
    "Al Qaïda",
    "FAMa",
    "½",
    "Ǆ",
    "ǅ",
    "¨",
    "¯",
    "\u{fe70}",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => any::<String>(),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

fn alias_strategy() -> impl Strategy<Value = Vec<(String, bool)>> {
    prop::collection::vec(
        (
            prop_oneof![
                3 => prop::sample::select(PIECES).prop_map(str::to_string),
                1 => "[a-zA-Zéèœ]{1,6}( [a-zA-Z]{1,4})?".prop_map(|s| s),
            ],
            any::<bool>(),
        ),
        1..12,
    )
}

fn build(aliases: &[(String, bool)]) -> Option<Matcher> {
    build_with(aliases, MatchMode::Overlapping, Engine::default())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn offsets_map_back(text in text_strategy()) {
        let n = normalize(&text);
        let out = n.as_str();
        for (i, _) in out.char_indices().chain(std::iter::once((out.len(), ' '))) {
            if let Some(o) = n.orig_start(i) {
                prop_assert!(text.is_char_boundary(o));
            }
            if let Some(o) = n.orig_end(i) {
                prop_assert!(text.is_char_boundary(o));
            }
        }
    }

    #[test]
    fn normalising_twice_changes_nothing(text in text_strategy()) {
        for case in [CaseMode::Fold, CaseMode::Keep] {
            let once = normalize_with(&text, case);
            let twice = normalize_with(once.as_str(), case);
            prop_assert_eq!(twice.as_str(), once.as_str());
        }
    }

    #[test]
    fn mentions_normalise_to_their_alias(text in text_strategy(), aliases in alias_strategy()) {
        let Some(m) = build(&aliases) else { return Ok(()) };
        let chars: Vec<char> = text.chars().collect();
        for x in m.find(&text) {
            prop_assert!(text.is_char_boundary(x.start) && text.is_char_boundary(x.end));
            prop_assert!(x.start < x.end);
            let e = &m.gazetteer().entries()[x.entry as usize];
            let (form, cs, _) = e.form(x.form as usize).unwrap();
            let slice = &text[x.start..x.end];
            prop_assert_eq!(normalize_key(slice, CaseMode::Fold), normalize_key(form, CaseMode::Fold));
            if cs {
                prop_assert_eq!(normalize_key(slice, CaseMode::Keep), normalize_key(form, CaseMode::Keep));
            }
            let by_chars: String = chars[x.char_start..x.char_end].iter().collect();
            prop_assert_eq!(by_chars.as_str(), slice);
        }
    }

    #[test]
    fn leftmost_longest_is_non_overlapping_and_sorted(text in text_strategy(), aliases in alias_strategy()) {
        let mut g = Gazetteer::new();
        for (i, (a, _)) in aliases.iter().enumerate() {
            let _ = g.add(Entry::new(format!("e{i}"), a.clone(), Kind::Place));
        }
        let m = Matcher::new(Arc::new(g)).unwrap();
        let ms = m.find(&text);
        for w in ms.windows(2) {
            prop_assert!(w[0].end <= w[1].start);
        }
    }
}

/// Aliases of one to three pieces, so that some span several words and some
/// begin or end with punctuation (`Mali.`, `'EI`, `« Gao`).
fn multiword_alias_strategy() -> impl Strategy<Value = Vec<(String, bool)>> {
    prop::collection::vec(
        (
            prop::collection::vec(
                prop_oneof![
                    4 => prop::sample::select(PIECES).prop_map(str::to_string),
                    1 => "[a-zA-Zéè]{1,5}".prop_map(|s| s),
                ],
                1..4,
            )
            .prop_map(|v| v.concat()),
            any::<bool>(),
        ),
        1..16,
    )
}

fn build_with(aliases: &[(String, bool)], mode: MatchMode, engine: Engine) -> Option<Matcher> {
    let mut g = Gazetteer::new();
    for (i, (a, cs)) in aliases.iter().enumerate() {
        let e = Entry::new(format!("e{i}"), "zzzz", Kind::Place);
        let e = if *cs {
            e.with_acronym(a.clone())
        } else {
            e.with_alias(a.clone())
        };
        // aliases with no letter or digit are rejected by validation: skip them
        let _ = g.add(e);
    }
    Matcher::builder()
        .mode(mode)
        .engine(engine)
        .build(Arc::new(g))
        .ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, .. ProptestConfig::default() })]

    /// The word-table engine finds exactly what the Aho-Corasick automaton
    /// finds, in both modes.
    #[test]
    fn engines_agree(text in text_strategy(), aliases in multiword_alias_strategy()) {
        for mode in [MatchMode::LeftmostLongest, MatchMode::Overlapping] {
            let Some(words) = build_with(&aliases, mode, Engine::Words) else { return Ok(()) };
            let ac = build_with(&aliases, mode, Engine::AhoCorasick).unwrap();
            prop_assert_eq!(words.find(&text), ac.find(&text), "mode {:?}", mode);
        }
    }

    /// Matching a text in pieces cut after sentence ends gives what matching
    /// it whole gives.
    #[test]
    fn split_matching_equals_whole(
        text in prop::collection::vec(prop_oneof![
            3 => text_strategy(),
            1 => prop::sample::select(&[". ", "! ", "?\n", ".  ", ". Mali. ", "St. Louis"][..]).prop_map(str::to_string),
        ], 0..8).prop_map(|v| v.concat()),
        aliases in multiword_alias_strategy(),
        piece in 1usize..40,
    ) {
        let mut aliases = aliases;
        aliases.push(("St. Louis".to_string(), false));
        for with_stop in [false, true] {
            let a = if with_stop { &aliases[..] } else { &aliases[..aliases.len() - 1] };
            let Some(m) = build_with(a, MatchMode::LeftmostLongest, Engine::Words) else { return Ok(()) };
            prop_assert_eq!(m.find_split(&text, piece), m.find(&text));
        }
    }
}

/// The built-in pipeline, built once for all cases.
fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::builtin().expect("the built-in gazetteer compiles"))
}

fn span_ok(text: &str, (s, e): (usize, usize)) -> bool {
    s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
}

fn entry_strategy() -> impl Strategy<Value = Entry> {
    (
        "[a-z]{1,8}",
        prop::sample::select(PIECES).prop_filter("a name needs a letter", |p| {
            normalize_key(p, CaseMode::Fold)
                .chars()
                .any(char::is_alphanumeric)
        }),
        prop::collection::vec(prop::sample::select(PIECES), 0..4),
        prop::option::of((-90.0..=90.0f64, -180.0..=180.0f64)),
        prop::sample::select(&[Kind::Place, Kind::Country, Kind::ArmedGroup, Kind::Person][..]),
    )
        .prop_map(|(id, name, aliases, coords, kind)| {
            let mut e = Entry::new(id, name, kind);
            for a in aliases {
                e = e.with_alias(a);
            }
            if let Some((lat, lon)) = coords {
                e = e.with_coords(lat, lon);
            }
            e
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    #[test]
    fn batch_keeps_every_document_in_order_with_valid_spans(
        texts in prop::collection::vec(prop::option::of(text_strategy()), 0..6),
        days in prop::option::of(any::<i32>()),
    ) {
        let ex = extractor();
        let inputs: Vec<DocInput<'_>> = texts
            .iter()
            .map(|t| DocInput { text: t.as_deref(), pub_date: days.map(Date::from_days_since_epoch) })
            .collect();
        let out = ex.process_batch(&inputs);
        prop_assert_eq!(out.len(), texts.len());
        for (t, o) in texts.iter().zip(&out) {
            let Some(text) = t else {
                prop_assert_eq!(o.as_ref().unwrap_err(), "text is null");
                continue;
            };
            let o = o.as_ref().map_err(|e| TestCaseError::fail(format!("{e} on {text:?}")))?;
            for w in o.mentions.windows(2) {
                prop_assert!(w[0].start <= w[1].start, "mentions out of order");
            }
            for m in &o.mentions {
                prop_assert!(span_ok(text, (m.start, m.end)), "{:?} in {:?}", m, text);
                prop_assert_eq!(text[..m.start].chars().count(), m.char_start);
                prop_assert_eq!(text[..m.end].chars().count(), m.char_end);
            }
            for s in &o.sentences {
                prop_assert!(span_ok(text, (s.start, s.end)), "{:?} in {:?}", s, text);
            }
            let n_entries = ex.gazetteer().len() as u32;
            for e in &o.events {
                prop_assert!(span_ok(text, e.trigger), "{:?} in {:?}", e, text);
                let sent = &o.sentences[e.sentence as usize];
                prop_assert!(sent.start <= e.trigger.0 && e.trigger.1 <= sent.end);
                if let Some(d) = e.date_span {
                    prop_assert!(span_ok(text, d), "{:?} in {:?}", e, text);
                }
                for i in [e.actor1, e.actor2, e.location].into_iter().flatten() {
                    prop_assert!(i < n_entries);
                }
            }
            for a in &o.alternatives {
                prop_assert!((a.mention as usize) < o.mentions.len());
            }
        }
    }

    #[test]
    fn date_spans_are_valid_for_any_reference(
        text in text_strategy(),
        days in any::<i32>(),
        precision in prop::sample::select(&[Precision::Day, Precision::Month, Precision::Year][..]),
    ) {
        let mut last = 0;
        for d in find_dates_with(&text, Some((Date::from_days_since_epoch(days), precision))) {
            prop_assert!(span_ok(&text, (d.start, d.end)) && d.start >= last, "{:?}", d);
            last = d.end;
        }
    }

    #[test]
    fn gazetteers_survive_a_json_lines_round_trip(entries in prop::collection::vec(entry_strategy(), 0..12)) {
        let mut g = Gazetteer::new();
        for e in entries {
            // repeated ids are rejected, the first kept
            let _ = g.add(e);
        }
        let mut buf = Vec::new();
        g.write_jsonl(&mut buf).unwrap();
        let mut back = Gazetteer::new();
        back.load_jsonl(&buf[..], "<round trip>").unwrap();
        prop_assert_eq!(back.len(), g.len());
        for (a, b) in g.entries().iter().zip(back.entries()) {
            prop_assert_eq!(entry_to_json(a), entry_to_json(b));
        }
        prop_assert!(Matcher::new(Arc::new(back)).is_ok());
    }

    #[test]
    fn coordinates_out_of_range_or_not_finite_are_rejected(lat in any::<f64>(), lon in any::<f64>()) {
        let e = Entry::new("p", "Gao", Kind::Place).with_coords(lat, lon);
        let ok = lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0;
        prop_assert_eq!(e.validate().is_ok(), ok, "lat {} lon {}", lat, lon);
    }
}
