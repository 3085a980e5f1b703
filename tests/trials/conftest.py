"""Trials: builds killed at random moments, every bad input, load, a clean install, the benchmark smoke.

Every test here is marked ``slow``: ``pytest -m "not slow"`` leaves them out,
``pytest`` (and ``bash scripts/test.sh``) runs them.  Put a new trial here
when it runs processes for seconds each; a quick check belongs in another folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker(pytest.mark.slow)
