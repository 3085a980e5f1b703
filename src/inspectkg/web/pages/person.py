"""``/id/person/<name>``: roles over time and statements by inspection (content in :mod:`inspectkg.web.research.person`)."""

from __future__ import annotations

from ..research import person as research
from ._research import entity_reply


def _read(lookup, node):
    return research.read(lookup, node) if lookup.kind(node) == "person" else None


def page(store, name: str, format: str | None = None, accept: str = ""):  # noqa: A002 - the query parameter
    return entity_reply(store, f"person/{name}", format, accept, _read, "person.html")
