#!/usr/bin/env python3
"""Two threads against one: many documents, and one very large document.

    python benchmarks/bench_threads.py [--docs 4000] [--big-mb 9] [--rounds 3]
                                       [--stages mentions linked events] [--threads 2]

Corpora (seeded, from ``synth.documents``: the bundled sample articles,
perturbed so that every document differs; the full built-in gazetteer):

* ``many``: ``--docs`` documents of ~4 KB each;
* ``one``: those documents joined (blank line between them) into a single
  text of about ``--big-mb`` MB.

For each corpus and stage (``mentions``: ``events=False``; ``linked``:
``events=False, link=True``; ``events``: the whole pipeline) the script times
``tarikh.extract`` with one thread and with ``--threads`` threads, alternated
over ``--rounds`` rounds so that a noisy machine hits both alike, checks that
both give the same tables, and prints the best MB/s of each, the ratio of the
best times, and the speed-up of every round (ratio of the two times measured
back to back) with its median.

The issue's targets (issue 6): at least 1.8x with two threads on many
documents, and a single very large document split so that it too uses both
cores.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

import polars as pl

import tarikh
from synth import documents

STAGES = {
    "mentions": dict(events=False),
    "linked": dict(events=False, link=True),
    "events": dict(events=True),
}


def run(texts: list[str], threads: int, stage: str) -> tuple[float, tarikh.Result]:
    t0 = time.perf_counter()
    res = tarikh.extract(texts, threads=threads, progress=False, **STAGES[stage])
    return time.perf_counter() - t0, res


def same(a: tarikh.Result, b: tarikh.Result) -> bool:
    return all(getattr(a, t).equals(getattr(b, t)) for t in ("documents", "mentions", "events", "candidates"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=4000, help="documents in the many-document corpus")
    ap.add_argument("--big-mb", type=float, default=9.0, help="size of the one large document, MB")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2, help="the thread count compared with one")
    ap.add_argument("--stages", nargs="+", default=list(STAGES), choices=list(STAGES))
    ap.add_argument("--corpora", nargs="+", default=["many", "one"], choices=["many", "one"])
    args = ap.parse_args()

    stream = documents(7)
    many = [next(stream)[1] for _ in range(args.docs)]
    big_parts, size = [], 0
    stream = documents(11)
    while size < args.big_mb * 1e6:
        t = next(stream)[1]
        big_parts.append(t)
        size += len(t.encode()) + 2
    corpora = {"many": many, "one": ["\n\n".join(big_parts)]}
    print(f"# tarikh {tarikh.__version__}, polars {pl.__version__}, Python {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs; built-in gazetteer; {args.rounds} rounds, "
          f"1 and {args.threads} threads alternated")
    tarikh.extract(many[:2], progress=False)   # load the gazetteer and build the matcher once
    print(f"| corpus | stage | MB | 1 thread MB/s | {args.threads} threads MB/s | best / best "
          "| speed-up per round | median |")
    print("|---|---|--:|--:|--:|--:|---|--:|")
    for name in args.corpora:
        texts = corpora[name]
        mb = sum(len(t.encode()) for t in texts) / 1e6
        label = f"{len(texts):,} documents" if name == "many" else "1 document"
        for stage in args.stages:
            ones, twos, ratios = [], [], []
            for _ in range(args.rounds):
                t1, r1 = run(texts, 1, stage)
                t2, r2 = run(texts, args.threads, stage)
                if not same(r1, r2):
                    raise SystemExit(f"{name}/{stage}: {args.threads} threads differ from one")
                ones.append(t1)
                twos.append(t2)
                ratios.append(t1 / t2)
            print(f"| {label} | {stage} | {mb:.1f} | {mb / min(ones):.1f} | {mb / min(twos):.1f} | "
                  f"{min(ones) / min(twos):.2f}x | {' / '.join(f'{r:.2f}' for r in ratios)} | {statistics.median(ratios):.2f}x |", flush=True)


if __name__ == "__main__":
    main()
