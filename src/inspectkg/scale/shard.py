"""One task of a sharded build: a batch of documents -> an N-Quads shard.

The task reads and extracts each document with :func:`inspectkg.pipeline.process`
(the function ``inspectkg build`` runs in its workers), and writes

- ``docs-NNNNNN.nq``: each document's graph, its completion marker included, in
  the bytes ``build`` bulk-loads;
- ``entities-NNNNNN.part``: the batch's facts about shared entities (the graph
  ``graph/entities``), sorted and unique, for :func:`merge_entities`.

Both files are written under a temporary name and renamed, so a task that a
scheduler runs twice (a lost worker) leaves one complete copy.  A text met twice
in one batch is written once, under its first source name, as ``build`` does.
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..ingest.read import Source
from ..pipeline import process
from ..store.embedded import ENTITIES

DOCS = "docs-{:06d}.nq"
ENTITY_PART = "entities-{:06d}.part"
ENTITIES_FILE = "entities.nq"
REFERENCE_FILE = "reference.nq"
_ENTITY_SUFFIX = f" {ENTITIES} .\n".encode()


@dataclass(frozen=True)
class Outcome:
    """What became of one document: ``status`` is "extracted", "duplicate" (its text is in this batch already) or "failed"."""

    source: str
    status: str
    doc_id: str = ""
    message: str = ""


def extract_batch(sources: Sequence[Source], folder: str, index: int) -> list[Outcome]:
    """Extract ``sources`` into ``folder``'s shard number ``index``; what became of each document."""
    out = Path(folder)
    seen: set[str] = set()
    entity_lines: set[bytes] = set()
    outcomes: list[Outcome] = []
    with _replacing(out / DOCS.format(index)) as handle:
        for source in sources:
            result = process(source)
            if result.status != "extracted":
                outcomes.append(Outcome(result.source, "failed", message=result.message))
                continue
            if result.doc_id in seen:
                outcomes.append(Outcome(result.source, "duplicate", result.doc_id))
                continue
            seen.add(result.doc_id)
            for line in result.payload.body.splitlines(keepends=True):
                if line.endswith(_ENTITY_SUFFIX):
                    entity_lines.add(line)
                else:
                    handle.write(line)
            handle.write(result.payload.marker)
            outcomes.append(Outcome(result.source, "extracted", result.doc_id))
    with _replacing(out / ENTITY_PART.format(index)) as handle:
        handle.writelines(sorted(entity_lines))
    return outcomes


def drop_graphs(path: str, graphs: Iterable[str]) -> None:
    """Rewrite the shard at ``path`` without the named graphs (texts an earlier shard holds already)."""
    suffixes = tuple(f" <{graph}> .\n".encode() for graph in graphs)
    source = Path(path)
    with open(source, "rb") as lines, _replacing(source) as handle:
        handle.writelines(line for line in lines if not line.endswith(suffixes))


def merge_entities(folder: str, count: int) -> int:
    """Merge the ``count`` sorted entity parts into ``entities.nq``, each fact once; the number of facts."""
    out = Path(folder)
    parts = [out / ENTITY_PART.format(index) for index in range(count)]
    files = [open(part, "rb") for part in parts]
    written = 0
    try:
        with _replacing(out / ENTITIES_FILE) as handle:
            previous = None
            for line in heapq.merge(*files):
                if line != previous:
                    handle.write(line)
                    written += 1
                    previous = line
    finally:
        for handle in files:
            handle.close()
    for part in parts:
        part.unlink()
    return written


def write_reference(folder: str) -> None:
    """``reference.nq``: the reference graph (ontology and vocabularies) with the version marker ``build`` writes."""
    import pyoxigraph

    from ..pipeline import load_reference
    from ..store.embedded import Store

    store = Store(None)
    load_reference(store)
    with _replacing(Path(folder) / REFERENCE_FILE) as handle:
        store.raw.dump(handle, format=pyoxigraph.RdfFormat.N_QUADS)


class _replacing:
    """Open ``path`` for writing under a temporary name; rename it into place on success."""

    def __init__(self, path: Path):
        self.path = path
        self.tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")

    def __enter__(self):
        self.handle = open(self.tmp, "wb")
        return self.handle

    def __exit__(self, kind, value, traceback) -> None:
        self.handle.close()
        if kind is None:
            os.replace(self.tmp, self.path)
        else:
            self.tmp.unlink(missing_ok=True)
