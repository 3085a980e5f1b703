"""``/id/doc/<id>``: a document's metadata and its text with every extracted span marked."""

from __future__ import annotations

from pyoxigraph import NamedNode

from ... import iris
from ...store.terms import DCTERMS, IK, PROV
from ..data import Lookup, kind_of
from ..highlight import Mark, render as render_text
from ..html import esc, link, page, plural

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


def render(store, doc: str) -> str:
    lookup = Lookup(store)
    meta = metadata(lookup, doc)
    text = lookup.text(doc)
    facts = extracted(lookup, doc)
    lookup.load([n for n, *_ in facts] + [doc])
    title = (meta.get(DCTERMS.title.value) or meta.get(DCTERMS.source.value) or [iris.key_of(doc)])[0]

    def field(name: str, pred) -> str:
        values = meta.get(pred.value)
        if not values:
            return ""
        shown = ", ".join(link(v, lookup.label(v)) if v.startswith(iris.BASE) else esc(v) for v in sorted(values))
        return f"<dt>{esc(name)}</dt><dd>{shown}</dd>"

    about = meta.get(IK.about.value, [])
    lookup.load(about)
    dl = (field("Title", DCTERMS.title) + field("Publisher", DCTERMS.publisher) + field("Published", IK.published)
          + field("Source", DCTERMS.source) + field("URL", DCTERMS.identifier) + field("Format", DCTERMS.format)
          + field("About", IK.about) + field("SHA-256", IK.sha256))
    legend = "".join(f'<li><mark class="hl k-{k}">{esc(name)}</mark></li>' for k, name in LEGEND)
    spans = marks(lookup, facts)
    fact_rows = []
    for node, start, end, _ in sorted(facts, key=lambda f: (f[1], f[2], f[0])):
        kind = lookup.kind(node)
        fact_rows.append(
            f'<tr><td><a href="#span-{start}-{end}">{start}–{end}</a></td>'
            f'<td><span class="badge k-{esc(kind)}">{esc(kind)}</span></td><td>{link(node, lookup.label(node), kind=kind)}</td></tr>'
        )
    path_key = iris.key_of(doc)
    body = (
        f'<p class="kicker"><span class="badge k-document">document</span> <code class="iri">{esc(doc)}</code></p>'
        f"<h1>{esc(title)}</h1><dl class=\"meta\">{dl}</dl>"
        f'<p class="actions"><a href="/graph/{esc(path_key)}">Graph view</a> · '
        f'<a href="/id/{esc(path_key)}?format=ttl">Turtle</a> · <a href="/id/{esc(path_key)}?format=jsonld">JSON-LD</a></p>'
        f'<div class="doc-layout"><article class="doc"><h2>Text</h2>'
        f'<ul class="legend" aria-label="Legend">{legend}</ul>'
        f'<div class="doctext" id="text">{render_text(text, spans)}</div></article>'
        f'<aside class="facts-side"><h2>Extracted <span class="count">{plural(len(facts), "fact")}</span></h2>'
        f'<table class="grid small"><thead><tr><th>Span</th><th>Kind</th><th>Fact</th></tr></thead>'
        f'<tbody>{"".join(fact_rows)}</tbody></table></aside></div>'
    )
    return page(title, body)
