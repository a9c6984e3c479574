//! Whole-word lookup of normalised aliases, one probe per word start.
//!
//! A normalised text is a sequence of *units*, separated or not by single
//! spaces: words (maximal runs of word characters) and single marks (any
//! other character but the space: `'`, `.`, `(`...). A [`WordTable`] holds
//! every alias and every prefix of one that ends at the end of a unit
//! (`forces` and `forces armees` for `forces armees maliennes`; `l`, `l'` and
//! `l'etat` for `l'etat islamique`), in one open-addressing hash table over
//! the exact normalised bytes. Matching walks the units of a text; at each
//! unit where a whole-word match may start it looks up one unit, then two,
//! and so on while the span read so far is a prefix of some alias. Most words
//! are neither an alias nor the start of one, so most word starts cost one
//! hash of a few bytes and one probe of a slot array that holds a 32-bit tag
//! of each key: the automaton-per-byte walk of Aho-Corasick, and its
//! overlapping matches inside words that the whole-word rule then throws
//! away, are gone.
//!
//! The result is exact. A whole-word match of an alias starts where the
//! character before is not a word character and ends where the character
//! after is not one; so it starts at a unit (a mark only counts when it
//! does not follow a word character) and ends at the end of a unit (a mark
//! only counts when no word character follows); inside it, the text's units
//! are the alias's units, since where a word starts and ends depends only on
//! the characters around. Keys are compared byte for byte after the tag. See
//! `DESIGN.md` for the measurements behind the choice.

/// No pattern ends at this key (it is only a prefix).
const NO_PATTERN: u32 = u32::MAX;

/// A slot of the table, holding a key in place: the top half of its hash
/// (the tag), its bytes (a range of the arena), the pattern that is this key
/// (if any) and whether longer keys extend it. A probe whose tag matches
/// reads the rest from the same cache line, then compares the bytes.
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    tag: u32,
    off: u32,
    /// The key's length in bytes, [`MORE`] set when longer keys extend it;
    /// 0 in an empty slot (keys are not empty).
    len_more: u32,
    pattern: u32,
}

/// The bit of [`Slot::len_more`] set when longer keys extend the key.
const MORE: u32 = 1 << 31;

impl Slot {
    #[inline(always)]
    fn len(&self) -> usize {
        (self.len_more & !MORE) as usize
    }
}

/// What a key means when it is found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    /// The pattern that is exactly this key.
    pub pattern: Option<u32>,
    /// Whether some longer pattern starts with this key followed by more
    /// words.
    pub more: bool,
}

/// The alias table (see the module documentation).
#[derive(Clone, Debug)]
pub(crate) struct WordTable {
    /// Open addressing with linear probing, load at most 1/2.
    slots: Vec<Slot>,
    mask: usize,
    /// Number of keys (full slots).
    keys: usize,
    arena: Vec<u8>,
    /// A Bloom filter of the keys, two bits in one 64-bit word per key,
    /// about 8 bits per key: most words of a text start no alias and most
    /// spans read after a prefix are not keys either, and the filter answers
    /// them from a table that stays in cache, where the slot array of a large
    /// gazetteer does not.
    filter: Vec<u64>,
    /// `64 - log2(filter.len())`: the shift that takes a word index from the
    /// top bits of a key's filter hash.
    filter_shift: u32,
}

/// The word of [`WordTable::filter`] and the two bits in it for a key's hash.
#[inline(always)]
fn filter_bits(h: u64, shift: u32) -> (usize, u64) {
    let g = h.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    let bits = (1u64 << (g & 63)) | (1u64 << ((g >> 6) & 63));
    ((g >> shift) as usize, bits)
}

#[inline]
fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        h = (h ^ w).wrapping_mul(K).rotate_left(31);
    }
    let r = chunks.remainder().len();
    if r > 0 {
        h = (h ^ tail(bytes, r)).wrapping_mul(K);
    }
    h ^= h >> 29;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^ (h >> 32)
}

/// The last `r` bytes of `bytes` (`1 <= r <= 7`, `r <= bytes.len()`) as a
/// little-endian integer padded with zeros: what copying them into a zeroed
/// `[u8; 8]` gives, but read with whole loads, since the byte copy and the
/// wider load after it stall the store forwarding of every probe.
#[inline(always)]
fn tail(bytes: &[u8], r: usize) -> u64 {
    let n = bytes.len();
    let le32 = |i: usize| {
        u64::from(u32::from_le_bytes(
            bytes[i..i + 4].try_into().expect("4 bytes"),
        ))
    };
    if n >= 8 {
        // the last 8 bytes, the `8 - r` that belong to the last chunk shifted out
        u64::from_le_bytes(bytes[n - 8..].try_into().expect("8 bytes")) >> ((8 - r) * 8)
    } else if r >= 4 {
        // two overlapping 4-byte loads (the overlap ORs equal bytes)
        le32(0) | le32(r - 4) << ((r - 4) * 8)
    } else {
        let b = |i: usize| u64::from(bytes[i]) << (i * 8);
        b(0) | b(r / 2) | b(r - 1)
    }
}

/// Whether an ASCII byte or a decoded character is a word character
/// ([`crate::normalize::is_word_char`]).
#[inline(always)]
fn word_at(b: &[u8], text: &str, pos: usize) -> (bool, usize) {
    let c = b[pos];
    if c < 0x80 {
        (c.is_ascii_alphanumeric(), 1)
    } else {
        let ch = text[pos..].chars().next().expect("a char boundary");
        (ch.is_alphanumeric(), ch.len_utf8())
    }
}

/// ASCII letters and digits, looked up rather than tested.
static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 128 {
        t[c] = (c as u8).is_ascii_alphanumeric();
        c += 1;
    }
    t
};

/// The next unit at or after byte `pos` of `text` (a character boundary):
/// `(start, end, is_word)`, where a unit is a word (a maximal run of word
/// characters) or one other character than the space.
#[inline]
pub(crate) fn next_unit(text: &str, mut pos: usize) -> Option<(usize, usize, bool)> {
    let b = text.as_bytes();
    while b.get(pos) == Some(&b' ') {
        pos += 1;
    }
    if pos >= b.len() {
        return None;
    }
    let start = pos;
    let (w, n) = word_at(b, text, pos);
    pos += n;
    if !w {
        return Some((start, pos, false));
    }
    loop {
        // a run of ASCII letters and digits, then what stopped it
        pos += b[pos..]
            .iter()
            .position(|&c| !ASCII_WORD[c as usize])
            .unwrap_or(b.len() - pos);
        if pos >= b.len() || b[pos] < 0x80 {
            break;
        }
        let (w, n) = word_at(b, text, pos);
        if !w {
            break;
        }
        pos += n;
    }
    Some((start, pos, true))
}

/// Whether a word character begins at byte `pos` of `text` (false at the
/// end).
#[inline]
pub(crate) fn word_char_at(text: &str, pos: usize) -> bool {
    pos < text.len() && word_at(text.as_bytes(), text, pos).0
}

impl WordTable {
    /// A table of `patterns` (`(pattern id, normalised key)`, keys distinct,
    /// not empty, without leading or trailing spaces).
    pub(crate) fn new<'a>(patterns: impl ExactSizeIterator<Item = (u32, &'a str)>) -> WordTable {
        let n = patterns.len();
        // room for the patterns and their word prefixes at load <= 1/2
        let cap = (n.max(8) * 3).next_power_of_two();
        let mut t = WordTable {
            slots: vec![Slot::default(); cap],
            mask: cap - 1,
            keys: 0,
            arena: Vec::new(),
            filter: Vec::new(),
            filter_shift: 0,
        };
        for (pid, key) in patterns {
            debug_assert!(!key.is_empty() && !key.starts_with(' ') && !key.ends_with(' '));
            let off = t.arena.len() as u32;
            t.arena.extend_from_slice(key.as_bytes());
            let mut pos = 0;
            while let Some((_, end, _)) = next_unit(key, pos) {
                pos = end;
                // one alias can add many prefixes: keep the load <= 1/2
                if (t.keys + 1) * 2 > t.slots.len() {
                    t.grow();
                }
                let i = t.insert(off, end as u32);
                let slot = &mut t.slots[i];
                if end == key.len() {
                    slot.pattern = pid;
                    break;
                }
                slot.len_more |= MORE;
            }
        }
        t.arena.shrink_to_fit();
        // 8 bits a key, at least two words (a shift of 64 would overflow)
        let words = (t.keys * 8).div_ceil(64).max(2).next_power_of_two();
        t.filter = vec![0; words];
        t.filter_shift = 64 - words.trailing_zeros();
        for slot in t.slots.iter().filter(|s| s.len_more != 0) {
            let (w, bits) = filter_bits(hash(t.key(slot)), t.filter_shift);
            t.filter[w] |= bits;
        }
        t
    }

    /// The slot of the key `arena[off..off + len]`, filled if new.
    fn insert(&mut self, off: u32, len: u32) -> usize {
        assert!(len < MORE, "a key of 2 GB or more");
        let key = &self.arena[off as usize..(off + len) as usize];
        let h = hash(key);
        match self.probe_hashed(key, h) {
            Ok(i) => i,
            Err(i) => {
                self.slots[i] = Slot {
                    tag: (h >> 32) as u32,
                    off,
                    len_more: len,
                    pattern: NO_PATTERN,
                };
                self.keys += 1;
                i
            }
        }
    }

    /// The bytes of a slot's key.
    #[inline]
    fn key(&self, s: &Slot) -> &[u8] {
        &self.arena[s.off as usize..s.off as usize + s.len()]
    }

    /// The slot of `key` (with hash `h`), or the empty slot where it would
    /// go.
    #[inline]
    fn probe_hashed(&self, key: &[u8], h: u64) -> Result<usize, usize> {
        let tag = (h >> 32) as u32;
        let mut i = h as usize & self.mask;
        loop {
            let s = &self.slots[i];
            if s.len_more == 0 {
                return Err(i);
            }
            if s.tag == tag && self.key(s) == key {
                return Ok(i);
            }
            i = (i + 1) & self.mask;
        }
    }

    fn grow(&mut self) {
        let cap = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); cap]);
        self.mask = cap - 1;
        for s in old.into_iter().filter(|s| s.len_more != 0) {
            let mut i = hash(self.key(&s)) as usize & self.mask;
            while self.slots[i].len_more != 0 {
                i = (i + 1) & self.mask;
            }
            self.slots[i] = s;
        }
    }

    /// What `key` is in the table, if anything: the filter turns most
    /// absent keys away before the probe.
    #[inline]
    pub(crate) fn get(&self, key: &[u8]) -> Option<Hit> {
        let h = hash(key);
        if !self.filter_passes(h) {
            return None;
        }
        let s = &self.slots[self.probe_hashed(key, h).ok()?];
        Some(Hit {
            pattern: (s.pattern != NO_PATTERN).then_some(s.pattern),
            more: s.len_more & MORE != 0,
        })
    }

    /// Whether the filter lets a key of hash `h` through to the probe.
    #[inline]
    fn filter_passes(&self, h: u64) -> bool {
        let (w, bits) = filter_bits(h, self.filter_shift);
        self.filter[w] & bits == bits
    }

    /// Heap memory in bytes.
    pub(crate) fn memory_usage(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<Slot>()
            + self.arena.capacity()
            + self.filter.capacity() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_of_a_normalised_text() {
        let t = "l'etat, g5 sahel ... 12 ; عربي x";
        let mut pos = 0;
        let mut units = Vec::new();
        while let Some((s, e, w)) = next_unit(t, pos) {
            units.push((&t[s..e], w));
            pos = e;
        }
        let want = [
            ("l", true),
            ("'", false),
            ("etat", true),
            (",", false),
            ("g5", true),
            ("sahel", true),
            (".", false),
            (".", false),
            (".", false),
            ("12", true),
            (";", false),
            ("عربي", true),
            ("x", true),
        ];
        assert_eq!(units, want);
        assert_eq!(next_unit("", 0), None);
        assert_eq!(next_unit("  ", 0), None);
        assert!(word_char_at("a.", 0) && !word_char_at("a.", 1) && !word_char_at("a.", 2));
    }

    #[test]
    fn tail_is_the_zero_padded_remainder() {
        let data: Vec<u8> = (1..=40u8).map(|i| i.wrapping_mul(37)).collect();
        for n in 1..data.len() {
            let bytes = &data[..n];
            let r = n % 8;
            if r == 0 {
                continue;
            }
            let mut buf = [0u8; 8];
            buf[..r].copy_from_slice(&bytes[n - r..]);
            assert_eq!(tail(bytes, r), u64::from_le_bytes(buf), "length {n}");
        }
    }

    #[test]
    fn keys_and_prefixes() {
        let keys = [
            "forces armees maliennes",
            "forces",
            "l'etat islamique",
            "gao",
            "'ain",
            "u.s.",
        ];
        let t = WordTable::new(keys.iter().enumerate().map(|(i, k)| (i as u32, *k)));
        let hit = |p: Option<u32>, more| Some(Hit { pattern: p, more });
        assert_eq!(t.get(b"forces"), hit(Some(1), true));
        assert_eq!(t.get(b"forces armees"), hit(None, true));
        assert_eq!(t.get(b"forces armees maliennes"), hit(Some(0), false));
        assert_eq!(t.get(b"l"), hit(None, true));
        assert_eq!(t.get(b"l'"), hit(None, true));
        assert_eq!(t.get(b"l'etat"), hit(None, true));
        assert_eq!(t.get(b"'"), hit(None, true));
        assert_eq!(t.get(b"'ain"), hit(Some(4), false));
        assert_eq!(t.get(b"u.s"), hit(None, true));
        assert_eq!(t.get(b"u.s."), hit(Some(5), false));
        assert_eq!(t.get(b"l'etat islamique"), hit(Some(2), false));
        assert_eq!(t.get(b"gao"), hit(Some(3), false));
        assert_eq!(t.get(b"armees"), None);
        assert_eq!(t.get(b"forces  armees"), None);
        assert_eq!(t.get(b""), None);
    }

    #[test]
    fn survives_growth_and_collisions() {
        let keys: Vec<String> = (0..5000).map(|i| format!("w{i} x{}", i % 7)).collect();
        let t = WordTable::new(keys.iter().enumerate().map(|(i, k)| (i as u32, k.as_str())));
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(t.get(k.as_bytes()).unwrap().pattern, Some(i as u32));
            let first = k.split(' ').next().unwrap();
            assert_eq!(t.get(first.as_bytes()).unwrap().pattern, None);
        }
        assert_eq!(t.get(b"w5000 x1"), None);
        // the filter turns away most absent words
        let passed = (5000..105_000)
            .filter(|i| t.filter_passes(hash(format!("w{i}").as_bytes())))
            .count();
        assert!(
            passed < 5_000,
            "{passed} of 100,000 absent words passed the filter"
        );
        // one alias of many words in a table sized for one alias
        let long = vec!["w"; 300].join(" ");
        let t = WordTable::new(std::iter::once((0, long.as_str())));
        assert_eq!(t.get(long.as_bytes()).unwrap().pattern, Some(0));
    }
}
