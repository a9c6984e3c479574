"""The command line on the bundled samples, scored with the shared evaluation."""

from __future__ import annotations

import json
import subprocess
import sys

import polars as pl
import pytest

from conftest import SHARED
from tarikh.cli import EXIT_ERROR, EXIT_USAGE, main


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
