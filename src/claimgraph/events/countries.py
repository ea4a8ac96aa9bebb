"""Country codes for nationality words the entity layer's tables lack ("Zambian", "Kyrgyz", "Togolese").

A nationality adjective is usually the country name with an ending changed; we try the common English
endings in turn and accept a candidate only when it names a country (pycountry names plus the entity
layer's aliases), so "Zambian" -> Zambia -> ZMB, "Sudanese" -> Sudan, "Haitian" -> Haiti.
"""

from __future__ import annotations

from functools import lru_cache

from ..entities.countries import country_code, demonym_country

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
