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
import time
from dataclasses import dataclass
from pathlib import Path

from . import worker as worker_mod
from .errors import HttpError
from .worker import Dataset


@dataclass(frozen=True)
class Answer:
    kind: str  # solutions, boolean, graph
    body: bytes  # SPARQL JSON results or N-Triples, or the client's format when content_type is set
    content_type: str | None = None


@dataclass(frozen=True)
class Limits:
    """What one request may cost a worker: its time, rows, result size and address space (bytes)."""

    timeout: float = 10.0
    max_rows: int = 10000
    max_bytes: int = 64 * 1024 * 1024
    memory: int | None = None


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
        self.hello: dict | None = None

    def greet(self, timeout: float) -> dict:
        """The worker's first message (what isolates it); waits for it once."""
        if self.hello is None:
            if not self.conn.poll(timeout):
                raise TimeoutError("the query worker did not start in time")
            self.hello = self.conn.recv()
        return self.hello

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """Killable worker processes; every request's work runs in one, under the time and memory limits.

    Status codes: 400 a bad or refused request, 422 a query past the time, row or
    result-size limit (the client must narrow it; retrying will not help), 503 all
    workers busy or a worker that died (retrying may help; with Retry-After).
    """

    def __init__(self, snapshots: Snapshots, limits: Limits = Limits(), *, size: int = 2):
        self.snapshots = snapshots
        self.timeout = limits.timeout
        self.max_rows = limits.max_rows
        self.max_bytes = limits.max_bytes
        self.memory = limits.memory
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

    def wait_ready(self, timeout: float = 30.0) -> None:
        """Wait until every worker has started (its hello read)."""
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            worker.greet(timeout)

    def isolation(self, timeout: float = 30.0) -> dict:
        """What cut the workers off the network: {"isolation": [...], "problems": [...]} of one worker."""
        worker = self._idle.get(timeout=timeout)
        try:
            return worker.greet(timeout)
        except (EOFError, OSError, TimeoutError) as exc:
            return {"isolation": [], "problems": [f"a query worker did not start ({exc or type(exc).__name__})"]}
        finally:
            self._idle.put(worker)

    def run(self, sparql: str, *, max_rows: int | None = None, dataset: Dataset = Dataset(),
            accept: str | None = None, format_arg: str | None = None) -> Answer:
        """Run a query in a worker (the guard too); HttpError(422) if it runs past the time limit.

        ``dataset``: the graphs the request names (they win over the query's FROM).  With ``accept`` (an Accept header, maybe empty) the worker also writes the answer in the
        client's format (content negotiation as in :mod:`.formats`), so that work is bounded too.
        """
        return self.call({"op": "query", "sparql": sparql, "max_rows": max_rows or self.max_rows,
                          "max_bytes": self.max_bytes, "default_graphs": dataset.default_graphs,
                          "named_graphs": dataset.named_graphs, "accept": accept, "format": format_arg})

    def check_update(self, sparql: str) -> None:
        """The engine's reading of an update, in a worker cut off from the network; HttpError if refused."""
        self.call({"op": "update-check", "sparql": sparql}, snapshot=False)

    def try_update(self, sparql: str, copy: str) -> None:
        """Run an update on a writable copy of the store in a worker, under the time and memory limits;
        HttpError (422 past a limit, 400 refused) if it would not be applied."""
        self.call({"op": "update-trial", "sparql": sparql, "copy": copy}, snapshot=False)

    def call(self, request: dict, *, snapshot: bool = True):
        """Send one request to a worker: an Answer, or the worker's raw answer for pages."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise HttpError(503, f"all query workers are busy (waited {self.timeout:g} s); try again") from None
        try:
            worker.greet(max(self.timeout, 30.0))
            if snapshot:
                request = {**request, "snapshot": self.snapshots.path()}
            started = time.monotonic()
            worker.conn.send(request)
            if not worker.conn.poll(max(0.0, self.timeout - (time.monotonic() - started))):
                self._replace(worker)
                worker = None
                raise HttpError(422, f"the request ran longer than the server's time limit of "
                                        f"{self.timeout:g} s and was stopped; narrow the query")
            answer = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError, TimeoutError):
            message, status = "the query worker stopped unexpectedly; try again", 503
            if worker is not None:
                worker.process.join(1)
                if worker.process.exitcode == -signal.SIGABRT and self.memory:
                    status = 422
                    message = (f"the request needed more memory than a query worker may use "
                               f"({self.memory // 2**20} MiB) and was stopped; narrow the query")
                self._replace(worker)
                worker = None
            raise HttpError(status, message) from None
        finally:
            if worker is not None:
                self._idle.put(worker)
        if not answer["ok"]:
            raise HttpError(answer["status"], answer["message"], form=answer.get("form"))
        if answer["kind"] == "page":
            return answer
        return Answer(answer["kind"], answer["body"], answer.get("content_type"))

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
