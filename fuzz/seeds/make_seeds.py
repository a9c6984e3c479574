"""Write seed inputs for the fuzz targets from the project's real text.

    python3 fuzz/seeds/make_seeds.py OUT_DIR

Sources: the sample articles, the trigger lexicon, the curated gazetteer
CSVs and a slice of the built-in gazetteer. Each target's seeds follow its
input format (see the target's doc comment). The committed corpora in
fuzz/corpus/ were grown from these by fuzzing and minimised with
`cargo fuzz cmin`.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import struct
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "python/tarikh/data/samples").glob("*.txt"))
CSVS = [ROOT / "crates/tarikh-core/data/triggers.csv", *sorted((ROOT / "gazetteer/curated").glob("*.csv"))]


def paragraphs() -> list[str]:
    out = []
    for p in SAMPLES:
        text = p.read_text(encoding="utf-8")
        blocks = [b for b in text.split("\n\n") if b.strip()]
        # a run of a few paragraphs keeps the layout the splitter looks at
        out += ["\n\n".join(blocks[i:i + 3])[:3000] for i in range(0, len(blocks), 3)]
    return out


def csv_chunks(rows_per_chunk: int = 6) -> list[tuple[str, str]]:
    """Header plus a few rows of each curated CSV, as CSV and as TSV."""
    out = []
    for path in CSVS:
        rows = list(csv.reader(path.open(encoding="utf-8")))
        header, body = rows[0], rows[1:]
        for i in range(0, len(body), rows_per_chunk):
            for delim in (",", "\t"):
                buf = io.StringIO()
                w = csv.writer(buf, delimiter=delim, lineterminator="\n")
                w.writerow(header)
                w.writerows(body[i:i + rows_per_chunk])
                out.append((delim, buf.getvalue()))
    return out


def jsonl_chunks(n_lines: int = 4, limit: int = 400) -> list[str]:
    with gzip.open(ROOT / "crates/tarikh-core/data/gazetteer.jsonl.gz", "rt", encoding="utf-8") as fh:
        lines = [next(fh) for _ in range(limit)]
    return ["".join(lines[i:i + n_lines]) for i in range(0, len(lines), n_lines)]


def aliases(n: int = 12) -> list[str]:
    """Alias specs for the matcher target: `a|!ACRONYM|~demonym|...`."""
    specs = []
    rows = list(csv.DictReader((ROOT / "gazetteer/curated/actors.csv").open(encoding="utf-8")))
    rows += list(csv.DictReader((ROOT / "gazetteer/curated/demonyms.csv").open(encoding="utf-8")))
    for i in range(0, len(rows), n):
        forms = []
        for r in rows[i:i + n]:
            if r.get("name"):
                forms.append(r["name"])
            forms += [f"!{a}" for a in (r.get("acronyms") or "").split("|") if a][:1]
            forms += [f"~{a}" for a in (r.get("demonyms") or "").split("|") if a][:1]
        specs.append("|".join(forms + ["Mali", "Gao", "Sénégal", "l'EI", "!FAMa"]))
    return specs


def main(out: Path) -> None:
    def write(target: str, name: str, data: bytes) -> None:
        d = out / target
        d.mkdir(parents=True, exist_ok=True)
        (d / name).write_bytes(data)

    paras = paragraphs()
    ref = (date(2025, 8, 10) - date(1970, 1, 1)).days
    specs = aliases()
    for i, p in enumerate(paras):
        b = p.encode()
        write("normalize", f"para{i:03}", bytes([i % 2]) + b)
        write("segment", f"para{i:03}", b)
        write("dates", f"para{i:03}", struct.pack("<i", ref) + bytes([i % 3]) + b)
        write("matcher", f"para{i:03}", (specs[i % len(specs)] + "\n" + p).encode())
    for i, (delim, text) in enumerate(csv_chunks()):
        write("gazetteer_csv", f"csv{i:03}", bytes([0 if delim == "," else 1]) + text.encode())
    for i, text in enumerate(jsonl_chunks()):
        write("gazetteer_jsonl", f"jsonl{i:03}", text.encode())


if __name__ == "__main__":
    main(Path(sys.argv[1]))
