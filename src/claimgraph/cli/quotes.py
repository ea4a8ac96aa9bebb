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


CONTENT_MIN = 30  # the table is used only when its content column gets at least this many columns


def _rows(result: AnalysisResult, max_content: int) -> list[dict[str, str]]:
    """One display row per attribution: speaker (name and mention), cue, kind, stance, targets, via, content."""
    names = _names(result)
    rows = []
    for att in result.attributions:
        mention = att.speaker_mention.text if att.speaker_mention else ""
        name = names.get(att.speaker or "", "")
        if name and mention and name != mention:
            speaker = f"{name} [dim]({_escape(mention)})[/dim]"
        else:
            speaker = _escape(name or mention) or "[dim]— no source —[/dim]"
        content = " … ".join(
            result.article.body[s:e] for s, e in (att.content.fragments or [(att.content.start, att.content.end)])
        )
        if len(content) > max_content:
            content = content[: max_content - 1] + "…"
        rows.append(
            {
                "id": att.id,
                "speaker": speaker,
                "cue": _escape(att.cue.text if att.cue else ""),
                "kind": att.kind,
                "stance": att.stance,
                "targets": _escape(", ".join(names.get(t, t) for t in att.targets)),
                "via": _escape(", ".join(names.get(v, v) for v in att.via)),
                "content": _escape(content),
            }
        )
    return rows


def _escape(text: str) -> str:
    return text.replace("[", "\\[")


def _title(result: AnalysisResult) -> str:
    return f"{_escape(result.article.title or result.document.source)} — {len(result.attributions)} attributions"


def _table(result: AnalysisResult, max_content: int, width: int):
    """A wide terminal: one row per attribution; a column is never narrower than its longest word (no "ta…")."""
    from rich.table import Table

    rows = _rows(result, max_content)
    table = Table(title=_title(result), show_lines=True)
    for col, w in zip(RATIOS, _widths(rows, width), strict=True):
        table.add_column(col, width=w - 2, overflow="fold")  # w counts the cell's padding
    for row in rows:
        table.add_row(*row.values())
    return table


def _widths(rows: list[dict[str, str]], total: int) -> list[int]:
    """Every column its minimum, then the room left shared by RATIOS among the columns that can use it."""
    widths = _min_widths(rows)
    wanted = [2 + max(len(_plain(v)) for v in [col] + [row[col] for row in rows]) for col in RATIOS]
    ratios = [r or 0 for r in RATIOS.values()]
    room = total - sum(widths) - len(RATIOS) - 1  # - the borders
    while room > 0 and (growing := [i for i, r in enumerate(ratios) if r and widths[i] < wanted[i]]):
        share, given = sum(ratios[i] for i in growing), 0
        for i in growing:
            add = min(wanted[i] - widths[i], max(1, room * ratios[i] // share), room - given)
            widths[i] += add
            given += add
        room -= given
    return widths


def _min_widths(rows: list[dict[str, str]]) -> list[int]:
    """Each column's narrowest width with its padding: the whole value for fixed columns, else the longest word."""
    widths = []
    for col, ratio in RATIOS.items():
        values = [col] + [_plain(row[col]) for row in rows]
        pieces = values if ratio is None else [word for value in values for word in value.split()]
        longest = max(len(p) for p in pieces)
        widths.append(2 + (max(longest, CONTENT_MIN) if col == "content" else longest))
    return widths


RATIOS = {"id": None, "speaker": 2, "cue": 1, "kind": None, "stance": None, "targets": 1, "via": 1, "content": 5}


def _plain(markup: str) -> str:
    from rich.text import Text

    return Text.from_markup(markup).plain


def _layout(console, result: AnalysisResult, max_content: int, layout: str):
    """The table when asked for, or when every column fits its longest word (and content its minimum); else cards."""
    if layout == "cards":
        return _cards(result, max_content)
    fits = sum(_min_widths(_rows(result, max_content))) + len(RATIOS) + 1 <= console.width  # + the borders
    return _table(result, max_content, console.width) if layout == "table" or fits else _cards(result, max_content)


def _cards(result: AnalysisResult, max_content: int):
    """For a narrow terminal: one block per attribution, a label and its whole value per line, wrapped."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    parts: list = [Text.from_markup(f"[bold]{_title(result)}[/bold]")]
    for row in _rows(result, max_content):
        card = Table.grid(padding=(0, 1))
        card.add_column(style="dim", no_wrap=True)
        card.add_column(overflow="fold")
        for label in ("speaker", "cue", "targets", "via", "content"):
            if row[label]:
                card.add_row(label, row[label])
        parts += [
            Text(""),
            Text.from_markup(f"[bold]{row['id']}[/bold]  {row['stance']} · {row['kind']}"),
            Padding(card, (0, 0, 0, 2)),
        ]
    return Group(*parts)


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
    layout: Annotated[
        str,
        typer.Option("--layout", help="table | cards | auto (cards when the terminal is too narrow for the table)."),
    ] = "auto",
) -> None:
    """Show the attributions (speaker, cue, stance, targets, via, content) of each document."""
    from rich.console import Console

    if layout not in ("auto", "table", "cards"):
        raise typer.BadParameter("must be one of auto, table, cards", param_hint="--layout")
    console = Console()
    opts = options(format, model, max_bytes=max_bytes, signals=False)
    with document_run(paths, opts) as results:
        for item in results:
            if as_json:
                for row in records(item):
                    typer.echo(json.dumps(row, ensure_ascii=False))
            else:
                console.print(_layout(console, item, max_content, layout))
