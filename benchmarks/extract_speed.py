"""Throughput of ``extract()`` alone (no reading, no graph), with per-step times.

    .venv/bin/python -m benchmarks.extract_speed FOLDER [FOLDER ...] [--n 20] [--profile] [--quads]

Reads every supported file of the folders once, then runs ``extract()`` over
all of them ``--n`` times in this process (one core) and prints, from the process's CPU time (steadier than
wall time on a shared machine; the wall time is printed too), docs/s,
words/s, ms per 1,000 characters and the mean ms per document of each step
(segmentation, then every module of ``STEPS``; each step timed by wrapping
its module's ``run``).  ``--profile`` runs pyinstrument over the loop instead
and prints its report.  ``--quads`` also maps each extraction to RDF
(``store.mapping.to_quads``, as the build workers do) and prints that step's
ms per document and the two together.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path


def _documents(folders):
    from inspectkg.ingest.read import discover, read

    docs = []
    for source in discover([Path(f) for f in folders]):
        try:
            docs.append(read(source))
        except Exception as exc:  # a bad input is not what we measure
            print(f"skipped {source.name}: {exc}", file=sys.stderr)
    return docs


def _wrap_steps(times):
    import inspectkg.ingest.extract as extract_pkg
    from inspectkg.ingest import segment

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            t0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                times[name] += time.process_time() - t0
        wrapper.__wrapped__ = fn
        return wrapper

    extract_pkg.sentences = timed("segment.sentences", segment.sentences)
    extract_pkg.lines = timed("segment.lines", segment.lines)
    for module in extract_pkg.STEPS:
        name = module.__name__.rsplit(".", 1)[-1]
        if not hasattr(module.run, "__wrapped__"):
            module.run = timed(name, module.run)
    return extract_pkg


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--n", type=int, default=20, help="passes over the documents")
    parser.add_argument("--profile", action="store_true", help="pyinstrument report instead of step times")
    parser.add_argument("--quads", action="store_true", help="also time to_quads() of each extraction")
    args = parser.parse_args(argv)

    docs = _documents(args.folders)
    if not docs:
        print("no documents", file=sys.stderr)
        return 1
    from inspectkg.store.mapping import to_quads
    from inspectkg.ingest.extract import extract

    for doc in docs:  # warm up: caches, pattern loading, spaCy
        to_quads(extract(doc))
    chars = sum(len(d.text) for d in docs)
    words = sum(len(d.text.split()) for d in docs)

    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(args.n):
            for doc in docs:
                extract(doc)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return 0

    times: dict[str, float] = defaultdict(float)
    pkg = _wrap_steps(times)
    quads_cpu = 0.0
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(args.n):
        for doc in docs:
            extraction = pkg.extract(doc)
            if args.quads:
                q0 = time.process_time()
                to_quads(extraction)
                quads_cpu += time.process_time() - q0
    elapsed = time.perf_counter() - t0
    # CPU time of this process (steadier than wall time on a shared machine), extraction only
    wall = time.process_time() - c0 - quads_cpu
    n_docs = len(docs) * args.n
    print(f"{len(docs)} documents, {words:,} words, {chars:,} characters; {args.n} passes")
    print(f"CPU {wall:.2f} s, wall {elapsed:.2f} s (figures below use CPU time)")
    print(f"docs/s            {n_docs / wall:10.1f}")
    print(f"words/s           {words * args.n / wall:10,.0f}")
    print(f"ms per doc        {1000 * wall / n_docs:10.3f}")
    print(f"ms per 1,000 chars{1000 * wall / (chars * args.n / 1000):10.3f}")
    print("per step (ms per doc):")
    stepped = 0.0
    for name, t in times.items():
        stepped += t
        print(f"  {name:20s} {1000 * t / n_docs:8.3f}")
    print(f"  {'(rest: context, check)':20s} {1000 * (wall - stepped) / n_docs:8.3f}")
    if args.quads:
        print(f"to_quads ms per doc {1000 * quads_cpu / n_docs:8.3f}")
        print(f"extract + to_quads  {1000 * (wall + quads_cpu) / n_docs:8.3f} ms per doc")
    return 0


if __name__ == "__main__":
    sys.exit(main())
