"""``/``: counts and the latest documents."""

from __future__ import annotations

from ...store.terms import DCTERMS, IK
from ..data import Lookup
from ..html import entity_path, esc, page, table

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


def render(store) -> str:
    lookup = Lookup(store)
    numbers = counts(lookup)
    tiles = "".join(
        f'<div class="tile"><span class="num">{v}</span><span class="what">{esc(k)}</span></div>'
        for k, v in numbers.items()
    )
    docs = latest_documents(lookup)
    rows = [
        (
            f'<a href="{esc(entity_path(d["d"]))}">{esc(d["title"] or d["source"])}</a>',
            esc(d["published"] or "—"),
            esc(d["publisher"] or "—"),
            f"<code>{esc(d['source'])}</code>",
        )
        for d in docs
    ]
    body = (
        "<h1>Police inspections knowledge graph</h1>"
        '<p class="lede">Forces, officials, inspections, ratings, findings and what people said about them, '
        "each fact tied to the words of the document it came from.</p>"
        f'<section class="tiles">{tiles}</section>'
        "<h2>Latest documents</h2>"
        + (table(["Title", "Published", "Publisher", "Source"], rows) if rows else "<p>No documents yet: run <code>inspectkg build</code>.</p>")
        + '<p class="more-links"><a href="/queries">Saved queries</a> · <a href="/sparql-editor">SPARQL editor</a></p>'
    )
    return page("Home", body, active="home")
