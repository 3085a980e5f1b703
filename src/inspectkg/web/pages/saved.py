"""``/queries``: the saved-query gallery; ``/queries/<name>?...``: one query's results.

Queries run through the server (``queries.run(saved, params, app)``: a worker with
the time and row limits); downloads are the REST API's ``/api/queries/<name>.csv``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from pyoxigraph import Literal, NamedNode

from ... import iris
from ...sparql import queries
from ..data import Lookup

KIND_PREFIX = {"force": "force/", "org": "org/", "person": "person/", "inspection": "inspection/",
               "rating": "rating/", "appointment": "appointment/"}


def _choices(lookup: Lookup, kind: str | None) -> list[str]:
    """Names to suggest for an entity parameter of this kind."""
    if kind not in KIND_PREFIX:
        return []
    rows = lookup.select(
        "SELECT DISTINCT ?l WHERE { GRAPH ?g { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } "
        "FILTER(STRSTARTS(STR(?s), ?prefix) && ?g != ?ref) } ORDER BY ?l LIMIT 300",
        prefix=Literal(iris.BASE + KIND_PREFIX[kind]),
        ref=NamedNode(iris.iri(iris.REFERENCE_GRAPH)),
    )
    return [r["l"].value for r in rows]


def fields(lookup: Lookup, saved: queries.SavedQuery, given: dict[str, str] | None = None) -> list[dict]:
    """The form's fields: name, type, value, suggestions."""
    given = given or {}
    out = []
    for p in saved.params.values():
        out.append({"id": f"q-{saved.name}-{p.name}", "name": p.name, "type": p.type, "kind": p.kind,
                    "required": p.required, "description": p.description, "example": p.example or "",
                    "value": given.get(p.name, p.example if not given and p.required else "") or "",
                    "choices": _choices(lookup, p.kind) if p.type == "entity" else []})
    return out


def gallery(store, folder=None):
    lookup = Lookup(store)
    saved = queries.load_all(folder)
    cards = [{"query": s, "fields": fields(lookup, s)} for s in saved.values()]
    return "gallery.html", {"active": "queries", "cards": cards}


def cell(lookup: Lookup, value: str | None) -> dict:
    """A result value as the template shows it: an entity (label, kind) or text."""
    if value is not None and value.startswith(iris.BASE):
        return {"iri": value, "label": lookup.label(value), "kind": lookup.kind(value)}
    return {"text": value}


def results(store, name: str, params: dict[str, str]):
    """``/queries/<name>?...``: one run of a saved query, with its form."""
    from ..response import HttpError, Reply
    from ..templating import render as fill

    found = queries.load_all().get(name)
    if found is None:
        raise HttpError(404, f"no saved query called {name!r}")
    status, context = run(store, found, params)
    return Reply.html(fill("results.html", **context), status)


def run(store, saved: queries.SavedQuery, given: dict[str, str]) -> tuple[int, dict]:
    """(status, template context) for one run of a saved query."""
    lookup = Lookup(store)
    context = {"active": "queries", "query": saved, "fields": fields(lookup, saved, given), "error": None,
               "columns": saved.returns, "rows": None, "args": "",
               "editor_link": "/sparql-editor?" + urlencode({"query": saved.text})}
    if not given and any(p.required for p in saved.params.values()):
        return 200, context
    try:
        result = queries.run(saved, given, store)
    except Exception as exc:  # noqa: BLE001 - a bad parameter or a refused query is shown on the page
        from ...server.errors import as_http_error

        error = as_http_error(exc)
        return (error.status if error.status != 500 else 400), {**context, "error": error.message}
    lookup.load(v for row in result.rows for v in row if v and v.startswith(iris.BASE))
    args = urlencode({k: v for k, v in given.items() if v})
    return 200, {**context, "rows": [[cell(lookup, v) for v in row] for row in result.rows],
                 "args": f"?{args}" if args else ""}
