#!/usr/bin/env python3
"""Throughput of ``tarikh.extract`` against Python peers at 1k to 600k aliases.

One process, one thread, the same texts and the same aliases for every tool,
one tool after another; the script checks that the peers find the same
mentions as tarikh and prints one table per gazetteer size plus a summary.

    python benchmarks/bench_scale.py [--mb 50] [--sizes 1000 10000 100000 600000]
                                     [--seed 7] [--skip TOOL ...] [--spacy-mb 1]
                                     [--spacy-max-aliases 100000] [--threads 1] [--repeat 1]
                                     [--examples 2]

(``make bench-scale`` installs the ``bench`` extra and runs the defaults.)
Tools: ``tarikh`` (always), ``ahocorasick_rs``, ``ahocorasick_rs_exact``,
``pyahocorasick``, ``flashtext``, ``spacy``; ``--skip`` takes those names.

Semantics
    Case-insensitive, whole-word, leftmost-longest, non-overlapping matches
    of the aliases. A match is whole-word when neither neighbour is a word
    character; word characters are the Unicode alphanumerics (``str.isalnum``,
    Rust's ``char::is_alphanumeric``: ``_`` and apostrophes are *not* word
    characters, so ``l'Ansongo`` contains ``Ansongo``). Among the whole-word
    matches, the leftmost one wins, then the longest, then matching resumes at
    its end. That is what tarikh does: ``Gao`` is still found in ``Gao
    Nordiste`` although the longer alias ``Gao Nord`` fails the word boundary.
    The peers get the lower-cased text (``str.lower`` per document, inside
    their timing) and the lower-cased aliases:

    * ``ahocorasick_rs``: ``MatchKind.LeftmostLongest`` then a word-boundary
      filter -- the reference configuration of the target (tarikh >= 3x it).
      Not exact: a longest match that fails the boundary hides a shorter valid
      one at the same start (``Gao`` in ``Gao Nordiste``), and a match that
      starts inside a word can swallow the start of the next valid one; the
      agreement column counts those.
    * ``ahocorasick_rs_exact``: ``MatchKind.Standard`` with overlapping
      matches, the word filter, then the greedy leftmost-longest selection:
      exact.
    * ``pyahocorasick``: ``Automaton.iter`` (overlapping), filter, greedy:
      exact.
    * ``flashtext``: ``KeywordProcessor`` with every Unicode alphanumeric as a
      non-boundary character (its default is ASCII letters, digits and ``_``)
      and case-sensitive matching of lower-cased keywords on the lower-cased
      text; flashtext's own scan (longest keyword starting at a word start).
    * ``spacy``: ``PhraseMatcher(attr="LOWER")`` on ``spacy.blank("fr")``,
      greedy leftmost-longest over its token-aligned matches; tokenizer-based,
      so it differs wherever the French tokenizer does not split at a word
      boundary as above. It runs on the first ``--spacy-mb`` MB only, and only
      up to ``--spacy-max-aliases`` aliases (100k phrase patterns take ~20 s
      and ~340 MB to build, 600k would take about six times that); its
      speed-up is a ratio of MB/s.

    tarikh's figure is end to end: Python strings in, the polars mentions
    DataFrame out (``tarikh.extract(docs, gaz, events=False, threads=1,
    progress=False).mentions``), with its normalisation (accents, case,
    apostrophes, dashes) and character offsets. The peers return Python lists
    of ``(pattern, start, end)`` per document. Agreement compares the sets of
    ``(document, start, end)`` in characters (tarikh's ``start``/``end``
    columns; ``start_byte``/``end_byte`` are the UTF-8 offsets).

    A second tarikh row, "with linking", times ``link=True`` as well: the
    mentions a researcher gets by default (without events), where the linker
    drops matches the context does not support, resolves ambiguous names and
    links short names to full ones. Its match set is smaller by design, so it
    is not compared with the peers; its MB/s and ratio are in the summary,
    and the ">= 3x" column asks it of both rows.

Gazetteers (seeded by ``--seed``)
    One ordered list of aliases, distinct after ``tarikh.normalize``; the
    gazetteer of size N is its first N aliases (so the sizes are nested), one
    entry of kind ``place`` per alias. The list starts with the real place
    names and aliases of ``tarikh.Gazetteer.default()`` (about 70,000 usable),
    shuffled, then continues with seeded synthetic West-African-looking names
    (``Tinzaouaten``, ``Kel Boulkessi``, one to three words). So 1k and 10k are
    real names only, 100k is mostly real, 600k mostly synthetic. The same seed
    gives the same aliases and corpus for a given built-in gazetteer (it
    changes with tarikh's gazetteer data). Building the 600k list takes
    ~15 s and is done whatever ``--sizes`` says, since the corpus needs it.
    Every alias is Latin letters and single spaces (no hyphen, apostrophe,
    digit), at least 3 letters, and keeps its length through upper/lower case.
    tarikh folds accents, the peers do not, so the list is *fold-injective*:
    no two different lower-case words among the aliases and the filler fold to
    the same form (``sécurité``/``securite``), and no alias is made of filler
    words only. Then any span of the corpus matches an alias after tarikh's
    folding if and only if it matches it after ``str.lower``, and the tools
    can agree exactly.

Corpus (seeded, the same for every size)
    French news-like documents of ~4 KB (default 50 MB in total): filler words
    with accents, sentences with a capital and a full stop, commas, numbers,
    elisions (``l'``, ``d'``, ``qu'``...) and paragraph breaks, single spaces
    between words. About 4% of the words are alias mentions: each picks a tier
    among 1k/10k/100k/600k (uniformly) and then an alias uniformly among the
    first 1k/10k/100k/600k of the list, so every size finds mentions (about
    28% of them at 1k, 53% at 10k, 80% at 100k, all at 600k) and the others are
    unknown capitalised names, as in real news. Mentions are written as in the
    gazetteer (85%), lower-cased (10%) or upper-cased (5%), and 5% of them get
    a demonym-like suffix (``Kidalois``) that makes them fail the word
    boundary.

Memory: tarikh reports ``matcher_memory()`` (heap of its compiled matcher);
for every tool the table also gives the growth of the process RSS while
building (tarikh: gazetteer + compile), which for Python structures is the
honest figure but is only approximate (the allocator reuses freed memory).
Requires ``pip install '.[bench]'``; missing peers are skipped with a note.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import re
import sys
import time
from collections.abc import Callable

import polars as pl

import tarikh

DEFAULT_SIZES = (1_000, 10_000, 100_000, 600_000)
#: tiers the corpus draws its mentions from (fixed, so the corpus depends on --seed and --mb only)
TIERS = DEFAULT_SIZES
MENTION_RATE = 0.04
DOC_CHARS = 4000
PEERS = ("ahocorasick_rs", "ahocorasick_rs_exact", "pyahocorasick", "flashtext", "spacy")

FILLER = (
    "le la les de des du un une et en au aux pour par sur dans avec selon après avant contre sans entre "
    "armée attaque sécurité gouvernement région village frontière forces groupe armé otages militaires "
    "président ministre accord coopération patrouille renseignement population civils autorités local "
    "semaine mois dimanche lundi mardi mercredi jeudi vendredi samedi annonce communiqué sources "
    "sécuritaires terrain opération nord sud est ouest centre ville route camion chauffeurs libération "
    "enlèvement négociation dialogue menace zone été était sont ont a été fait selon plusieurs "
    "hommes femmes enfants déplacés réfugiés humanitaire aide alimentaire marché bétail éleveurs "
    "agriculteurs conflit intercommunautaire jihadistes terroristes présumés embuscade convoi engin "
    "explosif improvisé blessés morts tués bilan provisoire officiel élections transition junte "
    "capitale préfecture commune cercle département nouvelle première dernière très aussi encore déjà "
    "lors depuis jusqu pendant durant où là ainsi cependant toutefois néanmoins échange reçu délégation "
    "mission onusienne casques bleus retrait partenaires européens russes mercenaires drones frappe "
    "aérienne état major général colonel lieutenant capitaine soldats gendarmes policiers douaniers "
    "école écoles fermées enseignants santé centre médical hôpital puits forage pâturages saison pluies"
).split()
ELISIONS = ("l'", "d'", "qu'", "n'", "s'", "jusqu'")
SUFFIXES = ("ois", "oise", "ien", "iens", "ienne")
VOWEL_START = set("aeiouyhàâäéèêëîïôöùûü")

ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "s", "t", "z", "y", "w", "h", "dj", "ts", "ng", "mb",
          "nd", "kh", "gh", "ch", "r", "", "")
NUCLEI = ("a", "a", "e", "i", "o", "ou", "ou", "ai", "ao", "ia", "oua")
CODAS = ("",) * 14 + ("n", "l", "r", "s", "m", "k", "t", "ng")
SYLLABLES = [o + n + c for o in ONSETS for n in NUCLEI for c in CODAS]
PREFIXES = ("Tin", "In", "Kel", "Dar", "Bir", "Ouro", "Sare", "Kouri", "Bani", "Dan", "Garin", "Koira", "Dioura",
            "Hamdallaye", "Tessit", "Fada", "Ndiaye", "Bandia")

#: Latin letters (up to Latin Extended-B) in words separated by single spaces
_NAME = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ]+(?: [A-Za-zÀ-ÖØ-öø-ɏ]+)*")


def fold(s: str) -> str:
    return tarikh.normalize(s)


# ---------------------------------------------------------------------------------------------- gazetteers
def real_names(seed: int) -> list[str]:
    """Names and aliases of the built-in gazetteer's places, shuffled (seeded)."""
    places = tarikh.Gazetteer.default().to_frame().filter(pl.col("kind") == "place")
    names = places["name"].to_list() + [a for al in places["aliases"].to_list() if al for a in al]
    names = sorted(set(names))
    random.Random(seed).shuffle(names)
    return names


def synthetic_names(seed: int):
    """An endless seeded stream of West-African-looking place names, one to three words."""
    rng = random.Random(seed ^ 0x5A4E1)

    choices, lengths = rng.choices, (2, 2, 2, 3, 3, 4)

    def word() -> str:
        return "".join(choices(SYLLABLES, k=rng.choice(lengths))).capitalize()

    while True:
        r = rng.random()
        if r < 0.6:
            name = word()
            if rng.random() < 0.15:
                name = rng.choice(PREFIXES) + name.lower()       # Tin + zaouaten
        elif r < 0.9:
            name = f"{rng.choice(PREFIXES)} {word()}" if rng.random() < 0.4 else f"{word()} {word()}"
        else:
            name = f"{word()} {word()} {word()}"
        yield name


class AliasList:
    """The ordered, fold-injective list of distinct aliases (see the module docstring)."""

    def __init__(self, seed: int) -> None:
        self.aliases: list[str] = []
        self.seen: set[str] = set()
        self.filler_folds = {fold(w) for w in FILLER}
        self.word_of_fold: dict[str, str | None] = {}
        for w in FILLER:   # two filler words folding alike (a/à) make that form unusable
            f = fold(w)
            self.word_of_fold[f] = w if self.word_of_fold.get(f, w) == w else None
        self.n_real = 0
        self._real = iter(real_names(seed))
        self._synth = synthetic_names(seed)

    def _accept(self, name: str, synthetic: bool = False) -> bool:
        low = name.lower()
        if not synthetic and (len(name) < 3 or not _NAME.fullmatch(name) or len(low) != len(name)
                              or name.upper().lower() != low or len(name.upper()) != len(name)):
            return False
        key = fold(name)
        if key in self.seen or key.count(" ") != low.count(" "):
            return False
        words = low.split(" ")
        folds = key.split(" ")
        if all(f in self.filler_folds for f in folds):
            return False
        for w, f in zip(words, folds):
            if self.word_of_fold.get(f, w) != w:
                return False
        for w, f in zip(words, folds):
            self.word_of_fold[f] = w
        self.seen.add(key)
        self.aliases.append(name)
        return True

    def first(self, n: int) -> list[str]:
        while len(self.aliases) < n:
            name = next(self._real, None)
            if name is None:
                self._accept(next(self._synth), synthetic=True)
            elif self._accept(name):
                self.n_real += 1
        return self.aliases[:n]


def make_gazetteer(aliases: list[str]) -> tarikh.Gazetteer:
    gaz = tarikh.Gazetteer()
    gaz.add_entries({"id": f"b{i}", "name": n, "kind": "place"} for i, n in enumerate(aliases))
    return gaz


# ---------------------------------------------------------------------------------------------- corpus
def make_corpus(aliases: list[str], mb: float, seed: int) -> list[str]:
    """Seeded French news-like documents of ~4 KB (see the module docstring)."""
    rng = random.Random(seed)
    rand, choice, randrange = rng.random, rng.choice, rng.randrange
    tiers = [min(t, len(aliases)) for t in TIERS]
    docs: list[str] = []
    total, target = 0, int(mb * 1e6)
    while total < target:
        out: list[str] = []
        size, sentence_start = 0, True
        while size < DOC_CHARS:
            r = rand()
            if r < MENTION_RATE:
                w = aliases[randrange(choice(tiers))]
                c = rand()
                if c < 0.10:
                    w = w.lower()
                elif c < 0.15:
                    w = w.upper()
                if rand() < 0.05:
                    w += choice(SUFFIXES)
            elif r < MENTION_RATE + 0.01:
                w = str(randrange(2, 2031))
            else:
                w = choice(FILLER)
                if sentence_start:
                    w = w.capitalize()
            if rand() < 0.05 and w[0].lower() in VOWEL_START:
                w = choice(ELISIONS) + w
            sentence_start = False
            r = rand()
            if r < 0.06:
                w += "."
                sentence_start = True
                if rand() < 0.2:
                    w += "\n\n"
            elif r < 0.10:
                w += ","
            out.append(w)
            size += len(w) + 1
        doc = " ".join(out).replace("\n\n ", "\n\n")
        docs.append(doc)
        total += len(doc.encode())
    return docs


# ---------------------------------------------------------------------------------------------- tools
def rss() -> int:
    try:
        import psutil

        return psutil.Process().memory_info().rss
    except ImportError:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def greedy(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Leftmost-longest non-overlapping selection of (pattern, start, end) whole-word spans."""
    spans.sort(key=lambda x: (x[1], -x[2]))
    out, last = [], 0
    for m in spans:
        if m[1] >= last:
            out.append(m)
            last = m[2]
    return out


class Tool:
    """A peer: ``build(aliases)`` returns the matcher, ``run(matcher, docs)`` a list of matches per doc."""

    name: str
    label: str

    def build(self, aliases: list[str]):
        raise NotImplementedError

    def run(self, matcher, docs: list[str]) -> list[list[tuple[int, int, int]]]:
        raise NotImplementedError


class AhoCorasickRs(Tool):
    name = "ahocorasick_rs"
    label = "ahocorasick_rs leftmost-longest + word filter"

    def build(self, aliases):
        import ahocorasick_rs

        return ahocorasick_rs.AhoCorasick([a.lower() for a in aliases],
                                          matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)

    def run(self, ac, docs):
        res = []
        for d in docs:
            low = d.lower()
            n = len(low)
            res.append([m for m in ac.find_matches_as_indexes(low)
                        if (m[1] == 0 or not low[m[1] - 1].isalnum()) and (m[2] == n or not low[m[2]].isalnum())])
        return res


class AhoCorasickRsExact(Tool):
    name = "ahocorasick_rs_exact"
    label = "ahocorasick_rs overlapping + word filter + greedy"

    def build(self, aliases):
        import ahocorasick_rs

        return ahocorasick_rs.AhoCorasick([a.lower() for a in aliases], matchkind=ahocorasick_rs.MatchKind.Standard)

    def run(self, ac, docs):
        res = []
        for d in docs:
            low = d.lower()
            n = len(low)
            res.append(greedy([m for m in ac.find_matches_as_indexes(low, overlapping=True)
                               if (m[1] == 0 or not low[m[1] - 1].isalnum())
                               and (m[2] == n or not low[m[2]].isalnum())]))
        return res


class PyAhoCorasick(Tool):
    name = "pyahocorasick"
    label = "pyahocorasick overlapping + word filter + greedy"

    def build(self, aliases):
        import ahocorasick

        a = ahocorasick.Automaton()
        for i, n in enumerate(aliases):
            a.add_word(n.lower(), (i, len(n)))
        a.make_automaton()
        return a

    def run(self, a, docs):
        res = []
        for d in docs:
            low = d.lower()
            n = len(low)
            spans = []
            for end, (p, length) in a.iter(low):
                e = end + 1
                s = e - length
                if (s == 0 or not low[s - 1].isalnum()) and (e == n or not low[e].isalnum()):
                    spans.append((p, s, e))
            res.append(greedy(spans))
        return res


class FlashText(Tool):
    name = "flashtext"
    label = "flashtext, Unicode word characters"

    def __init__(self) -> None:
        # every Unicode alphanumeric is a word character, as for tarikh (computed once, outside the timing)
        self.word_chars = {c for c in map(chr, range(sys.maxunicode + 1)) if c.isalnum()}

    def build(self, aliases):
        from flashtext import KeywordProcessor

        kp = KeywordProcessor(case_sensitive=True)   # keywords and text are lower-cased here
        kp.set_non_word_boundaries(self.word_chars)
        for i, n in enumerate(aliases):
            kp.add_keyword(n.lower(), i)
        return kp

    def run(self, kp, docs):
        return [kp.extract_keywords(d.lower(), span_info=True) for d in docs]


class Spacy(Tool):
    name = "spacy"
    label = "spaCy PhraseMatcher (LOWER, blank fr) + greedy"

    def build(self, aliases):
        import spacy
        from spacy.matcher import PhraseMatcher

        nlp = spacy.blank("fr")
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        # the patterns go through a tokenizer of their own: spaCy's tokenizer caches 10,000 chunks and stops
        # caching when full, so tokenizing the aliases with nlp would leave the corpus words uncached
        patterns = spacy.blank("fr", vocab=nlp.vocab).tokenizer
        batch = 50_000
        for i in range(0, len(aliases), batch):
            matcher.add("ALIAS", list(patterns.pipe(aliases[i:i + batch])))
        return nlp, matcher

    def run(self, built, docs):
        nlp, matcher = built
        res = []
        for doc in nlp.tokenizer.pipe(docs):
            spans = [(0, sp.start_char, sp.end_char) for sp in matcher(doc, as_spans=True)]
            res.append(greedy(spans))
        return res


TOOLS: dict[str, Callable[[], Tool]] = {
    "ahocorasick_rs": AhoCorasickRs, "ahocorasick_rs_exact": AhoCorasickRsExact, "pyahocorasick": PyAhoCorasick,
    "flashtext": FlashText, "spacy": Spacy,
}
IMPORTS = {"ahocorasick_rs": "ahocorasick_rs", "ahocorasick_rs_exact": "ahocorasick_rs",
           "pyahocorasick": "ahocorasick", "flashtext": "flashtext", "spacy": "spacy"}


def span_set(per_doc: list[list[tuple[int, int, int]]]) -> set[tuple[int, int, int]]:
    return {(i, m[1], m[2]) for i, ms in enumerate(per_doc) for m in ms}


def best_of(repeat: int, fn, *args):
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best, out


def log(msg: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------- main
def bench_size(n: int, aliases: list[str], docs: list[str], mb: float, n_spacy_docs: int, spacy_mb: float,
               args, tools: list[Tool]) -> dict:
    t_size = time.perf_counter()
    gc.collect()
    r0 = rss()
    t0 = time.perf_counter()
    gaz = make_gazetteer(aliases)
    t_gaz = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_patterns = gaz.compile()
    t_compile = time.perf_counter() - t0
    rss_tarikh = (rss() - r0) / 1e6
    # the Python wrapper may not expose matcher_memory (0.1.0 has it on the extension's Gazetteer only)
    mem = getattr(gaz, "matcher_memory", None) or gaz._gaz.matcher_memory
    mem = mem() / 1e6
    log(f"{n:,} aliases: tarikh gazetteer {t_gaz:.2f} s + compile {t_compile:.2f} s ({n_patterns:,} patterns)")
    tarikh.extract(docs[:1], gaz, events=False, threads=args.threads, progress=False)   # warm-up

    def run_tarikh(gaz: tarikh.Gazetteer) -> pl.DataFrame:
        return tarikh.extract(docs, gaz, events=False, threads=args.threads, progress=False).mentions

    t, mentions = best_of(args.repeat, run_tarikh, gaz)
    ref = set(mentions.select(pl.col("doc_id").cast(pl.Int64), "start", "end").iter_rows())
    ref_slice = {m for m in ref if m[0] < n_spacy_docs}
    log(f"{n:,} aliases: tarikh {t:.2f} s, {len(ref):,} mentions")
    rows = [dict(label="tarikh.extract (mentions DataFrame, end to end)", name="tarikh", t=t, mbs=mb / t,
                 matches=mentions.height, agree="reference", build=t_gaz + t_compile,
                 mem=f"{mem:.1f} (matcher); RSS +{rss_tarikh:.0f}")]
    del mentions

    # The same with linking (`link=True`): what a researcher gets by default,
    # minus events. Not compared with the peers: linking drops the matches
    # the context does not support (common words that are also place names).
    def run_linked(gaz: tarikh.Gazetteer) -> pl.DataFrame:
        return tarikh.extract(docs, gaz, events=False, link=True, threads=args.threads, progress=False).mentions

    tl, linked = best_of(args.repeat, run_linked, gaz)
    log(f"{n:,} aliases: tarikh linked {tl:.2f} s, {linked.height:,} mentions")
    rows.append(dict(label="tarikh.extract with linking (`link=True`)", name="tarikh_linked", t=tl, mbs=mb / tl,
                     matches=linked.height, agree="not compared (linking drops matches)", build=t_gaz + t_compile,
                     mem="as above"))
    del linked
    notes: list[str] = []
    for tool in tools:
        on_slice = tool.name == "spacy"
        if on_slice and n > args.spacy_max_aliases:
            notes.append(f"- spaCy skipped at {n:,} aliases (> --spacy-max-aliases {args.spacy_max_aliases:,})")
            continue
        gc.collect()
        r0 = rss()
        t0 = time.perf_counter()
        matcher = tool.build(aliases)
        t_build = time.perf_counter() - t0
        grown = (rss() - r0) / 1e6
        log(f"{n:,} aliases: {tool.name} build {t_build:.2f} s, RSS +{grown:.0f} MB")
        texts = docs[:n_spacy_docs] if on_slice else docs
        tp, per_doc = best_of(args.repeat, tool.run, matcher, texts)
        del matcher
        got = span_set(per_doc)
        want = ref_slice if on_slice else ref
        both = len(got & want)
        union = len(got | want)
        agree = (f"{100 * both / union if union else 100:.3f}% (both {both:,}; only {tool.name} "
                 f"{len(got - want):,}; only tarikh {len(want - got):,})")
        size_mb = spacy_mb if on_slice else mb
        label = tool.label + (f" [first {spacy_mb:.1f} MB]" if on_slice else "")
        rows.append(dict(label=label, name=tool.name, t=tp, mbs=size_mb / tp, matches=sum(map(len, per_doc)),
                         agree=agree, build=t_build, mem=f"RSS +{grown:.0f}"))
        for who, diff in ((tool.name, got - want), ("tarikh", want - got)):
            for i, st, en in sorted(diff)[:args.examples]:
                d = docs[i]
                notes.append(f"- only {who}: doc {i} [{st}:{en}] `...{d[max(0, st - 20):st]}[{d[st:en]}]"
                             f"{d[en:en + 20]}...`".replace("\n", " "))
        log(f"{n:,} aliases: {tool.name} {tp:.2f} s, {agree}")
        del per_doc, got
    del gaz
    gc.collect()
    return dict(n=n, rows=rows, notes=notes, wall=time.perf_counter() - t_size, n_patterns=n_patterns,
                n_ref=len(ref))


def print_size(res: dict, n_real: int) -> None:
    n = res["n"]
    real = min(n, n_real)
    print(f"\n### {n:,} aliases ({real:,} real, {n - real:,} synthetic; tarikh compiled {res['n_patterns']:,} "
          f"patterns)\n")
    print("| tool | seconds | MB/s | matches | agreement with tarikh | tarikh speed-up | build s | memory MB |")
    print("|---|--:|--:|--:|---|--:|--:|---|")
    base = res["rows"][0]["mbs"]
    for r in res["rows"]:
        speed = "1.0x" if r["name"] == "tarikh" else f"{base / r['mbs']:.2f}x"
        print(f"| {r['label']} | {r['t']:.2f} | {r['mbs']:.1f} | {r['matches']:,} | {r['agree']} | {speed} "
              f"| {r['build']:.2f} | {r['mem']} |")
    if res["notes"]:
        print()
    for note in res["notes"]:
        print(note)
    print(f"\n(harness wall time for this size: {res['wall']:.1f} s)")


def print_summary(results: list[dict], names: list[str]) -> None:
    print("\n### Summary: MB/s, one thread\n")
    head = (["aliases", "tarikh", "tarikh linked"] + names
            + ["tarikh / ahocorasick_rs", "linked / ahocorasick_rs", ">= 3x"])
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["--:"] * (len(head) - 1) + [":-:"]) + "|")
    for res in results:
        by = {r["name"]: r for r in res["rows"]}
        cells = [f"{res['n']:,}", f"{by['tarikh']['mbs']:.1f}", f"{by['tarikh_linked']['mbs']:.1f}"]
        cells += [f"{by[x]['mbs']:.1f}" if x in by else "-" for x in names]
        if "ahocorasick_rs" in by:
            ratio = by["tarikh"]["mbs"] / by["ahocorasick_rs"]["mbs"]
            linked = by["tarikh_linked"]["mbs"] / by["ahocorasick_rs"]["mbs"]
            cells += [f"{ratio:.2f}x", f"{linked:.2f}x", "yes" if min(ratio, linked) >= 3 else "no"]
        else:
            cells += ["-", "-", "-"]
        print("| " + " | ".join(cells) + " |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    ap.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), help="gazetteer sizes")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--skip", nargs="*", default=[], choices=PEERS, metavar="TOOL", help=f"peers to skip: {PEERS}")
    ap.add_argument("--spacy-mb", type=float, default=1.0, help="MB of the corpus spaCy runs on (default 1)")
    ap.add_argument("--spacy-max-aliases", type=int, default=100_000,
                    help="largest gazetteer spaCy runs with (default 100000)")
    ap.add_argument("--threads", type=int, default=1, help="tarikh threads (the peers use one)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per tool, the best is kept (default 1)")
    ap.add_argument("--examples", type=int, default=2,
                    help="disagreements shown per tool and side, in context (default 2)")
    args = ap.parse_args()
    t_all = time.perf_counter()

    tools: list[Tool] = []
    missing = []
    for name in PEERS:
        if name in args.skip:
            continue
        try:
            __import__(IMPORTS[name])
        except ImportError:
            missing.append(name)
            continue
        tools.append(TOOLS[name]())
    if any(t.name == "spacy" for t in tools):
        import spacy

        spacy.blank("fr")   # loads the French language data once, outside the timed builds

    t0 = time.perf_counter()
    alias_list = AliasList(args.seed)
    all_aliases = alias_list.first(max(max(args.sizes), max(TIERS)))
    t_aliases = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = make_corpus(all_aliases[:max(TIERS)], args.mb, args.seed)
    t_corpus = time.perf_counter() - t0
    sizes_b = [len(d.encode()) for d in docs]
    mb = sum(sizes_b) / 1e6
    n_spacy_docs, acc = 0, 0
    while n_spacy_docs < len(docs) and acc < args.spacy_mb * 1e6:
        acc += sizes_b[n_spacy_docs]
        n_spacy_docs += 1
    spacy_mb = acc / 1e6

    versions = [f"tarikh {tarikh.__version__}", f"polars {pl.__version__}"]
    for t in tools:
        mod = {"pyahocorasick": "pyahocorasick", "ahocorasick_rs_exact": None}.get(t.name, t.name)
        if mod:
            try:
                from importlib.metadata import version

                versions.append(f"{mod} {version(mod.replace('_', '-'))}")
            except Exception:
                pass
    print(f"# {', '.join(versions)}; Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs; tarikh threads {args.threads}, peers 1 thread; best of {args.repeat}")
    print(f"# corpus {mb:.1f} MB in {len(docs):,} documents (seed {args.seed}, generated in {t_corpus:.1f} s); "
          f"spaCy slice {spacy_mb:.2f} MB ({n_spacy_docs} documents)")
    print(f"# alias list {len(all_aliases):,} ({min(alias_list.n_real, len(all_aliases)):,} real, "
          f"built in {t_aliases:.1f} s); sizes {', '.join(f'{s:,}' for s in args.sizes)}")
    if missing:
        print(f"# not installed, skipped: {', '.join(missing)} (pip install '.[bench]')")
    sys.stdout.flush()

    results = []
    for n in args.sizes:
        res = bench_size(n, all_aliases[:n], docs, mb, n_spacy_docs, spacy_mb, args, tools)
        print_size(res, alias_list.n_real)
        sys.stdout.flush()
        results.append(res)
    print_summary(results, [t.name for t in tools])
    print(f"\n(harness total {time.perf_counter() - t_all:.0f} s: aliases {t_aliases:.1f} s, corpus {t_corpus:.1f} s, "
          + ", ".join(f"{r['n']:,}: {r['wall']:.0f} s" for r in results) + ")")


if __name__ == "__main__":
    main()
