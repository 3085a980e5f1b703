"""The store room: extractions become quads, quads live in one pyoxigraph store, one named graph per document.

``mapping.to_quads(extraction)`` is the only place an Extraction becomes RDF
(pure and deterministic; classes of organisation kinds from :mod:`inspectkg.kinds`);
``embedded.Store`` (``open_store(path)``) writes a document's graph in one
transaction, or new documents in bulk-loaded batches, and answers SPARQL;
``export.export`` / ``export.import_file`` move the whole store as Turtle, TriG,
N-Quads or JSON-LD; ``stats.stats`` counts what is stored.  It must not read
documents, extract, or know about saved queries, HTTP or other servers.
"""
