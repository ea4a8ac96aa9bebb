"""Places: place mentions of an article body resolved to GeoNames, offline.

``find_places(doc, entities)`` takes the spaCy Doc of the body and the entity layer's output and returns one
``Place`` per place mention, in body order (ids p1, p2, ...); a mention the gazetteer cannot resolve keeps its
span with ``geonameid=None``. See docs/places.md.
"""

from __future__ import annotations

from claimgraph.places.gazetteer import Gazetteer, load_gazetteer
from claimgraph.places.recognize import Toponym, recognise
from claimgraph.places.resolve import build_groups, load_ranker, rank, softmax_share
from claimgraph.places.types import Place

__all__ = ["Place", "find_places", "load_gazetteer"]


def find_places(doc, entities) -> list[Place]:
    """Recognise and resolve the place mentions of ``doc`` (the body's Doc) given its resolved entities."""
    gaz = load_gazetteer()
    return resolve_toponyms(gaz, recognise(doc, entities, gaz), *load_ranker())


def resolve_toponyms(gaz: Gazetteer, toponyms: list[Toponym], weights, intercept: float) -> list[Place]:
    """Places for recognised toponyms under a given ranker (the shipped one, or one being trained)."""
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
    return [_place(gaz, k, t, resolved.get(k)) for k, t in enumerate(toponyms)]


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
