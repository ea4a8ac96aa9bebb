"""Train the propaganda span/technique model on the PTC dev articles and write it into the package.

Run from the repo root (about a minute on a shared 2-core machine)::

    /work/venv/bin/python scripts/train_propaganda.py
    /work/venv/bin/python scripts/train_propaganda.py --gold ../shared/gold/propaganda/dev.jsonl --out /tmp/p.npz

The gold file is read in place (never copied into the repo). Training the contextual (BiGRU) tagger
needs torch (``pip install -e '.[embeddings-build]'``, which pins torch==2.13.0; the CPU build is
enough); the model it writes runs with NumPy only. The tagger and sentence
classifier use the packaged static word vectors (``src/claimgraph/data/static_embeddings.npz``,
built once by ``scripts/distill_static_embeddings.py``); retrain after re-distilling them. The output is the
portable ``.npz`` described in ``claimgraph.credibility.propaganda.model``; the
same ``fit`` is what ``bench/propaganda.py`` cross-validates.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

from claimgraph.credibility.propaganda import MODEL_PATH, PropagandaModel
from claimgraph.credibility.propaganda.train import fit, load_gold

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "propaganda" / "dev.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args()
    if importlib.util.find_spec("torch") is None:
        sys.exit(
            "train_propaganda.py needs torch to train the contextual tagger: "
            "pip install -e '.[embeddings-build]' (torch==2.13.0, CPU build); the model it writes runs without torch"
        )
    t0 = time.perf_counter()
    docs = load_gold(args.gold)
    model = fit(docs)
    model.meta.update({"trained_on": args.gold.name, "articles": len(docs), "spans": sum(len(d.spans) for d in docs)})
    model.save(args.out)
    PropagandaModel.load(args.out)  # fail here, not at first use, if the file does not round-trip
    size = args.out.stat().st_size / 1e6
    print(f"{len(docs)} articles -> {args.out} ({size:.2f} MB) in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
