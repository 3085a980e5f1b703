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


def test_a_grade_in_an_anaphoric_sentence_belongs_to_the_inspection_just_named():
    text = ("Kent Police was rated good at investigating crime in its PEEL 2021/22 inspection.\n\n"
            "Before that, HMIC carried out its 2017 crime data integrity inspection of the force. "
            "It graded Kent Police inadequate.")
    ratings = extract(Document(text, "story.txt", published="2022-04-14")).ratings
    inadequate = [r for r in ratings if r.grade == "inadequate"]
    assert inadequate and all("crime-data-integrity/2017" in r.inspection for r in inadequate)
    assert any(r.grade == "good" and "peel/2021-22" in r.inspection for r in ratings)


def test_without_an_anaphor_the_document_inspection_keeps_the_grade():
    text = ("Kent Police was rated good at investigating crime in its PEEL 2021/22 inspection.\n\n"
            "Before that, HMIC carried out its 2017 crime data integrity inspection of the force. "
            "Inspectors rated Kent Police inadequate at responding to the public in the 2021/22 report.")
    ratings = extract(Document(text, "story.txt", published="2022-04-14")).ratings
    assert all("peel/2021-22" in r.inspection for r in ratings if r.grade == "inadequate")
