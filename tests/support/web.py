"""A built example corpus served by the real server (``create_app`` + ``make_server``), for the web tests.

The corpus is ``examples/`` plus one hostile document whose title and text
carry markup, so every page is also an escaping test.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVIL_NAME = "zz-evil-markup.txt"
EVIL_TITLE = "Kent Police <script>alert(1)</script> & <b>bold</b> claims"
EVIL_TEXT = (
    EVIL_TITLE + "\n\n"
    "Chief Constable Alan Pughsley said \"<img src=x onerror=alert(2)> is not a crime\" on Tuesday. "
    "HMICFRS rated Kent Police good at investigating crime.\n"
)


def build_corpus(tmp: Path) -> Path:
    """Build the examples (plus the hostile document) into a store; returns the store path."""
    corpus = tmp / "corpus"
    shutil.copytree(ROOT / "examples" / "corpus", corpus)
    (corpus / EVIL_NAME).write_text(EVIL_TEXT, encoding="utf-8")
    store = tmp / "kg"
    subprocess.run([sys.executable, "-m", "inspectkg", "build", str(corpus), "--store", str(store)],
                   check=True, capture_output=True, cwd=ROOT, timeout=300)
    return store


@contextmanager
def serving(store_path: Path):
    """The app over the store, on a free loopback port; yields the base URL."""
    from inspectkg.store.embedded import Store
    from inspectkg.server.app import create_app
    from inspectkg.server.http import running

    store = Store(store_path)
    try:
        with running(create_app(store)) as base:  # the same server as 'inspectkg serve'
            yield base
    finally:
        store.close()
