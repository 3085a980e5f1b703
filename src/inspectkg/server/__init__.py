"""``inspectkg serve``: a read-only SPARQL endpoint and REST API over the store.

    app = create_app(Store(path), Settings(timeout=10, max_rows=10000))
    serve_forever(app, "127.0.0.1", 8000)      # or get(app, "/api/queries")
    app.close()

Routes come from the modules in ``app.ROUTE_MODULES`` (each has ``register(app)``):
``sparql`` (``/sparql``, ``/store``) and ``api`` (``/api/queries``, ``/api/openapi.json``).
Queries run in killable worker processes over a snapshot of the store (see ``pool``).
It serves and never writes unless ``--allow-update`` and a token say so; it must
not reach the network from a query, nor hold query logic of its own (saved
queries describe and run themselves in :mod:`inspectkg.sparql`).
"""

from .app import ROUTE_MODULES, App, Request, Response, Settings, create_app
from .http import get, make_server, running, serve_forever

__all__ = ["App", "Request", "Response", "Settings", "create_app", "get", "make_server", "running", "serve_forever",
           "ROUTE_MODULES"]
