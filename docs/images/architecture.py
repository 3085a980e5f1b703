"""Draw docs/images/architecture.svg (and .png): the flow read -> extract -> map -> store -> query/serve.

    .venv/bin/python docs/images/architecture.py
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch  # noqa: E402

HERE = Path(__file__).parent
STAGE = ("#dbe9f6", "#1f5fa8")
DATA = ("#f2f2f2", "#777777")
SIDE = ("#fdebc8", "#b07800")

# (x, y, width, height, title, lines, colours); x and y of the lower left corner
BOXES = {
    "read": (0.2, 3.0, 2.7, 1.5, "read", ["ingest/read_folder.py", "ingest/read*.py", "-> Document"], STAGE),
    "extract": (3.3, 3.0, 2.7, 1.5, "extract", ["ingest/extract/", "steps: STEPS", "-> Extraction"], STAGE),
    "map": (6.4, 3.0, 2.7, 1.5, "map", ["store/mapping.py", "to_quads()", "-> quads"], STAGE),
    "store": (9.5, 3.0, 2.7, 1.5, "store", ["store/embedded.py", "one graph a document", "pyoxigraph"], STAGE),
    "serve": (12.6, 3.0, 3.0, 1.5, "query / serve", ["sparql/ (saved queries)", "server/  web/", "cli/  client.py"], STAGE),
    "patterns": (1.7, 5.3, 3.0, 1.1, "rules as data", ["ingest/patterns/*.csv", "data/*.csv  kinds.py"], DATA),
    "ontology": (6.2, 5.3, 3.1, 1.1, "ontology/", ["inspectkg.ttl shapes.ttl", "vocab/ (schema/vocab.py)"], DATA),
    "queries": (12.6, 5.3, 3.0, 1.1, "queries/", ["*.rq with a #+ header"], DATA),
    "schema": (6.4, 0.6, 2.7, 1.3, "schema/", ["validate (SHACL)", "reason (HermiT)"], SIDE),
    "remote": (9.5, 0.6, 2.7, 1.3, "remote/", ["push, query other", "SPARQL servers"], SIDE),
    "views": (12.6, 0.6, 3.0, 1.3, "network/  draw/", ["networkx views", "drawings"], SIDE),
    "evaluate": (3.3, 0.6, 2.7, 1.3, "evaluate/", ["gold -> P/R/F1", "(reads the store)"], SIDE),
}
ARROWS = [
    ("read", "extract"), ("extract", "map"), ("map", "store"), ("store", "serve"),
    ("patterns", "extract"), ("ontology", "map"), ("queries", "serve"),
    ("store", "schema"), ("store", "remote"), ("store", "views"), ("store", "evaluate"),
]


def _centre(name: str) -> tuple[float, float]:
    x, y, w, h, *_ = BOXES[name]
    return x + w / 2, y + h / 2


def _edge(name: str, towards: tuple[float, float]) -> tuple[float, float]:
    """Where the line from the box's centre towards a point leaves the box."""
    x, y, w, h, *_ = BOXES[name]
    cx, cy = _centre(name)
    dx, dy = towards[0] - cx, towards[1] - cy
    scale = min((w / 2) / abs(dx) if dx else float("inf"), (h / 2) / abs(dy) if dy else float("inf"))
    return cx + dx * scale, cy + dy * scale


def draw() -> plt.Figure:
    fig, ax = plt.subplots(figsize=(16.0, 7.0))
    ax.set_xlim(0, 15.8)
    ax.set_ylim(0.2, 6.9)
    ax.axis("off")
    for x, y, w, h, title, lines, (fill, edge) in BOXES.values():
        ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.02,rounding_size=0.12",
                                    facecolor=fill, edgecolor=edge, linewidth=1.4))
        ax.text(x + w / 2, y + h - 0.22, title, ha="center", va="top", fontsize=12, fontweight="bold", color=edge)
        for i, line in enumerate(lines):
            ax.text(x + w / 2, y + h - 0.62 - 0.3 * i, line, ha="center", va="top", fontsize=8.5,
                    family="monospace", color="#222222")
    for a, b in ARROWS:
        start, end = _edge(a, _centre(b)), _edge(b, _centre(a))
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=16, linewidth=1.3,
                                     color="#444444", shrinkA=3, shrinkB=3))
    ax.text(7.9, 6.75, "inspectkg: read -> extract -> map -> store -> query / serve", ha="center", va="top",
            fontsize=14, fontweight="bold")
    ax.text(0.25, 2.75, "pipeline.py runs read, extract,\nmap and store: 'inspectkg build'", va="top",
            fontsize=9, color="#1f5fa8")
    return fig


if __name__ == "__main__":
    figure = draw()
    figure.savefig(HERE / "architecture.svg", bbox_inches="tight", metadata={"Date": None})
    figure.savefig(HERE / "architecture.png", dpi=80, bbox_inches="tight")
