"""What RELIABILITY.md promises beyond single bad inputs: no panic reaches
Python, no document is lost or confused with another, calls from several
threads agree with sequential ones, and output does not depend on the
thread count."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor

import polars as pl
import pytest

import tarikh
from tarikh import _tarikh
from tarikh.cli import EXIT_ERROR, EXIT_OK, main
from tarikh.exceptions import DuplicateDocIdError, TarikhError


def test_a_panic_reaches_python_as_a_tarikh_error():
    # pyo3 would raise PanicException, a BaseException that `except
    # Exception` does not catch
    with pytest.raises(TarikhError, match=r"internal error in _panic_for_tests: boom \(a bug"):
        _tarikh._panic_for_tests("boom")
    try:
        _tarikh._panic_for_tests("again")
    except Exception as e:  # noqa: BLE001 - the point of the test
        assert isinstance(e, TarikhError)
    # the extension still works afterwards
    assert tarikh.extract(["Gao"]).mentions.height == 1


def test_extending_a_gazetteer_with_itself_changes_nothing():
    gaz = tarikh.Gazetteer()
    gaz.add("a", "Gao", "place")
    assert len(gaz.extend(gaz)) == 1


def test_duplicate_doc_ids_are_an_error_naming_them():
    docs = [("a", "Gao"), ("b", "Kidal"), ("a", "Mopti"), ("b", "Ségou"), ("c", "Kayes"), ("a", "Gao")]
    with pytest.raises(DuplicateDocIdError, match=r"2 duplicated doc_id\(s\): 'a' at rows 0, 2, 5; 'b' at rows 1, 3 "
                                                  r"\(keep them with allow_duplicate_ids=True"):
        tarikh.extract(docs)
    # a ValueError and a TarikhError
    with pytest.raises(ValueError):
        tarikh.extract(pl.DataFrame({"doc_id": ["x", "x"], "text": ["Gao", "Kidal"]}))
    res = tarikh.extract(docs, allow_duplicate_ids=True)
    assert res.documents["doc_id"].to_list() == ["a", "b", "a", "b", "c", "a"]
    assert res.mentions.select("doc_id", "surface").rows() == [
        ("a", "Gao"), ("b", "Kidal"), ("a", "Mopti"), ("b", "Ségou"), ("c", "Kayes"), ("a", "Gao")]


def test_many_duplicates_are_summarised():
    ids = [str(i % 7) for i in range(14)]
    with pytest.raises(DuplicateDocIdError, match=r"7 duplicated doc_id\(s\): '0' at rows 0, 7; .*'4' at rows 4, 11 "
                                                  r"and 2 more"):
        tarikh.extract(pl.DataFrame({"doc_id": ids, "text": ["Gao"] * 14}))


def test_null_doc_ids_are_an_error():
    with pytest.raises(ValueError, match=r"doc_id is null at row\(s\) 1, 3"):
        tarikh.extract(pl.DataFrame({"doc_id": ["a", None, "b", None], "text": ["Gao"] * 4}))


def test_cli_and_extract_to_report_duplicate_doc_ids_across_files_and_batches(tmp_path, capsys):
    # one-file documents get distinct ids from read_corpus (x/same, y/same);
    # tables bring their own
    for name, ids in (("one.jsonl", ["a", "b"]), ("two.jsonl", ["c", "a"])):
        lines = [f'{{"doc_id": "{i}", "text": "Attaque à Gao."}}' for i in ids]
        (tmp_path / name).write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    args = ["extract", str(tmp_path / "one.jsonl"), str(tmp_path / "two.jsonl"), "--out", str(out), "-q",
            "--batch-size", "1"]
    assert main(args) == EXIT_ERROR
    assert "1 duplicated doc_id(s): 'a' at rows 0, 3" in capsys.readouterr().err
    # the batches before the repeat were written: resume, keeping repeats
    assert main([*args, "--resume", "--allow-duplicate-ids"]) == EXIT_OK
    assert pl.read_parquet(out / "documents")["doc_id"].to_list() == ["a", "b", "c", "a"]

    # a resumed run remembers the ids of the batches it skips
    docs = [("a", "Gao"), ("b", "Kidal"), ("a", "Mopti")]

    def stop(index: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        tarikh.extract_to(docs, tmp_path / "o2", batch_size=1, progress=False, _after_batch=stop)
    with pytest.raises(DuplicateDocIdError, match="'a' at rows 0, 2"):
        tarikh.extract_to(docs, tmp_path / "o2", batch_size=1, progress=False, resume=True)


def test_every_document_keeps_its_row_in_input_order_across_batches(tmp_path):
    texts = ["Gao", None, "", 7, "Kidal \ud800", "Attaque à Mopti.", "   "] * 300
    ids = [f"d{i}" for i in range(len(texts))]
    res = tarikh.extract(list(zip(ids, texts)))
    assert res.documents["doc_id"].to_list() == ids
    # written a batch at a time, the same rows
    ds = tarikh.extract_to(list(zip(ids, texts)), tmp_path / "out", batch_size=97, threads=2, progress=False)
    assert ds.documents.collect().equals(res.documents)
    assert ds.mentions.collect().equals(res.mentions)


def _results(docs, gaz):
    res = tarikh.extract(docs, gaz)
    return [res.documents, res.mentions, res.events, res.candidates]


def test_threads_sharing_a_gazetteer_agree_with_sequential_calls(seeds):
    # a gazetteer whose matcher is compiled on first use, by whichever thread
    # gets there first
    gaz = tarikh.Gazetteer.default().copy()
    gaz.add("my:kalaban-sud", "Kalaban Sud", "place", country="MLI")
    items = list(seeds.items())
    batches = [[(f"{d}-{k}", t + " Kalaban Sud.") for d, t in items[k % 5:] + items[:k % 5]] for k in range(8)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(lambda b: _results(b, gaz), batches))
    sequential = [_results(b, gaz) for b in batches]
    for p, s in zip(parallel, sequential):
        for a, b in zip(p, s):
            assert a.equals(b)
    assert sequential[0][1].filter(pl.col("entity_id") == "my:kalaban-sud").height > 0


def _digests(res: tarikh.Result, out) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in res.write(out, "parquet")}


def test_parquet_output_is_byte_identical_whatever_the_thread_count(tmp_path, seeds):
    docs = [(f"{d}-{k}", t) for k in range(12) for d, t in seeds.items()]
    one = _digests(tarikh.extract(docs, threads=1), tmp_path / "one")
    two = _digests(tarikh.extract(docs, threads=2), tmp_path / "two")
    again = _digests(tarikh.extract(docs, threads=2), tmp_path / "again")
    assert one == two == again
    assert sorted(one) == ["candidates.parquet", "documents.parquet", "events.parquet", "mentions.parquet"]
