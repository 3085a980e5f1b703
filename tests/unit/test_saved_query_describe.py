"""A saved query describes itself; the command line lists it without the server's private helpers."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from typer.testing import CliRunner

import inspectkg.cli as cli_package
from inspectkg.cli import app
from inspectkg.cli import commands  # noqa: F401  (registers the commands)
from inspectkg.sparql import queries


def test_describe_gives_the_parameters_and_the_route():
    saved = queries.load_all()["ratings-over-time"]
    described = saved.describe()
    assert described["name"] == "ratings-over-time" and described["url"] == "/api/queries/ratings-over-time"
    assert described["params"]["force"] == {**saved.params["force"].describe()}
    assert described["params"]["force"]["required"] is True and described["params"]["force"]["kind"] == "force"
    assert described["returns"] == list(saved.returns)


def test_queries_json_lists_what_each_query_says_of_itself():
    result = CliRunner().invoke(app, ["queries", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [q.describe() for q in queries.load_all().values()]


def test_the_cli_imports_no_private_name_from_another_package():
    folder = Path(cli_package.__file__).parent
    private = []
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and not (node.level == 1 and node.module is None):
                outside = node.level > 1 or node.level == 0
                private += [f"{path.name}: {node.module}.{a.name}" for a in node.names
                            if outside and a.name.startswith("_") and a.name != "__version__"]
    assert private == []
