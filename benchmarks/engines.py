"""Drive a :mod:`benchmarks.query_worker`: load once, time queries, kill on a timeout."""

from __future__ import annotations

import json
import select
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

from .saved_queries import BenchQuery

SLOW_S = 10.0  # a first run slower than this is the only run


@dataclass
class Timing:
    median_s: float | None = None
    runs: int = 0
    rows: int | None = None
    note: str = ""


class Engine:
    def __init__(self, engine: str, location: str, *, load_timeout: float, query_timeout: float):
        self.engine, self.location = engine, location
        self.load_timeout, self.query_timeout = load_timeout, query_timeout
        self.proc: subprocess.Popen | None = None
        self.loaded: dict = {}

    def start(self) -> dict:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.query_worker", self.engine, self.location],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        line = self._readline(self.load_timeout)
        if line is None:
            self.stop()
            raise TimeoutError(f"{self.engine}: loading took more than {self.load_timeout:.0f} s")
        self.loaded = json.loads(line)
        return self.loaded

    def _readline(self, timeout: float) -> str | None:
        assert self.proc is not None and self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"{self.engine} worker died (exit {self.proc.wait()})")
        return line

    def _ask(self, query: BenchQuery, reps: int) -> dict | None:
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"sparql": query.sparql, "bindings": query.bindings, "reps": reps}) + "\n")
        self.proc.stdin.flush()
        line = self._readline(self.query_timeout * reps)
        return None if line is None else json.loads(line)

    def time(self, query: BenchQuery, reps: int) -> Timing:
        """The median of ``reps`` runs (the first included); one run if the first was slow."""
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        try:
            times, rows = [], None
            for _ in range(reps):
                answer = self._ask(query, 1)
                if answer is None:
                    self.stop()
                    return Timing(note=f"> {self.query_timeout:.0f} s (killed)")
                if "error" in answer:
                    return Timing(note=answer["error"])
                times += answer["times"]
                rows = answer["rows"]
                if times[0] > SLOW_S:
                    break
            return Timing(statistics.median(times), len(times), rows)
        except RuntimeError as exc:
            self.stop()
            return Timing(note=str(exc))

    def stop(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            self.proc = None

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def wait_for(predicate, timeout: float, step: float = 0.1) -> bool:
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        if predicate():
            return True
        time.sleep(step)
    return False
