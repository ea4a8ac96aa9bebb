"""The search query language shared by search and timeline: words (all must match), "phrases", ``OR``.

One parser, two renderings: an FTS5 MATCH expression for SQLite and a ``websearch_to_tsquery`` string
for PostgreSQL. Only word characters reach either, so nothing a user types is FTS or SQL syntax.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r'"([^"]+)"|(\S+)')


def terms(q: str) -> list[list[str]]:
    """``a "b c" OR d`` -> [["a", "b c"], ["d"]]: a disjunction of conjunctions of words/phrases."""
    groups: list[list[str]] = [[]]
    for m in _TOKEN.finditer(q or ""):
        phrase, word = m.group(1), m.group(2)
        if word == "OR":
            groups.append([])
            continue
        term = " ".join(re.findall(r"\w+", phrase or word))
        if term:
            groups[-1].append(term)
    return [g for g in groups if g]


def fts5_query(groups: list[list[str]]) -> str:
    """The groups as an FTS5 MATCH expression (every term quoted, so none is an FTS5 operator)."""
    return " OR ".join("(" + " AND ".join(f'"{t}"' for t in g) + ")" for g in groups)


def pg_query(groups: list[list[str]]) -> str:
    """The groups as input for PostgreSQL's ``websearch_to_tsquery``."""
    return " OR ".join(" ".join(f'"{t}"' if " " in t else t for t in g) for g in groups)
