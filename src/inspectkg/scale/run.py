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


def shard_corpus(
    targets: Sequence[str | Path],
    out: Path,
    client,
    *,
    batch: int = DEFAULT_BATCH,
    exclude: Sequence[str] = (),
    follow_symlinks: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> ShardReport:
    """Extract the documents at ``targets`` into N-Quads shards in ``out`` on the cluster behind ``client``."""
    distributed = _import_dask()
    sources = discover(targets, exclude=exclude, follow_symlinks=follow_symlinks)
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise UsageError(f"{out}: the output folder is not empty; a loader would take its old files "
                         "with the new ones, so give a new or empty folder")
    out.mkdir(parents=True, exist_ok=True)
    folder = str(out.resolve())
    batches = [list(sources[i : i + batch]) for i in range(0, len(sources), batch)]
    if on_start:
        on_start(len(sources))
    futures = client.map(extract_batch, batches, [folder] * len(batches), range(len(batches)), pure=False)
    for done in distributed.as_completed(futures):
        done.result()  # a task that raised (not a bad document: those are outcomes) stops the run here
        if on_batch:
            on_batch(len(batches[futures.index(done)]))
    outcomes: list[list[Outcome]] = client.gather(futures)
    report = ShardReport(shards=len(batches))
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
    client.gather([client.submit(drop_graphs, str(Path(folder) / DOCS.format(index)), graphs, pure=False)
                   for index, graphs in repeats.items()])
    report.entity_facts = client.submit(merge_entities, folder, len(batches), pure=False).result()
    client.submit(write_reference, folder, pure=False).result()
    return report
