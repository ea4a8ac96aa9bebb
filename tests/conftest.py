"""Shared fixtures: paths to ../shared (read in place) and one spaCy load per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "globalresearch-2015-01-03-russia-accuses-us.md"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available on this machine")
    return path


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
