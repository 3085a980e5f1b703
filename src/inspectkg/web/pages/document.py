"""``/id/doc/<id>``: a document's metadata and its text with every extracted span marked."""

from __future__ import annotations

from pyoxigraph import NamedNode

from ... import iris
from ...store.terms import DCTERMS, IK, PROV
from ..data import Lookup, kind_of
from ..highlight import Mark, render as render_text

LEGEND = [
    ("person", "person"), ("organisation", "organisation"), ("rating", "rating"), ("finding", "finding"),
    ("quotation", "quotation"), ("claim", "reported claim"), ("statistic", "statistic"),
    ("inspection", "inspection"), ("appointment", "appointment"),
]
_PRIORITY = {kind: i for i, (kind, _) in enumerate(LEGEND)}


def metadata(lookup: Lookup, doc: str) -> dict[str, list[str]]:
    meta: dict[str, list[str]] = {}
    for row in lookup.select(f"SELECT DISTINCT ?p ?o WHERE {{ {NamedNode(doc)} ?p ?o FILTER(?p != {IK.content}) }}"):
        meta.setdefault(row["p"].value, []).append(row["o"].value)
    return meta


def extracted(lookup: Lookup, doc: str) -> list[tuple[str, int, int, str]]:
    """(node, start, end, span IRI) for each fact derived from a span of this document."""
    doc_id = iris.key_of(doc).removeprefix("doc/")
    graph = NamedNode(iris.iri(iris.graph(doc_id)))
    rows = lookup.select(
        f"SELECT DISTINCT ?n ?span ?s ?e WHERE {{ GRAPH {graph} {{ ?span {IK.document} {NamedNode(doc)} ; "
        f"{IK.start} ?s ; {IK.end} ?e . ?n {PROV.wasDerivedFrom} ?span }} }}"
    )
    return [(r["n"].value, int(r["s"].value), int(r["e"].value), r["span"].value) for r in rows]


def marks(lookup: Lookup, facts) -> list[Mark]:
    by_span: dict[tuple[int, int], list[str]] = {}
    for node, start, end, _ in facts:
        by_span.setdefault((start, end), []).append(node)
    out = []
    for (start, end), nodes in by_span.items():
        kinds = sorted({kind_of(lookup.types(n)) for n in nodes}, key=lambda k: _PRIORITY.get(k, 99))
        note = "; ".join(sorted({f"{lookup.kind(n)}: {lookup.label(n)}" for n in nodes}))
        out.append(Mark(start, end, kinds[0], note, tuple(kinds)))
    return out


FIELDS = [("Title", DCTERMS.title), ("Publisher", DCTERMS.publisher), ("Published", IK.published),
          ("Source", DCTERMS.source), ("URL", DCTERMS.identifier), ("Format", DCTERMS.format), ("About", IK.about)]


def fields(lookup: Lookup, meta: dict[str, list[str]]) -> list[tuple[str, list[dict]]]:
    """(name, values) of the metadata a reader wants; entities by label."""
    out = []
    for name, pred in FIELDS:
        values = sorted(meta.get(pred.value, []))
        lookup.load(v for v in values if v.startswith(iris.BASE))
        if values:
            out.append((name, [{"iri": v, "label": lookup.label(v), "kind": lookup.kind(v)}
                               if v.startswith(iris.BASE) else {"text": v} for v in values]))
    return out


def render(store, doc: str):
    lookup = Lookup(store)
    meta = metadata(lookup, doc)
    text = lookup.text(doc)
    found = extracted(lookup, doc)
    lookup.load([n for n, *_ in found] + [doc])
    title = (meta.get(DCTERMS.title.value) or meta.get(DCTERMS.source.value) or [iris.key_of(doc)])[0]
    rows = [{"start": start, "end": end, "iri": node, "label": lookup.label(node), "kind": lookup.kind(node)}
            for node, start, end, _ in sorted(found, key=lambda f: (f[1], f[2], f[0]))]
    return "document.html", {
        "node": doc, "title": title, "path": "/id/" + iris.key_of(doc), "fields": fields(lookup, meta),
        "sha256": (meta.get(IK.sha256.value) or [None])[0], "legend": LEGEND,
        "text": render_text(text, marks(lookup, found)), "facts": rows,
    }
