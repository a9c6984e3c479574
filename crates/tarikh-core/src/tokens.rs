//! A small word/number/punctuation tokenizer shared by the date, quantity,
//! language and metadata finders. Offsets are byte offsets into the original
//! text and always fall on char boundaries.

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
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Lower-cased, accent-stripped text for words; the digits for numbers;
    /// the normalised char for punctuation.
    pub folded: String,
    /// Whether whitespace (or the start of text) precedes the token.
    pub space_before: bool,
}

impl Tok {
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

/// Lower-cases `c` and strips its accents, appending to `out`.
pub(crate) fn fold_char_into(c: char, out: &mut String) {
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
    for c in s.chars() {
        fold_char_into(c, &mut out);
    }
    out
}

fn norm_punct(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{00B4}' | '`' | '\u{2032}' => '\'',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        _ => c,
    }
}

/// Splits `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut space = true;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let (kind, end, folded) = if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            let mut f = String::new();
            fold_char_into(c, &mut f);
            while let Some(&(j, d)) = it.peek() {
                // Combining marks (decomposed accents) stay inside the word.
                if d.is_alphabetic() || is_combining_mark(d) {
                    fold_char_into(d, &mut f);
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            (Kind::Word, end, f)
        } else if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = it.peek() {
                if d.is_ascii_digit() {
                    end = j + 1;
                    it.next();
                } else {
                    break;
                }
            }
            (Kind::Num, end, text[i..end].to_string())
        } else {
            let p = norm_punct(c);
            (Kind::Punct(p), i + c.len_utf8(), p.to_string())
        };
        toks.push(Tok {
            start: i,
            end,
            kind,
            folded,
            space_before: space,
        });
        space = false;
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_folding() {
        let t = tokenize("Le 1er AOÛT, aujourd’hui 2025-05-30");
        let f: Vec<&str> = t.iter().map(|t| t.folded.as_str()).collect();
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
