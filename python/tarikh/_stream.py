"""`extract_to`: a corpus of any size, a batch at a time, into partitioned
tables on disk that a later run can resume."""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import polars as pl

from tarikh import _tarikh
from tarikh._events import EVENT_GROUPS_SCHEMA
from tarikh._extract import (
    _check_args,
    FORMATS,
    Format,
    Progress,
    _check_ids,
    _columns,
    _Docs,
    _run,
    Summarised,
    show_progress,
    summary_lines,
    write_table,
)
from tarikh._gazetteer import Gazetteer
from tarikh._io import Columns, HtmlMode, _expand, _frames, _rows
from tarikh.exceptions import ResumeError

__all__ = ["extract_to", "Dataset", "MANIFEST", "TABLES", "DEFAULT_BATCH_SIZE"]

#: The file in the output folder that records the run and its completed batches.
MANIFEST = "_tarikh_manifest.jsonl"
#: The tables written for every batch, one folder each.
TABLES = ("documents", "mentions", "events", "candidates")
#: Documents per batch unless told otherwise.
DEFAULT_BATCH_SIZE = 1000
_MANIFEST_VERSION = 1
# events columns dedupe does not read (long texts): left out when grouping a dataset
_HEAVY = ("sentence", "trigger", "date_text", "acled_event_type", "acled_sub_event_type")


# ---------------------------------------------------------------- sources
@dataclass
class _Source:
    """Documents in batches. ``batches(skip)`` yields batches from index
    ``skip`` when ``seekable``, else from 0 (the caller checks the ones it
    had done); ``total`` is the number of documents when known unread."""

    fingerprint: str
    total: int | None
    seekable: bool
    batches: Callable[[int], Iterator[_Docs]]


def _sha(obj: Any) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, default=str).encode()).hexdigest()[:32]


def _is_paths(source: Any) -> bool:
    if isinstance(source, (str, os.PathLike)):
        return True
    return isinstance(source, (list, tuple)) and bool(source) and all(
        isinstance(s, (str, os.PathLike)) for s in source)


def _source(source: Any, size: int, id_col: str, text_col: str, date_col: str | None, recursive: bool,
            html: HtmlMode) -> _Source:
    if _is_paths(source):
        items = [source] if isinstance(source, (str, os.PathLike)) else list(source)
        inputs = _expand(items, recursive=recursive, html=html)
        cols = Columns(id_col, text_col, date_col, html)
        listing = hashlib.sha256()  # names, sizes and modification times, without a list of them
        for i in inputs:
            try:
                st = os.stat(i.path)
                listing.update(f"{i.name}\0{i.path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
            except OSError:
                listing.update(f"{i.name}\0{i.path}\0-\n".encode())
        total: int | None = None
        if all(i.is_document or i.kind == "parquet" for i in inputs):  # JSON Lines and CSV are counted by reading
            total = sum(1 if i.is_document else _parquet_rows_count(i.path) for i in inputs)

        def from_files(skip: int) -> Iterator[_Docs]:
            for frame in _frames(_rows(inputs, cols, skip * size), size):
                yield _columns(frame, "doc_id", "text", None)

        return _Source(_sha({"files": listing.hexdigest(), "columns": [id_col, text_col, date_col], "html": html}),
                       total,
                       True, from_files)
    if type(source).__module__.startswith("pandas") and type(source).__name__ == "DataFrame":
        source = pl.from_pandas(source)
    if isinstance(source, (pl.DataFrame, pl.Series)):
        frame = source

        def from_frame(skip: int) -> Iterator[_Docs]:
            for start in range(skip * size, len(frame), size):
                yield _columns(frame.slice(start, size), id_col, text_col, date_col, start=start)

        content = frame.to_frame() if isinstance(frame, pl.Series) else frame
        digest = [len(frame), content.columns, str(content.hash_rows(seed=0).sum())]
        return _Source(_sha({"frame": digest, "columns": [id_col, text_col, date_col]}), len(frame), True,
                       from_frame)
    if isinstance(source, pl.LazyFrame):
        lazy = source

        def from_lazy(skip: int) -> Iterator[_Docs]:
            start = 0
            for frame in _rebatch(lazy.collect_batches(chunk_size=size), size):
                yield _columns(frame, id_col, text_col, date_col, start=start)
                start += frame.height

        return _Source(_sha({"plan": lazy.explain(optimized=False), "columns": [id_col, text_col, date_col]}),
                       None, False, from_lazy)
    if isinstance(source, Mapping):
        source = source.items()
    if isinstance(source, (str, bytes)) or not isinstance(source, Iterable):
        raise TypeError(f"cannot read documents from {type(source).__name__}: pass paths, a polars DataFrame, "
                        "LazyFrame or Series, or an iterable of texts or (doc_id, text) pairs")
    items = source

    def from_iterable(skip: int) -> Iterator[_Docs]:
        it, start = iter(items), 0
        while chunk := list(islice(it, size)):
            yield _columns(chunk, id_col, text_col, None, start=start)
            start += len(chunk)

    if date_col is not None:
        raise ValueError("date_col needs a DataFrame or LazyFrame source (a table with a date column)")
    # an iterable's content is known only by reading it: a resume checks each skipped batch's ids instead
    return _Source(_sha({"iterable": [id_col, text_col]}), len(source) if hasattr(source, "__len__") else None,
                   False, from_iterable)


def _parquet_rows_count(path: str) -> int:
    try:
        return pl.scan_parquet(path).select(pl.len()).collect().item()
    except Exception:  # an unreadable file keeps one error row
        return 1


def _rebatch(frames: Iterable[pl.DataFrame], size: int) -> Iterator[pl.DataFrame]:
    """Frames cut and joined into frames of exactly ``size`` rows (the last
    one shorter)."""
    buf: list[pl.DataFrame] = []
    n = 0
    for f in frames:
        while f.height:
            take = f.head(size - n)
            buf.append(take)
            n += take.height
            f = f.slice(take.height)
            if n == size:
                yield pl.concat(buf, how="vertical")
                buf, n = [], 0
    if n:
        yield pl.concat(buf, how="vertical")


def _gazetteer_fingerprint(gaz: Gazetteer) -> str:
    if gaz._gaz.is_builtin():
        return f"builtin {_tarikh.__version__}"
    return hashlib.sha256(gaz._gaz.to_jsonl_bytes()).hexdigest()[:32]


# ---------------------------------------------------------------- the output folder
def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomic(df: pl.DataFrame, path: Path, format: Format) -> None:
    """Write under a temporary name, flush to disk, then rename: a reader (or
    a resumed run) sees the whole part or none of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    write_table(df, tmp, format)
    _fsync(tmp)
    os.replace(tmp, path)


class _Manifest:
    """``_tarikh_manifest.jsonl``: a header with the run's fingerprint, then
    one JSON line per completed batch (and ``complete``/``dedupe`` records).
    A batch counts as done only once its line is on disk."""

    def __init__(self, path: Path, header: dict[str, Any], records: list[dict[str, Any]]) -> None:
        self.path, self.header, self.records = path, header, records

    @property
    def batches(self) -> list[dict[str, Any]]:
        return [r for r in self.records if r.get("kind") == "batch"]

    @classmethod
    def read(cls, out: Path) -> _Manifest | None:
        path = out / MANIFEST
        if not path.exists():
            return None
        raw = path.read_bytes()
        lines, good = raw.split(b"\n"), []
        for k, line in enumerate(lines):
            if not line.strip():
                continue
            try:
                good.append(json.loads(line))
            except ValueError:
                if k >= len(lines) - 2:  # the last line, cut short by a kill
                    break
                raise ResumeError(f"{path}: line {k + 1} is not JSON; the manifest is damaged") from None
        if not good or good[0].get("kind") != "header":
            raise ResumeError(f"{path}: no header line; not a tarikh manifest")
        header, records = good[0], good[1:]
        # batches are recorded in order; keep the unbroken run from 0
        kept, expect = [], 0
        for r in records:
            if r.get("kind") == "batch":
                if r.get("batch") != expect:
                    break
                expect += 1
            kept.append(r)
        m = cls(path, header, kept)
        if len(kept) != len(records) or len(good) != sum(1 for ln in lines if ln.strip()):
            m._rewrite()
        return m

    @classmethod
    def create(cls, out: Path, fingerprint: dict[str, Any]) -> _Manifest:
        header = {"kind": "header", "version": _MANIFEST_VERSION, "fingerprint": fingerprint,
                  "started": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")}
        m = cls(out / MANIFEST, header, [])
        m._rewrite()
        return m

    def _rewrite(self) -> None:
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [self.header, *self.records]),
                       encoding="utf-8")
        _fsync(tmp)
        os.replace(tmp, self.path)

    def append(self, record: dict[str, Any]) -> None:
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        self.records.append(record)


def _part(out: Path, table: str, index: int, format: Format) -> Path:
    return out / table / f"part-{index:05d}.{format}"


def _clear(out: Path) -> None:
    """Remove what tarikh wrote in ``out``: its table folders and manifest."""
    for name in (*TABLES, "event_groups"):
        if (out / name).is_dir():
            shutil.rmtree(out / name)
    (out / MANIFEST).unlink(missing_ok=True)


def _remove_strays(out: Path, n_done: int) -> None:
    """Remove temporary files and the parts of batches not recorded as done."""
    for name in (*TABLES, "event_groups"):
        folder = out / name
        if not folder.is_dir():
            continue
        for f in folder.iterdir():
            if f.name.startswith(".") and f.name.endswith(".tmp"):
                f.unlink()
            elif name != "event_groups" and f.name.startswith("part-"):
                try:
                    index = int(f.name[5:10])
                except ValueError:
                    continue
                if index >= n_done:
                    f.unlink()


def _open_output(out: Path, fingerprint: dict[str, Any], *, resume: bool, overwrite: bool) -> _Manifest:
    """The manifest to continue (``resume``) or a new one, after checking
    that the folder holds nothing that would be mixed up with this run."""
    old = _Manifest.read(out) if (out / MANIFEST).exists() and not overwrite else None
    if old is not None:
        if not resume:
            raise FileExistsError(f"{out}: holds the output of an earlier tarikh run ({MANIFEST}); pass "
                                  "resume=True (--resume) to continue it or overwrite=True (--overwrite) to replace it")
        before = old.header.get("fingerprint", {})
        changed = [k for k in sorted(set(before) | set(fingerprint)) if before.get(k) != fingerprint.get(k)]
        if changed:
            detail = ", ".join(
                f"{k} ({before.get(k)!r} -> {fingerprint.get(k)!r})" if k in ("batch_size", "format", "events", "link")
                else k for k in changed)
            verb = "differs" if len(changed) == 1 else "differ"
            raise ResumeError(f"cannot resume {out}: the {detail} {verb} from the run recorded in {MANIFEST}; "
                              "use the same input and settings, or overwrite=True (--overwrite) to start again")
        _remove_strays(out, len(old.batches))
        return old
    if overwrite:
        _clear(out)
    elif any((out / name).is_dir() and any((out / name).iterdir()) for name in (*TABLES, "event_groups")):
        raise FileExistsError(f"{out}: already holds table folders but no {MANIFEST}; pass overwrite=True "
                              "(--overwrite) to replace them, or choose another folder")
    out.mkdir(parents=True, exist_ok=True)
    return _Manifest.create(out, fingerprint)


# ---------------------------------------------------------------- extract_to
def extract_to(
    source: Any,
    out_dir: str | os.PathLike[str],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    gazetteer: Gazetteer | None = None,
    format: Format = "parquet",
    resume: bool = False,
    overwrite: bool = False,
    threads: int | None = None,
    progress: bool | None = None,
    dedupe: bool = False,
    max_days: int = 3,
    events: bool = True,
    link: bool | None = None,
    id_col: str = "doc_id",
    text_col: str = "text",
    date_col: str | None = None,
    recursive: bool = True,
    html: HtmlMode = "extract",
    allow_duplicate_ids: bool = False,
    _after_batch: Callable[[int], None] | None = None,
) -> Dataset:
    """Extract a corpus of any size into partitioned tables on disk, a batch
    at a time; an interrupted run resumes where it stopped.

    Each batch of ``batch_size`` documents is read, extracted and written as
    ``out_dir/documents/part-00000.parquet`` and likewise ``mentions/``,
    ``events/`` and ``candidates/``. Memory follows the batch size, not the
    corpus. Each part is written under a temporary name and renamed when
    complete; then the batch is recorded in ``out_dir/_tarikh_manifest.jsonl``
    (first and last ``doc_id``, row counts) with a fingerprint of the run
    (input files with sizes and modification times, or the frame's content;
    batch size, gazetteer, format, tarikh version).

    Parameters
    ----------
    source
        A file, folder or glob, or a list of them, read as by
        :func:`tarikh.read_corpus` (a list of strings is a list of paths); a
        polars ``DataFrame``, ``LazyFrame`` (streamed with
        ``collect_batches``) or ``Series``; a pandas ``DataFrame``; a dict or
        any iterable of texts or ``(doc_id, text)`` pairs (a generator is
        consumed a batch at a time).
    out_dir
        The output folder, created if needed.
    batch_size
        Documents per batch and per part file.
    gazetteer
        The gazetteer to match; the built-in one by default.
    format
        ``"parquet"`` (default), ``"csv"`` or ``"jsonl"``.
    resume
        Continue the run recorded in ``out_dir``: completed batches are
        skipped, parts of an unfinished batch removed and redone. The source,
        batch size, gazetteer and format must be those of the recorded run
        (else :class:`tarikh.exceptions.ResumeError`). Without a recorded
        run, start one.
    overwrite
        Replace what an earlier run wrote in ``out_dir``. Without ``resume``
        or ``overwrite``, a folder holding tarikh output is an error
        (``FileExistsError``), never silently mixed.
    threads
        Threads per batch (default: all cores).
    progress
        Show a progress bar (documents/s, MB/s, time left; a widget in
        Jupyter); by default on a terminal or in Jupyter.
    dedupe, max_days
        After the last batch, group events across the whole corpus
        (:func:`tarikh.dedupe`): every events part gets ``event_group_id`` and
        ``event_groups/part-00000`` is written. This reads the events without
        their sentence texts into memory.
    events
        Extract events (default); ``False`` for mentions only.
    link
        Link mentions in context (default: as ``events``); ``events=False,
        link=True`` writes linked mentions and candidates without events.
    id_col, text_col, date_col, recursive, html
        As in :func:`tarikh.read_corpus` for paths, and as in
        :func:`tarikh.extract` for frames.
    allow_duplicate_ids
        Keep documents that share a ``doc_id``. By default a ``doc_id`` seen
        in an earlier batch or earlier in its own is an error
        (:class:`tarikh.exceptions.DuplicateDocIdError`, naming the ids and
        their rows) raised before that batch is written; the batches before
        it stay, for a run with ``resume=True``.

    Returns
    -------
    Dataset
        Counts and lazy tables (``.documents``, ``.mentions``, ``.events``,
        ``.candidates``, ``.event_groups``); ``pl.scan_parquet(f"{out_dir}/events/*.parquet")``
        reads the same.

    Examples
    --------
    >>> import tempfile
    >>> import polars as pl
    >>> import tarikh
    >>> out = tempfile.mkdtemp()
    >>> docs = pl.DataFrame({"doc_id": ["a", "b", "c"],
    ...                      "text": ["Le JNIM a attaqué Gao.", "Attaque à Kidal.", "Les FAMa à Ménaka."]})
    >>> ds = tarikh.extract_to(docs, out, batch_size=2, progress=False)
    >>> ds.n_batches, ds.n_documents
    (2, 3)
    >>> sorted(p.name for p in (ds.path / "documents").iterdir())
    ['part-00000.parquet', 'part-00001.parquet']
    >>> pl.scan_parquet(f"{out}/mentions/*.parquet").select("doc_id", "surface").collect().rows()
    [('a', 'JNIM'), ('a', 'Gao'), ('b', 'Kidal'), ('c', 'FAMa'), ('c', 'Ménaka')]
    >>> tarikh.extract_to(docs, out, batch_size=2, resume=True, progress=False).resumed_batches
    2
    """
    t0 = time.perf_counter()
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive integer, got {batch_size!r}")
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: expected 'parquet', 'csv' or 'jsonl'")
    _check_args(gazetteer, threads, events, link)
    gaz = gazetteer if gazetteer is not None else Gazetteer.default()
    src = _source(source, batch_size, id_col, text_col, date_col, recursive, html)
    fingerprint = {"source": src.fingerprint, "batch_size": batch_size, "format": format, "events": events,
                   "gazetteer": _gazetteer_fingerprint(gaz), "tarikh": _tarikh.__version__}
    if link and not events:
        # recorded only when it departs from the default, so manifests
        # written before the option existed still resume
        fingerprint["link"] = True
    out = Path(out_dir)
    manifest = _open_output(out, fingerprint, resume=resume, overwrite=overwrite)
    done = manifest.batches
    n_done = len(done)
    if progress is None:
        progress = show_progress()
    initial = sum(r["n_documents"] for r in done)
    # doc_id -> first row, over the whole run (the resumed part included)
    seen: dict[str, int] = {}
    if n_done and not allow_duplicate_ids:
        written = _scan(out, "documents", format, _schemas()["documents"]).select("doc_id").collect()
        for i, d in enumerate(written["doc_id"].to_list()):
            seen.setdefault(d, i)
    row = initial
    with Progress(src.total, enabled=progress, initial=initial) as bar:
        index = n_done if src.seekable else 0
        for docs in src.batches(n_done):
            if index < n_done:  # re-read to find the resume point: it must be what was done
                _check_same(out, done[index], docs)
                index += 1
                continue
            _check_ids(docs.ids, allow_duplicate_ids, seen=seen, start=row)
            row += len(docs.ids)
            res = _run(gaz, docs, threads=threads, events=events, link=link, progress=False)
            for name in TABLES:
                _write_atomic(getattr(res, name), _part(out, name, index, format), format)
            manifest.append(_batch_record(index, docs, res))
            bar.update(len(docs.ids), sum(len(t) for t in docs.texts if isinstance(t, str)))
            if _after_batch is not None:
                _after_batch(index)
            index += 1
        if index < n_done:
            raise ResumeError(f"cannot resume {out}: the source now ends before batch {index}, "
                              f"which the run recorded in {MANIFEST} had done")
    if not manifest.batches:  # an empty corpus still gets (empty) tables to scan
        empty = _run(gaz, _Docs([], [], None), threads=threads, events=events, link=link, progress=False)
        for name in TABLES:
            _write_atomic(getattr(empty, name), _part(out, name, 0, format), format)
        manifest.append(_batch_record(0, _Docs([], [], None), empty))
    if not any(r.get("kind") == "complete" for r in manifest.records):
        manifest.append({"kind": "complete", "n_batches": len(manifest.batches)})
    if dedupe and not any(r.get("kind") == "dedupe" and r.get("max_days") == max_days for r in manifest.records):
        n_groups = _dedupe_parts(out, format, max_days)
        manifest.append({"kind": "dedupe", "max_days": max_days, "n_groups": n_groups})
    return Dataset._from_manifest(out, manifest, resumed=n_done, seconds=time.perf_counter() - t0)


def _check_same(out: Path, record: dict[str, Any], docs: _Docs) -> None:
    got = (docs.ids[0] if docs.ids else None, docs.ids[-1] if docs.ids else None, len(docs.ids))
    want = (record["first_doc_id"], record["last_doc_id"], record["n_documents"])
    if got != want:
        raise ResumeError(f"cannot resume {out}: batch {record['batch']} now holds documents {got[0]!r} to "
                          f"{got[1]!r} ({got[2]}), but the recorded run had {want[0]!r} to {want[1]!r} ({want[2]}); "
                          "the source changed: use overwrite=True (--overwrite) to start again")


def _batch_record(index: int, docs: _Docs, res: Any) -> dict[str, Any]:
    return {
        "kind": "batch", "batch": index,
        "first_doc_id": docs.ids[0] if docs.ids else None, "last_doc_id": docs.ids[-1] if docs.ids else None,
        "n_documents": res.documents.height, "n_errors": int(res.documents["error"].is_not_null().sum()),
        "n_mentions": res.mentions.height, "n_events": res.events.height, "n_candidates": res.candidates.height,
        "n_chars": sum(len(t) for t in docs.texts if isinstance(t, str)),
    }


# ---------------------------------------------------------------- reading back
@functools.cache
def _schemas() -> dict[str, pl.Schema]:
    """The schema of every table, from an empty extraction."""
    empty = _run(Gazetteer(), _Docs([], [], None), threads=None, events=True, progress=False)
    return {name: getattr(empty, name).schema for name in TABLES}


def _scan(out: Path, table: str, format: Format, schema: Mapping[str, pl.DataType]) -> pl.LazyFrame:
    pattern = str(out / table / f"part-*.{format}")
    if format == "parquet":
        return pl.scan_parquet(pattern)
    if format == "csv":
        return pl.scan_csv(pattern, schema=schema)
    return pl.scan_ndjson(pattern, schema=schema)


def _events_schema(grouped: bool) -> dict[str, pl.DataType]:
    schema = dict(_schemas()["events"])
    if not grouped:
        return schema
    cols = list(schema)
    pos = cols.index("event_id") + 1
    return {c: (pl.String() if c == "event_group_id" else schema[c])
            for c in [*cols[:pos], "event_group_id", *cols[pos:]]}


def _groups_schema(format: Format) -> dict[str, pl.DataType]:
    # CSV holds doc_ids joined with ";"
    return {c: (pl.String() if format == "csv" and c == "doc_ids" else t) for c, t in EVENT_GROUPS_SCHEMA.items()}


def _dedupe_parts(out: Path, format: Format, max_days: int) -> int:
    """Group events over every part, then rewrite each events part with its
    ``event_group_id`` and write ``event_groups``; rerunning it gives the same
    files. Returns the number of groups."""
    from tarikh._events import dedupe

    parts = sorted((out / "events").glob(f"part-*.{format}"))
    schema = _schemas()["events"]
    light = [c for c in schema if c not in _HEAVY]
    # a part already rewritten by an interrupted dedupe has event_group_id: read each part alone
    frames = [_read_part(p, format, schema).select(light) for p in parts]
    ev = pl.concat(frames, how="vertical") if frames else pl.DataFrame(schema={c: schema[c] for c in light})
    grouped = dedupe(ev, max_days=max_days)
    ids = grouped.events["event_group_id"]
    offset = 0
    for p in parts:
        df = _read_part(p, format, schema)
        cols = df.columns
        pos = cols.index("event_id") + 1
        df = df.with_columns(ids.slice(offset, df.height).alias("event_group_id")).select(
            [*cols[:pos], "event_group_id", *cols[pos:]])
        offset += df.height
        _write_atomic(df, p, format)
    _write_atomic(grouped.event_groups, _part(out, "event_groups", 0, format), format)
    return grouped.event_groups.height


def _read_part(path: Path, format: Format, schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
    """One events part without ``event_group_id`` (as extraction wrote it)."""
    if format == "parquet":
        df = pl.read_parquet(path)
    else:
        names = pl.read_csv(path, n_rows=0).columns if format == "csv" else None
        full = dict(schema)
        if (names and "event_group_id" in names) or (format == "jsonl" and _has_group_id(path)):
            full = _events_schema(True)
        df = pl.read_csv(path, schema=full) if format == "csv" else pl.read_ndjson(path, schema=full)
    return df.drop("event_group_id", strict=False)


def _has_group_id(path: Path) -> bool:
    with open(path, encoding="utf-8") as fh:
        first = fh.readline()
    return bool(first.strip()) and "event_group_id" in json.loads(first)


@dataclass(frozen=True, repr=False)
class Dataset(Summarised):
    """Tables written by :func:`extract_to`, read lazily from their parts.

    In Jupyter a ``Dataset`` shows as a short summary: counts of documents
    and errors, mentions per kind, events per type, the span of event dates.

    Attributes
    ----------
    path : pathlib.Path
        The output folder.
    format : str
        ``parquet``, ``csv`` or ``jsonl``.
    n_batches, n_documents, n_errors, n_mentions, n_events, n_candidates : int
        Counts over every completed batch.
    n_groups : int or None
        Event groups, when the run grouped events (``dedupe=True``).
    resumed_batches : int
        Batches a resumed run found done and skipped.
    seconds : float
        Time this call took.

    Examples
    --------
    >>> import tempfile
    >>> import tarikh
    >>> ds = tarikh.extract_to({"a": "Le JNIM a attaqué Gao le 3 mars 2025."}, tempfile.mkdtemp(), progress=False)
    >>> ds.events.select("event_type", "location").collect().rows()
    [('attack', 'Gao')]
    >>> tarikh.Dataset.open(ds.path).n_documents
    1
    """

    _title = "tarikh.Dataset"

    path: Path
    format: Format
    n_batches: int
    n_documents: int
    n_errors: int
    n_mentions: int
    n_events: int
    n_candidates: int
    n_groups: int | None = None
    resumed_batches: int = 0
    seconds: float = 0.0

    @classmethod
    def _from_manifest(cls, out: Path, m: _Manifest, *, resumed: int = 0, seconds: float = 0.0) -> Dataset:
        b = m.batches
        groups = [r["n_groups"] for r in m.records if r.get("kind") == "dedupe"]

        def total(key: str) -> int:
            return sum(r[key] for r in b)

        return cls(out, m.header["fingerprint"]["format"], len(b), total("n_documents"), total("n_errors"),
                   total("n_mentions"), total("n_events"), total("n_candidates"),
                   groups[-1] if groups else None, resumed, seconds)

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Dataset:
        """The dataset :func:`extract_to` wrote in ``path`` (complete or not:
        the completed batches)."""
        out = Path(path)
        m = _Manifest.read(out)
        if m is None:
            raise FileNotFoundError(f"{out}: no {MANIFEST}; not an extract_to output folder")
        return cls._from_manifest(out, m)

    def scan(self, table: str) -> pl.LazyFrame:
        """One table (``documents``, ``mentions``, ``events``, ``candidates``
        or ``event_groups``) as a lazy frame over its parts."""
        if table == "event_groups":
            if self.n_groups is None:
                raise ValueError(f"{self.path}: events were not grouped; run extract_to(..., dedupe=True) "
                                 "or tarikh.dedupe(dataset.events.collect())")
            return _scan(self.path, table, self.format, _groups_schema(self.format))
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}: expected one of {', '.join(TABLES)}, event_groups")
        schema = _events_schema(self.n_groups is not None) if table == "events" else _schemas()[table]
        return _scan(self.path, table, self.format, schema)

    @property
    def documents(self) -> pl.LazyFrame:
        """One row per input document."""
        return self.scan("documents")

    @property
    def mentions(self) -> pl.LazyFrame:
        """One row per entity mention."""
        return self.scan("mentions")

    @property
    def events(self) -> pl.LazyFrame:
        """One row per event (with ``event_group_id`` after ``dedupe=True``)."""
        return self.scan("events")

    @property
    def candidates(self) -> pl.LazyFrame:
        """The ranked entries of mentions the linker was not sure of."""
        return self.scan("candidates")

    @property
    def event_groups(self) -> pl.LazyFrame:
        """Events grouped across documents (written by ``dedupe=True``)."""
        return self.scan("event_groups")

    def summary(self) -> str:
        """A few lines: counts of documents, errors, mentions per kind, events
        per type, the span of event dates, event groups."""
        lines = summary_lines(self.documents, self.mentions, self.events)
        if self.n_groups is not None:
            lines.append(f"event groups: {self.n_groups:,}")
        lines.append(f"{self.n_batches:,} batches in {self.path}")
        return "\n".join(lines)

