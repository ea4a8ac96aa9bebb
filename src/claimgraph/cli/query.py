"""``claimgraph query search|entity|article|network|timeline|publisher``: the query layer in a terminal.

Each command calls the same function as the matching ``/api`` route; ``--json`` prints exactly
what that route returns, otherwise a rich table of the same data.

    claimgraph query search 'Gerasimov "General Staff"' --db kb.sqlite --stance accuse
    claimgraph query entity Gerasimov --db kb.sqlite          # a name or an entity id
    claimgraph query network --db kb.sqlite --from 2015-01-01 --json
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from .app import FlagAwareGroup, app
from .db import Db, connected

query_app = typer.Typer(
    cls=FlagAwareGroup, no_args_is_help=True, help="Query a knowledge base (the same data as the web API)."
)
app.add_typer(query_app, name="query")
console = Console()

Json = Annotated[bool, typer.Option("--json", help="Print the API's JSON instead of a table.")]
Limit = Annotated[int, typer.Option("--limit", "-n", min=1, max=500, help="Items per page.")]
Offset = Annotated[int, typer.Option("--offset", min=0, help="Items to skip.")]
From = Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")]
To = Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD.")]
Publisher = Annotated[str | None, typer.Option("--publisher", help="Publisher domain.")]
Stance = Annotated[str | None, typer.Option("--stance", help="accuse, deny, doubt, assert ...")]


def _emit(data: dict[str, Any] | None, as_json: bool, table: Callable[[dict[str, Any]], None], missing: str) -> None:
    if data is None:
        typer.echo(f"error: {missing}", err=True)
        raise typer.Exit(1)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        table(data)


def _page_note(p: dict[str, Any]) -> None:
    if p["total"]:
        more = f"; next: --offset {p['next_offset']}" if p["next_offset"] is not None else ""
        console.print(f"[dim]{p['offset'] + 1}–{p['offset'] + len(p['items'])} of {p['total']}{more}[/dim]")


def _speaker(att: dict[str, Any] | None) -> str:
    """An attribution's speaker: the KB entity's name, else the words that name it."""
    att = att or {}
    return att.get("speaker_name") or (att.get("speaker_mention") or {}).get("text") or "—"


def _resolve_entity(conn, value: str) -> str:
    """An entity id as given, or the best-known entity whose name starts with ``value``."""
    from ..query import lookup
    from ..store import schema as s

    if conn.execute(s.entities.select().where(s.entities.c.id == value)).first():
        return value
    found = lookup(conn, value, limit=1)
    if not found:
        typer.echo(f"error: no entity named like {value!r}", err=True)
        raise typer.Exit(1)
    return found[0]["id"]


@query_app.command("search")
def search_cmd(
    q: str,
    db: Db,
    kind: Annotated[str, typer.Option(help="all | article | quote")] = "all",
    date_from: From = None,
    date_to: To = None,
    publisher: Publisher = None,
    stance: Stance = None,
    entity: Annotated[str | None, typer.Option(help="Entity id or name.")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
    as_json: Json = False,
) -> None:
    """Full-text search over article bodies and quotes (words, "phrases", OR)."""
    from ..query import search

    with connected(db) as conn:
        eid = _resolve_entity(conn, entity) if entity else None
        data = search(
            conn,
            q,
            kind=kind,
            date_from=date_from,
            date_to=date_to,
            publisher=publisher,
            entity=eid,
            stance=stance,
            limit=limit,
            offset=offset,
        )

    def table(d: dict[str, Any]) -> None:
        t = Table("kind", "date", "publisher", "who / title", "snippet", show_lines=True)
        for h in d["items"]:
            who = _speaker(h.get("attribution")) if h["kind"] == "quote" else ""
            t.add_row(
                h["kind"],
                h["article"]["published"] or "",
                h["article"]["publisher_id"] or "",
                who or (h["article"]["title"] or ""),
                h["snippet"],
            )
        console.print(t)
        _page_note(d)

    _emit(data, as_json, table, "")


@query_app.command("article")
def article_cmd(document_id: str, db: Db, as_json: Json = False) -> None:
    """One article: metadata, provenance and its attributions."""
    from ..query import article

    with connected(db) as conn:
        data = article(conn, document_id)

    def table(d: dict[str, Any]) -> None:
        art = d["article"]
        console.print(
            f"[bold]{art['title']}[/bold]\n{art['published'] or 'undated'} · "
            f"{d['publisher_id'] or ''} · {d['words']} words"
        )
        if art["original_source"]:
            console.print(f"original source: {art['original_source']}")
        t = Table("id", "speaker", "cue", "stance", "kind", "content")
        for x in d["attributions"]:
            t.add_row(
                x["id"],
                _speaker(x),
                (x["cue"] or {}).get("text") or "",
                x["stance"] or "",
                x["kind"],
                x["content"]["text"],
            )
        console.print(t)

    _emit(data, as_json, table, f"no article {document_id}")


@query_app.command("entity")
def entity_cmd(
    entity: str, db: Db, stance: Stance = None, limit: Limit = 20, offset: Offset = 0, as_json: Json = False
) -> None:
    """What an entity (id or name) said, what was said about it, who it accuses and who accuses it."""
    from ..query import entity as entity_query

    with connected(db) as conn:
        data = entity_query(conn, _resolve_entity(conn, entity), stance=stance, limit=limit, said_offset=offset)

    def table(d: dict[str, Any]) -> None:
        e = d["entity"]
        console.print(f"[bold]{e['name']}[/bold] ({e['type']}) {e['id']}  aliases: {', '.join(e['aliases']) or '—'}")
        console.print("said, by stance: " + ", ".join(f"{k} {v}" for k, v in d["said_by_stance"].items()))
        console.print("accuses: " + (", ".join(f"{x['name']} ×{x['count']}" for x in d["accuses"]) or "—"))
        console.print("accused by: " + (", ".join(f"{x['name']} ×{x['count']}" for x in d["accused_by"]) or "—"))
        for title, p in (("said", d["said"]), ("said about it", d["about"])):
            t = Table("date", "speaker", "stance", "content", title=title)
            for x in p["items"]:
                t.add_row(x["article"]["published"] or "", _speaker(x), x["stance"] or "", x["content"]["text"])
            console.print(t)
        _page_note(d["said"])

    _emit(data, as_json, table, "")


@query_app.command("network")
def network_cmd(
    db: Db,
    date_from: From = None,
    date_to: To = None,
    publisher: Publisher = None,
    stance: Stance = None,
    entity: Annotated[str | None, typer.Option(help="Entity id or name.")] = None,
    min_weight: Annotated[int, typer.Option(min=1)] = 1,
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            min=0,
            help="With no date, publisher or entity: the N days up to the newest article "
            "(default: the API's, 90; 0: the whole knowledge base).",
        ),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    as_json: Json = False,
) -> None:
    """Who accuses whom: speaker -> target edges with their stance and count."""
    from ..query import network

    with connected(db) as conn:
        eid = _resolve_entity(conn, entity) if entity else None
        data = network(
            conn,
            date_from=date_from,
            date_to=date_to,
            publisher=publisher,
            stance=stance,
            entity=eid,
            min_weight=min_weight,
            **({"recent_days": days} if days is not None else {}),  # else query.network's default, as the API
            limit=limit,
            offset=offset,
        )

    def table(d: dict[str, Any]) -> None:
        if d["query"]["window"]:
            w, n = d["query"]["window"], d["query"]["recent_days"]
            console.print(f"[dim]the {n} days up to the newest article: {w['date_from']} to {w['date_to']}[/dim]")
        names = {n["id"]: n["name"] for n in d["nodes"]}
        t = Table("speaker", "stance", "target", "count")
        for e in d["edges"]["items"]:
            t.add_row(
                names.get(e["source"], e["source"]), e["stance"], names.get(e["target"], e["target"]), str(e["weight"])
            )
        console.print(t)
        _page_note(d["edges"])

    _emit(data, as_json, table, "")


@query_app.command("timeline")
def timeline_cmd(
    db: Db,
    entity: Annotated[str | None, typer.Option(help="Entity id or name.")] = None,
    q: Annotated[str | None, typer.Option("--q", help="Quotes matching this search.")] = None,
    role: Annotated[str, typer.Option(help="said | about (with --entity)")] = "said",
    interval: Annotated[str, typer.Option(help="day | week | month")] = "week",
    date_from: From = None,
    date_to: To = None,
    publisher: Publisher = None,
    as_json: Json = False,
) -> None:
    """Attributions per day/week/month for an entity or a search."""
    from ..query import timeline

    if not entity and not q:
        typer.echo("error: give --entity or --q", err=True)
        raise typer.Exit(2)
    with connected(db) as conn:
        eid = _resolve_entity(conn, entity) if entity else None
        data = timeline(
            conn,
            entity=eid,
            role=role,
            q=q,
            interval=interval,
            date_from=date_from,
            date_to=date_to,
            publisher=publisher,
        )

    def table(d: dict[str, Any]) -> None:
        t = Table(interval, "count", "by stance")
        for b in d["buckets"]:
            t.add_row(b["period"], str(b["count"]), ", ".join(f"{k} {v}" for k, v in b["stances"].items()))
        console.print(t)

    _emit(data, as_json, table, "")


@query_app.command("publisher")
def publisher_cmd(domain: str, db: Db, limit: Limit = 20, offset: Offset = 0, as_json: Json = False) -> None:
    """A publisher: its articles, the republications it carries and from whom."""
    from ..query import publisher

    with connected(db) as conn:
        data = publisher(conn, domain, limit=limit, offset=offset)

    def table(d: dict[str, Any]) -> None:
        p = d["publisher"]
        console.print(f"[bold]{p['name'] or p['id']}[/bold] {p['domain'] or ''} · {p['articles']} articles")
        console.print(
            "republishes: " + (", ".join(f"{s['source']} ×{s['count']}" for s in d["republished_from"]) or "—")
        )
        t = Table("date", "title", "republished")
        for a in d["articles"]["items"]:
            t.add_row(a["published"] or "", a["title"] or a["document_id"], a["original_source"] or "")
        console.print(t)
        _page_note(d["articles"])

    _emit(data, as_json, table, f"no publisher {domain}")
