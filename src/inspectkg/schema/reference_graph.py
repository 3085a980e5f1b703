"""The reference graph: the ontology and every generated vocabulary, as quads.

    reference_quads() -> list[Quad]   # all in the named graph ikd:graph/reference

Parsed once with pyoxigraph and cached; the store loads them once (and again
only when :func:`reference_version` changes).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import pyoxigraph

from .. import iris
from ..errors import RuleError
from ..resources import ontology_dir

ONTOLOGY_FILE = "inspectkg.ttl"


def reference_files() -> list[Path]:
    """The ontology, then the vocabularies in name order (shapes are not data)."""
    folder = ontology_dir()
    return [folder / ONTOLOGY_FILE, *sorted((folder / "vocab").glob("*.ttl"))]


def reference_graph_node() -> pyoxigraph.NamedNode:
    return pyoxigraph.NamedNode(iris.iri(iris.REFERENCE_GRAPH))


class _BlankNodes:
    """Stable blank node ids (file number, order of appearance): the parser's are random."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.ids: dict[str, pyoxigraph.BlankNode] = {}

    def __call__(self, term):
        if not isinstance(term, pyoxigraph.BlankNode):
            return term
        if term.value not in self.ids:
            self.ids[term.value] = pyoxigraph.BlankNode(f"{self.prefix}b{len(self.ids)}")
        return self.ids[term.value]


@cache
def _quads() -> tuple[pyoxigraph.Quad, ...]:
    graph = reference_graph_node()
    seen: set[pyoxigraph.Quad] = set()
    for number, path in enumerate(reference_files()):
        stable = _BlankNodes(f"ref{number}")
        try:
            with path.open("rb") as handle:
                for quad in pyoxigraph.parse(handle, format=pyoxigraph.RdfFormat.TURTLE,
                                             base_iri=path.as_uri()):
                    seen.add(pyoxigraph.Quad(stable(quad.subject), quad.predicate,
                                             stable(quad.object), graph))
        except (OSError, SyntaxError) as exc:
            raise RuleError(path, f"cannot read reference RDF ({exc})") from exc
    return tuple(sorted(seen, key=str))


def reference_quads() -> list[pyoxigraph.Quad]:
    """Every reference quad, sorted, in ``ikd:graph/reference``."""
    return list(_quads())


@cache
def reference_version() -> str:
    """A digest of the reference files: changes exactly when their content does."""
    digest = hashlib.sha256()
    for path in reference_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
