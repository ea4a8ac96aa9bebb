"""Country codes for nationality words the entity layer's tables lack ("Zambian", "Kyrgyz", "Togolese"), and
for capitals named as their governments ("Algiers", from the gazetteer's national capitals).

A nationality adjective is usually the country name with an ending changed; we try the common English
endings in turn and accept a candidate only when it names a country (pycountry names plus the entity
layer's aliases), so "Zambian" -> Zambia -> ZMB, "Sudanese" -> Sudan, "Haitian" -> Haiti.
"""

from __future__ import annotations

from functools import lru_cache

from ..entities.countries import capital_country, country_code, demonym_country

CAPITAL_MIN_POPULATION = 100_000  # a gazetteer capital names its government only when it is this notable

# (ending to drop, what to put back), tried in order.
_ENDINGS = (
    ("n", ""),
    ("an", ""),
    ("ian", ""),
    ("ian", "ia"),
    ("ian", "i"),
    ("ian", "y"),
    ("an", "a"),
    ("ean", "e"),
    ("ese", ""),
    ("ese", "o"),
    ("ese", "a"),
    ("i", ""),
    ("ish", ""),
    ("ic", ""),
    ("", "stan"),
    ("s", ""),
    ("ite", ""),
    ("ani", "an"),
    ("ine", "a"),
    ("lese", ""),
)


@lru_cache(maxsize=4096)
def nationality_country(word: str, demonym_only: bool = False) -> str | None:
    """ISO alpha-3 of a nationality word or country name ("Zambian", "Kyrgyz", "Sri Lanka"), else None.

    ``demonym_only`` refuses bare country names, for words tagged as person names ("Jordan", "Georgia").
    """
    if not word or not word[:1].isupper():
        return None
    code = demonym_country(word) or (None if demonym_only else country_code(word))
    if code:
        return code
    low = word.lower()
    if len(low) < 4:
        return None
    for drop, add in _ENDINGS:
        if (drop and not low.endswith(drop)) or (demonym_only and not drop):
            continue
        stem = low[: len(low) - len(drop)] if drop else low
        if len(stem) < 3:
            continue
        code = country_code((stem + add).title())
        if code:
            return code
    return None


@lru_cache(maxsize=4096)
def capital_of(name: str) -> str | None:
    """ISO alpha-3 of the country whose capital ``name`` is ("Moscow", "Algiers", "Jakarta"), for capitals
    standing for their governments ("Jakarta forced the agency out").

    The entity layer's short list first, then the gazetteer's national capitals (GeoNames PPLC): taken when the
    capital is the most populous town of that exact name and has >= CAPITAL_MIN_POPULATION people, so "Victoria"
    or "Kingston" in Ontario do not become governments."""
    code = capital_country(name)
    if code or not name[:1].isupper() or len(name) < 3:
        return code
    from ..places import alpha3, load_gazetteer

    gaz = load_gazetteer()
    folded = name.casefold()
    towns = [
        r
        for r in gaz.lookup(name)
        if gaz.fcode_table[gaz.fcode[r]].startswith("PPL") and gaz.name(r).casefold() == folded
    ]
    if not towns:
        return None
    top = max(towns, key=lambda r: int(gaz.population[r]))
    if gaz.fcode_table[gaz.fcode[top]] != "PPLC" or gaz.population[top] < CAPITAL_MIN_POPULATION:
        return None
    return alpha3(gaz.cc_table[gaz.cc[top]])
