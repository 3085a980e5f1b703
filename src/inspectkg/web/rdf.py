"""Content negotiation for entity pages: HTML, Turtle, JSON-LD or N-Triples.

The RDF answer is the entity's description: every triple with the entity as
subject or object, over all graphs, each once (a symmetric concise description).
"""

from __future__ import annotations

import pyoxigraph
from pyoxigraph import NamedNode, RdfFormat

from ..store.terms import PREFIXES

FORMATS = {
    "text/turtle": ("turtle", RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
    "application/ld+json": ("jsonld", RdfFormat.JSON_LD, "application/ld+json"),
    "application/json": ("jsonld", RdfFormat.JSON_LD, "application/ld+json"),
    "application/n-triples": ("nt", RdfFormat.N_TRIPLES, "application/n-triples"),
}
BY_NAME = {"ttl": "text/turtle", "turtle": "text/turtle", "jsonld": "application/ld+json",
           "json": "application/ld+json", "nt": "application/n-triples"}
HTML_TYPES = ("text/html", "application/xhtml+xml")


def negotiate(accept: str | None, fmt: str | None = None) -> str:
    """The media type to answer with: 'text/html' or a key of FORMATS."""
    if fmt:
        return BY_NAME.get(fmt.lower(), "")
    best, best_q = "text/html", 0.0
    for order, item in enumerate((accept or "").split(",")):
        parts = [p.strip() for p in item.split(";")]
        media = parts[0].lower()
        q = 1.0
        for p in parts[1:]:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if media in HTML_TYPES or media in ("*/*", "text/*"):
            candidate = "text/html"
        elif media in FORMATS:
            candidate = media
        else:
            continue
        # on equal q, HTML wins only if it came first (browsers list it first)
        if q > best_q:
            best, best_q = candidate, q
    return best


def describe(store, iri_value: str) -> list[pyoxigraph.Triple]:
    node = NamedNode(iri_value)
    result = store.query(f"CONSTRUCT {{ {node} ?p ?o . ?s ?q {node} }} WHERE {{ {{ {node} ?p ?o }} UNION {{ ?s ?q {node} }} }}")
    return sorted(set(result), key=str)


def serialize(triples, media: str) -> tuple[bytes, str]:
    _, fmt, content_type = FORMATS[media]
    prefixes = PREFIXES if fmt is not RdfFormat.N_TRIPLES else None
    return pyoxigraph.serialize(triples, format=fmt, prefixes=prefixes), content_type


def resolve(store, key: str) -> str:
    """The IRI of ``/id/<key>``, or HttpError(404) when the store knows nothing about it."""
    from urllib.parse import unquote

    from .. import iris
    from .data import Lookup
    from .response import HttpError

    key = unquote(key).strip("/")
    try:
        node = NamedNode(iris.BASE + key).value
    except ValueError:
        raise HttpError(404, f"not an identifier: {key}") from None
    if not key or not Lookup(store).exists(node):
        raise HttpError(404, f"nothing is known about ikd:{key}")
    return node


def rdf_reply(store, node: str, accept: str | None, fmt: str | None):
    """The entity's description as Turtle / JSON-LD / N-Triples when asked for, else None (HTML)."""
    from .response import HttpError, Reply

    media = negotiate(accept, fmt)
    if not media:
        raise HttpError(400, "format must be one of ttl, jsonld, nt")
    if media == "text/html":
        return None
    body, content_type = serialize(describe(store, node), media)
    return Reply(200, content_type, body, {"Vary": "Accept"})
