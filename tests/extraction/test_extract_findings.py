"""Findings: bullets under headings, report sentences, reported findings, kinds."""

from __future__ import annotations

from inspectkg.ingest.extract import extract
from inspectkg.ingest.extract.findings import kind_of
from inspectkg.model import Document


def _findings(text):
    return [(f.kind, f.text.exact) for f in extract(Document(text, "t.txt")).findings]


def test_kinds_from_cues():
    assert kind_of("The force should review its custody procedures.") == "area_for_improvement"
    assert kind_of("Within three months, the force should publish a plan.") == "recommendation"
    assert kind_of("This is a cause of concern.") == "cause_of_concern"
    assert kind_of("Officers are good at safeguarding children.") == "strength"
    assert kind_of("Officers do not record risks.") == "statement"


def test_bullets_under_headings():
    text = ("Lincolnshire Police inspection 2019\n\nAreas for improvement\n"
            "- The force should improve its crime allocation.\n- The force should train more detectives.\n\n"
            "Causes of concern\n- Victims wait too long for a response.\n")
    got = _findings(text)
    assert ("area_for_improvement", "The force should improve its crime allocation") in got
    assert ("area_for_improvement", "The force should train more detectives") in got
    assert ("cause_of_concern", "Victims wait too long for a response") in got
    assert not [t for _, t in got if t.startswith(("Areas for", "Causes of"))]


def test_reported_findings_in_news():
    got = dict((t, k) for k, t in _findings(
        "Inspectors said Kent Police's control room \"is short of staff\".\n"
        "The report found that the force was quick to answer 999 calls.\n"
        "Some victims waited days for a call back, the watchdog said.\n"
        "Kent Police was urged to improve how it records stalking.\n"))
    assert any("short of staff" in t for t in got)
    assert "the force was quick to answer 999 calls" in got
    assert "Some victims waited days for a call back" in got
    assert got.get("Kent Police was urged to improve how it records stalking") == "area_for_improvement"


def test_speech_of_others_is_no_finding():
    got = _findings("The chief constable said Kent Police was proud of its officers.\n"
                    "The mayor said the force had a good week.")
    assert got == []


def test_inspector_quote_sentences_are_findings():
    got = _findings("HM Inspector of Constabulary Wendy Williams said:\n"
                    "\u201cThe force has made real progress in how it protects children.\n"
                    "\u201cHowever, it still does not understand the demand it faces.\u201d\n")
    texts = [t for _, t in got]
    assert any("real progress" in t for t in texts) and any("demand it faces" in t for t in texts)


def test_pattern_row_with_an_unquoted_comma_is_refused(tmp_path):
    import pytest

    from inspectkg.errors import RuleError
    from inspectkg.ingest.extract.cues import rows

    (tmp_path / "kinds.csv").write_text("kind,pattern\nstrength,\\bgood\\b\nstrength,\\bwell\\b{0,60}\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"kinds\.csv:3.*quote a pattern"):
        rows("kinds.csv", ("kind", "pattern"), directory=tmp_path)


def test_kinds_mentions_of_recommendations_and_concerns_are_not_kinds_of_their_own():
    # a recommendation made, not one mentioned as done or pending
    assert kind_of("We recommend that the force reviews its use of bail.") == "recommendation"
    assert kind_of("HMICFRS makes a number of recommendations about call handling.") == "recommendation"
    assert kind_of("The report ordered Avon and Somerset Police to publish a plan.") == "recommendation"
    assert kind_of("The force has implemented most of the recommendations from our last report.") == "strength"
    # a concern raised, not the public's concerns the force answers
    assert kind_of("Inspectors raised serious concerns about the control room.") == "cause_of_concern"
    assert kind_of("The force should respond to the concerns of local residents.") == "area_for_improvement"
    assert kind_of("Officers use data well to address community concerns.") == "strength"
    # praise that holds a word of risk or problems
    assert kind_of("Officers are good at risk-assessing stalking reports.") == "strength"
    assert kind_of("Neighbourhood teams take a problem-solving approach and have made positive changes.") == "strength"
    assert kind_of("Inspectors stressed the need for the force to train more detectives.") == "area_for_improvement"


def test_a_finding_belongs_to_the_report_that_states_it():
    text = ("Essex Police: crime data integrity inspection 2019\n\n"
            "Essex Police has made real progress in recording crime accurately since our 2016 crime data "
            "integrity inspection.\n\n"
            "The 2016 inspection found that the force failed to record one in five violent crimes.\n\n"
            "Since 2016 the force has trained every call handler, which we found has cut errors by half.\n\n"
            "We found that the force now records almost all reports of rape correctly.\n")
    ex = extract(Document(text, "t.txt"))
    by_text = {f.text.exact: f.inspection for f in ex.findings}
    current = by_text["We found that the force now records almost all reports of rape correctly"]
    assert current and current.endswith("2019")
    progress = next(v for k, v in by_text.items() if k.startswith("Essex Police has made real progress"))
    assert progress == current  # what the 2019 report says about its 2016 report is a 2019 finding
    earlier = next(v for k, v in by_text.items() if "one in five violent crimes" in k)
    assert earlier and earlier.endswith("2016")  # what the 2016 inspection found
