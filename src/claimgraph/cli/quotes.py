"""``claimgraph quotes FILE...``: who said what, as a readable table or as JSON.

Why a separate command: ``analyze`` prints everything; a reader checking the
attribution stage wants speaker, cue, stance, targets, via and content side by
side, one row per attribution, with entity ids resolved to names.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..config import DEFAULT_MAX_BYTES
from ..model import AnalysisResult
from ..model.serialize import to_data
from .app import app
from .common import FormatOpt, MaxBytesOpt, ModelOpt, Paths, document_run, options


def _names(result: AnalysisResult) -> dict[str, str]:
    return {e.id: e.name for e in result.entities}


def records(result: AnalysisResult) -> list[dict]:
    """The ``--json`` lines of one document: each attribution in the record's shape, plus the fields the
    knowledge base's views add (``document_id``, ``speaker_name``, ``target_names``, ``via_names``, ``article``)."""
    from ..store.writer import publisher_row

    names = _names(result)
    publisher = publisher_row(result.article)
    article = {
        "document_id": result.document.id,
        "title": result.article.title,
        "published": result.article.published,
        "url": result.article.url,
        "publisher_id": publisher["id"] if publisher else None,
    }
    out = []
    for att in result.attributions:
        row = to_data(att)
        row["document_id"] = result.document.id
        row["speaker_name"] = names.get(att.speaker) if att.speaker else None
        row["target_names"] = [names.get(t, t) for t in att.targets]
        row["via_names"] = [names.get(v, v) for v in att.via]
        row["article"] = article
        out.append(row)
    return out


def _table(result: AnalysisResult, max_content: int):
    from rich.table import Table

    names = _names(result)
    title = result.article.title or result.document.source
    table = Table(title=f"{title} — {len(result.attributions)} attributions", show_lines=True, expand=True)
    for col, kw in (
        ("id", {"no_wrap": True}),
        ("speaker", {"ratio": 2}),
        ("cue", {"ratio": 1}),
        ("kind", {"no_wrap": True}),
        ("stance", {"no_wrap": True}),
        ("targets", {"ratio": 1}),
        ("via", {"ratio": 1}),
        ("content", {"ratio": 5}),
    ):
        table.add_column(col, **kw)
    for att in result.attributions:
        mention = att.speaker_mention.text if att.speaker_mention else ""
        name = names.get(att.speaker or "", "")
        if name and mention and name != mention:
            speaker = f"{name} [dim]({mention})[/dim]"
        else:
            speaker = name or mention or "[dim]— no source —[/dim]"
        content = " … ".join(
            result.article.body[s:e] for s, e in (att.content.fragments or [(att.content.start, att.content.end)])
        )
        if len(content) > max_content:
            content = content[: max_content - 1] + "…"
        table.add_row(
            att.id,
            speaker,
            att.cue.text if att.cue else "",
            att.kind,
            att.stance,
            ", ".join(names.get(t, t) for t in att.targets),
            ", ".join(names.get(v, v) for v in att.via),
            content.replace("[", "\\["),
        )
    return table


@app.command()
def quotes(
    paths: Paths,
    format: FormatOpt = "auto",
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON Lines on stdout: one object per attribution, in the record's shape.")
    ] = False,
    model: ModelOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    max_content: Annotated[int, typer.Option("--max-content", help="Cut long contents in the table.")] = 300,
) -> None:
    """Show the attributions (speaker, cue, stance, targets, via, content) of each document."""
    from rich.console import Console

    console = Console()
    opts = options(format, model, max_bytes=max_bytes, signals=False)
    with document_run(paths, opts) as results:
        for item in results:
            if as_json:
                for row in records(item):
                    typer.echo(json.dumps(row, ensure_ascii=False))
            else:
                console.print(_table(item, max_content))
