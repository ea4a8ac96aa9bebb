"""What a long run shows on stderr: a progress bar, one line per failed document, nothing with --quiet.

The failed documents are named as they arrive (as ``analyze`` does), above the bar, so a user sees what
went wrong without waiting for the end or opening the knowledge base.
"""

from __future__ import annotations

from typing import Any

import typer

from ..errors import DocumentError


class RunDisplay:
    """The bar (documents/s, ETA when the total is known, errors) and the error lines; silent when quiet."""

    def __init__(self, total: int | None, quiet: bool, label: str = "ingest") -> None:
        self.quiet = quiet
        self.failed = 0
        self._bar, self._task = (None, None) if quiet else _bar(total, label)

    def __enter__(self) -> RunDisplay:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def update(self, summary: Any) -> None:
        """``on_progress`` of a run: ``summary`` has processed, skipped, seconds and errors."""
        if self._bar is None:
            return
        rate = summary.processed / summary.seconds if summary.seconds else 0.0
        self._bar.update(self._task, completed=summary.processed + summary.skipped, rate=rate, errors=summary.errors)

    def note(self, message: str) -> None:
        """A line that is not an error (e.g. waiting for another writer); silent with --quiet."""
        if not self.quiet:
            self._say(message)

    def _say(self, line: str) -> None:
        if self._bar is None:
            typer.echo(line, err=True)
        else:
            self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def error(self, err: DocumentError) -> None:
        """``on_error`` of a run: one line on stderr per failed document (above the bar while it runs)."""
        self.failed += 1
        if not self.quiet:
            self._say(err.one_line())


def _bar(total: int | None, label: str):
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} docs/s"),
        TextColumn("errors {task.fields[errors]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
    )
    return bar, bar.add_task(label, total=total, rate=0.0, errors=0)
