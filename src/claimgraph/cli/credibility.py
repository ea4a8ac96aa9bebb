"""``claimgraph credibility FILE...``: a short human report of an article's source and claims.

The same facts as ``analyze``'s ``signals``, ``claims`` and ``quantities``, laid out so a
reader sees at a glance who published it, where it came from, how those outlets are rated,
which check-worthy sentences stand without a source, and which words hedge or load.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from ..config import DEFAULT_MAX_BYTES
from ..model import AnalysisResult, Rating, Signals
from ..model.serialize import to_data
from .app import app
from .common import FormatOpt, MaxBytesOpt, ModelOpt, Paths, RatingsOpt, document_run, options


def _score(rating: Rating | None) -> str:
    if rating is None:
        return "[dim]unknown[/dim]"
    if rating.score is None:
        return f"[dim]{escape(rating.status)}[/dim]"
    colour = "red" if rating.score < 0.4 else "yellow" if rating.score < 0.65 else "green"
    pct = f", percentile {rating.percentile:.0f}" if rating.percentile is not None else ""
    return f"[{colour}]{rating.score:.2f}[/{colour}] ({escape(rating.column or '')}{pct})"


def _provenance(signals: Signals) -> Table:
    table = Table(title="Provenance", expand=True)
    for col in ("role", "outlet", "domain", "rating"):
        table.add_column(col)
    for link in signals.source.provenance.chain if signals.source else []:
        table.add_row(link.role, escape(link.name or ""), escape(link.domain or ""), _score(link.rating))
    return table


def _claims(signals: Signals, limit: int) -> Table:
    table = Table(title="Check-worthy sentences with no attribution", expand=True, show_lines=True)
    table.add_column("score", no_wrap=True)
    table.add_column("sentence", ratio=5)
    unattributed = sorted(signals.unattributed_assertions, key=lambda u: u.check_worthiness, reverse=True)
    for item in unattributed[:limit]:
        table.add_row(f"{item.check_worthiness:.2f}", escape(item.text))
    return table


def _language(result: AnalysisResult, signals: Signals) -> Table:
    table = Table(title="Hedges, vague and anonymous sources, loaded language, numbers", expand=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("text", ratio=3)
    for item in signals.hedges + signals.anonymous_sources + signals.vague_sources:
        table.add_row(item.category.replace("_", " "), escape(item.text))
    for span in signals.propaganda:
        table.add_row(escape(span.technique.replace("_", " ").lower()), escape(span.text))
    for q in result.quantities:
        table.add_row("number", escape(q.mention.text))
    return table


def report(result: AnalysisResult, limit: int = 10) -> Panel:
    """The rich renderable for one document (analysed with signals on)."""
    art = result.article
    signals = result.signals or Signals()
    summary = signals.summary
    lines = [
        f"[bold]{escape(art.title or result.document.source)}[/bold]",
        f"by {escape(', '.join(art.authors) or 'unknown author')}, {escape(art.published or 'undated')}, "
        f"published by {escape(art.publisher or art.publisher_domain or 'unknown publisher')}",
    ]
    if art.republished:
        lines.append(f"[yellow]republished[/yellow] from {escape(art.original_source or 'an unnamed source')}")
    lines.append(
        f"{len(result.attributions)} attributions, {summary.claims} claims "
        f"({summary.check_worthy} check-worthy, {summary.unattributed_check_worthy} unattributed), "
        f"{len(result.quantities)} numbers"
    )
    weakest = signals.source.weakest_link if signals.source else None
    if weakest:
        lines.append(f"weakest link: {escape(weakest.name or weakest.domain or '')} ({weakest.score:.2f})")
    body = Group("\n".join(lines), _provenance(signals), _claims(signals, limit), _language(result, signals))
    return Panel(body, title="credibility", expand=True)


@app.command()
def credibility(
    paths: Paths,
    format: FormatOpt = "auto",
    ratings: RatingsOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="The signals as JSON, one document per line.")] = False,
    model: ModelOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    limit: Annotated[int, typer.Option("--limit", help="Unattributed sentences to show.")] = 10,
) -> None:
    """How far to trust an article: source ratings, provenance, unattributed claims, hedges."""
    console = Console()
    opts = options(format, model, ratings, max_bytes)
    with document_run(paths, opts) as results:
        for result in results:
            if as_json:
                record = {"document": to_data(result.document), "signals": to_data(result.signals),
                          "quantities": to_data(result.quantities)}  # fmt: skip
                typer.echo(json.dumps(record, ensure_ascii=False))
            else:
                console.print(report(result, limit))
