//! Criterion benchmarks of tarikh-core's hot paths; the benches live in
//! `benches/hot_paths.rs` (see this crate's README). This library only finds
//! the inputs the benches read: the sample articles that ship with the Python
//! package and the built-in gazetteer's data file.
#![deny(missing_docs)]

use std::path::PathBuf;

/// The repository's root (two levels above this crate).
fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The folder of bundled sample articles, `python/tarikh/data/samples`.
pub fn samples_dir() -> PathBuf {
    repo_root().join("python/tarikh/data/samples")
}

/// The sample articles (`*.txt`), sorted by file name.
///
/// # Panics
/// If the folder cannot be read, a file is not UTF-8, or there is no article.
pub fn sample_articles() -> Vec<String> {
    let dir = samples_dir();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no *.txt article in {}", dir.display());
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("read {}: {e}", p.display())))
        .collect()
}

/// The built-in gazetteer's data file (`crates/tarikh-core/data/gazetteer.jsonl.gz`),
/// which `Gazetteer::builtin` embeds and parses once per process.
pub fn builtin_gazetteer_path() -> PathBuf {
    repo_root().join("crates/tarikh-core/data/gazetteer.jsonl.gz")
}

#[cfg(test)]
mod tests {
    #[test]
    fn inputs_are_there() {
        assert!(super::sample_articles().len() >= 2);
        assert!(super::builtin_gazetteer_path().is_file());
    }
}
