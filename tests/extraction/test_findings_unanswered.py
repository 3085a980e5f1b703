"""unanswered-findings on a store built from real files: a response to the report as a whole
answers its findings; an inspector's own words answer nothing."""

from __future__ import annotations

from inspectkg.sparql import queries
from inspectkg.store.embedded import Store
from inspectkg.pipeline import build

ANSWERED = (
    "Suffolk Constabulary told to improve its control room\n\n"
    "Suffolk Constabulary must answer 999 calls more quickly, inspectors said.\n\n"
    "The report also found that the force does not record anti-social behaviour accurately.\n\n"
    "HM Inspector of Constabulary Ann Porter said: \"Suffolk must answer 999 calls more quickly.\"\n\n"
    "Chief Constable Mark Hale said: \"We accept the report in full and we will act on every one of its "
    "findings.\"\n"
)
UNANSWERED = (
    "Durham Constabulary criticised over stalking\n\n"
    "Durham Constabulary does not give stalking victims enough support, inspectors said.\n\n"
    "HM Inspector of Constabulary Ann Porter said: \"Durham does not give stalking victims enough support.\"\n"
)


def _unanswered(tmp_path) -> dict[str, set[str]]:
    (tmp_path / "suffolk.txt").write_text(ANSWERED, encoding="utf-8")
    (tmp_path / "durham.txt").write_text(UNANSWERED, encoding="utf-8")
    store = Store(None)
    build([tmp_path / "suffolk.txt", tmp_path / "durham.txt"], store)
    rows = queries.run(queries.get("unanswered-findings"), {}, store).as_dicts()
    out: dict[str, set[str]] = {}
    for row in rows:
        out.setdefault(row["force"].rsplit("/", 1)[1], set()).add(row["finding"])
    return out


def test_a_response_to_the_whole_report_answers_its_findings(tmp_path):
    assert "suffolk" not in _unanswered(tmp_path)


def test_an_inspectors_own_words_answer_nothing(tmp_path):
    got = _unanswered(tmp_path)
    assert "Durham Constabulary does not give stalking victims enough support" in got.get("durham", ())
