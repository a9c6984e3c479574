//! Counts written with digits or with French and English number words.
//!
//! [`find_quantities`] finds `12`, `1 200`, `1.200`, `1,200`, `3,5 millions`,
//! `quatre`, `vingt-cinq`, `quatre-vingt-dix`, `une vingtaine` (about 20),
//! `des dizaines` (at least 10, approximate), `two`, `twenty-one`,
//! `a dozen`, `hundreds`... Vague words (`plusieurs`, `several`,
//! `nombreux`) give nothing, and neither do bare articles (`un`, `une`, `a`):
//! [`parse_quantity`] reads them as 1 when asked directly.
//!
//! Years and parts of dates are not skipped here: callers compare spans
//! with the date finder's, or ask [`QuantityMention::is_year_like`].
//!
//! # Examples
//!
//! ```
//! use tarikh_core::quantity::{find_quantities, parse_quantity};
//!
//! let text = "Les quatre chauffeurs et une vingtaine de soldats, soit 1 200 personnes.";
//! let q: Vec<(u64, bool)> = find_quantities(text).iter().map(|m| (m.value, m.approximate)).collect();
//! assert_eq!(q, [(4, false), (20, true), (1200, false)]);
//! assert_eq!(parse_quantity("vingt-cinq").map(|q| q.value), Some(25));
//! assert_eq!(parse_quantity("plusieurs"), None);
//! ```

use crate::tokens::{tokenize, tokenize_with, Kind, Tok};

/// A count and whether the text gives it only approximately.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    /// The value (a lower bound for `des dizaines`, `hundreds`).
    pub value: u64,
    /// Whether the text says it loosely: `une vingtaine`, `environ 30`,
    /// `more than 50`, `dozens`.
    pub approximate: bool,
}

/// A count found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuantityMention {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
    /// The value.
    pub value: u64,
    /// Whether it is approximate (see [`Quantity::approximate`]).
    pub approximate: bool,
}

impl QuantityMention {
    /// Whether the mention, read in `text`, is four digits from 1900 to
    /// 2100: more likely a year than a count.
    pub fn is_year_like(&self, text: &str) -> bool {
        let s = text.get(self.start..self.end).unwrap_or("");
        s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) && (1900..=2100).contains(&self.value)
    }
}

/// Parses a whole string as one quantity: `"12"`, `"1 200"`, `"quatre"`,
/// `"une vingtaine"`, `"a dozen"`, `"un"` (1). `None` when it is something
/// else or vague (`"plusieurs"`).
pub fn parse_quantity(text: &str) -> Option<Quantity> {
    let t = text.trim();
    let toks = tokenize(t);
    if toks.len() == 1 && matches!(toks[0].folded(), "un" | "une" | "a" | "an" | "one") {
        return Some(Quantity {
            value: 1,
            approximate: false,
        });
    }
    let found = find_in(&toks);
    match found.as_slice() {
        [(s, e, q)] if *s == 0 && *e == toks.len() => Some(*q),
        _ => None,
    }
}

/// Finds the counts in `text`, in order, with byte spans.
pub fn find_quantities(text: &str) -> Vec<QuantityMention> {
    let lower = text.to_ascii_lowercase();
    let toks = tokenize_with(text, &lower);
    find_in(&toks)
        .into_iter()
        .map(|(s, e, q)| QuantityMention {
            start: toks[s].start,
            end: toks[e - 1].end,
            value: q.value,
            approximate: q.approximate,
        })
        .collect()
}

/// Value of a basic number word, and whether it is a "tens" word.
pub(crate) fn word_value(w: &str) -> Option<u64> {
    Some(match w {
        "zero" => 0,
        "un" | "une" | "one" => 1,
        "deux" | "two" => 2,
        "trois" | "three" => 3,
        "quatre" | "four" => 4,
        "cinq" | "five" => 5,
        "six" => 6,
        "sept" | "seven" => 7,
        "huit" | "eight" => 8,
        "neuf" | "nine" => 9,
        "dix" | "ten" => 10,
        "onze" | "eleven" => 11,
        "douze" | "twelve" => 12,
        "treize" | "thirteen" => 13,
        "quatorze" | "fourteen" => 14,
        "quinze" | "fifteen" => 15,
        "seize" | "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "vingt" | "vingts" | "twenty" => 20,
        "trente" | "thirty" => 30,
        "quarante" | "forty" => 40,
        "cinquante" | "fifty" => 50,
        "soixante" | "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

fn multiplier(w: &str) -> Option<u64> {
    Some(match w {
        "cent" | "cents" | "hundred" => 100,
        "mille" | "thousand" => 1_000,
        "million" | "millions" => 1_000_000,
        "milliard" | "milliards" | "billion" | "billions" => 1_000_000_000,
        _ => return None,
    })
}

/// Approximate nouns: `une vingtaine` = about 20, `des centaines` ≥ 100.
fn approx_noun(w: &str) -> Option<u64> {
    Some(match w {
        "dizaine" | "dizaines" => 10,
        "douzaine" | "douzaines" | "dozen" | "dozens" => 12,
        "quinzaine" => 15,
        "vingtaine" => 20,
        "trentaine" => 30,
        "quarantaine" => 40,
        "cinquantaine" => 50,
        "soixantaine" => 60,
        "centaine" | "centaines" | "hundreds" => 100,
        "millier" | "milliers" | "thousands" => 1_000,
        "millions" => 1_000_000,
        _ => return None,
    })
}

/// Words before a number that make it approximate.
const APPROX_BEFORE: &[&[&str]] = &[
    &["environ"],
    &["quelque"],
    &["pres", "de"],
    &["pres", "d"],
    &["plus", "de"],
    &["plus", "d"],
    &["moins", "de"],
    &["au", "moins"],
    &["about"],
    &["around"],
    &["nearly"],
    &["almost"],
    &["some"],
    &["approximately"],
    &["roughly"],
    &["over"],
    &["more", "than"],
    &["less", "than"],
    &["at", "least"],
    &["up", "to"],
];

fn approx_before(toks: &[Tok], i: usize) -> bool {
    let words: Vec<&str> = toks[..i]
        .iter()
        .rev()
        .filter(|t| !t.is_punct('\''))
        .take(2)
        .map(|t| t.folded())
        .collect();
    APPROX_BEFORE.iter().any(|cue| {
        let n = cue.len();
        n <= words.len() && cue.iter().rev().zip(&words).all(|(c, w)| c == w)
    })
}

fn glued_to_word_before(toks: &[Tok], i: usize) -> bool {
    i > 0
        && !toks[i].space_before
        && matches!(
            toks[i - 1].kind,
            Kind::Word | Kind::Num | Kind::Punct('°' | 'º' | '#' | '/' | ':' | '-' | '.' | ',')
        )
}

/// Finds quantities as token ranges.
fn find_in(toks: &[Tok]) -> Vec<(usize, usize, Quantity)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let r = if toks[i].is_num() {
            digits_at(toks, i)
        } else {
            words_at(toks, i)
        };
        match r {
            Some((s, e, mut q)) => {
                q.approximate |= approx_before(toks, s);
                out.push((s, e, q));
                i = e;
            }
            None => i += 1,
        }
    }
    out
}

/// `12`, `1 200`, `1.200`, `1,200`, `3,5 millions`, `2 000 000`.
fn digits_at(toks: &[Tok], i: usize) -> Option<(usize, usize, Quantity)> {
    if glued_to_word_before(toks, i) {
        return None;
    }
    let first = &toks[i];
    let mut value = first.num()?;
    let mut e = i + 1;
    let mut decimal: Option<(u64, u32)> = None; // fraction digits, count
                                                // Thousands groups: "1 200", "1.200", "1,200".
    if first.ndigits() <= 3 {
        while let Some(n) = toks.get(e) {
            if n.is_num() && n.ndigits() == 3 && n.space_before {
                value = value.checked_mul(1000)?.checked_add(n.num()?)?;
                e += 1;
                continue;
            }
            if matches!(n.kind, Kind::Punct('.' | ',')) && !n.space_before {
                if let Some(g) = toks.get(e + 1).filter(|g| g.is_num() && !g.space_before) {
                    if g.ndigits() == 3
                        && !toks
                            .get(e + 2)
                            .is_some_and(|x| x.is_num() && !x.space_before)
                    {
                        value = value.checked_mul(1000)?.checked_add(g.num()?)?;
                        e += 2;
                        continue;
                    }
                    if g.ndigits() <= 3 && decimal.is_none() {
                        decimal = Some((g.num()?, g.ndigits() as u32));
                        e += 2;
                    }
                }
            }
            break;
        }
    } else if first.ndigits() < 4 || first.ndigits() > 15 {
        return None;
    }
    // Dates, scores, times, percentages, ordinals: not counts.
    if let Some(n) = toks.get(e) {
        if !n.space_before
            && (matches!(n.kind, Kind::Word)
                || matches!(n.kind, Kind::Punct('/' | '-' | ':' | '°' | '%'))
                    && toks
                        .get(e + 1)
                        .is_some_and(|x| x.is_num() || n.is_punct('%')))
        {
            return None;
        }
        if n.is_punct('%')
            || matches!(n.folded(), "percent" | "pourcent")
            || (n.is_word("pour") && toks.get(e + 1).is_some_and(|x| x.is_word("cent")))
        {
            return None;
        }
    }
    let mut approximate = false;
    if let Some(m) = toks
        .get(e)
        .filter(|t| t.kind == Kind::Word)
        .and_then(|t| multiplier(&t.folded))
        .filter(|&m| m >= 1000)
    {
        let frac = decimal.map_or(0, |(f, n)| f.saturating_mul(m) / 10u64.pow(n));
        value = value.checked_mul(m)?.checked_add(frac)?;
        e += 1;
    } else if decimal.is_some() {
        return None; // "3,5" or "3.5" alone is not a count
    }
    if toks.get(e).is_some_and(|t| t.is_word("environ")) {
        approximate = true;
    }
    Some((i, e, Quantity { value, approximate }))
}

/// Number words: `quatre`, `vingt-cinq`, `soixante et onze`, `deux cents`,
/// `twenty-one`, `one hundred and five`, `une vingtaine`, `des dizaines`,
/// `a dozen`, `hundreds`.
fn words_at(toks: &[Tok], i: usize) -> Option<(usize, usize, Quantity)> {
    let t = &toks[i];
    if t.kind != Kind::Word {
        return None;
    }
    let w = t.folded();
    let next_word = |k: usize| {
        toks.get(k)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.folded())
    };
    // Approximate nouns, with their determiner.
    if matches!(
        w,
        "une"
            | "un"
            | "a"
            | "des"
            | "quelques"
            | "plusieurs"
            | "de"
            | "several"
            | "many"
            | "by"
            | "the"
    ) {
        if let Some(v) = next_word(i + 1).and_then(approx_noun) {
            let singular = matches!(w, "une" | "un" | "a");
            if singular
                && next_word(i + 1).is_some_and(|n| n.ends_with('s') && n != "dizaines")
                && next_word(i + 1) != Some("dozens")
            {
                return None;
            }
            let s = if matches!(w, "une" | "un" | "a" | "des") {
                i
            } else {
                i + 1
            };
            return Some((
                s,
                i + 2,
                Quantity {
                    value: v,
                    approximate: true,
                },
            ));
        }
    }
    if let Some(v) = approx_noun(w) {
        if matches!(
            w,
            "dizaines"
                | "douzaines"
                | "centaines"
                | "milliers"
                | "dozens"
                | "hundreds"
                | "thousands"
                | "millions"
        ) {
            return Some((
                i,
                i + 1,
                Quantity {
                    value: v,
                    approximate: true,
                },
            ));
        }
        return None;
    }
    // "a hundred", "un million".
    let (mut k, lead_one) = if matches!(w, "un" | "une" | "a" | "an" | "one")
        && next_word(i + 1).and_then(multiplier).is_some()
    {
        (i + 1, true)
    } else {
        (i, false)
    };
    if !lead_one
        && (matches!(w, "un" | "une" | "a" | "an")
            || (word_value(w).is_none() && multiplier(w).is_none()))
    {
        return None;
    }
    if w == "one" && !lead_one {
        // "one" is a count only before a plural or a number word.
        let next = next_word(i + 1).unwrap_or("");
        if !next.ends_with('s') || next == "was" || next == "has" || next == "is" {
            return None;
        }
    }
    if w == "seize"
        && next_word(i + 1).is_some_and(|n| {
            [
                "the", "control", "power", "weapons", "a", "an", "their", "its", "on", "upon",
                "and", "them",
            ]
            .contains(&n)
        })
    {
        return None;
    }
    if w == "cent" && i > 0 && toks[i - 1].is_word("per") {
        return None;
    }
    let mut total: u64 = 0;
    let mut current: u64 = if lead_one { 1 } else { 0 };
    let mut last_small: Option<u64> = None;
    let mut end = k;
    while let Some(tok) = toks.get(k).filter(|t| t.kind == Kind::Word) {
        let w = tok.folded();
        if let Some(v) = word_value(w) {
            let ok = match last_small {
                None => current % 100 == 0 || lead_one,
                Some(l) => {
                    (w.starts_with("vingt") && l == 4)
                        || (l >= 20 && l % 10 == 0 && v < 10)
                        || ((l == 60 || l == 80) && v < 20)
                }
            };
            if !ok
                || (v == 1 && last_small.is_none() && k != i && !matches!(w, "un" | "une" | "one"))
            {
                break;
            }
            if w.starts_with("vingt") && last_small == Some(4) {
                current += 76;
            } else {
                current += v;
            }
            last_small = Some(current % 100);
        } else if let Some(m) = multiplier(w) {
            if m == 100 {
                current = current.max(1) * 100;
            } else {
                total = total.checked_add(current.max(1).checked_mul(m)?)?;
                current = 0;
            }
            last_small = None;
        } else {
            break;
        }
        end = k + 1;
        // Connectors: "-" glued, "et"/"and" before a number word.
        let n = toks.get(k + 1);
        let dash = n.is_some_and(|n| n.is_punct('-') && !n.space_before)
            && toks.get(k + 2).is_some_and(|x| {
                !x.space_before
                    && x.kind == Kind::Word
                    && (word_value(&x.folded).is_some() || multiplier(&x.folded).is_some())
            });
        let and = n.is_some_and(|n| n.is_word("et") || n.is_word("and"))
            && toks.get(k + 2).is_some_and(|x| {
                x.kind == Kind::Word && word_value(&x.folded).is_some_and(|v| v < 20)
            });
        k += if dash || and { 2 } else { 1 };
    }
    if end == i || (lead_one && end == i + 1) {
        return None;
    }
    Some((
        i,
        end,
        Quantity {
            value: total + current,
            approximate: false,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_table() {
        let cases: &[(&str, Option<(u64, bool)>)] = &[
            ("12", Some((12, false))),
            ("1 200", Some((1200, false))),
            ("1\u{a0}200", Some((1200, false))),
            ("1.200", Some((1200, false))),
            ("1,200", Some((1200, false))),
            ("2 000 000", Some((2_000_000, false))),
            ("3,5 millions", Some((3_500_000, false))),
            ("2 millions", Some((2_000_000, false))),
            ("quatre", Some((4, false))),
            ("deux", Some((2, false))),
            ("vingt-cinq", Some((25, false))),
            ("vingt et un", Some((21, false))),
            ("soixante et onze", Some((71, false))),
            ("soixante-dix", Some((70, false))),
            ("quatre-vingts", Some((80, false))),
            ("quatre-vingt-dix-neuf", Some((99, false))),
            ("deux cents", Some((200, false))),
            ("trois cent vingt", Some((320, false))),
            ("deux mille cinq cents", Some((2500, false))),
            ("un million", Some((1_000_000, false))),
            ("une vingtaine", Some((20, true))),
            ("une dizaine", Some((10, true))),
            ("des dizaines", Some((10, true))),
            ("des centaines", Some((100, true))),
            ("plusieurs", None),
            ("un", Some((1, false))),
            ("two", Some((2, false))),
            ("twenty-one", Some((21, false))),
            ("one hundred and five", Some((105, false))),
            ("a hundred", Some((100, false))),
            ("a dozen", Some((12, true))),
            ("dozens", Some((12, true))),
            ("hundreds", Some((100, true))),
            ("thousands", Some((1000, true))),
            ("several", None),
            ("3,5", None),
            ("3.5", None),
            ("30/05/2025", None),
            ("", None),
            ("Mali", None),
        ];
        for (s, want) in cases {
            assert_eq!(
                parse_quantity(s).map(|q| (q.value, q.approximate)),
                *want,
                "{s:?}"
            );
        }
    }

    #[test]
    fn find_table() {
        #[allow(clippy::type_complexity)]
        let cases: &[(&str, &[(&str, u64, bool)])] = &[
            (
                "les quatre chauffeurs routiers marocains",
                &[("quatre", 4, false)],
            ),
            ("expulser deux diplomates maliens", &[("deux", 2, false)]),
            (
                "Une vingtaine de ces spécialistes",
                &[("Une vingtaine", 20, true)],
            ),
            (
                "environ 30 civils et près de 1 200 déplacés",
                &[("30", 30, true), ("1 200", 1200, true)],
            ),
            ("more than 50 soldiers", &[("50", 50, true)]),
            ("at least twenty-one people", &[("twenty-one", 21, true)]),
            ("des dizaines de morts", &[("des dizaines", 10, true)]),
            ("le 30/05/2025 à 10h30, score 3-0", &[]),
            ("la Zone militaire N°4 et le Mondial U17", &[]),
            ("1er août", &[]),
            ("30 % des votes", &[]),
            ("un guide religieux et une délégation", &[]),
            ("plusieurs attaques", &[]),
            ("They seize the town and seize weapons", &[]),
            ("six mois de captivité", &[("six", 6, false)]),
            ("one of the hostages; one soldiers", &[("one", 1, false)]),
            (
                "en 2025, 700 kilomètres",
                &[("2025", 2025, false), ("700", 700, false)],
            ),
        ];
        for (text, want) in cases {
            let got: Vec<(&str, u64, bool)> = find_quantities(text)
                .iter()
                .map(|m| (&text[m.start..m.end], m.value, m.approximate))
                .collect();
            assert_eq!(got, *want, "{text:?}");
        }
    }

    #[test]
    fn year_like() {
        let text = "en 2025, 2 000 soldats";
        let q = find_quantities(text);
        assert!(q[0].is_year_like(text));
        assert!(!q[1].is_year_like(text));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "([0-9]{1,20}|[ .,/-]|vingt|et|un|cent|mille|million|quatre|dix|-){0,16}") {
            for m in find_quantities(&s) {
                proptest::prop_assert!(m.start < m.end && m.end <= s.len());
            }
            let _ = parse_quantity(&s);
        }
        #[test]
        fn never_panics_any(s in "\\PC{0,60}") {
            let _ = find_quantities(&s);
        }
    }
}
