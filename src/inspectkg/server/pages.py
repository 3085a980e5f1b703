"""The explorer's pages rendered inside a query worker, under the server's time and memory limits.

The server forwards a page request (``/``, ``/search``, ``/id/...``, ``/graph/...``,
``/queries/...``) to a worker as ``{"op": "page", "route": name, "groups": {...}, ...}``;
the worker calls the same handler as ``serve --get`` would, with a :class:`WorkerApp`
whose store is the worker's read-only snapshot, and sends back the response.  A page
that runs past the time limit is stopped with its worker, like a query.
"""

from __future__ import annotations

from ..store.embedded import Store
from ..sparql.tables import Table
from .app import Request
from .pool import QueryRefused
from .worker import execute


class SnapshotStore:
    """The read-only snapshot the worker has open, with the Store methods the pages use."""

    def __init__(self, raw):
        self._store = raw
        self.path = None
        self.read_only = True

    raw = Store.raw
    query = Store.query
    quads = Store.quads
    documents = Store.documents
    documents_from = Store.documents_from
    has_graph = Store.has_graph
    __len__ = Store.__len__


class WorkerApp:
    """What a page handler needs of the App: the store and ``select`` with the row limit."""

    def __init__(self, raw, max_rows: int):
        self.store = SnapshotStore(raw)
        self.max_rows = max_rows

    def select(self, sparql: str) -> Table:
        import pyoxigraph

        answer = execute(self.store.raw, sparql, self.max_rows)
        if not answer["ok"]:
            raise QueryRefused(answer["status"], answer["message"])
        if answer["kind"] != "solutions":
            raise QueryRefused(400, "expected a SELECT query")
        solutions = pyoxigraph.parse_query_results(answer["body"], format=pyoxigraph.QueryResultsFormat.JSON)
        return Table.from_solutions(solutions)


class _Match:
    def __init__(self, groups: dict[str, str | None]):
        self.groups = groups

    def group(self, name: str):
        return self.groups.get(name)


def render(raw, request: dict) -> dict:
    """Run one page handler on the snapshot; the answer the pool turns back into a Response."""
    from ..web.routes import PAGES

    handler = PAGES[request["route"]]
    app = WorkerApp(raw, int(request.get("max_rows", 10000)))
    response = handler(app, Request(request["method"], request["target"], dict(request["headers"])),
                       _Match(request.get("groups") or {}))
    return {"ok": True, "kind": "page", "status": response.status, "content_type": response.content_type,
            "body": response.body, "headers": dict(response.headers or {})}
