"""The same suite against real servers: ``oxigraph serve`` and Debian's Virtuoso (on loopback).

push (credentials from the environment, a netrc file or the URL; never printed), every saved
query with --endpoint row for row and in the same order as the embedded store, export
--endpoint complete (blank nodes, and paged past Virtuoso's row cap, set low here).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from typer.testing import CliRunner

from inspectkg.cli import app
from inspectkg.cli import commands  # noqa: F401  (registers the commands)
from inspectkg.errors import QueryError
from inspectkg.sparql import queries
from inspectkg.remote.endpoint import Endpoint
from inspectkg.store.embedded import Store
from support.remote_servers import available, oxigraph, virtuoso

pytestmark = pytest.mark.server
ROOT = Path(__file__).resolve().parents[2]
INSPECTKG = str(Path(sys.executable).parent / "inspectkg")
ALL = queries.load_all()
PARAMS = {"force": "kent", "person": "Matthew Scott", "entity": "Matthew Scott", "in_organisation": "kent"}
MAX_ROWS = 1000  # Virtuoso's answer cap in these tests: below the example graph's 6,549 quads


@pytest.fixture(scope="module")
def example_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("examples") / "store"
    built = subprocess.run([str(Path(sys.executable).parent / "inspectkg"), "build", str(ROOT / "examples" / "corpus"),
                            "--store", str(store)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    return store


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(request, tmp_path_factory):
    if not available(request.param):
        pytest.skip(f"{request.param} is not installed (scripts/system-deps.sh installs it)")
    folder = tmp_path_factory.mktemp(request.param)
    with (virtuoso(folder, max_rows=MAX_ROWS) if request.param == "virtuoso" else oxigraph(folder)) as running:
        yield running


def env_for(server, **extra) -> dict[str, str]:
    env = {"INSPECTKG_USER": server.user, "INSPECTKG_PASSWORD": server.password} if server.user else {}
    return {**env, "NETRC": "/nonexistent", **extra}


class Done:
    def __init__(self, completed: subprocess.CompletedProcess):
        self.exit_code = completed.returncode
        self.output = completed.stdout + completed.stderr


def push_cli(server, store: Path, env: dict[str, str], store_url: str | None = None) -> Done:
    """The real command, so exit codes and messages are what a user sees."""
    args = [INSPECTKG, "push", "--endpoint", server.query_url, "--graph-store", store_url or server.store_url,
            "--store", str(store), "--timeout", "60"]
    clean = {k: v for k, v in os.environ.items() if not k.startswith("INSPECTKG_")}
    return Done(subprocess.run(args, capture_output=True, text=True, timeout=600, env={**clean, **env}))


@pytest.fixture(scope="module")
def pushed(server, example_store):
    done = push_cli(server, example_store, env_for(server))
    assert done.exit_code == 0, done.output
    if server.password:
        assert server.password not in done.output
    return server


def count(endpoint: Endpoint) -> int:
    (row,) = endpoint.select('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } '
                             'FILTER (STRSTARTS(STR(?g), "https://w3id.org/inspectkg/id/graph/")) }').rows
    return int(row[0])


def test_push_sends_every_quad(pushed, example_store):
    assert count(Endpoint(pushed.query_url)) == len(Store(example_store, read_only=True))


def cases():
    for name, saved in sorted(ALL.items()):
        required = {k: PARAMS[k] for k, p in saved.params.items() if p.required}
        yield name, required
        optional = {k: PARAMS.get(k, p.example) for k, p in saved.params.items() if not p.required}
        if optional:
            yield name, {**required, **optional}


@pytest.mark.parametrize("name, params", list(cases()), ids=lambda v: v if isinstance(v, str) else
                         ",".join(f"{k}={x}" for k, x in v.items()) or "-")
def test_saved_query_rows_equal_embedded_rows_in_order(pushed, example_store, name, params):
    local = queries.run(ALL[name], params, Store(example_store, read_only=True))
    remote = queries.run(ALL[name], params, Endpoint(pushed.query_url, timeout=60))
    assert remote.columns == local.columns
    assert remote.rows == local.rows


def test_the_engine_is_read_from_the_servers_header_and_gets_only_its_own_pragmas(pushed):
    endpoint = Endpoint(pushed.query_url, timeout=60)
    assert endpoint.engine == pushed.name  # "Virtuoso/07.20..." and "Oxigraph/0.4..."
    # oxigraph's planner starts from a parameters' block written first, Virtuoso's needs it last
    assert endpoint.values_last == (pushed.name == "virtuoso")
    bound = queries.prepare(ALL["ratings-over-time"], {"force": "kent"}, endpoint)
    where = bound.index("WHERE {")
    first = bound[where + len("WHERE {"):].lstrip().startswith("VALUES")
    assert first == (pushed.name == "oxigraph")
    saved = ALL["grade-changes"]
    assert "virtuoso" in saved.engine_pragmas
    text = queries.prepare(saved, {}, endpoint)
    pragmas = saved.engine_pragmas.get(pushed.name, ())
    assert text.startswith(tuple(pragmas)) if pragmas else text.startswith("#+ summary")
    assert text.startswith("DEFINE sql:") == (pushed.name == "virtuoso")


def test_cli_query_with_endpoint_equals_store(pushed, example_store):
    runner = CliRunner()
    args = ["query", "officials-and-roles", "--format", "json"]
    local = runner.invoke(app, [*args, "--store", str(example_store)])
    remote = runner.invoke(app, [*args, "--endpoint", pushed.query_url])
    assert remote.exit_code == 0, remote.output
    assert json.loads(remote.stdout) == json.loads(local.stdout)


def test_export_with_endpoint_is_complete(pushed, example_store, tmp_path):
    out = tmp_path / "all.nq"
    done = CliRunner().invoke(app, ["export", "--format", "nquads", "--endpoint", pushed.query_url,
                                    "--output", str(out)])
    assert done.exit_code == 0, done.output
    exported = list(pyoxigraph.parse(path=str(out), format=pyoxigraph.RdfFormat.N_QUADS))
    local = list(Store(example_store, read_only=True).quads())
    assert len(exported) == len(local) > MAX_ROWS

    def blank(q):
        return isinstance(q.subject, pyoxigraph.BlankNode) or isinstance(q.object, pyoxigraph.BlankNode)

    assert sum(map(blank, exported)) == sum(map(blank, local)) > 0
    assert {q for q in exported if not blank(q)} == {q for q in local if not blank(q)}


def test_a_capped_answer_is_an_error_never_a_short_table(pushed):
    if pushed.max_rows is None:
        pytest.skip("this server has no row cap")
    with pytest.raises(QueryError, match="row limit of 1000 rows"):
        Endpoint(pushed.query_url).select("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")


def test_wrong_password_is_exit_2_and_never_printed(pushed, example_store):
    if not pushed.user:
        pytest.skip("this server takes no credentials")
    wrong = "not-the-password-" + pushed.password
    done = push_cli(pushed, example_store, env_for(pushed, INSPECTKG_PASSWORD=wrong))
    assert done.exit_code == 2
    assert "401" in done.output and pushed.user in done.output
    assert wrong not in done.output and pushed.password not in done.output


def test_credentials_from_netrc_or_the_url(pushed, example_store, tmp_path):
    if not pushed.user:
        pytest.skip("this server takes no credentials")
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login {pushed.user} password {pushed.password}\n", encoding="utf-8")
    netrc.chmod(0o600)
    done = push_cli(pushed, example_store, {"NETRC": str(netrc)})
    assert done.exit_code == 0, done.output
    with_userinfo = pushed.store_url.replace("http://", f"http://{pushed.user}:{pushed.password}@")
    done = push_cli(pushed, example_store, {"NETRC": "/nonexistent"}, store_url=with_userinfo)
    assert done.exit_code == 0, done.output
    assert pushed.password not in done.output
    assert count(Endpoint(pushed.query_url)) == len(Store(example_store, read_only=True))  # replaced, not added


def test_sparql_with_endpoint_ask_and_blank_nodes(pushed):
    runner = CliRunner()
    asked = runner.invoke(app, ["sparql", "ASK { GRAPH ?g { ?s ?p ?o } }", "--endpoint", pushed.query_url])
    assert asked.exit_code == 0 and asked.stdout.strip() == "true", asked.output
    blank = runner.invoke(app, ["sparql", "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } FILTER (isBlank(?s)) } LIMIT 5",
                                "--endpoint", pushed.query_url, "--format", "csv"])
    assert blank.exit_code == 0, blank.output
    assert len(blank.stdout.splitlines()) == 6 and all(v.startswith("_:") for v in blank.stdout.splitlines()[1:])
