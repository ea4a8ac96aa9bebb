"""Throughput of the pipeline on real HTML pages, stage by stage, against bare ``nlp.pipe``.

Run from the repo root:  python bench/throughput.py [--gold ../shared/gold/extraction] [--repeat 1]
                         python bench/throughput.py --text [--limit 200]   (held-out bodies as format="text")

``--text`` takes the article bodies of ``../shared/gold/attribution/dev.jsonl`` as plain text (no article stage),
the inputs of issue 18's first bar. ``--clock cpu`` times with this process's CPU seconds instead of the wall clock:
on a shared, loaded machine the wall clock mostly measures the neighbours.

"Bare spaCy" is the stock ``spacy.load`` of the default model (every component, as shipped), the baseline of
issue 18; the ``nlp`` stage is claimgraph's load of it (block components, memoised lemmatizer).
Each stage is timed on its own (the same functions ``analyze_many`` calls, in the same order), so the
table shows what every stage costs; the end-to-end ``analyze_many`` wall time is measured too.
Bar (issue "Foundation"): the foundation pipeline (article extraction + spaCy + entities) runs at
>= 70% of bare spaCy words/s, both batched.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._report import command_line, machine, now, write_section  # noqa: E402
from claimgraph import DocumentError, RawDocument, analyze_many  # noqa: E402
from claimgraph.article import build_article  # noqa: E402
from claimgraph.attribution import extract_attributions  # noqa: E402
from claimgraph.claims import analyze_claims  # noqa: E402
from claimgraph.config import DEFAULT_MODEL  # noqa: E402
from claimgraph.credibility import assess  # noqa: E402
from claimgraph.credibility.propaganda import propaganda_spans  # noqa: E402
from claimgraph.entities import resolve_entities  # noqa: E402
from claimgraph.events import find_events  # noqa: E402
from claimgraph.nlp import load_nlp  # noqa: E402
from claimgraph.places import find_places, load_gazetteer  # noqa: E402

WORD = re.compile(r"\w+")


def load_pages(gold: Path) -> list[RawDocument]:
    """The gold extraction pages as RawDocuments with their URLs, read in place."""
    pages = []
    for line in (gold / "ground_truth.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        html = gzip.decompress((gold / record["html_path"]).read_bytes()).decode("utf-8", "replace")
        pages.append(RawDocument(text=html, source=record["id"], format="html", url=record["url"]))
    return pages


def load_texts(path: Path, limit: int) -> list[RawDocument]:
    """Held-out article bodies as plain-text RawDocuments (offsets index the text itself)."""
    lines = path.read_text(encoding="utf-8").splitlines()[:limit]
    return [RawDocument(text=json.loads(x)["text"], source=json.loads(x)["id"], format="text") for x in lines]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


CLOCK = {"wall": time.perf_counter, "cpu": time.process_time}
clock = time.perf_counter


def time_bare(bodies: list[str], batch_size: int) -> float:
    """Seconds of the stock pipeline (``spacy.load``, nothing added) over the bodies: issue 18's baseline."""
    import spacy

    stock = spacy.load(DEFAULT_MODEL)
    stock.max_length = max(stock.max_length, load_nlp().max_length)
    list(stock.pipe(["Warm up the stock pipeline once."]))
    start = clock()
    for _ in stock.pipe(bodies, batch_size=batch_size):
        pass
    return clock() - start


def time_stages(pages: list[RawDocument], batch_size: int) -> tuple[dict[str, float], int, int]:
    """Seconds spent in each stage over all pages (``bare``: the stock pipeline); also (articles, words)."""
    nlp = load_nlp()
    load_gazetteer()  # the pipeline loads it once per process, before the first document
    stages = ["article", "nlp", "entities", "attribution", "places", "events", "claims", "propaganda", "credibility"]
    spent = dict.fromkeys(stages, 0.0)
    start = clock()
    articles = []
    for raw in pages:
        with contextlib.suppress(DocumentError):
            articles.append(build_article(raw))
    spent["article"] = clock() - start
    start = clock()
    docs = list(nlp.pipe([a.body for a in articles], batch_size=batch_size))
    spent["nlp"] = clock() - start
    spent["bare"] = time_bare([a.body for a in articles], batch_size)
    for article, doc in zip(articles, docs, strict=True):
        t0 = clock()
        entities = resolve_entities(doc)
        t1 = clock()
        attributions = extract_attributions(doc, entities)
        t2 = clock()
        places = find_places(doc, entities)
        t3 = clock()
        find_events(doc, entities, attributions, article.published, places)
        t4 = clock()
        analyze_claims(doc, attributions, exclude=article.headings)
        t5 = clock()
        propaganda_spans(doc.text)
        t6 = clock()
        assess(article, attributions, None, entities=entities, doc=doc)
        t7 = clock()
        marks = (t0, t1, t2, t3, t4, t5, t6, t7)
        for key, a, b in zip(stages[2:], marks[:-1], marks[1:], strict=True):
            spent[key] += b - a
    words = sum(len(WORD.findall(a.body)) for a in articles)
    return spent, len(articles), words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold" / "extraction")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the pages (more = steadier figures)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--text", action="store_true", help="held-out bodies as format='text' (no HTML)")
    parser.add_argument("--texts", type=Path, default=ROOT.parent / "shared" / "gold" / "attribution" / "dev.jsonl")
    parser.add_argument("--limit", type=int, default=200, help="--text: how many bodies")
    parser.add_argument("--clock", choices=sorted(CLOCK), default="wall")
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    args = parser.parse_args()

    global clock
    clock = CLOCK[args.clock]
    pages = (load_texts(args.texts, args.limit) if args.text else load_pages(args.gold)) * args.repeat
    load_nlp()("Warm up the pipeline once.")
    propaganda_spans("Warm up the propaganda model once.")
    spent, n, words = time_stages(pages, args.batch_size)
    start = clock()
    results = list(analyze_many(pages, batch_size=args.batch_size))
    end_to_end = clock() - start
    failed = sum(isinstance(r, DocumentError) for r in results)
    start = clock()
    list(analyze_many(pages, batch_size=args.batch_size, signals=False))
    without_signals = clock() - start

    bare = spent.pop("bare")
    levels = [
        ("claimgraph's nlp.pipe on the extracted bodies", ["nlp"]),
        ("foundation: article + nlp + entities", ["article", "nlp", "entities"]),
        ("+ attribution", ["article", "nlp", "entities", "attribution"]),
        ("+ places, events", ["article", "nlp", "entities", "attribution", "places", "events"]),
        ("+ claims, propaganda, credibility (every stage)", list(spent)),
    ]
    table = ["| pipeline | seconds | articles/s | words/s | % of bare spaCy words/s |", "|---|---:|---:|---:|---:|"]
    table.append(f"| bare spaCy (stock {DEFAULT_MODEL}) | {bare:.1f} | {n / bare:.2f} | {words / bare:,.0f} | 100% |")
    for name, keys in levels:
        secs = sum(spent[k] for k in keys)
        table.append(f"| {name} | {secs:.1f} | {n / secs:.2f} | {words / secs:,.0f} | {bare / secs:.0%} |")
    table.append(
        f"| analyze_many end to end ({args.clock} clock) | {end_to_end:.1f} | {n / end_to_end:.2f} | "
        f"{words / end_to_end:,.0f} | {bare / end_to_end:.0%} |"
    )
    stages = ["| stage | seconds | ms / article | share of every-stage time |", "|---|---:|---:|---:|"]
    total = sum(spent.values())
    stages += [f"| {k} | {v:.1f} | {1000 * v / n:.0f} | {v / total:.0%} |" for k, v in spent.items()]
    signal_stages = sum(spent[k] for k in ("claims", "propaganda", "credibility"))
    cost = [
        "Cost of the claims and credibility stages (claim units, check-worthiness, quantities, hedges, "
        "propaganda, source ratings), `analyze_many` end to end on the same pages:",
        "",
        "| analyze_many | seconds | articles/s | words/s |",
        "|---|---:|---:|---:|",
        f"| without claims and credibility (`signals=False`) | {without_signals:.1f} | {n / without_signals:.2f} | "
        f"{words / without_signals:,.0f} |",
        f"| with every stage (default) | {end_to_end:.1f} | {n / end_to_end:.2f} | {words / end_to_end:,.0f} |",
        "",
        f"- these stages cost **{end_to_end / without_signals - 1:.0%}** more wall time end to end "
        f"({1000 * signal_stages / n:.0f} ms per article by the stage timer, propaganda "
        f"{1000 * spent['propaganda'] / n:.0f} ms of it)",
    ]
    foundation = bare / (spent["article"] + spent["nlp"] + spent["entities"])
    verdict = "meets" if foundation >= 0.7 else "misses"
    kind = "held-out bodies as text" if args.text else "gold extraction HTML pages"
    whole, bar = bare / end_to_end, (0.8 if args.text else 0.7)
    whole_verdict = "meets" if whole >= bar else "misses"
    body = "\n".join(
        [
            f"## Throughput{' on text inputs' if args.text else ''} (`bench/throughput.py`)",
            "",
            f"- machine: {machine()}",
            f"- date: {now()}",
            f"- command: `{command_line()}`",
            f"- clock: {args.clock} seconds",
            f"- input: {len(pages)} {kind} ({n} with an article, {failed} failed end to end), "
            f"{words:,} body words, batch size {args.batch_size}",
            "",
            *table,
            "",
            *stages,
            "",
            *cost,
            "",
            f"- foundation words/s = **{foundation:.0%}** of bare spaCy words/s ({verdict} the bar of >= 70%)",
            f"- analyze_many end to end = **{whole:.0%}** of bare spaCy words/s ({whole_verdict} issue 18's bar "
            f"of >= {bar:.0%})",
            f"- peak RSS: {peak_rss_mb():,.0f} MB (spaCy, propaganda model and all pages in memory)",
        ]
    )
    print(body)
    if not args.no_write:
        write_section("throughput_text" if args.text else "throughput", body)


if __name__ == "__main__":
    main()
