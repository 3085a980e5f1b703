"""Extraction -> quads, per docs/graph-layout.md.  Pure and deterministic.

:func:`to_quads` returns the quads of the document's own graph. What the
document says of shared entities (forces, organisations, people, inspections,
ratings, appointments: types, labels, structure, and its grades, titles, dates
and confidences) belongs to ``graph/entities``, where each triple is kept once
however many documents say it; the document graph keeps only what is its own:
the Document node, spans, findings, claims, statistics, ``ik:mentions``, the
derivations of shared entities from its spans, an *attestation* node per shared
entity carrying this document's grade, title, date and confidence, and one
``ik:entityTriples`` literal listing (as N-Triples) the shared triples it
supports. :func:`entity_triples` reads that literal back: the document's
contribution to ``graph/entities``, and what keeps a triple there while any
document still says it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple, parse

from .. import iris, kinds
from ..model import Extraction, Span
from .terms import DCTERMS, IK, PROV, RDF, RDFS, XSD

ORG_CLASS = {kind: IK[cls] for kind, cls in kinds.class_of_kind().items()}

# per-document values also stated of the shared entity itself (the ontology's core says a rating
# has a grade, an inspection a publication date); the others live on the attestation only
_ALSO_SHARED = frozenset({IK.grade, IK.published})

GRADE_SCALES = {scale: scheme for scale, (scheme, _) in kinds.grade_scales().items()}


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")


def node(key: str) -> NamedNode:
    return iris.named_node(key)


@lru_cache(maxsize=4096)
def _concept(scheme: str, concept_id: str) -> NamedNode:
    """A vocabulary concept's node (few, met in every document: made once)."""
    return node(iris.concept(scheme, concept_id))


def date_literal(value: str) -> Literal:
    """YYYY-MM-DD, YYYY-MM or YYYY as the matching XSD type."""
    if _DATE.match(value):
        return Literal(value, datatype=XSD.date)
    if _YEAR_MONTH.match(value):
        return Literal(value, datatype=XSD.gYearMonth)
    if _YEAR.match(value):
        return Literal(value, datatype=XSD.gYear)
    raise ValueError(f"not a date: {value!r}")


def decimal_literal(value: float | Decimal) -> Literal:
    """The lexical form pyoxigraph keeps ("1", "0.9"), so stored quads equal mapped ones."""
    return _decimal_literal(str(value))


@lru_cache(maxsize=1024)  # confidences: a handful of values in every document
def _decimal_literal(text: str) -> Literal:
    number = Decimal(text).normalize()
    return Literal(format(number, "f"), datatype=XSD.decimal)


def integer_literal(value: int) -> Literal:
    return Literal(str(int(value)), datatype=XSD.integer)


def grade_key(scale: str | None, grade: str) -> str:
    """``grade/peel-5tier/good``: a grade concept belongs to one scale."""
    return f"grade/{GRADE_SCALES.get(scale or '', 'peel-5tier')}/{iris.slug(grade)}"


class _Writer:
    def __init__(self, extraction: Extraction):
        self.extraction = extraction
        self.doc = extraction.document
        self.doc_id = self.doc.id
        self.doc_node = node(iris.document(self.doc_id))
        self.graph = node(iris.graph(self.doc_id))
        # a dict, not a set: kept in the order written, which the final sort takes less time over
        self.quads: dict[Quad, None] = {}
        self.spans: dict[tuple[int, int], NamedNode] = {}
        self.shared: dict[Triple, None] = {}  # for graph/entities (see entity_triples)
        self.attestations: dict[NamedNode, NamedNode] = {}

    def add(self, s, p, o) -> None:
        self.quads[Quad(s, p, o, self.graph)] = None

    def share(self, s, p, o) -> None:
        """A triple about a shared entity: kept once, in graph/entities."""
        self.shared[Triple(s, p, o)] = None

    def attest(self, s: NamedNode, p, o) -> None:
        """This document's value for a shared entity (grade, title, date, confidence): on the
        document's attestation of it; a grade or a publication date (core properties of a
        rating and an inspection) also once, with every other document's, in graph/entities."""
        if p in _ALSO_SHARED:
            self.shared[Triple(s, p, o)] = None
        a = self.attestations.get(s)
        if a is None:
            a = self.attestations[s] = node(iris.attestation(self.doc_id, iris.key_of(s.value)))
            self.add(a, IK.attests, s)
        self.add(a, p, o)

    def span(self, span: Span) -> NamedNode:
        where = (span.start, span.end)
        known = self.spans.get(where)
        if known is not None:  # cited by several facts: written once
            return known
        s = self.spans[where] = node(iris.span(self.doc_id, span.start, span.end))
        quads, g = self.quads, self.graph
        quads[Quad(s, RDF.type, IK.TextSpan, g)] = None
        quads[Quad(s, IK.document, self.doc_node, g)] = None
        quads[Quad(s, IK.start, integer_literal(span.start), g)] = None
        quads[Quad(s, IK.end, integer_literal(span.end), g)] = None
        quads[Quad(s, IK.exact, Literal(span.exact), g)] = None
        return s

    def evidence(self, subject: NamedNode, spans) -> None:
        for span in spans:
            self.add(subject, PROV.wasDerivedFrom, self.span(span))

    def confidence(self, subject: NamedNode, value: float, *, shared: bool = False) -> None:
        literal = decimal_literal(round(float(value), 3))
        if shared:
            self.attest(subject, IK.confidence, literal)
        else:
            self.add(subject, IK.confidence, literal)


def to_quads(extraction: Extraction) -> list[Quad]:
    """Every quad of the document's graph, sorted."""
    w = _Writer(extraction)
    _document(w, extraction)
    mentioned: set[str] = set()
    for write in (_organisations, _people, _appointments, _inspections, _ratings):
        mentioned.update(write(w, extraction))
    for write in (_findings, _claims, _statistics):
        write(w, extraction)
    for key in sorted(mentioned):
        w.add(w.doc_node, IK.mentions, node(key))
    if w.shared:
        w.add(w.doc_node, IK.entityTriples, Literal("".join(sorted(f"{t} .\n" for t in w.shared))))
    return sorted(w.quads, key=str)


def _document(w: _Writer, extraction: Extraction) -> None:
    """The Document node: where the text came from, the text itself and its hash."""
    doc, d = extraction.document, w.doc_node
    w.add(d, RDF.type, IK.Document)
    w.add(d, DCTERMS.source, Literal(doc.source))
    w.add(d, IK.content, Literal(doc.text))
    w.add(d, IK.sha256, Literal(doc.sha256))
    w.add(d, DCTERMS.format, Literal(doc.media_type))
    if doc.title:
        w.add(d, DCTERMS.title, Literal(doc.title))
    if doc.publisher:
        w.add(d, DCTERMS.publisher, Literal(doc.publisher))
    if doc.published:
        w.add(d, IK.published, date_literal(doc.published))
    if doc.url and doc.url != doc.source:
        w.add(d, DCTERMS.identifier, Literal(doc.url))
    if extraction.main_force:
        w.add(d, IK.about, node(extraction.main_force))


def _organisations(w: _Writer, extraction: Extraction) -> list[str]:
    for org in extraction.organisations:
        o = node(org.key)
        w.share(o, RDF.type, ORG_CLASS.get(org.kind, IK.Organisation))
        w.share(o, RDFS.label, Literal(org.name))
        w.evidence(o, org.mentions)
    return [org.key for org in extraction.organisations]


def _people(w: _Writer, extraction: Extraction) -> list[str]:
    for person in extraction.people:
        p = node(person.key)
        w.share(p, RDF.type, IK.Person)
        w.share(p, RDFS.label, Literal(person.name))
        w.evidence(p, person.mentions)
    return [person.key for person in extraction.people]


def _appointments(w: _Writer, extraction: Extraction) -> list[str]:
    keys = []
    for appt in extraction.appointments:
        akey = iris.appointment(appt.person, appt.role, appt.organisation)
        a = node(akey)
        keys.append(akey)
        w.share(a, RDF.type, IK.Appointment)
        w.share(a, IK.person, node(appt.person))
        w.share(a, IK.role, _concept("role", appt.role))
        if appt.organisation:
            w.share(a, IK.organisation, node(appt.organisation))
        if appt.title_text:
            w.attest(a, IK.titleText, Literal(appt.title_text))
        if appt.qualifier:
            w.attest(a, IK.qualifier, Literal(appt.qualifier))
        w.add(a, IK.attestedIn, w.doc_node)
        w.evidence(a, appt.evidence)
        w.confidence(a, appt.confidence, shared=True)
    return keys


def _inspections(w: _Writer, extraction: Extraction) -> list[str]:
    for insp in extraction.inspections:
        i = node(insp.key)
        w.share(i, RDF.type, IK.Inspection)
        w.share(i, IK.inspectedBody, node(insp.inspected))
        w.share(i, IK.conductedBy, node(insp.inspectorate))
        w.share(i, IK.programme, _concept("programme", insp.programme))
        if insp.period:
            w.share(i, IK.period, Literal(insp.period))
        if insp.published:
            w.attest(i, IK.published, date_literal(insp.published))
        w.evidence(i, insp.evidence)
        w.confidence(i, insp.confidence, shared=True)
    return [insp.key for insp in extraction.inspections]


def _ratings(w: _Writer, extraction: Extraction) -> list[str]:
    for rating in extraction.ratings:
        r = node(rating.key)
        w.share(r, RDF.type, IK.Rating)
        w.share(r, IK.inspection, node(rating.inspection))
        w.share(r, IK.area, _concept("area", rating.area))
        w.attest(r, IK.grade, node(grade_key(rating.scale, rating.grade)))
        if rating.area_text:
            w.attest(r, IK.areaText, Literal(rating.area_text))
        if rating.area_count is not None:
            w.attest(r, IK.areaCount, integer_literal(rating.area_count))
        w.evidence(r, rating.evidence)
        w.confidence(r, rating.confidence, shared=True)
    return [rating.key for rating in extraction.ratings]


def _findings(w: _Writer, extraction: Extraction) -> None:
    for finding in extraction.findings:
        f = node(finding.key)
        w.add(f, RDF.type, IK.Finding)
        if finding.inspection:
            w.add(f, IK.inspection, node(finding.inspection))
        w.add(f, IK.findingKind, _concept("finding-kind", finding.kind))
        w.add(f, IK.text, Literal(finding.text.exact))
        if finding.topic:
            w.add(f, IK.topic, Literal(finding.topic))
        w.evidence(f, (finding.text, *finding.evidence))
        w.confidence(f, finding.confidence)


def _claims(w: _Writer, extraction: Extraction) -> None:
    for claim in extraction.claims:
        c = node(claim.key)
        w.add(c, RDF.type, IK.Claim)
        if claim.quotation:
            w.add(c, RDF.type, IK.Quotation)
        w.add(c, IK.text, Literal(claim.text.exact))
        if claim.speaker:
            w.add(c, IK.speaker, node(claim.speaker))
        for target in claim.responds_to:
            w.add(c, IK.respondsTo, node(target))
        if claim.stance:
            w.add(c, IK.stance, _concept("stance", claim.stance))
        w.evidence(c, (claim.text, *claim.evidence))
        w.confidence(c, claim.confidence)


def _statistics(w: _Writer, extraction: Extraction) -> None:
    for stat in extraction.statistics:
        s = node(stat.key)
        w.add(s, RDF.type, IK.Statistic)
        w.add(s, IK.text, Literal(stat.text.exact))
        w.add(s, IK.value, decimal_literal(stat.value))
        w.add(s, IK.measure, Literal(stat.measure))
        w.add(s, IK.unit, Literal(stat.unit))
        if stat.period:
            w.add(s, IK.period, Literal(stat.period))
        if stat.subject:
            w.add(s, IK.about, node(stat.subject))
        w.evidence(s, (stat.text,))
        w.confidence(s, stat.confidence)


def entity_triples(quads) -> list[Triple]:
    """A document's contribution to graph/entities, read from its ``ik:entityTriples`` literal
    (among the quads of its graph, as :func:`to_quads` made them or as stored)."""
    out: list[Triple] = []
    for q in quads:
        if q.predicate == IK.entityTriples:
            out.extend(t.triple for t in parse(q.object.value.encode("utf-8"), format=RdfFormat.N_TRIPLES))
    return sorted(set(out), key=str)


def entity_lines(quads) -> set[str]:
    """The same contribution as N-Triples lines (without the final " ."), cheap to compare."""
    return {line[:-2] for q in quads if q.predicate == IK.entityTriples for line in q.object.value.splitlines()}


def as_said(quads) -> list[Quad]:
    """A document graph as the document said it: its own quads plus its shared-entity triples,
    with its attestations' values stated of the entities again (and without the attestation
    nodes and the ``ik:entityTriples`` literal). The per-document view the evaluator reads."""
    quads = list(quads)
    if not quads:
        return []
    graph = quads[0].graph_name
    attested = {q.subject: q.object for q in quads if q.predicate == IK.attests}
    out: dict[Quad, None] = {}
    for q in quads:
        if q.predicate in (IK.attests, IK.entityTriples):
            continue
        subject = attested.get(q.subject, q.subject)
        out[Quad(subject, q.predicate, q.object, graph)] = None
    for t in entity_triples(quads):
        out[Quad(t.subject, t.predicate, t.object, graph)] = None
    return sorted(out, key=str)
