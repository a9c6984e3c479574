"""Gazetteer loading, errors that name the line, editing, lookup, pickling."""

from __future__ import annotations

import pickle

import polars as pl
import pytest

import tarikh
from tarikh.exceptions import DuplicateIdError, GazetteerError


def test_default_is_rich_and_cached():
    gaz = tarikh.Gazetteer.default()
    counts = gaz.counts()
    assert counts["place"] > 50_000
    assert counts["country"] > 200
    assert counts["person"] >= 100
    assert counts["trigger"] > 50
    assert "built-in" in repr(gaz)
    assert tarikh.Gazetteer.default().counts() == counts


def test_csv_round_trip_and_errors_name_the_line(tmp_path):
    good = tmp_path / "g.csv"
    good.write_text(
        "id,name,kind,aliases,acronyms,country,lat,lon\n"
        "ovr:tanabougou,Tanabougou,place,,,MLI,13.1,-7.2\n"
        "org:aes,Alliance des États du Sahel,organization,Confédération des États du Sahel,AES,,,\n",
        encoding="utf-8",
    )
    gaz = tarikh.Gazetteer.from_csv(good)
    assert len(gaz) == 2
    df = gaz.to_frame()
    assert df.filter(pl.col("id") == "org:aes")["acronyms"].to_list() == [["AES"]]

    bad = tmp_path / "bad.csv"
    bad.write_text("id,name,kind,lat,lon\na,A,place,1,2\nb,B,place,abc,2\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"bad\.csv, line 3: .*\"abc\" is not a finite number"):
        tarikh.Gazetteer.from_csv(bad)
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("id,name,kind\na,A,place\nb,B\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"ragged\.csv, line 3"):
        tarikh.Gazetteer.from_csv(ragged)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "x", "name": "X", "kind": "town"}', 'unknown kind "town"'),
        ('{"id": "x", "name": "X", "kind": "place", "aliases": [""]}', "empty alias"),
        ('{"id": "x", "name": "X", "kind": "place", "aliases": ["..."]}', "has no letter or digit"),
        ('{"id": "x", "name": "X", "kind": "place", "lat": 123, "lon": 0}', "latitude 123 out of range"),
        ('{"id": "x", "name": "X", "kind": "place", "country": "Mali"}', "not an ISO 3166-1 alpha-3"),
        ('{"id": "x", "name": "X"', "invalid JSON record"),
    ],
)
def test_jsonl_errors(tmp_path, line, message):
    p = tmp_path / "g.jsonl"
    p.write_text('{"id": "ok", "name": "Ok", "kind": "place"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="line 2") as info:
        tarikh.Gazetteer.from_jsonl(p)
    assert message in str(info.value)
    assert "g.jsonl" in str(info.value)


def test_duplicate_ids_are_errors(tmp_path):
    p = tmp_path / "dup.jsonl"
    p.write_text('{"id": "a", "name": "A", "kind": "place"}\n{"id": "a", "name": "B", "kind": "place"}\n')
    with pytest.raises(DuplicateIdError, match='line 2: duplicate id "a"'):
        tarikh.Gazetteer.from_jsonl(p)
    gaz = tarikh.Gazetteer()
    gaz.add("a", "A", "place")
    with pytest.raises(DuplicateIdError):
        gaz.add("a", "A again", "place")


def test_missing_file():
    with pytest.raises(FileNotFoundError, match="nope.csv"):
        tarikh.Gazetteer.from_csv("nope.csv")


def test_user_entries_extend_the_default_and_are_matched():
    mine = tarikh.Gazetteer()
    mine.add("ovr:kalaban-sud", "Kalaban Sud", "place", country="MLI", lat=12.57, lon=-7.98)
    gaz = tarikh.Gazetteer.default().extend(mine)
    assert "ovr:kalaban-sud" in gaz
    assert "ovr:kalaban-sud" not in tarikh.Gazetteer.default()
    res = tarikh.extract(["Un marché de KALABAN-SUD a brûlé."], gaz)
    assert res.mentions["entity_id"].to_list() == ["ovr:kalaban-sud"]
    assert res.mentions["surface"].to_list() == ["KALABAN-SUD"]


def test_from_frame_and_save_round_trip(tmp_path):
    df = pl.DataFrame({
        "id": ["p1", "o1"],
        "name": ["Sirakorola", "Groupe de soutien"],
        "kind": ["place", "armed_group"],
        "acronyms": [None, ["GSIM"]],
        "lat": [13.2, None],
        "lon": [-7.1, None],
    })
    gaz = tarikh.Gazetteer.from_frame(df)
    gaz.save(tmp_path / "g.jsonl.gz")
    back = tarikh.Gazetteer.from_jsonl(tmp_path / "g.jsonl.gz")
    assert back.to_frame().equals(gaz.to_frame())
    with pytest.raises(GazetteerError, match="<DataFrame>, line 1"):
        tarikh.Gazetteer.from_frame(pl.DataFrame({"id": ["x"], "name": ["X"], "kind": ["village"]}))


def test_lookup_shows_every_meaning():
    df = tarikh.Gazetteer.default().lookup("gao")
    assert df.height >= 2  # the city, the region, the cercle...
    assert set(df["country"].drop_nulls().to_list()) >= {"MLI"}


def test_pickle_is_compact():
    assert len(pickle.dumps(tarikh.Gazetteer.default())) < 200
    gaz = tarikh.Gazetteer()
    gaz.add("a", "Tanabougou", "place")
    back = pickle.loads(pickle.dumps(gaz))
    assert back.to_frame().equals(gaz.to_frame())


def test_from_geonames_on_a_real_extract():
    from conftest import SHARED

    path = SHARED / "gazetteer-sources" / "geonames" / "ML.txt"
    if not path.exists():
        pytest.skip("the shared GeoNames extracts are not beside the repository")
    gaz = tarikh.Gazetteer.from_geonames(path, countries=["MLI"], min_population=1000)
    df = gaz.to_frame()
    assert df.height > 50
    assert set(df["country"].unique().to_list()) == {"MLI"}
    assert df["feature_code"].str.slice(0, 1).is_in(["P", "A"]).all()
    small = df.filter(pl.col("feature_code").str.starts_with("P") & (pl.col("population") < 1000))
    assert small.height == 0
    res = tarikh.extract(["Une attaque a visé Tombouctou."], gaz)
    assert res.mentions["surface"].to_list() == ["Tombouctou"]
    with pytest.raises(ValueError, match="unknown country code 'XX'"):
        tarikh.Gazetteer.from_geonames(path, countries=["XX"])
