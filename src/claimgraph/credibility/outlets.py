"""News outlets named in the body ("..., reported Reuters", "according to the International Business Times").

A name only counts as an outlet when the text treats it as one - its name has a media
word ("Times", "News", "Post", "Radio" ...) or it is the one reporting ("X reported",
"according to X", "X told", "X quoted") - and the ratings index can map it to a domain
without doubt. Otherwise "the White House said" would be rated as the website
whitehouse.gov, which says nothing about the claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import OutletMention
from ..vocab import OutletEvidence
from .ratings import Ratings

MEDIA_WORDS = {
    "news", "times", "post", "journal", "press", "radio", "tv", "television", "daily", "herald", "tribune", "gazette",
    "magazine", "network", "broadcasting", "media", "wire", "agency", "channel", "review", "observer", "guardian",
    "telegraph", "mail", "express", "standard", "insider", "today", "weekly", "monitor", "chronicle", "globe",
    "bulletin", "dispatch", "newsweek", "reporter", "blog", "online", "digest", "courier", "independent",
}  # fmt: skip
OUTLET_VERBS = {"report", "publish", "broadcast", "air", "quote", "tell", "reveal", "write", "cite", "obtain", "say"}
ENT_LABELS = {"ORG", "WORK_OF_ART", "PERSON", "NORP", "GPE", "FAC", "PRODUCT"}


def _reporting_context(ent: Any) -> bool:
    """True when the entity is who reports: subject of a reporting verb, after "according to", or "told X"."""
    root = ent.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in OUTLET_VERBS - {"tell", "say"}:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.i > 0:
        if root.doc[root.head.i - 1].lower_ == "according":
            return True
        if root.head.head.lemma_.lower() in ("tell", "speak", "say"):
            return True  # "said to Reuters", "spoke to the BBC"
    return bool(root.dep_ in ("dobj", "dative") and root.head.lemma_.lower() == "tell")


def outlets_in_doc(doc: Any, ratings: Ratings | None, known_domains: Sequence[str] = ()) -> list[OutletMention]:
    """Outlet names in the body with their rated domain; without ratings there is no index, so none."""
    if ratings is None:
        return []
    out: list[OutletMention] = []
    for ent in doc.ents:
        if ent.label_ not in ENT_LABELS:
            continue
        words = {t.lower_ for t in ent}
        why: OutletEvidence | None = (
            "media_word" if words & MEDIA_WORDS else ("reporting_context" if _reporting_context(ent) else None)
        )
        if why is None:
            continue
        name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        rating = ratings.rate_name(name, tuple(known_domains))
        if rating is None:
            continue
        out.append(OutletMention(name, ent.start_char, ent.end_char, ent.text, why, rating.domain or "", rating))
    return out
