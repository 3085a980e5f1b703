"""Where the ontology, saved queries and data files are.

``ontology/`` and ``queries/`` sit at the top of the checkout and are copied into
the wheel as ``inspectkg/ontology`` and ``inspectkg/queries``; an editable
install keeps them outside the package, so the checkout is tried first.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT = PACKAGE_DIR.parent.parent  # src/inspectkg -> repository root


@cache
def _top_level(name: str) -> Path:
    for candidate in (_CHECKOUT / name, PACKAGE_DIR / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"inspectkg resource folder {name!r} is missing from the installation")


def ontology_dir() -> Path:
    return _top_level("ontology")


def queries_dir() -> Path:
    return _top_level("queries")


def data_dir() -> Path:
    """Reference data (gazetteers, vocabularies) shipped inside the package."""
    return PACKAGE_DIR / "data"


def patterns_dir() -> Path:
    return PACKAGE_DIR / "ingest" / "patterns"
