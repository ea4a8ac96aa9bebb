"""One normal form for place names, shared by the gazetteer build script and the run-time lookups.

Case, accents, full stops, apostrophes, hyphens and the English abbreviations "St.", "Ft.", "Mt." are
folded, so "St. Louis", "Saint-Louis" and "saint louis" meet in one key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "mtn": "mountain"}
_SEPARATORS = re.compile(r"[\s\-‐‑–—_/]+")
_DROPPED = re.compile(r"[.'’`ʻʼ\"“”()\[\]]")
_LATIN = re.compile(r"[a-z0-9 ,&]*")


def fold(text: str) -> str:
    """The lookup key of a name: ASCII-folded, lower case, single spaces, abbreviations spelt out."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    folded = folded.replace("ß", "ss").replace("ø", "o").replace("ł", "l").replace("đ", "d").replace("ı", "i")
    folded = _DROPPED.sub("", folded)
    words = _SEPARATORS.sub(" ", folded).strip().split(" ")
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words if w)


@lru_cache(maxsize=16384)
def norm(text: str) -> str:
    """``fold`` with a cache, for the run-time lookups (mentions repeat within and across articles)."""
    return fold(text)


def is_latin(key: str) -> bool:
    """True when a normalised key is plain ASCII letters: the alternate names an English text can use."""
    return bool(key) and _LATIN.fullmatch(key) is not None
