import subprocess
import sys
import textwrap
import time

import pytest
from pyoxigraph import NamedNode

from inspectkg import iris
from inspectkg.errors import StoreLocked
from inspectkg.graph.mapping import entity_triples, to_quads
from inspectkg.graph.store import ENTITIES, Store

from graph_fixtures import sample_extraction


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
            from inspectkg.graph.store import Store
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
