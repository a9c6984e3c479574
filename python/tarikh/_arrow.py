"""`extract_batch`: Arrow record batches in, Arrow record batches out, for
engines that map a function over batches (Ray Data, Spark, DuckDB, Dask)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, overload

import polars as pl

from tarikh._extract import extract
from tarikh._gazetteer import Gazetteer

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["extract_batch", "TABLES"]

#: The tables :func:`extract_batch` can return.
TABLES = ("documents", "mentions", "events", "candidates")

Table = Literal["documents", "mentions", "events", "candidates"]


@overload
def extract_batch(batch: Any, gazetteer: Gazetteer | None = ..., *, table: Table, id_col: str = ...,
                  text_col: str = ..., date_col: str | None = ..., threads: int | None = ...) -> pa.RecordBatch: ...
@overload
def extract_batch(batch: Any, gazetteer: Gazetteer | None = ..., *, table: None = ..., id_col: str = ...,
                  text_col: str = ..., date_col: str | None = ...,
                  threads: int | None = ...) -> dict[str, pa.RecordBatch]: ...


def extract_batch(
    batch: Any,
    gazetteer: Gazetteer | None = None,
    *,
    table: Table | None = None,
    id_col: str = "doc_id",
    text_col: str = "text",
    date_col: str | None = None,
    threads: int | None = None,
) -> pa.RecordBatch | dict[str, pa.RecordBatch]:
    """Extract from one Arrow batch of documents.

    A plain function of Arrow data, so that batch engines call tarikh without
    glue: Ray Data ``map_batches``, Spark ``mapInArrow``, DuckDB or anything
    that hands over ``pyarrow.RecordBatch`` or ``pyarrow.Table`` objects.
    Needs ``pyarrow``.

    Parameters
    ----------
    batch
        A ``pyarrow.RecordBatch`` or ``pyarrow.Table`` with a text column and
        optionally id and publication-date columns.
    gazetteer
        The gazetteer (the built-in one by default). It is compiled once per
        process and cached, so calling this per batch is cheap.
    table
        Return only this table (``"documents"``, ``"mentions"``, ``"events"``
        or ``"candidates"``) as one record batch, the shape ``mapInArrow``
        wants; by default a dict of all four.
    id_col, text_col, date_col
        Column names, as in :func:`tarikh.extract`.
    threads
        Threads for this batch (default: all cores; engines that run one task
        per core may want 1).

    Returns
    -------
    pyarrow.RecordBatch or dict of them
        Columns and dtypes exactly as :func:`tarikh.extract`'s tables.

    Examples
    --------
    >>> import pyarrow as pa, tarikh
    >>> docs = pa.record_batch({"doc_id": ["a"], "text": ["Le JNIM a attaqué Djibo."]})
    >>> tarikh.extract_batch(docs, table="mentions").column("surface").to_pylist()
    ['JNIM', 'Djibo']
    >>> sorted(tarikh.extract_batch(docs))
    ['candidates', 'documents', 'events', 'mentions']
    """
    import pyarrow as pa

    if table is not None and table not in TABLES:
        raise ValueError(f"table must be one of {TABLES}, got {table!r}")
    if isinstance(batch, pa.RecordBatch):
        batch = pa.Table.from_batches([batch])
    if not isinstance(batch, pa.Table):
        raise TypeError(f"extract_batch expects a pyarrow RecordBatch or Table, got {type(batch).__name__}")
    frame = pl.from_arrow(batch)
    assert isinstance(frame, pl.DataFrame)
    res = extract(frame, gazetteer, id_col=id_col, text_col=text_col, date_col=date_col, threads=threads,
                  progress=False)
    names = TABLES if table is None else (table,)
    out = {name: _one_batch(getattr(res, name).to_arrow()) for name in names}
    return out[table] if table is not None else out


def _one_batch(t: pa.Table) -> pa.RecordBatch:
    """A table as a single record batch (an empty one keeps its schema)."""
    import pyarrow as pa

    t = t.combine_chunks()
    batches = t.to_batches()
    if not batches:
        return pa.RecordBatch.from_pylist([], schema=t.schema)
    return batches[0]
