"""Drawings of the knowledge graph: PNG and SVG with matplotlib (Agg), or one
self-contained interactive HTML page (:mod:`inspectkg.draw.html`).

    KINDS = accountability | neighbourhood | grades | matrix

:func:`scene` builds what a drawing shows (a Scene of boxes and links, or a
Grid of cells); :func:`figure` draws it with matplotlib; :func:`draw` writes a
file, :func:`draw_each` one accountability page per inspection into a folder.
Scenes are laid out in points for print: an accountability page is A4 portrait,
a neighbourhood A4 landscape (:mod:`.check` measures that).  An empty store or
an unknown focus raises :class:`UsageError`.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from .grids import grades, matrix
from .layout import (
    BAND_GAP, FONT_SIZE, LINE, MARGIN, PAD_X, PAD_Y, TITLE_SIZE, Grid, Scene, grid_columns, row_label_width, text_width,
)
from .accountability import accountability, inspection_figure, inspections_about
from .neighbourhood import neighbourhood_scene
from ..network.view import to_networkx

KINDS = ("accountability", "neighbourhood", "grades", "matrix")
FORMATS = ("png", "svg", "html")
DPI = 200  # PNG pixels per inch: an A4 page is 1,653 px wide, sharp in print


def scene(store, kind: str, *, focus: str | None = None, depth: int = 2) -> Scene | Grid:
    if kind not in KINDS:
        raise UsageError(f"unknown drawing {kind!r}; choose one of {', '.join(KINDS)}")
    graph = to_networkx(store)
    if graph.number_of_nodes() == 0:
        raise UsageError("the store is empty: nothing to draw; run 'inspectkg build' first")
    if kind == "accountability":
        return accountability(graph, focus)
    if kind == "neighbourhood":
        return neighbourhood_scene(graph, focus, depth)
    if kind == "grades":
        return grades(graph, focus)
    if focus is not None:
        raise UsageError("the matrix drawing shows every force; it takes no --focus")
    return matrix(graph)


# long: the public draw's keyword-only options (format, focus, depth) mirror the command's
def draw(store, kind: str, output: Path | str, *, fmt: str | None = None, focus: str | None = None,
         depth: int = 2) -> Path:
    """Write one drawing; the format comes from ``fmt`` or the file's suffix."""
    output = Path(output)
    fmt = _format(fmt, output)
    return _write(scene(store, kind, focus=focus, depth=depth), output, fmt)


def draw_each(store, folder: Path | str, *, fmt: str = "png", focus: str | None = None) -> list[Path]:
    """One accountability figure per inspection that ``focus`` concerns (every one without it),
    written to ``folder`` as ``<force>-<programme>-<round>.<fmt>``."""
    fmt = _format(fmt, Path(folder))
    graph = to_networkx(store)
    if graph.number_of_nodes() == 0:
        raise UsageError("the store is empty: nothing to draw; run 'inspectkg build' first")
    chosen = inspections_about(graph, focus)
    if not chosen:
        where = f" about {focus!r}" if focus else ""
        raise UsageError(f"no responses to findings or inspections{where} in the store: nothing to draw")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [_write(inspection_figure(graph, i), folder / f"{_file_name(graph.nodes[i]['key'])}.{fmt}", fmt)
            for i in chosen]


def _file_name(key: str) -> str:
    return key.removeprefix("inspection/").replace("/", "-")


def _format(fmt: str | None, output: Path) -> str:
    fmt = (fmt or output.suffix.lstrip(".") or "png").lower()
    if fmt not in FORMATS:
        raise UsageError(f"unknown drawing format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return fmt


def _write(picture: Scene | Grid, output: Path, fmt: str) -> Path:
    if fmt == "html":
        from .html import to_html

        output.write_text(to_html(picture), encoding="utf-8")
        return output
    fig = figure(picture)
    try:
        fig.savefig(output, format=fmt, dpi=DPI, metadata={"Date": None} if fmt == "svg" else None)
    finally:
        import matplotlib.pyplot as plt

        plt.close(fig)
    return output


def figure(picture: Scene | Grid):
    """A matplotlib Figure of a scene or grid (1 data unit = 1 point, y downwards)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    if isinstance(picture, Grid):
        return _grid_figure(picture)
    return _scene_figure(picture)


def _canvas(width: float, height: float):
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(width / 72, height / 72), dpi=DPI)  # checks measure what the PNG shows
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)
    ax.axis("off")
    return fig, ax


# a label's look unless a caller says otherwise: bold and size are ours, the rest go to matplotlib as they are
TEXT_STYLE = {"bold": False, "size": FONT_SIZE, "color": "#222222", "ha": "left", "va": "top"}


def _text(ax, x, y, s, **style):
    """Write ``s`` at (x, y) in DejaVu Sans; ``style`` overrides TEXT_STYLE and may add any matplotlib Text option."""
    style = {**TEXT_STYLE, **style}
    bold, size = style.pop("bold"), style.pop("size")
    return ax.text(x, y, s, fontsize=size, fontweight="bold" if bold else "normal", family="DejaVu Sans",
                   linespacing=1.3 * FONT_SIZE / size if size else 1.3, **style)


def _legend(ax, items) -> None:
    from matplotlib.patches import Rectangle

    for item in items:
        x, y = item.x, item.y
        if item.line:
            ax.plot([x, x + 20], [y + LINE / 2, y + LINE / 2], color=item.edge, lw=2,
                    ls="--" if item.dashed else "-")
        else:
            ax.add_patch(Rectangle((x, y + 1), 20, LINE - 2, facecolor=item.fill, edgecolor=item.edge, lw=1))
        _text(ax, x + 26, y + 1, item.text)


def _scene_figure(sc: Scene):
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    fig, ax = _canvas(sc.width, sc.height)
    _text(ax, MARGIN, MARGIN, sc.title, bold=True, size=TITLE_SIZE)
    _legend(ax, sc.legend)
    for label in sc.labels:
        _text(ax, label.x, label.y, label.text, bold=label.bold, size=label.size, color=label.color)
    boxes = {b.id: b for b in sc.boxes}
    for link in sc.links:
        a, b = boxes.get(link.source), boxes.get(link.target)
        if a is None or b is None:
            continue
        start, end, rad = _ends(a, b)
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=8, color=link.color,
                                     lw=link.width, ls="--" if link.dashed else "-", alpha=0.75,
                                     connectionstyle=f"arc3,rad={rad}", zorder=1, shrinkA=0, shrinkB=0))
    for b in sc.boxes:
        ax.add_patch(FancyBboxPatch((b.x, b.y), b.w, b.h, boxstyle="round,pad=0,rounding_size=3",
                                    facecolor=b.fill, edgecolor=b.edge, lw=1.6 if b.bold else 1, zorder=2))
        _text(ax, b.x + PAD_X, b.y + PAD_Y + 1, "\n".join(b.lines), bold=b.bold, zorder=4)
    return fig


def _ends(a, b):
    """Attach points: right side to left side between columns, or an arc within one column."""
    ay, by = a.y + a.h / 2, b.y + b.h / 2
    if abs(a.x - b.x) < 1:  # same column: leave and enter on the left, bulging outwards
        return (a.x, ay), (b.x, by), (0.35 if by > ay else -0.35)
    if a.x < b.x:
        return (a.x + a.w, ay), (b.x, by), 0.0
    return (a.x, ay), (b.x + b.w, by), 0.0


def _grid_bands(ax, grid: Grid, origin: tuple[float, float], bottom: float, columns) -> None:
    """Band titles over their columns, a rule under each, a dashed divide between bands."""
    (x0, top), (widths, lefts) = origin, columns
    first = 0
    for b, (title, count) in enumerate(grid.bands):
        left, right = x0 + lefts[first], x0 + lefts[first + count - 1] + widths[first + count - 1]
        _text(ax, (left + right) / 2, top, title, bold=True, ha="center", color="#333333")
        ax.plot([left + 2, right - 2], [top + LINE + 2, top + LINE + 2], color="#555555", lw=1)
        if b:
            gap = left - BAND_GAP / 2
            ax.plot([gap, gap], [top, bottom], color="#555555", lw=1.2, ls=(0, (4, 3)))
        first += count


def _grid_size(grid: Grid, columns, heights: tuple[float, float, float]):
    """Width and height of the figure, the top of the table, the top of the legend, the legend titles' width."""
    (widths, lefts), (cell_h, head_h, band_h), row_w = columns, heights, row_label_width(grid)
    title_w = max(text_width(t) for t, _ in grid.legend_rows) if grid.legend_rows else 0
    legend_w = max((title_w + 12 + sum(28 + text_width(i.text) + 12 for i in items)
                    for _, items in grid.legend_rows), default=0)
    notes_w = max((text_width(n) for n in grid.notes), default=0)
    table_w = row_w + (lefts[-1] + widths[-1] if widths else 0)
    width = MARGIN * 2 + max(table_w, legend_w, notes_w, text_width(grid.title, TITLE_SIZE, True))
    top = MARGIN + TITLE_SIZE * 1.8
    legend_y = top + band_h + head_h + len(grid.row_labels) * cell_h + 14
    height = legend_y + len(grid.legend_rows) * (LINE + 8) + len(grid.notes) * LINE + MARGIN + 6
    return width, height, top, legend_y, title_w


def _grid_figure(grid: Grid):
    from matplotlib.patches import Rectangle

    row_w = row_label_width(grid)
    widths, lefts = grid_columns(grid)
    cell_lines = [c.lines for r in grid.cells for c in r if c is not None]
    cell_h = max([len(lines) for lines in cell_lines] + [2]) * LINE + 4 * PAD_Y
    head_h = (max(text_width(line, bold=True) for lines in grid.col_labels for line in lines) if grid.turned_heads
              else max(len(lines) for lines in grid.col_labels) * LINE) + 2 * PAD_Y
    band_h = LINE + 8 if grid.bands else 0
    width, height, top, legend_y, title_w = _grid_size(grid, (widths, lefts), (cell_h, head_h, band_h))
    fig, ax = _canvas(width, height)
    _text(ax, MARGIN, MARGIN, grid.title, bold=True, size=TITLE_SIZE)
    x0, y0 = MARGIN + row_w, top + band_h + head_h
    if grid.bands:
        _grid_bands(ax, grid, (x0, top), y0 + len(grid.row_labels) * cell_h, (widths, lefts))
    _text(ax, MARGIN + PAD_X, top + band_h + PAD_Y, grid.corner, color="#666666")
    for j, lines in enumerate(grid.col_labels):
        _text(ax, x0 + lefts[j] + widths[j] / 2, y0 - PAD_Y, "\n".join(lines), ha="center", va="bottom",
              bold=True, multialignment="left" if grid.turned_heads else "center",
              rotation=90 if grid.turned_heads else 0)
    for i, lines in enumerate(grid.row_labels):
        _text(ax, MARGIN + PAD_X, y0 + i * cell_h + cell_h / 2, "\n".join(lines), va="center")
        for j, cell in enumerate(grid.cells[i]):
            x, y = x0 + lefts[j], y0 + i * cell_h
            ax.add_patch(Rectangle((x, y), widths[j], cell_h, facecolor=cell.fill if cell else "#ffffff",
                                   edgecolor="#ffffff" if cell else "#dddddd", lw=2))
            if cell:
                dark = cell.fill in ("#1a7a3c", "#c62f33")
                _text(ax, x + widths[j] / 2, y + cell_h / 2, "\n".join(cell.lines), ha="center", va="center",
                      color="#ffffff" if dark else "#111111", multialignment="center")
    _grid_legend(ax, grid, legend_y, title_w)
    return fig


def _grid_legend(ax, grid: Grid, y: float, title_w: float) -> None:
    from matplotlib.patches import Rectangle

    for title, items in grid.legend_rows:
        _text(ax, MARGIN, y, title, color="#333333")
        x = MARGIN + title_w + 12
        for item in items:
            ax.add_patch(Rectangle((x, y), 22, LINE - 1, facecolor=item.fill, edgecolor=item.edge, lw=0.8))
            _text(ax, x + 28, y, item.text)
            x += 28 + text_width(item.text) + 12
        y += LINE + 8
    for note in grid.notes:
        _text(ax, MARGIN, y, note, color="#555555")
        y += LINE
