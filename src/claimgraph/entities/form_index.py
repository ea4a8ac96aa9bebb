"""Clusters filed by keys of their name forms, so a new name is compared only with clusters it could match.

Comparing every name mention with every cluster so far costs mentions x clusters: unnoticed on an
article, quadratic on a book-length transcript. Every way a name can match a known form
(``person_match``, ``org_match``, a surname, an exact form) needs the two to share one of these keys,
so a lookup by the new name's keys returns every cluster the full scan could have chosen (and some
it would reject); the caller runs the same tests on them, in creation order, with the same result.
"""

from __future__ import annotations

from collections import defaultdict

from .cluster import Cluster
from .names import acronym, compact_upper, org_key, surname_forms, variant_group

Key = tuple[str, str]


def form_keys(form: str) -> set[Key]:
    """Keys of one normalised form: itself, its surname forms, first word, acronym, variant group."""
    words = form.split()
    keys: set[Key] = {("form", form)}
    if not words:
        return keys
    keys.update(("surname", s) for s in surname_forms(words[-1]))
    keys.add(("first", words[0]))
    keys.add(("acronym", acronym(form) if len(words) > 1 else form.replace(".", "").upper()))
    group = variant_group(form)
    if group is not None:
        keys.add(("group", str(group)))
    return keys


def person_keys(words: list[str]) -> set[Key]:
    """Keys a person name (normalised words) shares with any form ``person_match`` accepts."""
    if not words:
        return set()
    return {("surname", s) for s in surname_forms(words[-1])} | {("first", words[0])}


def org_keys(text: str) -> set[Key]:
    """Keys an organisation name shares with any form set ``org_match`` accepts."""
    key = org_key(text)
    words = key.split()
    keys: set[Key] = {("form", key), ("acronym", acronym(key))}
    if words:
        keys.update({("surname", words[0]), ("form", words[-1])})  # "Times" <-> "new york times", both ways
    if acr := compact_upper(text):
        keys.add(("acronym", acr))
    group = variant_group(key)
    if group is not None:
        keys.add(("group", str(group)))
    return keys


class FormIndex:
    """Clusters by form key, each remembered with its creation number for the scan's order."""

    def __init__(self) -> None:
        self._by_key: dict[Key, set[int]] = defaultdict(set)
        self._clusters: list[Cluster] = []
        self._number: dict[int, int] = {}

    def register(self, cluster: Cluster) -> None:
        """A new cluster, in creation order."""
        self._number[id(cluster)] = len(self._clusters)
        self._clusters.append(cluster)

    def add_form(self, cluster: Cluster, form: str) -> None:
        """Give ``cluster`` the normalised name ``form`` and file it under that form's keys."""
        cluster.forms.add(form)
        n = self._number[id(cluster)]
        for key in form_keys(form):
            self._by_key[key].add(n)

    def candidates(self, keys: set[Key]) -> list[Cluster]:
        """Every cluster filed under one of ``keys``, in creation order."""
        found: set[int] = set()
        for key in keys:
            found |= self._by_key.get(key, set())
        return [self._clusters[n] for n in sorted(found)]
