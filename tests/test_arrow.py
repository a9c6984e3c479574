"""extract_batch: Arrow batches in and out, as batch engines call it."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import tarikh

pa = pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def articles() -> pl.DataFrame:
    paths = tarikh.sample_paths()
    return pl.DataFrame({"doc_id": [p.stem for p in paths], "text": [p.read_text(encoding="utf-8") for p in paths]})


def test_batch_tables_equal_extract(articles: pl.DataFrame) -> None:
    res = tarikh.extract(articles)
    out = tarikh.extract_batch(articles.to_arrow().to_batches()[0])
    assert set(out) == {"documents", "mentions", "events", "candidates"}
    for name, batch in out.items():
        assert isinstance(batch, pa.RecordBatch)
        assert_frame_equal(pl.from_arrow(batch), getattr(res, name))
    assert out["mentions"].num_rows > 100


def test_map_in_arrow_style_over_split_batches(articles: pl.DataFrame) -> None:
    # what Spark's mapInArrow does: an iterator of batches to an iterator of
    # batches of one schema; the result must not depend on the split
    batches = articles.to_arrow().to_batches(max_chunksize=2)
    assert len(batches) == 3

    def fn(it):
        for b in it:
            yield tarikh.extract_batch(b, table="events", threads=1)

    got = pl.concat([pl.from_arrow(b) for b in fn(iter(batches))])
    assert_frame_equal(got, tarikh.extract(articles).events)
    assert got.height > 10


def test_table_input_and_date_column(articles: pl.DataFrame) -> None:
    t = articles.with_columns(pl.lit("2025-03-01").alias("published")).to_arrow()
    docs = tarikh.extract_batch(t, table="documents", date_col="published")
    assert docs.column("pub_date_source").to_pylist() == ["input"] * articles.height
    assert [str(d) for d in docs.column("pub_date").to_pylist()] == ["2025-03-01"] * articles.height


def test_empty_batch_keeps_the_schema() -> None:
    empty = pa.record_batch({"doc_id": pa.array([], pa.string()), "text": pa.array([], pa.string())})
    got = tarikh.extract_batch(empty, table="mentions")
    assert got.num_rows == 0
    assert got.schema.names == tarikh.extract(["x"]).mentions.columns


def test_bad_arguments() -> None:
    batch = pa.record_batch({"text": ["Bamako"]})
    with pytest.raises(ValueError, match="table must be one of"):
        tarikh.extract_batch(batch, table="people")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="RecordBatch or Table"):
        tarikh.extract_batch(["Bamako"])
    with pytest.raises(ValueError, match="no text column 'body'"):
        tarikh.extract_batch(batch, text_col="body")
