"""Drawings a researcher can print: one accountability figure per inspection on an
A4 portrait page, the neighbourhood on A4 landscape, every label readable (at least
7 pt at print size), none over another and none off the page."""

from __future__ import annotations

import matplotlib
import networkx as nx
import pytest
from support.network_graph import rich_store

from inspectkg.draw.accountability import A4, FINDINGS_W, inspection_figure, responses
from inspectkg.draw.check import MIN_PRINT_SIZE, outside, overlaps, print_scale, smallest_print_size
from inspectkg.draw.layout import MARGIN, text_width, wrap_points
from inspectkg.draw.neighbourhood import A4_LANDSCAPE
from inspectkg.draw.render import DPI, draw_each, figure, scene
from inspectkg.errors import UsageError
from inspectkg.network.view import to_networkx
from inspectkg.store.embedded import Store

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def corpus():
    from inspectkg.pipeline import build

    kg = Store(None)
    build(["examples/corpus"], kg)
    return kg


def _readable(picture, page=A4):
    fig = figure(picture)
    try:
        assert overlaps(fig) == [] and outside(fig) == []
        assert smallest_print_size(fig, page) >= MIN_PRINT_SIZE
        return print_scale(fig, page)
    finally:
        matplotlib.pyplot.close(fig)


def test_each_inspection_is_one_a4_page_at_print_size(corpus):
    graph = to_networkx(corpus)
    inspections = list(responses(graph))
    assert len(inspections) >= 3
    for inspection in inspections:
        sc = inspection_figure(graph, inspection)
        assert sc.width <= A4[0] and sc.height <= A4[1], (inspection, sc.width, sc.height)
        assert _readable(sc) == 1.0  # printed at its own size: 9 pt text


def test_draw_each_writes_one_page_per_inspection_not_one_tangle(corpus, tmp_path):
    paths = draw_each(corpus, tmp_path / "acc", fmt="png", focus="kent")
    assert len(paths) == len(responses(to_networkx(corpus)))
    for path in paths:
        from PIL import Image

        width, height = Image.open(path).size
        assert width <= A4[0] * DPI / 72 + 1 and height <= A4[1] * DPI / 72 + 1
    svgs = draw_each(corpus, tmp_path / "svg", fmt="svg", focus="kent")
    assert sorted(p.stem for p in svgs) == sorted(p.stem for p in paths)


def test_accountability_asks_for_one_inspection_when_the_focus_has_several():
    with pytest.raises(UsageError, match="one inspection; give --focus one of inspection/kent/peel/2018-19"):
        scene(rich_store(), "accountability", focus="kent")


def _graph(links: dict[str, list[str]], findings: list[str]) -> nx.MultiDiGraph:
    """An inspection, its findings and who responded to which, in the network view's shape."""
    g = nx.MultiDiGraph()
    g.add_node("i", type="Inspection", label="PEEL 2021/22, Kent Police", short_label="PEEL 2021/22",
               key="inspection/kent/peel/2021-22", programme="PEEL", period="2021/22", published="")
    for f in findings:
        g.add_node(f, type="Finding", label=f, text=f"finding {f} " + "with words " * 8, kind="statement",
                   inspection="i", key=f"finding/{f}")
    for speaker, targets in links.items():
        g.add_node(speaker, type="Person", label=speaker, role_group="other", key=f"person/{speaker}")
        for t in targets:
            g.add_edge(speaker, t, type="said", text="We accept it.", stance="accepts", quotation=True)
    return g


def _crossings(sc) -> int:
    """Pairs of links whose ends are in opposite order in the two columns."""
    y = {b.id: b.y + b.h / 2 for b in sc.boxes}
    ends = [(y[link.source], y[link.target]) for link in sc.links]
    return sum(1 for i, (a1, b1) in enumerate(ends) for a2, b2 in ends[i + 1:] if (a1 - a2) * (b1 - b2) < 0)


def test_findings_and_responders_are_ordered_so_links_do_not_cross():
    sc = inspection_figure(_graph({"Amy": ["a", "c"], "Bob": ["b", "d"]}, ["a", "b", "c", "d"]), "i")
    assert len(sc.links) == 4 and _crossings(sc) == 0


def test_every_link_ends_at_the_edge_of_the_findings_column_never_across_a_box():
    sc = inspection_figure(_graph({"Amy": ["i", "a"], "Bob": ["i", "b"]}, ["a", "b"]), "i")
    targets = {link.target for link in sc.links}
    assert targets == {"i", "a", "b"}
    assert {round(b.x + b.w, 3) for b in sc.boxes if b.id in targets} == {round(MARGIN + FINDINGS_W, 3)}


def test_an_inspection_with_too_many_findings_leaves_the_last_out_and_says_so():
    findings = [f"f{n:02d}" for n in range(60)]
    sc = inspection_figure(_graph({"Amy": findings[:30], "Bob": findings[30:]}, findings), "i")
    assert sc.height <= A4[1]
    notes = [label.text for label in sc.labels if "left out" in label.text]
    shown = sum(1 for b in sc.boxes if b.id in findings)
    assert notes and notes[0].startswith(f"{60 - shown} more findings") and shown >= 20
    assert _readable(sc) == 1.0


def test_neighbourhood_counts_findings_and_fits_a4_landscape(corpus):
    sc = scene(corpus, "neighbourhood", focus="kent", depth=3)
    assert sc.width <= A4_LANDSCAPE[0] and sc.height <= A4_LANDSCAPE[1]
    graph = to_networkx(corpus)
    assert not any(graph.nodes[b.id]["type"] == "Finding" for b in sc.boxes if b.id in graph)
    assert any("findings (" in " ".join(b.lines) for b in sc.boxes)
    assert _readable(sc, A4_LANDSCAPE) == 1.0


@pytest.mark.parametrize("kind", ["grades", "matrix"])
def test_grade_grids_print_readably_on_a4(corpus, kind):
    _readable(scene(corpus, kind, focus="kent" if kind == "grades" else None))  # on A4 either way up


def test_matrix_cells_are_compact_codes_over_rounds_with_turned_headings(corpus):
    grid = scene(corpus, "matrix")
    assert grid.turned_heads
    cells = [c for row in grid.cells for c in row if c]
    assert cells and all(len(c.lines) == 2 and len(c.lines[0]) <= 5 for c in cells)
    legend = [item.text for _, items in grid.legend_rows for item in items]
    assert "RI Requires improvement" in legend and "A Adequate" in legend


def test_wrapping_by_measured_width_keeps_every_line_inside():
    text = "Opportunities to achieve positive results are being missed because some investigations are poor"
    lines = wrap_points(text, 120.0, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(text_width(line) <= 120.0 for line in lines)
    assert wrap_points("x" * 200, 50.0, 2)[0] and all(text_width(t) <= 50.0 for t in wrap_points("x" * 200, 50.0, 2))


def _inspectorate_graph(forces: int) -> nx.MultiDiGraph:
    """One inspectorate that inspected ``forces`` forces, one PEEL round each."""
    g = nx.MultiDiGraph()
    g.add_node("hmicfrs", type="Inspectorate", label="HMICFRS", short_label="HMICFRS", key="org/hmicfrs",
               role_group="inspector")
    for n in range(forces):
        force, inspection = f"force{n}", f"inspection{n}"
        g.add_node(force, type="PoliceForce", label=f"Force number {n}", short_label=f"Force number {n}",
                   key=f"force/f{n}", role_group="chief_officer")
        g.add_node(inspection, type="Inspection", label=f"PEEL 2021/22, Force number {n}", short_label="PEEL 2021/22",
                   key=f"inspection/f{n}/peel/2021-22", programme="PEEL", period="2021/22", published="",
                   role_group="")
        g.add_edge(inspection, force, type="inspected")
        g.add_edge(inspection, "hmicfrs", type="conducted_by")
    return g


def test_a_neighbourhood_too_big_for_the_page_says_how_many_it_leaves_out():
    from inspectkg.draw.neighbourhood import neighbourhood_scene

    sc = neighbourhood_scene(_inspectorate_graph(60), "hmicfrs", 2)
    assert sc.height <= A4_LANDSCAPE[1]
    more = [" ".join(b.lines) for b in sc.boxes if b.id.startswith("more ")]
    shown = sum(1 for b in sc.boxes if b.id.startswith("inspection"))
    assert more and more[0].startswith(f"… and {60 - shown} more") and shown >= 15
    labels = {" ".join(b.lines) for b in sc.boxes if b.id.startswith("inspection")}
    assert "PEEL 2021/22, Force number 0" in labels  # rounds of several forces say whose they are
    _readable(sc, A4_LANDSCAPE)


def _many_rounds() -> nx.MultiDiGraph:
    """One force graded overall in every round of two programmes (4-grade scale) and PEEL 2021/22 on."""
    g = nx.MultiDiGraph()
    g.add_node("kent", type="PoliceForce", label="Kent Police", short_label="Kent Police", key="force/kent")
    rounds = [("PEEL", "Peel", p) for p in ("2014", "2015", "2016", "2017", "2018/19", "2021/22", "2023/25")]
    rounds += [("crime_data_integrity", "Crime data integrity", p) for p in ("2014", "2016", "2017", "2018", "2019")]
    for n, (programme, name, period) in enumerate(rounds):
        node = f"i{n}"
        g.add_node(node, type="Inspection", label=f"{name} {period}, Kent Police", short_label=f"{name} {period}",
                   key=f"inspection/kent/{programme}/{period}", programme=programme, period=period, published="")
        five = period >= "2021"
        g.add_edge(node, "kent", type="rated", area="overall", grade="adequate" if five else "good",
                   scale="peel-5tier" if five else "peel-4tier", source=f"doc{n}.txt")
    return g


def test_a_timeline_of_many_rounds_turns_to_grade_codes_and_still_fits_a4():
    from inspectkg.draw.grids import grades

    grid = grades(_many_rounds(), "kent")
    assert grid.turned_heads and [c.lines for c in grid.cells[0][:2]] == [["G"], ["G"]]
    heads = [" ".join(c) for c in grid.col_labels]
    assert heads.index("Crime data integrity 2016") < heads.index("Peel 2016")  # April before July in the calendar
    assert heads[-2:] == ["Peel 2021/22", "Peel 2023/25"] and grid.cells[0][-1].lines == ["A"]
    assert _readable(grid) >= MIN_PRINT_SIZE / 9
