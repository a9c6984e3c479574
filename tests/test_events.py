"""Events across documents: `tarikh.dedupe`, `tarikh.to_acled` and
`tarikh extract --dedupe`."""

from __future__ import annotations

import datetime as dt
import doctest
import random

import polars as pl
import pytest

import tarikh
import tarikh._events
from tarikh._events import ACLED_SCHEMA, EVENT_GROUPS_SCHEMA
from tarikh.cli import main

D = dt.date


def _events(rows: list[dict]) -> pl.DataFrame:
    """A small events frame; ids and doc ids default to one document per row."""
    full = []
    for i, r in enumerate(rows):
        r = dict(r)
        r.setdefault("doc_id", f"doc{i}")
        r.setdefault("event_id", f"{r['doc_id']}:{i}")
        r.setdefault("event_type", "attack")
        full.append(r)
    schema = {"event_id": pl.String, "doc_id": pl.String, "event_type": pl.String, "actor1_id": pl.String,
              "actor2_id": pl.String, "location_id": pl.String, "country": pl.String, "date": pl.Date,
              "date_precision": pl.String, "quantity": pl.Int64}
    return pl.DataFrame({c: [r.get(c) for r in full] for c in schema}, schema=schema)


def _groups(rows: list[dict], **kw) -> list[str]:
    return tarikh.dedupe(_events(rows), **kw).events["event_group_id"].to_list()


JNIM_GAO = {"actor1_id": "ag:jnim", "location_id": "gn:gao", "country": "MLI"}


# ------------------------------------------------------------------ dedupe
def test_groups_same_type_place_date_and_actor():
    ids = _groups([
        {**JNIM_GAO, "date": D(2025, 7, 1), "date_precision": "day"},
        {**JNIM_GAO, "date": D(2025, 7, 3), "date_precision": "day", "actor2_id": "sf:mli-fama"},
        {**JNIM_GAO, "date": D(2025, 7, 1), "date_precision": "day", "event_type": "abduction"},
    ])
    assert ids[0] == ids[1] == "g:doc0:0"
    assert ids[2] == "g:doc2:2"


@pytest.mark.parametrize(
    ("other", "linked"),
    [
        ({"date": D(2025, 7, 4), "date_precision": "day"}, True),  # 3 days: within max_days
        ({"date": D(2025, 7, 5), "date_precision": "day"}, False),  # 4 days apart
        ({"date": D(2025, 7, 1), "date_precision": "month"}, True),  # same month
        ({"date": D(2025, 6, 1), "date_precision": "month"}, False),
        ({"date": D(2025, 1, 1), "date_precision": "year"}, True),  # same year
        ({"date": D(2024, 1, 1), "date_precision": "year"}, False),
        ({"date": None, "date_precision": None}, True),  # a null date fits any
        ({"location_id": "gn:kidal"}, False),  # another place
        ({"location_id": None}, False),  # a place against no place
        ({"actor1_id": "ag:issp"}, False),  # no actor in common
        ({"actor1_id": "ag:issp", "actor2_id": "ag:jnim"}, True),  # jnim on both sides
        ({"actor1_id": None}, True),  # no actors: fits any
        ({"event_type": "clash"}, False),
    ],
)
def test_link_rules(other, linked):
    base = {**JNIM_GAO, "date": D(2025, 7, 1), "date_precision": "day"}
    ids = _groups([base, {**base, **other}])
    assert (ids[0] == ids[1]) is linked


def test_max_days_parameter():
    rows = [{**JNIM_GAO, "date": D(2025, 7, 1), "date_precision": "day"},
            {**JNIM_GAO, "date": D(2025, 7, 9), "date_precision": "day"}]
    assert len(set(_groups(rows))) == 2
    assert len(set(_groups(rows, max_days=8))) == 1
    assert len(set(_groups([rows[0], rows[0]], max_days=0))) == 1
    with pytest.raises(ValueError, match="max_days"):
        tarikh.dedupe(_events(rows), max_days=-1)


def test_country_only_events_group_by_country_and_nowhere_never_groups():
    ids = _groups([
        {"actor1_id": "ag:jnim", "country": "MLI"},
        {"actor1_id": "ag:jnim", "country": "MLI"},
        {"actor1_id": "ag:jnim", "country": "BFA"},
        {"actor1_id": "ag:jnim"},
        {"actor1_id": "ag:jnim"},
    ])
    assert ids[0] == ids[1]
    assert len(set(ids)) == 4


def test_transitive_chain_of_days():
    rows = [{**JNIM_GAO, "date": D(2025, 7, 1) + dt.timedelta(days=3 * i), "date_precision": "day"} for i in range(5)]
    assert len(set(_groups(rows))) == 1
    rows.append({**JNIM_GAO, "date": D(2025, 8, 1), "date_precision": "day"})
    assert len(set(_groups(rows))) == 2


def test_group_table_representatives():
    rows = [
        {**JNIM_GAO, "date": D(2025, 7, 2), "date_precision": "day", "actor2_id": "sf:mli-fama", "quantity": 3,
         "doc_id": "b"},
        {**JNIM_GAO, "date": D(2025, 7, 1), "date_precision": "day", "quantity": 5, "doc_id": "a"},
        {**JNIM_GAO, "date": D(2025, 7, 1), "date_precision": "month", "actor1_id": None, "doc_id": "a"},
        {**JNIM_GAO, "date": D(2025, 7, 3), "date_precision": "day", "actor2_id": "sf:mli-fama", "doc_id": "c"},
    ]
    ev = _events(rows).with_columns(location=pl.lit("Gao"), lat=pl.lit(16.27), lon=pl.lit(-0.04))
    events, groups = tarikh.dedupe(ev)
    assert events["event_group_id"].n_unique() == 1
    assert groups.schema == pl.Schema(EVENT_GROUPS_SCHEMA)
    g = groups.row(0, named=True)
    assert g["date"] == D(2025, 7, 1) and g["date_precision"] == "day"  # first date, finest on ties
    assert (g["actor1_id"], g["actor2_id"]) == ("ag:jnim", "sf:mli-fama")
    assert (g["location"], g["location_id"], g["country"], g["lat"]) == ("Gao", "gn:gao", "MLI", 16.27)
    assert g["quantity"] == 5
    assert (g["n_mentions"], g["n_documents"], g["doc_ids"]) == (4, 3, ["a", "b", "c"])


def test_events_keep_order_and_columns():
    ev = _events([{**JNIM_GAO}, {"country": "NER"}, {**JNIM_GAO}]).with_columns(extra=pl.lit(1))
    events, groups = tarikh.dedupe(ev)
    assert events.columns == ["event_id", "event_group_id", *ev.columns[1:]]
    assert events.drop("event_group_id").equals(ev)
    assert set(events["event_group_id"]) == set(groups["event_group_id"])
    # running it again replaces the column rather than adding another
    again = tarikh.dedupe(events).events
    assert again.equals(events)


def test_deterministic_under_row_order():
    rng = random.Random(7)
    rows = [{"actor1_id": rng.choice(["ag:jnim", "ag:issp", None]), "location_id": rng.choice(["gn:gao", None]),
             "country": rng.choice(["MLI", "NER"]), "doc_id": f"d{i % 17}", "event_id": f"e{i:03d}",
             "date": D(2025, 1, 1) + dt.timedelta(days=rng.randrange(60)), "date_precision": "day"}
            for i in range(200)]
    ev = _events(rows)
    a = tarikh.dedupe(ev)
    b = tarikh.dedupe(ev.reverse())
    assert a.event_groups.equals(b.event_groups)
    assert a.events.equals(b.events.reverse())


def _brute_force(ev: pl.DataFrame, max_days: int) -> list[int]:
    rows = ev.to_dicts()
    parent = list(range(len(rows)))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    def place(r):
        return r["location_id"] or (f"c:{r['country']}" if r["country"] else None)

    def dates_ok(a, b):
        if a["date"] is None or b["date"] is None:
            return True
        pa, pb = a["date_precision"], b["date_precision"]
        if "year" in (pa, pb):
            return a["date"].year == b["date"].year
        if "month" in (pa, pb):
            return (a["date"].year, a["date"].month) == (b["date"].year, b["date"].month)
        return abs((a["date"] - b["date"]).days) <= max_days

    def actors(r):
        return {x for x in (r["actor1_id"], r["actor2_id"]) if x}

    for i, a in enumerate(rows):
        for j in range(i):
            b = rows[j]
            if (a["event_type"] == b["event_type"] and place(a) is not None and place(a) == place(b)
                    and dates_ok(a, b) and (not actors(a) or not actors(b) or actors(a) & actors(b))):
                parent[find(i)] = find(j)
    return [find(i) for i in range(len(rows))]


@pytest.mark.parametrize("seed", range(6))
def test_matches_pairwise_definition(seed):
    """The linear hub construction gives the same partition as checking every pair."""
    rng = random.Random(seed)
    rows = []
    for i in range(250):
        prec = rng.choice(["day", "day", "day", "month", "year", None])
        date = None if prec is None else D(2025, 1, 1) + dt.timedelta(days=rng.randrange(120))
        rows.append({"event_type": rng.choice(["attack", "clash"]), "doc_id": f"d{i}", "event_id": f"e{i:03d}",
                     "actor1_id": rng.choice(["a", "b", "c", None, None]), "actor2_id": rng.choice(["a", "d", None]),
                     "location_id": rng.choice(["p1", "p2", None]), "country": rng.choice(["MLI", None]),
                     "date": date, "date_precision": prec})
    ev = _events(rows)
    max_days = rng.choice([0, 2, 5])
    got = tarikh.dedupe(ev, max_days=max_days).events["event_group_id"].to_list()
    want = _brute_force(ev, max_days)
    as_sets = lambda labels: sorted(sorted(i for i, x in enumerate(labels) if x == k) for k in set(labels))  # noqa: E731
    assert as_sets(got) == as_sets(want)


def test_empty_input():
    empty = _events([])
    events, groups = tarikh.dedupe(empty)
    assert events.height == 0 and "event_group_id" in events.columns
    assert groups.height == 0 and groups.schema == pl.Schema(EVENT_GROUPS_SCHEMA)
    acled = tarikh.to_acled(empty)
    assert acled.height == 0 and acled.schema == pl.Schema(ACLED_SCHEMA)


def test_missing_required_column():
    with pytest.raises(ValueError, match="event_type"):
        tarikh.dedupe(pl.DataFrame({"event_id": ["a"], "doc_id": ["d"]}))


def test_dedupe_on_samples(seed_result):
    ev = seed_result.events
    events, groups = tarikh.dedupe(ev)
    assert events.height == ev.height
    assert groups["n_mentions"].sum() == ev.height
    assert groups.height == events["event_group_id"].n_unique()
    # every group is one event type
    assert events.group_by("event_group_id").agg(pl.col("event_type").n_unique())["event_type"].max() == 1
    # a group's documents are its events' documents
    docs = events.group_by("event_group_id").agg(pl.col("doc_id").unique().sort()).sort("event_group_id")
    assert docs["doc_id"].to_list() == groups.sort("event_group_id")["doc_ids"].to_list()


def test_dedupe_across_sample_documents(seeds):
    # the same article twice under two ids: each event pairs with its copy
    items = list(seeds.items())[:2]
    res = tarikh.extract(items + [(f"{k}-copy", v) for k, v in items])
    events, groups = tarikh.dedupe(res.events)
    placed = events.filter(pl.col("location_id").is_not_null() | pl.col("country").is_not_null())
    assert placed.height
    per_group = placed.group_by("event_group_id").agg(pl.col("doc_id").n_unique())
    assert per_group["doc_id"].min() >= 2
    assert groups["n_documents"].max() >= 2


# ----------------------------------------------------------------- to_acled
def test_acled_layout_on_samples(seed_result):
    acled = tarikh.to_acled(seed_result)
    assert acled.columns == list(ACLED_SCHEMA)
    assert acled.schema == pl.Schema(ACLED_SCHEMA)
    coded = seed_result.events.filter(pl.col("acled_event_type").is_not_null())
    assert acled.height == coded.height
    assert acled["event_id_cnty"].to_list() == coded["event_id"].to_list()
    assert set(acled["disorder_type"].drop_nulls()) <= {"Political violence", "Demonstrations",
                                                       "Strategic developments"}
    assert acled["source"].to_list() == coded["doc_id"].to_list()
    assert acled["notes"].to_list() == coded["sentence"].to_list()
    jnim = acled.filter(pl.col("actor1").str.starts_with("JNIM"))
    assert jnim.height and set(jnim["inter1"]) == {2}
    mali = acled.filter(pl.col("country") == "Mali")
    assert mali.height and set(mali["iso"]) == {466} and set(mali["region"]) == {"Western Africa"}
    every = tarikh.to_acled(seed_result, include_uncoded=True)
    assert every.height == seed_result.events.height
    assert "meeting" in seed_result.events["event_type"].to_list()


def test_acled_codes_by_hand():
    ev = _events([
        # JNIM against the Malian army, day date
        {"event_type": "attack", "actor1_id": "ag:jnim", "actor2_id": "sf:mli-fama", "country": "MLI",
         "date": D(2025, 5, 30), "date_precision": "day", "doc_id": "a"},
        # kidnapping of Moroccan drivers in Burkina Faso, month date
        {"event_type": "abduction", "actor1_id": "ag:issp", "actor2_id": "iso:MAR", "country": "BFA",
         "date": D(2025, 1, 1), "date_precision": "month", "quantity": 4, "doc_id": "b"},
        # a killing with a count, year date, no actor2
        {"event_type": "killing", "actor1_id": "ag:jnim", "country": "NER", "date": D(2024, 1, 1),
         "date_precision": "year", "quantity": 12, "doc_id": "c"},
        # an arrest by a state force, no date
        {"event_type": "arrest", "actor1_id": "sf:mli-fama", "country": "MLI", "doc_id": "d"},
        # not coded by ACLED
        {"event_type": "meeting", "actor1_id": "iso:MAR", "actor2_id": "iso:MLI", "country": "MLI", "doc_id": "e"},
    ]).with_columns(
        actor1=pl.col("actor1_id"), actor2=pl.col("actor2_id"),
        actor2_kind=pl.when(pl.col("actor2_id").str.starts_with("iso:")).then(pl.lit("country"))
        .when(pl.col("actor2_id").is_not_null()).then(pl.lit("state_force")),
        acled_event_type=pl.Series([None] * 5, dtype=pl.String),
    )
    acled = tarikh.to_acled(ev)
    assert acled["source"].to_list() == ["a", "b", "c", "d"]
    rows = acled.rows(named=True)
    a, b, c, d = rows
    # actors: ACLED names and inter codes from the gazetteer; interaction 10*min+max
    assert a["actor1"].startswith("JNIM") and a["actor2"] == "Military Forces of Mali (2021-)"
    assert (a["inter1"], a["inter2"], a["interaction"]) == (2, 1, 12)
    assert a["civilian_targeting"] is None and a["fatalities"] == 0
    # victims named by nationality become civilians of that country
    assert b["actor2"] == "Civilians (Morocco)" and b["inter2"] == 7 and b["interaction"] == 27
    assert b["civilian_targeting"] == "Civilian targeting"
    assert (b["iso"], b["country"], b["region"]) == (854, "Burkina Faso", "Western Africa")
    assert b["fatalities"] == 0  # a count of hostages is not a count of deaths
    # fatalities for killings; unnamed victims; interaction without actor2 uses inter1*10... unless civilians
    assert c["fatalities"] == 12 and c["actor2"] == "Civilians (Niger)"
    assert d["actor2"] is None and d["interaction"] == 10 and d["disorder_type"] == "Strategic developments"
    # time precision and dates
    assert [r["time_precision"] for r in rows] == [1, 2, 3, None]
    assert [r["year"] for r in rows] == [2025, 2025, 2024, None]
    assert a["event_date"] == D(2025, 5, 30) and a["timestamp"] == 1748563200
    assert d["timestamp"] == 0
    assert [r["disorder_type"] for r in rows[:3]] == ["Political violence"] * 3
    assert (a["event_type"], a["sub_event_type"]) == ("Battles", "Armed clash")
    # uncoded events on request
    every = tarikh.to_acled(ev, include_uncoded=True)
    assert every.height == 5 and every.row(4, named=True)["event_type"] is None


def test_acled_accepts_deduped_and_custom_gazetteer():
    gaz = tarikh.Gazetteer()
    gaz.add("ag:x", "Groupe X", "armed_group", acled_name="Group X Militia", inter=3)
    ev = _events([{"actor1_id": "ag:x", "country": "MLI", "date": D(2025, 1, 2), "date_precision": "day"}])
    ev = ev.with_columns(actor1=pl.lit("Groupe X"), acled_event_type=pl.lit("Battles"),
                         acled_sub_event_type=pl.lit("Armed clash"))
    acled = tarikh.to_acled(tarikh.dedupe(ev), gaz)
    assert acled.select("actor1", "inter1", "interaction").row(0) == ("Group X Militia", 3, 30)
    with pytest.raises(TypeError, match="Gazetteer"):
        tarikh.to_acled(ev, gazetteer="default")


def test_acled_is_reproducible(seed_result):
    assert tarikh.to_acled(seed_result).equals(tarikh.to_acled(seed_result))


# ----------------------------------------------------------------------- CLI
@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_cli_dedupe_writes_event_groups(tmp_path, fmt):
    out = tmp_path / "out"
    assert main(["extract", "--sample", "--out", str(out), "--dedupe", "--format", fmt, "-q"]) == 0
    read = {"parquet": pl.read_parquet, "csv": pl.read_csv, "jsonl": pl.read_ndjson}[fmt]
    events = read(out / "events" / f"part-00000.{fmt}")
    groups = read(out / "event_groups" / f"part-00000.{fmt}")
    assert events.columns[:2] == ["event_id", "event_group_id"]
    assert set(events["event_group_id"]) == set(groups["event_group_id"])
    assert groups["n_mentions"].sum() == events.height
    assert groups.columns == list(EVENT_GROUPS_SCHEMA)


def test_cli_without_dedupe_writes_no_groups(tmp_path):
    out = tmp_path / "out"
    assert main(["extract", "--sample", "--out", str(out), "-q"]) == 0
    assert not (out / "event_groups").exists()
    assert "event_group_id" not in pl.read_parquet(out / "events").columns


def test_docstring_examples():
    failures, tried = doctest.testmod(tarikh._events, extraglobs={"tarikh": tarikh}, optionflags=doctest.ELLIPSIS)
    assert tried > 0 and failures == 0


@pytest.mark.slow
def test_dedupe_scales_to_1e5_events():
    import time

    rng = random.Random(1)
    n = 100_000
    places = [f"gn:{k}" for k in range(500)] + [None] * 50
    ev = pl.DataFrame({
        "event_id": [f"e{i:06d}" for i in range(n)],
        "doc_id": [f"d{i // 4}" for i in range(n)],
        "event_type": [rng.choice(["attack", "clash", "abduction", "killing"]) for _ in range(n)],
        "actor1_id": [rng.choice(["ag:jnim", "ag:issp", "sf:mli-fama", None]) for _ in range(n)],
        "location_id": [rng.choice(places) for _ in range(n)],
        "country": [rng.choice(["MLI", "BFA", "NER"]) for _ in range(n)],
        "date": [D(2024, 1, 1) + dt.timedelta(days=rng.randrange(730)) for _ in range(n)],
        "date_precision": [rng.choice(["day"] * 8 + ["month", "year"]) for _ in range(n)],
    })
    t0 = time.perf_counter()
    events, groups = tarikh.dedupe(ev)
    assert time.perf_counter() - t0 < 10  # about 1 s on one core
    assert groups["n_mentions"].sum() == n
