"""``/``: counts and the latest documents."""

from __future__ import annotations

from ...store.terms import DCTERMS, IK
from ..data import Lookup

COUNTED = [
    ("documents", "Document"), ("forces", "PoliceForce"), ("people", "Person"),
    ("inspections", "Inspection"), ("ratings", "Rating"), ("findings", "Finding"),
    ("quotations", "Quotation"),
]


def counts(lookup: Lookup) -> dict[str, int]:
    parts = " ".join(f"{{ SELECT (COUNT(DISTINCT ?{n}) AS ?n_{n}) WHERE {{ ?{n} a {IK[cls]} }} }}" for n, cls in COUNTED)
    row = lookup.select(f"SELECT * WHERE {{ {parts} }}")[0]
    return {n: int(row[f"n_{n}"].value) for n, _ in COUNTED}


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
    return "home.html", {"active": "home", "counts": counts(lookup), "documents": latest_documents(lookup)}
