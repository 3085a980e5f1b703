"""``inspectkg serve``: a read-only SPARQL endpoint, REST API and web explorer over the store.

    app = create_app(Store(path), Settings(timeout=10, max_rows=10000))
    serve_forever(app, "127.0.0.1", 8000)      # or get(app, "/api/queries")
    app.close()

``App`` is an ASGI app (Starlette, served by uvicorn) whose routes are the one list
``inspectkg.web.routes.ROUTES``: ``/sparql`` and ``/store`` (:mod:`.sparql`), ``/api/...``
(:mod:`.api`) and the explorer's pages (rendered in a worker, :mod:`.pages`).
Queries run in killable worker processes over a snapshot of the store (see ``pool``);
failures are :class:`HttpError` (a status and a sentence).
"""

from importlib import import_module

# imported on first use: a query worker imports inspectkg.server.worker and needs none of the web stack
_HOMES = {"App": "app", "Request": "app", "Settings": "app", "create_app": "app", "HttpError": "errors",
          "get": "http", "make_server": "http", "running": "http", "serve_forever": "http"}
__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name in _HOMES:
        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
