"""The CLI end to end on the example corpus, in-process with typer's runner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import inspectkg.cli.commands  # noqa: F401  registers the commands
from inspectkg.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"
runner = CliRunner()


@pytest.fixture(scope="module")
def store(example_store_dir, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "kg"
    shutil.copytree(example_store_dir, path)
    return path


def test_stats_counts_documents(store):
    result = runner.invoke(app, ["stats", "--store", str(store), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["documents"] == len([p for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".md", ".html"}])
    assert figures["quads"] > figures["reference quads"]


def test_export_turtle_to_file(store, tmp_path):
    out = tmp_path / "kg.ttl"
    result = runner.invoke(app, ["export", "--format", "turtle", "--output", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "@prefix ik:" in out.read_text(encoding="utf-8")


def test_sparql_counts_documents(store):
    query = "PREFIX ik: <https://w3id.org/inspectkg/ontology#> SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ik:Document }"
    result = runner.invoke(app, ["sparql", query, "--format", "csv", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == str(
        len([p for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".md", ".html"}])
    )


def test_bad_file_is_named_and_the_rest_is_built(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text("Kent Police was inspected.\n\nIt was rated good.", encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    store = tmp_path / "kg"
    result = runner.invoke(app, ["build", str(folder), "--store", str(store)])
    assert result.exit_code == 2
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr
    assert "1 added" in result.stderr and "2 failed" in result.stderr


def test_remove_unknown_source_is_a_usage_error(store):
    result = runner.invoke(app, ["remove", "no-such-file.txt", "--store", str(store)])
    assert result.exit_code == 2
    assert "no-such-file.txt" in result.stderr


def test_export_unknown_format_is_a_usage_error(store):
    from inspectkg.errors import UsageError

    result = runner.invoke(app, ["export", "--format", "rdfxml", "--store", str(store)])
    assert isinstance(result.exception, UsageError) or result.exit_code == 2
