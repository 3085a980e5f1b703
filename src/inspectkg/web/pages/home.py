"""``/``: counts of what the store holds (each linking to its list), the grade matrix, the latest documents.

Counts and the matrix come from :mod:`inspectkg.web.research` (forces *in the
documents*, not the reference forces); the matrix here sorts by force, and its
column headings link to ``/matrix``, which sorts by any column.
"""

from __future__ import annotations

from ...store.terms import DCTERMS, IK
from ..data import Lookup
from ..research import lists, matrix

HOME_COLUMNS = 6  # the areas graded for the most forces; /matrix has them all

def latest_documents(lookup: Lookup, limit: int = 20) -> list[dict]:
    rows = lookup.select(
        f"SELECT ?d (SAMPLE(?src) AS ?source) (SAMPLE(?t) AS ?title) (SAMPLE(?pub) AS ?published) "
        f"(SAMPLE(?pb) AS ?publisher) WHERE {{ ?d a {IK.Document} ; {DCTERMS.source} ?src . "
        f"OPTIONAL {{ ?d {DCTERMS.title} ?t }} OPTIONAL {{ ?d {IK.published} ?pub }} "
        f"OPTIONAL {{ ?d {DCTERMS.publisher} ?pb }} }} GROUP BY ?d"
    )
    docs = [{k: (row[k].value if row[k] is not None else None) for k in ("d", "source", "title", "published", "publisher")}
            for row in rows]
    dated = sorted((d for d in docs if d["published"]), key=lambda d: (d["published"], d["source"]), reverse=True)
    undated = sorted((d for d in docs if not d["published"]), key=lambda d: d["source"])
    return (dated + undated)[:limit]


def render(store):
    lookup = Lookup(store)
    return "home.html", {"active": "home", "counts": lists.counts(lookup), "grid": matrix.read(lookup, columns=HOME_COLUMNS, spans=False),
                         "sort_base": "/matrix", "documents": latest_documents(lookup)}
