//! Time the pipeline with `Stage::Mentions` and `Stage::Events` over text
//! files repeated to a few megabytes, one thread, best of three runs; and
//! `Matcher::find` alone over the same texts, the floor the pipeline is
//! measured against.
//!
//! ```text
//! cargo run --release -p tarikh-core --example throughput -- [--repeat N] FILE...
//! ```

use std::time::Instant;

use tarikh_core::extract::{DocInput, Extractor, Stage};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut repeat = 100;
    if args.first().map(String::as_str) == Some("--repeat") {
        repeat = args[1].parse().expect("--repeat N");
        args.drain(..2);
    }
    let texts: Vec<String> = args
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("a UTF-8 file"))
        .collect();
    let docs: Vec<&str> = (0..repeat)
        .flat_map(|_| texts.iter().map(String::as_str))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let ex = Extractor::builtin().expect("the built-in gazetteer builds");
    let mut best = f64::MAX;
    let mut n_mentions = 0;
    for _ in 0..3 {
        let t = Instant::now();
        n_mentions = 0;
        for d in &docs {
            n_mentions += ex.matcher().find(d).len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "Matcher::find alone: {} docs, {:.2} MB in {:.3} s = {:.2} MB/s ({} mentions)",
        docs.len(),
        bytes as f64 / 1e6,
        best,
        bytes as f64 / 1e6 / best,
        n_mentions
    );
    for stage in [Stage::Mentions, Stage::Events] {
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
