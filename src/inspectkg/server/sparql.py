"""The SPARQL 1.1 Protocol endpoint (``/sparql``) and Graph Store Protocol (``/store``).

Everything that reads a query runs in a killable worker with the server's time,
row and memory limits (:mod:`.worker`), cut off from the network (:mod:`.sandbox`):
SERVICE, LOAD, and FROM / FROM NAMED / USING with an IRI outside this store are
refused (400) by a tokeniser that skips strings, IRIs and comments
(:mod:`inspectkg.sparql.text`), and whatever the engine itself reads as a
remote call is refused when it tries to make it.  The dataset is the union of
all graphs unless the query has FROM / FROM NAMED, or the request
``default-graph-uri`` / ``named-graph-uri`` (which win over the query's).  Writes —
SPARQL UPDATE, Graph Store PUT/POST/DELETE — answer 403 unless the server runs
with ``--allow-update`` and the request carries the bearer token.
"""

from __future__ import annotations

from urllib.parse import parse_qs

import pyoxigraph
from pyoxigraph import NamedNode, RdfFormat

from .app import App, Request, Response
from .formats import choose
from .pool import QueryRefused

_TRIPLE_FORMATS = {
    "application/n-triples": RdfFormat.N_TRIPLES, "text/plain": RdfFormat.N_TRIPLES,
    "text/turtle": RdfFormat.TURTLE, "application/x-turtle": RdfFormat.TURTLE,
}


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise QueryRefused(400, "the request body is not UTF-8") from None


def _operation(request: Request) -> tuple[str | None, str | None, dict[str, list[str]]]:
    """(query, update, parameters) from a GET or POST request."""
    params = request.query
    if request.method in ("GET", "HEAD"):
        if "update" in params:
            raise QueryRefused(400, "an update must be sent with POST")
        return (params.get("query") or [None])[0], None, params
    ctype = request.header("content-type").split(";")[0].strip().lower()
    if ctype == "application/x-www-form-urlencoded":
        form = parse_qs(_text(request.body), keep_blank_values=True)
        merged = {**params, **form}
        return (form.get("query") or [None])[0], (form.get("update") or [None])[0], merged
    if ctype == "application/sparql-query":
        return _text(request.body), None, params
    if ctype == "application/sparql-update":
        return None, _text(request.body), params
    raise QueryRefused(415, f"unsupported content type {ctype or '(none)'}; send a form, "
                            "application/sparql-query or application/sparql-update")


def sparql(app: App, request: Request, match) -> Response:
    if request.method in ("GET", "HEAD") and "update" in request.query:
        return Response.error(405, "an update must be sent with POST", Allow="POST")
    query, update, params = _operation(request)
    if params.get("using-graph-uri") or params.get("using-named-graph-uri"):
        if update is None:
            raise QueryRefused(400, "using-graph-uri and using-named-graph-uri go with an update")
        raise QueryRefused(400, "using-graph-uri / using-named-graph-uri are not supported; "
                                "use USING or GRAPH in the update")
    if update is not None:
        refusal = app.authorise_write(request)
        if refusal is not None:
            return refusal
        app.write(update)
        return Response.json({"ok": True})
    if not query:
        return Response.error(400, "no query: send ?query=… (GET) or a form / application/sparql-query (POST)")
    try:  # the guard, the engine and the answer's format all run in a worker, under the limits
        answer = app.run_query(query, default_graphs=params.get("default-graph-uri"),
                               named_graphs=params.get("named-graph-uri"), accept=request.header("accept"),
                               format_arg=(params.get("format") or [None])[0])
    except QueryRefused as exc:
        if exc.form == "update":  # a read-only server says so, however the update is sent
            refusal = app.authorise_write(request)
            if refusal is not None:
                return refusal
        raise
    return Response(200, answer.content_type, answer.body, {"Vary": "Accept"})


def _graph_of(request: Request) -> NamedNode | None:
    params = request.query
    if "default" in params and "graph" not in params:
        return None
    values = params.get("graph")
    if not values:
        raise QueryRefused(400, "name the graph: ?graph=<IRI> or ?default")
    try:
        return NamedNode(values[0])
    except ValueError:
        raise QueryRefused(400, f"not a valid graph IRI: {values[0]!r}") from None


def graph_store(app: App, request: Request, match) -> Response:
    graph = _graph_of(request)
    if request.method in ("GET", "HEAD"):
        if graph is None:
            raise QueryRefused(400, "GET of the default graph is not offered; name a graph")
        choose("graph", request.header("accept"), request.arg("format"))  # 406 before any work
        answer = app.run_query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}",
                               accept=request.header("accept"), format_arg=request.arg("format"))
        return Response(200, answer.content_type, answer.body)
    refusal = app.authorise_write(request)
    if refusal is not None:
        return refusal
    target = "DEFAULT" if graph is None else f"GRAPH {graph}"
    if request.method == "DELETE":
        app.write(f"DROP SILENT {target}", check=False)
        return Response(204, "text/plain", b"")
    ctype = request.header("content-type").split(";")[0].strip().lower()
    fmt = _TRIPLE_FORMATS.get(ctype)
    if fmt is None:
        raise QueryRefused(415, f"send the graph as N-Triples or Turtle, not {ctype or '(no content type)'}")
    try:
        triples = list(pyoxigraph.parse(request.body, format=fmt))
    except SyntaxError as exc:
        raise QueryRefused(400, f"the body is not valid {ctype}: {exc}") from None
    lines = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
    block = lines if graph is None else f"GRAPH {graph} {{\n{lines}\n}}"
    insert = f"INSERT DATA {{ {block} }}"
    if request.method == "PUT":
        app.write(f"DROP SILENT {target} ;\n{insert}" if triples else f"DROP SILENT {target}", check=False)
    else:
        app.write(insert, check=False)
    return Response(204, "text/plain", b"")


def register(app: App) -> None:
    app.add_route(("GET", "POST"), r"/sparql", sparql)
    app.add_route(("GET", "PUT", "POST", "DELETE"), r"/store", graph_store)
