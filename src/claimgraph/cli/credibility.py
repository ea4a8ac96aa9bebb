"""``claimgraph credibility FILE...``: a short human report of an article's source and claims.

The same facts as ``analyze``'s ``signals``, ``claims`` and ``quantities``, laid out so a
reader sees at a glance who published it, where it came from, how those outlets are rated,
which check-worthy sentences stand without a source, and which words hedge or load.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from ..ingest.decode import DEFAULT_MAX_BYTES
from ..model import AnalysisResult
from .app import app
from .common import document_run


def _score(rating: dict[str, Any] | None) -> str:
    if not rating:
        return "[dim]unknown[/dim]"
    if "score" not in rating:
        return f"[dim]{escape(rating.get('status', 'not rated'))}[/dim]"
    score = rating["score"]
    colour = "red" if score < 0.4 else "yellow" if score < 0.65 else "green"
    pct = f", percentile {rating['percentile']:.0f}" if rating.get("percentile") is not None else ""
    return f"[{colour}]{score:.2f}[/{colour}] ({escape(rating.get('column', ''))}{pct})"


def _provenance(result: AnalysisResult) -> Table:
    table = Table(title="Provenance", expand=True)
    for col in ("role", "outlet", "domain", "rating"):
        table.add_column(col)
    chain = result.signals.get("source", {}).get("provenance", {}).get("chain", [])
    for link in chain:
        table.add_row(
            link["role"], escape(link.get("name") or ""), escape(link.get("domain") or ""), _score(link.get("rating"))
        )
    return table


def _claims(result: AnalysisResult, limit: int) -> Table:
    table = Table(title="Check-worthy sentences with no attribution", expand=True, show_lines=True)
    table.add_column("score", no_wrap=True)
    table.add_column("sentence", ratio=5)
    unattributed = sorted(
        result.signals.get("unattributed_assertions", []), key=lambda u: u["check_worthiness"], reverse=True
    )
    for item in unattributed[:limit]:
        table.add_row(f"{item['check_worthiness']:.2f}", escape(item["text"]))
    return table


def _language(result: AnalysisResult) -> Table:
    table = Table(title="Hedges, vague and anonymous sources, loaded language, numbers", expand=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("text", ratio=3)
    for key in ("hedges", "anonymous_sources", "vague_sources"):
        for item in result.signals.get(key, []):
            table.add_row(key.rstrip("s").replace("_", " "), escape(item["text"]))
    for item in result.signals.get("propaganda", []):
        table.add_row(escape(item["technique"].replace("_", " ").lower()), escape(item["text"]))
    for q in result.quantities:
        table.add_row("number", escape(q["mention"]["text"]))
    return table


def report(result: AnalysisResult, limit: int = 10) -> Panel:
    """The rich renderable for one document."""
    art = result.article
    summary = result.signals.get("summary", {})
    lines = [
        f"[bold]{escape(art.title or result.document.get('source', ''))}[/bold]",
        f"by {escape(', '.join(art.authors) or 'unknown author')}, {escape(art.published or 'undated')}, "
        f"published by {escape(art.publisher or art.publisher_domain or 'unknown publisher')}",
    ]
    if art.republished:
        lines.append(f"[yellow]republished[/yellow] from {escape(art.original_source or 'an unnamed source')}")
    lines.append(
        f"{len(result.attributions)} attributions, {summary.get('claims', 0)} claims "
        f"({summary.get('check_worthy', 0)} check-worthy, {summary.get('unattributed_check_worthy', 0)} unattributed), "
        f"{len(result.quantities)} numbers"
    )
    weakest = result.signals.get("source", {}).get("weakest_link")
    if weakest:
        lines.append(f"weakest link: {escape(weakest['name'] or weakest['domain'] or '')} ({weakest['score']:.2f})")
    body = Group("\n".join(lines), _provenance(result), _claims(result, limit), _language(result))
    return Panel(body, title="credibility", expand=True)


@app.command()
def credibility(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs or - for stdin.")],
    format: Annotated[str, typer.Option("--format", "-f", help="auto | text | markdown | html")] = "auto",
    ratings: Annotated[Path | None, typer.Option("--ratings", help="Domain ratings CSV.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The signals as JSON, one document per line.")] = False,
    model: Annotated[str | None, typer.Option("--model", help="Installed spaCy pipeline name.")] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse larger documents.")] = DEFAULT_MAX_BYTES,
    limit: Annotated[int, typer.Option("--limit", help="Unattributed sentences to show.")] = 10,
) -> None:
    """How far to trust an article: source ratings, provenance, unattributed claims, hedges."""
    console = Console()
    options = {"model": model, "ratings": str(ratings) if ratings else None}
    with document_run(paths, format, max_bytes, **options) as results:
        for result in results:
            if as_json:
                record = {"document": result.document, "signals": result.signals, "quantities": result.quantities}
                typer.echo(json.dumps(record, ensure_ascii=False))
            else:
                console.print(report(result, limit))
