"""Events as rows in GDELT's event table column order (GDELT 2.0 Event Codebook), for GDELT users' tools.

The first 61 columns are GDELT's, in GDELT's order, filled where claimgraph has the field and left empty
where it has not (docs/events.md, "GDELT export", says which is which). Seven claimgraph columns follow,
because what GDELT cannot say is the point of claimgraph: the PLOVER type and mode, negation, hypotheticals,
the attribution an event is only reported through, the confidence and the trigger words.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from functools import lru_cache

from ..datafiles import read_data_text
from ..model import AnalysisResult, Event, Place
from ..model.events import Actor
from ..places import alpha3
from ..places.gazetteer import load_gazetteer

ACTOR_FIELDS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
    "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{f}" for f in ACTOR_FIELDS)
    + tuple(f"Actor2{f}" for f in ACTOR_FIELDS)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale")
    + ("NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{f}" for f in GEO_FIELDS)
    + tuple(f"Actor2Geo_{f}" for f in GEO_FIELDS)
    + tuple(f"ActionGeo_{f}" for f in GEO_FIELDS)
    + ("DATEADDED", "SOURCEURL")
)
EXTRA_COLUMNS = ("PloverType", "PloverMode", "Negated", "Hypothetical", "ReportedVia", "Confidence", "Trigger")
COLUMNS = GDELT_COLUMNS + EXTRA_COLUMNS

# CAMEO root -> GDELT QuadClass (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict)
QUAD_CLASS = {f"{r:02d}": 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4 for r in range(1, 21)}
# Goldstein scale at the CAMEO root level (the value of each root's base code in the CAMEO Goldstein table).
GOLDSTEIN = {
    "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0, "08": 5.0, "09": -2.0,
    "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5, "15": -7.2, "16": -4.0, "17": -7.0,
    "18": -9.0, "19": -10.0, "20": -10.0,
}  # fmt: skip
FIPS_TABLE = "country_fips.tsv"
US_STATE_FEATURE, COUNTRY_FEATURES = "ADM1", ("PCLI", "PCLD", "PCLF", "PCLS", "PCL", "TERR")
# GeoNames writes most first-level division codes as FIPS 10-4, the codes GDELT's ADM1Code appends to the FIPS
# country ("RS48"; for the US both use the state's postal code, "USTX"). For these countries (ISO alpha-2) GeoNames
# uses ISO 3166-2 or codes of its own, so no GDELT code can be made from it and the column stays empty.
NON_FIPS_ADMIN1 = frozenset({"GB", "CH", "BE", "ME"})


def gdelt_rows(result: AnalysisResult, added: datetime | None = None) -> Iterator[list[str]]:
    """One row per event of the record, every value a string (empty where claimgraph has nothing)."""
    stamp = (added or datetime.now(UTC)).strftime("%Y%m%d%H%M%S")
    places = {p.id: p for p in result.places}
    lead_end = result.article.paragraphs[0][1] if result.article.paragraphs else None
    source_url = result.document.url or result.article.url or result.document.source
    for event in result.events:
        row: list[str] = [f"{result.document.id}#{event.id}", *_dates(event.date)]
        row += _actor(event.source) + _actor(event.target)
        root = event.cameo
        lead = lead_end is not None and event.trigger.start < lead_end
        row += ["1" if lead else "0", root, root, root, str(QUAD_CLASS.get(root, "")), _num(GOLDSTEIN.get(root))]
        row += ["1", "1", "1", ""]
        row += [""] * len(GEO_FIELDS) * 2 + _geo(places.get(event.place) if event.place else None)
        row += [stamp, source_url]
        row += _extra(event)
        yield row


def _dates(value: str | None) -> list[str]:
    """SQLDATE, MonthYear, Year, FractionDate from an ISO date that may stop at the month or the year."""
    if not value:
        return ["", "", "", ""]
    parts = value.split("-")
    year = parts[0]
    month = parts[1] if len(parts) > 1 else ""
    if len(parts) < 3:
        return ["", f"{year}{month}" if month else "", year, year]
    day = date.fromisoformat(value[:10])
    fraction = day.year + (day.timetuple().tm_yday - 1) / 365
    return [day.strftime("%Y%m%d"), day.strftime("%Y%m"), year, f"{fraction:.4f}"]


def _actor(actor: Actor | None) -> list[str]:
    """Code (country + sector, CAMEO style: RUSGOV), name upper-cased as GDELT writes it, country, type."""
    if actor is None:
        return [""] * len(ACTOR_FIELDS)
    code = (actor.country or "") + (actor.sector or "")
    return [code, actor.text.upper(), actor.country or "", "", "", "", "", actor.sector or "", "", ""]


@lru_cache(maxsize=1)
def _fips_table() -> dict[str, str]:
    """ISO alpha-3 -> FIPS 10-4 (``data/country_fips.tsv``, from GeoNames' countryInfo)."""
    rows = (line.split("\t") for line in read_data_text(FIPS_TABLE).splitlines() if line and line[0] != "#")
    return {iso3: fips for iso3, fips in rows}


def fips(alpha3: str | None) -> str:
    """The FIPS 10-4 country code GDELT's geography columns use ("DEU" -> "GM"); empty when unknown."""
    return _fips_table().get(alpha3 or "", "")


def _geo(place: Place | None) -> list[str]:
    """GDELT's geo columns for the event's place: type 1 country, 2 US state, 3 US city, 4 world city, 5 world
    state; the country as FIPS 10-4 as GDELT writes it (the actor columns keep CAMEO's alpha-3); the GeoNames
    id as the feature id."""
    if place is None or place.geonameid is None:
        return [""] * len(GEO_FIELDS)
    us = place.country == "USA"
    if place.feature in COUNTRY_FEATURES:
        kind = 1
    elif place.feature == US_STATE_FEATURE or (place.feature or "").startswith("ADM"):
        kind = 2 if us else 5
    else:
        kind = 3 if us else 4
    names = [place.name or place.text]
    if place.admin1 and place.admin1 != place.name:
        names.append(place.admin1)
    if kind != 1 and place.country:
        names.append(place.country)
    adm1 = fips(place.country) if kind == 1 else adm1_code(place.geonameid)
    return [str(kind), ", ".join(names), fips(place.country), adm1, "", _num(place.lat), _num(place.lon),
            str(place.geonameid)]  # fmt: skip


def adm1_code(geonameid: int) -> str:
    """GDELT's ADM1Code of a place below country level: FIPS country + GeoNames' admin1 code ("USTX", "RS48");
    empty when the gazetteer does not hold the id, the place has no division or GeoNames' code is not FIPS."""
    gaz = load_gazetteer()
    index = gaz.index_of(geonameid)
    if index is None:
        return ""
    row = gaz.row(index)
    country = fips(alpha3(row.cc))
    if not country or row.cc in NON_FIPS_ADMIN1 or row.admin1 in ("", "00"):
        return ""
    return country + row.admin1


def _extra(event: Event) -> list[str]:
    return [
        event.type, event.mode or "", _flag(event.negated), _flag(event.hypothetical), event.attribution or "",
        f"{event.confidence:.3f}", event.trigger.text,
    ]  # fmt: skip


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _flag(value: bool) -> str:
    return "1" if value else "0"


def write_tsv(rows: Iterator[list[str]], fh, header: bool = True) -> int:
    """Tab-separated rows (tabs and newlines inside values become spaces); returns how many were written."""
    if header:
        fh.write("\t".join(COLUMNS) + "\n")
    n = 0
    for n, row in enumerate(rows, 1):  # noqa: B007  (n is the count written)
        fh.write("\t".join(v.replace("\t", " ").replace("\n", " ") for v in row) + "\n")
    return n
