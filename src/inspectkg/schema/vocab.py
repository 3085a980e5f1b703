"""Generate the SKOS vocabularies and gazetteer instances in ``ontology/vocab/``.

One function per vocabulary, each building an rdflib Graph from the CSV files
in ``inspectkg/data`` (see ``data/SOURCES.md``):

    roles.ttl          ik:Role concepts (roles.csv; modifier rows are not roles)
    grades.ttl         ik:Grade concepts of the two PEEL scales (grades.csv)
    areas.ttl          ik:AssessmentArea concepts, per round and pillar (peel_areas.csv)
    programmes.ttl     ik:Programme concepts (concepts.csv)
    finding-kinds.ttl  ik:FindingKind concepts (concepts.csv)
    stances.ttl        ik:Stance concepts (concepts.csv)
    forces.ttl         ik:PoliceForce instances (forces.csv)
    organisations.ttl  inspectorates and other bodies, their renames (inspectorates.csv)

``python -m inspectkg.schema.vocab`` rewrites the files; a test fails when a
committed file differs from what :func:`render` makes.  Every IRI comes from
:mod:`inspectkg.iris`.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from collections.abc import Callable
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG

from .. import iris, kinds
from ..errors import RuleError
from ..reference import load
from ..resources import data_dir, ontology_dir

IK = Namespace(iris.ONT)

# organisation kind (gold_kind) -> class: data/organisation_kinds.csv
KIND_CLASS = {kind: IK[cls] for kind, cls in kinds.class_of_kind().items()}
SCALES = kinds.grade_scales()  # grades.csv scale_id -> (scheme name, label); other scales are not ik:Grade
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def node(entity_key: str) -> URIRef:
    return URIRef(iris.iri(entity_key))


def _graph() -> Graph:
    graph = Graph(bind_namespaces="core")
    for prefix, ns in (("ik", IK), ("ikd", Namespace(iris.BASE)), ("skos", SKOS),
                       ("dcterms", DCTERMS), ("org", ORG)):
        graph.bind(prefix, ns)
    return graph


def _scheme(graph: Graph, name: str, label: str) -> URIRef:
    scheme = node(iris.key("scheme", name))
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, RDFS.label, Literal(label)))
    graph.add((scheme, SKOS.prefLabel, Literal(label)))
    return scheme


@dataclass(frozen=True)
class _Concept:
    """One SKOS concept of a scheme, as :meth:`add_to` writes it."""

    subject: URIRef
    cls: URIRef
    scheme: URIRef
    notation: str
    label: str
    alt_labels: tuple[str, ...] = ()
    definition: str | None = None

    def add_to(self, graph: Graph) -> None:
        subject = self.subject
        graph.add((subject, RDF.type, self.cls))
        graph.add((subject, SKOS.notation, Literal(self.notation)))
        graph.add((subject, RDFS.label, Literal(self.label)))
        graph.add((subject, SKOS.prefLabel, Literal(self.label)))
        for alt in self.alt_labels:
            if alt != self.label:
                graph.add((subject, SKOS.altLabel, Literal(alt)))
        if self.definition:
            graph.add((subject, SKOS.definition, Literal(self.definition)))
        graph.add((subject, SKOS.inScheme, self.scheme))
        graph.add((self.scheme, SKOS.hasTopConcept, subject))


def _date(value: str, where: str) -> Literal:
    if not _DATE.match(value):
        raise RuleError(where, f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(value)]
    return Literal(value, datatype=datatype)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def _concept_rows(scheme: str) -> list[dict[str, str]]:
    path = data_dir() / "concepts.csv"
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return [row for row in csv.DictReader(handle) if row["scheme"] == scheme]
    except (OSError, KeyError) as exc:
        raise RuleError(path, f"cannot read concepts ({exc})") from exc


# --- one function per vocabulary -----------------------------------------------------

def roles() -> Graph:
    graph = _graph()
    scheme = _scheme(graph, "roles", "Roles of officials")
    for role in load().roles:
        if role.kind == "modifier":
            continue  # prefixes (temporary, acting, detective), not roles
        subject = node(iris.concept("role", role.id))
        # a role the extractor assigns from structure alone has no title forms
        label, *alts = role.title_forms or (role.id.replace("_", " "),)
        _Concept(subject, IK.Role, scheme, role.id, label, tuple(alts)).add_to(graph)
        if role.rank_order is not None:
            graph.add((subject, IK.rank, Literal(role.rank_order)))
    return graph


def grades() -> Graph:
    graph = _graph()
    schemes = {scale: _scheme(graph, name, label) for scale, (name, label) in SCALES.items()}
    for grade in load().grades:
        if grade.scale not in SCALES:
            continue  # "ungraded" and journalistic words are not grades
        subject = node(iris.key("grade", SCALES[grade.scale][0], grade.id))
        _Concept(subject, IK.Grade, schemes[grade.scale], grade.id, grade.label,
                 grade.paraphrases, grade.definition or None).add_to(graph)
        graph.add((subject, IK.rank, Literal(grade.rank)))
        if grade.periods:
            graph.add((subject, SKOS.scopeNote, Literal("Used in: " + "; ".join(grade.periods))))
    return graph


def areas() -> Graph:
    graph = _graph()
    scheme = _scheme(graph, "peel-areas", "PEEL assessment areas")
    ids = {area.id for area in load().areas}
    for area in load().areas:
        subject = node(iris.concept("area", area.id))
        _Concept(subject, IK.AssessmentArea, scheme, area.id, area.label, area.paraphrases,
                 area.official_wording or None).add_to(graph)
        for period in area.periods:
            if period == "any":
                continue
            rounds = _scheme(graph, "areas-" + iris.slug(period), f"Assessment areas, {period}")
            graph.add((subject, SKOS.inScheme, rounds))
        pillar = re.match(r"[a-z]+", area.pillar or "")
        if pillar and area.level != "pillar" and f"pillar_{pillar.group()}" in ids:
            graph.add((subject, SKOS.broader, node(iris.concept("area", f"pillar_{pillar.group()}"))))
    for row in _concept_rows("area"):
        _Concept(node(iris.concept("area", row["concept_id"])), IK.AssessmentArea, scheme,
                 row["concept_id"], row["label"], tuple(_split(row["alt_labels"])), row["definition"] or None).add_to(graph)
    return graph


def _simple(scheme_id: str, scheme_name: str, label: str, cls: URIRef, iri_kind: str) -> Graph:
    graph = _graph()
    scheme = _scheme(graph, scheme_name, label)
    for row in _concept_rows(scheme_id):
        subject = node(iris.concept(iri_kind, row["concept_id"]))
        _Concept(subject, cls, scheme, row["concept_id"], row["label"],
                 tuple(_split(row["alt_labels"])), row["definition"] or None).add_to(graph)
    return graph


def programmes() -> Graph:
    return _simple("programme", "programmes", "Inspection programmes", IK.Programme, "programme")


def finding_kinds() -> Graph:
    return _simple("finding_kind", "finding-kinds", "Kinds of finding", IK.FindingKind, "finding-kind")


def stances() -> Graph:
    return _simple("stance", "stances", "Stances of a response", IK.Stance, "stance")


def forces() -> Graph:
    graph = _graph()
    for force in load().forces:
        subject = node(iris.force(force.id))
        graph.add((subject, RDF.type, IK.PoliceForce))
        graph.add((subject, RDFS.label, Literal(force.name)))
        for alias in force.aliases:
            if alias != force.name:
                graph.add((subject, SKOS.altLabel, Literal(alias)))
        for country in _split(force.country):
            graph.add((subject, IK.country, Literal(country)))
    return graph


def organisations() -> Graph:
    """Bodies of inspectorates.csv; a successor that keeps its predecessor's name is a rename."""
    graph = _graph()
    bodies = {body.id: body for body in load().bodies}
    where = str(data_dir() / "inspectorates.csv")
    for body in bodies.values():
        subject = node(iris.org(body.id))
        if body.kind not in KIND_CLASS:
            raise RuleError(where, f"{body.id}: unknown gold_kind {body.kind!r}")
        graph.add((subject, RDF.type, KIND_CLASS[body.kind]))
        graph.add((subject, RDFS.label, Literal(body.name)))
        for alias in body.aliases:
            if alias != body.name:
                graph.add((subject, SKOS.altLabel, Literal(alias)))
        if body.valid_from:
            graph.add((subject, IK.validFrom, _date(body.valid_from, where)))
        if body.valid_to:
            graph.add((subject, IK.validTo, _date(body.valid_to, where)))
        before = bodies.get(body.successor_of or "")
        if before is None:
            continue  # predecessor not listed (e.g. NPIA)
        renamed = before.name.lower() in {alias.lower() for alias in body.labels}
        graph.add((node(iris.org(before.id)), IK.renamedTo if renamed else IK.replacedBy, subject))
        event = node(iris.key("change", before.id, body.id))
        graph.add((event, RDF.type, ORG.ChangeEvent))
        verb = "renamed" if renamed else "replaced by"
        graph.add((event, RDFS.label, Literal(f"{before.name} {verb} {body.name}")))
        graph.add((event, ORG.originalOrganization, node(iris.org(before.id))))
        graph.add((event, ORG.resultingOrganization, subject))
        if body.valid_from:
            graph.add((event, DCTERMS.date, _date(body.valid_from, where)))
    return graph


VOCABULARIES: dict[str, Callable[[], Graph]] = {
    "roles.ttl": roles,
    "grades.ttl": grades,
    "areas.ttl": areas,
    "programmes.ttl": programmes,
    "finding-kinds.ttl": finding_kinds,
    "stances.ttl": stances,
    "forces.ttl": forces,
    "organisations.ttl": organisations,
}


def render(name: str) -> str:
    """The Turtle text of one vocabulary file, with a do-not-edit header."""
    body = VOCABULARIES[name]().serialize(format="turtle")
    return (f"# Generated by `python -m inspectkg.schema.vocab` from src/inspectkg/data/*.csv.\n"
            f"# Do not edit: change the CSV and regenerate.\n\n{body}")


def write_all(folder: Path | None = None) -> list[Path]:
    folder = folder or ontology_dir() / "vocab"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in VOCABULARIES:
        path = folder / name
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    for written_path in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written_path)
