"""Places: place mentions of an article body resolved to GeoNames, offline.

``find_places(doc, entities)`` takes the spaCy Doc of the body and the entity layer's output and returns one
``Place`` per place mention, in body order (ids p1, p2, ...); a mention the gazetteer cannot resolve keeps its
span with ``geonameid=None``. See docs/places.md.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from claimgraph.nlp.arrays import doc_text
from claimgraph.nlp.pieces import PIECE_CHARS, piece_bounds
from claimgraph.places.gazetteer import Gazetteer, load_gazetteer
from claimgraph.places.recognize import Toponym, recognise
from claimgraph.places.resolve import build_groups, load_ranker, rank, softmax_share
from claimgraph.places.types import Place

__all__ = ["Place", "find_places", "load_gazetteer"]


WINDOW = PIECE_CHARS  # a longer body is disambiguated window by window (see resolve_toponyms)


def find_places(doc, entities) -> list[Place]:
    """Recognise and resolve the place mentions of ``doc`` (the body's Doc) given its resolved entities."""
    gaz = load_gazetteer()
    body = doc_text(doc)
    windows = piece_bounds(body, WINDOW) if len(body) > WINDOW else None
    return resolve_toponyms(gaz, recognise(doc, entities, gaz), *load_ranker(), windows=windows)


def resolve_toponyms(gaz: Gazetteer, toponyms: list[Toponym], weights, intercept: float,
                     windows: list[tuple[int, int]] | None = None) -> list[Place]:  # fmt: skip
    """Places for recognised toponyms under a given ranker (the shipped one, or one being trained).

    Every name is ranked against the picks of every other name it shares a context with, which costs
    names x names: ``windows`` (body stretches of about an article each, for a book-length body) make
    each window its own context, so the cost stays linear and a chapter's places are read by the
    chapter's other places.
    """
    resolved: dict[int, tuple[int, float]] = {}
    for members in _window_members(toponyms, windows):
        local = [replace(toponyms[k], container=None) for k in members]
        where = {k: n for n, k in enumerate(members)}
        for n, k in enumerate(members):
            container = toponyms[k].container
            local[n].container = where.get(container) if container is not None else None
        for n, res in _resolve(gaz, local, weights, intercept).items():
            resolved[members[n]] = res
    return [_place(gaz, k, t, resolved.get(k)) for k, t in enumerate(toponyms)]


def _window_members(toponyms: list[Toponym], windows: list[tuple[int, int]] | None) -> list[list[int]]:
    """Indices of the toponyms of each window (all of them in one when there are no windows)."""
    if not windows:
        return [list(range(len(toponyms)))]
    starts = [a for a, _ in windows]
    members: list[list[int]] = [[] for _ in windows]
    for k, t in enumerate(toponyms):
        members[max(0, bisect.bisect_right(starts, t.start) - 1)].append(k)
    return [m for m in members if m]


def _resolve(gaz: Gazetteer, toponyms: list[Toponym], weights, intercept: float) -> dict[int, tuple[int, float]]:
    """Toponym index -> (gazetteer row, confidence) for the toponyms of one context."""
    groups = build_groups(gaz, toponyms)
    results = rank(gaz, groups, weights, intercept)
    resolved: dict[int, tuple[int, float]] = {}
    for group, result in zip(groups, results, strict=True):
        if result is None:
            continue
        scores, _ = result
        best = int(group.rows[int(scores.argmax())])
        for i in group.toponyms:
            resolved[i] = (best, round(softmax_share(scores), 3))
    return resolved


def _place(gaz: Gazetteer, k: int, t: Toponym, resolution: tuple[int, float] | None) -> Place:
    """The output record of toponym ``k``."""
    place = Place(id=f"p{k + 1}", start=t.start, end=t.end, text=t.text)
    if resolution is None:
        return place
    row, confidence = resolution
    r = gaz.row(row)
    place.geonameid = r.geonameid
    place.name = r.name
    place.lat = round(r.lat, 4)
    place.lon = round(r.lon, 4)
    place.country = alpha3(r.cc)
    place.feature = r.fcode
    place.confidence = confidence
    if r.fcode not in ("PCLI", "CONT", "ADM1"):
        division = gaz.admin1_rows.get((r.cc, r.admin1))
        place.admin1 = gaz.name(division) if division is not None else None
    elif r.fcode == "ADM1":
        place.admin1 = r.name
    return place


_ALPHA3: dict[str, str] = {}


def alpha3(alpha2: str) -> str | None:
    """ISO 3166-1 alpha-2 -> alpha-3 (None for no country, e.g. a continent)."""
    if not alpha2:
        return None
    if not _ALPHA3:
        import pycountry

        _ALPHA3.update({c.alpha_2: c.alpha_3 for c in pycountry.countries})
        _ALPHA3["XK"] = "XKX"
    return _ALPHA3.get(alpha2)
