"""tarikh.plot on the samples' real output and on empty tables."""

from __future__ import annotations

import doctest
import json
import sys
from importlib import resources

import polars as pl
import pytest

import tarikh
from tarikh import plot

collections = pytest.importorskip("matplotlib.collections")
LineCollection, PathCollection = collections.LineCollection, collections.PathCollection
Figure = pytest.importorskip("matplotlib.figure").Figure


@pytest.fixture(scope="module")
def events(seed_result) -> pl.DataFrame:
    return seed_result.events


@pytest.fixture(scope="module")
def mentions(seed_result) -> pl.DataFrame:
    return seed_result.mentions


def _points(ax) -> list[PathCollection]:
    return [c for c in ax.collections if isinstance(c, PathCollection) and len(c.get_offsets())]


def _is_empty_figure(fig: Figure, message: str) -> bool:
    """A message, and no points, bars, lines or cells (map outlines may stay)."""
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    bars = [p for p in ax.patches if type(p).__name__ == "Rectangle"]
    return any(message in t for t in texts) and not (_points(ax) or bars or ax.lines or ax.images)


# ---------------------------------------------------------------- over time
def test_events_over_time_stacks_every_dated_event(events):
    fig = plot.events_over_time(events, freq="1mo", by="event_type")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.patches, "bars drawn"
    dated = events.filter(pl.col("date").is_not_null()).height
    assert dated > 0
    assert sum(p.get_height() for p in ax.patches) == dated
    labels = {t.get_text() for t in ax.get_legend().get_texts()}
    assert labels == set(events.filter(pl.col("date").is_not_null())["event_type"].unique())
    undated = events.height - dated
    assert any(f"{undated} of {events.height} events have no date" in t.get_text() for t in ax.texts)


def test_events_over_time_lines_and_total(events):
    fig = plot.events_over_time(events, freq="1y", by=None, kind="line")
    ax = fig.axes[0]
    (line,) = ax.lines
    assert sum(line.get_ydata()) == events["date"].drop_nulls().len()
    years = [d.year for d in events["date"].drop_nulls()]
    assert len(line.get_xdata()) == max(years) - min(years) + 1, "one point per year, empty years at 0"


def test_events_over_time_groups_the_tail_as_other(events):
    fig = plot.events_over_time(events, by="event_type", top=2)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert len(labels) == 3 and labels[-1] == "other"


def test_events_over_time_accepts_lazy_frames_and_checks_columns(events):
    assert plot.events_over_time(events.lazy()).axes[0].patches
    with pytest.raises(ValueError, match="'date'"):
        plot.events_over_time(events.drop("date"))
    with pytest.raises(ValueError, match="kind"):
        plot.events_over_time(events, kind="pie")


# ---------------------------------------------------------------------- map
def test_event_map_points_sized_by_count(events):
    fig = plot.event_map(events)
    ax = fig.axes[0]
    assert len(ax.patches) >= 30, "country outlines drawn"
    (pts,) = _points(ax)
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    shown = events.filter(pl.col("lon").is_between(x0, x1) & pl.col("lat").is_between(y0, y1))
    groups = shown.group_by("lat", "lon", "location").len()
    assert len(pts.get_offsets()) == groups.height
    assert sorted(pts.get_sizes()) == sorted(40 * n for n in groups["len"])
    # Paris is not on a map of the Sahel; it is counted, not drawn
    assert events.filter(pl.col("country") == "FRA").height > 0
    assert shown.filter(pl.col("country") == "FRA").height == 0
    assert any("outside the map" in t.get_text() for t in ax.texts)
    assert "Bamako (3)" in {t.get_text() for t in ax.texts}


def test_event_map_zooms_to_countries(events):
    mali = events.filter(pl.col("country") == "MLI")
    fig = plot.event_map(mali, countries=["MLI"], title="Mali")
    ax = fig.axes[0]
    assert ax.get_title() == "Mali"
    x0, x1 = ax.get_xlim()
    assert -15 < x0 < -12.3 and 4.3 < x1 < 7, "Mali (-12.2 to 4.2 E) and a margin"
    assert len(_points(ax)[0].get_offsets()) == mali.select("lat", "lon", "location").unique().height
    with pytest.raises(ValueError, match="'XXX'"):
        plot.event_map(events, countries=["XXX"])


def test_event_map_any_frame_with_coordinates():
    gao = tarikh.Gazetteer.default().lookup("Gao")
    fig = plot.event_map(gao, countries=["MLI", "NER", "BFA"])
    assert len(_points(fig.axes[0])[0].get_offsets()) == gao.select("lat", "lon").unique().height


def test_bundled_outlines():
    path = resources.files("tarikh") / "data" / "sahel_outlines.json"
    assert len(path.read_bytes()) < 300_000
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "Natural Earth" in data["source"]
    assert {"MLI", "BFA", "NER", "TCD", "MRT", "SEN", "NGA", "DZA", "LBY"} <= set(data["countries"])
    for c in data["countries"].values():
        for poly in c["polygons"]:
            for ring in poly:
                assert len(ring) % 2 == 0 and ring[:2] == ring[-2:], "closed rings of lon, lat pairs"
    mali = [r for p in data["countries"]["MLI"]["polygons"] for r in p]
    lons, lats = [x for r in mali for x in r[0::2]], [y for r in mali for y in r[1::2]]
    assert -12.5 < min(lons) < -12 and 4 < max(lons) < 4.5 and 10 < min(lats) < 10.3 and 24.9 < max(lats) < 25.1


# ------------------------------------------------------------------ heat map
def test_actor_event_heatmap_counts(events):
    fig = plot.actor_event_heatmap(events, top=15)
    ax = fig.axes[0]
    (img,) = ax.images
    matrix = img.get_array().filled(0)
    pairs = (
        pl.concat([events.select(pl.col(c).alias("actor"), "event_id", "event_type") for c in ("actor1", "actor2")])
        .drop_nulls("actor")
        .unique()
    )
    n_actors = min(15, pairs["actor"].n_unique())
    assert matrix.shape == (n_actors, pairs["event_type"].n_unique())
    top_actor = pairs.group_by("actor").len().sort("len", descending=True)["actor"][0]
    assert ax.get_yticklabels()[0].get_text() == plot._short(top_actor, 34)
    assert matrix[0].sum() == pairs.filter(pl.col("actor") == top_actor).height
    assert plot.actor_event_heatmap(events, top=3).axes[0].images[0].get_array().shape[0] == 3
    a1 = plot.actor_event_heatmap(events, role="actor1").axes[0].images[0].get_array().filled(0)
    assert a1.sum() == events["actor1"].drop_nulls().len()


# ------------------------------------------------------------------- network
@pytest.mark.parametrize("by", ["document", "sentence"])
def test_cooccurrence_network(mentions, by):
    fig = plot.cooccurrence_network(mentions, top=30, by=by)
    ax = fig.axes[0]
    (nodes,) = _points(ax)
    actors = mentions.filter(pl.col("kind").is_in(plot.ACTOR_KINDS) & ~pl.col("in_boilerplate"))
    # persons the gazetteer lacks are nodes by their name
    keys = actors.select(pl.coalesce("entity_id", pl.lit("name:") + pl.col("name")))
    assert actors["entity_id"].null_count() > 0
    assert len(nodes.get_offsets()) == min(30, keys.n_unique())
    (edges,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(edges.get_segments()) > 0
    offsets = nodes.get_offsets()
    assert abs(offsets).max() <= 1.0 + 1e-9


def test_cooccurrence_network_without_networkx_and_circular(mentions, monkeypatch):
    monkeypatch.setitem(sys.modules, "networkx", None)
    fig = plot.cooccurrence_network(mentions, kinds=("armed_group", "state_force"), top=8, seed=1)
    (nodes,) = _points(fig.axes[0])
    assert len(nodes.get_offsets()) == 8
    assert len({tuple(p) for p in nodes.get_offsets().round(3)}) == 8, "nodes spread apart"
    circ = plot.cooccurrence_network(mentions, top=5, layout="circular")
    r = (_points(circ.axes[0])[0].get_offsets() ** 2).sum(axis=1)
    assert len(r) == 5


# --------------------------------------------------------------------- empty
@pytest.mark.parametrize(
    ("func", "table", "message"),
    [
        (plot.events_over_time, "events", "No dated events"),
        (plot.event_map, "events", "No events with coordinates"),
        (plot.actor_event_heatmap, "events", "No events with actors"),
        (plot.cooccurrence_network, "mentions", "No actor mentions"),
    ],
)
def test_empty_input_gives_a_readable_figure(seed_result, func, table, message):
    empty = getattr(seed_result, table).clear()
    fig = func(empty)
    assert isinstance(fig, Figure)
    assert _is_empty_figure(fig, message)
    fig.savefig(__import__("io").BytesIO(), format="png")


def test_undated_only_says_so(events):
    fig = plot.events_over_time(events.filter(pl.col("date").is_null()))
    assert any("events without a date" in t.get_text() for t in fig.axes[0].texts)


def test_missing_matplotlib_says_how_to_install(events, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=r"pip install 'tarikh\[plot\]'"):
        plot.event_map(events)


def test_docstring_examples():
    failures, tried = doctest.testmod(plot, extraglobs={"tarikh": tarikh}, optionflags=doctest.ELLIPSIS)
    assert tried > 0
    assert failures == 0
