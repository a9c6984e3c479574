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

use crate::tokens::fold_non_ascii_into;

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
/// hold no NUL), so the function-word lists are searched with integer
/// compares.
fn key(w: &[u8]) -> Option<u64> {
    if w.len() > 8 {
        return None;
    }
    let mut k = [0u8; 8];
    k[..w.len()].copy_from_slice(w);
    Some(u64::from_be_bytes(k))
}

/// The sorted keys of a word list.
fn keys(words: &[&str]) -> Vec<u64> {
    let mut v: Vec<u64> = words
        .iter()
        .map(|w| key(w.as_bytes()).expect("function words are at most 8 bytes"))
        .collect();
    v.sort_unstable();
    v
}

/// Counts words and French and English function words in the folding of
/// `text`, split at chars that are not alphanumeric, without building the
/// folded text.
fn count_words(text: &str) -> (usize, usize, usize) {
    static FR_KEYS: OnceLock<Vec<u64>> = OnceLock::new();
    static EN_KEYS: OnceLock<Vec<u64>> = OnceLock::new();
    let fr_keys = FR_KEYS.get_or_init(|| keys(FR));
    let en_keys = EN_KEYS.get_or_init(|| keys(EN));
    let (mut fr, mut en, mut words) = (0usize, 0usize, 0usize);
    let mut word: Vec<u8> = Vec::with_capacity(32);
    let mut flush = |word: &mut Vec<u8>| {
        if word.is_empty() {
            return;
        }
        words += 1;
        if let Some(k) = key(word) {
            fr += usize::from(fr_keys.binary_search(&k).is_ok());
            en += usize::from(en_keys.binary_search(&k).is_ok());
        }
        word.clear();
    };
    let mut buf = String::new();
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase() as u8);
            } else {
                flush(&mut word);
            }
            continue;
        }
        buf.clear();
        fold_non_ascii_into(c, &mut buf);
        for d in buf.chars() {
            if d.is_alphanumeric() {
                let mut u = [0u8; 4];
                word.extend_from_slice(d.encode_utf8(&mut u).as_bytes());
            } else {
                flush(&mut word);
            }
        }
    }
    flush(&mut word);
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
    fn long_and_multibyte_input() {
        let text = "é".repeat(SCAN_BYTES) + " le la les de des du et est en dans";
        assert_eq!(detect_language(&text), Lang::Other);
        let text = "Le Mali et le Sénégal ont signé un accord. ".repeat(1000);
        assert_eq!(detect_language(&text), Lang::Fr);
    }
}
