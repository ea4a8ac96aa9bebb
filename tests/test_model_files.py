"""A missing model file is a clear error naming the file, never a silent fallback to a word list."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from claimgraph import datafiles
from claimgraph.attribution import cues
from claimgraph.claims import checkworthy
from claimgraph.credibility import propaganda
from claimgraph.datafiles import ModelMissing
from claimgraph.embeddings import load_embeddings
from claimgraph.places import gazetteer
from claimgraph.places import resolve as place_resolve

LOADERS = [
    cues.learned,
    cues.never_cues,
    cues.cue_model,
    cues._candidate_file,
    place_resolve.load_ranker,
]


@pytest.fixture
def empty_data_dir(tmp_path, monkeypatch):
    """The packaged data directory swapped for an empty one, every cached loader forgotten before and after."""
    monkeypatch.setattr(datafiles, "DATA_DIR", tmp_path)
    for loader in LOADERS:
        loader.cache_clear()
    yield tmp_path
    for loader in LOADERS:
        loader.cache_clear()


@pytest.mark.parametrize("loader", LOADERS, ids=lambda f: f"{f.__module__}.{f.__name__}")
def test_packaged_model_missing_is_an_error(empty_data_dir, loader):
    with pytest.raises(ModelMissing) as info:
        loader()
    assert str(empty_data_dir) in str(info.value) and "scripts/" in str(info.value)


def test_attribution_cue_score_does_not_fall_back_to_the_lexicon(empty_data_dir, nlp):
    doc = nlp("The minister said that the bridge would open.")
    said = next(t for t in doc if t.lemma_ == "say")
    with pytest.raises(ModelMissing):
        cues.cue_score(said, near_quote=False)


def test_gazetteer_missing_is_an_error(empty_data_dir):
    with pytest.raises(ModelMissing, match="gazetteer"):
        gazetteer._read()


@pytest.mark.parametrize(
    "load",
    [checkworthy.load_model.__wrapped__, propaganda.load_model.__wrapped__, load_embeddings.__wrapped__],
    ids=["checkworthy", "propaganda", "embeddings"],
)
def test_model_path_given_but_absent_is_an_error(tmp_path, load):
    missing = tmp_path / "no-such-model"
    with pytest.raises(ModelMissing, match="no-such-model"):
        load(str(missing))


@pytest.mark.slow
def test_analyze_with_a_missing_model_stops_with_the_reason(tmp_path):
    """The CLI says which file is missing and exits non-zero instead of scoring with something else."""
    page = tmp_path / "a.txt"
    page.write_text("The mayor said on Monday that the new bridge would open in May.\n", encoding="utf-8")
    env = {**os.environ, "CLAIMGRAPH_CHECKWORTHY_MODEL": str(tmp_path / "gone.json.gz")}
    proc = subprocess.run(
        [sys.executable, "-m", "claimgraph", "analyze", "--format", "text", str(page)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 2, proc.stdout
    assert "gone.json.gz" in proc.stderr and "is missing" in proc.stderr
    with pytest.raises(json.JSONDecodeError):
        json.loads(proc.stdout or "")
