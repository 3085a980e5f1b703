"""Which grade scale a rating is on: four grades to 2018/19 and for crime data integrity, five from 2021/22."""

from inspectkg.ingest.extract import extract
from inspectkg.model import Document


def scales(text, published=None):
    return {(r.area, r.grade, r.scale) for r in extract(Document(text, "story.txt", published=published)).ratings}


def test_an_undated_crime_data_integrity_grade_is_on_the_four_grade_scale():
    text = "A crime data integrity inspection of Kent Police rated the force inadequate at recording crime."
    assert {scale for _, _, scale in scales(text)} == {"peel_4tier"}


def test_a_peel_2021_22_grade_is_on_the_five_grade_scale():
    text = "In its PEEL 2021/22 inspection, HMICFRS rated Kent Police adequate at investigating crime."
    assert {scale for _, _, scale in scales(text)} == {"peel_5tier"}
