"""The README's Python example and the docstring examples run as written."""

from __future__ import annotations

import doctest
import re

import pytest

import tarikh
from conftest import ROOT


def _readme_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_readme_python_example_runs(capsys):
    blocks = _readme_blocks()
    assert blocks, "the README has a Python example"
    ns: dict[str, object] = {}
    exec(compile(blocks[0], "README.md", "exec"), ns)
    res = ns["res"]
    assert isinstance(res, tarikh.Result)
    assert {"JNIM", "FAMa", "Gao", "Assimi Goïta"} <= set(res.mentions["surface"].to_list())
    assert res.documents["pub_date_source"].to_list() == ["input", "input"]


def test_readme_corpus_walkthrough_runs(tmp_path, monkeypatch, capsys):
    """The "folder of 10,000 articles" block, on 60 sample files in subfolders."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    block = next(b for b in _readme_blocks() if "extract_to" in b)
    for k in range(12):
        folder = tmp_path / "articles" / f"2025-{k % 3 + 1:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        for p in tarikh.sample_paths():
            (folder / f"{k}-{p.name}").write_bytes(p.read_bytes())
    monkeypatch.chdir(tmp_path)
    ns: dict[str, object] = {}
    exec(compile(block, "README.md", "exec"), ns)
    ds = ns["ds"]
    assert isinstance(ds, tarikh.Dataset)
    assert (ds.n_documents, ds.n_errors) == (60, 0)
    assert ns["events"].height == ds.n_events > 0
    assert (tmp_path / "events-map.png").stat().st_size > 10_000
    out = capsys.readouterr().out
    assert "2025-01/0-000_7acc19ff5bebf2c9" in out and "60 documents (0 with errors)" in out
    # run again, as after an interruption: nothing is written twice
    exec(compile(block, "README.md", "exec"), ns)
    assert ns["ds"].resumed_batches == 1 and ns["events"].height == ds.n_events


@pytest.mark.parametrize(
    "module",
    ["tarikh", "tarikh._gazetteer", "tarikh._extract", "tarikh._io", "tarikh._stream", "tarikh._arrow", "tarikh.dask"],
)
def test_docstring_examples(module):
    mod = __import__(module, fromlist=["_"])
    failures, tried = doctest.testmod(mod, extraglobs={"tarikh": tarikh}, optionflags=doctest.ELLIPSIS)
    assert tried > 0
    assert failures == 0
