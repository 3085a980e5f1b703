"""Fixtures of the server and web tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.web import build_corpus


@pytest.fixture(scope="session")
def web_store(tmp_path_factory) -> Path:
    """The examples plus one hostile document (support/web.py), built once for the web and browser tests."""
    return build_corpus(tmp_path_factory.mktemp("web"))
