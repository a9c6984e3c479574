//! Regression dump for the text-analysis modules: runs their public
//! functions (and the private tokenizer and folding) over the seed articles
//! and generated texts and writes the Debug output to a file, so that a
//! speed-up can be checked to change no result:
//!
//! ```text
//! TARIKH_REGRESS_OUT=/tmp/before.txt cargo test -p tarikh-core --release regress_dump -- --ignored
//! # change the code
//! TARIKH_REGRESS_OUT=/tmp/after.txt cargo test -p tarikh-core --release regress_dump -- --ignored
//! cmp /tmp/before.txt /tmp/after.txt
//! ```
//!
//! `TARIKH_REGRESS_SEEDS` names the directory of seed `.txt` files
//! (default `/work/shared/seeds`).

use std::fmt::Write as _;

use crate::date::{Date, Precision};
use crate::dates::{find_dates, find_dates_with};
use crate::extract::{DocInput, Extractor, Stage};
use crate::lang::detect_language;
use crate::metadata::detect_metadata;
use crate::quantity::{find_quantities, parse_quantity};
use crate::segment::{segment, sentence_at};
use crate::tokens::{fold, tokenize};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "Le",
    "le",
    "la",
    "Les",
    "des",
    "de",
    "du",
    "et",
    "à",
    "À",
    "the",
    "of",
    "and",
    "was",
    "Mali",
    "SÉNÉGAL",
    "Sénégal",
    "Kidal",
    "Gao",
    "JNIM",
    "FAMa",
    "Élément",
    "ŒUVRE",
    "Straße",
    "İstanbul",
    "ﬁnale",
    "aou\u{0302}t",
    "e\u{0301}te\u{0301}",
    "Ǆemal",
    "ΑΘΗΝΑ",
    "Ⅻ",
    "ﬀ",
    "ǅ",
    "K",
    "Å",
    "a",
    "été",
    "attaqué",
    "tués",
    "soldats",
    "quatre",
    "vingt-cinq",
    "quatre-vingt-dix",
    "une vingtaine",
    "des dizaines",
    "environ",
    "1 200",
    "3,5 millions",
    "1.200",
    "12",
    "2025",
    "18 janvier 2025",
    "1er août",
    "May 30, 2025",
    "30/05/2025",
    "11/5/20252 min read",
    "2025-05-30",
    "2025-06",
    "début mai",
    "fin 2024",
    "mi-juin",
    "mercredi dernier",
    "hier",
    "avant-hier",
    "aujourd’hui",
    "la semaine dernière",
    "il y a deux semaines",
    "last Tuesday",
    "yesterday",
    "two days ago",
    "dimanche",
    "Publié le 3 août 2025",
    "Published on May 30, 2025",
    "Mis à jour le 5 août",
    "Par Lamine Fofana",
    "By John Smith | AFP",
    "Source: https://ex.org/a",
    "© 2025",
    "Tous droits réservés",
    "cookies",
    "Laisser un commentaire",
    "À lire aussi :",
    "Read also:",
    "Partager",
    "Share on Facebook",
    "Tweet",
    "ADVERTISEMENT",
    "min read",
    "M.",
    "Gén.",
    "U.S.",
    "J.",
    "«",
    "»",
    "“",
    "”",
    "\"",
    "(",
    ")",
    ",",
    ".",
    ".",
    ".",
    "!",
    "?",
    "…",
    ":",
    ";",
    "|",
    "/",
    "-",
    "–",
    "—",
    "’",
    "'",
    "•",
    "*",
    "1.",
    "2)",
    "\n",
    "\n",
    "\n\n",
    "\n\n",
    "\r\n",
    "\t",
    "  ",
    "\u{a0}",
    "\u{2009}",
    "°",
    "N°4",
    "km",
    "3km",
    "%",
    "pour cent",
    "percent",
    "hundreds",
    "a dozen",
    "twenty-one",
    "COMMENTAIRES",
    "REPONDRE",
    "Accueil",
    "Menu",
    "§§",
    "🙂",
    "中文",
    "ا",
    "x",
];

fn generated() -> Vec<String> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = Vec::new();
    for n in [0usize, 1, 2, 5, 20, 60, 200, 600, 2000, 6000] {
        for _ in 0..3 {
            let mut s = String::new();
            for _ in 0..n {
                s.push_str(rng.pick(PIECES));
                if rng.next() % 4 != 0 {
                    s.push(' ');
                }
            }
            out.push(s);
        }
    }
    out
}

fn dump_text(out: &mut String, name: &str, t: &str, ex: &Extractor) {
    let day = Date::new(2025, 8, 10);
    let month = Date::new(2025, 8, 1).map(|d| (d, Precision::Month));
    let year = Date::new(2025, 1, 1).map(|d| (d, Precision::Year));
    writeln!(out, "=== {name} ({} bytes)", t.len()).unwrap();
    writeln!(out, "fold {:?}", fold(t)).unwrap();
    let toks: Vec<_> = tokenize(t)
        .iter()
        .map(|k| {
            (
                k.start,
                k.end,
                k.kind.clone(),
                k.folded.to_string(),
                k.space_before,
            )
        })
        .collect();
    writeln!(out, "tokenize {toks:?}").unwrap();
    writeln!(out, "lang {:?}", detect_language(t)).unwrap();
    writeln!(out, "meta {:?}", detect_metadata(t)).unwrap();
    let sents = segment(t);
    writeln!(out, "segment {sents:?}").unwrap();
    for off in (0..t.len() + 2).step_by(97) {
        write!(out, "{:?} ", sentence_at(&sents, off)).unwrap();
    }
    writeln!(out).unwrap();
    writeln!(out, "dates0 {:?}", find_dates(t, None)).unwrap();
    writeln!(out, "datesd {:?}", find_dates(t, day)).unwrap();
    writeln!(out, "datesm {:?}", find_dates_with(t, month)).unwrap();
    writeln!(out, "datesy {:?}", find_dates_with(t, year)).unwrap();
    writeln!(out, "qty {:?}", find_quantities(t)).unwrap();
    writeln!(out, "pq {:?}", parse_quantity(t)).unwrap();
    for s in &sents {
        let st = s.text(t);
        writeln!(
            out,
            "S {:?} {:?} {:?} {:?} {:?} {:?}",
            detect_language(st),
            find_dates(st, day),
            find_quantities(st),
            parse_quantity(st),
            detect_metadata(st),
            segment(st)
        )
        .unwrap();
    }
    // Short windows for parse_quantity.
    let words: Vec<&str> = t.split_whitespace().take(400).collect();
    for w in 1..=3 {
        for win in words.windows(w) {
            if let Some(q) = parse_quantity(&win.join(" ")) {
                write!(out, "{win:?}={q:?} ").unwrap();
            }
        }
    }
    writeln!(out).unwrap();
    for line in t.lines().take(60) {
        writeln!(
            out,
            "L {:?} {:?}",
            detect_metadata(line),
            detect_language(line)
        )
        .unwrap();
    }
    for stage in [Stage::Mentions, Stage::Events] {
        let o = ex.clone().with_stage(stage).process(&DocInput::new(t));
        writeln!(out, "process {o:?}").unwrap();
    }
}

#[test]
#[ignore = "writes a regression dump; run by hand"]
fn regress_dump() {
    let path = std::env::var("TARIKH_REGRESS_OUT").unwrap_or_else(|_| "/tmp/regress.txt".into());
    let dir = std::env::var("TARIKH_REGRESS_SEEDS").unwrap_or_else(|_| "/work/shared/seeds".into());
    let (files, seeds): (Vec<_>, Vec<String>) =
        crate::test_support::files_in(std::path::Path::new(&dir), Some("txt"))
            .into_iter()
            .unzip();
    let ex = Extractor::builtin().expect("built-in gazetteer");
    let mut out = String::new();
    let mut texts: Vec<(String, String)> = Vec::new();
    for (p, s) in files.iter().zip(&seeds) {
        let n = p.file_name().unwrap().to_string_lossy().to_string();
        texts.push((n.clone(), s.clone()));
        texts.push((format!("{n} upper"), s.to_uppercase()));
        texts.push((format!("{n} crlf"), s.replace('\n', "\r\n")));
        texts.push((format!("{n} oneline"), s.replace('\n', " ")));
        let mut lines: Vec<&str> = s.lines().collect();
        lines.reverse();
        texts.push((format!("{n} reversed"), lines.join("\n")));
        // Cut at odd places (char boundaries).
        for cut in [1usize, 7, 100, 1000] {
            let mut c = cut.min(s.len());
            while !s.is_char_boundary(c) {
                c -= 1;
            }
            texts.push((format!("{n} head{cut}"), s[..c].to_string()));
            let mut d = s.len() - cut.min(s.len());
            while !s.is_char_boundary(d) {
                d += 1;
            }
            texts.push((format!("{n} tail{cut}"), s[d..].to_string()));
        }
    }
    // All seeds together, more than the language scan window.
    texts.push(("all".into(), seeds.join("\n\n").repeat(2)));
    for (i, g) in generated().into_iter().enumerate() {
        texts.push((format!("gen{i}"), g));
    }
    for (name, t) in &texts {
        dump_text(&mut out, name, t, &ex);
    }
    std::fs::write(&path, out).expect("write the dump");
}
