"""The one query layer under the CLI, the REST API and the web pages (Datasette's shape).

Plain functions of a SQLAlchemy ``Connection`` and parameters that return JSON-able dicts; every
list is a page (``items, total, limit, offset, next_offset``). The views only format what these
return, so the CLI's ``--json``, ``/api/...`` and the HTML pages always agree.

    from claimgraph.query import open_db, search
    with open_db("kb.sqlite").connect() as conn:
        search(conn, '"General Staff" Gerasimov', stance="accuse")
"""

from __future__ import annotations

from .article import article
from .db import open_db
from .entity import entity, lookup
from .geo import entity_events, map_places
from .network import network
from .overview import overview
from .publisher import publisher, publishers
from .search import search
from .timeline import timeline

__all__ = [
    "article",
    "entity",
    "entity_events",
    "lookup",
    "map_places",
    "network",
    "open_db",
    "overview",
    "publisher",
    "publishers",
    "search",
    "timeline",
]
