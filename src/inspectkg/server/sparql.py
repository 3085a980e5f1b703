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

from typing import TYPE_CHECKING
from urllib.parse import parse_qs

import pyoxigraph
from pyoxigraph import NamedNode, RdfFormat
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .errors import HttpError
from .formats import choose
from .worker import Dataset

_TRIPLE_FORMATS = {
    "application/n-triples": RdfFormat.N_TRIPLES, "text/plain": RdfFormat.N_TRIPLES,
    "text/turtle": RdfFormat.TURTLE, "application/x-turtle": RdfFormat.TURTLE,
}

if TYPE_CHECKING:
    from .app import App


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError(400, "the request body is not UTF-8") from None


def _params(request: Request) -> dict[str, list[str]]:
    return parse_qs(request.url.query, keep_blank_values=True)


def _operation(request: Request) -> tuple[str | None, str | None, dict[str, list[str]]]:
    """(query, update, parameters) from a GET or POST request."""
    params = _params(request)
    if request.method in ("GET", "HEAD"):
        return (params.get("query") or [None])[0], None, params
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = request.state.body
    if ctype == "application/x-www-form-urlencoded":
        form = parse_qs(_text(body), keep_blank_values=True)
        merged = {**params, **form}
        return (form.get("query") or [None])[0], (form.get("update") or [None])[0], merged
    if ctype == "application/sparql-query":
        return _text(body), None, params
    if ctype == "application/sparql-update":
        return None, _text(body), params
    raise HttpError(415, f"unsupported content type {ctype or '(none)'}; send a form, "
                            "application/sparql-query or application/sparql-update")


def sparql(app: App, request: Request) -> Response:
    if request.method in ("GET", "HEAD") and "update" in request.query_params:
        raise HttpError(405, "an update must be sent with POST", headers={"Allow": "POST"})
    query, update, params = _operation(request)
    if params.get("using-graph-uri") or params.get("using-named-graph-uri"):
        if update is None:
            raise HttpError(400, "using-graph-uri and using-named-graph-uri go with an update")
        raise HttpError(400, "using-graph-uri / using-named-graph-uri are not supported; "
                                "use USING or GRAPH in the update")
    if update is not None:
        app.authorise_write(request.headers.get("authorization", ""))
        app.write(update)
        return JSONResponse({"ok": True})
    if not query:
        raise HttpError(400, "no query: send ?query=… (GET) or a form / application/sparql-query (POST)")
    try:  # the guard, the engine and the answer's format all run in a worker, under the limits
        dataset = Dataset(params.get("default-graph-uri"), params.get("named-graph-uri"))
        answer = app.run_query(query, dataset=dataset, accept=request.headers.get("accept", ""),
                               format_arg=(params.get("format") or [None])[0])
    except HttpError as exc:
        if exc.form == "update":  # a read-only server says so, however the update is sent
            app.authorise_write(request.headers.get("authorization", ""))
        raise
    return Response(answer.body, 200, {"Vary": "Accept"}, answer.content_type)


def _graph_of(request: Request) -> NamedNode | None:
    params = _params(request)
    if "default" in params and "graph" not in params:
        return None
    values = params.get("graph")
    if not values:
        raise HttpError(400, "name the graph: ?graph=<IRI> or ?default")
    try:
        return NamedNode(values[0])
    except ValueError:
        raise HttpError(400, f"not a valid graph IRI: {values[0]!r}") from None


def graph_store(app: App, request: Request) -> Response:
    graph = _graph_of(request)
    accept, format_arg = request.headers.get("accept", ""), request.query_params.get("format")
    if request.method in ("GET", "HEAD"):
        if graph is None:
            raise HttpError(400, "GET of the default graph is not offered; name a graph")
        choose("graph", accept, format_arg)  # 406 before any work
        answer = app.run_query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}",
                               accept=accept, format_arg=format_arg)
        return Response(answer.body, 200, media_type=answer.content_type)
    app.authorise_write(request.headers.get("authorization", ""))
    target = "DEFAULT" if graph is None else f"GRAPH {graph}"
    if request.method == "DELETE":
        app.write(f"DROP SILENT {target}", check=False)
        return Response(b"", 204)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    fmt = _TRIPLE_FORMATS.get(ctype)
    if fmt is None:
        raise HttpError(415, f"send the graph as N-Triples or Turtle, not {ctype or '(no content type)'}")
    try:
        triples = list(pyoxigraph.parse(request.state.body, format=fmt))
    except SyntaxError as exc:
        raise HttpError(400, f"the body is not valid {ctype}: {exc}") from None
    lines = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
    block = lines if graph is None else f"GRAPH {graph} {{\n{lines}\n}}"
    insert = f"INSERT DATA {{ {block} }}"
    if request.method == "PUT":
        app.write(f"DROP SILENT {target} ;\n{insert}" if triples else f"DROP SILENT {target}", check=False)
    else:
        app.write(insert, check=False)
    return Response(b"", 204)
