"""A killable process that loads one engine once and times queries sent on stdin.

    python -m benchmarks.query_worker oxigraph STORE_DIR
    python -m benchmarks.query_worker rdflib EXPORT.nq

First line out: ``{"loaded_s": ..., "quads": ..., "rss_kb": ...}``.  Then, per
JSON line in (``{"sparql", "bindings", "reps"}``), one JSON line out:
``{"times": [...], "rows": n}`` or ``{"error": "..."}``.  Neither pyoxigraph
nor rdflib can cancel a query, so the parent kills this process on a timeout.
"""

from __future__ import annotations

import json
import sys
import time

from .measure import rss_self_kb


def _oxigraph(location: str):
    import pyoxigraph as ox

    store = ox.Store.read_only(location)

    def run(sparql: str, bindings: dict) -> int:
        subs = {ox.Variable(k): (ox.NamedNode(v["iri"]) if "iri" in v else ox.Literal(v["literal"]))
                for k, v in bindings.items()}
        result = store.query(sparql, use_default_graph_as_union=True, substitutions=subs or None)
        if isinstance(result, ox.QueryBoolean):
            return int(bool(result))
        return sum(1 for _ in result)

    return run, len(store)


def _rdflib(location: str):
    from rdflib import Dataset, Literal, URIRef, Variable

    dataset = Dataset(default_union=True)
    dataset.parse(location, format="nquads")

    def run(sparql: str, bindings: dict) -> int:
        init = {Variable(k): (URIRef(v["iri"]) if "iri" in v else Literal(v["literal"])) for k, v in bindings.items()}
        result = dataset.query(sparql, initBindings=init)
        if result.type == "ASK":
            return int(bool(result.askAnswer))
        return sum(1 for _ in result)

    return run, sum(1 for _ in dataset.quads((None, None, None, None)))


def main() -> None:
    engine, location = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    run, quads = (_oxigraph if engine == "oxigraph" else _rdflib)(location)
    print(json.dumps({"loaded_s": time.perf_counter() - start, "quads": quads, "rss_kb": rss_self_kb()}),
          flush=True)
    for line in sys.stdin:
        job = json.loads(line)
        try:
            times, rows = [], 0
            for _ in range(job.get("reps", 1)):
                t = time.perf_counter()
                rows = run(job["sparql"], job.get("bindings") or {})
                times.append(time.perf_counter() - t)
            print(json.dumps({"times": times, "rows": rows}), flush=True)
        except Exception as exc:  # report and go on with the next query
            print(json.dumps({"error": f"{type(exc).__name__}: {str(exc)[:300]}"}), flush=True)


if __name__ == "__main__":
    main()
