//! Helpers shared by the unit tests.

/// The bundled sample articles (`python/tarikh/data/samples`), in file-name
/// order.
pub(crate) fn sample_texts() -> Vec<String> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../python/tarikh/data/samples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the bundled samples")
        .map(|f| f.expect("a directory entry").path())
        .collect();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("a UTF-8 sample"))
        .collect();
    assert!(texts.len() >= 5, "the five sample articles");
    texts
}
