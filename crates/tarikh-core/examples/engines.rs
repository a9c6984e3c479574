//! Compare the matcher's engines ([`Engine::Words`], the default, and
//! [`Engine::AhoCorasick`]) at several gazetteer sizes: build time, heap
//! memory and `Matcher::find` throughput over the texts given (repeated to a
//! size), single-threaded, best of `ROUNDS` (default 3) by wall time. The
//! gazetteers are the built-in place names (the first N distinct ones in the
//! built-in order) topped up with seeded synthetic village names, one entry
//! per alias, so that sizes above the built-in count can be measured; every
//! size is checked to give the same mentions with both engines.
//!
//! ```text
//! cargo run --release -p tarikh-core --example engines -- MEGABYTES FILE... [--sizes 1000,10000,100000,600000]
//! ```

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;

use tarikh_core::normalize::{normalize_key, CaseMode};
use tarikh_core::{Engine, Entry, Gazetteer, Kind, Matcher};

/// Seeded synthetic names: one to three syllable-built words.
fn synthetic(n: usize, seen: &mut HashSet<String>, out: &mut Vec<String>) {
    const ON: &[&str] = &[
        "b", "d", "g", "k", "t", "s", "m", "n", "z", "f", "h", "y", "kel ", "tin", "ou", "dj", "ch",
    ];
    const NU: &[&str] = &["a", "e", "i", "o", "ou", "ai", "ao", "ia", "ei"];
    const CO: &[&str] = &["", "", "n", "r", "l", "k", "m", "ss", "t"];
    let mut state: u64 = 0x5eed;
    let mut next = |m: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % m
    };
    while out.len() < n {
        let words = 1 + next(3) / 2 + next(4) / 3;
        let mut name = String::new();
        for w in 0..words {
            if w > 0 {
                name.push(' ');
            }
            for _ in 0..2 + next(3) {
                name.push_str(ON[next(ON.len())].trim());
                name.push_str(NU[next(NU.len())]);
                name.push_str(CO[next(CO.len())]);
            }
        }
        let mut c = name.chars();
        let name: String = c.next().unwrap().to_uppercase().chain(c).collect();
        if seen.insert(normalize_key(&name, CaseMode::Fold)) {
            out.push(name);
        }
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut sizes = vec![1_000usize, 10_000, 100_000, 600_000];
    if let Some(i) = args.iter().position(|a| a == "--sizes") {
        sizes = args[i + 1]
            .split(',')
            .map(|s| s.parse().expect("a size"))
            .collect();
        args.drain(i..i + 2);
    }
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
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);

    let builtin = Gazetteer::builtin();
    let mut seen = HashSet::new();
    let mut names: Vec<String> = Vec::new();
    for e in builtin.entries().iter().filter(|e| e.kind == Kind::Place) {
        if seen.insert(normalize_key(&e.name, CaseMode::Fold)) {
            names.push(e.name.clone());
        }
    }
    let real = names.len();
    synthetic(*sizes.iter().max().unwrap(), &mut seen, &mut names);

    println!(
        "# {:.1} MB of text in {} documents; {} built-in place names, the rest synthetic",
        total as f64 / 1e6,
        docs.len(),
        real
    );
    println!("| aliases | engine | build s | memory MB | find MB/s | mentions |");
    println!("|--:|---|--:|--:|--:|--:|");
    for &n in &sizes {
        let mut g = Gazetteer::new();
        for (i, name) in names[..n].iter().enumerate() {
            g.add(Entry::new(format!("x{i}"), name.clone(), Kind::Place))
                .expect("a valid entry");
        }
        let g = Arc::new(g);
        let mut found = Vec::new();
        for engine in [Engine::Words, Engine::AhoCorasick] {
            let t = Instant::now();
            let m = Matcher::builder()
                .engine(engine)
                .build(g.clone())
                .expect("a matcher");
            let build = t.elapsed().as_secs_f64();
            let mut best = f64::INFINITY;
            let mut count = 0usize;
            for _ in 0..rounds {
                let t = Instant::now();
                count = docs.iter().map(|d| m.find(d).len()).sum();
                best = best.min(t.elapsed().as_secs_f64());
            }
            found.push(count);
            println!(
                "| {n} | {engine:?} | {build:.2} | {:.1} | {:.1} | {count} |",
                m.memory_usage() as f64 / 1e6,
                total as f64 / 1e6 / best
            );
        }
        assert_eq!(found[0], found[1], "the engines disagree at {n} aliases");
    }
}
