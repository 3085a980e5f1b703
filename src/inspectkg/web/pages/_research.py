"""What the research pages share: the ``/id/<key>`` answer (HTML from our template, or the RDF)."""

from __future__ import annotations


def entity_reply(store, key: str, format: str | None, accept: str, read, template: str):  # noqa: A002
    """The page for ``/id/<key>``: RDF when Accept or ?format= ask for it, else ``template`` with ``page=read(...)``.

    ``read(lookup, node)`` returns the page's dataclass, or None for a node of
    another kind, which gets the generic entity page.
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
    page = read(Lookup(store), node)
    if page is None:
        return entity.show(store, key, format, accept)
    return Reply.html(render(template, page=page, active=template.removesuffix(".html")), Vary="Accept")
