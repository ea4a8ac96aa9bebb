"""One Options value from the command line to every worker: model, ratings, limits, stage switches."""

from __future__ import annotations

import pytest
from ingest_helpers import run
from sqlalchemy import select

from claimgraph.config import ENV_RATINGS, Options
from claimgraph.store import KnowledgeBase
from claimgraph.store import schema as s


def test_environment_fills_only_what_the_caller_left_out(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_RATINGS, str(tmp_path / "env.csv"))
    assert Options.from_env().ratings == str(tmp_path / "env.csv")
    assert Options.from_env(ratings=tmp_path / "given.csv").ratings == str(tmp_path / "given.csv")
    monkeypatch.delenv(ENV_RATINGS)
    assert Options.from_env().ratings is None
    with pytest.raises(ValueError, match="format"):
        Options(format="pdf")


@pytest.mark.slow
def test_ingest_ratings_reach_the_worker_processes(shared_dir, example_path, tmp_path, monkeypatch):
    """``--ratings`` with two worker processes: no environment variable, yet every stored article is rated."""
    ratings = shared_dir / "data" / "domain-ratings" / "domain_ratings.csv"
    if not ratings.exists():
        pytest.skip(f"{ratings} is not available on this machine")
    monkeypatch.delenv(ENV_RATINGS, raising=False)
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(3):
        (pages / f"copy{i}.md").write_text(example_path.read_text(encoding="utf-8") + f"\n\nEdition {i}.\n")
    db = tmp_path / "kb.sqlite"
    run("ingest", str(pages), "--db", str(db), "--workers", "2", "--ratings", str(ratings), "--quiet")
    with KnowledgeBase(str(db)) as kb, kb.engine.connect() as conn:
        statuses = conn.execute(select(s.article_signals.c.ratings_status)).scalars().all()
        rated = conn.execute(
            select(s.source_ratings.c.domain, s.source_ratings.c.status).where(
                s.source_ratings.c.subject == "publisher"
            )
        ).all()
    assert statuses == ["configured"] * 3
    assert [tuple(r) for r in rated] == [("globalresearch.ca", "rated")] * 3
