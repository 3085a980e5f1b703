"""What the tests share that is not a fixture: hand-made graphs and server helpers.

    sample_graph       four documents about two forces; every saved query has rows here
    sample_extraction  one small extraction (and ``find``) for store and mapping tests
    network_graph      two inspections of one force, for the network view and the drawings
    processes          free_port, wait_for, stop, the oxigraph binary
    remote_servers     ``oxigraph serve`` and Virtuoso on loopback, in a temporary folder
    web                the example corpus plus a hostile document, and serving a store on loopback
    once               a folder made once per run, shared by the xdist workers (the example stores)
    slow               the rows of tests/slow.csv: what the quick run leaves out, and why

The fixtures themselves live in the ``conftest.py`` files; pytest finds them
without an import.  ``tests/`` is on the import path (``pythonpath`` in
pyproject.toml), so a test writes ``from support.sample_graph import KENT``.
"""
