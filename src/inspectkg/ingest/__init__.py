"""The ingest room: documents in, extractions out.  Reading, then rule-based extraction.

``read_folder.discover(targets)`` expands files, folders and URLs into sources
(``.inspectkgignore`` honoured); ``read.read(source)`` gives a
:class:`inspectkg.model.Document` (text, Markdown, HTML, PDF, URL readers, each
``read_*.py``); ``extract.extract(document)`` runs the steps of
``extract.STEPS`` over a blank spaCy pipeline and returns an
:class:`inspectkg.model.Extraction` whose every fact points at its span of
text.  Patterns and word lists are data (``ingest/patterns/*.csv``,
``inspectkg/data``).  It must not write RDF or touch a store: that is
:mod:`inspectkg.store`.
"""
