"""The ``tarikh`` command line.

Examples
--------
::

    tarikh extract --sample --out tarikh-out
    tarikh extract articles/ corpus.jsonl --out out --date-col pub_date --format csv
    tarikh extract "archive/**/*.html" --out out --batch-size 500 --resume --dedupe
    tarikh gazetteer stats
    tarikh gazetteer lookup Gao
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polars as pl

import tarikh
from tarikh._extract import show_progress
from tarikh._io import sample_paths
from tarikh._stream import DEFAULT_BATCH_SIZE, extract_to

# Exit codes scripts can rely on.
EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_DOC_ERRORS = 0, 1, 2, 3


def _load_gazetteer(files: list[str] | None) -> tarikh.Gazetteer:
    gaz = tarikh.Gazetteer.default()
    for f in files or []:
        gaz.extend(tarikh.Gazetteer.from_file(f))
    return gaz


def _cmd_extract(args: argparse.Namespace) -> int:
    inputs = list(args.inputs)
    if args.sample:
        inputs += [str(p) for p in sample_paths()]
    if not inputs:
        print("tarikh extract: give input files, folders or globs, or --sample", file=sys.stderr)
        return EXIT_USAGE
    if args.dedupe and args.stage != "events":
        print(f"tarikh extract: --dedupe groups events; it needs --stage events, not {args.stage}", file=sys.stderr)
        return EXIT_USAGE
    gaz = _load_gazetteer(args.gazetteer)
    ds = extract_to(inputs, args.out, batch_size=args.batch_size, gazetteer=gaz, format=args.format,
                    resume=args.resume, overwrite=args.overwrite, threads=args.threads,
                    progress=not args.quiet and show_progress(), dedupe=args.dedupe, max_days=args.max_days,
                    id_col=args.id_col, text_col=args.text_col, date_col=args.date_col, html=args.html,
                    allow_duplicate_ids=args.allow_duplicate_ids, events=args.stage == "events",
                    link=args.stage != "mentions")
    if not args.quiet:
        done = ds.n_batches - ds.resumed_batches
        print(f"tarikh: {ds.n_documents:,} documents ({ds.n_errors:,} with errors), {ds.n_mentions:,} mentions, "
              f"{ds.n_events:,} events; {done:,} of {ds.n_batches:,} batches written in {ds.seconds:.1f} s "
              f"-> {Path(args.out)}", file=sys.stderr)
        if ds.n_errors:
            errors = ds.documents.filter(pl.col("error").is_not_null()).select("doc_id", "error").head(3).collect()
            for doc_id, error in errors.iter_rows():
                print(f"  error: {doc_id}: {error}", file=sys.stderr)
    return EXIT_DOC_ERRORS if (ds.n_errors and args.strict) else EXIT_OK


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return n


def _cmd_gazetteer(args: argparse.Namespace) -> int:
    if args.action == "validate":
        for f in args.names:
            g = tarikh.Gazetteer.from_file(f)
            print(f"{f}: {len(g):,} valid entries ({', '.join(f'{k} {v:,}' for k, v in g.counts().items())})")
        return EXIT_OK
    gaz = _load_gazetteer(args.gazetteer)
    if args.action == "stats":
        df = gaz.to_frame()
        print(repr(gaz))
        with pl.Config(tbl_rows=60, tbl_hide_dataframe_shape=True):
            print(df.group_by("kind").len().sort("len", descending=True))
            top = (df.filter(pl.col("country").is_not_null()).rename({"country": "iso3"})
                   .group_by("iso3", "kind").len()
                   .pivot(on="kind", index="iso3", values="len", sort_columns=True).fill_null(0))
            top = top.with_columns(pl.sum_horizontal(pl.exclude("iso3")).alias("total")).sort("total", descending=True)
            print(top.head(25))
        return EXIT_OK
    if args.action == "lookup":
        if not args.names:
            print("tarikh gazetteer lookup: give a NAME", file=sys.stderr)
            return EXIT_USAGE
        found = 0
        for name in args.names:
            df = gaz.lookup(name)
            found += df.height
            print(f"{name!r}: {df.height} entr{'y' if df.height == 1 else 'ies'}")
            if df.height:
                cols = [c for c in ("id", "name", "kind", "country", "admin1", "admin2", "population", "lat", "lon")
                        if c in df.columns]
                with pl.Config(tbl_rows=50, tbl_hide_dataframe_shape=True, fmt_str_lengths=40):
                    print(df.select(cols).sort("population", descending=True, nulls_last=True))
        return EXIT_OK if found else EXIT_ERROR
    return EXIT_USAGE


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tarikh", description="Gazetteer mentions and events from Sahel news articles.")
    p.add_argument("--version", action="version", version=f"tarikh {tarikh.__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("extract", help="extract mentions and events from files into tables",
                       description="Extract mentions and events from files, a batch at a time, into "
                                   "OUT/documents/, mentions/, events/ and candidates/ (one part file per batch).")
    e.add_argument("inputs", nargs="*",
                   help="files (.txt, .md, .html, .jsonl, .jsonl.gz, .csv, .parquet), folders or globs")
    e.add_argument("--out", required=True, help="output folder (documents/, mentions/, events/, candidates/)")
    e.add_argument("--sample", action="store_true", help="also process the bundled sample articles")
    e.add_argument("--gazetteer", action="append", metavar="FILE",
                   help="a gazetteer file layered over the built-in one (repeatable; later files win)")
    e.add_argument("--text-col", default="text", help="text column of table inputs (default: text)")
    e.add_argument("--id-col", default="doc_id", help="id column of table inputs (default: doc_id)")
    e.add_argument("--date-col", default=None, help="publication date column of table inputs")
    e.add_argument("--format", choices=("parquet", "csv", "jsonl"), default="parquet")
    e.add_argument("--html", choices=("extract", "skip"), default="extract",
                   help="read .html files with trafilatura (default) or skip them in folders and globs")
    e.add_argument("--threads", type=_positive, default=None, help="threads (default: all cores)")
    e.add_argument("--batch-size", type=_positive, default=DEFAULT_BATCH_SIZE,
                   help=f"documents per batch and part file; memory follows it (default: {DEFAULT_BATCH_SIZE})")
    e.add_argument("--resume", action="store_true",
                   help="continue the run recorded in --out, skipping its completed batches")
    e.add_argument("--overwrite", action="store_true", help="replace an earlier run's output in --out")
    e.add_argument("--stage", choices=("mentions", "linked", "events"), default="events",
                   help="how far to go: the matcher's mentions; mentions linked in context (ambiguous names "
                        "resolved, short names and acronyms, candidates); or linked mentions and events (default)")
    e.add_argument("--dedupe", action="store_true",
                   help="group events across documents: adds event_group_id to events and writes event_groups")
    e.add_argument("--max-days", type=int, default=3,
                   help="with --dedupe, the largest gap in days between day dates of one group (default: 3)")
    e.add_argument("--allow-duplicate-ids", action="store_true",
                   help="keep documents that share a doc_id (by default an error naming them)")
    e.add_argument("--strict", action="store_true", help=f"exit with {EXIT_DOC_ERRORS} if any document had an error")
    e.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary (for scripts)")
    e.set_defaults(func=_cmd_extract)

    g = sub.add_parser("gazetteer", help="inspect gazetteers")
    g.add_argument("action", choices=("stats", "lookup", "validate"))
    g.add_argument("names", nargs="*", help="NAME(s) for lookup, FILE(s) for validate")
    g.add_argument("--gazetteer", action="append", metavar="FILE", help="layer a gazetteer file over the built-in one")
    g.set_defaults(func=_cmd_gazetteer)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 error, 2 usage,
    3 documents with errors under ``--strict``, 130 interrupted)."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (tarikh.TarikhError, OSError, ValueError) as exc:
        print(f"tarikh: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
