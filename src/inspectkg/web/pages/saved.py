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
from ..html import esc, link, page, plural, table

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


def form(lookup: Lookup, saved: queries.SavedQuery, given: dict[str, str] | None = None) -> str:
    given = given or {}
    fields = []
    for p in saved.params.values():
        fid = f"q-{saved.name}-{p.name}"
        choices = _choices(lookup, p.kind) if p.type == "entity" else []
        datalist = ""
        if choices:
            datalist = f'<datalist id="{esc(fid)}-list">' + "".join(
                f'<option value="{esc(c)}"></option>' for c in choices) + "</datalist>"
        value = given.get(p.name, p.example if not given and p.required else "") or ""
        req = " required" if p.required else ""
        hint = f'<span class="hint">{esc(p.description)}</span>' if p.description else ""
        fields.append(
            f'<label for="{esc(fid)}"><span class="pname">{esc(p.name)}{" *" if p.required else ""}</span> '
            f'<span class="ptype">{esc(p.type)}{" · " + esc(p.kind) if p.kind else ""}</span></label>'
            f'<input id="{esc(fid)}" name="{esc(p.name)}" value="{esc(value)}"'
            f' placeholder="{esc(p.example or "")}"{req}'
            + (f' list="{esc(fid)}-list"' if choices else "") + f">{hint}{datalist}"
        )
    return (f'<form class="qform" method="get" action="/queries/{esc(saved.name)}">'
            f'{"".join(fields)}<button type="submit">Run</button></form>')


def card(lookup: Lookup, saved: queries.SavedQuery) -> str:
    tags = "".join(f'<span class="tag">{esc(t)}</span>' for t in saved.tags)
    return (
        f'<article class="card" id="query-{esc(saved.name)}"><h2><a href="/queries/{esc(saved.name)}">'
        f"{esc(saved.summary)}</a></h2><p class=\"qname\"><code>{esc(saved.name)}</code> {tags}</p>"
        f"<p>{esc(saved.description)}</p>"
        f'<p class="returns">Columns: {esc(", ".join(saved.returns))}</p>{form(lookup, saved)}</article>'
    )


def gallery(store, folder=None) -> str:
    lookup = Lookup(store)
    saved = queries.load_all(folder)
    cards = "".join(card(lookup, s) for s in saved.values())
    body = (f"<h1>Saved queries</h1><p>{plural(len(saved), 'query', 'queries')}, each a SPARQL file in "
            "<code>queries/</code>. Fill in the parameters (those marked * are required) and run; "
            "the results can be downloaded as CSV or JSON.</p>"
            f'<div class="cards">{cards}</div>')
    return page("Saved queries", body, active="queries")


def cell(lookup: Lookup, value: str | None) -> str:
    if value is None:
        return ""
    if value.startswith(iris.BASE):
        return link(value, lookup.label(value), kind=lookup.kind(value))
    return esc(value)


def results(app, saved: queries.SavedQuery, given: dict[str, str]) -> tuple[int, str]:
    """(status, page) for one run of a saved query."""
    lookup = Lookup(app.store)
    status, outcome = 200, ""
    if not given and any(p.required for p in saved.params.values()):
        outcome = '<p class="hint">Fill in the parameters above and press Run.</p>'
        return status, _results_page(lookup, saved, given, outcome)
    try:
        result = queries.run(saved, given, app)
    except Exception as exc:  # noqa: BLE001 - a bad parameter or a refused query is shown on the page
        message = getattr(exc, "message", None) or str(exc)
        status = getattr(exc, "status", None) or getattr(exc, "http_status", None) or 400
        outcome = f'<p class="error" role="alert">{esc(message)}</p>'
    else:
        lookup.load(v for row in result.rows for v in row if v and v.startswith(iris.BASE))
        rows = [[cell(lookup, v) for v in row] for row in result.rows]
        args = urlencode({k: v for k, v in given.items() if v})
        qs = f"?{args}" if args else ""
        downloads = (f'<p class="downloads">{plural(len(rows), "row")} · '
                     f'<a href="/api/queries/{esc(saved.name)}.csv{esc(qs)}" download="{esc(saved.name)}.csv">CSV</a> · '
                     f'<a href="/api/queries/{esc(saved.name)}.json{esc(qs)}" download="{esc(saved.name)}.json">JSON</a></p>')
        outcome = downloads + (table(saved.returns, rows) if rows else "<p>No rows.</p>")
    return status, _results_page(lookup, saved, given, outcome)


def _results_page(lookup: Lookup, saved: queries.SavedQuery, given: dict[str, str], outcome: str) -> str:
    body = (
        f'<p class="kicker"><a href="/queries">Saved queries</a> / <code>{esc(saved.name)}</code></p>'
        f"<h1>{esc(saved.summary)}</h1><p>{esc(saved.description)}</p>{form(lookup, saved, given)}"
        f'<section class="results"><h2>Results</h2>{outcome}</section>'
        f'<details class="sparql"><summary>SPARQL</summary><pre>{esc(saved.text)}</pre>'
        f'<p><a href="/sparql-editor?{esc(urlencode({"query": saved.text}))}">Open in the SPARQL editor</a></p></details>'
    )
    return page(saved.summary, body, active="queries")
