#!/usr/bin/env python3
"""Peak memory of ``tarikh.extract_to`` as the corpus grows and the batch stays.

Writes text files of perturbed sample articles (``benchmarks/synth.py``,
~4 KB each) under ``benchmarks/data/stream/``, then runs, each in a fresh
subprocess so that peak resident memory (``ru_maxrss``) is its own:

- ``baseline``: import tarikh, load and compile the built-in gazetteer;
- ``extract_to`` over 1x, 10x... the batch size in documents;
- ``extract`` (everything in memory) over the largest of these, for contrast.

    python benchmarks/bench_stream.py [--batch-size 1000] [--multiples 1 10 40] [--threads 2]

Prints one row per run: documents, MB of text, seconds, peak RSS.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "stream"


def _child(args: argparse.Namespace) -> None:
    import tarikh

    folders = sorted(DATA.glob("f*"))[: args.folders]
    t0 = time.perf_counter()
    gaz = tarikh.Gazetteer.default()
    gaz.compile()
    n_docs = n_chars = 0
    if args.child == "extract_to":
        out = HERE / "out" / "stream"
        shutil.rmtree(out, ignore_errors=True)
        ds = tarikh.extract_to(folders, out, batch_size=args.batch_size, gazetteer=gaz, threads=args.threads,
                               progress=False)
        n_docs = ds.n_documents
        n_chars = ds.documents.select("n_chars").sum().collect().item()
    elif args.child == "extract":
        res = tarikh.extract(tarikh.read_corpus(folders), gaz, threads=args.threads, progress=False)
        n_docs = res.documents.height
        n_chars = res.documents["n_chars"].sum()
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"docs": n_docs, "mb": n_chars / 1e6, "seconds": seconds, "peak_mb": peak}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--batch-size", type=int, default=1000)
    ap.add_argument("--multiples", type=int, nargs="+", default=[1, 10, 40])
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--child", choices=("baseline", "extract_to", "extract"), help=argparse.SUPPRESS)
    ap.add_argument("--folders", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args)
        return

    sys.path.insert(0, str(HERE))
    import synth

    per_folder = args.batch_size
    largest = max(args.multiples)
    t0 = time.perf_counter()
    synth.write_text_files(DATA, largest * args.batch_size, per_folder=per_folder)
    print(f"corpus: {largest * args.batch_size:,} files in {DATA} ({time.perf_counter() - t0:.0f} s to write)")
    print(f"python {platform.python_version()}, batch size {args.batch_size:,} documents, "
          f"threads {args.threads or 'all'}")

    runs = [("baseline", 0)] + [("extract_to", m) for m in args.multiples] + [("extract", largest)]
    print("| run | documents | MB of text | seconds | peak RSS (MB) |\n|---|---|---|---|---|")
    for kind, m in runs:
        cmd = [sys.executable, __file__, "--child", kind, "--folders", str(m), "--batch-size", str(args.batch_size)]
        if args.threads:
            cmd += ["--threads", str(args.threads)]
        r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        label = {"baseline": "import + default gazetteer", "extract_to": f"extract_to, {m}x batch",
                 "extract": f"extract in memory, {m}x batch"}[kind]
        print(f"| {label} | {r['docs']:,} | {r['mb']:.1f} | {r['seconds']:.1f} | {r['peak_mb']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
