"""inspectkg graph / draw: the graph as a networkx view (GraphML, GEXF, CSV) and drawings."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import UsageError
from ..draw.render import FORMATS as DRAW_FORMATS, KINDS, draw as run_draw, draw_each
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
    focus: str = typer.Option(None, "--focus", help="The entity to draw around (id such as kent, name or IRI); "
                              "for accountability an inspection, or a force or person for each of theirs."),
    depth: int = typer.Option(2, "--depth", help="Steps from --focus (neighbourhood)."),
    fmt: str = typer.Option(None, "--format", "-f", help=f"One of {', '.join(DRAW_FORMATS)} (default: from --output)."),
    output: Path = typer.Option(None, "--output", "-o", help="File to write (default: KIND.FORMAT); for "
                                "accountability a folder (default: accountability/) gets one file per inspection."),
    store: Path = StoreOption,
) -> None:
    """Draw the graph: accountability (one A4 figure per inspection), neighbourhood (--focus), grades (one
    force's timeline) or matrix (all forces)."""
    if kind not in KINDS:
        raise UsageError(f"unknown drawing {kind!r}; choose one of {', '.join(KINDS)}")
    fmt = (fmt or (output.suffix.lstrip(".") if output and output.suffix else "png")).lower()
    if fmt not in DRAW_FORMATS:
        raise UsageError(f"unknown drawing format {fmt!r}; choose one of {', '.join(DRAW_FORMATS)}")
    kg = Store(store_path(store), read_only=True)
    if kind == "accountability" and (output is None or output.is_dir() or not output.suffix):
        paths = draw_each(kg, output or Path(kind), fmt=fmt, focus=focus)
    else:
        paths = [run_draw(kg, kind, output or Path(f"{kind}.{fmt}"), fmt=fmt, focus=focus, depth=depth)]
    for path in paths:
        err.print(f"wrote {path}", highlight=False, markup=False)
