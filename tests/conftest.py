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


@pytest.fixture
def seed_dir(tmp_path, seeds) -> Path:
    """A fresh folder holding the sample articles as ``<doc_id>.txt``."""
    src = tmp_path / "src"
    src.mkdir()
    for doc_id, text in seeds.items():
        (src / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return src


@pytest.fixture(scope="session")
def seed_result(seeds):
    return tarikh.extract(list(seeds.items()))


def short_documents(n: int) -> list[tuple[str, str]]:
    """``n`` short documents of real text: three paragraphs each from the
    sample articles, combined differently for every document."""
    paras = [line.strip() for p in tarikh.sample_paths() for line in p.read_text(encoding="utf-8").splitlines()
             if len(line.strip()) > 40]
    m = len(paras)
    return [(f"d{k:05d}", "\n\n".join(paras[(k * s + o) % m] for s, o in ((1, 0), (7, 3), (13, 5))))
            for k in range(n)]


@pytest.fixture(scope="session")
def short_docs() -> list[tuple[str, str]]:
    """2,000 short documents of real text (see :func:`short_documents`)."""
    return short_documents(2000)


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory, short_docs) -> Path:
    """``short_docs`` as text files in 20 folders: ``f07/d00107.txt``."""
    root = tmp_path_factory.mktemp("corpus")
    for doc_id, text in short_docs:
        folder = root / f"f{int(doc_id[1:]) % 20:02d}"
        folder.mkdir(exist_ok=True)
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def corpus_result(corpus_dir):
    """One in-memory extraction of the whole of ``corpus_dir``, to compare
    streamed output with."""
    return tarikh.extract(tarikh.read_corpus(corpus_dir), dedupe=True)


def assert_offsets(res: tarikh.Result, texts: dict[str, str]) -> None:
    """Every mention, candidate and event trigger slices its document's text
    by code points."""
    m = res.mentions.select("doc_id", "start", "end", "surface")
    c = res.candidates.select("doc_id", "start", "end", "surface")
    e = res.events.select("doc_id", "trigger_start", "trigger_end", "trigger")
    for doc_id, start, end, surface in [*m.iter_rows(), *c.iter_rows(), *e.iter_rows()]:
        assert texts[doc_id][start:end] == surface, (doc_id, start, end, surface)
