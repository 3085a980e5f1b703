"""grlc itself over our queries/ against ``inspectkg serve``: the same rows as ``inspectkg query``.

grlc (CLARIAH's REST API generator for .rq folders) runs in its own venv, from
``INSPECTKG_GRLC_PYTHON`` if set, else one made here with ``pip install grlc`` (slow:
scripts/test-long.sh runs it with INSPECTKG_SLOW=1).  It reads our ``#+`` headers and
finds the parameters we name the BASIL way (``?_force_iri``); a query whose parameter
appears where grlc's text substitution would break the query (a projected or BOUND()
variable) keeps its plain name, and grlc runs it unbound, as ``inspectkg query``
does without that parameter.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support.processes import free_port, stop, wait_for
from inspectkg.sparql import queries
from inspectkg.store.embedded import Store

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
GRLC_PYTHON = os.environ.get("INSPECTKG_GRLC_PYTHON")
SLOW = os.environ.get("INSPECTKG_SLOW") == "1"
# grlc in a fresh venv plus a served store took 397 s of set-up on the shared machine: too long
# for the normal suite, so scripts/test-long.sh runs that test; the header check runs everywhere
ALL = queries.load_all()
IRIS = {"force": "https://w3id.org/inspectkg/id/force/kent",
        "person": "https://w3id.org/inspectkg/id/person/matthew-scott"}

SCRIPT = """
import json, sys
from grlc.server import app
client = app.test_client()
spec = client.get("/api-local/swagger").get_json()
found = {path.strip("/"): sorted(p["name"] for p in ops["get"].get("parameters", []) if p["name"] != "endpoint")
         for path, ops in spec["paths"].items()}
answers = {}
for name, args in json.loads(sys.argv[1]):
    response = client.get("/api-local/" + name, query_string=args, headers={"Accept": "text/csv"})
    answers[name] = [response.status_code, response.get_data(as_text=True)]
print(json.dumps({"found": found, "answers": answers}))
"""


@pytest.fixture(scope="module")
def grlc_python(tmp_path_factory) -> str:
    if GRLC_PYTHON:
        return GRLC_PYTHON
    venv = tmp_path_factory.mktemp("grlc") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    done = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "grlc"],
                          capture_output=True, text=True, timeout=1200)
    if done.returncode != 0:
        pytest.fail(f"pip install grlc failed: {done.stderr[-2000:]}")
    return str(venv / "bin" / "python")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    store = tmp_path_factory.mktemp("examples") / "store"
    built = subprocess.run([str(BIN / "inspectkg"), "build", str(ROOT / "examples" / "corpus"), "--store", str(store)],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    port = free_port()
    process = subprocess.Popen([str(BIN / "inspectkg"), "serve", "--store", str(store), "--port", str(port), "--quiet"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(f"http://127.0.0.1:{port}/api/queries", seconds=120, process=process)
        yield store, f"http://127.0.0.1:{port}/sparql"
    finally:
        stop(process)


def cases():
    """(name, parameters) for every query grlc can run as we do."""
    for name, saved in sorted(ALL.items()):
        required = [p for p in saved.params.values() if p.required]
        if not required:
            yield name, {}
        elif all(p.variable.startswith("_") for p in required):
            yield name, {p.name: IRIS[p.name] for p in required}


# about-entity keeps its plain ?entity: as the BASIL ?_entity_iri, used but not projected by its
# sub-selects, the embedded engine joined every span of every graph first (262 s instead of ~2 s
# at 10,000 documents), so grlc still runs it unbound
NOT_FOR_GRLC = {"about-entity"}


def test_grlc_can_bind_every_required_parameter():
    """A required parameter grlc cannot see would run unbound there (inspections-of-force: every force)."""
    for name, saved in sorted(ALL.items()):
        if name in NOT_FOR_GRLC:
            continue
        assert all(p.variable.startswith("_") and not p.variable.startswith("__")
                   for p in saved.params.values() if p.required), name


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.server
@pytest.mark.skipif(not (SLOW or GRLC_PYTHON), reason="slow: scripts/test-long.sh runs it")
def test_grlc_runs_our_queries_with_the_rows_of_inspectkg_query(grlc_python, served, tmp_path):
    store, endpoint = served
    (tmp_path / "config.ini").write_text(
        f"[defaults]\nsparql_endpoint = {endpoint}\n[local]\nlocal_sparql_dir = {ROOT / 'queries'}\n", encoding="utf-8")
    todo = list(cases())
    done = subprocess.run([grlc_python, "-c", SCRIPT, json.dumps(todo)], cwd=tmp_path, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    for name, saved in ALL.items():  # grlc finds exactly our BASIL-named parameters
        assert result["found"][name] == sorted(p.name for p in saved.params.values() if p.variable.startswith("_"))
    assert len(todo) >= 13
    kg = Store(store, read_only=True)
    for name, params in todo:
        status, text = result["answers"][name]
        assert status == 200, (name, text[:500])
        ours = queries.run(ALL[name], params, kg)
        assert rows(text) == rows(ours.to_csv()), name
