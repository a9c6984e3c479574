"""Bad input, item by item (the list in RELIABILITY.md): a bad document keeps
its row, with an error naming what is wrong when it cannot be processed; a
bad gazetteer or file raises an exception naming the file and the line."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import tarikh
from conftest import assert_offsets
from tarikh.cli import EXIT_ERROR, EXIT_OK, main
from tarikh.exceptions import DuplicateIdError, GazetteerError, TarikhError

ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def errors(res: tarikh.Result) -> list[str | None]:
    return res.documents["error"].to_list()


# ---------------------------------------------------------------- documents


def test_null_and_non_string_texts_keep_their_rows_with_an_error():
    docs = {"a": None, "b": 42, "c": b"Gao", "d": 3.5, "e": ["Gao"], "f": "Attaque à Gao."}
    res = tarikh.extract(docs)
    assert res.documents["doc_id"].to_list() == list(docs)
    assert errors(res) == ["text is null", "text is int, not str", "text is bytes, not str",
                           "text is float, not str", "text is list, not str", None]
    assert res.mentions["doc_id"].unique().to_list() == ["f"]
    # a null in a DataFrame column too
    df = pl.DataFrame({"doc_id": ["x", "y"], "text": [None, "Kidal"]})
    assert errors(tarikh.extract(df)) == ["text is null", None]


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\t \u00a0\u2009\u3000", "...!?;:—–-«»“”()[]…", "\u200f\u200e\u202b\u202c",
     "¨ ¯ ⁻ ´", "\u0301\u0308", "• • •\n- \n1."],
)
def test_empty_white_space_and_punctuation_only_texts(text):
    res = tarikh.extract([text])
    d = res.documents
    assert d["doc_id"].to_list() == ["0"] and errors(res) == [None]
    assert d["n_chars"].to_list() == [len(text)]
    assert res.mentions.height == 0 and res.events.height == 0


@pytest.mark.slow
def test_a_single_100_mb_document(seeds):
    # ~30 s: the whole pipeline, one document, one thread
    unit = "\n\n".join(seeds.values()) + "\n\n"
    text = unit * (100_000_000 // len(unit.encode()) + 1)
    assert len(text.encode()) >= 100_000_000
    res = tarikh.extract({"big": text}, progress=False)
    d = res.documents
    assert d["doc_id"].to_list() == ["big"] and errors(res) == [None]
    assert d["n_chars"].to_list() == [len(text)]
    per_unit = tarikh.extract([unit]).mentions.height
    assert res.mentions.height >= per_unit * (len(text) // len(unit)) * 0.9
    assert res.events.height > 0
    # offsets are code points into the whole text, to its very end
    m = res.mentions.select("start", "end", "surface")
    for start, end, surface in m.gather_every(97).iter_rows():
        assert text[start:end] == surface
    assert m["end"].max() > len(text) - len(unit)
    for start, end, trigger in res.events.select("trigger_start", "trigger_end", "trigger").iter_rows():
        assert text[start:end] == trigger


def test_invalid_utf8_in_a_text_file_keeps_its_row(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Attaque à Gao.", encoding="utf-8")
    (corpus / "bad.txt").write_bytes("Attaque à Kidal.".encode("latin-1"))
    out = tmp_path / "out"
    assert main(["extract", str(corpus), "--out", str(out), "-q"]) == EXIT_OK
    docs = pl.read_parquet(out / "documents")
    assert docs["doc_id"].to_list() == ["bad", "good"]
    err = docs["error"].to_list()
    assert err[1] is None
    assert f"{corpus / 'bad.txt'}: not valid UTF-8 (invalid continuation byte at byte 8)" in err[0]
    assert pl.read_parquet(out / "mentions")["doc_id"].to_list() == ["good"]


def test_invalid_utf8_in_a_parquet_string_column_names_the_file(tmp_path):
    good, bad = "Attaque à Gao".encode(), b"\xff\xfe Kidal"
    offsets = pa.array([0, len(good), len(good) + len(bad)], type=pa.int32())
    texts = pa.Array.from_buffers(pa.string(), 2, [None, offsets.buffers()[1], pa.py_buffer(good + bad)])
    path = tmp_path / "corpus.parquet"
    pq.write_table(pa.table({"doc_id": ["a", "b"], "text": texts}), path)
    out = tmp_path / "out"
    assert main(["extract", str(path), "--out", str(out), "-q"]) == EXIT_OK
    # polars decodes a column a page at a time, so the rows it cannot read
    # become one row with the error, naming the file and the first row
    docs = pl.read_parquet(out / "documents")
    assert docs["doc_id"].to_list() == ["corpus:0"]
    err = docs["error"].to_list()[0]
    assert err.startswith(f"{path}: cannot read rows from 0") and "invalid UTF-8" in err


def test_lone_surrogates_from_python_keep_their_rows_with_an_error():
    res = tarikh.extract(["Attaque à Gao.", "\ud800 Kidal", "Mali \udfff"])
    err = errors(res)
    assert err[0] is None
    assert all(e.startswith("text is not valid Unicode") and "surrogate" in e for e in err[1:])
    assert res.mentions["doc_id"].to_list() == ["0"]


def test_control_characters_and_nul_bytes():
    text = "Gao\x00Kidal\x01\x02\x1bMali\x7f\x85Niamey\u2028Dakar\x0b\x0cBamako\r\n"
    res = tarikh.extract({"c": text})
    assert errors(res) == [None]
    assert res.mentions["surface"].to_list() == ["Gao", "Kidal", "Mali", "Niamey", "Dakar", "Bamako"]
    assert_offsets(res, {"c": text})


def test_mixed_scripts_emoji_and_right_to_left_marks():
    text = ("\u200fمالي\u200f Gao ⵜⴰⵎⴰⵣⵉⵖⵜ ߒߞߏ 😀👍🏽\u200d Kidal \u202bباماكو\u202c "
            "𝐌𝐚𝐥𝐢 Mali\u200e, 🇲🇱 Tombouctou.")
    res = tarikh.extract({"m": text})
    assert errors(res) == [None]
    m = res.mentions
    # right-to-left marks stay out of the surfaces
    assert {"Gao", "Kidal", "Mali", "Tombouctou"} <= set(m["surface"].to_list())
    # code point offsets after astral characters (emoji, flags)
    assert m.filter(pl.col("surface") == "Tombouctou")["start"].to_list() == [text.index("Tombouctou")]
    assert_offsets(res, {"m": text})


def test_decomposed_accents_match_like_composed_ones_with_original_offsets():
    nfc = "Le Sénégal, la Côte d'Ivoire et Ségou. Attaque à Tombouctou, région de Ménaka."
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    a, b = tarikh.extract({"nfc": nfc}), tarikh.extract({"nfd": nfd})
    assert a.mentions["entity_id"].to_list() == b.mentions["entity_id"].to_list()
    assert [unicodedata.normalize("NFC", s) for s in b.mentions["surface"].to_list()] == \
        a.mentions["surface"].to_list()
    assert_offsets(b, {"nfd": nfd})
    assert b.events.select("event_type", "location_id").rows() == a.events.select("event_type", "location_id").rows()
    # an alias written decomposed matches composed text, and the other way round
    gaz = tarikh.Gazetteer()
    gaz.add("p:1", unicodedata.normalize("NFD", "Kalaban Coura Sébénikoro"), "place")
    gaz.add("p:2", "Niéna", "place")
    text = "De Kalaban Coura Sébénikoro à Nie\u0301na."
    res = tarikh.extract({"t": text}, gaz)
    assert res.mentions["entity_id"].to_list() == ["p:1", "p:2"]
    assert_offsets(res, {"t": text})


def test_extremely_long_words():
    text = "x" * 3_000_000 + " Gao, " + "é" * 1_000_000 + " Kidal, " + "Mali" * 500_000 + " Mali"
    res = tarikh.extract({"w": text})
    assert errors(res) == [None]
    m = res.mentions
    assert m["surface"].to_list() == ["Gao", "Kidal", "Mali"]
    assert m["start"].to_list() == [3_000_001, 4_000_007, len(text) - 4]
    assert_offsets(res, {"w": text})


# ---------------------------------------------------------------- gazetteers


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_gazetteer_with_duplicate_ids(tmp_path):
    p = write(tmp_path / "g.csv", "id,name,kind\na,Gao,place\nb,Kidal,place\na,Ménaka,place\n")
    with pytest.raises(DuplicateIdError, match=f'{p}, line 4: duplicate id "a"'):
        tarikh.Gazetteer.from_file(p)
    lines = [json.dumps({"id": i, "name": "Gao", "kind": "place"}) for i in ("a", "a")]
    p = write(tmp_path / "g.jsonl", "\n".join(lines))
    with pytest.raises(DuplicateIdError, match='line 2: duplicate id "a"'):
        tarikh.Gazetteer.from_file(p)
    gaz = tarikh.Gazetteer()
    gaz.add("a", "Gao", "place")
    with pytest.raises(DuplicateIdError, match='"a"'):
        gaz.add("a", "Kidal", "place")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("g.jsonl", '{"id":"a","name":"Gao","kind":"place","aliases":["Gao",""]}', 'line 1: entry "a": empty alias'),
        ("g.jsonl", '{"id":"a","name":"Gao","kind":"place","aliases":["  "]}', 'line 1: entry "a": empty alias'),
        ("g.csv", "id,name,kind,aliases\na,Gao,place,Gao|\n", 'line 2: invalid value: empty item in the list "Gao|"'),
        ("g.csv", "id,name,kind,aliases\na,Gao,place,a||b\n", "line 2: invalid value: empty item"),
        ("g.csv", 'id,name,kind\na,"",place\n', 'line 2: entry "a": missing name'),
    ],
)
def test_gazetteer_with_empty_aliases(tmp_path, name, content, message):
    p = write(tmp_path / name, content)
    with pytest.raises(GazetteerError, match=f"{p}, {message}"):
        tarikh.Gazetteer.from_file(p)


@pytest.mark.parametrize("alias", ["!!!", "--", "’’", "« »", "...", "\u0301", "😀"])
def test_gazetteer_with_aliases_of_only_punctuation(tmp_path, alias):
    p = write(tmp_path / "g.jsonl", json.dumps({"id": "a", "name": "Gao", "kind": "place", "aliases": [alias]}))
    with pytest.raises(GazetteerError, match=f'{p}, line 1: entry "a": alias .* has no letter or digit'):
        tarikh.Gazetteer.from_file(p)
    with pytest.raises(GazetteerError, match="has no letter or digit"):
        tarikh.Gazetteer().add("b", "Gao", "place", acronyms=[alias])


def _word(i: int) -> str:
    """A distinct pronounceable word for each integer."""
    out = ""
    while True:
        out += "bcdfghjklmnpqrstvwxz"[i % 20] + "aeiou"[(i // 20) % 5]
        i //= 100
        if i == 0:
            return out.capitalize()


def test_gazetteer_with_a_million_aliases(tmp_path):
    # 100,000 entries of 10 aliases; loading, compiling and matching take ~10 s
    p = tmp_path / "big.csv"
    with p.open("w", encoding="utf-8") as fh:
        fh.write("id,name,kind,aliases\n")
        for e in range(100_000):
            aliases = "|".join(f"{_word(e * 10 + k)} Ka" for k in range(1, 11))
            fh.write(f"p{e},{_word(e * 10)} Ki,place,{aliases}\n")
    gaz = tarikh.Gazetteer.from_file(p)
    assert len(gaz) == 100_000
    assert gaz.compile() == 1_100_000
    picks = [7, 123_456, 999_999]
    text = ", ".join(f"à {_word(i)} Ka" for i in picks) + f" et {_word(99_999 * 10)} Ki."
    res = tarikh.extract({"t": text}, gaz, events=False)
    assert res.mentions["entity_id"].to_list() == ["p0", "p12345", "p99999", "p99999"]
    assert_offsets(res, {"t": text})


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ('id,name,kind\na,Gao,place\nb,"Kidal,place\nc,Mopti,place\n', 3),
        ("id,name,kind\na,Gao,place\nb,Kidal,place,extra\n", 3),
        ("id,name,kind\na,Gao,place\nb,Kidal\n", 3),
        ("id,name,kind,colour\na,Gao,place,red\n", 1),
        ("id,name\na,Gao\n", 1),
    ],
)
def test_gazetteer_with_a_malformed_csv_line(tmp_path, content, line):
    p = write(tmp_path / "g.csv", content)
    with pytest.raises(GazetteerError, match=f"{p}, line {line}: "):
        tarikh.Gazetteer.from_file(p)


@pytest.mark.parametrize(
    ("lat", "lon", "message"),
    [
        ("NaN", "1", '"NaN" is not a finite number'),
        ("inf", "1", '"inf" is not a finite number'),
        ("95", "1", "latitude 95 out of range -90..90"),
        ("-90.5", "1", "latitude -90.5 out of range"),
        ("10", "-181", "longitude -181 out of range -180..180"),
        ("10", "", "lat and lon must be given together"),
    ],
)
def test_gazetteer_with_nan_or_out_of_range_coordinates(tmp_path, lat, lon, message):
    p = write(tmp_path / "g.csv", f"id,name,kind,lat,lon\na,Gao,place,{lat},{lon}\n")
    with pytest.raises(GazetteerError, match=f"{p}, line 2: .*{message}"):
        tarikh.Gazetteer.from_file(p)
    p = write(tmp_path / "g.jsonl", json.dumps({"id": "a", "name": "Gao", "kind": "place", "lat": lat, "lon": lon}))
    with pytest.raises(GazetteerError, match=f"{p}, line 1: "):
        tarikh.Gazetteer.from_file(p)


def test_nan_coordinates_from_python(tmp_path):
    with pytest.raises(GazetteerError, match="line 1: invalid JSON record"):
        tarikh.Gazetteer().add("a", "Gao", "place", lat=float("nan"), lon=1.0)
    df = pl.DataFrame({"id": ["a", "b"], "name": ["Gao", "Kidal"], "kind": ["place"] * 2,
                       "lat": [16.3, float("nan")], "lon": [-0.04, 1.4]})
    with pytest.raises(GazetteerError, match="<DataFrame>, line 2: lat is NaN"):
        tarikh.Gazetteer.from_frame(df)


def test_gazetteer_with_unknown_kinds(tmp_path):
    p = write(tmp_path / "g.csv", "id,name,kind\na,Gao,place\nb,Kidal,village\n")
    with pytest.raises(GazetteerError, match=f'{p}, line 3: entry "b": unknown kind "village" '
                                             r"\(expected one of country, place"):
        tarikh.Gazetteer.from_file(p)
    with pytest.raises(GazetteerError, match='unknown kind "Place"'):
        tarikh.Gazetteer().add("a", "Gao", "Place")


# ---------------------------------------------------------------- files


def test_missing_files(tmp_path, capsys):
    missing = tmp_path / "nope.csv"
    with pytest.raises(FileNotFoundError, match=str(missing)):
        tarikh.Gazetteer.from_file(missing)
    with pytest.raises(FileNotFoundError, match=str(missing)):
        tarikh.Gazetteer.from_geonames(missing)
    assert main(["extract", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o"), "-q"]) == EXIT_ERROR
    assert "nope.txt" in capsys.readouterr().err
    assert main(["extract", "--sample", "--gazetteer", str(missing), "--out", str(tmp_path / "o"), "-q"]) == EXIT_ERROR
    assert str(missing) in capsys.readouterr().err


def test_unreadable_files(tmp_path):
    # a directory where a file is expected
    d = tmp_path / "dir.csv"
    d.mkdir()
    with pytest.raises(GazetteerError, match=f"{d}, line 1: .*Is a directory"):
        tarikh.Gazetteer.from_file(d)


@pytest.mark.skipif(ROOT_USER, reason="root reads files whatever their permissions")
def test_files_without_read_permission(tmp_path):
    g = write(tmp_path / "g.csv", "id,name,kind\na,Gao,place\n")
    t = write(tmp_path / "t.txt", "Attaque à Gao.")
    g.chmod(0)
    t.chmod(0)
    try:
        with pytest.raises(PermissionError, match=str(g)):
            tarikh.Gazetteer.from_file(g)
        assert main(["extract", str(t), "--out", str(tmp_path / "out"), "-q"]) == EXIT_OK
        err = pl.read_parquet(tmp_path / "out" / "documents")["error"].to_list()
        assert err[0].startswith(f"{t}: cannot read")
    finally:
        g.chmod(0o644)
        t.chmod(0o644)


# ---------------------------------------------------------------- dates


def test_a_date_column_with_unparseable_values():
    df = pl.DataFrame({
        "doc_id": ["a", "b", "c", "d", "e"],
        "text": ["Attaque à Gao dimanche."] * 5,
        "published": ["2025-08-05", "pas une date", None, "2025-13-45", "2025-08"],
    })
    with pytest.warns(UserWarning, match=r"2 publication date\(s\) could not be parsed .* 'b', 'd'"):
        res = tarikh.extract(df, date_col="published")
    d = res.documents
    assert d["doc_id"].to_list() == list("abcde") and errors(res) == [None] * 5
    assert [x and x.isoformat() for x in d["pub_date"].to_list()] == ["2025-08-05", None, None, None, "2025-08-01"]
    assert d["pub_date_source"].to_list() == ["input", "none", "none", "none", "input"]
    with pytest.raises(TypeError, match="date column has dtype"):
        tarikh.extract(df.with_columns(pl.lit(1.5).alias("published")), date_col="published")


def test_every_bad_gazetteer_raises_a_tarikh_error_or_an_os_error(tmp_path):
    bad = ["id,name,kind\na,Gao,place\na,Gao,place\n", "id,name\n", 'id,name,kind\na,"Gao\n',
           "id,name,kind,lat,lon\na,Gao,place,NaN,0\n", ""]
    for i, content in enumerate(bad):
        p = write(tmp_path / f"g{i}.csv", content)
        with pytest.raises((TarikhError, OSError)):
            tarikh.Gazetteer.from_file(p)
    # bytes that are not UTF-8, in CSV and JSON Lines
    for name in ("g.csv", "g.jsonl"):
        p = tmp_path / name
        p.write_bytes(b'id,name,kind\n\xff,Gao,place\n' if name.endswith("csv") else b'{"id":"\xff"}\n')
        with pytest.raises(GazetteerError, match=f"{p}, line \\d+: "):
            tarikh.Gazetteer.from_file(p)
