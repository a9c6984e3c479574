"""The shipped built-in gazetteer is reproducible from its pinned sources.

Reruns scripts/build_gazetteer.py into a temporary folder and checks that the
result is byte-identical to crates/tarikh-core/data/gazetteer.jsonl.gz.

Skipped (with the reason) when the build inputs are not on this machine:
the pinned build requirements of scripts/requirements-gazetteer.txt (exact
versions, since their data is the input) or the GeoNames extracts in
../shared/gazetteer-sources (or $TARIKH_GAZETTEER_SOURCES).
"""
from __future__ import annotations

import gzip
import hashlib
import os
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "build_gazetteer.py"
REQS = REPO / "scripts" / "requirements-gazetteer.txt"
SHIPPED = REPO / "crates" / "tarikh-core" / "data" / "gazetteer.jsonl.gz"
SOURCES = Path(os.environ.get("TARIKH_GAZETTEER_SOURCES",
                              REPO.parent / "shared" / "gazetteer-sources"))
EXTRACTS = ["ML", "BF", "NE", "SN", "MR", "CI", "GN"]


def _pins() -> dict[str, str]:
    pins = {}
    for line in REQS.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*([A-Za-z0-9_.-]+)==([^\s#]+)", line)
        if m:
            pins[m.group(1)] = m.group(2)
    return pins


def _missing_requirements() -> list[str]:
    missing = []
    for name, want in _pins().items():
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            missing.append(f"{name}=={want} (not installed)")
            continue
        if have != want:
            missing.append(f"{name}=={want} (found {have})")
    return missing


def test_shipped_gazetteer_is_reproducible(tmp_path):
    assert SHIPPED.exists(), f"shipped gazetteer missing: {SHIPPED}"
    missing = _missing_requirements()
    if missing:
        pytest.skip("pinned gazetteer build requirements not installed "
                    f"(pip install -r scripts/requirements-gazetteer.txt): {', '.join(missing)}")
    absent = [c for c in EXTRACTS if not (SOURCES / "geonames" / f"{c}.txt").exists()]
    if absent:
        pytest.skip(f"GeoNames extracts not present in {SOURCES}/geonames: {', '.join(absent)}")

    out = tmp_path / "gazetteer.jsonl.gz"
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--sources", str(SOURCES), "--out", str(out), "--quiet"],
        cwd=REPO, capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 0, f"build failed:\n{proc.stdout}\n{proc.stderr}"

    built, shipped = out.read_bytes(), SHIPPED.read_bytes()
    if built != shipped:
        same_content = gzip.decompress(built) == gzip.decompress(shipped)
        pytest.fail(
            "rebuilt gazetteer differs from the shipped file "
            f"(built sha256 {hashlib.sha256(built).hexdigest()}, shipped "
            f"{hashlib.sha256(shipped).hexdigest()}; decompressed content "
            f"{'identical: only the gzip bytes differ (zlib version?)' if same_content else 'differs'}). "
            "Rerun scripts/build_gazetteer.py and commit the result, with its sha256 in scripts/README.md.\n"
            + proc.stdout)


def test_readme_records_shipped_sha256():
    """scripts/README.md names the sha256 of the shipped file (no sources needed)."""
    readme = (REPO / "scripts" / "README.md").read_text(encoding="utf-8")
    digest = hashlib.sha256(SHIPPED.read_bytes()).hexdigest()
    assert digest in readme, f"scripts/README.md does not record the shipped sha256 {digest}"
