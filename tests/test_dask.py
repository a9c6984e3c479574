"""tarikh across processes: the Extractor and Gazetteer pickles,
multiprocessing with fork and spawn, and tarikh.dask on a two-process
distributed.LocalCluster, each checked against a local tarikh.extract."""

from __future__ import annotations

import multiprocessing as mp
import pickle
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import polars as pl
import pytest
import tarikh
from polars.testing import assert_frame_equal

TABLES = ("documents", "mentions", "events", "candidates")


def _paragraphs() -> list[str]:
    out: list[str] = []
    for p in tarikh.sample_paths():
        out += [x for x in Path(p).read_text(encoding="utf-8").split("\n\n") if x.strip()]
    return out


@pytest.fixture(scope="module")
def corpus() -> pl.DataFrame:
    """3,000 documents of two paragraphs of the sample articles each, every
    97th text null, with publication dates."""
    paras = _paragraphs()
    n = 3000
    return pl.DataFrame({
        "doc_id": [f"d{i:04d}" for i in range(n)],
        "text": [None if i % 97 == 0 else paras[i % len(paras)] + "\n\n" + paras[(7 * i + 3) % len(paras)]
                 for i in range(n)],
        "pub_date": [f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(n)],
    })


@pytest.fixture(scope="module")
def expected(corpus: pl.DataFrame) -> tarikh.Result:
    return tarikh.extract(corpus, date_col="pub_date")


def assert_same(got: tarikh.Result, expected: tarikh.Result) -> None:
    for name in TABLES:
        assert_frame_equal(getattr(got, name), getattr(expected, name))


def _custom_gazetteer() -> tarikh.Gazetteer:
    gaz = tarikh.Gazetteer()
    gaz.add("x-kidal", "Kidal", "place", aliases=["Kidal"], country="MLI", lat=18.44, lon=1.41)
    gaz.add("x-jnim", "JNIM", "armed_group", aliases=["GSIM"])
    return gaz


# ---------------------------------------------------------------- pickling


def test_extractor_pickle_is_compact_and_equivalent(corpus, expected):
    ex = tarikh.Extractor(date_col="pub_date")
    data = pickle.dumps(ex)
    # the built-in gazetteer travels as a reference, not as its 70,000 entries
    assert len(data) < 500
    back = pickle.loads(data)
    assert back == ex
    assert_same(back(corpus), expected)


def test_custom_gazetteer_pickles_its_entries_and_is_parsed_once_per_process():
    ex = tarikh.Extractor(_custom_gazetteer(), threads=1)
    data = pickle.dumps(ex)
    assert 100 < len(data) < 2_000
    a, b = pickle.loads(data), pickle.loads(data)
    assert a.gazetteer is not b.gazetteer
    # both copies share what the first unpickling parsed: adding to one does
    # not change the other
    a.gazetteer.add("x-gao", "Gao", "place")
    assert "x-gao" in a.gazetteer and "x-gao" not in b.gazetteer
    docs = ["Le GSIM a attaqué Kidal puis Gao."]
    assert a(docs).mentions["entity_id"].to_list() == ["x-jnim", "x-kidal", "x-gao"]
    assert b(docs).mentions["entity_id"].to_list() == ["x-jnim", "x-kidal"]


def test_extractor_checks_its_arguments():
    with pytest.raises(TypeError, match="tarikh.Gazetteer"):
        tarikh.Extractor("gaz.csv")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="threads"):
        tarikh.Extractor(threads=0)


def _mentions_of(args: tuple[tarikh.Extractor, list[str]]) -> list[tuple[str, str]]:
    ex, texts = args
    m = ex(texts).mentions
    return list(zip(m["doc_id"].to_list(), m["entity_id"].to_list()))


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_multiprocessing_fork_and_spawn(method, corpus):
    """After this process has run rayon (extract above), children made by
    fork or spawn extract the same mentions, without deadlock."""
    texts = [t for t in corpus["text"].to_list()[:400] if t is not None]
    ex = tarikh.Extractor(_custom_gazetteer())
    tarikh.extract(texts[:10])  # start this process's thread pool before forking
    chunks = [texts[i:i + 100] for i in range(0, len(texts), 100)]
    with ProcessPoolExecutor(2, mp_context=mp.get_context(method)) as pool:
        got = list(pool.map(_mentions_of, [(ex, c) for c in chunks], timeout=120))
    assert got == [_mentions_of((ex, c)) for c in chunks]
    assert sum(map(len, got)) > 50


# ---------------------------------------------------------------- dask

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
import tarikh.dask


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as c:
        yield c


def test_dask_on_a_two_process_cluster_equals_local_extract(client, corpus, expected):
    ddf = dd.from_pandas(corpus.to_pandas(), npartitions=6)
    res = tarikh.dask.extract(ddf, date_col="pub_date")
    assert list(res.mentions.columns) == expected.mentions.columns
    got = res.compute()
    assert_same(got, expected)
    # both workers did some of it
    assert len(client.run(lambda: 1)) == 2
    assert got.documents["error"].drop_nulls().to_list() == ["text is null"] * 31


def test_dask_to_parquet_writes_every_table(client, corpus, expected, tmp_path):
    ddf = dd.from_pandas(corpus.to_pandas(), npartitions=4)
    tarikh.dask.extract(ddf, date_col="pub_date").to_parquet(tmp_path / "out")
    for name in TABLES:
        files = sorted((tmp_path / "out" / name).glob("*.parquet"), key=lambda p: int(re.sub(r"\D", "", p.name)))
        assert len(files) == 4
        back = pl.concat([pl.read_parquet(f) for f in files])
        assert_frame_equal(back, getattr(expected, name))


def test_dask_without_id_column_uses_the_index(corpus):
    docs = corpus.select("text").head(200)
    ddf = dd.from_pandas(docs.to_pandas(), npartitions=3)
    got = tarikh.dask.extract(ddf, events=False).compute(scheduler="sync")
    # the index is global, so ids do not restart in each partition
    assert got.documents["doc_id"].to_list() == [str(i) for i in range(200)]
    assert_same(got, tarikh.extract(docs, events=False))


def test_dask_custom_gazetteer_and_bad_arguments(corpus):
    ddf = dd.from_pandas(corpus.head(300).to_pandas(), npartitions=2)
    gaz = _custom_gazetteer()
    got = tarikh.dask.extract(ddf, gaz).compute(scheduler="processes")
    assert_same(got, tarikh.extract(corpus.head(300), gaz))
    assert set(got.mentions["entity_id"].drop_nulls().unique()) == {"x-kidal", "x-jnim"}
    # the other rows are persons the custom gazetteer lacks, named by a title or byline
    assert set(got.mentions.filter(pl.col("entity_id").is_null())["kind"]) == {"person"}
    with pytest.raises(ValueError, match="no column 'body'"):
        tarikh.dask.extract(ddf, text_col="body")
    with pytest.raises(TypeError, match="dask DataFrame"):
        tarikh.dask.extract(corpus)  # type: ignore[arg-type]
