"""``/id/<key>``: everything the graph says about one entity, with its evidence.

Readers see labels: predicates as words, entities by name, codes without underscores;
rdf:type rows, confidences and provenance links are left out of the facts (the raw
RDF is one click away, as Turtle or JSON-LD).
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from ... import iris
from ...store.terms import DCTERMS, IK, PROV, RDF
from ..data import Lookup
from ..provenance import snippets
from ..templating import entity_path, words

# predicates never listed as facts for readers
HIDDEN = {PROV.wasDerivedFrom.value, IK.content.value, RDF.type.value, IK.confidence.value}
# predicates left out of the one-line summary of a related node
NOT_IN_SUMMARY = HIDDEN | {IK.sha256.value, DCTERMS.format.value, IK.mentions.value, IK.document.value}
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
    return len(SECTIONS), f"{kind.capitalize()}s linked by {words(pred)}"


def display_kind(lookup: Lookup, node: str) -> str:
    """What a reader calls the node: a police force is a force, not an 'organisation'."""
    if IK.PoliceForce.value in lookup.types(node):
        return "police force"
    return lookup.kind(node).replace("_", " ")


def value(lookup: Lookup, term) -> dict:
    """A fact's value for the ``value`` macro: an entity (iri, label, kind) or text."""
    if isinstance(term, NamedNode):
        if term.value.startswith(iris.BASE):
            return {"iri": term.value, "label": lookup.label(term.value), "kind": lookup.kind(term.value)}
        return {"iri": term.value, "label": None, "kind": None}
    if isinstance(term, Literal):
        text = term.value
        return {"text": text if len(text) <= 400 else text[:399] + "…"}
    return {"text": str(term)}


def outgoing(lookup: Lookup, node: str) -> dict[str, list]:
    by_pred: dict[str, list] = {}
    for row in lookup.select(f"SELECT DISTINCT ?p ?o WHERE {{ {NamedNode(node)} ?p ?o }}"):
        by_pred.setdefault(row["p"].value, []).append(row["o"])
    lookup.load(o.value for objs in by_pred.values() for o in objs if isinstance(o, NamedNode))
    return by_pred


def facts(lookup: Lookup, by_pred: dict[str, list]) -> list[dict]:
    """Rows of the facts table: a predicate in words and its values, sorted."""
    rows = []
    for p in sorted(by_pred, key=words):
        if p in HIDDEN:
            continue
        values = sorted(by_pred[p], key=lambda t: lookup.label(t.value) if isinstance(t, NamedNode) else t.value)
        rows.append({"name": words(p), "iri": p, "values": [value(lookup, v) for v in values]})
    return rows


def related(lookup: Lookup, node: str, label: str) -> list[dict]:
    """Sections of nodes that point here; a node is listed once, in its first section."""
    rows = lookup.select(f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {NamedNode(node)} FILTER(isIRI(?s)) }}")
    pairs = [(r["s"].value, r["p"].value) for r in rows if r["p"].value not in (IK.document.value,)]
    if not pairs:
        return []
    subjects = sorted({s for s, _ in pairs})
    lookup.load(subjects)
    summaries = _summaries(lookup, subjects, node)
    evidence = lookup.evidence(subjects)
    groups: dict[tuple[int, str], set[str]] = {}
    for s, p in pairs:
        groups.setdefault(section_of(p, lookup.kind(s), label), set()).add(s)
    shown: set[str] = set()
    out = []
    for (_, title), members in sorted(groups.items()):
        members = sorted(members - shown, key=lambda s: (lookup.label(s).lower(), s))
        shown.update(members)
        if not members:
            continue
        items = [{"iri": s, "label": lookup.label(s), "kind": lookup.kind(s), "kind_name": display_kind(lookup, s),
                  "summary": summaries.get(s, []), "evidence": snippets(lookup, evidence.get(s, [])[:2])}
                 for s in members[:RELATED_LIMIT]]
        out.append({"title": title, "count": len(members), "items": items,
                    "more": max(0, len(members) - RELATED_LIMIT)})
    return out


def _summaries(lookup: Lookup, subjects: list[str], node: str) -> dict[str, list[tuple[str, dict]]]:
    """(property in words, value) pairs per related node, leaving out the link back to us."""
    found: dict[str, list[tuple[str, object]]] = {}
    values = " ".join(str(NamedNode(s)) for s in subjects)
    for row in lookup.select(f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}"):
        p, o = row["p"].value, row["o"]
        if p in NOT_IN_SUMMARY or (isinstance(o, NamedNode) and o.value == node):
            continue
        found.setdefault(row["s"].value, []).append((p, o))
    lookup.load(o.value for fs in found.values() for _, o in fs if isinstance(o, NamedNode))
    out = {}
    for s, fs in found.items():
        if lookup.label(s) and len(lookup.label(s)) < 89:  # the label already says the text
            fs = [(p, o) for p, o in fs if p != IK.text.value]
        out[s] = [(words(p), value(lookup, o)) for p, o in sorted(fs, key=lambda f: (words(f[0]), str(f[1])))]
    return out


def span_link(by_pred: dict[str, list]) -> str | None:
    """For a text span: the link to it in its document."""
    doc = next((o.value for o in by_pred.get(IK.document.value, [])), None)
    start = next((o.value for o in by_pred.get(IK.start.value, [])), None)
    end = next((o.value for o in by_pred.get(IK.end.value, [])), None)
    return f"{entity_path(doc)}#span-{start}-{end}" if doc and start and end else None


def render(store, node: str):
    lookup = Lookup(store)
    label = lookup.label(node)
    by_pred = outgoing(lookup, node)
    kind = lookup.kind(node)
    return "entity.html", {
        "node": node, "label": label, "kind": kind, "kind_name": display_kind(lookup, node),
        "path": entity_path(node), "facts": facts(lookup, by_pred),
        "span_link": span_link(by_pred) if kind == "span" else None,
        "evidence": snippets(lookup, lookup.evidence([node])[node]), "related": related(lookup, node, label),
    }


def show(store, key: str, format: str | None = None, accept: str = ""):  # noqa: A002 - the query parameter
    """``/id/<key>``: the entity (or document) page, or its RDF by Accept / ?format=."""
    from ..rdf import rdf_reply, resolve
    from ..response import Reply
    from ..templating import render as fill
    from . import document

    node = resolve(store, key)
    rdf = rdf_reply(store, node, accept, format)
    if rdf is not None:
        return rdf
    template, context = document.render(store, node) if Lookup(store).kind(node) == "document" else render(store, node)
    return Reply.html(fill(template, **context), Vary="Accept")
