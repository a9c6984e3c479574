//! Helpers shared by the unit tests.

/// The bundled sample articles (`python/tarikh/data/samples`), in file-name
/// order.
pub(crate) fn sample_texts() -> Vec<String> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../python/tarikh/data/samples");
    let texts: Vec<String> = files_in(&dir, None).into_iter().map(|(_, t)| t).collect();
    assert!(texts.len() >= 5, "the five sample articles");
    texts
}

/// The files of `dir` (those ending in `.{ext}` if given) with their texts,
/// in file-name order.
pub(crate) fn files_in(
    dir: &std::path::Path,
    ext: Option<&str>,
) -> Vec<(std::path::PathBuf, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|f| f.expect("a directory entry").path())
        .filter(|p| ext.is_none_or(|x| p.extension().is_some_and(|e| e == x)))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let t = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, t)
        })
        .collect()
}

/// Texts that put each of `stops` at every position of two 16-byte steps
/// of a scan (`crate::chunks`): `head`, then `k` times `fill` for each `k`
/// below 40, the stop, then `tail`.
pub(crate) fn stop_texts(head: &str, fill: char, stops: &[&str], tail: &str) -> Vec<String> {
    let mut out = Vec::new();
    for stop in stops {
        for k in 0..40 {
            let mut text = String::from(head);
            text.extend(std::iter::repeat_n(fill, k));
            text.push_str(stop);
            text.push_str(tail);
            out.push(text);
        }
    }
    out
}
