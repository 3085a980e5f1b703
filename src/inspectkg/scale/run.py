"""Send a corpus to a Dask cluster in batches and gather the shards (see :mod:`.shard`).

    with cluster("local", workers=2) as client:           # or cluster("tcp://scheduler:8786")
        report = shard_corpus(["corpus/"], Path("shards"), client)

Every worker must reach the documents and the output folder under the same paths
(a shared filesystem) and run the same inspectkg version.  A text stored under two
source names is kept once, under the first in discovery order, as ``build`` keeps it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import iris
from ..errors import UsageError
from ..ingest.read import discover
from .shard import DOCS, Outcome, drop_graphs, extract_batch, merge_entities, write_reference

DEFAULT_BATCH = 200  # documents per task: ~1 s of extraction each, so scheduling costs little


@dataclass
class ShardReport:
    shards: int = 0
    extracted: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # texts already extracted under another source name
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source name, message)
    entity_facts: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return (f"{len(self.extracted)} extracted, {len(self.duplicates)} unchanged (same text), "
                f"{len(self.failed)} failed; {self.shards} shards, {self.entity_facts} entity facts")


def _import_dask():
    try:
        import distributed
    except ImportError as exc:
        raise UsageError(
            "sharding needs Dask, which is not installed; install it with: pip install 'inspectkg[scale]'"
        ) from exc
    return distributed


@contextlib.contextmanager
def cluster(scheduler: str, *, workers: int = 2) -> Iterator:
    """A Dask ``Client``: ``"local"`` starts a ``LocalCluster`` of ``workers`` processes on 127.0.0.1."""
    distributed = _import_dask()
    if scheduler == "local":
        with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                      host="127.0.0.1", dashboard_address=None,
                                      silence_logs=logging.CRITICAL) as local, \
                distributed.Client(local) as client:
            yield client
        return
    try:
        client = distributed.Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"{scheduler}: cannot reach the Dask scheduler ({exc}); start one with "
                         "'dask scheduler' and workers with 'dask worker ADDRESS', or pass --scheduler local") from exc
    with client:
        yield client


@dataclass(frozen=True)
class ShardOptions:
    """Which documents to take (as for build) and whom to tell how far the run is."""

    exclude: Sequence[str] = ()
    follow_symlinks: bool = False
    on_start: Callable[[int], None] | None = None  # called once with the number of documents
    on_batch: Callable[[int], None] | None = None  # called with the size of each batch done


def shard_corpus(targets: Sequence[str | Path], out: Path, client, *, batch: int = DEFAULT_BATCH,
                 options: ShardOptions = ShardOptions()) -> ShardReport:
    """Extract the documents at ``targets`` into N-Quads shards in ``out`` on the cluster behind ``client``."""
    _import_dask()  # before any folder is made
    sources = discover(targets, exclude=options.exclude, follow_symlinks=options.follow_symlinks)
    folder = _empty_folder(Path(out))
    batches = [list(sources[i : i + batch]) for i in range(0, len(sources), batch)]
    if options.on_start:
        options.on_start(len(sources))
    outcomes = _extract(client, batches, folder, options.on_batch)
    report, repeats = _tally(outcomes)
    report.shards = len(batches)
    client.gather([client.submit(drop_graphs, str(Path(folder) / DOCS.format(index)), graphs, pure=False)
                   for index, graphs in repeats.items()])
    report.entity_facts = client.submit(merge_entities, folder, len(batches), pure=False).result()
    client.submit(write_reference, folder, pure=False).result()
    return report


def _empty_folder(out: Path) -> str:
    """The output folder, made if needed, as an absolute path every worker can open; UsageError if not empty."""
    if out.exists() and any(out.iterdir()):
        raise UsageError(f"{out}: the output folder is not empty; a loader would take its old files "
                         "with the new ones, so give a new or empty folder")
    out.mkdir(parents=True, exist_ok=True)
    return str(out.resolve())


def _extract(client, batches: list[list], folder: str, on_batch) -> list[list[Outcome]]:
    """One task per batch; the outcomes in batch order once all are done (a task that raised stops the run)."""
    distributed = _import_dask()  # imported once already: a lookup
    futures = client.map(extract_batch, batches, [folder] * len(batches), range(len(batches)), pure=False)
    for done in distributed.as_completed(futures):
        done.result()  # a task that raised (not a bad document: those are outcomes) stops the run here
        if on_batch:
            on_batch(len(batches[futures.index(done)]))
    return client.gather(futures)


def _tally(outcomes: list[list[Outcome]]) -> tuple[ShardReport, dict[int, list[str]]]:
    """The report, and per shard the graphs of texts an earlier shard already holds (to drop)."""
    report = ShardReport()
    first: set[str] = set()
    repeats: dict[int, list[str]] = {}
    for index, batch_outcomes in enumerate(outcomes):
        for outcome in batch_outcomes:
            if outcome.status == "failed":
                report.failed.append((outcome.source, outcome.message))
            elif outcome.status == "duplicate":
                report.duplicates.append(outcome.source)
            elif outcome.doc_id in first:  # the same text, extracted in an earlier batch
                report.duplicates.append(outcome.source)
                repeats.setdefault(index, []).append(iris.iri(iris.graph(outcome.doc_id)))
            else:
                first.add(outcome.doc_id)
                report.extracted.append(outcome.source)
    return report, repeats
