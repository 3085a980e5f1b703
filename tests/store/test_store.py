import subprocess
import sys
import textwrap
import time

import pytest
from pyoxigraph import NamedNode, RdfFormat

from inspectkg import iris
from inspectkg.errors import StoreLocked
from inspectkg.store.mapping import entity_triples, to_quads
from inspectkg.store.embedded import ENTITIES, JOURNAL_FILE, Store

from support.sample_extraction import sample_extraction


def put(store, extraction):
    doc = extraction.document
    return store.put_document(doc.id, doc.source, to_quads(extraction))


def graph_of(extraction):
    return NamedNode(iris.iri(iris.graph(extraction.document.id)))


def test_add_then_unchanged_then_replace():
    store = Store(None)
    first = sample_extraction()
    assert put(store, first) == "added"
    assert put(store, first) == "unchanged"
    changed = sample_extraction(first.document.text + "\nOne more line.", source=first.document.source)
    assert put(store, changed) == "replaced"
    assert not store.has_graph(graph_of(first))
    assert store.has_graph(graph_of(changed))
    assert list(store.documents()) == ["sample.txt"]


def test_document_graph_holds_exactly_the_mapped_quads():
    store = Store(None)
    extraction = sample_extraction()
    put(store, extraction)
    stored = sorted(str(q) for q in store.quads(graph_of(extraction)))
    assert stored == sorted(str(q) for q in to_quads(extraction))


def test_entity_graph_is_the_union_of_document_entity_facts():
    store = Store(None)
    a = sample_extraction()
    b = sample_extraction(a.document.text.replace("2022", "2023"), source="other.txt")
    put(store, a)
    put(store, b)
    expected = {str(t) for e in (a, b) for t in entity_triples(to_quads(e))}
    assert {str(q.triple) for q in store.quads(ENTITIES)} == expected
    store.remove_source("other.txt")
    assert {str(q.triple) for q in store.quads(ENTITIES)} == {str(t) for t in entity_triples(to_quads(a))}
    store.remove_source("sample.txt")
    assert list(store.quads(ENTITIES)) == []


def test_remove_unknown_source_removes_nothing():
    store = Store(None)
    put(store, sample_extraction())
    before = len(store)
    assert store.remove_source("nope.txt") == []
    assert len(store) == before


def test_a_second_writer_process_fails_at_once(tmp_path):
    path = tmp_path / "kg"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from inspectkg.store.embedded import Store
            s = Store({str(path)!r})
            print("ready", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        started = time.monotonic()
        with pytest.raises(StoreLocked, match="in use by another process"):
            Store(path)
        assert time.monotonic() - started < 5
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_store_persists_on_disk(tmp_path):
    path = tmp_path / "kg"
    extraction = sample_extraction()
    with Store(path) as store:
        put(store, extraction)
        count = len(store)
    reopened = Store(path, read_only=True)
    assert len(reopened) == count
    assert "sample.txt" in reopened.documents()


def test_a_half_written_batch_is_dropped_at_the_next_writable_open(tmp_path):
    """What a kill during ``add_documents`` leaves (quads without the completion marker) never counts."""
    from inspectkg.store.embedded import document_payload

    first = sample_extraction()
    second = sample_extraction(first.document.text + "\nA second document.", source="second.txt")
    path = tmp_path / "kg"
    with Store(path) as store:
        complete = document_payload(to_quads(first))
        store.add_documents([complete])
        half = document_payload(to_quads(second))
        lines = half.body.splitlines(keepends=True)
        (path / JOURNAL_FILE).write_text(half.graph + "\n", encoding="utf-8")  # as add_documents does first
        store.raw.bulk_load(b"".join(lines[: len(lines) // 2]), format=RdfFormat.N_QUADS)  # killed here
        before = len(store)
    with Store(path, read_only=True) as reader:  # a reader sees the debris, but not as a document
        assert set(reader.documents()) == {first.document.source}
    with Store(path) as store:
        assert store.recovered == [second.document.id]
        assert set(store.documents()) == {first.document.source}
        graph = NamedNode(iris.iri(iris.graph(second.document.id)))
        assert not store.has_graph(graph)
        assert len(store) < before
        # every shared entity fact is still supported by a stored document (its ik:entityTriples)
        supported = {str(q) for d in store.documents().values() for q in store.contribution(d.graph)}
        assert {str(q) for q in store.quads(ENTITIES)} <= supported
    with Store(path) as store:
        assert store.recovered == []
        store.add_documents([half])
        assert set(store.documents()) == {first.document.source, second.document.source}


def test_the_default_graph_holds_each_fact_once(tmp_path):
    """A plain query over the union of graphs returns each triple once (issue 12, item 4): the
    example corpus, where many documents name the same force, inspections, ratings and people."""
    from pathlib import Path

    from inspectkg.ingest.read import discover
    from inspectkg.pipeline import build_sources

    corpus = Path(__file__).resolve().parents[2] / "examples" / "corpus"
    with Store(tmp_path / "kg") as store:
        report = build_sources(discover([corpus]), store)
        assert len(report.added) > 5 and report.ok
        every = len(list(store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")))
        distinct = len(list(store.query("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }")))
        assert every == distinct
        # several documents grade one rating: each says its own grade, on its attestation of it
        rows = store.query(
            "SELECT ?r (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a <https://w3id.org/inspectkg/ontology#attests> ?r ; "
            "<https://w3id.org/inspectkg/ontology#grade> ?grade } } GROUP BY ?r ORDER BY DESC(?n) LIMIT 1")
        assert int(next(iter(rows))["n"].value) >= 2


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_moved_folder_is_unchanged_without_extracting_again(tmp_path, jobs):
    from inspectkg import pipeline

    first, moved = tmp_path / "corpus", tmp_path / "moved"
    first.mkdir()
    (first / "kent.txt").write_text("Kent Police was rated good by HMICFRS in its PEEL 2021/22 inspection.\n",
                                    encoding="utf-8")
    (first / "essex.txt").write_text("Essex Police was rated inadequate at responding to the public in 2019.\n",
                                     encoding="utf-8")
    store = Store(tmp_path / "store")
    assert len(pipeline.build([first], store, jobs=jobs).added) == 2
    quads = len(store)
    first.rename(moved)
    (moved / "essex.txt").write_text("Essex Police was rated good at responding to the public in 2023.\n",
                                     encoding="utf-8")
    report = pipeline.build([moved], store, jobs=jobs)
    assert (len(report.unchanged), len(report.added)) == (1, 1)  # kent's text is stored; essex's is new
    # the worker tells a stored text from its hash alone: no extraction to find it out
    kent = next(s for s in pipeline.discover([moved]) if s.name.endswith("kent.txt"))
    stored = frozenset(store.documents()[name].sha256 for name in store.documents())
    assert pipeline.process(kent, None, stored).status == "unchanged"
    assert pipeline.process(kent, None).status == "extracted"
    assert len(store) > quads
