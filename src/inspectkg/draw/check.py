"""Checks of a drawn figure, measured on the laid-out matplotlib scene: labels
drawn over one another, text outside the page, text too small to read in print.
The tests run them on every drawing kind; they are here so a notebook can too.
"""

from __future__ import annotations

from itertools import combinations

A4_PORTRAIT = (595.0, 842.0)  # points
MIN_PRINT_SIZE = 7.0  # points: the smallest text a printed report stays readable with


def _texts(fig):
    from matplotlib.text import Text

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [(t, t.get_window_extent(renderer)) for t in fig.findobj(Text) if t.get_text().strip() and t.get_visible()]


def overlaps(fig, tolerance: float = 0.5) -> list[tuple[str, str]]:
    """Pairs of labels whose drawn extents overlap by more than ``tolerance`` pixels each way."""
    bad = []
    for (ta, a), (tb, b) in combinations(_texts(fig), 2):
        if min(a.x1, b.x1) - max(a.x0, b.x0) > tolerance and min(a.y1, b.y1) - max(a.y0, b.y0) > tolerance:
            bad.append((ta.get_text(), tb.get_text()))
    return bad


def outside(fig, tolerance: float = 0.5) -> list[str]:
    """Labels that reach past the edge of the figure."""
    width, height = fig.bbox.width, fig.bbox.height
    return [t.get_text() for t, e in _texts(fig)
            if e.x0 < -tolerance or e.y0 < -tolerance or e.x1 > width + tolerance or e.y1 > height + tolerance]


def print_scale(fig, page: tuple[float, float] = A4_PORTRAIT) -> float:
    """How much the figure shrinks to fit ``page`` (1.0: it fits at its own size), either way up."""
    w, h = fig.get_size_inches() * 72
    upright = min(page[0] / w, page[1] / h, 1.0)
    turned = min(page[1] / w, page[0] / h, 1.0)
    return max(upright, turned)


def smallest_print_size(fig, page: tuple[float, float] = A4_PORTRAIT) -> float:
    """The smallest font size of any label, in points, once the figure is fitted to ``page``."""
    return min(t.get_fontsize() for t, _ in _texts(fig)) * print_scale(fig, page)
