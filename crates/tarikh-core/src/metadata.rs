//! Document metadata found in the text: publication date, author, source.
//!
//! [`detect_metadata`] looks for
//!
//! * a publication date: a line with a cue (`Publié le 3 août 2025`,
//!   `Published on May 30, 2025`, `date 2025-06`), then one that is mostly
//!   a date near the top (`11/5/2025 · 2 min read`), then an update line
//!   (`Mis à jour le ...`), and only if nothing else a copyright year
//!   (`© 2025`, year precision). Earlier lines win ties;
//! * an author byline: `Par Lamine Fofana`, `By John Smith`,
//!   `Auteur : ...`, `Issa Djiguiba, pour l'Analyse de la Semaine`;
//! * a source line: `Source: https://...`.
//!
//! Slash dates are read day-first (`30/05/2025`) unless only month-first
//! is valid, or the line or document is English (`11/5/2025 · 2 min read`
//! is 5 November).
//!
//! # Examples
//!
//! ```
//! use tarikh_core::metadata::detect_metadata;
//! use tarikh_core::date::{Date, Precision};
//!
//! let text = "Titre\nPar Lamine Fofana\nPublié le 3 août 2025\n\nLe texte.\n\nSource: https://example.org/a\n© 2024";
//! let m = detect_metadata(text);
//! assert_eq!(m.pub_date, Some((Date::new(2025, 8, 3).unwrap(), Precision::Day)));
//! assert_eq!(&text[m.pub_date_span.unwrap().0..m.pub_date_span.unwrap().1], "3 août 2025");
//! assert_eq!(m.author.as_deref(), Some("Lamine Fofana"));
//! assert_eq!(m.source_url.as_deref(), Some("https://example.org/a"));
//! ```

use crate::date::{Date, Precision};
use crate::dates::find_dates;
use crate::lang::{detect_language, Lang};
use crate::tokens::{fold, fold_into, fold_non_ascii_into};

/// Metadata detected in a document's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocMetadata {
    /// The publication date and its precision.
    pub pub_date: Option<(Date, Precision)>,
    /// Byte span of the publication date in the text.
    pub pub_date_span: Option<(usize, usize)>,
    /// The author named in a byline.
    pub author: Option<String>,
    /// Byte span of the author's name in the text (where the name's words
    /// appear as they were joined).
    pub author_span: Option<(usize, usize)>,
    /// The URL given on a source line.
    pub source_url: Option<String>,
}

/// How far from the top a date without a cue may be to count (non-blank
/// lines).
const TOP_LINES: usize = 12;

/// Detects the publication date, author and source URL in `text`.
pub fn detect_metadata(text: &str) -> DocMetadata {
    detect_metadata_in(text, detect_language(text))
}

/// Like [`detect_metadata`], with the document's language already known
/// (as [`detect_language`] gives it), so the pipeline detects it once.
pub(crate) fn detect_metadata_in(text: &str, lang: Lang) -> DocMetadata {
    let lines = lines(text);
    let english_doc = lang == Lang::En;
    let (pub_date, pub_date_span, date_line) = match pub_date(text, &lines, english_doc) {
        Some((d, p, s, e, l)) => (Some((d, p)), Some((s, e)), Some(l)),
        None => (None, None, None),
    };
    let author = lines
        .iter()
        .find_map(|&(s, e)| byline(&text[s..e]).map(|a| (a, s, e)))
        .or_else(|| name_near_date(text, &lines, date_line));
    let author_span = author
        .as_ref()
        .and_then(|(a, s, e)| words_span(&text[*s..*e], a).map(|(a, b)| (s + a, s + b)));
    let source_url = lines.iter().find_map(|&(s, e)| source_line(&text[s..e]));
    DocMetadata {
        pub_date,
        pub_date_span,
        author: author.map(|(a, _, _)| a),
        author_span,
        source_url,
    }
}

/// Byte span in `line` of the white-space separated words of `name`, one
/// after the other (any white space between them).
fn words_span(line: &str, name: &str) -> Option<(usize, usize)> {
    let want: Vec<&str> = name.split_whitespace().collect();
    let mut got: Vec<(usize, &str)> = Vec::new();
    let mut pos = 0;
    for w in line.split(char::is_whitespace) {
        if !w.is_empty() {
            got.push((pos, w));
        }
        pos += w.len()
            + line[pos + w.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
    }
    (0..got.len().checked_sub(want.len())? + 1).find_map(|i| {
        let last = want.len() - 1;
        let fits = want.iter().enumerate().all(|(k, w)| {
            let g = got[i + k].1;
            // the name's last word may be followed by punctuation (`,` `.`)
            g == *w
                || (k == last
                    && g.starts_with(w)
                    && !g[w.len()..].chars().any(char::is_alphanumeric))
        });
        fits.then(|| (got[i].0, got[i + last].0 + want[last].len()))
    })
}

/// Non-blank lines as trimmed byte spans.
fn lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in text.split_inclusive('\n') {
        let t = raw.trim();
        if !t.is_empty() {
            let lead = raw.len() - raw.trim_start().len();
            out.push((pos + lead, pos + lead + t.len()));
        }
        pos += raw.len();
    }
    out
}

const PUBLISH_CUES: &[&str] = &[
    "publie",
    "publiee",
    "published",
    "posted",
    "date",
    "paru",
    "parution",
    "le",
];
const UPDATE_CUES: &[&str] = &[
    "mis a jour",
    "mise a jour",
    "updated",
    "modifie",
    "last updated",
    "actualise",
];

/// Best publication date: (date, precision, start, end, line index).
fn pub_date(
    text: &str,
    lines: &[(usize, usize)],
    english_doc: bool,
) -> Option<(Date, Precision, usize, usize, usize)> {
    type Cand = (i64, Date, Precision, usize, usize, usize);
    let mut best: Option<Cand> = None;
    fn consider(best: &mut Option<Cand>, c: Cand) {
        if best.as_ref().is_none_or(|b| c.0 > b.0) {
            *best = Some(c);
        }
    }
    let mut f = String::new();
    for (li, &(ls, le)) in lines.iter().enumerate() {
        let line = &text[ls..le];
        // Every candidate (a slash date, or a date that is not relative)
        // has a four-digit year: skip the lines without one.
        if !has_digit_run(line.as_bytes(), 4) {
            continue;
        }
        let top = li < TOP_LINES;
        // The dates that are not relative (slash dates come apart). Each
        // has a year, a run of exactly four digits that the date parser
        // takes for one: without such a run there is none to look for.
        let text_dates = || -> Vec<(Date, Precision, usize, usize)> {
            if !has_year_run(line.as_bytes()) {
                return Vec::new();
            }
            find_dates(line, None)
                .into_iter()
                .filter(|m| !m.relative && !line[m.start..m.end].contains('/'))
                .filter_map(|m| Some((m.date?, m.precision, ls + m.start, ls + m.end)))
                .collect()
        };
        // A top line is never skipped for want of a cue: look for its
        // dates first, since most have none and then nothing else matters
        // (a slash date needs a `/`).
        let top_dates = if top {
            let d = text_dates();
            if d.is_empty() && !line.contains('/') {
                continue;
            }
            Some(d)
        } else {
            None
        };
        f.clear();
        fold_into(line, &mut f);
        let f = f.as_str();
        let words = line.split_whitespace().count();
        let first_word = f
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("");
        let publish = PUBLISH_CUES.contains(&first_word)
            || f.contains("publie le")
            || f.contains("published on");
        let update = UPDATE_CUES
            .iter()
            .any(|c| f.starts_with(c) || contains_after_space(f, c));
        let publish_ok = publish
            && (words <= 12
                || f.starts_with("date")
                || f.starts_with("publie")
                || f.starts_with("published"));
        // Below the top, only a line with a cue can give a candidate: skip
        // the date search everywhere else.
        if !(top || (update && !publish) || publish_ok) {
            continue;
        }
        let english = english_doc
            || f.contains("min read")
            || f.contains("published")
            || f.contains("posted")
            || f.contains(" am")
            || f.contains(" pm");
        let mut cands: Vec<(Date, Precision, usize, usize)> = slash_dates(line, english)
            .into_iter()
            .map(|(d, s, e)| (d, Precision::Day, ls + s, ls + e))
            .collect();
        cands.extend(top_dates.unwrap_or_else(text_dates));
        cands.sort_by_key(|c| c.2);
        let Some(&(d, p, s, e)) = cands.first() else {
            continue;
        };
        let date_share = (e - s) * 2 >= line.len().min(40) || words <= 6;
        let precision_bonus = match p {
            Precision::Day => 5,
            Precision::Month => 3,
            Precision::Year => 0,
        };
        let position = -(li as i64);
        if update && !publish {
            consider(
                &mut best,
                (300 + precision_bonus + position, d, p, s, e, li),
            );
        } else if publish_ok {
            consider(
                &mut best,
                (1000 + precision_bonus + position, d, p, s, e, li),
            );
        } else if li < TOP_LINES && date_share {
            consider(
                &mut best,
                (500 + precision_bonus + position, d, p, s, e, li),
            );
        }
    }
    if best.is_none() {
        // Weak: "© 2025", "Copyright 2025".
        for (li, &(ls, le)) in lines.iter().enumerate() {
            let line = &text[ls..le];
            let Some(k) = line.find('©').map(|k| k + '©'.len_utf8()).or_else(|| {
                fold_prefix(line, "copyright".len())
                    .starts_with("copyright")
                    .then_some("copyright".len())
            }) else {
                continue;
            };
            let rest = &line[k..];
            let digits_at = rest.len() - rest.trim_start().len();
            let y = &rest[digits_at..];
            if y.len() >= 4
                && y.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                && !y.as_bytes().get(4).is_some_and(u8::is_ascii_digit)
            {
                let year: i32 = y[..4].parse().ok()?;
                if (1990..=2100).contains(&year) {
                    let s = ls + k + digits_at;
                    consider(
                        &mut best,
                        (1, Date::new(year, 1, 1)?, Precision::Year, s, s + 4, li),
                    );
                }
            }
        }
    }
    best.map(|(_, d, p, s, e, li)| (d, p, s, e, li))
}

/// Whether `b` has `n` ASCII digits in a row.
fn has_digit_run(b: &[u8], n: usize) -> bool {
    let mut run = 0;
    for &x in b {
        if x.is_ascii_digit() {
            run += 1;
            if run >= n {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// Whether `b` has a run of exactly four ASCII digits (a number token of
/// [`crate::tokens`]) that [`crate::dates`] takes for a year: the only
/// source of the year of a date that is not relative.
fn has_year_run(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i - start == 4 {
            let y = b[start..i]
                .iter()
                .fold(0u32, |y, d| y * 10 + u32::from(d - b'0'));
            if crate::dates::YEARS.contains(&y) {
                return true;
            }
        }
    }
    false
}

/// Whether `f` contains `pat` right after a space (`pat` starts with an
/// ASCII letter).
fn contains_after_space(f: &str, pat: &str) -> bool {
    let mut from = 0;
    while let Some(i) = f[from..].find(pat) {
        let a = from + i;
        if a > 0 && f.as_bytes()[a - 1] == b' ' {
            return true;
        }
        from = a + 1;
    }
    false
}

/// The start of the folding of `s`: at least `n` bytes of it, or all of it
/// when shorter (enough to test `fold(s).starts_with(p)` for `p.len() <= n`).
fn fold_prefix(s: &str, n: usize) -> String {
    let mut out = String::with_capacity(n + 4);
    for c in s.chars() {
        if out.len() >= n {
            break;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            fold_non_ascii_into(c, &mut out);
        }
    }
    out
}

/// `d/m/yyyy` or `m/d/yyyy` in a line, also when the year is glued to a
/// following reading time (`11/5/20252 min read`). Returns byte spans in
/// `line`.
fn slash_dates(line: &str, english: bool) -> Vec<(Date, usize, usize)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let num = |i: usize, max: usize| -> (usize, u32) {
        let mut j = i;
        let mut v = 0u32;
        while j < b.len() && j - i < max && b[j].is_ascii_digit() {
            v = v * 10 + u32::from(b[j] - b'0');
            j += 1;
        }
        (j, v)
    };
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit()
            || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'/'))
        {
            i += 1;
            continue;
        }
        let (j1, a) = num(i, 2);
        if j1 == i || b.get(j1) != Some(&b'/') {
            i = j1.max(i + 1);
            continue;
        }
        let (j2, c) = num(j1 + 1, 2);
        if j2 == j1 + 1 || b.get(j2) != Some(&b'/') {
            i = j2.max(i + 1);
            continue;
        }
        let (j3, y) = num(j2 + 1, 4);
        if j3 != j2 + 5 {
            i = j3.max(i + 1);
            continue;
        }
        // More digits glued after the year: only "…20252 min read".
        if b.get(j3).is_some_and(u8::is_ascii_digit) {
            let (j4, _) = num(j3, 2);
            let rest = fold_prefix(line[j4..].trim_start(), 3);
            if b.get(j4).is_some_and(u8::is_ascii_digit)
                || !(rest.starts_with("min") || rest.starts_with("mn"))
            {
                i = j4;
                continue;
            }
        }
        let (a, c) = (a as u8, c as u8);
        let (dm, md) = (Date::new(y as i32, c, a), Date::new(y as i32, a, c));
        let d = if english { md.or(dm) } else { dm.or(md) };
        if let Some(d) = d {
            out.push((d, i, j3));
        }
        i = j3;
    }
    out
}

const BYLINE_CUES: &[&str] = &[
    "par ",
    "by ",
    "auteur :",
    "auteur:",
    "author:",
    "author :",
    "ecrit par ",
    "written by ",
    "redige par ",
    "signe par ",
    "posted by ",
];
const PARTICLES: &[&str] = &[
    "de", "du", "des", "van", "von", "ben", "ould", "ag", "al", "el", "le", "la", "bin", "ibn",
    "da", "dos", "di", "mac", "ba",
];

/// A byline's author: `Par Lamine Fofana`, `By John Smith | AFP`,
/// `Issa Djiguiba, pour l'Analyse de la Semaine`.
fn byline(line: &str) -> Option<String> {
    if line.split_whitespace().nth(12).is_some() {
        return None;
    }
    let f = fold_prefix(line, BYLINE_CUES.iter().map(|c| c.len()).max().unwrap_or(0));
    for cue in BYLINE_CUES {
        if f.starts_with(cue) {
            // Byte length of the cue in the original (folding may change lengths).
            let n = cue.chars().count();
            let k = line.char_indices().nth(n).map_or(line.len(), |(k, _)| k);
            return person_name(line[k..].trim_start());
        }
    }
    // "Name Name, pour|for Outlet"
    let (head, tail) = line.split_once(',')?;
    let tail = fold_prefix(tail.trim_start(), "correspondent".len());
    if tail.starts_with("pour ")
        || tail.starts_with("for ")
        || tail.starts_with("correspondant")
        || tail.starts_with("correspondent")
    {
        return person_name(head.trim()).filter(|n| n.split_whitespace().count() >= 2);
    }
    None
}

/// The person name at the start of `s`, up to a separator, if it looks like
/// one: 1–5 capitalised words (particles allowed inside).
fn person_name(s: &str) -> Option<String> {
    let cut = s
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, ',' | '|' | '•' | '·' | '(' | '–' | '—' | '/')
                || c.is_ascii_digit()
                || (c == '-' && s[i + 1..].starts_with(' '))
        })
        .map_or(s.len(), |(i, _)| i);
    let mut words: Vec<&str> = Vec::new();
    for w in s[..cut].split_whitespace() {
        let fw = fold(w);
        if [
            "le",
            "on",
            "pour",
            "for",
            "the",
            "et",
            "and",
            "publie",
            "published",
        ]
        .contains(&fw.as_str())
            && !words.is_empty()
        {
            break;
        }
        words.push(w);
    }
    while words
        .last()
        .is_some_and(|w| PARTICLES.contains(&fold(w).as_str()))
    {
        words.pop();
    }
    if words.is_empty() || words.len() > 5 {
        return None;
    }
    let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let ok = cap(words[0])
        && cap(words[words.len() - 1])
        && words
            .iter()
            .all(|w| cap(w) || PARTICLES.contains(&fold(w).as_str()));
    if !ok || (words.len() == 1 && words[0].chars().any(char::is_lowercase)) {
        return None;
    }
    Some(
        words
            .join(" ")
            .trim_end_matches(['.', ':', ';'])
            .to_string(),
    )
}

/// A bare name line (`Zouman Sanogo`) within two lines of the date line
/// near the top.
fn name_near_date(
    text: &str,
    lines: &[(usize, usize)],
    date_line: Option<usize>,
) -> Option<(String, usize, usize)> {
    let dl = date_line.filter(|&l| l < TOP_LINES)?;
    for li in dl.saturating_sub(2)..(dl + 3).min(lines.len()) {
        if li == dl {
            continue;
        }
        let line = &text[lines[li].0..lines[li].1];
        let words: Vec<&str> = line.split_whitespace().collect();
        let name_like = (2..=3).contains(&words.len())
            && words.iter().all(|w| {
                let mut cs = w.chars();
                cs.next().is_some_and(char::is_uppercase)
                    && cs.all(|c| c.is_lowercase() || c == '-' || c == '\'')
            });
        if name_like {
            return Some((words.join(" "), lines[li].0, lines[li].1));
        }
    }
    None
}

/// The URL of a `Source: https://...` line.
fn source_line(line: &str) -> Option<String> {
    // Without "http" there is no URL to give, whatever the cue.
    if !line.contains("http") {
        return None;
    }
    let f = fold(line);
    let cue = [
        "source",
        "sources",
        "via",
        "lien",
        "url",
        "original",
        "article original",
    ]
    .iter()
    .any(|c| {
        f.strip_prefix(c).is_some_and(|r| {
            let r = r.trim_start();
            r.starts_with(':') || r.starts_with("http") || r.starts_with('-')
        })
    });
    if !cue {
        return None;
    }
    let k = line.find("http")?;
    let url: String = line[k..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '>' | '<' | '"' | ')' | ']'))
        .collect();
    let url = url.trim_end_matches(['.', ',', ';']);
    (url.starts_with("http://") || url.starts_with("https://"))
        .then(|| url.to_string())
        .filter(|u| u.len() > 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn pub_date_table() {
        #[allow(clippy::type_complexity)]
        let cases: &[(&str, Option<(&str, Precision)>, &str)] = &[
            (" date 2025-06 L’Alliance des États du Sahel (AES) fait face à une menace croissante.", Some(("2025-06-01", Precision::Month)), "2025-06"),
            ("Titre\n\nZouman Sanogo\n\n11/5/20252 min read\n\nTexte.", Some(("2025-11-05", Precision::Day)), "11/5/2025"),
            ("Titre\nPublié le 3 août 2025 à 10h\nTexte.", Some(("2025-08-03", Precision::Day)), "3 août 2025"),
            ("Titre\nMis à jour le 5 août 2025\nPublié le 3 août 2025\nTexte.", Some(("2025-08-03", Precision::Day)), "3 août 2025"),
            ("Title\nPublished on May 30, 2025\nText.", Some(("2025-05-30", Precision::Day)), "May 30, 2025"),
            ("Titre\n30/05/2025\nTexte.", Some(("2025-05-30", Precision::Day)), "30/05/2025"),
            ("Titre\n04/05/2025\nLe texte est en français et il parle du Mali.", Some(("2025-05-04", Precision::Day)), "04/05/2025"),
            ("Title\n04/05/2025\nThe text is in English and it is about the army of Mali, which was there.", Some(("2025-04-05", Precision::Day)), "04/05/2025"),
            ("Texte sans date.\n\n© 2025 Analyse de la semaine", Some(("2025-01-01", Precision::Year)), "2025"),
            ("Le 18 janvier 2025, des hommes armés ont enlevé quatre chauffeurs près de la frontière entre le Burkina Faso et le Niger, selon plusieurs sources.", None, ""),
            ("Rien ici.", None, ""),
        ];
        for (text, want, span) in cases {
            let m = detect_metadata(text);
            assert_eq!(m.pub_date, want.map(|(s, p)| (d(s), p)), "{text:?}");
            if let Some((s, e)) = m.pub_date_span {
                assert_eq!(&text[s..e], *span, "{text:?}");
            }
        }
    }

    #[test]
    fn author_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Texte.\n\nPar Lamine Fofana", Some("Lamine Fofana")),
            ("By John Smith | AFP\nText.", Some("John Smith")),
            (
                "Auteur : Aïssata Ba Diallo\nTexte.",
                Some("Aïssata Ba Diallo"),
            ),
            (
                "Texte.\n\nIssa Djiguiba, pour l’Analyse de la Semaine-ADS",
                Some("Issa Djiguiba"),
            ),
            (
                "Par ailleurs, plusieurs facteurs ont amplifié la rupture.",
                None,
            ),
            (
                "Par cette opération stratégique, ces accords montrent leur efficacité.",
                None,
            ),
            (
                "Titre\n\nZouman Sanogo\n\n11/5/20252 min read\n\nTexte.",
                Some("Zouman Sanogo"),
            ),
            (
                "Texte.\n\nPar Moussa\u{a0}Ag  Assarid.",
                Some("Moussa Ag Assarid"),
            ),
        ];
        for (text, want) in cases {
            let m = detect_metadata(text);
            assert_eq!(m.author.as_deref(), *want, "{text:?}");
            // the span covers the name as written (its own white space)
            let span = m
                .author_span
                .map(|(a, b)| text[a..b].split_whitespace().collect::<Vec<_>>().join(" "));
            assert_eq!(span.as_deref(), *want, "{text:?}");
        }
    }

    #[test]
    fn source_table() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "MD/Sf/ac/APA\n\nSource: https://fr.apanews.net/\n",
                Some("https://fr.apanews.net/"),
            ),
            ("Source : APA", None),
            ("Via https://example.org/x.", Some("https://example.org/x")),
            ("Selon la source https://example.org il pleut.", None),
        ];
        for (text, want) in cases {
            assert_eq!(
                detect_metadata(text).source_url.as_deref(),
                *want,
                "{text:?}"
            );
        }
    }

    /// A date that is not relative is only found in a line with a year run:
    /// the gate before the date search of a line skips none.
    fn year_run_gates(line: &str) {
        let dated = find_dates(line, None)
            .iter()
            .any(|m| !m.relative && m.date.is_some());
        assert!(!dated || has_year_run(line.as_bytes()), "{line:?}");
    }

    #[test]
    fn year_run_gate_table() {
        for (line, want) in [
            ("le 12 mars 2024", true),
            ("en 1799 puis 2201", false),
            ("1800", true),
            ("2200", true),
            ("20245 2024a a2024", true),
            ("12345 123 1.000", false),
            ("２０２４", false),
        ] {
            assert_eq!(has_year_run(line.as_bytes()), want, "{line:?}");
            year_run_gates(line);
        }
        for text in crate::test_support::sample_texts() {
            text.lines().for_each(year_run_gates);
        }
    }

    proptest::proptest! {
        #[test]
        fn year_run_gate_skips_no_date(t in "(\\PC|[0-9]{1,5}| |,|\\.|-|/|mars|March|le|en|in|du|au|mardi|Tuesday|2024|1799|2201){0,16}") {
            year_run_gates(&t);
        }

        #[test]
        fn never_panics(s in "(\\PC|\n|/|[0-9]|©|Par |Source: http){0,80}") {
            let m = detect_metadata(&s);
            for (a, b) in m.pub_date_span.into_iter().chain(m.author_span) {
                proptest::prop_assert!(a < b && b <= s.len() && s.is_char_boundary(a) && s.is_char_boundary(b));
            }
        }
    }
}
