"""The embedded store: pyoxigraph on disk (or in memory), one writer at a time.

A document is stored as its graph plus the shared-entity facts it contributes
to ``graph/entities`` (see docs/graph-layout.md), and it counts as stored
only once its *completion marker*, the ``ik:sha256`` of its Document node, is
there:

- new documents arrive in batches (:meth:`Store.add_documents`): their quads
  are bulk-loaded (RocksDB files written directly, ~3x faster than a
  transaction, but not atomic), then all their markers are written in one
  transaction. Before the bulk load, the batch's graph names are written to a
  journal file in the store folder (fsynced), and the journal is removed once
  the markers are in. A kill in between leaves the journal behind; the next
  writable open drops the graphs it lists that have no marker
  (:meth:`Store.recover`), so every document is complete or absent once a
  writer has opened the store. Graphs the journal does not list (an import,
  say) are never dropped;
- a changed or removed document is one SPARQL UPDATE (DROP + INSERT DATA +
  clean-up of entity facts no graph supports any more): atomic on its own.

Writers are serialised by a lock inside the process; RocksDB's own lock keeps
a second process out, and we turn its error into :class:`StoreLocked`.

A file in the store folder records the layout version (:data:`LAYOUT`); a
writer refuses a store that holds documents but an older layout, saying how to
rebuild it, rather than mixing two ways of naming sources.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph
from pyoxigraph import NamedNode, Quad, RdfFormat

from .. import iris
from ..errors import QueryError, StoreError, StoreLocked, UsageError
from .mapping import entity_lines, entity_triples
from .terms import DCTERMS, IK

ENTITIES = NamedNode(iris.iri(iris.ENTITIES_GRAPH))
REFERENCE = NamedNode(iris.iri(iris.REFERENCE_GRAPH))
_REFERENCE_VERSION = IK.referenceVersion

# Layout versions: 1 (no file) named a folder's documents by their path below the folder,
# so two folders' files could share a name; 2 names them "<folder name>/<path below it>";
# 3 keeps each triple about a shared entity once, in graph/entities only (docs/graph-layout.md).
LAYOUT = 3
_LAYOUT_CHANGES = {
    1: "a folder's documents are now named after the folder, so two folders can no longer share a name",
    2: "each fact about a shared entity is now kept once, in graph/entities, with each document's "
       "grades, titles and dates on its attestations",
}
LAYOUT_FILE = "inspectkg-layout"
JOURNAL_FILE = "inspectkg-batch"  # graph names of the bulk load under way (see add_documents)


@dataclass(frozen=True)
class StoredDocument:
    doc_id: str
    source: str
    sha256: str
    graph: NamedNode


class Store:
    """A knowledge-graph store. ``Store(None)`` is in memory."""

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False, create: bool = True):
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._write_lock = threading.RLock()
        if self.path is not None and (read_only or not create) and not self.path.exists():
            raise UsageError(f"{self.path}: no store here; run 'inspectkg build' first, or pass --store")
        try:
            if self.path is None:
                self._store = pyoxigraph.Store()
            elif read_only:
                self._store = pyoxigraph.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = pyoxigraph.Store(str(self.path))
        except OSError as exc:
            message = str(exc)
            if "lock" in message.lower():
                raise StoreLocked(
                    f"{self.path}: the store is in use by another process (a running build or "
                    "'inspectkg serve'); wait for it to finish, or send the build through the server"
                ) from exc
            raise StoreError(f"{self.path}: cannot open the store ({message})") from exc
        self.recovered: list[str] = []
        self.reclaimed = 0
        if self.path is not None and not read_only:
            self._check_layout()
            self.reclaimed = self._reclaim_temporary_files()
            self.recovered = self.recover()

    def _reclaim_temporary_files(self) -> int:
        """Delete the files a killed bulk load (or journal write) left behind; the bytes freed.

        A bulk load writes ``bulk-*.sst`` files into the store folder and hands them to
        RocksDB at the end (which links them under its own names); a kill before that
        leaves them orphaned. Only the writer, which holds the store's lock, runs this, so
        no bulk load is under way.
        """
        freed = 0
        for pattern in ("bulk-*.sst", "inspectkg-*.tmp"):
            for leftover in self.path.glob(pattern):
                try:
                    size = leftover.stat().st_size
                    leftover.unlink()
                except FileNotFoundError:
                    continue
                except OSError as exc:
                    raise StoreError(f"{leftover}: cannot delete a file a killed build left behind ({exc})") from exc
                freed += size
        return freed

    def _check_layout(self) -> None:
        """Stamp a store without documents with :data:`LAYOUT`; refuse one with documents of another layout."""
        stamp = self.path / LAYOUT_FILE
        try:
            found = int(stamp.read_text(encoding="ascii").strip() or 0)
        except FileNotFoundError:
            found = 1
        except (OSError, ValueError) as exc:
            raise StoreError(f"{stamp}: cannot read the store's layout version ({exc})") from exc
        if found == LAYOUT:
            return
        has_documents = next(iter(self._store.quads_for_pattern(None, IK.sha256, None, None)), None) is not None
        if has_documents:
            self._store = None
            changes = "; ".join(text for version, text in sorted(_LAYOUT_CHANGES.items()) if version >= found)
            raise UsageError(
                f"{self.path}: this store was written by a version of inspectkg with layout {found} "
                f"(this one writes layout {LAYOUT}: {changes or 'the layout changed'}); rebuild it: move "
                "the folder aside and run 'inspectkg build' again on the same documents"
            )
        _write_durably(stamp, f"{LAYOUT}\n")

    # --- reading ------------------------------------------------------------------------

    @property
    def raw(self) -> pyoxigraph.Store:
        return self._store

    def query(self, sparql: str, *, substitutions=None, use_default_graph_as_union: bool | None = None):
        """Run a query; the default graph is the union of all graphs unless the query names its own
        dataset (FROM / FROM NAMED), which is then honoured (``use_default_graph_as_union`` forces either)."""
        if use_default_graph_as_union is None:
            use_default_graph_as_union = True
            if "from" in sparql.lower():  # only then is it worth reading the query (pages send many)
                from ..sparql.text import names_dataset

                try:
                    use_default_graph_as_union = not names_dataset(sparql)
                except QueryError:
                    pass  # the engine reports the syntax error
        try:
            return self._store.query(
                sparql,
                substitutions=substitutions,
                use_default_graph_as_union=use_default_graph_as_union,
            )
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"query failed: {exc}") from exc

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        return iter(self._store.quads_for_pattern(None, None, None, graph))

    def documents(self) -> dict[str, StoredDocument]:
        """Stored (complete) documents by source name: two index scans, joined here."""
        sources = {
            (q.subject, q.graph_name): q.object.value
            for q in self._store.quads_for_pattern(None, DCTERMS.source, None, None)
        }
        out: dict[str, StoredDocument] = {}
        for marker in self._store.quads_for_pattern(None, IK.sha256, None, None):
            graph = marker.graph_name
            source = sources.get((marker.subject, graph))
            if source is None or graph in (ENTITIES, REFERENCE):
                continue
            doc_id = iris.key_of(marker.subject.value).removeprefix("doc/")
            out[source] = StoredDocument(doc_id, source, marker.object.value, graph)
        return out

    def documents_from(self, source: str) -> list[StoredDocument]:
        """Stored documents read from one source (an index lookup, not a scan)."""
        out = []
        for q in self._store.quads_for_pattern(None, DCTERMS.source, pyoxigraph.Literal(source), None):
            if not isinstance(q.graph_name, NamedNode) or q.graph_name in (ENTITIES, REFERENCE):
                continue
            sha = next(self._store.quads_for_pattern(q.subject, IK.sha256, None, q.graph_name), None)
            doc_id = iris.key_of(q.subject.value).removeprefix("doc/")
            out.append(StoredDocument(doc_id, source, sha.object.value if sha else "", q.graph_name))
        return out

    def sources_ending_with(self, name: str) -> list[str]:
        """Stored source names that end with ``/name`` (suggestions when ``name`` itself is not stored)."""
        tail = "/" + name.lstrip("/")
        return sorted(source for source in self.documents() if source.endswith(tail))

    def has_graph(self, graph: NamedNode) -> bool:
        return any(True for _ in self._store.quads_for_pattern(None, None, None, graph))

    def __len__(self) -> int:
        return len(self._store)

    # --- writing ------------------------------------------------------------------------

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: the store is open read-only")

    def ensure_reference(self, quads: list[Quad], version: str) -> bool:
        """Load the reference graph unless this version is already there. True if loaded."""
        self._writable()
        marker = Quad(REFERENCE, _REFERENCE_VERSION, pyoxigraph.Literal(version), REFERENCE)
        with self._write_lock:
            if marker in self._store:
                return False
            # Two transactions, safely: the version marker is written with the graph, so a
            # kill in between leaves no marker and the next build loads the graph again.
            # (INSERT DATA would relabel the ontology's blank nodes on every load.)
            self._update(f"DROP SILENT GRAPH {REFERENCE}")
            self._store.extend([*quads, marker])
            return True

    def put_document(self, doc_id: str, source: str, quads: list[Quad]) -> str:
        """Write one document's graph; returns 'added', 'replaced' or 'unchanged'.

        Any other graph read from the same source is dropped in the same transaction.
        """
        entity_quads = _entity_quads(quads, less_reference=self._has_reference())
        return self._put(doc_id, source, lambda: (quads, entity_quads),
                         lambda: self._store.extend([*quads, *entity_quads]))

    def put_document_nquads(self, doc_id: str, source: str, payload: "Payload") -> str:
        """As :meth:`put_document`, from a :func:`document_payload` (made in a worker).

        A new document is loaded straight from the bytes (parsed in Rust, one transaction);
        only a replacement parses them here.
        """
        return self._put(doc_id, source, lambda: _split_entities(payload.body + payload.marker),
                         lambda: self._store.load(payload.body + payload.marker, format=RdfFormat.N_QUADS))

    def contribution(self, graph: NamedNode) -> list[Quad]:
        """The graph/entities quads a stored document graph contributes (its ``ik:entityTriples``,
        less what the reference graph holds)."""
        return _entity_quads(list(self.quads(graph)), less_reference=self._has_reference())

    def _has_reference(self) -> bool:
        return next(iter(self._store.quads_for_pattern(None, None, None, REFERENCE)), None) is not None

    def plan(self, doc_id: str, source: str) -> str:
        """What storing this document would do: 'new', 'unchanged' or 'replace'."""
        _, present, stale = self._lookup(doc_id, source)
        return "replace" if stale else ("unchanged" if present else "new")

    def _lookup(self, doc_id: str, source: str) -> tuple[NamedNode, bool, list[StoredDocument]]:
        """The document's graph, whether it is stored, and other graphs stored from the same source."""
        graph = NamedNode(iris.iri(iris.graph(doc_id)))
        stale = [d for d in self.documents_from(source) if d.graph != graph]
        return graph, self.has_graph(graph), stale

    def add_documents(self, payloads: list["Payload"]) -> None:
        """Store new documents (``plan`` said 'new'): one bulk load, then their markers in one transaction.

        Not atomic as a whole: a kill during the bulk load leaves graphs without their
        marker; the journal written first lists them, and :meth:`recover` drops them at
        the next writable open (and nothing else: an imported graph is never in a journal).
        """
        self._writable()
        if not payloads:
            return
        with self._write_lock:
            journal = self.path / JOURNAL_FILE if self.path is not None else None
            try:
                if journal is not None:
                    _write_durably(journal, "".join(f"{p.graph}\n" for p in payloads))
                self._store.bulk_load(b"".join(p.body for p in payloads), format=RdfFormat.N_QUADS, lenient=True)
                self._store.load(b"".join(p.marker for p in payloads), format=RdfFormat.N_QUADS)
            except OSError as exc:
                raise StoreError(
                    f"{self.path}: cannot write a batch of {len(payloads)} documents ({exc}); "
                    "the next build removes what was half-written and adds them again"
                ) from exc
            if journal is not None:
                self._store.flush()
                journal.unlink()

    def recover(self) -> list[str]:
        """Drop the graphs of a batch a kill interrupted (listed in the journal) that have no marker; their ids."""
        self._writable()
        prefix = iris.BASE + "graph/"
        journal = self.path / JOURNAL_FILE if self.path is not None else None
        if journal is None or not journal.exists():
            return []
        with self._write_lock:
            listed = {NamedNode(line) for line in journal.read_text(encoding="utf-8").split() if line.startswith(prefix)}
            incomplete = sorted(
                (g for g in listed
                 if g not in (ENTITIES, REFERENCE)
                 and next(iter(self._store.quads_for_pattern(None, IK.sha256, None, g)), None) is None),
                key=str,
            )
            if not incomplete:
                journal.unlink()
                return []
            stale = [StoredDocument(g.value.removeprefix(prefix), "", "", g) for g in incomplete]
            self._drop(stale)
            # entity facts of a batch whose document graphs never arrived whole: supported by no
            # complete document (a full pass over every document's contribution; rare)
            supported: set[str] = set()
            for q in self._store.quads_for_pattern(None, IK.entityTriples, None, None):
                supported.update(entity_lines([q]))
            orphans = [q.triple for q in self._store.quads_for_pattern(None, None, None, ENTITIES)
                       if str(q.triple) not in supported]
            if orphans:
                self._update(f"DELETE DATA {{ {_data_block(ENTITIES, orphans)} }}")
            self._store.flush()
            journal.unlink()
            return [d.doc_id for d in stale]

    def _put(self, doc_id: str, source: str, quads_of, write_new) -> str:
        self._writable()
        with self._write_lock:
            graph, present, stale = self._lookup(doc_id, source)
            if not stale:
                if present:
                    return "unchanged"
                try:
                    write_new()  # one atomic transaction
                except OSError as exc:
                    raise StoreError(f"{self.path}: cannot write {source} ({exc})") from exc
                return "added"
            if present:  # this text is stored already: only the old versions go
                self._drop(stale)
            else:
                quads, entity_quads = quads_of()
                self._drop(stale, insert=(graph, quads, entity_quads))
            return "replaced"

    def remove_source(self, source: str) -> list[str]:
        """Drop every graph read from this source; returns the document ids removed."""
        self._writable()
        with self._write_lock:
            stale = self.documents_from(source)
            if stale:
                self._drop(stale)
            return [d.doc_id for d in stale]

    def _drop(self, stale: list[StoredDocument], insert=None) -> None:
        """DROP the stale graphs (and INSERT a new one) in one update, with graph/entities kept exact:
        a triple the stale documents supported leaves it unless another document still says it."""
        dropped = {d.graph for d in stale}
        kept: set[str] = set()
        ops = [f"DROP SILENT GRAPH {d.graph}" for d in stale]
        if insert is not None:
            graph, quads, entity_quads = insert
            dropped.add(graph)
            kept = {str(q.triple) for q in entity_quads}
            ops.append(f"INSERT DATA {{ {_data_block(graph, quads)} {_data_block(ENTITIES, entity_quads)} }}")
        said: dict[NamedNode, set[str]] = {}  # each other document's contribution, read once
        orphans = [t for d in stale for t in entity_triples(self.quads(d.graph))
                   if str(t) not in kept and not self._supported(t, dropped, said)]
        if orphans:
            ops.append(f"DELETE DATA {{ {_data_block(ENTITIES, sorted(set(orphans), key=str))} }}")
        self._update(" ;\n".join(ops))

    def _supported(self, triple, excluded: set[NamedNode], said: dict[NamedNode, set[str]]) -> bool:
        """Whether a document outside ``excluded`` still says this shared-entity triple (the
        documents that mention its subject, each one's ``ik:entityTriples`` looked up)."""
        line = str(triple)
        for mention in self._store.quads_for_pattern(None, IK.mentions, triple.subject, None):
            graph = mention.graph_name
            if graph in excluded:
                continue
            lines = said.get(graph)
            if lines is None:
                lines = said[graph] = entity_lines(
                    self._store.quads_for_pattern(mention.subject, IK.entityTriples, None, graph))
            if line in lines:
                return True
        return False

    def _update(self, sparql: str) -> None:
        try:
            self._store.update(sparql)
        except OSError as exc:
            raise StoreError(f"{self.path}: update failed ({exc})") from exc

    def load_quads(self, quads: Iterable[Quad]) -> None:
        """Add quads in one transaction (used by import)."""
        self._writable()
        with self._write_lock:
            self._store.extend(list(quads))

    def clear(self) -> None:
        self._writable()
        with self._write_lock:
            self._store.clear()

    def flush(self) -> None:
        if self.path is not None and not self.read_only:
            self._store.flush()

    def optimize(self) -> None:
        """Compact the files bulk loads wrote: 2-5x faster queries afterwards (13 s at 10k documents)."""
        self._writable()
        if self.path is not None:
            with self._write_lock:
                self._store.optimize()

    def close(self) -> None:
        self.flush()
        self._store = None  # pyoxigraph closes the store when the object is dropped

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@dataclass(frozen=True)
class Payload:
    """A document ready to store, as N-Quads: everything but its completion marker, and the marker."""

    body: bytes
    marker: bytes
    graph: str = ""  # the document graph's IRI (for the batch journal)


def document_payload(quads: list[Quad]) -> Payload:
    """A document's quads plus the entity quads they contribute (made in a worker).

    The marker is the document's ``ik:sha256`` quad: written last, it says the document is complete.
    """
    # the entity quads straight from the ik:entityTriples text (already N-Triples: one line a
    # triple), less the reference graph's, without parsing it again
    reference = _reference_lines()
    entity_lines_ = sorted(entity_lines(quads) - reference)
    entity_nquads = "".join(f"{line} {ENTITIES} .\n" for line in entity_lines_).encode("utf-8")
    markers = [q for q in quads if q.predicate == IK.sha256]
    body = [q for q in quads if q.predicate != IK.sha256]
    return Payload(
        pyoxigraph.serialize(body, format=RdfFormat.N_QUADS) + entity_nquads,
        pyoxigraph.serialize(markers, format=RdfFormat.N_QUADS),
        markers[0].graph_name.value if markers else "",
    )


def _entity_quads(quads: list[Quad], *, less_reference: bool = True) -> list[Quad]:
    """What a document adds to graph/entities: its shared-entity triples, less those the
    reference graph holds already (a gazetteer force's type and name), so each is kept once.
    (A build loads the reference graph before any document.)"""
    reference = _reference_triples() if less_reference else frozenset()
    return [Quad(t.subject, t.predicate, t.object, ENTITIES) for t in entity_triples(quads) if t not in reference]


@lru_cache(maxsize=1)
def _reference_lines() -> frozenset:
    return frozenset(str(t) for t in _reference_triples())


@lru_cache(maxsize=1)
def _reference_triples() -> frozenset:
    from ..schema.reference_graph import reference_quads

    return frozenset(q.triple for q in reference_quads())


def _write_durably(path: Path, text: str) -> None:
    """Write a small file so that it survives a kill or a power cut once this returns."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _split_entities(data: bytes) -> tuple[list[Quad], list[Quad]]:
    doc_quads, entity_quads = [], []
    for q in pyoxigraph.parse(data, format=RdfFormat.N_QUADS):
        (entity_quads if q.graph_name == ENTITIES else doc_quads).append(q)
    return doc_quads, entity_quads


def _data_block(graph: NamedNode, quads: Iterable) -> str:
    """Quads or triples as the body of INSERT/DELETE DATA, in ``graph``."""
    lines = [f"{q.subject} {q.predicate} {q.object} ." for q in quads]
    return f"GRAPH {graph} {{\n" + "\n".join(lines) + "\n}"


def open_store(path: Path | str | None, *, read_only: bool = False) -> Store:
    return Store(path, read_only=read_only)


__all__ = ["Payload", "Store", "StoredDocument", "document_payload", "open_store", "ENTITIES", "REFERENCE"]
