"""The explorer's routes on the server's App (``register(app)``, listed in ROUTE_MODULES).

    /                      counts and latest documents
    /search?q=             names and aliases
    /id/<key>              an entity (HTML, or Turtle / JSON-LD by Accept or ?format=)
    /id/doc/<id>           a document with its spans marked
    /graph/<key>           an entity's neighbourhood as SVG
    /queries, /queries/<name>?...   saved-query gallery and results
    /sparql-editor (/query)         SPARQL editor over /sparql
    /static/<file>         CSS, JS, icon
"""

from __future__ import annotations

from importlib import resources
from urllib.parse import unquote

from pyoxigraph import NamedNode

from .. import iris
from ..sparql import queries
from .data import Lookup
from .html import esc, page
from .pages import document, editor, entity, graphview, home, saved, search
from .rdf import describe, negotiate, serialize
from .response import HttpError, Response

STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".svg": "image/svg+xml"}


def error_page(status: int, message: str) -> Response:
    titles = {400: "Bad request", 404: "Not found", 500: "Server error"}
    title = titles.get(status, "Error")
    body = f'<h1>{esc(title)}</h1><p class="error">{esc(message)}</p><p><a href="/">Home</a> · <a href="/search">Search</a></p>'
    return Response.html(page(title, body), status)


def _html(handler):
    """Answer HttpError (and anything unexpected) with an HTML error page."""

    def wrapped(app, request, match):
        try:
            return handler(app, request, match)
        except HttpError as exc:
            return error_page(exc.status, exc.message)
        except Exception as exc:  # noqa: BLE001 - a page error must still be a page
            status = getattr(exc, "status", None)
            if isinstance(status, int) and hasattr(exc, "message"):
                return error_page(status, str(exc.message))
            return error_page(500, f"{type(exc).__name__}: {exc}")

    wrapped.__name__ = handler.__name__
    return wrapped


def _in_worker(handler):
    """Serve the page from a query worker (the server's time and memory limits) when the app has one.

    The worker calls the same handler (from :data:`PAGES`) on its read-only snapshot;
    ``serve --get`` and the tests' in-process apps without workers call it here.
    """

    def forwarded(app, request, match):
        pool = getattr(app, "pool", None)
        if pool is None:
            return handler(app, request, match)
        answer = pool.call({"op": "page", "route": handler.__name__, "method": request.method,
                            "target": request.target, "headers": dict(request.headers),
                            "groups": match.groupdict(), "max_rows": app.settings.max_rows})
        return Response(answer["status"], answer["content_type"], answer["body"], answer["headers"])

    forwarded.__name__ = handler.__name__
    return forwarded


def _node(key: str, lookup: Lookup) -> str:
    key = unquote(key).strip("/")
    try:
        node = NamedNode(iris.BASE + key).value
    except ValueError:
        raise HttpError(404, f"not an identifier: {key}") from None
    if not key or not lookup.exists(node):
        raise HttpError(404, f"nothing is known about ikd:{key}")
    return node


@_html
def home_page(app, request, match):
    return Response.html(home.render(app.store))


@_html
def search_page(app, request, match):
    return Response.html(search.render(app.store, request.arg("q") or ""))


@_html
def entity_page(app, request, match):
    node = _node(match.group("key"), Lookup(app.store))
    media = negotiate(request.header("accept"), request.arg("format"))
    if not media:
        raise HttpError(400, "format must be one of ttl, jsonld, nt")
    if media != "text/html":
        body, content_type = serialize(describe(app.store, node), media)
        return Response(200, content_type, body, {"Vary": "Accept"})
    kind = Lookup(app.store).kind(node)
    html = document.render(app.store, node) if kind == "document" else entity.render(app.store, node)
    response = Response.html(html)
    response.headers["Vary"] = "Accept"
    return response


@_html
def graph_page(app, request, match):
    node = _node(match.group("key"), Lookup(app.store))
    return Response.html(graphview.render(app.store, node))


@_html
def gallery_page(app, request, match):
    return Response.html(saved.gallery(app.store))


@_html
def query_page(app, request, match):
    found = queries.load_all().get(match.group("name"))
    if found is None:
        raise HttpError(404, f"no saved query called {match.group('name')!r}")
    given = {k: v[0] for k, v in request.query.items()}
    status, html = saved.results(app, found, given)
    return Response.html(html, status)


@_html
def editor_page(app, request, match):
    return Response.html(editor.render(request.arg("query")))


def static_file(app, request, match):
    name = match.group("name")
    suffix = name[name.rfind("."):]
    target = resources.files(__package__).joinpath("static", name)
    if suffix not in STATIC_TYPES or not target.is_file():
        return error_page(404, f"no static file {name}")
    return Response(200, STATIC_TYPES[suffix], target.read_bytes(), {"Cache-Control": "max-age=300"})


def favicon(app, request, match):
    data = resources.files(__package__).joinpath("static", "favicon.svg").read_bytes()
    return Response(200, "image/svg+xml", data, {"Cache-Control": "max-age=86400"})


# pages that read the store: rendered in a query worker (see inspectkg.server.pages)
PAGES = {page.__name__: page for page in (home_page, search_page, entity_page, graph_page, gallery_page, query_page)}


def register(app) -> None:
    app.add_route("GET", r"/", _html(_in_worker(home_page)))
    app.add_route("GET", r"/search", _html(_in_worker(search_page)))
    app.add_route("GET", r"/id/(?P<key>.+)", _html(_in_worker(entity_page)))
    app.add_route("GET", r"/graph/(?P<key>.+)", _html(_in_worker(graph_page)))
    app.add_route("GET", r"/queries/?", _html(_in_worker(gallery_page)))
    app.add_route("GET", r"/queries/(?P<name>[a-z0-9-]+)", _html(_in_worker(query_page)))
    app.add_route("GET", r"/(?:sparql-editor|query)", editor_page)
    app.add_route("GET", r"/static/(?P<name>[a-z0-9][a-z0-9.-]*)", static_file)
    app.add_route("GET", r"/favicon\.ico", favicon)
