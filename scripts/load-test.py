#!/usr/bin/env python3
"""A bounded load test of ``inspectkg serve``: N loopback clients for S seconds, then a table.

    scripts/load-test.py --clients 4 --seconds 30                  # over the test fixture graph
    scripts/load-test.py --store kg/ --clients 8 --seconds 60      # over a built store
    scripts/load-test.py --url http://127.0.0.1:8000 --clients 4   # against a running server

Each client (a thread with its own ``http.client`` connection, kept alive) cycles through the
saved queries at ``/api/queries/<name>`` (with their example parameters) and through
``/sparql`` (the saved queries without parameters, and a count).  Every response must be a 200
with valid JSON, the expected columns and exactly the rows the warm-up request got, or it counts
as an error.  Only loopback servers are accepted; the run ends after ``--seconds`` or
``--max-requests`` per client, whichever comes first.  Exit status 1 if there was any error.
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import json
import socket
import sys
import tempfile
import threading
import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Case:
    name: str
    target: str  # path and query string
    columns: tuple[str, ...]


@dataclass
class Result:
    case: str
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def cases() -> list[Case]:
    """Every saved query through the REST API, and the parameterless ones through /sparql."""
    from inspectkg.sparql import queries
    from inspectkg.sparql.text import projection

    out = []
    for name, saved in sorted(queries.load_all().items()):
        required = {k: p.example for k, p in saved.params.items() if p.required}
        every = {k: p.example for k, p in saved.params.items() if p.example is not None}
        for params in ({**required}, every) if every != required else (required,):
            qs = urllib.parse.urlencode(params)
            out.append(Case(f"api {name}" + (" (all params)" if params is every and every != required else ""),
                            f"/api/queries/{name}" + (f"?{qs}" if qs else ""), tuple(saved.returns)))
        if not required:
            columns = projection(saved.text)
            out.append(Case(f"sparql {name}", "/sparql?query=" + urllib.parse.quote(saved.text),
                            tuple(columns or saved.returns)))
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    out.append(Case("sparql count", "/sparql?query=" + urllib.parse.quote(count), ("n",)))
    return out


def rows_of(case: Case, body: bytes) -> list:
    """The rows of a complete answer, or ValueError if it is not one."""
    data = json.loads(body)
    if case.target.startswith("/api/"):
        if tuple(data["columns"]) != case.columns:
            raise ValueError(f"columns {data['columns']} != {list(case.columns)}")
        rows = data["rows"]
        if any(set(row) - set(case.columns) for row in rows):
            raise ValueError("a row has a column that is not in the header")
        return rows
    if tuple(data["head"]["vars"]) != case.columns:
        raise ValueError(f"vars {data['head']['vars']} != {list(case.columns)}")
    return data["results"]["bindings"]


def check_loopback(url: str) -> tuple[str, int]:
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, parts.port or 80)}
    except OSError as exc:
        raise SystemExit(f"cannot resolve {host}: {exc}") from None
    if not all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses):
        raise SystemExit(f"{url}: only loopback servers may be load-tested with this script")
    return host, parts.port or 80


def run(url: str, clients: int, seconds: float, max_requests: int = 100000,
        timeout: float = 30.0, selected: list[Case] | None = None) -> dict:
    """Warm up (one request per case, sequential), then the load; returns the figures."""
    host, port = check_loopback(url)
    todo = selected if selected is not None else cases()
    expected: dict[str, list] = {}
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    for case in todo:
        conn.request("GET", case.target, headers={"Accept": "application/json"})
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"warm-up: {case.name} answered {response.status}: {body[:300]!r}")
        expected[case.name] = rows_of(case, body)
    conn.close()

    results = {case.name: Result(case.name) for case in todo}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(index: int) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        local = {case.name: Result(case.name) for case in todo}
        for n in range(max_requests):
            if time.monotonic() >= deadline:
                break
            case = todo[(index + n) % len(todo)]
            started = time.monotonic()
            try:
                conn.request("GET", case.target, headers={"Accept": "application/json"})
                response = conn.getresponse()
                body = response.read()
                took = time.monotonic() - started
                if response.status != 200:
                    raise ValueError(f"status {response.status}: {body[:200]!r}")
                if rows_of(case, body) != expected[case.name]:
                    raise ValueError("rows differ from the warm-up answer")
                local[case.name].latencies.append(took)
            except (OSError, ValueError, KeyError, http.client.HTTPException) as exc:
                local[case.name].errors.append(f"{type(exc).__name__}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=timeout)
        conn.close()
        with lock:
            for name, part in local.items():
                results[name].latencies += part.latencies
                results[name].errors += part.errors

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + timeout + 10)
    elapsed = time.monotonic() - started
    everything = sorted(x for r in results.values() for x in r.latencies)
    errors = [e for r in results.values() for e in r.errors]
    return {"clients": clients, "seconds": round(elapsed, 2), "requests": len(everything) + len(errors),
            "ok": len(everything), "errors": len(errors), "error_samples": errors[:5],
            "rps": round((len(everything) + len(errors)) / elapsed, 1) if elapsed else 0.0,
            **{f"p{p}_ms": percentile(everything, p) for p in (50, 95, 99)},
            "max_ms": round(everything[-1] * 1000, 1) if everything else None,
            "by_case": {name: {"n": len(r.latencies), "errors": len(r.errors),
                               "p50_ms": percentile(sorted(r.latencies), 50),
                               "p95_ms": percentile(sorted(r.latencies), 95)}
                        for name, r in results.items()},
            "finished": not any(t.is_alive() for t in threads)}


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    k = min(len(values) - 1, max(0, round(p / 100 * len(values) + 0.5) - 1))
    return round(values[k] * 1000, 1)


def table(figures: dict) -> str:
    lines = [f"{'case':44} {'n':>6} {'err':>4} {'p50 ms':>8} {'p95 ms':>8}"]
    for name, row in figures["by_case"].items():
        lines.append(f"{name:44} {row['n']:>6} {row['errors']:>4} {row['p50_ms'] or '-':>8} {row['p95_ms'] or '-':>8}")
    lines.append("")
    lines.append(f"{figures['clients']} clients, {figures['seconds']} s: {figures['requests']} requests, "
                 f"{figures['rps']} requests/s, p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, "
                 f"p99 {figures['p99_ms']} ms, max {figures['max_ms']} ms, errors {figures['errors']}")
    for sample in figures["error_samples"]:
        lines.append(f"  error: {sample}")
    return "\n".join(lines)


@contextmanager
def local_server(store_path: Path | None, workers: int, timeout: float):
    """``inspectkg serve`` in this process on a free loopback port (the fixture graph if no store)."""
    from inspectkg.store.embedded import Store
    from inspectkg.server import Settings, create_app, running

    with tempfile.TemporaryDirectory(prefix="inspectkg-load-") as tmp:
        if store_path is None:
            sys.path.insert(0, str(ROOT / "tests"))
            from fixtures_graph import build_store

            store = build_store(Path(tmp) / "store")
        else:
            store = Store(store_path)
        try:
            with running(create_app(store, Settings(timeout=timeout, workers=workers))) as base:
                yield base
        finally:
            store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--max-requests", type=int, default=100000, help="per client")
    parser.add_argument("--url", help="a running server on a loopback address")
    parser.add_argument("--store", type=Path, help="serve this store in-process (default: the test fixture graph)")
    parser.add_argument("--workers", type=int, default=2, help="query workers of the in-process server")
    parser.add_argument("--timeout", type=float, default=10.0, help="query time limit of the in-process server")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 256 or not 0 < args.seconds <= 3600:
        parser.error("--clients 1..256 and --seconds up to 3600")
    if args.url:
        figures = run(args.url, args.clients, args.seconds, args.max_requests)
    else:
        with local_server(args.store, args.workers, args.timeout) as url:
            figures = run(url, args.clients, args.seconds, args.max_requests)
    print(table(figures))
    if args.json:
        print(json.dumps(figures, indent=2))
    return 1 if figures["errors"] or not figures["finished"] else 0


if __name__ == "__main__":
    sys.exit(main())
