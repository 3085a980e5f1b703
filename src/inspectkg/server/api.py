"""The REST API over the saved queries, and its OpenAPI 3 description.

    GET /api/queries                 the saved queries: name, summary, parameters, columns
    GET /api/queries/<name>?k=v      run one: JSON {"query", "columns", "rows"}; CSV by
                                     Accept: text/csv, a ".csv" suffix or format=csv; typed
                                     SPARQL JSON results by Accept: application/sparql-results+json
                                     or format=sparql-json
    GET /api/openapi.json            OpenAPI 3.0 for all of the above and /sparql

Pages: a query with grlc's ``pagination: N`` header (or any query given
``per_page=N``) answers ``page=P`` (1, 2, ...) with N rows and a ``Link`` header
(rel="next" while there are more rows, "prev", "first"), as grlc does.
"""

from __future__ import annotations

import json
from functools import cache
from urllib.parse import urlencode

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response

from .. import __version__ as VERSION
from ..errors import UsageError
from ..sparql import queries
from ..sparql.tables import Table
from .errors import HttpError

JSON_TYPE = "application/json; charset=utf-8"

if TYPE_CHECKING:
    from .app import App


def json_response(data, status: int = 200, headers: dict | None = None) -> Response:
    return Response(json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"), status, headers, JSON_TYPE)

_SCHEMA = {"iri": {"type": "string", "format": "uri"}, "entity": {"type": "string"},
           "string": {"type": "string"}, "integer": {"type": "integer"},
           "date": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}}


@cache
def _load(folder: str | None) -> dict[str, queries.SavedQuery]:
    return queries.load_all(folder)


def _saved(app: App | None = None) -> dict[str, queries.SavedQuery]:
    """The saved queries (the shipped ones, or ``app.queries_folder``), parsed once: ~90 ms each time."""
    folder = getattr(app, "queries_folder", None)
    return _load(None if folder is None else str(folder))


def list_queries(app: App, request: Request) -> Response:
    return json_response([q.describe() for q in _saved(app).values()])


SPARQL_JSON = "application/sparql-results+json"
_PAGE_ARGS = ("format", "page", "per_page")


def _page(saved: queries.SavedQuery, request: Request, max_rows: int) -> tuple[int, int] | None:
    """(page, rows per page) if this request is paged, else None."""
    per_page = request.query_params.get("per_page") or saved.pagination
    if per_page is None:
        return None
    page = request.query_params.get("page") or "1"
    most = max(1, max_rows - 1)  # one row more is asked for, to know whether a next page exists
    if not str(per_page).isdigit() or not page.isdigit() or int(page) < 1 or not 1 <= int(per_page) <= most:
        raise UsageError(f"page must be 1, 2, ... and per_page 1 to {most}")
    return int(page), int(per_page)


def _links(request: Request, page: int, more: bool) -> str:
    base = {k: v for k, v in request.query_params.items() if k != "page"}

    def url(number: int) -> str:
        return f"{request.url.path}?{urlencode({**base, 'page': number})}"

    links = [f'<{url(page + 1)}>; rel="next"'] if more else []
    if page > 1:
        links.append(f'<{url(page - 1)}>; rel="prev"')
    links.append(f'<{url(1)}>; rel="first"')
    return ", ".join(links)


def _name_and_suffix(request: Request) -> tuple[str, str | None]:
    name = request.path_params["name"]
    for suffix in ("csv", "json"):
        if name.endswith("." + suffix):
            return name[: -len(suffix) - 1], suffix
    return name, None


def run_query(app: App, request: Request) -> Response:
    name, suffix = _name_and_suffix(request)
    saved = _saved(app).get(name)
    if saved is None:
        raise HttpError(404, f"no saved query called {name!r}; see /api/queries")
    given = {k: v for k, v in request.query_params.items() if k not in _PAGE_ARGS}
    fmt = (request.query_params.get("format") or suffix or "").lower()
    if not fmt:
        accept = request.headers.get("accept", "")
        fmt = "csv" if "text/csv" in accept else "sparql-json" if SPARQL_JSON in accept else "json"
    if fmt not in ("json", "csv", "sparql-json"):
        raise UsageError(f"format {fmt!r}: choose json, csv or sparql-json")
    sparql = queries.prepare(saved, given, app)
    paged = _page(saved, request, app.settings.max_rows)
    if paged is not None:
        page, per_page = paged
        sparql = queries.limited(sparql, per_page + 1, (page - 1) * per_page)  # one more: is there a next page?
    answer = app.run_query(sparql)
    if answer.kind != "solutions":
        raise UsageError("expected a SELECT query")
    import pyoxigraph

    solutions = list(pyoxigraph.parse_query_results(answer.body, format=pyoxigraph.QueryResultsFormat.JSON))
    headers: dict[str, str] = {}
    if paged is not None:
        more = len(solutions) > per_page
        solutions = solutions[:per_page]
        headers["Link"] = _links(request, page, more)
    if fmt == "sparql-json":
        data = json.loads(answer.body)
        data["results"]["bindings"] = data["results"]["bindings"][:len(solutions)]
        return Response(json.dumps(data, ensure_ascii=False).encode("utf-8"), 200, headers,
                        f"{SPARQL_JSON}; charset=utf-8")
    table = Table(saved.returns, tuple(tuple(_text(s[c]) for c in saved.returns) for s in solutions))
    if fmt == "csv":
        return Response(table.to_csv().encode("utf-8"), 200, headers, "text/csv; charset=utf-8")
    return json_response({"query": saved.name, "columns": list(table.columns), "rows": table.as_dicts()},
                         headers=headers)


def _text(term):
    from ..sparql.tables import term_value

    return term_value(term)


def openapi(saved_queries: dict[str, queries.SavedQuery]) -> dict:
    paths: dict = {
        "/api/queries": {"get": {"summary": "List the saved queries", "operationId": "listQueries",
                                 "responses": {"200": {"description": "The saved queries",
                                                       "content": {"application/json": {}}}}}},
        "/sparql": {"get": {
            "summary": "SPARQL 1.1 Protocol query endpoint (read-only)", "operationId": "sparql",
            "parameters": [{"name": "query", "in": "query", "required": True, "schema": {"type": "string"}},
                           {"name": "format", "in": "query", "required": False,
                            "schema": {"type": "string",
                                       "enum": ["json", "xml", "csv", "tsv", "turtle", "ntriples", "jsonld",
                                                "rdfxml"]}}],
            "responses": {"200": {"description": "Results", "content": {
                m: {} for m in ("application/sparql-results+json", "application/sparql-results+xml",
                                "text/csv", "text/tab-separated-values", "text/turtle",
                                "application/n-triples", "application/ld+json")}},
                "400": {"description": "Bad or refused query"},
                "422": {"description": "The query ran past the time, row, size or memory limit"},
                "503": {"description": "All workers busy: try again (Retry-After)"}}}},
    }
    for saved in saved_queries.values():
        row = {"type": "object", "properties": {c: {"type": "string", "nullable": True} for c in saved.returns}}
        parameters = [
            {"name": p.name, "in": "query", "required": p.required, "description": p.description,
             "schema": {**_SCHEMA[p.type], **({"enum": list(p.enum)} if p.enum else {}),
                        **({"default": p.default} if p.default is not None else {})},
             **({"example": p.example} if p.example is not None else {})}
            for p in saved.params.values()
        ]
        parameters.append({"name": "format", "in": "query", "required": False,
                           "schema": {"type": "string", "enum": ["json", "csv", "sparql-json"]}})
        if saved.pagination:  # (any query also takes per_page and page; these are described where paged)
            parameters.append({"name": "page", "in": "query", "required": False,
                               "schema": {"type": "integer", "minimum": 1},
                               "description": f"Page number, {saved.pagination} rows a page; see the Link header"})
            parameters.append({"name": "per_page", "in": "query", "required": False,
                               "schema": {"type": "integer", "minimum": 1, "default": saved.pagination}})
        paths[f"/api/queries/{saved.name}"] = {"get": {
            "summary": saved.summary, "description": saved.description, "tags": list(saved.tags),
            "operationId": saved.name.replace("-", "_"), "parameters": parameters,
            "responses": {
                "200": {"description": "The rows", "content": {
                    "application/json": {"schema": {"type": "object", "properties": {
                        "query": {"type": "string"},
                        "columns": {"type": "array", "items": {"type": "string"}},
                        "rows": {"type": "array", "items": row}}}},
                    "text/csv": {"schema": {"type": "string"}},
                    SPARQL_JSON: {"schema": {"type": "object"}}}},
                "400": {"description": "Bad or unknown parameter"},
                "422": {"description": "The query ran past the time, row, size or memory limit"},
                "503": {"description": "All workers busy: try again (Retry-After)"}}}}
    return {"openapi": "3.0.3",
            "info": {"title": "inspectkg", "version": VERSION,
                     "description": "Saved queries over the knowledge graph of police inspections."},
            "paths": paths}


def openapi_json(app: App, request: Request) -> Response:
    return json_response(openapi(_saved(app)))
