"""The web explorer: HTML pages over the knowledge graph, served by ``inspectkg serve``.

Its routes are in :mod:`.routes` (the one list, with the page contract); templates in
``templates/`` (Jinja2, :mod:`.templating`); pages in :mod:`.pages`.
Pages read through the server's workers; they must not write to the store or
build SPARQL from user text (parameters are bound by :mod:`inspectkg.sparql`).
"""
