"""What the research pages show, read from the store into plain frozen dataclasses.

One module per page kind (:mod:`.force`, :mod:`.inspection`, :mod:`.person`,
:mod:`.lists`, :mod:`.matrix`, :mod:`.examples`); :mod:`.common` holds the reading
helpers, :mod:`.rounds` names and orders inspections, :mod:`.grades` reads grades
and :mod:`.findings` reads findings with who answered them.  Values are bound
as RDF terms (``Lookup.select``), never spliced from a request.
"""
