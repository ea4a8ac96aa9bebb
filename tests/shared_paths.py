"""Where ../shared is for the tests, and how a test that needs it skips when it is not there.

``CLAIMGRAPH_SHARED=/nonexistent pytest`` runs the suite as on a machine without the shared data
(tests only; claimgraph itself never reads this variable): every test that needs it must skip.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLAIMGRAPH_SHARED") or ROOT.parent / "shared")


def need(path: Path) -> Path:
    """``path`` when it exists, else skip the calling test (or fixture) saying what is missing."""
    if not path.exists():
        pytest.skip(f"{path} is not available on this machine")
    return path
