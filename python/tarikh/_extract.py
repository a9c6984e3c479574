"""`extract`: documents in, polars tables of documents, mentions and events out."""

from __future__ import annotations

import datetime as _dt
import html
import os
import sys
import time
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

import polars as pl

from tarikh import _tarikh
from tarikh._gazetteer import Gazetteer
from tarikh.exceptions import DuplicateDocIdError

__all__ = ["Result", "Extractor", "extract", "Docs", "Format", "FORMATS"]

#: What :func:`extract` accepts as documents.
Docs = Any
#: Output file formats.
Format = Literal["parquet", "csv", "jsonl"]
FORMATS = ("parquet", "csv", "jsonl")

_EPOCH = _dt.date(1970, 1, 1)
# Documents per call into Rust when a progress bar is shown.
_CHUNK_CHARS = 8_000_000


class Summarised:
    """``repr`` and the Jupyter displays (Markdown, HTML) of an object from
    its ``summary()`` lines."""

    _title = "tarikh"

    def summary(self) -> str:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{self._title}: {self.summary()}>"

    def _repr_markdown_(self) -> str:
        return f"**{self._title}**\n\n" + "\n".join(f"- {line}" for line in self.summary().splitlines())

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(line)}</li>" for line in self.summary().splitlines())
        return f"<div><b>{html.escape(self._title)}</b><ul>{items}</ul></div>"


@dataclass(frozen=True, repr=False)
class Result(Summarised):
    """The tables :func:`extract` returns.

    In Jupyter a ``Result`` shows as a short summary: counts of documents and
    errors, mentions per kind, events per type and the span of event dates.

    Attributes
    ----------
    documents : polars.DataFrame
        One row per input document, in input order, with its ``error`` (null
        when it was processed).
    mentions : polars.DataFrame
        One row per entity mention, with code point offsets into the text.
    events : polars.DataFrame
        One row per event; with ``extract(..., dedupe=True)`` also its
        ``event_group_id``.
    candidates : polars.DataFrame
        For mentions the linker was not sure of, every entry they could mean,
        ranked (join with ``mentions`` on ``doc_id``, ``start``, ``end``).
    event_groups : polars.DataFrame
        Events grouped across documents (see :func:`tarikh.dedupe`): those of
        ``extract(..., dedupe=True)``, else computed on first access with
        ``max_days=3``. Group ids are the same either way.

    Examples
    --------
    >>> import tarikh
    >>> res = tarikh.extract({"a": "Le 3 mars 2025, le JNIM a attaqué un poste des FAMa à Diafarabé.",
    ...                       "b": "Le 4 mars 2025, une attaque du JNIM a visé Diafarabé."})
    >>> res.event_groups.select("event_type", "n_documents", "doc_ids").rows()
    [('attack', 2, ['a', 'b'])]
    >>> print(res.summary())
    2 documents (0 with errors), 5 mentions, 2 events
    mentions: armed_group 2, place 2, state_force 1
    events: attack 2
    event dates: 2025-03-03 to 2025-03-04
    event groups: 1
    """

    _title = "tarikh.Result"

    documents: pl.DataFrame
    mentions: pl.DataFrame
    events: pl.DataFrame
    candidates: pl.DataFrame
    _event_groups: pl.DataFrame | None = field(default=None, repr=False, compare=False)

    @property
    def event_groups(self) -> pl.DataFrame:
        """Events grouped across documents (computed once, on first access,
        unless ``extract(..., dedupe=True)`` filled it)."""
        if self._event_groups is None:
            from tarikh._events import dedupe

            object.__setattr__(self, "_event_groups", dedupe(self.events).event_groups)
        assert self._event_groups is not None
        return self._event_groups

    def summary(self) -> str:
        """A few lines: counts of documents, errors, mentions per kind, events
        per type, the span of event dates and, once computed, event groups."""
        lines = summary_lines(self.documents, self.mentions, self.events)
        if self._event_groups is not None:
            lines.append(f"event groups: {self._event_groups.height:,}")
        return "\n".join(lines)

    def write(self, out_dir: str | os.PathLike[str], format: Format = "parquet") -> list[Path]:
        """Write ``documents``, ``mentions``, ``events`` and ``candidates``
        files (and ``event_groups`` when ``extract(..., dedupe=True)`` made
        them) into ``out_dir``, created if needed, and return their paths.

        For larger-than-memory corpora, :func:`tarikh.extract_to` writes the
        same tables in parts as it goes.

        Examples
        --------
        >>> import tempfile
        >>> import tarikh
        >>> paths = tarikh.extract(["Attaque à Kidal."]).write(tempfile.mkdtemp(), "csv")
        >>> [p.name for p in paths]
        ['documents.csv', 'mentions.csv', 'events.csv', 'candidates.csv']
        """
        if format not in FORMATS:
            raise ValueError(f"unknown format {format!r}: expected 'parquet', 'csv' or 'jsonl'")
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        names = ["documents", "mentions", "events", "candidates"]
        if self._event_groups is not None:
            names.append("event_groups")
        paths = []
        for name in names:
            path = out / f"{name}.{format}"
            write_table(getattr(self, name), path, format)
            paths.append(path)
        return paths


def write_table(df: pl.DataFrame, path: str | os.PathLike[str], format: Format) -> None:
    """Write one table; CSV gets list columns (``doc_ids``) joined with ``;``."""
    if format == "parquet":
        df.write_parquet(path)
    elif format == "csv":
        lists = [c for c, t in df.schema.items() if isinstance(t, pl.List)]
        df.with_columns(pl.col(c).list.join(";") for c in lists).write_csv(path)
    elif format == "jsonl":
        df.write_ndjson(path)
    else:
        raise ValueError(f"unknown format {format!r}: expected 'parquet', 'csv' or 'jsonl'")


def summary_lines(documents: pl.DataFrame | pl.LazyFrame, mentions: pl.DataFrame | pl.LazyFrame,
                  events: pl.DataFrame | pl.LazyFrame) -> list[str]:
    """Counts of documents and errors, mentions per kind, events per type and
    the span of event dates, from eager or lazy tables (only these
    aggregates are collected)."""
    n_docs, n_err = documents.lazy().select(pl.len(), pl.col("error").is_not_null().sum()).collect().row(0)
    kinds = mentions.lazy().group_by("kind").len().sort("len", "kind", descending=[True, False]).collect()
    types = events.lazy().group_by("event_type").len().sort("len", "event_type", descending=[True, False]).collect()
    n_m, n_e = int(kinds["len"].sum()), int(types["len"].sum())
    lines = [f"{n_docs:,} documents ({n_err or 0:,} with errors), {n_m:,} mentions, {n_e:,} events"]
    if n_m:
        lines.append("mentions: " + ", ".join(f"{k} {n:,}" for k, n in kinds.iter_rows()))
    if n_e:
        lines.append("events: " + ", ".join(f"{k} {n:,}" for k, n in types.iter_rows()))
        span = events.lazy().select(pl.col("date").min().alias("first"), pl.col("date").max().alias("last"))
        first, last = span.collect().row(0)
        if first is not None:
            lines.append(f"event dates: {first} to {last}")
    return lines


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
                          stacklevel=4)
        s = parsed
    elif s.dtype == pl.Datetime or isinstance(s.dtype, pl.Datetime):
        s = s.dt.date()
    elif s.dtype == pl.Null:
        s = s.cast(pl.Date)
    if s.dtype != pl.Date:
        raise TypeError(f"date column has dtype {s.dtype}; expected dates or ISO date strings")
    return s.cast(pl.Int32).to_list()


def _check_ids(ids: Sequence[str | None], allow_duplicates: bool, *, seen: dict[str, int] | None = None,
               start: int = 0) -> None:
    """Reject null doc ids, and repeated ones unless allowed, naming them and
    their rows (counted from ``start``); ``seen`` holds the ids of earlier
    batches (id -> first row) and is updated."""
    nulls = [start + i for i, d in enumerate(ids) if d is None]
    if nulls:
        shown = ", ".join(map(str, nulls[:10])) + (" ..." if len(nulls) > 10 else "")
        raise ValueError(f"doc_id is null at row(s) {shown}")
    if allow_duplicates:
        return
    seen = {} if seen is None else seen
    dups: dict[str, list[int]] = {}
    for i, d in enumerate(ids, start):
        first = seen.setdefault(d, i)
        if first != i:
            dups.setdefault(d, [first]).append(i)
    if dups:
        shown = "; ".join(f"{d!r} at rows {', '.join(map(str, r[:5]))}{' ...' if len(r) > 5 else ''}"
                          for d, r in list(dups.items())[:5])
        more = f" and {len(dups) - 5} more" if len(dups) > 5 else ""
        raise DuplicateDocIdError(f"{len(dups)} duplicated doc_id(s): {shown}{more} "
                                  "(keep them with allow_duplicate_ids=True, or --allow-duplicate-ids in the CLI)")


class _Docs(NamedTuple):
    """Documents as parallel lists: ids, texts, raw publication dates, and
    what a :func:`tarikh.read_corpus` frame adds (input errors, authors,
    source addresses)."""

    ids: list[str]
    texts: list[Any]
    dates: list[Any] | None
    errors: list[str | None] | None = None
    authors: list[str | None] | None = None
    urls: list[str | None] | None = None


def _columns(docs: Any, id_col: str, text_col: str, date_col: str | None, *, start: int = 0) -> _Docs:
    """Turn any accepted input into :class:`_Docs`; documents without ids are
    numbered from ``start``. A frame with an ``input_error`` column is a
    :func:`tarikh.read_corpus` frame: its errors, authors and source
    addresses are kept, and its ``pub_date`` is the date column unless
    ``date_col`` names another."""
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
            ids = [str(i) for i in range(start, start + docs.height)]
        corpus = "input_error" in docs.columns
        if date_col is None and corpus and "pub_date" in docs.columns:
            date_col = "pub_date"
        dates = None
        if date_col is not None:
            if date_col not in docs.columns:
                raise ValueError(f"no date column {date_col!r} in the DataFrame (columns: {docs.columns})")
            dates = docs[date_col].to_list()

        def extra(name: str) -> list[Any] | None:
            return docs[name].to_list() if corpus and name in docs.columns else None

        return _Docs(ids, texts, dates, extra("input_error"), extra("author"), extra("source_url"))
    if date_col is not None:
        raise ValueError("date_col needs a DataFrame input (a table with a date column)")
    if isinstance(docs, pl.Series):
        return _Docs([str(i) for i in range(start, start + docs.len())], docs.to_list(), None)
    if isinstance(docs, (str, bytes)):
        raise TypeError("extract expects a collection of documents; wrap a single text in a list: extract([text])")
    if isinstance(docs, Mapping):
        return _Docs([str(k) for k in docs], list(docs.values()), None)
    if isinstance(docs, Iterable):
        items = list(docs)
        if items and all(isinstance(x, tuple) and len(x) == 2 for x in items):
            return _Docs([str(i) for i, _ in items], [t for _, t in items], None)
        return _Docs([str(i) for i in range(start, start + len(items))], items, None)
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
    link: bool | None = None,
    threads: int | None = None,
    progress: bool | None = None,
    dedupe: bool = False,
    max_days: int = 3,
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
        Without ids, documents are numbered ``"0"``, ``"1"``... A
        :func:`tarikh.read_corpus` frame is taken as it is: its read errors
        become ``documents.error``, its ``pub_date`` is the publication date,
        and its ``author`` and ``source_url`` (from HTML pages) replace those
        found in the text.
    gazetteer
        The gazetteer to match; the built-in one by default.
    id_col, text_col, date_col
        Column names for DataFrame input. ``date_col`` holds publication dates
        (dates or ISO strings) that relative expressions ("dimanche") are
        resolved against; without it, dates are looked for in the text.
    events
        Also link mentions in context and extract events (default). With
        ``False`` only the matcher's mentions are returned (faster).
    link
        Link mentions in context: resolve ambiguous names from the document,
        drop common words the context does not support, link short names
        and acronyms defined in the text, fill ``candidates``. Defaults to
        ``events``; ``events=False, link=True`` gives linked mentions without
        event extraction (about 1.5 times faster than with events). Events
        need linked mentions, so ``events=True, link=False`` is an error.
    threads
        Number of threads (default: all cores).
    progress
        Show a progress bar (documents/s, MB/s, time left; a widget in
        Jupyter); by default only for inputs over a few megabytes.
    dedupe, max_days
        Group events reporting the same happening across documents
        (:func:`tarikh.dedupe` with ``max_days``): ``events`` gets an
        ``event_group_id`` column and ``event_groups`` is filled.
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
        ``.mentions``, ``.events``, ``.candidates`` and ``.event_groups``
        polars DataFrames.

    Examples
    --------
    >>> import tarikh
    >>> res = tarikh.extract(["Des hommes armés du JNIM ont attaqué un poste des FAMa près de Gao.", None])
    >>> res.mentions.select("surface", "kind").rows()[:3]
    [('JNIM', 'armed_group'), ('FAMa', 'state_force'), ('Gao', 'place')]
    >>> res.documents["error"].to_list()
    [None, 'text is null']
    """
    _check_args(gazetteer, threads, events, link)
    gaz = gazetteer if gazetteer is not None else Gazetteer.default()
    d = _columns(docs, id_col, text_col, date_col)
    _check_ids(d.ids, allow_duplicate_ids)
    result = _run(gaz, d, threads=threads, events=events, link=link, progress=progress)
    if dedupe:
        from tarikh._events import dedupe as _dedupe

        grouped = _dedupe(result.events, max_days=max_days)
        result = Result(result.documents, result.mentions, grouped.events, result.candidates, grouped.event_groups)
    return result


def _check_args(gazetteer: Any, threads: Any, events: Any = True, link: Any = None) -> None:
    """The checks :func:`extract` and :class:`Extractor` make of their
    arguments before any work."""
    if gazetteer is not None and not isinstance(gazetteer, Gazetteer):
        raise TypeError(f"gazetteer must be a tarikh.Gazetteer, got {type(gazetteer).__name__}")
    if threads is not None and (not isinstance(threads, int) or threads < 1):
        raise ValueError(f"threads must be a positive integer, got {threads!r}")
    if events and link is not None and not link:
        raise ValueError("events need linked mentions: link=False only goes with events=False")


@dataclass(frozen=True)
class Extractor:
    """:func:`extract` with its settings bound: a callable object to hand to
    other processes.

    It pickles compactly (the built-in gazetteer as a reference, any other
    as its compressed entries, never the compiled matcher) and survives
    ``multiprocessing`` with ``fork`` and ``spawn``; a process that receives
    the same gazetteer again (one task after another) reuses the matcher it
    compiled the first time. :func:`tarikh.dask.extract` ships one to each
    worker. With ``fork``, tarikh's own thread pool is safe but polars' is
    not: polars operations that run in parallel can hang in a forked child
    once the parent has used polars' pool, so prefer ``spawn`` or
    ``forkserver``.

    Parameters
    ----------
    gazetteer, id_col, text_col, date_col, events, threads, allow_duplicate_ids, link
        As in :func:`extract`; ``gazetteer=None`` is the built-in one.

    Examples
    --------
    >>> import pickle, tarikh
    >>> ex = tarikh.Extractor(threads=1)
    >>> len(pickle.dumps(ex)) < 500
    True
    >>> pickle.loads(pickle.dumps(ex))(["Le JNIM a attaqué Ménaka."]).mentions["surface"].to_list()
    ['JNIM', 'Ménaka']
    """

    gazetteer: Gazetteer | None = None
    id_col: str = "doc_id"
    text_col: str = "text"
    date_col: str | None = None
    events: bool = True
    threads: int | None = None
    allow_duplicate_ids: bool = False
    link: bool | None = None

    def __post_init__(self) -> None:
        _check_args(self.gazetteer, self.threads, self.events, self.link)

    def __call__(self, docs: Docs, *, progress: bool | None = False) -> Result:
        """Extract from ``docs`` (anything :func:`extract` accepts); no
        progress bar unless asked for."""
        return extract(docs, self.gazetteer, id_col=self.id_col, text_col=self.text_col, date_col=self.date_col,
                       events=self.events, link=self.link, threads=self.threads, progress=progress,
                       allow_duplicate_ids=self.allow_duplicate_ids)


def _run(
    gaz: Gazetteer,
    docs: _Docs,
    *,
    threads: int | None,
    events: bool,
    progress: bool | None,
    link: bool | None = None,
) -> Result:
    """Call the extension (in chunks of a few megabytes when a progress bar
    is shown), concatenate the tables and lay a corpus's authors and source
    addresses over those found in the text."""
    ids, texts = docs.ids, docs.texts
    days = _to_days(docs.dates, ids) if docs.dates is not None else None
    sizes = [len(t) if isinstance(t, str) else 0 for t in texts]
    if progress is None:
        progress = sum(sizes) > 4 * _CHUNK_CHARS
    chunks = _chunks(sizes, _CHUNK_CHARS) if progress else [(0, len(texts))]
    parts: list[tuple[Any, ...]] = []
    with Progress(len(texts), enabled=progress) as bar:
        for a, b in chunks:
            parts.append(_tarikh.extract(gaz._gaz, ids[a:b], texts[a:b], None if days is None else days[a:b],
                                         None if docs.errors is None else docs.errors[a:b], threads, events,
                                         link))
            bar.update(b - a, sum(sizes[a:b]))
    frames = [pl.concat([pl.DataFrame(p[k]) for p in parts], how="vertical", rechunk=True) if len(parts) > 1
              else pl.DataFrame(parts[0][k]) for k in range(4)]
    overlay = {name: values for name, values in (("author", docs.authors), ("source_url", docs.urls))
               if values is not None and any(v is not None for v in values)}
    if overlay:
        frames[0] = frames[0].with_columns(
            pl.coalesce(pl.Series(values, dtype=pl.String), pl.col(name)).alias(name)
            for name, values in overlay.items())
    return Result(*frames)


class Progress:
    """A ``tqdm.auto`` bar over documents (a widget in Jupyter, text on a
    terminal) showing documents/s, MB/s and the time left; does nothing when
    not enabled."""

    def __init__(self, total: int | None, *, enabled: bool, initial: int = 0) -> None:
        self._bar = None
        self._bytes = 0
        self._t0 = time.perf_counter()
        if enabled:
            from tqdm.auto import tqdm

            self._bar = tqdm(total=total, initial=initial, unit="doc", desc="tarikh",
                             smoothing=0.1, dynamic_ncols=True)

    def update(self, n_docs: int, n_bytes: int) -> None:
        """Count documents and bytes of text done."""
        if self._bar is not None:
            self._bytes += n_bytes
            rate = self._bytes / max(time.perf_counter() - self._t0, 1e-9) / 1e6
            self._bar.set_postfix_str(f"{rate:.1f} MB/s", refresh=False)
            self._bar.update(n_docs)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()


def show_progress() -> bool:
    """Whether a progress bar would be seen: stderr is a terminal, or this
    runs in a Jupyter kernel."""
    if "ipykernel" in sys.modules:
        return True
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


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
