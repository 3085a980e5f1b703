"""The drawing room: pictures of the graph as PNG, SVG or one self-contained HTML page.

``render.draw(store, kind, output)`` draws ``accountability`` (one inspection per
A4 page; ``render.draw_each`` writes one file per inspection), ``neighbourhood``
(``focus=``, A4 landscape), ``grades`` (one force's timeline) or ``matrix`` (all
forces): ``accountability``, ``neighbourhood`` and ``grids`` decide what is
shown (``rounds`` puts inspections in time order and on their grade scale,
``palette`` holds the shared colours), ``layout`` places it in points,
``render`` paints it with matplotlib, ``html`` writes the page, ``check``
measures a drawn figure (overlaps, text off the page, print size).  It reads through
:mod:`inspectkg.network` and the store, and must not change either.
"""
