"""``/queries``: the saved-query gallery; ``/queries/<name>?...``: one query's results.

Queries run through the server (``queries.run(saved, params, app)``: a worker with
the time and row limits); downloads are the REST API's ``/api/queries/<name>.csv``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from pyoxigraph import Literal

from ... import iris
from ...sparql import queries
from ..data import Lookup
from ..research import examples

KIND_PREFIX = {"force": "force/", "org": "org/", "person": "person/", "inspection": "inspection/",
               "rating": "rating/", "appointment": "appointment/"}


def _choices(lookup: Lookup, kind: str | None) -> list[str]:
    """Names to suggest for an entity parameter of this kind."""
    if kind not in KIND_PREFIX:
        return []
    rows = lookup.select(
        "SELECT DISTINCT ?l WHERE { GRAPH ?g { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } "
        "FILTER(STRSTARTS(STR(?s), ?prefix)) "  # a gazetteer force's name is in the reference graph only
        "FILTER EXISTS { GRAPH ?dg { ?d <https://w3id.org/inspectkg/ontology#mentions> ?s } } } ORDER BY ?l LIMIT 300",
        prefix=Literal(iris.BASE + KIND_PREFIX[kind]),
    )
    return [r["l"].value for r in rows]


def _suggest(lookup: Lookup, kind: str | None, picks: dict | None) -> list[str]:
    """The names for a kind, read once per page (``picks`` keeps them under ("choices", kind))."""
    if picks is None:
        return _choices(lookup, kind)
    if ("choices", kind) not in picks:
        picks[("choices", kind)] = _choices(lookup, kind)
    return picks[("choices", kind)]


def fields(lookup: Lookup, saved: queries.SavedQuery, given: dict[str, str] | None = None,
           picks: dict | None = None) -> list[dict]:
    """The form's fields: name, type, value, suggestions.

    A required parameter starts with an example from the store being served (the force
    with the most grades, ...), so the query runs as it stands; the placeholders too.
    """
    given = given or {}
    found = examples.examples(lookup, saved, required_only=False, picks=picks)
    out = []
    for p in saved.params.values():
        example = found.get(p.name, "" if p.type in ("entity", "iri") else p.example or "")
        out.append({"id": f"q-{saved.name}-{p.name}", "name": p.name, "type": p.type, "kind": p.kind,
                    "required": p.required, "description": p.description, "example": example,
                    "value": given.get(p.name, example if not given and p.required else "") or "",
                    "choices": _suggest(lookup, p.kind, picks) if p.type == "entity" else []})
    return out


def gallery(store, folder=None):
    lookup = Lookup(store)
    saved = queries.load_all(folder)
    picks: dict = {}  # the store's example entities, looked up once for the whole gallery
    cards = [{"query": s, "fields": fields(lookup, s, picks=picks)} for s in saved.values()]
    return "gallery.html", {"active": "queries", "cards": cards}


def results(store, name: str, params: dict[str, str], folder: str | None = None):
    """``/queries/<name>?...``: one run of a saved query, with its form."""
    from ..response import HttpError, Reply
    from ..templating import render as fill

    found = queries.load_all(folder).get(name)
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
    shown = examples.labelled(lookup, result.columns, result.rows)  # labels and links, x_label folded into x
    args = urlencode({k: v for k, v in given.items() if v})
    return 200, {**context, "columns": shown.headers, "rows": shown.rows, "args": f"?{args}" if args else ""}
