"""The suite on a machine without ../shared: tests that need it skip, none fails.

Runs pytest again (a process of its own) with ``CLAIMGRAPH_SHARED`` pointing nowhere, on the test files
that read shared data, fast tests only; the whole suite is checked the same way before a release
(README, "Tests").
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
USES_SHARED = [
    "test_ingest_records.py",
    "test_ingest_sources.py",
    "test_article_html.py",
    "test_credibility.py",
    "test_places.py",
    "test_events.py",
    "test_schema.py",
    "test_bench_attribution.py",
]


@pytest.mark.slow
def test_suite_skips_instead_of_failing_without_shared(tmp_path):
    env = {**os.environ, "CLAIMGRAPH_SHARED": str(tmp_path / "no-shared-here")}
    args = [sys.executable, "-m", "pytest", "-m", "not slow", "-p", "no:cacheprovider", "-rs"]
    proc = subprocess.run(
        [*args, *(str(TESTS / name) for name in USES_SHARED)],
        capture_output=True,
        text=True,
        env=env,
        cwd=TESTS.parent,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-3000:]
    summary = proc.stdout.strip().splitlines()[-1]
    assert re.search(r"\d+ skipped", summary) and "failed" not in summary and "error" not in summary, summary
    assert "no-shared-here" in proc.stdout  # the skips name what is missing
