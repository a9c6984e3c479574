//! Measure what linking costs next to matching: the texts given (e.g. the
//! seed articles) are repeated until they reach a size, then each document
//! is matched alone (`Matcher::find`) and matched then linked
//! (`find` + segmentation + `linking::link`), single-threaded. Times are the
//! thread's CPU time (from `/proc/thread-self/schedstat` where it exists), so
//! other processes on a busy machine do not count; `ROUNDS` (default 5) sets
//! the repetitions. With `MIX=1` the documents are sentences of the texts
//! drawn at random (seeded) instead of the texts repeated whole.
//!
//! ```text
//! cargo run --release -p tarikh-core --example link_cost -- MEGABYTES FILE...
//! ```

use std::time::Instant;

/// A clock of this thread's CPU time where Linux offers one, wall time
/// otherwise.
struct Clock(Instant);

impl Clock {
    fn start() -> Clock {
        Clock(Instant::now())
    }

    fn cpu_ns() -> Option<u64> {
        let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
        s.split_whitespace().next()?.parse().ok()
    }

    /// Seconds on this clock (differences are durations).
    fn now(&self) -> f64 {
        Self::cpu_ns().map_or_else(|| self.0.elapsed().as_secs_f64(), |ns| ns as f64 * 1e-9)
    }
}

use tarikh_core::{link, segment, Extractor};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mb: usize = args[0].parse().expect("a size in MB");
    let texts: Vec<String> = args[1..]
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("a UTF-8 file"))
        .collect();
    let mut total = 0usize;
    let mut owned: Vec<String> = Vec::new();
    if std::env::var_os("MIX").is_some() {
        // documents of ~4.5 KB whose sentences are drawn (seeded) from all
        // the texts: the same vocabulary, but no document repeats, so the
        // matcher does not replay one it has just seen (which flatters
        // matching alone far more than matching interleaved with linking)
        let pieces: Vec<&str> = texts.iter().flat_map(|t| t.split_inclusive(". ")).collect();
        let mut x = 7u64;
        while total < mb << 20 {
            let mut d = String::new();
            while d.len() < 4500 {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                d.push_str(pieces[(x >> 33) as usize % pieces.len()]);
            }
            total += d.len();
            owned.push(d);
        }
    } else {
        while total < mb << 20 {
            for t in &texts {
                owned.push(t.clone());
                total += t.len();
            }
        }
    }
    let docs: Vec<&str> = owned.iter().map(String::as_str).collect();
    let ex = Extractor::builtin().expect("the built-in gazetteer");
    let (m, gaz) = (ex.matcher(), ex.gazetteer());
    let mbs = |secs: f64| total as f64 / (1 << 20) as f64 / secs;
    let (mut best_find, mut best_both) = (f64::INFINITY, f64::INFINITY);
    // per round, matching and linking time over matching time: the two are
    // measured back to back, so their ratio drifts less with the machine's
    // load than the best times taken apart
    let mut ratios: Vec<f64> = Vec::new();
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let clock = Clock::start();
    for round in 0..rounds {
        let t0 = clock.now();
        let mut n = 0usize;
        for d in &docs {
            n += m.find(d).len();
        }
        let find_s = clock.now() - t0;
        let sentences: Vec<_> = docs.iter().map(|d| segment(d)).collect();
        let t1 = clock.now();
        let mut k = 0usize;
        for (d, s) in docs.iter().zip(&sentences) {
            k += link(d, m, gaz, s, m.find(d)).len();
        }
        let both_s = clock.now() - t1;
        // linking alone, on matches found beforehand: what linking costs
        // without the cache misses it causes the matcher
        let raws: Vec<_> = docs.iter().map(|d| m.find(d)).collect();
        let t2 = clock.now();
        for ((d, s), raw) in docs.iter().zip(&sentences).zip(raws) {
            std::hint::black_box(link(d, m, gaz, s, raw));
        }
        let link_s = clock.now() - t2;
        ratios.push(both_s / find_s);
        best_find = best_find.min(find_s);
        best_both = best_both.min(both_s);
        println!(
            "round {round}: {:.1} MB, {} docs | find {:.3}s ({:.1} MB/s, {n} raw) | find+link {:.3}s ({:.1} MB/s, {k} linked) | link {:.3}s = {:.0}% of find (on found matches {:.3}s = {:.0}%)",
            total as f64 / (1 << 20) as f64,
            docs.len(),
            find_s,
            mbs(find_s),
            both_s,
            mbs(both_s),
            both_s - find_s,
            100.0 * (both_s - find_s) / find_s,
            link_s,
            100.0 * link_s / find_s
        );
    }
    ratios.sort_by(f64::total_cmp);
    let median = ratios[ratios.len() / 2];
    println!(
        "best of {rounds}: find {:.1} MB/s, find+link {:.1} MB/s, linking adds {:.0}% to matching time; median of the rounds: adds {:.0}%, keeps {:.2} of matching throughput",
        mbs(best_find),
        mbs(best_both),
        100.0 * (best_both - best_find) / best_find,
        100.0 * (median - 1.0),
        1.0 / median
    );
}
