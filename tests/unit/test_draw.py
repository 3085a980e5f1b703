"""The drawings: every kind in every format, no label over another, escaped HTML."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import matplotlib
import pytest
from support.network_graph import hostile_extraction, rich_store

from inspectkg.errors import UsageError
from inspectkg.draw.check import outside, overlaps
from inspectkg.draw.render import KINDS, draw, figure, scene
from inspectkg.store.embedded import Store

matplotlib.use("Agg")
FOCUS = {"accountability": "inspection/kent/peel/2021-22", "neighbourhood": "kent", "grades": "kent", "matrix": None}


@pytest.fixture(scope="module")
def store():
    return rich_store()


@pytest.fixture(scope="module")
def corpus():
    from inspectkg.pipeline import build

    kg = Store(None)
    build(["examples/corpus"], kg)
    return kg


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_in_each_format(store, kind, tmp_path):
    png = draw(store, kind, tmp_path / f"{kind}.png", focus=FOCUS[kind])
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    svg = draw(store, kind, tmp_path / f"{kind}.svg", focus=FOCUS[kind])
    assert ET.parse(svg).getroot().tag.endswith("svg")
    html = draw(store, kind, tmp_path / f"{kind}.html", focus=FOCUS[kind]).read_text()
    assert html.startswith("<!DOCTYPE html>") and "Kent Police" in html
    outside = re.findall(r"<(?:script|link|img|iframe)[^>]*(?:src|href)\s*=\s*[\"']?(?:https?:)?//", html, re.I)
    assert outside == []
    assert "@import" not in html and "url(http" not in html


def _overlaps(fig):
    bad = overlaps(fig)
    assert outside(fig) == []
    return bad


@pytest.mark.parametrize("kind", KINDS)
def test_no_label_over_another_in_hand_made_drawings(store, kind):
    fig = figure(scene(store, kind, focus=FOCUS[kind]))
    assert _overlaps(fig) == []


@pytest.mark.parametrize("kind", KINDS)
def test_no_label_over_another_on_the_example_corpus(corpus, kind):
    try:
        picture = scene(corpus, kind, focus=FOCUS[kind])
    except UsageError:
        pytest.skip(f"the example corpus has nothing to draw as {kind} yet")
    assert _overlaps(figure(picture)) == []


def test_labels_stay_inside_their_boxes(store):
    fig = figure(scene(store, "accountability", focus=FOCUS["accountability"]))
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    patches = [p.get_window_extent(renderer) for p in fig.axes[0].patches if type(p).__name__ == "FancyBboxPatch"]
    texts = [t.get_window_extent(renderer) for t in fig.axes[0].texts if t.get_zorder() == 4]
    assert len(patches) == len(texts) > 3
    for box, text in zip(patches, texts):
        assert box.x0 <= text.x0 and text.x1 <= box.x1 + 0.5 and box.y0 <= text.y0 and text.y1 <= box.y1 + 0.5


def test_document_text_is_escaped_in_html(tmp_path):
    kg = rich_store(hostile_extraction())
    html = draw(kg, "accountability", tmp_path / "a.html", focus=FOCUS["accountability"]).read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Smith" in html
    assert "<script>alert(1)" not in html
    assert len(re.findall(r"<script\b", html)) == 1  # the viewer's own


def test_errors_are_usage_errors(store, tmp_path):
    with pytest.raises(UsageError, match="empty"):
        draw(Store(None), "matrix", tmp_path / "m.png")
    with pytest.raises(UsageError, match="names nothing"):
        draw(store, "neighbourhood", tmp_path / "n.png", focus="atlantis")
    with pytest.raises(UsageError, match="needs --focus"):
        draw(store, "neighbourhood", tmp_path / "n.png")
    with pytest.raises(UsageError, match="unknown drawing"):
        draw(store, "pie", tmp_path / "p.png")
    with pytest.raises(UsageError, match="format"):
        draw(store, "matrix", tmp_path / "m.gif")


def test_grades_grid_puts_rounds_in_order_and_merges_areas(store):
    grid = scene(store, "grades", focus="Kent Police")
    assert [" ".join(c) for c in grid.col_labels] == ["PEEL 2018/19", "PEEL 2021/22"]
    rows = [" ".join(r) for r in grid.row_labels]
    assert rows == ["Investigating crime", "Recording data about crime"]
    assert [c.lines[0] for c in grid.cells[0]] == ["Good", "Inadequate"]
