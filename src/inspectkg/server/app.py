"""The server's core: requests, responses, a route table, and the store behind them.

Routes are pluggable: a module with ``register(app)`` adds its handlers, and
:data:`ROUTE_MODULES` lists the ones ``create_app`` loads (the SPARQL endpoint,
the REST API; a web explorer adds itself with one more line).  A handler gets
a :class:`Request` and the regex match of its path and returns anything with
``status``, ``content_type``, ``body`` and ``headers`` (this module's
:class:`Response`, or ``inspectkg.web.response.Response``).  An exception with
``status`` and ``message`` attributes becomes a JSON error with that status.

Handlers read the store through ``app.select(sparql) -> Table`` or
``app.run_query(sparql)`` (a killable worker, with the time and row limits),
or ``app.store`` directly (in-process, no limits; for cheap lookups only).
"""

from __future__ import annotations

import hmac
import importlib
import json
import re
import threading
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from ..errors import InspectkgError
from ..sparql.tables import Table
from .pool import Answer, QueryRefused, Snapshots, WorkerPool

ROUTE_MODULES = ["inspectkg.server.sparql", "inspectkg.server.api", "inspectkg.web"]
JSON_TYPE = "application/json; charset=utf-8"
# reads are public: any page may query the endpoint (YASGUI and the like); writes need the bearer
# token, which a browser never sends on its own, and Authorization is not an allowed header
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "Content-Length, Retry-After"}


@dataclass
class Request:
    method: str
    target: str  # path and query string as sent
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""

    @property
    def path(self) -> str:
        return urlsplit(self.target).path or "/"

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.target).query, keep_blank_values=True)

    def arg(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name.lower(), default)


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, data, status: int = 200) -> "Response":
        return cls(status, JSON_TYPE, json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"))

    @classmethod
    def error(cls, status: int, message: str, **headers: str) -> "Response":
        response = cls.json({"error": message, "status": status}, status)
        response.headers.update(headers)
        return response


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
    socket_timeout: float = 30.0  # a client that does not read its answer is dropped after this (per write)
    header_timeout: float = 10.0  # the request line and headers must arrive within this, in all
    body_timeout: float = 30.0  # the body must arrive within this, in all, once the headers have
    max_pending: int = 1024  # connections waiting for their headers; past this the oldest is dropped


@dataclass
class Route:
    methods: tuple[str, ...]
    pattern: re.Pattern
    handler: object


class App:
    def __init__(self, store, settings: Settings | None = None):
        self.store = store
        self.settings = settings or Settings()
        self.routes: list[Route] = []
        self.snapshots = Snapshots(store)
        self.pool = WorkerPool(self.snapshots, size=self.settings.workers, timeout=self.settings.timeout,
                               max_rows=self.settings.max_rows, max_bytes=self.settings.max_result_bytes,
                               memory=self.settings.worker_memory)
        self.write_lock = threading.Lock()

    # --- routing --------------------------------------------------------------------

    def add_route(self, methods, pattern: str, handler) -> None:
        """Add a handler for a path regex (full match); earlier routes win."""
        methods = (methods,) if isinstance(methods, str) else tuple(methods)
        self.routes.append(Route(tuple(m.upper() for m in methods), re.compile(pattern), handler))

    def route(self, methods, pattern: str):
        def decorate(handler):
            self.add_route(methods, pattern, handler)
            return handler
        return decorate

    def handle(self, request: Request):
        """The route's response, with the CORS header every reply carries (the data is public)."""
        response = self._route(request)
        response.headers = {**CORS, **(response.headers or {})}
        return response

    def _preflight(self, request: Request):
        """A CORS preflight (OPTIONS): which methods and headers a page elsewhere may use here."""
        methods = {m for route in self.routes if route.pattern.fullmatch(request.path) for m in route.methods}
        if not methods:
            return Response.error(404, f"no such resource: {request.path}")
        methods = sorted(methods & {"GET", "POST"} | ({"HEAD"} if "GET" in methods else set()) | {"OPTIONS"})
        return Response(204, "text/plain", b"", {
            "Allow": ", ".join(methods), "Access-Control-Allow-Methods": ", ".join(methods),
            "Access-Control-Allow-Headers": "Accept, Content-Type", "Access-Control-Max-Age": "600"})

    def _route(self, request: Request):
        if request.method == "OPTIONS":
            return self._preflight(request)
        allowed: set[str] = set()
        for route in self.routes:
            match = route.pattern.fullmatch(request.path)
            if not match:
                continue
            methods = set(route.methods) | ({"HEAD"} if "GET" in route.methods else set())
            if request.method not in methods:
                allowed |= methods
                continue
            try:
                return route.handler(self, request, match)
            except QueryRefused as exc:
                extra = {"Retry-After": "1"} if exc.status == 503 else {}
                return Response.error(exc.status, exc.message, **extra)
            except InspectkgError as exc:
                return Response.error(getattr(exc, "http_status", 400), str(exc))
            except Exception as exc:  # noqa: BLE001 - one bad request must not stop the server
                status = getattr(exc, "status", None)
                if isinstance(status, int) and hasattr(exc, "message"):
                    return Response.error(status, str(exc.message))
                return Response.error(500, f"internal error: {type(exc).__name__}: {exc}")
        if allowed:
            return Response.error(405, f"method {request.method} not allowed here",
                                  Allow=", ".join(sorted(allowed)))
        return Response.error(404, f"no such resource: {request.path}; see /api/queries, /api/openapi.json, /sparql")

    # --- reading and writing ----------------------------------------------------------

    def run_query(self, sparql: str, *, max_rows: int | None = None, default_graphs=None,
                  named_graphs=None, accept: str | None = None, format_arg: str | None = None) -> Answer:
        """A query through a worker: guarded, under the time, row and memory limits (see WorkerPool.run)."""
        return self.pool.run(sparql, max_rows=max_rows, default_graphs=default_graphs, named_graphs=named_graphs,
                             accept=accept, format_arg=format_arg)

    def select(self, sparql: str) -> Table:
        """A SELECT through a worker, as a Table (the target type of sparql.queries.run)."""
        import pyoxigraph

        answer = self.run_query(sparql)
        if answer.kind != "solutions":
            raise QueryRefused(400, "expected a SELECT query")
        solutions = pyoxigraph.parse_query_results(answer.body, format=pyoxigraph.QueryResultsFormat.JSON)
        return Table.from_solutions(solutions)

    def authorise_write(self, request: Request):
        """None if the request may write, else the refusal Response."""
        if not self.settings.allow_update or not self.settings.token:  # no token set: nobody may write
            return Response.error(403, "this server is read-only (start it with --allow-update --token T)")
        given = request.header("authorization")
        if not given.startswith("Bearer "):
            return Response.error(401, "updates need 'Authorization: Bearer <token>'",
                                  **{"WWW-Authenticate": 'Bearer realm="inspectkg"'})
        if not hmac.compare_digest(given[7:].strip().encode(), (self.settings.token or "").encode()):
            return Response.error(403, "wrong token")
        return None

    def write(self, sparql_update: str, *, check: bool = True) -> None:
        """Run an update on the store (serialised), then remake the workers' snapshot.

        The engine reads the update first in a worker cut off from the network (a LOAD it
        would run is refused there), then runs it here on the store.
        """
        if check:  # False only for updates this server wrote itself from parsed data
            self.pool.check_update(sparql_update)
        with self.write_lock:
            try:
                self.store.raw.update(sparql_update)
            except SyntaxError as exc:
                raise QueryRefused(400, f"SPARQL syntax error: {exc}") from None
            except (OSError, ValueError, RuntimeError) as exc:
                raise QueryRefused(400, f"update failed: {exc}") from None
            self.snapshots.invalidate()

    def close(self) -> None:
        self.pool.close()
        self.snapshots.close()


def create_app(store, settings: Settings | None = None, modules=None) -> App:
    """An App over an open (read-write, on-disk) Store with the route modules registered."""
    app = App(store, settings)
    try:
        for name in modules if modules is not None else ROUTE_MODULES:
            importlib.import_module(name).register(app)
    except BaseException:
        app.close()
        raise
    return app
