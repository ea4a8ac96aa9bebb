"""Propaganda techniques: 5-fold article cross-validation of SI and TC on the PTC dev articles, plus speed.

Run from the repo root (about 10 minutes on a shared 2-core machine)::

    /work/venv/bin/python bench/propaganda.py            # prints and writes BENCHMARKS.md
    /work/venv/bin/python bench/propaganda.py --no-write
    /work/venv/bin/python bench/propaganda.py --cv-cache /tmp/cv.pkl   # CV once, rerun speed only

Data: ``../shared/gold/propaganda/dev.jsonl`` (260 PTC articles, read in place).
Folds: articles shuffled with ``numpy.random.RandomState(0)``, fold k = every 5th
article from k. In each fold the whole model (lexicon, token tagger, sentence
classifier, span classifier) is trained on the other four folds exactly as
``scripts/train_propaganda.py`` trains the shipped file. Metrics are those of
SemEval-2020 Task 11 (``claimgraph.credibility.propaganda.metrics``): SI
partial-overlap P/R/F1 over the pooled out-of-fold predictions, TC micro-F1 of
the labels predicted for the gold spans; the SI decoding settings are also
chosen per fold on the other folds (nested, see ``select_decoding``). Speed: the
shipped model on all dev articles as the pipeline calls it, in one process, in two
worker processes, and after a spaCy parse (``claimgraph.nlp.load_nlp()``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._report import command_line, fmt, machine, now, write_section  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "propaganda" / "dev.jsonl"
ANCHOR_SI, ANCHOR_TC = 0.51, 0.62
BAR_SI, BAR_TC, BAR_SPEED = 0.40, 0.55, 20.0


def folds(n: int, k: int = 5, seed: int = 0) -> list[list[int]]:
    order = np.random.RandomState(seed).permutation(n)
    return [sorted(order[i::k].tolist()) for i in range(k)]


# Decoding settings searched by the nested selection (see select_decoding): the main channel's
# (mix, threshold, gap, peak) times the clause channel's, or no clause channel (None).
MAIN_GRID = [
    (mix, thr, gap, peak)
    for mix in (0.6, 0.8) for thr in (0.2, 0.25, 0.3) for gap in (5, 20) for peak in (0.0, 0.3, 0.35, 0.4)
    if peak == 0.0 or peak > thr
]  # fmt: skip
CLAUSE_GRID = [(mix, thr, 20, 0.0) for mix in (0.2, 0.4, 0.6) for thr in (0.3, 0.35, 0.4, 0.45)] + [None]
GRID = [(main, clause) for main in MAIN_GRID for clause in CLAUSE_GRID]


def grid_counts(scored: list[tuple[int, Any, list[tuple[np.ndarray, np.ndarray]]]], k: int) -> np.ndarray:
    """SI counts (P numerator, |S|, R numerator, |T|) per GRID setting and fold: shape (len(GRID), k, 4).

    ``scored``: (fold, article, channel probabilities) with the main channel first, as ``channel_probs`` gives.
    """
    from claimgraph.credibility.propaganda.metrics import si_counts
    from claimgraph.credibility.propaganda.model import decode

    out = np.zeros((len(GRID), k, 4))
    for f, d, probs in scored:
        gold = [(s, e) for s, e, _ in d.spans]
        if not d.tokens:
            out[:, f] += si_counts([], gold)
            continue
        (pt, ps), clause = probs[0], probs[1] if len(probs) > 1 else None
        main = {m: decode(d.tokens, [(pt, ps, m)]) for m in MAIN_GRID}
        extra = {c: decode(d.tokens, [(*clause, c)]) if c and clause else [] for c in CLAUSE_GRID}
        for g, (m, c) in enumerate(GRID):
            out[g, f] += si_counts([(s, e) for s, e, _ in main[m] + extra[c]], gold)
    return out


def _f1(c: np.ndarray) -> tuple[float, float, float]:
    p = c[0] / c[1] if c[1] else 0.0
    r = c[2] / c[3] if c[3] else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def select_decoding(counts: np.ndarray) -> dict[str, Any]:
    """Nested choice of the decoding settings: fold k is decoded with the GRID setting that is best on the
    other folds' out-of-fold predictions (fold k's labels never pick its own settings)."""
    k = counts.shape[1]
    total = np.zeros(4)
    chosen = []
    for f in range(k):
        others = [j for j in range(k) if j != f]
        best = max(range(len(GRID)), key=lambda g: _f1(counts[g, others].sum(0))[0])
        chosen.append(GRID[best])
        total += counts[best, f]
    f1, p, r = _f1(total)
    overall = max(range(len(GRID)), key=lambda g: _f1(counts[g].sum(0))[0])
    return {"f1": f1, "precision": p, "recall": r, "chosen": chosen, "best_all": GRID[overall],
            "best_all_f1": _f1(counts[overall].sum(0))[0]}  # fmt: skip


def cross_validate(docs: list[Any], k: int = 5) -> dict[str, Any]:
    from claimgraph.credibility.propaganda.metrics import si_scores, tc_micro_f1
    from claimgraph.credibility.propaganda.train import fit, tc_examples

    si_pred: dict[str, list[tuple[int, int]]] = {}
    tc_pred: list[tuple[str, int, int, str]] = []
    tc_gold: list[tuple[str, int, int, str]] = []
    per_fold: list[tuple[float, float]] = []
    scored: list[tuple[int, Any, np.ndarray, np.ndarray]] = []
    for f, test in enumerate(folds(len(docs), k)):
        held = set(test)
        t0 = time.perf_counter()
        model = fit([d for i, d in enumerate(docs) if i not in held])
        fold_si: dict[str, list[tuple[int, int]]] = {}
        fold_pred, fold_gold = [], []
        for i in test:
            d = docs[i]
            fold_si[d.id] = [(s, e) for s, e, _ in model.find(d.text)]
            scored.append((f, d, model.channel_probs(d.tokens, d.sents)))
            _, _, keys = tc_examples([d])
            if keys:
                proba = model.classify(d.text, [(s, e) for _, s, e, _ in keys], d.sents)
                labels = [model.classifier.classes[j] for j in proba.argmax(1)]
                fold_pred += [(a, s, e, lab) for (a, s, e, _), lab in zip(keys, labels, strict=True)]
                fold_gold += keys
        gold = {docs[i].id: [(s, e) for s, e, _ in docs[i].spans] for i in test}
        per_fold.append((si_scores(fold_si, gold)["f1"], tc_micro_f1(fold_pred, fold_gold)))
        si_pred.update(fold_si)
        tc_pred += fold_pred
        tc_gold += fold_gold
        print(f"fold {f}: SI F1 {per_fold[-1][0]:.3f} TC {per_fold[-1][1]:.3f} ({time.perf_counter() - t0:.0f} s)")
    gold = {d.id: [(s, e) for s, e, _ in d.spans] for d in docs}
    whole = {d.id: list(d.sents) for d in docs}
    hits, totals = Counter(), Counter()
    for (_, _, _, g), (_, _, _, p) in zip(tc_gold, tc_pred, strict=True):
        totals[g] += 1
        hits[g] += g == p
    majority = totals.most_common(1)[0][1] / len(tc_gold)
    counts = grid_counts(scored, k)
    return {
        "nested": select_decoding(counts), "si": si_scores(si_pred, gold), "si_all_sentences": si_scores(whole, gold),
        "tc": tc_micro_f1(tc_pred, tc_gold), "tc_majority": majority, "per_fold": per_fold,
        "per_technique": {t: (hits[t] / n, n) for t, n in totals.most_common()},
    }  # fmt: skip


def _worker_init() -> None:
    from claimgraph.credibility.propaganda import load_model, propaganda_spans

    load_model()
    propaganda_spans("Warm up the hasher. It imports scikit-learn!")


def _spans_of(text: str) -> int:
    from claimgraph.credibility.propaganda import propaganda_spans

    return len(propaganda_spans(text))


def speed(texts: list[str], repeat: int = 2) -> dict[str, float]:
    """Articles/s of the shipped model used as the pipeline uses it, on this 2-core machine.

    ``claimgraph.pipeline`` calls ``propaganda_spans(doc.text)`` once per article in
    one process (the spaCy parse is upstream and not needed by this model). Measured:
    that loop in one process (best of ``repeat`` passes, wall-clock and CPU time),
    the same loop split over two worker processes (throughput of both cores), and
    the loop after a fresh ``load_nlp()`` parse. Load averages are recorded because the
    machine is shared.
    """
    import multiprocessing as mp

    from claimgraph.credibility.propaganda import load_model, propaganda_spans
    from claimgraph.nlp import load_nlp

    load_before = os.getloadavg()[0]
    _worker_init()
    load_model()
    bare = cpu = float("inf")
    n_spans = 0
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        n_spans = sum(len(propaganda_spans(t)) for t in texts)
        bare = min(bare, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    with mp.get_context("fork").Pool(2, initializer=_worker_init) as pool:
        pool.map(_spans_of, ["Ready.", "Steady."], chunksize=1)
        two = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            pool.map(_spans_of, texts, chunksize=4)
            two = min(two, time.perf_counter() - t0)
    load_mid = os.getloadavg()[0]
    nlp = load_nlp()
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts))
    parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d in docs:
        propaganda_spans(d.text)
    reuse = time.perf_counter() - t0
    return {
        "bare": len(texts) / bare, "cpu": len(texts) / cpu, "two": len(texts) / two,
        "with_parse": len(texts) / (parse + reuse), "parse_only": len(texts) / parse,
        "spans_per_article": n_spans / len(texts), "load": load_before, "load_mid": load_mid,
    }  # fmt: skip


def setting_text(setting: tuple[Any, Any]) -> str:
    main, clause = setting
    text = "main " + "/".join(str(v) for v in main)
    return text + (", clauses " + "/".join(str(v) for v in clause) if clause else ", no clause channel")


def report(r: dict[str, Any], sp: dict[str, float], n_docs: int, n_spans: int, size_mb: float | None) -> str:
    si, tc = r["si"], r["tc"]
    base = r["si_all_sentences"]
    si_r = f"{min(f[0] for f in r['per_fold']):.3f}-{max(f[0] for f in r['per_fold']):.3f}"
    tc_r = f"{min(f[1] for f in r['per_fold']):.3f}-{max(f[1] for f in r['per_fold']):.3f}"
    verdict = ", ".join([
        f"SI bar {BAR_SI:.2f} {'met' if si['f1'] >= BAR_SI else 'NOT met'}",
        f"TC bar {BAR_TC:.2f} {'met' if tc >= BAR_TC else 'NOT met'}",
        f"speed bar {BAR_SPEED:.0f}/s {'met' if sp['two'] >= BAR_SPEED else 'NOT met'} on the 2 cores "
        f"({'met' if sp['bare'] >= BAR_SPEED else 'NOT met'} by one process alone)",
    ])  # fmt: skip
    per_tech = "\n".join(f"| {t} | {n} | {fmt(acc)} |" for t, (acc, n) in r["per_technique"].items())
    size = f"{size_mb:.2f} MB" if size_mb is not None else "not built"
    from claimgraph.embeddings import EMBEDDINGS_PATH

    emb = f"{EMBEDDINGS_PATH.stat().st_size / 1e6:.2f} MB" if EMBEDDINGS_PATH.exists() else "not built"
    row_base = f"| SI | trivial: every sentence is one span | {fmt(base['precision'])} | {fmt(base['recall'])} | "
    row_base += f"{fmt(base['f1'])} | - | - | - |"
    row_si = "| SI | claimgraph: token tagger x sentence classifier (linear, hashed + static MiniLM word vectors, "
    row_si += "each averaged with a BiGRU over the sentence); span-balanced channel + plain-loss clause channel, "
    row_si += "shipped settings | "
    row_si += f"{fmt(si['precision'])} | {fmt(si['recall'])} | **{fmt(si['f1'])}** | {si_r} | 0.51 | "
    row_si += f"{si['f1'] - ANCHOR_SI:+.3f} |"
    nest = r["nested"]
    row_nest = "| SI | same, decoding settings chosen per fold on the other 4 folds (nested) | "
    row_nest += f"{fmt(nest['precision'])} | {fmt(nest['recall'])} | {fmt(nest['f1'])} | - | 0.51 | "
    row_nest += f"{nest['f1'] - ANCHOR_SI:+.3f} |"
    chosen = "; ".join(f"fold {i}: " + setting_text(c) for i, c in enumerate(nest["chosen"]))
    row_maj = f"| TC | majority class (Loaded_Language) | - | - | {fmt(r['tc_majority'])} | - | - | - |"
    row_tc = "| TC | claimgraph: multinomial LR over span/context n-grams + repetition | - | - | "
    row_tc += f"**{fmt(tc)}** | {tc_r} | 0.62 | {tc - ANCHOR_TC:+.3f} |"
    return f"""## Propaganda techniques (PTC / SemEval-2020 Task 11 dev, 5-fold article CV)

{n_docs} articles, {n_spans} gold spans. Out-of-fold predictions pooled over 5 folds of articles; every model part
(lexicon included) trained on the other folds only. SI: the task's partial-overlap span P/R/F1 (overlapping spans
merged, labels ignored; `claimgraph/credibility/propaganda/metrics.py`); TC: micro-F1 of one label per gold span.
Machine: {machine()}. Taken {now()}.
Command: `{command_line()}`

| task | system | P | R | F1 | per-fold F1 | anchor (best SemEval-2020 system) | gap to anchor |
| --- | --- | --- | --- | --- | --- | --- | --- |
{row_base}
{row_si}
{row_nest}
{row_maj}
{row_tc}

Verdict: {verdict}.
The anchors are test-set figures of fine-tuned large transformers (Da San Martino et al. 2020); ours are
cross-validated on the training partition with linear models, so the comparison is indicative only.

SI decoding settings (mix/threshold/gap/peak) picked for each fold by the nested selection: {chosen}; best on all
five folds (the shipped setting's search): {setting_text(nest["best_all"])} (F1 {fmt(nest["best_all_f1"])}).

Speed of `propaganda_spans` as `claimgraph.pipeline` uses it (shipped model, one call per article on its text,
{n_docs} dev articles, best of 2 passes; 2-core machine shared with other jobs, 1-min load average
{sp["load"]:.1f} before and {sp["load_mid"]:.1f} after): **{sp["two"]:.1f} articles/s** with two worker processes
(both cores); {sp["bare"]:.1f} articles/s wall-clock in one process ({sp["cpu"]:.1f} articles per CPU-second, the
figure that does not depend on the other jobs); {sp["with_parse"]:.1f} articles/s including a fresh `load_nlp()`
parse of each article (the parse alone: {sp["parse_only"]:.1f} articles/s; the pipeline parses upstream anyway and
this model needs only the text). {sp["spans_per_article"]:.1f} spans per article. Model file
`src/claimgraph/data/propaganda.npz`: {size}; static word vectors `src/claimgraph/data/static_embeddings.npz`: {emb}.

TC accuracy per gold technique (out-of-fold):

| technique | gold spans | accuracy |
| --- | --- | --- |
{per_tech}
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--cv-cache", type=Path, help="reuse (or save) the cross-validation results in this pickle")
    args = ap.parse_args()
    from claimgraph.credibility.propaganda import MODEL_PATH
    from claimgraph.credibility.propaganda.train import load_gold

    docs = load_gold(args.gold)
    if args.cv_cache and args.cv_cache.exists():
        import pickle

        r = pickle.loads(args.cv_cache.read_bytes())  # written by this script, below
    else:
        r = cross_validate(docs)
        if args.cv_cache:
            import pickle

            args.cv_cache.write_bytes(pickle.dumps(r))
    sp = speed([d.text for d in docs])
    size = MODEL_PATH.stat().st_size / 1e6 if MODEL_PATH.exists() else None
    body = report(r, sp, len(docs), sum(len(d.spans) for d in docs), size)
    print(body)
    if not args.no_write:
        write_section("propaganda", body)


if __name__ == "__main__":
    main()
