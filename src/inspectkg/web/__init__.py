"""The web explorer: HTML pages over the knowledge graph, mounted on ``inspectkg serve``.

:func:`register` adds the routes (see :mod:`.routes`) to the server's App.
"""

from .routes import register

__all__ = ["register"]
