"""Each closed list (organisation kinds, role groups, grade scales) has one home: inspectkg.kinds."""

from __future__ import annotations

import ast
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Namespace
from rdflib.collection import Collection

from inspectkg import kinds
from inspectkg.reference import load
from inspectkg.resources import ontology_dir

SRC = Path(kinds.__file__).parent
IK = Namespace("https://w3id.org/inspectkg/ontology#")


def test_every_kind_has_its_class_in_the_ontology():
    onto = Graph().parse(ontology_dir() / "inspectkg.ttl")
    classes = kinds.organisation_classes()
    assert classes[-1] == "Organisation" and kinds.class_of_kind()["other"] == "Organisation"
    for cls in classes[:-1]:
        assert (IK[cls], RDF.type, OWL.Class) in onto
        assert IK.Organisation in set(onto.transitive_objects(IK[cls], RDFS.subClassOf))
    disjoint = {m for node in onto.subjects(RDF.type, OWL.AllDisjointClasses)
                for m in Collection(onto, onto.value(node, OWL.members))}
    assert {IK[c] for c in classes[:-1]} <= disjoint


def test_reference_bodies_use_known_kinds_and_groups_are_ordered():
    assert {body.kind for body in load().bodies} <= kinds.kind_ids()
    assert kinds.ROLE_GROUPS[-1] == "other"
    assert {k.role_group for k in kinds.organisation_kinds()} <= set(kinds.ROLE_GROUPS)
    assert kinds.kind_of_class() == {c: k for k, c in kinds.class_of_kind().items()}
    assert kinds.role_group_of_class("PoliceForce") == "chief_officer"
    assert kinds.role_group_of_class("Inspection") == "other"


def test_grade_words_are_the_grades_of_the_ik_grade_scales():
    assert kinds.grade_ids() == {"outstanding", "good", "adequate", "requires_improvement", "inadequate"}
    assert set(kinds.grade_scales()) == {g.scale for g in load().grades if g.rank is not None}


def _literal_lists(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            yield node.lineno, [e.value for e in node.elts if isinstance(e, ast.Constant)]
        elif isinstance(node, ast.Dict):
            yield node.lineno, [k.value for k in node.keys if isinstance(k, ast.Constant)] + \
                [v.value for v in node.values if isinstance(v, ast.Constant)]


def test_no_module_spells_out_the_organisation_kinds_again():
    """Four or more kinds or classes in one literal (or ``ik:`` classes in one query) copy organisation_kinds.csv."""
    names = kinds.kind_ids() | set(kinds.organisation_classes())
    in_query = {f"ik:{cls}" for cls in kinds.organisation_classes()}
    copies = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "kinds.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, values in _literal_lists(tree):
            if len(names & {v for v in values if isinstance(v, str)}) >= 4:
                copies.append(f"{path.relative_to(SRC)}:{line}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if sum(token in in_query for token in node.value.split()) >= 4:
                    copies.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert copies == []
