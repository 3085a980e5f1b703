"""Bounded query execution: a snapshot of the store and a few killable worker processes.

Why this shape.  pyoxigraph cannot cancel a running query, so a query that
must end within the time limit has to run in a process we can kill.  The server
process opens the store read-write — so it holds RocksDB's lock and ``inspectkg
build`` stops at once with "the store is in use ... 'inspectkg serve'" — and
makes a ``backup()`` of it (hard links on the same file system, so cheap).
Each worker opens that snapshot read-only: no process ever reads a database
that another one writes, which pyoxigraph calls undefined behaviour.  After an
accepted update the snapshot is marked stale and remade before the next read.
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from . import worker as worker_mod


class QueryRefused(Exception):
    """An error with an HTTP status: 400 bad query, 503 busy / too big, 504 too slow."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Answer:
    kind: str  # solutions, boolean, graph
    body: bytes


class Snapshots:
    """Read-only copies of the store for the workers, remade after writes."""

    def __init__(self, store):
        self.store = store
        base = store.path.parent if store.path is not None else None
        name = store.path.name if store.path is not None else "memory"
        self.folder = Path(tempfile.mkdtemp(prefix=f".{name}-serve-", dir=base))
        self.generation = 0
        self.current: Path | None = None
        self.stale = True
        self._lock = threading.Lock()

    def path(self) -> str:
        with self._lock:
            if self.stale or self.current is None:
                self.generation += 1
                target = self.folder / f"snapshot-{self.generation}"
                self.store.raw.backup(str(target))
                self.current = target
                self.stale = False
            return str(self.current)

    def invalidate(self) -> None:
        with self._lock:
            self.stale = True

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class _Worker:
    def __init__(self, context, memory: int | None = None):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker_mod.main, args=(child, memory), daemon=True,
                                       name="inspectkg-query-worker")
        self.process.start()
        child.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    def __init__(self, snapshots: Snapshots, *, size: int = 2, timeout: float = 10.0, max_rows: int = 10000,
                 max_bytes: int = 64 * 1024 * 1024, memory: int | None = None):
        self.snapshots = snapshots
        self.timeout = timeout
        self.max_rows = max_rows
        self.max_bytes = max_bytes
        self.memory = memory
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(max(1, size)):
            self._add()

    def _add(self) -> None:
        worker = _Worker(self._context, self.memory)
        with self._lock:
            self._all.add(worker)
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)
        if not self._closed:
            self._add()

    def run(self, sparql: str, *, max_rows: int | None = None) -> Answer:
        """Run a query in a worker; QueryRefused(504) if it runs past the time limit."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryRefused(503, f"all query workers are busy (waited {self.timeout:g} s); try again") from None
        try:
            snapshot = self.snapshots.path()
            worker.conn.send({"sparql": sparql, "snapshot": snapshot, "max_rows": max_rows or self.max_rows,
                              "max_bytes": self.max_bytes})
            if not worker.conn.poll(self.timeout):
                self._replace(worker)
                worker = None
                raise QueryRefused(504, f"the query ran longer than the server's time limit of "
                                        f"{self.timeout:g} s and was stopped")
            answer = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            message = "the query worker stopped unexpectedly; try again"
            if worker is not None:
                worker.process.join(1)
                if worker.process.exitcode == -signal.SIGABRT and self.memory:
                    message = (f"the query needed more memory than a query worker may use "
                               f"({self.memory // 2**20} MiB) and was stopped; narrow the query")
                self._replace(worker)
                worker = None
            raise QueryRefused(503, message) from None
        finally:
            if worker is not None:
                self._idle.put(worker)
        if not answer["ok"]:
            raise QueryRefused(answer["status"], answer["message"])
        return Answer(answer["kind"], answer["body"])

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            try:
                worker.conn.close()
            finally:
                worker.process.kill()
                worker.process.join(5)
