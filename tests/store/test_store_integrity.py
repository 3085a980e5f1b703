"""The store never drops data it did not write, never mixes two ways of naming sources, and
reclaims what a killed bulk load leaves on disk (issue 12)."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from inspectkg import iris
from inspectkg.errors import UsageError
from inspectkg.store.mapping import to_quads
from inspectkg.store.embedded import LAYOUT, LAYOUT_FILE, Store

from support.sample_extraction import sample_extraction

IMPORTED = NamedNode(iris.iri("graph/0123456789abcdef"))  # a document graph's name, without a marker


def imported_quads(n: int = 3) -> list[Quad]:
    subject = NamedNode(iris.iri("doc/0123456789abcdef"))
    return [Quad(subject, NamedNode(f"https://example.org/p{i}"), Literal(f"v{i}"), IMPORTED) for i in range(n)]


def put(store, extraction):
    doc = extraction.document
    return store.put_document(doc.id, doc.source, to_quads(extraction))


def test_an_imported_graph_without_a_marker_survives_the_next_writable_opens(tmp_path):
    path = tmp_path / "kg"
    with Store(path) as store:
        store.load_quads(imported_quads())
    for _ in range(2):
        with Store(path) as store:
            assert store.recovered == []
            assert len(list(store.quads(IMPORTED))) == 3


def test_a_failed_remove_keeps_imported_data(tmp_path):
    path = tmp_path / "kg"
    with Store(path) as store:
        put(store, sample_extraction())
        store.load_quads(imported_quads(50))
    with Store(path) as store:
        assert store.remove_source("no-such-source.txt") == []
        assert len(list(store.quads(IMPORTED))) == 50


def test_a_store_of_the_old_source_naming_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "kg"
    with Store(path) as store:
        put(store, sample_extraction())
    (path / LAYOUT_FILE).unlink()  # as a store written before layout 2 looks
    with pytest.raises(UsageError, match=r"kg: this store was written by a version of inspectkg with layout 1 .* "
                                         r"rebuild it: move the folder aside and run 'inspectkg build' again"):
        Store(path)
    with Store(path, read_only=True) as reader:  # still readable
        assert list(reader.documents()) == ["sample.txt"]


def test_a_store_of_layout_2_is_refused_saying_each_fact_is_now_kept_once(tmp_path):
    path = tmp_path / "kg"
    with Store(path) as store:
        put(store, sample_extraction())
    (path / LAYOUT_FILE).write_text("2\n", encoding="ascii")  # as a store written before layout 3 looks
    with pytest.raises(UsageError, match=r"with layout 2 \(this one writes layout 3: each fact about a shared "
                                         r"entity is now kept once.*rebuild it"):
        Store(path)


def test_a_store_without_documents_is_stamped_with_the_layout(tmp_path):
    path = tmp_path / "kg"
    Store(path).close()
    (path / LAYOUT_FILE).unlink()
    Store(path).close()
    assert (path / LAYOUT_FILE).read_text(encoding="ascii").strip() == str(LAYOUT)


BULK_LOADER = textwrap.dedent("""
    import sys
    from inspectkg.store.embedded import Payload, Store
    store = Store(sys.argv[1])
    body = "".join(f"<https://w3id.org/inspectkg/id/x/{i}> <https://example.org/p> \\"padding text number {i}\\" "
                   "<https://w3id.org/inspectkg/id/graph/0000000000000000> .\\n" for i in range(1_500_000))
    print("loading", flush=True)
    store.add_documents([Payload(body.encode(), b"", "https://w3id.org/inspectkg/id/graph/0000000000000000")])
    print("done", flush=True)
""")


def test_bulk_files_orphaned_by_a_sigkill_are_reclaimed_at_the_next_writable_open(tmp_path):
    path = tmp_path / "kg"
    child = subprocess.Popen([sys.executable, "-c", BULK_LOADER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "loading"
        deadline = time.monotonic() + 240
        while not list(path.glob("bulk-*.sst")):
            assert child.poll() is None, "the bulk load ended before it wrote a file"
            assert time.monotonic() < deadline, "no bulk-*.sst file appeared"
            time.sleep(0.02)
        time.sleep(0.3)
        child.send_signal(signal.SIGKILL)
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    orphans = list(path.glob("bulk-*.sst"))
    assert orphans, "the kill left no orphaned bulk file to reclaim"
    with Store(path) as store:
        assert not list(path.glob("bulk-*.sst"))
        assert store.recovered  # the batch's graphs were dropped too
        assert len(store) == 0
