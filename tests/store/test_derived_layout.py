"""Layout 4: derived links the whole-graph tables read instead of joins (docs/graph-layout.md).

A finding carries ``ik:concerns``, the body its inspection inspected, in its own document's
graph: written by the build with the finding, so a replacement or removal of the document
keeps it right with no bookkeeping, and the shapes check it agrees with the inspection.
"""

from __future__ import annotations

from dataclasses import replace

from pyoxigraph import NamedNode, Quad

from inspectkg import iris
from inspectkg.schema.validate import validate
from inspectkg.sparql import queries
from inspectkg.store.embedded import Store
from inspectkg.store.mapping import to_quads
from inspectkg.store.terms import IK

from support.sample_extraction import sample_extraction

KENT = NamedNode(iris.iri("force/kent"))
ESSEX = NamedNode(iris.iri("force/essex"))


def _findings(quads):
    return [q.subject for q in quads if q.predicate == IK.findingKind]


def test_a_finding_concerns_the_body_its_inspection_inspected():
    quads = to_quads(sample_extraction())
    findings = _findings(quads)
    assert findings
    graph = quads[0].graph_name
    for finding in findings:
        assert Quad(finding, IK.concerns, KENT, graph) in quads


def test_the_shapes_catch_a_finding_that_concerns_another_body():
    extraction = sample_extraction()
    with Store() as store:
        store.put_document(extraction.document.id, extraction.document.source, to_quads(extraction))
        stored = list(store.quads())
    finding = _findings(stored)[0]
    graph = next(q.graph_name for q in stored if q.subject == finding)
    wrong = [q for q in stored if q.predicate != IK.concerns] + [Quad(finding, IK.concerns, ESSEX, graph)]
    good, bad = validate(stored), validate(wrong)
    assert not [v for v in good.errors if "ik:concerns" in v.message]
    assert any("ik:concerns is the ik:inspectedBody" in v.message for v in bad.errors), [v.line() for v in bad.errors]


def test_the_tables_follow_a_replaced_document(tmp_path):
    """The link lives with the finding: replacing the document moves the row, nothing is left behind."""
    # without its claim, which answers the report as a whole (and so every finding of it)
    before = replace(sample_extraction(), claims=())
    after = replace(sample_extraction(before.document.text + "\nA sentence added later."), claims=())
    saved = queries.load_all()["unanswered-findings"]
    with Store(tmp_path / "kg") as store:
        store.put_document(before.document.id, "sample.txt", to_quads(before))
        rows_before = queries.run(saved, {}, store).rows
        store.put_document(after.document.id, "sample.txt", to_quads(after))
        rows_after = queries.run(saved, {}, store).rows
        concerns = list(store.raw.quads_for_pattern(None, IK.concerns, None, None))
    documents = [iris.iri(iris.document(x.document.id)) for x in (before, after)]
    assert [(str(r[0]), str(r[4])) for r in rows_before] == [(KENT.value, documents[0])]
    assert [(str(r[0]), str(r[4])) for r in rows_after] == [(KENT.value, documents[1])]
    assert [q.subject.value for q in concerns] == [iris.iri(f.key) for f in after.findings]
