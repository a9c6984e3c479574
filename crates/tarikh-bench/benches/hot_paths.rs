//! Criterion benchmarks of tarikh-core's hot paths over the sample articles
//! bundled in `python/tarikh/data/samples`. Each iteration processes every
//! article once (one thread), and throughput is reported in bytes of
//! original text, so the figures compare with the `throughput` and
//! `link_cost` examples. See this crate's README.
//!
//! ```text
//! CARGO_TARGET_DIR=... cargo bench -p tarikh-bench -- --quick [FILTER]
//! ```

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use tarikh_bench::{builtin_gazetteer_path, sample_articles};
use tarikh_core::extract::{DocInput, Extractor, Stage};
use tarikh_core::normalize::{normalize, normalize_with, CaseMode};
use tarikh_core::{find_dates, link, segment, Gazetteer, Matcher, Mention, Sentence};

/// The articles and their total size in bytes.
struct Corpus {
    docs: Vec<String>,
    bytes: u64,
}

impl Corpus {
    fn new(docs: Vec<String>) -> Corpus {
        let bytes = docs.iter().map(|d| d.len() as u64).sum();
        Corpus { docs, bytes }
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        self.docs.iter().map(String::as_str)
    }
}

/// The articles with accents, apostrophes and dashes folded (case kept) and
/// any other non-ASCII character made a space: the same words, all ASCII.
fn ascii_version(text: &str) -> String {
    normalize_with(text, CaseMode::Keep)
        .as_str()
        .chars()
        .map(|c| if c.is_ascii() { c } else { ' ' })
        .collect()
}

/// Normalisation on the articles as they are, on an all-ASCII version of
/// them (the fast path) and on an upper-cased version (accents kept, every
/// letter case-folded).
fn bench_normalize(c: &mut Criterion) {
    let articles = Corpus::new(sample_articles());
    let ascii = Corpus::new(articles.iter().map(ascii_version).collect());
    assert!(ascii.iter().all(str::is_ascii));
    let accented = Corpus::new(articles.iter().map(str::to_uppercase).collect());
    let mut g = c.benchmark_group("normalize");
    for (name, corpus) in [
        ("articles", &articles),
        ("ascii", &ascii),
        ("accented_upper", &accented),
    ] {
        g.throughput(Throughput::Bytes(corpus.bytes));
        g.bench_function(name, |b| {
            b.iter(|| {
                for d in corpus.iter() {
                    black_box(normalize(black_box(d)));
                }
            })
        });
    }
    g.finish();
}

/// `Matcher::find` alone, then with linking (sentences segmented beforehand,
/// as in the `link_cost` example), then linking alone on matches found
/// beforehand.
fn bench_match_link(c: &mut Criterion) {
    let articles = Corpus::new(sample_articles());
    let ex = Extractor::builtin().expect("the built-in gazetteer builds");
    let (m, gaz) = (ex.matcher(), ex.gazetteer());
    let sentences: Vec<Vec<Sentence>> = articles.iter().map(segment).collect();
    let raws: Vec<Vec<Mention>> = articles.iter().map(|d| m.find(d)).collect();
    assert!(
        raws.iter().any(|r| !r.is_empty()),
        "no match in the samples"
    );
    let mut g = c.benchmark_group("match");
    g.throughput(Throughput::Bytes(articles.bytes));
    g.bench_function("find", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|d| m.find(black_box(d)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("find_link", |b| {
        b.iter(|| {
            articles
                .iter()
                .zip(&sentences)
                .map(|(d, s)| link(d, m, gaz, s, m.find(black_box(d))).len())
                .sum::<usize>()
        })
    });
    g.bench_function("link_only", |b| {
        b.iter_batched(
            || raws.clone(),
            |raws| {
                articles
                    .iter()
                    .zip(&sentences)
                    .zip(raws)
                    .map(|((d, s), raw)| link(d, m, gaz, s, raw).len())
                    .sum::<usize>()
            },
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

/// Sentence segmentation, date extraction (whole text, no reference date)
/// and the full per-document pipeline at `Stage::Mentions`, `Stage::Linked`
/// and `Stage::Events`, as in the `throughput` example.
fn bench_pipeline(c: &mut Criterion) {
    let articles = Corpus::new(sample_articles());
    let ex = Extractor::builtin().expect("the built-in gazetteer builds");
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(articles.bytes));
    g.bench_function("segment", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|d| segment(black_box(d)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("find_dates", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|d| find_dates(black_box(d), None).len())
                .sum::<usize>()
        })
    });
    for (name, stage) in [
        ("extract_mentions", Stage::Mentions),
        ("extract_linked", Stage::Linked),
        ("extract_events", Stage::Events),
    ] {
        let ex = ex.clone().with_stage(stage);
        g.bench_function(name, |b| {
            b.iter(|| {
                articles
                    .iter()
                    .map(|d| {
                        let out = ex.process(&DocInput::new(black_box(d))).expect("processed");
                        out.mentions.len() + out.events.len()
                    })
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

/// Building the matcher: the built-in gazetteer parsed from its data file
/// the way `Gazetteer::builtin` does it (JSON Lines, then the trigger
/// lexicon; `builtin` itself caches its result, so it is not called), then
/// `Matcher::new`; and `Matcher::new` alone on the already parsed gazetteer.
fn bench_build(c: &mut Criterion) {
    let path = builtin_gazetteer_path();
    let load = || {
        let mut gaz = Gazetteer::from_path(&path).expect("the built-in gazetteer file");
        gaz.load_csv(
            tarikh_core::triggers::builtin_triggers_csv().as_bytes(),
            "<builtin triggers>",
            b',',
        )
        .expect("the built-in trigger lexicon");
        Arc::new(gaz)
    };
    let builtin = Gazetteer::builtin();
    assert_eq!(
        load().len(),
        builtin.len(),
        "the data file and the embedded gazetteer differ"
    );
    let mut g = c.benchmark_group("build");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    g.bench_function("load_gazetteer_and_matcher", |b| {
        b.iter(|| Matcher::new(load()).expect("the matcher builds"))
    });
    g.bench_function("matcher_new", |b| {
        b.iter(|| Matcher::new(Arc::clone(&builtin)).expect("the matcher builds"))
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_normalize, bench_match_link, bench_pipeline, bench_build
}
criterion_main!(benches);
