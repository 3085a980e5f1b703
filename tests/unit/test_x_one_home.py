"""One home for each fact in ingest/: the official grades (ids and the grade words of patterns) come
from data/grades.csv via the grades module; month names only from ingest/months.py."""

from __future__ import annotations

import re
from pathlib import Path

from inspectkg.ingest.extract import cues, grades
from inspectkg.reference import load as load_reference

INGEST = Path(grades.__file__).resolve().parents[1]


def test_grade_words_name_exactly_the_official_grades():
    labels = {g.label.lower() for g in load_reference().grades if g.scale.startswith("peel_")}
    words = re.compile(grades.GRADE_WORDS + r"\Z")
    assert labels and all(words.match(label) for label in labels)
    assert len(grades.GRADE_WORDS.split("|")) == len(labels)


def test_grade_forms_are_checked_against_the_official_grade_ids():
    assert {grade for grade, _ in cues.grade_forms()} == grades.official_grade_ids()
    assert not hasattr(cues, "GRADES")  # no second list of grade ids


def test_grade_words_and_month_names_are_written_once():
    for path in INGEST.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if path.name != "grades.py":
            assert "outstanding|good" not in source, f"{path.name} spells out the grade words"
        if path.name != "months.py":
            assert not re.search(r"(?i)january\W+february|\bjan\b\W+feb\b", source), f"{path.name} lists month names"


def test_rating_verbs_are_written_once_in_the_lexicon():
    """The inspections step and the ratings step read their rating verbs from patterns/lexicon.csv:
    a sentence with any rating verb or cue reads as a rating sentence to both; the loose cues
    ("found to be", "considered") grade beside an area but do not make a sentence a rating one."""
    from inspectkg.ingest.extract import inspections, lexicon, rating_cues

    lex = lexicon.load()
    verbs, loose = lex.of("rating_verb") | lex.of("rating_cue"), lex.of("rating_loose_cue")
    assert verbs and loose
    for verb in verbs | loose:
        sentence = f"Durham Constabulary was {verb} good, inspectors said."
        assert rating_cues.VERB.search(sentence), verb
        assert bool(inspections._RATING_VERB.search(sentence)) == (verb in verbs), verb
    for path in INGEST.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"rated\|rates\|rating\|graded", source), f"{path.name} lists rating verbs"
