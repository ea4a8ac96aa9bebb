"""Attribution precision classes on real web text: the FakeNewsCorpus sample, read as a new user would.

Run from the repo root::

    /work/main/.venv/bin/python bench/fnc_precision.py [--label before|after] [--no-write]

The sample (``../shared/data/fakenewscorpus/news_sample.csv``, read in place) goes through the CSV reader
with the ``fakenews`` preset (``iter_inputs``), ``build_article``, the spaCy pipeline, ``resolve_entities``
and ``extract_attributions``: the same calls ``claimgraph ingest --preset fakenews`` makes. The parse is
cached under ``/tmp`` (keyed by the pipeline's name, version and components and the bodies) so a
before/after pair parses once.

Counts (issue 19), each computed from the output plus the parse of the cue's sentence:

* ``cue ":"``: attributions whose cue text is a colon; of them, those whose speaker entity is a PERSON;
* passive the wrong way (documented heuristic): the cue is a passive participle (tag ``VBN``, no perfect
  ``have`` auxiliary, no ``by`` agent of its own) and the speaker mention ends before the cue, so the
  patient of "X accused of ..." was stored as the accuser; or the speaker mention runs over a content
  preposition of the cue (``of``/``for``/``over`` + a verb or clause inside the mention), i.e. the speaker
  swallowed what it was said about ("accused by a regulator of laundering ...");
* non-speech cue: the cue's lemma is one of ``NON_SPEECH`` (possession, wanting, planning, knowing, seeming,
  supporting), words that state a fact about the subject, not something it said or believes about the world
  (PolNeAR annotates many of them as inner states, so they are reported, with and without a speaker entity);
* no speaker entity: share of attributions with ``speaker`` null; stance ``other``: share with that stance;
* PERSON headings: PERSON entities all of whose name mentions sit in a heading-like line (a line of at most
  eight words with no final full stop) and whose name holds a plural noun or a word the same article also
  writes in lower case (``Stocks``, ``Group``), counted over all entities, and how many of them are speakers.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._report import command_line, machine, now, write_section  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "data" / "fakenewscorpus" / "news_sample.csv"
CACHE = Path("/tmp/claimgraph-fnc-bench")
NON_SPEECH = {"have", "support", "want", "know", "seem", "plan", "need", "like", "love", "get", "make"}
CONTENT_PREPS = {"of", "for", "over"}


def load_articles(path: Path) -> list[Any]:
    """Articles of the sample through the ingest reader (errors are counted, not raised)."""
    from claimgraph.article import build_article
    from claimgraph.errors import DocumentError
    from claimgraph.ingest.sources import field_map, iter_inputs

    out = []
    for item in iter_inputs([str(path)], field_map("fakenews")):
        if isinstance(item, DocumentError):
            continue
        try:
            out.append(build_article(item))
        except DocumentError:
            continue
    return out


def parse(bodies: list[str]) -> list[Any]:
    """spaCy docs of the bodies, cached as a DocBin keyed by their hash."""
    from spacy.tokens import DocBin

    from claimgraph.nlp import load_nlp

    nlp = load_nlp()
    meta = f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}:{','.join(nlp.pipe_names)}"
    key = hashlib.sha1("\x00".join([meta, *bodies]).encode()).hexdigest()[:12]
    file = CACHE / f"fnc-{key}.spacy"
    if file.exists():
        return list(DocBin().from_disk(file).get_docs(nlp.vocab))
    docs = list(nlp.pipe(bodies, batch_size=16))
    CACHE.mkdir(parents=True, exist_ok=True)
    db = DocBin(store_user_data=False)
    for d in docs:
        db.add(d)
    db.to_disk(file)
    return docs


def _cue_token(doc: Any, att: Any) -> Any | None:
    span = doc.char_span(att.cue.start, att.cue.end, alignment_mode="expand") if att.cue else None
    return span.root if span is not None and len(span) else None


def passive_wrong_way(doc: Any, att: Any) -> bool:
    """The heuristic of the module docstring: the patient stored as speaker, or a speaker that swallows content."""
    tok = _cue_token(doc, att)
    mention = att.speaker_mention
    if tok is None or mention is None:
        return False
    has_agent = any(c.dep_ == "agent" for c in tok.children)
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)
    if tok.tag_ == "VBN" and not perfect and not has_agent and mention.end <= tok.idx:
        return True
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.start <= tok.i:
        return False
    for t in span:
        if t.lower_ in CONTENT_PREPS and t.i > span.start and any(g.pos_ in {"VERB", "AUX"} for g in t.subtree):
            return True
    return False


def heading_persons(doc: Any, entities: list[Any]) -> list[Any]:
    """PERSON entities named only in heading-like lines and containing a common noun (the docstring's rule)."""
    text = doc.text
    lower = _lower_words(doc)
    out = []
    for e in entities:
        names = [m for m in e.mentions if m.kind in {"name", "alias"}]
        if e.type != "PERSON" or not names:
            continue
        if not all(_heading_line(text, m.start) for m in names):
            continue
        span = doc.char_span(names[0].start, names[0].end, alignment_mode="expand")
        if span is not None and any(t.is_alpha and (t.tag_ == "NNS" or t.lower_ in lower) for t in span):
            out.append(e)
    return out


def _lower_words(doc: Any) -> set[str]:
    """Words the article also writes in lower case: ordinary words, not names ("stocks", "group")."""
    return {t.text for t in doc if t.is_alpha and t.text.islower() and len(t.text) > 2}


def _heading_line(text: str, pos: int) -> bool:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : len(text) if end < 0 else end].strip()
    return len(line.split()) <= 8 and not line.endswith((".", '"', "”"))


def measure(articles: list[Any], docs: list[Any]) -> dict[str, Any]:
    """The counts of the module docstring over all articles."""
    from claimgraph.attribution import extract_attributions
    from claimgraph.entities import resolve_entities

    c: Counter = Counter()
    speakers: Counter = Counter()
    lemmas: Counter = Counter()
    t_attr = 0.0
    for doc in docs:
        entities = resolve_entities(doc)
        t0 = time.perf_counter()
        atts = extract_attributions(doc, entities)
        t_attr += time.perf_counter() - t0
        types = {e.id: e.type for e in entities}
        names = {e.id: e.name for e in entities}
        persons = heading_persons(doc, entities)
        c["heading_person"] += len(persons)
        heading_ids = {e.id for e in persons}
        for a in atts:
            c["atts"] += 1
            if a.cue is not None and a.cue.text.strip() == ":":
                c["colon"] += 1
                if types.get(a.speaker or "") == "PERSON":
                    c["colon_person"] += 1
                    speakers[names[a.speaker]] += 1
            if passive_wrong_way(doc, a):
                c["passive_wrong"] += 1
            lemma = a.cue.lemma if a.cue else ""
            if lemma.split(" ")[0] in NON_SPEECH:
                c["non_speech"] += 1
                c["non_speech_speaker"] += a.speaker is not None
                lemmas[lemma.split(" ")[0]] += 1
            c["no_speaker"] += a.speaker is None
            c["stance_other"] += a.stance == "other"
            c["heading_speaker"] += a.speaker in heading_ids
    return {"counts": c, "colon_speakers": speakers, "non_speech_lemmas": lemmas, "attr_seconds": t_attr}


def report(label: str, articles: int, m: dict[str, Any]) -> str:
    """A markdown block of the counts (one run)."""
    c = m["counts"]
    n = max(1, c["atts"])
    top = ", ".join(f"{k} {v}" for k, v in m["colon_speakers"].most_common(3)) or "-"
    lem = ", ".join(f"{k} {v}" for k, v in sorted(m["non_speech_lemmas"].items())) or "-"
    rows = [
        ("attributions", f"{c['atts']:,}"),
        ('cue ":"', f"{c['colon']:,} (persons: {c['colon_person']}; top: {top})"),
        ("passive the wrong way (heuristic)", f"{c['passive_wrong']:,}"),
        ("non-speech cue", f"{c['non_speech']:,} ({lem})"),
        ("non-speech cue with a speaker entity", f"{c['non_speech_speaker']:,}"),
        ("no speaker entity", f"{c['no_speaker'] / n:.1%}"),
        ("stance `other`", f"{c['stance_other'] / n:.1%}"),
        ("PERSON entities from headings (speakers)", f"{c['heading_person']} ({c['heading_speaker']})"),
        ("attribution seconds (all articles)", f"{m['attr_seconds']:.1f}"),
    ]
    lines = [f"### {label} ({now()}, {articles} articles)", "", "| count | value |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in rows]
    return "\n".join(lines)


def _merge(label: str, block: str) -> str:
    """Keep the other label's block of the section (before and after live side by side)."""
    from bench._report import BENCHMARKS

    text = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else ""
    start, end = text.find("<!-- bench:fnc_precision -->"), text.find("<!-- /bench:fnc_precision -->")
    blocks: dict[str, str] = {}
    if 0 <= start < end:
        for part in text[start:end].split("\n### ")[1:]:
            blocks[part.split(" ", 1)[0]] = "### " + part.strip()
    blocks[label] = block
    head = (
        "## Attribution precision on web text (FakeNewsCorpus sample)\n\n"
        f"- machine: {machine()}\n- command: `{command_line()}`\n"
        "- data: `../shared/data/fakenewscorpus/news_sample.csv` (250 rows, read in place), `fakenews` preset\n"
        "- counts and heuristics: see the docstring of `bench/fnc_precision.py`\n"
    )
    order = [k for k in ("before", "after") if k in blocks] + [k for k in blocks if k not in {"before", "after"}]
    return head + "\n" + "\n\n".join(blocks[k] for k in order) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--label", default="after", help="name of this run's block (before / after)")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--sample", type=Path, default=SAMPLE)
    args = ap.parse_args()
    if not args.sample.exists():
        sys.exit(f"missing {args.sample}")
    articles = load_articles(args.sample)
    docs = parse([a.body for a in articles])
    m = measure(articles, docs)
    block = report(args.label, len(articles), m)
    print(block)
    if not args.no_write:
        write_section("fnc_precision", _merge(args.label, block))


if __name__ == "__main__":
    main()
