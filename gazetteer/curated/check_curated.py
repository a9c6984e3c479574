#!/usr/bin/env python3
"""Sanity checks for the hand-curated gazetteer files (stdlib only).

Usage: python3 gazetteer/curated/check_curated.py [FILE.csv ...]
Without arguments it checks actors.csv, regions.csv and places_overrides.csv
next to this script. Exit status 1 if any problem is found.
"""
import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = ["actors.csv", "regions.csv", "places_overrides.csv"]
COLUMNS = {"id", "name", "kind", "aliases", "acronyms", "demonyms", "country", "lat", "lon",
           "admin1", "admin2", "population", "geonames_id", "feature_code", "acled_name",
           "inter", "valid_from", "valid_to", "event_type", "tags", "source"}
KINDS = {"country", "place", "region", "armed_group", "state_force", "organization", "person"}
PREFIX = {"armed_group": "ag:", "state_force": "sf:", "organization": "org:", "person": "per:",
          "region": "reg:", "place": "ovr:"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LIST_FIELDS = ("aliases", "acronyms", "demonyms", "tags")


def check(paths):
    problems, seen = [], {}
    for path in paths:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            unknown = set(reader.fieldnames or []) - COLUMNS
            if unknown:
                problems.append(f"{path.name}: unknown column(s) {sorted(unknown)}")
            for row in reader:
                ln = reader.line_num
                where = f"{path.name}:{ln}"
                if None in row:
                    problems.append(f"{where}: more cells than columns")
                    continue
                rid, name, kind = (row.get(k, "").strip() for k in ("id", "name", "kind"))
                if not (rid and name and kind):
                    problems.append(f"{where}: missing id/name/kind")
                if kind not in KINDS:
                    problems.append(f"{where}: unknown kind {kind!r}")
                elif not rid.startswith(PREFIX[kind]):
                    problems.append(f"{where}: id {rid!r} should start with {PREFIX[kind]!r}")
                if rid in seen:
                    problems.append(f"{where}: duplicate id {rid!r} (first in {seen[rid]})")
                seen[rid] = where
                if not re.fullmatch(r"[a-z]+:[a-z0-9-]+", rid):
                    problems.append(f"{where}: id {rid!r} is not prefix + ASCII slug")
                c = row.get("country", "")
                if c and not re.fullmatch(r"[A-Z]{3}", c):
                    problems.append(f"{where}: country {c!r} is not ISO3 upper case")
                lat, lon = row.get("lat", ""), row.get("lon", "")
                if bool(lat) != bool(lon):
                    problems.append(f"{where}: lat and lon must be both given or both empty")
                elif lat:
                    try:
                        la, lo = float(lat), float(lon)
                        if not (-90 <= la <= 90 and -180 <= lo <= 180):
                            problems.append(f"{where}: coordinates out of range {la},{lo}")
                    except ValueError:
                        problems.append(f"{where}: lat/lon not numbers {lat!r},{lon!r}")
                for fld in LIST_FIELDS:
                    v = row.get(fld, "")
                    if not v:
                        continue
                    for item in v.split("|"):
                        if not item.strip() or not any(ch.isalnum() for ch in item):
                            problems.append(f"{where}: empty or non-alphanumeric {fld} item in {v!r}")
                        elif item != item.strip():
                            problems.append(f"{where}: {fld} item {item!r} has outer spaces")
                for item in filter(None, row.get("acronyms", "").split("|")):
                    if item == item.lower():
                        problems.append(f"{where}: acronym {item!r} is all lower case")
                inter = row.get("inter", "")
                if inter and inter not in {str(i) for i in range(1, 9)}:
                    problems.append(f"{where}: inter {inter!r} not in 1..8")
                for fld in ("valid_from", "valid_to"):
                    v = row.get(fld, "")
                    if v and not DATE.match(v):
                        problems.append(f"{where}: {fld} {v!r} is not YYYY[-MM[-DD]]")
                vf, vt = row.get("valid_from", ""), row.get("valid_to", "")
                if vf and vt and vf[:len(vt)] > vt[:len(vf)]:
                    problems.append(f"{where}: valid_from {vf} after valid_to {vt}")
                if not row.get("source", "").strip():
                    problems.append(f"{where}: no source")
                if kind == "person":
                    for al in filter(None, row.get("aliases", "").split("|")):
                        if " " not in al.strip():
                            problems.append(f"{where}: person alias {al!r} is a single word (bare surname?)")
                nm = name.casefold()
                lows = [a.casefold() for a in row.get("aliases", "").split("|") if a]
                if nm in lows:
                    problems.append(f"{where}: alias repeats the name {name!r}")
                if len(lows) != len(set(lows)):
                    problems.append(f"{where}: duplicate alias (case-insensitive)")
    return problems, len(seen)


def main(argv):
    paths = [Path(a) for a in argv] or [HERE / n for n in DEFAULT]
    problems, n = check(paths)
    for p in problems:
        print(p)
    print(f"{n} entries, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
