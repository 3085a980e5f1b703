"""``/id/force/<id>``: a force, leading with its grades (content in :mod:`inspectkg.web.research.force`)."""

from __future__ import annotations

from ..research import force as research
from ._research import ResearchPage, entity_reply


def _read(lookup, node):
    return research.read(lookup, node) if "PoliceForce" in {t.rsplit("#", 1)[-1] for t in lookup.types(node)} else None


FORCE = ResearchPage("force.html", _read)


def page(store, name: str, format: str | None = None, accept: str = ""):  # noqa: A002 - the query parameter
    return entity_reply(store, f"force/{name}", format, accept, FORCE)
