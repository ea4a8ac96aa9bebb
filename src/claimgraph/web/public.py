"""What of a stored record may leave the machine: a local path is cut to its file name.

The knowledge base keeps each document's ``source`` as ingest was given it (an absolute path, say): resuming
an ingest matches on it, and ``claimgraph errors`` must point the operator at the file. Cutting it at ingest
would make two ``report.md`` files of different folders one source and skip the second on resume. The web
serves other machines, so the article page and its JSON twin show a source's file name (or its URL), never
the folders of the machine that ingested it; the same for the ratings file a rating was read from.
"""

from __future__ import annotations

import re
from typing import Any

_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
_USERINFO = re.compile(r"^([a-z][a-z0-9+.-]*://)[^/@]*@", re.I)  # user:password@ of a URL


def file_name(source: str | None) -> str | None:
    """A URL without its credentials, else the last part of a path (POSIX or Windows); ``-`` stays ``-``."""
    if not source:
        return source
    if _URL.match(source) and not source.lower().startswith("file:"):
        return _USERINFO.sub(r"\1", source)
    return re.split(r"[\\/]", source.rstrip("/\\"))[-1] or source


def _ratings(source: dict[str, Any]) -> list[dict[str, Any] | None]:
    """Every rating-like dict of a source assessment that names the file it was read from."""
    chain = (source.get("provenance") or {}).get("chain") or []
    outlets = source.get("outlets_mentioned") or []
    return [
        source.get("ratings"),
        source.get("source_rating"),
        *[link.get("rating") for link in chain],
        *[m.get("rating") for m in outlets],
    ]


def without_local_paths(record: dict[str, Any]) -> dict[str, Any]:
    """An article's record (with the KB's additions) with each path in it cut to a file name; changed in place."""
    document = record.get("document") or {}
    if document.get("source"):
        document["source"] = file_name(document["source"])
    source = (record.get("signals") or {}).get("source") or {}
    for rating in _ratings(source):
        if rating and rating.get("source"):
            rating["source"] = file_name(rating["source"])
    return record
