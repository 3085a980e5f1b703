"""Figures about a store: documents, quads, and extracted facts by kind."""

from __future__ import annotations

from .. import iris, kinds
from .embedded import ENTITIES, REFERENCE, Store

_KINDS = (
    ("documents", "Document"), ("forces", "PoliceForce"), ("organisations", "Organisation"),
    ("people", "Person"), ("appointments", "Appointment"), ("inspections", "Inspection"),
    ("ratings", "Rating"), ("findings", "Finding"), ("claims", "Claim"), ("quotations", "Quotation"),
    ("statistics", "Statistic"), ("text spans", "TextSpan"),
)
_SHARED = {"PoliceForce", "Organisation", "Person", "Appointment", "Inspection", "Rating"}

# every organisation class but PoliceForce (forces are counted on their own)
_ORGANISATIONS = " ".join(f"ik:{cls}" for cls in kinds.organisation_classes() if cls != "PoliceForce")


def stats(store: Store) -> dict[str, int]:
    """Counts of distinct typed nodes that documents hold or mention, plus totals.

    A shared entity's type is in graph/entities (or, for a gazetteer force or inspectorate,
    the reference graph), so it counts when a document mentions it; the others (documents,
    findings, claims, spans ...) are typed in their document's graph.
    """
    figures: dict[str, int] = {}
    for label, cls in _KINDS:
        classes = _ORGANISATIONS if cls == "Organisation" else f"ik:{cls}"
        if cls in _SHARED:
            query = (
                "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { { SELECT DISTINCT ?s WHERE { GRAPH ?g { ?d ik:mentions ?s } } } "
                "VALUES ?t { %s } VALUES ?tg { <%s> <%s> } GRAPH ?tg { ?s a ?t } }" % (classes, ENTITIES.value, REFERENCE.value)
            )
        else:
            query = (
                "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { VALUES ?t { %s } GRAPH ?g { ?s a ?t } "
                "FILTER(?g != <%s> && ?g != <%s>) }" % (classes, ENTITIES.value, REFERENCE.value)
            )
        rows = list(store.query(query_with_prefix(query)))
        figures[label] = int(rows[0]["n"].value)
    figures["quads"] = len(store)
    figures["reference quads"] = sum(1 for _ in store.quads(REFERENCE))
    figures["shared entity quads"] = sum(1 for _ in store.quads(ENTITIES))
    return figures


def query_with_prefix(query: str) -> str:
    return f"PREFIX ik: <{iris.ONT}>\n{query}"
