"""Synthetic corpora for the streaming benchmark and the soak run: the bundled
sample articles, perturbed so that every document differs.

Each document takes one sample article, keeps its paragraphs in order but
drops some, swaps a few digits of its dates and numbers, and starts with a
line naming the document; about 4 KB each. Seeded: the same arguments give
the same files.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

import tarikh

_DIGIT = re.compile(r"\d")


def _paragraph_sets() -> list[list[str]]:
    return [[p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
            for path in tarikh.sample_paths()]


def documents(seed: int = 7) -> Iterator[tuple[str, str]]:
    """An endless stream of ``(doc_id, text)``: perturbed sample articles."""
    rng = random.Random(seed)
    sets = _paragraph_sets()
    k = 0
    while True:
        paras = sets[k % len(sets)]
        kept = [p for p in paras if rng.random() > 0.15] or paras[:1]
        text = "\n".join(kept)
        # perturb a few digits (dates, counts) so that documents differ beyond their first line
        digits = [m.start() for m in _DIGIT.finditer(text)]
        chars = list(text)
        for i in rng.sample(digits, min(3, len(digits))):
            chars[i] = str(rng.randrange(10))
        doc_id = f"doc{k:07d}"
        yield doc_id, f"Dépêche {doc_id}\n" + "".join(chars)
        k += 1


def write_text_files(root: Path, n_docs: int, *, per_folder: int = 1000, seed: int = 7) -> list[Path]:
    """``n_docs`` documents as ``root/f0000/doc0000000.txt`` files, ``per_folder``
    per folder; returns the folders. Files already there are kept."""
    folders: list[Path] = []
    stream = documents(seed)
    for i in range(n_docs):
        doc_id, text = next(stream)
        folder = root / f"f{i // per_folder:04d}"
        if i % per_folder == 0:
            folder.mkdir(parents=True, exist_ok=True)
            folders.append(folder)
        path = folder / f"{doc_id}.txt"
        if not path.exists():
            path.write_text(text, encoding="utf-8")
    return folders


def write_mixed(root: Path, megabytes: float, *, seed: int = 7, docs_per_table: int = 2000) -> int:
    """About ``megabytes`` of text as a mix of inputs: a quarter as text
    files, the rest as JSON Lines tables (every other one gzipped). Returns
    the number of documents."""
    budget = megabytes * 1e6
    stream = documents(seed)
    n = size = 0
    table: list[str] = []
    n_tables = 0

    def flush() -> None:
        nonlocal table, n_tables
        if not table:
            return
        data = "".join(table)
        name = root / "feeds" / f"feed{n_tables:04d}.jsonl"
        name.parent.mkdir(parents=True, exist_ok=True)
        if n_tables % 2:
            with gzip.open(name.with_name(name.name + ".gz"), "wt", encoding="utf-8") as fh:
                fh.write(data)
        else:
            name.write_text(data, encoding="utf-8")
        table, n_tables = [], n_tables + 1

    while size < budget:
        doc_id, text = next(stream)
        if n % 4 == 0:
            folder = root / "articles" / f"f{n // 4000:04d}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        else:
            table.append(json.dumps({"doc_id": doc_id, "text": text}, ensure_ascii=False) + "\n")
            if len(table) == docs_per_table:
                flush()
        n += 1
        size += len(text.encode("utf-8"))
    flush()
    return n
