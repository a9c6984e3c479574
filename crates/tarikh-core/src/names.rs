//! Persons named in a document but absent from the gazetteer.
//!
//! No gazetteer lists every officer, official, journalist or victim a news
//! article names, yet a researcher coding the article needs them: who led a
//! delegation, who signed the piece. Two cues are strong enough to name a
//! person without a gazetteer entry:
//!
//! * **a title just before two or more capitalised words**: `le
//!   Colonel-Major Oumarou Maïga`, `M. Moussa Mara`, `President Bola Tinubu`
//!   (the person cues the linker uses; `par` and `by` are left to bylines);
//! * **a title in apposition just after them**: `Abdoulaye Diop, ministre
//!   des Affaires étrangères`, `John Kirby, a spokesman for`, `X, l'ancien
//!   maire.` (the title must end the apposition: a complement or punctuation
//!   follows it, not a verb or another name, so `Selon Radio Kledu, le
//!   ministre a dit` names no one);
//! * **the byline** that [`detect_metadata`](crate::detect_metadata) found
//!   (`Par Lamine Fofana`, a name line next to the date).
//!
//! A name is two to five words: capitalised words (not a title, not a
//! function word such as `Le`), particles inside (`Ag`, `Ould`, `ben`), at
//! least one word in mixed case (an all-capitals headline names no one),
//! joined by single spaces, hyphens or apostrophes (`Jean-Marie`,
//! `N'Diaye`). It stops before any entity the linker found: a person who is
//! in the gazetteer is linked to its entry, not named twice. Every later
//! occurrence of a recognised name in the document is named too.
//!
//! # Examples
//!
//! ```
//! use tarikh_core::{names::{unlisted_persons, NameCue}, link, segment, Extractor};
//! let ex = Extractor::builtin().unwrap();
//! let text = "Le ministre a reçu le Colonel-Major Oumarou Maïga à Dakar. \
//!             Oumarou Maïga a salué l'accueil.\n\nPar Lamine Fofana";
//! let linked = link(text, ex.matcher(), ex.gazetteer(), &segment(text), ex.matcher().find(text));
//! let author = Some((text.len() - "Lamine Fofana".len(), text.len()));
//! let got: Vec<(&str, NameCue)> = unlisted_persons(text, &linked, ex.gazetteer().entries(), author)
//!     .iter()
//!     .map(|n| (&text[n.start..n.end], n.cue))
//!     .collect();
//! assert_eq!(
//!     got,
//!     [
//!         ("Oumarou Maïga", NameCue::Title),
//!         ("Oumarou Maïga", NameCue::Repeat),
//!         ("Lamine Fofana", NameCue::Byline),
//!     ]
//! );
//! ```

use aho_corasick::AhoCorasick;

use crate::gazetteer::{Entry, Kind};
use crate::linking::{word_class, CapitalisedWords, W_FREQUENT, W_PARTICLE, W_PERSON_CUE};
use crate::matcher::Mention;
use crate::tokens::fold_into;

/// What made a run of words a person's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NameCue {
    /// The document's byline (author).
    Byline,
    /// A title or honorific just before it (`le général`, `M.`).
    Title,
    /// The same words as a name recognised elsewhere in the document.
    Repeat,
}

impl NameCue {
    /// The cue as a lower-case word.
    pub fn as_str(self) -> &'static str {
        match self {
            NameCue::Byline => "byline",
            NameCue::Title => "title",
            NameCue::Repeat => "repeat",
        }
    }

    /// How sure a name of this cue is (the `confidence` of its mention).
    pub fn confidence(self) -> f32 {
        match self {
            NameCue::Byline => 0.9,
            NameCue::Title => 0.8,
            NameCue::Repeat => 0.7,
        }
    }
}

/// A person's name in the text that no gazetteer entry matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PersonName {
    /// Byte offset of the start in the original text.
    pub start: usize,
    /// Byte offset of the end (exclusive).
    pub end: usize,
    /// Code point offset of the start.
    pub char_start: usize,
    /// Code point offset of the end (exclusive).
    pub char_end: usize,
    /// What made it a name.
    pub cue: NameCue,
}

/// Person cues that do not introduce a name here: `par`/`by` precede
/// bodies as often as people (`attaqué par Radio France` is no one); bylines
/// come from the metadata instead. `porte` and `premier` come before a
/// second cue (`porte-parole`, `Premier ministre`).
const NOT_TITLES: &[&str] = &["by", "par", "porte", "premier"];

/// Cues written as abbreviations, which may end with a full stop (`M.`).
const ABBREVIATIONS: &[&str] = &["col", "dr", "gen", "m", "mme", "mr", "mrs", "ms"];

/// Persons named in `text` that the linked `mentions` do not cover, in text
/// order: after a title, in the byline (`author_span`, as
/// [`DocMetadata::author_span`](crate::DocMetadata::author_span) gives it),
/// and wherever one of those names occurs again.
pub fn unlisted_persons(
    text: &str,
    mentions: &[Mention],
    entries: &[Entry],
    author_span: Option<(usize, usize)>,
) -> Vec<PersonName> {
    // spans the gazetteer already covers (trigger words are not entities)
    let taken: Vec<(usize, usize)> = mentions
        .iter()
        .filter(|m| entries[m.entry as usize].kind != Kind::Trigger)
        .map(|m| (m.start, m.end))
        .collect();
    let overlaps = |s: usize, e: usize| overlaps_any(&taken, s, e);
    let mut found: Vec<(usize, usize, NameCue)> = Vec::new();
    let mut scratch = String::new();
    let mut lines = TitleCaseLines::default();
    let mut after = 0;
    for (s, e0) in CapitalisedWords::new(text, &INITIALS) {
        if s < after {
            continue;
        }
        let titled = after_title(text, s, &mut scratch);
        // without a title before, a name needs one after it (`Abdoulaye
        // Diop, ministre des Affaires étrangères`): only worth looking at
        // when a second capitalised word follows
        if !titled && !capital_follows(text, e0) {
            continue;
        }
        let Some(e) = name_from(text, s, &taken, &mut scratch) else {
            continue;
        };
        if overlaps(s, e) || !(titled || title_after(text, e, &mut scratch)) {
            continue;
        }
        // last, since it reads the whole line (a paragraph) the first time
        // it is asked about one
        if lines.title_case(text, s) {
            continue;
        }
        found.push((s, e, NameCue::Title));
        after = e;
    }
    if let Some((s, e)) = author_span {
        if e <= text.len() && !overlaps(s, e) && !found.iter().any(|&(fs, fe, _)| fs < e && s < fe)
        {
            found.push((s, e, NameCue::Byline));
        }
    }
    // later (or earlier) occurrences of the same words, in one pass over
    // the text whatever the number of names
    if !found.is_empty() {
        let mut names: Vec<&str> = found.iter().map(|&(s, e, _)| &text[s..e]).collect();
        names.sort_unstable();
        names.dedup();
        let ac = AhoCorasick::new(&names).expect("names are short patterns");
        let mut hits: Vec<(usize, usize)> = ac
            .find_overlapping_iter(text)
            .map(|m| (m.start(), m.end()))
            .filter(|&(s, e)| {
                !text[..s]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                    && !text[e..].chars().next().is_some_and(char::is_alphanumeric)
                    && !overlaps(s, e)
            })
            .collect();
        // leftmost, then longest, then no overlap with what is kept
        hits.sort_by_key(|&(s, e)| (s, std::cmp::Reverse(e)));
        found.sort_by_key(|&(s, _, _)| s);
        let named: Vec<(usize, usize)> = found.iter().map(|&(s, e, _)| (s, e)).collect();
        let mut end = 0;
        for (s, e) in hits {
            if s >= end && !overlaps_any(&named, s, e) {
                found.push((s, e, NameCue::Repeat));
                end = e;
            }
        }
    }
    found.sort_by_key(|&(s, _, _)| s);
    let mut out = Vec::with_capacity(found.len());
    let (mut at, mut chars) = (0usize, 0usize);
    for (s, e, cue) in found {
        chars += text[at..s].chars().count();
        let char_start = chars;
        chars += text[s..e].chars().count();
        at = e;
        out.push(PersonName {
            start: s,
            end: e,
            char_start,
            char_end: chars,
            cue,
        });
    }
    out
}

/// Whether `s..e` overlaps one of `spans` (sorted, not overlapping).
fn overlaps_any(spans: &[(usize, usize)], s: usize, e: usize) -> bool {
    let k = spans.partition_point(|&(_, se)| se <= s);
    spans.get(k).is_some_and(|&(ss, _)| ss < e)
}

/// The end of the run of letters and digits starting at byte `i`.
fn word_end(text: &str, i: usize) -> usize {
    i + text[i..]
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(text.len() - i, |(k, _)| k)
}

/// Names start with a capital folding to a Latin letter (`É` to `e`).
const INITIALS: [char; 26] = {
    let mut a = ['a'; 26];
    let mut i = 0;
    while i < 26 {
        a[i] = (b'a' + i as u8) as char;
        i += 1;
    }
    a
};

/// The longest title (`ambassadeur`, `lieutenant`) in bytes, with accents.
const LONGEST_TITLE: usize = 12;

/// Whether the word before byte `s` (across white space, or `. ` after an
/// abbreviation) is a title; `scratch` receives its folded form.
fn after_title(text: &str, s: usize, scratch: &mut String) -> bool {
    let before = &text[..s];
    let trimmed = before.trim_end_matches(is_inline_space);
    if trimmed.len() == before.len() {
        return false;
    }
    let (trimmed, dot) = match trimmed.strip_suffix('.') {
        Some(t) => (t, true),
        None => (trimmed, false),
    };
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map_or(trimmed.len(), |(i, _)| i);
    let word = &trimmed[start..];
    if word.is_empty() || word.len() > LONGEST_TITLE {
        return false;
    }
    scratch.clear();
    fold_into(word, scratch);
    let word = scratch.as_str();
    if NOT_TITLES.contains(&word) || (dot && !ABBREVIATIONS.contains(&word)) {
        return false;
    }
    word_class(word) & W_PERSON_CUE != 0
}

/// Whether one inline space and a capital follow byte `e`.
fn capital_follows(text: &str, e: usize) -> bool {
    let mut cs = text[e..].chars();
    cs.next().is_some_and(is_inline_space) && cs.next().is_some_and(char::is_uppercase)
}

/// Titles that never follow a name in apposition (`X, M.` is not a thing).
const HONORIFICS: &[&str] = &[
    "by", "col", "dr", "gen", "m", "madame", "mme", "monsieur", "mr", "mrs", "ms", "par",
];

/// Words between the comma and the title of an apposition: an article,
/// then at most one of `ancien`, `nouveau`... (`X, l'ancien ministre`).
const APPOSITION_ARTICLES: &[&str] = &["a", "an", "l", "la", "le", "the"];
const APPOSITION_ADJECTIVES: &[&str] = &[
    "actuel", "actuelle", "ancien", "ancienne", "current", "ex", "former", "new", "nouveau",
    "nouvelle",
];

/// Whether a title in apposition follows the name ending at byte `e`:
/// `, ministre`, `, le porte-parole`, `, l'ancien président`, `, a spokesman`.
fn title_after(text: &str, e: usize, scratch: &mut String) -> bool {
    if !text[e..].starts_with(',') {
        return false;
    }
    let mut pos = e + 1;
    let mut stage = 0; // 0: article allowed, 1: adjective allowed, 2: title
    for _ in 0..3 {
        let r = &text[pos..];
        let lead = r.len() - r.trim_start_matches(is_inline_space).len();
        let w0 = pos + lead;
        let w1 = word_end(text, w0);
        if w1 == w0
            || w1 - w0 > LONGEST_TITLE
            || (pos > e + 1 && lead == 0 && !text[..w0].ends_with(['\'', '’', '-']))
        {
            return false;
        }
        scratch.clear();
        fold_into(&text[w0..w1], scratch);
        let w = scratch.as_str();
        if stage == 0 && APPOSITION_ARTICLES.contains(&w) {
            stage = 1;
        } else if stage <= 1 && APPOSITION_ADJECTIVES.contains(&w) {
            stage = 2;
        } else {
            return !HONORIFICS.contains(&w)
                && word_class(w) & W_PERSON_CUE != 0
                && apposition_ends(text, w1);
        }
        pos = w1;
        // `l'ancien`, `ex-ministre`: the next word may follow without a space
        if let Some(c) = text[pos..]
            .chars()
            .next()
            .filter(|c| matches!(c, '\'' | '’' | '-'))
        {
            pos += c.len_utf8();
        }
    }
    false
}

/// Whether the title ending at byte `e` (after its hyphenated parts:
/// `porte-parole`) ends an apposition: punctuation or a complement follows
/// (`, ministre des Mines,`, `, l'ancien maire.`). A title followed by a
/// verb or a name is the subject of what follows (`Selon Radio Kledu, le
/// ministre a dit`, `..., le président Tinubu`), not about the name before.
fn apposition_ends(text: &str, mut e: usize) -> bool {
    while text[e..].starts_with('-') && word_end(text, e + 1) > e + 1 {
        e = word_end(text, e + 1);
    }
    let w0 = e + (text[e..].len() - text[e..].trim_start_matches(is_inline_space).len());
    let r = &text[w0..];
    if r.is_empty() || r.starts_with([',', '.', ';', ':', ')', '\n']) {
        return true;
    }
    matches!(
        &text[w0..word_end(text, w0)],
        "de" | "des"
            | "du"
            | "d"
            | "à"
            | "au"
            | "aux"
            | "of"
            | "for"
            | "chargé"
            | "chargée"
            | "délégué"
            | "déléguée"
            | "adjoint"
            | "adjointe"
            | "général"
            | "in"
            | "at"
    )
}

/// Which lines are headlines in title case (`President Tinubu Meets Niger
/// Delegation`), where capitals say nothing: four words or more, seven in
/// ten capitalised. The verdict is kept for the line last asked about:
/// names are looked for in text order, so each line is read once (a long
/// one-line document stays linear).
#[derive(Default)]
struct TitleCaseLines {
    /// The line last asked about, as a byte range, and its verdict.
    line: std::ops::Range<usize>,
    title_case: bool,
}

impl TitleCaseLines {
    fn title_case(&mut self, text: &str, s: usize) -> bool {
        if !self.line.contains(&s) {
            let a = memchr::memrchr(b'\n', &text.as_bytes()[..s]).map_or(0, |k| k + 1);
            let b = memchr::memchr(b'\n', &text.as_bytes()[s..]).map_or(text.len(), |k| s + k);
            let (mut n, mut caps) = (0, 0);
            for w in text[a..b].split_whitespace() {
                n += 1;
                caps += usize::from(w.starts_with(char::is_uppercase));
            }
            self.line = a..b;
            self.title_case = n >= 4 && caps * 10 >= n * 7;
        }
        self.title_case
    }
}

/// Spaces inside a line: the space, no-break spaces, tabs.
fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// The end of the name starting at byte `s`, if the words from there make
/// one (see the module's documentation).
fn name_from(
    text: &str,
    s: usize,
    taken: &[(usize, usize)],
    scratch: &mut String,
) -> Option<usize> {
    let mut words: Vec<(usize, usize, bool)> = Vec::new(); // start, end, is a particle
    let mut i = s;
    loop {
        let e = word_end(text, i);
        if e == i {
            break;
        }
        let w = &text[i..e];
        scratch.clear();
        fold_into(w, scratch);
        let f = scratch.as_str();
        let class = word_class(f);
        let in_entity = overlaps_any(taken, i, e);
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        let particle = class & W_PARTICLE != 0 && f != "de";
        if in_entity || (!particle && (!capital || class & (W_PERSON_CUE | W_FREQUENT) != 0)) {
            break;
        }
        words.push((i, e, particle));
        if words.len() == 5 {
            break;
        }
        // the next word: after one space, or joined by a hyphen or an
        // apostrophe (`Jean-Marie`, `N'Diaye`)
        let next = match text[e..].chars().next() {
            Some(c) if is_inline_space(c) || matches!(c, '-' | '\'' | '’') => c.len_utf8(),
            _ => break,
        };
        if !text[e + next..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
        {
            break;
        }
        i = e + next;
    }
    // a particle ends no name, but a capitalised one last is a surname
    // (`Ousmane Ba`)
    while words
        .last()
        .is_some_and(|&(a, _, p)| p && !text[a..].starts_with(char::is_uppercase))
    {
        words.pop();
    }
    if let Some(last) = words.last_mut() {
        last.2 = false;
    }
    let names = words.iter().filter(|w| !w.2).count();
    let mixed = words
        .iter()
        .any(|&(a, b, _)| text[a..b].chars().skip(1).any(char::is_lowercase));
    let first_capital = words
        .first()
        .is_some_and(|&(a, _, _)| text[a..].starts_with(char::is_uppercase));
    (names >= 2 && mixed && first_capital).then(|| words[words.len() - 1].1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{link, segment, Extractor};
    use std::sync::OnceLock;

    fn extractor() -> &'static Extractor {
        static EX: OnceLock<Extractor> = OnceLock::new();
        EX.get_or_init(|| Extractor::builtin().unwrap())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// On text made of titles, names, particles, function words,
        /// punctuation and odd spaces: names are on char boundaries, in
        /// order, apart, clear of the linked entities, with exact code
        /// point offsets, and never cross a line.
        #[test]
        fn names_are_well_formed(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "le général ", "M. ", "Mme ", "President ", ", ministre des Mines", ", l'ancien maire",
                ", le ministre a dit", "Moussa ", "Ag ", "Ba", "Oumarou ", "Maïga", "Kidal ", "JNIM ",
                "Le ", "Des ", "de ", ", ", ". ", "\n", "\u{a0}", "-", "’", "ÉTAT ", "Par ",
                "Jean-Marie ", "N'Diaye ", "a dit ", "Bamako", "Goïta ",
            ]), 0..24),
        ) {
            let text: String = parts.concat();
            let ex = extractor();
            let linked = link(&text, ex.matcher(), ex.gazetteer(), &segment(&text), ex.matcher().find(&text));
            let author = crate::detect_metadata(&text).author_span;
            let got = unlisted_persons(&text, &linked, ex.gazetteer().entries(), author);
            let mut last_end = 0;
            for n in &got {
                proptest::prop_assert!(n.start >= last_end && n.start < n.end && n.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(n.start) && text.is_char_boundary(n.end));
                proptest::prop_assert_eq!(text[..n.start].chars().count(), n.char_start);
                proptest::prop_assert_eq!(text[..n.end].chars().count(), n.char_end);
                proptest::prop_assert!(!text[n.start..n.end].contains('\n'));
                proptest::prop_assert!(text[n.start..].starts_with(char::is_uppercase));
                for m in linked.iter().filter(|m| ex.gazetteer().entries()[m.entry as usize].kind != Kind::Trigger) {
                    proptest::prop_assert!(m.end <= n.start || n.end <= m.start, "{:?} overlaps {:?}", n, m);
                }
                last_end = n.end;
            }
        }
    }

    fn names(text: &str) -> Vec<(String, NameCue)> {
        let ex = extractor();
        let linked = link(
            text,
            ex.matcher(),
            ex.gazetteer(),
            &segment(text),
            ex.matcher().find(text),
        );
        let meta = crate::detect_metadata(text);
        let got = unlisted_persons(text, &linked, ex.gazetteer().entries(), meta.author_span);
        for n in &got {
            assert_eq!(text[..n.start].chars().count(), n.char_start);
            assert_eq!(text[..n.end].chars().count(), n.char_end);
        }
        got.iter()
            .map(|n| (text[n.start..n.end].to_string(), n.cue))
            .collect()
    }

    #[test]
    fn titles_name_persons_the_gazetteer_lacks() {
        use NameCue::*;
        let cases: &[(&str, &[(&str, NameCue)])] = &[
            (
                "Une délégation dirigée par le Colonel-Major Oumarou Maïga est arrivée.",
                &[("Oumarou Maïga", Title)],
            ),
            (
                "M. Moussa Ag Assarid a parlé. Moussa Ag Assarid est reparti.",
                &[("Moussa Ag Assarid", Title), ("Moussa Ag Assarid", Repeat)],
            ),
            (
                "The spokesman Jean-Marie N'Diaye said so.",
                &[("Jean-Marie N'Diaye", Title)],
            ),
            (
                "le général\u{a0}Abdoulaye Coulibaly, chef d'état-major",
                &[("Abdoulaye Coulibaly", Title)],
            ),
            // a person in the gazetteer is linked, not named again
            ("le président Assimi Goïta a reçu", &[]),
            // one word is not enough; function words and lower case stop
            ("le colonel Diarra a dit", &[]),
            ("le président de la Transition", &[]),
            ("Le ministre Des Affaires", &[]),
            // an all-capitals headline names no one
            ("LE PRÉSIDENT REÇOIT DÉLÉGATION", &[]),
            // `par` before a body is not a byline
            ("attaqué par Radio France Internationale", &[]),
            // a headline in title case names no one
            ("President Tinubu Meets Niger Delegation\nText.", &[]),
            (
                "Major General Kenneth Ekman visited the base.",
                &[("Kenneth Ekman", Title)],
            ),
            (
                "Selon l'imam Mahmoud Dickoo, la situation est calme, a dit Mme Aminata Touré-Sy.",
                &[("Mahmoud Dickoo", Title), ("Aminata Touré-Sy", Title)],
            ),
            // a title in apposition after the name
            (
                "Modibo Kanouté, ministre des Mines, a signé. Selon Adama Sangaré, l'ancien maire, oui.",
                &[("Modibo Kanouté", Title), ("Adama Sangaré", Title)],
            ),
            ("a dit Fatou Keïta, porte-parole du parti, puis Awa Coulibaly, ex-ministre.", &[
                ("Fatou Keïta", Title),
                ("Awa Coulibaly", Title),
            ]),
            // ... but not before a title that introduces someone else
            ("Selon Jeune Afrique, le président Moussa Kanté a dit non.", &[("Moussa Kanté", Title)]),
            ("Selon Radio Kledu, le ministre a dit non.", &[]),
            // a line break ends a name
            ("le général Amadou\nTouré", &[]),
            // `de` is no particle here (`le maire X de Bamako`)
            (
                "le maire Ibrahim Touré de Bamako",
                &[("Ibrahim Touré", Title)],
            ),
            // an entity the linker found ends it
            ("le lieutenant Ousmane Ba FAMa", &[("Ousmane Ba", Title)]),
            ("Texte.\n\nPar Lamine Fofana", &[("Lamine Fofana", Byline)]),
        ];
        for (text, want) in cases {
            let want: Vec<(String, NameCue)> =
                want.iter().map(|&(n, c)| (n.to_string(), c)).collect();
            assert_eq!(names(text), want, "{text:?}");
        }
    }
}
