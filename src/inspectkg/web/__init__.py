"""The web explorer: HTML pages over the knowledge graph, mounted on ``inspectkg serve``.

:func:`register` adds the routes (see :mod:`.routes`) to the server's App: the
home page, search, one page per entity and document, the graph view, the
saved-query gallery and a SPARQL editor.  Pages read through the server's workers; they must
not write to the store or build SPARQL from user text (parameters are bound by
:mod:`inspectkg.sparql`).
"""

from .routes import register

__all__ = ["register"]
