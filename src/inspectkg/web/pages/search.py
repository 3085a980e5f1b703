"""``/search?q=``: case-insensitive substring search over names and aliases."""

from __future__ import annotations

from pyoxigraph import Literal

from ... import iris
from ...store.terms import DCTERMS, RDFS, SKOS
from ..data import Lookup

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


def render(store, q: str | None = None):
    q = (q or "").strip()
    if not q:
        return "search.html", {"q": q, "hits": None, "limit": LIMIT}
    lookup = Lookup(store)
    found = find(lookup, q)
    lookup.load(s for s, _, _ in found)
    hits = [{"iri": s, "label": lookup.label(s), "name": name, "kind": lookup.kind(s), "key": iris.key_of(s)}
            for s, name, _ in found]
    return "search.html", {"q": q, "hits": hits, "limit": LIMIT}
