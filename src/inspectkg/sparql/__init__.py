"""The SPARQL room: saved queries, their parameters, and the tables their answers become.

``queries.load_all()`` reads ``queries/*.rq`` (a ``#+`` YAML header each) into
:class:`queries.SavedQuery` values that describe themselves (``describe()``);
``queries.run(saved, params, target)`` binds the parameters as RDF terms in a
``VALUES`` block (``params``, ``text``), the same way for the embedded store and
a remote endpoint, and returns a ``tables.Table``; ``values`` turns terms into
Python values and DataFrames.  It must not splice text into a query, open a
store by itself, or know about HTTP routes.
"""
