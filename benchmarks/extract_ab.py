"""Extraction speed of this tree against another checkout, measured in turn (A/B pairs).

    .venv/bin/python -m benchmarks.extract_ab --base CHECKOUT FOLDER [--pairs 8] [--n 3]

Runs ``benchmarks.extract_speed FOLDER --n N`` alternately with the other checkout's code
(``CHECKOUT/src`` first on the path, its own ``benchmarks``) and with this tree's, ``--pairs``
times, and prints each run's CPU ms per document and the ratio base / this (above 1: this tree is
faster) of the minima and of the medians.  Alternating keeps a shared machine's drift out of the
ratio; compare ratios, not times across runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def _ms_per_doc(root: Path, folder: str, n: int) -> float:
    env = dict(os.environ, PYTHONPATH=str(root / "src"))
    out = subprocess.run([sys.executable, "-m", "benchmarks.extract_speed", folder, "--n", str(n)],
                         cwd=root, env=env, capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("ms per doc"):
            return float(line.split()[-1])
    raise RuntimeError(f"no 'ms per doc' line from {root}:\n{out}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--base", required=True, help="a checkout of the code to compare with")
    parser.add_argument("--pairs", type=int, default=8)
    parser.add_argument("--n", type=int, default=3, help="passes over the documents per run")
    args = parser.parse_args(argv)
    base_root = Path(args.base).resolve()
    base, this = [], []
    for _ in range(args.pairs):
        base.append(_ms_per_doc(base_root, args.folder, args.n))
        this.append(_ms_per_doc(HERE, args.folder, args.n))
        print(f"base {base[-1]:.3f}  this {this[-1]:.3f} ms per document", flush=True)
    print(f"ratio base/this: minima {min(base) / min(this):.3f}, "
          f"medians {statistics.median(base) / statistics.median(this):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
