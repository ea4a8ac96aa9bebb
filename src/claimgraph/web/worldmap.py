"""The /map page's drawing: the vendored world outline and the places as inline SVG, no tiles, no CDN.

The outline (``data/world_outline.json``, Natural Earth 1:110m, built by ``scripts/build_world_outline.py``)
becomes one SVG path per country in an equirectangular projection, computed once per process.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any

WIDTH, HEIGHT = 960, 480  # 2.67 px per degree


def xy(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular projection onto the WIDTH x HEIGHT canvas."""
    return round((lon + 180.0) * WIDTH / 360.0, 1), round((90.0 - lat) * HEIGHT / 180.0, 1)


@lru_cache(maxsize=1)
def country_paths() -> tuple[tuple[str, str, str], ...]:
    """(ISO alpha-3, name, SVG path data) per country of the outline."""
    text = resources.files("claimgraph").joinpath("data", "world_outline.json").read_text(encoding="utf-8")
    out = []
    for c in json.loads(text)["countries"]:
        d = " ".join("M" + " L".join(f"{x},{y}" for x, y in (xy(lon, lat) for lon, lat in ring)) + " Z"
                     for ring in c["rings"])  # fmt: skip
        out.append((c["iso_a3"] or "", c["name"] or "", d))
    return tuple(out)


def place_marks(places: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Circle position and radius per place: area grows with mentions, the ring's colour with events."""
    top = max((p["mentions"] for p in places), default=1)
    marks = []
    for p in places:
        if p["lat"] is None or p["lon"] is None:
            continue
        x, y = xy(p["lon"], p["lat"])
        r = round(2.0 + 10.0 * math.sqrt(p["mentions"] / top), 1)
        marks.append({**p, "x": x, "y": y, "r": r})
    return marks
