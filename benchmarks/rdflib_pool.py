"""rdflib loaded once, each query run in a forked child that is killed at its timeout.

    python -m benchmarks.rdflib_pool EXPORT.nq

The engine is :func:`benchmarks.query_worker._rdflib` (``Dataset(default_union=True)``
parsed from N-Quads, the same code ``benchmarks.run`` times). rdflib cannot cancel a
query, and at 10k documents it takes minutes and ~10 GB to load, so a query that
overruns must not cost a reload: this process loads once, then forks one child per
query (copy-on-write; ``gc.freeze()`` first so the collector does not touch every
page) and kills the child when its time is up. Only the pages a child writes are
copied, so a killed whole-graph query may still add some GB while it runs.

First line out: ``{"loaded_s", "quads", "rss_kb"}``. Then, per JSON line in
(``{"sparql", "reps", "timeout"}``), one JSON line out: ``{"times": [...], "rows": n}``,
``{"timeout": s, "times": [...]}`` (runs finished before the kill) or ``{"error": "..."}``.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
import time

from .engines import SLOW_S
from .measure import rss_self_kb
from .query_worker import _rdflib


def _child(run, job: dict, fd: int) -> None:
    out = os.fdopen(fd, "w")
    try:
        for i in range(int(job.get("reps", 1))):
            t = time.perf_counter()
            rows = run(job["sparql"], {})
            elapsed = time.perf_counter() - t
            out.write(json.dumps({"time": elapsed, "rows": rows}) + "\n")
            out.flush()
            if i == 0 and elapsed > SLOW_S:
                break
    except Exception as exc:  # report, the parent goes on
        out.write(json.dumps({"error": f"{type(exc).__name__}: {str(exc)[:300]}"}) + "\n")
    out.flush()


def run_job(run, job: dict) -> dict:
    """Run one job in a forked child; kill it when ``timeout`` seconds (per run) are up."""
    timeout = float(job.get("timeout", 60))
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, report, exit without running the parent's cleanup
        os.close(read_fd)
        code = 0
        try:
            _child(run, job, write_fd)
        except BaseException:
            code = 1
        os._exit(code)
    os.close(write_fd)
    times, rows, error = [], None, None
    buffer = b""
    import select

    deadline = time.monotonic() + timeout
    timed_out = False
    with os.fdopen(read_fd, "rb") as pipe:
        while True:
            left = deadline - time.monotonic()
            ready = select.select([pipe], [], [], max(left, 0))[0] if left > 0 else []
            if not ready:
                timed_out = True
                os.kill(pid, signal.SIGKILL)
                break
            chunk = os.read(pipe.fileno(), 65536)
            if not chunk:
                break
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                msg = json.loads(line)
                if "error" in msg:
                    error = msg["error"]
                else:
                    times.append(msg["time"])
                    rows = msg["rows"]
                    deadline = time.monotonic() + timeout  # each run gets its own timeout
    os.waitpid(pid, 0)
    if error:
        return {"error": error}
    if timed_out:
        return {"timeout": timeout, "times": times, "rows": rows}
    return {"times": times, "rows": rows}


def main() -> None:
    location = sys.argv[1]
    start = time.perf_counter()
    run, quads = _rdflib(location)
    gc.collect()
    gc.freeze()  # forked children then leave the loaded graph's pages shared
    print(json.dumps({"loaded_s": time.perf_counter() - start, "quads": quads, "rss_kb": rss_self_kb()}),
          flush=True)
    for line in sys.stdin:
        print(json.dumps(run_job(run, json.loads(line))), flush=True)


if __name__ == "__main__":
    main()
