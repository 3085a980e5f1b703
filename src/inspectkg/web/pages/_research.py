"""What the research pages share: the ``/id/<key>`` answer (HTML from our template, or the RDF)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# the main navigation item each page belongs to
NAV_ITEM = {"force.html": "forces", "person.html": "people", "inspection.html": "inspections"}


@dataclass(frozen=True)
class ResearchPage:
    """One kind of research page: its template, how its content is read, and what else the template gets.

    ``read(lookup, node)`` returns the page's dataclass, or None for a node of
    another kind, which gets the generic entity page; ``extra(lookup, page)`` adds to the context.
    """

    template: str
    read: Callable
    extra: Callable | None = None


def entity_reply(store, key: str, format: str | None, accept: str, kind: ResearchPage):  # noqa: A002
    """The page for ``/id/<key>``: RDF when Accept or ?format= ask for it, else ``kind``'s template."""
    from ..data import Lookup
    from ..rdf import rdf_reply, resolve
    from ..response import Reply
    from ..templating import render
    from . import entity

    node = resolve(store, key)
    rdf = rdf_reply(store, node, accept, format)
    if rdf is not None:
        return rdf
    lookup = Lookup(store)
    page = kind.read(lookup, node)
    if page is None:
        return entity.show(store, key, format, accept)
    more = kind.extra(lookup, page) if kind.extra else {}
    return Reply.html(render(kind.template, page=page, active=NAV_ITEM.get(kind.template, ""), **more),
                      Vary="Accept")
