"""A bounded load test of the endpoint (~15 s): concurrent loopback clients, zero errors, whole answers.

The same code as ``scripts/load-test.py`` (use that for longer runs and a table): 4 threads, each
with its own keep-alive connection, cycle through every saved query at ``/api/queries/<name>`` and
the parameterless ones at ``/sparql`` for 12 s (at most 400 requests each).  Every answer must be a
200 with valid JSON, the declared columns and exactly the rows of the warm-up answer, and the
warm-up answers must equal the saved queries run in-process on the same data.
"""

from __future__ import annotations

import http.client
import importlib.util
import shutil
import sys
import threading
import urllib.parse
from pathlib import Path

import pytest

from inspectkg.sparql import queries
from inspectkg.store.embedded import Store
from inspectkg.server import Settings, create_app, make_server

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "load-test.py"


def load_script():
    if "load_test" not in sys.modules:
        spec = importlib.util.spec_from_file_location("load_test", SCRIPT)
        module = importlib.util.module_from_spec(spec)
        sys.modules["load_test"] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules["load_test"]


@pytest.fixture(scope="module")
def base(fixture_store_dir, tmp_path_factory):
    path = tmp_path_factory.mktemp("load") / "store"
    shutil.copytree(fixture_store_dir, path)
    store = Store(path)
    app = create_app(store, Settings(timeout=10, workers=2))
    server = make_server(app, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        app.close()
        store.close()


def test_the_answers_are_the_in_process_answers(base, fixture_store_dir):
    """The load test compares every answer with its warm-up answer; here the warm-up is checked."""
    script = load_script()
    local = Store(fixture_store_dir, read_only=True)
    conn = http.client.HTTPConnection(*script.check_loopback(base), timeout=30)
    checked = set()
    for case in script.cases():
        if not case.target.startswith("/api/queries/"):
            continue
        name, _, qs = case.target[len("/api/queries/"):].partition("?")
        expected = queries.run(queries.load_all()[name], dict(urllib.parse.parse_qsl(qs)), local).as_dicts()
        conn.request("GET", case.target)
        response = conn.getresponse()
        body = response.read()
        assert response.status == 200, (case.name, body[:300])
        assert script.rows_of(case, body) == expected, case.name
        checked.add(name)
    conn.close()
    assert checked == set(queries.load_all())


def test_concurrent_clients_get_whole_answers_and_no_errors(base):
    script = load_script()
    figures = script.run(base, clients=4, seconds=12, max_requests=400, timeout=30)
    print("\n" + script.table(figures))
    assert figures["finished"]  # every client thread ended within the bound
    assert figures["errors"] == 0, figures["error_samples"]
    assert figures["ok"] >= 2 * len(figures["by_case"]), figures["ok"]  # the server kept answering
    assert all(row["n"] >= 1 for row in figures["by_case"].values())
    assert figures["p99_ms"] < 5000
