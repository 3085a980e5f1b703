"""inspectkg: a knowledge-graph builder for police-inspection reports and the news about them.

    >>> import inspectkg
    >>> kg = inspectkg.open("inspectkg-store")          # doctest: +SKIP
    >>> kg.frame("ratings-over-time", force="kent")     # doctest: +SKIP

See :mod:`inspectkg.client`.  The names below are imported on first use, so
``import inspectkg`` (and the command line) stays quick.
"""

__version__ = "0.1.0"

__all__ = ["KnowledgeGraph", "Result", "__version__", "open"]
_LAZY = {"KnowledgeGraph", "Result", "open"}


def __getattr__(name: str):
    if name in _LAZY:
        from . import client

        return getattr(client, name)
    raise AttributeError(f"module 'inspectkg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _LAZY)
