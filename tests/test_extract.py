"""tarikh.extract on the real sample articles: mentions, offsets, errors, schemas."""

from __future__ import annotations

import threading

import polars as pl
import pytest

import tarikh


def _surfaces(res: tarikh.Result, doc_id: str | None = None) -> list[str]:
    m = res.mentions if doc_id is None else res.mentions.filter(pl.col("doc_id") == doc_id)
    return m["surface"].to_list()


def test_offsets_slice_the_original_text(seeds, seed_result):
    m = seed_result.mentions
    assert m.height > 50
    for doc_id, start, end, surface, sb, eb in m.select("doc_id", "start", "end", "surface", "start_byte", "end_byte").iter_rows():
        text = seeds[doc_id]
        assert text[start:end] == surface
        assert text.encode()[sb:eb].decode() == surface


@pytest.mark.parametrize(
    ("surface", "kind", "name_part"),
    [
        ("JNIM", "armed_group", None),
        ("FAMa", "state_force", None),
        ("Sirakorola", "place", "Sirakorola"),
        ("SÉNÉGAL", "country", "Sénégal"),
        ("Assimi Goïta", "person", "Goïta"),
        ("EI au Sahel", "armed_group", None),
    ],
)
def test_seed_mentions_found(seed_result, surface, kind, name_part):
    rows = seed_result.mentions.filter(pl.col("surface") == surface)
    assert rows.height >= 1, f"{surface!r} not found"
    assert set(rows["kind"].to_list()) == {kind}
    if name_part:
        assert all(name_part in n for n in rows["name"].to_list())


def test_elided_acronym_offsets(seeds, seed_result):
    # "l’EI" in the first seed: the mention is "EI", after the apostrophe
    doc = "000_7acc19ff5bebf2c9"
    text = seeds[doc]
    i = text.index("l’EI")
    rows = seed_result.mentions.filter((pl.col("doc_id") == doc) & (pl.col("start") == i + 2))
    # the longest name wins: "EI au Sahel", starting right after the apostrophe
    assert rows["surface"].to_list() == ["EI au Sahel"]
    assert rows["kind"].to_list() == ["armed_group"]
    short = tarikh.extract(["Une cellule liée à l’EI a été démantelée."]).mentions
    assert short.select("surface", "start", "kind").rows() == [("EI", 21, "armed_group")]


def test_mali_inside_a_word_is_not_matched():
    res = tarikh.extract(["La Somalie et les Maliens ne sont pas le Mali.", "somaliland"])
    assert _surfaces(res) == ["Somalie", "Maliens", "Mali"]
    # "Maliens" is Mali only because the gazetteer lists it as a demonym
    assert res.mentions["is_demonym"].to_list() == [False, True, False]
    assert res.mentions["name"].to_list() == ["Somalie", "Mali", "Mali"]
    gaz = tarikh.Gazetteer()
    gaz.add("iso:MLI", "Mali", "country")
    res = tarikh.extract(["La Somalie, les Maliens, le Mali, MALI-SUD, Malibu."], gaz)
    assert _surfaces(res) == ["Mali", "MALI"]


def test_acronyms_are_case_sensitive():
    res = tarikh.extract(["Les pays de l'AES et les aes du vent; ei et EI."])
    assert _surfaces(res) == ["AES", "EI"]


def test_accents_case_and_quotes_folded():
    res = tarikh.extract(["SÉNÉGAL, Senegal, se\u0301ne\u0301gal et l’État islamique au Sahel"])
    assert _surfaces(res)[:3] == ["SÉNÉGAL", "Senegal", "se\u0301ne\u0301gal"]
    assert res.mentions["name"].to_list()[:3] == ["Sénégal"] * 3


def test_every_document_has_a_row_with_its_error():
    docs = ["Bamako", None, 42, "", "   ", "\ud800 lone surrogate"]
    res = tarikh.extract(docs)
    d = res.documents
    assert d["doc_id"].to_list() == ["0", "1", "2", "3", "4", "5"]
    errs = d["error"].to_list()
    assert errs[0] is None and errs[3] is None and errs[4] is None
    assert errs[1] == "text is null"
    assert errs[2] == "text is int, not str"
    assert errs[5].startswith("text is not valid Unicode")
    assert d["n_mentions"].to_list()[0] == 1


def test_dataframe_input_with_ids_and_dates():
    df = pl.DataFrame({
        "id": ["a", "b"],
        "body": ["Attaque à Gao dimanche.", "Rien."],
        "published": ["2025-08-05", "pas une date"],
    })
    with pytest.warns(UserWarning, match="'b'"):
        res = tarikh.extract(df, id_col="id", text_col="body", date_col="published")
    d = res.documents
    assert d["doc_id"].to_list() == ["a", "b"]
    assert d["pub_date"].to_list()[0].isoformat() == "2025-08-05"
    assert d["pub_date_source"].to_list()[0] == "input"
    assert d["pub_date"].to_list()[1] is None


def test_series_pairs_and_dict_inputs_agree():
    texts = ["Le JNIM à Gao.", "Niamey et Kidal."]
    a = tarikh.extract(pl.Series(texts)).mentions
    b = tarikh.extract(list(enumerate(texts))).mentions
    c = tarikh.extract({0: texts[0], 1: texts[1]}).mentions
    assert a.equals(b) and b.equals(c)


def test_bad_input_types_raise_clearly():
    with pytest.raises(TypeError, match="wrap a single text"):
        tarikh.extract("Bamako")
    with pytest.raises(ValueError, match="no text column 'text'"):
        tarikh.extract(pl.DataFrame({"body": ["x"]}))


def test_linked_mentions_without_events(seeds, seed_result):
    """``link=True, events=False``: the mentions and candidates of a full run,
    no events; ``events=False`` alone gives the matcher's raw matches."""
    docs = list(seeds.items())
    linked = tarikh.extract(docs, events=False, link=True)
    assert linked.events.height == 0
    assert linked.events.schema == seed_result.events.schema
    assert linked.mentions.equals(seed_result.mentions)
    assert linked.candidates.equals(seed_result.candidates)
    assert linked.candidates.height > 0
    raw = tarikh.extract(docs, events=False)
    assert raw.candidates.height == 0
    # the linker drops lower-case function words that are also place names
    # and adds short names and acronyms defined in the text
    assert raw.mentions.height != linked.mentions.height
    assert set(linked.mentions["surface"]) - set(raw.mentions["surface"])
    ex = tarikh.Extractor(events=False, link=True, threads=1)
    assert ex(docs).mentions.equals(seed_result.mentions)


def test_persons_the_gazetteer_lacks(seeds, seed_result):
    """A name after a title and a byline's author are person mentions
    without an entry; the raw matcher output has none."""
    m = seed_result.mentions
    unlisted = m.filter(pl.col("entity_id").is_null())
    assert set(unlisted["kind"]) == {"person"}
    rows = {(r["doc_id"], r["name"]): r for r in unlisted.iter_rows(named=True)}
    title = rows[("002_418ba31979678229", "Oumarou Maïga")]
    assert seeds["002_418ba31979678229"][title["start"]:title["end"]] == "Oumarou Maïga"
    assert title["confidence"] == pytest.approx(0.8) and title["n_candidates"] == 0
    assert title["lat"] is None and title["alias"] is None
    byline = rows[("003_cf31e31d74eda29e", "Lamine Fofana")]
    assert byline["confidence"] == pytest.approx(0.9)
    # the byline's author is also the document's author
    docs = seed_result.documents.filter(pl.col("doc_id") == "003_cf31e31d74eda29e")
    assert docs["author"][0] == "Lamine Fofana"
    # counted with the document's mentions, kept in offset order
    assert seed_result.documents["n_mentions"].sum() == m.height
    assert m.equals(m.sort("doc_id", "start", maintain_order=True))
    assert tarikh.extract(list(seeds.items()), events=False).mentions["entity_id"].null_count() == 0
    text = "Le ministre a reçu le général Abdoulaye Coulibaly à Gao. Abdoulaye Coulibaly a salué la visite."
    got = tarikh.extract([text]).mentions.filter(pl.col("kind") == "person")
    assert got.select("surface", "start", "confidence").rows() == [
        ("Abdoulaye Coulibaly", 30, pytest.approx(0.8)), ("Abdoulaye Coulibaly", 57, pytest.approx(0.7))]


def test_events_need_linking():
    with pytest.raises(ValueError, match="events need linked mentions"):
        tarikh.extract(["Bamako"], link=False)
    with pytest.raises(ValueError, match="events need linked mentions"):
        tarikh.Extractor(link=False)


def test_empty_input_gives_empty_frames_with_schema(seed_result):
    res = tarikh.extract([])
    assert res.documents.height == 0 and res.mentions.height == 0 and res.events.height == 0
    assert res.mentions.schema == seed_result.mentions.schema
    assert res.documents.schema == seed_result.documents.schema
    assert res.events.schema == seed_result.events.schema


def test_schemas_have_documented_dtypes(seed_result):
    m = seed_result.mentions.schema
    assert m["start"] == pl.Int64 and m["end"] == pl.Int64
    assert m["lat"] == pl.Float64 and m["surface"] == pl.String
    assert m["in_boilerplate"] == pl.Boolean
    d = seed_result.documents.schema
    assert d["pub_date"] == pl.Date and d["n_mentions"] == pl.UInt32
    assert seed_result.events.schema["date"] == pl.Date


def test_thread_count_does_not_change_output(seeds):
    docs = [(f"{doc_id}-{k}", text) for k in range(20) for doc_id, text in seeds.items()]
    one = tarikh.extract(docs, threads=1)
    two = tarikh.extract(docs, threads=2)
    assert one.mentions.equals(two.mentions)
    assert one.events.equals(two.events)


def test_concurrent_calls_from_python_threads(seeds):
    docs = list(seeds.items())
    gaz = tarikh.Gazetteer.default()
    expected = tarikh.extract(docs, gaz).mentions
    out: list[pl.DataFrame] = []

    def work():
        out.append(tarikh.extract(docs, gaz).mentions)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(out) == 4 and all(o.equals(expected) for o in out)


def test_boilerplate_mentions_are_flagged(seed_result):
    # the first seed opens with a site menu "• MALI • SÉNÉGAL • SAHEL"
    m = seed_result.mentions.filter(pl.col("doc_id") == "000_7acc19ff5bebf2c9").head(3)
    assert m["surface"].to_list() == ["MALI", "SÉNÉGAL", "SAHEL"]
    assert m["in_boilerplate"].all()
    # boilerplate does not decide linking: menu items link like body text
    assert m["name"].to_list() == ["Mali", "Sénégal", "Sahel"]
    assert m["kind"].to_list() == ["country", "country", "region"]


def test_result_summary_and_write(tmp_path, seed_result):
    assert "5 documents" in repr(seed_result)
    paths = seed_result.write(tmp_path, "csv")
    assert [p.name for p in paths] == ["documents.csv", "mentions.csv", "events.csv", "candidates.csv"]
    back = pl.read_csv(tmp_path / "mentions.csv")
    assert back.height == seed_result.mentions.height


def test_reader_comments_are_flagged_and_feed_no_event(seeds, seed_result):
    # the second seed ends with a reader comment section
    doc = "001_8335f24ef09f5a39"
    cut = seeds[doc].index("Commentaires via Facebook")
    m = seed_result.mentions.filter(pl.col("doc_id") == doc)
    after = m.filter(pl.col("start") > cut)
    assert after.height > 0 and after["in_comments"].all()
    assert not m.filter(pl.col("start") < cut)["in_comments"].any()
    ev = seed_result.events.filter(pl.col("doc_id") == doc)
    assert ev.height > 0
    assert all(seeds[doc].index(s) < cut for s in ev["sentence"].to_list())


def test_event_groups_lazy_or_from_dedupe(seeds, seed_result):
    groups = seed_result.event_groups  # computed on first access
    assert groups.equals(tarikh.dedupe(seed_result.events).event_groups)
    assert seed_result.event_groups is groups
    assert f"event groups: {groups.height:,}" in seed_result.summary()
    grouped = tarikh.extract(list(seeds.items()), dedupe=True, max_days=3)
    assert grouped.event_groups.equals(groups)
    assert grouped.events.columns[:2] == ["event_id", "event_group_id"]
    assert grouped.events.drop("event_group_id").equals(seed_result.events)


def test_result_displays_in_jupyter(seed_result):
    html = seed_result._repr_html_()
    kinds = seed_result.mentions["kind"].value_counts(sort=True)
    top_kind, top_n = kinds.row(0)
    assert html.startswith("<div><b>tarikh.Result</b><ul><li>5 documents (0 with errors)")
    assert f"mentions: {top_kind} {top_n:,}" in html
    dates = seed_result.events["date"].drop_nulls()
    assert f"event dates: {dates.min()} to {dates.max()}" in html
    assert seed_result._repr_markdown_().splitlines()[2].startswith("- 5 documents")


def test_write_includes_event_groups_after_dedupe(tmp_path, seeds):
    res = tarikh.extract(list(seeds.items()), dedupe=True)
    paths = res.write(tmp_path, "csv")
    assert [p.name for p in paths][-1] == "event_groups.csv"
    back = pl.read_csv(tmp_path / "event_groups.csv")
    assert back["doc_ids"].to_list() == res.event_groups["doc_ids"].list.join(";").to_list()
