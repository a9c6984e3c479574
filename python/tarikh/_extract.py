"""`extract`: documents in, polars tables of documents, mentions and events out."""

from __future__ import annotations

import datetime as _dt
import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import polars as pl

from tarikh import _tarikh
from tarikh._gazetteer import Gazetteer
from tarikh.exceptions import DuplicateDocIdError

__all__ = ["Result", "extract", "Docs"]

#: What :func:`extract` accepts as documents.
Docs = Any

_EPOCH = _dt.date(1970, 1, 1)
# Documents per call into Rust when a progress bar is shown.
_CHUNK_CHARS = 8_000_000


@dataclass(frozen=True)
class Result:
    """The tables :func:`extract` returns.

    Attributes
    ----------
    documents : polars.DataFrame
        One row per input document, in input order, with its ``error`` (null
        when it was processed).
    mentions : polars.DataFrame
        One row per entity mention, with code point offsets into the text.
    events : polars.DataFrame
        One row per event.
    candidates : polars.DataFrame
        For mentions the linker was not sure of, every entry they could mean,
        ranked (join with ``mentions`` on ``doc_id``, ``start``, ``end``).
    """

    documents: pl.DataFrame
    mentions: pl.DataFrame
    events: pl.DataFrame
    candidates: pl.DataFrame

    def summary(self) -> str:
        """A few lines: counts of documents, errors, mentions per kind, events
        per type."""
        d, m, e = self.documents, self.mentions, self.events
        n_err = d["error"].is_not_null().sum() if d.height else 0
        lines = [f"{d.height:,} documents ({n_err:,} with errors), {m.height:,} mentions, {e.height:,} events"]
        if m.height:
            kinds = m.group_by("kind").len().sort("len", descending=True)
            lines.append("mentions: " + ", ".join(f"{k} {n:,}" for k, n in kinds.iter_rows()))
        if e.height:
            types = e.group_by("event_type").len().sort("len", descending=True)
            lines.append("events: " + ", ".join(f"{k} {n:,}" for k, n in types.iter_rows()))
            dates = e["date"].drop_nulls()
            if dates.len():
                lines.append(f"event dates: {dates.min()} to {dates.max()}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<tarikh.Result: {self.summary()}>"

    def _repr_markdown_(self) -> str:
        return "**tarikh.Result**\n\n" + "\n".join(f"- {line}" for line in self.summary().splitlines())

    def write(self, out_dir: str | os.PathLike[str], format: Literal["parquet", "csv", "jsonl"] = "parquet") -> list[Path]:
        """Write ``documents``, ``mentions``, ``events`` and ``candidates`` files into ``out_dir``
        (created if needed) and return their paths."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for name in ("documents", "mentions", "events", "candidates"):
            df: pl.DataFrame = getattr(self, name)
            path = out / f"{name}.{format}"
            if format == "parquet":
                df.write_parquet(path)
            elif format == "csv":
                # nested columns do not fit CSV; dates and numbers do
                df.write_csv(path)
            elif format == "jsonl":
                df.write_ndjson(path)
            else:
                raise ValueError(f"unknown format {format!r}: expected 'parquet', 'csv' or 'jsonl'")
            paths.append(path)
        return paths


def _to_days(values: Sequence[Any], doc_ids: Sequence[str]) -> list[int | None]:
    """Publication dates as days since 1970-01-01; unparseable values become
    null with a warning naming the documents."""
    s = pl.Series("d", values, strict=False)
    if s.dtype == pl.String:
        parsed = s.str.strip_chars().str.to_date(strict=False)
        # a timestamp or a month string: try the first 10 characters and YYYY-MM
        parsed = parsed.fill_null(s.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False))
        parsed = parsed.fill_null((s.str.strip_chars() + "-01").str.to_date("%Y-%m-%d", strict=False))
        bad = [doc_ids[i] for i in (s.is_not_null() & parsed.is_null()).arg_true().to_list()]
        if bad:
            shown = ", ".join(repr(b) for b in bad[:5]) + (" ..." if len(bad) > 5 else "")
            warnings.warn(f"{len(bad)} publication date(s) could not be parsed and were left null: documents {shown}",
                          stacklevel=3)
        s = parsed
    elif s.dtype == pl.Datetime or isinstance(s.dtype, pl.Datetime):
        s = s.dt.date()
    elif s.dtype == pl.Null:
        s = s.cast(pl.Date)
    if s.dtype != pl.Date:
        raise TypeError(f"date column has dtype {s.dtype}; expected dates or ISO date strings")
    return s.cast(pl.Int32).to_list()


def _check_ids(ids: Sequence[str | None], allow_duplicates: bool) -> None:
    """Reject null doc ids, and duplicated ones unless allowed, naming the ids and rows."""
    nulls = [i for i, d in enumerate(ids) if d is None]
    if nulls:
        raise ValueError(f"doc_id is null at row(s) {', '.join(map(str, nulls[:10]))}{' ...' if len(nulls) > 10 else ''}")
    if allow_duplicates or len(set(ids)) == len(ids):
        return
    rows: dict[str | None, list[int]] = {}
    for i, d in enumerate(ids):
        rows.setdefault(d, []).append(i)
    dups = [(d, r) for d, r in rows.items() if len(r) > 1]
    shown = "; ".join(f"{d!r} at rows {', '.join(map(str, r[:5]))}{' ...' if len(r) > 5 else ''}" for d, r in dups[:5])
    more = f" and {len(dups) - 5} more" if len(dups) > 5 else ""
    raise DuplicateDocIdError(f"{len(dups)} duplicated doc_id(s): {shown}{more} "
                              "(keep them with allow_duplicate_ids=True, or --allow-duplicate-ids in the CLI)")


def _columns(docs: Any, id_col: str, text_col: str, date_col: str | None) -> tuple[list[str], list[Any], list[Any] | None]:
    """Turn any accepted input into (doc_ids, texts, dates)."""
    if isinstance(docs, pl.LazyFrame):
        docs = docs.collect()
    if type(docs).__module__.startswith("pandas") and type(docs).__name__ == "DataFrame":
        docs = pl.from_pandas(docs)
    if isinstance(docs, pl.DataFrame):
        if text_col not in docs.columns:
            raise ValueError(f"no text column {text_col!r} in the DataFrame (columns: {docs.columns}); pass text_col=...")
        texts = docs[text_col].to_list()
        if id_col in docs.columns:
            ids = docs[id_col].cast(pl.String).to_list()
        else:
            ids = [str(i) for i in range(docs.height)]
        dates = None
        if date_col is not None:
            if date_col not in docs.columns:
                raise ValueError(f"no date column {date_col!r} in the DataFrame (columns: {docs.columns})")
            dates = docs[date_col].to_list()
        return ids, texts, dates
    if date_col is not None:
        raise ValueError("date_col needs a DataFrame input (a table with a date column)")
    if isinstance(docs, pl.Series):
        return [str(i) for i in range(docs.len())], docs.to_list(), None
    if isinstance(docs, (str, bytes)):
        raise TypeError("extract expects a collection of documents; wrap a single text in a list: extract([text])")
    if isinstance(docs, Mapping):
        return [str(k) for k in docs], list(docs.values()), None
    if isinstance(docs, Iterable):
        items = list(docs)
        if items and all(isinstance(x, tuple) and len(x) == 2 for x in items):
            return [str(i) for i, _ in items], [t for _, t in items], None
        return [str(i) for i in range(len(items))], items, None
    raise TypeError(f"cannot read documents from {type(docs).__name__}: pass a list of strings, a polars "
                    "Series or DataFrame, a pandas DataFrame, a dict or (doc_id, text) pairs")


def extract(
    docs: Docs,
    gazetteer: Gazetteer | None = None,
    *,
    id_col: str = "doc_id",
    text_col: str = "text",
    date_col: str | None = None,
    events: bool = True,
    threads: int | None = None,
    progress: bool | None = None,
    allow_duplicate_ids: bool = False,
) -> Result:
    """Find gazetteer mentions and events in documents.

    Parameters
    ----------
    docs
        The documents: a list of strings, a polars ``Series`` of strings, a
        polars ``DataFrame`` or ``LazyFrame`` (with ``text_col`` and optionally
        ``id_col`` and ``date_col``), a pandas ``DataFrame``, a ``dict`` of
        ``doc_id -> text``, or an iterable of ``(doc_id, text)`` pairs.
        Without ids, documents are numbered ``"0"``, ``"1"``...
    gazetteer
        The gazetteer to match; the built-in one by default.
    id_col, text_col, date_col
        Column names for DataFrame input. ``date_col`` holds publication dates
        (dates or ISO strings) that relative expressions ("dimanche") are
        resolved against; without it, dates are looked for in the text.
    events
        Also link mentions in context and extract events (default). With
        ``False`` only the matcher's mentions are returned (faster).
    threads
        Number of threads (default: all cores).
    progress
        Show a progress bar; by default only for inputs over a few megabytes.
    allow_duplicate_ids
        Keep documents that share a ``doc_id`` (by default that is an error).

    Raises
    ------
    tarikh.exceptions.DuplicateDocIdError
        If ``doc_id`` values repeat (the message names them and their rows)
        and ``allow_duplicate_ids`` is false.

    Returns
    -------
    Result
        ``.documents`` (one row per input, ``error`` set where a document could
        not be processed: a null or non-string text never raises),
        ``.mentions`` and ``.events`` polars DataFrames.

    Examples
    --------
    >>> import tarikh
    >>> res = tarikh.extract(["Des hommes armés du JNIM ont attaqué un poste des FAMa près de Gao.", None])
    >>> res.mentions.select("surface", "kind").rows()[:3]
    [('JNIM', 'armed_group'), ('FAMa', 'state_force'), ('Gao', 'place')]
    >>> res.documents["error"].to_list()
    [None, 'text is null']
    """
    gaz = gazetteer if gazetteer is not None else Gazetteer.default()
    if not isinstance(gaz, Gazetteer):
        raise TypeError(f"gazetteer must be a tarikh.Gazetteer, got {type(gaz).__name__}")
    if threads is not None and (not isinstance(threads, int) or threads < 1):
        raise ValueError(f"threads must be a positive integer, got {threads!r}")
    ids, texts, dates = _columns(docs, id_col, text_col, date_col)
    _check_ids(ids, allow_duplicate_ids)
    days = _to_days(dates, ids) if dates is not None else None
    return _run(gaz, ids, texts, days, None, threads=threads, events=events, progress=progress)


def _run(
    gaz: Gazetteer,
    ids: list[str],
    texts: list[Any],
    days: list[int | None] | None,
    input_errors: list[str | None] | None,
    *,
    threads: int | None,
    events: bool,
    progress: bool | None,
    batch_docs: int | None = None,
) -> Result:
    """Call the extension in batches (by ``batch_docs`` documents, or by
    size when a progress bar is shown) and concatenate the tables."""
    sizes = [len(t) if isinstance(t, str) else 0 for t in texts]
    total = sum(sizes)
    if progress is None:
        progress = total > 4 * _CHUNK_CHARS
    if batch_docs is not None:
        step = max(1, batch_docs)
        chunks = [(a, min(a + step, len(texts))) for a in range(0, len(texts), step)] or [(0, 0)]
    else:
        chunks = _chunks(sizes, _CHUNK_CHARS) if progress else [(0, len(texts))]
    parts: list[tuple[Any, ...]] = []
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=total, unit="B", unit_scale=True, desc="tarikh", smoothing=0.1)
    try:
        for a, b in chunks:
            parts.append(_tarikh.extract(gaz._gaz, ids[a:b], texts[a:b], None if days is None else days[a:b],
                                         None if input_errors is None else input_errors[a:b], threads, events))
            if bar is not None:
                bar.update(sum(sizes[a:b]))
                bar.set_postfix(docs=b)
    finally:
        if bar is not None:
            bar.close()
    frames = [pl.concat([pl.DataFrame(p[k]) for p in parts], how="vertical", rechunk=True) if len(parts) > 1
              else pl.DataFrame(parts[0][k]) for k in range(4)]
    return Result(*frames)


def _chunks(sizes: Sequence[int], budget: int) -> list[tuple[int, int]]:
    out, start, acc = [], 0, 0
    for i, n in enumerate(sizes):
        acc += n
        if acc >= budget:
            out.append((start, i + 1))
            start, acc = i + 1, 0
    if start < len(sizes) or not out:
        out.append((start, len(sizes)))
    return out
