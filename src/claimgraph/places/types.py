"""The record the places stage returns, one per place mention (to move into claimgraph.model later)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(slots=True)
class Place:
    """A place mention of the body and the GeoNames place it names (all None when unresolved)."""

    id: str
    start: int
    end: int
    text: str
    geonameid: int | None = None
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    feature: str | None = None  # GeoNames feature code: PPL, PPLC, ADM1, ADM2, PCLI, CONT, ...
    admin1: str | None = None  # name of the first-level division the place lies in
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
