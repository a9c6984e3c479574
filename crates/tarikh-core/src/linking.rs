//! Entity linking: choosing among the candidates of ambiguous aliases from the
//! document's context, linking short names and acronyms defined in the text to
//! entries named in full, and dropping common-word matches that the context
//! does not support.
//!
//! The linker runs after the matcher on one document at a time. The rules,
//! with a worked example, are in `LINKING.md`; in short:
//!
//! 1. **Heads** — a match of `région de Kayes` or `République du Mali` keeps
//!    its entry but its span shrinks to the name (`Kayes`, `Mali`); the head
//!    is remembered as a cue for the admin level.
//! 2. **Gating** — place candidates need support: lower-case matches are
//!    dropped (unless cued and not a word); common words (`Mais`, `Par`,
//!    `La`) are dropped at the start of a sentence or in an ALL-CAPS line;
//!    a capitalised place glued to another unknown capitalised word
//!    (`Zouman Sanogo`) or after a title (`le colonel`) is a person's name.
//!    Countries, regions, actors and persons are rarely wrong and pass.
//! 3. **Choice** — the surviving candidates are scored from the document:
//!    countries and admin-1 regions it mentions, distance to places already
//!    resolved, admin level and population, canonical-name and exact-accent
//!    matches, kind cues (`à`, `près de` / `le général`, `M.`) and validity
//!    at the reference date. `confidence` is the softmax share of the winner.
//! 4. **Short names** — surnames (`Goïta`, `Ag Ghali`) of persons named in
//!    full in the document are linked wherever they occur capitalised.
//! 5. **Acronyms** — `Full Name (ACR)` or `ACR (Full Name)` defines `ACR`
//!    for the document; every whole-word occurrence links to that entry.
//!
//! # Examples
//! ```
//! use tarikh_core::{linking::link, segment, Extractor};
//! let ex = Extractor::builtin().unwrap();
//! let text = "L'Agence nationale de la sécurité d'État (ANSE) a arrêté deux suspects \
//!             à Gao. Mais le président Assimi Goïta a salué l'ANSE. Goïta est à Kidal.";
//! let raw = ex.matcher().find(text);
//! let linked = link(text, ex.matcher(), ex.gazetteer(), &segment(text), raw);
//! let got: Vec<(&str, &str)> = linked
//!     .iter()
//!     .map(|m| (m.surface(text), ex.gazetteer().entries()[m.entry as usize].kind.as_str()))
//!     .filter(|(_, k)| *k != "trigger")
//!     .collect();
//! assert_eq!(
//!     got,
//!     [
//!         ("Agence nationale de la sécurité d'État", "state_force"),
//!         ("ANSE", "state_force"),
//!         ("Gao", "place"),
//!         ("Assimi Goïta", "person"),
//!         ("ANSE", "state_force"),
//!         ("Goïta", "person"),
//!         ("Kidal", "place"),
//!     ]
//! );
//! ```

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::LazyLock;

use crate::date::Date;
use crate::gazetteer::{Entry, Gazetteer, Kind};
use crate::matcher::{kind_bit, Matcher, Mention};
use crate::normalize::{normalize_key, CaseMode};
use crate::segment::{sentence_at, Sentence};
use crate::tokens::{fold, fold_into, fold_non_ascii_into};

/// Settings of [`link_with`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LinkOptions {
    /// The document's reference (publication) date: persons and bodies whose
    /// `valid_from`/`valid_to` include it are preferred.
    pub ref_date: Option<Date>,
    /// Report alternatives (see [`Linked::alternatives`]) for mentions whose
    /// confidence is below this value (default 0: none).
    pub alternatives_below: f32,
}

/// Another entry an uncertain mention could mean.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Alternative {
    /// Index of the mention in [`Linked::mentions`].
    pub mention: u32,
    /// Index of the entry in the gazetteer.
    pub entry: u32,
    /// Share of the linker's belief (0–1); the chosen entry has the
    /// mention's `confidence`.
    pub score: f32,
    /// Rank among the mention's candidates (0 is the chosen entry).
    pub rank: u32,
}

/// What the linker gives for one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Linked {
    /// Linked mentions, sorted by start.
    pub mentions: Vec<Mention>,
    /// For each mention less certain than [`LinkOptions::alternatives_below`],
    /// its scored candidates (the chosen one first), at most eight.
    pub alternatives: Vec<Alternative>,
}

/// Link the raw matches of one document. `mentions` are the matcher's
/// leftmost-longest matches (sorted by start) as [`Matcher::find`] gives
/// them, code-point offsets included (the linker counts only those of the
/// mentions it adds or trims); the result is sorted the same way. The same
/// as [`link_with`] with default options.
pub fn link(
    text: &str,
    matcher: &Matcher,
    gazetteer: &Gazetteer,
    sentences: &[Sentence],
    mentions: Vec<Mention>,
) -> Vec<Mention> {
    link_with(
        text,
        matcher,
        gazetteer,
        sentences,
        mentions,
        &LinkOptions::default(),
    )
    .mentions
}

/// Link the raw matches of one document with options (a reference date, the
/// alternatives to report).
pub fn link_with(
    text: &str,
    matcher: &Matcher,
    gazetteer: &Gazetteer,
    sentences: &[Sentence],
    mentions: Vec<Mention>,
    opts: &LinkOptions,
) -> Linked {
    let newlines: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
    let table = gazetteer.link_table();
    Linker {
        text,
        matcher,
        entries: gazetteer.entries(),
        info: &table.info,
        coords: &table.coords,
        person_forms: &table.person_forms,
        sentences,
        opts,
        caps_lines: &Memo::new(newlines.len() + 1),
        caps_sentences: &Memo::new(sentences.len()),
        newlines: &newlines,
        scratch: String::new(),
    }
    .run(mentions)
}

/// Yes/no answers remembered by index, filled in by whichever thread asks
/// first (the answers do not depend on who asks).
struct Memo(Vec<AtomicU8>);

impl Memo {
    fn new(n: usize) -> Memo {
        Memo((0..n).map(|_| AtomicU8::new(0)).collect())
    }

    /// The answer at `i`, computed by `f` the first time.
    fn get_or(&self, i: usize, f: impl FnOnce() -> bool) -> bool {
        // 0: not asked yet, 1: no, 2: yes
        let cell = &self.0[i];
        match cell.load(Ordering::Relaxed) {
            0 => {
                let b = f();
                cell.store(1 + u8::from(b), Ordering::Relaxed);
                b
            }
            v => v == 2,
        }
    }
}

/// Above this many raw matches, the per-mention work of linking (candidates,
/// head trimming, the context of each mention, gating) runs in runs of
/// [`LINK_CHUNK`] mentions on the rayon pool; choosing among candidates
/// across the document stays one pass.
const PARALLEL_LINK_ABOVE: usize = 4 * LINK_CHUNK;
const LINK_CHUNK: usize = 8192;

/// A linked mention with its ranked alternatives (entry, score).
type Passed = (Mention, Vec<(u32, f32)>);

// ---------------------------------------------------------------------------
// Word lists (accents folded, lower case)

/// Frequent French and English words that also name Sahel villages; a match
/// of one of them needs the same support as a `common_word` place.
const FREQUENT: &[&str] = &[
    "a", "ai", "aka", "all", "am", "an", "and", "are", "as", "at", "au", "aux", "avec", "be",
    "bien", "bon", "but", "by", "ce", "ces", "cet", "cette", "ceux", "chez", "comme", "dans", "de",
    "des", "dire", "do", "dont", "du", "elle", "elles", "en", "entre", "est", "et", "for", "from",
    "go", "ha", "he", "her", "his", "i", "if", "il", "ils", "in", "is", "it", "its", "je", "la",
    "le", "les", "leur", "lui", "ma", "mais", "man", "me", "mes", "moi", "mon", "more", "my", "ne",
    "ni", "no", "nord", "nos", "not", "notre", "nous", "of", "on", "or", "ou", "our", "par", "pas",
    "peu", "plus", "pour", "qu", "que", "qui", "sa", "sans", "se", "selon", "ses", "si", "so",
    "son", "sont", "sud", "sur", "ta", "tant", "te", "the", "to", "ton", "tous", "tout", "tu",
    "un", "une", "up", "us", "vers", "vos", "vous", "was", "we", "who", "y", "you",
];

/// Words just before a name that make it a place (`à Kidal`, `près de`).
const PLACE_CUES: &[&str] = &[
    "a",
    "around",
    "at",
    "au",
    "between",
    "cercle",
    "city",
    "commune",
    "dans",
    "departement",
    "depuis",
    "east",
    "entre",
    "est",
    "in",
    "jusqu",
    "localite",
    "near",
    "nord",
    "north",
    "ouest",
    "outside",
    "prefecture",
    "pres",
    "province",
    "region",
    "south",
    "sud",
    "town",
    "vers",
    "village",
    "ville",
    "west",
];

/// Weaker place cues: support a capitalised name, not a lower-case one.
const WEAK_PLACE_CUES: &[&str] = &["d", "de", "des", "du", "from", "of", "on", "sur", "to"];

/// Words just before a name that make it a person (`le général`, `M.`).
const PERSON_CUES: &[&str] = &[
    "adjudant",
    "ambassadeur",
    "ambassador",
    "by",
    "capitaine",
    "captain",
    "chef",
    "cheikh",
    "col",
    "colonel",
    "commandant",
    "depute",
    "dr",
    "emir",
    "gen",
    "general",
    "gouverneur",
    "governor",
    "imam",
    "leader",
    "lieutenant",
    "m",
    "madame",
    "maire",
    "major",
    "marechal",
    "mayor",
    "minister",
    "ministre",
    "mme",
    "monsieur",
    "mr",
    "mrs",
    "ms",
    "par",
    "parole",
    "porte",
    "premier",
    "president",
    "presidente",
    "senateur",
    "sergeant",
    "sergent",
    "sheikh",
    "spokesman",
];

/// Generic heads before a name (`région de Kayes`): the span keeps the name.
const HEADS: &[&[&str]] = &[
    &["region"],
    &["cercle"],
    &["commune", "rurale"],
    &["commune", "urbaine"],
    &["commune"],
    &["province"],
    &["departement"],
    &["district"],
    &["wilaya"],
    &["prefecture"],
    &["republique"],
    &["republic"],
];
const HEAD_LINKS: &[&str] = &["d", "de", "des", "du", "of", "the"];

/// Capitalised words after a place that do not make it part of a person's
/// name (`Kidal Region`).
const GEO_FOLLOWERS: &[&str] = &[
    "aeroport", "airport", "base", "camp", "centre", "cercle", "city", "district", "east", "est",
    "nord", "north", "ouest", "province", "region", "south", "sud", "town", "ville", "west",
];

/// Particles kept with a surname (`Ag Ghali`, `Ould Abdel Aziz`).
const PARTICLES: &[&str] = &[
    "abou", "abu", "ag", "al", "ba", "ben", "bin", "de", "el", "ibn", "mint", "ould", "wuld",
];

/// Which of the word lists above a folded word is in, as bits: one hash
/// lookup answers all of them (they are consulted several times per
/// mention; a binary search of string comparisons per list cost more).
static WORD_CLASSES: LazyLock<HashMap<&'static str, u8>> = LazyLock::new(|| {
    let mut m: HashMap<&'static str, u8> = HashMap::default();
    for (list, bit) in WORD_LISTS {
        for w in list {
            *m.entry(w).or_default() |= bit;
        }
    }
    m
});
/// Each word list with its bit.
const WORD_LISTS: [(&[&str], u8); 7] = [
    (FREQUENT, W_FREQUENT),
    (PLACE_CUES, W_PLACE_CUE),
    (WEAK_PLACE_CUES, W_WEAK_PLACE_CUE),
    (PERSON_CUES, W_PERSON_CUE),
    (HEAD_LINKS, W_HEAD_LINK),
    (GEO_FOLLOWERS, W_GEO_FOLLOWER),
    (PARTICLES, W_PARTICLE),
];
pub(crate) const W_FREQUENT: u8 = 1;
const W_PLACE_CUE: u8 = 2;
const W_WEAK_PLACE_CUE: u8 = 4;
pub(crate) const W_PERSON_CUE: u8 = 8;
const W_HEAD_LINK: u8 = 16;
const W_GEO_FOLLOWER: u8 = 32;
pub(crate) const W_PARTICLE: u8 = 64;

/// The lists (as `W_` bits) the folded word `w` is in.
pub(crate) fn word_class(w: &str) -> u8 {
    WORD_CLASSES.get(w).copied().unwrap_or(0)
}

/// Whether the folded word `w` is in the list `class` (a `W_` bit).
fn in_list(class: u8, w: &str) -> bool {
    word_class(w) & class != 0
}

// ---------------------------------------------------------------------------
// Small text helpers

/// Words (runs of alphanumerics) of `s`, with byte ranges relative to `s`.
fn words(s: &str) -> Vec<(usize, usize)> {
    Words { text: s, pos: 0 }.collect()
}

/// The words of a text from a byte position on, as byte ranges; ASCII is
/// classified without decoding, so a scan of a whole document stays cheap.
struct Words<'a> {
    text: &'a str,
    pos: usize,
}

impl Words<'_> {
    /// Whether the character at byte `i` is alphanumeric, and its length.
    fn class(&self, i: usize) -> (bool, usize) {
        let b = self.text.as_bytes();
        let c = b[i];
        if c < 0x80 {
            (c.is_ascii_alphanumeric(), 1)
        } else if c == 0xC3 && b.get(i + 1).is_some_and(|&d| d != 0x97 && d != 0xB7) {
            // U+00C0-U+00FF (À to ÿ, French accents) are letters but for
            // × and ÷
            (true, 2)
        } else {
            let ch = self.text[i..].chars().next().expect("a char boundary");
            (ch.is_alphanumeric(), ch.len_utf8())
        }
    }
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let n = self.text.len();
        let mut i = self.pos;
        let start = loop {
            if i >= n {
                self.pos = n;
                return None;
            }
            let (alnum, len) = self.class(i);
            if alnum {
                break i;
            }
            i += len;
        };
        while i < n {
            let (alnum, len) = self.class(i);
            if !alnum {
                break;
            }
            i += len;
        }
        self.pos = i;
        Some((start, i))
    }
}

/// The words of a text that start with a capital folding to one of
/// `initials` (folded letters). A byte scan finds the candidates and decodes
/// only ASCII capitals of those initials and non-ASCII characters, so a
/// document is searched for a few surnames at memory speed.
pub(crate) struct CapitalisedWords<'a> {
    text: &'a str,
    pos: usize,
    initials: &'a [char],
    starts: StartBytes,
}

impl<'a> CapitalisedWords<'a> {
    pub(crate) fn new(text: &'a str, initials: &'a [char]) -> CapitalisedWords<'a> {
        CapitalisedWords {
            text,
            pos: 0,
            initials,
            starts: StartBytes::new(initials),
        }
    }
}

impl Iterator for CapitalisedWords<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let text = self.text;
        while let Some(s) = self.starts.next(text.as_bytes(), self.pos) {
            let c0 = text[s..].chars().next().expect("a char boundary");
            self.pos = s + c0.len_utf8();
            if !c0.is_uppercase()
                || !c0.is_alphanumeric()
                || text[..s]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let f0 = if c0.is_ascii() {
                c0.to_ascii_lowercase()
            } else {
                fold(c0.encode_utf8(&mut [0; 4]))
                    .chars()
                    .next()
                    .unwrap_or(' ')
            };
            if !self.initials.contains(&f0) {
                continue;
            }
            let (_, e) = Words { text, pos: s }
                .next()
                .expect("an alphanumeric start");
            self.pos = e;
            return Some((s, e));
        }
        self.pos = text.len();
        None
    }
}

/// The bytes that may start a capitalised word of some initials: the ASCII
/// capitals of the initials, and lead bytes `>= 0xC3` (É, Ç, Ö...; 0xC2
/// leads U+0080-U+00BF, where no letter is a capital: « », no-break space)
/// except those of the small accented letters à..ÿ (`C3 A0..BF`) and of
/// general punctuation (`E2 80 xx`: ’ – …), the lead bytes of French text.
struct StartBytes {
    table: [bool; 256],
    /// The ASCII capitals of the table when there are at most four (unused
    /// slots hold 0xFF, a byte UTF-8 never has).
    caps: [u8; 4],
    /// More than four: blocks are screened for any ASCII capital.
    many: bool,
}

impl StartBytes {
    fn new(initials: &[char]) -> StartBytes {
        let mut table = [false; 256];
        for c in initials.iter().filter(|c| c.is_ascii()) {
            table[c.to_ascii_uppercase() as usize] = true;
        }
        table[0xC3..].fill(true);
        let mut caps = [0xFF; 4];
        let mut n = 0;
        for b in (b'A'..=b'Z').filter(|&b| table[b as usize]) {
            if n < 4 {
                caps[n] = b;
            }
            n += 1;
        }
        StartBytes {
            table,
            caps,
            many: n > 4,
        }
    }

    /// Whether byte `p` of `bytes` is one.
    fn is_start(&self, bytes: &[u8], p: usize) -> bool {
        let b = bytes[p];
        let n = bytes.get(p + 1).copied().unwrap_or(0);
        self.table[b as usize] && !(b == 0xC3 && n >= 0xA0) && !(b == 0xE2 && n == 0x80)
    }

    /// Whether the block `w[..16]` (`w[16]` following it) may hold one:
    /// branch-free over the block, so the compiler tests it in a few
    /// vector instructions and a text is screened 16 bytes at a time.
    fn block_may_hold<const MANY: bool>(&self, w: &[u8; 17]) -> bool {
        let mut any = false;
        for k in 0..16 {
            let (b, n) = (w[k], w[k + 1]);
            let cap = if MANY {
                b.wrapping_sub(b'A') < 26
            } else {
                (b == self.caps[0])
                    | (b == self.caps[1])
                    | (b == self.caps[2])
                    | (b == self.caps[3])
            };
            let lead = (b >= 0xC3) & !((b == 0xC3) & (n >= 0xA0)) & !((b == 0xE2) & (n == 0x80));
            any |= cap | lead;
        }
        any
    }

    /// The first at or after `from`.
    fn next(&self, bytes: &[u8], from: usize) -> Option<usize> {
        if self.many {
            self.next_in::<true>(bytes, from)
        } else {
            self.next_in::<false>(bytes, from)
        }
    }

    fn next_in<const MANY: bool>(&self, bytes: &[u8], from: usize) -> Option<usize> {
        let mut i = from;
        while i + 17 <= bytes.len() {
            let w: &[u8; 17] = bytes[i..i + 17].try_into().expect("17 bytes");
            if self.block_may_hold::<MANY>(w) {
                if let Some(p) = (i..i + 16).find(|&p| self.is_start(bytes, p)) {
                    return Some(p);
                }
            }
            i += 16;
        }
        (i.min(bytes.len())..bytes.len()).find(|&p| self.is_start(bytes, p))
    }
}

/// The word `s` ends with, if it ends with one.
fn last_word(s: &str) -> Option<(usize, usize)> {
    let start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()?
        .0;
    Some((start, s.len()))
}

/// The two words before byte `pos`, nearest first, not before `floor`;
/// stops at sentence punctuation. Empty strings where there are fewer.
fn prev_words(text: &str, floor: usize, pos: usize) -> [&str; 2] {
    let mut out = [""; 2];
    let mut n = 0;
    let mut end: Option<usize> = None;
    for (i, c) in text[floor..pos].char_indices().rev() {
        let i = floor + i;
        if c.is_alphanumeric() {
            if end.is_none() {
                end = Some(i + c.len_utf8());
            }
        } else {
            if let Some(e) = end.take() {
                out[n] = &text[i + c.len_utf8()..e];
                n += 1;
                if n == out.len() {
                    return out;
                }
            }
            if matches!(
                c,
                '.' | '!' | '?' | ';' | ':' | '\n' | '(' | ')' | '"' | '«' | '»'
            ) {
                return out;
            }
        }
    }
    if let Some(e) = end {
        out[n] = &text[floor..e];
    }
    out
}

/// The folded form of a word, borrowed when it is lower-case ASCII already
/// (most context words), so that cue tests rarely allocate.
fn fold_cow(w: &str) -> std::borrow::Cow<'_, str> {
    if w.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        std::borrow::Cow::Borrowed(w)
    } else {
        std::borrow::Cow::Owned(fold(w))
    }
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Upper- and lower-case letters in `s` (ASCII bytes are counted without
/// decoding; other letters through the Unicode tables).
fn letters_case(s: &str) -> (usize, usize) {
    count_case(s, |_, _, _| false)
}

/// [`letters_case`] that stops early when `stop(upper, lower, bytes_left)`.
fn count_case(s: &str, stop: impl Fn(usize, usize, usize) -> bool) -> (usize, usize) {
    let (mut u, mut l) = (0, 0);
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            u += c.is_ascii_uppercase() as usize;
            l += c.is_ascii_lowercase() as usize;
            i += 1;
        } else {
            let ch = s[i..].chars().next().expect("a char boundary");
            u += ch.is_uppercase() as usize;
            l += ch.is_lowercase() as usize;
            i += ch.len_utf8();
        }
        if stop(u, l, b.len() - i) {
            break;
        }
    }
    (u, l)
}

/// Whether `s` is written in capitals: at least four capitals and fewer than
/// one small letter for four capitals (a title, a menu line). Stops as soon
/// as the small letters seen outnumber what the rest could balance, so a
/// paragraph of ordinary prose is decided after its first words.
fn in_capitals(s: &str) -> bool {
    if !may_be_in_capitals(s.as_bytes()) {
        return false;
    }
    // every remaining byte a capital would still not be enough
    let (u, l) = count_case(s, |u, l, left| l > 0 && l * 4 >= u + left);
    u >= 4 && l * 4 < u
}

/// A bound on [`in_capitals`] from bytes alone, counted 64 at a time (the
/// loop vectorises): ASCII small letters are small letters, and a capital
/// is an ASCII capital or a character with a lead byte `>= 0xC0`. `false`
/// means `s` is certainly not in capitals; a line of prose is dismissed
/// after its first chunks.
fn may_be_in_capitals(b: &[u8]) -> bool {
    let (mut small, mut caps) = (0usize, 0usize);
    let mut left = b.len();
    for chunk in b.chunks(64) {
        let (mut sm, mut cp) = (0u8, 0u8);
        for &c in chunk {
            sm += c.is_ascii_lowercase() as u8;
            cp += (c.is_ascii_uppercase() || c >= 0xC0) as u8;
        }
        small += sm as usize;
        caps += cp as usize;
        left -= chunk.len();
        if small * 4 >= caps + left {
            return false;
        }
    }
    caps >= 4
}

/// How a surface is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    Lower,
    Title,
    Upper,
}

fn case_of(s: &str) -> Case {
    let (u, l) = letters_case(s);
    if u == 0 {
        Case::Lower
    } else if l == 0 && u >= 2 {
        Case::Upper
    } else if is_capitalised(s) || u > 0 {
        Case::Title
    } else {
        Case::Lower
    }
}

/// Whether a form and a surface agree letter for letter, accents included
/// (case ignored).
fn exact_accents(form: &str, surface: &str) -> bool {
    if form.is_ascii() && surface.is_ascii() {
        return form.eq_ignore_ascii_case(surface);
    }
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    // both already composed (nearly always): compare as they are, without
    // building the two strings
    if is_nfc_quick(form.chars()) == IsNormalized::Yes
        && is_nfc_quick(surface.chars()) == IsNormalized::Yes
    {
        return form
            .chars()
            .flat_map(char::to_lowercase)
            .eq(surface.chars().flat_map(char::to_lowercase));
    }
    let fa: String = form.nfc().flat_map(char::to_lowercase).collect();
    let fb: String = surface.nfc().flat_map(char::to_lowercase).collect();
    fa == fb
}

/// Whether an ISO date (possibly partial) range includes `d`.
fn valid_at(e: &Entry, d: Date) -> Option<bool> {
    if e.valid_from.is_none() && e.valid_to.is_none() {
        return None;
    }
    let iso = format!("{:04}-{:02}-{:02}", d.year, d.month, d.day);
    let cut = |s: &str| &iso[..s.len().min(iso.len())];
    let from_ok = e.valid_from.as_deref().is_none_or(|f| cut(f) >= f);
    let to_ok = e.valid_to.as_deref().is_none_or(|t| cut(t) <= t);
    Some(from_ok && to_ok)
}

fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    haversine_rad(&Radians::of(a), &Radians::of(b))
}

/// A point's latitude and longitude in radians, and the cosine of the
/// latitude: what the distance needs of it, computed once per point.
#[derive(Clone, Copy)]
struct Radians {
    la: f64,
    lo: f64,
    cos_la: f64,
}

impl Radians {
    fn of(p: (f64, f64)) -> Radians {
        let la = p.0.to_radians();
        Radians {
            la,
            lo: p.1.to_radians(),
            cos_la: la.cos(),
        }
    }
}

/// Great-circle distance in km (the same operations, in the same order, as
/// computing everything from degrees).
fn haversine_rad(a: &Radians, b: &Radians) -> f64 {
    let h = ((b.la - a.la) / 2.0).sin().powi(2)
        + a.cos_la * b.cos_la * ((b.lo - a.lo) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// Coordinates -> the two nearest anchors (distance, index).
type NearestCache = HashMap<(u64, u64), [(f64, usize); 2]>;

/// The places a document names without ambiguity (the anchors), for the
/// distance from a candidate place to the nearest one.
///
/// A long document names the same places again and again: anchors are
/// grouped by coordinates and the two nearest groups of each candidate
/// location are computed once, so the cost is distinct candidate locations
/// times distinct anchor locations rather than mentions times candidates
/// times anchors (a 4 MB document took minutes).
struct Anchors {
    /// Distinct coordinates, the item of their first anchor, and whether
    /// another item anchors there too.
    groups: Vec<((f64, f64), usize, bool)>,
    /// The groups' coordinates in radians.
    radians: Vec<Radians>,
    /// For a candidate's coordinates (as bits), its two nearest groups as
    /// (distance, group), `usize::MAX` for none.
    nearest: RefCell<NearestCache>,
}

impl Anchors {
    fn new(anchors: &[(usize, (f64, f64))]) -> Anchors {
        let mut index: HashMap<(u64, u64), usize> = HashMap::default();
        let mut groups: Vec<((f64, f64), usize, bool)> = Vec::new();
        for &(i, p) in anchors {
            match index.get(&(p.0.to_bits(), p.1.to_bits())) {
                Some(&g) => groups[g].2 |= groups[g].1 != i,
                None => {
                    index.insert((p.0.to_bits(), p.1.to_bits()), groups.len());
                    groups.push((p, i, false));
                }
            }
        }
        Anchors {
            radians: groups.iter().map(|g| Radians::of(g.0)).collect(),
            groups,
            nearest: RefCell::new(HashMap::default()),
        }
    }

    fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Distance in km from `p` to the nearest anchor of an item other than
    /// `me`; infinite when there is none.
    fn nearest_km(&self, p: (f64, f64), me: usize) -> f64 {
        let usable = |g: usize| g != usize::MAX && (self.groups[g].2 || self.groups[g].1 != me);
        let best = *self
            .nearest
            .borrow_mut()
            .entry((p.0.to_bits(), p.1.to_bits()))
            .or_insert_with(|| {
                let mut best = [(f64::INFINITY, usize::MAX); 2];
                let pr = Radians::of(p);
                for (g, q) in self.radians.iter().enumerate() {
                    let d = haversine_rad(q, &pr);
                    if d < best[0].0 {
                        best = [(d, g), best[0]];
                    } else if d < best[1].0 {
                        best[1] = (d, g);
                    }
                }
                best
            });
        // the nearest group is unusable only when it is `me`'s alone, and
        // then the second is the nearest usable one
        match best {
            [(d, g), _] if usable(g) => d,
            [_, (d, g)] if usable(g) => d,
            _ => self
                .groups
                .iter()
                .filter(|&&(_, i, shared)| shared || i != me)
                .map(|&(q, _, _)| haversine_km(q, p))
                .fold(f64::INFINITY, f64::min),
        }
    }
}

/// Weight of a GeoNames feature code: admin units and seats first, villages
/// next, wells, localities and the like last.
fn feature_weight(e: &Entry) -> f32 {
    match e.feature_code.as_deref() {
        Some("A.ADM1") => 1.3,
        Some("A.ADM2") => 0.9,
        Some("P.PPLC") => 1.3,
        Some("P.PPLA") => 1.1,
        Some("P.PPLA2") => 0.8,
        Some("A.ADM3") | Some("P.PPLA3") => 0.6,
        Some(c) if c.starts_with("P.") => 0.3,
        Some(c) if c.starts_with("A.") || c.starts_with("L.RGN") => 0.4,
        Some("S.AIRP") | Some("S.CMP") => -0.3,
        Some(_) => -0.5,
        None => 0.5, // curated overrides
    }
}

fn is_admin1(e: &Entry) -> bool {
    e.feature_code.as_deref() == Some("A.ADM1") || e.has_tag("admin1")
}

fn kind_prior(k: Kind) -> f32 {
    match k {
        Kind::Country => 7.0,
        Kind::ArmedGroup | Kind::StateForce | Kind::Organization => 6.0,
        Kind::Region => 5.0,
        Kind::Person => 4.0,
        Kind::Place => 3.0,
        Kind::Trigger => 1.0,
    }
}

// ---------------------------------------------------------------------------
// What linking reads of each entry

/// What linking reads of every entry, gathered once per gazetteer (see
/// `Gazetteer::link_table`): scoring a candidate then reads 20 bytes
/// instead of an [`Entry`] and the strings it points to (its feature code,
/// country, admin-1, tags), which on a large gazetteer are cache misses.
/// Coordinates, read only for anchors and their neighbours, are kept apart.
#[derive(Clone, Default)]
pub(crate) struct LinkTable {
    info: Vec<EntryInfo>,
    /// Latitude and longitude, when both are given.
    coords: Vec<Option<(f64, f64)>>,
    /// The short forms of each person's name (see [`short_forms`]).
    person_forms: PersonForms,
}

/// Person entry -> the short forms of its name, folded.
type PersonForms = HashMap<u32, Box<[Box<str>]>>;

impl std::fmt::Debug for LinkTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LinkTable")
            .field("entries", &self.info.len())
            .finish()
    }
}

/// Interned strings: `NONE` for absent.
const NONE: u32 = u32::MAX;

#[derive(Clone, Copy, Debug)]
struct EntryInfo {
    /// `0.5 + feature_weight + log10(population + 1) / 7`, added in that
    /// order (the start of [`Linker::place_features`]).
    place_base: f32,
    /// The country code, interned.
    country: u32,
    /// (country, admin-1) interned, when both are given.
    admin1: u32,
    /// For an admin-1 unit with a country: (country, its name) interned in
    /// the same space as `admin1`.
    own_admin1: u32,
    kind: Kind,
    flags: u8,
}

impl EntryInfo {
    const NOTABLE: u8 = 1;
    const ADMIN_CODE: u8 = 2;
    const POPULATED_CODE: u8 = 4;
    const COMMON_WORD: u8 = 8;

    fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

impl LinkTable {
    pub(crate) fn new(entries: &[Entry]) -> LinkTable {
        let mut countries: HashMap<&str, u32> = HashMap::default();
        let mut units: HashMap<(&str, &str), u32> = HashMap::default();
        let mut intern_unit = |cc, name| {
            let n = units.len() as u32;
            *units.entry((cc, name)).or_insert(n)
        };
        let info = entries
            .iter()
            .map(|e| {
                let weight = feature_weight(e);
                let mut place_base = 0.5 + weight;
                place_base += (e.population.unwrap_or(0) as f32 + 1.0).log10() / 7.0;
                let country = e.country.as_deref().map_or(NONE, |cc| {
                    let n = countries.len() as u32;
                    *countries.entry(cc).or_insert(n)
                });
                let admin1 = match (e.country.as_deref(), e.admin1.as_deref()) {
                    (Some(cc), Some(a1)) => intern_unit(cc, a1),
                    _ => NONE,
                };
                let own_admin1 = match e.country.as_deref() {
                    Some(cc) if is_admin1(e) => intern_unit(cc, e.name.as_str()),
                    _ => NONE,
                };
                let code = e.feature_code.as_deref().unwrap_or("");
                let flags = [
                    (
                        weight >= 0.9 || e.population.unwrap_or(0) >= 10_000,
                        EntryInfo::NOTABLE,
                    ),
                    (code.starts_with("A."), EntryInfo::ADMIN_CODE),
                    (code.starts_with("P."), EntryInfo::POPULATED_CODE),
                    (e.has_tag("common_word"), EntryInfo::COMMON_WORD),
                ]
                .iter()
                .filter(|(on, _)| *on)
                .fold(0, |f, (_, bit)| f | bit);
                EntryInfo {
                    kind: e.kind,
                    place_base,
                    country,
                    admin1,
                    own_admin1,
                    flags,
                }
            })
            .collect();
        let coords = entries.iter().map(|e| e.lat.zip(e.lon)).collect();
        let person_forms = (0u32..)
            .zip(entries)
            .filter(|(_, e)| e.kind == Kind::Person)
            .map(|(i, e)| {
                let mut forms = Vec::new();
                short_forms(&e.name, |f| forms.push(f.into_boxed_str()));
                (i, forms.into_boxed_slice())
            })
            .collect();
        LinkTable {
            info,
            coords,
            person_forms,
        }
    }
}

// ---------------------------------------------------------------------------
// The linker

/// The items naming an admin-1 unit (directly, or as a place's unit): all
/// scoring asks is whether an item other than a given one does, so the
/// first and whether there is another are enough.
#[derive(Clone, Copy)]
struct UnitItems {
    first: usize,
    more: bool,
}

impl UnitItems {
    fn add(map: &mut HashMap<u32, UnitItems>, unit: u32, item: usize) {
        map.entry(unit)
            .and_modify(|u| u.more |= u.first != item)
            .or_insert(UnitItems {
                first: item,
                more: false,
            });
    }

    /// Whether an item other than `me` names the unit.
    fn other_than(&self, me: usize) -> bool {
        self.more || self.first != me
    }
}

/// Context of one mention in its sentence.
#[derive(Clone, Copy, Debug, Default)]
struct Ctx {
    sentence_initial: bool,
    caps_line: bool,
    place_cue: bool,
    weak_place_cue: bool,
    person_cue: bool,
    admin_head: bool,
    settlement_cue: bool,
    name_neighbour: bool,
}

/// One entry a mention may mean, with its kind at hand (scoring reads the
/// kind of every candidate; the entry itself is touched only for places).
#[derive(Clone, Copy, Debug)]
struct Cand {
    entry: u32,
    form: u32,
    kind: Kind,
    score: f32,
    /// The first pass's score without the place features, and the place
    /// features without the distance to anchors (not clamped): the second
    /// pass adds only that distance.
    base: f32,
    place: f32,
}

/// Most mentions have one to three candidates: kept inline, no allocation.
type Cands = smallvec::SmallVec<[Cand; 3]>;

struct Item {
    m: Mention,
    /// Candidates the case allows, with scores once chosen.
    cands: Cands,
    ctx: Ctx,
    keep: bool,
    /// Multiplier of the confidence for weakly supported mentions.
    support: f32,
}

struct Linker<'a> {
    text: &'a str,
    matcher: &'a Matcher,
    entries: &'a [Entry],
    info: &'a [EntryInfo],
    coords: &'a [Option<(f64, f64)>],
    person_forms: &'a PersonForms,
    sentences: &'a [Sentence],
    opts: &'a LinkOptions,
    /// Byte offsets of the line breaks.
    newlines: &'a [usize],
    /// Whether a line (by index) is in capitals, once asked.
    caps_lines: &'a Memo,
    /// Whether a sentence (by index) is in capitals, once asked.
    caps_sentences: &'a Memo,
    /// A buffer for folded words.
    scratch: String,
}

impl<'a> Linker<'a> {
    /// A linker over the same document for another thread: its own
    /// scratch buffer, the same shared memos.
    fn fork(&self) -> Linker<'a> {
        Linker {
            scratch: String::new(),
            ..*self
        }
    }

    fn run(self, raw: Vec<Mention>) -> Linked {
        let chunk = (raw.len() > PARALLEL_LINK_ABOVE).then_some(LINK_CHUNK);
        self.run_in(raw, chunk)
    }

    /// [`Linker::run`], the per-mention work in runs of `chunk` mentions on
    /// the rayon pool when given (the same result either way).
    fn run_in(mut self, raw: Vec<Mention>, chunk: Option<usize>) -> Linked {
        let (mut items, passed) = if let Some(chunk) = chunk {
            let parts: Vec<(Vec<Item>, Vec<Passed>)> = raw
                .par_chunks(chunk)
                .map(|c| self.fork().prepare_all(c))
                .collect();
            let mut items = Vec::with_capacity(raw.len());
            let mut passed = Vec::new();
            for (i, p) in parts {
                items.extend(i);
                passed.extend(p);
            }
            (items, passed)
        } else {
            self.prepare_all(&raw)
        };
        self.detect_name_neighbours(&mut items);
        if let Some(chunk) = chunk {
            items.par_chunks_mut(chunk).for_each(|c| {
                let mut key = String::new();
                for it in c {
                    self.gate(it, &mut key);
                }
            });
        } else {
            let mut key = String::new();
            for it in &mut items {
                self.gate(it, &mut key);
            }
        }
        self.choose(&mut items);
        self.finish(items, passed)
    }

    /// The fast paths and [`Linker::prepare`] over raw matches: the items to
    /// link and the trigger words that pass as they are.
    fn prepare_all(&mut self, raw: &[Mention]) -> (Vec<Item>, Vec<Passed>) {
        let mut items: Vec<Item> = Vec::with_capacity(raw.len());
        let mut passed: Vec<Passed> = Vec::new();
        for &m in raw {
            // fast paths before any allocation: an unambiguous trigger word
            // passes as is; a lower-case place of fewer than four letters
            // (`de`, `la`, `sur`) is never kept (the prior ranks places
            // below every other kind but triggers, so the matcher's choice
            // is a place only when no stronger kind is possible; a trigger
            // of the same spelling must survive)
            let kinds = self.matcher.pattern_kinds(&m);
            let trigger = kind_bit(Kind::Trigger);
            if m.n_candidates == 1
                && kinds & trigger != 0
                && (kinds == trigger || self.info[m.entry as usize].kind == Kind::Trigger)
            {
                passed.push((m, Vec::new()));
                continue;
            }
            if kinds == kind_bit(Kind::Place) {
                let surface = &self.text[m.start..m.end];
                if surface.len() < 8
                    && !surface.chars().any(char::is_uppercase)
                    && surface.chars().filter(|c| c.is_alphanumeric()).count() < 4
                {
                    continue;
                }
            }
            let item = self.prepare(m);
            items.push(item);
        }
        (items, passed)
    }

    /// Kept items and passed triggers merged, short names and acronyms
    /// linked, alternatives listed.
    fn finish(&self, items: Vec<Item>, passed: Vec<Passed>) -> Linked {
        // the passed triggers and the kept items are each in text order
        // (the raw matches do not overlap; a head trimmed off a name moves
        // its start within its own span): merged, not sorted
        let mut mentions = Vec::with_capacity(passed.len() + items.len());
        let mut passed = passed.into_iter().peekable();
        for it in items.into_iter().filter(|i| i.keep) {
            while let Some(p) = passed.next_if(|(p, _)| p.start < it.m.start) {
                mentions.push(p);
            }
            // alternatives are reported for uncertain mentions of two
            // candidates or more (see the end of this function)
            let alts = if it.m.confidence < self.opts.alternatives_below && it.cands.len() > 1 {
                it.cands
                    .iter()
                    .take(8)
                    .map(|c| (c.entry, c.score))
                    .collect()
            } else {
                Vec::new()
            };
            mentions.push((it.m, alts));
        }
        mentions.extend(passed);
        self.short_names(&mut mentions);
        self.acronyms(&mut mentions);
        // the two calls above append what they add: one sorted run and a
        // short tail, which the stable sort merges in linear time
        mentions.sort_by_key(|(m, _)| (m.start, m.end));
        let mut out: Vec<Mention> = mentions.iter().map(|(m, _)| *m).collect();
        fill_stale_char_offsets(self.text, &mut out);
        let mut alternatives = Vec::new();
        for (i, (m, alts)) in mentions.iter().enumerate() {
            if m.confidence < self.opts.alternatives_below && alts.len() > 1 {
                for (r, &(entry, score)) in alts.iter().take(8).enumerate() {
                    alternatives.push(Alternative {
                        mention: i as u32,
                        entry,
                        score,
                        rank: r as u32,
                    });
                }
            }
        }
        Linked {
            mentions: out,
            alternatives,
        }
    }

    /// Start of the line holding byte `pos`.
    fn line_start(&self, pos: usize) -> usize {
        let k = self.newlines.partition_point(|&n| n < pos);
        if k == 0 {
            0
        } else {
            self.newlines[k - 1] + 1
        }
    }

    fn sentence_floor(&self, pos: usize) -> usize {
        let s = sentence_at(self.sentences, pos).map_or(0, |i| self.sentences[i].start);
        s.max(self.line_start(pos))
    }

    /// Whether the line holding `pos` is written in capitals (a title, a
    /// menu).
    fn caps_line(&self, pos: usize) -> bool {
        let k = self.newlines.partition_point(|&n| n < pos);
        self.caps_lines.get_or(k, || {
            let start = if k == 0 { 0 } else { self.newlines[k - 1] + 1 };
            let end = self.newlines.get(k).copied().unwrap_or(self.text.len());
            in_capitals(&self.text[start..end])
        })
    }

    /// Candidates, head trimming and the sentence context of one mention.
    fn prepare(&mut self, mut m: Mention) -> Item {
        let text = self.text;
        let surface = &text[m.start..m.end];
        let mut case_key: Option<String> = None;
        let mut cands = Cands::new();
        for c in self.matcher.candidates(&m) {
            if c.case_sensitive()
                && !self.matcher.accepts_case_key(
                    c,
                    case_key.get_or_insert_with(|| normalize_key(surface, CaseMode::Keep)),
                )
            {
                continue;
            }
            cands.push(Cand {
                entry: c.entry,
                form: c.form,
                kind: c.kind,
                score: 0.0,
                base: 0.0,
                place: 0.0,
            });
        }
        if cands.is_empty() {
            cands.push(Cand {
                entry: m.entry,
                form: m.form,
                kind: self.info[m.entry as usize].kind,
                score: 0.0,
                base: 0.0,
                place: 0.0,
            });
        }
        let mut ctx = Ctx::default();
        let item = |m, cands, ctx, keep| Item {
            m,
            cands,
            ctx,
            keep,
            support: 1.0,
        };
        // fast paths: trigger words need no context, and a lower-case place
        // of fewer than four letters (`de`, `la`, `sur`) is never kept
        let kinds = |k: Kind| cands.iter().all(|c| c.kind == k);
        if kinds(Kind::Trigger) {
            return item(m, cands, ctx, true);
        }
        if kinds(Kind::Place)
            && !surface.chars().any(char::is_uppercase)
            && surface.chars().filter(|c| c.is_alphanumeric()).count() < 4
        {
            return item(m, cands, ctx, false);
        }
        // a generic head (`région de`, `République du`): keep the name only;
        // looked for only when the first of several words is a head's first
        // (heads begin with c, d, p, r or w: other ASCII initials are out)
        let b0 = surface.as_bytes()[0];
        let first_is_head = (b0 >= 0x80 || matches!(b0 | 0x20, b'c' | b'd' | b'p' | b'r' | b'w'))
            && surface.contains(char::is_whitespace)
            && Words {
                text: surface,
                pos: 0,
            }
            .next()
            .is_some_and(|(a, b)| {
                self.scratch.clear();
                fold_into(&surface[a..b], &mut self.scratch);
                HEADS.iter().any(|h| h[0] == self.scratch)
            });
        if first_is_head {
            let ws = words(surface);
            'heads: for head in HEADS {
                if ws.len() <= head.len() + 1 {
                    continue;
                }
                for (k, h) in head.iter().enumerate() {
                    if fold(&surface[ws[k].0..ws[k].1]) != *h {
                        continue 'heads;
                    }
                }
                let mut k = head.len();
                if in_list(W_HEAD_LINK, &fold(&surface[ws[k].0..ws[k].1])) {
                    k += 1;
                }
                if k < ws.len() && is_capitalised(&surface[ws[k].0..ws[k].1]) {
                    m.start += ws[k].0;
                    m.char_start = STALE;
                    ctx.admin_head = true;
                    break;
                }
            }
        }
        // one candidate that is not a place: the context below decides
        // nothing (it gates and ranks places, and one candidate wins alone)
        if cands.len() == 1 && cands[0].kind != Kind::Place {
            return item(m, cands, ctx, true);
        }
        let floor = self.sentence_floor(m.start);
        let prev = prev_words(text, floor, m.start);
        ctx.sentence_initial = prev[0].is_empty();
        if !prev[0].is_empty() {
            let p = fold_cow(prev[0]);
            let p = p.as_ref();
            let class = word_class(p);
            ctx.place_cue = class & W_PLACE_CUE != 0 || (p == "de" && fold_cow(prev[1]) == "pres");
            ctx.weak_place_cue = class & W_WEAK_PLACE_CUE != 0;
            ctx.person_cue = class & W_PERSON_CUE != 0 && (p != "par" && p != "by");
            // `région de Kayes`, `cercle de Gao` / `village de Gao`, `ville de`
            let head = if class & W_HEAD_LINK != 0 {
                (!prev[1].is_empty()).then(|| fold_cow(prev[1]))
            } else {
                Some(std::borrow::Cow::Borrowed(p))
            };
            match head.as_deref() {
                Some(
                    "region" | "cercle" | "province" | "departement" | "wilaya" | "prefecture",
                ) => {
                    ctx.admin_head = true;
                    ctx.place_cue = true;
                }
                Some("village" | "ville" | "localite" | "town" | "city" | "hameau") => {
                    ctx.settlement_cue = true;
                    ctx.place_cue = true;
                }
                _ => {}
            }
        }
        ctx.caps_line = self.caps_line(m.start);
        item(m, cands, ctx, true)
    }

    /// Mark place mentions glued (by spaces only) to a capitalised word that
    /// is neither a mention nor a function word: `Zouman Sanogo`.
    fn detect_name_neighbours(&self, items: &mut [Item]) {
        let text = self.text;
        let n = items.len();
        let mut f = String::new();
        for i in 0..n {
            if items[i].ctx.caps_line || !self.has_place(&items[i]) {
                continue;
            }
            let m = items[i].m;
            // the word after
            let rest = &text[m.end..];
            let gap = rest.len() - rest.trim_start_matches([' ', '\u{a0}', '\u{202f}']).len();
            let after = &rest[gap..];
            let next_is_mention = i + 1 < n
                && items[i + 1].m.start == m.end + gap
                && !self.only_places(&items[i + 1]);
            let mut glued = false;
            if gap > 0 && !next_is_mention {
                let e = after
                    .char_indices()
                    .find(|(_, c)| !c.is_alphanumeric())
                    .map_or(after.len(), |(i, _)| i);
                let w = &after[..e];
                {
                    if !w.is_empty() && is_capitalised(w) {
                        f.clear();
                        fold_into(w, &mut f);
                        glued = word_class(&f) & (W_GEO_FOLLOWER | W_FREQUENT) == 0;
                    }
                }
            }
            // the word before
            let before = &text[..m.start];
            let trimmed = before.trim_end_matches([' ', '\u{a0}', '\u{202f}']);
            let gap = before.len() - trimmed.len();
            let prev_is_mention =
                i > 0 && items[i - 1].m.end == trimmed.len() && !self.only_places(&items[i - 1]);
            if gap > 0 && !prev_is_mention && !items[i].ctx.sentence_initial {
                let s = trimmed
                    .char_indices()
                    .rev()
                    .find(|(_, c)| !c.is_alphanumeric())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                let w = &trimmed[s..];
                {
                    if !w.is_empty() && is_capitalised(w) && case_of(w) != Case::Upper {
                        f.clear();
                        fold_into(w, &mut f);
                        glued |= word_class(&f)
                            & (W_FREQUENT | W_PLACE_CUE | W_PERSON_CUE | W_WEAK_PLACE_CUE)
                            == 0;
                    }
                }
            }
            items[i].ctx.name_neighbour = glued;
        }
    }

    fn has_place(&self, it: &Item) -> bool {
        it.cands.iter().any(|c| c.kind == Kind::Place)
    }

    fn only_places(&self, it: &Item) -> bool {
        it.cands.iter().all(|c| c.kind == Kind::Place)
    }

    /// Drop place candidates the context does not support; drop the mention
    /// when nothing is left.
    fn gate(&self, it: &mut Item, key: &mut String) {
        let text = self.text;
        let surface = &text[it.m.start..it.m.end];
        if !it.cands.iter().any(|c| c.kind == Kind::Place) {
            return;
        }
        // the surface folded, in a buffer the caller lends
        key.clear();
        fold_into(surface, key);
        let key = key.as_str();
        let entries = self.entries;
        let places = || it.cands.iter().filter(|c| c.kind == Kind::Place);
        // a surface is a common word if a place named exactly so is tagged,
        // if every place candidate is tagged, or if it is a frequent word;
        // the tests are lazy, most matches are settled by case and cues
        let info = self.info;
        let tagged = |c: &Cand| info[c.entry as usize].has(EntryInfo::COMMON_WORD);
        let mut name = String::new();
        let mut common = || {
            in_list(W_FREQUENT, key)
                || places().all(tagged)
                || places().filter(|c| tagged(c)).any(|c| {
                    name.clear();
                    fold_into(&entries[c.entry as usize].name, &mut name);
                    name == key
                })
        };
        let exact = || {
            places().any(|c| {
                let e = &entries[c.entry as usize];
                e.form(c.form as usize)
                    .is_some_and(|(f, _, _)| exact_accents(f, surface))
            })
        };
        let notable = || places().any(|c| info[c.entry as usize].has(EntryInfo::NOTABLE));
        let short = key.chars().filter(|c| c.is_alphanumeric()).count() <= 2;
        let case = case_of(surface);
        let ctx = it.ctx;
        let (ok, support) = if short && !ctx.place_cue {
            (false, 0.0)
        } else if case == Case::Lower {
            (ctx.place_cue && key.len() >= 4 && !common() && exact(), 0.5)
        } else if ctx.caps_line || (case == Case::Upper && !self.is_caps_sentence(it.m.start)) {
            let notable = notable();
            (
                !common() && (ctx.place_cue || notable || !ctx.caps_line),
                if ctx.place_cue || notable { 0.9 } else { 0.6 },
            )
        } else if ctx.person_cue || (ctx.name_neighbour && !ctx.place_cue) {
            // `le colonel Oumarou`, `Zouman Sanogo`: part of a person's name
            (false, 0.0)
        } else if ctx.sentence_initial {
            (!common(), if exact() { 0.9 } else { 0.7 })
        } else if common() {
            (
                ctx.place_cue || ctx.weak_place_cue,
                if ctx.place_cue { 0.8 } else { 0.5 },
            )
        } else {
            (true, if ctx.place_cue || exact() { 1.0 } else { 0.85 })
        };
        if !ok {
            it.cands.retain(|c| c.kind != Kind::Place);
            if it.cands.is_empty() {
                it.keep = false;
            }
        } else {
            it.support = support;
        }
    }

    fn is_caps_sentence(&self, pos: usize) -> bool {
        sentence_at(self.sentences, pos).is_some_and(|i| {
            self.caps_sentences
                .get_or(i, || in_capitals(self.sentences[i].text(self.text)))
        })
    }

    /// Score the candidates of every kept mention from the document context
    /// and pick the best.
    fn choose(&self, items: &mut [Item]) {
        let entries = self.entries;
        let info = self.info;
        // document context: countries, admin-1 regions (both interned, see
        // `LinkTable`), anchor coordinates
        let mut countries: HashMap<u32, f32> = HashMap::default();
        let mut admin1: HashMap<u32, UnitItems> = HashMap::default();
        let mut anchors: Vec<(usize, (f64, f64))> = Vec::new();
        for (i, it) in items.iter().enumerate() {
            if !it.keep {
                continue;
            }
            let kinds_one = it.cands.iter().all(|c| c.kind == it.cands[0].kind);
            let first = &info[it.cands[0].entry as usize];
            match it.cands[0].kind {
                Kind::Country if (kinds_one || it.cands.len() == 1) && first.country != NONE => {
                    *countries.entry(first.country).or_default() += 1.0;
                }
                Kind::ArmedGroup | Kind::StateForce | Kind::Person
                    if it.cands.len() == 1 && first.country != NONE =>
                {
                    *countries.entry(first.country).or_default() += 0.5;
                }
                Kind::Place => {
                    for c in it.cands.iter().filter(|c| c.kind == Kind::Place) {
                        let own = info[c.entry as usize].own_admin1;
                        if own != NONE {
                            UnitItems::add(&mut admin1, own, i);
                        }
                    }
                    let mut places = it.cands.iter().filter(|c| c.kind == Kind::Place);
                    if let (Some(c), None) = (places.next(), places.next()) {
                        let unit = info[c.entry as usize].admin1;
                        if unit != NONE {
                            UnitItems::add(&mut admin1, unit, i);
                        }
                        if let Some(p) = self.coords[c.entry as usize] {
                            anchors.push((i, p));
                        }
                    }
                }
                _ => {}
            }
        }
        for pass in 0..2 {
            let mut new_anchors = Vec::new();
            // pass 1 weighs places by their distance to the anchors
            let index = Anchors::new(if pass == 1 { &anchors } else { &[] });
            for (i, it) in items.iter_mut().enumerate() {
                if !it.keep
                    || (pass == 1
                        && (it.cands.len() < 2
                            || index.is_empty()
                            || it.cands[0].kind != Kind::Place))
                {
                    continue;
                }
                if let [c] = it.cands.as_mut_slice() {
                    // one candidate: whatever its score, its share is 1
                    c.score = 1.0;
                    it.m.entry = c.entry;
                    it.m.form = c.form;
                    it.m.n_candidates = 1;
                    it.m.confidence = it.support.clamp(0.0, 1.0);
                    continue;
                }
                let surface = &self.text[it.m.start..it.m.end];
                for c in it.cands.iter_mut() {
                    let kind = info[c.entry as usize].kind;
                    if pass == 1 {
                        // what the first pass found, plus the distance
                        c.score = if kind == Kind::Place {
                            c.base
                                + (c.place + self.anchor_feature(c.entry, i, &index))
                                    .clamp(0.0, 9.0)
                        } else {
                            c.base
                        };
                        continue;
                    }
                    // the kind decides first (prior, then cues); the place
                    // features below only order places among themselves
                    let mut s = 10.0 * kind_prior(kind);
                    let location = matches!(kind, Kind::Place | Kind::Region | Kind::Country);
                    if location && it.ctx.place_cue {
                        s += 12.0;
                    }
                    if kind == Kind::Person && it.ctx.person_cue {
                        s += 12.0;
                    }
                    c.base = s;
                    if kind == Kind::Place {
                        c.place = self.place_features(
                            c.entry, c.form, surface, &it.ctx, &countries, &admin1, i,
                        );
                        s += c.place.clamp(0.0, 9.0);
                    }
                    if let (Some(d), true) = (self.opts.ref_date, kind != Kind::Place) {
                        match valid_at(&entries[c.entry as usize], d) {
                            Some(true) => s += 1.0,
                            Some(false) => s -= 1.0,
                            None => {}
                        }
                        c.base = s;
                    }
                    c.score = s;
                }
                it.cands
                    .sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry)));
                // softmax shares
                let best = it.cands[0].score;
                for c in it.cands.iter_mut() {
                    c.score = (c.score - best).exp();
                }
                let z: f32 = it.cands.iter().map(|c| c.score).sum();
                for c in it.cands.iter_mut() {
                    c.score /= z;
                }
                let Cand {
                    entry,
                    form,
                    score: p,
                    ..
                } = it.cands[0];
                it.m.entry = entry;
                it.m.form = form;
                it.m.n_candidates = it.cands.len() as u32;
                it.m.confidence = (p * it.support).clamp(0.0, 1.0);
                if pass == 0 && it.cands.len() > 1 && p >= 0.6 {
                    if let (Kind::Place, Some(p)) =
                        (info[entry as usize].kind, self.coords[entry as usize])
                    {
                        new_anchors.push((i, p));
                    }
                }
            }
            anchors.extend(new_anchors);
        }
    }

    /// How well a place candidate fits the document, without the distance
    /// to the anchors (the score clamps it, with that distance, to 0-9).
    #[allow(clippy::too_many_arguments)]
    fn place_features(
        &self,
        entry: u32,
        form: u32,
        surface: &str,
        ctx: &Ctx,
        countries: &HashMap<u32, f32>,
        admin1: &HashMap<u32, UnitItems>,
        me: usize,
    ) -> f32 {
        let info = &self.info[entry as usize];
        let mut s = info.place_base;
        if form == 0 {
            s += 0.6;
        }
        if let Some((f, _, _)) = self.entries[entry as usize].form(form as usize) {
            if exact_accents(f, surface) {
                s += 0.4;
            }
        }
        if info.country != NONE {
            if let Some(w) = countries.get(&info.country) {
                s += 1.5 + 0.5 * w.min(4.0).ln_1p();
            }
            // support from another mention, not from this one's own
            // admin-1 candidate (`Gao` the region for `Gao` the village)
            if info.admin1 != NONE && admin1.get(&info.admin1).is_some_and(|u| u.other_than(me)) {
                s += 1.5;
            }
        }
        if ctx.admin_head && info.has(EntryInfo::ADMIN_CODE) {
            s += 1.5;
        }
        if ctx.settlement_cue && info.has(EntryInfo::POPULATED_CODE) {
            s += 1.0;
        }
        s
    }

    /// The second pass's place feature: nearness to the anchors (places
    /// named without ambiguity), 0 to 1.5.
    fn anchor_feature(&self, entry: u32, me: usize, anchors: &Anchors) -> f32 {
        if let Some(p) = self.coords[entry as usize] {
            let d = anchors.nearest_km(p, me);
            if d.is_finite() {
                return 1.5 * (-d / 150.0).exp() as f32;
            }
        }
        0.0
    }

    /// Surnames of persons named in full: `Goïta` after `Assimi Goïta`.
    fn short_names(&self, mentions: &mut Vec<(Mention, Vec<(u32, f32)>)>) {
        let text = self.text;
        // short form (folded words joined by a space, one or two words) ->
        // the full mentions giving it, (start, entry) in text order; two
        // persons of the document may share one (two Camaras)
        let mut forms: HashMap<Cow<'a, str>, smallvec::SmallVec<[(usize, u32); 2]>> =
            HashMap::default();
        let mut add = |key: Cow<'a, str>, entry: u32, start: usize| {
            let v = forms.entry(key).or_default();
            if v.last() != Some(&(start, entry)) {
                v.push((start, entry));
            }
        };
        for (m, _) in mentions.iter() {
            if self.info[m.entry as usize].kind != Kind::Person {
                continue;
            }
            // the surface's forms, then the name's (computed once per
            // gazetteer); a surface spelt as the name gives the same forms
            let surface = &text[m.start..m.end];
            let name = &self.entries[m.entry as usize].name;
            if surface != name.as_str() {
                short_forms(surface, |f| add(Cow::Owned(f), m.entry, m.start));
            }
            for f in self.person_forms.get(&m.entry).into_iter().flatten() {
                add(Cow::Borrowed(f), m.entry, m.start);
            }
        }
        if forms.is_empty() {
            return;
        }
        let firsts: HashSet<&str> = forms
            .keys()
            .map(|k| k.split(' ').next().unwrap_or(k))
            .collect();
        let first_chars: Vec<char> = firsts.iter().filter_map(|f| f.chars().next()).collect();
        let overlaps = Overlaps::new(mentions);
        let mut key = String::new();
        let mut added: Vec<(Mention, Vec<(u32, f32)>)> = Vec::new();
        let mut words_it = CapitalisedWords::new(text, &first_chars);
        while let Some((s, e)) = words_it.next() {
            key.clear();
            fold_into(&text[s..e], &mut key);
            if !firsts.contains(key.as_str()) {
                continue;
            }
            // this word and the next: a form has one or two
            let next = Words { text, pos: e }.next();
            let ws = [(s, e), next.unwrap_or((s, e))];
            let mut hit = None;
            for len in (1..=1 + next.is_some() as usize).rev() {
                // the words must be separated by spaces only
                let span = &text[s..ws[len - 1].1];
                if span.contains(['\n', ',', '.', ';', ':', '(', ')']) {
                    continue;
                }
                key.clear();
                for (j, &(a, b)) in ws[..len].iter().enumerate() {
                    if j > 0 {
                        key.push(' ');
                    }
                    fold_into(&text[a..b], &mut key);
                }
                if let Some(full) = forms.get(key.as_str()) {
                    hit = Some((len, full));
                    break;
                }
            }
            let Some((len, full)) = hit else {
                continue;
            };
            // the person named in full most recently before (or, when
            // none is, first after): how a reader resolves `Camara` between
            // two Camaras; then less certain, with the others as alternatives
            let (first, entry) = full[0];
            let shared = full.iter().any(|&(_, e)| e != entry);
            let (entry, conf, alts) = if shared {
                let chosen = full
                    .iter()
                    .rev()
                    .find(|&&(st, _)| st < s)
                    .map_or(entry, |&(_, e)| e);
                let mut others: Vec<u32> = full
                    .iter()
                    .map(|&(_, e)| e)
                    .filter(|&e| e != chosen)
                    .collect();
                others.sort_unstable();
                others.dedup();
                let rest = 0.4 / others.len() as f32;
                let mut alts = vec![(chosen, 0.6)];
                alts.extend(others.into_iter().map(|e| (e, rest)));
                (chosen, 0.6, alts)
            } else {
                let conf = if s > first { 0.9 } else { 0.75 };
                // one candidate: no alternatives to report
                (entry, conf, Vec::new())
            };
            let end = ws[len - 1].1;
            // not inside or across another kept mention, except a place
            // of the same span (a surname that is also a village)
            let mut replace = None;
            let mut blocked = false;
            for k in overlaps.find(mentions, s, end) {
                let m = &mentions[k].0;
                let kind = self.info[m.entry as usize].kind;
                if kind == Kind::Place && m.start == s && m.end == end {
                    replace = Some(k);
                } else {
                    blocked = true;
                }
            }
            if !blocked {
                let nm = added_mention(entry, s, end, conf);
                match replace {
                    Some(k) => mentions[k] = (nm, alts),
                    None => added.push((nm, alts)),
                }
            }
            words_it.pos = end;
        }
        mentions.extend(added);
    }

    /// `Full Name (ACR)` and `ACR (Full Name)` define `ACR` in the document.
    fn acronyms(&self, mentions: &mut Vec<(Mention, Vec<(u32, f32)>)>) {
        let text = self.text;
        let mut defs: Vec<(&str, u32)> = Vec::new();
        for (m, _) in mentions.iter() {
            if matches!(
                self.info[m.entry as usize].kind,
                Kind::Trigger | Kind::Place | Kind::Country
            ) {
                continue;
            }
            let full = &text[m.start..m.end];
            // Full Name (ACR)
            let after = &text[m.end..];
            let t = after.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
            if let Some(inner) = t.strip_prefix('(') {
                if let Some(close) = inner.find(')') {
                    let acr = inner[..close].trim();
                    if looks_like_acronym(acr) && acronym_fits(acr, full) {
                        defs.push((acr, m.entry));
                    }
                }
            }
            // ACR (Full Name)
            let before = text[..m.start].trim_end_matches([' ', '\u{a0}', '\u{202f}']);
            if let (Some(b), true) = (before.strip_suffix('('), text[m.end..].starts_with(')')) {
                let b = b.trim_end_matches([' ', '\u{a0}', '\u{202f}']);
                if let Some((s, e2)) = last_word(b) {
                    let acr = &b[s..e2];
                    if looks_like_acronym(acr) && acronym_fits(acr, full) {
                        defs.push((acr, m.entry));
                    }
                }
            }
        }
        // a definition repeated (a long document) adds nothing the first
        // did not
        if defs.is_empty() {
            return;
        }
        let mut seen_defs = HashSet::default();
        defs.retain(|d| seen_defs.insert(*d));
        let overlaps = Overlaps::new(mentions);
        let mut added = Vec::new();
        let mut added_starts = HashSet::default();
        for (acr, entry) in defs {
            for s in memchr::memmem::find_iter(text.as_bytes(), acr.as_bytes()) {
                let end = s + acr.len();
                let before_ok = text[..s]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let after_ok = text[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                if !before_ok || !after_ok {
                    continue;
                }
                let nm = added_mention(entry, s, end, 0.95);
                let overlapping = overlaps.find(mentions, s, end);
                match overlapping.as_slice() {
                    [] if added_starts.insert(s) => {
                        added.push((nm, Vec::new()));
                    }
                    [k] => {
                        let m = &mentions[*k].0;
                        if m.start == s && m.end == end && m.entry != entry {
                            mentions[*k] = (nm, Vec::new());
                        }
                    }
                    _ => {}
                }
            }
        }
        mentions.extend(added);
    }
}

/// Which mentions overlap a span, without scanning them all: `short_names`
/// and `acronyms` ask for every candidate word of the document, which was
/// quadratic in a long one. Valid while the mentions keep their spans.
struct Overlaps {
    /// (start, index) of every mention, by start.
    by_start: Vec<(usize, usize)>,
    /// The longest mention, which bounds how far before a span an
    /// overlapping mention can start.
    max_len: usize,
}

impl Overlaps {
    fn new(mentions: &[(Mention, Vec<(u32, f32)>)]) -> Overlaps {
        let mut by_start: Vec<(usize, usize)> = mentions
            .iter()
            .enumerate()
            .map(|(k, (m, _))| (m.start, k))
            .collect();
        // mentions come as sorted runs: the stable sort merges runs
        by_start.sort();
        let max_len = mentions
            .iter()
            .map(|(m, _)| m.end - m.start)
            .max()
            .unwrap_or(0);
        Overlaps { by_start, max_len }
    }

    /// Indices, in increasing order, of the mentions overlapping `[s, e)`.
    fn find(&self, mentions: &[(Mention, Vec<(u32, f32)>)], s: usize, e: usize) -> Vec<usize> {
        let lo = self
            .by_start
            .partition_point(|&(st, _)| st + self.max_len <= s);
        let hi = self.by_start.partition_point(|&(st, _)| st < e);
        let mut found: Vec<usize> = self.by_start[lo..hi.max(lo)]
            .iter()
            .map(|&(_, k)| k)
            .filter(|&k| s < mentions[k].0.end)
            .collect();
        found.sort_unstable();
        found
    }
}

/// Two to twelve letters or digits, starting with a capital, at least two
/// capitals and more capitals than small letters (`ANSE`, `FAMa`, `G5`).
/// The short forms by which a person named in full (`full`) may be referred
/// to later, folded, words joined by one space: the surname (of three
/// letters or more, not a frequent word), a particle and the surname (`ag
/// ghali`), and the last two words of a name of three or more.
fn short_forms(full: &str, mut add: impl FnMut(String)) {
    let ws: Vec<String> = words(full)
        .iter()
        .map(|&(s, t)| fold(&full[s..t]))
        .collect();
    if ws.len() < 2 {
        return;
    }
    let last = ws.len() - 1;
    if in_list(W_PARTICLE, &ws[last - 1]) {
        add(format!("{} {}", ws[last - 1], ws[last]));
        if last >= 2 {
            // `Ag Ghali` alone is the useful form; `Ghali` too
            add(ws[last].clone());
        }
    } else if ws.len() >= 3 {
        add(format!("{} {}", ws[last - 1], ws[last]));
    }
    let sk = &ws[last];
    if sk.chars().count() >= 3 && !in_list(W_FREQUENT, sk) {
        add(sk.clone());
    }
}

fn looks_like_acronym(s: &str) -> bool {
    let n = s.chars().count();
    if !(2..=12).contains(&n) || !s.chars().all(|c| c.is_alphanumeric() || c == '-') {
        return false;
    }
    let (u, l) = letters_case(s);
    is_capitalised(s) && u >= 2 && u > l
}

/// Whether the acronym's capitals can be read, in order, in the full name,
/// the first one being the initial of one of its words.
fn acronym_fits(acr: &str, full: &str) -> bool {
    let caps: Vec<char> = fold(
        &acr.chars()
            .filter(|c| c.is_uppercase() || c.is_ascii_digit())
            .collect::<String>(),
    )
    .chars()
    .collect();
    let Some(&first) = caps.first() else {
        return false;
    };
    // one walk over the folded full name, folded a character at a time
    let (mut initials_ok, mut k, mut prev_alnum) = (false, 0, false);
    let mut folded = String::new();
    let mut see = |x: char| {
        let alnum = x.is_alphanumeric();
        initials_ok |= alnum && !prev_alnum && x == first;
        prev_alnum = alnum;
        if k < caps.len() && x == caps[k] {
            k += 1;
        }
    };
    for c in full.chars() {
        if c.is_ascii() {
            see(c.to_ascii_lowercase());
        } else {
            folded.clear();
            fold_non_ascii_into(c, &mut folded);
            folded.chars().for_each(&mut see);
        }
    }
    initials_ok && k == caps.len()
}

/// `char_start` of a mention the linker added or moved: to be counted.
const STALE: usize = usize::MAX;

/// Fill the code-point offsets of the mentions marked [`STALE`], counting
/// from the mention before each (the others keep what the matcher counted):
/// a document is not walked again for the few the linker adds or trims.
fn fill_stale_char_offsets(text: &str, mentions: &mut [Mention]) {
    let (mut byte, mut chars) = (0usize, 0usize);
    for m in mentions.iter_mut() {
        if m.char_start != STALE {
            (byte, chars) = (m.start, m.char_start);
            continue;
        }
        chars += text[byte..m.start].chars().count();
        byte = m.start;
        m.char_start = chars;
        m.char_end = chars + text[m.start..m.end].chars().count();
    }
}

/// A mention the linker adds (short name, acronym defined in the text): one
/// candidate, no automaton pattern, offsets in code points filled later
/// (see [`fill_stale_char_offsets`]).
fn added_mention(entry: u32, start: usize, end: usize, confidence: f32) -> Mention {
    Mention {
        entry,
        form: 0,
        start,
        end,
        char_start: STALE,
        char_end: STALE,
        n_candidates: 1,
        confidence,
        pattern: Mention::NO_PATTERN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;
    use std::sync::{Arc, OnceLock};

    fn builtin() -> &'static Matcher {
        static M: OnceLock<Matcher> = OnceLock::new();
        M.get_or_init(|| Matcher::new(Gazetteer::builtin()).unwrap())
    }

    /// Linking in parallel runs of mentions gives what one pass gives: the
    /// same mentions, confidences and alternatives, whatever the run length
    /// and the thread count.
    #[test]
    fn parallel_runs_link_as_one_pass() {
        let text = crate::test_support::sample_texts().join("\n\n").repeat(3);
        let m = builtin();
        let gaz = m.gazetteer();
        let sentences = segment(&text);
        let raw = m.find(&text);
        let opts = LinkOptions {
            ref_date: None,
            alternatives_below: 0.9,
        };
        let link = |chunk: Option<usize>| {
            let newlines: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
            let table = gaz.link_table();
            Linker {
                text: &text,
                matcher: m,
                entries: gaz.entries(),
                info: &table.info,
                coords: &table.coords,
                person_forms: &table.person_forms,
                sentences: &sentences,
                opts: &opts,
                caps_lines: &Memo::new(newlines.len() + 1),
                caps_sentences: &Memo::new(sentences.len()),
                newlines: &newlines,
                scratch: String::new(),
            }
            .run_in(raw.clone(), chunk)
        };
        let one = link(None);
        assert!(one.mentions.len() > 300 && !one.alternatives.is_empty());
        for (chunk, threads) in [(7, 2), (64, 3), (1000, 2)] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let par = pool.install(|| link(Some(chunk)));
            assert_eq!(par.mentions, one.mentions, "runs of {chunk}");
            assert_eq!(par.alternatives, one.alternatives, "runs of {chunk}");
        }
    }

    /// (surface, kind, entry name) of the entity mentions of a text linked
    /// with the built-in gazetteer.
    fn run(m: &Matcher, text: &str) -> Vec<(String, String, String)> {
        let gaz = m.gazetteer();
        let out = link(text, m, gaz, &segment(text), m.find(text));
        out.iter()
            .filter(|x| gaz.entries()[x.entry as usize].kind != Kind::Trigger)
            .map(|x| {
                let e = &gaz.entries()[x.entry as usize];
                (
                    x.surface(text).to_string(),
                    e.kind.as_str().to_string(),
                    e.name.clone(),
                )
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn overlaps_match_a_scan(
            spans in proptest::collection::vec((0..60usize, 1..8usize), 0..30),
            s in 0..70usize,
            len in 1..10usize,
        ) {
            let mentions: Vec<(Mention, Vec<(u32, f32)>)> = spans
                .iter()
                .map(|&(a, l)| (added_mention(0, a, a + l, 1.0), Vec::new()))
                .collect();
            let e = s + len;
            let scan: Vec<usize> = (0..mentions.len())
                .filter(|&k| mentions[k].0.start < e && s < mentions[k].0.end)
                .collect();
            proptest::prop_assert_eq!(Overlaps::new(&mentions).find(&mentions, s, e), scan);
        }

        #[test]
        fn in_capitals_matches_a_full_count(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "A", "B", "Z", "a", "z", " ", "É", "é", "Ç", "ç", "Ö", "ß", "1", "-",
                    "ƒ", "Σ", "σ", "MALI ", "Sénégal ", "\u{2019}", "ǅ",
                ]),
                0..300,
            ),
        ) {
            let s: String = parts.concat();
            let (u, l) = letters_case(&s);
            proptest::prop_assert_eq!(in_capitals(&s), u >= 4 && l * 4 < u);
        }

        #[test]
        fn table_search_matches_a_scan(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "A", "G", "Z", "a", "g", "z", " ", "É", "é", "Ç", "@", "[", "`", "{",
                    "\u{7f}", "\u{2019}", "ß", "Ö", "Goïta", "\n", "«", "\u{a0}", "ÿ", "à", "Þ",
                    "\u{2013}", "\u{2102}", "\u{2c00}", "Ā", "ā", "Ω",
                ]),
                0..120,
            ),
            initials in proptest::sample::subsequence(vec!['a', 'g', 'z', 'e', 'c', 'o'], 0..6),
            from in 0..40usize,
        ) {
            let text: String = parts.concat();
            let starts = StartBytes::new(&initials);
            let from = from.min(text.len());
            let b = text.as_bytes();
            let scan = (from..b.len()).find(|&p| {
                let n = b.get(p + 1).copied().unwrap_or(0);
                starts.table[b[p] as usize] && !(b[p] == 0xC3 && n >= 0xA0) && !(b[p] == 0xE2 && n == 0x80)
            });
            proptest::prop_assert_eq!(starts.next(b, from), scan);
        }

        #[test]
        fn exact_accents_matches_composing_both(
            a in proptest::collection::vec(
                proptest::sample::select(vec![
                    "e", "E", "é", "É", "e\u{301}", "E\u{301}", "o", "ö", "o\u{308}", "ß", "ss",
                    "İ", "i", "ǅ", " ", "-", "Œ", "œ", "a\u{301}\u{323}", "a\u{323}\u{301}",
                ]),
                0..6,
            ),
            b in proptest::collection::vec(
                proptest::sample::select(vec![
                    "e", "E", "é", "É", "e\u{301}", "o", "ö", "O\u{308}", "ß", "SS", "i", "I",
                    "ǆ", " ", "-", "œ", "ạ\u{301}", "á\u{323}",
                ]),
                0..6,
            ),
        ) {
            use unicode_normalization::UnicodeNormalization;
            let (a, b) = (a.concat(), b.concat());
            let lower = |s: &str| -> String { s.nfc().flat_map(char::to_lowercase).collect() };
            proptest::prop_assert_eq!(exact_accents(&a, &b), lower(&a) == lower(&b));
        }

        #[test]
        fn acronym_fits_matches_folding_the_name_first(
            acr in proptest::collection::vec(
                proptest::sample::select(vec!["A", "N", "S", "E", "É", "5", "a", "-", "Œ", "ß"]),
                0..6,
            ),
            full in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Agence", " ", "nationale", "de", "la", "sécurité", "d'", "État", "Œuvre",
                    "É", "e\u{301}", "5", "-", "sahel", "N", "s",
                ]),
                0..10,
            ),
        ) {
            let (acr, full) = (acr.concat(), full.concat());
            // the reference: fold the whole name, then look
            let full_f = fold(&full);
            let caps: Vec<char> = fold(
                &acr.chars()
                    .filter(|c| c.is_uppercase() || c.is_ascii_digit())
                    .collect::<String>(),
            )
            .chars()
            .collect();
            let want = caps.first().is_some_and(|&first| {
                let initials_ok = words(&full_f)
                    .iter()
                    .any(|&(s, _)| full_f[s..].starts_with(first));
                let mut it = full_f.chars();
                initials_ok && caps.iter().all(|c| it.any(|x| x == *c))
            });
            proptest::prop_assert_eq!(acronym_fits(&acr, &full), want);
        }

        #[test]
        fn distance_from_radians_equals_from_degrees(
            a in (-90.0..90.0f64, -180.0..180.0f64),
            b in (-90.0..90.0f64, -180.0..180.0f64),
        ) {
            // the formula as written before the radians were kept
            let (la1, lo1, la2, lo2) =
                (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
            let h = ((la2 - la1) / 2.0).sin().powi(2)
                + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
            let want = 2.0 * 6371.0 * h.sqrt().asin();
            proptest::prop_assert_eq!(haversine_km(a, b).to_bits(), want.to_bits());
        }

        #[test]
        fn nearest_anchor_matches_a_scan(
            anchors in proptest::collection::vec((0..6usize, 0..5usize), 0..12),
            p in 0..5usize,
            me in 0..6usize,
        ) {
            // few distinct points, shared by several items
            let pt = |k: usize| (12.0 + k as f64 * 0.7, -3.0 + k as f64 * 1.3);
            let anchors: Vec<(usize, (f64, f64))> =
                anchors.iter().map(|&(i, k)| (i, pt(k))).collect();
            let scan = anchors
                .iter()
                .filter(|(j, _)| *j != me)
                .map(|(_, q)| haversine_km(*q, pt(p)))
                .fold(f64::INFINITY, f64::min);
            let index = Anchors::new(&anchors);
            // twice: the second answer comes from the cache
            for _ in 0..2 {
                proptest::prop_assert_eq!(index.nearest_km(pt(p), me).to_bits(), scan.to_bits());
            }
        }
    }

    fn find<'a>(
        got: &'a [(String, String, String)],
        surface: &str,
    ) -> Vec<&'a (String, String, String)> {
        got.iter().filter(|g| g.0 == surface).collect()
    }

    #[test]
    fn word_lists_are_folded_and_sorted() {
        // lookups are made with folded words: a list word with a capital
        // or an accent would never be found
        for (list, bit) in WORD_LISTS {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
            assert!(list.iter().all(|w| fold(w) == *w), "{list:?}");
            assert!(list.iter().all(|w| in_list(bit, w)), "{list:?}");
        }
        // and nothing else is in them
        assert!(!in_list(W_FREQUENT | W_PLACE_CUE | W_PARTICLE, "kidal"));
        // `prepare` looks for a head only after a word with one of these
        // initials
        assert!(HEADS
            .iter()
            .all(|h| matches!(h[0].as_bytes()[0], b'c' | b'd' | b'p' | b'r' | b'w')));
    }

    #[test]
    fn ambiguity_by_country_and_admin1_context() {
        // (text, surface, expected country of the chosen place, admin1)
        let cases: &[(&str, &str, &str, Option<&str>)] = &[
            (
                "Au Niger, des hommes armés ont attaqué le village de Gao, dans la région de Tillabéri.",
                "Gao",
                "NER",
                Some("Tillabéri"),
            ),
            (
                "Au Mali, l'armée a repris Gao après des combats.",
                "Gao",
                "MLI",
                Some("Gao"),
            ),
            (
                "Des jihadistes ont attaqué Sofara et Djongue Bambara, dans la région de Mopti, au Mali.",
                "Sofara",
                "MLI",
                Some("Mopti"),
            ),
            (
                "Le Burkina Faso a déploré une attaque à Koulikoro, dans la région des Cascades.",
                "Koulikoro",
                "MLI",
                None,
            ),
        ];
        let m = builtin();
        let gaz = m.gazetteer();
        for (text, surface, country, admin1) in cases {
            let out = link(text, m, gaz, &segment(text), m.find(text));
            let x = out
                .iter()
                .find(|x| x.surface(text) == *surface)
                .unwrap_or_else(|| panic!("{surface} not found in {text:?}"));
            let e = &gaz.entries()[x.entry as usize];
            assert_eq!(e.country.as_deref(), Some(*country), "{text}");
            if let Some(a1) = admin1 {
                // the place lies in that admin-1 region, or is that region
                let inside = e.admin1.as_deref() == Some(*a1)
                    || (e.name == *a1 && e.feature_code.as_deref() == Some("A.ADM1"));
                assert!(inside, "{text}: {e:?}");
            }
            assert!(x.n_candidates > 1, "{surface} is ambiguous");
            assert!(x.confidence > 0.0 && x.confidence <= 1.0);
        }
    }

    #[test]
    fn canonical_name_and_admin_head() {
        let m = builtin();
        let text = "Une délégation est arrivée à Nouakchott puis dans la région de Kayes.";
        let got = run(m, text);
        assert_eq!(find(&got, "Nouakchott")[0].2, "Nouakchott");
        // the head is not part of the span, the region is chosen
        assert_eq!(find(&got, "Kayes").len(), 1);
        let gaz = m.gazetteer();
        let out = link(text, m, gaz, &segment(text), m.find(text));
        let k = out.iter().find(|x| x.surface(text) == "Kayes").unwrap();
        let e = &gaz.entries()[k.entry as usize];
        assert_eq!(e.feature_code.as_deref(), Some("A.ADM1"));
        let chars: Vec<char> = text.chars().collect();
        let by_chars: String = chars[k.char_start..k.char_end].iter().collect();
        assert_eq!(by_chars, "Kayes");
        let got = run(
            m,
            "La présidence de la République du Mali a publié un communiqué.",
        );
        assert_eq!(find(&got, "Mali").len(), 1);
    }

    #[test]
    fn common_word_gating() {
        // (text, surfaces that must not be places, surfaces that must be)
        let cases: &[(&str, &[&str], &[&str])] = &[
            (
                "Mais selon la source, le convoi de la garde est parti de Kidal.",
                &["Mais", "la", "de", "le"],
                &["Kidal"],
            ),
            (
                "Pour le gouvernement, il faut dire que la situation est grave à Mopti.",
                &["Pour", "dire", "est", "la"],
                &["Mopti"],
            ),
            (
                "ACTUALITÉS\nPAR LA RÉDACTION\nLes soldats sont arrivés à Diboli.",
                &["PAR", "LA", "Les"],
                &["Diboli"],
            ),
            (
                "So you think the army will go to Timbuktu? We do not know.",
                &["So", "you", "We", "do", "to"],
                &[],
            ),
            (
                "Par Zouman Sanogo. Le colonel Oumarou Maïga a reçu Issa Djiguiba à Bamako.",
                &["Sanogo", "Oumarou", "Issa", "Par"],
                &["Bamako"],
            ),
        ];
        let m = builtin();
        for (text, not_places, places) in cases {
            let got = run(m, text);
            for s in *not_places {
                assert!(
                    find(&got, s).iter().all(|g| g.1 != "place"),
                    "{s:?} should not be a place in {text:?}: {got:?}"
                );
            }
            for s in *places {
                assert!(
                    find(&got, s).iter().any(|g| g.1 == "place"),
                    "{s:?} should be a place in {text:?}: {got:?}"
                );
            }
        }
    }

    #[test]
    fn short_names_need_a_full_mention() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "Le président Assimi Goïta a reçu les chefs militaires. Le général Goïta a ensuite parlé. Goïta a conclu.",
                &[("Goïta", "Assimi Goïta")],
            ),
            (
                "Iyad Ag Ghali dirige le JNIM. Selon des sources, Ag Ghali aurait quitté la zone.",
                &[("Ag Ghali", "Iyad Ag Ghali")],
            ),
        ];
        let m = builtin();
        for (text, want) in cases {
            let got = run(m, text);
            for (s, name) in *want {
                let hits = find(&got, s);
                assert!(!hits.is_empty(), "{s:?} not linked in {text:?}: {got:?}");
                assert!(hits.iter().all(|g| g.2 == *name && g.1 == "person"));
            }
        }
        // without the full name, a surname alone is not a person
        let got = run(m, "Le général Goïta a parlé à Bamako.");
        assert!(got.iter().all(|g| g.1 != "person"), "{got:?}");
    }

    #[test]
    fn code_point_offsets_of_every_linked_mention() {
        // trimmed heads, short names, acronyms defined in the text, and
        // accents before and between them
        let m = builtin();
        let gaz = m.gazetteer();
        let mut texts: Vec<String> = [
            "Dans la région de Kayes, l’armée a reçu Assimi Goïta. Goïta a parlé à Gaó.",
            "L’Agence nationale de la sécurité d’État (ANSE) a arrêté... L’ANSE dément.",
            "Écoles fermées à Ménaka ; le général Goïta, Assimi Goïta et la commune rurale de Tessit.",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        for f in std::fs::read_dir(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/seeds"
        ))
        .into_iter()
        .flatten()
        .flatten()
        {
            texts.push(std::fs::read_to_string(f.path()).expect("a seed"));
        }
        for text in &texts {
            let out = link(text, m, gaz, &segment(text), m.find(text));
            assert!(!out.is_empty());
            for x in &out {
                assert_eq!(x.char_start, text[..x.start].chars().count(), "{x:?}");
                assert_eq!(x.char_end, text[..x.end].chars().count(), "{x:?}");
            }
        }
    }

    #[test]
    fn a_surname_two_persons_share_goes_to_the_nearer_before() {
        let m = builtin();
        let gaz = m.gazetteer();
        let text = "Le Premier ministre Choguel Kokalla Maïga a reçu Soumeylou Boubèye Maïga. \
                    Maïga a ensuite quitté Bamako. Le lendemain, Choguel Kokalla Maïga a parlé; \
                    Maïga a conclu.";
        let linked = link_with(
            text,
            m,
            gaz,
            &segment(text),
            m.find(text),
            &LinkOptions {
                alternatives_below: 0.8,
                ..LinkOptions::default()
            },
        );
        let short: Vec<(usize, &str, f32)> = linked
            .mentions
            .iter()
            .filter(|x| x.surface(text) == "Maïga")
            .map(|x| {
                (
                    x.start,
                    gaz.entries()[x.entry as usize].name.as_str(),
                    x.confidence,
                )
            })
            .collect();
        assert_eq!(short.len(), 2, "{short:?}");
        assert_eq!(short[0].1, "Soumeylou Boubèye Maïga");
        assert_eq!(short[1].1, "Choguel Kokalla Maïga");
        // less certain than a surname only one person has, and the other
        // person is the alternative
        assert!(short.iter().all(|x| x.2 < 0.75), "{short:?}");
        let k = linked
            .mentions
            .iter()
            .position(|x| x.start == short[0].0)
            .expect("the mention") as u32;
        let alts: Vec<&str> = linked
            .alternatives
            .iter()
            .filter(|a| a.mention == k)
            .map(|a| gaz.entries()[a.entry as usize].name.as_str())
            .collect();
        assert_eq!(alts, ["Soumeylou Boubèye Maïga", "Choguel Kokalla Maïga"]);
    }

    #[test]
    fn acronyms_defined_in_the_text() {
        let mut g = Gazetteer::new();
        g.add(Entry::new(
            "sf:anse",
            "Agence nationale de la sécurité d'État",
            Kind::StateForce,
        ))
        .unwrap();
        g.add(Entry::new("org:ue", "Union européenne", Kind::Organization))
            .unwrap();
        let mut anse_place = Entry::new("gn:1", "Anse", Kind::Place);
        anse_place.feature_code = Some("P.PPL".into());
        g.add(anse_place).unwrap();
        let m = Matcher::new(Arc::new(g)).unwrap();
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "Les agents de l'Agence nationale de la sécurité d'État (ANSE) ont arrêté un suspect. L'ANSE a confirmé.",
                &[("ANSE", "Agence nationale de la sécurité d'État")],
            ),
            (
                "L'UE (Union européenne) a suspendu son aide ; l'UE reste prudente.",
                &[("UE", "Union européenne")],
            ),
        ];
        for (text, want) in cases {
            let got = run(&m, text);
            for (s, name) in *want {
                let hits = find(&got, s);
                assert_eq!(hits.len(), 2, "{s:?} in {text:?}: {got:?}");
                assert!(hits.iter().all(|g| g.2 == *name), "{got:?}");
            }
        }
        // a parenthesis that is not an acronym of the name defines nothing
        let got = run(&m, "L'Union européenne (Bruxelles) et l'ANSE.");
        assert!(find(&got, "Bruxelles").is_empty());
        assert!(acronym_fits(
            "ANSE",
            "Agence nationale de la sécurité d'État"
        ));
        assert!(!acronym_fits(
            "UE",
            "Agence nationale de la sécurité d'État"
        ));
    }

    #[test]
    fn validity_at_the_reference_date() {
        let mut g = Gazetteer::new();
        let mut a = Entry::new("per:a", "Abdou Diallo", Kind::Person);
        a.valid_to = Some("2020-06".into());
        let mut b = Entry::new("per:b", "Abdou Diallo", Kind::Person);
        b.valid_from = Some("2021".into());
        g.add(a).unwrap();
        g.add(b).unwrap();
        let m = Matcher::new(Arc::new(g)).unwrap();
        let text = "Le ministre Abdou Diallo a parlé.";
        for (date, id) in [((2019, 5, 1), "per:a"), ((2024, 1, 2), "per:b")] {
            let opts = LinkOptions {
                ref_date: Date::new(date.0, date.1, date.2),
                alternatives_below: 0.9,
            };
            let out = link_with(text, &m, m.gazetteer(), &segment(text), m.find(text), &opts);
            assert_eq!(
                m.gazetteer().entries()[out.mentions[0].entry as usize].id,
                id
            );
            assert_eq!(out.mentions[0].n_candidates, 2);
            assert_eq!(out.alternatives.len(), 2);
            assert_eq!(out.alternatives[0].rank, 0);
        }
    }
}
