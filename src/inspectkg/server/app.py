"""The server's core: the store, its query workers, the settings, and the ASGI app over them.

    app = create_app(Store(path), Settings(timeout=10, max_rows=10000))
    reply = app.handle(Request("GET", "/api/queries"))   # in-process, no socket (serve --get)
    app.close()

``App`` is an ASGI application (``await app(scope, receive, send)``; uvicorn serves
it, see :mod:`.http`) built from the one route list, ``inspectkg.web.routes.ROUTES``
(see :mod:`.asgi`).  Handlers read the store through ``app.select(sparql) -> Table``
or ``app.run_query(sparql)`` (a killable worker, with the time and row limits);
the explorer's pages run whole in a worker (:mod:`.pages`).  Failures are
:class:`~.errors.HttpError` (a status and a sentence).
"""

from __future__ import annotations

import asyncio
import hmac
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from starlette.datastructures import Headers

from ..sparql.tables import Table
from ..web.response import Reply
from .errors import HttpError
from .pool import Answer, Limits, Snapshots, WorkerPool
from .worker import Dataset


@dataclass
class Request:
    """A request handled in-process (:meth:`App.handle`): no socket, same app."""

    method: str
    target: str  # path and query string as sent
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass(frozen=True)
class Settings:
    timeout: float = 10.0
    max_rows: int = 10000
    workers: int = 2
    allow_update: bool = False
    token: str | None = None
    max_body: int = 64 * 1024 * 1024
    max_result_bytes: int = 64 * 1024 * 1024  # a bigger serialised result is refused, never truncated
    worker_memory: int = 2 * 1024 * 1024 * 1024  # address-space cap of each query worker (bytes)
    max_connections: int = 64  # requests handled at once (head received); more get 503 at once
    socket_timeout: float = 30.0  # a connection idle this long between requests is closed
    header_timeout: float = 10.0  # the request line and headers must arrive within this, in all
    body_timeout: float = 30.0  # the body must arrive within this, in all, once the headers have
    max_pending: int = 1024  # connections open at once (most of them waiting for a head); past this, refused


class App:
    def __init__(self, store, settings: Settings | None = None):
        self.store = store
        self.settings = settings or Settings()
        self.queries_folder: Path | None = None  # serve --queries DIR
        self.snapshots = Snapshots(store)
        limits = Limits(timeout=self.settings.timeout, max_rows=self.settings.max_rows,
                        max_bytes=self.settings.max_result_bytes, memory=self.settings.worker_memory)
        self.pool = WorkerPool(self.snapshots, limits, size=self.settings.workers)
        self.write_lock = threading.Lock()
        from .asgi import build

        self.asgi = build(self)

    async def __call__(self, scope, receive, send) -> None:
        await self.asgi(scope, receive, send)

    def handle(self, request: Request) -> Reply:
        """One request through the whole app, in-process (what ``serve --get`` prints)."""
        return asyncio.run(_in_process(self, request))

    # --- reading and writing ----------------------------------------------------------

    def run_query(self, sparql: str, *, max_rows: int | None = None, dataset: Dataset = Dataset(),
                  accept: str | None = None, format_arg: str | None = None) -> Answer:
        """A query through a worker: guarded, under the time, row and memory limits (see WorkerPool.run)."""
        return self.pool.run(sparql, max_rows=max_rows, dataset=dataset, accept=accept, format_arg=format_arg)

    def select(self, sparql: str) -> Table:
        """A SELECT through a worker, as a Table (the target type of sparql.queries.run)."""
        import pyoxigraph

        answer = self.run_query(sparql)
        if answer.kind != "solutions":
            raise HttpError(400, "expected a SELECT query")
        solutions = pyoxigraph.parse_query_results(answer.body, format=pyoxigraph.QueryResultsFormat.JSON)
        return Table.from_solutions(solutions)

    def authorise_write(self, authorization: str) -> None:
        """Raise HttpError unless a request with this Authorization header may write."""
        if not self.settings.allow_update or not self.settings.token:  # no token set: nobody may write
            raise HttpError(403, "this server is read-only (start it with --allow-update --token T)")
        if not authorization.startswith("Bearer "):
            raise HttpError(401, "updates need 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": 'Bearer realm="inspectkg"'})
        if not hmac.compare_digest(authorization[7:].strip().encode(), (self.settings.token or "").encode()):
            raise HttpError(403, "wrong token")

    def write(self, sparql_update: str, *, check: bool = True) -> None:
        """Run an update on the store (serialised), then remake the workers' snapshot.

        A client's update (``check``) is first run by a worker cut off from the network on a
        writable copy of the store, under the time and memory limits: one that would run past
        them, or reach the network (LOAD), is refused (422 / 400) before the store is touched,
        so the store only ever runs updates that have just ended in time on the same data.
        Updates this server wrote itself from parsed data (Graph Store) skip the trial.
        """
        if check:  # the engine's reading on an empty store first: refuses a LOAD before any copy is made
            self.pool.check_update(sparql_update)
        with self.write_lock:
            if check:
                self._trial(sparql_update)
            try:
                self.store.raw.update(sparql_update)
            except SyntaxError as exc:
                raise HttpError(400, f"SPARQL syntax error: {exc}") from None
            except (OSError, ValueError, RuntimeError) as exc:
                raise HttpError(400, f"update failed: {exc}") from None
            self.snapshots.invalidate()

    def _trial(self, sparql_update: str) -> None:
        folder = Path(tempfile.mkdtemp(prefix="update-", dir=self.snapshots.folder))
        try:
            self.store.raw.backup(str(folder / "copy"))  # hard links: cheap
            self.pool.try_update(sparql_update, str(folder / "copy"))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        self.pool.close()
        self.snapshots.close()


async def _in_process(app: App, request: Request) -> Reply:
    """Drive the ASGI app with one request and collect its reply."""
    parts = urlsplit(request.target)
    headers = [(k.lower().encode("latin-1"), str(v).encode("latin-1")) for k, v in request.headers.items()]
    if request.body and not any(k == b"content-length" for k, _ in headers):
        headers.append((b"content-length", str(len(request.body)).encode()))
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": request.method.upper(),
             "scheme": "http", "path": unquote(parts.path or "/"), "raw_path": (parts.path or "/").encode(),
             "query_string": parts.query.encode(), "root_path": "", "headers": headers,
             "client": ("127.0.0.1", 0), "server": ("127.0.0.1", 0), "state": {}}
    pending = [{"type": "http.request", "body": request.body, "more_body": False}]
    reply = Reply(500, "", b"")

    async def receive():
        return pending.pop(0) if pending else {"type": "http.disconnect"}

    async def send(message):
        if message["type"] == "http.response.start":
            reply.status = message["status"]
            reply.headers = Headers(raw=[(k.lower(), v) for k, v in message.get("headers", [])])  # any case
            reply.content_type = reply.headers.get("Content-Type", "")
        elif message["type"] == "http.response.body":
            reply.body += message.get("body", b"")

    await app(scope, receive, send)
    return reply


def create_app(store, settings: Settings | None = None) -> App:
    """An App over an open (read-write, on-disk) Store, with every route of web.routes.ROUTES."""
    return App(store, settings)
