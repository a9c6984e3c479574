//! Measure what linking costs next to matching: the texts given (e.g. the
//! seed articles) are repeated until they reach a size, then each document
//! is matched alone (`Matcher::find`) and matched then linked
//! (`find` + segmentation + `linking::link`), single-threaded.
//!
//! ```text
//! cargo run --release -p tarikh-core --example link_cost -- MEGABYTES FILE...
//! ```

use std::time::Instant;

use tarikh_core::{link, segment, Extractor};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mb: usize = args[0].parse().expect("a size in MB");
    let texts: Vec<String> = args[1..]
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("a UTF-8 file"))
        .collect();
    let mut docs: Vec<&str> = Vec::new();
    let mut total = 0usize;
    while total < mb << 20 {
        for t in &texts {
            docs.push(t);
            total += t.len();
        }
    }
    let ex = Extractor::builtin().expect("the built-in gazetteer");
    let (m, gaz) = (ex.matcher(), ex.gazetteer());
    let mbs = |secs: f64| total as f64 / (1 << 20) as f64 / secs;
    let (mut best_find, mut best_both) = (f64::INFINITY, f64::INFINITY);
    for round in 0..5 {
        let t0 = Instant::now();
        let mut n = 0usize;
        for d in &docs {
            n += m.find(d).len();
        }
        let find_s = t0.elapsed().as_secs_f64();
        let sentences: Vec<_> = docs.iter().map(|d| segment(d)).collect();
        let t1 = Instant::now();
        let mut k = 0usize;
        for (d, s) in docs.iter().zip(&sentences) {
            k += link(d, m, gaz, s, m.find(d)).len();
        }
        let both_s = t1.elapsed().as_secs_f64();
        best_find = best_find.min(find_s);
        best_both = best_both.min(both_s);
        println!(
            "round {round}: {:.1} MB, {} docs | find {:.3}s ({:.1} MB/s, {n} raw) | find+link {:.3}s ({:.1} MB/s, {k} linked) | link alone {:.3}s = {:.0}% of find",
            total as f64 / (1 << 20) as f64,
            docs.len(),
            find_s,
            mbs(find_s),
            both_s,
            mbs(both_s),
            both_s - find_s,
            100.0 * (both_s - find_s) / find_s
        );
    }
    println!(
        "best of 5: find {:.1} MB/s, find+link {:.1} MB/s, linking adds {:.0}% to matching time",
        mbs(best_find),
        mbs(best_both),
        100.0 * (best_both - best_find) / best_find
    );
}
