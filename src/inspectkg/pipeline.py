"""build: read -> extract -> map -> store, one document graph per transaction.

Reading and extraction run in worker processes when ``jobs > 1``; the one
writer (this process) stores each document as its result arrives.  A
document whose text hash is already stored under the same source is skipped
before extraction.  A document that cannot be read is reported and the rest of
the batch is still built.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path


from .errors import InputError
from .graph.mapping import to_quads
from .graph.store import Store, document_payload
from .ingest.extract import extract
from .ingest.read import Source, discover, read


FLUSH_EVERY = 1000  # documents between flushes: bounds the writer's memtables and write-ahead log


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source name, message)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.replaced)} replaced, "
            f"{len(self.unchanged)} unchanged, {len(self.failed)} failed"
        )


@dataclass(frozen=True)
class _Result:
    source: str
    status: str  # "extracted", "unchanged" or "failed"
    doc_id: str = ""
    nquads: bytes = b""
    message: str = ""


MAX_EXTRACT_CHARS = 5_000_000  # longer texts are refused: extraction time grows faster than the text
MAX_EXTRACT_LINES = 250_000  # segmentation runs spaCy once per line of a long text


def one_line(message: str) -> str:
    """The message with newlines and other control characters escaped (file names may hold them)."""
    if message.isprintable():
        return message
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in message)


def process(source: Source, stored_sha: str | None = None) -> _Result:
    """Read and extract one source (runs in a worker). Never raises for bad input."""
    try:
        document = read(source)
    except InputError as exc:
        return _Result(source.name, "failed", message=one_line(str(exc)))
    except Exception as exc:  # a reader bug must not lose the rest of the batch either
        return _Result(source.name, "failed", message=one_line(f"{source.name}: cannot read ({type(exc).__name__}: {exc})"))
    if stored_sha is not None and document.sha256 == stored_sha:
        return _Result(source.name, "unchanged", doc_id=document.id)
    too_long = _too_long(document.text)
    if too_long:
        return _Result(source.name, "failed", message=one_line(f"{source.name}: {too_long}; split the document"))
    try:
        quads = to_quads(extract(document))
    except Exception as exc:  # an extractor bug must not lose the rest of the batch
        return _Result(source.name, "failed", message=one_line(f"{source.name}: extraction failed ({type(exc).__name__}: {exc})"))
    return _Result(source.name, "extracted", doc_id=document.id, nquads=document_payload(quads))


def _too_long(text: str) -> str | None:
    if len(text) > MAX_EXTRACT_CHARS:
        return f"too long to extract ({len(text):,} characters > {MAX_EXTRACT_CHARS:,})"
    lines = text.count("\n") + 1
    if lines > MAX_EXTRACT_LINES:
        return f"too many lines to extract ({lines:,} > {MAX_EXTRACT_LINES:,})"
    return None


def reference_version(quads) -> str:
    digest = hashlib.sha256()
    for line in sorted(str(q) for q in quads):
        digest.update(line.encode("utf-8"))
    return digest.hexdigest()[:16]


def load_reference(store: Store) -> bool:
    from .graph.canonical import canonical_blank_nodes
    from .graph.reference_graph import reference_quads

    quads = canonical_blank_nodes(reference_quads())
    return store.ensure_reference(quads, reference_version(quads))


def build(
    targets: Sequence[str | Path],
    store: Store,
    *,
    jobs: int = 1,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[str, str], None] | None = None,
) -> BuildReport:
    """Build the documents found at ``targets`` into ``store``."""
    report = BuildReport()
    sources = discover(targets)
    load_reference(store)
    stored = {name: doc.sha256 for name, doc in store.documents().items()}
    if on_start:
        on_start(len(sources))

    written = 0

    def record(result: _Result) -> None:
        nonlocal written
        if result.status == "failed":
            report.failed.append((result.source, result.message))
        elif result.status == "unchanged":
            report.unchanged.append(result.source)
        else:
            status = store.put_document_nquads(result.doc_id, result.source, result.nquads)
            getattr(report, status).append(result.source)
            written += 1
            if written % FLUSH_EVERY == 0:
                store.flush()  # memtables to disk: bounds the writer's memory and the write-ahead log
        if on_done:
            on_done(result.source, result.status)

    if jobs <= 1 or len(sources) < 2:
        for source in sources:
            record(process(source, stored.get(source.name)))
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            chunk = max(1, min(64, len(sources) // (jobs * 8) or 1))
            for result in pool.map(process, sources, [stored.get(s.name) for s in sources], chunksize=chunk):
                record(result)
    store.flush()
    return report
