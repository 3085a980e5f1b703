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

from .app import App, Request, Settings, create_app
from .errors import HttpError
from .http import get, make_server, running, serve_forever

__all__ = ["App", "HttpError", "Request", "Settings", "create_app", "get", "make_server", "running", "serve_forever"]
