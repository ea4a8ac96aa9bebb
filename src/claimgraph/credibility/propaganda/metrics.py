"""The SemEval-2020 Task 11 metrics, re-implemented so the benchmark needs no external scorer.

SI (span identification), Da San Martino et al. 2020, section 3: with predicted
spans S and gold spans T of the same article seen as sets of character offsets,

    P(S, T) = 1/|S| * sum_{s in S} sum_{t in T} |s ∩ t| / |s|
    R(S, T) = 1/|T| * sum_{t in T} sum_{s in S} |s ∩ t| / |t|

summed over all articles before dividing (|S| and |T| are corpus-wide counts, as in
the official ``task-SI_scorer.py``). Like that scorer, spans that overlap (share at
least one character) are merged first, on both sides: technique labels are ignored in
SI, and merging stops one long prediction from being counted once per overlapping
gold span. Touching but non-overlapping spans are kept apart. With no predictions
P is 0 (the scorer's convention); with no gold spans R is 0.

TC (technique classification): the gold spans are given and every one gets exactly
one predicted label, so micro-averaged P = R = F1 = accuracy. Spans with identical
offsets and several gold labels are matched as multisets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

Span = tuple[int, int]


def merge_overlapping(spans: Iterable[Span]) -> list[Span]:
    """Union of spans that share at least one character; empty spans dropped."""
    return [(s, e) for s, e, _ in merge_scored((s, e, 0.0) for s, e in spans if e > s)]


def merge_scored(spans: Iterable[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """(start, end, score) spans sorted, those sharing a character merged into one with the higher score.

    Touching spans (one ends where the next starts) stay apart, as in the task's scorer.
    """
    out: list[list[Any]] = []
    for s, e, p in sorted(spans):
        if out and s < out[-1][1]:
            out[-1][1], out[-1][2] = max(out[-1][1], e), max(out[-1][2], p)
        else:
            out.append([s, e, p])
    return [(s, e, p) for s, e, p in out]


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def si_counts(pred: Sequence[Span], gold: Sequence[Span]) -> tuple[float, int, float, int]:
    """(precision numerator, |S|, recall numerator, |T|) of one article, after merging."""
    ps, gs = merge_overlapping(pred), merge_overlapping(gold)
    p_num = sum(_overlap(s, t) / (s[1] - s[0]) for s in ps for t in gs)
    r_num = sum(_overlap(s, t) / (t[1] - t[0]) for t in gs for s in ps)
    return p_num, len(ps), r_num, len(gs)


def si_scores(pred: Mapping[str, Sequence[Span]], gold: Mapping[str, Sequence[Span]]) -> dict[str, float]:
    """Corpus-level SI precision, recall and F1 over the articles of ``gold``."""
    p_num = r_num = 0.0
    n_pred = n_gold = 0
    for key, gspans in gold.items():
        a, b, c, d = si_counts(pred.get(key, ()), gspans)
        p_num, n_pred, r_num, n_gold = p_num + a, n_pred + b, r_num + c, n_gold + d
    p = p_num / n_pred if n_pred else 0.0
    r = r_num / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "pred_spans": n_pred, "gold_spans": n_gold}


def tc_micro_f1(pred: Sequence[tuple[str, int, int, str]], gold: Sequence[tuple[str, int, int, str]]) -> float:
    """Micro-F1 of (article, start, end, technique) labels; multisets per span offsets."""
    by_span_g: dict[tuple[str, int, int], Counter[str]] = {}
    by_span_p: dict[tuple[str, int, int], Counter[str]] = {}
    for art, s, e, lab in gold:
        by_span_g.setdefault((art, s, e), Counter())[lab] += 1
    for art, s, e, lab in pred:
        by_span_p.setdefault((art, s, e), Counter())[lab] += 1
    correct = sum(sum((g & by_span_p.get(k, Counter())).values()) for k, g in by_span_g.items())
    p = correct / len(pred) if pred else 0.0
    r = correct / len(gold) if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0
