"""Property tests (hypothesis) over arbitrary Unicode text and random
gazetteers: one row per document in input order, offsets that slice the
original text, every alias occurrence found whatever its case and accents."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import unicodedata
from pathlib import Path

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

import tarikh
from conftest import assert_offsets

# Pieces that stress the pipeline: accents composed and decomposed, case,
# apostrophes, names and triggers of the built-in gazetteer, dates, RTL and
# other format marks, NUL and controls, other scripts, astral characters,
# characters whose compatibility form is a space or a dash.
PIECES = [
    "Mali", "MALI", "Gao", "Kidal", "Sénégal", unicodedata.normalize("NFD", "Sénégal"), "SÉNÉGAL", "l’EI",
    "FAMa", "JNIM", "Assimi Goïta", "attaque", "ont été enlevés", "le 3 août 2025", "dimanche", "(FLA)",
    " ", "  ", "\n", "\n\n", "\u00a0", ".", ",", "«", "»", "-", "—", "\u200f", "\u200e", "\u202b", "\u00ad",
    "\x00", "\x1b", "\u0301", "\u0308", "ⵜⴰⵎⴰⵣⵉⵖⵜ", "ߒߞߏ", "مالي", "😀", "👍🏽", "🇲🇱", "𝐌𝐚𝐥𝐢", "¨", "⁻",
    "ß", "İ", "ﬁ", "½", "\u2028",
]
ANY_CHAR = st.characters(exclude_categories=("Cs",))  # lone surrogates are tested in test_bad_input
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(ANY_CHAR, max_size=8)), max_size=40).map("".join)


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(TEXT, max_size=6), events=st.booleans(), threads=st.sampled_from([None, 1, 2]))
def test_every_document_has_its_row_and_valid_offsets(texts, events, threads):
    res = tarikh.extract(texts, events=events, threads=threads)
    d = res.documents
    assert d["doc_id"].to_list() == [str(i) for i in range(len(texts))]
    assert d["error"].to_list() == [None] * len(texts)
    assert d["n_chars"].to_list() == [len(t) for t in texts]
    assert_offsets(res, {str(i): t for i, t in enumerate(texts)})
    for col in ("start_byte", "end_byte"):
        assert (res.mentions[col] >= 0).all()
    for doc_id, sb, eb, surface in res.mentions.select("doc_id", "start_byte", "end_byte", "surface").iter_rows():
        assert texts[int(doc_id)].encode()[sb:eb].decode() == surface


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_normalising_twice_changes_nothing(text):
    once = tarikh.normalize(text)
    assert tarikh.normalize(once) == once


LETTERS = "abcdefghijklmnopqrstuvwxyzéèêàçïôœ"
WORD = st.text(LETTERS, min_size=2, max_size=8)
ALIAS = st.lists(WORD, min_size=1, max_size=3).map(" ".join)
# never white space alone between two occurrences: "a" then "b" would read
# as the alias "a b"
SEPARATORS = [", ", " ; ", ". ", " / ", " (", ") ", " « ", " » ", ",\n\n", " : "]


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


VARIANTS = {
    "same": lambda s: s,
    "upper": str.upper,
    "lower": str.lower,
    "title": str.title,
    "nfd": lambda s: unicodedata.normalize("NFD", s),
    "no accents": _strip_accents,
    "no accents, upper": lambda s: _strip_accents(s).upper(),
}


def _gazetteer(forms: list[str], fmt: str, tmp: Path) -> tarikh.Gazetteer:
    """Entries of one or two forms (a name, then an alias), from a file."""
    entries = [{"id": f"e{i}", "name": forms[i], "kind": "place", "aliases": forms[i + 1:i + 2]}
               for i in range(0, len(forms), 2)]
    if fmt == "jsonl":
        path = tmp / "g.jsonl"
        path.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in entries), encoding="utf-8")
        return tarikh.Gazetteer.from_jsonl(path)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
    w.writerow(["id", "name", "kind", "aliases"])
    w.writerows([e["id"], e["name"], e["kind"], "|".join(e["aliases"])] for e in entries)
    path = tmp / f"g.{fmt}"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return tarikh.Gazetteer.from_csv(path)


@settings(max_examples=80, deadline=None)
@given(
    forms=st.lists(ALIAS, min_size=1, max_size=8, unique_by=tarikh.normalize),
    picks=st.lists(st.tuples(st.integers(0, 7), st.sampled_from(sorted(VARIANTS)), st.sampled_from(SEPARATORS)),
                   max_size=12),
    fmt=st.sampled_from(["csv", "tsv", "jsonl"]),
)
def test_every_alias_occurrence_is_found_whatever_its_case_and_accents(forms, picks, fmt):
    with tempfile.TemporaryDirectory() as tmp:
        gaz = _gazetteer(forms, fmt, Path(tmp))
    assert len(gaz) == (len(forms) + 1) // 2
    text, spans = "", []
    for k, variant, sep in picks:
        form = forms[k % len(forms)]
        occurrence = VARIANTS[variant](form)
        spans.append((len(text), len(text) + len(occurrence), form))
        text += occurrence + sep
    res = tarikh.extract({"t": text}, gaz, events=False)
    got = res.mentions.select("start", "end", "surface", "entity_id").rows()
    assert [(s, e) for s, e, _, _ in got] == [(s, e) for s, e, _ in spans]
    for (_, _, surface, entity_id), (_, _, form) in zip(got, spans):
        assert tarikh.normalize(surface) == tarikh.normalize(form)
        assert entity_id == f"e{forms.index(form) // 2 * 2}"
    assert_offsets(res, {"t": text})


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.tuples(ALIAS, st.floats(-90, 90), st.floats(-180, 180)), min_size=1, max_size=10))
def test_a_saved_gazetteer_loads_back_identical(rows):
    df = pl.DataFrame({"id": [f"p{i}" for i in range(len(rows))], "name": [r[0] for r in rows],
                       "kind": ["place"] * len(rows), "lat": [r[1] for r in rows], "lon": [r[2] for r in rows]})
    gaz = tarikh.Gazetteer.from_frame(df)
    with tempfile.TemporaryDirectory() as tmp:
        gaz.save(Path(tmp) / "g.jsonl")
        back = tarikh.Gazetteer.from_jsonl(Path(tmp) / "g.jsonl")
    assert back.to_frame().equals(gaz.to_frame())
    assert back.to_frame().select("lat", "lon").equals(df.select("lat", "lon"))
