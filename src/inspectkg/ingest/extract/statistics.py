"""Step 7: numbers with what they measure.

Counts ("38,476 reports"), percentages ("16%", "91.3 percent"), money ("£2.5m")
and rates ("222 officers per 100,000 residents").  Not statistics: years,
dates and times, ages, ordinals and list numbers, emergency numbers, and
numbers that are part of a name ("PEEL 2018", "Covid-19"), the base of "1 of 5",
and spans of time that date something ("two years ago") or give another
number's period.  Counts in words ("'good' in four areas", "eleven
recommendations") come from ``counts.py``.  The measure is the short noun
phrase after the number ("reduction in personal robbery"); the period a year or
"2021/22" stated later in the number's clause, else in its sentence, never a
year it is compared with ("than in 2020"); counted grades take their
inspection's round.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ... import iris
from .. import months
from ...model import Statistic
from . import counts, dates
from .grades import GRADE_WORDS
from .inspstate import get as get_state, inspection_of_sentence
from .numbers import NUMBER, parse

_MONTHS = "(?:" + "|".join((*months.NAMES, *(short.capitalize() for short in months.SHORT))) + ")"  # no trailing dot
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?:19|20)\d\d")
_ORDINAL = re.compile(r"^\s*(?:st|nd|rd|th)\b")
_RANGE_DASH = re.compile(r"^[/\-–]")
_GAP_PUNCT = re.compile(r"[,;:.!?\"“”]")
_LEAD_PUNCT = re.compile(r"[,;:.!?]")
_DATE_AFTER = re.compile(r"^\s*(?:st|nd|rd|th)?\s*(?:of\s+)?" + _MONTHS + r"\b")
_DATE_BEFORE = re.compile(_MONTHS + r"\s*$")
_NAME_BEFORE = re.compile(r"(?:\b(?:question|section|chapter|paragraph|page|no\.?|number|article|part|schedule|"
                          r"operation|phase|tier|level|stage|aged|age|room|PEEL|inspection|Covid|COVID)|out of|[-–])\s*$",
                          re.IGNORECASE)
_BASE_BEFORE = re.compile(r"\d\s+(?:out\s+)?of\s+$")  # "1 of 5 criteria": 5 is the base of the count
_AGE_AFTER = re.compile(r"^\s*(?:-|\s)?years?[- ]old\b|^-year", re.IGNORECASE)
_RATE = re.compile(r"\s*(?:[A-Za-z-]+\s+){0,3}?(?:per|for every)\s+(?P<base>100,000|1,000|100|1000|100000)\b",
                   re.IGNORECASE)
_RATE_BEFORE = re.compile(r"\b(?:per|for every)\s*$", re.IGNORECASE)
_STOP = frozenset("was were is are be been went go goes that which who whom whose in to than from by with on at had "
                  "have has will would could should may might as and or but if when while this these those it its "
                  "their his her our we they he she said says compared since after before during between relating related closed came due including".split())
_LEAD = frozenset("more fewer less extra additional new".split())
_CHANGE = frozenset("reduction reductions increase increases rise rises fall falls drop drops cut cuts "
                    "decrease decreases growth improvement".split())
_SKIP = re.compile(r"\s*(?:of\s+(?:the\s+|all\s+|a\s+|its\s+)?|of\s+)", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’()-]*")


_AGO = re.compile(r"\s+(?:ago|earlier|before|later)\b", re.IGNORECASE)
_GRADED = re.compile(r"(" + GRADE_WORDS + r")", re.IGNORECASE)


def run(ctx) -> None:
    text = ctx.text
    subject = ctx.main_force or get_state(ctx).main_force
    words_may_be_in = counts.number_words_may_be_in(text)
    for index, sent in enumerate(ctx.sentences):
        found = []
        digit = _DIGIT.search(text, sent.start, sent.end)
        if digit:  # a number has a digit, at most two characters ("£ ") after the number's start
            for m in NUMBER.finditer(text, max(sent.start, digit.start() - 2), sent.end):
                stat = _statistic(ctx, sent, m, subject)
                if stat is not None:
                    found.append(stat)
        if words_may_be_in(sent.start, sent.end):
            found += [_counted(ctx, sent, index, count, subject) for count in counts.number_words(text, sent.start, sent.end)]
        if found:  # most sentences: no number (nothing to sift for spans of time)
            ctx.statistics.extend(_without_time(text, sent, found))


def _without_time(text: str, sent, found: list[Statistic]) -> list[Statistic]:
    """Drop the numbers of days, months or years that date something ("21 months ago") or give
    another number's period ("up 39% in the last 12 months"); a lone span of time stays."""
    timed = [s for s in found if counts.is_time(text, s.text.start + len(s.text.exact.split()[0]), sent.end)]
    if not timed:
        return found
    others = [s for s in found if s not in timed]
    return others + [s for s in timed if not others and not _AGO.match(text, s.text.end, sent.end)
                     and not counts.time_in_a_name(text, s.text.start + len(s.text.exact.split()[0]), sent.end)]


def _counted(ctx, sent, index: int, count: tuple[int, int, Decimal], subject) -> Statistic:
    """A count in words (start, end, value: ``counts.number_words``): what it counts, and the
    inspection round its grades belong to."""
    start, end, value = count
    text = ctx.text
    graded = _GRADED.search(text, start, end) or _GRADED.search(text, max(sent.start, start - 30), start)
    if graded:
        measure = "areas graded " + graded.group(1).lower()
    else:
        measure = _measure(text, text.find(" ", start, end) if " " in text[start:end] else end, sent.end)[0] \
            or "count"
    period = None
    if graded:  # grades counted belong to the round of the inspection the sentence speaks of
        inspection = inspection_of_sentence(ctx, index)
        period = get_state(ctx).rounds.get(inspection) if inspection else None
    period = period or _period(text, sent, start, end)
    return Statistic(iris.in_document("statistic", ctx.document.id, start, end), ctx.span(start, end), value,
                     measure, "count", period, subject, 0.5)


def _statistic(ctx, sent, m, subject):
    text = ctx.text
    raw, cur, mult, pct = m.group("num"), m.group("cur"), m.group("mult"), m.group("pct")
    start, end = m.start(), m.end()
    before = text[max(sent.start, start - 25):start]
    after = text[end:min(sent.end, end + 40)]
    plain = raw.replace(",", "")
    if not (cur or pct or mult):
        if _YEAR.fullmatch(raw):
            return None  # a year
        if plain in ("999", "101", "111") or _DATE_AFTER.match(after) or _DATE_BEFORE.search(before) \
                or _NAME_BEFORE.search(before) or _AGE_AFTER.match(after) or _RATE_BEFORE.search(before):
            return None
        if _ORDINAL.match(after) or _RANGE_DASH.match(text[end:end + 3]) or _BASE_BEFORE.search(before):
            return None
        if text[start - 1:start] == "(" and text[end:end + 1] == ")":
            return None
    value = parse(raw, mult)
    if value is None:
        return None
    unit = "percent" if pct else "gbp" if cur == "£" else "count"
    rate = _RATE.match(text, end, sent.end)
    measure_start = end
    measure, m_end = _measure(text, measure_start, sent.end)
    if rate:
        unit = "rate_per_100k" if rate.group("base").replace(",", "") == "100000" else unit
        m_end = max(m_end, rate.end())
    if not measure and not (pct or cur):
        return None  # a bare number with nothing measured
    if start - sent.start > 0 and text[start - 1:start] == "-":
        return None
    period = _period(text, sent, start, m_end)
    span_end = max(end, m_end)
    span = ctx.span(start, span_end)
    return Statistic(iris.in_document("statistic", ctx.document.id, start, span_end), span, value,
                     measure or ("percentage" if pct else "amount"), unit, period, subject, 0.6)


def _measure(text: str, start: int, end: int) -> tuple[str, int]:
    skip = _SKIP.match(text, start, end)
    pos = skip.end() if skip else start
    words: list[str] = []
    last = start
    for w in _WORD.finditer(text, pos, end):
        gap = text[last if words else pos:w.start()]
        if words and _GAP_PUNCT.search(gap):
            break
        if not words and _LEAD_PUNCT.search(text, pos, w.start()):
            break
        word = w.group(0)
        low = word.lower()
        if low in _STOP and not (not words and low in _LEAD):
            # "of" continues a measure, and "in" after a change ("22% reduction in personal robbery")
            if not words or not (low == "of" or (low == "in" and words[-1].lower() in _CHANGE)):
                break
        words.append(word)
        last = w.end()
        if len(words) >= 5:
            break
    change = words[0].lower() if words and words[0].lower() in ("more", "fewer", "less") else None
    while words and words[-1].lower() in ("of", "the", "a", "more", "per"):
        words.pop()
    if not words and change:  # "249 more than in 2020": an increase
        words = [change]
    if not words:
        return "", start
    end_pos = text.find(words[-1], pos) + len(words[-1])
    return " ".join(words), end_pos


_BASE_YEAR = re.compile(r"\b(?:than|compared (?:with|to)|up on|down on)\s+(?:in\s+|the\s+)?(?:\w+\s+)?$",
                        re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:]")


def _period(text: str, sent, start: int, end: int) -> str | None:
    """The period a number is about: one stated later in its own clause ("15,298 incidents recorded
    between April and September 2024"), else the first one of its sentence; not a year it is compared
    with ("249 more than in 2020", "up 28 per cent since 2010")."""
    # a plain scan of the sentence: cheaper here than a document-wide index of "19"/"20" (prefilter.Scan)
    found = [m for m in dates.PERIOD_IN_TEXT.finditer(text, sent.start, sent.end)
             if not start <= m.start() < end and not _BASE_YEAR.search(text, max(sent.start, m.start() - 30), m.start())]
    if not found:
        return None
    clause = _CLAUSE_END.search(text, end, sent.end)
    after = [m for m in found if end <= m.start() < (clause.start() if clause else sent.end)]
    m = after[0] if after else found[0]
    return dates.normalise_period(m.group(0).replace(" ", "").replace("–", "/").replace("-", "/"))
