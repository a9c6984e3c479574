//! Property tests over arbitrary Unicode text: every mention maps back to an
//! original slice that normalises to the matched form, on char boundaries.

use std::sync::Arc;

use proptest::prelude::*;
use tarikh_core::normalize::{normalize, normalize_key, normalize_with, CaseMode};
use tarikh_core::{Entry, Gazetteer, Kind, MatchMode, Matcher};

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
        .mode(MatchMode::Overlapping)
        .build(Arc::new(g))
        .ok()
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
