"""The web explorer: HTML pages over the knowledge graph, served by ``inspectkg serve``.

Its routes are in :mod:`.routes` (the one list, with the page contract); templates in
``templates/`` (Jinja2, :mod:`.templating`); pages in :mod:`.pages`.
"""
