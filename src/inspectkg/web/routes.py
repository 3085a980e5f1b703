"""Every route of ``inspectkg serve``, in ONE list: :data:`ROUTES` (add a line to add a page).

    Page("/forces", lists.forces, "forces")                     # a page: rendered in a query worker
    Page("/search", search.render, "search", query=("q",))      # query-string arguments it takes
    Endpoint("/sparql", sparql.sparql, ("GET", "POST"))         # runs in the server (reads via workers)

**The page contract.**  A page is a plain function ``render(store, **args)`` that returns

- ``(template_name, context)``: a Jinja2 template in ``web/templates/`` that extends
  ``base.html`` and fills ``{% block title %}`` and ``{% block main %}`` (autoescaped;
  ``context["active"]`` names the nav item to mark: home, forces, people, inspections,
  documents, queries, sparql); or
- a ``str`` of HTML made by ``web.templating.render(template, **context)``; or
- a :class:`~inspectkg.web.response.Reply` for another status or media type (JSON, Turtle).

It raises ``HttpError(status, message)`` (``web.response``) for a 404 and the like.
``args`` are the path's parameters (``{key:path}``), the query-string parameters listed
in ``query`` (``None`` when absent; ``query="*"`` passes them all as ``params``), and
``accept`` (the Accept header) when ``accept=True``, and ``folder`` (the saved queries'
folder of ``serve --queries``, or None) when ``render`` has a parameter of that name.  A page runs inside a query worker
(the server's time and memory limits; a read-only snapshot of the store), so it must
not touch the network or global state; it reads the store through ``web.data.Lookup``
or SPARQL with bound values (``substitutions``), never request text spliced into a
query.  ``store.select(sparql)`` runs a SELECT under the row limit
(``sparql.queries.run(saved, params, store)`` works).  Links to an entity are
``/id/<key>`` (the ``path`` filter); a fact links to its source span
``/id/doc/<id>#span-<start>-<end>``.  Security headers and the length are added by the server.
The nav bar (``templating.NAV``: Home, Forces, People, Inspections, Documents, Queries,
SPARQL) shows an item once its path is a route here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..server import api, sparql
from .pages import entity, home, network, saved, search, yasgui
from .pages import force, inspection, lists, matrix, person  # the research pages


@dataclass(frozen=True)
class Page:
    """An HTML (or other) page rendered from the store, in a query worker."""

    path: str  # Starlette path syntax: "/id/{key:path}"
    render: Callable
    name: str
    query: tuple[str, ...] | str = ()  # query-string arguments passed to render; "*": all, as params=
    accept: bool = False  # pass the Accept header as accept=
    in_worker: bool = True  # False: a page that does not read the store (rendered in the server)


@dataclass(frozen=True)
class Endpoint:
    """A handler run in the server process: ``handler(app, request) -> Response`` (Starlette)."""

    path: str
    handler: Callable
    methods: tuple[str, ...] = ("GET",)


ROUTES: list[Page | Endpoint] = [
    # the SPARQL 1.1 endpoint, the Graph Store and the REST API over the saved queries
    Endpoint("/sparql", sparql.sparql, ("GET", "POST")),
    Endpoint("/store", sparql.graph_store, ("GET", "PUT", "POST", "DELETE")),
    Endpoint("/api/queries", api.list_queries),
    Endpoint("/api/openapi.json", api.openapi_json),
    Endpoint("/api/queries/{name}", api.run_query),
    # the explorer
    Page("/", home.render, "home"),
    Page("/search", search.render, "search", query=("q",)),
    Page("/forces", lists.forces, "forces", query=("page",)),
    Page("/people", lists.people, "people", query=("page",)),
    Page("/inspections", lists.inspections, "inspections", query=("page",)),
    Page("/documents", lists.documents, "documents", query=("page",)),
    Page("/matrix", matrix.render, "matrix", query=("sort", "order")),
    Page("/id/force/{name}", force.page, "force", query=("format",), accept=True),
    Page("/id/person/{name}", person.page, "person", query=("format",), accept=True),
    Page("/id/inspection/{rest:path}", inspection.page, "inspection", query=("format",), accept=True),
    Page("/id/{key:path}", entity.show, "entity", query=("format",), accept=True),
    Page("/graph/{key:path}.json", network.show_json, "graph-json", query=("depth",)),
    Page("/graph/{key:path}", network.show, "graph", query=("depth",)),
    Page("/queries", saved.gallery, "queries"),
    Page("/queries/{name}", saved.results, "query", query="*"),
    Page("/sparql-editor", yasgui.show, "sparql-editor"),
    Page("/query", yasgui.show, "query-editor"),
]

PAGES = {route.name: route for route in ROUTES if isinstance(route, Page)}
