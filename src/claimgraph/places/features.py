"""Candidates for a place name and the features the ranker scores them by (Mordecai 3's, without its models).

A *group* is one distinct name of the article ("Alexandria" twice is one group: one sense per discourse).
Its candidates come from the gazetteer's name and alternate-name index, the country lexicon of the entity
layer ("U.S.", "Britain") and, failing those, the name without a generic word ("Laurel County" -> "Laurel").
Features describe the candidate alone (population, feature class, exact name) and the candidate against the
rest of the article: the countries and regions of the other places, a container named after a comma, the
distance to the other places, and whether the candidate's own first-level division is named.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from claimgraph.entities.countries import country_code, demonym_country
from claimgraph.places.gazetteer import Gazetteer
from claimgraph.places.normalize import fold, norm

MAX_CANDIDATES = 30
GENERIC_SUFFIXES = ("county", "parish", "province", "region", "district", "state", "city", "oblast", "governorate")
GENERIC_PREFIXES = ("city of ", "province of ", "state of ", "county of ", "republic of ", "township of ")

FEATURES = (
    "log_population",
    "country",
    "admin1",
    "admin2",
    "capital",
    "admin_seat",
    "continent",
    "primary_name",
    "lexicon_country",
    "container_match",
    "country_share",
    "dominant_country",
    "admin1_named",
    "contains_others",
    "near_others",
    "population_rank",
    "admin1_share",
    "admin2_named",
    "admin2_share",
    "capital_over_division",
    "admin1_support",
)
COL = {name: i for i, name in enumerate(FEATURES)}


@dataclass(slots=True)
class Group:
    """One distinct place name of the article, its mentions and its candidates."""

    key: str
    text: str
    toponyms: list[int]
    rows: np.ndarray
    lexicon_row: int = -1
    containers: set[str] = field(default_factory=set)
    pick: int = -1  # the currently preferred candidate row
    divisions: frozenset[tuple[int, int]] | None = None  # (country, admin1) of its candidates, computed once


def candidates(gaz: Gazetteer, text: str) -> tuple[np.ndarray, int]:
    """Candidate rows for a name (at most MAX_CANDIDATES, the most prominent kept) and the lexicon country row."""
    lexicon_row = -1
    demonym = demonym_country(text) if text[:1].isupper() else None
    rows = [] if demonym and not country_code(text) else gaz.lookup(text)
    alpha3 = country_code(text) or demonym
    if alpha3:
        lexicon_row = gaz.countries.get(_alpha2(alpha3), -1)
        if lexicon_row >= 0 and lexicon_row not in rows:
            rows.append(lexicon_row)
    if not rows:
        rows = _without_generic_word(gaz, text)
    if len(rows) > MAX_CANDIDATES:
        rows = _most_prominent(gaz, rows)
    return np.array(sorted(set(rows)), dtype=np.int64), lexicon_row


def _most_prominent(gaz: Gazetteer, rows: list[int]) -> list[int]:
    """At most MAX_CANDIDATES rows: the largest divisions and countries, and the largest other places.

    Half the slots each, so 30 same-named counties ("Washington County" x 31) cannot crowd out the capital."""
    by_population = sorted(rows, key=lambda r: -int(gaz.population[r]))
    admin = [r for r in by_population if _is_admin_or_country(gaz, r)]
    other = [r for r in by_population if not _is_admin_or_country(gaz, r)]
    half = MAX_CANDIDATES // 2
    keep = admin[: max(half, MAX_CANDIDATES - len(other))] + other[: max(half, MAX_CANDIDATES - len(admin))]
    return keep[:MAX_CANDIDATES]


def _primary_key(name: str) -> str:
    """The key of a GeoNames name up to its first comma: "Washington, D.C." is primarily "Washington"."""
    return fold(name.split(",", 1)[0])


def _without_generic_word(gaz: Gazetteer, text: str) -> list[int]:
    """ "Laurel County" -> divisions named "Laurel"; "City of Reading" -> places named "Reading"; "Hamilton
    Township" (a US civil township, absent from the gazetteer) -> the places and divisions named "Hamilton"."""
    key = norm(text)
    for prefix in GENERIC_PREFIXES:
        if key.startswith(prefix):
            return gaz.lookup(key[len(prefix) :])
    for suffix in (*GENERIC_SUFFIXES, "township"):
        if key.endswith(" " + suffix):
            rows = gaz.lookup(key[: -len(suffix) - 1])
            wanted = ("PPL",) if suffix == "city" else ("PPL", "ADM") if suffix == "township" else ("ADM",)
            return [r for r in rows if gaz.fcode_table[gaz.fcode[r]].startswith(wanted)]
    return []


def _is_admin_or_country(gaz: Gazetteer, row: int) -> bool:
    code = gaz.fcode_table[gaz.fcode[row]]
    return code.startswith(("ADM", "PCL")) or code == "CONT"


_ALPHA2: dict[str, str] = {}


def _alpha2(alpha3: str) -> str:
    """ISO alpha-3 -> alpha-2 (pycountry; Kosovo's user-assigned code by hand)."""
    if not _ALPHA2:
        import pycountry

        _ALPHA2.update({c.alpha_3: c.alpha_2 for c in pycountry.countries})
        _ALPHA2["XKX"] = "XK"
    return _ALPHA2.get(alpha3, "")


def _own_features(x: np.ndarray, gaz: Gazetteer, groups: list[Group], group: Group, codes: list[str]) -> None:
    """Columns that need only the candidate itself: size, feature class, name form, lexicon and container."""
    rows = group.rows
    x[:, COL["log_population"]] = np.log10(1.0 + gaz.population[rows].astype(np.float64)) / 7.0
    x[:, COL["country"]] = [c in ("PCLI", "PCLS", "PCLD", "PCLF", "TERR") for c in codes]
    x[:, COL["admin1"]] = [c == "ADM1" for c in codes]
    x[:, COL["admin2"]] = [c == "ADM2" for c in codes]
    x[:, COL["capital"]] = [c == "PPLC" for c in codes]
    x[:, COL["capital_over_division"]] = _capital_over_division(gaz, rows, codes, group)
    x[:, COL["admin_seat"]] = [c.startswith("PPLA") for c in codes]
    x[:, COL["continent"]] = [c == "CONT" for c in codes]
    x[:, COL["primary_name"]] = [
        _primary_key(gaz.name(int(r))) == group.key or fold(gaz.name(int(r))) == group.key for r in rows
    ]
    x[:, COL["lexicon_country"]] = rows == group.lexicon_row
    x[:, COL["container_match"]] = _container_match(gaz, groups, group)


def _context_features(
    x: np.ndarray, gaz: Gazetteer, rows: np.ndarray, codes: list[str], picks: np.ndarray, weights: np.ndarray
) -> None:
    """Columns that compare a candidate with the other groups' picks (weighted by how often each is named)."""
    cc = gaz.cc[rows]
    weights = weights / weights.sum()
    pick_cc = gaz.cc[picks]
    x[:, COL["country_share"]] = [(weights * (pick_cc == c)).sum() for c in cc]
    share = {c: (weights * (pick_cc == c)).sum() for c in set(pick_cc.tolist())}
    dominant = max(share, key=share.get)
    x[:, COL["dominant_country"]] = cc == dominant
    x[:, COL["contains_others"]] = _contains(gaz, rows, codes, picks, weights)
    pick_a1 = gaz.admin1[picks]
    x[:, COL["admin1_share"]] = [
        (weights * ((pick_cc == c) & (pick_a1 == a) & (picks != r))).sum() if code != "ADM1" else 0.0
        for r, c, a, code in zip(rows, cc, gaz.admin1[rows], codes, strict=True)
    ]
    pick_a2 = gaz.admin2[picks]
    x[:, COL["admin2_share"]] = [
        (weights * ((pick_a2 == a) & (picks != r))).sum() if a >= 0 and code != "ADM2" else 0.0
        for r, a, code in zip(rows, gaz.admin2[rows], codes, strict=True)
    ]
    x[:, COL["near_others"]] = _nearness(gaz, rows, picks)


def group_matrix(gaz: Gazetteer, groups: list[Group], g: int, counts: list[int]) -> np.ndarray:
    """The feature matrix (candidates x FEATURES) of group ``g`` given the other groups' current picks."""
    group = groups[g]
    rows = group.rows
    n = len(rows)
    codes = [gaz.fcode_table[c] for c in gaz.fcode[rows]]
    x = np.zeros((n, len(FEATURES)))
    _own_features(x, gaz, groups, group, codes)
    others = [(h, counts[h]) for h in range(len(groups)) if h != g and groups[h].pick >= 0 and counts[h] > 0]
    if others:
        picks = np.array([groups[h].pick for h, _ in others])
        weights = np.array([w for _, w in others], dtype=np.float64)
        _context_features(x, gaz, rows, codes, picks, weights)
    else:
        x[:, COL["near_others"]] = 0.5
    x[:, COL["admin1_named"]] = _admin1_named(gaz, groups, g, rows)
    x[:, COL["admin1_support"]] = _admin1_support(gaz, groups, g, rows)
    x[:, COL["admin2_named"]] = _admin2_named(gaz, groups, g, rows, codes)
    order = np.argsort(-gaz.population[rows].astype(np.float64), kind="stable")
    rank = np.empty(n)
    rank[order] = np.arange(1, n + 1)
    x[:, COL["population_rank"]] = 1.0 / rank
    return x


def _capital_over_division(gaz: Gazetteer, rows: np.ndarray, codes: list[str], group: Group) -> np.ndarray:
    """1 for a national capital whose very name is also a first-level division of its country ("Washington":
    the capital is the news sense of the bare name); 0 when a container is named after a comma."""
    out = np.zeros(len(codes))
    if group.containers:
        return out
    divisions = {(int(gaz.cc[r]), fold(gaz.name(int(r)))) for r, c in zip(rows, codes, strict=True) if c == "ADM1"}
    for i, (r, code) in enumerate(zip(rows, codes, strict=True)):
        out[i] = code == "PPLC" and (int(gaz.cc[r]), _primary_key(gaz.name(int(r)))) in divisions
    return out


def _container_match(gaz: Gazetteer, groups: list[Group], group: Group) -> np.ndarray:
    """1 where the candidate lies in a place named after a comma ("Paris, Texas": Paris in Texas)."""
    out = np.zeros(len(group.rows))
    if not group.containers:
        return out
    inside = [grp for grp in groups if grp.key in group.containers]
    for i, r in enumerate(group.rows):
        for other in inside:
            if _within(gaz, int(r), other.rows):
                out[i] = 1.0
                break
    return out


def _within(gaz: Gazetteer, row: int, containers: np.ndarray) -> bool:
    """Whether ``row`` lies in one of the countries or first-level divisions among ``containers``."""
    cc = gaz.cc[row]
    a1 = gaz.admin1[row]
    for c in containers:
        code = gaz.fcode_table[gaz.fcode[c]]
        if gaz.cc[c] != cc or c == row:
            continue
        if code.startswith("PCL") or (code == "ADM1" and gaz.admin1[c] == a1):
            return True
    return False


def _contains(gaz: Gazetteer, rows: np.ndarray, codes: list[str], picks: np.ndarray, weights: np.ndarray):
    """Share of the other places that lie inside the candidate (a country or region holding the article)."""
    out = np.zeros(len(rows))
    pick_cc = gaz.cc[picks]
    pick_a1 = gaz.admin1[picks]
    for i, (r, code) in enumerate(zip(rows, codes, strict=True)):
        if code.startswith("PCL"):
            out[i] = (weights * ((pick_cc == gaz.cc[r]) & (picks != r))).sum()
        elif code == "ADM1":
            inside = (pick_cc == gaz.cc[r]) & (pick_a1 == gaz.admin1[r]) & (picks != r)
            out[i] = (weights * inside).sum()
    return out


def _nearness(gaz: Gazetteer, rows: np.ndarray, picks: np.ndarray) -> np.ndarray:
    """1 - log distance to the nearest other place, scaled to [0, 1] (0 = the far side of the Earth)."""
    d = haversine(gaz.lat[rows][:, None], gaz.lon[rows][:, None], gaz.lat[picks][None, :], gaz.lon[picks][None, :])
    d = np.where(picks[None, :] == rows[:, None], np.inf, d)
    nearest = np.min(d, axis=1)
    nearest = np.where(np.isfinite(nearest), nearest, 20000.0)
    return 1.0 - np.log1p(nearest) / math.log1p(20000.0)


def _divisions(gaz: Gazetteer, group: Group) -> frozenset[tuple[int, int]]:
    if group.divisions is None:
        group.divisions = frozenset(zip(gaz.cc[group.rows].tolist(), gaz.admin1[group.rows].tolist(), strict=True))
    return group.divisions


def _admin1_support(gaz: Gazetteer, groups: list[Group], g: int, rows: np.ndarray) -> np.ndarray:
    """Share of the article's other names that *could* lie in the candidate's first-level division (have a
    candidate there), whatever they are picked as: a local paper's small towns share a state ("Watertown",
    "Montgomery", "Plainview" and "Delano" all have a Minnesota candidate), independent of the picks."""
    others = [h for h in range(len(groups)) if h != g and len(groups[h].rows)]
    if not others:
        return np.zeros(len(rows))
    sets = [_divisions(gaz, groups[h]) for h in others]
    keys = zip(gaz.cc[rows].tolist(), gaz.admin1[rows].tolist(), strict=True)
    out = np.array([sum(k in d for d in sets) / len(sets) for k in keys], dtype=np.float64)
    if groups[g].lexicon_row >= 0:  # a country's name names the country, not a namesake town ("Egypt, Pa.")
        out[[not _is_admin_or_country(gaz, int(r)) for r in rows]] = 0.0
    return out


def _admin1_named(gaz: Gazetteer, groups: list[Group], g: int, rows: np.ndarray) -> np.ndarray:
    """1 where the candidate's first-level division is itself a candidate of another name in the article."""
    named = set()
    for h, other in enumerate(groups):
        if h != g:
            for r in other.rows:
                if gaz.fcode_table[gaz.fcode[r]] == "ADM1":
                    named.add((int(gaz.cc[r]), int(gaz.admin1[r])))
    if not named:
        return np.zeros(len(rows))
    return np.array(
        [(int(gaz.cc[r]), int(gaz.admin1[r])) in named and gaz.fcode_table[gaz.fcode[r]] != "ADM1" for r in rows],
        dtype=np.float64,
    )


def _admin2_named(gaz: Gazetteer, groups: list[Group], g: int, rows: np.ndarray, codes: list[str]) -> np.ndarray:
    """1 where the candidate lies in a second-level division that is a candidate of another name ("Paris" with
    "Edgar County" named: the Paris inside Edgar County)."""
    named = {int(r) for h, other in enumerate(groups) if h != g for r in other.rows}
    admin2 = gaz.admin2[rows]
    return np.array(
        [a >= 0 and int(a) in named and code != "ADM2" for a, code in zip(admin2, codes, strict=True)],
        dtype=np.float64,
    )


def haversine(lat1, lon1, lat2, lon2):
    """Great-circle distance in km (arrays broadcast)."""
    p = np.pi / 180.0
    a = np.sin((lat2 - lat1) * p / 2) ** 2 + np.cos(lat1 * p) * np.cos(lat2 * p) * np.sin((lon2 - lon1) * p / 2) ** 2
    return 12742.0 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
