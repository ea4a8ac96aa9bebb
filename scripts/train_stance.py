"""Train the stance classifier from the committed hand labels into ``src/claimgraph/data/stance_model.json``.

Run from the repo root (a minute or two: most of it is parsing the labelled articles)::

    /work/main/.venv/bin/python scripts/train_stance.py
    /work/main/.venv/bin/python scripts/train_stance.py --out /tmp/stance_model.json

Labels: ``bench/data/stance_train.jsonl`` and ``bench/data/stance_dev.jsonl`` (train-part PolNeAR
relations only; the blind set and the older labels, from validation articles, are never read). The
article texts come from the PolNeAR file, read in place. Each labelled relation is parsed with the
pipeline the system runs, its gold cue and content go through the rules (``stance.rule_stance``)
and the features of ``stance_features``. The regularisation, class weighting and the weight of the
word vectors are chosen by 5-fold cross-validation grouped by article; the per-stance thresholds
and the veto on the content rules are chosen on the same out-of-fold probabilities, for combined
(rules + classifier) precision >= 0.85 at the highest recall. The output is plain JSON (no pickle)
and deterministic for the same labels and library versions.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "src"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from bench._polnear import DEFAULT_GOLD, iter_articles  # noqa: E402

LABELS = [ROOT / "bench" / "data" / "stance_train.jsonl", ROOT / "bench" / "data" / "stance_dev.jsonl"]
OUT = ROOT / "src" / "claimgraph" / "data" / "stance_model.json"
P_BAR = 0.85
BARRED = ("accuse", "deny", "doubt")
NEUTRAL = ("assert", "other")
GRID_C = (0.3,)
GRID_VEC = (0.0, 2.0)
GRID_BALANCED = (False, True)
VETOES = (0.0, 0.1)
THRESHOLDS = tuple(round(0.3 + 0.05 * n, 2) for n in range(14))  # 0.30 .. 0.95
MIN_COUNT = 2
FOLDS = 5


def load_items(paths: list[Path]) -> list[dict[str, Any]]:
    """The labelled relations of all label files, in file order."""
    out = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            out.extend(json.loads(line) for line in fh if line.strip())
    return out


def examples(items: list[dict[str, Any]], gold: Path) -> list[dict[str, Any]]:
    """Per item: features, dense vector, the rules' verdict, its origin, the cue's stance, label, article."""
    from claimgraph.attribution.stance import rule_stance
    from claimgraph.attribution.stance_features import stance_input
    from claimgraph.nlp import load_nlp

    wanted = {i["doc_id"] for i in items}
    texts = {a["id"]: a["text"] for a in iter_articles(gold) if a["id"] in wanted}
    order = sorted(wanted)
    docs = dict(zip(order, load_nlp().pipe([texts[d] for d in order], batch_size=16), strict=True))
    out = []
    for item in items:
        doc = docs[item["doc_id"]]
        cs, ce = item["cue_span"]
        cue = doc.char_span(cs, ce, alignment_mode="expand")
        cue_ids = [t.i for t in cue] if cue is not None else []
        frags = [tuple(f) for f in item.get("content_fragments") or [item["content_span"]]]
        found = rule_stance(doc, cue_ids, frags)
        inp = stance_input(doc, cue_ids, found.tokens, found.result.stance, found.origin)
        out.append(
            {
                "features": inp.features,
                "dense": inp.dense,
                "rule": found.result.stance,
                "origin": found.origin,
                "cue_stance": found.cue_stance,
                "label": item["stance"],
                "doc": item["doc_id"],
            }
        )
    return out


def vocabulary(exs: list[dict[str, Any]]) -> list[str]:
    """Features seen in at least MIN_COUNT items, sorted."""
    counts = Counter(f for e in exs for f in set(e["features"]))
    return sorted(f for f, n in counts.items() if n >= MIN_COUNT)


def matrix(exs: list[dict[str, Any]], vocab: list[str], vec_scale: float):
    """Binary sparse features beside the dense vectors times ``vec_scale``."""
    from scipy.sparse import csr_matrix, hstack

    index = {f: n for n, f in enumerate(vocab)}
    rows, cols = [], []
    for r, e in enumerate(exs):
        for c in sorted({index[f] for f in e["features"] if f in index}):
            rows.append(r)
            cols.append(c)
    sparse = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(exs), len(vocab)))
    dense = csr_matrix(np.stack([e["dense"] for e in exs]) * vec_scale)
    return hstack([sparse, dense]).tocsr()


def fit(exs: list[dict[str, Any]], config: dict[str, Any]):
    """A multinomial logistic regression on ``exs`` and the vocabulary it was fitted with."""
    from sklearn.linear_model import LogisticRegression

    vocab = vocabulary(exs)
    clf = LogisticRegression(
        C=config["C"], class_weight="balanced" if config["balanced"] else None, max_iter=2000, tol=1e-5
    )
    clf.fit(matrix(exs, vocab, config["vec_scale"]), [e["label"] for e in exs])
    return clf, vocab


def out_of_fold(exs: list[dict[str, Any]], config: dict[str, Any]) -> list[dict[str, float]]:
    """Class probabilities of each item from a model fitted without its article's fold."""
    from sklearn.model_selection import GroupKFold

    probs: list[dict[str, float]] = [{} for _ in exs]
    groups = [e["doc"] for e in exs]
    for train, test in GroupKFold(n_splits=FOLDS).split(exs, groups=groups):
        clf, vocab = fit([exs[i] for i in train], config)
        p = clf.predict_proba(matrix([exs[i] for i in test], vocab, config["vec_scale"]))
        for row, i in zip(p, test, strict=True):
            probs[i] = {c: float(v) for c, v in zip(clf.classes_, row, strict=True)}
    return probs


def decisions(exs, probs, thresholds, veto) -> list[str]:
    """The combined stance of every item, exactly as ``stance_of`` decides it at run time."""
    from claimgraph.attribution.stance_model import choose

    out = []
    for e, p in zip(exs, probs, strict=True):
        if e["origin"] in {"cue", "blocked"}:
            out.append(e["rule"])
        else:
            out.append(choose(p, e["rule"], e["origin"], e["cue_stance"], thresholds, veto)[0])
    return out


def per_stance(exs, predicted) -> dict[str, tuple[float | None, float]]:
    """(precision or None, recall) per label."""
    gold = Counter(e["label"] for e in exs)
    pred = Counter(predicted)
    right = Counter(p for e, p in zip(exs, predicted, strict=True) if p == e["label"])
    return {s: (right[s] / pred[s] if pred[s] else None, right[s] / gold[s] if gold[s] else 0.0) for s in gold}


def utility(exs, predicted) -> float:
    """Recall of the barred stances (weight 1) and the others (0.25), counted only where precision >= P_BAR."""
    score = 0.0
    for s, (p, r) in per_stance(exs, predicted).items():
        if s in NEUTRAL or p is None or p < P_BAR:
            continue
        score += r * (1.0 if s in BARRED else 0.25)
    return score


def pick_thresholds(exs, probs, veto) -> tuple[dict[str, float], float]:
    """Per-stance thresholds (coordinate ascent, two passes) maximising ``utility``; stances the
    classifier cannot put at precision >= P_BAR are left out."""
    stances = sorted({e["label"] for e in exs} - set(NEUTRAL))
    chosen: dict[str, float] = {}
    best = utility(exs, decisions(exs, probs, chosen, veto))
    for _ in range(2):
        for s in stances:
            for t in THRESHOLDS:
                trial = {**chosen, s: t}
                u = utility(exs, decisions(exs, probs, trial, veto))
                if u > best + 1e-9:
                    best, chosen = u, trial
    return chosen, best


def select(exs: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, float], float, list[str]]:
    """The grid point, thresholds and veto with the best cross-validated utility."""
    best: tuple[float, dict[str, Any], dict[str, float], float] | None = None
    for C in GRID_C:
        for vec in GRID_VEC:
            for balanced in GRID_BALANCED:
                config = {"C": C, "vec_scale": vec, "balanced": balanced}
                probs = out_of_fold(exs, config)
                for veto in VETOES:
                    thresholds, u = pick_thresholds(exs, probs, veto)
                    print(
                        f"C={C} vec={vec} balanced={balanced} veto={veto}: utility {u:.3f} {thresholds}",
                        file=sys.stderr,
                    )
                    if best is None or u > best[0] + 1e-9:
                        best = (u, config, thresholds, veto, probs)
    assert best is not None
    u, config, thresholds, veto, probs = best
    return config, thresholds, veto, decisions(exs, probs, thresholds, veto)


def model_json(exs, config, thresholds, veto, cv: dict[str, Any]) -> dict[str, Any]:
    """The final model fitted on all items, as the plain JSON ``stance_model.StanceModel`` reads."""
    clf, vocab = fit(exs, config)
    coef = clf.coef_.T  # (features + dense, classes)
    n = len(vocab)
    return {
        "classes": [str(c) for c in clf.classes_],
        "features": vocab,
        "weights": [round(float(v), 5) for v in coef[:n].ravel()],
        "dense": [[round(float(v), 5) for v in row] for row in coef[n:]],
        "bias": [round(float(v), 5) for v in clf.intercept_],
        "vec_scale": config["vec_scale"],
        "thresholds": thresholds,
        "veto": veto,
        "C": config["C"],
        "balanced": config["balanced"],
        "cross_validation": cv,
        "trained_on": {
            "files": [p.name for p in LABELS],
            "items": len(exs),
            "labels": dict(Counter(e["label"] for e in exs)),
        },
    }


def main(argv: list[str] | None = None) -> int:
    """Rebuild the model file from the committed labels."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="PolNeAR dev JSONL holding the texts")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    exs = examples(load_items(LABELS), args.gold)
    print(f"parsed {len(exs)} labelled relations in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    config, thresholds, veto, predicted = select(exs)
    rules = [e["rule"] for e in exs]
    cv = {
        "rules_only": {s: list(v) for s, v in per_stance(exs, rules).items()},
        "combined": {s: list(v) for s, v in per_stance(exs, predicted).items()},
    }
    model = model_json(exs, config, thresholds, veto, cv)
    args.out.write_text(json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    print(
        f"wrote {args.out} ({args.out.stat().st_size / 1e3:.0f} kB) config {config} veto {veto} "
        f"thresholds {thresholds}",
        file=sys.stderr,
    )
    print(json.dumps(cv, indent=1), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
