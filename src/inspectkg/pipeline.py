"""build: read -> extract -> map -> store.

Reading and extraction run in worker processes when ``jobs > 1``; the one
writer (this process) stores the results as they arrive: new documents in
batches (one bulk load, then their completion markers in one transaction; see
store/embedded.py), a changed document in one update of its own.  A document
whose text hash is already stored under the same source is skipped before
extraction.  A document that cannot be read is reported and the rest of the
batch is still built.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path


from .errors import InputError
from .store.embedded import Payload, Store, document_payload
from .ingest.read import Source, discover, read
from .printable import one_line


BATCH_BYTES = 32 << 20  # N-Quads of new documents per bulk load (~250 news articles): bounds the writer's memory
OPTIMIZE_AFTER = 1000  # documents added by one build after which the store is compacted (see Store.optimize)
WINDOW_PER_JOB = 4  # chunks of documents in flight per worker: bounds results waiting for the writer


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
    payload: Payload | None = None
    message: str = ""


MAX_EXTRACT_CHARS = 5_000_000  # longer texts are refused: extraction time grows faster than the text
MAX_EXTRACT_LINES = 250_000  # segmentation runs spaCy once per line of a long text


def process(source: Source, stored_sha: str | None = None, stored_texts: frozenset[str] = frozenset()) -> _Result:
    """Read and extract one source (runs in a worker). Never raises for bad input.

    ``stored_sha``: the text's hash stored under this source's name, if any; ``stored_texts``: the
    hashes of every stored text, for a name not stored yet (a moved or copied folder): its text
    stored under another name is unchanged, and is not extracted again only to find that out."""
    try:
        document = read(source)
    except InputError as exc:
        return _Result(source.name, "failed", message=one_line(str(exc)))
    except Exception as exc:  # a reader bug must not lose the rest of the batch either
        return _Result(source.name, "failed", message=one_line(f"{source.name}: cannot read ({type(exc).__name__}: {exc})"))
    if document.sha256 == stored_sha or (stored_sha is None and document.sha256 in stored_texts):
        return _Result(source.name, "unchanged", doc_id=document.id)
    too_long = _too_long(document.text)
    if too_long:
        return _Result(source.name, "failed", message=one_line(f"{source.name}: {too_long}; split the document"))
    # imported on first use: a build with nothing to extract (every text stored already) then
    # never loads spaCy and the patterns, most of its start-up time (see benchmarks/README.md)
    from .ingest.extract import extract
    from .store.mapping import to_quads

    try:
        quads = to_quads(extract(document))
    except Exception as exc:  # an extractor bug must not lose the rest of the batch
        return _Result(source.name, "failed", message=one_line(f"{source.name}: extraction failed ({type(exc).__name__}: {exc})"))
    return _Result(source.name, "extracted", doc_id=document.id, payload=document_payload(quads))


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
    from .store.canonical import canonical_blank_nodes
    from .schema.reference_graph import reference_quads

    quads = canonical_blank_nodes(reference_quads())
    return store.ensure_reference(quads, reference_version(quads))


def build(
    targets: Sequence[str | Path],
    store: Store,
    *,
    exclude: Sequence[str] = (),
    follow_symlinks: bool = False,
    **options,
) -> BuildReport:
    """Build the documents found at ``targets`` into ``store`` (see :func:`~.ingest.read_folder.discover`);
    ``options``: ``jobs`` and the callbacks of :class:`BuildProgress` by name."""
    callbacks = {name: options.pop(name) for name in ("on_start", "on_done", "on_optimize") if name in options}
    sources = discover(targets, exclude=exclude, follow_symlinks=follow_symlinks)
    return build_sources(sources, store, progress=BuildProgress(**callbacks), **options)


@dataclass(frozen=True)
class BuildProgress:
    """What a build tells its caller as it goes (each optional)."""

    on_start: Callable[[int], None] | None = None  # the number of sources, once found
    on_done: Callable[[str, str], None] | None = None  # (source name, status) after each document
    on_optimize: Callable[[], None] | None = None  # before the store is compacted


def build_sources(
    sources: Sequence[Source],
    store: Store,
    *,
    jobs: int = 1,
    progress: BuildProgress = BuildProgress(),
) -> BuildReport:
    """Build already discovered sources into ``store``."""
    load_reference(store)
    stored = {name: doc.sha256 for name, doc in store.documents().items()}
    if progress.on_start:
        progress.on_start(len(sources))
    # hashes of the stored texts, needed only for names not stored yet (sent once to each worker)
    texts = frozenset(stored.values()) if stored and any(s.name not in stored for s in sources) else frozenset()
    writer = _Writer(store, progress.on_done)
    if jobs <= 1 or len(sources) < 2:
        for source in sources:
            writer.record(process(source, stored.get(source.name), texts))
    else:
        chunk = max(1, min(64, len(sources) // (jobs * 8) or 1))
        with ProcessPoolExecutor(max_workers=jobs, initializer=_set_stored_texts, initargs=(texts,)) as pool:
            for result in _ordered_map(pool, sources, stored, chunk, jobs * WINDOW_PER_JOB):
                writer.record(result)
    writer.write_pending()
    store.flush()
    report = writer.report
    if len(report.added) >= OPTIMIZE_AFTER and store.path is not None:
        if progress.on_optimize:
            progress.on_optimize()
        store.optimize()  # each bulk load leaves its own files: one compaction makes lookups cheap again
    return report


class _Writer:
    """The one writer: records each result, batching new documents into bulk loads of ``BATCH_BYTES``."""

    def __init__(self, store: Store, on_done: Callable[[str, str], None] | None):
        self.store = store
        self.on_done = on_done
        self.report = BuildReport()
        self.pending: list[Payload] = []
        self.pending_graphs: set[str] = set()
        self.pending_bytes = 0

    def write_pending(self) -> None:
        self.store.add_documents(self.pending)
        self.pending = []
        self.pending_graphs.clear()
        self.pending_bytes = 0

    def record(self, result: _Result) -> None:
        report = self.report
        if result.status == "failed":
            report.failed.append((result.source, result.message))
        elif result.status == "unchanged":
            report.unchanged.append(result.source)
        else:
            self._store(result)
        if self.on_done:
            self.on_done(result.source, result.status)

    def _store(self, result: _Result) -> None:
        plan = "unchanged" if result.doc_id in self.pending_graphs else self.store.plan(result.doc_id, result.source)
        if plan == "new":
            self.pending.append(result.payload)
            self.pending_graphs.add(result.doc_id)
            self.pending_bytes += len(result.payload.body)
            self.report.added.append(result.source)
            if self.pending_bytes >= BATCH_BYTES:
                self.write_pending()
        elif plan == "unchanged":  # the same text stored (or about to be) under another name
            self.report.unchanged.append(result.source)
        else:
            status = self.store.put_document_nquads(result.doc_id, result.source, result.payload)
            getattr(self.report, status).append(result.source)


_STORED_TEXTS: frozenset[str] = frozenset()  # in a worker: the hashes of the stored texts (``process``)


def _set_stored_texts(texts: frozenset[str]) -> None:
    global _STORED_TEXTS
    _STORED_TEXTS = texts


def _process_chunk(sources: list[Source], stored_shas: list[str | None]) -> list[_Result]:
    return [process(source, sha, _STORED_TEXTS) for source, sha in zip(sources, stored_shas)]


def _ordered_map(pool, sources, stored, chunk: int, window: int) -> Iterator[_Result]:
    """``process`` over the sources in order, at most ``window`` chunks in flight (bounded memory)."""
    chunks = [sources[i : i + chunk] for i in range(0, len(sources), chunk)]
    in_flight: deque = deque()
    for part in chunks:
        in_flight.append(pool.submit(_process_chunk, part, [stored.get(s.name) for s in part]))
        if len(in_flight) >= window:
            yield from in_flight.popleft().result()
    while in_flight:
        yield from in_flight.popleft().result()
