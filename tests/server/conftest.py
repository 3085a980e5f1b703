"""Fixtures of the server and web tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support.once import once
from support.web import build_corpus


@pytest.fixture(scope="session")
def web_store(tmp_path_factory, worker_id) -> Path:
    """The examples plus one hostile document (support/web.py), for the web and browser tests.

    Built once per run (the xdist workers share the build); each worker gets its own copy,
    since a served store is held open for writing.
    """
    copy = tmp_path_factory.mktemp("web") / "kg"
    shutil.copytree(once(tmp_path_factory, worker_id, "web", build_corpus) / "kg", copy)
    return copy
