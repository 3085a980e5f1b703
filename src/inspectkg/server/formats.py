"""Content negotiation for the SPARQL endpoint: Accept header or ``format=``.

    choose(kind, accept, format_arg) -> (media type, converter name)
    render(answer, name) -> bytes
"""

from __future__ import annotations

import pyoxigraph
from pyoxigraph import QueryResultsFormat, RdfFormat

from .pool import Answer, HttpError

RESULT_FORMATS = {  # name -> (media type, pyoxigraph format)
    "json": ("application/sparql-results+json", QueryResultsFormat.JSON),
    "xml": ("application/sparql-results+xml", QueryResultsFormat.XML),
    "csv": ("text/csv; charset=utf-8", QueryResultsFormat.CSV),
    "tsv": ("text/tab-separated-values; charset=utf-8", QueryResultsFormat.TSV),
}
GRAPH_FORMATS = {
    "turtle": ("text/turtle; charset=utf-8", RdfFormat.TURTLE),
    "ntriples": ("application/n-triples", RdfFormat.N_TRIPLES),
    "jsonld": ("application/ld+json", RdfFormat.JSON_LD),
    "rdfxml": ("application/rdf+xml", RdfFormat.RDF_XML),
}
_MEDIA = {
    "application/sparql-results+json": "json", "application/json": "json", "text/javascript": "json",
    "application/javascript": "json", "application/sparql-results+xml": "xml", "application/xml": "xml",
    "text/xml": "xml", "text/csv": "csv", "text/tab-separated-values": "tsv",
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "ntriples",
    "text/plain": "ntriples", "application/ld+json": "jsonld", "application/x-json+ld": "jsonld",
    "application/rdf+xml": "rdfxml", "application/turtle": "turtle", "text/n3": "turtle", "text/rdf+n3": "turtle",
    "application/n3": "turtle",
}
_ALIASES = {"nt": "ntriples", "n-triples": "ntriples", "ttl": "turtle", "json-ld": "jsonld", "srj": "json",
            "srx": "xml", "n3": "turtle", "rdf": "rdfxml", "rdf+xml": "rdfxml"}
# a name that means another format when the answer is a graph (SPARQLWrapper sends format=xml for CONSTRUCT)
_GRAPH_NAMES = {"xml": "rdfxml", "json": "jsonld"}
_GRAPH_MEDIA = {"application/xml": "rdfxml", "text/xml": "rdfxml", "application/json": "jsonld"}


def _accepted(accept: str) -> list[str]:
    """Media types of an Accept header, best first (stable for equal q)."""
    items = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            items.append((-q, position, fields[0].lower()))
    return [media for _, _, media in sorted(items)]


def choose(kind: str, accept: str, format_arg: str | None) -> str:
    """The format name for an answer kind ('graph' or results), or HttpError(406)."""
    table = GRAPH_FORMATS if kind == "graph" else RESULT_FORMATS
    default = "turtle" if kind == "graph" else "json"
    if format_arg:
        name = _ALIASES.get(format_arg.lower(), format_arg.lower())
        name = _MEDIA.get(name, name)
        if kind == "graph":
            name = _GRAPH_NAMES.get(name, name)
        if name not in table:
            raise HttpError(400, f"format {format_arg!r} is not available for this query; "
                                    f"choose one of {', '.join(table)}")
        return name
    media_types = _accepted(accept or "*/*")
    for media in media_types:
        name = _GRAPH_MEDIA.get(media) if kind == "graph" and media in _GRAPH_MEDIA else _MEDIA.get(media)
        if name in table:
            return name
        if media in ("*/*", "application/*", "text/*"):
            return default
    raise HttpError(406, f"cannot answer in {accept!r}; this query's answers come as "
                            + ", ".join(media for media, _ in table.values()))


def render(answer: Answer, name: str) -> tuple[str, bytes]:
    """(content type, body) of a worker's answer in the chosen format."""
    if answer.kind == "graph":
        media, fmt = GRAPH_FORMATS[name]
        if fmt == RdfFormat.N_TRIPLES:
            return media, answer.body
        triples = pyoxigraph.parse(answer.body, format=RdfFormat.N_TRIPLES)
        from ..store.terms import PREFIXES

        prefixes = PREFIXES if fmt == RdfFormat.TURTLE else None
        return media, pyoxigraph.serialize(triples, format=fmt, prefixes=prefixes) or b""
    media, fmt = RESULT_FORMATS[name]
    if fmt == QueryResultsFormat.JSON:
        return media, answer.body
    results = pyoxigraph.parse_query_results(answer.body, format=QueryResultsFormat.JSON)
    return media, results.serialize(format=fmt)
