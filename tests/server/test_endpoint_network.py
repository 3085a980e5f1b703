"""Nothing the endpoint runs reaches the network (issue 12 item 6), whatever the text says.

A canary HTTP server on 127.0.0.1 records every request.  The query workers run
cut off from the network (``server/sandbox.py``), and a query the engine itself
reads as a remote call is refused when it tries to make it.  The fuzz test
sends grammar-built variants — every query form, SERVICE and LOAD spelt every
way, hidden behind strings, comments, escapes and ``<'>``-style confusions — by
every transport at a live ``inspectkg serve`` (updates with ``--allow-update``
and the token): the canary must hear nothing.
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import random
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pyoxigraph
import pytest

from support.processes import free_port, stop, wait_for
from inspectkg.store.embedded import Store
from inspectkg.server import Settings, create_app, running

INSPECTKG = Path(sys.executable).parent / "inspectkg"
TOKEN = "fuzz-token-1"
FORM = "application/x-www-form-urlencoded"




def send(base: str, method: str, target: str, body: bytes | None = None, headers: dict | None = None,
         conn: http.client.HTTPConnection | None = None) -> tuple[int, bytes]:
    own = conn is None
    if own:
        conn = http.client.HTTPConnection(*urllib.parse.urlsplit(base).netloc.split(":"), timeout=30)
    try:
        conn.request(method, target, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        if own:
            conn.close()


# --- the sandbox itself ------------------------------------------------------------------------------

def _try_connect(port: int, out) -> None:
    from inspectkg.server import sandbox

    held = sandbox.isolate("trap")
    try:
        socket.create_connection(("127.0.0.1", port), timeout=3).close()
        result = "connected"
    except OSError as exc:
        result = f"refused: {exc}"
    out.put((held, result, sandbox.attempts()))


def test_an_isolated_process_cannot_open_a_connection(canary):
    c, hits = canary
    hits.clear()
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    process = context.Process(target=_try_connect, args=(int(c.rsplit(":", 1)[1]), out))
    process.start()
    held, result, attempts = out.get(timeout=60)
    process.join(10)
    assert "seccomp" in held, held  # Linux on x86-64 / AArch64
    assert result.startswith("refused") and attempts >= 1, (result, attempts)
    assert hits == []


def test_an_unsupported_architecture_is_named():
    from inspectkg.server import sandbox

    assert sandbox._seccomp(sandbox._libc(), "mips", "trap", False) == "no seccomp filter for the mips architecture"


def test_a_pool_reports_its_isolation(fixture_store_dir, tmp_path):
    path = tmp_path / "store"
    shutil.copytree(fixture_store_dir, path)
    store = Store(path)
    app = create_app(store, Settings(workers=1))
    try:
        report = app.pool.isolation()
    finally:
        app.close()
        store.close()
    assert "seccomp" in report["isolation"], report  # and "namespace" where unshare is allowed (root)


# --- the reproductions of issue 12 item 6, in-process server ------------------------------------------

@pytest.fixture(scope="module")
def served(fixture_store_dir, tmp_path_factory):
    path = tmp_path_factory.mktemp("network") / "store"
    shutil.copytree(fixture_store_dir, path)
    store = Store(path)
    app = create_app(store, Settings(timeout=5, workers=2, allow_update=True, token=TOKEN))
    with running(app) as base:
        yield base, store
    store.close()


def confusions(c: str) -> list[str]:
    """Queries the text guard read differently from the engine: each reached the canary before."""
    return [
        f"SELECT * WHERE {{ FILTER(1<'>') SERVICE <{c}/x?a=b> {{ ?s ?p ?o }} #'\n}}",
        f"SELECT * WHERE {{ FILTER(1<'>') SERVICE SILENT <{c}/x> {{ ?s ?p ?o }} #'\n}}",
        f'ASK {{ FILTER(2<">") SERVICE <{c}/y> {{ ?s ?p ?o }} #"\n}}',
    ]


@pytest.mark.parametrize("n", range(3))
def test_the_engine_reading_refuses_what_the_text_guard_missed(served, canary, n):
    base, _ = served
    c, hits = canary
    hits.clear()
    query = confusions(c)[n]
    for method, target, body, headers in [
        ("GET", "/sparql?query=" + urllib.parse.quote(query), None, {}),
        ("POST", "/sparql", urllib.parse.urlencode({"query": query}).encode(), {"Content-Type": FORM}),
        ("POST", "/sparql", query.encode(), {"Content-Type": "application/sparql-query"}),
    ]:
        status, raw = send(base, method, target, body, headers)
        assert status == 400 and b"refused" in raw, (method, status, raw[:300])
    time.sleep(0.05)
    assert hits == []


def test_a_load_hidden_from_the_text_guard_is_refused(served, canary):
    base, store = served
    c, hits = canary
    hits.clear()
    before = len(store)
    update = (f"INSERT {{ GRAPH <urn:x> {{ ?x ?x ?x }} }} WHERE {{ BIND(<urn:a> AS ?x) FILTER(?x<'>') }} ; "
              f"LOAD <{c}/s.nt> INTO GRAPH <urn:x> #'")
    status, raw = send(base, "POST", "/sparql", update.encode(),
                       {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
    assert status == 400 and b"network" in raw, (status, raw[:300])
    time.sleep(0.05)
    assert hits == [] and len(store) == before


# --- the fuzz test against a live ``inspectkg serve`` ---------------------------------------------------

@pytest.fixture(scope="module")
def live(fixture_store_dir, tmp_path_factory):
    path = tmp_path_factory.mktemp("live") / "store"
    shutil.copytree(fixture_store_dir, path)
    port = free_port()
    process = subprocess.Popen([str(INSPECTKG), "serve", "--port", str(port), "--quiet", "--timeout", "5",
                                "--allow-update", "--token", TOKEN],
                               env={**os.environ, "INSPECTKG_STORE": str(path)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(f"http://127.0.0.1:{port}/api/queries", process=process)
        yield f"http://127.0.0.1:{port}", process
    finally:
        stop(process)


class Variants:
    """SPARQL built from the grammar's pieces, each variant aiming at the canary ``c``."""

    KEYWORD_CASES = [str.upper, str.lower, str.title, lambda w: "".join(
        ch.upper() if i % 2 else ch.lower() for i, ch in enumerate(w))]
    GAPS = [" ", "  ", "\n", "\t", "\r\n", " #'\n", " #\"\n", " #<'>\n", "#}\n", " # SERVICE\n", "\u000b "[1:]]
    DECOYS = [
        "FILTER(1<'>')", 'FILTER(1<">")', "FILTER(?x<'>')", "FILTER(1<2)", "BIND('>' AS ?d)",
        'BIND("#" AS ?d)', "BIND('''\n#'\n''' AS ?d)", 'BIND("""\n"#\n""" AS ?d)', "BIND('\\'' AS ?d)",
        'BIND("\\"" AS ?d)', "BIND(<urn:a\\u0023b> AS ?d)", "BIND(<http://e/'> AS ?d)", "FILTER(1 <'\\''> 0)",
        "VALUES ?d { '}' }", 'VALUES ?d { "<" }', "FILTER(STR(?d) < \"'\")", "BIND(1<'<' AS ?d)",
        "FILTER(?d<'>'||1)", "# }\n", "",
    ]
    TAILS = ["", " #'", ' #"', " #'\n", "\n#", " # }"]

    def __init__(self, c: str, seed: int):
        self.c = c
        self.rng = random.Random(seed)

    def pick(self, items):
        return self.rng.choice(items)

    def kw(self, word: str) -> str:
        return self.pick(self.KEYWORD_CASES)(word)

    def gap(self) -> str:
        return self.pick(self.GAPS)

    def target(self) -> tuple[str, str]:
        """(prologue, IRI or prefixed name or variable binding) naming a canary URL."""
        path = self.pick(["/sparql", "/x?a=b", "/s.nt", "/%27", "/a#frag"])
        form = self.rng.randrange(6)
        if form == 0:
            return "", f"<{self.c}{path}>"
        if form == 1:
            return f"{self.kw('PREFIX')} ex: <{self.c}/> ", f"ex:{path.strip('/').split('?')[0].split('#')[0] or 'x'}"
        if form == 2:
            return f"{self.kw('BASE')} <{self.c}/> ", f"<{path.lstrip('/')}>"
        if form == 3:
            escaped = self.c.replace("h", "\\u0068", 1)
            return "", f"<{escaped}{path}>"
        if form == 4:
            return "", f"<{self.c}{path}>"
        return "", "?svc"

    def service(self) -> tuple[str, str]:
        prologue, name = self.target()
        silent = f"{self.gap()}{self.kw('SILENT')}" if self.rng.random() < 0.4 else ""
        bind = f"BIND({name.replace('?svc', f'<{self.c}/v>')} AS ?svc) " if name == "?svc" else ""
        inner = self.pick(["?s ?p ?o", "?s ?p ?o . ?o ?q ?r", "", "SELECT * { ?s ?p ?o }"])
        return prologue, f"{bind}{self.kw('SERVICE')}{silent}{self.gap()}{name}{self.gap()}{{ {inner} }}"

    def pattern(self) -> tuple[str, str]:
        prologue, svc = self.service()
        decoy = self.pick(self.DECOYS)
        wrap = self.rng.randrange(5)
        if wrap == 1:
            svc = f"{self.kw('OPTIONAL')} {{ {svc} }}"
        elif wrap == 2:
            svc = f"{{ BIND(1 AS ?one) }} {self.kw('UNION')} {{ {svc} }}"
        elif wrap == 3:
            svc = f"{{ {self.kw('SELECT')} * {{ {svc} }} }}"
        elif wrap == 4:
            svc = f"{self.kw('MINUS')} {{ {svc} }}"
        return prologue, f"{decoy}{self.gap()}{svc}"

    def query(self) -> str:
        prologue, pattern = self.pattern()
        form = self.rng.randrange(5)
        where = self.kw("WHERE")
        head = [f"{self.kw('SELECT')} * {where}", f"{self.kw('ASK')}",
                f"{self.kw('CONSTRUCT')} {{ ?s ?p ?o }} {where}", f"{self.kw('DESCRIBE')} ?s {where}",
                f"{self.kw('SELECT')} (COUNT(*) AS ?n) {where}"][form]
        return f"{prologue}{head} {{ {pattern}{self.gap()}}}{self.pick(self.TAILS)}"

    def update(self) -> str:
        prologue, name = self.target()
        if name == "?svc":
            name = f"<{self.c}/s.nt>"
        decoy = self.pick(self.DECOYS)
        into = self.pick(["", f" {self.kw('INTO')} {self.kw('GRAPH')} <urn:x>"])
        silent = f" {self.kw('SILENT')}" if self.rng.random() < 0.4 else ""
        load = f"{self.kw('LOAD')}{silent}{self.gap()}{name}{into}"
        kind = self.rng.randrange(4)
        if kind == 0:
            return f"{prologue}{load}{self.pick(self.TAILS)}"
        if kind == 1:
            lead = f"INSERT {{ GRAPH <urn:x> {{ ?d ?d ?d }} }} WHERE {{ BIND(<urn:a> AS ?d) {decoy} }}"
            return f"{prologue}{lead} ;{self.gap()}{load}{self.pick(self.TAILS)}"
        _, svc = self.service()
        if kind == 2:
            return (f"{prologue}INSERT {{ GRAPH <urn:x> {{ ?s ?p ?o }} }} {self.kw('WHERE')} "
                    f"{{ {decoy}{self.gap()}{svc} }}{self.pick(self.TAILS)}")
        return (f"{prologue}DELETE {{ GRAPH <urn:x> {{ ?s ?p ?o }} }} {self.kw('WHERE')} "
                f"{{ {decoy}{self.gap()}{svc} }}{self.pick(self.TAILS)}")

    def requests(self, n: int):
        """(method, target, body, headers) for ``n`` variants, spread over every transport."""
        auth = {"Authorization": f"Bearer {TOKEN}"}
        for i in range(n):
            if i % 4 == 3:
                text = self.update()
                if self.rng.random() < 0.5:
                    yield "POST", "/sparql", urllib.parse.urlencode({"update": text}).encode(), {"Content-Type": FORM, **auth}
                else:
                    yield "POST", "/sparql", text.encode(), {"Content-Type": "application/sparql-update", **auth}
                continue
            text = self.query()
            transport = i % 3
            if transport == 0:
                yield "GET", "/sparql?query=" + urllib.parse.quote(text), None, {}
            elif transport == 1:
                yield "POST", "/sparql", urllib.parse.urlencode({"query": text}).encode(), {"Content-Type": FORM}
            else:
                yield "POST", "/sparql", text.encode(), {"Content-Type": "application/sparql-query"}


def reason(status: int, body: bytes) -> str:
    if b"reach the network" in body:
        return f"{status} engine"  # the engine tried, the sandbox refused
    if b"refused" in body or b"backslash" in body:
        return f"{status} guard"  # the text guard's message
    return f"{status} other"  # a syntax error, a 200 for a SERVICE the engine never had to call, ...


def fuzz(base: str, c: str, n: int, seed: int, clients: int = 4) -> dict[str, int]:
    """Send ``n`` variants from ``clients`` keep-alive connections; counts by status and who refused."""
    counts: dict[str, int] = {}
    lock = threading.Lock()
    work = list(Variants(c, seed).requests(n))
    failures: list[str] = []

    def client(part):
        conn = http.client.HTTPConnection(*urllib.parse.urlsplit(base).netloc.split(":"), timeout=30)
        try:
            for method, target, body, headers in part:
                try:
                    status, raw = send(base, method, target, body, headers, conn=conn)
                except (OSError, http.client.HTTPException) as exc:
                    failures.append(repr(exc))
                    conn.close()
                    conn = http.client.HTTPConnection(*urllib.parse.urlsplit(base).netloc.split(":"), timeout=30)
                    continue
                with lock:
                    key = reason(status, raw)
                    counts[key] = counts.get(key, 0) + 1
        finally:
            conn.close()

    threads = [threading.Thread(target=client, args=(work[i::clients],)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(900)
    assert len(failures) <= n // 100, failures[:5]
    return counts


def test_the_fuzz_variants_do_reach_an_unguarded_engine(canary):
    """Control: a sample of the variants, run by a bare pyoxigraph, calls the canary."""
    c, hits = canary
    hits.clear()
    variants = Variants(c, seed=7)
    for _ in range(40):
        try:
            result = pyoxigraph.Store().query(variants.query())
            if not isinstance(result, pyoxigraph.QueryBoolean):
                list(result)
        except (OSError, SyntaxError, RuntimeError, ValueError):
            pass
    print(f"\n{len(hits)} of 40 sampled variants reached the canary from a bare engine")
    assert len(hits) >= 10
    hits.clear()


def test_quick_fuzz_reaches_no_canary(live, canary):
    base, _ = live
    c, hits = canary
    hits.clear()
    counts = fuzz(base, c, 400, seed=1)
    time.sleep(0.2)
    print("\nstatus counts:", counts)
    assert hits == [], hits[:10]
    assert sum(counts.values()) >= 396
    assert send(base, "GET", "/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"))[0] == 200


def test_ten_thousand_fuzz_variants_reach_no_canary(live, canary):
    base, _ = live
    c, hits = canary
    hits.clear()
    started = time.monotonic()
    counts = fuzz(base, c, 10_000, seed=2)
    time.sleep(0.5)
    print(f"\n10,000 variants in {time.monotonic() - started:.1f} s; status counts: {counts}; canary hits: {len(hits)}")
    assert sum(counts.values()) >= 9_900
    assert hits == [], hits[:10]
