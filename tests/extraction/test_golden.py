"""Golden cases: ``tests/extraction/golden/<case>/input.txt`` and ``expected.json``.

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


# --- inspection-side categories (inspections, ratings, findings, statistics, responses) ---

def _overlaps(text, spans):
    return [s for s in spans if text in s.exact or s.exact in text]


def check_not_claims(ex, want):
    """Hard negatives: words that are no claim ("Force told to improve" is an instruction, in the passive)."""
    for text in want:
        assert not [c for c in ex.claims if _norm(text) in _norm(c.text.exact)], (text, [c.text.exact for c in ex.claims])


def check_inspections(ex, want):
    got = {i.key: i for i in ex.inspections}
    for w in want:
        assert w["key"] in got, (w["key"], sorted(got))
        for field in ("inspected", "inspectorate", "programme", "period", "published"):
            if field in w:
                assert getattr(got[w["key"]], field) == w[field], (w["key"], field, getattr(got[w["key"]], field))


def check_ratings(ex, want):
    got = sorted((r.area, r.grade) for r in ex.ratings)
    assert got == sorted((w["area"], w["grade"]) for w in want), got
    for w in want:
        rating = next((r for r in ex.ratings if (r.area, r.grade) == (w["area"], w["grade"])
                       and r.inspection == w.get("inspection", r.inspection)), None)
        assert rating is not None, (w, [(r.inspection, r.area, r.grade) for r in ex.ratings])
        for field in ("area_count", "scale", "inspection"):
            if field in w:
                assert getattr(rating, field) == w[field], (w, getattr(rating, field))


def check_findings(ex, want):
    for w in want:
        hits = [f for f in ex.findings if _overlaps(w["text"], [f.text])]
        assert hits, (w["text"], [f.text.exact for f in ex.findings])
        if "kind" in w:
            assert hits[0].kind == w["kind"], (w, hits[0].kind)


def check_not_findings(ex, want):
    for text in want:
        assert not [f for f in ex.findings if text in f.text.exact], text


def check_statistics(ex, want):
    from decimal import Decimal
    for w in want:
        hits = [s for s in ex.statistics if s.text.exact.startswith(w["text"])]
        assert hits, (w["text"], [s.text.exact for s in ex.statistics])
        assert hits[0].value == Decimal(w["value"]) and hits[0].unit == w.get("unit", hits[0].unit), hits[0]
        if "period" in w:
            assert hits[0].period == w["period"], hits[0]


def check_not_statistics(ex, want):
    for text in want:
        assert not [s for s in ex.statistics if s.text.exact.startswith(text)], text


def check_responses(ex, want):
    findings = {f.key: f.text.exact for f in ex.findings}
    inspections = {i.key for i in ex.inspections}
    for w in want:
        claim = next((c for c in ex.claims if w["claim"] in c.text.exact), None)
        assert claim is not None, (w["claim"], [c.text.exact for c in ex.claims])
        for target in w["responds_to"]:
            if target == "inspection":
                assert set(claim.responds_to) & inspections, claim.responds_to
            else:
                words = target.removeprefix("finding:")
                assert any(words in findings.get(k, "") for k in claim.responds_to), (target, claim.responds_to)
        if "stance" in w:
            assert claim.stance == w["stance"], claim.stance


CHECKERS = {name.removeprefix("check_"): fn for name, fn in globals().items() if name.startswith("check_")}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case):
    text = (case / "input.txt").read_text(encoding="utf-8")
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    ex = extract(Document(text, f"golden/{case.name}/input.txt"))
    for category, want in expected.items():
        assert category in CHECKERS, f"no checker for category {category!r} in tests/extraction/test_golden.py"
        CHECKERS[category](ex, want)
