"""Build src/claimgraph/data/world_outline.json, the offline world outline the /map page draws.

    pip download --no-deps geopandas==0.14.4 -d /tmp/wheels      # the wheel is read as a zip, not installed
    pip install -e '.[map-build]'                                 # pyshp, to read the shapefile
    python scripts/build_world_outline.py /tmp/wheels/geopandas-0.14.4-py3-none-any.whl

Source: Natural Earth 1:110m admin-0 countries (public domain, naturalearthdata.com), as shipped inside the
geopandas 0.14.4 wheel (``geopandas/datasets/naturalearth_lowres``). Each ring is simplified (Douglas-Peucker,
0.25 degrees) and rounded to 0.1 degree, rings of fewer than 4 points dropped: ~60 KB, enough for a world map
a few hundred pixels wide. Output: ``{"source", "countries": [{"iso_a3", "name", "rings": [[[lon, lat], ...]]}]}``.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "claimgraph" / "data" / "world_outline.json"
PREFIX = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
TOLERANCE = 0.25


def _read(wheel: Path):
    """The shapefile reader over the wheel's member files."""
    import shapefile

    with zipfile.ZipFile(wheel) as z:
        parts = {ext: io.BytesIO(z.read(f"{PREFIX}.{ext}")) for ext in ("shp", "shx", "dbf")}
    return shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"], encoding="latin-1")


def _distance(p, a, b) -> float:
    """Distance of point p from segment a-b (degrees, flat)."""
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def simplify(points: list, tolerance: float = TOLERANCE) -> list:
    """Douglas-Peucker, iterative (rings can have thousands of points)."""
    if len(points) < 3:
        return points
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        lo, hi = stack.pop()
        best, best_d = None, tolerance
        for i in range(lo + 1, hi):
            d = _distance(points[i], points[lo], points[hi])
            if d > best_d:
                best, best_d = i, d
        if best is not None:
            keep.add(best)
            stack += [(lo, best), (best, hi)]
    return [points[i] for i in sorted(keep)]


def rings(shape) -> list[list[list[float]]]:
    """The shape's rings, simplified and rounded; slivers dropped."""
    bounds = list(shape.parts) + [len(shape.points)]
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        ring = [[round(x, 1), round(y, 1)] for x, y in simplify(shape.points[a:b])]
        deduped = [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]
        if len(deduped) >= 4:
            out.append(deduped)
    return out


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    reader = _read(Path(sys.argv[1]))
    fields = [f[0] for f in reader.fields[1:]]
    countries = []
    for record, shape in zip(reader.records(), reader.shapes(), strict=True):
        row = dict(zip(fields, record, strict=True))
        found = rings(shape)
        if found:
            countries.append({"iso_a3": row.get("iso_a3"), "name": row.get("name"), "rings": found})
    data = {"source": "Natural Earth 1:110m admin-0 countries (public domain), simplified", "countries": countries}
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(countries)} countries -> {OUT.relative_to(ROOT)} ({OUT.stat().st_size / 1000:.0f} KB)")


if __name__ == "__main__":
    main()
