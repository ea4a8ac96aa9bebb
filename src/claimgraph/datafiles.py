"""The packaged model and data files, found in one place and never silently missing.

Why: a stage that quietly fell back to its word lists when its model file was gone gave other
figures than the ones in BENCHMARKS.md with no sign anything was wrong. A missing file is now a
:class:`ModelMissing` naming the file and the script that builds it.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ClaimgraphError

DATA_DIR = Path(__file__).resolve().parent / "data"

# Which script writes each packaged file (named in the error when it is missing).
BUILT_BY = {
    "attribution_cues.json": "scripts/train_attribution_cues.py",
    "attribution_cue_model.json": "scripts/train_attribution_cues.py",
    "attribution_cand_model.json": "scripts/train_attribution_cues.py",
    "checkworthy.json.gz": "scripts/train_checkworthy.py",
    "propaganda.npz": "scripts/train_propaganda.py",
    "static_embeddings.npz": "scripts/distill_static_embeddings.py",
    "place_ranker.json": "scripts/train_place_ranker.py",
    "gazetteer.txt.xz": "scripts/build_gazetteer.py",
    "country_fips.tsv": "scripts/build_country_fips.py",
    "event_types.json": "scripts/train_event_types.py",
    "stance_model.json": "scripts/train_stance.py",
}


class ModelMissing(ClaimgraphError):
    """A model or data file a stage needs is not there: a broken install, not a bad document."""


def data_file(name: str) -> Path:
    """The packaged file ``name`` (``data/<name>``), or ModelMissing when it is absent."""
    return require(DATA_DIR / name, BUILT_BY.get(name))


def require(path: str | Path, built_by: str | None = None) -> Path:
    """``path`` when it is a file, else ModelMissing saying which file and how to rebuild it."""
    target = Path(path)
    if not target.is_file():
        how = f"; build it with {built_by}" if built_by else ""
        raise ModelMissing(f"model file {target} is missing{how} (claimgraph never falls back to a lexicon)")
    return target


def read_data_text(name: str) -> str:
    """A packaged text file's content (UTF-8)."""
    return data_file(name).read_text(encoding="utf-8")
