//! The gazetteer matcher: the normalised forms of every alias looked up at
//! each word start of the normalised text of each document (a hash table of
//! aliases and their word prefixes, [`Engine::Words`]; or one Aho-Corasick
//! automaton run over every byte, [`Engine::AhoCorasick`]), whole words only,
//! case-sensitive aliases verified against the original, and offsets mapped
//! back to the original text.
//!
//! # Examples
//! ```
//! use std::sync::Arc;
//! use tarikh_core::{Entry, Gazetteer, Kind, Matcher};
//! let mut gaz = Gazetteer::new();
//! gaz.add(Entry::new("iso:MLI", "Mali", Kind::Country)).unwrap();
//! gaz.add(Entry::new("sf:fama", "Forces armées maliennes", Kind::StateForce).with_acronym("FAMa")).unwrap();
//! let m = Matcher::new(Arc::new(gaz)).unwrap();
//! let text = "Les FORCES ARMÉES MALIENNES (FAMa) ont quitté la Somalie pour le Mali.";
//! let found: Vec<&str> = m.find(text).iter().map(|x| &text[x.start..x.end]).collect();
//! assert_eq!(found, ["FORCES ARMÉES MALIENNES", "FAMa", "Mali"]);
//! ```

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind as AcMatchKind};
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::gazetteer::{Gazetteer, Kind};
use crate::normalize::{is_format, is_word_char, normalize, normalize_key, CaseMode, Normalized};
use crate::words::{next_unit, word_char_at, WordTable};

/// Which matches are reported where they overlap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum MatchMode {
    /// Non-overlapping matches, the leftmost first and, among those starting
    /// at the same place, the longest (`Forces armées maliennes` wins over
    /// `Mali`-like shorter names inside it).
    #[default]
    LeftmostLongest,
    /// Every whole-word match, overlapping or not.
    Overlapping,
}

/// One match of a gazetteer entry in a document.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mention {
    /// Index of the entry in the gazetteer.
    pub entry: u32,
    /// Which form matched: 0 the canonical name, `i > 0` alias `i - 1`.
    pub form: u32,
    /// Byte offset of the start in the original text.
    pub start: usize,
    /// Byte offset of the end (exclusive) in the original text.
    pub end: usize,
    /// Code point offset of the start.
    pub char_start: usize,
    /// Code point offset of the end (exclusive).
    pub char_end: usize,
    /// How many gazetteer entries this surface could mean.
    pub n_candidates: u32,
    /// How sure the link to `entry` is, from 0 to 1 (1 for an unambiguous
    /// alias; lowered by the linker for ambiguous or weakly supported ones).
    pub confidence: f32,
    /// The automaton pattern that matched, for [`Matcher::candidates`];
    /// [`Mention::NO_PATTERN`] for mentions the linker added (short names,
    /// acronyms defined in the text).
    pub pattern: u32,
}

impl Mention {
    /// The `pattern` of a mention that did not come from the automaton.
    pub const NO_PATTERN: u32 = u32::MAX;

    /// The original text of the mention.
    pub fn surface<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// What one document gave: its mentions, or the error that stopped it.
pub type DocResult = std::result::Result<Vec<Mention>, String>;

/// One entry a matched pattern can mean, with the form that gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Index of the entry in the gazetteer.
    pub entry: u32,
    /// Which form of the entry has this pattern (see [`Mention::form`]).
    pub form: u32,
    /// The entry's kind (copied so that filters need not touch the entry).
    pub kind: Kind,
    /// For case-sensitive forms, where the spellings (normalised with case
    /// kept) the original text must show are in the matcher's table of case
    /// keys; an empty range when any case matches.
    case_keys: (u32, u32),
}

impl Candidate {
    /// Whether the entry is only matched with its case kept (an acronym).
    pub fn case_sensitive(&self) -> bool {
        self.case_keys.1 > 0
    }
}

/// A candidate while the matcher is built, with its case keys inline.
struct Target {
    entry: u32,
    form: u32,
    kind: Kind,
    case_keys: Vec<Box<str>>,
}

impl Target {
    fn case_sensitive(&self) -> bool {
        !self.case_keys.is_empty()
    }
}

/// How the matcher finds aliases in the normalised text; both give the same
/// matches (a property test checks it), they differ in speed and memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Engine {
    /// A hash table of the aliases and their prefixes that end at a word or
    /// a mark, probed where a whole-word match may start (`crate::words`).
    /// The default.
    #[default]
    Words,
    /// One Aho-Corasick automaton over every alias, run over every byte,
    /// keeping the overlapping matches that are whole words.
    AhoCorasick,
}

/// The compiled form of the patterns.
#[derive(Clone, Debug)]
enum Compiled {
    Words(WordTable),
    Ac(AhoCorasick),
}

/// Builds a [`Matcher`] with non-default settings.
#[derive(Clone, Debug, Default)]
pub struct MatcherBuilder {
    mode: MatchMode,
    kinds: Option<Vec<Kind>>,
    engine: Engine,
}

impl MatcherBuilder {
    /// How overlapping matches are resolved (default leftmost-longest).
    pub fn mode(&mut self, mode: MatchMode) -> &mut Self {
        self.mode = mode;
        self
    }

    /// Match only entries of these kinds (default: all).
    pub fn kinds(&mut self, kinds: &[Kind]) -> &mut Self {
        self.kinds = Some(kinds.to_vec());
        self
    }

    /// How aliases are looked up (default [`Engine::Words`]).
    pub fn engine(&mut self, engine: Engine) -> &mut Self {
        self.engine = engine;
        self
    }

    /// Build the matcher.
    pub fn build(&self, gazetteer: Arc<Gazetteer>) -> Result<Matcher> {
        let mut keys: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        for (ei, e) in gazetteer.entries().iter().enumerate() {
            if let Some(kinds) = &self.kinds {
                if !kinds.contains(&e.kind) {
                    continue;
                }
            }
            for fi in 0..e.n_forms() {
                let (text, case_sensitive, _) = e.form(fi).expect("in range");
                let key = normalize_key(text, CaseMode::Fold);
                if key.is_empty() {
                    continue;
                }
                let pid = *keys.entry(key.clone()).or_insert_with(|| {
                    patterns.push(key);
                    targets.push(Vec::new());
                    (patterns.len() - 1) as u32
                });
                let case_key =
                    case_sensitive.then(|| normalize_key(text, CaseMode::Keep).into_boxed_str());
                let list = &mut targets[pid as usize];
                // one target per entry: a case-insensitive form of the same
                // entry makes case-sensitive ones redundant, and several
                // case-sensitive spellings (`FAMa`, `FAMA`) are all kept
                if let Some(t) = list.iter_mut().find(|t| t.entry == ei as u32) {
                    match case_key {
                        None if t.case_sensitive() => {
                            t.form = fi as u32;
                            t.case_keys.clear();
                        }
                        Some(k) if t.case_sensitive() && !t.case_keys.contains(&k) => {
                            t.case_keys.push(k)
                        }
                        _ => {}
                    }
                    continue;
                }
                list.push(Target {
                    entry: ei as u32,
                    form: fi as u32,
                    kind: e.kind,
                    case_keys: case_key.into_iter().collect(),
                });
            }
        }
        // Candidates of one pattern in order of prior preference.
        for list in &mut targets {
            list.sort_by_key(|t| {
                let e = &gazetteer.entries()[t.entry as usize];
                (
                    std::cmp::Reverse(prior_rank(e.kind)),
                    std::cmp::Reverse(e.population.unwrap_or(0)),
                    t.entry,
                )
            });
        }
        let pattern_kinds = targets
            .iter()
            .map(|list| list.iter().fold(0u8, |acc, t| acc | kind_bit(t.kind)))
            .collect();
        let ac = |pats: &[&str]| {
            AhoCorasick::builder()
                .match_kind(AcMatchKind::Standard)
                .build(pats)
                .map_err(|e| Error::Build(e.to_string()))
        };
        let compiled = match self.engine {
            Engine::AhoCorasick => Compiled::Ac(ac(&patterns
                .iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>())?),
            Engine::Words => Compiled::Words(WordTable::new(
                patterns
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (i as u32, p.as_str())),
            )),
        };
        // candidates flattened: one array, a start per pattern, case keys aside
        let mut starts = Vec::with_capacity(targets.len() + 1);
        let mut cands = Vec::with_capacity(targets.iter().map(Vec::len).sum());
        let mut case_keys: Vec<Box<str>> = Vec::new();
        starts.push(0u32);
        for list in targets {
            for t in list {
                let ck = (case_keys.len() as u32, t.case_keys.len() as u32);
                case_keys.extend(t.case_keys);
                cands.push(Candidate {
                    entry: t.entry,
                    form: t.form,
                    kind: t.kind,
                    case_keys: ck,
                });
            }
            starts.push(cands.len() as u32);
        }
        let stop_cut_ok = [". ", "! ", "? "].map(|stop| !patterns.iter().any(|p| p.contains(stop)));
        // the linker's compact view of the entries, built now (a few ms for
        // the built-in gazetteer) rather than during the first document
        gazetteer.link_table();
        Ok(Matcher {
            stop_cut_ok,
            gazetteer,
            compiled,
            starts,
            cands,
            case_keys,
            pattern_kinds,
            mode: self.mode,
        })
    }
}

/// The bit of a kind in [`Matcher::pattern_kinds`].
pub(crate) fn kind_bit(kind: Kind) -> u8 {
    1 << (kind as u8)
}

/// Prior preference among kinds when one alias names several entries.
fn prior_rank(kind: Kind) -> u8 {
    match kind {
        Kind::Country => 7,
        Kind::ArmedGroup | Kind::StateForce | Kind::Organization => 6,
        Kind::Region => 5,
        Kind::Person => 4,
        Kind::Place => 3,
        Kind::Trigger => 1,
    }
}

/// A compiled gazetteer, shared by every document and thread.
#[derive(Clone, Debug)]
pub struct Matcher {
    gazetteer: Arc<Gazetteer>,
    compiled: Compiled,
    /// The candidates of pattern `p` are `cands[starts[p]..starts[p + 1]]`.
    starts: Vec<u32>,
    cands: Vec<Candidate>,
    case_keys: Vec<Box<str>>,
    /// For each pattern, the kinds of its targets as bits ([`kind_bit`]):
    /// a compact table the linker reads for every match before it looks at
    /// candidates.
    pattern_kinds: Vec<u8>,
    mode: MatchMode,
    /// For `.`, `!` and `?`: whether no alias contains it followed by a space,
    /// so that [`Matcher::find_split`] may cut the text after it.
    stop_cut_ok: [bool; 3],
}

/// The index of a sentence end in [`Matcher::stop_cut_ok`].
fn stop_index(c: u8) -> usize {
    match c {
        b'.' => 0,
        b'!' => 1,
        _ => 2,
    }
}

impl Matcher {
    /// A matcher with the default settings (leftmost-longest, all kinds).
    pub fn new(gazetteer: Arc<Gazetteer>) -> Result<Matcher> {
        MatcherBuilder::default().build(gazetteer)
    }

    /// A builder for other settings.
    pub fn builder() -> MatcherBuilder {
        MatcherBuilder::default()
    }

    /// The gazetteer matched.
    pub fn gazetteer(&self) -> &Arc<Gazetteer> {
        &self.gazetteer
    }

    /// Number of distinct normalised patterns.
    pub fn n_patterns(&self) -> usize {
        self.starts.len() - 1
    }

    /// Which engine finds the patterns.
    pub fn engine(&self) -> Engine {
        match self.compiled {
            Compiled::Words(_) => Engine::Words,
            Compiled::Ac(_) => Engine::AhoCorasick,
        }
    }

    /// Heap memory of the pattern lookup and the candidate tables, in bytes.
    pub fn memory_usage(&self) -> usize {
        let lookup = match &self.compiled {
            Compiled::Words(table) => table.memory_usage(),
            Compiled::Ac(ac) => ac.memory_usage(),
        };
        lookup
            + self.starts.capacity() * 4
            + self.cands.capacity() * std::mem::size_of::<Candidate>()
            + self.case_keys.capacity() * std::mem::size_of::<Box<str>>()
            + self.case_keys.iter().map(|k| k.len()).sum::<usize>()
            + self.pattern_kinds.capacity()
    }

    /// Whether a surface, normalised with [`CaseMode::Keep`], may mean a
    /// candidate: always for case-insensitive ones, else when it is one of the
    /// spellings the candidate's forms give.
    pub fn accepts_case_key(&self, c: &Candidate, case_key: &str) -> bool {
        let (s, n) = (c.case_keys.0 as usize, c.case_keys.1 as usize);
        n == 0 || self.case_keys[s..s + n].iter().any(|k| **k == *case_key)
    }

    fn pattern_candidates(&self, pattern: u32) -> &[Candidate] {
        let p = pattern as usize;
        match (self.starts.get(p), self.starts.get(p + 1)) {
            (Some(&s), Some(&e)) => &self.cands[s as usize..e as usize],
            _ => &[],
        }
    }

    /// Every entry the pattern of a mention can mean, in prior order (kind,
    /// then population), including case-sensitive forms whose case the
    /// surface may not show (check with [`Candidate::accepts_case_key`]).
    /// Empty for mentions the linker added ([`Mention::NO_PATTERN`]).
    pub fn candidates(&self, m: &Mention) -> &[Candidate] {
        self.pattern_candidates(m.pattern)
    }

    /// The kinds of every entry a mention's pattern can mean, as
    /// [`kind_bit`]s (0 for mentions the linker added).
    pub(crate) fn pattern_kinds(&self, m: &Mention) -> u8 {
        self.pattern_kinds
            .get(m.pattern as usize)
            .copied()
            .unwrap_or(0)
    }

    /// The mentions in one text, ordered by start offset (then end).
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let norm = normalize(text);
        let ntext = norm.as_str();
        let mut out: Vec<Mention> = Vec::new();
        let mut sorted = false;
        match &self.compiled {
            Compiled::Ac(ac) => {
                // overlapping automaton matches that are whole words
                for m in ac.find_overlapping_iter(ntext) {
                    let (s, e) = (m.start(), m.end());
                    let before_ok = ntext[..s]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !is_word_char(c));
                    if before_ok && !word_char_at(ntext, e) {
                        out.extend(self.resolve(text, &norm, s, e, m.pattern().as_u32()));
                    }
                }
            }
            Compiled::Words(table) => {
                // Leftmost-longest is decided here: the longest valid match
                // at each unit that is not inside the previous match (so
                // those units need no lookup at all).
                let greedy = self.mode == MatchMode::LeftmostLongest;
                sorted = greedy;
                let bytes = ntext.as_bytes();
                let (mut pos, mut last_end) = (0usize, 0usize);
                // where the last word ended: a mark right after it cannot
                // start a whole-word match
                let mut word_end = usize::MAX;
                while let Some((s, first_end, is_word)) = next_unit(ntext, pos) {
                    pos = first_end;
                    let after_word = s == word_end;
                    if is_word {
                        word_end = first_end;
                    }
                    if (greedy && s < last_end) || after_word {
                        continue;
                    }
                    let (mut e, mut last_is_word) = (first_end, is_word);
                    let mut best: Option<Mention> = None;
                    while let Some(hit) = table.get(&bytes[s..e]) {
                        // a match ending with a mark must not touch a word
                        let ends_ok = last_is_word || !word_char_at(ntext, e);
                        if let (Some(p), true) = (hit.pattern, ends_ok) {
                            if let Some(m) = self.resolve(text, &norm, s, e, p) {
                                if greedy {
                                    best = Some(m);
                                    last_end = e;
                                } else {
                                    out.push(m);
                                }
                            }
                        }
                        match next_unit(ntext, e).filter(|_| hit.more) {
                            Some((_, end, w)) => (e, last_is_word) = (end, w),
                            None => break,
                        }
                    }
                    out.extend(best);
                }
            }
        }
        if !sorted {
            out.sort_unstable_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
            if self.mode == MatchMode::LeftmostLongest {
                let mut last_end = 0usize;
                out.retain(|m| {
                    let keep = m.start >= last_end;
                    if keep {
                        last_end = m.end;
                    }
                    keep
                });
            } else {
                out.sort_by_key(|m| (m.start, m.end));
            }
        }
        fill_char_offsets(text, &mut out);
        out
    }

    /// The mention of pattern `pattern` at normalised span `s..e`: offsets in
    /// the original text without the invisible format characters around it,
    /// its first candidate (in prior order) that the surface's case accepts,
    /// and how many it accepts; `None` if the case rules out every one.
    #[inline]
    fn resolve(
        &self,
        text: &str,
        norm: &Normalized,
        s: usize,
        e: usize,
        pattern: u32,
    ) -> Option<Mention> {
        let (mut os, mut oe) = (norm.orig_start(s)?, norm.orig_end(e)?);
        // invisible format characters (a right-to-left mark, a soft
        // hyphen) around the name are not part of it
        while let Some(c) = text[os..oe].chars().next().filter(|&c| is_format(c)) {
            os += c.len_utf8();
        }
        while let Some(c) = text[os..oe].chars().next_back().filter(|&c| is_format(c)) {
            oe -= c.len_utf8();
        }
        let mut case_key: Option<String> = None;
        let mut chosen: Option<&Candidate> = None;
        let mut n = 0u32;
        for t in self.pattern_candidates(pattern) {
            let ok = !t.case_sensitive()
                || self.accepts_case_key(
                    t,
                    case_key.get_or_insert_with(|| normalize_key(&text[os..oe], CaseMode::Keep)),
                );
            if ok {
                n += 1;
                chosen.get_or_insert(t);
            }
        }
        let t = chosen?;
        Some(Mention {
            entry: t.entry,
            form: t.form,
            start: os,
            end: oe,
            char_start: 0,
            char_end: 0,
            n_candidates: n,
            confidence: if n > 1 { 1.0 / n as f32 } else { 1.0 },
            pattern,
        })
    }

    /// The mentions in one text, the text cut into pieces of about
    /// `piece_bytes` matched in parallel: the same result as [`Matcher::find`],
    /// for documents large enough that one thread would be the bottleneck.
    ///
    /// Cuts fall only in the white space after a sentence end (`.`, `!` or
    /// `?`) that no alias contains followed by a space, so no match can
    /// straddle one; where there is no such place (or no such punctuation),
    /// the text is matched whole.
    pub fn find_split(&self, text: &str, piece_bytes: usize) -> Vec<Mention> {
        let cuts = self.cuts(text, piece_bytes.max(1));
        if cuts.is_empty() {
            return self.find(text);
        }
        let bounds: Vec<(usize, usize)> = std::iter::once(0)
            .chain(cuts.iter().copied())
            .zip(cuts.iter().copied().chain(std::iter::once(text.len())))
            .collect();
        let parts: Vec<Vec<Mention>> = bounds
            .par_iter()
            .map(|&(a, b)| {
                let mut ms = self.find(&text[a..b]);
                for m in &mut ms {
                    m.start += a;
                    m.end += a;
                }
                ms
            })
            .collect();
        let mut out: Vec<Mention> = parts.into_iter().flatten().collect();
        fill_char_offsets(text, &mut out);
        out
    }

    /// Where [`Matcher::find_split`] may cut `text`: byte offsets just after
    /// a sentence end that no alias spans, followed by white space, about
    /// `piece_bytes` apart.
    fn cuts(&self, text: &str, piece_bytes: usize) -> Vec<usize> {
        let b = text.as_bytes();
        let mut cuts = Vec::new();
        let mut from = piece_bytes;
        while from < b.len() {
            // the first safe sentence end at or after `from`
            let mut i = from;
            let found = loop {
                let Some(j) = b[i..].iter().position(|&c| matches!(c, b'.' | b'!' | b'?')) else {
                    break None;
                };
                let at = i + j;
                let ws = b.get(at + 1).is_some_and(|c| c.is_ascii_whitespace());
                if ws && self.stop_cut_ok[stop_index(b[at])] {
                    break Some(at + 1);
                }
                i = at + 1;
            };
            let Some(cut) = found else { break };
            if cut < b.len() {
                cuts.push(cut);
            }
            from = cut + piece_bytes;
        }
        cuts
    }

    /// Match many documents in parallel. The result has one entry per input,
    /// in input order; a missing text or a failure inside one document gives
    /// an error for that document only.
    pub fn find_batch(&self, texts: &[Option<&str>]) -> Vec<DocResult> {
        texts.par_iter().map(|t| self.find_one(*t)).collect()
    }

    /// Match one possibly missing document, turning a panic into an error.
    pub fn find_one(&self, text: Option<&str>) -> DocResult {
        let text = text.ok_or_else(|| "text is null".to_string())?;
        catch_unwind(AssertUnwindSafe(|| self.find(text))).map_err(|p| {
            format!(
                "internal error while matching: {}",
                crate::error::panic_message(p.as_ref())
            )
        })
    }
}

/// Fill `char_start`/`char_end` by counting code points, walking the text once
/// for mentions sorted by start.
pub(crate) fn fill_char_offsets(text: &str, mentions: &mut [Mention]) {
    let (mut byte, mut chars) = (0usize, 0usize);
    for m in mentions.iter_mut() {
        chars += text[byte..m.start].chars().count();
        byte = m.start;
        m.char_start = chars;
        m.char_end = chars + text[m.start..m.end].chars().count();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Entry;

    fn gaz() -> Arc<Gazetteer> {
        let mut g = Gazetteer::new();
        for e in [
            Entry::new("iso:MLI", "Mali", Kind::Country),
            Entry::new("iso:SOM", "Somalie", Kind::Country),
            Entry::new("iso:SEN", "Sénégal", Kind::Country),
            Entry::new("sf:fama", "Forces armées maliennes", Kind::StateForce).with_acronym("FAMa"),
            Entry::new(
                "ag:issp",
                "État islamique dans la province du Sahel",
                Kind::ArmedGroup,
            )
            .with_acronym("EI")
            .with_acronym("ISSP"),
            Entry::new("reg:sahel", "Sahel", Kind::Region),
            Entry::new("ag:aqmi", "Al-Qaïda au Maghreb islamique", Kind::ArmedGroup)
                .with_alias("Al-Qaïda"),
            Entry::new("org:aes", "Alliance des États du Sahel", Kind::Organization)
                .with_acronym("AES"),
            Entry::new("per:goita", "Assimi Goïta", Kind::Person),
            Entry::new("sf:armee", "armée", Kind::StateForce),
            Entry::new("gn:1", "Gao", Kind::Place).with_coords(16.27, -0.04),
        ] {
            g.add(e).unwrap();
        }
        Arc::new(g)
    }

    fn surfaces(m: &Matcher, text: &str) -> Vec<String> {
        m.find(text)
            .iter()
            .map(|x| x.surface(text).to_string())
            .collect()
    }

    #[test]
    fn semantics_table() {
        let m = Matcher::new(gaz()).unwrap();
        let cases: &[(&str, &[&str])] = &[
            (
                "Les Forces armées maliennes au Mali",
                &["Forces armées maliennes", "Mali"],
            ),
            ("la Somalie n'est pas le Mali", &["Somalie", "Mali"]),
            ("Somalie", &["Somalie"]),
            ("Malien et Maliens", &[]),
            (
                "SÉNÉGAL, Senegal, sénégal",
                &["SÉNÉGAL", "Senegal", "sénégal"],
            ),
            ("l'armée et l’EI", &["armée", "EI"]),
            (
                "d'Al-Qaïda au Maghreb islamique",
                &["Al-Qaïda au Maghreb islamique"],
            ),
            ("d’Al-Qaïda.", &["Al-Qaïda"]),
            ("ei aes AES Aes", &["AES"]),
            (
                "l'ISSP et l'État islamique dans la province du Sahel",
                &["ISSP", "État islamique dans la province du Sahel"],
            ),
            ("Gao-Kidal", &["Gao"]),
            ("Gaomi", &[]),
            ("FAMA et FAMa", &["FAMa"]),
            ("Assimi\u{a0}Goïta", &["Assimi\u{a0}Goïta"]),
            // trailing format characters stay out, marks and inner ones in
            ("\u{200f}Mali\u{200e}\u{200f}, Gao\u{ad}", &["Mali", "Gao"]),
            ("Se\u{301}ne\u{301}gal\u{200d}", &["Se\u{301}ne\u{301}gal"]),
            ("Mal\u{200b}i", &["Mal\u{200b}i"]),
        ];
        for (text, want) in cases {
            assert_eq!(surfaces(&m, text), *want, "text {text:?}");
        }
    }

    #[test]
    fn offsets_are_exact() {
        let m = Matcher::new(gaz()).unwrap();
        let text = "Au Se\u{301}ne\u{301}gal et au Mali, l’EI…";
        let ms = m.find(text);
        assert_eq!(ms.len(), 3);
        let chars: Vec<char> = text.chars().collect();
        for x in &ms {
            let by_chars: String = chars[x.char_start..x.char_end].iter().collect();
            assert_eq!(by_chars, x.surface(text));
        }
        assert_eq!(ms[0].surface(text), "Se\u{301}ne\u{301}gal");
        assert_eq!((ms[0].char_start, ms[0].char_end), (3, 12));
    }

    #[test]
    fn overlapping_mode_reports_nested_matches() {
        let m = Matcher::builder()
            .mode(MatchMode::Overlapping)
            .build(gaz())
            .unwrap();
        let got = surfaces(&m, "l'État islamique dans la province du Sahel");
        assert_eq!(got, ["État islamique dans la province du Sahel", "Sahel"]);
        let m = Matcher::new(gaz()).unwrap();
        assert_eq!(
            surfaces(&m, "l'État islamique dans la province du Sahel").len(),
            1
        );
    }

    #[test]
    fn longest_valid_match_survives_an_invalid_longer_one() {
        let mut g = Gazetteer::new();
        g.add(Entry::new("a", "Mali", Kind::Country)).unwrap();
        g.add(Entry::new("b", "Mali Ba", Kind::Place)).unwrap();
        let m = Matcher::new(Arc::new(g)).unwrap();
        // "mali ba" fails the word boundary ("Bamako"), "Mali" must still match
        assert_eq!(surfaces(&m, "Mali Bamako"), ["Mali"]);
    }

    #[test]
    fn batch_is_ordered_and_reports_null() {
        let m = Matcher::new(gaz()).unwrap();
        let texts = vec![Some("Mali"), None, Some(""), Some("Gao et Mali")];
        let res = m.find_batch(&texts);
        assert_eq!(res.len(), 4);
        assert_eq!(res[0].as_ref().unwrap().len(), 1);
        assert_eq!(res[1].as_ref().unwrap_err(), "text is null");
        assert!(res[2].as_ref().unwrap().is_empty());
        assert_eq!(res[3].as_ref().unwrap().len(), 2);
    }

    #[test]
    fn split_matching_equals_whole_on_real_text() {
        let m = Matcher::new(gaz()).unwrap();
        let text = "Le Sénégal et le Mali. Les Forces armées maliennes (FAMa) à Gao! \
                    L’EI au Sahel? Oui.\nAssimi Goïta, Alliance des États du Sahel. "
            .repeat(40);
        let whole = m.find(&text);
        assert_eq!(whole.len(), 40 * 9);
        for piece in [1, 10, 100, 1000, 1 << 20] {
            assert_eq!(m.find_split(&text, piece), whole, "pieces of {piece}");
        }
        // an alias spanning a sentence end forbids cutting there
        let mut g = Gazetteer::new();
        g.add(Entry::new("a", "St. Louis", Kind::Place)).unwrap();
        let m = Matcher::new(Arc::new(g)).unwrap();
        let text = "Vu à St. Louis. ".repeat(50);
        assert_eq!(m.find_split(&text, 5), m.find(&text));
        assert_eq!(m.find(&text).len(), 50);
    }

    #[test]
    fn ambiguous_alias_counts_candidates() {
        let mut g = Gazetteer::new();
        let mut small = Entry::new("gn:2", "Kona", Kind::Place);
        small.population = Some(100);
        let mut big = Entry::new("gn:3", "Kona", Kind::Place);
        big.population = Some(5000);
        g.add(small).unwrap();
        g.add(big).unwrap();
        let m = Matcher::new(Arc::new(g)).unwrap();
        let ms = m.find("à Kona");
        assert_eq!(ms.len(), 1);
        assert_eq!(ms[0].n_candidates, 2);
        assert_eq!(m.gazetteer().entries()[ms[0].entry as usize].id, "gn:3");
    }
}
