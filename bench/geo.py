"""Geoparsing: toponym recognition and resolution to GeoNames on LGL, plus cost.

    CLAIMGRAPH_SHARED=/work/shared python bench/geo.py            # prints and writes BENCHMARKS.md ("geo")
    python bench/geo.py --no-write --analyze-sample 0

Data: ``../shared/gold/geo/dev.jsonl`` (LGL, 588 local US news articles, read in place). The ranker ships
trained on the fit half (``crc32(id) % 2 == 0``, scripts/train_place_ranker.py); the headline figures are
on the other half, which nothing was fitted or chosen on. Figures on the fit half are printed for comparison.

Metrics over gold toponyms: recognition P/R/F1 by span overlap; for each gold toponym the predicted place that
overlaps it most: exact GeoNames id, same country, error km; acc@161 of the recognised (an unresolved
recognised mention counts as wrong) and end to end (unrecognised count as wrong); mean and median error of the
resolved. Cost: ms per article of ``find_places`` after the spaCy parse and the entity layer, against the
whole ``claimgraph.analyze`` per article on a sample; the gazetteer's load time and resident memory.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._geo_data import gold_for_span, half, load_articles, parsed_docs  # noqa: E402
from bench._report import command_line, fmt, machine, now, write_section  # noqa: E402

BAR_RECOGNISED, BAR_END_TO_END = 0.85, 0.70
ANCHOR = "Mordecai 3 (gold spans): LGL exact 0.794, acc@161 0.827, mean error 304 km"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    from claimgraph.places.features import haversine

    return float(haversine(lat1, lon1, lat2, lon2))


@lru_cache(maxsize=1024)
def gold_alpha3(name: str | None) -> str | None:
    """ISO alpha-3 of a gold country name (GeoNames' own names: "Russia", "Palestinian Territory")."""
    if not name:
        return None
    from claimgraph.entities.countries import country_code
    from claimgraph.places import alpha3, load_gazetteer

    gaz = load_gazetteer()
    for r in gaz.lookup(name):
        if gaz.fcode_table[gaz.fcode[r]] == "PCLI":
            return alpha3(gaz.cc_table[gaz.cc[r]])
    return country_code(name)


def feature_class(fcode: str) -> str:
    """Coarse class of a gold feature code for the breakdown."""
    if fcode.startswith("PPL"):
        return "city"
    if fcode.startswith("PCL"):
        return "country"
    if fcode in ("ADM1", "ADM2"):
        return fcode
    return "other"


def score(articles: list[dict], predictions: list[list]) -> dict:
    """All resolution and recognition figures for these articles."""
    n_pred = pred_hit = n_gold = recognised = 0
    exact = country = within = 0
    errors: list[float] = []
    by_class: dict[str, Counter] = defaultdict(Counter)
    for article, places in zip(articles, predictions, strict=True):
        n_pred += len(places)
        pred_hit += sum(1 for p in places if gold_for_span(article, p.start, p.end) is not None)
        for g in article["toponyms"]:
            n_gold += 1
            cls = by_class[feature_class(g["fcode"] or "")]
            cls["gold"] += 1
            p = _best_overlap(places, g)
            if p is None:
                continue
            recognised += 1
            cls["recognised"] += 1
            if p.geonameid is None:
                continue
            exact += p.geonameid == g["geonameid"]
            country += p.country is not None and p.country == gold_alpha3(g["country"])
            err = km(p.lat, p.lon, g["lat"], g["lon"])
            errors.append(err)
            within += err <= 161
            cls["within"] += err <= 161
    precision = pred_hit / n_pred if n_pred else 0.0
    recall = recognised / n_gold if n_gold else 0.0
    return {
        "articles": len(articles),
        "gold": n_gold,
        "predicted": n_pred,
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "exact": exact / recognised if recognised else 0.0,
        "country": country / recognised if recognised else 0.0,
        "acc161_recognised": within / recognised if recognised else 0.0,
        "acc161_end_to_end": within / n_gold if n_gold else 0.0,
        "resolved": len(errors),
        "mean_km": statistics.fmean(errors) if errors else None,
        "median_km": statistics.median(errors) if errors else None,
        "by_class": {k: dict(v) for k, v in sorted(by_class.items())},
    }


def _best_overlap(places: list, g: dict):
    """The predicted place overlapping a gold toponym the most."""
    best, overlap = None, 0
    for p in places:
        o = min(p.end, g["end"]) - max(p.start, g["start"])
        if o > overlap:
            best, overlap = p, o
    return best


def predict(docs: list) -> tuple[list[list], list[float]]:
    """find_places for every Doc (entities resolved first, not timed) and its time in seconds per article."""
    from claimgraph.entities import resolve_entities
    from claimgraph.places import find_places

    out, times = [], []
    for doc in docs:
        entities = resolve_entities(doc)
        t = time.perf_counter()
        out.append(find_places(doc, entities))
        times.append(time.perf_counter() - t)
    return out, times


def predict_gold_spans(articles: list[dict]) -> list[list]:
    """Resolution alone: the gold spans given as the toponyms (as Mordecai 3's LGL figure is measured)."""
    from claimgraph.places import load_gazetteer, resolve_toponyms
    from claimgraph.places.recognize import Toponym, _link_containers
    from claimgraph.places.resolve import load_ranker

    gaz = load_gazetteer()
    out = []
    for a in articles:
        toponyms = [
            Toponym(t["start"], t["end"], t["text"], "gold") for t in sorted(a["toponyms"], key=lambda t: t["start"])
        ]
        _link_containers(a["text"], toponyms)
        out.append(resolve_toponyms(gaz, toponyms, *load_ranker()))
    return out


def analyze_ms(articles: list[dict], n: int) -> float | None:
    """Mean ms per article of claimgraph.analyze (format=text) over the first n articles, after a warm-up."""
    if n <= 0:
        return None
    from claimgraph import analyze

    analyze(articles[0]["text"], format="text")
    t = time.perf_counter()
    for a in articles[:n]:
        analyze(a["text"], format="text")
    return (time.perf_counter() - t) / n * 1000


def gazetteer_cost() -> tuple[float, float]:
    """(load seconds, resident MB added) of the gazetteer, measured in a fresh interpreter after numpy."""
    code = (
        "import time, numpy, psutil; p = psutil.Process(); r = p.memory_info().rss; t = time.perf_counter();"
        "from claimgraph.places.gazetteer import load_gazetteer; load_gazetteer();"
        "print(time.perf_counter() - t, (p.memory_info().rss - r) / 1e6)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    load, mb = out.stdout.split()
    return float(load), float(mb)


def table(name: str, s: dict) -> str:
    """One markdown row of the main figures."""
    return (
        f"| {name} | {s['articles']} | {s['gold']} | {fmt(s['precision'])} | {fmt(s['recall'])} | {fmt(s['f1'])} "
        f"| {fmt(s['exact'])} | {fmt(s['country'])} | **{fmt(s['acc161_recognised'])}** "
        f"| **{fmt(s['acc161_end_to_end'])}** | {fmt(s['mean_km'], 0)} | {fmt(s['median_km'], 1)} |"
    )


def class_table(s: dict) -> str:
    """End-to-end acc@161 per gold feature class."""
    rows = ["| gold class | gold | recognised | acc@161 end to end |", "|---|---|---|---|"]
    for cls, c in s["by_class"].items():
        rows.append(f"| {cls} | {c['gold']} | {c.get('recognised', 0)} | {fmt(c.get('within', 0) / c['gold'])} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--analyze-sample", type=int, default=60, help="articles for the analyze() timing")
    args = parser.parse_args()

    from claimgraph.nlp import load_nlp
    from claimgraph.places import load_gazetteer

    articles = load_articles()
    docs = parsed_docs(articles, load_nlp())
    load_gazetteer()
    predictions, times = predict(docs)
    _, times2 = predict(docs)
    per_article = [min(a, b) for a, b in zip(times, times2, strict=True)]
    report = [i for i, a in enumerate(articles) if half(a["id"]) == 1]
    fit = [i for i, a in enumerate(articles) if half(a["id"]) == 0]
    s_report = score([articles[i] for i in report], [predictions[i] for i in report])
    s_fit = score([articles[i] for i in fit], [predictions[i] for i in fit])
    report_articles = [articles[i] for i in report]
    s_gold = score(report_articles, predict_gold_spans(report_articles))
    places_ms = statistics.fmean(per_article) * 1000
    a_ms = analyze_ms([articles[i] for i in report], args.analyze_sample)
    load_s, mem_mb = gazetteer_cost()
    load_avg = os.getloadavg()[0]

    header = (
        "| articles | n | gold | P | R | F1 | exact id | country | acc@161 recognised | acc@161 end to end "
        "| mean km | median km |\n|---|---|---|---|---|---|---|---|---|---|---|---|"
    ).replace("| articles | n |", "| half | articles |")
    share = f"{places_ms / a_ms:.1%}" if a_ms else "-"
    body = f"""## Geoparsing (places): LGL

{now()} · {machine()} · `{command_line()}`

Gold: LGL (`../shared/gold/geo/dev.jsonl`, 588 local US news articles, read in place). The ranker
(`src/claimgraph/data/place_ranker.json`) is fitted on the **fit half** (crc32(id) % 2 == 0) by
`scripts/train_place_ranker.py`; the **report half** was used for nothing else. Recognition is by span overlap
with our own toponym recognition (no gold spans given); acc@161 of recognised counts a recognised but unresolved
mention as wrong; end to end also counts unrecognised gold toponyms as wrong. The last row skips recognition: the
gold spans are handed to the resolver, which is how Mordecai 3's LGL figure is measured.

{header}
{table("report (held out)", s_report)}
{table("fit (trained on)", s_fit)}
{table("report, gold spans given", s_gold)}

Bars: acc@161 of recognised >= {BAR_RECOGNISED}, end to end >= {BAR_END_TO_END}. Anchor: {ANCHOR}.

Report half by gold feature class:

{class_table(s_report)}

Cost: `find_places` {places_ms:.2f} ms per article (mean over all 588, best of 2 runs, after spaCy and the entity
layer); `claimgraph.analyze` {fmt(a_ms, 1)} ms per article (first {args.analyze_sample} report-half articles,
format text) -> places = **{share}** of analyze. Gazetteer: loaded once per process in {load_s:.2f} s, resident
memory +{mem_mb:.0f} MB (fresh interpreter, after importing NumPy), file
`src/claimgraph/data/gazetteer.txt.xz` {(ROOT / "src/claimgraph/data/gazetteer.txt.xz").stat().st_size / 1e6:.2f} MB.
1-min load average at the end: {load_avg:.2f} (2 cores shared with other jobs).
"""
    print(body)
    if not args.no_write:
        write_section("geo", body)


if __name__ == "__main__":
    main()
