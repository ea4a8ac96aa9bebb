"""Throughput of the pipeline on real HTML pages, stage by stage, against bare ``nlp.pipe``.

Run from the repo root:  python bench/throughput.py [--gold ../shared/gold/extraction] [--repeat 1]

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
from claimgraph.credibility import assess  # noqa: E402
from claimgraph.credibility.propaganda import propaganda_spans  # noqa: E402
from claimgraph.entities import resolve_entities  # noqa: E402
from claimgraph.nlp import load_nlp  # noqa: E402

WORD = re.compile(r"\w+")


def load_pages(gold: Path) -> list[RawDocument]:
    """The gold extraction pages as RawDocuments with their URLs, read in place."""
    pages = []
    for line in (gold / "ground_truth.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        html = gzip.decompress((gold / record["html_path"]).read_bytes()).decode("utf-8", "replace")
        pages.append(RawDocument(text=html, source=record["id"], format="html", url=record["url"]))
    return pages


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_stages(pages: list[RawDocument], batch_size: int) -> tuple[dict[str, float], int, int]:
    """Seconds spent in each stage over all pages; also (articles, words)."""
    nlp = load_nlp()
    spent = dict.fromkeys(["article", "nlp", "entities", "attribution", "claims", "propaganda", "credibility"], 0.0)
    start = time.perf_counter()
    articles = []
    for raw in pages:
        with contextlib.suppress(DocumentError):
            articles.append(build_article(raw))
    spent["article"] = time.perf_counter() - start
    start = time.perf_counter()
    docs = list(nlp.pipe([a.body for a in articles], batch_size=batch_size))
    spent["nlp"] = time.perf_counter() - start
    for article, doc in zip(articles, docs, strict=True):
        t0 = time.perf_counter()
        entities = resolve_entities(doc)
        t1 = time.perf_counter()
        attributions = extract_attributions(doc, entities)
        t2 = time.perf_counter()
        analyze_claims(doc, attributions, exclude=article.headings)
        t3 = time.perf_counter()
        propaganda_spans(doc.text)
        t4 = time.perf_counter()
        assess(article, attributions, None, entities=entities, doc=doc)
        t5 = time.perf_counter()
        for key, secs in zip(
            ("entities", "attribution", "claims", "propaganda", "credibility"),
            (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4),
            strict=True,
        ):
            spent[key] += secs
    words = sum(len(WORD.findall(a.body)) for a in articles)
    return spent, len(articles), words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold" / "extraction")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the pages (more = steadier figures)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    args = parser.parse_args()

    pages = load_pages(args.gold) * args.repeat
    load_nlp()("Warm up the pipeline once.")
    propaganda_spans("Warm up the propaganda model once.")
    spent, n, words = time_stages(pages, args.batch_size)
    start = time.perf_counter()
    results = list(analyze_many(pages, batch_size=args.batch_size))
    end_to_end = time.perf_counter() - start
    failed = sum(isinstance(r, DocumentError) for r in results)
    start = time.perf_counter()
    list(analyze_many(pages, batch_size=args.batch_size, signals=False))
    without_signals = time.perf_counter() - start

    bare = spent["nlp"]
    levels = [
        ("bare nlp.pipe on the extracted bodies", ["nlp"]),
        ("foundation: article + nlp + entities", ["article", "nlp", "entities"]),
        ("+ attribution", ["article", "nlp", "entities", "attribution"]),
        ("+ claims, propaganda, credibility (every stage)", list(spent)),
    ]
    table = ["| pipeline | seconds | articles/s | words/s | % of bare spaCy words/s |", "|---|---:|---:|---:|---:|"]
    for name, keys in levels:
        secs = sum(spent[k] for k in keys)
        table.append(f"| {name} | {secs:.1f} | {n / secs:.2f} | {words / secs:,.0f} | {bare / secs:.0%} |")
    table.append(
        f"| analyze_many end to end (wall clock) | {end_to_end:.1f} | {n / end_to_end:.2f} | "
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
    body = "\n".join(
        [
            "## Throughput (`bench/throughput.py`)",
            "",
            f"- machine: {machine()}",
            f"- date: {now()}",
            f"- command: `{command_line()}`",
            f"- input: {len(pages)} gold extraction HTML pages ({n} with an article, {failed} failed end to end), "
            f"{words:,} body words, batch size {args.batch_size}",
            "",
            *table,
            "",
            *stages,
            "",
            *cost,
            "",
            f"- foundation words/s = **{foundation:.0%}** of bare spaCy words/s ({verdict} the bar of >= 70%)",
            f"- peak RSS: {peak_rss_mb():,.0f} MB (spaCy, propaganda model and all pages in memory)",
        ]
    )
    print(body)
    if not args.no_write:
        write_section("throughput", body)


if __name__ == "__main__":
    main()
