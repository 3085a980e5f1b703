"""Quotes and their speakers: attribution patterns of news copy and statements (our own texts)."""

from __future__ import annotations

from inspectkg.ingest.extract import extract
from inspectkg.model import Document


def quotes(text: str, published: str | None = None) -> dict[str, str | None]:
    ex = extract(Document(text, "test.txt", published=published))
    return {c.text.exact: c.speaker for c in ex.claims if c.quotation}


def test_a_quote_runs_on_past_a_photo_caption():
    text = ("Suffolk Constabulary rated good\n\n"
            "Chief Constable Nell Harrow said: \u201cI am proud of every officer in this county.\n\n"
            "Suffolk HQ at MartleshamSuffolk HQ at Martlesham\nSuffolk HQ at Martlesham\n\n"
            "\u201cWe have worked hard since the last inspection to answer calls faster.\n\n"
            "\u201cThere is more to do on crime recording.\u201d\n")
    got = quotes(text)
    assert got["We have worked hard since the last inspection to answer calls faster."] == "person/nell-harrow"
    assert got["There is more to do on crime recording."] == "person/nell-harrow"


def test_quote_paragraphs_after_reported_speech_belong_to_its_speaker():
    text = ("Police and Crime Commissioner for Dorset, Tobias Renn, received the report today.\n"
            "Mr Renn said he accepted the grade but believed the inspection had been rushed.\n"
            "\u2018The inspectors changed the published \u2018good\u2019 to \u2018requires improvement\u2019 "
            "without new evidence.\n"
            "\u2018That is not how a fair inspection should work.\n")
    got = quotes(text)
    assert got == {
        "The inspectors changed the published \u2018good\u2019 to \u2018requires improvement\u2019 without new evidence.":
            "person/tobias-renn",
        "That is not how a fair inspection should work.": "person/tobias-renn",
    }


def test_two_apostrophes_close_a_quote():
    text = ("Sgt Mia Lowe, who led the patrols, said the night was calm.\n\n"
            "\u201cWe had no arrests at all,\u2019\u2019 she said. \u201cThe fans were a credit to the town.\n")
    got = quotes(text)
    assert got["We had no arrests at all"] == "person/mia-lowe"
    assert got["The fans were a credit to the town."] == "person/mia-lowe"


def test_a_statement_quoted_as_a_block_and_a_quote_inside_it():
    text = ("Statement on the inspection of the Civil Nuclear Constabulary\n\n"
            "HMICFRS published its report on the Civil Nuclear Constabulary this week.\n\n"
            "Here is the response from the CNPA Chair Priya Okafor:\n\n"
            "\u201cWe welcome the report and its recommendations, and we thank the inspectors for their time.\n\n"
            "The force was praised for its \u201cstrong partnership working\u201d with site operators, "
            "which we will build on.\n\n"
            "We will publish a plan to meet every recommendation by the spring.\u201d\n")
    got = quotes(text)
    okafor = "person/priya-okafor"
    assert got["We welcome the report and its recommendations, and we thank the inspectors for their time."] == okafor
    assert got["We will publish a plan to meet every recommendation by the spring."] == okafor
    assert got["strong partnership working"] == "org/hmicfrs"


def test_the_praised_body_is_not_the_speaker():
    text = ("Norfolk Constabulary has been praised for \u201cclear and visible leadership\u201d in its latest "
            "PEEL inspection report.\n\n"
            "Suffolk Constabulary was described as \u201cslow to learn from complaints\u201d by the Home Office.\n")
    got = quotes(text)
    assert got["clear and visible leadership"] == "org/hmicfrs"
    assert got["slow to learn from complaints"] == "org/home-office"


def test_a_speech_verb_that_ends_the_sentence_attributes_its_quotes():
    text = ("\u2018Real progress\u2019 on call handling at Gwent Police, but delays remain, says HMICFRS\n\n"
            "Gwent Police has made \u201cconsiderable gains\u201d in answering 999 calls since 2021, "
            "but too many 101 callers still give up, the police inspectorate has said.\n")
    got = quotes(text)
    assert got["Real progress"] == "org/hmicfrs"
    assert got["considerable gains"] == "org/hmicfrs"


def test_words_signed_off_by_a_named_author_are_a_quotation():
    text = ("North Wales Police chief on the inspection\n"
            "I want to thank every officer for their work through a very hard winter, "
            "writes Chief Constable Owain Price.\n"
            "The force was rated good for investigating crime, the report said.\n")
    got = quotes(text)
    assert got == {"I want to thank every officer for their work through a very hard winter": "person/owain-price"}


def test_the_subject_after_a_dash_speaks():
    text = ("Merseyside Police was inspected in the spring \u2013 the report, published on Friday (3 May), "
            "states the force has \u2018made real strides in protecting vulnerable people\u2019 since 2022.\n")
    got = quotes(text)
    assert got["made real strides in protecting vulnerable people"] == "org/hmicfrs"


def test_a_quoted_title_of_a_report_is_no_quotation():
    text = ("HMIC inspected Cheshire Constabulary in 2015. The committee published its report, "
            "\u201cCounting the cost: why recorded crime figures fall short\u201d, which found gaps in 2014.\n")
    assert quotes(text) == {}


def test_a_quote_inside_a_quote_is_the_report_s_words():
    text = ("Cleveland Police has received its PEEL report from HMICFRS.\n\n"
            "Chief Constable Ravi Sandhu said: \u201cWe are on the right track. The report recognises the "
            "\u2018robust plan\u2019 we have set to reach every community, and our \u2018good\u2019 grades "
            "show it.\u201d\n")
    got = quotes(text)
    assert got["robust plan"] == "org/hmicfrs"
    assert "good" not in got
    assert got[next(k for k in got if k.startswith("We are on the right track."))] == "person/ravi-sandhu"


def test_he_and_she_go_to_the_person_of_that_gender():
    text = ("Chief Constable Sarah Lyle and Superintendent Mark Odum met the inspectors.\n\n"
            "\u201cWe will answer every call faster,\u201d she said.\n\n"
            "Detective Inspector Rhian Bowe said he had been right. Councillor Alex Penn said she was pleased.\n\n"
            "\u201cThe plan is working,\u201d he said.\n")
    got = quotes(text)
    assert got["We will answer every call faster"] == "person/sarah-lyle"
    assert got["The plan is working"] == "person/rhian-bowe"  # "he" used of Rhian Bowe, "she" of Alex Penn


def test_a_speaker_named_only_by_a_role():
    text = ("Criminal Justice Inspection Northern Ireland published its review of the PSNI today.\n\n"
            "Mei Tanaka, chief inspector of criminal justice in Northern Ireland, said progress was slow.\n\n"
            "\u201cEvery victim deserves a faster answer,\u201d said the chief inspector.\n\n"
            "HMICFRS inspected Lincolnshire Police in 2023. \u201cToo many calls wait,\u201d the inspector said.\n")
    got = quotes(text)
    assert got["Every victim deserves a faster answer"] == "person/mei-tanaka"


def test_a_first_name_alone_beside_a_speech_verb_and_a_chair_after_an_abbreviation():
    text = ("National Police Chiefs\u2019 Council (NPCC) Chair Owen Tate said forces were stretched.\n\n"
            "Helen Corrie, secretary of the Humber branch, said the report was fair.\n\n"
            "\u201cWe still need to go further,\u201d says Helen.\n")
    ex = extract(Document(text, "t.txt"))
    got = {c.text.exact: c.speaker for c in ex.claims if c.quotation}
    assert got["We still need to go further"] == "person/helen-corrie"
    assert ("person/owen-tate", "chair", "org/npcc") in {(a.person, a.role, a.organisation) for a in ex.appointments}


def test_words_before_said_and_a_name_with_its_title_are_that_person_s():
    text = ("Lancashire Constabulary answers calls faster than last year, said Joan Ashby, chief constable of "
            "Lancashire Constabulary.\n\nRuth Bell, the force's deputy chief constable, said she was proud.\n")
    ex = extract(Document(text, "t.txt"))
    got = {(c.text.exact, c.speaker, c.quotation) for c in ex.claims}
    assert ("Lancashire Constabulary answers calls faster than last year", "person/joan-ashby", True) in got
    assert ("she was proud", "person/ruth-bell", False) in got


def test_a_quote_broken_by_a_line_break_is_one_quote():
    text = ("Gwent Police rated good by HMICFRS\n"
            "\u201cWe will keep improving\nour call handling,\u201d said Chief Constable Pam Rhys. \u201cIt matters.\u201d\n"
            "Acting Inspector Dai Lloyd said: \"We won't rest.\n"
            "Nor will the team.\"\n")
    got = quotes(text)
    assert got["We will keep improving\nour call handling"] == "person/pam-rhys"
    assert got["It matters."] == "person/pam-rhys"
    assert got["We won't rest."] == "person/dai-lloyd" and got["Nor will the team."] == "person/dai-lloyd"


def test_present_tense_verbs_of_praise_attribute_a_quote():
    text = ("Essex Police inspection published\n\n"
            "HMICFRS published its inspection of Essex Police today.\n\n"
            "Chief Constable Amy Vance praises officers for their \u2018calm and quick response to the floods\u2019.\n")
    assert quotes(text)["calm and quick response to the floods"] == "person/amy-vance"


def test_according_to_attributes_a_reported_claim():
    text = ("Cheshire Constabulary was inspected by HMICFRS in 2023.\n"
            "According to Chief Constable Cara Wain, the force would publish its improvement plan within weeks.\n"
            "Too few detectives work on rape cases, according to the report.\n"
            "According to Ivo Brandt, chief constable of Cheshire Constabulary, every team has a plan.\n")
    ex = extract(Document(text, "t.txt"))
    got = {(c.text.exact, c.speaker, c.quotation) for c in ex.claims}
    assert ("the force would publish its improvement plan within weeks", "person/cara-wain", False) in got
    assert ("Too few detectives work on rape cases", "org/hmicfrs", False) in got
    assert ("every team has a plan", "person/ivo-brandt", False) in got
