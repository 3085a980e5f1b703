"""The REST API over the saved queries, and its OpenAPI 3 description.

    GET /api/queries                 the saved queries: name, summary, parameters, columns
    GET /api/queries/<name>?k=v      run one: JSON {"query", "columns", "rows"}; CSV by
                                     Accept: text/csv, a ".csv" suffix or format=csv
    GET /api/openapi.json            OpenAPI 3.0 for all of the above and /sparql
"""

from __future__ import annotations

import json
from functools import cache

from .. import __version__ as VERSION
from ..errors import UsageError
from ..graph import queries
from .app import App, Request, Response

_SCHEMA = {"iri": {"type": "string", "format": "uri"}, "entity": {"type": "string"},
           "string": {"type": "string"}, "integer": {"type": "integer"},
           "date": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}}


def _describe(saved: queries.SavedQuery) -> dict:
    return {
        "name": saved.name, "summary": saved.summary, "description": saved.description,
        "tags": list(saved.tags), "returns": list(saved.returns), "url": f"/api/queries/{saved.name}",
        "params": {p.name: {"type": p.type, "required": p.required, "example": p.example,
                            "description": p.description, **({"kind": p.kind} if p.kind else {})}
                   for p in saved.params.values()},
    }


@cache
def _saved() -> dict[str, queries.SavedQuery]:
    """The shipped saved queries, parsed once: parsing them all took ~90 ms of every request."""
    return queries.load_all()


def list_queries(app: App, request: Request, match) -> Response:
    return Response.json([_describe(q) for q in _saved().values()])


def run_query(app: App, request: Request, match) -> Response:
    name, suffix = match.group("name"), match.group("suffix")
    saved = _saved().get(name)
    if saved is None:
        return Response.error(404, f"no saved query called {name!r}; see /api/queries")
    given = {k: v[0] for k, v in request.query.items() if k != "format"}
    fmt = (request.arg("format") or suffix or "").lower()
    if not fmt:
        fmt = "csv" if "text/csv" in request.header("accept") else "json"
    if fmt not in ("json", "csv"):
        raise UsageError(f"format {fmt!r}: choose json or csv")
    table = queries.run(saved, given, app)
    if fmt == "csv":
        return Response(200, "text/csv; charset=utf-8", table.to_csv().encode("utf-8"))
    return Response.json({"query": saved.name, "columns": list(table.columns), "rows": table.as_dicts()})


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
             "schema": _SCHEMA[p.type], **({"example": p.example} if p.example is not None else {})}
            for p in saved.params.values()
        ]
        parameters.append({"name": "format", "in": "query", "required": False,
                           "schema": {"type": "string", "enum": ["json", "csv"]}})
        paths[f"/api/queries/{saved.name}"] = {"get": {
            "summary": saved.summary, "description": saved.description, "tags": list(saved.tags),
            "operationId": saved.name.replace("-", "_"), "parameters": parameters,
            "responses": {
                "200": {"description": "The rows", "content": {
                    "application/json": {"schema": {"type": "object", "properties": {
                        "query": {"type": "string"},
                        "columns": {"type": "array", "items": {"type": "string"}},
                        "rows": {"type": "array", "items": row}}}},
                    "text/csv": {"schema": {"type": "string"}}}},
                "400": {"description": "Bad or unknown parameter"},
                "422": {"description": "The query ran past the time, row, size or memory limit"},
                "503": {"description": "All workers busy: try again (Retry-After)"}}}}
    return {"openapi": "3.0.3",
            "info": {"title": "inspectkg", "version": VERSION,
                     "description": "Saved queries over the knowledge graph of police inspections."},
            "paths": paths}


def openapi_json(app: App, request: Request, match) -> Response:
    return Response(200, "application/json; charset=utf-8",
                    json.dumps(openapi(_saved()), indent=2).encode("utf-8"))


def register(app: App) -> None:
    app.add_route("GET", r"/api/queries", list_queries)
    app.add_route("GET", r"/api/openapi\.json", openapi_json)
    app.add_route("GET", r"/api/queries/(?P<name>[a-z0-9-]+?)(?:\.(?P<suffix>csv|json))?", run_query)
