"""Provenance: the chain publisher -> original source -> outlets the text cites, each rated when possible.

A republished story is only as good as its weakest link, and a reader needs to see
every link: the site that shows the page, the outlet the page says it copied, and the
news services individual attributions came through ("..., reported RFE/RL"). Each link
says where it was found (an Article field, or the attributions and the entity mention
that name it) and carries its rating, or why it has none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from .ratings import NOT_CONFIGURED, Ratings, normalise_host, registered_domain

_DOMAIN_LIKE = re.compile(r"^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:[/:?#]\S*)?$", re.I)
_DOMAIN_IN_TEXT = re.compile(
    r"\b(?:https?://)?(?:www\d?\.)?((?:[a-z0-9-]+\.)+(?:com|org|net|info|news|ca|uk|au|de|fr))\b", re.I
)


def known_domains(article: Any) -> list[str]:
    """Domains the article itself gives: its publisher domain, its URL, domains written in the body."""
    seen: list[str] = []
    candidates = [getattr(article, "publisher_domain", None), getattr(article, "url", None)]
    candidates += [m.group(1) for m in _DOMAIN_IN_TEXT.finditer(getattr(article, "body", "") or "")]
    for value in candidates:
        if not value:
            continue
        host = normalise_host(value)[0]
        reg = registered_domain(host) or host
        if reg and reg not in seen:
            seen.append(reg)
    return seen


def _rating(ratings: Ratings | None, name: str | None, domain: str | None, domains: Sequence[str]) -> dict[str, Any]:
    """Rating of a link by its domain, else by its name; a status dict when there is none."""
    if ratings is None:
        return dict(NOT_CONFIGURED)
    answer = None
    if domain:
        answer = ratings.rate(domain)
    if answer is None and name:
        answer = ratings.rate(name) if _DOMAIN_LIKE.match(name.strip()) else ratings.rate_name(name, domains)
    if answer is None:
        return {"status": "not rated", "query": domain or name, "source": ratings.source}
    return answer


def _link(role: str, name: str | None, domain: str | None, evidence: dict[str, Any], rating: dict[str, Any]) -> dict:
    rated_domain = rating.get("domain") if "score" in rating else None
    return {"role": role, "name": name, "domain": domain or rated_domain, "rating": rating, "evidence": evidence}


def _entity_lookup(entities: Iterable[Any] | None) -> dict[str, Any]:
    return {e.id: e for e in entities or []}


def _vias(att: Any) -> list[str]:
    """Channels of one attribution (object or dict), or the item itself when given a bare channel string."""
    if isinstance(att, str):
        return [att]
    if isinstance(att, dict):
        return list(att.get("via") or [])
    return list(getattr(att, "via", None) or [])


def _att_id(att: Any) -> str | None:
    if isinstance(att, str):
        return None
    return att.get("id") if isinstance(att, dict) else getattr(att, "id", None)


def provenance_chain(
    article: Any,
    attributions: Sequence[Any] = (),
    ratings: Ratings | None = None,
    entities: Iterable[Any] | None = None,
) -> dict[str, Any]:
    """Publisher -> original source -> cited outlets (from attributions' ``via``), each with its rating.

    ``attributions`` are ``model.Attribution`` objects, their dicts, or bare channel strings.
    ``via`` items may be entity ids (resolved through ``entities`` to a name and first
    mention span), outlet names or domains. Links naming the same rated domain as an
    earlier link are merged into it (their attribution ids are added).
    """
    domains = known_domains(article)
    chain: list[dict[str, Any]] = []
    pub_domain = normalise_host(article.publisher_domain)[0] if getattr(article, "publisher_domain", None) else None
    pub_name = getattr(article, "publisher", None)
    if pub_domain or pub_name:
        field = "article.publisher_domain" if pub_domain else "article.publisher"
        chain.append(
            _link("publisher", pub_name, pub_domain, {"field": field}, _rating(ratings, pub_name, pub_domain, domains))
        )
    original = getattr(article, "original_source", None)
    if original:
        dom = normalise_host(original)[0] if _DOMAIN_LIKE.match(original.strip()) else None
        chain.append(
            _link(
                "original_source",
                original,
                dom,
                {"field": "article.original_source"},
                _rating(ratings, original, dom, domains),
            )
        )
    by_entity = _entity_lookup(entities)
    cited: dict[str, dict[str, Any]] = {}
    for att in attributions:
        for via in _vias(att):
            ent = by_entity.get(via)
            name = ent.name if ent is not None else str(via)
            key = name.lower()
            if key not in cited:
                evidence: dict[str, Any] = {"attributions": []}
                if ent is not None:
                    evidence["entity"] = ent.id
                    if ent.mentions:
                        m = ent.mentions[0]
                        evidence["span"] = {"start": m.start, "end": m.end, "text": m.text}
                dom = normalise_host(name)[0] if _DOMAIN_LIKE.match(name.strip()) else None
                cited[key] = _link("cited", name, dom, evidence, _rating(ratings, name, dom, domains))
            att_id = _att_id(att)
            if att_id:
                cited[key]["evidence"]["attributions"].append(att_id)
    chain.extend(cited.values())
    merged: list[dict[str, Any]] = []
    for link in chain:
        twin = next((m for m in merged if link["domain"] and m["domain"] == link["domain"]), None)
        if twin is not None and link["role"] == "cited":
            twin["evidence"].setdefault("attributions", []).extend(link["evidence"].get("attributions", []))
            continue
        merged.append(link)
    return {"republished": bool(getattr(article, "republished", False)), "chain": merged, "known_domains": domains}
