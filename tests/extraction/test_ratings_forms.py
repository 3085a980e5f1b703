"""Ratings in the forms the inspectorate and the press use (our own test texts).

Each case names a phenomenon; hard negatives sit beside the positives.
"""

from __future__ import annotations

import pytest

from inspectkg.ingest.extract import extract, lexicon
from inspectkg.model import Document


def _extract(text, published=None):
    return extract(Document(text, "t.txt", published=published))


def _ratings(text, published=None):
    return sorted((r.area, r.grade, r.area_count) for r in _extract(text, published).ratings)


def _by_inspection(text, published=None):
    return sorted((r.inspection, r.area, r.grade) for r in _extract(text, published).ratings)


def test_rating_verbs_are_one_lexicon():
    verbs = lexicon.words_regex("rating_verb")
    assert verbs.search("the force was judged to be good")
    assert verbs.search("inspectors MARKED the force")
    assert not verbs.search("a grade-rated road")  # whole words only
    with pytest.raises(ValueError, match="unknown lexicon kind"):
        lexicon.words_regex("no_such_kind")


def test_marked_when_it_comes_to():
    got = _ratings("The inspectorate marked Cleveland Police 'Good' when it comes to protecting vulnerable people "
                   "and responding to the public.", published="2022-09-01")
    assert got == [("protecting_vulnerable_people", "good", None), ("responding_to_the_public", "good", None)]


def test_grade_ratings_for_areas():
    got = _ratings("Gwent Police was the only force to receive 'good' ratings for investigating crime and "
                   "responding to the public, and the 'inadequate' rating for managing offenders hurt.",
                   published="2022-09-01")
    assert got == [("investigating_crime", "good", None), ("managing_offenders_suspects", "inadequate", None),
                   ("responding_to_the_public", "good", None)]


def test_counts_before_grades():
    got = _ratings("Lincolnshire Police was given two 'outstanding', four 'good' and three 'adequate' gradings "
                   "by the inspectorate.", published="2024-03-01")
    assert got == [("unspecified", "adequate", 3), ("unspecified", "good", 4), ("unspecified", "outstanding", 2)]


def test_one_area_and_counts_without_the_noun():
    got = _ratings("The report grades Dorset Police as good in one area, adequate in four, and requires "
                   "improvement in two.", published="2024-03-01")
    assert got == [("unspecified", "adequate", 4), ("unspecified", "good", 1), ("unspecified", "requires_improvement", 2)]


def test_areas_requiring_improvement_are_a_semicolon_list():
    got = _ratings("Norfolk Constabulary was inspected this spring. Inspectors said the areas requiring improvement "
                   "were managing offenders and suspects; investigating crime; and good use of resources.",
                   published="2022-09-01")
    assert got == [("good_use_of_resources", "requires_improvement", None),
                   ("investigating_crime", "requires_improvement", None),
                   ("managing_offenders_suspects", "requires_improvement", None)]


def test_semicolon_list_then_the_rest():
    got = _ratings("Lancashire Constabulary was also graded as 'good' for preventing crime; investigating crime; and "
                   "protecting vulnerable people with most of the remaining areas being assessed as adequate.",
                   published="2022-09-01")
    assert got == [("investigating_crime", "good", None), ("preventing_crime_asb", "good", None),
                   ("protecting_vulnerable_people", "good", None), ("unspecified", "adequate", None)]


def test_official_area_name_with_a_comma():
    got = _ratings("Northumbria Police was graded outstanding for building, supporting and protecting the "
                   "workforce.", published="2024-03-01")
    assert got == [("building_supporting_protecting_workforce", "outstanding", None)]


def test_area_before_rating_verb_across_and():
    got = _ratings("The way Hampshire Constabulary treats its workforce with fairness and respect was graded as "
                   "'outstanding' in the 2016 legitimacy inspection.", published="2016-12-08")
    assert got == [("leg_fair_treatment_workforce", "outstanding", None)]


@pytest.mark.parametrize("text", [
    # the scale itself
    "In the PEEL inspection of Kent Police each area is graded outstanding, good, adequate, requires improvement "
    "or inadequate.",
    # a grade said again of the area named before it
    "To be graded outstanding in this area underpins our legitimacy, the chief constable of Essex Police said "
    "after the inspection.",
    # a grade word as an adjective
    "Essex Police inspection: the force has good leadership and an outstanding record on preventing crime.",
])
def test_hard_negatives(text):
    assert _ratings(text, published="2022-09-01") == []


def test_2014_chain_of_good_at():
    got = _ratings("Cheshire Constabulary PEEL 2014\n\nThe evidence indicates that, in general, the force is good at "
                   "investigating offending, good at tackling anti-social behaviour and good at reducing crime and "
                   "preventing offending.", published="2014-11-27")
    assert got == [("peel2014_investigating_offending", "good", None), ("peel2014_reducing_crime", "good", None),
                   ("peel2014_tackling_asb", "good", None)]


def test_pillar_sentences_of_the_extent_to_which():
    text = ("Humberside Police PEEL 2017\n\nThe inspectorate found:\n\n"
            "the extent to which the force is efficient at keeping people safe and reducing crime is good.\n\n"
            "the extent to which the force treats the public and its workforce legitimately requires improvement.\n")
    assert _ratings(text, published="2018-03-22") == [("pillar_efficiency", "good", None),
                                                      ("pillar_legitimacy", "requires_improvement", None)]


def test_clauses_grade_different_forces():
    got = _by_inspection("Inspectors looked again at crime recording in three forces. Leicestershire Police's "
                         "approach was judged as 'good', while Derbyshire Constabulary's approach was judged as "
                         "'requiring improvement'.", published="2016-08-01")
    forces = {(key.split("/")[1], grade) for key, _, grade in got}
    assert forces == {("leicestershire", "good"), ("derbyshire", "requires_improvement")}


def test_grades_dated_after_them_go_to_their_rounds():
    got = _by_inspection("Cleveland Police rated 'good' by inspectors\n\nThe overall rating of 'good' is a milestone "
                         "for the force, which was rated 'inadequate' in 2019 and given a 'requires improvement' "
                         "rating in 2022.")
    assert got[:2] == [("inspection/cleveland/peel/2018-19", "overall", "inadequate"),
                       ("inspection/cleveland/peel/2021-22", "overall", "requires_improvement")]
    assert len(got) == 3 and got[2][1:] == ("overall", "good")
    assert got[2][0] not in (got[0][0], got[1][0])  # the document's own inspection, not a dated one


def test_up_from_is_a_grade_of_the_round_before():
    got = _by_inspection("Essex Police was rated good for investigating crime, up from requires improvement.",
                         published="2022-09-01")
    earlier = [key for key, area, grade in got if (area, grade) == ("investigating_crime", "requires_improvement")]
    latest = [key for key, area, grade in got if (area, grade) == ("investigating_crime", "good")]
    assert len(earlier) == 1 and len(latest) == 1 and earlier != latest
    assert earlier[0] < latest[0] or "earlier" in earlier[0]  # the round before


def test_table_rows_of_area_and_grade():
    text = ("Warwickshire Police PEEL 2021/22\n\n"
            "| Area | Grade |\n| --- | --- |\n"
            "| Investigating crime | Requires improvement |\n"
            "| Good use of resources | Adequate |\n"
            "Responding to the public: Good\n"
            "Protecting vulnerable people      Inadequate\n"
            "The force said its investigating crime team had a good year.\n")
    assert _ratings(text, published="2022-05-10") == [
        ("good_use_of_resources", "adequate", None), ("investigating_crime", "requires_improvement", None),
        ("protecting_vulnerable_people", "inadequate", None), ("responding_to_the_public", "good", None)]


def test_grade_headings_over_lists_of_forces():
    text = ("The inspectorate published its legitimacy reports on every force today, Kent Police among them.\n"
            "It graded the forces for their legitimacy as follows:\n"
            "Outstanding\n"
            "Northumbria\n"
            "Good\n"
            "Cheshire, Merseyside and West Mercia\n"
            "Requires improvement\n"
            "Cleveland\n"
            "Inspectors will return next year.\n")
    got = sorted((r.inspection.split("/")[1], r.area, r.grade) for r in _extract(text, "2017-12-12").ratings)
    assert got == [("cheshire", "pillar_legitimacy", "good"), ("cleveland", "pillar_legitimacy", "requires_improvement"),
                   ("merseyside", "pillar_legitimacy", "good"), ("northumbria", "pillar_legitimacy", "outstanding"),
                   ("west-mercia", "pillar_legitimacy", "good")]


def test_bullets_of_grade_then_areas():
    text = ("Suffolk Constabulary welcomed its PEEL report, which graded the force as:\n\n"
            "  • Good – in preventing crime, as well as protecting vulnerable people\n"
            "  • Adequate – in investigating crime\n")
    assert _ratings(text, published="2022-05-10") == [
        ("investigating_crime", "adequate", None), ("preventing_crime_asb", "good", None),
        ("protecting_vulnerable_people", "good", None)]


def test_a_grade_rating_is_an_overall_grade_but_areas_rated_refers_back():
    got = _ratings("Durham Constabulary earned a 'good' rating from the inspectorate. The report made "
                   "recommendations in areas rated 'requires improvement'.", published="2019-09-27")
    assert got == [("overall", "good", None)]


def test_round_wording_and_no_bare_workforce_area():
    got = _ratings("West Mercia Police was last inspected in 2018/19, when it was rated 'good' for how it treated "
                   "the public and its workforce.", published="2021-11-19")
    assert got == [("pillar_legitimacy", "good", None)]


def test_second_year_running_is_also_the_round_before():
    got = _by_inspection("For the third year running, Dorset Police has been graded as 'good' in respect of "
                         "efficiency, the inspectorate said.")
    assert [(area, grade) for _, area, grade in got] == [("pillar_efficiency", "good")] * 2
    assert got[0][0] != got[1][0]


def test_overall_grade_of_a_report_titled_by_its_pillar():
    got = _ratings("PEEL: Police legitimacy 2016 - the chief constable's response\n\n"
                   "In conclusion, the overall assessment is that Essex Police 'Requires Improvement'.")
    assert got == [("pillar_legitimacy", "requires_improvement", None)]


def test_short_forms_of_official_area_names():
    got = _ratings("The PEEL report marks Kent Police 'good' when it comes to engaging with the public.",
                   published="2022-06-01")
    assert got == [("treatment_of_the_public", "good", None)]


def test_bullets_continuing_the_subject_in_2018_19_wording():
    text = ("Inspectors praise Gwent Police\n\n"
            "The inspectorate today published its report on Gwent Police. Inspectors found that the force:\n\n"
            "  • is ‘good’ at effectively reducing crime and keeping people safe;\n"
            "  • is ‘requires improvement’ at operating efficiently and providing sustainable services to the "
            "public; and\n"
            "  • ‘outstanding’ at how legitimately it treats the public and its workforce.\n")
    assert _ratings(text, published="2019-09-27") == [
        ("pillar_effectiveness", "good", None), ("pillar_efficiency", "requires_improvement", None),
        ("pillar_legitimacy", "outstanding", None)]


def test_forces_listed_after_their_grade():
    text = ("PEEL: police efficiency 2017 – force results\n\n"
            "The force judged as outstanding is Durham Constabulary.\n"
            "The three forces assessed as ‘requires improvement’ are Cleveland Police, Gwent Police and Essex Police.\n"
            "All other forces were judged as ‘good’.\n")
    got = sorted((r.inspection.split("/")[1], r.area, r.grade) for r in _extract(text, "2017-12-12").ratings)
    assert got == [("cleveland", "pillar_efficiency", "requires_improvement"),
                   ("durham", "pillar_efficiency", "outstanding"),
                   ("essex", "pillar_efficiency", "requires_improvement"),
                   ("gwent", "pillar_efficiency", "requires_improvement")]


def test_tallies_of_unnamed_forces_are_no_ratings():
    text = ("Half of forces not investigating crime well, analysis finds\n\n"
            "An analysis of the inspections of Kent Police and the other forces in 2021/22 was published today.\n"
            "Three forces were ranked inadequate for investigating crime, with 19 judged as “requiring improvement”. "
            "Eight were assessed as “inadequate” in responding to the public, and a further 17 found to be "
            "“requiring improvement”.\n"
            "Kent Police was one of four forces rated outstanding for preventing crime.\n")
    assert _ratings(text, published="2023-01-10") == [("preventing_crime_asb", "outstanding", None)]


def test_table_flattened_to_lines_and_grade_definitions():
    text = ("Lincolnshire Police PEEL 2023-25\n\nOur judgments\n\n"
            "Investigating crime\nRequires improvement\nResponding to the public\nGood\n"
            "Protecting vulnerable people\nAdequate\n\n"
            "Graded judgments are:\n"
            "- Outstanding – The force has substantially exceeded the characteristics of good performance\n"
            "- Good – The force has shown substantially all the characteristics of good performance\n")
    assert _ratings(text, published="2024-02-01") == [
        ("investigating_crime", "requires_improvement", None), ("protecting_vulnerable_people", "adequate", None),
        ("responding_to_the_public", "good", None)]


@pytest.mark.parametrize("text", [
    "Previously rated 'requires improvement', Gwent Police is now judged 'good' at protecting vulnerable people.",
    "Gwent Police has been rated good at protecting vulnerable people, an improvement on the requires improvement "
    "grade it got in 2019.",
])
def test_comparisons_grade_the_earlier_round_and_the_latest(text):
    got = _by_inspection(text, published="2022-09-01")
    assert [(area, grade) for _, area, grade in got] == [
        ("protecting_vulnerable_people", "requires_improvement"), ("protecting_vulnerable_people", "good")]
    assert [key.rsplit("/", 1)[-1] for key, _, _ in got] == ["2018-19", "2021-22"]


def test_counted_grades_survive_the_dating_of_their_inspection():
    text = ("Cleveland Police praised by inspectors\n\n"
            "Cleveland Police was the only force to receive 'outstanding' in building, supporting and protecting "
            "the workforce in its latest PEEL inspection.\n\n"
            "The force received one 'outstanding', six ‘good’ and two 'adequate' ratings.\n")
    got = [r for r in _ratings(text) if r[0] == "unspecified"]
    assert got == [("unspecified", "adequate", 2), ("unspecified", "good", 6)]  # 'outstanding': the one named


def test_national_tally_in_a_force_article():
    text = ("The first PEEL assessment of Norfolk Constabulary was published today.\n"
            "This year the inspectorate graded all forces on efficiency, with four forces being outstanding, 36 "
            "graded as good, three require improvement, and no forces considered to be inadequate. Norfolk "
            "Constabulary was graded good for efficiency.\n")
    got = _ratings(text, published="2014-11-27")
    assert [(area.endswith("efficiency") or area.endswith("efficient"), grade) for area, grade, _ in got] == [
        (True, "good")]


def test_grade_then_passive_rating_verb_then_areas():
    got = _ratings("The inspectorate graded Bedfordshire Police across nine areas, with a grade of ‘Good’ being "
                   "awarded for investigating crime, and managing offenders and suspects.", published="2022-06-01")
    assert got == [("investigating_crime", "good", None), ("managing_offenders_suspects", "good", None)]


def test_participle_grade_dated_by_a_named_inspection():
    text = ("Cheshire Constabulary PEEL 2018/19\n\n"
            "Recording crime, graded inadequate by HMIC in the 2016 crime data integrity inspection, is now "
            "described as outstanding. It was called outstanding in 2018/19, having been graded inadequate in the "
            "2016 crime data integrity inspection.\n")
    got = _by_inspection(text, published="2019-05-02")
    inadequate = [key for key, _, grade in got if grade == "inadequate"]
    assert len(inadequate) == 1 and inadequate[0].endswith("/2016")  # one grade, of the inspection named


def test_count_out_of_a_total_without_the():
    got = _ratings("Northumbria Police was graded as requires improvement in six of nine areas in its PEEL inspection.",
                   published="2022-06-01")
    assert got == [("unspecified", "requires_improvement", 6)]
