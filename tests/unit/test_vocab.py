"""The generated SKOS vocabularies and gazetteer instances in ontology/vocab/."""

from __future__ import annotations

import re

import pytest
import rdflib
from rdflib import RDF, RDFS, SKOS, XSD
from rdflib.namespace import DCTERMS, ORG

from inspectkg import iris
from inspectkg.schema import vocab
from inspectkg.reference import load
from inspectkg.resources import ontology_dir

IK = rdflib.Namespace(iris.ONT)


def node(key: str) -> rdflib.URIRef:
    return rdflib.URIRef(iris.iri(key))


@pytest.fixture(scope="module")
def graphs() -> dict[str, rdflib.Graph]:
    return {name: build() for name, build in vocab.VOCABULARIES.items()}


@pytest.mark.parametrize("name", sorted(vocab.VOCABULARIES))
def test_committed_vocab_file_is_current(name):
    path = ontology_dir() / "vocab" / name
    assert path.exists(), f"{path} is missing: run python -m inspectkg.schema.vocab"
    assert path.read_text(encoding="utf-8") == vocab.render(name), (
        f"{path} differs from the CSVs: run python -m inspectkg.schema.vocab")


def test_render_is_deterministic():
    assert vocab.render("organisations.ttl") == vocab.render("organisations.ttl")


def test_write_all_writes_every_file(tmp_path):
    written = vocab.write_all(tmp_path)
    assert sorted(p.name for p in written) == sorted(vocab.VOCABULARIES)
    assert (tmp_path / "grades.ttl").read_text(encoding="utf-8") == vocab.render("grades.ttl")


def _grades_of(graph: rdflib.Graph, scheme: str) -> dict[str, int]:
    out = {}
    for grade in graph.subjects(SKOS.inScheme, node(f"scheme/{scheme}")):
        assert (grade, RDF.type, IK.Grade) in graph
        out[str(graph.value(grade, SKOS.notation))] = int(graph.value(grade, IK.rank))
    return out


def test_two_grade_scales_kept_apart(graphs):
    g = graphs["grades.ttl"]
    four = _grades_of(g, "peel-4tier")
    five = _grades_of(g, "peel-5tier")
    assert four == {"inadequate": 1, "requires_improvement": 2, "good": 3, "outstanding": 4}
    assert five == {"inadequate": 1, "requires_improvement": 2, "adequate": 3, "good": 4, "outstanding": 5}
    assert node("grade/peel-4tier/good") != node("grade/peel-5tier/good")
    for grade in g.subjects(RDF.type, IK.Grade):
        assert len(list(g.objects(grade, SKOS.inScheme))) == 1


def test_informal_words_are_not_grades(graphs):
    g = graphs["grades.ttl"]
    labels = {str(o) for s in g.subjects(RDF.type, IK.Grade) for o in g.objects(s, SKOS.notation)}
    assert not labels & {"poor", "failing", "excellent", "ungraded"}
    assert len(set(g.subjects(RDF.type, IK.Grade))) == 9


def test_roles(graphs):
    g = graphs["roles.ttl"]
    chief = node("role/chief-constable")
    assert (chief, RDF.type, IK.Role) in g
    assert str(g.value(chief, SKOS.notation)) == "chief_constable"
    assert str(g.value(chief, SKOS.prefLabel)) == "Chief Constable"
    assert rdflib.Literal("T/Chief Constable") in set(g.objects(chief, SKOS.altLabel))
    assert g.value(chief, IK.rank) == rdflib.Literal(9)
    assert g.value(node("role/police-and-crime-commissioner"), IK.rank) is None
    notations = {str(o) for o in g.objects(None, SKOS.notation)}
    assert not any(n.startswith("modifier_") for n in notations), "modifiers are not roles"
    expected = {r.id for r in load().roles if r.kind != "modifier"}
    assert notations == expected


def test_no_role_title_names_one_force():
    """Force-specific title forms ("Kent PCC") are handled generically by the extractor."""
    bad = []
    for role in load().roles:
        for force in load().forces:
            if force.name.lower() in role.scope.lower():
                continue  # a role of that force only, e.g. the Met's Commissioner
            names = [label.lower() for label in force.labels if len(label) > 3]
            for form in role.title_forms:
                if any(re.search(rf"\b{re.escape(name)}\b", form.lower()) for name in names):
                    bad.append((role.id, form))
    kent = [(r.id, f) for r in load().roles for f in r.title_forms if "kent" in f.lower()]
    assert bad == [] and kent == []


def test_areas(graphs):
    g = graphs["areas.ttl"]
    area = node("area/investigating-crime")
    assert (area, RDF.type, IK.AssessmentArea) in g
    assert str(g.value(area, SKOS.notation)) == "investigating_crime"
    assert rdflib.Literal("how it investigates crime") in set(g.objects(area, SKOS.altLabel))
    schemes = set(g.objects(area, SKOS.inScheme))
    assert {node("scheme/peel-areas"), node("scheme/areas-2021-22"), node("scheme/areas-2023-25")} <= schemes
    question = node("area/eff-investigating-reoffending")
    assert g.value(question, SKOS.broader) == node("area/pillar-effectiveness")
    for extra in ("area/overall", "area/unspecified"):
        assert (node(extra), RDF.type, IK.AssessmentArea) in g
    assert len(set(g.subjects(RDF.type, IK.AssessmentArea))) == len(load().areas) + 1


def test_programmes_finding_kinds_stances(graphs):
    programmes = {str(o) for o in graphs["programmes.ttl"].objects(None, SKOS.notation)}
    assert programmes == {"PEEL", "crime_data_integrity", "child_protection", "custody", "vetting",
                          "domestic_abuse", "rape_investigation", "engage", "thematic", "other"}
    engage = node("programme/engage")
    assert rdflib.Literal("special measures") in set(graphs["programmes.ttl"].objects(engage, SKOS.altLabel))
    assert (node("programme/peel"), RDF.type, IK.Programme) in graphs["programmes.ttl"]
    kinds = {str(o) for o in graphs["finding-kinds.ttl"].objects(None, SKOS.notation)}
    assert kinds == {"cause_of_concern", "area_for_improvement", "recommendation", "strength", "statement"}
    assert (node("finding-kind/area-for-improvement"), RDF.type, IK.FindingKind) in graphs["finding-kinds.ttl"]
    stances = {str(o) for o in graphs["stances.ttl"].objects(None, SKOS.notation)}
    assert stances == {"accepts", "disputes", "commits_to_action"}


def test_forces(graphs):
    g = graphs["forces.ttl"]
    assert len(set(g.subjects(RDF.type, IK.PoliceForce))) == len(load().forces) == 48
    kent = node("force/kent")
    assert str(g.value(kent, RDFS.label)) == "Kent Police"
    assert rdflib.Literal("Kent Constabulary") in set(g.objects(kent, SKOS.altLabel))
    assert set(map(str, g.objects(node("force/btp"), IK.country))) == {"England", "Wales", "Scotland"}


def test_organisations_by_kind(graphs):
    g = graphs["organisations.ttl"]
    assert (node("org/hmicfrs"), RDF.type, IK.Inspectorate) in g
    assert (node("org/mopac"), RDF.type, IK.PccOffice) in g
    assert (node("org/home-office"), RDF.type, IK.GovernmentBody) in g
    assert (node("org/police-federation"), RDF.type, IK.StaffAssociation) in g
    assert (node("org/iopc"), RDF.type, IK.Organisation) in g
    assert len(set(g.subjects(RDFS.label, None)) - set(g.subjects(RDF.type, ORG.ChangeEvent))) == len(load().bodies)


def test_hmic_renamed_hmicfrs_on_19_july_2017(graphs):
    g = graphs["organisations.ttl"]
    hmic, hmicfrs = node("org/hmic"), node("org/hmicfrs")
    assert (hmic, IK.renamedTo, hmicfrs) in g
    assert g.value(hmicfrs, IK.validFrom) == rdflib.Literal("2017-07-19", datatype=XSD.date)
    assert g.value(hmic, IK.validTo) == rdflib.Literal("2017-07-18", datatype=XSD.date)  # inclusive
    events = set(g.subjects(ORG.originalOrganization, hmic))
    assert len(events) == 1
    event = events.pop()
    assert (event, RDF.type, ORG.ChangeEvent) in g
    assert g.value(event, ORG.resultingOrganization) == hmicfrs
    assert g.value(event, DCTERMS.date) == rdflib.Literal("2017-07-19", datatype=XSD.date)
    # a replacement by another body is not a rename
    assert (node("org/ipcc"), IK.replacedBy, node("org/iopc")) in g
    assert (node("org/ipcc"), IK.renamedTo, node("org/iopc")) not in g


def test_inspectorates_csv_dates_agree_with_the_rename():
    bodies = {b.id: b for b in load().bodies}
    assert bodies["hmicfrs"].successor_of == "hmic"
    assert bodies["hmicfrs"].valid_from == "2017-07-19"
    assert bodies["hmic"].valid_to == "2017-07-18"
    for body in bodies.values():  # a successor starts the day after its predecessor's last day
        before = bodies.get(body.successor_of or "")
        if before and before.valid_to and body.valid_from and len(body.valid_from) == 10:
            assert before.valid_to < body.valid_from, body.id


def test_every_vocab_iri_is_an_inspectkg_iri(graphs):
    for graph in graphs.values():
        for s in graph.subjects():
            assert str(s).startswith(iris.BASE), s
