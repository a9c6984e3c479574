"""Events across documents: :func:`dedupe` groups reports of one happening,
:func:`to_acled` lays events out as ACLED rows."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import polars as pl

if TYPE_CHECKING:
    from tarikh._extract import Result
    from tarikh._gazetteer import Gazetteer

__all__ = ["Deduped", "dedupe", "to_acled", "EVENT_GROUPS_SCHEMA", "ACLED_SCHEMA"]

# The events table as ``extract`` returns it. Frames built by hand may leave
# out any column but ``event_id``, ``doc_id`` and ``event_type``; the missing
# ones are read as nulls.
_EVENTS_SCHEMA: dict[str, pl.DataType] = {
    "event_id": pl.String(), "doc_id": pl.String(), "sentence_id": pl.UInt32(), "event_type": pl.String(),
    "acled_event_type": pl.String(), "acled_sub_event_type": pl.String(), "trigger": pl.String(),
    "trigger_start": pl.Int64(), "trigger_end": pl.Int64(),
    "actor1": pl.String(), "actor1_id": pl.String(), "actor1_kind": pl.String(),
    "actor2": pl.String(), "actor2_id": pl.String(), "actor2_kind": pl.String(),
    "location": pl.String(), "location_id": pl.String(), "country": pl.String(), "admin1": pl.String(),
    "lat": pl.Float64(), "lon": pl.Float64(), "geo_precision": pl.UInt32(),
    "date": pl.Date(), "date_precision": pl.String(), "date_text": pl.String(),
    "quantity": pl.Int64(), "quantity_approx": pl.Boolean(), "modality": pl.String(),
    "confidence": pl.Float32(), "n_triggers": pl.UInt32(), "sentence": pl.String(),
}
_REQUIRED = ("event_id", "doc_id", "event_type")

#: Columns of the ``event_groups`` table :func:`dedupe` returns.
EVENT_GROUPS_SCHEMA: dict[str, pl.DataType] = {
    "event_group_id": pl.String(), "event_type": pl.String(), "date": pl.Date(), "date_precision": pl.String(),
    "location": pl.String(), "location_id": pl.String(), "country": pl.String(), "admin1": pl.String(),
    "lat": pl.Float64(), "lon": pl.Float64(),
    "actor1": pl.String(), "actor1_id": pl.String(), "actor2": pl.String(), "actor2_id": pl.String(),
    "quantity": pl.Int64(), "n_mentions": pl.UInt32(), "n_documents": pl.UInt32(), "doc_ids": pl.List(pl.String()),
}

#: Columns of the table :func:`to_acled` returns, in ACLED's order.
ACLED_SCHEMA: dict[str, pl.DataType] = {
    "event_id_cnty": pl.String(), "event_date": pl.Date(), "year": pl.Int32(), "time_precision": pl.Int8(),
    "disorder_type": pl.String(), "event_type": pl.String(), "sub_event_type": pl.String(),
    "actor1": pl.String(), "assoc_actor_1": pl.String(), "inter1": pl.Int8(),
    "actor2": pl.String(), "assoc_actor_2": pl.String(), "inter2": pl.Int8(), "interaction": pl.Int16(),
    "civilian_targeting": pl.String(), "iso": pl.Int16(), "region": pl.String(), "country": pl.String(),
    "admin1": pl.String(), "admin2": pl.String(), "admin3": pl.String(), "location": pl.String(),
    "latitude": pl.Float64(), "longitude": pl.Float64(), "geo_precision": pl.Int8(),
    "source": pl.String(), "source_scale": pl.String(), "notes": pl.String(), "fatalities": pl.Int64(),
    "tags": pl.String(), "timestamp": pl.Int64(),
}


class Deduped(NamedTuple):
    """What :func:`dedupe` returns; unpacks as ``events, event_groups = ...``.

    Attributes
    ----------
    events : polars.DataFrame
        The input events, in input order, with ``event_group_id`` added after
        ``event_id``.
    event_groups : polars.DataFrame
        One row per group (see :data:`EVENT_GROUPS_SCHEMA`), sorted by
        ``event_group_id``.
    """

    events: pl.DataFrame
    event_groups: pl.DataFrame


def _normalise(events: pl.DataFrame) -> pl.DataFrame:
    if isinstance(events, pl.LazyFrame):
        events = events.collect()
    if not isinstance(events, pl.DataFrame):
        raise TypeError(f"expected an events polars.DataFrame, got {type(events).__name__}")
    missing = [c for c in _REQUIRED if c not in events.columns]
    if missing:
        raise ValueError(f"events table lacks column(s) {missing} (columns: {events.columns})")
    add = [pl.lit(None, dtype=t).alias(c) for c, t in _EVENTS_SCHEMA.items() if c not in events.columns]
    return events.with_columns(add) if add else events


# ------------------------------------------------------------------- dedupe
def _find(parent: list[int], x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _components(n: int, edges: pl.DataFrame) -> list[int]:
    """Union-find over ``edges`` (columns ``u``, ``v``); nodes past the event
    rows are hubs. Returns each node's root."""
    top = max(n, int(edges["v"].max()) + 1 if edges.height else n)
    parent = list(range(top))
    for u, v in zip(edges["u"].to_list(), edges["v"].to_list()):
        ru, rv = _find(parent, u), _find(parent, v)
        if ru != rv:
            if ru < rv:
                parent[rv] = ru
            else:
                parent[ru] = rv
    return [_find(parent, i) for i in range(n)]


def _edges(ev: pl.DataFrame, max_days: int) -> pl.DataFrame:
    """Links between compatible events, exactly as described in :func:`dedupe`,
    in linear-size form: an event whose compatible set is "everything sharing
    a key" (a null, year or month date) is a hub joined by all of that set,
    and day-precision events are chained in date order."""
    base = ev.filter(pl.col("event_type").is_not_null() & pl.col("place").is_not_null())
    if base.height == 0:
        return pl.DataFrame(schema={"u": pl.Int64, "v": pl.Int64})
    actors = pl.concat_list(pl.coalesce("actor1_id", "actor1"), pl.coalesce("actor2_id", "actor2"))
    x = (base.with_columns(ak=actors.list.drop_nulls().list.unique())
         .with_columns(ak=pl.when(pl.col("ak").list.len() == 0).then(pl.lit(["*"])).otherwise("ak"))
         .explode("ak")
         .select("idx", "event_type", "place", "ak", "prec", "d", "y", "m"))
    blk = ["event_type", "place"]
    star = pl.col("ak") == "*"
    parts: list[pl.DataFrame] = []
    n_hubs = ev.height

    def hubs(centers: pl.DataFrame, members: pl.DataFrame, extra: list[str]) -> None:
        # centers: rows whose compatible set is their key; members: candidate rows
        nonlocal n_hubs
        keys = centers.select(*blk, "ak", *extra).unique().sort(*blk, "ak", *extra)
        keys = keys.with_columns(hub=pl.int_range(n_hubs, n_hubs + keys.height, dtype=pl.Int64))
        n_hubs += keys.height
        actor_hubs, star_hubs = keys.filter(~star), keys.filter(star).drop("ak")
        parts.append(members.filter(~star).join(actor_hubs, on=[*blk, "ak", *extra]).select(u="idx", v="hub"))
        parts.append(members.filter(star).join(actor_hubs.drop("ak"), on=[*blk, *extra])
                     .select(u="idx", v="hub"))
        parts.append(members.select("idx", *blk, *extra).unique().join(star_hubs, on=[*blk, *extra])
                     .select(u="idx", v="hub"))

    dated = x.filter(pl.col("prec") != "none")
    fine = x.filter(pl.col("prec").is_in(["day", "month"]))
    hubs(x.filter(pl.col("prec") == "none"), x, [])
    hubs(x.filter(pl.col("prec") == "year"), dated, ["y"])
    hubs(x.filter(pl.col("prec") == "month"), fine, ["m"])

    days = x.filter(pl.col("prec") == "day")
    # same actor, day dates: consecutive events within max_days (an interval graph)
    chain = (days.filter(~star).sort(*blk, "ak", "d", "idx")
             .with_columns(pl.col("idx", "d").shift(-1).over(*blk, "ak").name.suffix("_next"))
             .filter(pl.col("d_next").is_not_null() & (pl.col("d_next") - pl.col("d") <= max_days)))
    parts.append(chain.select(u="idx", v=pl.col("idx_next").cast(pl.Int64)))
    # no actors, day dates: every day event of the block within max_days
    w = max_days + 1
    stars = days.filter(star).select("idx", *blk, "d", b=pl.col("d") // w)
    alld = days.select("idx", *blk, "d").unique().with_columns(b=pl.col("d") // w)
    for k in (-1, 0, 1):
        near = stars.with_columns(b=pl.col("b") + k).join(alld, on=[*blk, "b"], suffix="_o")
        near = near.filter((pl.col("d") - pl.col("d_o")).abs() <= max_days)
        parts.append(near.select(u="idx", v="idx_o"))
    return pl.concat([p.with_columns(pl.col("u", "v").cast(pl.Int64)) for p in parts], how="vertical")


def _first_by_count(ev: pl.DataFrame, key: str, cols: list[str]) -> pl.DataFrame:
    """Per group, the values of ``cols`` from the most frequent non-null
    ``key`` (ties: the earliest event)."""
    counts = (ev.filter(pl.col(key).is_not_null())
              .group_by("event_group_id", key).agg(n=pl.len(), first=pl.col("order").min()))
    best = counts.sort("event_group_id", "n", "first", descending=[False, True, False]).unique(
        "event_group_id", keep="first")
    rows = ev.join(best.select("event_group_id", "first"), left_on=["event_group_id", "order"],
                   right_on=["event_group_id", "first"])
    return rows.select("event_group_id", *cols)


def dedupe(events: pl.DataFrame, *, max_days: int = 3) -> Deduped:
    """Group events that report the same happening, across documents.

    Two events are linked when all of these hold:

    - the same ``event_type``;
    - the same place: equal ``location_id``, or, when neither has one, equal
      ``country`` (an event with neither is never linked);
    - compatible dates: equal at the coarser of the two ``date_precision``
      values (same month for a day and a month date, same year for a year
      date), or at most ``max_days`` apart when both are day dates; a null
      date is compatible with any date;
    - overlapping actors: an actor (``actor1_id`` / ``actor2_id``, the name
      where the id is null) in common, or one side has no actor.

    Groups are the connected components of these links (so two events may
    share a group through a third one), including links between events of the
    same document. The work is vectorised and linear in the number of events
    (hub nodes stand for "everything in this month / year / block"), so
    10⁵ events take about a second.

    Parameters
    ----------
    events
        An events table as in ``tarikh.extract(...).events``. Only
        ``event_id``, ``doc_id`` and ``event_type`` are required; other
        missing columns count as null.
    max_days
        The largest gap, in days, between two day-precision dates of one group.

    Returns
    -------
    Deduped
        A named tuple ``(events, event_groups)``. ``events`` is the input in
        its order with ``event_group_id`` after ``event_id``: ``"g:"`` plus the
        smallest ``event_id`` of the group, so ids do not depend on row order.
        ``event_groups`` has one row per group: ``event_group_id``,
        ``event_type``, the first ``date`` (the finest precision among equal
        first dates) with its ``date_precision``; ``location``,
        ``location_id``, ``country``, ``admin1``, ``lat``, ``lon`` taken
        together from the events with the most frequent place, and ``actor1``,
        ``actor1_id`` and ``actor2``, ``actor2_id`` likewise (ties go to the
        earliest event: by date, then ``event_id``); ``quantity`` the largest;
        ``n_mentions`` the number of events; ``n_documents`` and ``doc_ids``
        (sorted) the distinct documents, like GDELT's events and mentions
        tables.

    Examples
    --------
    >>> import datetime as dt
    >>> import polars as pl
    >>> import tarikh
    >>> ev = pl.DataFrame({
    ...     "event_id": ["a:0", "b:0", "c:0"],
    ...     "doc_id": ["a", "b", "c"],
    ...     "event_type": ["attack", "attack", "attack"],
    ...     "actor1_id": ["ag:jnim", "ag:jnim", "ag:jnim"],
    ...     "location_id": ["gn:2458925", "gn:2458925", "gn:2458925"],
    ...     "date": [dt.date(2025, 7, 1), dt.date(2025, 7, 2), dt.date(2025, 9, 1)],
    ...     "date_precision": ["day", "day", "day"],
    ... })
    >>> events, groups = tarikh.dedupe(ev)
    >>> events["event_group_id"].to_list()
    ['g:a:0', 'g:a:0', 'g:c:0']
    >>> groups.select("event_group_id", "date", "n_mentions", "doc_ids").rows()
    [('g:a:0', datetime.date(2025, 7, 1), 2, ['a', 'b']), ('g:c:0', datetime.date(2025, 9, 1), 1, ['c'])]
    """
    if not isinstance(max_days, int) or max_days < 0:
        raise ValueError(f"max_days must be a non-negative integer, got {max_days!r}")
    src = events.collect() if isinstance(events, pl.LazyFrame) else events
    ev = _normalise(src)
    cols = [c for c in src.columns if c != "event_group_id"]
    pos = cols.index("event_id") + 1
    out_cols = cols[:pos] + ["event_group_id"] + cols[pos:]
    ev = ev.drop("event_group_id", strict=False)
    if ev.height == 0:
        empty = src.clear().drop("event_group_id", strict=False).with_columns(
            event_group_id=pl.lit(None, dtype=pl.String)).select(out_cols)
        return Deduped(empty, pl.DataFrame(schema=EVENT_GROUPS_SCHEMA))

    prec = (pl.when(pl.col("date").is_null()).then(pl.lit("none"))
            .otherwise(pl.col("date_precision").fill_null("day")))
    work = ev.with_row_index("idx").with_columns(
        pl.col("idx").cast(pl.Int64),
        place=pl.coalesce(pl.col("location_id"), pl.lit("c:") + pl.col("country")),
        prec=prec,
        d=pl.col("date").cast(pl.Int32),
        y=pl.col("date").dt.year(),
        m=pl.col("date").dt.year() * 12 + pl.col("date").dt.month().cast(pl.Int32),
    )
    roots = _components(work.height, _edges(work, max_days))
    work = work.with_columns(root=pl.Series(roots, dtype=pl.Int64))
    work = work.with_columns(event_group_id=pl.lit("g:") + pl.col("event_id").min().over("root"))
    # earliest first: date (finest precision first on ties), then event_id
    rank = pl.col("date_precision").replace_strict({"day": 0, "month": 1, "year": 2}, default=3,
                                                   return_dtype=pl.Int8)
    work = (work.with_columns(_rank=rank).sort("date", "_rank", "event_id", "idx", nulls_last=True)
            .with_columns(order=pl.int_range(pl.len(), dtype=pl.Int64)))

    groups = work.group_by("event_group_id").agg(
        event_type=pl.col("event_type").first(),
        date=pl.col("date").first(),
        date_precision=pl.col("date_precision").first(),
        quantity=pl.col("quantity").max(),
        n_mentions=pl.len().cast(pl.UInt32),
        n_documents=pl.col("doc_id").n_unique().cast(pl.UInt32),
        doc_ids=pl.col("doc_id").drop_nulls().unique().sort(),
    )
    place = _first_by_count(work.with_columns(_pk=pl.coalesce("location_id", "country")), "_pk",
                            ["location", "location_id", "country", "admin1", "lat", "lon"])
    a1 = _first_by_count(work.with_columns(_a1=pl.coalesce("actor1_id", "actor1")), "_a1", ["actor1", "actor1_id"])
    a2 = _first_by_count(work.with_columns(_a2=pl.coalesce("actor2_id", "actor2")), "_a2", ["actor2", "actor2_id"])
    for part in (place, a1, a2):
        groups = groups.join(part, on="event_group_id", how="left")
    groups = groups.select(list(EVENT_GROUPS_SCHEMA)).cast(EVENT_GROUPS_SCHEMA).sort("event_group_id")

    ids = work.select("idx", "event_group_id").sort("idx")["event_group_id"]
    out = src.drop("event_group_id", strict=False).with_columns(ids.alias("event_group_id")).select(out_cols)
    return Deduped(out, groups)


# ------------------------------------------------------------------ to_acled
# ISO 3166-1 alpha-3 -> (numeric code, ACLED country name, ACLED region), for
# Africa and the states that most often act there.
_COUNTRIES: dict[str, tuple[int, str, str]] = {
    # Western Africa
    "BEN": (204, "Benin", "Western Africa"), "BFA": (854, "Burkina Faso", "Western Africa"),
    "CPV": (132, "Cape Verde", "Western Africa"), "CIV": (384, "Ivory Coast", "Western Africa"),
    "GMB": (270, "Gambia", "Western Africa"), "GHA": (288, "Ghana", "Western Africa"),
    "GIN": (324, "Guinea", "Western Africa"), "GNB": (624, "Guinea-Bissau", "Western Africa"),
    "LBR": (430, "Liberia", "Western Africa"), "MLI": (466, "Mali", "Western Africa"),
    "MRT": (478, "Mauritania", "Western Africa"), "NER": (562, "Niger", "Western Africa"),
    "NGA": (566, "Nigeria", "Western Africa"), "SEN": (686, "Senegal", "Western Africa"),
    "SLE": (694, "Sierra Leone", "Western Africa"), "TGO": (768, "Togo", "Western Africa"),
    # Northern Africa
    "DZA": (12, "Algeria", "Northern Africa"), "EGY": (818, "Egypt", "Northern Africa"),
    "LBY": (434, "Libya", "Northern Africa"), "MAR": (504, "Morocco", "Northern Africa"),
    "TUN": (788, "Tunisia", "Northern Africa"), "SDN": (729, "Sudan", "Northern Africa"),
    "ESH": (732, "Western Sahara", "Northern Africa"),
    # Middle Africa
    "AGO": (24, "Angola", "Middle Africa"), "CMR": (120, "Cameroon", "Middle Africa"),
    "CAF": (140, "Central African Republic", "Middle Africa"), "TCD": (148, "Chad", "Middle Africa"),
    "COG": (178, "Republic of Congo", "Middle Africa"), "COD": (180, "Democratic Republic of Congo", "Middle Africa"),
    "GNQ": (226, "Equatorial Guinea", "Middle Africa"), "GAB": (266, "Gabon", "Middle Africa"),
    "STP": (678, "Sao Tome and Principe", "Middle Africa"),
    # Eastern Africa
    "BDI": (108, "Burundi", "Eastern Africa"), "COM": (174, "Comoros", "Eastern Africa"),
    "DJI": (262, "Djibouti", "Eastern Africa"), "ERI": (232, "Eritrea", "Eastern Africa"),
    "ETH": (231, "Ethiopia", "Eastern Africa"), "KEN": (404, "Kenya", "Eastern Africa"),
    "MDG": (450, "Madagascar", "Eastern Africa"), "MWI": (454, "Malawi", "Eastern Africa"),
    "MUS": (480, "Mauritius", "Eastern Africa"), "MOZ": (508, "Mozambique", "Eastern Africa"),
    "RWA": (646, "Rwanda", "Eastern Africa"), "SYC": (690, "Seychelles", "Eastern Africa"),
    "SOM": (706, "Somalia", "Eastern Africa"), "SSD": (728, "South Sudan", "Eastern Africa"),
    "TZA": (834, "Tanzania", "Eastern Africa"), "UGA": (800, "Uganda", "Eastern Africa"),
    "ZMB": (894, "Zambia", "Eastern Africa"), "ZWE": (716, "Zimbabwe", "Eastern Africa"),
    # Southern Africa
    "BWA": (72, "Botswana", "Southern Africa"), "SWZ": (748, "eSwatini", "Southern Africa"),
    "LSO": (426, "Lesotho", "Southern Africa"), "NAM": (516, "Namibia", "Southern Africa"),
    "ZAF": (710, "South Africa", "Southern Africa"),
    # outside actors
    "FRA": (250, "France", "Europe"), "BEL": (56, "Belgium", "Europe"), "DEU": (276, "Germany", "Europe"),
    "ITA": (380, "Italy", "Europe"), "ESP": (724, "Spain", "Europe"), "PRT": (620, "Portugal", "Europe"),
    "NLD": (528, "Netherlands", "Europe"), "CHE": (756, "Switzerland", "Europe"),
    "GBR": (826, "United Kingdom", "Europe"), "RUS": (643, "Russia", "Europe"), "UKR": (804, "Ukraine", "Europe"),
    "TUR": (792, "Turkey", "Middle East"), "SAU": (682, "Saudi Arabia", "Middle East"),
    "ARE": (784, "United Arab Emirates", "Middle East"), "QAT": (634, "Qatar", "Middle East"),
    "IRN": (364, "Iran", "Middle East"), "ISR": (376, "Israel", "Middle East"), "SYR": (760, "Syria", "Middle East"),
    "IRQ": (368, "Iraq", "Middle East"), "YEM": (887, "Yemen", "Middle East"),
    "USA": (840, "United States", "North America"), "CAN": (124, "Canada", "North America"),
    "CHN": (156, "China", "East Asia"), "IND": (356, "India", "South Asia"), "PAK": (586, "Pakistan", "South Asia"),
}

# tarikh event_type -> ACLED (event_type, sub_event_type), for tables without
# the acled_* columns; the same table as the extractor's (TAXONOMY.md).
_ACLED_TYPES: dict[str, tuple[str, str]] = {
    "attack": ("Violence against civilians", "Attack"),
    "clash": ("Battles", "Armed clash"),
    "remote_violence": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "abduction": ("Violence against civilians", "Abduction/forced disappearance"),
    "killing": ("Violence against civilians", "Attack"),
    "release": ("Strategic developments", "Other"),
    "arrest": ("Strategic developments", "Arrests"),
    "seizure": ("Strategic developments", "Disrupted weapons use"),
    "agreement": ("Strategic developments", "Agreement"),
    "joint_operation": ("Strategic developments", "Other"),
    "protest": ("Protests", "Peaceful protest"),
}
_DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Protests": "Demonstrations",
    "Riots": "Demonstrations", "Strategic developments": "Strategic developments",
}
_CIVILIANS = 7


def _actor_table(gazetteer: Gazetteer | None, ids: list[str]) -> pl.DataFrame:
    from tarikh._gazetteer import Gazetteer

    gaz = gazetteer if gazetteer is not None else Gazetteer.default()
    if not isinstance(gaz, Gazetteer):
        raise TypeError(f"gazetteer must be a tarikh.Gazetteer, got {type(gaz).__name__}")
    frame = gaz.to_frame()
    frame = frame.filter(pl.col("id").is_in(ids)) if ids else frame.clear()
    return frame.select("id", "name", "kind", "acled_name", pl.col("inter").cast(pl.Int8),
                        g_country="country", g_admin2="admin2").unique("id", keep="last")


def to_acled(
    result_or_events: Result | Deduped | pl.DataFrame,
    gazetteer: Gazetteer | None = None,
    *,
    include_uncoded: bool = False,
) -> pl.DataFrame:
    """The events in ACLED's column layout, to set beside ACLED's own data.

    One row per event, in input order. Where each column comes from:

    ================== =========================================================
    ``event_id_cnty``  the tarikh ``event_id`` (so rows join back to events)
    ``event_date``     ``date`` (the first day of the month or year for coarser
                       dates); null when the text gives no date
    ``year``           the year of ``event_date``
    ``time_precision`` ``date_precision``: 1 day, 2 month, 3 year (null date:
                       null)
    ``disorder_type``  from the ACLED event type: "Political violence"
                       (Battles, Explosions/Remote violence, Violence against
                       civilians), "Demonstrations" (Protests, Riots),
                       "Strategic developments"
    ``event_type``     ``acled_event_type`` (where null, from ``event_type``
                       and ``actor2_kind`` as in TAXONOMY.md)
    ``sub_event_type`` ``acled_sub_event_type``, likewise
    ``actor1``         the gazetteer's ``acled_name`` of ``actor1_id``, else the
                       canonical name ``actor1``
    ``assoc_actor_1``  null (tarikh finds no associated actors)
    ``inter1``         the gazetteer's ``inter`` of ``actor1_id``; a country
                       is 1 (state forces), or 8 (external forces) when the
                       event's ``country`` is known and another one
    ``actor2``         as ``actor1``; victims of violence against civilians
                       given as a country ("quatre chauffeurs marocains") or
                       not named become ``"Civilians (Morocco)"`` /
                       ``"Civilians (Mali)"`` with ``inter2`` 7, as ACLED codes
                       them
    ``assoc_actor_2``  null
    ``inter2``         as ``inter1``
    ``interaction``    ``10 * min(inter1, inter2) + max(inter1, inter2)``, or
                       ``10 * inter1`` without an actor2 (ACLED's codebook);
                       null when ``inter1`` is unknown
    ``civilian_targeting`` ``"Civilian targeting"`` for violence against
                       civilians or when ``inter2`` is 7, else null
    ``iso``            the ISO 3166-1 numeric code of ``country``
    ``region``         ACLED's region of ``country`` ("Western Africa",
                       "Northern Africa", "Middle Africa", "Europe"...)
    ``country``        the English country name of ``country`` (ISO3), else
                       the gazetteer's name
    ``admin1``         ``admin1``
    ``admin2``         the gazetteer's ``admin2`` of ``location_id``
    ``admin3``         null
    ``location``       ``location``
    ``latitude``       ``lat``
    ``longitude``      ``lon``
    ``geo_precision``  ``geo_precision`` (1 place, 2 admin area, 3 country, as
                       in ACLED)
    ``source``         ``doc_id``
    ``source_scale``   null
    ``notes``          ``sentence``, the evidence text
    ``fatalities``     ``quantity`` for ``killing`` events (0 when not given),
                       0 for all others
    ``tags``           ``"modality: <value>"`` for events not asserted
                       (negated, planned, hypothetical), else null
    ``timestamp``      the event date as Unix seconds (0 without a date), not
                       the time of the run, so output is reproducible
    ================== =========================================================

    Parameters
    ----------
    result_or_events
        A :class:`tarikh.Result`, the :class:`Deduped` pair of :func:`dedupe`,
        or an events DataFrame.
    gazetteer
        Where ``acled_name``, ``inter`` and ``admin2`` are looked up by actor
        and location id; the built-in gazetteer by default.
    include_uncoded
        Keep events ACLED does not code (``meeting``, ``diplomatic_rupture``),
        with null ``event_type`` and ``disorder_type``. Dropped by default.

    Returns
    -------
    polars.DataFrame
        The columns of :data:`ACLED_SCHEMA`.

    Examples
    --------
    >>> import datetime as dt
    >>> import polars as pl
    >>> import tarikh
    >>> ev = pl.DataFrame({
    ...     "event_id": ["d1:0", "d1:1"], "doc_id": ["d1", "d1"], "event_type": ["attack", "meeting"],
    ...     "actor1": ["Jama'at Nusrat al-Islam wal-Muslimin", None], "actor1_id": ["ag:jnim", None],
    ...     "actor2": ["Forces armées maliennes", None], "actor2_id": ["sf:mli-fama", None],
    ...     "acled_event_type": ["Battles", None], "acled_sub_event_type": ["Armed clash", None],
    ...     "location": ["Kidal", None], "country": ["MLI", None],
    ...     "date": [dt.date(2025, 5, 30), None], "date_precision": ["day", None],
    ... })
    >>> acled = tarikh.to_acled(ev)
    >>> acled.select("event_date", "time_precision", "disorder_type", "inter1", "inter2", "interaction").rows()
    [(datetime.date(2025, 5, 30), 1, 'Political violence', 2, 1, 12)]
    >>> acled.select("actor2", "iso", "region", "country").row(0)
    ('Military Forces of Mali (2021-)', 466, 'Western Africa', 'Mali')
    """
    from tarikh._extract import Result

    if isinstance(result_or_events, (Result, Deduped)):
        events = result_or_events.events
    else:
        events = result_or_events
    ev = _normalise(events).with_row_index("_row")
    # rows without ACLED types (tables built by hand): derive them from event_type
    armed = (pl.col("event_type") == "attack") & pl.col("actor2_kind").is_in(["armed_group", "state_force"])
    ev = ev.with_columns(pl.col("acled_event_type", "acled_sub_event_type").replace("", None)).with_columns(
        acled_event_type=pl.coalesce(
            "acled_event_type",
            pl.when(armed).then(pl.lit("Battles")).otherwise(pl.col("event_type").replace_strict(
                {k: v[0] for k, v in _ACLED_TYPES.items()}, default=None, return_dtype=pl.String))),
        acled_sub_event_type=pl.coalesce(
            "acled_sub_event_type",
            pl.when(armed).then(pl.lit("Armed clash")).otherwise(pl.col("event_type").replace_strict(
                {k: v[1] for k, v in _ACLED_TYPES.items()}, default=None, return_dtype=pl.String))),
    )
    if not include_uncoded:
        ev = ev.filter(pl.col("acled_event_type").is_not_null())

    ids = pl.concat([ev["actor1_id"], ev["actor2_id"], ev["location_id"],
                     ("iso:" + ev["country"]).alias("actor1_id")]).drop_nulls().unique().to_list()
    gaz = _actor_table(gazetteer, ids)
    iso3 = list(_COUNTRIES)
    cmap = pl.DataFrame({"country": iso3, "iso": [_COUNTRIES[c][0] for c in iso3],
                         "c_name": [_COUNTRIES[c][1] for c in iso3], "region": [_COUNTRIES[c][2] for c in iso3]},
                        schema={"country": pl.String, "iso": pl.Int16, "c_name": pl.String, "region": pl.String})

    def actor(n: int) -> list[pl.Expr]:
        g = gaz.select(pl.col("id").alias(f"actor{n}_id"), pl.col("acled_name").alias(f"_an{n}"),
                       pl.col("inter").alias(f"_in{n}"), pl.col("kind").alias(f"_k{n}"),
                       pl.col("g_country").alias(f"_c{n}"))
        nonlocal ev
        ev = ev.join(g, on=f"actor{n}_id", how="left")
        kind = pl.coalesce(pl.col(f"actor{n}_kind"), pl.col(f"_k{n}"))
        abroad = pl.col("country").is_not_null() & (pl.col(f"_c{n}") != pl.col("country"))
        own = pl.when(abroad).then(pl.lit(8, pl.Int8)).otherwise(pl.lit(1, pl.Int8))
        inter = pl.coalesce(pl.col(f"_in{n}"), pl.when(kind == "country").then(own))
        return [pl.coalesce(pl.col(f"_an{n}"), pl.col(f"actor{n}")).alias(f"_a{n}"), inter.alias(f"_i{n}"),
                kind.alias(f"_kind{n}")]

    exprs = actor(1) + actor(2)
    ev = ev.with_columns(exprs)
    ev = ev.join(cmap, on="country", how="left")
    ev = ev.join(gaz.select(pl.col("id").alias("country"), pl.col("name").alias("_gname"))
                 .with_columns(pl.col("country").str.strip_prefix("iso:")), on="country", how="left")
    ev = ev.join(gaz.select(pl.col("id").alias("location_id"), pl.col("g_admin2").alias("_admin2")),
                 on="location_id", how="left")

    # victims of violence against civilians named only by nationality, or not named
    vac = pl.col("acled_event_type") == "Violence against civilians"
    victim_country = pl.when(pl.col("_kind2") == "country").then(
        pl.coalesce(pl.col("actor2_id").str.strip_prefix("iso:").replace_strict(
            {k: v[1] for k, v in _COUNTRIES.items()}, default=None, return_dtype=pl.String), pl.col("actor2")))
    unnamed = pl.col("_a2").is_null() & pl.col("actor2_id").is_null()
    civ = vac & ((pl.col("_kind2") == "country") | unnamed)
    civ_name = pl.lit("Civilians (") + pl.coalesce(victim_country, pl.col("c_name"), pl.col("_gname"),
                                                   pl.col("country")) + pl.lit(")")
    ev = ev.with_columns(
        _a2=pl.when(civ).then(pl.coalesce(civ_name, pl.lit("Civilians"))).otherwise("_a2"),
        _i2=pl.when(civ).then(pl.lit(_CIVILIANS, pl.Int8)).otherwise("_i2"),
    )
    i1, i2 = pl.col("_i1").cast(pl.Int16), pl.col("_i2").cast(pl.Int16)
    interaction = (pl.when(i1.is_null()).then(None)
                   .when(pl.col("_a2").is_null()).then(i1 * 10)
                   .when(i2.is_null()).then(None)
                   .otherwise(pl.min_horizontal(i1, i2) * 10 + pl.max_horizontal(i1, i2)))
    tp = pl.col("date_precision").replace_strict({"day": 1, "month": 2, "year": 3}, default=None,
                                                  return_dtype=pl.Int8)
    out = ev.sort("_row").select(
        event_id_cnty=pl.col("event_id"),
        event_date=pl.col("date"),
        year=pl.col("date").dt.year(),
        time_precision=pl.when(pl.col("date").is_not_null()).then(tp.fill_null(1)),
        disorder_type=pl.col("acled_event_type").replace_strict(_DISORDER, default=None, return_dtype=pl.String),
        event_type=pl.col("acled_event_type"),
        sub_event_type=pl.col("acled_sub_event_type"),
        actor1=pl.col("_a1"),
        assoc_actor_1=pl.lit(None, pl.String),
        inter1=pl.col("_i1"),
        actor2=pl.col("_a2"),
        assoc_actor_2=pl.lit(None, pl.String),
        inter2=pl.col("_i2"),
        interaction=interaction,
        civilian_targeting=pl.when(vac | (pl.col("_i2") == _CIVILIANS)).then(pl.lit("Civilian targeting")),
        iso=pl.col("iso"),
        region=pl.col("region"),
        country=pl.coalesce(pl.col("c_name"), pl.col("_gname"), pl.col("country")),
        admin1=pl.col("admin1"),
        admin2=pl.col("_admin2"),
        admin3=pl.lit(None, pl.String),
        location=pl.col("location"),
        latitude=pl.col("lat"),
        longitude=pl.col("lon"),
        geo_precision=pl.col("geo_precision"),
        source=pl.col("doc_id"),
        source_scale=pl.lit(None, pl.String),
        notes=pl.col("sentence"),
        fatalities=pl.when(pl.col("event_type") == "killing").then(pl.col("quantity").fill_null(0))
        .otherwise(pl.lit(0, pl.Int64)),
        tags=pl.when(pl.col("modality").is_not_null() & (pl.col("modality") != "asserted"))
        .then(pl.lit("modality: ") + pl.col("modality")),
        timestamp=(pl.col("date").cast(pl.Int64) * 86_400).fill_null(0),
    )
    return out.cast(ACLED_SCHEMA)  # type: ignore[arg-type]

