//! Time the pipeline with `Stage::Mentions`, `Stage::Linked` and `Stage::Events` over text
//! files repeated to a few megabytes, one thread, best of three runs; and
//! `Matcher::find` alone over the same texts, the floor the pipeline is
//! measured against, and the other stages alone (each counts matches or
//! hits, printed in parentheses).
//!
//! ```text
//! cargo run --release -p tarikh-core --example throughput -- [--repeat N] [--only NAME] FILE...
//! ```

use std::time::Instant;

use tarikh_core::extract::{DocInput, Extractor, Stage};
use tarikh_core::{detect_language, detect_metadata, find_dates, find_quantities, segment, Lang};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut repeat = 100;
    // `--only NAME`: time only the lines whose name contains NAME (for a
    // profiler), e.g. `find`, `metadata`, `segment`, `mentions`, `events`
    let mut only: Option<String> = None;
    while args.first().is_some_and(|a| a.starts_with("--")) {
        let value = args.get(1).cloned().expect("a value after the flag");
        match args[0].as_str() {
            "--repeat" => repeat = value.parse().expect("--repeat N"),
            "--only" => only = Some(value.to_lowercase()),
            other => panic!("unknown flag {other}"),
        }
        args.drain(..2);
    }
    let wanted = |name: &str| {
        only.as_deref()
            .is_none_or(|o| name.to_lowercase().contains(o))
    };
    let texts: Vec<String> = args
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("a UTF-8 file"))
        .collect();
    let docs: Vec<&str> = (0..repeat)
        .flat_map(|_| texts.iter().map(String::as_str))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let ex = Extractor::builtin().expect("the built-in gazetteer builds");
    // Best of three runs of `f` over all documents, printed with its MB/s.
    let time = |name: &str, f: &dyn Fn(&str) -> usize| {
        if !wanted(name) {
            return;
        }
        let mut best = f64::MAX;
        let mut n = 0;
        for _ in 0..3 {
            let t = Instant::now();
            n = docs.iter().map(|d| f(d)).sum::<usize>();
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{name}: {} docs, {:.2} MB in {:.3} s = {:.2} MB/s ({n})",
            docs.len(),
            bytes as f64 / 1e6,
            best,
            bytes as f64 / 1e6 / best,
        );
    };
    time("Matcher::find alone", &|d| ex.matcher().find(d).len());
    time("  detect_metadata", &|d| {
        usize::from(detect_metadata(d).pub_date.is_some())
    });
    time("  detect_language", &|d| {
        usize::from(detect_language(d) != Lang::Other)
    });
    time("  segment", &|d| segment(d).len());
    time("  find_dates (whole text)", &|d| find_dates(d, None).len());
    time("  find_quantities (whole text)", &|d| {
        find_quantities(d).len()
    });
    for stage in [Stage::Mentions, Stage::Linked, Stage::Events] {
        if !wanted(&format!("{stage:?}")) {
            continue;
        }
        let ex = ex.clone().with_stage(stage);
        let mut best = f64::MAX;
        let mut n_events = 0;
        for _ in 0..3 {
            let t = Instant::now();
            n_events = 0;
            for d in &docs {
                n_events += ex
                    .process(&DocInput::new(d))
                    .expect("processed")
                    .events
                    .len();
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{stage:?}: {} docs, {:.2} MB in {:.3} s = {:.2} MB/s ({} events)",
            docs.len(),
            bytes as f64 / 1e6,
            best,
            bytes as f64 / 1e6 / best,
            n_events
        );
    }
}
