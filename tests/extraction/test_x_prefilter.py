"""The regex pre-filter (ingest/extract/prefilter.py) reads patterns with a parser of its own, never
CPython's private one, and a guarded or scanned regex finds exactly what the regex finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from inspectkg.ingest.extract import prefilter

PATTERNS = [
    r"\bcustody (?:suite )?inspection\b",
    r"(?:\bcommitted to\b)|(?:\bwe will\b|\bwe'll\b)",
    r"(?<![\w-])(?:assessed\s+to\s+be|judged\s+as)\b",
    r"\b(?:this|that|the same)\s+(?:grade|rating)s?\b",
    r"[Tt]he (?:force|constabulary)",
    r"(?i:HMIC\w*)|(?-i:Inspectors?)",
    r"\b\d{1,3}-year-old[ \u00a0]+",
    r"(?P<n>\d+) areas?\b",
]
WORDS = ["the", "The", "force", "constabulary", "custody", "suite", "inspection", "we", "will", "we'll",
         "committed", "to", "assessed", "judged", "as", "be", "-", "grade", "rating", "ratings", "HMICFRS",
         "Inspectors", "inspectors", "22-year-old", "3", "areas", "area", "İ", "ſ", ",", "\u00a0"]
texts = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)


@given(texts)
def test_guarded_and_scanned_regexes_find_what_the_regex_finds(text):
    for pattern in PATTERNS:
        regex = re.compile(pattern, re.IGNORECASE)
        want = [m.span() for m in regex.finditer(text)]
        assert [m.span() for m in prefilter.Guarded(regex).finditer(text)] == want
        assert [m.span() for m in prefilter.Scan(regex).finditer(text)] == want
        found = prefilter.Guarded(regex).search(text)
        assert (found and found.span()) == (want[0] if want else None)


def test_requirements_and_prefixes_are_read_off_the_pattern():
    assert prefilter.requirements(r"\b(?:the force|the constabulary)\b") == (frozenset({"the force", "the constabulary"}),)
    assert prefilter.prefixes(r"\b(?:in|across) (?:\w+ )?areas\b") == ("across ", "in ")
    assert prefilter.prefixes(r"[Tt]he force") == ("the force",)
    assert prefilter.prefixes(r"\w+ said") is None  # begins with no literal
    assert prefilter.requirements(r"(?x) custody  inspection") == ()  # verbose: white space is no literal
    assert prefilter.requirements(re.compile(r"custody inspection", re.VERBOSE)) == ()


@pytest.mark.parametrize("pattern", [r"(\w+) \1", r"(?(1)a|b)", r"\N{BULLET} item"])
def test_a_pattern_the_parser_does_not_read_gives_no_facts(pattern):
    assert prefilter.requirements(pattern) == ()
    assert prefilter.prefixes(pattern) is None


def test_only_public_apis():
    source = (Path(prefilter.__file__).parent / "cues.py").read_text(encoding="utf-8") \
        + Path(prefilter.__file__).read_text(encoding="utf-8")
    for private in ("_parser", "sre_parse", "sre_constants", "eval("):
        assert private not in source
