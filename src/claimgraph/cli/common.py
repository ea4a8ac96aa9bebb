"""What every per-document command shares: options, reading inputs, analysing, errors and the exit code."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from ..config import DEFAULT_MAX_BYTES, Options
from ..errors import ClaimgraphError, DocumentError
from ..ingest.records import FieldMap
from ..ingest.sources import field_map, iter_inputs
from ..model import AnalysisResult
from ..pipeline import Pipeline
from ..vocab import FORMATS

# The options every per-document command takes, declared once.
Paths = Annotated[
    list[str],
    typer.Argument(
        help="Files, directories, globs or - for stdin; a JSONL/JSON/CSV corpus or a WARC crawl gives one result per "
        "record (read as `ingest` reads it)."
    ),
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="auto | text | markdown | html")]
ModelOpt = Annotated[
    str | None, typer.Option("--model", help="Installed spaCy pipeline name (or $CLAIMGRAPH_SPACY_MODEL).")
]
RATINGS_HELP = (
    "Domain ratings CSV (or $CLAIMGRAPH_RATINGS): a [bold]domain[/] column (bbc.co.uk; a scheme or www. is dropped)"
    " and one or more numeric 0..1 score columns, higher = more reliable; [bold]pc1[/] is the score used when"
    " present, else the first score column. Articles are matched by URL, publisher domain or outlet name."
    " claimgraph ships none: use a published set (e.g. Lin et al. 2023)."
)
RatingsOpt = Annotated[Path | None, typer.Option("--ratings", help=RATINGS_HELP)]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", help="Refuse larger documents.")]
NoPlacesOpt = Annotated[bool, typer.Option("--no-places", help="Skip resolving place mentions to GeoNames.")]
NoEventsOpt = Annotated[bool, typer.Option("--no-events", help="Skip coding PLOVER events.")]
PresetOpt = Annotated[str | None, typer.Option("--preset", help="Corpus layout: nela | fakenews.")]


def corpus_fields(preset: str | None, fmt: str, **fields: str | None) -> FieldMap:
    """The corpus field map, or a usage error naming ``--preset``."""
    try:
        return field_map(preset, fmt, **fields)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--preset") from exc


def options(format: str = "auto", model: str | None = None, ratings: Path | None = None,
            max_bytes: int = DEFAULT_MAX_BYTES, signals: bool = True, places: bool = True,
            events: bool = True) -> Options:  # fmt: skip
    """The run's Options from the command line, the environment filling what the command line left out."""
    if format not in FORMATS:
        raise typer.BadParameter(f"must be one of {', '.join(FORMATS)}", param_hint="--format")
    try:
        return Options.from_env(format=format, model=model, ratings=ratings, max_bytes=max_bytes, signals=signals,
                                places=places, events=events)  # fmt: skip
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


@contextmanager
def document_run(
    paths: list[str],
    opts: Options,
    on_error: Callable[[DocumentError], None] | None = None,
    fields: FieldMap | None = None,
) -> Iterator[Iterator[AnalysisResult]]:
    """Yield the analysed documents; print one line per failed one; exit 1 if none succeeded.

    Inputs are read as ``ingest`` reads them (``ingest.sources``): a corpus file or a crawl is many documents.
    Failures never stop the run: each goes to stderr (and to ``on_error``, e.g. a JSONL error record).
    """
    counts = {"ok": 0, "failed": 0}

    def results() -> Iterator[AnalysisResult]:
        docs = iter_inputs(paths, fields or field_map(None, opts.format), "auto", opts.format, opts.max_bytes)
        for item in Pipeline(opts).run_many(docs):
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
