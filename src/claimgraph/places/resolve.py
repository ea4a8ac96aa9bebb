"""Toponym resolution: pick one GeoNames place per distinct name of the article.

Pass 1 picks each name's candidate by a prior alone (population, feature class, exact name). Pass 2 scores every
candidate with the learned linear ranker (``data/place_ranker.json``), whose context features read the other
names' pass-1 picks; passes 3 and 4 repeat it against the previous picks, so a name settled by its context can
settle its neighbours. Confidence is the candidate's softmax share among its name's candidates.
"""

from __future__ import annotations

import json
from functools import lru_cache

import numpy as np

from claimgraph.datafiles import read_data_text
from claimgraph.places.features import FEATURES, Group, candidates, group_matrix
from claimgraph.places.gazetteer import Gazetteer
from claimgraph.places.normalize import norm
from claimgraph.places.recognize import Toponym

MODEL = "place_ranker.json"
PASSES = 3  # context passes after the prior (3 beat 1 and 2 in 2-fold CV on the fit half)


@lru_cache(maxsize=1)
def load_ranker() -> tuple[np.ndarray, float]:
    """The ranker's weights (in FEATURES order) and intercept."""
    model = json.loads(read_data_text(MODEL))
    weights = dict(zip(model["features"], model["coef"], strict=True))
    return np.array([weights.get(f, 0.0) for f in FEATURES]), float(model["intercept"])


PRIOR = np.zeros(len(FEATURES))
PRIOR[[FEATURES.index(f) for f in ("log_population", "country", "admin1", "primary_name", "lexicon_country")]] = [
    4.0,
    2.0,
    1.0,
    1.0,
    2.0,
]


def build_groups(gaz: Gazetteer, toponyms: list[Toponym]) -> list[Group]:
    """One group per distinct normalised name, with candidates and the names that follow it after a comma."""
    by_key: dict[str, Group] = {}
    for i, t in enumerate(toponyms):
        key = norm(t.text)
        group = by_key.get(key)
        if group is None:
            rows, lexicon_row = candidates(gaz, t.text)
            group = by_key[key] = Group(key, t.text, [], rows, lexicon_row)
        group.toponyms.append(i)
    for t in toponyms:
        if t.container is not None:
            by_key[norm(t.text)].containers.add(norm(toponyms[t.container].text))
    return list(by_key.values())


def rank(gaz: Gazetteer, groups: list[Group], weights: np.ndarray, intercept: float, passes: int = PASSES):
    """Score all groups' candidates; returns per group (candidate scores, feature matrix) of the last pass."""
    counts = [len(g.toponyms) for g in groups]
    results: list[tuple[np.ndarray, np.ndarray] | None] = [None] * len(groups)
    for g, group in enumerate(groups):
        if len(group.rows):
            x = group_matrix(gaz, groups, g, [0] * len(groups))
            group.pick = int(group.rows[int(np.argmax(x @ PRIOR))])
    for _ in range(passes):
        picks = []
        for g, group in enumerate(groups):
            if not len(group.rows):
                continue
            x = group_matrix(gaz, groups, g, counts)
            scores = x @ weights + intercept
            results[g] = (scores, x)
            picks.append((group, int(group.rows[int(np.argmax(scores))])))
        for group, pick in picks:
            group.pick = pick
    return results


def softmax_share(scores: np.ndarray) -> float:
    """The best candidate's share of exp(score) among its name's candidates."""
    z = np.exp(scores - scores.max())
    return float(z.max() / z.sum())
