from datetime import date

import pytest
from hypothesis import given, strategies as st

from inspectkg.ingest.dateline import dateline_date
from inspectkg.ingest.read import Source, read


@pytest.mark.parametrize("line, expected", [
    ("Published: 18 February 2016", "2016-02-18"),
    ("00:01, 18 February 2016", "2016-02-18"),
    ("Published on: 7 March 2019", "2019-03-07"),
    ("Updated 3 May 2021 09:12 BST", "2021-05-03"),
    ("Tuesday, 4 May 2021", "2021-05-04"),
    ("March 17, 2023", "2023-03-17"),
    ("Published: April 2022", "2022-04"),
    ("2019-03-07", "2019-03-07"),
    ("07/03/2019", "2019-03-07"),
])
def test_datelines_are_read(line, expected):
    assert dateline_date(f"Inspectors grade Northshire Police\n{line}\n\nThe force was rated good.") == expected


@pytest.mark.parametrize("text", [
    "Headline\nThe report was published on 7 March 2019 by inspectors.",  # a sentence, not a dateline
    "Headline\nMay 2021 was a busy month for the force.",
    "Headline\n31 February 2020",  # not a date
    "Headline\n  • Published\nText",
    "One\nTwo\nThree\nFour\nFive\nSix\nSeven\nPublished: 18 February 2016",  # too far down
])
def test_non_datelines_are_not_read(text):
    assert dateline_date(text) is None


def test_the_text_reader_dates_a_document_by_its_dateline(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Northshire Police rated good\nPublished: 9 June 2022\n\nInspectors said so.", encoding="utf-8")
    assert read(Source(str(path), "story.txt")).published == "2022-06-09"


@given(st.text(max_size=300))
def test_dateline_never_raises_and_gives_a_real_date(text):
    found = dateline_date(text)
    if found is not None:
        parts = [int(p) for p in found.split("-")]
        date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
