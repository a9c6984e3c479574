"""`find_dates`: French and English date expressions, resolved against a
reference date, as a polars DataFrame."""

from __future__ import annotations

import datetime as _dt
from typing import Any

import polars as pl

from tarikh import _tarikh
from tarikh._extract import _columns, _to_days

__all__ = ["find_dates"]


def find_dates(
    docs: Any,
    reference: _dt.date | str | None = None,
    *,
    id_col: str = "doc_id",
    text_col: str = "text",
    date_col: str | None = None,
    threads: int | None = None,
) -> pl.DataFrame:
    """Find date expressions in documents.

    Absolute (``18 janvier 2025``, ``May 30, 2025``, ``2025-05-30``,
    ``30/05/2025``), partial (``février 2025``, ``début mai``, ``fin 2024``,
    ``mi-juin``) and relative expressions (``dimanche``, ``hier``, ``la semaine
    dernière``, ``il y a deux semaines``, ``last Tuesday``) are found. Relative
    expressions and dates without a year resolve to the closest one on or
    before the reference date (news reports the past).

    Parameters
    ----------
    docs
        Documents in any shape :func:`tarikh.extract` accepts.
    reference
        One reference date for every document (a ``datetime.date`` or an ISO
        string). Alternatively ``date_col`` names a column of per-document
        publication dates in a DataFrame input.
    id_col, text_col, date_col
        Column names for DataFrame input.
    threads
        Number of threads (default: all cores).

    Returns
    -------
    polars.DataFrame
        ``doc_id``, ``start``, ``end`` (code point offsets), ``text``,
        ``date`` (first day of the month or year for coarser precisions; null
        for a relative expression without reference), ``precision`` (``day``,
        ``month`` or ``year``) and ``relative``.

    Examples
    --------
    >>> import tarikh
    >>> df = tarikh.find_dates(["Enlevés le 18 janvier 2025, libérés dimanche."], reference="2025-08-05")
    >>> df.select("text", "date", "precision").rows()
    [('18 janvier 2025', datetime.date(2025, 1, 18), 'day'), ('dimanche', datetime.date(2025, 8, 3), 'day')]
    """
    if reference is not None and date_col is not None:
        raise ValueError("give either reference= or date_col=, not both")
    d = _columns(docs, id_col, text_col, date_col)
    ids, texts, dates = d.ids, d.texts, d.dates
    if dates is not None:
        refs = _to_days(dates, ids)
    elif reference is not None:
        ref = reference if isinstance(reference, _dt.date) else _dt.date.fromisoformat(str(reference))
        refs = [(ref - _dt.date(1970, 1, 1)).days] * len(ids)
    else:
        refs = None
    clean = [t if isinstance(t, str) else None for t in texts]
    return pl.DataFrame(_tarikh.find_dates(ids, clean, refs, threads))
