"""Median time of every saved query on one store, one entity bound and unbound.

    .venv/bin/python -m benchmarks.query_times --store /tmp/kg10k-queries [--reps 5]
        [--timeout 120] [--only grade-changes latest-grades] [--force kent] [--person "Tom Ridley"]

A query with required parameters runs bound ("one entity"); one without runs
unbound ("whole graph") and, if it takes an entity, bound too. Values default to
the store's most frequent force (``ik:about``) and speaker person; they are bound
by the library's ``prepare()``. Each variant runs in its own process (killed after
``--timeout`` seconds); median of ``--reps`` runs, the first included, one run when
the first took more than 10 s. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import time

IK = "https://w3id.org/inspectkg/ontology#"
IKD = "https://w3id.org/inspectkg/id/"


def most_frequent(store_path: str) -> dict[str, str]:
    from inspectkg.graph.store import Store

    store = Store(store_path, read_only=True)
    out = {}
    q_force = f"""SELECT ?f (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?d <{IK}about> ?f . ?d a <{IK}Document> }} }}
                  GROUP BY ?f ORDER BY DESC(?n) LIMIT 1"""
    q_person = f"""SELECT ?p (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?c <{IK}speaker> ?p }}
                   GRAPH <{IKD}graph/entities> {{ ?p a <{IK}Person> }} }} GROUP BY ?p ORDER BY DESC(?n) LIMIT 1"""
    for key, q in (("force", q_force), ("person", q_person)):
        for sol in store.query(q):
            out[key] = sol[0].value
    store.close()
    return out


def variants(saved_all, picks):
    for name, saved in saved_all.items():
        required = [p for p in saved.params.values() if p.required]

        def value(p):
            if p.type == "entity":
                return picks.get(p.kind or "person") or p.example
            return p.example

        if required:
            yield name, "one entity", {p.name: value(p) for p in required}
        else:
            yield name, "whole graph", {}
            entity = next((p for p in saved.params.values() if p.type == "entity"), None)
            if entity is not None:
                yield name, "one entity", {entity.name: value(entity)}


def _worker(store_path, name, given, reps, conn):
    try:
        from inspectkg.graph import queries
        from inspectkg.graph.store import Store

        store = Store(store_path, read_only=True)
        saved = queries.load_all()[name]
        text = queries.prepare(saved, given, store)
        times, rows = [], 0
        for i in range(reps):
            t0 = time.perf_counter()
            rows = len(queries.as_target(store).select(text).rows)
            times.append(time.perf_counter() - t0)
            conn.send(("partial", times[:], rows))
            if i == 0 and times[0] > 10:
                break
        conn.send(("done", times, rows))
    except Exception as exc:  # report, do not crash the table
        conn.send(("error", f"{type(exc).__name__}: {exc}", 0))


def measure(store_path, name, given, reps, timeout):
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker, args=(store_path, name, given, reps, child), daemon=True)
    proc.start()
    child.close()
    deadline = time.monotonic() + timeout
    last = None
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not parent.poll(left):
            proc.kill()
            proc.join()
            if last and last[1]:
                return last[1], last[2], f"killed after {timeout:.0f} s ({len(last[1])} runs)"
            return None, None, f"> {timeout:.0f} s (killed)"
        try:
            last = parent.recv()
        except EOFError:
            proc.join()
            return None, None, "worker died"
        if last[0] == "done":
            proc.join()
            return last[1], last[2], ""
        if last[0] == "error":
            proc.join()
            return None, None, last[1]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--only", nargs="*", help="saved-query names")
    ap.add_argument("--scope", choices=["one entity", "whole graph"])
    ap.add_argument("--force")
    ap.add_argument("--person")
    args = ap.parse_args(argv)

    from inspectkg.graph import queries

    picks = most_frequent(args.store)
    if args.force:
        picks["force"] = args.force
    if args.person:
        picks["person"] = args.person
    saved_all = queries.load_all()
    if args.only:
        saved_all = {k: v for k, v in saved_all.items() if k in args.only}
    print(f"store {args.store}; force={picks.get('force')}, person={picks.get('person')}; "
          f"median of {args.reps}\n")
    print("| query | scope | rows | median ms | min ms | note |")
    print("|---|---|---|---|---|---|")
    for name, scope, given in variants(saved_all, picks):
        if args.scope and scope != args.scope:
            continue
        label = name + (" (" + ", ".join(f"{k}={v.rsplit('/', 1)[-1]}" for k, v in given.items()) + ")"
                        if given else "")
        times, rows, note = measure(args.store, name, given, args.reps, args.timeout)
        if times:
            med, low = statistics.median(times) * 1000, min(times) * 1000
            print(f"| {label} | {scope} | {rows} | {med:,.1f} | {low:,.1f} | {note} |", flush=True)
        else:
            print(f"| {label} | {scope} | – | – | – | {note} |", flush=True)


if __name__ == "__main__":
    main()
