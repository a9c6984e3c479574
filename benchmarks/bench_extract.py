#!/usr/bin/env python3
"""Throughput of ``tarikh.extract`` against pyahocorasick and flashtext.

A seeded generator writes a French news-like corpus (default 50 MB, in
documents of ~4 KB) that mentions names drawn from a gazetteer of real place
names taken from the built-in gazetteer (default 10,000 aliases). Every tool
does case-insensitive, whole-word, leftmost-longest matching of the same
aliases over the same texts, in the same process, one after another; the
script prints MB/s, matches found and the ratio to tarikh.

    python benchmarks/bench_extract.py [--mb 50] [--aliases 10000] [--threads 1] [--seed 7]
    python benchmarks/bench_extract.py --default [--mb 20] [--rounds 3]

With ``--default`` it measures the full built-in gazetteer instead, over
real text: the bundled sample articles, perturbed so that every document
differs (``synth.documents``). It times ``tarikh.extract`` three ways,
alternated over ``--rounds``: the matcher's mentions (``events=False``),
linked mentions (``events=False, link=True``) and the whole pipeline with
events; it prints MB/s, the share of the mentions-only throughput that
linking keeps, and the process's peak memory. The peers are left out there:
the default gazetteer's acronyms are case-sensitive and its aliases
normalised, which they cannot reproduce.

tarikh's figure is end to end: Python strings in, polars mentions DataFrame
out, including normalisation (accents, case, apostrophes) and offsets. The
peers return Python lists of matches. Requires ``pip install '.[bench]'``.
"""

from __future__ import annotations

import argparse
import platform
import random
import re
import time

import polars as pl

import tarikh

FILLER = (
    "le la les de des du un une et en au aux pour par sur dans avec selon après avant contre sans entre "
    "armée attaque sécurité gouvernement région village frontière forces groupe armé otages militaires "
    "président ministre accord coopération patrouille renseignement population civils autorités local "
    "semaine mois dimanche lundi annonce communiqué sources sécuritaires terrain opération nord sud est "
    "ouest centre ville route camion chauffeurs libération enlèvement négociation dialogue menace zone"
).split()


def make_gazetteer(n_aliases: int, seed: int) -> tuple[tarikh.Gazetteer, list[str]]:
    """A gazetteer of ``n_aliases`` distinct real place names (one per entry)."""
    places = (
        tarikh.Gazetteer.default().to_frame()
        .filter(pl.col("kind") == "place")
        .select("name")
        .unique(maintain_order=True)
    )
    names = [n for n in places["name"].to_list() if re.fullmatch(r"[\w' -]+", n) and len(n) >= 3]
    seen, uniq = set(), []
    for n in names:
        key = tarikh.normalize(n)
        if key not in seen:
            seen.add(key)
            uniq.append(n)
    rng = random.Random(seed)
    rng.shuffle(uniq)
    chosen = uniq[:n_aliases]
    if len(chosen) < n_aliases:
        raise SystemExit(f"only {len(chosen)} usable names")
    gaz = tarikh.Gazetteer()
    gaz.add_entries({"id": f"b{i}", "name": n, "kind": "place"} for i, n in enumerate(chosen))
    return gaz, chosen


def make_corpus(names: list[str], mb: float, seed: int, doc_bytes: int = 4000) -> list[str]:
    rng = random.Random(seed)
    docs, total, target = [], 0, int(mb * 1e6)
    while total < target:
        words = []
        size = 0
        while size < doc_bytes:
            w = rng.choice(names) if rng.random() < 0.04 else rng.choice(FILLER)
            if rng.random() < 0.08:
                w = w.capitalize()
            words.append(w)
            size += len(w) + 1
            if rng.random() < 0.06:
                words[-1] += "."
        doc = " ".join(words)
        docs.append(doc)
        total += len(doc.encode())
    return docs


def run_tarikh(docs, gaz, threads):
    res = tarikh.extract(docs, gaz, events=False, threads=threads, progress=False)
    return res.mentions.height


def _word_ok(text: str, s: int, e: int) -> bool:
    return (s == 0 or not text[s - 1].isalnum()) and (e == len(text) or not text[e].isalnum())


def run_pyahocorasick(docs, names):
    import ahocorasick

    a = ahocorasick.Automaton()
    for n in names:
        a.add_word(n.lower(), n)
    a.make_automaton()
    found = 0
    for d in docs:
        low = d.lower()
        # iter_long gives leftmost-longest matches; keep whole words
        out = []
        for end, name in a.iter_long(low):
            s = end - len(name) + 1
            if _word_ok(low, s, end + 1):
                out.append((s, end + 1, name))
        found += len(out)
    return found


def run_flashtext(docs, names):
    from flashtext import KeywordProcessor

    kp = KeywordProcessor(case_sensitive=False)
    # Unicode word characters, so accented letters are part of words
    kp.set_non_word_boundaries(set(kp.non_word_boundaries) | {c for n in names for c in n if c.isalnum()}
                               | set("éèêëàâäîïôöùûüçœæÉÈÊÀÂÎÔÛÇ"))
    for n in names:
        kp.add_keyword(n)
    return sum(len(kp.extract_keywords(d, span_info=True)) for d in docs)


def run_default(mb: float, threads: int, rounds: int) -> None:
    """The full default gazetteer over perturbed sample articles: mentions,
    linked mentions and events, alternated; peak memory at the end."""
    import resource
    from itertools import islice

    from synth import documents

    t0 = time.perf_counter()
    gaz = tarikh.Gazetteer.default()
    gaz.compile()
    load = time.perf_counter() - t0
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    docs, size = [], 0
    for doc in documents(seed=7):
        docs.append(doc)
        size += len(doc[1].encode())
        if size >= mb * 1e6:
            break
    size_mb = size / 1e6
    print(f"# tarikh {tarikh.__version__}, polars {pl.__version__}, Python {platform.python_version()}, "
          f"{platform.machine()}, {threads} thread(s)")
    print(f"# built-in gazetteer: load + matcher build {load:.2f} s, peak RSS {rss_loaded:.0f} MB after it; "
          f"corpus {size_mb:.1f} MB in {len(docs):,} perturbed sample articles")
    modes = {"mentions (events=False)": {"events": False},
             "linked mentions (events=False, link=True)": {"events": False, "link": True},
             "events (default)": {}}
    secs: dict[str, list[float]] = {k: [] for k in modes}
    counts: dict[str, int] = {}
    for _ in range(rounds):
        for name, kw in modes.items():
            t0 = time.perf_counter()
            res = tarikh.extract(docs, gaz, threads=threads, progress=False, **kw)
            secs[name].append(time.perf_counter() - t0)
            counts[name] = res.mentions.height
            del res
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    base = secs["mentions (events=False)"]
    print("| run | best s | MB/s (best) | mentions | throughput kept, per round |")
    print("|---|---|---|---|---|")
    for name, ts in secs.items():
        kept = " / ".join(f"{b / t:.2f}" for b, t in zip(base, ts))
        print(f"| {name} | {min(ts):.2f} | {size_mb / min(ts):.1f} | {counts[name]:,} | {kept} |")
    print(f"# peak RSS {peak:.0f} MB (process, all runs)")


def timed(fn, *args):
    t0 = time.perf_counter()
    n = fn(*args)
    return time.perf_counter() - t0, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--aliases", type=int, default=10_000)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--skip", nargs="*", default=[], help="peers to skip: pyahocorasick flashtext")
    ap.add_argument("--default", action="store_true",
                    help="the full built-in gazetteer over perturbed sample articles: mentions, linked, events")
    ap.add_argument("--rounds", type=int, default=3, help="with --default: alternated rounds")
    args = ap.parse_args()
    if args.default:
        run_default(args.mb, args.threads, args.rounds)
        return

    gaz, names = make_gazetteer(args.aliases, args.seed)
    docs = make_corpus(names, args.mb, args.seed)
    mb = sum(len(d.encode()) for d in docs) / 1e6
    t0 = time.perf_counter()
    gaz.compile()
    build = time.perf_counter() - t0
    print(f"# tarikh {tarikh.__version__}, polars {pl.__version__}, Python {platform.python_version()}, "
          f"{platform.machine()}, {args.threads} thread(s)")
    print(f"# corpus {mb:.1f} MB in {len(docs):,} documents, {len(names):,} aliases; matcher build {build:.2f} s")
    rows = []
    t, n = timed(run_tarikh, docs, gaz, args.threads)
    rows.append(("tarikh.extract (mentions, end to end)", t, n))
    if "pyahocorasick" not in args.skip:
        t, n = timed(run_pyahocorasick, docs, names)
        rows.append(("pyahocorasick iter_long + word filter", t, n))
    if "flashtext" not in args.skip:
        t, n = timed(run_flashtext, docs, names)
        rows.append(("flashtext (case-insensitive)", t, n))
    base = rows[0][1]
    print(f"| tool | seconds | MB/s | matches | tarikh speed-up |")
    print(f"|---|---|---|---|---|")
    for name, t, n in rows:
        print(f"| {name} | {t:.2f} | {mb / t:.1f} | {n:,} | {t / base:.1f}x |")


if __name__ == "__main__":
    main()
