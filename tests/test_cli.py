"""The command line on the bundled samples, scored with the shared evaluation."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest

import tarikh
import tarikh.cli
from conftest import SHARED
from tarikh.cli import EXIT_ERROR, EXIT_OK, EXIT_USAGE, main


def test_extract_sample_writes_tables(tmp_path, seeds):
    out = tmp_path / "out"
    assert main(["extract", "--sample", "--out", str(out), "--quiet"]) == 0
    docs = pl.read_parquet(out / "documents")
    assert sorted(docs["doc_id"].to_list()) == sorted(seeds)
    mentions = pl.read_parquet(out / "mentions" / "part-00000.parquet")
    assert mentions.height > 50
    assert pl.read_parquet(out / "events").height > 0
    assert (out / "_tarikh_manifest.jsonl").exists()


def test_extract_reads_jsonl_csv_and_bad_utf8(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "j1", "body": "Attaque à Kidal."}) + "\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,body\nc1,Le JNIM à Gao\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"Bamako \xff\xfe")
    out = tmp_path / "out"
    code = main(["extract", str(tmp_path / "a.jsonl"), str(tmp_path / "b.csv"), str(tmp_path / "bad.txt"),
                 "--id-col", "id", "--text-col", "body", "--out", str(out), "--format", "csv", "-q"])
    assert code == 0
    docs = pl.read_csv(out / "documents" / "part-00000.csv")
    assert docs["doc_id"].to_list() == ["j1", "c1", "bad"]
    err = docs.filter(pl.col("doc_id") == "bad")["error"].item()
    assert "bad.txt" in err and "UTF-8" in err
    strict = tmp_path / "strict"
    assert main(["extract", str(tmp_path / "bad.txt"), "--out", str(strict), "--strict", "-q"]) == 3
    assert main(["extract", str(tmp_path / "b.csv"), "--out", str(tmp_path / "ok"), "--strict", "-q",
                 "--id-col", "id", "--text-col", "body"]) == 0


def test_exit_codes(tmp_path, capsys):
    assert main(["extract", "--out", str(tmp_path)]) == EXIT_USAGE
    assert main(["extract", str(tmp_path / "missing.txt"), "--out", str(tmp_path)]) == EXIT_ERROR
    assert "missing.txt" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0


def test_gazetteer_commands(capsys, tmp_path):
    assert main(["gazetteer", "lookup", "Tombouctou"]) == 0
    assert "Tombouctou" in capsys.readouterr().out
    assert main(["gazetteer", "stats"]) == 0
    assert "MLI" in capsys.readouterr().out
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n')
    assert main(["gazetteer", "validate", str(bad)]) == EXIT_ERROR
    assert "line 1" in capsys.readouterr().err


def test_console_script_runs():
    r = subprocess.run([sys.executable, "-m", "tarikh", "--version"], capture_output=True, text=True, check=True)
    assert r.stdout.startswith("tarikh ")


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="shared/eval is not beside the repository")
def test_score_seed_output(tmp_path):
    out = tmp_path / "out"
    assert main(["extract", "--sample", "--out", str(out), "-q"]) == 0
    r = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(SHARED / "eval" / "seeds_gold.jsonl"),
         "--mentions", str(out / "mentions" / "part-00000.parquet"),
         "--events", str(out / "events" / "part-00000.parquet"), "--json"],
        capture_output=True, text=True, check=True,
    )
    scores = json.loads(r.stdout)
    print(json.dumps(scores, indent=1)[:3000])
    strict = scores["mentions"]["strict"]
    assert strict["n_gold"] > 100 and strict["n_sys"] > 0
    assert 0.0 <= strict["f1"] <= 1.0


def _interrupt_after(k: int):
    def hook(index: int) -> None:
        if index == k - 1:
            raise KeyboardInterrupt
    return hook


def test_resume_overwrite_and_their_exit_codes(tmp_path, capsys, seeds, seed_dir):
    src = seed_dir
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        tarikh.extract_to(src, out, batch_size=2, progress=False, _after_batch=_interrupt_after(1))
    capsys.readouterr()
    assert main(["extract", str(src), "--out", str(out), "--batch-size", "2", "-q"]) == EXIT_ERROR
    assert "--resume" in capsys.readouterr().err
    assert main(["extract", str(src), "--out", str(out), "--batch-size", "3", "--resume", "-q"]) == EXIT_ERROR
    assert "batch_size (2 -> 3)" in capsys.readouterr().err
    assert main(["extract", str(src), "--out", str(out), "--batch-size", "2", "--resume"]) == EXIT_OK
    assert "5 documents (0 with errors)" in capsys.readouterr().err
    assert sorted(pl.read_parquet(out / "documents")["doc_id"].to_list()) == sorted(seeds)
    assert len(list((out / "documents").iterdir())) == 3
    assert main(["extract", str(src), "--out", str(out), "--overwrite", "-q"]) == EXIT_OK
    assert len(list((out / "documents").iterdir())) == 1


def test_interrupt_and_usage_exit_codes(tmp_path, monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(tarikh.cli, "extract_to", interrupted)
    assert main(["extract", "--sample", "--out", str(tmp_path)]) == 130
    for bad in (["--batch-size", "0"], ["--threads", "x"], ["--format", "xlsx"]):
        with pytest.raises(SystemExit) as info:
            main(["extract", "--sample", "--out", str(tmp_path), *bad])
        assert info.value.code == EXIT_USAGE
    capsys.readouterr()
    main_version = subprocess.run([sys.executable, "-m", "tarikh", "--version"], capture_output=True, text=True)
    assert (main_version.returncode, main_version.stdout.strip()) == (0, f"tarikh {tarikh.__version__}")


def test_gazetteer_files_layer_in_order(tmp_path):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text("id,name,kind,country\nmy:kalaban,Kalaban Coro,place,MLI\nmy:sotuba,Sotuba,place,MLI\n",
                     encoding="utf-8")
    second.write_text("id,name,kind,country\nmy:sotuba,Sotuba,region,MLI\n", encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text("Des tirs ont été entendus à Kalaban Coro puis à Sotuba, près de Bamako.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(doc), "--out", str(out), "--gazetteer", str(first), "--gazetteer", str(second),
                 "-q"]) == EXIT_OK
    m = pl.read_parquet(out / "mentions").select("surface", "entity_id", "kind").rows()
    assert m == [("Kalaban Coro", "my:kalaban", "place"), ("Sotuba", "my:sotuba", "region"),
                 ("Bamako", m[2][1], "place")]


def test_dedupe_writes_event_groups(tmp_path):
    out = tmp_path / "out"
    assert main(["extract", "--sample", "--out", str(out), "--dedupe", "--format", "jsonl", "-q"]) == EXIT_OK
    ds = tarikh.Dataset.open(out)
    events, groups = ds.events.collect(), ds.event_groups.collect()
    assert events.columns[:2] == ["event_id", "event_group_id"]
    assert set(events["event_group_id"]) == set(groups["event_group_id"])
    assert groups.height == ds.n_groups


def test_stage_option(tmp_path, seed_result):
    """--stage linked writes the linked mentions of a full run and no events;
    --stage mentions the matcher's raw matches; --dedupe needs events."""
    out = tmp_path / "linked"
    assert main(["extract", "--sample", "--out", str(out), "--stage", "linked", "-q"]) == EXIT_OK
    ds = tarikh.Dataset.open(out)
    assert ds.events.collect().height == 0
    got = ds.mentions.collect().sort("doc_id", "start")
    assert got.equals(seed_result.mentions.sort("doc_id", "start"))
    raw = tmp_path / "raw"
    assert main(["extract", "--sample", "--out", str(raw), "--stage", "mentions", "-q"]) == EXIT_OK
    raw_mentions = tarikh.Dataset.open(raw).mentions.collect()
    assert raw_mentions.height > got.height and raw_mentions["entity_id"].null_count() == 0
    assert main(["extract", "--sample", "--out", str(tmp_path / "x"), "--stage", "linked", "--dedupe"]) == EXIT_USAGE


def test_killed_cli_run_resumes(tmp_path, corpus_dir):
    """A script's view: kill the command, run it again with --resume, get
    exit code 0 and every document once."""
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "tarikh", "extract", str(corpus_dir), "--out", str(out), "--batch-size", "40", "-q"]
    env = dict(os.environ, PYTHONPATH=str(Path(tarikh.__file__).resolve().parents[1]))
    proc = subprocess.Popen(cmd, env=env)
    manifest = out / "_tarikh_manifest.jsonl"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if manifest.exists() and manifest.read_text(encoding="utf-8").count('"kind": "batch"') >= 3:
                break
            time.sleep(0.01)
        if proc.poll() is not None:
            pytest.skip("the run ended before it could be killed")
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    again = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert again.returncode == EXIT_ERROR and "--resume" in again.stderr
    resumed = subprocess.run([*cmd, "--resume"], env=env, capture_output=True, text=True)
    assert resumed.returncode == EXIT_OK, resumed.stderr
    docs = pl.read_parquet(out / "documents")
    assert docs.height == docs["doc_id"].n_unique() == 2000
