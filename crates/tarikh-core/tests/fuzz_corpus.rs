//! Replays the committed fuzz corpora (`fuzz/corpus/<target>/`) through the
//! fuzz targets' invariant checks, on stable Rust and without cargo-fuzz, so
//! that `cargo test` catches a regression on any input fuzzing once found
//! interesting. Fuzzing itself: `scripts/fuzz.sh SECONDS`.

use std::path::Path;

#[path = "../../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod checks;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            panic!("{target}: invariant broken by {}", path.display());
        }
        n += 1;
    }
    assert!(n > 0, "{}: empty corpus", dir.display());
}

#[test]
fn normalize_corpus() {
    replay("normalize", checks::normalize);
}

#[test]
fn matcher_corpus() {
    replay("matcher", checks::matcher);
}

#[test]
fn dates_corpus() {
    replay("dates", checks::dates);
}

#[test]
fn segment_corpus() {
    replay("segment", checks::segment);
}

#[test]
fn gazetteer_csv_corpus() {
    replay("gazetteer_csv", checks::gazetteer_csv);
}

#[test]
fn gazetteer_jsonl_corpus() {
    replay("gazetteer_jsonl", checks::gazetteer_jsonl);
}
