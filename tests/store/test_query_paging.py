"""``inspectkg query --page/--per-page``: a saved query's rows a page at a time (grlc-style)."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from typer.testing import CliRunner

import inspectkg.cli.commands  # noqa: F401  registers the commands
from inspectkg.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def store(example_store_dir, tmp_path_factory):
    path = tmp_path_factory.mktemp("paging") / "kg"
    shutil.copytree(example_store_dir, path)
    return path


def rows(store, *options) -> tuple[list[list[str]], str]:
    result = runner.invoke(app, ["query", "documents", "--store", str(store), "--format", "csv", *options])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if not line.startswith("page ")]
    return list(csv.reader(io.StringIO("\n".join(lines))))[1:], result.output


def test_pages_together_are_the_whole_table_in_order(store):
    whole, _ = rows(store)
    assert len(whole) > 5
    pages = []
    for number in range(1, len(whole) // 4 + 2):
        page, output = rows(store, "--page", str(number), "--per-page", "4")
        assert len(page) <= 4
        pages.extend(page)
        assert ("next: --page" in output) == (len(pages) < len(whole))
    assert pages == whole


def test_per_page_alone_gives_the_first_page(store):
    whole, _ = rows(store)
    first, output = rows(store, "--per-page", "2")
    assert first == whole[:2] and "page 1, 2 rows a page; next: --page 2" in output


def test_a_page_must_be_positive(store):
    result = runner.invoke(app, ["query", "documents", "--store", str(store), "--page", "0"])
    assert result.exit_code == 2
