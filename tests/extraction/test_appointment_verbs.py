"""'X took over as <role>': an appointment attested by the verb, as well as by a title."""

import pytest

from inspectkg.ingest.extract import extract
from inspectkg.model import Document


def appointments(text):
    return {(a.person, a.role, a.qualifier) for a in extract(Document(text, "story.txt")).appointments}


def test_a_clause_between_name_and_verb_is_skipped():
    text = ("Deputy Chief Constable Jane Roe, who led the response to the report, took over as "
            "temporary chief constable of Kent Police on 3 October.")
    assert appointments(text) == {
        ("person/jane-roe", "deputy_chief_constable", None),
        ("person/jane-roe", "chief_constable", "temporary"),
    }


@pytest.mark.parametrize("verb", ["became", "was elected as", "has been named as"])
def test_appointment_verbs_make_a_person_with_a_role(verb):
    text = f"Priya Shah {verb} Police and Crime Commissioner for Kent in 2021."
    assert ("person/priya-shah", "police_and_crime_commissioner", None) in appointments(text)


@pytest.mark.parametrize("text", [
    "Mary Brown became famous for her work with victims.",  # no role after the verb
    "Victim Support became a partner of Kent Police.",  # an organisation, no role
])
def test_no_appointment_without_a_role_title(text):
    assert appointments(text) == set()
