"""``/matrix?sort=<column>&order=desc``: the latest grade of every force by area, sortable on the server."""

from __future__ import annotations

from ..data import Lookup
from ..research import matrix


def grid(store, sort: str | None = None, order: str | None = None) -> matrix.Matrix:
    """The matrix sorted by a column id the page offers (anything else: by force)."""
    return matrix.read(Lookup(store), sort or "force", order == "desc")


def render(store, sort: str | None = None, order: str | None = None):
    return "matrix.html", {"grid": grid(store, sort, order), "active": "home"}
