"""Pure metric functions for the attribution benchmark (no spaCy, no I/O).

Every span is a ``(start, end)`` pair of character offsets into the article
text; a role (content, speaker, cue) is a list of such fragments, since
PolNeAR contents can be discontinuous ("..., he said, ...").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

Fragments = list[tuple[int, int]]

KINDS = ("direct", "mixed", "indirect")


@dataclass(slots=True)
class Item:
    """One attribution reduced to what the benchmark compares.

    ``speaker`` / ``cue`` are ``None`` when absent (gold without a source,
    prediction without a speaker mention).
    """

    content: Fragments
    speaker: Fragments | None = None
    cue: Fragments | None = None
    kind: str = "indirect"
    extra: dict = field(default_factory=dict)


def fragments_overlap(a: Sequence[tuple[int, int]] | None, b: Sequence[tuple[int, int]] | None) -> bool:
    """True when some fragment of ``a`` shares at least one character with some fragment of ``b``."""
    if not a or not b:
        return False
    return any(min(ae, be) > max(as_, bs) for as_, ae in a for bs, be in b)


def nonspace_chars(fragments: Iterable[tuple[int, int]], text: str) -> frozenset[int]:
    """Offsets of the non-whitespace characters of ``text`` covered by ``fragments``."""
    out: set[int] = set()
    for start, end in fragments:
        for i in range(max(0, start), min(end, len(text))):
            if not text[i].isspace():
                out.add(i)
    return frozenset(out)


def dice(a: frozenset[int] | set[int], b: frozenset[int] | set[int]) -> float:
    """Dice coefficient 2|A∩B| / (|A|+|B|) of two character-offset sets (0.0 when both are empty)."""
    total = len(a) + len(b)
    if total == 0:
        return 0.0
    return 2 * len(a & b) / total


def match_contents(
    gold: Sequence[frozenset[int]], pred: Sequence[frozenset[int]], threshold: float = 0.5
) -> list[tuple[int, int, float]]:
    """One-to-one matching of gold and predicted contents by Dice.

    Pairs below ``threshold`` are not eligible; among eligible pairs the
    assignment maximises the total Dice (Hungarian algorithm,
    ``scipy.optimize.linear_sum_assignment``). Returns ``(gold_index,
    pred_index, dice)`` triples sorted by gold index.
    """
    if not gold or not pred:
        return []
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    scores = np.zeros((len(gold), len(pred)))
    # only compute Dice for pairs that share a character (cheap pre-filter via min/max)
    pred_bounds = [(min(p), max(p)) if p else (1, 0) for p in pred]
    for gi, g in enumerate(gold):
        if not g:
            continue
        glo, ghi = min(g), max(g)
        for pi, p in enumerate(pred):
            plo, phi = pred_bounds[pi]
            if phi < glo or plo > ghi:
                continue
            d = dice(g, p)
            if d >= threshold:
                scores[gi, pi] = d
    rows, cols = linear_sum_assignment(scores, maximize=True)
    return sorted((int(r), int(c), float(scores[r, c])) for r, c in zip(rows, cols, strict=True) if scores[r, c] > 0)


def prf(correct_pred: int, n_pred: int, correct_gold: int, n_gold: int) -> dict[str, float | int | None]:
    """Precision, recall and F1 from counts.

    P (R) is ``None`` when nothing was predicted (no gold); F1 is then 0.0 if
    the other side is defined, ``None`` only when both are undefined.
    """
    p = correct_pred / n_pred if n_pred else None
    r = correct_gold / n_gold if n_gold else None
    if p is None and r is None:
        f = None
    elif p is None or r is None:  # nothing predicted (or no gold): F1 is 0, there is nothing right to find
        f = 0.0
    else:
        f = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return {
        "p": p,
        "r": r,
        "f1": f,
        "tp_pred": correct_pred,
        "n_pred": n_pred,
        "tp_gold": correct_gold,
        "n_gold": n_gold,
    }


@dataclass(slots=True)
class DocScore:
    """Per-document raw counts, split by kind; summed over documents by :func:`aggregate`.

    Keys of every dict are a kind or ``"all"``. Recall-side counts are keyed by
    the gold kind, precision-side counts by the predicted kind, and
    speaker/cue accuracy by the gold kind of the matched pair.
    """

    n_gold: dict[str, int] = field(default_factory=dict)
    n_pred: dict[str, int] = field(default_factory=dict)
    overlap_gold: dict[str, int] = field(default_factory=dict)  # gold overlapped by some prediction
    overlap_pred: dict[str, int] = field(default_factory=dict)  # predictions overlapping some gold
    matched_gold: dict[str, int] = field(default_factory=dict)
    matched_pred: dict[str, int] = field(default_factory=dict)
    speaker_n: dict[str, int] = field(default_factory=dict)  # matched pairs whose gold has a speaker
    speaker_ok: dict[str, int] = field(default_factory=dict)
    cue_n: dict[str, int] = field(default_factory=dict)  # matched pairs whose gold has a cue
    cue_ok: dict[str, int] = field(default_factory=dict)
    e2e_gold: dict[str, int] = field(default_factory=dict)  # gold whose matched prediction is end-to-end correct
    e2e_pred: dict[str, int] = field(default_factory=dict)  # end-to-end correct predictions
    kind_n: int = 0  # matched pairs (for kind accuracy)
    kind_ok: int = 0


def _bump(counter: dict[str, int], kind: str, by: int = 1) -> None:
    counter[kind] = counter.get(kind, 0) + by
    counter["all"] = counter.get("all", 0) + by


def score_document(gold: Sequence[Item], pred: Sequence[Item], text: str, threshold: float = 0.5) -> DocScore:
    """Count everything the benchmark reports for one article.

    * content overlap: a prediction is correct if its content fragments share
      a character with any gold content; a gold counts as found if any
      prediction overlaps it;
    * matching: one-to-one by Dice of non-space content characters ≥ ``threshold``;
    * speaker accuracy: over matched pairs whose gold has a speaker, the
      predicted speaker mention overlaps the gold speaker fragments;
    * cue accuracy: same with the cue;
    * end-to-end: a matched prediction whose speaker is right where the gold
      has one (a gold without speaker only needs the content match).
    """
    s = DocScore()
    for g in gold:
        _bump(s.n_gold, g.kind)
    for p in pred:
        _bump(s.n_pred, p.kind)
    for g in gold:
        if any(fragments_overlap(g.content, p.content) for p in pred):
            _bump(s.overlap_gold, g.kind)
    for p in pred:
        if any(fragments_overlap(p.content, g.content) for g in gold):
            _bump(s.overlap_pred, p.kind)
    gsets = [nonspace_chars(g.content, text) for g in gold]
    psets = [nonspace_chars(p.content, text) for p in pred]
    for gi, pi, _d in match_contents(gsets, psets, threshold):
        g, p = gold[gi], pred[pi]
        _bump(s.matched_gold, g.kind)
        _bump(s.matched_pred, p.kind)
        s.kind_n += 1
        s.kind_ok += int(g.kind == p.kind)
        speaker_ok = True
        if g.speaker:
            speaker_ok = fragments_overlap(p.speaker, g.speaker)
            _bump(s.speaker_n, g.kind)
            if speaker_ok:
                _bump(s.speaker_ok, g.kind)
        if g.cue:
            _bump(s.cue_n, g.kind)
            if fragments_overlap(p.cue, g.cue):
                _bump(s.cue_ok, g.kind)
        if speaker_ok:
            _bump(s.e2e_gold, g.kind)
            _bump(s.e2e_pred, p.kind)
    return s


def aggregate(scores: Iterable[DocScore]) -> DocScore:
    """Sum per-document counts."""
    total = DocScore()
    for s in scores:
        for name in DocScore.__slots__:
            value = getattr(s, name)
            if isinstance(value, dict):
                acc = getattr(total, name)
                for k, v in value.items():
                    acc[k] = acc.get(k, 0) + v
            else:
                setattr(total, name, getattr(total, name) + value)
    return total


def ratio(num: int, den: int) -> float | None:
    """``num / den`` or ``None`` when ``den`` is zero."""
    return num / den if den else None


def summarise(total: DocScore) -> dict[str, dict[str, object]]:
    """Figures per kind and overall from summed counts.

    Per kind, recall uses the gold kind and precision the predicted kind, so a
    correct content found with the wrong kind counts for recall of its gold
    kind and for precision of its predicted kind.
    """
    out: dict[str, dict[str, object]] = {}
    for kind in (*KINDS, "all"):
        g = total.n_gold.get(kind, 0)
        n = total.n_pred.get(kind, 0)
        out[kind] = {
            "n_gold": g,
            "n_pred": n,
            "overlap": prf(total.overlap_pred.get(kind, 0), n, total.overlap_gold.get(kind, 0), g),
            "match": prf(total.matched_pred.get(kind, 0), n, total.matched_gold.get(kind, 0), g),
            "speaker_acc": ratio(total.speaker_ok.get(kind, 0), total.speaker_n.get(kind, 0)),
            "speaker_n": total.speaker_n.get(kind, 0),
            "cue_acc": ratio(total.cue_ok.get(kind, 0), total.cue_n.get(kind, 0)),
            "cue_n": total.cue_n.get(kind, 0),
            "e2e": prf(total.e2e_pred.get(kind, 0), n, total.e2e_gold.get(kind, 0), g),
        }
    out["all"]["kind_acc"] = ratio(total.kind_ok, total.kind_n)
    return out


def explain_document(
    gold: Sequence[Item], pred: Sequence[Item], text: str, threshold: float = 0.5
) -> dict[str, list[dict[str, object]]]:
    """Error analysis of one article: what :func:`score_document` counted as wrong.

    Returns ``missed`` (gold without a matched prediction), ``spurious``
    (predictions without a matched gold) and ``wrong_speaker`` (matched pairs
    whose predicted speaker misses the gold speaker), each entry carrying the
    spans and their text so a developer can read them.
    """

    def show(frags: Fragments | None) -> str | None:
        return None if not frags else " … ".join(text[s:e] for s, e in frags)

    def describe(item: Item) -> dict[str, object]:
        return {
            "kind": item.kind,
            "content": [list(f) for f in item.content],
            "content_text": show(item.content),
            "speaker": show(item.speaker),
            "cue": show(item.cue),
        }

    gsets = [nonspace_chars(g.content, text) for g in gold]
    psets = [nonspace_chars(p.content, text) for p in pred]
    pairs = match_contents(gsets, psets, threshold)
    matched_g = {gi for gi, _, _ in pairs}
    matched_p = {pi for _, pi, _ in pairs}
    wrong = [
        {"gold": describe(gold[gi]), "pred": describe(pred[pi]), "dice": round(d, 3)}
        for gi, pi, d in pairs
        if gold[gi].speaker and not fragments_overlap(pred[pi].speaker, gold[gi].speaker)
    ]
    return {
        "missed": [describe(g) for i, g in enumerate(gold) if i not in matched_g],
        "spurious": [describe(p) for i, p in enumerate(pred) if i not in matched_p],
        "wrong_speaker": wrong,
    }
