"""``/id/person/<name>``: roles over time and statements by inspection (content in :mod:`inspectkg.web.research.person`)."""

from __future__ import annotations

from ..data import Evidence
from ..provenance import snippets
from ..research import person as research
from ._research import ResearchPage, entity_reply


def _read(lookup, node):
    return research.read(lookup, node) if lookup.kind(node) == "person" else None


def _evidence(lookup, page) -> dict:
    """The sentences that state the person's roles, each with the words marked."""
    spans = sorted({s for office in page.offices for s in office.sources}, key=lambda s: (s.doc, s.start))
    return {"evidence": snippets(lookup, [Evidence("", s.doc, s.start, s.end) for s in spans])}


PERSON = ResearchPage("person.html", _read, _evidence)


def page(store, name: str, format: str | None = None, accept: str = ""):  # noqa: A002 - the query parameter
    return entity_reply(store, f"person/{name}", format, accept, PERSON)
