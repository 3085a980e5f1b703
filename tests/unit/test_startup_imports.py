"""A command that extracts nothing starts without loading spaCy (most of a rebuild with nothing to
extract was the import of the extractor's package): the CLI's modules import the extractor on first use."""

from __future__ import annotations

import subprocess
import sys


def test_the_cli_loads_without_spacy():
    probe = "import sys, inspectkg.cli.commands; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "False"
