//! Finding and resolving date expressions in French and English news text.
//!
//! [`find_dates`] returns every date expression with its byte span, the date
//! it denotes, its [`Precision`] and whether it was resolved against the
//! reference (publication) date. The rules are in `EVENTS_DESIGN.md`; in
//! short:
//!
//! * absolute dates: `18 janvier 2025`, `1er août 2025`, `May 30, 2025`,
//!   `30 May 2025`, `2025-05-30`, `30/05/2025`, `30.05.2025`;
//! * partial dates: `février 2025`, `en septembre 2024`, `début mai`,
//!   `fin 2024`, `mi-juin`, `January 2025`, `en 2023`, `in 2023`;
//! * relative dates: `dimanche`, `ce mercredi`, `mercredi dernier`, `hier`,
//!   `avant-hier`, `aujourd'hui`, `la semaine dernière`,
//!   `il y a deux semaines`, `last Tuesday`, `yesterday`, `two days ago`.
//!
//! A weekday, a day and month, or a month written without a year resolves
//! to the closest one **on or before** the reference date (news reports the
//! past); `mercredi dernier` / `last Wednesday` is strictly before it. With
//! no reference, such expressions come back with `date: None`.
//!
//! # Examples
//!
//! ```
//! use tarikh_core::date::{Date, Precision};
//! use tarikh_core::dates::find_dates;
//!
//! let text = "Libérés le 3 août, ils avaient été enlevés le 18 janvier 2025.";
//! let found = find_dates(text, Date::new(2025, 8, 10));
//! assert_eq!(found.len(), 2);
//! assert_eq!(&text[found[0].start..found[0].end], "3 août");
//! assert_eq!(found[0].date, Date::new(2025, 8, 3));
//! assert!(found[0].relative);
//! assert_eq!(found[1].date, Date::new(2025, 1, 18));
//! assert_eq!(found[1].precision, Precision::Day);
//! ```

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use crate::date::{Date, Precision, Weekday};
use crate::tokens::{tokenize_with, Kind, Tok};

/// One date expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Byte offset of the first byte of the expression.
    pub start: usize,
    /// Byte offset just past the expression.
    pub end: usize,
    /// The date denoted, as the first day of its month or year for coarser
    /// precisions; `None` when it depends on a reference that was not given.
    pub date: Option<Date>,
    /// How precise the expression is.
    pub precision: Precision,
    /// Whether the expression needs the reference date (a weekday, `hier`,
    /// `le 3 août` without a year...).
    pub relative: bool,
}

/// Finds the date expressions in `text`, resolving relative ones against
/// `reference` (a day-precision publication date).
///
/// See the [module documentation](self) for what is recognised.
pub fn find_dates(text: &str, reference: Option<Date>) -> Vec<DateMention> {
    find_dates_with(text, reference.map(|d| (d, Precision::Day)))
}

/// Like [`find_dates`], with a reference known only to a month or a year.
///
/// With a coarse reference, a day and month without a year resolve against
/// the *end* of the reference period (`le 3 août` with reference `2025-08`
/// is 2025-08-03), and expressions finer than the reference (`dimanche`,
/// `hier`) get the reference period itself at its precision.
///
/// ```
/// use tarikh_core::date::{Date, Precision};
/// use tarikh_core::dates::find_dates_with;
///
/// let aug = Date::new(2025, 8, 1).unwrap();
/// let found = find_dates_with("publié dimanche, libérés le 3 août", Some((aug, Precision::Month)));
/// assert_eq!((found[0].date, found[0].precision), (Some(aug), Precision::Month));
/// assert_eq!((found[1].date, found[1].precision), (Date::new(2025, 8, 3), Precision::Day));
/// ```
pub fn find_dates_with(text: &str, reference: Option<(Date, Precision)>) -> Vec<DateMention> {
    let lower = text.to_ascii_lowercase();
    let toks = tokenize_with(text, &lower);
    let p = Parser { text, toks: &toks };
    let mut out = Vec::new();
    let mut last_end = 0usize;
    let mut i = 0;
    while i < toks.len() {
        if let Some((s, e, spec)) = p.match_at(i) {
            let (s, e) = (s.min(i), e.max(i + 1).min(toks.len()));
            if toks[s].start >= last_end {
                let (date, precision, relative) = resolve(spec, reference);
                out.push(DateMention {
                    start: toks[s].start,
                    end: toks[e - 1].end,
                    date,
                    precision,
                    relative,
                });
                last_end = toks[e - 1].end;
                i = e;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// What an expression says before resolution.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Spec {
    /// A complete date at some precision (has a year).
    Full(Date, Precision),
    /// Day and month, no year.
    DayMonth(u8, u8),
    /// Month, no year.
    Month(u8),
    /// A weekday, resolved in some direction.
    Weekday(Weekday, Dir),
    /// Reference plus n days, at the given precision (Month for vague
    /// expressions like "last week").
    Days(i32, Precision),
    /// Reference month plus n months.
    Months(i32),
    /// Reference year plus n years.
    Years(i32),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Dir {
    OnOrBefore,
    Before,
    After,
}

fn resolve(spec: Spec, reference: Option<(Date, Precision)>) -> (Option<Date>, Precision, bool) {
    let own = match spec {
        Spec::Full(d, p) => return (Some(d), p, false),
        Spec::DayMonth(..) | Spec::Weekday(..) => Precision::Day,
        Spec::Month(_) | Spec::Months(_) => Precision::Month,
        Spec::Days(_, p) => p,
        Spec::Years(_) => Precision::Year,
    };
    let Some((rd, rp)) = reference else {
        return (None, own, true);
    };
    let end = rd.end_of(rp);
    let coarse = |p: Precision| (Some(rd.truncate(rp)), p, true);
    match spec {
        Spec::Full(..) => unreachable!("returned above"),
        Spec::DayMonth(m, d) => {
            for y in (end.year.saturating_sub(8)..=end.year).rev() {
                if let Some(date) = Date::new(y, m, d) {
                    if date <= end {
                        return (Some(date), Precision::Day, true);
                    }
                }
            }
            (None, Precision::Day, true)
        }
        Spec::Month(m) => {
            let y = if m <= end.month {
                end.year
            } else {
                end.year.saturating_sub(1)
            };
            (Date::new(y, m, 1), Precision::Month, true)
        }
        Spec::Weekday(wd, dir) => {
            if rp != Precision::Day {
                return coarse(rp);
            }
            let back = (i32::from(rd.weekday().num_days_from_monday())
                - i32::from(wd.num_days_from_monday()))
            .rem_euclid(7);
            let delta = match dir {
                Dir::OnOrBefore => -back,
                Dir::Before if back == 0 => -7,
                Dir::Before => -back,
                Dir::After => {
                    let fwd = (7 - back) % 7;
                    if fwd == 0 {
                        7
                    } else {
                        fwd
                    }
                }
            };
            (Some(rd.add_days(delta)), Precision::Day, true)
        }
        Spec::Days(n, p) => {
            if rp > p {
                return coarse(rp);
            }
            (Some(rd.add_days(n).truncate(p)), p, true)
        }
        Spec::Months(n) => {
            if rp > Precision::Month {
                return coarse(rp);
            }
            (Some(rd.add_months(n)), Precision::Month, true)
        }
        Spec::Years(n) => (
            Date::new(rd.year.saturating_add(n), 1, 1),
            Precision::Year,
            true,
        ),
    }
}

/// Month names and abbreviations: (folded word, month, flags).
const AMBIGUOUS: u8 = 1; // needs a cue when alone (mai, mars, may, march)
const ABBREV: u8 = 2; // only next to a day number
const CAPITAL: u8 = 4; // must be capitalised outside day-first dates (English "may")
const MONTHS: &[(&str, u8, u8)] = &[
    ("janvier", 1, 0),
    ("fevrier", 2, 0),
    ("mars", 3, AMBIGUOUS),
    ("avril", 4, 0),
    ("mai", 5, AMBIGUOUS),
    ("juin", 6, 0),
    ("juillet", 7, 0),
    ("aout", 8, 0),
    ("septembre", 9, 0),
    ("octobre", 10, 0),
    ("novembre", 11, 0),
    ("decembre", 12, 0),
    ("january", 1, 0),
    ("february", 2, 0),
    ("march", 3, AMBIGUOUS | CAPITAL),
    ("april", 4, 0),
    ("may", 5, AMBIGUOUS | CAPITAL),
    ("june", 6, 0),
    ("july", 7, 0),
    ("august", 8, 0),
    ("september", 9, 0),
    ("october", 10, 0),
    ("november", 11, 0),
    ("december", 12, 0),
    ("janv", 1, ABBREV),
    ("jan", 1, ABBREV),
    ("fevr", 2, ABBREV),
    ("fev", 2, ABBREV),
    ("feb", 2, ABBREV),
    ("mar", 3, ABBREV),
    ("avr", 4, ABBREV),
    ("apr", 4, ABBREV),
    ("jun", 6, ABBREV),
    ("juil", 7, ABBREV),
    ("jul", 7, ABBREV),
    ("aug", 8, ABBREV),
    ("sept", 9, ABBREV),
    ("sep", 9, ABBREV),
    ("oct", 10, ABBREV),
    ("nov", 11, ABBREV),
    ("dec", 12, ABBREV),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("lundi", Weekday::Monday),
    ("mardi", Weekday::Tuesday),
    ("mercredi", Weekday::Wednesday),
    ("jeudi", Weekday::Thursday),
    ("vendredi", Weekday::Friday),
    ("samedi", Weekday::Saturday),
    ("dimanche", Weekday::Sunday),
    ("monday", Weekday::Monday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
    ("thursday", Weekday::Thursday),
    ("friday", Weekday::Friday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
];

/// Words that, just before a month or a year, make it read as a date.
const MONTH_CUES: &[&str] = &[
    "en", "in", "debut", "fin", "mi", "courant", "depuis", "since", "early", "late", "mid",
    "during", "durant", "pendant", "until", "till", "of", "last", "this", "next", "jusqu",
];
const YEAR_CUES: &[&str] = &[
    "en", "in", "debut", "fin", "mi", "courant", "depuis", "since", "during", "durant", "pendant",
    "until", "till", "annee", "an", "early", "late", "mid", "ici", "avant", "apres", "before",
    "after", "by", "of", "year",
];
/// Words that open a period ("début mai", "fin 2024", "mid-June").
const PERIOD_PREFIXES: &[&str] = &["debut", "fin", "mi", "courant", "early", "late", "mid"];

/// Small number words used in "il y a deux semaines", "two days ago".
fn small_number(t: &Tok) -> Option<i32> {
    if t.kind == Kind::Num {
        return t.num().filter(|&n| n <= 10_000).map(|n| n as i32);
    }
    if t.kind != Kind::Word {
        return None;
    }
    match t.folded() {
        // "a week ago", "an hour ago"
        "a" | "an" => Some(1),
        w => crate::quantity::word_value(w).map(|n| n as i32),
    }
}

/// The first value of each word of a list, as a hash table (every word
/// token of a date search is looked up; a list scan was 4% of the pipeline).
fn first_of<V: Copy>(list: impl Iterator<Item = (&'static str, V)>) -> HashMap<&'static str, V> {
    let mut t = HashMap::default();
    for (w, v) in list {
        t.entry(w).or_insert(v);
    }
    t
}

fn month_of(t: &Tok) -> Option<(u8, u8)> {
    static TABLE: OnceLock<HashMap<&'static str, (u8, u8)>> = OnceLock::new();
    if t.kind != Kind::Word {
        return None;
    }
    let table = TABLE.get_or_init(|| first_of(MONTHS.iter().map(|&(w, m, f)| (w, (m, f)))));
    table.get(t.folded()).copied()
}

fn weekday_of(t: &Tok) -> Option<Weekday> {
    static TABLE: OnceLock<HashMap<&'static str, Weekday>> = OnceLock::new();
    if t.kind != Kind::Word {
        return None;
    }
    let table = TABLE.get_or_init(|| first_of(WEEKDAYS.iter().copied()));
    table.get(t.folded()).copied()
}

/// The numbers taken for years (of four digits).
pub(crate) const YEARS: std::ops::RangeInclusive<u32> = 1800..=2200;

fn is_year(t: &Tok) -> Option<i32> {
    if t.ndigits() == 4 {
        let y = t.num()?;
        if YEARS.contains(&(y as u32)) {
            return Some(y as i32);
        }
    }
    None
}

struct Parser<'a> {
    text: &'a str,
    toks: &'a [Tok<'a>],
}

type Match = (usize, usize, Spec);

impl Parser<'_> {
    fn tok(&self, i: usize) -> Option<&Tok<'_>> {
        self.toks.get(i)
    }

    fn word(&self, i: usize) -> Option<&str> {
        self.tok(i)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.folded())
    }

    fn word_is(&self, i: usize, ws: &[&str]) -> bool {
        self.word(i).is_some_and(|w| ws.contains(&w))
    }

    fn prev_word_is(&self, i: usize, ws: &[&str]) -> bool {
        i > 0 && self.word_is(i - 1, ws)
    }

    fn is_capitalised(&self, t: &Tok) -> bool {
        self.text[t.start..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }

    /// Token `i` is glued (no space) to a digit-joining punctuation and a
    /// number before it: "3,5", "10/30", "1.2".
    fn glued_before(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        if t.space_before || i == 0 {
            return false;
        }
        let p = &self.toks[i - 1];
        match p.kind {
            Kind::Word | Kind::Num => true,
            Kind::Punct(c) => {
                matches!(c, ',' | '.' | '/' | ':' | '-' | '°' | '+')
                    && i >= 2
                    && !p.space_before
                    && self.toks[i - 2].is_num()
            }
        }
    }

    /// Token `i` is followed without space by a digit joiner and a number,
    /// or directly by a number or word.
    fn glued_after(&self, i: usize) -> bool {
        let Some(n) = self.tok(i + 1) else {
            return false;
        };
        if n.space_before {
            return false;
        }
        match n.kind {
            Kind::Num => true,
            Kind::Word => true,
            Kind::Punct(c) => {
                matches!(c, ',' | '.' | '/' | ':' | '-')
                    && self
                        .tok(i + 2)
                        .is_some_and(|t| !t.space_before && t.is_num())
            }
        }
    }

    fn match_at(&self, i: usize) -> Option<Match> {
        let t = self.tok(i)?;
        match t.kind {
            Kind::Num => self
                .numeric(i)
                .or_else(|| self.day_first(i))
                .or_else(|| self.cued_year(i))
                .or_else(|| self.ago(i)),
            Kind::Word => self
                .weekday(i)
                .or_else(|| self.month_first(i))
                .or_else(|| self.period_prefix(i))
                .or_else(|| self.relative_word(i))
                .or_else(|| self.relative_period(i))
                .or_else(|| self.il_y_a(i))
                .or_else(|| self.ago(i)),
            Kind::Punct(_) => None,
        }
    }

    /// `2025-05-30`, `2025-06`, `30/05/2025`, `30.05.2025`, `30-05-2025`.
    fn numeric(&self, i: usize) -> Option<Match> {
        let t = self.tok(i)?;
        if self.glued_before(i) {
            return None;
        }
        let sep = |k: usize| -> Option<char> {
            let s = self.tok(k)?;
            let n = self.tok(k + 1)?;
            match s.kind {
                Kind::Punct(c) if !s.space_before && !n.space_before && n.is_num() => Some(c),
                _ => None,
            }
        };
        if let Some(year) = is_year(t) {
            // ISO.
            if sep(i + 1) == Some('-') && self.tok(i + 2)?.ndigits() <= 2 {
                let month = self.tok(i + 2)?.num()? as u8;
                if sep(i + 3) == Some('-') && self.tok(i + 4)?.ndigits() <= 2 {
                    let day = self.tok(i + 4)?.num()? as u8;
                    if self.glued_after(i + 4) {
                        return None;
                    }
                    let d = Date::new(year, month, day)?;
                    return Some((i, i + 5, Spec::Full(d, Precision::Day)));
                }
                let m = self.tok(i + 2)?;
                let cue = self.prev_word_is(
                    i,
                    &["date", "le", "du", "on", "publie", "updated", "published"],
                );
                if m.ndigits() == 2
                    && (m.folded.starts_with('0') || cue)
                    && !self.glued_after(i + 2)
                {
                    let d = Date::new(year, month, 1)?;
                    return Some((i, i + 3, Spec::Full(d, Precision::Month)));
                }
            }
            return None;
        }
        if t.ndigits() > 2 {
            return None;
        }
        let s1 = sep(i + 1)?;
        if !matches!(s1, '/' | '.' | '-') || sep(i + 3) != Some(s1) {
            return None;
        }
        let a = t.num()? as u8;
        let b = self.tok(i + 2)?;
        if b.ndigits() > 2 {
            return None;
        }
        let b = b.num()? as u8;
        let year = is_year(self.tok(i + 4)?)?;
        if self.glued_after(i + 4) {
            return None;
        }
        let d = Date::new(year, b, a).or_else(|| Date::new(year, a, b))?;
        Some((i, i + 5, Spec::Full(d, Precision::Day)))
    }

    /// A day number, an optional ordinal suffix and a month:
    /// `18 janvier 2025`, `1er août`, `30 May 2025`, `3rd of August`.
    fn day_first(&self, i: usize) -> Option<Match> {
        let t = self.tok(i)?;
        if t.ndigits() > 2 || self.glued_before(i) {
            return None;
        }
        let day = t.num()? as u8;
        if !(1..=31).contains(&day) {
            return None;
        }
        let mut k = i + 1;
        if let Some(s) = self.tok(k) {
            if !s.space_before && matches!(s.folded(), "er" | "re" | "st" | "nd" | "rd" | "th") {
                k += 1;
            } else if !s.space_before && s.kind == Kind::Word {
                return None; // "3km", "U17x"
            }
        }
        if self.word_is(k, &["of"]) {
            k += 1;
        }
        let (month, flags) = month_of(self.tok(k)?)?;
        k += 1;
        if flags & ABBREV != 0
            && self
                .tok(k)
                .is_some_and(|t| t.is_punct('.') && !t.space_before)
        {
            k += 1;
        }
        self.finish_day_month(i, k, month, day)
    }

    /// After a day and a month ending before token `k`: an optional year.
    fn finish_day_month(&self, s: usize, k: usize, month: u8, day: u8) -> Option<Match> {
        let mut y = k;
        if self.tok(y).is_some_and(|t| t.is_punct(',')) {
            y += 1;
        }
        if let Some(year) = self.tok(y).and_then(is_year) {
            if !self.glued_after(y) {
                let d = Date::new(year, month, day)?;
                return Some((s, y + 1, Spec::Full(d, Precision::Day)));
            }
        }
        // Reject impossible days (31 avril) even without a year.
        Date::new(2000, month, day)?;
        Some((s, k, Spec::DayMonth(month, day)))
    }

    /// Starting at a month name: `May 30, 2025`, `février 2025`, `en mai`.
    fn month_first(&self, i: usize) -> Option<Match> {
        let t = self.tok(i)?;
        let (month, flags) = month_of(t)?;
        if flags & CAPITAL != 0 && !self.is_capitalised(t) {
            return None;
        }
        let mut k = i + 1;
        if flags & ABBREV != 0
            && self
                .tok(k)
                .is_some_and(|t| t.is_punct('.') && !t.space_before)
        {
            k += 1;
        }
        // Month + year.
        if let Some(year) = self.tok(k).and_then(is_year) {
            if !self.glued_after(k) {
                let d = Date::new(year, month, 1)?;
                return Some((i, k + 1, Spec::Full(d, Precision::Month)));
            }
        }
        // Month + day (English order).
        if let Some(n) = self.tok(k) {
            if n.ndigits() >= 1 && n.ndigits() <= 2 && !self.glued_before(k) {
                let day = n.num()? as u8;
                let mut j = k + 1;
                if let Some(s) = self.tok(j) {
                    if !s.space_before && matches!(s.folded(), "st" | "nd" | "rd" | "th") {
                        j += 1;
                    } else if !s.space_before && (s.kind != Kind::Punct(',') || self.glued_after(k))
                    {
                        return None;
                    }
                }
                if (1..=31).contains(&day) {
                    return self.finish_day_month(i, j, month, day);
                }
            }
        }
        if flags & ABBREV != 0 {
            return None;
        }
        // Month alone: needs a cue when ambiguous (after "en", "début", "fin"...).
        let cued = i > 0 && self.word_is(i - 1, MONTH_CUES)
            || (i >= 2
                && self.tok(i - 1).is_some_and(|t| t.is_punct('\''))
                && self.word_is(i - 2, &["d", "jusqu"]))
            || (i >= 2
                && self.tok(i - 1).is_some_and(|t| t.is_punct('-'))
                && self.word_is(i - 2, &["mi", "mid"]))
            || self.word_is(i + 1, &["dernier", "passe", "prochain"]);
        if flags & AMBIGUOUS != 0 && !cued {
            return None;
        }
        let mut e = i + 1;
        if self.word_is(e, &["dernier", "passe"]) {
            e += 1;
        }
        Some((i, e, Spec::Month(month)))
    }

    /// `début mai`, `fin 2024`, `mi-juin`, `mid-June 2025`, `end of May`.
    fn period_prefix(&self, i: usize) -> Option<Match> {
        let w = self.word(i)?;
        let mut k = i + 1;
        if PERIOD_PREFIXES.contains(&w) {
            if self.tok(k).is_some_and(|t| t.is_punct('-')) {
                k += 1;
            }
            if self.word_is(k, &["de"]) {
                k += 1;
            } else if self.word_is(k, &["d"]) && self.tok(k + 1).is_some_and(|t| t.is_punct('\'')) {
                k += 2;
            }
        } else if matches!(w, "end" | "beginning" | "start" | "middle") && self.word_is(k, &["of"])
        {
            k += 1;
        } else {
            return None;
        }
        let t = self.tok(k)?;
        if let Some(year) = is_year(t) {
            if self.glued_after(k) {
                return None;
            }
            return Some((
                i,
                k + 1,
                Spec::Full(Date::new(year, 1, 1)?, Precision::Year),
            ));
        }
        let (month, flags) = month_of(t)?;
        if flags & ABBREV != 0 || (flags & CAPITAL != 0 && !self.is_capitalised(t)) {
            return None;
        }
        if let Some(year) = self.tok(k + 1).and_then(is_year) {
            if !self.glued_after(k + 1) {
                return Some((
                    i,
                    k + 2,
                    Spec::Full(Date::new(year, month, 1)?, Precision::Month),
                ));
            }
        }
        Some((i, k + 1, Spec::Month(month)))
    }

    /// A bare 4-digit year after a cue: `en 2023`, `in 2023`, `depuis 2020`.
    fn cued_year(&self, i: usize) -> Option<Match> {
        let year = is_year(self.tok(i)?)?;
        if self.glued_before(i) || self.glued_after(i) {
            return None;
        }
        let cued = i > 0 && self.word_is(i - 1, YEAR_CUES)
            || (i >= 2 && self.tok(i - 1)?.is_punct('\'') && self.word_is(i - 2, &["jusqu"]));
        if !cued {
            return None;
        }
        Some((
            i,
            i + 1,
            Spec::Full(Date::new(year, 1, 1)?, Precision::Year),
        ))
    }

    /// Weekdays, alone or with a date: `dimanche`, `ce mercredi`,
    /// `mercredi dernier`, `last Tuesday`, `dimanche 3 août`,
    /// `Sunday, May 30, 2025`.
    fn weekday(&self, i: usize) -> Option<Match> {
        let (s, wi, mut dir) = match self.word(i)? {
            "ce" | "this" | "cette" if self.tok(i + 1).and_then(weekday_of).is_some() => {
                (i, i + 1, Dir::OnOrBefore)
            }
            "last" | "past" if self.tok(i + 1).and_then(weekday_of).is_some() => {
                (i, i + 1, Dir::Before)
            }
            "next" if self.tok(i + 1).and_then(weekday_of).is_some() => (i, i + 1, Dir::After),
            _ => (i, i, Dir::OnOrBefore),
        };
        let wd = weekday_of(self.tok(wi)?)?;
        // A full date after the weekday.
        let mut k = wi + 1;
        if self.tok(k).is_some_and(|t| t.is_punct(',')) {
            k += 1;
        }
        if self.word_is(k, &["le", "the"]) {
            k += 1;
        }
        if let Some((_, e, spec)) = self.day_first(k).or_else(|| {
            self.month_first(k)
                .filter(|m| matches!(m.2, Spec::DayMonth(..) | Spec::Full(_, Precision::Day)))
        }) {
            return Some((s, e, spec));
        }
        let mut e = wi + 1;
        match self.word(e) {
            Some("dernier" | "passe") => {
                dir = Dir::Before;
                e += 1;
            }
            Some("prochain") => {
                dir = Dir::After;
                e += 1;
            }
            Some(
                "soir" | "matin" | "midi" | "nuit" | "morning" | "afternoon" | "evening" | "night",
            ) => e += 1,
            _ => {}
        }
        Some((s, e, Spec::Weekday(wd, dir)))
    }

    /// `hier`, `avant-hier`, `aujourd'hui`, `demain`, `yesterday`,
    /// `today`, `ce matin`, `last night`, `the day before yesterday`.
    fn relative_word(&self, i: usize) -> Option<Match> {
        let w = self.word(i)?;
        let apos = |k: usize| self.tok(k).is_some_and(|t| t.is_punct('\''));
        let dash_or_space = |k: usize| {
            if self.tok(k).is_some_and(|t| t.is_punct('-')) {
                k + 1
            } else {
                k
            }
        };
        let r = match w {
            "aujourd" if apos(i + 1) && self.word_is(i + 2, &["hui"]) => (i + 3, 0),
            "aujourd" if self.word_is(i + 1, &["hui"]) => (i + 2, 0),
            "hier" => (i + 1, -1),
            "avant" if self.word_is(dash_or_space(i + 1), &["hier"]) => {
                (dash_or_space(i + 1) + 1, -2)
            }
            "demain" => (i + 1, 1),
            "apres" if self.word_is(dash_or_space(i + 1), &["demain"]) => {
                (dash_or_space(i + 1) + 1, 2)
            }
            "today" | "tonight" => (i + 1, 0),
            "yesterday" => (i + 1, -1),
            "tomorrow" => (i + 1, 1),
            "day" if self.word_is(i + 1, &["before"]) && self.word_is(i + 2, &["yesterday"]) => {
                (i + 3, -2)
            }
            "ce" | "cette" | "cet" if self.word_is(i + 1, &["matin", "soir", "nuit"]) => (i + 2, 0),
            "cet"
                if self.word_is(i + 1, &["apres"])
                    && self.word_is(dash_or_space(i + 2), &["midi"]) =>
            {
                (dash_or_space(i + 2) + 1, 0)
            }
            "this" if self.word_is(i + 1, &["morning", "afternoon", "evening"]) => (i + 2, 0),
            "last" if self.word_is(i + 1, &["night"]) => (i + 2, -1),
            "nuit" if self.word_is(i + 1, &["derniere"]) => {
                let s = if self.prev_word_is(i, &["la"]) {
                    i - 1
                } else {
                    i
                };
                return Some((s, i + 2, Spec::Days(-1, Precision::Day)));
            }
            _ => return None,
        };
        Some((i, r.0, Spec::Days(r.1, Precision::Day)))
    }

    /// `la semaine dernière`, `le mois dernier`, `l'an dernier`,
    /// `cette année`, `last week`, `this month`, `next year`.
    fn relative_period(&self, i: usize) -> Option<Match> {
        let w = self.word(i)?;
        let unit = match w {
            "semaine" | "week" => 'w',
            "mois" | "month" => 'm',
            "annee" | "year" => 'y',
            "an" if self.word_is(i + 1, &["dernier", "passe", "prochain"]) => 'y',
            _ => return None,
        };
        let (mut s, mut e, n) = if self.prev_word_is(i, &["last", "past"]) {
            (i - 1, i + 1, -1)
        } else if self.prev_word_is(i, &["this"])
            || (self.prev_word_is(i, &["cette", "ce", "cet"])
                && !self.word_is(
                    i + 1,
                    &[
                        "dernier",
                        "derniere",
                        "passe",
                        "passee",
                        "prochain",
                        "prochaine",
                    ],
                ))
        {
            (i - 1, i + 1, 0)
        } else if self.prev_word_is(i, &["next"]) {
            (i - 1, i + 1, 1)
        } else if self.word_is(i + 1, &["dernier", "derniere", "passe", "passee"]) {
            (i, i + 2, -1)
        } else if self.word_is(i + 1, &["prochain", "prochaine"]) {
            (i, i + 2, 1)
        } else {
            return None;
        };
        if s == i {
            if self.prev_word_is(i, &["la", "le"]) {
                s = i - 1;
            } else if i >= 2 && self.tok(i - 1)?.is_punct('\'') && self.word_is(i - 2, &["l"]) {
                s = i - 2;
            }
        }
        // "ce mois-ci"
        if n == 0 && self.tok(e).is_some_and(|t| t.is_punct('-')) && self.word_is(e + 1, &["ci"]) {
            e += 2;
        }
        let spec = match unit {
            'w' => Spec::Days(7 * n, Precision::Month),
            'm' => Spec::Months(n),
            _ => Spec::Years(n),
        };
        Some((s, e, spec))
    }

    /// Unit of a count: (days per unit, months per unit, years per unit).
    fn unit_at(&self, k: usize) -> Option<char> {
        Some(match self.word(k)? {
            "jour" | "jours" | "day" | "days" => 'd',
            "semaine" | "semaines" | "week" | "weeks" => 'w',
            "mois" | "month" | "months" => 'm',
            "an" | "ans" | "annee" | "annees" | "year" | "years" => 'y',
            _ => return None,
        })
    }

    fn count_spec(n: i32, unit: char, vague: bool) -> Spec {
        match unit {
            'd' if vague => Spec::Days(-n, Precision::Month),
            'd' => Spec::Days(-n, Precision::Day),
            'w' if vague => Spec::Days(-7 * n, Precision::Month),
            'w' => Spec::Days(-7 * n, Precision::Day),
            'm' => Spec::Months(-n),
            _ => Spec::Years(-n),
        }
    }

    /// `il y a trois jours`, `il y a deux semaines`, `voici un mois`.
    fn il_y_a(&self, i: usize) -> Option<Match> {
        let k = match self.word(i)? {
            "il" if self.word_is(i + 1, &["y"]) && self.word_is(i + 2, &["a"]) => i + 3,
            "voici" => i + 1,
            _ => return None,
        };
        let (n, vague, k) = if self.word_is(k, &["quelques", "plusieurs"]) {
            (3, true, k + 1)
        } else {
            (small_number(self.tok(k)?)?, false, k + 1)
        };
        let unit = self.unit_at(k)?;
        Some((i, k + 1, Self::count_spec(n, unit, vague)))
    }

    /// `two days ago`, `a week ago`, `3 months ago`, `a few days ago`.
    fn ago(&self, i: usize) -> Option<Match> {
        let t = self.tok(i)?;
        let (n, vague, k) = if t.is_word("a") && self.word_is(i + 1, &["few", "couple"]) {
            (3, true, i + 2 + usize::from(self.word_is(i + 2, &["of"])))
        } else if self.word_is(i, &["few", "several"]) {
            (3, true, i + 1)
        } else {
            (small_number(t)?, false, i + 1)
        };
        let unit = self.unit_at(k)?;
        if !self.word_is(k + 1, &["ago"]) {
            return None;
        }
        Some((i, k + 2, Self::count_spec(n, unit, vague)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    /// (text, reference, expected span text, expected date, precision, relative)
    #[allow(clippy::type_complexity)]
    const CASES: &[(&str, Option<&str>, &str, Option<&str>, Precision, bool)] = &[
        // Absolute, French.
        (
            "Enlevés le 18 janvier 2025 par des éléments",
            None,
            "18 janvier 2025",
            Some("2025-01-18"),
            Precision::Day,
            false,
        ),
        (
            "Au matin du 30 mai 2025, des membres",
            None,
            "30 mai 2025",
            Some("2025-05-30"),
            Precision::Day,
            false,
        ),
        (
            "le 1er août 2024 à Gao",
            None,
            "1er août 2024",
            Some("2024-08-01"),
            Precision::Day,
            false,
        ),
        (
            "LE 3 AOÛT 2025",
            None,
            "3 AOÛT 2025",
            Some("2025-08-03"),
            Precision::Day,
            false,
        ),
        (
            "le 3 aout 2025",
            None,
            "3 aout 2025",
            Some("2025-08-03"),
            Precision::Day,
            false,
        ),
        (
            "le 12 sept. 2024",
            None,
            "12 sept. 2024",
            Some("2024-09-12"),
            Precision::Day,
            false,
        ),
        // Absolute, English.
        (
            "on May 30, 2025 in Gao",
            None,
            "May 30, 2025",
            Some("2025-05-30"),
            Precision::Day,
            false,
        ),
        (
            "on 30 May 2025",
            None,
            "30 May 2025",
            Some("2025-05-30"),
            Precision::Day,
            false,
        ),
        (
            "the 3rd of August 2025",
            None,
            "3rd of August 2025",
            Some("2025-08-03"),
            Precision::Day,
            false,
        ),
        (
            "Sunday, May 30, 2025",
            None,
            "Sunday, May 30, 2025",
            Some("2025-05-30"),
            Precision::Day,
            false,
        ),
        (
            "on Aug. 3, 2025",
            None,
            "Aug. 3, 2025",
            Some("2025-08-03"),
            Precision::Day,
            false,
        ),
        // Numeric.
        (
            "date: 2025-05-30.",
            None,
            "2025-05-30",
            Some("2025-05-30"),
            Precision::Day,
            false,
        ),
        (
            "le 30/05/2025",
            None,
            "30/05/2025",
            Some("2025-05-30"),
            Precision::Day,
            false,
        ),
        (
            "le 30.05.2025",
            None,
            "30.05.2025",
            Some("2025-05-30"),
            Precision::Day,
            false,
        ),
        (
            "on 05/30/2025",
            None,
            "05/30/2025",
            Some("2025-05-30"),
            Precision::Day,
            false,
        ),
        (
            " date 2025-06 L'Alliance",
            None,
            "2025-06",
            Some("2025-06-01"),
            Precision::Month,
            false,
        ),
        // Partial with year.
        (
            "En février 2025, une délégation",
            None,
            "février 2025",
            Some("2025-02-01"),
            Precision::Month,
            false,
        ),
        (
            "en septembre 2024, le Mali",
            None,
            "septembre 2024",
            Some("2024-09-01"),
            Precision::Month,
            false,
        ),
        (
            "in January 2025 the",
            None,
            "January 2025",
            Some("2025-01-01"),
            Precision::Month,
            false,
        ),
        (
            "fin 2024 les",
            None,
            "fin 2024",
            Some("2024-01-01"),
            Precision::Year,
            false,
        ),
        (
            "fin mai 2025 les",
            None,
            "fin mai 2025",
            Some("2025-05-01"),
            Precision::Month,
            false,
        ),
        (
            "Pour mémoire, en 2023, des",
            None,
            "2023",
            Some("2023-01-01"),
            Precision::Year,
            false,
        ),
        (
            "It happened in 2023.",
            None,
            "2023",
            Some("2023-01-01"),
            Precision::Year,
            false,
        ),
        (
            "mi-2024",
            None,
            "mi-2024",
            Some("2024-01-01"),
            Precision::Year,
            false,
        ),
        (
            "by the end of 2024",
            None,
            "end of 2024",
            Some("2024-01-01"),
            Precision::Year,
            false,
        ),
        // Yearless, resolved on or before the reference.
        (
            "libérés le 3 août au Mali",
            Some("2025-08-10"),
            "3 août",
            Some("2025-08-03"),
            Precision::Day,
            true,
        ),
        (
            "libérés le 3 août au Mali",
            Some("2025-08-03"),
            "3 août",
            Some("2025-08-03"),
            Precision::Day,
            true,
        ),
        (
            "libérés le 3 août au Mali",
            Some("2025-08-02"),
            "3 août",
            Some("2024-08-03"),
            Precision::Day,
            true,
        ),
        (
            "le 23 mai, les FAMA",
            Some("2025-06-02"),
            "23 mai",
            Some("2025-05-23"),
            Precision::Day,
            true,
        ),
        (
            "le 29 février",
            Some("2025-03-01"),
            "29 février",
            Some("2024-02-29"),
            Precision::Day,
            true,
        ),
        (
            "enlevés en janvier ont",
            Some("2025-08-03"),
            "janvier",
            Some("2025-01-01"),
            Precision::Month,
            true,
        ),
        (
            "début mai avec",
            Some("2025-06-15"),
            "début mai",
            Some("2025-05-01"),
            Precision::Month,
            true,
        ),
        (
            "mi-juin",
            Some("2025-06-15"),
            "mi-juin",
            Some("2025-06-01"),
            Precision::Month,
            true,
        ),
        (
            "mi-juin",
            Some("2025-05-15"),
            "mi-juin",
            Some("2024-06-01"),
            Precision::Month,
            true,
        ),
        (
            "in early May the",
            Some("2025-06-15"),
            "early May",
            Some("2025-05-01"),
            Precision::Month,
            true,
        ),
        (
            "en décembre",
            Some("2025-01-10"),
            "décembre",
            Some("2024-12-01"),
            Precision::Month,
            true,
        ),
        (
            "en mai dernier",
            Some("2025-06-10"),
            "mai dernier",
            Some("2025-05-01"),
            Precision::Month,
            true,
        ),
        // Weekdays (2025-08-06 is a Wednesday).
        (
            "un communiqué publié dimanche.",
            Some("2025-08-06"),
            "dimanche",
            Some("2025-08-03"),
            Precision::Day,
            true,
        ),
        (
            "annoncée ce mercredi,",
            Some("2025-08-06"),
            "ce mercredi",
            Some("2025-08-06"),
            Precision::Day,
            true,
        ),
        (
            "mercredi dernier",
            Some("2025-08-06"),
            "mercredi dernier",
            Some("2025-07-30"),
            Precision::Day,
            true,
        ),
        (
            "jeudi dernier",
            Some("2025-08-06"),
            "jeudi dernier",
            Some("2025-07-31"),
            Precision::Day,
            true,
        ),
        (
            "last Tuesday",
            Some("2025-08-06"),
            "last Tuesday",
            Some("2025-08-05"),
            Precision::Day,
            true,
        ),
        (
            "on Sunday",
            Some("2025-08-06"),
            "Sunday",
            Some("2025-08-03"),
            Precision::Day,
            true,
        ),
        (
            "on Wednesday",
            Some("2025-08-06"),
            "Wednesday",
            Some("2025-08-06"),
            Precision::Day,
            true,
        ),
        (
            "next Monday",
            Some("2025-08-06"),
            "next Monday",
            Some("2025-08-11"),
            Precision::Day,
            true,
        ),
        (
            "dimanche soir",
            Some("2025-08-06"),
            "dimanche soir",
            Some("2025-08-03"),
            Precision::Day,
            true,
        ),
        (
            "dimanche 3 août",
            Some("2025-08-06"),
            "dimanche 3 août",
            Some("2025-08-03"),
            Precision::Day,
            true,
        ),
        // Relative days.
        (
            "Hier, à Gao",
            Some("2025-08-06"),
            "Hier",
            Some("2025-08-05"),
            Precision::Day,
            true,
        ),
        (
            "avant-hier",
            Some("2025-08-06"),
            "avant-hier",
            Some("2025-08-04"),
            Precision::Day,
            true,
        ),
        (
            "aujourd’hui",
            Some("2025-08-06"),
            "aujourd’hui",
            Some("2025-08-06"),
            Precision::Day,
            true,
        ),
        (
            "aujourd'hui",
            Some("2025-08-06"),
            "aujourd'hui",
            Some("2025-08-06"),
            Precision::Day,
            true,
        ),
        (
            "yesterday",
            Some("2025-08-01"),
            "yesterday",
            Some("2025-07-31"),
            Precision::Day,
            true,
        ),
        (
            "the day before yesterday",
            Some("2025-08-06"),
            "day before yesterday",
            Some("2025-08-04"),
            Precision::Day,
            true,
        ),
        (
            "ce matin",
            Some("2025-08-06"),
            "ce matin",
            Some("2025-08-06"),
            Precision::Day,
            true,
        ),
        (
            "il y a trois jours",
            Some("2025-08-06"),
            "il y a trois jours",
            Some("2025-08-03"),
            Precision::Day,
            true,
        ),
        (
            "il y a deux semaines",
            Some("2025-08-06"),
            "il y a deux semaines",
            Some("2025-07-23"),
            Precision::Day,
            true,
        ),
        (
            "il y a 2 mois",
            Some("2025-08-06"),
            "il y a 2 mois",
            Some("2025-06-01"),
            Precision::Month,
            true,
        ),
        (
            "two days ago",
            Some("2025-08-06"),
            "two days ago",
            Some("2025-08-04"),
            Precision::Day,
            true,
        ),
        (
            "a week ago",
            Some("2025-08-06"),
            "a week ago",
            Some("2025-07-30"),
            Precision::Day,
            true,
        ),
        (
            "a few days ago",
            Some("2025-08-06"),
            "a few days ago",
            Some("2025-08-01"),
            Precision::Month,
            true,
        ),
        // Relative periods.
        (
            "la semaine dernière",
            Some("2025-08-03"),
            "la semaine dernière",
            Some("2025-07-01"),
            Precision::Month,
            true,
        ),
        (
            "last week",
            Some("2025-08-20"),
            "last week",
            Some("2025-08-01"),
            Precision::Month,
            true,
        ),
        (
            "le mois dernier",
            Some("2025-01-20"),
            "le mois dernier",
            Some("2024-12-01"),
            Precision::Month,
            true,
        ),
        (
            "l'an dernier",
            Some("2025-01-20"),
            "l'an dernier",
            Some("2024-01-01"),
            Precision::Year,
            true,
        ),
        (
            "l’année dernière",
            Some("2025-01-20"),
            "l’année dernière",
            Some("2024-01-01"),
            Precision::Year,
            true,
        ),
        (
            "cette année",
            Some("2025-01-20"),
            "cette année",
            Some("2025-01-01"),
            Precision::Year,
            true,
        ),
        (
            "last year",
            Some("2025-01-20"),
            "last year",
            Some("2024-01-01"),
            Precision::Year,
            true,
        ),
        (
            "ce mois-ci",
            Some("2025-01-20"),
            "ce mois-ci",
            Some("2025-01-01"),
            Precision::Month,
            true,
        ),
        // No reference: relative dates are None.
        (
            "publié dimanche",
            None,
            "dimanche",
            None,
            Precision::Day,
            true,
        ),
        ("le 3 août", None, "3 août", None, Precision::Day, true),
        ("hier", None, "hier", None, Precision::Day, true),
        ("en janvier", None, "janvier", None, Precision::Month, true),
    ];

    #[test]
    fn table() {
        for &(text, reference, span, want, precision, relative) in CASES {
            let found = find_dates(text, reference.map(d));
            assert_eq!(found.len(), 1, "{text:?}: {found:?}");
            let m = &found[0];
            assert_eq!(&text[m.start..m.end], span, "{text:?}");
            assert_eq!(m.date, want.map(d), "{text:?}");
            assert_eq!(m.precision, precision, "{text:?}");
            assert_eq!(m.relative, relative, "{text:?}");
        }
    }

    #[test]
    fn not_dates() {
        let cases = [
            "They may 30 times refuse.",
            "Ils ont tué 30 personnes.",
            "En mai, nous", // "mai" with cue is OK: checked below; here "En" before
            "We may go to 2025 people",
            "ses 2 000 hommes",
            "Le mai",
            "le score de 3-0 contre",
            "Mars est une planète",
            "the march on the capital",
            "March on Sunday", // only the weekday
            "version 1.2.3",
            "30 mai 20252 min read",
            "1.200 personnes",
            "3,5 millions",
            "le 31 avril", // the month alone still reads as a month
            "2019-2020",
            "2011-12",
        ];
        let want: [usize; 17] = [0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0];
        for (text, n) in cases.iter().zip(want) {
            let found = find_dates(text, Date::new(2025, 8, 6));
            assert_eq!(found.len(), n, "{text:?}: {found:?}");
        }
    }

    #[test]
    fn several_in_a_sentence() {
        let text = "Kidnappés en janvier 2025 près de la frontière, ils ont été libérés le 3 août au Mali, a indiqué Bamako dimanche.";
        let found = find_dates(text, Date::new(2025, 8, 6));
        let spans: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(spans, ["janvier 2025", "3 août", "dimanche"]);
    }

    #[test]
    fn coarse_reference() {
        let r = Some((d("2025-06-01"), Precision::Month));
        let found = find_dates_with("le 23 mai, hier, en juin", r);
        let got: Vec<(Option<Date>, Precision)> =
            found.iter().map(|m| (m.date, m.precision)).collect();
        assert_eq!(
            got,
            [
                (Some(d("2025-05-23")), Precision::Day),
                (Some(d("2025-06-01")), Precision::Month),
                (Some(d("2025-06-01")), Precision::Month)
            ]
        );
        let r = Some((d("2025-01-01"), Precision::Year));
        let found = find_dates_with("le 3 août et dimanche", r);
        assert_eq!(found[0].date, Some(d("2025-08-03")));
        assert_eq!(
            (found[1].date, found[1].precision),
            (Some(d("2025-01-01")), Precision::Year)
        );
    }

    #[test]
    fn offsets_on_char_boundaries() {
        let text = "Éé 3 AOÛT — « début mai » l’an dernier, aujourd’hui; 30/05/2025…";
        for m in find_dates(text, Date::new(2025, 8, 6)) {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,80}") {
            for m in find_dates(&s, Date::new(2025, 1, 1)) {
                proptest::prop_assert!(m.start < m.end && m.end <= s.len());
                proptest::prop_assert!(s.is_char_boundary(m.start) && s.is_char_boundary(m.end));
            }
        }
        #[test]
        fn never_panics_datey(s in "(le |en |il y a |mi-|fin |[0-9]{1,4}|[/.,-]|mai |août |May |dimanche |dernier |hier |ago |days |2025 ){0,12}") {
            let _ = find_dates(&s, Date::new(2025, 1, 1));
            let _ = find_dates(&s, None);
        }
        /// The metadata finder skips lines without four digits in a row: a
        /// date that is not relative always has its year written out.
        #[test]
        fn absolute_dates_have_a_year(s in "(le |en |l'|mi-|fin |debut |end of |[0-9]{1,5}|[/.,'-]|1er |mai |août |sept\\. |May |Sunday, |dimanche |mercredi |dernier |last |this |hier |ago |days |in |2025 | ){0,14}") {
            for m in find_dates(&s, None).into_iter().chain(find_dates(&s, Date::new(2025, 8, 6))) {
                if !m.relative {
                    let span = &s.as_bytes()[m.start..m.end];
                    proptest::prop_assert!(span.windows(4).any(|w| w.iter().all(u8::is_ascii_digit)), "{:?}", &s[m.start..m.end]);
                }
            }
        }
    }
}
