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


@pytest.mark.parametrize(
    "module",
    ["tarikh", "tarikh._gazetteer", "tarikh._extract", "tarikh._io", "tarikh._stream"],
)
def test_docstring_examples(module):
    mod = __import__(module, fromlist=["_"])
    failures, tried = doctest.testmod(mod, extraglobs={"tarikh": tarikh}, optionflags=doctest.ELLIPSIS)
    assert tried > 0
    assert failures == 0
