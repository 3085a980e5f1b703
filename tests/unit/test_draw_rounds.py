"""Grade drawings put rounds in time order: by the programme calendar, undated rounds
last and marked, and the rounds of each grade scale in a band of their own."""

from __future__ import annotations

import pytest
from support.sample_extraction import find
from support.network_graph import rich_store

from inspectkg import iris
from inspectkg.draw.render import scene
from inspectkg.draw.rounds import eras, order, round_label
from inspectkg.model import Document, Extraction, Inspection, Organisation, Rating

TEXT = ("Kent Police was rated good overall in its previous PEEL inspection.\n"
        "Its PEEL 2015 inspection rated Kent Police requires improvement at protecting vulnerable people.\n"
        "The crime data integrity inspection of 2017 found Kent Police inadequate at recording crime.")
EARLIER = iris.inspection("kent", "PEEL", "earlier-abcdefgh")
PEEL15 = iris.inspection("kent", "PEEL", "2015")
CDI17 = iris.inspection("kent", "crime_data_integrity", "2017")


def _older_rounds() -> Extraction:
    doc = Document(TEXT, "news/older.txt", published="2018-01-10")
    rounds = ((EARLIER, "PEEL", None, "overall", "good", "previous PEEL inspection"),
              (PEEL15, "PEEL", "2015", "protecting_vulnerable_people", "requires_improvement", "PEEL 2015"),
              (CDI17, "crime_data_integrity", "2017", "overall", "inadequate", "inspection of 2017"))
    return Extraction(
        document=doc,
        organisations=(Organisation("force/kent", "Kent Police", "police_force", (find(TEXT, "Kent Police"),)),),
        inspections=tuple(Inspection(key, "force/kent", "org/hmicfrs", prog, period, None, (find(TEXT, words),))
                          for key, prog, period, _, _, words in rounds),
        ratings=tuple(Rating(iris.rating(key, area), key, area, grade, area.replace("_", " "), scale="peel_4tier",
                             evidence=(find(TEXT, words),)) for key, _, _, area, grade, words in rounds),
        main_force="force/kent",
    )


@pytest.fixture(scope="module")
def store():
    return rich_store(_older_rounds())


def test_timeline_orders_rounds_by_the_calendar_and_puts_undated_ones_last(store):
    grid = scene(store, "grades", focus="kent")
    heads = [" ".join(c) for c in grid.col_labels]
    assert heads == ["PEEL 2015", "Crime data integrity 2017", "PEEL 2018/19", "PEEL 2021/22",
                     "PEEL, an earlier round (undated)"]
    four, five = eras()
    assert grid.bands == [(four.title, 3), (five.title, 1), ("Undated, 4-grade scale", 1)]
    assert any("not comparable" in note for note in grid.notes)


def test_matrix_keeps_scales_apart_and_prefers_a_dated_round(store):
    grid = scene(store, "matrix")
    titles = [t for t, _ in grid.bands]
    assert titles == [e.title for e in eras()]
    first = grid.bands[0][1]
    old_areas = [" ".join(c) for c in grid.col_labels[:first]]
    assert old_areas[0] == "Overall"
    overall = grid.cells[0][0]
    assert overall.lines == ["I", "CDI 2017"]  # inadequate, crime data integrity 2017 (PEEL rounds go unnamed)
    assert any("CDI: Crime data integrity" in note for note in grid.notes)


def test_era_titles_come_from_the_calendar():
    four, five = eras()
    assert (len(four.grades), len(five.grades)) == (4, 5)
    assert four.first_year < four.last_year < five.first_year and five.current and not four.current
    assert five.title.startswith("5-grade scale (from ")


def test_an_undated_round_says_so_and_sorts_after_dated_ones():
    undated = {"key": "inspection/kent/peel/earlier-abcdefgh", "programme": "PEEL", "period": "",
               "published": "", "short_label": "PEEL (earlier abcdefgh)"}
    dated = {"key": "inspection/kent/peel/2014", "programme": "PEEL", "period": "2014", "published": ""}
    assert round_label(undated) == "PEEL, an earlier round (undated)"
    assert sorted([undated, dated], key=order) == [dated, undated]


def test_a_round_known_only_by_its_publication_date_shows_the_date_not_its_key():
    data = {"key": "inspection/kent/peel/earlier-abcdefgh", "programme": "PEEL", "period": "",
            "published": "2019-03-07", "short_label": "PEEL (earlier abcdefgh)"}
    assert round_label(data) == "PEEL, published 2019-03"
