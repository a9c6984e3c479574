from __future__ import annotations

from pathlib import Path

import pytest

import tarikh

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    """The bundled sample articles, by doc_id."""
    return {p.stem: p.read_text(encoding="utf-8") for p in tarikh.sample_paths()}


@pytest.fixture(scope="session")
def seed_result(seeds):
    return tarikh.extract(list(seeds.items()))
