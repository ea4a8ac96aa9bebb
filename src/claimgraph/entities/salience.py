"""Discourse salience: how prominent each entity is at a given point of the text.

A simplified Lappin & Leass (1994) scheme: each earlier mention contributes a weight for its
grammatical role (subject > object > other) that halves with every sentence of distance; an
entity's salience is the sum over sentences of its best mention in that sentence. Subjects of the
previous sentence therefore win over objects, and recent entities over old ones. An entity's
score is its best mention plus a quarter of the rest, so a long-running topic does not drown a
person introduced as subject in the previous sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .cluster import OBJECT_DEPS, Cluster, Ref

WINDOW = 3  # sentences back (besides the current one) that count for pronouns
REPEAT_FACTOR = 0.25  # weight of an entity's other recent sentences besides its best one


def mention_weight(ref: Ref) -> float:
    """Weight of one mention before distance decay: role in its clause."""
    if ref.is_subject:
        return 180.0
    if ref.dep in OBJECT_DEPS:
        return 150.0
    if ref.dep == "poss":
        return 120.0
    return 100.0


def salience(
    history: Sequence[Ref],
    tok: int,
    sent: int,
    window: int = WINDOW,
    accept: Callable[[Ref], bool] | None = None,
) -> dict[int, tuple[float, Cluster]]:
    """Salience of every cluster mentioned within ``window`` sentences before token ``tok``.

    Returns {id(cluster): (score, cluster)}; ``accept`` filters individual mentions.
    """
    best: dict[tuple[int, int], tuple[float, Cluster]] = {}
    for ref in reversed(history):
        if ref.tok >= tok:
            continue
        if ref.sent < sent - window:
            break
        if accept is not None and not accept(ref):
            continue
        w = mention_weight(ref) * (0.5 ** (sent - ref.sent))
        key = (id(ref.cluster), ref.sent)
        if key not in best or best[key][0] < w:
            best[key] = (w, ref.cluster)
    per_cluster: dict[int, list[float]] = {}
    clusters: dict[int, Cluster] = {}
    for (cid, _), (w, cluster) in best.items():
        per_cluster.setdefault(cid, []).append(w)
        clusters[cid] = cluster
    out: dict[int, tuple[float, Cluster]] = {}
    for cid, weights in per_cluster.items():
        top = max(weights)
        out[cid] = (top + REPEAT_FACTOR * (sum(weights) - top), clusters[cid])
    return out
