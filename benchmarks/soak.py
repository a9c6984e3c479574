#!/usr/bin/env python3
"""Soak run of ``tarikh.extract_to``: kill it again and again, resume, and
check that every document came out exactly once.

Writes about ``--mb`` megabytes of perturbed sample articles
(``benchmarks/synth.py``) under ``benchmarks/data/soak-<mb>/``: a quarter as
text files in folders, the rest as JSON Lines tables, half of them gzipped.
Then it runs ``extract_to(..., resume=True)`` in a subprocess, sends it
SIGKILL after a random number of seconds, and starts it again, until a run
finishes. At the end it reports rows in against rows out:

- documents: rows, unique ``doc_id`` and duplicates against the documents
  written to the corpus;
- mentions and events: rows against the sums of ``n_mentions`` and
  ``n_events`` in documents, and per document (a lost or doubled part shows);
- the peak resident memory of any run (from ``wait4``, so killed runs count).

    python benchmarks/soak.py [--mb 1000] [--batch-size 1000] [--kill-after 3 30] [--seed 1]

Not a test: it takes minutes to hours. Figures go to RELIABILITY.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _child(args: argparse.Namespace) -> None:
    import tarikh

    tarikh.extract_to(args.root, args.out, batch_size=args.batch_size, resume=True, progress=False,
                      threads=args.threads)


def _batches_done(out: Path) -> int:
    try:
        text = (out / "_tarikh_manifest.jsonl").read_text(encoding="utf-8")
    except FileNotFoundError:
        return 0
    return text.count('"kind": "batch"')


def _check(out: Path, n_in: int) -> dict[str, object]:
    import polars as pl

    docs = pl.read_parquet(out / "documents")
    mentions = pl.scan_parquet(out / "mentions" / "*.parquet")
    events = pl.scan_parquet(out / "events" / "*.parquet")
    per_doc_m = mentions.group_by("doc_id").len().collect()
    per_doc_e = events.group_by("doc_id").len().collect()
    joined = (docs.select("doc_id", "n_mentions", "n_events")
              .join(per_doc_m.rename({"len": "m"}), on="doc_id", how="left")
              .join(per_doc_e.rename({"len": "e"}), on="doc_id", how="left")
              .with_columns(pl.col("m", "e").fill_null(0)))
    return {
        "documents_in": n_in,
        "documents_out": docs.height,
        "unique_doc_ids": docs["doc_id"].n_unique(),
        "duplicate_rows": docs.height - docs["doc_id"].n_unique(),
        "documents_with_errors": int(docs["error"].is_not_null().sum()),
        "mentions_rows": int(per_doc_m["len"].sum()),
        "mentions_expected": int(docs["n_mentions"].sum()),
        "events_rows": int(per_doc_e["len"].sum()),
        "events_expected": int(docs["n_events"].sum()),
        "documents_whose_counts_differ": joined.filter(
            (pl.col("m") != pl.col("n_mentions").fill_null(0)) | (pl.col("e") != pl.col("n_events").fill_null(0))
        ).height,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=1000, help="megabytes of text (default 1000)")
    ap.add_argument("--batch-size", type=int, default=1000)
    ap.add_argument("--kill-after", type=float, nargs=2, default=[3, 30], metavar=("MIN", "MAX"),
                    help="seconds before each kill, drawn uniformly (default 3 30)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--root", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args)
        return

    sys.path.insert(0, str(HERE))
    import synth

    root = HERE / "data" / f"soak-{args.mb:g}"
    marker = root / "corpus.json"
    t0 = time.perf_counter()
    if not marker.exists():
        shutil.rmtree(root, ignore_errors=True)
        n_in = synth.write_mixed(root, args.mb)
        marker.write_text(json.dumps({"documents": n_in}))
        print(f"corpus: {n_in:,} documents, {args.mb:g} MB, written in {time.perf_counter() - t0:.0f} s")
    n_in = json.loads(marker.read_text())["documents"]
    out = HERE / "out" / "soak"
    shutil.rmtree(out, ignore_errors=True)

    rng = random.Random(args.seed)
    cmd = [sys.executable, __file__, "--child", "--root", str(root), "--out", str(out),
           "--batch-size", str(args.batch_size)]
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    kills, peak_kb, runs = 0, 0, []
    start = time.perf_counter()
    while True:
        before = _batches_done(out)
        t_run = time.monotonic()
        proc = subprocess.Popen(cmd)
        wait = rng.uniform(*args.kill_after)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.05)
        else:
            proc.send_signal(signal.SIGKILL)
            pid, status, usage = os.wait4(proc.pid, 0)
            kills += 1
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        peak_kb = max(peak_kb, usage.ru_maxrss)
        took = time.monotonic() - t_run
        runs.append({"seconds": round(took, 1), "batches_before": before, "batches_after": _batches_done(out),
                     "exit": proc.returncode})
        print(f"run {len(runs)}: exit {proc.returncode:>4} after {took:5.1f} s, "
              f"batches {before} -> {runs[-1]['batches_after']}, peak {usage.ru_maxrss / 1024:.0f} MB", flush=True)
        if proc.returncode == 0:
            break
        if proc.returncode != -signal.SIGKILL:
            raise SystemExit(f"the run failed with exit code {proc.returncode}")
    wall = time.perf_counter() - start
    report = {"mb": args.mb, "batch_size": args.batch_size, "runs": len(runs), "kills": kills,
              "seconds": round(wall, 1), "peak_rss_mb": round(peak_kb / 1024), **_check(out, n_in)}
    print(json.dumps(report, indent=1))
    ok = (report["documents_out"] == report["unique_doc_ids"] == n_in
          and report["mentions_rows"] == report["mentions_expected"]
          and report["events_rows"] == report["events_expected"]
          and report["documents_whose_counts_differ"] == 0)
    print("OK: every document exactly once" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
