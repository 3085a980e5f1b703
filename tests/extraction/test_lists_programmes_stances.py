"""Three phenomena of unseen news, on texts of our own: grades in a list whose lead-in ends in a
copula, PEEL only for the forces it assesses, and a pledge in reported speech."""

from __future__ import annotations

from inspectkg.ingest.extract import extract
from inspectkg.model import Document


def run(text: str):
    return extract(Document(text, "test.txt", published="2019-06-01"))


def test_a_bare_good_in_a_list_is_a_grade_only_when_the_lead_in_ends_in_a_copula():
    graded = run("PEEL inspection of Dorset Police\n\nInspectors found that the force was:\n"
                 "- good at preventing crime;\n- outstanding at tackling serious and organised crime.\n")
    assert {(r.area, r.grade) for r in graded.ratings} >= {("eff_preventing_crime_asb", "good"),
                                                           ("eff_soc", "outstanding")}
    wish_list = run("PEEL inspection of Dorset Police\n\nOfficers told inspectors the force needs:\n"
                    "- good training in preventing crime;\n- good kit for tackling serious and organised crime.\n")
    assert not [r for r in wish_list.ratings if r.grade == "good"]


def test_a_scottish_review_is_not_a_peel_inspection_unless_the_text_says_peel():
    review = run("HM Inspectorate of Constabulary in Scotland has reviewed Police Scotland's custody centres. "
                 "It said the way risk assessments are graded should change and made five recommendations.")
    assert review.inspections and {i.programme for i in review.inspections} == {"other"}
    english = run("HMICFRS has reviewed Dorset Police's custody centres. "
                  "It said the way risk assessments are graded should change and made five recommendations.")
    assert {i.programme for i in english.inspections} == {"PEEL"}


def test_a_pledge_in_reported_speech_commits_to_action():
    text = ("HMICFRS rated Gwent Police's crime recording as requires improvement in its crime data integrity "
            "inspection. Police and Crime Commissioner Alys Trevena said the force would address the area for "
            "improvement without delay.")
    claims = [c for c in run(text).claims if "would address" in c.text.exact]
    assert claims and claims[0].stance == "commits_to_action"
