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

# every organisation class but PoliceForce (forces are counted on their own)
_OTHER_ORGANISATIONS = " ".join(f"ik:{cls}" for cls in kinds.organisation_classes() if cls != "PoliceForce")


def stats(store: Store) -> dict[str, int]:
    """Counts of distinct typed nodes across document graphs, plus totals."""
    figures: dict[str, int] = {}
    for label, cls in _KINDS:
        if cls == "Organisation":
            query = (
                "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?t } "
                "FILTER(?g != <%s> && ?g != <%s>) "
                "VALUES ?t { %s } }"
                % (ENTITIES.value, REFERENCE.value, _OTHER_ORGANISATIONS)
            )
        else:
            query = (
                "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ik:%s } FILTER(?g != <%s> && ?g != <%s>) }"
                % (cls, ENTITIES.value, REFERENCE.value)
            )
        rows = list(store.query(query_with_prefix(query)))
        figures[label] = int(rows[0]["n"].value)
    figures["quads"] = len(store)
    figures["reference quads"] = sum(1 for _ in store.quads(REFERENCE))
    figures["shared entity quads"] = sum(1 for _ in store.quads(ENTITIES))
    return figures


def query_with_prefix(query: str) -> str:
    return f"PREFIX ik: <{iris.ONT}>\n{query}"
