"""Command line. Each sub-module registers its commands on the one Typer ``app``."""

from __future__ import annotations

from . import analyze as _analyze  # noqa: F401  (registers `analyze`)
from . import credibility as _credibility  # noqa: F401  (registers `credibility`)
from . import export as _export  # noqa: F401  (registers `export`)
from . import ingest as _ingest  # noqa: F401  (registers `ingest`)
from . import load as _load  # noqa: F401  (registers `load`)
from . import query as _query  # noqa: F401  (registers `query ...`)
from . import quotes as _quotes  # noqa: F401  (registers `quotes`)
from . import schema as _schema  # noqa: F401  (registers `schema`)
from . import serve as _serve  # noqa: F401  (registers `serve`)
from . import status as _status  # noqa: F401  (registers `status`, `errors`)
from . import trace as _trace  # noqa: F401  (registers `trace`)
from .app import app

__all__ = ["app"]
