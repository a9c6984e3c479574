"""Build ``python/tarikh/data/sahel_outlines.json``, the country outlines that
``tarikh.plot.event_map`` draws under the events.

The source is the Natural Earth 1:50m admin-0 countries (public domain,
https://www.naturalearthdata.com/) in the TopoJSON packaging of the
``world-atlas`` project (``countries-50m.json``). The script decodes the
quantised, delta-encoded arcs into polygons for the countries of West, North
and Central Africa around the Sahel, rounds coordinates to 0.01 degree (about
1 km, finer than the 1:50m source), drops repeated points and writes compact
JSON. It needs only the standard library.

Usage::

    python scripts/build_outlines.py \
        [--source /work/shared/gazetteer-sources/naturalearth/countries-50m.json] \
        [--out python/tarikh/data/sahel_outlines.json]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "gazetteer-sources" / "naturalearth" / "countries-50m.json"
DEFAULT_OUT = ROOT / "python" / "tarikh" / "data" / "sahel_outlines.json"

#: ISO 3166-1 numeric code (the TopoJSON ``id``) -> ISO3, for the countries kept.
COUNTRIES = {
    "012": "DZA", "204": "BEN", "854": "BFA", "120": "CMR", "132": "CPV",
    "140": "CAF", "148": "TCD", "384": "CIV", "818": "EGY", "232": "ERI",
    "231": "ETH", "270": "GMB", "288": "GHA", "324": "GIN", "624": "GNB",
    "430": "LBR", "434": "LBY", "466": "MLI", "478": "MRT", "504": "MAR",
    "562": "NER", "566": "NGA", "686": "SEN", "694": "SLE", "729": "SDN",
    "728": "SSD", "768": "TGO", "788": "TUN", "732": "ESH", "226": "GNQ",
}  # fmt: skip

#: The core Sahel countries; ``event_map`` zooms to them by default.
SAHEL = ["MRT", "SEN", "MLI", "BFA", "NER", "TCD"]

DIGITS = 2


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (delta decoding + transform)."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Join the arcs of one ring; ``~i`` (negative) means arc ``i`` reversed."""
    pts: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(arc if not pts else arc[1:])
    return pts


def compact(pts: list[tuple[float, float]]) -> list[float]:
    """Round, drop repeated points, flatten to ``[x0, y0, x1, y1, ...]``."""
    out: list[float] = []
    last = None
    for x, y in pts:
        p = (round(x, DIGITS), round(y, DIGITS))
        if p != last:
            out.extend(p)
            last = p
    return out


def area_centroid(flat: list[float]) -> tuple[float, float, float]:
    """Signed area and centroid of a flat ring (shoelace formula)."""
    xs, ys = flat[0::2], flat[1::2]
    a = cx = cy = 0.0
    for i in range(len(xs) - 1):
        c = xs[i] * ys[i + 1] - xs[i + 1] * ys[i]
        a += c
        cx += (xs[i] + xs[i + 1]) * c
        cy += (ys[i] + ys[i + 1]) * c
    if a == 0:
        return 0.0, xs[0], ys[0]
    return a / 2, cx / (3 * a), cy / (3 * a)


def build(source: Path) -> dict:
    topo = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    countries = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        iso3 = COUNTRIES.get(geom.get("id"))
        if iso3 is None:
            continue
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        polygons = []
        for poly in polys:
            rings = [compact(ring(r, arcs)) for r in poly]
            rings = [r for r in rings if len(r) >= 8]  # at least 4 points (closed triangle)
            if rings:
                polygons.append(rings)
        # label at the centroid of the largest exterior ring
        best = max((area_centroid(p[0]) for p in polygons), key=lambda t: abs(t[0]))
        countries[iso3] = {
            "name": geom["properties"]["name"],
            "label": [round(best[1], DIGITS), round(best[2], DIGITS)],
            "polygons": polygons,
        }
    missing = set(COUNTRIES.values()) - set(countries)
    if missing:
        raise SystemExit(f"countries missing from {source}: {sorted(missing)}")
    return {
        "source": (
            "Natural Earth 1:50m admin-0 countries (public domain, https://www.naturalearthdata.com/), "
            "from the world-atlas TopoJSON countries-50m.json; decoded to polygons, coordinates rounded "
            f"to {DIGITS} decimals by scripts/build_outlines.py"
        ),
        "license": "public domain (Natural Earth)",
        "format": "countries: ISO3 -> {name, label: [lon, lat], polygons: [[ring, hole...]...]}; "
        "a ring is a flat [lon0, lat0, lon1, lat1, ...] list",
        "sahel": SAHEL,
        "countries": dict(sorted(countries.items())),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    data = build(args.source)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    n = sum(len(r) // 2 for c in data["countries"].values() for p in c["polygons"] for r in p)
    print(f"wrote {args.out}: {len(data['countries'])} countries, {n} points, {len(text) / 1024:.0f} KB")


if __name__ == "__main__":
    main()
