//! Light language identification: French, English or other.
//!
//! [`detect_language`] counts frequent function words of each language
//! over the first [`SCAN_BYTES`] bytes and picks the language with clearly
//! more hits, provided there is enough evidence; otherwise [`Lang::Other`].
//!
//! # Examples
//!
//! ```
//! use tarikh_core::lang::{detect_language, Lang};
//!
//! assert_eq!(detect_language("Les otages ont été libérés dimanche par les autorités du Mali."), Lang::Fr);
//! assert_eq!(detect_language("The hostages were freed on Sunday by the authorities of Mali."), Lang::En);
//! assert_eq!(detect_language("Bamako Mali 2025"), Lang::Other);
//! ```

use std::sync::OnceLock;

use crate::tokens::folded_non_ascii;

/// How many bytes from the start of a document are looked at.
pub const SCAN_BYTES: usize = 16 * 1024;

/// A document language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// French.
    Fr,
    /// English.
    En,
    /// Neither, or not enough evidence.
    Other,
}

impl Lang {
    /// The code used in tables: `"fr"`, `"en"` or `"other"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
            Lang::Other => "other",
        }
    }
}

/// Frequent French words that are not also frequent English words
/// (accents folded).
const FR: &[&str] = &[
    "le", "la", "les", "de", "des", "du", "un", "une", "et", "est", "en", "dans", "pour", "sur",
    "par", "que", "qui", "au", "aux", "ce", "cette", "ces", "il", "elle", "ils", "sont", "ete",
    "avec", "pas", "ne", "se", "sa", "leur", "leurs", "nous", "vous", "mais", "selon", "apres",
    "entre", "contre", "ont", "etait", "aussi", "deux", "d", "l", "qu", "s",
];
/// Frequent English words that are not also frequent French words.
const EN: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "was", "that", "for", "with", "by", "at", "from", "are",
    "be", "this", "which", "have", "has", "were", "it", "its", "an", "their", "they", "not",
    "said", "after", "had", "been", "who", "will", "would", "he", "she", "we", "also", "two",
    "into", "against",
];

/// Minimum number of function-word hits for a decision.
const MIN_HITS: usize = 5;

/// A word of at most 8 bytes packed into an integer (zero-padded; words
/// hold no NUL), so the function-word lists are one hash table of integers.
fn key(w: &[u8]) -> Option<u64> {
    if w.len() > 8 {
        return None;
    }
    let mut k = [0u8; 8];
    k[..w.len()].copy_from_slice(w);
    Some(u64::from_be_bytes(k))
}

/// The function words by [`key`]: bit 1 French, bit 2 English. An
/// open-addressing table of 512 slots (about a fifth full) probed linearly:
/// one multiplication and, mostly, one comparison per word (with the tight
/// loop over ASCII runs, language detection went from 300 to 372 MB/s).
struct FunctionWords {
    keys: Box<[u64; FunctionWords::SLOTS]>,
    bits: Box<[u8; FunctionWords::SLOTS]>,
}

impl FunctionWords {
    const SLOTS: usize = 512;

    #[inline]
    fn slot(k: u64) -> usize {
        (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - Self::SLOTS.trailing_zeros())) as usize
    }

    /// The slot that holds `k`, or the empty one where it would go (`k` is
    /// not 0, which marks empty slots).
    #[inline]
    fn find(&self, k: u64) -> usize {
        let mut i = Self::slot(k);
        while self.keys[i] != 0 && self.keys[i] != k {
            i = (i + 1) & (Self::SLOTS - 1);
        }
        i
    }

    /// The bits of `k` (0 if it is not a function word).
    #[inline]
    fn get(&self, k: u64) -> u8 {
        self.bits[self.find(k)]
    }
}

fn function_words() -> &'static FunctionWords {
    static TABLE: OnceLock<FunctionWords> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = FunctionWords {
            keys: Box::new([0; FunctionWords::SLOTS]),
            bits: Box::new([0; FunctionWords::SLOTS]),
        };
        for (list, bit) in [(FR, 1u8), (EN, 2u8)] {
            for w in list {
                let k = key(w.as_bytes()).expect("function words are at most 8 bytes");
                let i = t.find(k);
                t.keys[i] = k;
                t.bits[i] |= bit;
            }
        }
        t
    })
}

/// Each ASCII letter or digit lower-cased, 0 for the other bytes.
static LOWER_ALNUM: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 128 {
        let x = i as u8;
        if x.is_ascii_alphanumeric() {
            t[i] = x.to_ascii_lowercase();
        }
        i += 1;
    }
    t
};

/// Counts words and French and English function words in the folding of
/// `text`, split at chars that are not alphanumeric, without building the
/// folded text.
fn count_words(text: &str) -> (usize, usize, usize) {
    let table = function_words();
    let (mut fr, mut en, mut words) = (0usize, 0usize, 0usize);
    // the word being read: its first 8 bytes packed as `key` packs them
    // (shifted into place at its end), and its length in bytes
    let (mut k, mut len) = (0u64, 0usize);
    let mut flush = |k: &mut u64, len: &mut usize| {
        if *len == 0 {
            return;
        }
        words += 1;
        if *len <= 8 {
            let f = table.get(*k << (8 * (8 - *len)));
            fr += usize::from(f & 1);
            en += usize::from(f >> 1);
        }
        (*k, *len) = (0, 0);
    };
    // `k` keeps the last 8 bytes pushed, which are all of them when the
    // word has at most 8 (the only ones looked up)
    let push = |k: &mut u64, len: &mut usize, byte: u8| {
        *k = (*k << 8) | u64::from(byte);
        *len += 1;
    };
    let b = text.as_bytes();
    let mut buf = String::new();
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x.is_ascii() {
            if LOWER_ALNUM[usize::from(x)] == 0 {
                flush(&mut k, &mut len);
                i += 1;
                continue;
            }
            // a run of ASCII letters and digits, lower-cased
            let start = i;
            while i < b.len() && LOWER_ALNUM[usize::from(b[i])] != 0 {
                k = (k << 8) | u64::from(LOWER_ALNUM[usize::from(b[i])]);
                i += 1;
            }
            len += i - start;
            continue;
        }
        let c = text[i..].chars().next().expect("a char at a boundary");
        i += c.len_utf8();
        for d in folded_non_ascii(c, &mut buf).chars() {
            if d.is_alphanumeric() {
                let mut u = [0u8; 4];
                for &byte in d.encode_utf8(&mut u).as_bytes() {
                    push(&mut k, &mut len, byte);
                }
            } else {
                flush(&mut k, &mut len);
            }
        }
    }
    flush(&mut k, &mut len);
    (fr, en, words)
}

/// Detects the language of `text` from function-word frequencies.
pub fn detect_language(text: &str) -> Lang {
    let mut cut = text.len().min(SCAN_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let (fr, en, words) = count_words(&text[..cut]);
    let (best, hits, other) = if fr >= en {
        (Lang::Fr, fr, en)
    } else {
        (Lang::En, en, fr)
    };
    // Enough hits, a fair share of the words, and a clear margin.
    if hits >= MIN_HITS && hits * 10 >= words && hits * 2 > other * 3 {
        best
    } else {
        Lang::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::fold;

    #[test]
    fn table() {
        let cases = [
            ("La France a décidé de suspendre sa coopération antiterroriste avec le Mali et d’expulser deux diplomates.", Lang::Fr),
            ("Kidnappés en janvier 2025 près de la frontière entre le Burkina Faso et le Niger, quatre chauffeurs routiers ont recouvré la liberté.", Lang::Fr),
            ("France has suspended its counter-terrorism cooperation with Mali and expelled two diplomats, the ministry said.", Lang::En),
            ("I am one for African nations security cooperation under the Africa First agenda, and it is the way.", Lang::En),
            ("Die Regierung hat die Zusammenarbeit mit Mali ausgesetzt und zwei Diplomaten ausgewiesen.", Lang::Other),
            ("MALI SÉNÉGAL SAHEL AFRIQUE", Lang::Other),
            ("", Lang::Other),
            ("le the de of", Lang::Other),
        ];
        for (text, want) in cases {
            assert_eq!(detect_language(text), want, "{text:?}");
        }
    }

    #[test]
    fn function_word_table_holds_the_lists() {
        let t = function_words();
        for w in FR.iter().chain(EN) {
            let want = u8::from(FR.contains(w)) | (u8::from(EN.contains(w)) << 1);
            assert_eq!(t.get(key(w.as_bytes()).unwrap()), want, "{w}");
        }
        for w in ["lee", "th", "thee", "dess", "x", "mali", "niger", "pour1"] {
            assert_eq!(t.get(key(w.as_bytes()).unwrap()), 0, "{w}");
        }
    }

    /// The counts are those of the folded text split at chars that are
    /// not alphanumeric (the definition), on real and random text.
    #[test]
    fn counts_follow_the_definition() {
        let reference = |text: &str| {
            let f = fold(text);
            let words: Vec<&str> = f
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let count = |list: &[&str]| words.iter().filter(|w| list.contains(w)).count();
            (count(FR), count(EN), words.len())
        };
        let mut texts = crate::test_support::sample_texts();
        texts.extend(
            [
                "ÉTÉ été Été ÆTHER ŒUVRE Straße ﬁn ＤＥＳ lＥs l’armée d'Etat qu’il",
                "abcdefgh abcdefghi THE The tHe 12 3e 1er ½ ² ٣ 中文 les\u{301} le\u{0300}s",
                "",
                "  ,;  ",
            ]
            .map(str::to_string),
        );
        // random strings over a mixed alphabet
        let alphabet: Vec<char> = "aelsdtnhiuoqr ÉéèàçœŒÆß’',.-\u{301}ﬁＤ½²中 \n"
            .chars()
            .collect();
        let mut seed = 7u64;
        for _ in 0..2000 {
            let n = (seed % 40) as usize;
            let t: String = (0..n)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    alphabet[(seed >> 33) as usize % alphabet.len()]
                })
                .collect();
            texts.push(t);
        }
        for t in &texts {
            assert_eq!(count_words(t), reference(t), "{t:?}");
        }
    }

    #[test]
    fn long_and_multibyte_input() {
        let text = "é".repeat(SCAN_BYTES) + " le la les de des du et est en dans";
        assert_eq!(detect_language(&text), Lang::Other);
        let text = "Le Mali et le Sénégal ont signé un accord. ".repeat(1000);
        assert_eq!(detect_language(&text), Lang::Fr);
    }
}
