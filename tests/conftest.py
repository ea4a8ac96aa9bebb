"""Shared fixtures: paths to ../shared (read in place) and one spaCy load per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from shared_paths import SHARED
from shared_paths import need as _need

EXAMPLE = SHARED / "examples" / "globalresearch-2015-01-03-russia-accuses-us.md"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _need(SHARED)


@pytest.fixture(scope="session")
def example_path() -> Path:
    return _need(EXAMPLE)


@pytest.fixture(scope="session")
def nlp():
    from claimgraph.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def kb_path(tmp_path_factory, shared_dir) -> str:
    """The sample knowledge base of the query, web and shape tests, built once per session (query_helpers)."""
    from query_helpers import build_kb

    directory = tmp_path_factory.getbasetemp() / "claimgraph-query-kb"
    directory.mkdir(exist_ok=True)
    return build_kb(str(directory))


@pytest.fixture(scope="session")
def reader_kb(tmp_path_factory, shared_dir) -> str:
    """The FakeNewsCorpus-sample knowledge base of the reader-facing web tests (reader_kb.py), built once."""
    from reader_kb import FNC, RATINGS, build_reader_kb

    _need(FNC), _need(RATINGS)
    directory = tmp_path_factory.getbasetemp() / "claimgraph-reader-kb"
    directory.mkdir(exist_ok=True)
    return build_reader_kb(str(directory))
