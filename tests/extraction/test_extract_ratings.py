"""Ratings: grade words, lists, counts, overall, scales, hard negatives."""

from __future__ import annotations

import pytest

from inspectkg.ingest.extract import areas, dates, extract, grades
from inspectkg.model import Document


def _ratings(text, published=None):
    ex = extract(Document(text, "t.txt", published=published))
    return sorted((r.area, r.grade, r.area_count) for r in ex.ratings)


@pytest.mark.parametrize("period, grade, want", [
    ("2018/19", "good", "peel_4tier"), ("2017", "inadequate", "peel_4tier"), ("2021/22", "good", "peel_5tier"),
    ("2023/25", "adequate", "peel_5tier"),
])
def test_scale_by_round(period, grade, want):
    assert dates.scale_for(period, grade) == want


def test_grade_words_and_informal_non_grades():
    found = [g for g, _, _ in grades.find("rated Outstanding, requiring improvement, poor, failing, excellent")]
    assert found == ["outstanding", "requires_improvement"]


def test_area_paraphrases_and_shared_head_noun():
    text = "in relation to preventing and investigating crime and how it treats the public"
    assert [h.area for h in areas.find(text, 0, len(text), "2021/22")] == [
        "preventing_crime_asb", "investigating_crime", "treatment_of_the_public"]
    text = "at supporting vulnerable victims"
    assert [h.area for h in areas.find(text, 0, len(text), "2018/19")] == ["eff_protecting_vulnerable"]


def test_list_gives_one_rating_per_area():
    got = _ratings("Avon and Somerset Police was rated good for preventing crime, managing offenders and "
                   "suspects and protecting vulnerable people.", published="2022-06-01")
    assert got == [("managing_offenders_suspects", "good", None), ("preventing_crime_asb", "good", None),
                   ("protecting_vulnerable_people", "good", None)]


def test_unnamed_areas_are_counted_net_of_named_ones():
    got = _ratings("Merseyside Police was rated inadequate in four areas. Inspectors rated the force "
                   "inadequate for investigating crime.", published="2022-06-01")
    assert ("unspecified", "inadequate", 3) in got and ("investigating_crime", "inadequate", None) in got


def test_overall_grade_and_earlier_inspection():
    ex = extract(Document("The report gave West Mercia Police an overall rating of 'requires improvement'. "
                          "In 2016 the force was rated good.", "t.txt"))
    overall = [r for r in ex.ratings if r.area == "overall"]
    assert {r.grade for r in overall} == {"requires_improvement", "good"}
    assert len({r.inspection for r in overall}) == 2


@pytest.mark.parametrize("text", [
    "It was good news for Gwent Police, which had a good day in court.",
    "Gwent Police officers did good work, the force said.",
    "Gwent Police was described as poor and failing by critics, and excellent by its supporters.",
    "Gwent Police must make improvement in how it answers calls.",
    "No areas of Gwent Police were graded inadequate.",
    "Gwent Police now has the highest number of 'outstanding' grades.",
])
def test_hard_negatives(text):
    assert _ratings(text) == []


def test_rating_of_another_force_for_comparison():
    ex = extract(Document("Surrey Police was rated good for investigating crime in the inspection, while "
                          "neighbouring Sussex Police was rated inadequate for investigating crime.", "t.txt"))
    by_force = {(r.inspection.split("/")[1], r.grade) for r in ex.ratings}
    assert ("surrey", "good") in by_force
