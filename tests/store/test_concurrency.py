"""One writer re-ingesting while readers query; writers in one process serialised."""

from __future__ import annotations

import threading
from collections import Counter

from pyoxigraph import NamedNode

from inspectkg import iris
from inspectkg.store.mapping import to_quads
from inspectkg.store.embedded import Store

from support.sample_extraction import sample_extraction

COUNT_PER_GRAPH = """
SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g
"""


def versions(n: int):
    base = sample_extraction()
    out = []
    for i in range(n):
        text = base.document.text + "\n" + " ".join(["Another line."] * (i + 1))
        out.append(sample_extraction(text, source="sample.txt"))
    return out


def test_readers_never_see_a_half_written_document_graph():
    store = Store(None)
    docs = versions(6)
    sizes = {iris.iri(iris.graph(e.document.id)): len(to_quads(e)) for e in docs}
    store.put_document(docs[0].document.id, "sample.txt", to_quads(docs[0]))
    stop = threading.Event()
    seen: Counter = Counter()
    bad: list[str] = []

    def reader():
        while not stop.is_set():
            rows = list(store.query(COUNT_PER_GRAPH))
            doc_graphs = [r for r in rows if r["g"].value in sizes]
            if len(doc_graphs) != 1:
                bad.append(f"{len(doc_graphs)} versions visible at once")
            for r in doc_graphs:
                seen[r["g"].value] += 1
                if int(r["n"].value) != sizes[r["g"].value]:
                    bad.append(f"{r['g'].value}: {r['n'].value} of {sizes[r['g'].value]} quads")

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    for _ in range(15):
        for e in docs:
            store.put_document(e.document.id, "sample.txt", to_quads(e))
    stop.set()
    for t in threads:
        t.join()
    assert not bad, bad[:5]
    assert sum(seen.values()) > 0


def test_concurrent_writers_in_one_process_are_serialised():
    store = Store(None)
    docs = versions(4)
    errors: list[BaseException] = []

    def writer(e):
        try:
            for _ in range(40):
                store.put_document(e.document.id, "sample.txt", to_quads(e))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(e,)) for e in docs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    stored = store.documents()
    assert list(stored) == ["sample.txt"]
    final = next(e for e in docs if e.document.id == stored["sample.txt"].doc_id)
    graph = NamedNode(iris.iri(iris.graph(final.document.id)))
    assert sorted(map(str, store.quads(graph))) == sorted(map(str, to_quads(final)))
    other_graphs = {q.graph_name for q in store.quads()} - {graph}
    assert all("graph/entities" in g.value or "graph/reference" in g.value for g in other_graphs)
