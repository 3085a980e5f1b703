"""Export the store as Turtle, TriG, N-Quads or JSON-LD, and import such files back.

Turtle holds no named graphs: it gets the union of all graphs, each triple
once.  The dataset formats keep every graph.  Output is sorted, so two builds
of the same inputs export byte-identical N-Quads.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph
from pyoxigraph import DefaultGraph, Quad, RdfFormat, Triple

from ..errors import InputError, UsageError
from .embedded import Store
from .terms import PREFIXES

FORMATS: dict[str, RdfFormat] = {
    "turtle": RdfFormat.TURTLE,
    "trig": RdfFormat.TRIG,
    "nquads": RdfFormat.N_QUADS,
    "jsonld": RdfFormat.JSON_LD,
}
SUFFIXES = {
    ".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nquads": "nquads", ".jsonld": "jsonld", ".json": "jsonld",
}


def rdf_format(name: str) -> RdfFormat:
    try:
        return FORMATS[name]
    except KeyError:
        raise UsageError(f"unknown export format {name!r}; choose one of {', '.join(FORMATS)}") from None


def sorted_quads(quads: Iterable[Quad]) -> list[Quad]:
    return sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def serialize(quads: Iterable[Quad], fmt: str) -> bytes:
    """Serialise quads in the named format (Turtle: the union, deduplicated)."""
    rdf = rdf_format(fmt)
    quads = sorted_quads(quads)
    if not rdf.supports_datasets:
        triples = sorted({Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
        return pyoxigraph.serialize(triples, format=rdf, prefixes=PREFIXES)
    prefixes = PREFIXES if rdf in (RdfFormat.TRIG,) else None
    return pyoxigraph.serialize(quads, format=rdf, prefixes=prefixes)


def export(store: Store, fmt: str, output: BinaryIO | Path | None = None) -> bytes | None:
    data = serialize(store.quads(), fmt)
    if output is None:
        return data
    if isinstance(output, Path):
        tmp = output.with_name(output.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(output)  # never leave a half-written export
    else:
        output.write(data)
    return None


def parse_file(path: Path, fmt: str | None = None) -> list[Quad]:
    """Parse an export (N-Quads, TriG, Turtle, JSON-LD) into quads. Never RDF/XML (see MEASURED.md)."""
    name = fmt or SUFFIXES.get(path.suffix.lower())
    if name is None:
        raise InputError(path, f"unknown RDF file type {path.suffix!r}", "use .nq, .nquads, .trig, .ttl or .jsonld")
    try:
        return list(pyoxigraph.parse(path=str(path), format=rdf_format(name)))
    except SyntaxError as exc:
        raise InputError(path, f"not valid {name} ({exc})") from exc
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from exc


def import_file(store: Store, path: Path) -> int:
    """Load one export into the store in one transaction; the number of quads.

    Every quad must name its graph: the saved queries, the web pages and
    ``remove`` all work graph by graph, so triples in the default graph (all of
    a Turtle file) would be stored but found by nothing.  Such a file is refused.
    """
    quads = parse_file(path)
    unnamed = sum(1 for q in quads if isinstance(q.graph_name, DefaultGraph))
    if unnamed:
        raise InputError(
            path,
            f"{unnamed:,} of {len(quads):,} triples are in no named graph (Turtle, N-Triples or plain JSON-LD "
            "hold none), so no saved query would find them; nothing was imported",
            "import an export that keeps the graphs: 'inspectkg export --format nquads' (or trig, jsonld)",
        )
    store.load_quads(quads)
    return len(quads)
