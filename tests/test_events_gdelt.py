"""Events as GDELT event-table rows: column order, codes, dates, geography and claimgraph's own columns."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest

from claimgraph import analyze
from claimgraph.events.gdelt import COLUMNS, GDELT_COLUMNS, gdelt_rows, write_tsv

TEXT = (
    "Kenyan police arrested 40 protesters in Nairobi on Monday.\n\n"
    "Russia accused the United States of arming rebels in Syria, the ministry said."
)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    result = analyze(TEXT, format="text", signals=False)
    result.article.published = "2015-01-07"
    from claimgraph.events import find_events
    from claimgraph.nlp import load_nlp

    doc = load_nlp()(result.article.body)
    result.events = find_events(doc, result.entities, result.attributions, "2015-01-07", result.places)
    when = datetime(2015, 1, 7, 12, 0, tzinfo=UTC)
    return [dict(zip(COLUMNS, row, strict=True)) for row in gdelt_rows(result, added=when)]


def test_gdelt_column_order():
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:7] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code",
                                 "Actor1Name")  # fmt: skip
    assert GDELT_COLUMNS[25:31] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale")  # fmt: skip
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL") and GDELT_COLUMNS[51] == "ActionGeo_Type"


def test_an_arrest_in_nairobi(rows):
    arrest = next(r for r in rows if r["PloverType"] == "COERCE")
    assert arrest["EventRootCode"] == "17" and arrest["QuadClass"] == "4"
    assert float(arrest["GoldsteinScale"]) < 0
    assert arrest["Actor1CountryCode"] == "KEN" and arrest["Actor1Type1Code"] == "COP"
    assert arrest["Actor1Code"] == "KENCOP"
    assert arrest["SQLDATE"] == "20150105" and arrest["MonthYear"] == "201501" and arrest["Year"] == "2015"
    assert arrest["ActionGeo_CountryCode"] == "KE" and arrest["ActionGeo_Type"] == "4"  # FIPS 10-4, as GDELT
    assert abs(float(arrest["ActionGeo_Lat"]) + 1.28) < 0.1
    assert arrest["IsRootEvent"] == "1" and arrest["DATEADDED"] == "20150107120000"


def test_a_reported_accusation_keeps_its_attribution(rows):
    accuse = next(r for r in rows if r["PloverType"] == "ACCUSE")
    assert accuse["EventRootCode"] == "11" and accuse["QuadClass"] == "3"
    assert accuse["Actor1CountryCode"] == "RUS" and accuse["Actor2CountryCode"] == "USA"
    assert accuse["ReportedVia"].startswith("a") and accuse["IsRootEvent"] == "0"


def test_tsv_has_a_header_and_one_line_per_event(rows):
    result = analyze(TEXT, format="text", signals=False)
    out = io.StringIO()
    n = write_tsv(gdelt_rows(result), out)
    lines = out.getvalue().splitlines()
    assert n == len(result.events) == len(lines) - 1
    assert lines[0].split("\t") == list(COLUMNS)
    assert all(len(line.split("\t")) == len(COLUMNS) for line in lines)


def test_geography_columns_are_fips_and_actor_columns_cameo_alpha3():
    """GDELT's geo country columns are FIPS 10-4, where many codes differ from ISO alpha-2 (Germany GM, not DE),
    while the actor country columns are CAMEO's alpha-3 codes."""
    from claimgraph.events.gdelt import fips

    assert [fips(c) for c in ("DEU", "GBR", "RUS", "CHN", "JPN", "AUS", "USA")] == ["GM", "UK", "RS", "CH", "JA",
                                                                                    "AS", "US"]  # fmt: skip
    assert fips(None) == "" and fips("XXX") == ""
    result = analyze("German troops shelled positions near Berlin on Monday.", format="text", signals=False)
    row = dict(zip(COLUMNS, next(gdelt_rows(result)), strict=True))
    assert row["ActionGeo_CountryCode"] == "GM" and row["Actor1CountryCode"] == "DEU"


def _biggest(name: str) -> int:
    """GeoNames id of the most populous gazetteer place of that name."""
    from claimgraph.places.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    return int(gaz.geonameid[max(gaz.lookup(name), key=lambda i: gaz.population[i])])


def test_adm1_code_is_fips_country_plus_the_division_code():
    """GDELT writes ADM1Code as the FIPS country + the division's FIPS code (US: the postal code); where GeoNames
    does not use FIPS division codes (the United Kingdom) the column stays empty rather than wrong."""
    from claimgraph.events.gdelt import adm1_code

    assert adm1_code(_biggest("Houston")) == "USTX"
    assert adm1_code(_biggest("Texas")) == "USTX"
    assert adm1_code(_biggest("Moscow")) == "RS48"
    assert adm1_code(_biggest("Manchester")) == ""
    assert adm1_code(1) == ""  # an id no gazetteer holds


def test_event_rows_carry_the_adm1_code(rows):
    arrest = next(r for r in rows if r["PloverType"] == "COERCE")
    assert arrest["ActionGeo_ADM1Code"] == "KE05"  # Nairobi's division in GeoNames (FIPS 10-4)
    country_level = analyze("Troops shelled positions in Germany on Monday.", format="text", signals=False)
    row = dict(zip(COLUMNS, next(gdelt_rows(country_level)), strict=True))
    assert row["ActionGeo_Type"] == "1" and row["ActionGeo_ADM1Code"] == "GM"
