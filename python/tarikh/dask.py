"""tarikh on Dask: a Dask DataFrame of documents in, Dask DataFrames of
documents, mentions, events and candidates out, with the schemas of
:func:`tarikh.extract`.

Needs ``dask[dataframe]`` (and ``distributed`` for a cluster)::

    pip install "tarikh[dask]"

>>> import dask.dataframe as dd, pandas as pd, tarikh.dask
>>> ddf = dd.from_pandas(pd.DataFrame({"doc_id": ["a", "b"],
...                                    "text": ["Le JNIM a attaqué Djibo.", "Drone à Kidal."]}), npartitions=2)
>>> res = tarikh.dask.extract(ddf)
>>> res.compute().mentions["surface"].to_list()
['JNIM', 'Djibo', 'Kidal']
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import polars as pl

from tarikh._arrow import TABLES
from tarikh._extract import Extractor, Result
from tarikh._gazetteer import Gazetteer

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd

__all__ = ["extract", "DaskResult"]


@dataclass(frozen=True)
class DaskResult:
    """The four tables of :func:`extract` as lazy Dask DataFrames.

    Each partition of the documents gives one partition of every table, in
    input order, from a single extraction: computing the tables together
    (:meth:`compute`, :meth:`to_parquet`, or ``dask.compute(res.documents,
    res.mentions)``) processes each document once. Columns hold pandas'
    Arrow-backed dtypes, so ``polars.from_pandas`` gives back exactly the
    dtypes of :func:`tarikh.extract`.
    """

    documents: dd.DataFrame
    mentions: dd.DataFrame
    events: dd.DataFrame
    candidates: dd.DataFrame

    def tables(self) -> dict[str, dd.DataFrame]:
        """The tables by name."""
        return {name: getattr(self, name) for name in TABLES}

    def compute(self, **kwargs: Any) -> Result:
        """Compute all four tables in one pass and return them as a
        :class:`tarikh.Result` of polars DataFrames (``kwargs`` go to
        ``dask.compute``, e.g. ``scheduler="processes"``)."""
        import dask

        frames = dask.compute(*(getattr(self, name) for name in TABLES), **kwargs)
        return Result(*(_to_polars(f) for f in frames))

    def to_parquet(self, path: str | os.PathLike[str], **kwargs: Any) -> None:
        """Write the four tables as partitioned Parquet datasets
        ``path/documents/``, ``path/mentions/``, ``path/events/`` and
        ``path/candidates/`` in one pass over the documents. ``path`` may be
        any URL Dask writes to (``s3://...``); ``kwargs`` go to each
        ``to_parquet`` call."""
        import dask

        root = os.fspath(path).rstrip("/")
        writes = [table.to_parquet(f"{root}/{name}", compute=False, write_index=False, **kwargs)
                  for name, table in self.tables().items()]
        dask.compute(*writes)


def extract(
    ddf: dd.DataFrame,
    gazetteer: Gazetteer | None = None,
    *,
    id_col: str = "doc_id",
    text_col: str = "text",
    date_col: str | None = None,
    events: bool = True,
    threads: int = 1,
    link: bool | None = None,
) -> DaskResult:
    """Extract from every partition of a Dask DataFrame of documents.

    Nothing runs until the result is computed or written. The gazetteer
    travels to the workers once per graph (the built-in one as a reference,
    others as their compressed entries); each worker process compiles its
    matcher once.

    Parameters
    ----------
    ddf
        Documents, one per row, with a text column and optionally id and
        publication-date columns. Without an id column, the index (as a
        string) is the ``doc_id``, so ids stay unique across partitions.
    gazetteer
        The gazetteer (the built-in one by default).
    id_col, text_col, date_col, events, link
        As in :func:`tarikh.extract`.
    threads
        Threads per task (default 1: Dask runs a task per worker thread;
        raise it for workers with one thread and several cores).

    Returns
    -------
    DaskResult
        ``documents``, ``mentions``, ``events`` and ``candidates`` as Dask
        DataFrames with :func:`tarikh.extract`'s columns; one row per input
        document in ``documents``, an ``error`` where it could not be
        processed. Repeated ``doc_id`` values are an error within a
        partition; across partitions they are not checked (that would need
        a pass over all ids: ``ddf[id_col].value_counts()``).

    Examples
    --------
    On a ``distributed`` cluster, from Parquet to Parquet::

        from dask.distributed import Client
        import dask.dataframe as dd, tarikh.dask

        client = Client("scheduler:8786")
        docs = dd.read_parquet("s3://bucket/articles/", columns=["doc_id", "text", "pub_date"])
        tarikh.dask.extract(docs, date_col="pub_date").to_parquet("s3://bucket/tarikh/")
    """
    import dask
    import dask.dataframe as dd

    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(f"tarikh.dask.extract expects a dask DataFrame, got {type(ddf).__name__}")
    for col in (text_col, date_col):
        if col is not None and col not in ddf.columns:
            raise ValueError(f"no column {col!r} in the Dask DataFrame (columns: {list(ddf.columns)})")
    ex = Extractor(gazetteer, id_col=id_col, text_col=text_col, date_col=date_col, events=events, threads=threads,
                   link=link)
    meta = _meta(events)
    # one key for the extractor: pickled into the graph once, not per task
    ex_d = dask.delayed(ex, pure=True)
    parts = [dask.delayed(_extract_partition, pure=True)(p, ex_d) for p in ddf.to_delayed()]
    tables = {name: dd.from_delayed([p[i] for p in parts], meta=meta[name], verify_meta=False)
              for i, name in enumerate(TABLES)}
    return DaskResult(**tables)


def _extract_partition(part: pd.DataFrame, ex: Extractor) -> tuple[pd.DataFrame, ...]:
    """One partition through ``ex``: the four tables as pandas frames."""
    if ex.id_col not in part.columns:
        part = part.assign(**{ex.id_col: part.index.astype(str)})
    res = ex(part.reset_index(drop=True))
    return tuple(_to_pandas(getattr(res, name)) for name in TABLES)


def _meta(events: bool) -> dict[str, pd.DataFrame]:
    """Empty pandas frames with the tables' columns and dtypes."""
    empty = pl.DataFrame({"doc_id": [], "text": []}, schema={"doc_id": pl.String, "text": pl.String})
    res = Extractor(Gazetteer(), events=events)(empty)
    return {name: _to_pandas(getattr(res, name)) for name in TABLES}


def _to_pandas(df: pl.DataFrame) -> pd.DataFrame:
    return df.to_pandas(use_pyarrow_extension_array=True)


def _to_polars(df: pd.DataFrame) -> pl.DataFrame:
    out = pl.from_pandas(df, include_index=False)
    assert isinstance(out, pl.DataFrame)
    return out
