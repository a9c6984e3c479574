"""tarikh.extract_to: batches, partitioned output, interruption and resume,
on 2,000 short documents of real text."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import polars as pl
import pytest

import tarikh
import tarikh._io
from tarikh._stream import MANIFEST

BATCH = 64  # 2,000 documents -> 32 batches


class Interrupted(Exception):
    pass


def _stop_after(k: int):
    def hook(index: int) -> None:
        if index == k - 1:
            raise Interrupted(f"stopped after batch {index}")
    return hook


def _batch_records(out: Path) -> list[dict]:
    lines = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    return [r for r in map(json.loads, lines) if r["kind"] == "batch"]


def _sorted(df: pl.DataFrame, *keys: str) -> pl.DataFrame:
    return df.sort(*keys, maintain_order=True)


def _assert_same_as_one_call(out: Path, ref: tarikh.Result, n_docs: int) -> None:
    """Every document exactly once; mentions, events and candidates equal to
    one in-memory extract of the same corpus."""
    docs = pl.read_parquet(out / "documents")
    assert docs.height == n_docs
    assert docs["doc_id"].n_unique() == n_docs
    assert _sorted(docs, "doc_id").equals(_sorted(ref.documents, "doc_id"))
    for name, keys in (("mentions", ("doc_id", "start", "end")), ("candidates", ("doc_id", "start", "rank")),
                       ("events", ("event_id",))):
        got = pl.read_parquet(out / name)
        want = getattr(ref, name)
        if name == "events" and "event_group_id" not in got.columns:
            want = want.drop("event_group_id", strict=False)
        assert got.height == want.height > 0, name
        assert _sorted(got, *keys).equals(_sorted(want, *keys)), name


def test_batches_are_parts_recorded_in_the_manifest(tmp_path, corpus_dir, corpus_result):
    out = tmp_path / "out"
    ds = tarikh.extract_to(corpus_dir, out, batch_size=BATCH, progress=False)
    assert (ds.n_batches, ds.n_documents, ds.resumed_batches) == (32, 2000, 0)
    assert ds.n_mentions == corpus_result.mentions.height and ds.n_events == corpus_result.events.height
    for name in ("documents", "mentions", "events", "candidates"):
        assert sorted(p.name for p in (out / name).iterdir()) == [f"part-{i:05d}.parquet" for i in range(32)]
    records = _batch_records(out)
    assert [r["batch"] for r in records] == list(range(32))
    assert sum(r["n_documents"] for r in records) == 2000
    first = pl.read_parquet(out / "documents" / "part-00000.parquet")
    assert first.height == BATCH
    assert (records[0]["first_doc_id"], records[0]["last_doc_id"]) == (first["doc_id"][0], first["doc_id"][-1])
    _assert_same_as_one_call(out, corpus_result, 2000)
    events = pl.scan_parquet(f"{out}/events/*.parquet").collect()
    assert events.height == ds.events.collect().height == corpus_result.events.height


def test_interrupted_run_resumes_without_duplicates(tmp_path, corpus_dir, corpus_result):
    out = tmp_path / "out"
    with pytest.raises(Interrupted):
        tarikh.extract_to(corpus_dir, out, batch_size=BATCH, progress=False, _after_batch=_stop_after(7))
    assert len(_batch_records(out)) == 7
    # what a kill in the middle of batch 7 leaves: some of its parts, a temporary file
    for name in ("documents", "mentions"):
        (out / name / "part-00007.parquet").write_bytes((out / name / "part-00000.parquet").read_bytes())
    (out / "events" / ".part-00007.parquet.tmp").write_bytes(b"half a file")
    with pytest.raises(FileExistsError, match="resume"):
        tarikh.extract_to(corpus_dir, out, batch_size=BATCH, progress=False)
    written: list[int] = []
    ds = tarikh.extract_to(corpus_dir, out, batch_size=BATCH, progress=False, resume=True,
                           _after_batch=written.append)
    assert written == list(range(7, 32))
    assert (ds.resumed_batches, ds.n_batches, ds.n_documents) == (7, 32, 2000)
    assert not list(out.glob("*/.*.tmp"))
    _assert_same_as_one_call(out, corpus_result, 2000)
    # resuming a finished run writes nothing
    again = tarikh.extract_to(corpus_dir, out, batch_size=BATCH, progress=False, resume=True,
                              _after_batch=written.append)
    assert written == list(range(7, 32)) and again.resumed_batches == 32


def test_killed_process_resumes_without_duplicates(tmp_path, corpus_dir, corpus_result):
    """A real SIGKILL in the middle of a run, then a resume."""
    out = tmp_path / "out"
    script = textwrap.dedent(f"""
        import time, tarikh
        tarikh.extract_to({str(corpus_dir)!r}, {str(out)!r}, batch_size={BATCH}, progress=False,
                          _after_batch=lambda i: time.sleep(0.1))
    """)
    env = dict(os.environ, PYTHONPATH=str(Path(tarikh.__file__).resolve().parents[1]))
    proc = subprocess.Popen([sys.executable, "-c", script], env=env)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if (out / MANIFEST).exists() and len(_batch_records(out)) >= 5:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the run ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    done = len(_batch_records(out))
    assert 5 <= done < 32
    ds = tarikh.extract_to(corpus_dir, out, batch_size=BATCH, progress=False, resume=True)
    assert ds.resumed_batches == done and ds.n_documents == 2000
    _assert_same_as_one_call(out, corpus_result, 2000)


def test_reads_one_batch_at_a_time(tmp_path, corpus_dir, monkeypatch):
    """Files are read a batch ahead of what is written at most: memory follows
    the batch size, not the corpus."""
    reads: list[str] = []
    real = tarikh._io._read_document
    monkeypatch.setattr(tarikh._io, "_read_document", lambda inp, doc_id: reads.append(doc_id) or real(inp, doc_id))
    seen: list[int] = []

    def check(index: int) -> None:
        seen.append(len(reads))
        assert len(reads) == min((index + 1) * BATCH, 2000)

    tarikh.extract_to(corpus_dir, tmp_path / "out", batch_size=BATCH, progress=False, _after_batch=check)
    assert len(seen) == 32 and len(reads) == 2000


def test_generator_source_is_consumed_a_batch_at_a_time_and_checked_on_resume(tmp_path, short_docs):
    pulled: list[str] = []

    def docs():
        for doc_id, text in short_docs:
            pulled.append(doc_id)
            yield doc_id, text

    def check(index: int) -> None:
        assert len(pulled) == (index + 1) * BATCH

    out = tmp_path / "out"
    with pytest.raises(Interrupted):
        tarikh.extract_to(docs(), out, batch_size=BATCH, progress=False,
                          _after_batch=lambda i: (check(i), _stop_after(10)(i)))
    # another stream in place of the first one is refused, not mixed in
    shuffled = short_docs[1:] + short_docs[:1]
    with pytest.raises(tarikh.ResumeError, match="batch 0 now holds documents 'd00001'"):
        tarikh.extract_to(iter(shuffled), out, batch_size=BATCH, progress=False, resume=True)
    ds = tarikh.extract_to(docs(), out, batch_size=BATCH, progress=False, resume=True)
    assert ds.resumed_batches == 10 and ds.n_documents == 2000
    _assert_same_as_one_call(out, tarikh.extract(short_docs), 2000)


def test_resume_refuses_another_source_batch_size_or_gazetteer(tmp_path, seed_dir):
    src = seed_dir
    out = tmp_path / "out"
    with pytest.raises(Interrupted):
        tarikh.extract_to(src, out, batch_size=2, progress=False, _after_batch=_stop_after(1))
    with pytest.raises(tarikh.ResumeError, match=r"batch_size \(2 -> 3\) differs"):
        tarikh.extract_to(src, out, batch_size=3, progress=False, resume=True)
    with pytest.raises(tarikh.ResumeError, match=r"format \('parquet' -> 'csv'\) differs"):
        tarikh.extract_to(src, out, batch_size=2, format="csv", progress=False, resume=True)
    mine = tarikh.Gazetteer()
    mine.add("my:kalaban", "Kalaban Coro", "place", country="MLI")
    with pytest.raises(tarikh.ResumeError, match="the gazetteer differs"):
        tarikh.extract_to(src, out, batch_size=2, gazetteer=tarikh.Gazetteer.default().extend(mine),
                          progress=False, resume=True)
    (src / "new.txt").write_text("Un nouvel article sur Gao.", encoding="utf-8")
    with pytest.raises(tarikh.ResumeError, match="the source differs"):
        tarikh.extract_to(src, out, batch_size=2, progress=False, resume=True)
    (src / "new.txt").unlink()
    ds = tarikh.extract_to(src, out, batch_size=2, progress=False, resume=True)
    assert (ds.resumed_batches, ds.n_batches, ds.n_documents) == (1, 3, 5)
    ds = tarikh.extract_to(src, out, batch_size=5, progress=False, overwrite=True)
    assert (ds.resumed_batches, ds.n_batches, ds.n_documents) == (0, 1, 5)
    assert sorted(p.name for p in (out / "documents").iterdir()) == ["part-00000.parquet"]


def test_refuses_table_folders_without_manifest(tmp_path, seeds):
    out = tmp_path / "out"
    (out / "events").mkdir(parents=True)
    (out / "events" / "part-00000.parquet").write_bytes(b"")
    with pytest.raises(FileExistsError, match="no _tarikh_manifest.jsonl"):
        tarikh.extract_to(list(seeds.items()), out, progress=False)


def test_damaged_manifest_tail_is_dropped(tmp_path, seeds):
    """A kill while the manifest line was written leaves half a line: that
    batch is redone."""
    out = tmp_path / "out"
    tarikh.extract_to(tarikh.sample_paths(), out, batch_size=2, progress=False)
    path = out / MANIFEST
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    batch_lines = [i for i, ln in enumerate(lines) if '"kind": "batch"' in ln]
    path.write_text("".join(lines[: batch_lines[-1]]) + lines[batch_lines[-1]][:25], encoding="utf-8")
    ds = tarikh.extract_to(tarikh.sample_paths(), out, batch_size=2, progress=False, resume=True)
    assert (ds.resumed_batches, ds.n_batches, ds.n_documents) == (2, 3, 5)
    assert pl.read_parquet(out / "documents")["doc_id"].sort().to_list() == sorted(seeds)


def test_dedupe_over_all_batches_equals_dedupe_in_memory(tmp_path, corpus_dir, corpus_result):
    out = tmp_path / "out"
    ds = tarikh.extract_to(corpus_dir, out, batch_size=BATCH * 4, progress=False, dedupe=True)
    assert ds.n_groups == corpus_result.event_groups.height > 0
    events = pl.read_parquet(out / "events")
    assert events.columns == corpus_result.events.columns  # event_group_id after event_id
    assert _sorted(events, "event_id").equals(_sorted(corpus_result.events, "event_id"))
    assert ds.event_groups.collect().equals(corpus_result.event_groups)
    # groups span batches: some group has documents from two parts
    first_part = set(pl.read_parquet(out / "documents" / "part-00000.parquet")["doc_id"])
    spans = corpus_result.event_groups.filter(
        pl.col("doc_ids").list.eval(pl.element().is_in(list(first_part))).list.any()
        & ~pl.col("doc_ids").list.eval(pl.element().is_in(list(first_part))).list.all())
    assert spans.height > 0


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_text_formats_read_back_equal(tmp_path, corpus_dir, corpus_result, fmt):
    out = tmp_path / "out"
    ds = tarikh.extract_to(corpus_dir, out, batch_size=BATCH * 8, format=fmt, progress=False, dedupe=True)
    assert sorted(p.name for p in (out / "events").iterdir()) == [f"part-{i:05d}.{fmt}" for i in range(4)]
    back = tarikh.Dataset.open(out)
    assert back.format == fmt and back.n_groups == ds.n_groups
    assert _sorted(back.events.collect(), "event_id").equals(_sorted(corpus_result.events, "event_id"))
    assert _sorted(back.mentions.collect(), "doc_id", "start").equals(
        _sorted(corpus_result.mentions, "doc_id", "start"))
    groups = back.event_groups.collect()
    want = corpus_result.event_groups
    if fmt == "csv":
        want = want.with_columns(pl.col("doc_ids").list.join(";"))
    assert groups.equals(want)


def test_frame_lazy_and_path_sources_write_the_same(tmp_path, corpus_dir):
    by_path = tarikh.extract_to(corpus_dir, tmp_path / "a", batch_size=300, progress=False)
    lazy = tarikh.extract_to(tarikh.read_corpus(corpus_dir), tmp_path / "b", batch_size=300, progress=False)
    frame = tarikh.extract_to(tarikh.read_corpus(corpus_dir).collect(), tmp_path / "c", batch_size=300,
                              progress=False)
    for ds in (lazy, frame):
        assert ds.n_batches == by_path.n_batches == 7
        for name in ("documents", "mentions", "events"):
            assert ds.scan(name).collect().equals(by_path.scan(name).collect())


def test_errors_keep_their_rows_and_empty_corpus_still_has_tables(tmp_path, seeds):
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text(seeds["002_418ba31979678229"], encoding="utf-8")
    (src / "bad.txt").write_bytes(b"Gao \xff")
    (src / "feed.jsonl").write_text('{"text": "Attaque à Kidal."}\n{"text": \n', encoding="utf-8")
    ds = tarikh.extract_to(src, tmp_path / "out", batch_size=2, progress=False)
    docs = ds.documents.collect()
    assert docs["doc_id"].to_list() == ["bad", "feed:0", "feed:1", "good"]
    assert [e is not None for e in docs["error"].to_list()] == [True, False, True, False]
    assert ds.n_errors == 2
    empty = tarikh.extract_to([], tmp_path / "empty", progress=False)
    assert (empty.n_batches, empty.n_documents) == (1, 0)
    assert pl.scan_parquet(tmp_path / "empty" / "events" / "*.parquet").collect().height == 0


def test_dataset_summary_and_displays(tmp_path):
    ds = tarikh.extract_to(tarikh.sample_paths(), tmp_path / "out", progress=False)
    text = ds.summary()
    assert text.startswith(f"5 documents (0 with errors), {ds.n_mentions:,} mentions, {ds.n_events:,} events")
    assert "mentions: country " in text and "events: " in text and "event dates: " in text
    assert "<li>events: " in ds._repr_html_() and ds._repr_markdown_().startswith("**tarikh.Dataset**")


def test_arguments_are_checked(tmp_path):
    with pytest.raises(ValueError, match="batch_size"):
        tarikh.extract_to(tarikh.sample_paths(), tmp_path, batch_size=0)
    with pytest.raises(ValueError, match="format"):
        tarikh.extract_to(tarikh.sample_paths(), tmp_path, format="xlsx")
    with pytest.raises(TypeError, match="cannot read documents from int"):
        tarikh.extract_to(3, tmp_path)
    with pytest.raises(ValueError, match="events need linked mentions"):
        tarikh.extract_to(tarikh.sample_paths(), tmp_path, link=False)


def test_linked_mentions_without_events_on_disk(tmp_path, seeds, seed_result):
    ds = tarikh.extract_to(tarikh.sample_paths(), tmp_path / "out", events=False, link=True)
    assert ds.events.collect().height == 0
    got = ds.mentions.collect().sort("doc_id", "start")
    assert got.equals(seed_result.mentions.sort("doc_id", "start"))
    # the manifest remembers the choice: resuming with other settings is refused
    with pytest.raises(tarikh.exceptions.ResumeError, match="link"):
        tarikh.extract_to(tarikh.sample_paths(), tmp_path / "out", events=False, resume=True)
