"""Reading corpora from files: text, Markdown and HTML files, JSON Lines, CSV
and Parquet tables, as one lazy frame of documents."""

from __future__ import annotations

import csv
import glob
import gzip
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import Any, Literal

import polars as pl

__all__ = ["read_corpus", "sample_paths", "CORPUS_SCHEMA", "TEXT_SUFFIXES", "HTML_SUFFIXES", "TABLE_SUFFIXES"]

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
TABLE_SUFFIXES = (*JSONL_SUFFIXES, ".csv", ".parquet")

#: Columns of the frame :func:`read_corpus` returns.
CORPUS_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(), "text": pl.String(), "pub_date": pl.String(), "title": pl.String(),
    "author": pl.String(), "source_url": pl.String(), "path": pl.String(), "input_error": pl.String(),
}

#: What to do with ``.html``/``.htm`` files: ``"extract"`` their main text and
#: metadata with trafilatura, or ``"skip"`` them.
HtmlMode = Literal["extract", "skip"]

HTML_EXTRA = 'pip install "tarikh[html]"'
# Documents per frame that read_corpus's scan yields.
_SCAN_ROWS = 500

# A row of CORPUS_SCHEMA, in its column order.
Row = tuple[str, str | None, str | None, str | None, str | None, str | None, str, str | None]


def sample_paths() -> list[Path]:
    """The bundled sample articles (five French news articles on the Sahel).

    Examples
    --------
    >>> import tarikh
    >>> paths = tarikh.sample_paths()
    >>> [p.name for p in paths][:2]
    ['000_7acc19ff5bebf2c9.txt', '001_8335f24ef09f5a39.txt']
    >>> tarikh.read_corpus(paths).select("doc_id").collect()["doc_id"][0]
    '000_7acc19ff5bebf2c9'
    """
    root = resources.files("tarikh") / "data" / "samples"
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith(".txt"))


@dataclass(frozen=True)
class Columns:
    """Which input columns hold the id, the text and the publication date of
    table files, and what to do with HTML files."""

    id_col: str = "doc_id"
    text_col: str = "text"
    date_col: str | None = None
    html: HtmlMode = "extract"


@dataclass(frozen=True, slots=True)
class Input:
    """One file of a corpus: its path, its name relative to the folder or glob
    it was found through (``/``-separated) and its kind. Plain strings: a
    listing of a million files stays a few hundred megabytes at most."""

    path: str
    name: str
    kind: str  # text, html, jsonl, csv, parquet or unsupported

    @property
    def stem(self) -> str:
        """The name without its file type suffix (``a/b.jsonl.gz`` -> ``a/b``)."""
        low = self.name.lower()
        for suffix in (*TEXT_SUFFIXES, *HTML_SUFFIXES, *TABLE_SUFFIXES):
            if low.endswith(suffix):
                return self.name[: -len(suffix)]
        return self.name

    @property
    def is_document(self) -> bool:
        """One file, one document (text, Markdown, HTML)."""
        return self.kind in ("text", "html", "unsupported")


def _kind(name: str) -> str | None:
    name = name.lower()
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(".csv"):
        return "csv"
    if name.endswith(".parquet"):
        return "parquet"
    return None


def _glob_root(pattern: str) -> str:
    """The folder part of a glob before its first wildcard."""
    keep: list[str] = []
    for part in Path(pattern).parts:
        if glob.has_magic(part):
            break
        keep.append(part)
    return str(Path(*keep)) if keep else "."


def _walk(folder: str, recursive: bool) -> Iterator[str]:
    """Names of the files below ``folder``, relative to it; hidden files and
    folders (``.name``) are left out."""
    if not recursive:
        with os.scandir(folder) as entries:
            yield from (e.name for e in entries if e.is_file() and not e.name.startswith("."))
        return
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel = os.path.relpath(dirpath, folder)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        yield from (prefix + f for f in filenames if not f.startswith("."))


def _expand(inputs: Iterable[str | os.PathLike[str]], *, recursive: bool = True,
            html: HtmlMode = "extract") -> list[Input]:
    """Files named, found in folders or matched by globs, each once, folders
    and globs sorted by name; a name matching nothing is an error naming it.

    Folders and globs yield only the file types tarikh reads (HTML ones unless
    ``html="skip"``); a file named explicitly with another type is kept, and
    gets an error row when read.
    """
    wanted = {"text", "jsonl", "csv", "parquet"} | ({"html"} if html != "skip" else set())
    out: list[Input] = []
    seen: set[tuple[int, int]] = set()

    def add(path: str, name: str) -> None:
        st = os.stat(path)
        key = (st.st_dev, st.st_ino)  # the same file reached twice (or through a link) is read once
        if key not in seen:
            seen.add(key)
            out.append(Input(path, name, _kind(name) or "unsupported"))

    for item in inputs:
        item = os.fspath(item)
        if os.path.isdir(item):
            for name in sorted(n for n in _walk(item, recursive) if _kind(n) in wanted):
                add(os.path.join(item, name), name)
        elif os.path.exists(item):
            if _kind(item) != "html" or html != "skip":
                add(item, os.path.basename(item))
        else:
            matches = sorted(glob.glob(item, recursive=recursive))
            if not matches:
                raise FileNotFoundError(f"{item}: no such file, folder or matching glob")
            root = _glob_root(item)
            for m in matches:
                if os.path.isfile(m) and _kind(m) in wanted:
                    add(m, os.path.relpath(m, root).replace(os.sep, "/"))
    return out


def _doc_ids(inputs: list[Input]) -> list[str]:
    """Ids of one-file documents: the name without its suffix; where two files
    would share one, their names with suffix, and where these still clash,
    their paths as given."""
    ids = [i.stem for i in inputs]
    counts: dict[str, int] = {}
    for d in ids:
        counts[d] = counts.get(d, 0) + 1
    ids = [i.name if counts[d] > 1 else d for i, d in zip(inputs, ids)]
    counts = {}
    for d in ids:
        counts[d] = counts.get(d, 0) + 1
    return [i.path.replace(os.sep, "/") if counts[d] > 1 else d for i, d in zip(inputs, ids)]


# ---------------------------------------------------------------- one file, one document
def _decode(data: bytes, path: str) -> tuple[str | None, str | None]:
    """UTF-8 text (a leading byte order mark dropped), or an error naming the
    file and the byte."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff"), None
    except UnicodeDecodeError as e:
        return None, f"{path}: not valid UTF-8 ({e.reason} at byte {e.start})"


def _html(data: bytes, path: str) -> tuple[str | None, str | None, str | None, str | None, str | None, str | None]:
    """(text, pub_date, title, author, url, error) of an HTML page: its main
    text by trafilatura, with the title as first paragraph when the text does
    not already start with it."""
    none = (None,) * 5
    try:
        import trafilatura
    except ImportError as e:
        return *none, f"{path}: reading HTML needs trafilatura ({e}); {HTML_EXTRA}"
    try:
        # trafilatura reads the page's declared or detected encoding itself
        doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
    except Exception as e:  # trafilatura raises many kinds on broken pages
        return *none, f"{path}: trafilatura failed ({type(e).__name__}: {e})"
    text = getattr(doc, "text", None) if doc is not None else None
    if not text:
        return *none, f"{path}: no main text found in the HTML"
    title = doc.title or None
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return text, doc.date or None, title, doc.author or None, doc.url or None, None


def _read_document(inp: Input, doc_id: str) -> Row:
    """The row of a text, Markdown or HTML file; read errors go in the row."""
    text = date = title = author = url = error = None
    if inp.kind == "unsupported":
        error = (f"{inp.path}: unsupported file type (expected {', '.join(TEXT_SUFFIXES + HTML_SUFFIXES)}, "
                 f"{', '.join(TABLE_SUFFIXES)})")
    else:
        try:
            with open(inp.path, "rb") as fh:
                data = fh.read()
        except OSError as e:
            error = f"{inp.path}: cannot read ({e.strerror})"
        else:
            if inp.kind == "html":
                text, date, title, author, url, error = _html(data, inp.path)
            else:
                text, error = _decode(data, inp.path)
    return (doc_id, text, date, title, author, url, inp.path, error)


# ---------------------------------------------------------------- table files
def _table_row(inp: Input, index: int, doc_id: Any, text: Any, date: Any, error: str | None) -> Row:
    """A row of a table file; without an id, ``<stem>:<row index>``."""
    def s(v: Any) -> str | None:
        return v if v is None or isinstance(v, str) else str(v)
    return (f"{inp.stem}:{index}" if doc_id is None else s(doc_id), s(text) if error is None else None,
            s(date), None, None, None, inp.path, error)


def _missing(inp: Input, cols: Columns, present: Iterable[str]) -> str | None:
    present = list(present)
    if cols.text_col not in present:
        return f"{inp.path}: no text column {cols.text_col!r} (columns: {present}); pass text_col=... (--text-col)"
    if cols.date_col is not None and cols.date_col not in present:
        return f"{inp.path}: no date column {cols.date_col!r} (columns: {present}); pass date_col=... (--date-col)"
    return None


def _jsonl_rows(inp: Input, cols: Columns, skip: int) -> Iterator[Row | None]:
    """Rows of a JSON Lines file (gzip when named ``.gz``), one per non-blank
    line; a line that is not UTF-8 JSON with the text keeps a row with the
    error. Skipped rows come out as None, unparsed."""
    opener = gzip.open if inp.name.lower().endswith(".gz") else open
    index = 0
    try:
        with opener(inp.path, "rb") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                if index < skip:
                    index += 1
                    yield None
                    continue
                try:
                    obj = json.loads(line.decode("utf-8"))
                except (UnicodeDecodeError, ValueError) as e:
                    kind = "not valid UTF-8" if isinstance(e, UnicodeDecodeError) else "invalid JSON"
                    yield _table_row(inp, index, None, None, None, f"{inp.path}: line {lineno}: {kind} ({e})")
                else:
                    if not isinstance(obj, dict):
                        yield _table_row(inp, index, None, None, None,
                                         f"{inp.path}: line {lineno}: expected a JSON object")
                    else:
                        yield _table_row(inp, index, obj.get(cols.id_col), obj.get(cols.text_col),
                                         obj.get(cols.date_col) if cols.date_col else None,
                                         _missing(inp, cols, obj.keys()))
                index += 1
    except (OSError, EOFError) as e:  # unreadable, or a truncated or corrupt gzip stream
        yield _table_row(inp, index, None, None, None, f"{inp.path}: cannot read past row {index} ({e})")


class _Lines:
    """The lines of a binary file decoded as UTF-8; a line that is not is
    decoded with replacement characters and remembered, so the CSV record it
    belongs to can be marked."""

    def __init__(self, fh: io.BufferedReader, path: str) -> None:
        self.fh, self.path, self.error, self.lineno = fh, path, None, 0

    def __iter__(self) -> Iterator[str]:
        for line in self.fh:
            self.lineno += 1
            if self.lineno == 1:
                line = line.removeprefix(b"\xef\xbb\xbf")
            try:
                yield line.decode("utf-8")
            except UnicodeDecodeError as e:
                self.error = (f"{self.path}: line {self.lineno}: not valid UTF-8 ({e.reason} at byte {e.start} "
                              "of the line)")
                yield line.decode("utf-8", errors="replace")


def _csv_rows(inp: Input, cols: Columns, skip: int) -> Iterator[Row | None]:
    """Rows of a CSV file with a header line; empty fields are null. A record
    with bytes that are not UTF-8 keeps its row with the error."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # whole articles in one cell
    index = 0
    try:
        with open(inp.path, "rb") as fh:
            lines = _Lines(fh, inp.path)
            reader = csv.reader(lines)
            header = next(reader, None)
            if header is None:
                return
            missing = _missing(inp, cols, header)
            pos = {name: i for i, name in enumerate(header)}

            def get(rec: list[str], col: str | None) -> str | None:
                i = pos.get(col) if col is not None else None
                return (rec[i] or None) if i is not None and i < len(rec) else None

            for rec in reader:
                error, lines.error = lines.error, None
                if index < skip:
                    index += 1
                    yield None
                    continue
                yield _table_row(inp, index, get(rec, cols.id_col), get(rec, cols.text_col),
                                 get(rec, cols.date_col), error or missing)
                index += 1
    except (OSError, csv.Error) as e:
        yield _table_row(inp, index, None, None, None, f"{inp.path}: cannot read past row {index} ({e})")


def _parquet_rows(inp: Input, cols: Columns, skip: int) -> Iterator[Row | None]:
    """Rows of a Parquet file, read a slice at a time (memory follows the
    file's row groups)."""
    try:
        scan = pl.scan_parquet(inp.path)
        names = scan.collect_schema().names()
        n = scan.select(pl.len()).collect().item()
    except Exception as e:  # polars raises ComputeError and others on corrupt files
        yield _table_row(inp, 0, None, None, None, f"{inp.path}: cannot read ({e})")
        return
    missing = _missing(inp, cols, names)
    yield from (None for _ in range(min(skip, n)))
    wanted = [c for c in (cols.id_col, cols.text_col, cols.date_col) if c is not None and c in names]
    for start in range(skip, n, _SCAN_ROWS):
        try:
            part = scan.slice(start, _SCAN_ROWS).select(wanted).collect()
        except Exception as e:
            yield _table_row(inp, start, None, None, None, f"{inp.path}: cannot read rows from {start} ({e})")
            return
        n_part = part.height

        def column(name: str | None) -> list[Any]:
            if name is None or name not in part.columns:
                return [None] * n_part
            return part[name].cast(pl.String, strict=False).to_list()

        for k, (i, t, d) in enumerate(zip(column(cols.id_col), column(cols.text_col), column(cols.date_col))):
            yield _table_row(inp, start + k, i, t, d, missing)


_TABLE_READERS = {"jsonl": _jsonl_rows, "csv": _csv_rows, "parquet": _parquet_rows}


# ---------------------------------------------------------------- the corpus
def _rows(inputs: list[Input], cols: Columns, skip: int = 0) -> Iterator[Row]:
    """Every document of the inputs as a row, in order, after the first
    ``skip`` (which one-file documents skip without reading)."""
    doc_inputs = [i for i in inputs if i.is_document]
    ids = dict(zip(doc_inputs, _doc_ids(doc_inputs)))
    for inp in inputs:
        if inp.is_document:
            if skip:
                skip -= 1
                continue
            yield _read_document(inp, ids[inp])
            continue
        for row in _TABLE_READERS[inp.kind](inp, cols, skip):
            if row is None:
                skip -= 1
            else:
                yield row


def _frames(rows: Iterator[Row], size: int) -> Iterator[pl.DataFrame]:
    """Rows gathered into frames of ``size`` rows (the last one shorter)."""
    while True:
        chunk = list(islice(rows, size))
        if not chunk:
            return
        yield pl.DataFrame(chunk, schema=CORPUS_SCHEMA, orient="row")


def read_corpus(
    source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    id_col: str = "doc_id",
    text_col: str = "text",
    date_col: str | None = None,
    recursive: bool = True,
    html: HtmlMode = "extract",
) -> pl.LazyFrame:
    """Documents from files, folders or globs, as a lazy frame.

    Files are listed when this is called (a name that matches nothing raises
    ``FileNotFoundError``); they are read when the frame is collected, a few
    hundred documents at a time, so ``.head()``, ``collect_batches()`` or
    :func:`tarikh.extract_to` never hold the whole corpus.

    - ``.txt`` and ``.md`` files are one document each, decoded as UTF-8;
    - ``.html`` and ``.htm`` files are one document each: the main text and
      the title, date and author found by trafilatura
      (``pip install "tarikh[html]"``), the title as first paragraph;
    - ``.jsonl``/``.ndjson`` (optionally ``.gz``), ``.csv`` (with a header)
      and ``.parquet`` files are tables, one document per row, with a text
      column and optionally id and date columns.

    A file or row that cannot be read never raises: it keeps a row whose
    ``input_error`` names the file and the problem (bytes that are not UTF-8,
    a line that is not JSON, a missing text column, HTML without trafilatura),
    and :func:`tarikh.extract` reports it in ``documents.error``.

    Parameters
    ----------
    source
        A file, a folder (searched recursively) or a glob (``**`` for any
        depth), or a list of them.
    id_col, text_col, date_col
        Columns of table files: the document id (default: ``<file>:<row>``),
        the text, and the publication date (ISO date strings or dates).
    recursive
        Search folders and ``**`` globs below the top level.
    html
        ``"extract"`` (default) reads HTML files through trafilatura;
        ``"skip"`` leaves them out of folders and globs.

    Returns
    -------
    polars.LazyFrame
        Columns of :data:`CORPUS_SCHEMA`, all strings: ``doc_id`` (for one-file
        documents, the path relative to the folder or glob given, without the
        suffix: ``2025/08/gao``; files sharing one keep their suffix), ``text``,
        ``pub_date`` (the date column, or the HTML page's date), ``title``,
        ``author`` and ``source_url`` (from HTML pages), ``path`` (the file) and
        ``input_error``. :func:`tarikh.extract` takes this frame as it is
        (``pub_date``, ``author``, ``source_url`` and ``input_error`` are used).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import tarikh
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> (root / "mali").mkdir()
    >>> _ = (root / "mali" / "gao.txt").write_text("Le JNIM a attaqué un poste des FAMa près de Gao.")
    >>> _ = (root / "broken.txt").write_bytes(b"Kidal \\xff")
    >>> lf = tarikh.read_corpus(root)
    >>> lf.select("doc_id", "input_error").collect().rows()  # doctest: +ELLIPSIS
    [('broken', '...broken.txt: not valid UTF-8 (invalid start byte at byte 6)'), ('mali/gao', None)]
    >>> tarikh.extract(lf).mentions["surface"].to_list()
    ['JNIM', 'FAMa', 'Gao']
    """
    from polars.io.plugins import register_io_source

    inputs = _expand([source] if isinstance(source, (str, os.PathLike)) else source, recursive=recursive,
                     html=html)
    cols = Columns(id_col, text_col, date_col, html)

    def scan(with_columns: list[str] | None, predicate: pl.Expr | None, n_rows: int | None,
             batch_size: int | None) -> Iterator[pl.DataFrame]:
        left = n_rows
        for df in _frames(_rows(inputs, cols), min(batch_size or _SCAN_ROWS, _SCAN_ROWS)):
            if predicate is not None:
                df = df.filter(predicate)
            if with_columns is not None:
                df = df.select(with_columns)
            if left is not None:
                df = df.head(left)
                left -= df.height
            yield df
            if left == 0:
                return

    return register_io_source(scan, schema=CORPUS_SCHEMA, explain_name="tarikh.read_corpus",
                              explain_detail=f"{len(inputs)} files")
