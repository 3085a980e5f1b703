"""Official grade words ("outstanding", "requires improvement" ...) in running text.

The forms come from ``patterns/grade_forms.csv``; informal words ("poor",
"failing", "excellent") are not grades and are never listed there.  A grade word
that begins an area's name in ``peel_areas.csv`` ("Good use of resources") is no
grade there.
"""

from __future__ import annotations

import re
from functools import cache

from ...reference import load as load_reference
from . import cues, prefilter

# The official grades' labels (``data/grades.csv``, scales peel_4tier and peel_5tier) as one regex
# alternation, "require improvement" too; the one home of the plain grade words in patterns
# (tests/test_x_one_home.py checks it against the data).
GRADE_WORDS = r"(?:outstanding|good|adequate|requires? improvement|inadequate)"


def official_grade_ids() -> frozenset[str]:
    """The ids of the official grades (both PEEL scales) in ``data/grades.csv``."""
    return frozenset(g.id for g in load_reference().grades if g.scale.startswith("peel_"))


@cache
def grade_regex() -> re.Pattern:
    forms = sorted(cues.grade_forms(), key=lambda gf: -len(gf[1]))
    parts = [r"\s+".join(map(re.escape, form.split())) for _, form in forms]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


@cache
def _scan() -> prefilter.Scan:
    return prefilter.Scan(grade_regex())


@cache
def _by_form() -> dict[str, str]:
    return {" ".join(form.lower().split()): grade for grade, form in cues.grade_forms()}


def grade_of(matched: str) -> str:
    return _by_form()[" ".join(matched.lower().split())]


def find(text: str, start: int = 0, end: int | None = None):
    """(grade id, start, end) of each grade word in text[start:end]."""
    names = None
    for m in _scan().finditer(text, start, len(text) if end is None else end):
        if names is None:
            names = _area_names_with_grade()
        if names.match(text, m.start()):
            continue
        yield grade_of(m.group(0)), m.start(), m.end()


@cache
def _area_names_with_grade() -> re.Pattern:
    """The area names and paraphrases that begin with a grade word, as one regex."""
    names = set()
    for area in load_reference().areas:
        for phrase in (area.label, *area.paraphrases):
            m = grade_regex().match(phrase)
            if m and m.end() < len(phrase):
                names.add(phrase)
    parts = sorted((r"\s+".join(map(re.escape, n.split())) for n in names), key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(parts) + r")\b" if parts else r"(?!)", re.IGNORECASE)
