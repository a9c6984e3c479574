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


def assert_offsets(res: tarikh.Result, texts: dict[str, str]) -> None:
    """Every mention, candidate and event trigger slices its document's text
    by code points."""
    m = res.mentions.select("doc_id", "start", "end", "surface")
    c = res.candidates.select("doc_id", "start", "end", "surface")
    e = res.events.select("doc_id", "trigger_start", "trigger_end", "trigger")
    for doc_id, start, end, surface in [*m.iter_rows(), *c.iter_rows(), *e.iter_rows()]:
        assert texts[doc_id][start:end] == surface, (doc_id, start, end, surface)
