//! The invariants the fuzz targets check, one function per target. Each
//! takes the raw fuzz input and panics when an invariant fails.
//!
//! The same file is compiled into `crates/tarikh-core/tests/fuzz_corpus.rs`,
//! which replays the committed corpora on stable Rust as part of
//! `cargo test`; the `fuzz_targets/` binaries call these functions under
//! libFuzzer (`scripts/fuzz.sh`).

use std::sync::Arc;

use tarikh_core::date::{Date, Precision};
use tarikh_core::dates::find_dates_with;
use tarikh_core::gazetteer::entry_to_json;
use tarikh_core::normalize::{normalize_key, normalize_with, CaseMode};
use tarikh_core::segment::{is_bullet, segment as split, sentence_at};
use tarikh_core::{Engine, Entry, Error, Gazetteer, Kind, MatchMode, Matcher, Mention};

/// Normalisation keeps a usable map back to the original: every mapped
/// offset is a char boundary of the original, the map is monotone, a range
/// whose ends both map normalises to the same text on its own, and
/// normalising twice changes nothing.
///
/// Input: one byte (bit 0 picks the case mode, the others pick the range
/// checked), then the text.
pub fn normalize(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let case = if mode & 1 == 0 {
        CaseMode::Fold
    } else {
        CaseMode::Keep
    };
    let n = normalize_with(text, case);
    let out = n.as_str();
    assert_eq!(n.orig_len(), text.len());

    let mut mapped = Vec::new();
    let (mut last_start, mut last_end) = (0, 0);
    let bounds = out.char_indices().map(|(i, _)| i).chain([out.len()]);
    for i in bounds {
        let (s, e) = (n.orig_start(i), n.orig_end(i));
        if let Some(s) = s {
            assert!(
                text.is_char_boundary(s),
                "start {s} of out {i} inside a char"
            );
            assert!(s >= last_start, "start map decreases at out {i}");
            last_start = s;
        }
        if let Some(e) = e {
            assert!(text.is_char_boundary(e), "end {e} of out {i} inside a char");
            assert!(e >= last_end, "end map decreases at out {i}");
            last_end = e;
        }
        mapped.push((i, s, e));
    }
    assert_eq!(n.orig_start(out.len()), Some(text.len()));
    assert!(n.orig_end(0).is_some());

    // This is what lets a mention's surface be checked against its alias.
    let pick = |k: u8| mapped[k as usize % mapped.len()];
    let (a, b) = (pick(mode >> 1), pick(mode.rotate_left(3)));
    let (a, b) = if a.0 <= b.0 { (a, b) } else { (b, a) };
    if let ((i, Some(os), _), (j, _, Some(oe))) = (a, b) {
        if i < j && os <= oe {
            assert_eq!(
                normalize_key(&text[os..oe], case),
                out[i..j].trim_matches(' '),
                "out {i}..{j} maps to {os}..{oe}"
            );
        }
    }

    let twice = normalize_with(out, case);
    assert_eq!(twice.as_str(), out, "normalising twice changes the text");
}

/// The matcher over a small gazetteer read from the input: every mention has
/// valid byte and code point offsets, its surface normalises to the form it
/// matched, leftmost-longest mentions do not overlap, and each alias on its
/// own is found (as the mention's entry or one of its candidates).
///
/// Both engines must agree, and matching in pieces must equal matching whole.
///
/// Input: the first line lists aliases separated by `|` (a leading `!`
/// makes an acronym, matched case-sensitively; `~` a demonym); the rest is
/// the text.
pub fn matcher(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let (spec, text) = s.split_once('\n').unwrap_or((s, ""));
    let mut g = Gazetteer::new();
    for (i, a) in spec.split('|').take(16).enumerate() {
        let e = Entry::new(format!("e{i}"), "zz", Kind::Place);
        let e = match (a.strip_prefix('!'), a.strip_prefix('~')) {
            (Some(acr), _) => e.with_acronym(acr),
            (_, Some(dem)) => e.with_demonym(dem),
            _ => e.with_alias(a),
        };
        // invalid aliases (empty, no letter or digit) are rejected: skip them
        let _ = g.add(e);
    }
    let gaz = Arc::new(g);
    let build = |mode| {
        Matcher::builder()
            .mode(mode)
            .build(gaz.clone())
            .expect("a valid gazetteer compiles")
    };
    let (longest, all) = (
        build(MatchMode::LeftmostLongest),
        build(MatchMode::Overlapping),
    );

    let found = longest.find(text);
    check_mentions(&longest, text, &found);
    for w in found.windows(2) {
        assert!(
            w[0].end <= w[1].start,
            "leftmost-longest mentions overlap: {w:?}"
        );
    }
    check_mentions(&all, text, &all.find(text));

    // the word-table engine (the default) finds exactly what one automaton
    // over every byte finds, in both modes; cutting the text after sentence
    // ends changes nothing either
    for (mode, words) in [
        (MatchMode::LeftmostLongest, &longest),
        (MatchMode::Overlapping, &all),
    ] {
        let ac = Matcher::builder()
            .mode(mode)
            .engine(Engine::AhoCorasick)
            .build(gaz.clone())
            .expect("a valid gazetteer compiles");
        assert_eq!(
            words.find(text),
            ac.find(text),
            "engines disagree ({mode:?})"
        );
    }
    assert_eq!(
        longest.find_split(text, 8),
        found,
        "matching in pieces differs"
    );

    for (i, e) in gaz.entries().iter().enumerate() {
        for f in 1..e.n_forms() {
            let (form, _, _) = e.form(f).expect("form in range");
            let hits = all.find(form);
            check_mentions(&all, form, &hits);
            // an alias shared by several entries gives one mention whose
            // candidates list them all
            assert!(
                hits.iter()
                    .any(|x| all.candidates(x).iter().any(|c| c.entry as usize == i)),
                "alias {form:?} not found on its own"
            );
        }
    }
}

fn check_mentions(m: &Matcher, text: &str, found: &[Mention]) {
    for x in found {
        assert!(x.start < x.end && x.end <= text.len(), "{x:?}");
        assert!(text.is_char_boundary(x.start) && text.is_char_boundary(x.end));
        assert_eq!(text[..x.start].chars().count(), x.char_start);
        assert_eq!(text[..x.end].chars().count(), x.char_end);
        let e = &m.gazetteer().entries()[x.entry as usize];
        let (form, cs, _) = e.form(x.form as usize).expect("form of the entry");
        let surface = x.surface(text);
        assert_eq!(
            normalize_key(surface, CaseMode::Fold),
            normalize_key(form, CaseMode::Fold),
            "surface {surface:?} for form {form:?}"
        );
        if cs {
            assert_eq!(
                normalize_key(surface, CaseMode::Keep),
                normalize_key(form, CaseMode::Keep)
            );
        }
    }
}

/// The date finder over any text and any reference date: spans in order on
/// char boundaries, resolved dates valid.
///
/// Input: four bytes of reference (days since 1970-01-01, little endian),
/// one byte of flags (top bit: no reference; the rest modulo 3: its
/// precision), then the text.
pub fn dates(data: &[u8]) {
    if data.len() < 5 {
        return;
    }
    let days = i32::from_le_bytes([data[0], data[1], data[2], data[3]]);
    let flags = data[4];
    let Ok(text) = std::str::from_utf8(&data[5..]) else {
        return;
    };
    let precision = match (flags & 0x7f) % 3 {
        0 => Precision::Day,
        1 => Precision::Month,
        _ => Precision::Year,
    };
    let reference = (flags & 0x80 == 0).then(|| (Date::from_days_since_epoch(days), precision));
    let mut last = 0;
    for d in find_dates_with(text, reference) {
        assert!(d.start < d.end && d.end <= text.len(), "{d:?}");
        assert!(text.is_char_boundary(d.start) && text.is_char_boundary(d.end));
        assert!(d.start >= last, "dates overlap or go back: {d:?}");
        last = d.end;
        if let Some(date) = d.date {
            assert!(date.is_valid(), "{date:?} from {:?}", &text[d.start..d.end]);
        }
    }
}

/// The sentence splitter: sentences in order, without overlap, on char
/// boundaries, trimmed, with only white space and list markers (`•`, `-`,
/// `1.`...) left between them.
pub fn segment(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let sentences = split(text);
    let mut last = 0;
    let mut last_paragraph = 0;
    for (k, s) in sentences.iter().enumerate() {
        assert!(s.start < s.end && s.end <= text.len(), "{s:?}");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert!(s.start >= last, "sentence {k} overlaps the one before");
        assert!(s.paragraph >= last_paragraph, "paragraphs go back at {k}");
        let gap = &text[last..s.start];
        assert!(gap.chars().all(skippable), "text {gap:?} skipped");
        let body = s.text(text);
        assert_eq!(body, body.trim(), "sentence {k} not trimmed");
        assert_eq!(sentence_at(&sentences, s.start), Some(k));
        last = s.end;
        last_paragraph = s.paragraph;
    }
    let tail = &text[last..];
    assert!(tail.chars().all(skippable), "tail {tail:?} skipped");
}

/// What may lie outside every sentence: white space and list markers
/// (bullets, numbers such as `1.` or `2)`).
fn skippable(c: char) -> bool {
    c.is_whitespace() || c.is_ascii_digit() || is_bullet(c) || matches!(c, '.' | ')')
}

/// The CSV/TSV gazetteer loader: a gazetteer or an error naming the line,
/// never a panic; what loads survives a JSON Lines round trip and compiles.
///
/// Input: one byte (even: comma, odd: tab), then the file.
pub fn gazetteer_csv(data: &[u8]) {
    let Some((&first, file)) = data.split_first() else {
        return;
    };
    let delimiter = if first & 1 == 0 { b',' } else { b'\t' };
    let mut gaz = Gazetteer::new();
    loaded(gaz.load_csv(file, "<fuzz>", delimiter).map(|()| gaz));
}

/// The JSON Lines gazetteer loader: as [`gazetteer_csv`].
pub fn gazetteer_jsonl(data: &[u8]) {
    let mut gaz = Gazetteer::new();
    loaded(gaz.load_jsonl(data, "<fuzz>").map(|()| gaz));
}

fn loaded(result: tarikh_core::Result<Gazetteer>) {
    let gaz = match result {
        Ok(gaz) => gaz,
        Err(Error::Parse { line: Some(_), .. } | Error::DuplicateId { at: Some(_), .. }) => return,
        Err(e) => panic!("error without a line: {e}"),
    };
    let mut buf = Vec::new();
    gaz.write_jsonl(&mut buf).expect("writing to memory");
    let mut back = Gazetteer::new();
    back.load_jsonl(&buf[..], "<round trip>")
        .unwrap_or_else(|e| panic!("written gazetteer does not load back: {e}"));
    assert_eq!(back.len(), gaz.len());
    for (a, b) in gaz.entries().iter().zip(back.entries()) {
        assert_eq!(entry_to_json(a), entry_to_json(b));
    }
    Matcher::new(Arc::new(gaz)).expect("a loaded gazetteer compiles");
}
