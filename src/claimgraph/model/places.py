"""Place mentions of the body resolved to GeoNames (the places stage's output)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class Place:
    """A place mention and the GeoNames place it names; every GeoNames field is None when unresolved.

    ``country`` is ISO 3166-1 alpha-3, ``feature`` the GeoNames feature code (PPL, PPLC, ADM1, ADM2, PCLI,
    CONT, ...), ``admin1`` the name of the first-level division the place lies in, ``confidence`` the
    resolver's share of its candidates (0 when unresolved).
    """

    id: str  # "p1"
    start: int
    end: int
    text: str
    geonameid: int | None = None
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    feature: str | None = None
    admin1: str | None = None
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        from .serialize import to_data

        return to_data(self)
