"""What a drawing shows, laid out in points (1/72 inch, y grows downwards), so the
matplotlib and HTML renderers draw the same picture.

A :class:`Scene` is boxes (nodes with their label inside) in columns joined by
edges; a :class:`Grid` is a table of coloured cells.  Text is measured with
matplotlib's Agg renderer, and every box gets its own row, so no label is drawn
over another.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from functools import lru_cache

FONT_SIZE = 9.0
TITLE_SIZE = 13.0
LINE = FONT_SIZE * 1.3
PAD_X, PAD_Y = 5.0, 3.0  # inside a box
ROW_GAP = 6.0  # between boxes in a column
COLUMN_GAP = 150.0  # between columns, room for the edges
MARGIN = 20.0
MEASURE_DPI = 110  # the PNG resolution: Agg's hinting makes widths depend on it


@lru_cache(maxsize=4096)
def text_width(text: str, size: float = FONT_SIZE, bold: bool = False) -> float:
    """Width of one line of text in points, as Agg draws it in DejaVu Sans."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer = _renderer()
    prop = FontProperties(family="DejaVu Sans", size=size, weight="bold" if bold else "normal")
    width, _, _ = renderer.get_text_width_height_descent(text or " ", prop, ismath=False)
    del RendererAgg
    return float(width) * 72 / MEASURE_DPI * 1.03  # hinting differs a little between sizes


@lru_cache(maxsize=1)
def _renderer():
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(100, 100, MEASURE_DPI)


def wrap(text: str, width: int, max_lines: int = 3) -> list[str]:
    """Wrap to ``width`` characters, at most ``max_lines`` lines, ending in … if cut."""
    text = " ".join(str(text).split())
    lines = textwrap.wrap(text, width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        lines[-1] = (last[: width - 1].rsplit(" ", 1)[0] if len(last) >= width else last) + "…"
    return lines


def wrap_points(text: str, width: float, max_lines: int = 3, bold: bool = False,
                size: float = FONT_SIZE) -> list[str]:
    """Wrap to ``width`` points as measured in DejaVu Sans, at most ``max_lines`` lines, ending in … if cut."""
    words = " ".join(str(text).split()).split(" ")
    lines: list[str] = []
    for word in words:
        while text_width(word, size, bold) > width and len(word) > 1:  # a word wider than the line
            cut = max(i for i in range(1, len(word) + 1) if text_width(word[:i], size, bold) <= width or i == 1)
            lines.append(word[:cut])
            word = word[cut:]
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", size, bold) > width:
            last = last[:-1].rstrip()
        lines = lines[: max_lines - 1] + [last + "…"]
    return lines or [""]


@dataclass
class Box:
    id: str
    lines: list[str]
    fill: str
    edge: str
    tooltip: str = ""
    bold: bool = False
    min_w: float = 0.0  # a box as wide as its column: links then end at one x
    x: float = 0.0  # top-left corner
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0

    def measure(self) -> None:
        self.w = max([text_width(line, bold=self.bold) + 2 * PAD_X for line in self.lines] + [self.min_w])
        self.h = LINE * len(self.lines) + 2 * PAD_Y


@dataclass
class Link:
    source: str
    target: str
    color: str
    width: float = 1.2
    dashed: bool = False
    tooltip: str = ""


@dataclass
class Label:
    """Free text: column headers, group headers, notes."""

    text: str
    x: float
    y: float  # top of the text
    bold: bool = False
    size: float = FONT_SIZE
    color: str = "#222222"


@dataclass
class LegendItem:
    text: str
    fill: str
    edge: str
    line: bool = False  # a line sample (edge colour) instead of a box
    dashed: bool = False
    x: float = 0.0
    y: float = 0.0


@dataclass
class Scene:
    title: str
    boxes: list[Box] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0

    def box(self, box_id: str) -> Box:
        return self._index()[box_id]

    def _index(self) -> dict[str, Box]:
        return {b.id: b for b in self.boxes}


@dataclass
class Cell:
    lines: list[str]
    fill: str
    tooltip: str = ""


@dataclass
class Grid:
    title: str
    row_labels: list[list[str]]
    col_labels: list[list[str]]
    cells: list[list[Cell | None]]
    corner: str = ""
    legend_rows: list[tuple[str, list[LegendItem]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    bands: list[tuple[str, int]] = field(default_factory=list)  # (title, number of columns), left to right
    turned_heads: bool = False  # column labels read bottom to top: narrow columns for a compact table


@dataclass
class Column:
    """One column of a layered scene: groups of boxes, each under an optional header."""

    header: str
    groups: list[tuple[str, list[Box]]]


def lay_out(scene: Scene, columns: list[Column], top: float, gap: float = COLUMN_GAP,
            widths: list[float] | None = None) -> None:
    """Place the columns left to right below ``top``, ``gap`` apart (each as wide as its widest
    box, or as ``widths`` says); set the scene's size."""
    x = MARGIN
    bottoms = []
    scene.boxes = [b for column in columns for _, group in column.groups for b in group]
    for column in columns:
        boxes = [b for _, group in column.groups for b in group]
        for b in boxes:
            b.measure()
        headers = [h for h, _ in column.groups if h]
        width = max([b.w for b in boxes] + [text_width(h, bold=True) for h in headers]
                    + [text_width(column.header, size=FONT_SIZE + 1, bold=True)])
        if widths:
            width = widths[len(bottoms)]
        scene.labels.append(Label(column.header, x, top, bold=True, size=FONT_SIZE + 1))
        y = top + LINE * 1.6
        for header, group in column.groups:
            if header:
                y += ROW_GAP
                scene.labels.append(Label(header, x, y, bold=True, color="#333333"))
                y += LINE + 2
            for b in group:
                b.x, b.y = x, y
                y += b.h + ROW_GAP
        bottoms.append(y)
        x += width + gap
    scene.width = x - gap + MARGIN
    scene.height = max(bottoms + [top]) + MARGIN


def place_legend(scene: Scene, items: list[LegendItem], top: float, max_width: float) -> float:
    """Legend rows below the title, wrapped to ``max_width``; returns the y below it."""
    scene.legend = items
    x, y = MARGIN, top
    for item in items:
        w = 26 + text_width(item.text) + 18
        if x + w > max_width and x > MARGIN:
            x, y = MARGIN, y + LINE + 6
        item.x, item.y = x, y
        x += w
    return y + LINE + 14


def spread(scene: Scene, boxes: list[Box], desired: dict[str, float]) -> None:
    """Move a column's boxes towards the wanted centre heights, keeping their order
    and at least ROW_GAP between them (1-D overlap removal)."""
    if not boxes:
        return
    top = boxes[0].y
    ordered = sorted(boxes, key=lambda b: (desired.get(b.id, b.y + b.h / 2), b.y))
    y = top
    for b in ordered:
        b.y = max(desired.get(b.id, b.y + b.h / 2) - b.h / 2, y)
        y = b.y + b.h + ROW_GAP
    bottom = scene.height - MARGIN
    for b in reversed(ordered):  # pull back up what would run off the bottom
        if b.y + b.h > bottom:
            b.y = bottom - b.h
        bottom = b.y - ROW_GAP
    if ordered[0].y < top:  # cannot happen unless the column is too tall; restack
        y = top
        for b in ordered:
            b.y = max(b.y, y)
            y = b.y + b.h + ROW_GAP
    scene.height = max(scene.height, max(b.y + b.h for b in boxes) + MARGIN)
