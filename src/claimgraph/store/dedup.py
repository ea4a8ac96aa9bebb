"""Republication detection: MinHash LSH over word shingles links copies of one story across sites.

Republishers (aggregators, syndication partners, propaganda mirrors) copy a story with small changes
at its ends; exact hashes miss them, MinHash over 5-word shingles does not. Each new body's signature
is looked up in an LSH index; candidates confirmed at estimated Jaccard >= ``THRESHOLD`` join one
cluster, whose origin is the copy an ``original_source`` line points to, else the earliest dated
copy (undated copies rank last, ties by document id, so the choice does not depend on input order).
Signatures are stored with the article, so the index is rebuilt from the database on open.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH
from sqlalchemy import Connection, delete, insert, select

from . import schema as s

NUM_PERM = 128
SHINGLE = 5
THRESHOLD = 0.6
MIN_WORDS = 50  # shorter bodies (error pages, stubs) would match each other by boilerplate alone
SCHEME = "affine32"
_WORD = re.compile(r"\w+")


def signature(body: str) -> bytes | None:
    """The MinHash signature of a body's 5-word shingles, or None for a body too short to compare."""
    words = _WORD.findall(body.casefold())
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    m.update_batch(list(shingles))
    return m.hashvalues.astype(np.uint32).tobytes()


def _lean(sig: bytes) -> LeanMinHash:
    return LeanMinHash(seed=1, hashvalues=np.frombuffer(sig, dtype=np.uint32), scheme=SCHEME)


def similarity(a: bytes, b: bytes) -> float:
    return float(np.mean(np.frombuffer(a, dtype=np.uint32) == np.frombuffer(b, dtype=np.uint32)))


class RepublicationIndex:
    """LSH over stored signatures plus the current clusters (origin -> members)."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self.origin_of: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}

    def load(self, conn: Connection) -> None:
        a = s.articles
        rows = conn.execute(select(a.c.document_id, a.c.minhash).where(a.c.minhash.is_not(None)))
        for doc_id, sig in rows:
            self.lsh.insert(doc_id, _lean(sig), check_duplication=False)
        for doc_id, origin in conn.execute(select(s.copies.c.document_id, s.copies.c.origin_id)):
            if origin is not None:
                self._join(doc_id, origin)

    def _join(self, doc_id: str, origin: str) -> None:
        self.origin_of[doc_id] = origin
        self.origin_of[origin] = origin
        self.members.setdefault(origin, {origin}).add(doc_id)

    def add(self, conn: Connection, doc_id: str, sig: bytes | None) -> None:
        """Index one new article (already inserted through ``conn``) and rewrite its cluster's copies rows."""
        if sig is None:
            return
        lean = _lean(sig)
        candidates = sorted(c for c in self.lsh.query(lean) if c != doc_id)
        self.lsh.insert(doc_id, lean, check_duplication=False)
        if not candidates:
            return
        sigs = dict(
            conn.execute(
                select(s.articles.c.document_id, s.articles.c.minhash).where(s.articles.c.document_id.in_(candidates))
            ).all()
        )
        confirmed = [c for c in candidates if c in sigs and similarity(sig, sigs[c]) >= THRESHOLD]
        if not confirmed:
            return
        group = {doc_id}
        for c in confirmed:
            origin = self.origin_of.get(c, c)
            group |= self.members.get(origin, {c})
        self._rewrite(conn, sorted(group))

    def _rewrite(self, conn: Connection, group: list[str]) -> None:
        a, p = s.articles, s.publishers
        rows = conn.execute(
            select(a.c.document_id, a.c.published, a.c.original_source, a.c.minhash, p.c.name, p.c.domain)
            .select_from(a.outerjoin(p, a.c.publisher_id == p.c.id))
            .where(a.c.document_id.in_(group))
        ).all()
        info = {r.document_id: r for r in rows}
        declared = {r.original_source.casefold().strip() for r in rows if r.original_source}

        def is_declared(r) -> bool:
            names = {x.casefold() for x in (r.name, r.domain) if x}
            return bool(names & declared)

        origin = min(rows, key=lambda r: (not is_declared(r), r.published is None, r.published or "", r.document_id))
        for old in {self.origin_of.get(d) for d in group} - {None}:
            self.members.pop(old, None)
        for d in group:
            self._join(d, origin.document_id)
        conn.execute(delete(s.copies).where(s.copies.c.document_id.in_(group)))
        values = []
        for d in group:
            r = info[d]
            if d == origin.document_id:
                if r.original_source:
                    values.append(
                        {
                            "document_id": d,
                            "origin_id": None,
                            "origin_name": r.original_source,
                            "similarity": None,
                            "method": "declared",
                        }
                    )
                continue
            values.append(
                {
                    "document_id": d,
                    "origin_id": origin.document_id,
                    "origin_name": r.original_source,
                    "similarity": round(similarity(r.minhash, origin.minhash), 4),
                    "method": "minhash",
                }
            )
        if values:
            conn.execute(insert(s.copies), values)


def declared_copy(doc_id: str, original_source: str | None) -> dict | None:
    """The copies row of an article that names its origin but has no near-duplicate in the KB (yet)."""
    if not original_source:
        return None
    return {
        "document_id": doc_id,
        "origin_id": None,
        "origin_name": original_source,
        "similarity": None,
        "method": "declared",
    }
