"""Inspections: period normalisation, PEEL rounds, inspectorate by date, keys."""

from __future__ import annotations

import pytest

from inspectkg.errors import RuleError
from inspectkg.ingest.extract import cues, dates, extract, prefilter
from inspectkg.model import Document


@pytest.mark.parametrize("stated, want", [
    ("2021/22", "2021/22"), ("2021-22", "2021/22"), ("2021/2022", "2021/22"), ("2021 - 22", "2021/22"),
    ("2018", "2018"), ("2023-25", "2023/25"), ("2018-17", "2018"), ("report", None), ("", None),
])
def test_normalise_period(stated, want):
    assert dates.normalise_period(stated) == want


@pytest.mark.parametrize("value, published, want", [
    ("2018", False, "2018/19"), ("2021", False, "2021/22"), ("2015", False, "2015"),
    ("2022-04", True, "2021/22"), ("2022-04-14", True, "2021/22"), ("2016-02-18", True, "2015"),
    ("2019-09", True, "2018/19"), ("2024-01", True, "2023/25"), ("2021-22", False, "2021/22"),
])
def test_peel_round(value, published, want):
    assert dates.peel_round(value, published) == want


def test_same_inspection_same_key_across_wordings():
    assert dates.key_period("PEEL", "2021-22", None) == dates.key_period("PEEL", None, "2022-04")
    assert dates.key_period("PEEL", "2018", None) == dates.key_period("PEEL", "2018/19", None)
    assert dates.key_period("crime_data_integrity", None, "2019-03-07") == "2019"


@pytest.mark.parametrize("date, want", [
    ("2017-07-18", "hmic"), ("2017-07-19", "hmicfrs"), ("2016", "hmic"), ("2018/19", "hmicfrs"),
    ("2017", None), (None, None),
])
def test_inspectorate_by_date(date, want):
    assert dates.inspectorate_by_date(date) == want
    assert dates.inspectorate_by_date(date, scotland=True) == "hmics"


def _inspections(text, published=None):
    return {i.key: i for i in extract(Document(text, "t.txt", published=published)).inspections}


def test_news_of_a_new_report_uses_the_document_date():
    got = _inspections("Durham Constabulary was rated good for investigating crime, the police watchdog said "
                       "in a report published today.", published="2022-03-10")
    inspection = got["inspection/durham/peel/2021-22"]
    assert inspection.published == "2022-03-10" and inspection.inspectorate == "org/hmicfrs"


def test_hmic_before_the_rename_and_earlier_inspection():
    text = ("Cheshire Constabulary was rated inadequate for crime recording by HMIC in a report published "
            "today. Inspectors previously inspected crime recording in Cheshire Constabulary in 2014.")
    got = _inspections(text, published="2016-05-02")
    assert "inspection/cheshire/crime-data-integrity/2014" in got
    assert all(i.inspectorate == "org/hmic" for i in got.values())


def test_special_measures_is_engage():
    got = _inspections("Cleveland Police has been placed in special measures by the police inspectorate.")
    assert [i.programme for i in got.values()] == ["engage"]


def test_text_without_force_or_inspection_gives_nothing():
    assert _inspections("The weather was good and the match was a draw.") == {}


def test_broken_pattern_file_names_file_and_line(tmp_path):
    (tmp_path / "programmes.csv").write_text("programme,weight,pattern\nPEEL,2,(unclosed\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"programmes.csv:2"):
        cues.rows("programmes.csv", ("programme", "weight", "pattern"), directory=tmp_path)
    (tmp_path / "stance.csv").write_text("stance,pattern\nagrees,x\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"stance.csv:2.*unknown stance"):
        cues.rows("stance.csv", ("stance", "pattern"), allowed={"stance": cues.STANCES}, directory=tmp_path)


def test_every_pattern_file_loads():
    assert cues.programmes() and cues.grade_forms() and cues.finding_kinds()
    assert cues.stances() and cues.past_cues()


def test_one_inspection_one_inspectorate_across_documents():
    # the same 2017 inspection, reported at the time and recalled years later by a text
    # that also names HMICFRS: both say HMIC (no publication date tells otherwise)
    then = _inspections("Commissioner acts on crime recording\n\nHer Majesty's Inspectorate of Constabulary "
                        "(HMIC) graded Essex Police inadequate in its 2017 crime data integrity inspection.")
    later = _inspections("Essex Police now outstanding at recording crime\n\nWhen HMIC came back for its 2017 "
                         "crime data integrity inspection, it graded Essex Police inadequate. By the PEEL "
                         "2021/22 round HMICFRS, as the inspectorate had become, rated Essex Police outstanding "
                         "for recording data about crime.")
    key = "inspection/essex/crime-data-integrity/2017"
    assert then[key].inspectorate == later[key].inspectorate == "org/hmic"


def test_hmic_named_for_an_inspection_published_after_the_rename_is_hmicfrs():
    got = _inspections("Essex Police was graded inadequate by HMIC in its 2017 crime data integrity "
                       "inspection, which was published in November 2017.")
    assert got["inspection/essex/crime-data-integrity/2017"].inspectorate == "org/hmicfrs"
    # an inspection of 2014 is HMIC's even where a later text names HMICFRS
    got = _inspections("HMICFRS previously inspected crime recording in Essex Police in 2014.",
                       published="2019-03-01")
    assert got["inspection/essex/crime-data-integrity/2014"].inspectorate == "org/hmic"


def test_shared_inspection_has_the_period_of_its_key():
    one = _inspections("Essex Police PEEL 2021/22\n\nEssex Police was rated good at investigating crime "
                       "in its PEEL 2021/22 inspection.")
    other = _inspections("Chief constable to retire\n\nEssex Police's chief constable said the force had "
                         "acted on the 2022 report, which rated it good at investigating crime.",
                         published="2023-09-01")
    key = "inspection/essex/peel/2021-22"
    assert one[key].period == other[key].period == "2021/22"


def test_requirements_of_a_cue_regex():
    req = prefilter.requirements(r"\bcustody (?:suite )?inspection\b")
    assert req == (frozenset({"custody "}), frozenset({"inspection"}))
    req = prefilter.requirements(r"\b(?:effectiveness|efficiency) (?:inspection|report)s?\b")
    assert req == (frozenset({"effectiveness", "efficiency"}), frozenset({"inspection", "report"}))
    assert prefilter.requirements(r"\b(?:in|on) (?:\w+ )?areas?\b") == (frozenset({"area"}),)
    assert prefilter.requirements(r"(?:foo)?\d+") == ()  # nothing required: always tried


@pytest.mark.parametrize("text", [
    "The force was judged to require improvement.", "Inspectors found nothing.", "",
    "INSPECTION of Custody", "custody suite inspection", "custody\u00a0inspection",
])
def test_guarded_regex_finds_what_the_regex_finds(text):
    import re
    for pattern in (r"\bcustody (?:suite )?inspection\b", r"\b(?:judg(?:e|ed)|found)\b", r"(?:foo)?\d+"):
        regex = re.compile(pattern, re.IGNORECASE)
        got, want = prefilter.Guarded(regex).search(text), regex.search(text)
        assert (got and got.span()) == (want and want.span())


# --- dating what the text does not date in so many words ---------------------------------

def test_an_inspection_nobody_can_date_keeps_a_key_of_its_own_document():
    # two documents, two different earlier inspections: never one node with two inspectorates
    first = Document("Cleveland Police criticised\n\nCleveland Police was rated inadequate by HMIC. "
                     "Previous inspections had found the force was failing victims.", "a.txt")
    second = Document("Cleveland Police improves\n\nHMICFRS rated Cleveland Police good. It comes after "
                      "previous inspections by HMIC found problems.", "b.txt")
    keys = [{i.key for i in extract(doc).inspections} for doc in (first, second)]
    earlier = [{k for k in ks if "/earlier-" in k} for ks in keys]
    letters = str.maketrans("0123456789", "ghijklmnop")  # no digits a tool could read as a year
    assert earlier[0] == {"inspection/cleveland/peel/earlier-" + first.id[:8].translate(letters)}
    assert earlier[1] == {"inspection/cleveland/peel/earlier-" + second.id[:8].translate(letters)}
    assert not any(k.endswith(("/earlier", "/undated", "/next")) for ks in keys for k in ks)


def test_ordinal_peel_assessment_names_the_round():
    got = _inspections("Derbyshire 2014\n\nThis is the first PEEL assessment of Derbyshire Constabulary. "
                       "The force is good at reducing crime.")
    assert "inspection/derbyshire/peel/2014" in got
    got = _inspections("Report on Derbyshire Constabulary\n\nThis is the fifth PEEL (police effectiveness, "
                       "efficiency and legitimacy) assessment of Derbyshire Constabulary. It is good at "
                       "investigating crime.")
    assert got["inspection/derbyshire/peel/2018-19"].period == "2018/19"


def test_adequate_and_the_years_mentioned_date_a_five_tier_round():
    got = _inspections("Durham Constabulary praised\n\nInspectors rated Durham Constabulary adequate at "
                       "investigating crime. Arrests rose by a tenth in 2024.")
    assert [i.period for i in got.values()] == ["2023/25"]
    # without "adequate" (or an area of some rounds only) a news report's years alone pick no PEEL round
    got = _inspections("Durham Constabulary praised\n\nInspectors rated Durham Constabulary good overall. "
                       "Arrests rose by a tenth in 2024.")
    assert [i.period for i in got.values()] == [None]


def test_an_announced_inspection_grades_nothing():
    ex = extract(Document("Suffolk Constabulary told to improve\n\nSuffolk Constabulary was rated requires "
                          "improvement at investigating crime in the 2021/22 PEEL round. Inspectors will "
                          "re-visit the force in 2023 to check its inadequate grade for managing offenders.",
                          "s.txt"))
    announced = [i.key for i in ex.inspections if i.key.endswith("2023-25")]
    assert announced and not [r for r in ex.ratings if r.inspection in announced]


@pytest.mark.parametrize("text, key", [
    ("PEEL: Police effectiveness 2016 - Cheshire Constabulary response\n\nA report published today rates "
     "Cheshire Constabulary good at tackling serious and organised crime.", "inspection/cheshire/peel/2016"),
    ("HMIC report - PEEL Police Legitimacy 2015.\n\nThe panel discussed the report on Cheshire Constabulary, "
     "which was rated good.", "inspection/cheshire/peel/2015"),
    ("Cheshire 2018/19\n\nCheshire Constabulary was inspected in the second group and we found it good at "
     "investigating crime in this PEEL assessment.", "inspection/cheshire/peel/2018-19"),
    ("Crime recording in Cheshire\nThe inspectorate has published its assessment today.\nCheshire Constabulary: "
     "Crime Data Integrity inspection 2018\nThe constabulary was rated good.",
     "inspection/cheshire/crime-data-integrity/2018"),
    ("Cheshire Constabulary must answer calls faster\n\nThe PEEL report (2023–25) rates Cheshire Constabulary "
     "requires improvement at responding to the public.", "inspection/cheshire/peel/2023-25"),
])
def test_a_title_or_heading_dates_the_documents_own_inspection(text, key):
    got = _inspections(text)
    assert key in got and got[key].confidence == 0.8, sorted(got)


def test_rounds_named_in_running_text():
    got = _inspections("Norfolk Constabulary praised\n\nNorfolk Constabulary was rated inadequate in 2016, "
                       "followed by a requires improvement rating in 2017. It improved on the 2021/2022 "
                       "inspection, which found problems with call handling.")
    assert {"inspection/norfolk/peel/2016", "inspection/norfolk/peel/2017", "inspection/norfolk/peel/2021-22"} <= set(got)


def test_the_programmes_introduction_is_no_inspection_and_the_documents_own_comes_after_those_named():
    got = _inspections("Norfolk Constabulary rated good\n\nNorfolk Constabulary was rated good for its "
                       "effectiveness, efficiency and legitimacy. It is the first good rating since the "
                       "introduction of PEEL assessments in 2014. The force was rated inadequate in 2016 "
                       "and requires improvement in 2017.")
    assert "inspection/norfolk/peel/2014" not in got
    assert "inspection/norfolk/peel/2018-19" in got  # after 2017, on the pillars' scale


def test_last_year_is_the_year_before_the_documents_date():
    ex = extract(Document("Cumbria Constabulary plan\n\nCumbria Constabulary set out its plan on Monday. A report "
                          "last year rated the force inadequate at responding to the public.", "c.txt",
                          published="2023-09-20"))
    assert [(r.inspection, r.grade) for r in ex.ratings] == [("inspection/cumbria/peel/2021-22", "inadequate")]


def test_a_year_of_another_programme_keys_by_that_programmes_calendar():
    got = _inspections("Merseyside Police PEEL 2023/25\n\nMerseyside Police was rated good at investigating crime "
                       "in its PEEL 2023/25 inspection. This is progress since the 2020 inspection that put the "
                       "force into special measures.")
    assert "inspection/merseyside/engage/2020" in got  # not the PEEL round of 2020 (2018/19)


def test_previous_inspections_in_general_are_not_the_round_before():
    got = _inspections("PEEL 2021/22: Lancashire Constabulary\n\nLancashire Constabulary was rated adequate at "
                       "investigating crime. Our previous inspections found problems with vetting.")
    assert "inspection/lancashire/peel/2018-19" not in got
    got = _inspections("PEEL 2021/22: Lancashire Constabulary\n\nLancashire Constabulary was rated adequate at "
                       "investigating crime. Since our previous inspection the force has hired detectives.")
    assert "inspection/lancashire/peel/2018-19" in got


def test_firearms_licensing_is_no_peel_inspection():
    got = _inspections("Lancashire Constabulary firearms licensing improves\n\nThe inspectorate found Lancashire "
                       "Constabulary has made progress on firearms licensing since it was rated as requiring improvement.")
    assert {i.programme for i in got.values()} == {"other"}


def test_a_detective_inspector_and_the_verb_engage_name_no_inspection():
    got = _inspections("Awards night for Gwent detectives\n\nDetective Inspector Ana Price of Gwent Police won "
                       "the investigation award. Officers engage with young people in Newport every week.",
                       published="2019-10-01")
    assert got == {}


def test_forces_graded_alike_and_a_year_of_the_others_date_the_documents_own_round():
    got = _inspections("Crime recording in three forces\n\nHMIC recently inspected crime recording in Dorset "
                       "Police. Dorset Police was previously inspected on crime recording in 2014. Of the other "
                       "forces, Wiltshire Police was judged good at crime recording.")
    assert "inspection/dorset/crime-data-integrity/2014" in got
    assert "inspection/dorset/crime-data-integrity/2016" in got  # the next round after the one it names
    assert "inspection/wiltshire/crime-data-integrity/2016" in got  # graded alike, for comparison


def test_the_inspectorates_name_dates_the_text():
    # "His Majesty's" from September 2022: with the years the text mentions, the round of the time
    got = _inspections("Essex Police rated good\n\nHis Majesty's Inspectorate of Constabulary and Fire & Rescue "
                       "Services rated Essex Police good overall. Burglaries fell in 2022.")
    assert [i.period for i in got.values()] == ["2021/22"]
    got = _inspections("Essex Police rated good\n\nThe inspectorate rated Essex Police good overall. "
                       "Burglaries fell in 2022.")
    assert [i.period for i in got.values()] == [None]


def test_a_grade_of_an_undated_earlier_inspection_in_an_old_text_is_on_the_four_tier_scale():
    ex = extract(Document("Lincolnshire Police rated good\n\nLincolnshire Police was rated good overall by HMIC in "
                          "a report published today. It comes after the force was rated outstanding for "
                          "efficiency in an earlier inspection.", "l.txt", published="2016-03-01"))
    earlier = [r for r in ex.ratings if "/earlier-" in r.inspection]
    assert earlier and {r.scale for r in earlier} == {"peel_4tier"}


@pytest.mark.parametrize("sentence, key", [
    ("In its 2021-22 PEEL inspection, Surrey Police was rated good at investigating crime.",
     "inspection/surrey/peel/2021-22"),
    ("The 2023 to 2025 PEEL inspection rated Surrey Police adequate at responding to the public.",
     "inspection/surrey/peel/2023-25"),
    ("Surrey Police was graded good in the 2023–2025 PEEL assessment.", "inspection/surrey/peel/2023-25"),
])
def test_split_years_in_every_spelling(sentence, key):
    assert key in _inspections("Surrey Police news\n\n" + sentence)


def test_the_official_name_an_area_is_given_in_decides_between_rounds():
    # "supporting and protecting the workforce" is in the 2023-25 area's name; "His Majesty's" rules out
    # the older rounds; the inspection before it is then the 2021/22 one
    got = _inspections("Norfolk Constabulary praised for its workforce\n\nHis Majesty's Inspectorate of Constabulary "
                       "and Fire & Rescue Services rated Norfolk Constabulary outstanding at supporting and "
                       "protecting the workforce. The force said the grade was an improvement on its previous "
                       "inspection.")
    assert {"inspection/norfolk/peel/2023-25", "inspection/norfolk/peel/2021-22"} <= set(got), sorted(got)


def test_a_year_later_counts_from_the_year_last_mentioned():
    got = _inspections("Gwent Police chief retires\n\nIn 2015 HMIC graded Gwent Police good overall. A year later, "
                       "the crime data integrity inspection rated the force inadequate. Two years later the force "
                       "was judged good in its PEEL inspection.")
    assert {"inspection/gwent/crime-data-integrity/2016", "inspection/gwent/peel/2017"} <= set(got), sorted(got)


def test_this_year_is_the_year_of_the_documents_date():
    ex = extract(Document("Crime recording in Dorset\n\nDorset Police improved after an inspection completed in "
                          "May this year, which judged it good at crime recording. The crime data integrity "
                          "inspection of 2014 had found it failing.", "d.txt", published="2016-08-02"))
    assert {"inspection/dorset/crime-data-integrity/2016", "inspection/dorset/crime-data-integrity/2014"} <= {
        i.key for i in ex.inspections}


def test_a_round_named_before_is_not_made_an_announced_one_by_a_later_sentence():
    ex = extract(Document("PEEL 2021/22: Essex Police\n\nEssex Police was rated good at investigating crime in "
                          "PEEL 2018/19. Inspectors will return to the findings of PEEL 2018/19 when they visit.",
                          "e.txt"))
    assert [(r.inspection, r.grade) for r in ex.ratings] == [("inspection/essex/peel/2018-19", "good")]
