"""Counts written in words, and which numbers count time rather than things.

An inspection's results are often counted in words: "'good' in one area,
'adequate' in two", "one Good, five Requires Improvement and three Inadequate
gradings", "six of the nine areas", "eleven recommendations".  A number word
is a statistic when it counts what an inspection grades or asks for (the
``counted`` nouns of ``patterns/counts.csv``), or grades ("six 'good'",
"Good in three areas").  Not: "one of the largest forces" (membership), "four
other areas" (a remainder), "the nine" of "six of the nine areas" (the base
of the count), numbers of days, months or years.

    counts.csv    kind,word,value     number words, counted nouns, time units
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from ...errors import RuleError
from . import cues, prefilter
from .grades import GRADE_WORDS

_GRADE = GRADE_WORDS
_QUOTE = "[‘’'\"“”]"


_OF = re.compile(r"\s+of\b")
_OTHER = re.compile(r"\s+other\b", re.IGNORECASE)
_NOUN = re.compile(r"\s+[a-z][a-z-]+\b(?<!\band)(?<!\bor)")


@cache
def _words() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {"number": {}, "counted": {}, "time": {}}
    for row in cues.rows("counts.csv", ("kind", "word"), None, {"kind": set(out)}):
        if row["kind"] == "number" and not (row.get("value") or "").isdigit():
            raise RuleError(cues.PATTERNS_DIR / "counts.csv", f"number word {row['word']!r} has no value")
        out[row["kind"]][row["word"].lower()] = row.get("value") or ""
    return out


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns():
    words = _words()
    number = re.compile(r"\b(?:" + _alternatives(words["number"]) + r")\b", re.IGNORECASE)
    counted = _alternatives(words["counted"])
    # after the number: "areas", "of the nine areas", "major inspection reports", "'good'", "Good,"
    after = re.compile(
        r"\s+(?:(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+)?(?:\w+\s+)?)?(?:[\w-]+\s+){0,2}?"
        r"(?:" + counted + r")\b", re.IGNORECASE)
    graded = re.compile(
        r"\s+(?:" + _QUOTE + _GRADE + _QUOTE + r"|(?-i:Outstanding|Good|Adequate|Requires Improvement|Inadequate)\b)"
        r"|\s+" + _GRADE + r"\s+(?:ratings?|gradings?|grades?)\b",
        re.IGNORECASE)
    # before the number: "'good' in", "Requires Improvement in", "rated adequate across"
    before = re.compile(_GRADE + _QUOTE + r"?\s+(?:in|across|for)\s+$"
                        r"|\b(?:killed|injured|wounded|arrested|charged|detained|rescued)\s+$", re.IGNORECASE)
    # "two of which related to the force": a count of the things just named
    of_which = re.compile(r"\s+of\s+(?:which|whom|them|these|those)\b", re.IGNORECASE)
    time = re.compile(r"[\s-]+(?:" + _alternatives(words["time"]) + r")\b", re.IGNORECASE)
    base = re.compile(r"(?:\b(?:" + _alternatives(words["number"]) + r")|\d+)\s+(?:out\s+)?of\s+(?:the\s+)?$",
                      re.IGNORECASE)
    return number, (after, graded), before, time, base, of_which


@cache
def _scan() -> prefilter.Scan:
    return prefilter.Scan(_patterns()[0])


def number_words_may_be_in(text: str):
    """A test ``(start, end) -> bool``: may text[start:end] hold a number word?  (One look per text.)"""
    return _scan().may_match_in(text)


def number_words(text: str, start: int, end: int) -> list[tuple[int, int, Decimal]]:
    """(start, end of the counted phrase, value) of every number word in text[start:end] that counts
    grades, graded areas, recommendations, reports or forces."""
    _, (after, graded), before, time, base, of_which = _patterns()
    values = _words()["number"]
    out = []
    for m in _scan().finditer(text, start, end):
        word = m.group(0).lower()
        if word == "one" and _OF.match(text, m.end(), end):
            continue  # "one of the largest forces": membership, not a count
        if _OTHER.match(text, m.end(), end):
            continue  # "four other areas": the rest of a count
        if base.search(text, max(start, m.start() - 24), m.start()):
            continue  # "six of the nine areas": nine is the base of the count
        if time.match(text, m.end(), end):
            continue  # "two years", "seven months": time
        hit = (after.match(text, m.end(), end) if word != "one" else None)  # not "one area in particular"
        hit = hit or graded.match(text, m.end(), end) or of_which.match(text, m.end(), end)
        if hit:
            out.append((m.start(), hit.end(), Decimal(values[word])))
        elif before.search(text, max(start, m.start() - 40), m.start()):
            noun = after.match(text, m.end(), end) or _NOUN.match(text, m.end(), end)  # "in one area", "killed two people"
            out.append((m.start(), noun.end() if noun else m.end(), Decimal(values[word])))
    return out


def is_time(text: str, end: int, limit: int) -> bool:
    """Does a number ending at ``end`` count time ("12 months", "seven-year")?"""
    return bool(_patterns()[3].match(text, end, limit))


def time_in_a_name(text: str, end: int, limit: int) -> bool:
    """Is the time unit after the number capitalised, part of a title ("24 Hours in Police Custody")?"""
    m = _patterns()[3].match(text, end, limit)
    return bool(m) and m.group(0).lstrip(" -")[:1].isupper()
