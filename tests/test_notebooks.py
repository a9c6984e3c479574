"""The notebooks run from top to bottom, offline, and draw their plots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import tarikh
from conftest import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

NOTEBOOKS = ROOT / "notebooks"

#: notebook -> number of figures it must display
EXPECTED_FIGURES = {"quickstart.ipynb": 5, "gazetteer.ipynb": 1, "corpus.ipynb": 1}


def _kernel_env() -> dict[str, str]:
    """The kernel imports the same tarikh as this test process (the installed
    package in CI, a working tree when PYTHONPATH points at it)."""
    env = dict(os.environ)
    pkg_parent = str(Path(tarikh.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (pkg_parent, env.get("PYTHONPATH")) if p)
    env.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    return env


def _run(name: str, tmp_path: Path):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        kernel_name="python3",
        timeout=300,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute(env=_kernel_env())
    return nb


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED_FIGURES))
def test_notebook_runs_and_plots(name, tmp_path):
    nb = _run(name, tmp_path)
    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", [])]
    errors = [out for out in outputs if out.output_type == "error"]
    assert not errors, f"{name}: {errors[0].ename}: {errors[0].evalue}"
    images = [out for out in outputs if "image/png" in out.get("data", {})]
    # each plot cell displays its figure exactly once, as an image
    assert len(images) == EXPECTED_FIGURES[name], f"{name}: {len(images)} figures displayed"


@pytest.mark.parametrize("name", sorted(EXPECTED_FIGURES))
def test_committed_notebook_is_clean(name):
    """Committed notebooks carry no outputs and name the python3 kernel."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{name}: outputs left in a cell"
            assert cell.execution_count is None
