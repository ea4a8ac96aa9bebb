"""Train the check-worthiness model and write it as gzipped JSON into ``src/claimgraph/data/``.

Run from the repo root (about a minute on one core)::

    /work/venv/bin/python scripts/train_checkworthy.py
    /work/venv/bin/python scripts/train_checkworthy.py --gold ../shared/gold/checkworthy/dev.jsonl --out model.json.gz

The gold file is read in place. The procedure (features, inner-CV choice of C,
threshold and score slope) lives in :mod:`claimgraph.claims.cw_train`, which
``bench/checkworthy.py`` cross-validates; this script only fits it once on all of
the gold file. Output is deterministic for a given gold file and library versions.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "checkworthy" / "dev.jsonl"


def main(argv: list[str] | None = None) -> int:
    from claimgraph.claims.checkworthy import MODEL_PATH
    from claimgraph.claims.cw_train import featurize, fit_model, load_gold
    from claimgraph.nlp import load_nlp

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=str(DEFAULT_GOLD), help="ClaimBuster JSONL (text, label)")
    ap.add_argument("--out", default=str(MODEL_PATH), help="where to write the model (.json or .json.gz)")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    texts, y = load_gold(args.gold)
    examples = featurize(texts, load_nlp())
    print(f"featurised {len(texts)} sentences in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    model = fit_model(examples, y)
    model["trained_on"] = {"file": Path(args.gold).name, "sentences": len(texts), "positives": int(y.sum())}
    payload = json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    out = Path(args.out)
    if out.suffix == ".gz":
        # mtime=0 keeps the file byte-identical across runs
        with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
            fh.write(payload.encode("utf-8"))
    else:
        out.write_text(payload, encoding="utf-8")
    sizes = {g: len(v) for g, v in model["groups"].items()}
    print(
        f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB; terms {sizes}; C={model['C']}, "
        f"threshold={model['threshold']:.3f}, slope={model['slope']:.3f}) in {time.perf_counter() - t0:.1f}s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
