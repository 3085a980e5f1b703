"""tests/slow.csv: what ``pytest -m "not slow"`` leaves out, each row with its reason.

A row's ``test`` is relative to tests/ and names a folder (``trials/``), a file
(``server/test_browser.py``), a test (``store/test_scale.py::test_the_cli_shards_and_loads``)
or one of its parameter sets (``...[command1]``).  tests/conftest.py marks ``slow``
every collected test that a row names.
"""

from __future__ import annotations

import csv
from pathlib import Path, PurePosixPath

import pytest

SLOW = Path(__file__).resolve().parents[1] / "slow.csv"


def slow_rows() -> dict[str, str]:
    """The rows of slow.csv, test to reason; a UsageError for a row without a reason."""
    with SLOW.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    unexplained = [row["test"] for row in rows if not (row.get("reason") or "").strip()]
    if unexplained:
        raise pytest.UsageError(f"{SLOW}: give a reason for {', '.join(unexplained)}")
    return {row["test"]: row["reason"] for row in rows}


def names(test_id: str) -> set[str]:
    """What a row may name to mark this test: the test (with or without its parameters), its file,
    or a folder holding it; ``test_id`` is relative to tests/."""
    path, _, name = test_id.partition("::")
    found = {test_id, f"{path}::{name.split('[', 1)[0]}", path}
    found.update(f"{folder.as_posix()}/" for folder in PurePosixPath(path).parents if folder.name)
    return found
