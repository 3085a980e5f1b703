"""Findings of inspections with who answered each: quote, stance, date, source.

A finding counts as unanswered exactly when the saved query
``unanswered-findings`` lists it (no one outside the inspectorate answers the
finding or its inspection as a whole); that query is the one definition.
Responses to an inspection as a whole (or to one of its grades) are kept per
inspection.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...sparql import queries
from ..data import Lookup
from .common import Ref, Source, concept_label, node, ref, rows, saved, sources

_FINDINGS = """
SELECT DISTINCT ?force ?inspection ?finding ?kind ?text WHERE {
  GRAPH ikg:entities { ?inspection ik:inspectedBody ?force }
  GRAPH ?g { ?finding a ik:Finding ; ik:inspection ?inspection ; ik:findingKind ?kind ; ik:text ?text }
}
"""
# what answers what: one query per kind of target, each starting from the bound force's or inspection's
# inspections (as one UNION they took 1.2 s for one force at 1,000 documents); then the claims' details
_ANSWERS = (
    """SELECT DISTINCT ?inspection ?target ?claim WHERE { GRAPH ikg:entities { ?inspection ik:inspectedBody ?force }
       GRAPH ?fg { ?target ik:inspection ?inspection ; a ik:Finding } GRAPH ?g { ?claim ik:respondsTo ?target } }""",
    """SELECT DISTINCT ?inspection ?target ?claim WHERE { GRAPH ikg:entities { ?inspection ik:inspectedBody ?force .
       ?target ik:inspection ?inspection ; a ik:Rating } GRAPH ?g { ?claim ik:respondsTo ?target } }""",
    """SELECT DISTINCT ?inspection ?target ?claim WHERE { GRAPH ikg:entities { ?inspection a ik:Inspection ;
       ik:inspectedBody ?force } GRAPH ?g { ?claim ik:respondsTo ?inspection } BIND (?inspection AS ?target) }""",
)
_CLAIMS = """
SELECT ?claim (SAMPLE(?t) AS ?text) (SAMPLE(?s) AS ?speaker) (SAMPLE(?st) AS ?stance) (MIN(STR(?pub)) AS ?published)
WHERE { VALUES ?claim { CLAIMS } GRAPH ?g { ?claim ik:text ?t . ?doc a ik:Document }
  OPTIONAL { GRAPH ?g { ?claim ik:speaker ?s } } OPTIONAL { GRAPH ?g { ?claim ik:stance ?st } }
  OPTIONAL { GRAPH ?g { ?doc ik:published ?pub } } } GROUP BY ?claim
"""
# the order finding kinds are shown in
KIND_ORDER = ("cause_of_concern", "area_for_improvement", "recommendation", "strength", "statement")


@dataclass(frozen=True)
class Response:
    claim: str
    speaker: Ref | None
    text: str
    stance: str | None  # "Accepts"
    date: str | None  # the publication date of the document that reports it
    sources: tuple[Source, ...]
    target: str  # what it answers: a finding, a rating or the inspection
    inspection: str  # the inspection that target belongs to


@dataclass(frozen=True)
class Finding:
    iri: str
    inspection: str
    kind: str  # "cause_of_concern"
    kind_label: str  # "Cause of concern"
    text: str
    sources: tuple[Source, ...]
    responses: tuple[Response, ...]
    unanswered: bool


@dataclass(frozen=True)
class InspectionFindings:
    inspection: str
    findings: tuple[Finding, ...]  # by kind (causes of concern first), then text
    responses: tuple[Response, ...]  # to the inspection as a whole or to one of its grades


def responses(lookup: Lookup, **bindings) -> list[Response]:
    terms = {k: node(v) for k, v in bindings.items()}
    found = [r for sparql in _ANSWERS for r in rows(lookup, sparql, **terms)]
    claims = sorted({r["claim"] for r in found})
    details = {}
    for start in range(0, len(claims), 200):  # IRIs read from the store, written as IRIs
        listed = " ".join(str(node(c)) for c in claims[start:start + 200])
        details |= {d["claim"]: d for d in rows(lookup, _CLAIMS.replace("CLAIMS", listed))}
    spans = sources(lookup, claims)
    lookup.load({d["speaker"] for d in details.values() if d["speaker"]}
                | {d["stance"] for d in details.values() if d["stance"]})
    out = []
    for r in found:
        d = details.get(r["claim"])
        if d is None:
            continue
        out.append(Response(r["claim"], ref(lookup, d["speaker"]), d["text"],
                            lookup.label(d["stance"]) if d["stance"] else None, d["published"],
                            spans.get(r["claim"], ()), r["target"], r["inspection"]))
    return sorted(set(out), key=lambda x: (x.date or "", x.text, x.claim, x.target))


def _unanswered(lookup: Lookup, forces) -> set[tuple[str, int, int]]:
    """(document, start, end) of each unanswered finding's text, from the saved query."""
    query = saved("unanswered-findings")
    out = set()
    for force in sorted(forces):
        for row in queries.run(query, {"force": force}, lookup.store).as_dicts():
            out.add((row["document"], int(row["start"]), int(row["end"])))
    return out


def by_inspection(lookup: Lookup, *, force: str | None = None, inspection: str | None = None
                  ) -> dict[str, InspectionFindings]:
    """inspection IRI -> its findings and responses, for one force or one inspection."""
    bindings = {k: v for k, v in (("force", force), ("inspection", inspection)) if v}
    found = rows(lookup, _FINDINGS, **{k: node(v) for k, v in bindings.items()})
    answers = responses(lookup, **bindings)
    spans = sources(lookup, {r["finding"] for r in found})
    unanswered = _unanswered(lookup, {r["force"] for r in found})
    lookup.load({r["kind"] for r in found})
    out: dict[str, list[Finding]] = {}
    for r in found:
        kind = r["kind"].rsplit("/", 1)[-1].replace("-", "_")
        own = spans.get(r["finding"], ())
        first = own[0] if own else None
        out.setdefault(r["inspection"], []).append(Finding(
            r["finding"], r["inspection"], kind, concept_label(lookup, r["kind"], kind),
            r["text"], own, tuple(a for a in answers if a.target == r["finding"]),
            first is not None and (first.doc, first.start, first.end) in unanswered))
    findings = {r["finding"] for r in found}
    inspections = set(out) | {a.inspection for a in answers}
    return {i: InspectionFindings(i, tuple(sorted(out.get(i, []), key=_finding_order)),
                                  _once(a for a in answers if a.inspection == i and a.target not in findings))
            for i in sorted(inspections)}


def _once(answers) -> tuple[Response, ...]:
    """One response per claim (a claim that answers an inspection and one of its grades is one answer)."""
    seen: dict[str, Response] = {}
    for a in answers:
        seen.setdefault(a.claim, a)
    return tuple(seen.values())


def _finding_order(f: Finding) -> tuple:
    rank = KIND_ORDER.index(f.kind) if f.kind in KIND_ORDER else len(KIND_ORDER)
    return rank, f.text, f.iri
