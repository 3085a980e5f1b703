"""Remote stores: push to a real ``oxigraph serve``, query it, compare with the embedded store."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from inspectkg.cli import app
from inspectkg.cli import commands  # noqa: F401  (registers the commands)
from inspectkg.errors import QueryError, StoreError
from inspectkg.sparql import queries
from inspectkg.remote.endpoint import Endpoint, graph_store_url, push
from inspectkg.store.embedded import Store

ALL = queries.load_all()


def examples(saved):
    return {name: p.example for name, p in saved.params.items()}


@pytest.fixture
def pushed(oxigraph_server, fixture_store_dir):
    store = Store(fixture_store_dir, read_only=True)
    report = push(store, f"{oxigraph_server}/store")
    return store, Endpoint(f"{oxigraph_server}/query", timeout=20), report


def count(endpoint: Endpoint) -> int:
    (row,) = endpoint.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    return int(row[0])


def test_push_sends_every_graph(pushed):
    store, endpoint, report = pushed
    assert report.triples == len(store) == count(endpoint)
    graphs = {row[0] for row in endpoint.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows}
    assert {g.value for g in store.raw.named_graphs()} == graphs


def test_push_twice_replaces(pushed, oxigraph_server):
    store, endpoint, _ = pushed
    push(store, f"{oxigraph_server}/store")
    assert count(endpoint) == len(store)


@pytest.mark.parametrize("name", sorted(ALL))
def test_remote_rows_equal_embedded_rows(pushed, name):
    store, endpoint, _ = pushed
    saved = ALL[name]
    local = queries.run(saved, examples(saved), store)
    remote = queries.run(saved, examples(saved), endpoint)
    assert remote.columns == local.columns
    assert remote.rows == local.rows
    assert local.rows


def test_entity_lookup_works_remotely(pushed):
    _, endpoint, _ = pushed
    table = queries.run(ALL["quotations-by-person"], {"person": "TOM RIDLEY"}, endpoint)
    assert len(table.rows) == 1


def test_cli_push_query_export_and_sparql_with_endpoint(oxigraph_server, fixture_store_dir):
    runner = CliRunner()
    pushed = runner.invoke(app, ["push", "--endpoint", f"{oxigraph_server}/query", "--store", str(fixture_store_dir)])
    assert pushed.exit_code == 0, pushed.output
    local = runner.invoke(app, ["query", "ratings-over-time", "--param", "force=Kent", "--format", "json",
                                "--store", str(fixture_store_dir)])
    remote = runner.invoke(app, ["query", "ratings-over-time", "--param", "force=Kent", "--format", "json",
                                 "--endpoint", f"{oxigraph_server}/query"])
    assert remote.exit_code == 0, remote.output
    assert json.loads(remote.stdout) == json.loads(local.stdout)
    exported = runner.invoke(app, ["export", "--format", "nquads", "--endpoint", f"{oxigraph_server}/query"])
    assert exported.exit_code == 0
    assert len(exported.stdout_bytes.splitlines()) == len(Store(fixture_store_dir, read_only=True))
    asked = runner.invoke(app, ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                                "--format", "csv", "--endpoint", f"{oxigraph_server}/query"])
    assert asked.exit_code == 0 and asked.stdout.split() == ["n", str(len(Store(fixture_store_dir, read_only=True)))]


def test_graph_store_url():
    assert graph_store_url("http://h:7878/query") == "http://h:7878/store"
    assert graph_store_url("http://h:8000/sparql/") == "http://h:8000/store"
    assert graph_store_url("http://h/ds/data") == "http://h/ds/data"


def test_unreachable_endpoint_is_a_clear_error(fixture_store_dir):
    from support.processes import free_port

    port = free_port()
    with pytest.raises(QueryError, match="cannot reach"):
        Endpoint(f"http://127.0.0.1:{port}/query", timeout=2).select("SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(StoreError, match="cannot reach"):
        push(Store(fixture_store_dir, read_only=True), f"http://127.0.0.1:{port}/store", timeout=2)


def test_bad_query_is_a_query_error(oxigraph_server):
    with pytest.raises(QueryError):
        Endpoint(f"{oxigraph_server}/query").select("SELECT ?s WHERE { ?s ?p }")


def test_push_to_an_unreachable_server_exits_2_with_a_sentence(fixture_store_dir):
    import subprocess
    import sys
    from pathlib import Path

    from support.processes import free_port

    url = f"http://someone:hunter2@127.0.0.1:{free_port()}/query"
    done = subprocess.run([str(Path(sys.executable).parent / "inspectkg"), "push", "--endpoint", url,
                           "--store", str(fixture_store_dir), "--timeout", "2"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "cannot reach the graph store" in done.stderr
    assert "hunter2" not in done.stderr + done.stdout


def test_push_answers_a_basic_challenge_with_credentials_from_the_environment(fixture_store_dir, monkeypatch):
    """A real HTTP server on loopback that asks for Basic authentication and keeps what is PUT."""
    import base64
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    received: list[tuple[str, int]] = []
    expected = "Basic " + base64.b64encode(b"loader:s3cret pass").decode()

    class Handler(BaseHTTPRequestHandler):
        def do_PUT(self):  # noqa: N802 - the http.server API
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.headers.get("Authorization") != expected:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="kg"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            received.append((self.path, len(body)))
            self.send_response(201)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/store"
    try:
        monkeypatch.setenv("INSPECTKG_USER", "loader")
        monkeypatch.setenv("INSPECTKG_PASSWORD", "s3cret pass")
        monkeypatch.setenv("NETRC", "/nonexistent")
        store = Store(fixture_store_dir, read_only=True)
        report = push(store, url, timeout=10)
        assert len(received) == report.graphs == len(list(store.raw.named_graphs()))
        monkeypatch.setenv("INSPECTKG_PASSWORD", "wrong")
        with pytest.raises(StoreError, match="401: the credentials of user 'loader' were refused") as info:
            push(store, url, timeout=10)
        assert info.value.exit_code == 2 and "wrong" not in str(info.value)
    finally:
        server.shutdown()


def test_a_partial_answer_sent_as_206_is_an_error_not_rows():
    """Virtuoso's "anytime" answer (HTTP 206: the rows found before its time limit) must not pass as the answer."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the http.server API
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            body = b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "literal", "value": "1"}}]}}'
            self.send_response(206)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("X-SQL-State", "S1TAT")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        endpoint = Endpoint(f"http://127.0.0.1:{server.server_address[1]}/sparql", timeout=10)
        with pytest.raises(QueryError, match="partial answer .*MaxQueryExecutionTime"):
            endpoint.select("SELECT ?s WHERE { ?s ?p ?o }")
    finally:
        server.shutdown()
