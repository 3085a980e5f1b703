"""Where the time of a build goes: pyinstrument over ``pipeline.build(--jobs 1)`` in this process."""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

from .generate import generate
from .markdown import table

_ROOT = "inspectkg/"


def _module(path: str) -> str:
    path = path.replace("\\", "/")
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1].split("/", 1)[0]
    if "/src/inspectkg/" in path:
        return "inspectkg/" + path.split("/src/inspectkg/", 1)[1]
    if "/benchmarks/" in path:
        return "benchmarks/" + path.split("/benchmarks/", 1)[1]
    return path.rsplit("/", 1)[-1]


def _walk(frame, own, inclusive, stack):
    key = (frame.function, _module(frame.file_path or ""))
    if frame.function.startswith("[") or key[1] == "<thread>":  # pyinstrument's synthetic frames
        for child in frame.children:
            _walk(child, own, inclusive, stack)
        return
    own[key] += frame.total_self_time
    if key not in stack:  # count recursion once
        inclusive[key] += frame.time
    stack.add(key)
    for child in frame.children:
        _walk(child, own, inclusive, stack)
    stack.discard(key)


def profile_build(n: int, seed: int, work: Path) -> str:
    from pyinstrument import Profiler

    from inspectkg.store.embedded import Store
    from inspectkg.pipeline import build

    folder = work / f"profile-corpus-{n}"
    generate(n, seed, folder)
    profiler = Profiler(interval=0.002)
    start = time.perf_counter()
    with Store(work / f"profile-store-{n}") as store:
        profiler.start()
        report = build([folder], store, jobs=1)
        profiler.stop()
    wall = time.perf_counter() - start
    (work / "profile.txt").write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    root = profiler.last_session.root_frame()
    own, inclusive = defaultdict(float), defaultdict(float)
    _walk(root, own, inclusive, set())
    total = root.time or 1.0
    top_own = sorted(own.items(), key=lambda kv: -kv[1])[:15]
    stages = [k for k in inclusive if k[1].startswith("inspectkg/")]
    top_incl = sorted(stages, key=lambda k: -inclusive[k])[:20]
    own_rows = [[f"`{f}`", m, f"{t:.2f}", f"{100 * t / total:.0f}%"] for (f, m), t in top_own]
    incl_rows = [[f"`{f}`", m, f"{inclusive[(f, m)]:.2f}", f"{100 * inclusive[(f, m)] / total:.0f}%"]
                 for f, m in top_incl]
    return (
        f"`python -m benchmarks.run --profile {n}`: pyinstrument (2 ms interval) over `pipeline.build(jobs=1)` "
        f"of {n:,} generated documents into an on-disk store, {wall:.1f} s wall under the profiler "
        f"({report.summary()}).\n\n"
        "**inspectkg functions by inclusive time** (time spent in the function and everything it calls):\n\n"
        + table(["function", "module", "seconds", "share"], incl_rows)
        + "\n\n**Top functions by own time** (any library):\n\n"
        + table(["function", "module", "seconds", "share"], own_rows)
    )
