"""Median time of every saved query on one store, one entity bound and unbound.

    .venv/bin/python -m benchmarks.query_times --store /tmp/kg10k-queries [--reps 5]
        [--timeout 120] [--only grade-changes latest-grades] [--force kent] [--person "Tom Ridley"]

A query with required parameters runs bound ("one entity"); one without runs
unbound ("whole graph") and, if it takes an entity, bound too. Values default to
the store's most frequent force (``ik:about``) and speaker person (``--pick median``:
the median ones, a typical entity); they are bound
by the library's ``prepare()``. Each variant runs in its own process (killed after
``--timeout`` seconds); median of ``--reps`` runs, the first included, one run when
the first took more than 10 s. Prints a Markdown table.

    ... --rdflib [--nquads EXPORT.nq] [--rdflib-load-timeout 1800]

also runs each variant's prepared text (the same text) on rdflib's
``Dataset(default_union=True)`` loaded from the store's N-Quads (dumped to a temporary
file unless ``--nquads`` names one), with the same ``--timeout`` per run, and adds
the columns "rdflib ms" and "rdflib / oxigraph" (">N×" when rdflib was killed at the
timeout: a lower bound). rdflib is loaded once, in one process
(:mod:`benchmarks.rdflib_pool`) that forks a child per query, so a killed query
costs no reload. rdflib needs ~2 KB of memory per quad (~10 GB at 10k documents):
try a smaller store first.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time

IK = "https://w3id.org/inspectkg/ontology#"
IKD = "https://w3id.org/inspectkg/id/"


def most_frequent(store_path: str, pick: str = "most") -> dict[str, str]:
    """The force most documents are about and the person most often quoted (``pick="most"``: the
    worst case), or the ones at the median of those counts (``pick="median"``: a typical entity)."""
    from inspectkg.store.embedded import Store

    store = Store(store_path, read_only=True)
    out = {}
    q_force = f"""SELECT ?f (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?d <{IK}about> ?f . ?d a <{IK}Document> }} }}
                  GROUP BY ?f ORDER BY DESC(?n) ?f"""
    q_person = f"""SELECT ?p (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?c <{IK}speaker> ?p }}
                   GRAPH <{IKD}graph/entities> {{ ?p a <{IK}Person> }} }} GROUP BY ?p ORDER BY DESC(?n) ?p"""
    for key, q in (("force", q_force), ("person", q_person)):
        ranked = [sol[0].value for sol in store.query(q)]
        if ranked:
            out[key] = ranked[0] if pick == "most" else ranked[len(ranked) // 2]
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
        from inspectkg.sparql import queries
        from inspectkg.store.embedded import Store

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


class RdflibPool:
    """The parent's side of :mod:`benchmarks.rdflib_pool`: load once, one JSON line per query."""

    def __init__(self, nquads: str, load_timeout: float):
        self.proc = subprocess.Popen([sys.executable, "-m", "benchmarks.rdflib_pool", nquads],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self._readline(load_timeout)
        if line is None:
            self.close()
            raise TimeoutError(f"rdflib: loading {nquads} took more than {load_timeout:.0f} s")
        self.loaded = json.loads(line)

    def _readline(self, timeout: float):
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"rdflib worker died (exit {self.proc.wait()})")
        return line

    def time(self, sparql: str, reps: int, timeout: float) -> dict:
        self.proc.stdin.write(json.dumps({"sparql": sparql, "reps": reps, "timeout": timeout}) + "\n")
        self.proc.stdin.flush()
        # the pool kills its own child at the timeout; this only guards against a hung pool
        line = self._readline(timeout * reps + 60)
        return {"error": "no answer from the rdflib pool"} if line is None else json.loads(line)

    def close(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def dump_nquads(store_path: str, out: str) -> None:
    import pyoxigraph

    pyoxigraph.Store.read_only(store_path).dump(output=out, format=pyoxigraph.RdfFormat.N_QUADS)


def prepared_text(store_path, name, given):
    from inspectkg.sparql import queries
    from inspectkg.store.embedded import Store

    store = Store(store_path, read_only=True)
    try:
        return queries.prepare(queries.load_all()[name], given, store)
    finally:
        store.close()


def rdflib_cells(answer: dict, ox_median_s, timeout: float) -> tuple[str, str, str]:
    """(rdflib ms, ratio, note) for one answer of the pool."""
    if "error" in answer:
        return "–", "–", f"rdflib: {answer['error']}"
    times = answer.get("times") or []
    if "timeout" in answer and not times:
        ratio = f">{timeout / ox_median_s:,.0f}×" if ox_median_s else "–"
        return f"> {timeout * 1000:,.0f}", ratio, f"rdflib killed after {timeout:.0f} s"
    med = statistics.median(times)
    ratio = f"{med / ox_median_s:,.1f}×" if ox_median_s else "–"
    note = f"rdflib killed after {len(times)} runs" if "timeout" in answer else ""
    return f"{med * 1000:,.1f}", ratio, note


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--only", nargs="*", help="saved-query names")
    ap.add_argument("--scope", choices=["one entity", "whole graph"])
    ap.add_argument("--force")
    ap.add_argument("--person")
    ap.add_argument("--pick", choices=["most", "median"], default="most",
                    help="bind the most frequent force/person (worst case, default) or the median one (typical)")
    ap.add_argument("--rdflib", action="store_true",
                    help="also time each variant on rdflib's Dataset(default_union=True) and print the ratio")
    ap.add_argument("--nquads", help="the store's N-Quads export for --rdflib (default: dumped to a temporary file)")
    ap.add_argument("--rdflib-load-timeout", type=float, default=1800)
    args = ap.parse_args(argv)

    from inspectkg.sparql import queries

    picks = most_frequent(args.store, args.pick)
    if args.force:
        picks["force"] = args.force
    if args.person:
        picks["person"] = args.person
    saved_all = queries.load_all()
    if args.only:
        saved_all = {k: v for k, v in saved_all.items() if k in args.only}
    print(f"store {args.store}; force={picks.get('force')}, person={picks.get('person')}; "
          f"median of {args.reps}\n")
    chosen = [(name, scope, given) for name, scope, given in variants(saved_all, picks)
              if not args.scope or scope == args.scope]
    results = []
    for name, scope, given in chosen:
        label = name + (" (" + ", ".join(f"{k}={v.rsplit('/', 1)[-1]}" for k, v in given.items()) + ")"
                        if given else "")
        times, rows, note = measure(args.store, name, given, args.reps, args.timeout)
        results.append((label, scope, times, rows, note))
        if not args.rdflib:
            if len(results) == 1:
                print("| query | scope | rows | median ms | min ms | note |")
                print("|---|---|---|---|---|---|")
            if times:
                med, low = statistics.median(times) * 1000, min(times) * 1000
                print(f"| {label} | {scope} | {rows} | {med:,.1f} | {low:,.1f} | {note} |", flush=True)
            else:
                print(f"| {label} | {scope} | – | – | – | {note} |", flush=True)
    if args.rdflib:
        print_with_rdflib(args, chosen, results)


def print_with_rdflib(args, chosen, results):
    tmp = None
    nquads = args.nquads
    if not nquads:
        tmp = tempfile.NamedTemporaryFile(prefix="query-times-", suffix=".nq", delete=False)
        tmp.close()
        nquads = tmp.name
        dump_nquads(args.store, nquads)
    pool = None
    try:
        t = time.perf_counter()
        try:
            pool = RdflibPool(nquads, args.rdflib_load_timeout)
            print(f"rdflib: {pool.loaded['quads']:,} quads loaded in {pool.loaded['loaded_s']:.0f} s, "
                  f"{pool.loaded['rss_kb'] / 1024:,.0f} MB RSS; each run killed after {args.timeout:.0f} s\n")
        except (TimeoutError, RuntimeError) as exc:
            print(f"rdflib not run: {exc} ({time.perf_counter() - t:.0f} s)\n")
        print("| query | scope | rows | median ms | min ms | rdflib ms | rdflib / oxigraph | note |")
        print("|---|---|---|---|---|---|---|---|")
        for (name, scope, given), (label, _, times, rows, note) in zip(chosen, results):
            med = statistics.median(times) if times else None
            r_ms, ratio, r_note = "–", "–", ""
            if pool is not None:
                answer = pool.time(prepared_text(args.store, name, given), args.reps, args.timeout)
                r_ms, ratio, r_note = rdflib_cells(answer, med, args.timeout)
                if answer.get("rows") is not None and rows is not None and answer["rows"] != rows:
                    r_note = (r_note + "; " if r_note else "") + f"rows differ: rdflib {answer['rows']}"
            notes = "; ".join(x for x in (note, r_note) if x)
            if times:
                print(f"| {label} | {scope} | {rows} | {med * 1000:,.1f} | {min(times) * 1000:,.1f} | {r_ms} | "
                      f"{ratio} | {notes} |", flush=True)
            else:
                print(f"| {label} | {scope} | – | – | – | {r_ms} | {ratio} | {notes} |", flush=True)
    finally:
        if pool is not None:
            pool.close()
        if tmp is not None:
            os.unlink(tmp.name)


if __name__ == "__main__":
    main()
