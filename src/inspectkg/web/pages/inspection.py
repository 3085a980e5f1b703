"""``/id/inspection/<force>/<programme>/<period>``: one inspection (content in :mod:`inspectkg.web.research.inspection`)."""

from __future__ import annotations

from ..research import inspection as research
from ._research import ResearchPage, entity_reply


INSPECTION = ResearchPage("inspection.html", research.read)


def page(store, rest: str, format: str | None = None, accept: str = ""):  # noqa: A002 - the query parameter
    return entity_reply(store, f"inspection/{rest}", format, accept, INSPECTION)
