"""The network room: the knowledge graph as a networkx MultiDiGraph, and its exports.

``view.to_networkx(store, focus=..., depth=...)`` gives people, organisations,
inspections and findings as nodes and who-holds-which-role, who-inspected-whom,
who-said-what as edges (``facts.read_facts`` does the SPARQL reads; role groups
and organisation classes come from :mod:`inspectkg.kinds`); ``export.write``
writes GraphML, GEXF or CSV tables for Gephi, Cytoscape or pandas.  It reads the
store only, and must not draw (that is :mod:`inspectkg.draw`).
"""
