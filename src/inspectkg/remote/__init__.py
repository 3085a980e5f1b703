"""The remote room: other SPARQL servers (oxigraph serve, Virtuoso, Fuseki ...) seen as a client.

``endpoint.Endpoint(url)`` queries one over the SPARQL 1.1 Protocol and gives
the rows the embedded store would; ``endpoint.push(store, url)`` uploads every
graph with the Graph Store Protocol (one PUT a graph, so pushing again
replaces); ``http`` makes the one request, with credentials from the
environment or netrc, and errors that never show a secret.  It must not serve
anything (that is :mod:`inspectkg.server`) or reach a host it was not given.
"""
