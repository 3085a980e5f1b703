"""The drawing room: pictures of the graph as PNG, SVG or one self-contained HTML page.

``render.draw(store, kind, output)`` draws ``accountability``, ``neighbourhood``
(``focus=``), ``grades`` (one force) or ``matrix`` (all forces): ``scenes`` and
``grids`` decide what is shown, ``layout`` places it in points, ``render``
paints it with matplotlib, ``html`` writes the page.  It reads through
:mod:`inspectkg.network` and the store, and must not change either.
"""
