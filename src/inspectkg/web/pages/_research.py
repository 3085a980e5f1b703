"""What the research pages share: the ``/id/<key>`` answer (HTML from our template, or the RDF)."""

from __future__ import annotations


# the main navigation item each page belongs to
NAV_ITEM = {"force.html": "forces", "person.html": "people", "inspection.html": "inspections"}


def entity_reply(store, key: str, format: str | None, accept: str, read, template: str, extra=None):  # noqa: A002
    """The page for ``/id/<key>``: RDF when Accept or ?format= ask for it, else ``template`` with ``page=read(...)``.

    ``read(lookup, node)`` returns the page's dataclass, or None for a node of
    another kind, which gets the generic entity page; ``extra(lookup, page)`` adds to the context.
    """
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
    page = read(lookup, node)
    if page is None:
        return entity.show(store, key, format, accept)
    more = extra(lookup, page) if extra else {}
    return Reply.html(render(template, page=page, active=NAV_ITEM.get(template, ""), **more), Vary="Accept")
