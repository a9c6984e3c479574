"""Reading corpora from files: text files, JSON Lines, CSV and Parquet."""

from __future__ import annotations

import glob
import os
from importlib import resources
from pathlib import Path

import polars as pl

__all__ = ["read_files", "sample_paths", "TEXT_SUFFIXES", "TABLE_SUFFIXES"]

TEXT_SUFFIXES = (".txt", ".md")
TABLE_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".csv", ".parquet")


def sample_paths() -> list[Path]:
    """The bundled sample articles (five French news articles on the Sahel)."""
    root = resources.files("tarikh") / "data" / "samples"
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith(".txt"))


def _expand(inputs: list[str]) -> list[Path]:
    """Files named, found in folders (recursively) or matched by globs, in a
    stable order; a name matching nothing is an error naming it."""
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and _kind(f) is not None)
            out.extend(found)
        elif p.exists():
            out.append(p)
        else:
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise FileNotFoundError(f"{item}: no such file, folder or matching glob")
            out.extend(Path(m) for m in matches if Path(m).is_file())
    return out


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    if name.endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")):
        return "jsonl"
    if name.endswith(".csv"):
        return "csv"
    if name.endswith(".parquet"):
        return "parquet"
    return None


def read_files(
    inputs: list[str | os.PathLike[str]],
    *,
    id_col: str = "doc_id",
    text_col: str = "text",
    date_col: str | None = None,
) -> tuple[pl.DataFrame, list[str | None]]:
    """Read documents from files into a DataFrame with ``doc_id``, ``text``
    and, when asked, ``pub_date`` columns, plus one input error (or None) per
    row. A text file that is not UTF-8 keeps its row, with a null text and an
    error naming the file; table files must have the named columns.
    """
    paths = _expand([os.fspath(i) for i in inputs])
    ids: list[str] = []
    texts: list[str | None] = []
    dates: list[object] = []
    errors: list[str | None] = []
    for path in paths:
        kind = _kind(path)
        if kind == "text":
            ids.append(path.stem)
            dates.append(None)
            try:
                texts.append(path.read_bytes().decode("utf-8"))
                errors.append(None)
            except UnicodeDecodeError as e:
                texts.append(None)
                errors.append(f"{path}: not valid UTF-8 ({e.reason} at byte {e.start})")
            except OSError as e:
                texts.append(None)
                errors.append(f"{path}: cannot read ({e.strerror})")
            continue
        if kind is None:
            raise ValueError(f"{path}: unsupported file type (expected .txt, .md, .jsonl, .csv or .parquet)")
        try:
            if kind == "jsonl":
                df = pl.read_ndjson(path)
            elif kind == "csv":
                df = pl.read_csv(path, infer_schema_length=0)
            else:
                df = pl.read_parquet(path)
        except pl.exceptions.PolarsError as e:
            # polars does not name the file (e.g. invalid UTF-8 in a Parquet string column)
            raise ValueError(f"{path}: cannot read as {kind}: {e}") from e
        if text_col not in df.columns:
            raise ValueError(f"{path}: no text column {text_col!r} (columns: {df.columns}); use --text-col")
        if date_col is not None and date_col not in df.columns:
            raise ValueError(f"{path}: no date column {date_col!r} (columns: {df.columns}); use --date-col")
        if id_col in df.columns:
            ids.extend(df[id_col].cast(pl.String).to_list())
        else:
            ids.extend(f"{path.stem}:{i}" for i in range(df.height))
        col = df[text_col]
        if col.dtype != pl.String:
            col = col.cast(pl.String, strict=False)
        texts.extend(col.to_list())
        dates.extend(df[date_col].cast(pl.String).to_list() if date_col else [None] * df.height)
        errors.extend([None] * df.height)
    frame = pl.DataFrame({"doc_id": ids, "text": texts}, schema={"doc_id": pl.String, "text": pl.String})
    if date_col is not None:
        frame = frame.with_columns(pl.Series("pub_date", dates, dtype=pl.String))
    return frame, errors
