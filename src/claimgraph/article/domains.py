"""Registrable domains (``news.example.co.uk`` -> ``example.co.uk``) without any network access.

tldextract normally downloads the Public Suffix List on first use; claimgraph must run
offline, so the extractor is built with no suffix-list URLs and no cache directory and
relies only on the snapshot bundled with the package.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import tldextract

# Sites that appear on almost every page as share/follow targets; they never name the publisher.
SOCIAL_DOMAINS = frozenset(
    {
        "facebook.com", "twitter.com", "x.com", "t.co", "linkedin.com", "whatsapp.com", "reddit.com",
        "pinterest.com", "instagram.com", "youtube.com", "youtu.be", "tiktok.com", "t.me", "telegram.org",
        "telegram.me", "google.com", "gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "tumblr.com",
        "vk.com", "addtoany.com", "sharethis.com", "disqus.com", "flipboard.com", "patreon.com", "paypal.com",
        "substack.com", "medium.com", "apple.com", "gab.com", "truthsocial.com", "mastodon.social", "threads.net",
        "bsky.app", "wordpress.com", "gravatar.com", "feedburner.com", "wp.me", "bit.ly",
    }
)  # fmt: skip

_URL = re.compile(r"\bhttps?://([^/\s)\]>\"']+)", re.I)
_WWW = re.compile(r"(?<![\w@./-])(www\d?\.[a-z0-9-]+(?:\.[a-z0-9-]+)+)", re.I)
_EMAIL = re.compile(r"\b[\w.+-]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)", re.I)
_BARE = re.compile(r"(?<![\w@./-])([a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|info|news|ca|co\.uk|org\.uk))\b", re.I)


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)


def domain_parts(host_or_url: str) -> tldextract.tldextract.ExtractResult:
    """Subdomain, label and public suffix of a host (``news.bbc.co.uk`` -> news / bbc / co.uk), offline."""
    return _extractor()(host_or_url.strip().lower())


def registered_domain(host_or_url: str | None) -> str | None:
    """``https://www.bbc.co.uk/news`` -> ``bbc.co.uk``; ``None`` for hosts with no public suffix.

    The one home for registered domains: article metadata and source ratings both use it.
    """
    if not host_or_url:
        return None
    parts = domain_parts(host_or_url)
    domain = parts.top_domain_under_public_suffix
    return domain or None


def domain_from_url(url: str | None) -> str | None:
    """The registrable domain of an absolute URL, or None for relative/empty ones."""
    if not url or not re.match(r"^(?:https?:)?//", url.strip(), re.I):
        return None
    return registered_domain(url)


def domains_in_text(text: str) -> Counter[str]:
    """Score the domains a page names: ``www.`` mentions and bare domains count most, then
    e-mail domains, then link targets. Share/follow targets are left out."""
    scores: Counter[str] = Counter()
    for pattern, weight in ((_WWW, 3), (_BARE, 3), (_EMAIL, 2), (_URL, 1)):
        for match in pattern.finditer(text):
            domain = registered_domain(match.group(1))
            if domain and domain not in SOCIAL_DOMAINS:
                scores[domain] += weight
    return scores


def best_domain(text: str) -> str | None:
    """The domain most strongly named in ``text``, if any."""
    scores = domains_in_text(text)
    if not scores:
        return None
    return scores.most_common(1)[0][0]
