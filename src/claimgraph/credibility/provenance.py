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

from ..article.domains import registered_domain
from ..model import Article, Attribution, Entity, LinkEvidence, Provenance, ProvenanceLink, Rating, Span
from ..vocab import ProvenanceRole
from .ratings import Ratings, normalise_host, not_configured

_DOMAIN_LIKE = re.compile(r"^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:[/:?#]\S*)?$", re.I)
_DOMAIN_IN_TEXT = re.compile(
    r"\b(?:https?://)?(?:www\d?\.)?((?:[a-z0-9-]+\.)+(?:com|org|net|info|news|ca|uk|au|de|fr))\b", re.I
)


def known_domains(article: Article) -> list[str]:
    """Domains the article itself gives: its publisher domain, its URL, domains written in the body."""
    seen: list[str] = []
    candidates = [article.publisher_domain, article.url]
    candidates += [m.group(1) for m in _DOMAIN_IN_TEXT.finditer(article.body or "")]
    for value in candidates:
        if not value:
            continue
        host = normalise_host(value)[0]
        reg = registered_domain(host) or host
        if reg and reg not in seen:
            seen.append(reg)
    return seen


def _rating(ratings: Ratings | None, name: str | None, domain: str | None, domains: Sequence[str]) -> Rating:
    """Rating of a link by its domain, else by its name; a status-only Rating when there is none."""
    if ratings is None:
        return not_configured()
    answer = None
    if domain:
        answer = ratings.rate(domain)
    if answer is None and name:
        answer = ratings.rate(name) if _DOMAIN_LIKE.match(name.strip()) else ratings.rate_name(name, domains)
    return answer if answer is not None else ratings.not_rated(domain or name)


def _link(role: ProvenanceRole, name: str | None, domain: str | None, evidence: LinkEvidence,
          rating: Rating) -> ProvenanceLink:  # fmt: skip
    rated_domain = rating.domain if rating.score is not None else None
    return ProvenanceLink(role, name, domain or rated_domain, rating, evidence)


def _domain_of(name: str) -> str | None:
    """The host a link's name spells, when the name is itself a domain or URL."""
    return normalise_host(name)[0] if _DOMAIN_LIKE.match(name.strip()) else None


def _cited_links(attributions: Sequence[Attribution], entities: Iterable[Entity], ratings: Ratings | None,
                 domains: Sequence[str]) -> list[ProvenanceLink]:  # fmt: skip
    """One link per outlet the attributions came through (``via``), in first-use order."""
    by_entity = {e.id: e for e in entities}
    cited: dict[str, ProvenanceLink] = {}
    for att in attributions:
        for via in att.via:
            ent = by_entity.get(via)
            name = ent.name if ent is not None else via
            key = name.lower()
            if key not in cited:
                evidence = LinkEvidence()
                if ent is not None:
                    evidence.entity = ent.id
                    if ent.mentions:
                        m = ent.mentions[0]
                        evidence.span = Span(m.start, m.end, m.text)
                dom = _domain_of(name)
                cited[key] = _link("cited", name, dom, evidence, _rating(ratings, name, dom, domains))
            cited[key].evidence.attributions.append(att.id)
    return list(cited.values())


def provenance_chain(
    article: Article,
    attributions: Sequence[Attribution] = (),
    ratings: Ratings | None = None,
    entities: Iterable[Entity] = (),
) -> Provenance:
    """Publisher -> original source -> cited outlets (from attributions' ``via``), each with its rating.

    ``via`` items are entity ids (resolved through ``entities`` to a name and first mention span) or
    outlet names. Cited links naming the same domain as an earlier link are merged into it.
    """
    domains = known_domains(article)
    chain: list[ProvenanceLink] = []
    pub_domain = normalise_host(article.publisher_domain)[0] if article.publisher_domain else None
    if pub_domain or article.publisher:
        field = "article.publisher_domain" if pub_domain else "article.publisher"
        rating = _rating(ratings, article.publisher, pub_domain, domains)
        chain.append(_link("publisher", article.publisher, pub_domain, LinkEvidence(field=field), rating))
    original = article.original_source
    if original:
        dom = _domain_of(original)
        evidence = LinkEvidence(field="article.original_source")
        chain.append(_link("original_source", original, dom, evidence, _rating(ratings, original, dom, domains)))
    merged: list[ProvenanceLink] = []
    for link in chain + _cited_links(attributions, entities, ratings, domains):
        twin = next((m for m in merged if link.domain and m.domain == link.domain), None)
        if twin is not None and link.role == "cited":
            twin.evidence.attributions.extend(link.evidence.attributions)
            continue
        merged.append(link)
    return Provenance(republished=bool(article.republished), chain=merged, known_domains=domains)
