"""Fixtures every test folder may use; hypothesis gets a CI profile with fewer, derandomised examples.

    fixture_store_dir   a closed on-disk store of the hand-made graph (support/sample_graph.py), per session
    store_copy          a writable copy of it, per test
    example_store_dir   a closed store of examples/corpus made by ``inspectkg build``, once per run
    memory_store        the hand-made graph in memory, per module
    oxigraph_server     a real ``oxigraph serve`` on a free loopback port (skipped when not installed)
    canary              an HTTP server on loopback that records every request it gets

Tests are in folders by what they test: unit/, extraction/ (and golden/),
property/, store/, server/ (the server and the web explorer), trials/ (kills,
bad inputs, load, install).  ``pytest -m "not slow"`` leaves out the long
trials, which tests/slow.csv lists (a test, a parameter set, a file or a folder,
each with its reason); ``pytest`` runs everything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from inspectkg.store.embedded import Store
from support.once import once
from support.processes import OXIGRAPH, free_port, stop, wait_for
from support.slow import names, slow_rows
from support.sample_graph import build_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"

settings.register_profile(
    "ci", max_examples=60, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="module")
def canary():
    """A tiny HTTP server on another loopback port that records every request it gets."""
    hits: list[str] = []

    class Record(BaseHTTPRequestHandler):
        def _any(self):
            hits.append(f"{self.command} {self.path}")
            body = b'{"head": {"vars": ["s"]}, "results": {"bindings": [{}]}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_HEAD = _any

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Record)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def fixture_store_dir(tmp_path_factory) -> Path:
    """A closed on-disk store with the fixture documents; copy it before opening for writing."""
    path = tmp_path_factory.mktemp("kg") / "store"
    build_store(path).close()
    return path


def _build_examples(folder: Path) -> None:
    from typer.testing import CliRunner

    import inspectkg.cli.commands  # noqa: F401  registers the commands
    from inspectkg.cli import app

    result = CliRunner().invoke(app, ["build", str(EXAMPLES), "--store", str(folder / "kg")])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="session")
def example_store_dir(tmp_path_factory, worker_id) -> Path:
    """A closed store of examples/corpus made by ``inspectkg build``, once per run (xdist workers share it):
    read it, or copy it before opening it for writing."""
    return once(tmp_path_factory, worker_id, "examples", _build_examples) / "kg"


@pytest.fixture
def store_copy(fixture_store_dir, tmp_path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(fixture_store_dir, target)
    return target


@pytest.fixture(scope="module")
def memory_store() -> Store:
    return build_store()


@pytest.fixture
def oxigraph_server(tmp_path):
    """A real ``oxigraph serve`` on a free loopback port: yields its base URL."""
    if not OXIGRAPH.exists() and shutil.which("oxigraph") is None:
        pytest.skip("the oxigraph server binary is not installed")
    binary = str(OXIGRAPH) if OXIGRAPH.exists() else shutil.which("oxigraph")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "oxigraph"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/query?query=ASK%7B%7D", process=process)
        yield base
    finally:
        stop(process)


def pytest_collection_modifyitems(config, items):
    """Mark ``server`` a test that starts ``oxigraph serve``; mark ``slow`` what slow.csv names."""
    slow = slow_rows()
    root = Path(__file__).parent
    for item in items:
        if "oxigraph_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.server)
        path, _, name = item.nodeid.partition("::")
        relative = Path(config.rootpath, path).relative_to(root).as_posix()
        if names(f"{relative}::{name}") & slow.keys():
            item.add_marker(pytest.mark.slow)
