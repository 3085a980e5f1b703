"""``/id/<key>``: everything the graph says about one entity, with its evidence."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from ... import iris
from ...store.terms import DCTERMS, IK, PROV, RDF, XSD
from ..data import Lookup
from ..html import compact, entity_path, esc, link, page
from ..provenance import snippets

# predicates never listed as plain facts
HIDDEN = {PROV.wasDerivedFrom.value, IK.content.value}
# predicates left out of the one-line summary of a related node
NOT_IN_SUMMARY = HIDDEN | {RDF.type.value, IK.sha256.value, DCTERMS.format.value, IK.mentions.value,
                           IK.document.value}
RELATED_LIMIT = 200

# (incoming predicate, kind of the related node) -> section title; "{}" is the entity's label
SECTIONS = [
    ("person", "appointment", "Appointments"),
    ("organisation", "appointment", "People appointed in {}"),
    ("role", "appointment", "Appointments to this role"),
    ("inspectedBody", None, "Inspections of {}"),
    ("conductedBy", None, "Inspections conducted by {}"),
    ("inspection", "rating", "Ratings"),
    ("inspection", "finding", "Findings"),
    ("speaker", None, "Claims and quotations by {}"),
    ("respondsTo", None, "Responses to this"),
    ("about", "statistic", "Statistics about {}"),
    ("grade", None, "Ratings with this grade"),
    ("area", None, "Ratings of this area"),
    ("programme", None, "Inspections in this programme"),
    ("findingKind", None, "Findings of this kind"),
    ("stance", None, "Claims with this stance"),
    ("attestedIn", None, "Appointments attested here"),
    ("about", "document", "Documents about {}"),
    ("mentions", None, "Documents mentioning {}"),
]


def _local(pred: str) -> str:
    return pred[len(iris.ONT):] if pred.startswith(iris.ONT) else ""


def section_of(pred: str, kind: str, label: str) -> tuple[int, str]:
    local = _local(pred)
    for i, (p, k, title) in enumerate(SECTIONS):
        if p == local and (k is None or k == kind):
            return i, title.format(label)
    return len(SECTIONS), f"{kind.capitalize()}s linked by {compact(pred)}"


def value_html(lookup: Lookup, term) -> str:
    if isinstance(term, NamedNode):
        if not term.value.startswith(iris.BASE):
            return link(term.value)
        return link(term.value, lookup.label(term.value), kind=lookup.kind(term.value))
    if isinstance(term, Literal):
        text = term.value
        shown = text if len(text) <= 400 else text[:399] + "…"
        dtype = term.datatype.value if term.datatype else ""
        note = ""
        if dtype and dtype not in (XSD.string.value, XSD.decimal.value, XSD.integer.value,
                                   "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"):
            note = f' <span class="dtype">{esc(compact(dtype))}</span>'
        elif term.language:
            note = f' <span class="dtype">@{esc(term.language)}</span>'
        return f'<span class="lit">{esc(shown)}</span>{note}'
    return f"<code>{esc(term)}</code>"


def outgoing(lookup: Lookup, node: str) -> dict[str, list]:
    by_pred: dict[str, list] = {}
    for row in lookup.select(f"SELECT DISTINCT ?p ?o WHERE {{ {NamedNode(node)} ?p ?o }}"):
        by_pred.setdefault(row["p"].value, []).append(row["o"])
    lookup.load(o.value for objs in by_pred.values() for o in objs if isinstance(o, NamedNode))
    return by_pred


def facts_table(lookup: Lookup, by_pred: dict[str, list]) -> str:
    rows = []
    order = sorted(by_pred, key=lambda p: (p != RDF.type.value, compact(p)))
    for p in order:
        if p in HIDDEN:
            continue
        values = sorted(by_pred[p], key=lambda t: lookup.label(t.value) if isinstance(t, NamedNode) else t.value)
        cells = "".join(f"<li>{value_html(lookup, v)}</li>" for v in values)
        rows.append(f'<tr><th title="{esc(p)}">{esc(compact(p))}</th><td><ul class="vals">{cells}</ul></td></tr>')
    return f'<table class="facts">{"".join(rows)}</table>' if rows else "<p>No direct facts.</p>"


def related(lookup: Lookup, node: str, label: str) -> str:
    rows = lookup.select(f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {NamedNode(node)} FILTER(isIRI(?s)) }}")
    pairs = [(r["s"].value, r["p"].value) for r in rows if r["p"].value not in (IK.document.value,)]
    if not pairs:
        return ""
    subjects = sorted({s for s, _ in pairs})
    lookup.load(subjects)
    summaries = _summaries(lookup, subjects, node)
    evidence = lookup.evidence(subjects)
    groups: dict[tuple[int, str], list[str]] = {}
    for s, p in pairs:
        groups.setdefault(section_of(p, lookup.kind(s), label), []).append(s)
    out = []
    for (_, title), members in sorted(groups.items()):
        members = sorted(set(members), key=lambda s: (lookup.label(s).lower(), s))
        items = []
        for s in members[:RELATED_LIMIT]:
            kind = lookup.kind(s)
            items.append(
                f'<li class="rel"><div class="head"><span class="badge k-{esc(kind)}">{esc(kind)}</span> '
                f"{link(s, lookup.label(s), kind=kind)}</div>{summaries.get(s, '')}"
                f"{snippets(lookup, evidence.get(s, []), limit=2)}</li>"
            )
        extra = f"<p>… and {len(members) - RELATED_LIMIT} more.</p>" if len(members) > RELATED_LIMIT else ""
        out.append(f'<section class="related"><h2>{esc(title)} <span class="count">{len(members)}</span></h2>'
                   f'<ul class="rel">{"".join(items)}</ul>{extra}</section>')
    return "".join(out)


def _summaries(lookup: Lookup, subjects: list[str], node: str) -> dict[str, str]:
    """One line of 'property: value' per related node, leaving out the link back to us."""
    facts: dict[str, list[tuple[str, object]]] = {}
    values = " ".join(str(NamedNode(s)) for s in subjects)
    for row in lookup.select(f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}"):
        p, o = row["p"].value, row["o"]
        if p in NOT_IN_SUMMARY or (isinstance(o, NamedNode) and o.value == node):
            continue
        facts.setdefault(row["s"].value, []).append((p, o))
    lookup.load(o.value for fs in facts.values() for _, o in fs if isinstance(o, NamedNode))
    out = {}
    for s, fs in facts.items():
        if lookup.label(s) and any(p == IK.text.value for p, _ in fs):
            fs = [(p, o) for p, o in fs if p != IK.text.value] if len(lookup.label(s)) < 89 else fs
        parts = [f'<span class="k">{esc(compact(p).split(":")[-1])}</span> {value_html(lookup, o)}'
                 for p, o in sorted(fs, key=lambda f: (compact(f[0]), str(f[1])))]
        if parts:
            out[s] = f'<div class="summary">{" · ".join(parts)}</div>'
    return out


def render(store, node: str) -> str:
    lookup = Lookup(store)
    label = lookup.label(node)
    kind = lookup.kind(node)
    by_pred = outgoing(lookup, node)
    path = entity_path(node)
    evidence = lookup.evidence([node])[node]
    head = (
        f'<p class="kicker"><span class="badge k-{esc(kind)}">{esc(kind)}</span> '
        f'<code class="iri">{esc(node)}</code></p><h1>{esc(label)}</h1>'
        f'<p class="actions"><a href="/graph{esc(path[3:])}">Graph view</a> · '
        f'<a href="{esc(path)}?format=ttl">Turtle</a> · <a href="{esc(path)}?format=jsonld">JSON-LD</a></p>'
    )
    if kind == "span":
        doc = next((o.value for o in by_pred.get(IK.document.value, [])), None)
        start = next((o.value for o in by_pred.get(IK.start.value, [])), None)
        end = next((o.value for o in by_pred.get(IK.end.value, [])), None)
        if doc and start and end:
            head += f'<p><a href="{esc(entity_path(doc))}#span-{esc(start)}-{esc(end)}">Show in the document</a></p>'
    body = head + "<h2>Facts</h2>" + facts_table(lookup, by_pred)
    if evidence:
        body += (f'<section class="evidence-list"><h2>Evidence <span class="count">{len(evidence)}</span></h2>'
                 f"{snippets(lookup, evidence, limit=6)}</section>")
    body += related(lookup, node, label)
    return page(label, body)


def show(store, key: str, format: str | None = None, accept: str = ""):  # noqa: A002 - the query parameter
    """``/id/<key>``: the entity (or document) page, or its RDF by Accept / ?format=."""
    from ..rdf import rdf_reply, resolve
    from ..response import Reply
    from . import document

    node = resolve(store, key)
    rdf = rdf_reply(store, node, accept, format)
    if rdf is not None:
        return rdf
    html = document.render(store, node) if Lookup(store).kind(node) == "document" else render(store, node)
    return Reply.html(html, Vary="Accept")
