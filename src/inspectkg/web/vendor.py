"""The browser libraries that ``scripts/frontend.sh`` copies into ``web/static/vendor/``.

They are installed from the committed ``package-lock.json``, never committed themselves,
and packed into the wheel; the pages that need them check here and, when they are
missing, say how to install them instead of loading scripts that are not there.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

YASGUI = ("yasgui.min.js", "yasgui.min.css")
CYTOSCAPE = ("cytoscape.min.js",)


def folder() -> Path:
    return Path(str(resources.files(__package__).joinpath("static", "vendor")))


def installed(names: tuple[str, ...], where: Path | None = None) -> bool:
    where = folder() if where is None else where
    return all((where / name).is_file() for name in names)
