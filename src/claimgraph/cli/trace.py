"""``claimgraph trace "<words>" --db kb.sqlite``: where a claim first appeared, who repeated it, how it changed."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from .app import app
from .db import Db, open_existing


def _change(c: dict[str, Any]) -> str:
    label = c["label"]
    if c.get("before") is not None or c.get("after") is not None:
        return f"{label} ({c.get('before')} -> {c.get('after')})"
    if c.get("speaker") or c.get("cue"):
        return f"{label} ({' '.join(x for x in (c.get('speaker'), c.get('cue')) if x)})"
    if c.get("words"):
        return f"{label} ({', '.join(c['words'])})"
    return label


def render(record: dict[str, Any]) -> str:
    """A cluster as lines a reader scans: the first appearance, then each repeat with its changes."""
    first = record["first"]
    lines = [
        f"claim {record['id']}: {record['size']} appearances",
        f"  first: {first['published'] or 'undated'}  {first['publisher'] or '?'}"
        + (f"  (speaker: {first['speaker']})" if first.get("speaker") else ""),
        f"         {record['members'][0]['text']}",
    ]
    for m in record["members"][1:]:
        changes = ", ".join(_change(c) for c in m["changes"]) or "-"
        lines.append(f"  {m['published'] or 'undated'}  {m['publisher'] or '?'}: {changes}")
        if not any(c["label"] == "verbatim" for c in m["changes"]):
            lines.append(f"         {m['text']}")
    return "\n".join(lines)


@app.command()
def trace(
    words: Annotated[str, typer.Argument(help="Words of the claim, e.g. '70,000 militants'.")],
    db: Db,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many clusters.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Cluster records as JSON Lines.")] = False,
) -> None:
    """Trace a claim across outlets: first appearance, repeats, and what each repeat changed."""
    from ..query import claims

    engine = open_existing(db)
    with engine.connect() as conn:
        found = claims.find_claims(conn, words, limit)
    engine.dispose()
    if not found:
        typer.echo(f"no claim seen in two or more articles contains {words!r}", err=True)
        raise typer.Exit(1)
    for record in found:
        typer.echo(json.dumps(record, ensure_ascii=False) if as_json else render(record) + "\n")
