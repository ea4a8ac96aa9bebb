"""Train the place ranker (src/claimgraph/data/place_ranker.json) on the fit half of the LGL gold.

    python scripts/train_place_ranker.py            # fit half only (what ships)
    python scripts/train_place_ranker.py --cv       # 2-fold CV inside the fit half (for choosing features)

Gold is read in place from ../shared/gold/geo/dev.jsonl; only articles with ``half(id) == 0`` are used, so
bench/geo.py can report the other half. Each recognised name that overlaps a gold toponym whose GeoNames id is
among its candidates gives one positive candidate (the gold id) and its other candidates as negatives. Features
are computed as at run time: round 1 with the other names' prior picks as context, round 2 with round 1's
picks (at run time the ranker makes three context passes). A conditional logit (softmax over each name's
candidates, L2 = 1) is fitted per round; the round-2 weights ship.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from bench._geo_data import gold_for_span, half, load_articles, parsed_docs  # noqa: E402

from claimgraph.entities import resolve_entities  # noqa: E402
from claimgraph.nlp import load_nlp  # noqa: E402
from claimgraph.places.features import FEATURES, group_matrix  # noqa: E402
from claimgraph.places.gazetteer import load_gazetteer  # noqa: E402
from claimgraph.places.recognize import recognise  # noqa: E402
from claimgraph.places.resolve import PRIOR, build_groups, rank  # noqa: E402

OUT = ROOT / "src" / "claimgraph" / "data" / "place_ranker.json"


def prepared(articles: list[dict], docs: list) -> list[tuple[dict, list, list]]:
    """(article, toponyms, groups) for every article, candidates generated once."""
    gaz = load_gazetteer()
    out = []
    for article, doc in zip(articles, docs, strict=True):
        toponyms = recognise(doc, resolve_entities(doc), gaz)
        out.append((article, toponyms, build_groups(gaz, toponyms)))
    return out


def group_label(gaz, article: dict, toponyms: list, group) -> int | None:
    """The gold geonameid most of the group's mentions overlap, if any."""
    ids = []
    for i in group.toponyms:
        g = gold_for_span(article, toponyms[i].start, toponyms[i].end)
        if g is not None:
            ids.append(g["geonameid"])
    return max(set(ids), key=ids.count) if ids else None


def matrices(items, weights: np.ndarray | None, intercept: float) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Stacked candidate features and labels, context from the prior (weights None) or one ranker pass."""
    gaz = load_gazetteer()
    xs, ys = [], []
    for article, toponyms, groups in items:
        if weights is None:
            rank(gaz, groups, PRIOR, 0.0, passes=0)
        else:
            rank(gaz, groups, weights, intercept, passes=1)
        counts = [len(g.toponyms) for g in groups]
        for g, group in enumerate(groups):
            gold = group_label(gaz, article, toponyms, group)
            if gold is None or not len(group.rows):
                continue
            y = gaz.geonameid[group.rows] == gold
            if not y.any():
                continue
            xs.append(group_matrix(gaz, groups, g, counts))
            ys.append(y)
    return xs, ys


def fit(xs: list[np.ndarray], ys: list[np.ndarray], l2: float = 1.0) -> tuple[np.ndarray, float]:
    """Conditional logit: maximise the softmax probability of each name's gold candidate among its candidates
    (a ranking objective, unlike pointwise logistic regression), with an L2 penalty."""
    from scipy.optimize import minimize

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = l2 * float(w @ w), 2 * l2 * w
        for x, y in zip(xs, ys, strict=True):
            s = x @ w
            s = s - s.max()
            p = np.exp(s) / np.exp(s).sum()
            pos = int(np.argmax(y))
            total -= float(np.log(p[pos] + 1e-12))
            grad -= x[pos] - p @ x
        return total, grad

    result = minimize(loss, np.zeros(xs[0].shape[1]), jac=True, method="L-BFGS-B")
    return result.x, 0.0


def train(items) -> tuple[np.ndarray, float, int]:
    """Two rounds: prior context, then the round-1 ranker's context."""
    x, y = matrices(items, None, 0.0)
    w, b = fit(x, y)
    x, y = matrices(items, w, b)
    w, b = fit(x, y)
    return w, b, len(y)


def cross_validate(items) -> None:
    """Train on one half of the fit articles, score the other, both ways; print the pooled figures."""
    import zlib

    from bench.geo import score

    from claimgraph.places import resolve_toponyms

    gaz = load_gazetteer()
    folds = [[it for it in items if (zlib.crc32(it[0]["id"].encode()) >> 1) % 2 == k] for k in (0, 1)]
    articles, predictions = [], []
    for k in (0, 1):
        w, b, _ = train(folds[1 - k])
        for article, toponyms, _groups in folds[k]:
            articles.append(article)
            predictions.append(resolve_toponyms(gaz, toponyms, w, b))
    s = score(articles, predictions)
    print({k: round(v, 4) if isinstance(v, float) else v for k, v in s.items() if k != "by_class"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--cv", action="store_true", help="2-fold CV inside the fit half; writes nothing")
    args = parser.parse_args()
    articles = load_articles()
    docs = parsed_docs(articles, load_nlp())
    items = [it for it in prepared(articles, docs) if half(it[0]["id"]) == 0]
    if args.cv:
        cross_validate(items)
        return
    w, b, positives = train(items)
    model = {
        "features": list(FEATURES),
        "coef": [round(float(v), 4) for v in w],
        "intercept": round(b, 4),
        "trained_on": f"LGL fit half (crc32(id) % 2 == 0): {len(items)} articles, {positives} names",
    }
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    for f, v in zip(FEATURES, w, strict=True):
        print(f"{f:18s} {v:+.3f}")
    print(f"intercept {b:+.3f} -> {args.out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
