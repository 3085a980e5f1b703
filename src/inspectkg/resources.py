"""Where the ontology, saved queries and data files are: inside the installed package, nowhere else.

``ontology/`` and ``queries/`` sit at the top of the checkout.  In the checkout,
``src/inspectkg/ontology`` and ``src/inspectkg/queries`` are symbolic links to
them, so an editable install reads the live files through the package; a wheel
(or an sdist) carries real copies at the same place (``force-include`` in
pyproject.toml).  Either way the folder is found next to this module: never in
the working directory or a parent folder of the installation.

A user's own folder of saved queries is given explicitly (``--queries DIR``,
``inspectkg.open(..., queries=DIR)``), never looked up.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _packaged(name: str) -> Path:
    folder = PACKAGE_DIR / name
    if not folder.is_dir():
        raise FileNotFoundError(
            f"{folder}: the packaged folder {name!r} is missing from this installation of inspectkg; "
            "reinstall it (a checkout without symbolic links, as on some Windows set-ups, "
            "needs 'pip install .' rather than an editable install)")
    return folder


def ontology_dir() -> Path:
    return _packaged("ontology")


def queries_dir() -> Path:
    return _packaged("queries")


def data_dir() -> Path:
    """Reference data (gazetteers, vocabularies) shipped inside the package."""
    return PACKAGE_DIR / "data"


def patterns_dir() -> Path:
    return PACKAGE_DIR / "ingest" / "patterns"
