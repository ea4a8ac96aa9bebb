"""Source ratings: a user-supplied CSV of domain quality scores, looked up by domain, URL or outlet name.

claimgraph ships no ratings (they are third-party data with their own terms); the user
points to a file with ``--ratings FILE`` or ``CLAIMGRAPH_RATINGS``. The file needs a
``domain`` column and one or more numeric 0..1 score columns (higher = better); ``pc1``
is the main score when present (Lin et al. 2023), else the first score column.

Every answer names its evidence: the matched domain, the file, the column and how the
match was made (exact, parent domain of a subdomain, outlet name), so a score is never
shown without where it came from.
"""

from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product
from pathlib import Path

from ..article.domains import domain_parts, registered_domain
from ..config import ENV_RATINGS
from ..errors import ClaimgraphError
from ..model import Rating, RatingsInfo
from ..vocab import RatingMatch

ENV = ENV_RATINGS  # kept for callers of ratings.ENV
PREFERRED = ("pc1",)
# When one outlet name fits several rated domains (bbc.com / bbc.co.uk) the generic
# top-level domain is the outlet's main site far more often than a country one.
GENERIC_SUFFIXES = ("com", "org", "net", "gov", "edu", "int")
_STOP = {"the", "a", "an", "of", "and", "&"}
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
_WORD = re.compile(r"[A-Za-z0-9]+")


def normalise_host(domain_or_url: str) -> tuple[str, str]:
    """``HTTPS://www.News.BBC.co.uk:443/a/b`` -> (``news.bbc.co.uk``, ``a``): host without ``www.``, first path part."""
    text = domain_or_url.strip().lower()
    text = _SCHEME.sub("", text)
    if text.startswith("//"):
        text = text[2:]
    host, _, path = text.partition("/")
    host = host.rsplit("@", 1)[-1].split(":", 1)[0].strip(".")
    host = re.sub(r"^www\d?\.", "", host)
    first = path.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return host, first


def name_variants(name: str) -> set[str]:
    """Strings a domain label could spell for an outlet name.

    Each word contributes either itself or its initial ("International Business Times"
    -> ``ibtimes``, ``internationalbusinesstimes``; "New York Times" -> ``nytimes``),
    a leading "The" may be kept or dropped. To stay conservative at least one word
    must be spelt out (no bare initials) unless the name is itself one word.
    """
    words = _WORD.findall(name)
    if not words:
        return set()
    out: set[str] = set()
    leading_the = words[0].lower() == "the" and len(words) > 1
    cores = [words[1:], words] if leading_the else [words]
    for core in cores:
        lowered = [w.lower() for w in core]
        if len(lowered) == 1:
            out.add(lowered[0])
            continue
        if len(lowered) > 6:  # long names are sentences, not outlets
            continue
        options = [(w,) if w in _STOP else (w, w[0]) for w in lowered]
        for choice in product(*options):
            spelt = sum(1 for c, w in zip(choice, lowered, strict=True) if c == w and w not in _STOP)
            if spelt:
                out.add("".join(choice))
    return {v for v in out if len(v) >= 3}


def _label(domain: str) -> str:
    return domain_parts(domain).domain.replace("-", "").lower()


@dataclass
class Ratings:
    """A loaded ratings table with exact, parent-domain and outlet-name lookups."""

    path: str
    columns: list[str]
    main: str
    scores: dict[str, dict[str, float]]
    _sorted_main: list[float] = field(default_factory=list, repr=False)
    _labels: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._sorted_main = sorted(row[self.main] for row in self.scores.values())
        labels: dict[str, list[str]] = {}
        for domain in self.scores:
            if "/" in domain:
                continue
            reg = registered_domain(domain)
            if reg and reg == domain:  # index main sites only, not subdomains
                labels.setdefault(_label(domain), []).append(domain)
        self._labels = labels

    @property
    def source(self) -> str:
        return Path(self.path).name

    def percentile(self, value: float) -> float:
        """Share (0..100) of rated domains whose main score is at or below ``value``."""
        return 100.0 * bisect.bisect_right(self._sorted_main, value) / max(len(self._sorted_main), 1)

    def _answer(self, domain: str, query: str, match: RatingMatch) -> Rating:
        row = self.scores[domain]
        return Rating(
            status="rated", domain=domain, query=query, match=match, score=round(row[self.main], 4),
            column=self.main, percentile=round(self.percentile(row[self.main]), 1),
            scores={k: round(v, 4) for k, v in row.items()}, source=self.source,
        )  # fmt: skip

    def not_rated(self, query: str | None) -> Rating:
        """The answer for a source this file has no row for."""
        return Rating(status="not rated", query=query, source=self.source)

    def info(self) -> RatingsInfo:
        return RatingsInfo(status="configured", source=self.source, column=self.main, domains=len(self.scores))

    def rate(self, domain_or_url: str | None) -> Rating | None:
        """Rating of a domain or URL: exact host, then host + first path part, then parent domains.

        ``news.bbc.co.uk`` -> ``bbc.co.uk`` (``match: "parent"``); never walks up to a bare
        public suffix such as ``co.uk``. None when nothing in the file applies.
        """
        if not domain_or_url or not domain_or_url.strip():
            return None
        host, first = normalise_host(domain_or_url)
        if not host:
            return None
        if first and f"{host}/{first}" in self.scores:
            return self._answer(f"{host}/{first}", domain_or_url, "path")
        if host in self.scores:
            return self._answer(host, domain_or_url, "exact")
        reg = registered_domain(host)
        labels = host.split(".")
        for i in range(1, len(labels) - 1):
            parent = ".".join(labels[i:])
            if reg and len(parent) < len(reg):
                break
            if parent in self.scores:
                return self._answer(parent, domain_or_url, "parent")
        return None

    def domain_for_name(self, name: str, known_domains: list[str] | tuple[str, ...] = ()) -> str | None:
        """The rated domain an outlet name refers to, or None when unsure.

        Domains the article itself gives (``known_domains``) win over the index; among
        several rated domains with the same label a single generic-TLD one is taken,
        otherwise the answer is None.
        """
        if not name or not name.strip():
            return None
        stripped = name.strip()
        if re.fullmatch(r"(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?", stripped):
            answer = self.rate(stripped)
            return answer.domain if answer else None
        variants = name_variants(stripped)
        if not variants:
            return None
        for domain in known_domains:
            if domain and _label(normalise_host(domain)[0]) in variants:
                host = normalise_host(domain)[0]
                answer = self.rate(host)
                return answer.domain if answer else host
        candidates = sorted({d for v in variants for d in self._labels.get(v, [])})
        if len(candidates) == 1:
            return candidates[0]
        generic = [d for d in candidates if domain_parts(d).suffix in GENERIC_SUFFIXES]
        return generic[0] if len(generic) == 1 else None

    def rate_name(self, name: str, known_domains: list[str] | tuple[str, ...] = ()) -> Rating | None:
        """Rating of an outlet name ("International Business Times"), ``match: "name"``; None when unsure."""
        domain = self.domain_for_name(name, known_domains)
        if not domain:
            return None
        answer = self.rate(domain)
        if answer is None:
            return None
        if answer.match == "exact":
            answer.match = "name"
        answer.query = name
        return answer


def _float(value: str | None) -> float | None:
    try:
        x = float((value or "").strip())
    except ValueError:
        return None
    return x if x == x else None  # NaN counts as missing


def _score_columns(header: list[str], rows: list[dict[str, str]]) -> list[str]:
    """Columns whose values are mostly numbers, all in 0..1 (blank, NA or NaN cells count as missing)."""
    cols = []
    for col in header:
        if col == "domain":
            continue
        cells = [r.get(col, "") for r in rows[:500] if (r.get(col) or "").strip()]
        values = [_float(v) for v in cells]
        numeric = [v for v in values if v is not None]
        if numeric and len(numeric) >= 0.5 * len(cells) and all(0.0 <= v <= 1.0 for v in numeric):
            cols.append(col)
    return cols


def read_ratings(path: str | Path) -> Ratings:
    """Parse a ratings CSV; raise ClaimgraphError when it lacks ``domain`` or any 0..1 score column."""
    p = Path(path)
    if not p.is_file():
        raise ClaimgraphError(f"ratings file {str(p)!r} does not exist")
    with open(p, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
        rows = [{(k or "").strip().lower(): (v or "") for k, v in r.items()} for r in reader]
    if "domain" not in header:
        raise ClaimgraphError(f"ratings file {str(p)!r} has no 'domain' column (columns: {header})")
    columns = _score_columns(header, rows)
    if not columns:
        raise ClaimgraphError(f"ratings file {str(p)!r} has no numeric 0..1 score column")
    main = next((c for c in PREFERRED if c in columns), columns[0])
    scores: dict[str, dict[str, float]] = {}
    for r in rows:
        domain = r.get("domain", "").strip().lower()
        domain = re.sub(r"^www\d?\.", "", _SCHEME.sub("", domain)).rstrip("/")
        if not domain:
            continue
        values = {c: v for c in columns if (v := _float(r.get(c))) is not None}
        if main in values:
            scores.setdefault(domain, values)
    return Ratings(path=str(p), columns=columns, main=main, scores=scores)


@lru_cache(maxsize=4)
def _cached(path: str, mtime: float) -> Ratings:
    return read_ratings(path)


def load_ratings(path: str | Path | None) -> Ratings | None:
    """Ratings from ``path`` (read once per file version and process); None when no file is given."""
    if not path or not str(path).strip():
        return None
    p = Path(str(path).strip()).expanduser()
    if not p.is_file():
        raise ClaimgraphError(f"ratings file {str(p)!r} does not exist")
    return _cached(str(p.resolve()), p.stat().st_mtime)


HINT = f"pass --ratings FILE or set {ENV}"


def not_configured() -> Rating:
    """The answer for every source when no ratings file was given (not an error)."""
    return Rating(status="no ratings configured", hint=HINT)


def no_ratings_info() -> RatingsInfo:
    return RatingsInfo(status="no ratings configured", hint=HINT)
