"""Golden cases: ``tests/golden/<case>/input.txt`` and ``expected.json``.

``expected.json`` holds only the categories the case is about; each category
has a checker below (add one for a new category).  Texts are our own writing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from inspectkg import iris
from inspectkg.ingest.extract import extract
from inspectkg.model import Document

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p for p in GOLDEN.glob("*/") if (p / "expected.json").is_file())


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip(" \"',.;:!?").lower()


def check_forces(ex, want):
    assert sorted(o.key for o in ex.organisations if o.kind == "police_force") == sorted(want)


def check_main_force(ex, want):
    assert ex.main_force == want


def check_organisations(ex, want):
    got = {(o.key, o.kind) for o in ex.organisations if o.kind != "police_force"}
    assert got == {(w["key"], w["kind"]) for w in want}


def check_people(ex, want):
    assert sorted(p.name for p in ex.people) == sorted(want)


def check_not_people(ex, want):
    names = {p.name for p in ex.people}
    assert not names & set(want)


def check_appointments(ex, want):
    got = {(a.person, a.role, a.organisation, a.qualifier) for a in ex.appointments}
    for w in want:
        assert (w["person"], w["role"], w.get("organisation"), w.get("qualifier")) in got, (w, got)


def check_mentions(ex, want):
    by_key = {e.key: {m.exact for m in e.mentions} for e in (*ex.organisations, *ex.people)}
    for w in want:
        assert w["text"] in by_key.get(w["key"], set()), (w, by_key.get(w["key"]))


def check_quotes(ex, want):
    got = {(_norm(c.text.exact), c.speaker) for c in ex.claims if c.quotation}
    assert got == {(_norm(w["text"]), w["speaker"]) for w in want}


def check_claims(ex, want):
    got = {(_norm(c.text.exact), c.speaker) for c in ex.claims if not c.quotation}
    for w in want:
        assert (_norm(w["text"]), w["speaker"]) in got, (w, got)


CHECKERS = {name.removeprefix("check_"): fn for name, fn in globals().items() if name.startswith("check_")}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case):
    text = (case / "input.txt").read_text(encoding="utf-8")
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    ex = extract(Document(text, f"golden/{case.name}/input.txt"))
    for category, want in expected.items():
        assert category in CHECKERS, f"no checker for category {category!r} in tests/test_golden.py"
        CHECKERS[category](ex, want)
