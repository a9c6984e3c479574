"""tarikh.find_dates: a table of French and English expressions with reference dates."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

import tarikh

REF = "2025-08-06"  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expr", "date", "precision"),
    [
        ("Enlevés le 18 janvier 2025 près de Gao.", "18 janvier 2025", "2025-01-18", "day"),
        ("Ils ont été libérés le 3 août au Mali.", "3 août", "2025-08-03", "day"),
        ("Le bilan a été publié dimanche.", "dimanche", "2025-08-03", "day"),
        ("Une délégation est arrivée hier.", "hier", "2025-08-05", "day"),
        ("En février 2025, un accord a été signé.", "février 2025", "2025-02-01", "month"),
        ("The attack took place on May 30, 2025 in Niger.", "May 30, 2025", "2025-05-30", "day"),
        ("Released on 2025-07-14 by the group.", "2025-07-14", "2025-07-14", "day"),
        ("Arrêtés le 30/05/2025 à Bamako.", "30/05/2025", "2025-05-30", "day"),
        ("Les combats de fin 2024 ont fait des morts.", "fin 2024", "2024-01-01", "year"),
        # a month without a year resolves to the closest one before the reference
        ("Enlevés en septembre, ils sont toujours détenus.", "septembre", "2024-09-01", "month"),
    ],
)
def test_expressions(text, expr, date, precision):
    df = tarikh.find_dates([text], reference=REF)
    row = df.filter(pl.col("text").str.contains(expr, literal=True))
    assert row.height >= 1, df
    assert row["date"][0] == dt.date.fromisoformat(date)
    assert row["precision"][0] == precision
    assert text[row["start"][0]:row["end"][0]] == row["text"][0]


def test_without_reference_relative_dates_are_null():
    df = tarikh.find_dates(["Attaque dimanche à Gao. Un autre enlèvement date du 18 janvier 2025."])
    by_text = dict(zip(df["text"], df["date"]))
    assert by_text["dimanche"] is None
    assert by_text["18 janvier 2025"] == dt.date(2025, 1, 18)


def test_per_document_reference_column():
    df = pl.DataFrame({"doc_id": ["a", "b"], "text": ["hier", "hier"], "d": ["2025-01-02", "2024-03-01"]})
    out = tarikh.find_dates(df, date_col="d")
    assert out.sort("doc_id")["date"].to_list() == [dt.date(2025, 1, 1), dt.date(2024, 2, 29)]


def test_english_may_is_not_always_a_date():
    df = tarikh.find_dates(["Officials said the group may attack again."], reference=REF)
    assert df.height == 0
