"""The :class:`Gazetteer`: places, countries, regions, actors, persons and
trigger words with their aliases."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import polars as pl

from tarikh import _tarikh

__all__ = ["Gazetteer", "KINDS"]

#: Entry kinds (``../TAXONOMY.md``) plus ``trigger`` for event words.
KINDS = (
    "country",
    "place",
    "region",
    "armed_group",
    "state_force",
    "organization",
    "person",
    "trigger",
)


class Gazetteer:
    """A collection of named entries matched over documents.

    Each entry has a stable ``id``, a canonical ``name``, a ``kind`` and
    aliases (``aliases`` matched case-insensitively, ``acronyms`` matched
    case-sensitively, ``demonyms``), plus optional attributes (``country``
    ISO3, ``lat``, ``lon``, ``admin1``, ``admin2``, ``population``,
    ``geonames_id``, ``feature_code``, ``acled_name``, ``inter``,
    ``valid_from``, ``valid_to``, ``event_type``, ``tags``, ``source``).
    The file schema is described in the README ("Gazetteer files").

    Build one with :meth:`default`, :meth:`from_csv`, :meth:`from_jsonl`,
    :meth:`from_frame`, or start empty and :meth:`add` entries.

    Examples
    --------
    >>> import tarikh
    >>> gaz = tarikh.Gazetteer()
    >>> gaz.add("ovr:tanabougou", "Tanabougou", "place", country="MLI", lat=13.1, lon=-7.2)
    >>> gaz.add("org:aes", "Alliance des États du Sahel", "organization", acronyms=["AES"])
    >>> len(gaz)
    2
    >>> gaz.to_frame().select("id", "kind").rows()
    [('ovr:tanabougou', 'place'), ('org:aes', 'organization')]
    """

    __slots__ = ("_gaz",)

    def __init__(self) -> None:
        self._gaz = _tarikh.Gazetteer()

    @classmethod
    def _wrap(cls, inner: _tarikh.Gazetteer) -> Gazetteer:
        self = cls.__new__(cls)
        self._gaz = inner
        return self

    # ------------------------------------------------------------ constructors
    @classmethod
    def default(cls) -> Gazetteer:
        """The built-in Sahel gazetteer.

        It holds GeoNames places of the Sahel countries (villages included)
        with coordinates and admin hierarchy, the world's countries with French
        and English names and demonyms, supranational regions, a curated list
        of armed groups, state forces, organisations and key persons, and the
        trigger lexicon of the event types. It is parsed once per process and
        its matcher is compiled once; the returned object is a cheap copy that
        you may extend without affecting other copies.

        Examples
        --------
        >>> gaz = tarikh.Gazetteer.default()
        >>> gaz.counts()["country"] > 200
        True
        """
        return cls._wrap(_tarikh.Gazetteer.builtin())

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Gazetteer:
        """Read a gazetteer file, choosing the format from the extension
        (``.csv``, ``.tsv``, ``.jsonl``/``.ndjson``, each optionally ``.gz``).

        Raises
        ------
        FileNotFoundError
            If the file does not exist.
        tarikh.exceptions.GazetteerError
            If the file is malformed; the message names the file and the line.
        """
        return cls._wrap(_tarikh.Gazetteer.from_path(os.fspath(path)))

    @classmethod
    def from_csv(cls, path: str | os.PathLike[str], *, delimiter: str | None = None) -> Gazetteer:
        """Read a CSV (or, with ``delimiter="\\t"`` or a ``.tsv`` name, TSV)
        gazetteer file with a header row; list cells are ``|``-separated.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.csv"
        >>> _ = p.write_text("id,name,kind,acronyms\\nsf:fama,Forces armées maliennes,state_force,FAMa\\n")
        >>> len(tarikh.Gazetteer.from_csv(p))
        1
        """
        path = os.fspath(path)
        if delimiter is None:
            fmt = "tsv" if str(path).lower().removesuffix(".gz").endswith((".tsv", ".tab")) else "csv"
        elif delimiter == "\t":
            fmt = "tsv"
        elif delimiter == ",":
            fmt = "csv"
        else:
            opener = gzip.open if str(path).endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as fh:
                data = fh.read()
            return cls._wrap(_tarikh.Gazetteer.from_csv_str(data, str(path), delimiter))
        return cls._wrap(_tarikh.Gazetteer.from_path(path, fmt))

    @classmethod
    def from_jsonl(cls, path: str | os.PathLike[str]) -> Gazetteer:
        """Read a JSON Lines gazetteer file (one entry object per line,
        optionally gzip-compressed)."""
        return cls._wrap(_tarikh.Gazetteer.from_path(os.fspath(path), "jsonl"))

    @classmethod
    def from_frame(cls, df: pl.DataFrame) -> Gazetteer:
        """Build a gazetteer from a polars DataFrame with the file schema's
        columns (``id``, ``name``, ``kind`` required; list columns may be
        ``List(String)`` or ``|``-separated strings). Errors name the row as
        ``line = row index + 1``.

        Examples
        --------
        >>> import polars as pl
        >>> df = pl.DataFrame({"id": ["p1"], "name": ["Sirakorola"], "kind": ["place"],
        ...                    "country": ["MLI"], "lat": [13.2], "lon": [-7.1]})
        >>> tarikh.Gazetteer.from_frame(df).to_frame()["name"].to_list()
        ['Sirakorola']
        """
        if not isinstance(df, pl.DataFrame):
            raise TypeError(f"from_frame expects a polars DataFrame, got {type(df).__name__}")
        for col in ("lat", "lon"):
            # NaN would be written as null, that is no coordinate at all
            if col in df.columns and df[col].dtype.is_float() and df[col].is_nan().any():
                row = df[col].is_nan().arg_true()[0]
                raise _tarikh.GazetteerError(f"<DataFrame>, line {row + 1}: {col} is NaN")
        data = df.write_ndjson() if df.height else ""
        return cls._wrap(_tarikh.Gazetteer.from_jsonl_str(data, "<DataFrame>"))

    @classmethod
    def from_geonames(
        cls,
        path: str | os.PathLike[str],
        *,
        countries: Iterable[str] | None = None,
        min_population: int = 0,
        feature_classes: Iterable[str] = ("P", "A"),
    ) -> Gazetteer:
        r"""Build a gazetteer of places from a GeoNames dump file.

        Reads the standard 19-column tab-separated format (``allCountries.txt``
        or a country file such as ``ML.txt``, optionally gzip- or
        zip-extracted first). Each row becomes a ``place`` entry with id
        ``gn:<geonameid>``, the GeoNames name, its Latin-script alternate names
        as aliases, ``country`` (ISO3), ``lat``, ``lon``, ``population``,
        ``geonames_id``, ``feature_code`` (``P.PPL``) and the admin codes as
        tags (``adm1:<code>``, ``adm2:<code>``; the dump holds codes, not
        names).

        Parameters
        ----------
        path
            The dump file.
        countries
            ISO 3166-1 alpha-2 or alpha-3 codes to keep (default: all).
        min_population
            Keep places with at least this population (admin units are kept
            whatever their population).
        feature_classes
            GeoNames feature classes to keep (default populated places ``P`` and
            administrative units ``A``).

        Examples
        --------
        >>> import pathlib, tempfile
        >>> row = "2460596\tGao\tGao\tGao,Gaó\t16.27167\t-0.04472\tP\tPPLA\tML\t\t07\t\t\t\t86633\t\t262\tAfrica/Bamako\t2020-06-10\n"
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "ML.txt"
        >>> _ = p.write_text(row, encoding="utf-8")
        >>> g = tarikh.Gazetteer.from_geonames(p, countries=["MLI"])
        >>> g.to_frame().select("id", "name", "country", "population").rows()
        [('gn:2460596', 'Gao', 'MLI', 86633)]
        """
        from tarikh._iso import ALPHA2_TO_ALPHA3

        a3_to_a2 = {v: k for k, v in ALPHA2_TO_ALPHA3.items()}
        keep: set[str] | None = None
        if countries is not None:
            keep = set()
            for c in countries:
                c = c.upper()
                if c in ALPHA2_TO_ALPHA3:
                    keep.add(c)
                elif c in a3_to_a2:
                    keep.add(a3_to_a2[c])
                else:
                    raise ValueError(f"unknown country code {c!r}: expected ISO 3166-1 alpha-2 or alpha-3")
        cols = ["geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class",
                "feature_code", "country_code", "cc2", "admin1", "admin2", "admin3", "admin4", "population",
                "elevation", "dem", "timezone", "modified"]
        path = os.fspath(path)
        if not os.path.exists(path):
            raise FileNotFoundError(2, f"{path}: no such file", path)
        df = pl.read_csv(path, separator="\t", has_header=False, new_columns=cols, quote_char=None,
                         schema_overrides={c: pl.String for c in cols}, truncate_ragged_lines=False)
        classes = list(feature_classes)
        df = df.filter(pl.col("feature_class").is_in(classes))
        if keep is not None:
            df = df.filter(pl.col("country_code").is_in(list(keep)))
        pop = pl.col("population").cast(pl.Int64, strict=False).fill_null(0)
        df = df.with_columns(pop.alias("population")).filter(
            (pl.col("population") >= min_population) | (pl.col("feature_class") == "A"))
        latin = r"^[\p{Latin}\p{M}0-9' .\-’()]+$"
        rows = df.with_columns(
            pl.col("alternatenames").fill_null("").str.split(",")
            .list.eval(pl.element().filter(pl.element().str.contains(latin) & pl.element().str.contains(r"\p{L}")
                                           & (pl.element().str.len_chars() >= 2)))
            .list.unique(maintain_order=True).alias("aliases"),
        ).select(
            ("gn:" + pl.col("geonameid")).alias("id"),
            pl.col("name"),
            pl.lit("place").alias("kind"),
            pl.col("aliases"),
            pl.col("country_code").replace_strict(ALPHA2_TO_ALPHA3, default=None).alias("country"),
            pl.col("latitude").cast(pl.Float64).alias("lat"),
            pl.col("longitude").cast(pl.Float64).alias("lon"),
            pl.when(pl.col("population") > 0).then(pl.col("population")).alias("population"),
            pl.col("geonameid").cast(pl.Int64).alias("geonames_id"),
            (pl.col("feature_class") + "." + pl.col("feature_code")).alias("feature_code"),
            pl.concat_list(
                pl.when(pl.col("admin1").is_not_null()).then("adm1:" + pl.col("admin1")),
                pl.when(pl.col("admin2").is_not_null()).then("adm2:" + pl.col("admin2")),
            ).list.drop_nulls().alias("tags"),
        )
        data = rows.write_ndjson() if rows.height else ""
        return cls._wrap(_tarikh.Gazetteer.from_jsonl_str(data, f"{path} (GeoNames)"))

    # ------------------------------------------------------------ editing
    def add(
        self,
        id: str,
        name: str,
        kind: str,
        *,
        aliases: Iterable[str] = (),
        acronyms: Iterable[str] = (),
        demonyms: Iterable[str] = (),
        **attributes: Any,
    ) -> None:
        """Add one entry; an existing id is an error (:class:`DuplicateIdError`).

        ``attributes`` are the optional fields of the file schema (``country``,
        ``lat``, ``lon``, ``admin1``, ``admin2``, ``population``, ``tags``...).
        """
        rec: dict[str, Any] = {"id": id, "name": name, "kind": kind}
        for key, val in (("aliases", aliases), ("acronyms", acronyms), ("demonyms", demonyms)):
            if isinstance(val, str):
                raise TypeError(f"{key} must be a list of strings, not a string")
            if val:
                rec[key] = list(val)
        rec.update(attributes)
        self._gaz.add_jsonl(json.dumps(rec, ensure_ascii=False), f"<add {id!r}>")

    def add_entries(self, entries: Iterable[Mapping[str, Any]]) -> None:
        """Add several entries given as mappings of the file schema."""
        lines = "\n".join(json.dumps(dict(e), ensure_ascii=False) for e in entries)
        self._gaz.add_jsonl(lines, "<entries>")

    def extend(self, other: Gazetteer) -> Gazetteer:
        """Add every entry of ``other`` in place, ``other``'s entries winning on
        an id collision, and return ``self`` (so
        ``Gazetteer.default().extend(mine)`` reads naturally).

        Examples
        --------
        >>> mine = tarikh.Gazetteer()
        >>> mine.add("my:kalaban-sud", "Kalaban Sud", "place", country="MLI")
        >>> gaz = tarikh.Gazetteer.default().extend(mine)
        >>> len(gaz) == len(tarikh.Gazetteer.default()) + 1
        True
        """
        if not isinstance(other, Gazetteer):
            raise TypeError(f"extend expects a Gazetteer, got {type(other).__name__}")
        self._gaz.extend(other._gaz)
        return self

    def copy(self) -> Gazetteer:
        """An independent copy (data is shared until one of them changes)."""
        return Gazetteer._wrap(self._gaz.copy())

    # ------------------------------------------------------------ inspecting
    def __len__(self) -> int:
        return len(self._gaz)

    def __contains__(self, id: object) -> bool:
        return isinstance(id, str) and id in self._gaz

    def counts(self) -> dict[str, int]:
        """Number of entries of each kind present."""
        return dict(self._gaz.counts())

    def __repr__(self) -> str:
        parts = ", ".join(f"{k}={v:,}" for k, v in self.counts().items())
        label = "built-in " if self._gaz.is_builtin() else ""
        return f"<{label}Gazetteer: {len(self):,} entries ({parts})>"

    def to_frame(self) -> pl.DataFrame:
        """The entries as a polars DataFrame with the file schema's columns."""
        return pl.DataFrame(self._gaz.to_frame())

    def lookup(self, alias: str) -> pl.DataFrame:
        """The entries ``alias`` can mean (same normalised form: case, accents,
        apostrophes and dashes folded), as a DataFrame.

        Examples
        --------
        >>> tarikh.Gazetteer.default().lookup("SÉNÉGAL")["id"].to_list()[:1]
        ['iso:SEN']
        """
        return pl.DataFrame(self._gaz.lookup(alias))

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the gazetteer as JSON Lines (gzip-compressed when the name ends
        with ``.gz``), readable by :meth:`from_jsonl`."""
        data = self._gaz.to_jsonl_bytes()
        path = Path(path)
        if path.suffix == ".gz":
            with gzip.open(path, "wb") as fh:
                fh.write(data)
        else:
            path.write_bytes(data)

    def compile(self) -> int:
        """Compile the matcher now rather than on first use; returns the number
        of distinct patterns."""
        return self._gaz.compile()

    def __reduce__(self) -> tuple[Any, ...]:
        if self._gaz.is_builtin():
            return (Gazetteer.default, ())
        return (_from_jsonl_bytes, (gzip.compress(self._gaz.to_jsonl_bytes(), mtime=0),))


# Gazetteers unpickled in this process, by digest of their pickled data: a
# worker that receives the same gazetteer with every task (Dask,
# multiprocessing) parses it and compiles its matcher once.
_UNPICKLED: dict[bytes, _tarikh.Gazetteer] = {}
_UNPICKLED_MAX = 4


def _from_jsonl_bytes(data: bytes) -> Gazetteer:
    key = hashlib.sha256(data).digest()
    inner = _UNPICKLED.get(key)
    if inner is None:
        inner = _tarikh.Gazetteer.from_jsonl_str(gzip.decompress(data).decode(), "<pickle>")
        while len(_UNPICKLED) >= _UNPICKLED_MAX:
            del _UNPICKLED[next(iter(_UNPICKLED))]
        _UNPICKLED[key] = inner
    # a copy shares the data and the compiled matcher until it is modified
    return Gazetteer._wrap(inner.copy())
