"""``inspectkg draw`` on a store built from the example corpus: accountability writes
one page per inspection into a folder, or the one inspection --focus names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import inspectkg.cli.commands  # noqa: F401  registers the commands
from inspectkg.cli import app
from inspectkg.errors import UsageError

runner = CliRunner()


@pytest.fixture(scope="module")
def store(example_store_dir, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("draw") / "kg"
    shutil.copytree(example_store_dir, path)
    return path


def test_accountability_writes_one_file_per_inspection_of_a_force(store, tmp_path):
    out = tmp_path / "pages"
    result = runner.invoke(app, ["draw", "accountability", "--focus", "kent", "--output", str(out),
                                 "--format", "svg", "--store", str(store)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert "kent-peel-2021-22.svg" in names and len(names) >= 3
    assert result.output.count("wrote ") == len(names)


def test_accountability_of_one_inspection_to_one_file(store, tmp_path):
    out = tmp_path / "one.png"
    result = runner.invoke(app, ["draw", "accountability", "--focus", "inspection/kent/peel/2021-22",
                                 "--output", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    from PIL import Image

    from inspectkg.draw.render import DPI

    width, height = Image.open(out).size
    assert (width, height) <= (round(595 * DPI / 72), round(842 * DPI / 72)) and height <= round(842 * DPI / 72)


def test_accountability_to_one_file_needs_one_inspection(store, tmp_path):
    result = runner.invoke(app, ["draw", "accountability", "--output", str(tmp_path / "all.png"),
                                 "--store", str(store)])
    assert isinstance(result.exception, UsageError) or result.exit_code == 2
    message = str(result.exception) if result.exception else result.stderr
    assert "shows one inspection" in message and "inspection/kent/peel/2021-22" in message
