"""``claimgraph ingest``: build a knowledge base from any mix of inputs (``status``/``errors`` inspect it).

claimgraph ingest ./pages/ crawl.warc.gz nela.jsonl fakenews.csv --db kb.sqlite --workers 2
claimgraph ingest corpus.jsonl --db postgresql://user@localhost/claims --text-field content --url-field link
claimgraph ingest crawl/*.warc.gz --lake out/lake/ --dask tcp://scheduler:8786   # Parquet shards; then `load`
claimgraph status --db kb.sqlite [--json]
claimgraph errors --db kb.sqlite
"""

from __future__ import annotations

import json
import shlex
from typing import Annotated

import typer

from ..config import DEFAULT_MAX_BYTES
from ..errors import ClaimgraphError
from ..ingest.counting import estimate_total
from ..ingest.sources import KINDS, iter_inputs
from ..store.lock import WriterBusy
from .app import app
from .common import MaxBytesOpt, ModelOpt, NoEventsOpt, NoPlacesOpt, PresetOpt, RatingsOpt, corpus_fields, options
from .db import Db, open_kb
from .progress import RunDisplay

DaskOption = Annotated[
    str | None,
    typer.Option(
        "--dask", help="Analyse on a Dask cluster: scheduler address (tcp://host:8786), or 'local' for --workers."
    ),
]


def _report(summary, traced, db: str, as_json: bool, quiet: bool) -> None:
    """The run's counts (JSON on stdout with --json), then how many failed and where to read why."""
    if as_json:
        typer.echo(json.dumps(summary.to_dict()))
    if as_json or quiet:
        return
    typer.echo(
        f"{summary.added} added, {summary.duplicates} duplicates, {summary.errors} errors, "
        f"{summary.skipped} already done ({summary.seconds:.1f}s); claims traced in {traced.articles} new articles, "
        f"{traced.clusters} clusters updated",
        err=True,
    )
    if summary.errors:
        noun = "document" if summary.errors == 1 else "documents"
        typer.echo(f"{summary.errors} {noun} failed: `claimgraph errors --db {shlex.quote(db)}` lists them", err=True)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, WARC, JSONL/JSON/CSV, - (stdin).")],
    db: Db = "claimgraph.sqlite",
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Analysis processes.")] = 1,
    dask: DaskOption = None,
    lake: Annotated[
        str | None,
        typer.Option(
            "--lake",
            help="Write Parquet shards under this directory instead of a KB (then `claimgraph load DIR --db ...`).",
        ),
    ] = None,  # fmt: skip
    task_docs: Annotated[
        int, typer.Option("--task-docs", min=1, help="With --lake: documents per worker task (a slice of an input).")
    ] = 64,
    preset: PresetOpt = None,
    text_field: Annotated[str | None, typer.Option("--text-field", help="Record field with the body.")] = None,
    title_field: Annotated[str | None, typer.Option("--title-field")] = None,
    url_field: Annotated[str | None, typer.Option("--url-field")] = None,
    date_field: Annotated[str | None, typer.Option("--date-field")] = None,
    source_field: Annotated[str | None, typer.Option("--source-field", help="Publisher name or domain.")] = None,
    authors_field: Annotated[str | None, typer.Option("--authors-field")] = None,
    input_format: Annotated[str, typer.Option("--input-format", help="Reader; auto: by extension.")] = "auto",
    format: Annotated[str, typer.Option("--format", "-f", help="Body format: auto | text | markdown | html")] = "auto",
    model: ModelOpt = None,
    ratings: RatingsOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    no_signals: Annotated[bool, typer.Option("--no-signals", help="Skip claims and credibility signals.")] = False,
    no_places: NoPlacesOpt = False,
    no_events: NoEventsOpt = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per committed transaction.")] = 64,
    chunk_size: Annotated[int, typer.Option("--chunk-size", min=1, help="Documents per worker task.")] = 8,
    wait_timeout: Annotated[
        float,
        typer.Option(
            "--wait-timeout",
            min=0,
            help="When another ingest is writing to the same KB, wait this many seconds for it (0: fail at once).",
        ),
    ] = 3600.0,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar, no error lines and no summary.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run summary as JSON on stdout.")] = False,
) -> None:
    """Analyse inputs and store everything in a knowledge base; rerun the same command to resume."""
    opts = options(format, model, ratings, max_bytes, not no_signals, not no_places, not no_events)
    if input_format not in KINDS:
        raise typer.BadParameter(f"must be one of {', '.join(KINDS)}", param_hint="--input-format")
    fields = corpus_fields(
        preset, format, text=text_field, title=title_field, url=url_field, date=date_field,
        source=source_field, authors=authors_field,
    )  # fmt: skip
    if lake is not None:
        _to_lake(paths, lake, fields, input_format, format, max_bytes, opts, workers, dask, task_docs, chunk_size,
                 quiet, as_json)  # fmt: skip
        return
    _to_kb(paths, db, fields, input_format, format, max_bytes, opts, (workers, batch_size, chunk_size, dask),
           wait_timeout, quiet, as_json)  # fmt: skip


def _to_kb(paths, db, fields, kind, fmt, max_bytes, opts, run, wait_timeout, quiet, as_json) -> None:
    """Analyse into the KB (waiting for another ingest's writer lock up to ``wait_timeout``), then trace claims."""
    workers, batch_size, chunk_size, dask = run
    with RunDisplay(None if quiet else estimate_total(paths, kind), quiet) as display:
        kb = open_kb(db, wait_timeout, display.note)
        try:
            inputs = iter_inputs(paths, fields, kind, fmt, max_bytes)
            summary = kb.ingest_inputs(inputs, workers, batch_size, chunk_size, opts, display.update, dask,
                                       display.error)  # fmt: skip
            traced = kb.trace_claims()
        except WriterBusy as exc:
            typer.echo(f"error: {exc} (--wait-timeout SECONDS waits for it)", err=True)
            raise typer.Exit(2) from exc
        except ClaimgraphError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        finally:
            kb.close()
    _report(summary, traced, db, as_json, quiet)


def _to_lake(paths, lake, fields, kind, fmt, max_bytes, opts, workers, dask, task_docs, chunk_size, quiet, as_json):
    """``ingest --lake``: the analysis into Parquet shards (lake/driver.py), resumable like an ingest."""
    from ..lake.driver import ingest_to_lake

    try:
        with RunDisplay(None if quiet else estimate_total(paths, kind), quiet) as display:
            summary = ingest_to_lake(paths, lake, fields, kind, fmt, max_bytes, opts, workers, dask, task_docs,
                                     chunk_size, display.update)  # fmt: skip
    except ClaimgraphError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps(summary.to_dict()))
    elif not quiet:
        typer.echo(
            f"{summary.added} documents, {summary.errors} errors in {summary.tasks - summary.tasks_done_before} tasks, "
            f"{summary.tasks_done_before} tasks already done ({summary.seconds:.1f}s); "
            f"`claimgraph load {lake} --db ...` builds the knowledge base",
            err=True,
        )
