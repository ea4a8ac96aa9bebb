"""Throughput of ``analyze_many`` on real HTML pages against bare ``nlp.pipe`` on the same bodies.

Run from the repo root:  python bench/throughput.py [--gold ../shared/gold/extraction] [--repeat 1]
Bar (issue "Foundation"): analyze words/s >= 70% of bare spaCy words/s, both batched.
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold" / "extraction")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the pages (more = steadier figures)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    args = parser.parse_args()

    pages = load_pages(args.gold) * args.repeat
    nlp = load_nlp()
    nlp("Warm up the pipeline once.")

    start = time.perf_counter()
    results = list(analyze_many(pages, batch_size=args.batch_size))
    analyze_s = time.perf_counter() - start
    start = time.perf_counter()
    list(analyze_many(pages, batch_size=args.batch_size, signals=False))
    core_s = time.perf_counter() - start
    ok = [r for r in results if not isinstance(r, DocumentError)]
    bodies = [r.article.body for r in ok]
    words = sum(len(WORD.findall(b)) for b in bodies)
    rss_after_analyze = peak_rss_mb()

    start = time.perf_counter()
    for _ in nlp.pipe(bodies, batch_size=args.batch_size):
        pass
    bare_s = time.perf_counter() - start

    if not ok:
        sys.exit("no page could be analysed; is the HTML extractor installed?")
    analyze_wps, core_wps, bare_wps = words / analyze_s, words / core_s, words / bare_s
    ratio, core_ratio = analyze_wps / bare_wps, core_wps / bare_wps
    rows = [
        ("analyze_many, all stages (extract, nlp, entities, attribution, claims, credibility)", analyze_s, analyze_wps),
        ("analyze_many, signals=False (extract, nlp, entities, attribution)", core_s, core_wps),
        ("bare nlp.pipe on the same bodies", bare_s, bare_wps),
    ]
    table = ["| pipeline | articles/s | words/s | % of bare spaCy |", "|---|---:|---:|---:|"]
    table += [f"| {name} | {len(ok) / secs:.2f} | {wps:,.0f} | {wps / bare_wps:.0%} |" for name, secs, wps in rows]
    verdict = "meets" if core_ratio >= 0.7 else "misses"
    body = "\n".join(
        [
            "## Throughput (`bench/throughput.py`)",
            "",
            f"- machine: {machine()}",
            f"- date: {now()}",
            f"- command: `{command_line()}`",
            f"- input: {len(pages)} gold extraction HTML pages ({len(ok)} analysed, {len(results) - len(ok)} failed), "
            f"{words:,} body words, batch size {args.batch_size}",
            "",
            *table,
            "",
            f"- foundation + attribution (signals=False) words/s = **{core_ratio:.0%}** of bare spaCy words/s "
            f"({verdict} the bar of >= 70%); with every stage: {ratio:.0%}",
            f"- peak RSS after analyze: {rss_after_analyze:,.0f} MB",
        ]
    )
    print(body)
    if not args.no_write:
        write_section("throughput", body)


if __name__ == "__main__":
    main()
