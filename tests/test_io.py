"""tarikh.read_corpus on every input shape, with the sample articles as text."""

from __future__ import annotations

import csv
import gzip
import json
import sys

import polars as pl
import pytest

import tarikh
import tarikh._io

SEED_A = "000_7acc19ff5bebf2c9"
SEED_B = "002_418ba31979678229"


def _rows(lf: pl.LazyFrame, *cols: str) -> list[tuple]:
    return lf.select(cols).collect().rows()


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if len(line.strip()) > 60]


def test_text_and_markdown_files_keep_folder_in_id(tmp_path, seeds):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(seeds[SEED_A], encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text(seeds[SEED_B], encoding="utf-8")
    (tmp_path / "sub" / "b.md").write_text("# Kidal\n\nLes FAMa sont entrées dans Kidal.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # not a corpus file: not listed
    lf = tarikh.read_corpus(tmp_path)
    assert isinstance(lf, pl.LazyFrame)
    assert lf.collect_schema() == pl.Schema(tarikh._io.CORPUS_SCHEMA)
    df = lf.collect()
    assert df["doc_id"].to_list() == ["a", "sub/a", "sub/b"]
    assert df["text"].to_list()[:2] == [seeds[SEED_A], seeds[SEED_B]]
    assert df["input_error"].null_count() == 3
    assert df["path"].to_list()[1] == str(tmp_path / "sub" / "a.txt")
    # the frame goes straight into extract; ids are unique, so mentions split by document
    res = tarikh.extract(lf)
    ref = tarikh.extract([("a", seeds[SEED_A]), ("sub/a", seeds[SEED_B])])
    assert res.mentions.filter(pl.col("doc_id") != "sub/b").equals(ref.mentions)
    assert res.mentions.filter(pl.col("doc_id") == "sub/b")["surface"].to_list() == ["Kidal", "FAMa", "Kidal"]


def test_same_stem_keeps_suffix_and_a_file_named_twice_is_read_once(tmp_path):
    (tmp_path / "x.txt").write_text("Gao", encoding="utf-8")
    (tmp_path / "x.md").write_text("Kidal", encoding="utf-8")
    lf = tarikh.read_corpus([tmp_path, tmp_path / "x.txt"])
    assert _rows(lf, "doc_id", "text") == [("x.md", "Kidal"), ("x.txt", "Gao")]


def test_bad_utf8_keeps_its_row_with_the_file_and_byte(tmp_path, seeds):
    (tmp_path / "good.txt").write_text(seeds[SEED_B], encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Attaque à Gao".encode("latin-1"))
    df = tarikh.read_corpus(tmp_path).collect()
    assert df["doc_id"].to_list() == ["good", "latin1"]
    bad = df.row(1, named=True)
    assert bad["text"] is None
    assert bad["input_error"] == f"{tmp_path / 'latin1.txt'}: not valid UTF-8 (invalid continuation byte at byte 8)"
    docs = tarikh.extract(tarikh.read_corpus(tmp_path)).documents
    assert docs["error"].to_list() == [None, bad["input_error"]]
    assert docs["n_mentions"][0] > 5


def test_utf8_byte_order_mark_is_dropped(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfGao")
    assert _rows(tarikh.read_corpus(tmp_path), "text") == [("Gao",)]


def _html_page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="fr"><head>
<meta charset="utf-8"><title>Mali : libération des otages - Le Journal du Sahel</title>
<meta name="author" content="Aminata Traoré">
<meta property="article:published_time" content="2025-08-05T09:30:00+00:00">
<link rel="canonical" href="https://journal.example/mali/otages-liberes">
</head><body>
<nav><ul><li><a href="/">Accueil</a></li><li><a href="/niger">Niger</a></li>
<li><a href="/tchad">Tchad</a></li></ul></nav>
<article><h1>Mali : libération des otages</h1>{body}</article>
<footer><p>© 2025 Le Journal du Sahel. Tous droits réservés. Contact : Niamey, Niger.</p></footer>
</body></html>"""


def test_html_main_text_and_metadata(tmp_path, seeds):
    pytest.importorskip("trafilatura")
    paras = _paragraphs(seeds[SEED_A])[:6]
    (tmp_path / "page.html").write_text(_html_page(paras), encoding="utf-8")
    row = tarikh.read_corpus(tmp_path).collect().row(0, named=True)
    assert row["doc_id"] == "page" and row["input_error"] is None
    assert row["title"] == "Mali : libération des otages"
    assert row["text"].startswith("Mali : libération des otages\n")
    assert all(p in row["text"] for p in paras)
    assert "Accueil" not in row["text"] and "Tous droits réservés" not in row["text"]  # menus and footer dropped
    assert (row["pub_date"], row["author"]) == ("2025-08-05", "Aminata Traoré")
    assert row["source_url"] == "https://journal.example/mali/otages-liberes"
    docs = tarikh.extract(tarikh.read_corpus(tmp_path)).documents.row(0, named=True)
    assert (str(docs["pub_date"]), docs["pub_date_source"]) == ("2025-08-05", "input")
    assert (docs["author"], docs["source_url"]) == ("Aminata Traoré", "https://journal.example/mali/otages-liberes")


def test_html_in_a_legacy_encoding(tmp_path, seeds):
    pytest.importorskip("trafilatura")
    paras = _paragraphs(seeds[SEED_B])[:4]
    page = _html_page(paras).replace('charset="utf-8"', 'charset="windows-1252"')
    (tmp_path / "old.htm").write_bytes(page.encode("cp1252", errors="replace"))
    row = tarikh.read_corpus(tmp_path).collect().row(0, named=True)
    assert row["input_error"] is None
    assert paras[0].encode("cp1252", errors="replace").decode("cp1252") in row["text"]


def test_html_without_trafilatura_is_an_error_row(tmp_path, seeds, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura now raises ImportError
    (tmp_path / "page.html").write_text(_html_page(_paragraphs(seeds[SEED_A])[:3]), encoding="utf-8")
    (tmp_path / "plain.txt").write_text(seeds[SEED_B], encoding="utf-8")
    df = tarikh.read_corpus(tmp_path).collect()
    assert df["doc_id"].to_list() == ["page", "plain"]
    err = df["input_error"][0]
    assert err.startswith(f"{tmp_path / 'page.html'}: reading HTML needs trafilatura")
    assert err.endswith('pip install "tarikh[html]"')
    assert df["text"][1] == seeds[SEED_B]
    docs = tarikh.extract(tarikh.read_corpus(tmp_path)).documents
    assert docs["error"].to_list() == [err, None]


def test_html_skip(tmp_path):
    (tmp_path / "page.html").write_text("<p>Gao</p>", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Kidal", encoding="utf-8")
    assert _rows(tarikh.read_corpus(tmp_path, html="skip"), "doc_id") == [("a",)]


def _articles(seeds) -> list[dict]:
    return [{"id": doc_id, "body": text, "published": f"2025-0{i + 1}-15"}
            for i, (doc_id, text) in enumerate(sorted(seeds.items()))]


def test_jsonl_with_named_columns_and_bad_lines(tmp_path, seeds):
    arts = _articles(seeds)
    lines = [json.dumps(a, ensure_ascii=False).encode() for a in arts[:2]]
    lines += [b"", b'{"id": "broken", "body": ', json.dumps({"body": arts[2]["body"]}).encode(),
              b'{"id": "latin", "body": "Gao \xe9"}', b"[1, 2]"]
    (tmp_path / "feed.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    lf = tarikh.read_corpus(tmp_path / "feed.jsonl", id_col="id", text_col="body", date_col="published")
    df = lf.collect()
    assert df["doc_id"].to_list() == [arts[0]["id"], arts[1]["id"], "feed:2", "feed:3", "feed:4", "feed:5"]
    assert df["text"].to_list()[:2] == [arts[0]["body"], arts[1]["body"]]
    assert df["pub_date"].to_list()[:2] == ["2025-01-15", "2025-02-15"]
    errors = df["input_error"].to_list()
    path = tmp_path / "feed.jsonl"
    assert errors[:2] == [None, None]
    assert errors[2].startswith(f"{path}: line 4: invalid JSON")
    assert errors[3] == f"{path}: no date column 'published' (columns: ['body']); pass date_col=... (--date-col)"
    assert errors[4].startswith(f"{path}: line 6: not valid UTF-8")
    assert errors[5] == f"{path}: line 7: expected a JSON object"
    docs = tarikh.extract(lf).documents
    assert docs["pub_date_source"].to_list()[:2] == ["input", "input"]
    assert docs["error"].to_list()[2:] == errors[2:]


def test_jsonl_gz_reads_like_jsonl(tmp_path, seeds):
    data = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in _articles(seeds))
    (tmp_path / "plain.jsonl").write_text(data, encoding="utf-8")
    with gzip.open(tmp_path / "packed.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(data)
    plain = tarikh.read_corpus(tmp_path / "plain.jsonl", text_col="body").collect()
    packed = tarikh.read_corpus(tmp_path / "packed.jsonl.gz", text_col="body").collect()
    assert packed["doc_id"].to_list() == [f"packed:{i}" for i in range(5)]  # no id column: <file>:<row>
    assert packed.drop("doc_id", "path").equals(plain.drop("doc_id", "path"))
    assert packed["text"].to_list() == [seeds[k] for k in sorted(seeds)]


def test_truncated_gzip_keeps_the_rows_before_and_an_error(tmp_path, seeds):
    data = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in _articles(seeds)).encode()
    packed = gzip.compress(data)
    (tmp_path / "cut.jsonl.gz").write_bytes(packed[: len(packed) * 3 // 4])
    df = tarikh.read_corpus(tmp_path, text_col="body", id_col="id").collect()
    assert df["input_error"][:-1].null_count() == df.height - 1 >= 1
    assert "cut.jsonl.gz: cannot read past row" in df["input_error"][-1]


def test_csv_with_multiline_cells_empty_fields_and_a_bad_record(tmp_path, seeds):
    arts = _articles(seeds)
    path = tmp_path / "articles.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "body", "published"])
        w.writerow([arts[0]["id"], arts[0]["body"], arts[0]["published"]])  # cells with newlines
        w.writerow(["", arts[1]["body"], ""])
    with open(path, "ab") as fh:
        fh.write(b'bad,"Attaque \xe0 Gao",2025-03-01\n')
        fh.write(f'{arts[2]["id"]},"{arts[2]["body"][:300]}",2025-03-02\n'.encode())
    df = tarikh.read_corpus(path, id_col="id", text_col="body", date_col="published").collect()
    assert df["doc_id"].to_list() == [arts[0]["id"], "articles:1", "bad", arts[2]["id"]]
    assert df["text"].to_list()[:2] == [arts[0]["body"], arts[1]["body"]]
    assert df["pub_date"].to_list() == ["2025-01-15", None, "2025-03-01", "2025-03-02"]
    assert df["input_error"].to_list() == [
        None, None, f"{path}: line {len(arts[0]['body'].splitlines()) + len(arts[1]['body'].splitlines()) + 2}: "
        "not valid UTF-8 (invalid continuation byte at byte 13 of the line)", None]
    assert df["text"][2] is None


def test_parquet_with_date_dtype_and_missing_text_column(tmp_path, seeds):
    arts = _articles(seeds)
    pl.DataFrame(arts).with_columns(pl.col("published").str.to_date()).write_parquet(tmp_path / "a.parquet")
    pl.DataFrame({"id": ["x"], "content": ["Gao"]}).write_parquet(tmp_path / "b.parquet")
    df = tarikh.read_corpus(tmp_path, id_col="id", text_col="body", date_col="published").collect()
    assert df["doc_id"].to_list() == [a["id"] for a in arts] + ["x"]
    assert df["pub_date"].to_list()[:2] == ["2025-01-15", "2025-02-15"]
    assert df["input_error"][:5].null_count() == 5
    assert df["input_error"][5].startswith(f"{tmp_path / 'b.parquet'}: no text column 'body'")


def test_globs_recursive_and_not(tmp_path):
    for name in ("top.txt", "2025/08/gao.txt", "2025/08/kidal.md", "2025/notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    ids = _rows(tarikh.read_corpus(str(tmp_path / "2025" / "**" / "*.txt")), "doc_id")
    assert ids == [("08/gao",), ("notes",)]  # relative to the folder before the wildcard
    assert _rows(tarikh.read_corpus(str(tmp_path / "*.txt")), "doc_id") == [("top",)]
    assert _rows(tarikh.read_corpus(tmp_path, recursive=False), "doc_id") == [("top",)]
    with pytest.raises(FileNotFoundError, match="nothing-here"):
        tarikh.read_corpus(str(tmp_path / "nothing-here" / "*.txt"))


def test_reading_is_lazy_and_in_batches(tmp_path, monkeypatch):
    for k in range(1200):
        (tmp_path / f"{k:04d}.txt").write_text(f"Attaque numéro {k} à Gao.", encoding="utf-8")
    reads: list[str] = []
    real = tarikh._io._read_document
    monkeypatch.setattr(tarikh._io, "_read_document", lambda inp, doc_id: reads.append(doc_id) or real(inp, doc_id))
    lf = tarikh.read_corpus(tmp_path)
    assert reads == []  # listed, not read
    (tmp_path / "0000.txt").write_text("Changé après la lecture de la liste.", encoding="utf-8")
    head = lf.head(3).collect()
    assert head["text"].to_list()[0] == "Changé après la lecture de la liste."
    assert 3 <= len(reads) <= tarikh._io._SCAN_ROWS  # the first frame of the scan only
    reads.clear()
    assert lf.select(pl.len()).collect().item() == 1200
    batches = list(lf.collect_batches(chunk_size=100))
    assert sum(b.height for b in batches) == 1200
