"""Claim tracing benchmark: the same claim across invented outlets (issue 15).

    python bench/tracing.py                  # 120 origins republished, writes BENCHMARKS.md ("tracing")
    python bench/tracing.py --origins 40 --no-md --show 20   # a quick run, with failures printed

1. Build the set (bench/_tracing_set.py): every PolNeAR dev article (../shared/gold/attribution/dev.jsonl) is an
   origin; ``--origins`` of them are republished by invented outlets on later dates (verbatim, reworded and
   shortened, and one controlled edit per copy), with the gold written by the generator.
2. Analyse every article with the real pipeline (records cached in bench/out/, git-ignored), in a shuffled
   ingest order so that copies often arrive before their origin.
3. Cluster with ``ClaimTracer`` one article at a time and score: linked, labelled, first, copies, purity,
   false-change (bars in BARS); clustering time per 1k articles at three corpus sizes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._report import command_line, fmt, machine, now, write_section  # noqa: E402
from bench._tracing_set import UNCHANGED, SetArticle, TracingSet, build  # noqa: E402

POLNEAR = ROOT.parent / "shared" / "gold" / "attribution" / "dev.jsonl"
OUT = ROOT / "bench" / "out"
BARS = {"linked": (0.85, ">="), "labelled": (0.75, ">="), "first": (0.85, ">="), "copies": (0.90, ">="),
        "purity": (0.95, ">="), "false_change": (0.05, "<=")}  # fmt: skip
_WORDS = re.compile(r"\w+")


# -- analysis (cached) -----------------------------------------------------------------------------------------


def _key(a: SetArticle) -> str:
    return hashlib.sha1(f"{a.id}\n{a.published}\n{a.publisher}\n{a.text}".encode()).hexdigest()


def analyse(articles: list[SetArticle]) -> dict[str, object]:
    """Set article id -> AnalysisResult, analysed once by the real pipeline and cached as JSON Lines."""
    from claimgraph import analyze_many
    from claimgraph.model import AnalysisResult, RawDocument

    OUT.mkdir(parents=True, exist_ok=True)
    cache_path = OUT / "tracing-records.jsonl"
    cached: dict[str, dict] = {}
    if cache_path.exists():
        for line in cache_path.open(encoding="utf-8"):
            row = json.loads(line)
            cached[row["key"]] = row["record"]
    todo = [a for a in articles if _key(a) not in cached]
    if todo:
        print(f"analysing {len(todo)} articles ({len(articles) - len(todo)} cached) ...", file=sys.stderr)
        raws = [
            RawDocument(text=a.text, source=a.id, format="text", url=a.url,
                        metadata={"publisher": a.publisher, "published": a.published})
            for a in todo
        ]  # fmt: skip
        with cache_path.open("a", encoding="utf-8") as fh:
            for a, r in zip(todo, analyze_many(raws), strict=True):
                if isinstance(r, AnalysisResult):
                    cached[_key(a)] = r.to_dict()
                    fh.write(json.dumps({"key": _key(a), "record": cached[_key(a)]}) + "\n")
    return {a.id: AnalysisResult.from_dict(cached[_key(a)]) for a in articles if _key(a) in cached}


# -- scoring ---------------------------------------------------------------------------------------------------


def _normal_sentences(text: str) -> set[str]:
    out = set()
    for s in re.split(r"(?<=[.!?])\s+|\n+", text):
        words = _WORDS.findall(s.lower())
        if len(words) >= 8:
            out.add(" ".join(words))
    return out


def related_stories(ts: TracingSet) -> dict[str, str]:
    """Origin stories that print one sentence word for word are one story (union-find over shared sentences)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[str, str] = {}
    for a in ts.articles:
        if a.kind != "origin":
            continue
        find(a.id)
        for s in _normal_sentences(a.text):
            if s in owner:
                parent[find(a.id)] = find(owner[s])
            else:
                owner[s] = a.id
    return {a.id: find(a.story) for a in ts.articles}


class View:
    """The tracer's clusters looked up by article span, with cluster records computed once."""

    def __init__(self, tracer, doc_of: dict[str, str]) -> None:
        self.tracer, self.doc_of, self._records = tracer, doc_of, {}

    def member_at(self, set_id: str, span: tuple[int, int]):
        """(unit, cluster id) of the unit covering most of ``span`` (at least half of it), or None."""
        best, best_cover = None, 0
        for unit, cid in self.tracer.clusters_of(self.doc_of.get(set_id, "")):
            cover = max(0, min(unit.end, span[1]) - max(unit.start, span[0]))
            if cover > best_cover:
                best, best_cover = (unit, cid), cover
        return best if best is not None and best_cover * 2 >= span[1] - span[0] else None

    def record(self, cid: str):
        if cid not in self._records:
            self._records[cid] = self.tracer.record(cid)
        return self._records[cid]

    def changes(self, cid: str, set_id: str, unit) -> list:
        doc = self.doc_of[set_id]
        for m in self.record(cid).members:
            if m.article == doc and m.start == unit.start:
                return m.changes
        return []


def score_edits(ts: TracingSet, view: View) -> tuple[dict, dict, list]:
    per_kind: dict[str, Counter] = defaultdict(Counter)
    failures = []
    for g in ts.edits:
        c = per_kind[g.edit]
        c["n"] += 1
        origin, copy = view.member_at(g.origin, g.origin_span), view.member_at(g.copy, g.copy_span)
        linked = origin is not None and copy is not None and origin[1] == copy[1]
        labels: list[str] = []
        if linked:
            labels = [ch.label for ch in view.changes(copy[1], g.copy, copy[0])]
            record = view.record(copy[1])
            c["first"] += record.first.article == view.doc_of[g.origin]
        ok = linked and (set(labels) <= UNCHANGED if g.expected is None else g.expected in labels)
        exact = linked and (set(labels) <= UNCHANGED if g.expected is None else labels == [g.expected])
        c["linked"] += linked
        c["labelled"] += ok
        c["exact"] += exact
        if not ok:
            failures.append((g, labels, origin is not None, copy is not None))
    total = Counter()
    for c in per_kind.values():
        total.update(c)
    return total, per_kind, failures


def score_copies(ts: TracingSet, view: View) -> dict:
    out = Counter()
    for g in ts.copies:
        for o_span, c_span in g.pairs:
            origin = view.member_at(g.origin, o_span)
            if origin is None:
                continue
            out[f"{g.kind}_n"] += 1
            copy = view.member_at(g.copy, c_span)
            linked = copy is not None and copy[1] == origin[1]
            out[f"{g.kind}_linked"] += linked
            if linked:
                labels = {ch.label for ch in view.changes(copy[1], g.copy, copy[0])}
                out["members"] += 1
                out["false_change"] += not labels <= UNCHANGED
    return out


def score_purity(ts: TracingSet, view: View, doc_of: dict[str, str]) -> dict:
    story_of_doc = {doc_of[a.id]: s for a_id, s in related_stories(ts).items() for a in [_by_id(ts)[a_id]]
                    if a.id in doc_of}  # fmt: skip
    multi = impure = 0
    for cluster in view.tracer.clusters.values():
        if len(cluster.articles) < 2:
            continue
        multi += 1
        impure += len({story_of_doc.get(d) for d in cluster.articles}) > 1
    return {"multi": multi, "impure": impure}


_BY_ID: dict[int, dict[str, SetArticle]] = {}


def _by_id(ts: TracingSet) -> dict[str, SetArticle]:
    if id(ts) not in _BY_ID:
        _BY_ID[id(ts)] = {a.id: a for a in ts.articles}
    return _BY_ID[id(ts)]


# -- clustering runs -------------------------------------------------------------------------------------------


def cluster(records: list, tracer_cls) -> tuple[object, float]:
    """A fresh tracer fed ``records`` one at a time; (tracer, seconds spent in ``add``)."""
    tracer = tracer_cls()
    t0 = time.perf_counter()
    for r in records:
        tracer.add(r)
    return tracer, time.perf_counter() - t0


def scaling(records: list, tracer_cls) -> list[dict]:
    """Clustering time at a quarter, half and all of the stream (best of two runs each)."""
    rows = []
    for share in (0.25, 0.5, 1.0):
        n = max(1, int(len(records) * share))
        runs = [cluster(records[:n], tracer_cls) for _ in range(2)]
        best = min(seconds for _, seconds in runs)
        rows.append({"articles": n, "seconds": best, "per_1k": best / n * 1000,
                     "per_nlogn": best / (n * math.log(n)) * 1e6, "units": len(runs[0][0].units)})  # fmt: skip
    return rows


def _rate(c: Counter, key: str, n: str = "n") -> float | None:
    return c[key] / c[n] if c[n] else None


def figures(total: Counter, copies: Counter, purity: dict) -> dict[str, float | None]:
    copy_n = copies["verbatim_n"] + copies["reworded_n"]
    return {
        "linked": _rate(total, "linked"),
        "labelled": _rate(total, "labelled"),
        "first": _rate(total, "first"),
        "copies": (copies["verbatim_linked"] + copies["reworded_linked"]) / copy_n if copy_n else None,
        "purity": 1 - purity["impure"] / purity["multi"] if purity["multi"] else None,
        "false_change": copies["false_change"] / copies["members"] if copies["members"] else None,
    }


def passes(name: str, value: float | None) -> bool:
    bar, op = BARS[name]
    return value is not None and (value >= bar if op == ">=" else value <= bar)


def report(ts: TracingSet, figs: dict, per_kind: dict, copies: Counter, purity: dict, timing: list[dict],
           n_articles: int) -> str:  # fmt: skip
    origins = sum(a.kind == "origin" for a in ts.articles)
    lines = [
        "## Claim tracing across outlets (issue 15)",
        "",
        f"Machine: {machine()}. Taken {now()}.",
        f"Command: `{command_line()}`",
        "",
        f"Set: {origins} PolNeAR dev origins, {len(ts.copies) // 2} of them republished by invented outlets on later "
        f"dates: a verbatim copy, a reworded and shortened copy, and {len(ts.edits)} copies with one controlled edit "
        f"each; {n_articles} articles analysed by the real pipeline and clustered one at a time in a shuffled order "
        "(copies often arrive before their origin). Gold written by the generator (`bench/_tracing_set.py`).",
        "",
        "| figure | value | bar | |",
        "|---|---|---|---|",
    ]
    for name, value in figs.items():
        bar, op = BARS[name]
        lines.append(f"| {name} | {fmt(value)} | {op} {bar} | {'pass' if passes(name, value) else 'FAIL'} |")
    lines += [
        "",
        f"copies: verbatim {copies['verbatim_linked']}/{copies['verbatim_n']}, reworded "
        f"{copies['reworded_linked']}/{copies['reworded_n']} origin claims linked; purity over {purity['multi']} "
        f"multi-article clusters ({purity['impure']} join unrelated stories; stories that print one sentence word for "
        f"word count as related); false-change over {copies['members']} linked members of unchanged copies.",
        "",
        "| edit | copies | linked | labelled | exactly that label | first |",
        "|---|---|---|---|---|---|",
    ]
    for kind in sorted(per_kind):
        c = per_kind[kind]
        lines.append(f"| {kind} | {c['n']} | {fmt(_rate(c, 'linked'))} | {fmt(_rate(c, 'labelled'))} | "
                     f"{fmt(_rate(c, 'exact'))} | {fmt(_rate(c, 'first'))} |")  # fmt: skip
    lines += [
        "",
        '`attribution_moved` ("X said that Y" -> "Y, X said") is labelled right when it gets only `verbatim` or '
        "`reworded`.",
        "",
        "Clustering cost (``ClaimTracer.add`` over the analysed records, analysis not included; best of 2):",
        "",
        "| articles | claim units | seconds | ms per article | s per 1k articles | µs per (n ln n) |",
        "|---|---|---|---|---|---|",
    ]
    for row in timing:
        lines.append(f"| {row['articles']} | {row['units']} | {row['seconds']:.2f} | {row['per_1k']:.1f} | "
                     f"{row['per_1k']:.1f} | {row['per_nlogn']:.0f} |")  # fmt: skip
    lines += [
        "",
        "Time per article that stays flat (or a µs per n ln n that falls) as the corpus doubles is growth no faster "
        "than n log n: each unit costs one HNSW search and insert (logarithmic) and hash-table lookups (constant).",
    ]
    return "\n".join(lines) + "\n"


def show_failures(failures: list, arts: dict[str, SetArticle], limit: int) -> None:
    for g, labels, has_o, has_c in failures[:limit]:
        o = arts[g.origin].text[g.origin_span[0] : g.origin_span[1]]
        c = arts[g.copy].text[g.copy_span[0] : g.copy_span[1]]
        print(f"-- {g.edit} expected={g.expected} got={labels} origin_unit={has_o} copy_unit={has_c}")
        print(f"   O: {o[:220]}\n   C: {c[:220]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--origins", type=int, default=120, help="origin articles republished (default 120)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--show", type=int, default=0, help="print this many failed edits")
    parser.add_argument("--no-timing", action="store_true")
    parser.add_argument("--no-md", action="store_true", help="do not write BENCHMARKS.md")
    args = parser.parse_args(argv)

    from claimgraph.tracing import ClaimTracer

    docs = [json.loads(line) for line in POLNEAR.open(encoding="utf-8")]
    ts = build(docs, args.origins, seed=args.seed)
    records = analyse(ts.articles)
    order = [a for a in ts.articles if a.id in records]
    random.Random(args.seed).shuffle(order)
    stream = [records[a.id] for a in order]
    doc_of = {a.id: records[a.id].document.id for a in order}
    tracer, seconds = cluster(stream, ClaimTracer)
    view = View(tracer, doc_of)
    total, per_kind, failures = score_edits(ts, view)
    copies = score_copies(ts, view)
    purity = score_purity(ts, view, doc_of)
    figs = figures(total, copies, purity)
    timing = [] if args.no_timing else scaling(stream, ClaimTracer)
    text = report(ts, figs, per_kind, copies, purity, timing, len(stream))
    print(text)
    print(f"(accuracy run: {seconds:.1f} s for {len(stream)} articles, {len(tracer.units)} units)")
    show_failures(failures, _by_id(ts), args.show)
    if not args.no_md:
        write_section("tracing", text)
    return 0 if all(passes(k, v) for k, v in figs.items()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
