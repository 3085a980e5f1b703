"""``/search?q=``: case-insensitive substring search over names and aliases."""

from __future__ import annotations

from pyoxigraph import Literal

from ... import iris
from ...store.terms import DCTERMS, RDFS, SKOS
from ..data import Lookup
from ..html import esc, link, page, plural, table

LIMIT = 200


def find(lookup: Lookup, q: str) -> list[tuple[str, str, str]]:
    """(iri, matched name, property) for names containing q, best first."""
    rows = lookup.select(
        f"SELECT DISTINCT ?s ?name ?p WHERE {{ VALUES ?p {{ {RDFS.label} {SKOS.altLabel} {SKOS.prefLabel} "
        f"{DCTERMS.title} }} ?s ?p ?name FILTER(isIRI(?s) && STRSTARTS(STR(?s), ?base) "
        f"&& CONTAINS(LCASE(STR(?name)), LCASE(?q))) }} LIMIT 2000",
        q=Literal(q), base=Literal(iris.BASE),
    )
    hits: dict[str, tuple[str, str]] = {}
    for row in rows:
        s, name, p = row["s"].value, row["name"].value, row["p"].value
        if s not in hits or (hits[s][1] != RDFS.label.value and p == RDFS.label.value):
            hits[s] = (name, p)
    needle = q.lower()

    def rank(item):
        s, (name, _) = item
        low = name.lower()
        return (low != needle, not low.startswith(needle), len(name), s)

    return [(s, name, p) for s, (name, p) in sorted(hits.items(), key=rank)][:LIMIT]


def render(store, q: str | None = None) -> str:
    q = (q or "").strip()
    if not q:
        return page("Search", "<h1>Search</h1><p>Type a name (a force, a person, an organisation, a role…) above.</p>")
    lookup = Lookup(store)
    hits = find(lookup, q)
    lookup.load(s for s, _, _ in hits)
    rows = []
    for s, name, p in hits:
        kind = lookup.kind(s)
        label = lookup.label(s)
        via = "" if name == label else f' <span class="via">(as “{esc(name)}”)</span>'
        rows.append((link(s, label, kind=kind) + via, f'<span class="badge k-{esc(kind)}">{esc(kind)}</span>',
                     f"<code>{esc(iris.key_of(s))}</code>"))
    body = f"<h1>Search: “{esc(q)}”</h1><p>{plural(len(hits), 'match', 'matches')}" + (
        f" (first {LIMIT})" if len(hits) >= LIMIT else "") + "</p>"
    body += table(["Name", "Kind", "Identifier"], rows) if rows else "<p>Nothing is called that. Try part of a name.</p>"
    return page(f"Search: {q}", body, q=q)
