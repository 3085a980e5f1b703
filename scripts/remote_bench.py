"""Push a store to a local Virtuoso and time every saved query there beside the embedded store.

    .venv/bin/python scripts/remote_bench.py --store /tmp/kg10k [--reps 3] [--buffers 170000]
    .venv/bin/python scripts/remote_bench.py --store /tmp/kg10k --load shards --shards /tmp/shards10k [--loaders 2]

Starts Debian's Virtuoso (virtuoso-t, see scripts/system-deps.sh) on loopback with a fresh
database in a temporary folder (tests/support/remote_servers.py), pushes the store with the Graph
Store Protocol and Digest credentials (or bulk-loads an N-Quads dump of it, or the folder
``inspectkg shard`` wrote, with ld_dir + rdf_loader_run), then runs each saved query (required parameters bound
to the store's most-inspected force and most-quoted person; the rest unbound) on both, checks
the rows are equal and in the same order, and prints a Markdown table of median times.  Each
engine gets the text ``inspectkg query`` sends it (``queries.prepare`` for that target: the
parameters' block placed for its planner, an engine's own pragmas).  ``--oxigraph`` also serves
the store with ``oxigraph serve-read-only`` and adds its column.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from inspectkg.sparql import queries  # noqa: E402
from inspectkg.remote.endpoint import Endpoint, push  # noqa: E402
from inspectkg.remote.http import Credentials  # noqa: E402
from inspectkg.store.embedded import Store  # noqa: E402
from support.remote_servers import oxigraph, virtuoso  # noqa: E402

PICKS = {
    "force": """PREFIX ik: <https://w3id.org/inspectkg/ontology#>
SELECT ?x (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?i ik:inspectedBody ?x } } GROUP BY ?x ORDER BY DESC(?n) STR(?x) LIMIT 1""",
    "person": """PREFIX ik: <https://w3id.org/inspectkg/ontology#>
SELECT ?x (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?c ik:speaker ?x } FILTER (CONTAINS(STR(?x), "/person/")) }
GROUP BY ?x ORDER BY DESC(?n) STR(?x) LIMIT 1""",
}


def timed(call, reps: int):
    times, result = [], None
    for _ in range(reps):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def bulk_load(store, folder: Path, server) -> None:
    """Dump the store as N-Quads into Virtuoso's folder and load it with ld_dir + rdf_loader_run."""
    import subprocess

    import pyoxigraph

    from support.remote_servers import ISQL

    dump = folder / "dump"
    dump.mkdir()
    store.raw.dump(str(dump / "all.nq"), format=pyoxigraph.RdfFormat.N_QUADS)
    sql = (f"ld_dir('{dump}', '*.nq', 'https://w3id.org/inspectkg/id/graph/unused'); "
           "rdf_loader_run(); checkpoint;")
    port = server.sql_port
    done = subprocess.run([ISQL, f"127.0.0.1:{port}", "dba", "dba", f"exec={sql}"], capture_output=True, text=True)
    if done.returncode != 0 or "Error" in done.stdout + done.stderr:
        raise RuntimeError(f"bulk load failed: {done.stdout[-500:]} {done.stderr[-500:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--buffers", type=int, default=170000, help="Virtuoso NumberOfBuffers (8 KB pages)")
    parser.add_argument("--load", choices=("push", "bulk", "shards"), default="push",
                        help="push (Graph Store PUTs, timed), bulk (an N-Quads dump through Virtuoso's own loader) "
                             "or shards (the folder of --shards through Virtuoso's own loader)")
    parser.add_argument("--shards", type=Path, help="a folder 'inspectkg shard' wrote (with --load shards)")
    parser.add_argument("--loaders", type=int, default=2, help="rdf_loader_run() calls in parallel (--load shards)")
    parser.add_argument("--time-limit", type=int, default=600, help="Virtuoso MaxQueryExecutionTime (s)")
    parser.add_argument("--oxigraph", action="store_true", help="also time 'oxigraph serve-read-only' over the store")
    args = parser.parse_args()
    store = Store(args.store, read_only=True)
    from inspectkg.sparql.queries import StoreTarget

    target = StoreTarget(store)
    picks = {kind: target.select(q).rows[0][0] for kind, q in PICKS.items()}
    quads = len(store)
    with tempfile.TemporaryDirectory(prefix="ik-virtuoso-") as folder, \
            virtuoso(Path(folder), max_rows=10_000_000, buffers=args.buffers, time_limit=args.time_limit,
                     allowed=(args.shards,) if args.shards else ()) as server:
        started = time.perf_counter()
        if args.load == "shards":
            from inspectkg.scale.load import VirtuosoSql, load_virtuoso

            load_virtuoso(args.shards, VirtuosoSql(server.sql_port, "dba"), loaders=args.loaders)
            print(f"ld_dir + {args.loaders} rdf_loader_run of {args.shards}: "
                  f"{time.perf_counter() - started:.1f} s (store: {quads} quads)", flush=True)
        elif args.load == "bulk":
            bulk_load(store, Path(folder), server)
            print(f"bulk load: {quads} quads in {time.perf_counter() - started:.1f} s", flush=True)
        else:
            report = push(store, server.store_url, timeout=600, credentials=Credentials(server.user, server.password))
            seconds = time.perf_counter() - started
            print(f"push: {report.graphs} graphs, {report.triples} triples in {seconds:.1f} s = "
                  f"{report.triples / seconds:,.0f} triples/s (store: {quads} quads)", flush=True)
        endpoints = [("Virtuoso", Endpoint(server.query_url, timeout=600))]
        with contextlib.ExitStack() as more:
            if args.oxigraph:
                served = more.enter_context(oxigraph(Path(args.store), read_only=True))
                endpoints.append(("oxigraph serve", Endpoint(served.query_url, timeout=600)))
            compare(target, endpoints, picks, args.reps)
    return 0


def compare(target, endpoints, picks, reps: int) -> None:
    """One Markdown row per saved query: rows, embedded ms, and per endpoint its ms and whether its rows
    are the embedded store's in the same order."""
    heads = "".join(f" {name} ms | same rows, same order |" for name, _ in endpoints)
    print(f"\n| query | parameters | rows | embedded ms |{heads}")
    print("|---|---|---:|---:|" + "---:|---|" * len(endpoints))
    for name, saved in sorted(queries.load_all().items()):
        given = {p.name: picks.get(p.kind or "person", p.example) for p in saved.params.values() if p.required}
        sparql = queries.prepare(saved, given, target)
        local_ms, local = timed(lambda: target.select(sparql), reps)
        cells = ""
        for _, endpoint in endpoints:
            try:
                remote_sparql = queries.prepare(saved, given, endpoint)  # what 'inspectkg query --endpoint' sends
                remote_ms, remote = timed(lambda: endpoint.select(remote_sparql), reps)
                same = "yes" if remote.rows == local.rows else (
                    "same rows, other order" if sorted(map(str, remote.rows)) == sorted(map(str, local.rows))
                    else f"NO ({len(remote.rows)} rows)")
                cells += f" {remote_ms:,.0f} | {same} |"
            except Exception as exc:  # noqa: BLE001 - a measurement reports what failed
                cells += f" error | {str(exc)[:300]} |"
        shown = ", ".join(f"{k}={v.rsplit('/', 1)[-1]}" for k, v in given.items()) or "none (whole graph)"
        print(f"| {name} | {shown} | {len(local.rows)} | {local_ms:,.0f} |{cells}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
