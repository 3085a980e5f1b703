"""The OWL ontology: parses, declares every core term properly, and HermiT accepts it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS
from typer.testing import CliRunner

import inspectkg.cli.commands  # noqa: F401  (registers the commands)
from inspectkg import iris
from inspectkg.cli import app
from inspectkg.schema.reason import check_ontology
from inspectkg.schema.reference_graph import reference_graph_node, reference_quads
from inspectkg.resources import ontology_dir, queries_dir

IK = rdflib.Namespace(iris.ONT)
ROOT = Path(__file__).resolve().parents[2]
needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="java is not on PATH: HermiT cannot run")

# The core of ../shared/design/ONTOLOGY.md (hard-coded: the test must not need /work/shared).
CORE_CLASSES = [
    "Organisation", "PoliceForce", "Inspectorate", "Person", "Appointment", "Role", "Inspection",
    "Rating", "Grade", "AssessmentArea", "Finding", "Claim", "Quotation", "Statistic", "Document",
    "TextSpan",
]
CORE_OBJECT_PROPERTIES = [
    "person", "role", "organisation", "inspectedBody", "conductedBy", "programme", "inspection",
    "area", "grade", "findingKind", "speaker", "respondsTo", "document",
]
CORE_DATATYPE_PROPERTIES = [
    "period", "published", "text", "value", "measure", "start", "end", "exact", "confidence",
    "content", "sha256",
]
EXTENSION_TERMS = [
    "PccOffice", "GovernmentBody", "Charity", "StaffAssociation", "Programme", "FindingKind", "Stance",
    "titleText", "qualifier", "attestedIn", "areaText", "areaCount", "topic", "stance", "unit", "about",
    "mentions", "rank", "validFrom", "validTo", "renamedTo", "replacedBy", "country",
]
ALIGNMENTS = [  # (term, predicate, external term) as ONTOLOGY.md's table says
    ("Organisation", RDFS.subClassOf, "http://www.w3.org/ns/org#Organization"),
    ("Organisation", RDFS.subClassOf, "https://schema.org/Organization"),
    ("PoliceForce", RDFS.subClassOf, iris.ONT + "Organisation"),
    ("Inspectorate", RDFS.subClassOf, iris.ONT + "Organisation"),
    ("Person", RDFS.subClassOf, "http://xmlns.com/foaf/0.1/Person"),
    ("Person", RDFS.subClassOf, "https://schema.org/Person"),
    ("Appointment", RDFS.subClassOf, "http://www.w3.org/ns/org#Membership"),
    ("Role", RDFS.subClassOf, "http://www.w3.org/2004/02/skos/core#Concept"),
    ("Role", RDFS.subClassOf, "http://www.w3.org/ns/org#Role"),
    ("Inspection", RDFS.subClassOf, "http://www.w3.org/ns/prov#Activity"),
    ("Inspection", RDFS.subClassOf, "https://schema.org/Event"),
    ("Grade", RDFS.subClassOf, "http://www.w3.org/2004/02/skos/core#Concept"),
    ("AssessmentArea", RDFS.subClassOf, "http://www.w3.org/2004/02/skos/core#Concept"),
    ("Claim", RDFS.subClassOf, "https://schema.org/Claim"),
    ("Quotation", RDFS.subClassOf, iris.ONT + "Claim"),
    ("Quotation", RDFS.subClassOf, "https://schema.org/Quotation"),
    ("Document", RDFS.subClassOf, "https://schema.org/CreativeWork"),
    ("Document", RDFS.subClassOf, "http://www.w3.org/ns/prov#Entity"),
    ("TextSpan", RDFS.subClassOf, "http://www.w3.org/ns/oa#TextPositionSelector"),
    ("TextSpan", RDFS.subClassOf, "http://www.w3.org/ns/oa#TextQuoteSelector"),
    ("speaker", RDFS.subPropertyOf, "http://www.w3.org/ns/prov#wasAttributedTo"),
]


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_dir() / "inspectkg.ttl", format="turtle")


def test_ontology_header(ontology):
    header = rdflib.URIRef("https://w3id.org/inspectkg/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert not list(ontology.objects(header, OWL.imports)), "nothing may be downloaded: declare, don't import"


@pytest.mark.parametrize("name", CORE_CLASSES + ["PccOffice", "GovernmentBody", "Charity",
                                                 "StaffAssociation", "Programme", "FindingKind", "Stance"])
def test_classes_are_declared(ontology, name):
    assert (IK[name], RDF.type, OWL.Class) in ontology


@pytest.mark.parametrize("name", CORE_OBJECT_PROPERTIES + ["attestedIn", "stance", "about", "mentions",
                                                           "renamedTo", "replacedBy"])
def test_object_properties_are_declared(ontology, name):
    assert (IK[name], RDF.type, OWL.ObjectProperty) in ontology


@pytest.mark.parametrize("name", CORE_DATATYPE_PROPERTIES + ["titleText", "qualifier", "areaText", "areaCount",
                                                             "topic", "unit", "rank", "validFrom", "validTo",
                                                             "country"])
def test_datatype_properties_are_declared(ontology, name):
    assert (IK[name], RDF.type, OWL.DatatypeProperty) in ontology
    for rng in ontology.objects(IK[name], RDFS.range):
        assert str(rng).startswith("http://www.w3.org/2001/XMLSchema#"), f"ik:{name} range {rng}"


@pytest.mark.parametrize("name", CORE_CLASSES + CORE_OBJECT_PROPERTIES + CORE_DATATYPE_PROPERTIES + EXTENSION_TERMS)
def test_every_term_has_label_and_comment(ontology, name):
    assert ontology.value(IK[name], RDFS.label), f"ik:{name} has no rdfs:label"
    assert ontology.value(IK[name], RDFS.comment), f"ik:{name} has no rdfs:comment"


def test_all_ik_terms_have_label_and_comment(ontology):
    terms = {s for s in ontology.subjects() if isinstance(s, rdflib.URIRef) and str(s).startswith(iris.ONT)}
    bare = sorted(str(t) for t in terms if not (ontology.value(t, RDFS.label) and ontology.value(t, RDFS.comment)))
    assert bare == []


def test_no_punning(ontology):
    """OWL 2 DL: a term is one kind of thing only."""
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDFS.Datatype)
    for term in set(ontology.subjects(RDF.type, None)):
        declared = [k for k in kinds if (term, RDF.type, k) in ontology]
        assert len(declared) <= 1, f"{term} is declared as {declared}"


@pytest.mark.parametrize("term,predicate,target", ALIGNMENTS)
def test_alignments(ontology, term, predicate, target):
    assert (IK[term], predicate, rdflib.URIRef(target)) in ontology


def test_external_terms_used_are_declared(ontology):
    """Every external class or property the ontology uses as a superclass/-property is declared."""
    for predicate in (RDFS.subClassOf, RDFS.subPropertyOf):
        for target in ontology.objects(None, predicate):
            if isinstance(target, rdflib.URIRef):
                assert list(ontology.objects(target, RDF.type)), f"{target} is used but not declared"


def test_ontology_md_terms_when_available(ontology):
    """If the design note is present, every ik: term in it exists (the hard-coded lists stay in sync)."""
    note = ROOT.parent / "shared" / "design" / "ONTOLOGY.md"
    if not note.exists():
        pytest.skip("../shared/design/ONTOLOGY.md is not present")
    names = set(re.findall(r"`ik:([A-Za-z]\w*)`", note.read_text(encoding="utf-8")))
    missing = sorted(n for n in names if not list(ontology.objects(IK[n], RDF.type)))
    assert missing == []


def test_ik_terms_used_in_code_and_queries_exist(ontology):
    """A term the mapping, store or saved queries use must be in the ontology."""
    used: set[str] = set()
    for path in (ROOT / "src" / "inspectkg").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bIK\.([A-Za-z]\w*)", text)) | set(re.findall(r"\bIK\[\"(\w+)\"\]", text))
    try:
        for path in queries_dir().glob("*.rq"):
            used |= set(re.findall(r"\bik:([A-Za-z]\w*)", path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        pass
    used.discard("base")
    missing = sorted(n for n in used if not list(ontology.objects(IK[n], RDF.type)))
    assert missing == [], f"used but not in ontology/inspectkg.ttl: {missing}"


def test_reference_quads_are_in_the_reference_graph_and_stable():
    quads = reference_quads()
    assert len(quads) > 1000
    assert {q.graph_name for q in quads} == {reference_graph_node()}
    assert str(reference_graph_node()) == f"<{iris.BASE}graph/reference>"
    blank = sorted(str(q) for q in quads if "_:" in str(q))
    assert blank and all("_:ref" in line for line in blank)  # deterministic blank node ids


@needs_java
def test_hermit_consistent_no_unsatisfiable_classes():
    report = check_ontology(timeout=180)
    assert report.consistent
    assert report.unsatisfiable == ()
    assert report.ok


@needs_java
def test_hermit_finds_unsatisfiable_and_inconsistent():
    broken = rdflib.Graph()
    broken.add((IK.Broken, RDF.type, OWL.Class))
    broken.add((IK.Broken, RDFS.subClassOf, IK.PoliceForce))
    broken.add((IK.Broken, RDFS.subClassOf, IK.Inspectorate))  # disjoint siblings
    report = check_ontology(timeout=180, extra=broken)
    assert report.unsatisfiable == (str(IK.Broken),)
    graded_force = rdflib.Graph()  # a force used as a grade: a force is no skos:Concept
    graded_force.add((rdflib.URIRef(iris.iri("rating/x")), IK.grade, rdflib.URIRef(iris.iri("force/kent"))))
    assert not check_ontology(timeout=180, extra=graded_force).consistent


@needs_java
def test_cli_ontology_check_exit_code():
    result = CliRunner().invoke(app, ["ontology", "check", "--timeout", "180"])
    assert result.exit_code == 0, result.output
    assert "consistent: yes" in result.output
    assert "unsatisfiable classes: 0" in result.output


def test_missing_java_is_a_clear_error(tmp_path, monkeypatch):
    from inspectkg.errors import ReasonerError

    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no java on PATH
    with pytest.raises(ReasonerError, match="java is not on PATH"):
        check_ontology()
    result = CliRunner().invoke(app, ["ontology", "check"])
    assert result.exit_code == 3
