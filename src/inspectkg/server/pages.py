"""The explorer's pages rendered inside a query worker, under the server's time and memory limits.

The server forwards a page request to a worker as
``{"op": "page", "route": name, "args": {...}, "max_rows": n}``; the worker looks the
page up in ``web.routes.PAGES``, calls ``page.render(store, **args)`` on its read-only
snapshot and sends back the reply as plain data (:func:`render`).  A page that runs
past the time limit is stopped with its worker, like a query.
"""

from __future__ import annotations

from ..store.embedded import Store
from ..sparql.tables import Table
from .errors import HttpError, as_http_error
from .worker import execute


class SnapshotStore:
    """The read-only snapshot the worker has open, with the Store methods the pages use,
    and ``select(sparql) -> Table`` under the server's row limit."""

    def __init__(self, raw, max_rows: int = 10000):
        self._store = raw
        self.path = None
        self.read_only = True
        self.max_rows = max_rows

    raw = Store.raw
    query = Store.query
    quads = Store.quads
    documents = Store.documents
    documents_from = Store.documents_from
    has_graph = Store.has_graph
    __len__ = Store.__len__

    def select(self, sparql: str) -> Table:
        import pyoxigraph

        answer = execute(self.raw, sparql, self.max_rows)
        if not answer["ok"]:
            raise HttpError(answer["status"], answer["message"])
        if answer["kind"] != "solutions":
            raise HttpError(400, "expected a SELECT query")
        solutions = pyoxigraph.parse_query_results(answer["body"], format=pyoxigraph.QueryResultsFormat.JSON)
        return Table.from_solutions(solutions)


def error_reply(status: int, message: str):
    """An HTML error page."""
    from ..web.response import Reply
    from ..web.templating import render as fill

    titles = {400: "Bad request", 404: "Not found", 422: "Too much to show", 503: "Busy", 500: "Server error"}
    headers = {"Retry-After": "1"} if status == 503 else {}
    return Reply.html(fill("error.html", title=titles.get(status, "Error"), message=message), status, **headers)


def as_reply(result):
    """What a page returned ((template, context), HTML text or a Reply) as a Reply."""
    from ..web.response import Reply
    from ..web.templating import render as fill

    if isinstance(result, Reply):
        return result
    if isinstance(result, tuple):
        template, context = result
        return Reply.html(fill(template, **context))
    return Reply.html(str(result))


def run_page(page, store, args: dict):
    """The page's Reply; its HttpError (or any failure) as an HTML error page."""
    try:
        return as_reply(page.render(store, **args))
    except Exception as exc:  # noqa: BLE001 - a page error must still be a page
        error = as_http_error(exc)
        return error_reply(error.status, error.message)


def render(raw, request: dict) -> dict:
    """Run one page on the worker's snapshot; the answer the pool hands back to the server."""
    from ..web.routes import PAGES

    page = PAGES[request["route"]]
    reply = run_page(page, SnapshotStore(raw, int(request.get("max_rows", 10000))), dict(request.get("args") or {}))
    return {"ok": True, "kind": "page", "status": reply.status, "content_type": reply.content_type,
            "body": reply.body, "headers": dict(reply.headers)}
