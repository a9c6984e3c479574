//! A small word/number/punctuation tokenizer shared by the date, quantity,
//! language and metadata finders. Offsets are byte offsets into the original
//! text and always fall on char boundaries.

use std::borrow::Cow;
use std::sync::OnceLock;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters; `folded` is lower-cased with accents removed.
    Word,
    /// A run of ASCII digits.
    Num,
    /// One punctuation or symbol char, normalised: typographic apostrophes
    /// become `'`, dashes become `-`.
    Punct(char),
}

/// One token.
#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Lower-cased, accent-stripped text for words; the digits for numbers;
    /// the normalised char for punctuation. Borrowed from the text when
    /// folding leaves it unchanged (numbers, punctuation, lower-case ASCII
    /// words), so most tokens allocate nothing.
    pub folded: Cow<'a, str>,
    /// Whether whitespace (or the start of text) precedes the token.
    pub space_before: bool,
}

impl Tok<'_> {
    /// The folded text.
    pub fn folded(&self) -> &str {
        &self.folded
    }
    pub fn is_word(&self, w: &str) -> bool {
        self.kind == Kind::Word && self.folded == w
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
    pub fn is_num(&self) -> bool {
        self.kind == Kind::Num
    }
    /// Digits of a number token, if at most 18 of them.
    pub fn num(&self) -> Option<u64> {
        if self.kind != Kind::Num || self.folded.len() > 18 {
            return None;
        }
        self.folded.parse().ok()
    }
    pub fn ndigits(&self) -> usize {
        if self.kind == Kind::Num {
            self.folded.len()
        } else {
            0
        }
    }
}

/// Lower-cases the non-ASCII `c` and strips its accents, appending to `out`
/// (from a table for the Latin letters and general punctuation).
#[inline]
pub(crate) fn fold_non_ascii_into(c: char, out: &mut String) {
    match folded_common(c) {
        Some(f) => out.push_str(f),
        None => fold_non_ascii_slow(c, out),
    }
}

/// The folding of the non-ASCII `c`: from the table for the common chars,
/// else made in `buf` (cleared first), for readers that only look at it.
#[inline]
pub(crate) fn folded_non_ascii(c: char, buf: &mut String) -> &str {
    match folded_common(c) {
        Some(f) => f,
        None => {
            buf.clear();
            fold_non_ascii_slow(c, buf);
            buf.as_str()
        }
    }
}

/// The folding of the common non-ASCII chars (Latin letters, U+0080 to
/// U+024F, and general punctuation, U+2000 to U+206F), made once.
fn folded_common(c: char) -> Option<&'static str> {
    const LATIN: std::ops::Range<u32> = 0x80..0x250;
    const PUNCT: std::ops::Range<u32> = 0x2000..0x2070;
    static TABLE: OnceLock<Vec<String>> = OnceLock::new();
    let k = c as u32;
    let i = if LATIN.contains(&k) {
        k - LATIN.start
    } else if PUNCT.contains(&k) {
        k - PUNCT.start + LATIN.len() as u32
    } else {
        return None;
    };
    let table = TABLE.get_or_init(|| {
        LATIN
            .chain(PUNCT)
            .map(|k| {
                let mut s = String::new();
                fold_non_ascii_slow(char::from_u32(k).expect("a char"), &mut s);
                s
            })
            .collect()
    });
    Some(table[i as usize].as_str())
}

/// [`fold_non_ascii_into`] without the table.
fn fold_non_ascii_slow(c: char, out: &mut String) {
    for l in c.to_lowercase() {
        decompose_canonical(l, |b| {
            if !is_combining_mark(b) {
                out.push(b);
            }
        });
    }
}

/// Lower-cases and strips accents from a whole string.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends the folding of `s` to `out` (see [`fold`]).
pub(crate) fn fold_into(s: &str, out: &mut String) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Copy ASCII runs a byte at a time, lower-cased.
        let run = b[i..]
            .iter()
            .position(|x| !x.is_ascii())
            .unwrap_or(b.len() - i);
        if run > 0 {
            let start = out.len();
            out.push_str(&s[i..i + run]);
            // The pushed bytes are ASCII; lower-casing keeps them so.
            out[start..].make_ascii_lowercase();
            i += run;
            continue;
        }
        let c = s[i..].chars().next().expect("a char at a boundary");
        fold_non_ascii_into(c, out);
        i += c.len_utf8();
    }
}

fn norm_punct(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{00B4}' | '`' | '\u{2032}' => '\'',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        _ => c,
    }
}

/// Splits `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Tok<'_>> {
    tokenize_impl(text, None)
}

/// [`tokenize`], given `lower`, the text with its ASCII letters lower-cased
/// (`text.to_ascii_lowercase()`, same offsets): the folding of a word of
/// ASCII letters is then borrowed from it instead of allocated.
pub(crate) fn tokenize_with<'a>(text: &'a str, lower: &'a str) -> Vec<Tok<'a>> {
    debug_assert_eq!(text.len(), lower.len());
    tokenize_impl(text, Some(lower))
}

fn tokenize_impl<'a>(text: &'a str, lower: Option<&'a str>) -> Vec<Tok<'a>> {
    let mut toks = Vec::with_capacity(text.len() / 5 + 1);
    let b = text.as_bytes();
    let mut space = true;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let (c, clen) = if x.is_ascii() {
            (x as char, 1)
        } else {
            let c = text[i..].chars().next().expect("a char at a boundary");
            (c, c.len_utf8())
        };
        if c.is_whitespace() {
            space = true;
            i += clen;
            continue;
        }
        let start = i;
        let (kind, end, folded) = if c.is_alphabetic() {
            // Scan the word; it can be borrowed if it is lower-case ASCII.
            let mut end = i + clen;
            let mut plain = x.is_ascii_lowercase();
            let mut ascii = x.is_ascii();
            while end < b.len() {
                let y = b[end];
                if y.is_ascii() {
                    if y.is_ascii_alphabetic() {
                        plain &= y.is_ascii_lowercase();
                        end += 1;
                        continue;
                    }
                    break;
                }
                let d = text[end..].chars().next().expect("a char at a boundary");
                // Combining marks (decomposed accents) stay inside the word.
                if d.is_alphabetic() || is_combining_mark(d) {
                    plain = false;
                    ascii = false;
                    end += d.len_utf8();
                } else {
                    break;
                }
            }
            let word = &text[start..end];
            // an ASCII word folds to its lower case, which `lower` holds
            let folded = match lower {
                _ if plain => Cow::Borrowed(word),
                Some(l) if ascii => Cow::Borrowed(&l[start..end]),
                _ => Cow::Owned(fold(word)),
            };
            (Kind::Word, end, folded)
        } else if x.is_ascii_digit() {
            let mut end = i + 1;
            while end < b.len() && b[end].is_ascii_digit() {
                end += 1;
            }
            (Kind::Num, end, Cow::Borrowed(&text[start..end]))
        } else {
            let p = norm_punct(c);
            let folded = match p {
                '\'' if c != '\'' => Cow::Borrowed("'"),
                '-' if c != '-' => Cow::Borrowed("-"),
                _ => Cow::Borrowed(&text[start..start + clen]),
            };
            (Kind::Punct(p), i + clen, folded)
        };
        toks.push(Tok {
            start,
            end,
            kind,
            folded,
            space_before: space,
        });
        space = false;
        i = end;
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folding_table_is_the_folding() {
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            let (mut fast, mut slow) = (String::new(), String::new());
            fold_non_ascii_into(c, &mut fast);
            fold_non_ascii_slow(c, &mut slow);
            assert_eq!(fast, slow, "{c:?}");
        }
        assert_eq!(folded_common('É'), Some("e"));
        assert_eq!(folded_common('中'), None);
    }

    /// Borrowing ASCII words from the lower-cased text gives the same
    /// tokens as folding each.
    #[test]
    fn tokenize_with_lower_case_text_is_tokenize() {
        let mut texts = crate::test_support::sample_texts();
        texts.push(
            "Le 1er AOÛT, AUJOURD’HUI 2025-05-30 JNIM Mali ÉTAT Ǆemal aou\u{0302}t ﬁN".into(),
        );
        for t in &texts {
            let lower = t.to_ascii_lowercase();
            let (a, b) = (tokenize(t), tokenize_with(t, &lower));
            assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(&b) {
                assert_eq!(
                    (x.start, x.end, &x.kind, x.folded(), x.space_before),
                    (y.start, y.end, &y.kind, y.folded(), y.space_before)
                );
            }
        }
    }

    #[test]
    fn tokens_and_folding() {
        let t = tokenize("Le 1er AOÛT, aujourd’hui 2025-05-30");
        let f: Vec<&str> = t.iter().map(|t| t.folded()).collect();
        assert_eq!(
            f,
            ["le", "1", "er", "aout", ",", "aujourd", "'", "hui", "2025", "-", "05", "-", "30"]
        );
        assert!(!t[2].space_before);
        assert_eq!(&"Le 1er AOÛT"[t[3].start..t[3].end], "AOÛT");
        assert_eq!(fold("Élément Œuvre"), "element œuvre");
        // Decomposed accents stay in one word.
        let t = tokenize("aou\u{0302}t");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].folded, "aout");
    }
}
