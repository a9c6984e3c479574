"""Plots of tarikh tables: events over time, an event map, an actor x
event-type heat map and an actor co-occurrence network.

Each function takes a polars ``DataFrame`` (``Result.events`` or
``Result.mentions``, filtered as you like first) and returns a matplotlib
:class:`~matplotlib.figure.Figure`; save it with ``fig.savefig(...)`` or let
Jupyter display it. matplotlib is an optional dependency, imported when a
function is called: ``pip install 'tarikh[plot]'``.

The map draws country outlines bundled with tarikh (Natural Earth 1:50m,
public domain; see ``scripts/build_outlines.py``): no tile server, no network.

Examples
--------
>>> import polars as pl
>>> import tarikh
>>> from tarikh import plot
>>> res = tarikh.extract([(p.stem, p.read_text(encoding="utf-8")) for p in tarikh.sample_paths()])
>>> fig = plot.event_map(res.events.filter(pl.col("country") == "MLI"))
>>> fig.savefig("mali.png")  # doctest: +SKIP
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import polars as pl

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "actor_event_heatmap",
    "cooccurrence_network",
    "event_map",
    "events_over_time",
    "load_outlines",
]

#: Mention kinds that count as actors in :func:`cooccurrence_network`.
ACTOR_KINDS = ("armed_group", "state_force", "organization", "person", "country")

#: One colour per entity kind, shared by the plots.
KIND_COLORS = {
    "armed_group": "#d62728",
    "state_force": "#1f77b4",
    "organization": "#2ca02c",
    "person": "#9467bd",
    "country": "#7f7f7f",
    "place": "#8c564b",
    "region": "#bcbd22",
}

_EVENT_POINT_COLOR = "#c0392b"
_LAND_COLOR = "#f2efe6"
_FOCUS_COLOR = "#e6dcc3"
_BORDER_COLOR = "#8a8170"


# ------------------------------------------------------------------ helpers
def _mpl() -> Any:
    """Import matplotlib, or explain how to install it."""
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError as e:  # pragma: no cover - exercised without matplotlib
        raise ImportError("tarikh.plot needs matplotlib, an optional dependency: pip install 'tarikh[plot]'") from e
    _setup_notebook_display(matplotlib)
    return Figure


def _setup_notebook_display(matplotlib: Any) -> None:
    """In IPython, make returned figures display as images.

    Figures here are made without pyplot (no global state, no figure shown
    twice when returned as a cell's value); IPython displays them once the
    matplotlib integration is active, which importing pyplot does for the
    notebook's default (inline) backend.
    """
    import sys

    if "IPython" not in sys.modules:
        return
    try:
        from IPython import get_ipython

        ip = get_ipython()
        if ip is None:
            return
        import matplotlib.pyplot  # noqa: F401  # activates the inline integration

        fmt = ip.display_formatter.formatters.get("image/png")
        if fmt is not None:
            from matplotlib.figure import Figure

            try:
                fmt.lookup_by_type(Figure)
            except KeyError:
                from IPython.core.pylabtools import print_figure

                fmt.for_type(Figure, lambda fig: print_figure(fig, "png", bbox_inches="tight"))
    except (ImportError, AttributeError):  # pragma: no cover - display is a convenience
        return


def _frame(df: Any, name: str, required: Sequence[str]) -> pl.DataFrame:
    if isinstance(df, pl.LazyFrame):
        df = df.collect()
    if not isinstance(df, pl.DataFrame):
        raise TypeError(f"{name}: expected a polars DataFrame, got {type(df).__name__}")
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise ValueError(f"{name}: missing column(s) {', '.join(map(repr, missing))}")
    return df


def _empty(ax: Axes, message: str) -> None:
    """Turn ``ax`` into a readable 'nothing to plot' panel."""
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=12, color="#555555", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)


def _short(label: str, width: int = 28) -> str:
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def _palette(n: int) -> list[Any]:
    from matplotlib import colormaps

    cmap = colormaps["tab10" if n <= 10 else "tab20"]
    return [cmap(i % cmap.N) for i in range(n)]


# ------------------------------------------------------------ events over time
def events_over_time(
    events: pl.DataFrame,
    freq: str = "1mo",
    by: str | None = "event_type",
    *,
    kind: str = "bar",
    top: int = 10,
    title: str | None = None,
    figsize: tuple[float, float] = (10, 4.5),
) -> Figure:
    """Number of events per period, stacked by a category.

    Events without a ``date`` are left out (their number is given on the
    figure).

    Parameters
    ----------
    events
        An events table (``Result.events``), filtered as needed.
    freq
        Period length, as a polars duration: ``"1w"``, ``"1mo"``, ``"1q"``,
        ``"1y"``...
    by
        Column that splits the counts (``"event_type"``, ``"country"``,
        ``"actor1_kind"``...), or ``None`` for the total only.
    kind
        ``"bar"`` (stacked bars) or ``"line"`` (one line per category).
    top
        Categories kept; the rest are summed as ``"other"``.
    title
        Figure title; a description of the plot by default.
    figsize
        Figure size in inches.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import tarikh
    >>> from tarikh import plot
    >>> res = tarikh.extract({"a": "Le 3 mars 2025, le JNIM a attaqué un poste des FAMa à Diafarabé."})
    >>> fig = plot.events_over_time(res.events, freq="1mo")
    >>> len(fig.axes[0].patches) > 0
    True
    """
    Figure = _mpl()
    if kind not in ("bar", "line"):
        raise ValueError(f"kind: expected 'bar' or 'line', got {kind!r}")
    required = ["date"] + ([by] if by else [])
    df = _frame(events, "events", required)
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()
    ax.set_title(title or f"Events per {_freq_name(freq)}" + (f" by {by}" if by else ""))
    dated = df.filter(pl.col("date").is_not_null())
    n_undated = df.height - dated.height
    if dated.height == 0:
        _empty(ax, "No dated events to plot" + (f"\n({n_undated} events without a date)" if n_undated else ""))
        return fig

    period = pl.col("date").cast(pl.Date).dt.truncate(freq).alias("period")
    cat = (pl.col(by).cast(pl.String).fill_null("unknown") if by else pl.lit("events")).alias("cat")
    counts = dated.select(period, cat).group_by("period", "cat").len()
    totals = counts.group_by("cat").agg(pl.col("len").sum()).sort(["len", "cat"], descending=[True, False])
    keep = totals["cat"].head(top).to_list()
    if totals.height > top:
        counts = (
            counts.with_columns(
                pl.when(pl.col("cat").is_in(keep)).then(pl.col("cat")).otherwise(pl.lit("other")).alias("cat")
            )
            .group_by("period", "cat")
            .agg(pl.col("len").sum())
        )
        keep.append("other")

    start, end = counts["period"].min(), counts["period"].max()
    grid = pl.DataFrame({"period": pl.date_range(start, end, interval=freq, eager=True)})
    grid = grid.with_columns(pl.col("period").dt.truncate(freq)).unique("period", maintain_order=True)
    wide = grid.join(
        counts.pivot(on="cat", index="period", values="len", aggregate_function="sum"),
        on="period",
        how="left",
    ).fill_null(0)
    periods = wide["period"].to_list()
    nxt = wide.select(pl.col("period").dt.offset_by(freq))["period"].to_list()
    widths = [0.8 * (b - a).days for a, b in zip(periods, nxt)]
    colors = _palette(len(keep))

    bottom = [0] * len(periods)
    for name, color in zip(keep, colors):
        values = wide[name].to_list() if name in wide.columns else [0] * len(periods)
        if kind == "bar":
            ax.bar(periods, values, width=widths, bottom=bottom, align="edge", color=color, label=name)
            bottom = [b + v for b, v in zip(bottom, values)]
        else:
            ax.plot(periods, values, marker="o", markersize=3, color=color, label=name)
    ax.set_ylabel("events")
    ax.set_ylim(bottom=0)
    ax.yaxis.get_major_locator().set_params(integer=True)
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    if by:
        ax.legend(title=by, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize="small")
    if n_undated:
        ax.annotate(
            f"{n_undated} of {df.height} events have no date and are not shown",
            xy=(0, -0.12),
            xycoords="axes fraction",
            fontsize="small",
            color="#555555",
            va="top",
        )
    return fig


def _freq_name(freq: str) -> str:
    names = {"d": "day", "w": "week", "mo": "month", "q": "quarter", "y": "year"}
    n = freq.rstrip("abcdefghijklmnopqrstuvwxyz")
    unit = names.get(freq[len(n) :], freq[len(n) :])
    return unit if n in ("", "1") else f"{n} {unit}s"


# ------------------------------------------------------------------ the map
@lru_cache(maxsize=1)
def load_outlines() -> dict[str, Any]:
    """The bundled country outlines (Natural Earth 1:50m, public domain).

    Returns
    -------
    dict
        ``{"source": ..., "sahel": [ISO3...], "countries": {ISO3: {"name",
        "label": [lon, lat], "polygons": [[ring, hole...]...]}}}``, where a
        ring is a flat ``[lon0, lat0, lon1, lat1, ...]`` list.

    Examples
    --------
    >>> from tarikh import plot
    >>> o = plot.load_outlines()
    >>> o["countries"]["MLI"]["name"], "Natural Earth" in o["source"]
    ('Mali', True)
    """
    path = resources.files("tarikh") / "data" / "sahel_outlines.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _bbox(rings: list[list[float]]) -> tuple[float, float, float, float]:
    xs = [x for r in rings for x in r[0::2]]
    ys = [y for r in rings for y in r[1::2]]
    return min(xs), min(ys), max(xs), max(ys)


def event_map(
    events: pl.DataFrame,
    countries: Sequence[str] | None = None,
    *,
    labels: int = 8,
    title: str | None = None,
    figsize: tuple[float, float] = (10, 7),
) -> Figure:
    """Events as points over Sahel country outlines, sized by count.

    Events are grouped by ``location``/``lat``/``lon``; the area of each
    point is proportional to its number of events. Events without
    coordinates, and events outside the map (Paris, say), are counted on the
    figure but not drawn.

    Parameters
    ----------
    events
        An events table (``Result.events``), filtered as needed.
    countries
        ISO3 codes of the countries to zoom to and highlight (for example
        ``["MLI", "BFA", "NER"]``); by default the Sahel (Mauritania,
        Senegal, Mali, Burkina Faso, Niger, Chad) and every mapped event.
        Outlines cover West, North and Central Africa around the Sahel.
    labels
        Number of the busiest locations labelled with their name and count.
    title
        Figure title; a description of the plot by default.
    figsize
        Figure size in inches.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import tarikh
    >>> from tarikh import plot
    >>> res = tarikh.extract({"a": "Le 3 mars 2025, le JNIM a attaqué un poste des FAMa à Diafarabé."})
    >>> fig = plot.event_map(res.events, countries=["MLI"])
    >>> len(fig.axes[0].collections[-1].get_offsets())
    1
    """
    Figure = _mpl()
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    df = _frame(events, "events", ["lat", "lon"])
    outlines = load_outlines()["countries"]
    focus = list(countries) if countries is not None else list(load_outlines()["sahel"])
    unknown = [c for c in focus if c not in outlines]
    if unknown:
        raise ValueError(
            f"countries: no outline for {', '.join(map(repr, unknown))}; available: {', '.join(sorted(outlines))}"
        )

    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()

    # what to show: the focus countries, plus the events inside the mapped area
    all_rings = [r for c in outlines.values() for p in c["polygons"] for r in p[:1]]
    wx0, wy0, wx1, wy1 = _bbox(all_rings)
    focus_rings = [r for c in focus for p in outlines[c]["polygons"] for r in p[:1]]
    x0, y0, x1, y1 = _bbox(focus_rings) if focus_rings else (wx0, wy0, wx1, wy1)
    loc_col = "location" if "location" in df.columns else None
    located = df.filter(pl.col("lat").is_not_null() & pl.col("lon").is_not_null())
    inside = located.filter(pl.col("lon").is_between(wx0, wx1) & pl.col("lat").is_between(wy0, wy1))
    if countries is None and inside.height:
        x0, x1 = min(x0, inside["lon"].min()), max(x1, inside["lon"].max())
        y0, y1 = min(y0, inside["lat"].min()), max(y1, inside["lat"].max())
    pad = 0.04 * max(x1 - x0, y1 - y0) + 0.5
    x0, x1, y0, y1 = x0 - pad, x1 + pad, y0 - pad, y1 + pad
    shown = inside.filter(pl.col("lon").is_between(x0, x1) & pl.col("lat").is_between(y0, y1))

    # outlines: one compound path per polygon (holes follow the exterior ring)
    for iso3, c in outlines.items():
        face = _FOCUS_COLOR if iso3 in focus else _LAND_COLOR
        for poly in c["polygons"]:
            verts: list[tuple[float, float]] = []
            codes: list[int] = []
            for r in poly:
                pts = list(zip(r[0::2], r[1::2]))
                verts.extend(pts)
                codes.extend([MplPath.MOVETO] + [MplPath.LINETO] * (len(pts) - 2) + [MplPath.CLOSEPOLY])
            ax.add_patch(
                PathPatch(MplPath(verts, codes), facecolor=face, edgecolor=_BORDER_COLOR, linewidth=0.6, zorder=1)
            )
        lx, ly = c["label"]
        if x0 < lx < x1 and y0 < ly < y1:
            ax.text(lx, ly, c["name"], ha="center", va="center", fontsize=8, color="#6b6354", style="italic", zorder=2)

    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(1 / math.cos(math.radians((y0 + y1) / 2)))
    ax.set_facecolor("#dfeaf2")
    ax.tick_params(labelsize=8)
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_title(title or f"Events by location ({shown.height} of {df.height} events mapped)")

    if shown.height == 0:
        ax.text(
            0.5,
            0.5,
            "No events with coordinates on this map",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=12,
            color="#555555",
            bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"},
            zorder=5,
        )
    else:
        keys = ["lat", "lon"] + ([loc_col] if loc_col else [])
        pts = shown.group_by(keys).len().sort(["len", *keys], descending=[True, False, False] + [False] * bool(loc_col))
        sizes = [40 * n for n in pts["len"].to_list()]
        ax.scatter(
            pts["lon"].to_list(),
            pts["lat"].to_list(),
            s=sizes,
            color=_EVENT_POINT_COLOR,
            alpha=0.65,
            edgecolors="white",
            linewidths=0.8,
            zorder=4,
        )
        for row in pts.head(labels).iter_rows(named=True):
            name = row.get(loc_col) if loc_col else None
            text = f"{name} ({row['len']})" if name else str(row["len"])
            ax.annotate(
                text,
                (row["lon"], row["lat"]),
                xytext=(6, 4),
                textcoords="offset points",
                fontsize=8,
                zorder=5,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.7, "edgecolor": "none"},
            )
        top_n = pts["len"].max()
        ref = sorted({1, max(1, top_n // 2), top_n})
        from matplotlib.lines import Line2D

        handles = [
            Line2D([], [], marker="o", linestyle="", markersize=math.sqrt(40 * n), color=_EVENT_POINT_COLOR, alpha=0.65)
            for n in ref
        ]
        ax.legend(handles, [str(n) for n in ref], title="events", loc="lower left", labelspacing=1.2, fontsize=8)
    missing = df.height - located.height
    off_map = located.height - shown.height
    notes = []
    if missing:
        notes.append(f"{missing} without coordinates")
    if off_map:
        notes.append(f"{off_map} outside the map")
    if notes:
        ax.annotate(
            "Not shown: " + ", ".join(notes),
            xy=(0, -0.08),
            xycoords="axes fraction",
            va="top",
            fontsize="small",
            color="#555555",
        )
    ax.annotate(
        "Outlines: Natural Earth",
        xy=(1, -0.08),
        xycoords="axes fraction",
        ha="right",
        va="top",
        fontsize=7,
        color="#888888",
    )
    return fig


# ------------------------------------------------------------- the heat map
def actor_event_heatmap(
    events: pl.DataFrame,
    top: int = 15,
    *,
    role: str = "both",
    title: str | None = None,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Number of events per actor and event type.

    Parameters
    ----------
    events
        An events table (``Result.events``), filtered as needed.
    top
        Actors kept, the most frequent first.
    role
        Count an actor when it is ``"actor1"``, ``"actor2"`` or ``"both"``
        (either side of the event).
    title
        Figure title; a description of the plot by default.
    figsize
        Figure size in inches; by default it grows with the table.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import tarikh
    >>> from tarikh import plot
    >>> res = tarikh.extract({"a": "Le 3 mars 2025, le JNIM a attaqué un poste des FAMa à Diafarabé."})
    >>> fig = plot.actor_event_heatmap(res.events, top=5)
    >>> int(fig.axes[0].images[0].get_array().sum()) >= 1
    True
    """
    Figure = _mpl()
    if role not in ("actor1", "actor2", "both"):
        raise ValueError(f"role: expected 'actor1', 'actor2' or 'both', got {role!r}")
    cols = ["actor1", "actor2"] if role == "both" else [role]
    df = _frame(events, "events", ["event_type", *cols])
    long = pl.concat(
        [df.select(pl.col(c).alias("actor"), pl.col("event_type")).filter(pl.col("actor").is_not_null()) for c in cols]
    )
    # an actor on both sides of one event counts once
    if "event_id" in df.columns:
        ids = pl.concat([df.select(pl.col(c).alias("actor"), "event_id") for c in cols])
        long = (
            ids.filter(pl.col("actor").is_not_null())
            .unique()
            .join(df.select("event_id", "event_type"), on="event_id")
            .select("actor", "event_type")
        )
    long = long.with_columns(pl.col("event_type").fill_null("unknown"))
    if long.height == 0:
        fig = Figure(figsize=figsize or (7, 4), layout="constrained")
        ax = fig.add_subplot()
        ax.set_title(title or "Events per actor and event type")
        _empty(ax, "No events with actors to plot")
        return fig

    counts = long.group_by("actor", "event_type").len()
    actors = (
        (counts.group_by("actor").agg(pl.col("len").sum()).sort(["len", "actor"], descending=[True, False])["actor"])
        .head(top)
        .to_list()
    )
    counts = counts.filter(pl.col("actor").is_in(actors))
    types = (
        counts.group_by("event_type").agg(pl.col("len").sum()).sort(["len", "event_type"], descending=[True, False])
    )["event_type"].to_list()
    lookup = {(a, t): n for a, t, n in counts.iter_rows()}
    matrix = [[lookup.get((a, t), 0) for t in types] for a in actors]

    if figsize is None:
        figsize = (max(6.0, 1.6 + 0.55 * len(types) + 2.5), max(3.0, 1.6 + 0.38 * len(actors)))
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()
    import numpy as np

    # empty cells stay blank
    im = ax.imshow(np.ma.masked_equal(np.array(matrix), 0), cmap="YlOrRd", aspect="auto", vmin=0)
    ax.set_xticks(range(len(types)), [t.replace("_", " ") for t in types], rotation=40, ha="right")
    ax.set_yticks(range(len(actors)), [_short(a, 34) for a in actors])
    vmax = max(max(r) for r in matrix)
    for i, row in enumerate(matrix):
        for j, n in enumerate(row):
            if n:
                ax.text(j, i, str(n), ha="center", va="center", fontsize=8, color="white" if n > vmax / 2 else "black")
    ax.set_title(title or f"Events per actor and event type (top {len(actors)} actors, {role})")
    cb = fig.colorbar(im, ax=ax, shrink=0.8)
    cb.set_label("events")
    cb.locator = __import__("matplotlib.ticker", fromlist=["MaxNLocator"]).MaxNLocator(integer=True)
    cb.update_ticks()
    return fig


# --------------------------------------------------- the co-occurrence network
def cooccurrence_network(
    mentions: pl.DataFrame,
    kinds: Sequence[str] = ACTOR_KINDS,
    top: int = 30,
    *,
    by: str = "document",
    min_weight: int = 1,
    layout: str = "spring",
    skip_boilerplate: bool = True,
    seed: int = 0,
    title: str | None = None,
    figsize: tuple[float, float] = (9, 8),
) -> Figure:
    """Actors mentioned together in the same document (or sentence).

    Nodes are entities (``entity_id``; a person the gazetteer lacks, by its
    name), sized by the number of documents (or sentences) that mention them
    and coloured by kind; an edge joins two entities mentioned in the same
    unit, its width growing with the number of such units. The layout is a
    spring layout (networkx's if installed, otherwise a small
    Fruchterman-Reingold in numpy) or a circle.

    Parameters
    ----------
    mentions
        A mentions table (``Result.mentions``), filtered as needed.
    kinds
        Entity kinds kept as nodes.
    top
        Nodes kept, the most frequently mentioned first.
    by
        Co-occurrence unit: ``"document"`` or ``"sentence"`` (needs
        ``sentence_id``).
    min_weight
        Edges shared by fewer units are not drawn.
    layout
        ``"spring"`` or ``"circular"``.
    skip_boilerplate
        Leave out mentions in page boilerplate (menus, headers), when the
        ``in_boilerplate`` column is present.
    seed
        Seed of the spring layout, for a reproducible drawing.
    title
        Figure title; a description of the plot by default.
    figsize
        Figure size in inches.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import tarikh
    >>> from tarikh import plot
    >>> res = tarikh.extract({"a": "Le JNIM a attaqué les FAMa. La MINUSMA a condamné l'attaque du JNIM."})
    >>> fig = plot.cooccurrence_network(res.mentions, by="document")
    >>> len(fig.axes[0].collections[-1].get_offsets())  # one point per actor
    3
    """
    Figure = _mpl()
    if by not in ("document", "sentence"):
        raise ValueError(f"by: expected 'document' or 'sentence', got {by!r}")
    if layout not in ("spring", "circular"):
        raise ValueError(f"layout: expected 'spring' or 'circular', got {layout!r}")
    unit_cols = ["doc_id"] if by == "document" else ["doc_id", "sentence_id"]
    df = _frame(mentions, "mentions", [*unit_cols, "entity_id", "name", "kind"])
    if skip_boilerplate and "in_boilerplate" in df.columns:
        df = df.filter(~pl.col("in_boilerplate").fill_null(False))
    # a person the gazetteer lacks (null entity_id) is a node by its name
    df = df.filter(pl.col("kind").is_in(list(kinds))).with_columns(
        pl.coalesce("entity_id", pl.lit("name:") + pl.col("name")).alias("entity_id")
    ).filter(pl.col("entity_id").is_not_null())

    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()
    ax.set_title(title or f"Actors mentioned in the same {by}")
    if df.height == 0:
        _empty(ax, "No actor mentions to plot")
        return fig

    units = df.select(pl.struct(unit_cols).hash().alias("unit"), "entity_id").unique()
    freq = units.group_by("entity_id").len().sort(["len", "entity_id"], descending=[True, False]).head(top)
    nodes = freq["entity_id"].to_list()
    # label: the canonical name, or its most frequent surface form when the name is long
    info = {}
    surf = "surface" if "surface" in df.columns else "name"
    for eid, name, kind, surface in (
        df.filter(pl.col("entity_id").is_in(nodes))
        .group_by("entity_id", "name", "kind", pl.col(surf).alias("_s"))
        .len()
        .sort(["len", "_s"], descending=[True, False])
        .unique("entity_id", keep="first", maintain_order=True)
        .select("entity_id", "name", "kind", "_s")
        .iter_rows()
    ):
        label = name if len(name) <= 24 or len(surface) >= len(name) else surface
        info[eid] = (_short(label, 26), kind)

    units = units.filter(pl.col("entity_id").is_in(nodes))
    edges = (
        units.join(units, on="unit", suffix="_b")
        .filter(pl.col("entity_id") < pl.col("entity_id_b"))
        .group_by("entity_id", "entity_id_b")
        .len()
        .filter(pl.col("len") >= min_weight)
        .sort(["len", "entity_id", "entity_id_b"], descending=[True, False, False])
    )
    index = {e: i for i, e in enumerate(nodes)}
    edge_list = [(index[a], index[b], w) for a, b, w in edges.iter_rows()]
    pos = _layout(len(nodes), edge_list, layout, seed)

    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    if edge_list:
        wmax = max(w for _, _, w in edge_list)
        segs = [[pos[a], pos[b]] for a, b, _ in edge_list]
        widths = [0.5 + 4.0 * w / wmax for _, _, w in edge_list]
        ax.add_collection(LineCollection(segs, linewidths=widths, colors="#999999", alpha=0.45, zorder=1))
    counts = freq["len"].to_list()
    cmax = max(counts)
    ax.scatter(
        [p[0] for p in pos],
        [p[1] for p in pos],
        s=[80 + 900 * c / cmax for c in counts],
        c=[KIND_COLORS.get(info[e][1], "#17becf") for e in nodes],
        edgecolors="white",
        linewidths=1.0,
        zorder=2,
    )
    for e, (x, y) in zip(nodes, pos):
        ax.annotate(info[e][0], (x, y), xytext=(0, 9), textcoords="offset points", ha="center", fontsize=8, zorder=3)
    present = [k for k in kinds if any(info[e][1] == k for e in nodes)]
    ax.legend(
        handles=[
            Line2D([], [], marker="o", linestyle="", markersize=8, color=KIND_COLORS.get(k, "#17becf")) for k in present
        ],
        labels=[k.replace("_", " ") for k in present],
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        fontsize="small",
    )
    ax.set_xlim(-1.25, 1.25)
    ax.set_ylim(-1.2, 1.25)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return fig


def _layout(n: int, edges: list[tuple[int, int, int]], layout: str, seed: int) -> list[tuple[float, float]]:
    """Node positions in [-1, 1]^2: circular, or spring (networkx if present,
    else Fruchterman-Reingold in numpy)."""
    import numpy as np

    if n == 1:
        return [(0.0, 0.0)]
    angles = np.linspace(0, 2 * np.pi, n, endpoint=False) + np.pi / 2
    circle = np.column_stack([np.cos(angles), np.sin(angles)])
    if layout == "circular":
        pos = circle
    else:
        try:
            import networkx as nx
        except ImportError:
            nx = None
        if nx is not None:
            g = nx.Graph()
            g.add_nodes_from(range(n))
            g.add_weighted_edges_from(edges)
            p = nx.spring_layout(g, weight="weight", seed=seed, k=2.0 / math.sqrt(n))
            pos = np.array([p[i] for i in range(n)], dtype=float)
        else:
            pos = _spring(n, edges, circle, seed)
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    pos = 2 * (pos - lo) / span - 1 if n > 1 else pos * 0
    return [(float(x), float(y)) for x, y in pos]


def _spring(n: int, edges: list[tuple[int, int, int]], init: Any, seed: int, iterations: int = 200) -> Any:
    """Fruchterman-Reingold force-directed layout (weighted attraction)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    pos = init + rng.normal(scale=0.05, size=init.shape)
    adj = np.zeros((n, n))
    for a, b, w in edges:
        adj[a, b] = adj[b, a] = w
    if adj.max() > 0:
        adj = np.sqrt(adj / adj.max())
    k = 2.0 / math.sqrt(n)
    t = 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=-1), 0.01)
        # repulsion k^2/d between all pairs, attraction w*d^2/k along edges, weak gravity to the centre
        force = (k * k / dist**2 - adj * dist / k)[:, :, None] * delta
        disp = force.sum(axis=1) - 0.3 * pos * np.linalg.norm(pos, axis=-1, keepdims=True)
        length = np.maximum(np.linalg.norm(disp, axis=-1), 1e-9)
        pos = pos + disp / length[:, None] * np.minimum(length, t)[:, None]
        t = max(t * 0.98, 0.005)
    return pos
