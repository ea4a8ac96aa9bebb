"""Ingest stage: raw inputs (files, stdin, .gz, directories) become RawDocuments."""

from __future__ import annotations

from .decode import decode_bytes
from .files import iter_documents, read_file

__all__ = ["decode_bytes", "iter_documents", "read_file"]
