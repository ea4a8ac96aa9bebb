"""Train the learned event typer (``src/claimgraph/data/event_types.json``).

Run from the repo root::

    python scripts/train_event_types.py            # cross-validate settings, fit on all, write the model
    python scripts/train_event_types.py --cv-only  # print the cross-validation table only

Training sentences: the team's written development sentences only (``bench/data/events_written*.txt``,
expected top type each); the PLOVER gold sentences are for measuring and train nothing. Each sentence
gives one example: the rules' most confident event, its features (``claimgraph.events.typer``) and the sentence's type.
Settings (L2 strength C, weight of the word vectors, rule bonus) are chosen by 5-fold cross-validation
on the type@1 of those sentences.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "src"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))


from claimgraph.events.typer import MODEL_PATH  # noqa: E402

WRITTEN = [ROOT / "bench" / "data" / f"events_written{k}.txt" for k in ("", "2", "3")]
GRID_C = (0.3, 1.0, 3.0)
GRID_SCALE = (0.0, 0.5, 1.0, 2.0)
GRID_BONUS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 99.0)
FALLBACK_THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
FALLBACK_PRECISION = 0.7


def sentences() -> list[tuple[str, str, str]]:
    """(text, type, origin) for the team's written development sentences only.

    The PLOVER gold sentences (parts A, B1, B2) are for measuring: none of them trains the shipped model.
    """
    out = []
    for path in WRITTEN:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                typ, text = line.split("|", 1)
                out.append((text.strip(), typ.strip(), "written"))
    return out


def examples(rows: list[tuple[str, str, str]]) -> tuple[list[dict | None], list[dict | None]]:
    """Per sentence the features of the rules' top event (None when the rules find no event), and of
    its first sentence's root verb for the fallback model (None when the root is no verb)."""
    from claimgraph.embeddings import load_embeddings
    from claimgraph.entities import resolve_entities
    from claimgraph.events.extract import rule_events
    from claimgraph.events.fallback import modality_of, root_candidate
    from claimgraph.events.typer import context_features, dense_features, sparse_features
    from claimgraph.nlp import load_nlp

    nlp, emb = load_nlp(), load_embeddings()
    top: list[dict | None] = []
    roots: list[dict | None] = []
    for doc in nlp.pipe([r[0] for r in rows], batch_size=32):
        events, mods, index = rule_events(doc, resolve_entities(doc), None, None)
        rc = root_candidate(doc, index, 0, need_actor=False)
        if rc is None:
            roots.append(None)
        else:
            m = modality_of(rc)
            feats = context_features(rc, m.negated, m.hypothetical, m.future)
            roots.append({"sparse": feats, "dense": dense_features(rc, emb), "rule": ""})
        if not events:
            top.append(None)
            continue
        c, ev = max(events, key=lambda ce: ce[1].confidence)
        top.append(
            {
                "sparse": sparse_features(c, ev, mods[id(c)].future),
                "dense": dense_features(c, emb),
                "rule": ev.type,
            }
        )
    return top, roots


def fit(exs: list[dict], labels: list[str], c_value: float, scale: float):
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    xs = vec.fit_transform([dict.fromkeys(e["sparse"], 1.0) for e in exs])
    xd = csr_matrix(np.stack([e["dense"] for e in exs]) * scale)
    clf = LogisticRegression(C=c_value, max_iter=3000)
    clf.fit(hstack([xs, xd]).tocsr(), labels)
    return vec, clf


def to_json(vec, clf, scale: float, bonus: float) -> dict:
    n_sparse = len(vec.feature_names_)
    coef = clf.coef_
    return {
        "classes": list(clf.classes_),
        "intercept": [round(float(x), 5) for x in clf.intercept_],
        "sparse": {f: [round(float(x), 4) for x in coef[:, k]] for f, k in vec.vocabulary_.items()},
        "dense": [[round(float(x), 5) for x in row] for row in coef[:, n_sparse:]],
        "dense_scale": scale,
        "rule_bonus": bonus,
    }


def predict(model: dict, exs: list[dict]) -> list[str]:
    from claimgraph.events.typer import choose, log_probs

    model["dense_w"] = np.asarray(model["dense"], dtype=np.float32)
    model["bias"] = np.asarray(model["intercept"], dtype=np.float32)
    model["sparse_w"] = {k: np.asarray(v, dtype=np.float32) for k, v in model["sparse"].items()}
    return [choose(model, log_probs(model, e["sparse"], e["dense"]), e["rule"])[0] for e in exs]


def cross_validate(exs, labels, origins, folds: int = 5) -> list[tuple]:
    """Rows (C, scale, bonus, acc all, acc gold) of type@1 over the sentences with an event."""
    rng = np.random.default_rng(0)
    fold_of = rng.integers(0, folds, len(exs))
    results = []
    for c_value, scale in itertools.product(GRID_C, GRID_SCALE):
        preds = {b: [None] * len(exs) for b in GRID_BONUS}
        for f in range(folds):
            tr = [i for i in range(len(exs)) if fold_of[i] != f]
            te = [i for i in range(len(exs)) if fold_of[i] == f]
            vec, clf = fit([exs[i] for i in tr], [labels[i] for i in tr], c_value, scale)
            for b in GRID_BONUS:
                model = to_json(vec, clf, scale, b)
                for i, p in zip(te, predict(model, [exs[i] for i in te]), strict=True):
                    preds[b][i] = p
        for b in GRID_BONUS:
            ok = [p == g for p, g in zip(preds[b], labels, strict=True)]
            gold = [o for o, src in zip(ok, origins, strict=True) if src == "gold"]
            results.append((c_value, scale, b, sum(ok) / len(ok), sum(gold) / len(gold) if gold else float("nan")))
    return results


def fallback_cv(exs, labels, c_value: float, scale: float, folds: int = 5) -> list[tuple[float, float, float]]:
    """(threshold, share kept, accuracy of kept) of the fallback model in cross-validation."""
    from claimgraph.events.typer import choose, log_probs

    fold_of = np.random.default_rng(1).integers(0, folds, len(exs))
    got: list[tuple[str, float]] = [("", 0.0)] * len(exs)
    for f in range(folds):
        tr = [i for i in range(len(exs)) if fold_of[i] != f]
        te = [i for i in range(len(exs)) if fold_of[i] == f]
        vec, clf = fit([exs[i] for i in tr], [labels[i] for i in tr], c_value, scale)
        model = to_json(vec, clf, scale, 0.0)
        predict(model, [])
        for i in te:
            got[i] = choose(model, log_probs(model, exs[i]["sparse"], exs[i]["dense"]), "")
    out = []
    for th in FALLBACK_THRESHOLDS:
        kept = [(t == g) for (t, p), g in zip(got, labels, strict=True) if p >= th]
        out.append((th, len(kept) / len(exs), sum(kept) / len(kept) if kept else 0.0))
    return out


def train_fallback(roots, rows) -> dict:
    """The fallback model on every sentence's root verb; threshold: the lowest with CV precision >= 0.7."""
    keep = [i for i, e in enumerate(roots) if e is not None]
    exs, labels = [roots[i] for i in keep], [rows[i][1] for i in keep]
    best = None
    for c_value, scale in itertools.product(GRID_C, GRID_SCALE):
        table = fallback_cv(exs, labels, c_value, scale)
        ok = [r for r in table if r[2] >= FALLBACK_PRECISION]
        pick = ok[0] if ok else table[-1]
        print(
            f"fallback C={c_value} scale={scale}: "
            + ", ".join(f"p>={t}: kept {k:.2f} acc {a:.2f}" for t, k, a in table)
        )
        if best is None or pick[1] > best[2][1]:
            best = (c_value, scale, pick)
    c_value, scale, (th, kept, acc) = best
    print(f"fallback chosen: C={c_value} scale={scale} min_prob={th} (CV kept {kept:.2f}, accuracy {acc:.2f})")
    vec, clf = fit(exs, labels, c_value, scale)
    model = to_json(vec, clf, scale, 0.0)
    model["min_prob"] = th
    return model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv-only", action="store_true")
    args = ap.parse_args(argv)
    rows = sentences()
    feats, roots = examples(rows)
    keep = [i for i, e in enumerate(feats) if e is not None]
    exs = [feats[i] for i in keep]
    labels = [rows[i][1] for i in keep]
    origins = [rows[i][2] for i in keep]
    print(f"{len(rows)} sentences, {len(exs)} with a rule event")
    results = cross_validate(exs, labels, origins)
    for r in sorted(results, key=lambda r: -r[3])[:12]:
        print(f"C={r[0]} scale={r[1]} bonus={r[2]}: type@1 all {r[3]:.3f} gold {r[4]:.3f}")
    rules = next(r for r in results if r[2] == 99.0)
    print(f"rules only: all {rules[3]:.3f} gold {rules[4]:.3f}")
    best = max(results, key=lambda r: (r[3], -r[2]))
    print(f"chosen: C={best[0]} scale={best[1]} bonus={best[2]}")
    fallback = train_fallback(roots, rows)
    if args.cv_only:
        return 0
    vec, clf = fit(exs, labels, best[0], best[1])
    models = {"retype": to_json(vec, clf, best[1], best[2]), "fallback": fallback}
    MODEL_PATH.write_text(json.dumps(models, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
