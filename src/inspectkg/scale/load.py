"""Load a folder of shards with a server's own bulk loader.

- :func:`load_oxigraph`: ``oxigraph load`` (the CLI of the engine inspectkg embeds;
  ``pip install oxigraph``) into a new store folder, which inspectkg then opens like
  one it built (``query``, ``serve``, later ``build`` runs); the reference graph is
  written as a build writes it (the CLI would relabel the ontology's blank nodes);
- :func:`load_virtuoso`: Virtuoso's bulk loader, ``ld_dir`` then ``rdf_loader_run``
  (one per ``loaders``, in parallel) and a ``checkpoint``, through ``isql``.  The
  folder must be readable by the server and listed in ``DirsAllowed`` of its
  ``virtuoso.ini``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .. import iris
from ..errors import StoreError, UsageError
from ..pipeline import load_reference
from ..store.embedded import Store
from .shard import REFERENCE_FILE

DEADLOCK_RETRIES = 3  # rounds of reloading the shards parallel loaders gave up on


def shard_files(folder: Path) -> list[Path]:
    files = sorted(Path(folder).glob("*.nq"))
    if not files:
        raise UsageError(f"{folder}: no N-Quads shards here; make them with 'inspectkg shard'")
    return files


def oxigraph_binary() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if found is None:
        raise UsageError("the 'oxigraph' command is not installed; install it with: pip install oxigraph")
    return found


def load_oxigraph(folder: Path, store: Path, *, optimize: bool = True) -> None:
    """Bulk-load the shards in ``folder`` into a new inspectkg store at ``store``."""
    store = Path(store)
    if store.exists() and any(store.iterdir()):
        raise UsageError(f"{store}: a store is there already; bulk loading is for a new store "
                         "(use 'inspectkg build' or 'import' to add to one)")
    Store(store).close()  # an empty store stamped with inspectkg's layout, so a writer accepts it later
    # reference.nq is left to load_reference, as in a build: the oxigraph CLI gives blank nodes
    # fresh labels, and the store keeps the ontology's canonical ones
    files = [f for f in shard_files(folder) if f.name != REFERENCE_FILE]
    done = subprocess.run([oxigraph_binary(), "load", "--location", str(store), "--lenient",
                           "--file", *map(str, files)], capture_output=True, text=True)
    if done.returncode != 0:
        raise StoreError(f"{store}: oxigraph load failed (exit {done.returncode}): {done.stderr.strip()[-500:]}")
    with Store(store) as kg:
        load_reference(kg)
        if optimize:
            kg.optimize()


@dataclass(frozen=True)
class VirtuosoSql:
    """How to reach a Virtuoso's SQL port with ``isql`` (its own options: host:port, user, password)."""

    port: int
    password: str = field(repr=False)
    user: str = "dba"
    host: str = "127.0.0.1"
    isql: str | None = None  # the isql command (default: isql-vt, else isql, on the PATH)

    def command(self) -> str:
        found = self.isql or shutil.which("isql-vt") or shutil.which("isql")
        if found is None:
            raise UsageError("Virtuoso's 'isql-vt' command is not installed (Debian: virtuoso-opensource-7-bin)")
        return found

    def runner(self):
        """run(sql) -> what isql said; a StoreError if it failed."""
        isql, where = self.command(), f"{self.host}:{self.port}"

        def run(sql: str) -> str:
            done = subprocess.run([isql, where, self.user, self.password, f"exec={sql}"],
                                  capture_output=True, text=True)
            said = done.stdout + done.stderr
            if done.returncode != 0 or "*** Error" in said:
                raise StoreError(f"Virtuoso at {where}: {sql.split('(')[0]} failed: {said.strip()[-500:]}")
            return said

        return run


def load_virtuoso(folder: Path, sql: VirtuosoSql, *, loaders: int = 1) -> None:
    """Load the shards in ``folder`` into the Virtuoso whose SQL port ``sql`` reaches."""
    run = sql.runner()
    folder = Path(folder).resolve()
    shard_files(folder)
    unused = iris.iri("graph/unnamed")  # ld_dir's graph for triples without one; every shard line names its graph
    mine = f"ll_file LIKE '{_sql_text(str(folder))}/%'"
    run(f"ld_dir('{_sql_text(str(folder))}', '*.nq', '{unused}');")
    for attempt in range(DEADLOCK_RETRIES + 1):
        with ThreadPoolExecutor(max_workers=loaders) as pool:
            list(pool.map(run, ["rdf_loader_run();"] * loaders))
        errors = run(f"SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE {mine} AND ll_error IS NOT NULL;")
        if f"{folder}/" not in errors:
            break
        if "deadlock" not in errors or attempt == DEADLOCK_RETRIES:
            raise StoreError(f"Virtuoso at {sql.host}:{sql.port} refused some shards: {errors.strip()[-800:]}")
        # parallel loaders can deadlock on Virtuoso's IRI tables; a quad loaded twice is stored
        # once, so the shards that failed are simply loaded again, by one loader
        run(f"UPDATE DB.DBA.LOAD_LIST SET ll_state = 0, ll_error = NULL WHERE {mine} AND ll_error IS NOT NULL;")
        loaders = 1
    run("checkpoint;")


def _sql_text(text: str) -> str:
    return text.replace("'", "''")
