"""What every per-document command shares: read inputs, analyse, report errors, set the exit code."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import typer

from ..errors import ClaimgraphError, DocumentError
from ..ingest import iter_documents
from ..model import AnalysisResult
from ..pipeline import FORMATS, analyze_many


def check_format(format: str) -> None:
    if format not in FORMATS:
        raise typer.BadParameter(f"must be one of {', '.join(FORMATS)}", param_hint="--format")


@contextmanager
def document_run(
    paths: list[str],
    format: str,
    max_bytes: int,
    on_error: Callable[[DocumentError], None] | None = None,
    **analyze_options,
) -> Iterator[Iterator[AnalysisResult]]:
    """Yield the analysed documents; print one line per failed one; exit 1 if none succeeded.

    Failures never stop the run: each goes to stderr (and to ``on_error``, e.g. a JSONL error record).
    """
    check_format(format)
    counts = {"ok": 0, "failed": 0}

    def results() -> Iterator[AnalysisResult]:
        docs = iter_documents(paths, format, max_bytes)
        for item in analyze_many(docs, format=format, **analyze_options):
            if isinstance(item, DocumentError):
                counts["failed"] += 1
                typer.echo(item.one_line(), err=True)
                if on_error:
                    on_error(item)
                continue
            counts["ok"] += 1
            yield item

    try:
        yield results()
    except ClaimgraphError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if counts["failed"]:
        typer.echo(f"{counts['ok']} analysed, {counts['failed']} failed", err=True)
    if counts["ok"] == 0:
        raise typer.Exit(1)
