"""Deterministic labels for blank nodes, so the same input always gives the same quads.

The ontology's anonymous class expressions (``owl:unionOf`` lists) come out of
the parser with fresh random labels on every run.  Each blank node is relabelled
with a hash of what it says (its outgoing triples, recursively); the blank
nodes of an OWL file are trees, for which this labelling is canonical.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

from pyoxigraph import BlankNode, Quad


def canonical_blank_nodes(quads: Iterable[Quad]) -> list[Quad]:
    quads = list(quads)
    outgoing: dict[BlankNode, list[Quad]] = defaultdict(list)
    for q in quads:
        if isinstance(q.subject, BlankNode):
            outgoing[q.subject].append(q)
    labels: dict[BlankNode, str] = {}

    def label(node: BlankNode, visiting: frozenset = frozenset()) -> str:
        if node in labels:
            return labels[node]
        if node in visiting:  # a cycle: not a tree; fall back to the parser's label
            return node.value
        parts = []
        for q in outgoing.get(node, ()):
            obj = q.object
            obj_text = "_:" + label(obj, visiting | {node}) if isinstance(obj, BlankNode) else str(obj)
            parts.append(f"{q.predicate} {obj_text} {q.graph_name}")
        digest = hashlib.sha256("\n".join(sorted(parts)).encode("utf-8")).hexdigest()[:24]
        labels[node] = "c" + digest
        return labels[node]

    def term(t):
        return BlankNode(label(t)) if isinstance(t, BlankNode) else t

    return sorted({Quad(term(q.subject), q.predicate, term(q.object), q.graph_name) for q in quads}, key=str)
