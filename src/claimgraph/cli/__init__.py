"""Command line. Each sub-module registers its commands on the one Typer ``app``."""

from __future__ import annotations

from . import analyze as _analyze  # noqa: F401  (registers `analyze`)
from .app import app

__all__ = ["app"]
