"""inspectkg graph / draw: the graph as a networkx view (GraphML, GEXF, CSV) and drawings."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import UsageError
from ..draw.render import FORMATS as DRAW_FORMATS, KINDS, draw as run_draw
from ..network.view import to_networkx
from ..network.export import FORMATS, to_text, write
from ..store.embedded import Store
from . import StoreOption, app, err, store_path


@app.command("graph")
def graph_command(
    fmt: str = typer.Option("graphml", "--format", "-f", help=f"One of {', '.join(FORMATS)}."),
    output: Path = typer.Option(None, "--output", "-o",
                                help="File to write (csv: PATH-nodes.csv and PATH-edges.csv; default: stdout)."),
    focus: str = typer.Option(None, "--focus", help="Only the neighbourhood of this entity (id, name or IRI)."),
    depth: int = typer.Option(2, "--depth", help="Steps from --focus to include."),
    store: Path = StoreOption,
) -> None:
    """People, organisations, inspections and findings as a network (for Gephi, Cytoscape, pandas)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown graph format {fmt!r}; choose one of {', '.join(FORMATS)}")
    kg = Store(store_path(store), read_only=True)
    view = to_networkx(kg, focus=focus, depth=depth)
    if output is None:
        sys.stdout.write(to_text(view, fmt) + "\n")
        return
    for path in write(view, fmt, output):
        err.print(f"wrote {path} ({view.number_of_nodes()} nodes, {view.number_of_edges()} edges)", highlight=False, markup=False)


@app.command("draw")
def draw_command(
    kind: str = typer.Argument(..., help=f"One of {', '.join(KINDS)}."),
    focus: str = typer.Option(None, "--focus", help="The entity to draw around (id such as kent, name or IRI)."),
    depth: int = typer.Option(2, "--depth", help="Steps from --focus (neighbourhood)."),
    fmt: str = typer.Option(None, "--format", "-f", help=f"One of {', '.join(DRAW_FORMATS)} (default: from --output)."),
    output: Path = typer.Option(None, "--output", "-o", help="File to write (default: KIND.FORMAT)."),
    store: Path = StoreOption,
) -> None:
    """Draw the graph: accountability, neighbourhood (--focus), grades (one force) or matrix (all forces)."""
    if kind not in KINDS:
        raise UsageError(f"unknown drawing {kind!r}; choose one of {', '.join(KINDS)}")
    fmt = (fmt or (output.suffix.lstrip(".") if output and output.suffix else "png")).lower()
    if fmt not in DRAW_FORMATS:
        raise UsageError(f"unknown drawing format {fmt!r}; choose one of {', '.join(DRAW_FORMATS)}")
    output = output or Path(f"{kind}.{fmt}")
    kg = Store(store_path(store), read_only=True)
    path = run_draw(kg, kind, output, fmt=fmt, focus=focus, depth=depth)
    err.print(f"wrote {path}", highlight=False, markup=False)
