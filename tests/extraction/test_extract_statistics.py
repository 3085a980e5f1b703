"""Statistics: number parsing, units, measures, and numbers that are not statistics."""

from __future__ import annotations

from decimal import Decimal

import pytest

from inspectkg.ingest.extract import extract
from inspectkg.ingest.extract.numbers import parse
from inspectkg.model import Document


@pytest.mark.parametrize("raw, mult, want", [
    ("38,476", None, Decimal("38476")), ("16", None, Decimal("16")), ("2.5", "m", Decimal("2500000")),
    ("1.2", " billion", Decimal("1200000000")), ("91.3", None, Decimal("91.3")), ("1,000,000", None, Decimal("1000000")),
])
def test_parse(raw, mult, want):
    assert parse(raw, mult) == want


def _stats(text):
    return {s.text.exact: s for s in extract(Document(text, "t.txt")).statistics}


def test_units_measures_and_periods():
    got = _stats("In 2019/20 the force recorded 4,210 burglaries, 16% of all crime, and spent £1.5m on "
                 "patrols, with 190 officers per 100,000 people.")
    assert got["4,210 burglaries"].value == 4210 and got["4,210 burglaries"].period == "2019/20"
    assert got["4,210 burglaries"].measure == "burglaries"
    pct = next(s for k, s in got.items() if k.startswith("16%"))
    assert pct.unit == "percent" and pct.value == 16
    money = next(s for k, s in got.items() if k.startswith("£1.5m"))
    assert money.unit == "gbp" and money.value == 1500000
    rate = next(s for k, s in got.items() if k.startswith("190 officers"))
    assert rate.unit == "rate_per_100k"


@pytest.mark.parametrize("text", [
    "The report was published in 2021.", "It was published on 4 February 2020.", "Call 999 or 101.",
    "A 32-year-old man was arrested.", "See question 3 of the PEEL 2021 report.", "At 10:30 the force said.",
    "Covid-19 changed policing.",
])
def test_not_statistics(text):
    assert _stats(text) == {}


def test_measure_after_a_change_and_the_period_of_its_own_clause():
    got = _stats("Burglary fell, with a 12% reduction in burglary of homes. In 2022/23 the force recorded "
                 "5,120 thefts, 310 more than in 2021, and a further 2,400 thefts between April and June 2023.")
    cut = next(s for k, s in got.items() if k.startswith("12%"))
    assert cut.measure == "reduction in burglary of homes"
    assert got["5,120 thefts"].period == "2022/23"
    more = next(s for k, s in got.items() if k.startswith("310"))
    assert more.period == "2022/23"  # not 2021: the year it is compared with
    further = next(s for k, s in got.items() if k.startswith("2,400"))
    assert further.period == "2023"  # stated later in its own clause
