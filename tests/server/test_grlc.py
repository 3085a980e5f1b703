"""grlc itself over our queries/ against ``inspectkg serve``: the same rows as ``inspectkg query``.

grlc (CLARIAH's REST API generator for .rq folders) runs in its own venv (it pins versions
of its own, e.g. requests, that differ from our constraints), from ``INSPECTKG_GRLC_PYTHON``
if set, else one made here with ``pip install grlc``: marked slow, so the full suite and CI
run it and ``-m "not slow"`` does not.  It reads our ``#+`` headers and finds the parameters
we name the BASIL way, required (``?_force_iri``) and optional (``?__since_xsd_date``), and
gets the rows ``inspectkg query`` gives with the same values.  An optional parameter that is
also an output column or sits in BOUND() (where grlc's text substitution would break the
query) keeps its plain name, and grlc cannot pass it.
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
GRLC = "grlc==1.3.11"  # the version this test was run with (its own pins differ from constraints.txt)
# grlc's venv (pip install grlc, from pip's cache: ~66 s wall, 20 s of CPU here), the served example
# store (~40 s) and grlc's run (~50 s): marked slow, so the quick run (-m "not slow") leaves it
# to the full suite and CI; the check of our headers runs everywhere
ALL = queries.load_all()
IRIS = {"force": "https://w3id.org/inspectkg/id/force/kent", "entity": "https://w3id.org/inspectkg/id/person/matthew-scott",
        "person": "https://w3id.org/inspectkg/id/person/matthew-scott"}

SCRIPT = """
import json, sys
from grlc.server import app
client = app.test_client()
spec = client.get("/api-local/swagger").get_json()
found = {path.strip("/"): sorted(p["name"] for p in ops["get"].get("parameters", []) if p["name"] != "endpoint")
         for path, ops in spec["paths"].items()}
answers = []
for name, args in json.loads(sys.argv[1]):
    response = client.get("/api-local/" + name, query_string=args, headers={"Accept": "text/csv"})
    answers.append([response.status_code, response.get_data(as_text=True)])
print(json.dumps({"found": found, "answers": answers}))
"""


@pytest.fixture(scope="module")
def grlc_python(tmp_path_factory) -> str:
    if GRLC_PYTHON:
        return GRLC_PYTHON
    venv = tmp_path_factory.mktemp("grlc") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    done = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", GRLC],
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


# grlc pastes a date as "2022-01-01"^^xsd:date, an IRI as <...>, a string as "..."
OPTIONAL = {"since": "2022-01-01", "force": IRIS["force"], "about": IRIS["force"], "person": IRIS["person"],
            "inspection": "https://w3id.org/inspectkg/id/inspection/kent/peel/2021-22", "kind": "cause_of_concern"}


def cases():
    """(name, parameters) for every query grlc can run as we do: its required parameters, then
    also its optional ones that are BASIL variables (grlc passes no other)."""
    for name, saved in sorted(ALL.items()):
        required = {p.name: IRIS[p.name] for p in saved.params.values() if p.required}
        yield name, required
        for p in saved.params.values():  # one optional parameter at a time
            if not p.required and p.variable.startswith("__"):
                yield name, {**required, p.name: OPTIONAL[p.name]}


def test_grlc_can_bind_every_required_parameter():
    """A required parameter grlc cannot see would run unbound there (inspections-of-force: every force)."""
    for name, saved in sorted(ALL.items()):
        assert all(p.variable.startswith("_") and not p.variable.startswith("__")
                   for p in saved.params.values() if p.required), name


def test_grlc_can_pass_the_optional_since_of_documents():
    """An optional parameter named the BASIL way (two underscores) is one grlc offers and pastes."""
    since = ALL["documents"].params["since"]
    assert since.variable == "__since_xsd_date" and not since.required and since.type == "date"
    assert "BOUND(?__since" not in ALL["documents"].text.replace(" ", "")


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.server
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
    assert any(name == "documents" and "since" in params for name, params in todo)
    for (name, params), (status, text) in zip(todo, result["answers"]):
        assert status == 200, (name, text[:500])
        ours = queries.run(ALL[name], params, kg)
        assert rows(text) == rows(ours.to_csv()), (name, params)
