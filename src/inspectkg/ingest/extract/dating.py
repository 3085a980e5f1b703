"""Dating an inspection the text does not date in so many words.

The inspections step keys an inspection by its period.  When no period is
stated, a careful reader still dates most inspections; so does this module,
in this order:

1. the publication date of the document, with the programme calendar
   (``data/inspection_calendar.csv``): a news report of a new PEEL report
   published in April 2022 is about the 2021/22 round;
2. an ordinal: "the first PEEL assessment" of a force is the 2014 round,
   "the fifth" the 2018/19 one;
3. the grade scale: an "adequate" grade exists only from 2021/22, so a text
   that grades "adequate" speaks of a five-tier round;
4. the years the text itself mentions (outside announcements of what is to
   come), as a lower bound of its date: the latest round of those left that
   had begun by then, else the earliest of them.

``earlier`` ("its previous inspection") and ``next`` ("a review next spring")
are resolved against the round of the document's own inspection: the round
before or after it.  What cannot be dated keeps a key of its own document
(see :func:`unresolved`), so two documents' different "earlier" inspections
never meet in one node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import dates, prefilter

ORDINALS = {w: n for n, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth".split(), 1)}
_ORDINAL = re.compile(
    r"\b(" + "|".join(ORDINALS) + r")\s+(?:annual\s+|full\s+|integrated\s+)?PEEL\s+"
    r"(?:\([^)]{0,60}\)\s+)?(?:assessment|inspection|report)\b", re.IGNORECASE)
# "adequate" as a grade word, not inside "inadequate"
_ADEQUATE = re.compile(r"(?<![\w-])adequate\b", re.IGNORECASE)
# tried only where "adequate" begins: the regex engine would try its look-behind at every character
_ADEQUATE_SCAN = prefilter.Scan(_ADEQUATE)
_YEAR = re.compile(r"(?<![\d£$.,/-])((?:19|20)\d\d)(?:\s?[/–-]\s?(\d\d))?(?![\d%])")
# what is to come, in a sentence: its years are no bound of the document's date
_FUTURE = re.compile(
    r"\b(?:will|shall|may|plans?|planned|planning|aims?|target\w*|by\s+(?:the\s+end\s+of\s+)?"
    r"(?:early\s+|late\s+|spring\s+|summer\s+|autumn\s+|winter\s+)?(?:19|20)\d\d|until|due|expected|"
    r"next|upcoming|forthcoming|future|20\d\d\s*-\s*20\d\d)\b", re.IGNORECASE)
# "its previous inspection", "the last PEEL report": the round before the document's own
PREVIOUS = re.compile(
    r"\b(?:previous(?:ly)?|last|earlier|prior|preceding)\s+(?:PEEL\s+|full\s+|annual\s+|positive\s+|"
    r"(?:[\w-]+\s+)?)?(?:inspection|report|assessment|review|visit|round|inspected|assessed)\b(?!s)",
    re.IGNORECASE)
_LAST_YEAR = re.compile(r"\blast\s+year\b", re.IGNORECASE)


# the inspectorate's name dates the text: HMICFRS from the rename of July 2017, "His Majesty's"
# from September 2022 (before it, "Her Majesty's")
_ERA_NAMES = (
    (re.compile(r"\bHis\s+Majesty['’]?s\s+(?:Chief\s+)?Inspector", re.IGNORECASE), "2022-09", None),
    (re.compile(r"\bHer\s+Majesty['’]?s\s+Inspectorate\s+of\s+Constabulary\s+(?:and|&)\s+Fire", re.IGNORECASE),
     "2017-07", "2022-09"),
    (re.compile(r"\bHMICFRS\b"), "2017-07", None),
)


_ERA_CACHE: dict[int, tuple[str, tuple[str | None, str | None]]] = {}  # one text at a time


def named_era(text: str) -> tuple[str | None, str | None]:
    """(from, until) months the names of the inspectorate in the text allow, or None for either."""
    cached = _ERA_CACHE.get(id(text))
    if cached is not None and cached[0] is text:
        return cached[1]
    low, high = None, None
    windows = []  # the stretches around "Majesty": the only places the long names can be
    at = text.find("ajesty")
    while at != -1 and len(windows) < 50:
        windows.append(text[max(0, at - 6): at + 90])
        at = text.find("ajesty", at + 6)
    for pattern, start, end in _ERA_NAMES:
        found = "HMICFRS" in text if pattern is _ERA_NAMES[2][0] else any(pattern.search(w) for w in windows)
        if found:
            low = max(low or start, start)
            if end:
                high = min(high or end, end)
    _ERA_CACHE.clear()
    _ERA_CACHE[id(text)] = (text, (low, high))
    return low, high


def in_era(programme: str, candidates, era: tuple[str | None, str | None]) -> list:
    """The candidate rounds whose reports were appearing within the era (from, until)."""
    low, high = era
    if not low and not high:
        return list(candidates)
    order = [r.first_published for r in dates.rounds(programme)]
    out = []
    for r in candidates:
        at = order.index(r.first_published)
        ends = order[at + 1] if at + 1 < len(order) else "9999-12"
        if (not low or ends > low) and (not high or r.first_published <= high):
            out.append(r)
    return out


def uses_adequate(text: str) -> bool:
    """The text grades something "adequate" (a grade of the five-tier scale only)."""
    return "dequate" in text and bool(_ADEQUATE_SCAN.search(text))


def ordinal_round(programme: str, text: str) -> str | None:
    """"the fifth PEEL assessment of X" -> the fifth round of the calendar."""
    if programme != "PEEL":
        return None
    found = None
    at = text.find("PEEL")
    while at != -1 and found is None:  # only around "PEEL": "the fifth PEEL (...) assessment"
        found = _ORDINAL.search(text, max(0, at - 40), at + 90)
        at = text.find("PEEL", at + 4)
    if not found:
        return None
    rounds = dates.rounds(programme)
    number = ORDINALS[found.group(1).lower()]
    return rounds[number - 1].name if number <= len(rounds) else None


def latest_year(sentences) -> int | None:
    """The latest year the text mentions outside sentences about what is to come ("2021/22" counts
    as 2021: the round began then); a lower bound of the document's date."""
    cached = _YEAR_CACHE.get(id(sentences))
    if cached is not None and cached[0] is sentences:
        return cached[1]
    best = None
    for sent in sentences:
        s = sent.exact
        if ("20" not in s and "19" not in s) or not _YEAR.search(s) or _FUTURE.search(s):
            continue
        for m in _YEAR.finditer(s):
            year = int(m.group(1))
            if 1990 <= year <= 2039 and (best is None or year > best):
                best = year
    _YEAR_CACHE.clear()
    _YEAR_CACHE[id(sentences)] = (sentences, best)
    return best


_YEAR_CACHE: dict[int, tuple[object, int | None]] = {}  # one document's sentences at a time


@dataclass(frozen=True)
class Undated:
    """What dates a text's undated inspection: the document's date, its text and sentences, and
    whether it grades on the five-tier scale (``uses_adequate``)."""

    doc_date: str | None
    text: str
    sentences: object
    five_tier: bool


def undated_round(programme: str, doc: Undated, *, after: str | None = None, by_years: bool = True) -> str | None:
    """The round of a programme's inspection the text does not date: see the module docstring.
    ``after``: the latest round the text names as another (earlier) inspection of the programme;
    the document's own comes later.  ``by_years=False``: no guess from the years the text mentions
    (before the other inspections it names are known)."""
    doc_date, text, sentences, five_tier = doc.doc_date, doc.text, doc.sentences, doc.five_tier
    rounds = dates.rounds(programme)
    if not rounds:
        return dates.key_period(programme, None, doc_date) if doc_date else None
    candidates = [r for r in rounds if r.scale == "peel_5tier"] if five_tier and programme == "PEEL" else list(rounds)
    candidates = in_era(programme, candidates, named_era(text)) or candidates
    constrained = len(candidates) < len(rounds)  # by the scale or the era (the rounds named before are no such bound)
    later = later_than(candidates, programme, after)
    floor = dates.start_year(after) if later else None
    candidates = later or candidates
    if doc_date:
        month = doc_date[:7] if len(doc_date) >= 7 else f"{doc_date[:4]}-12"
        begun = [r for r in candidates if r.first_published <= month]
        return begun[-1].name if begun else None
    by_ordinal = ordinal_round(programme, text)
    if by_ordinal and any(r.name == by_ordinal for r in candidates):
        return by_ordinal
    if not by_years:
        return candidates[0].name if len(candidates) == 1 else None
    return narrowed_round(programme, candidates, sentences, constrained=constrained, floor=floor)


def later_than(candidates, programme: str, after: str | None) -> list:
    """The candidate rounds after ``after`` (all of them when ``after`` is no round of the calendar)."""
    names = [r.name for r in dates.rounds(programme)]
    if after not in names:
        return list(candidates)
    return [r for r in candidates if names.index(r.name) > names.index(after)]


def latest_named(programme: str, periods) -> str | None:
    """The latest of the rounds of a programme among ``periods`` (key periods of other inspections)."""
    names = [r.name for r in dates.rounds(programme)]
    named = [names.index(p) for p in periods if p in names]
    return names[max(named)] if named else None


def narrowed_round(programme: str, candidates, sentences, constrained: bool, floor: int | None = None) -> str | None:
    """The one round left, else by the latest year the text mentions: the latest candidate begun by
    then, else the earliest.  A PEEL round is not guessed from the years alone (unless the scale or
    the areas narrowed the candidates): the years a news report mentions often precede its round.
    ``floor``: the start year of the latest round the text names as another inspection; a year no
    later than it speaks of those others, so the earliest candidate after it is taken."""
    if len(candidates) == 1:
        return candidates[0].name
    if not candidates or (programme == "PEEL" and not constrained):
        return None
    year = latest_year(sentences)
    if year is not None and floor is not None and year <= floor:
        return candidates[0].name
    if year is None:
        return None
    begun = [r for r in candidates if r.first_published <= f"{year}-12"]
    return (begun[-1] if begun else candidates[0]).name


@lru_cache(maxsize=1024)
def area_rounds(programme: str, periods: tuple[str, ...]) -> frozenset[str] | None:
    """The rounds of a programme an assessment area was graded in (its peel_areas.csv ``periods``:
    "2021/22", "2023-25" for the 2023/25 round, "2016-2020" for the years between); None for any."""
    names = {r.name: r for r in dates.rounds(programme)}
    out: set[str] = set()
    for p in periods:
        p = p.strip()
        if p in ("any", "all", ""):
            return None
        span = re.fullmatch(r"((?:19|20)\d\d)\s*[-/]\s*((?:19|20)\d\d)", p)
        if span:
            first, last = int(span.group(1)), int(span.group(2))
            out |= {n for n in names if first <= (dates.start_year(n) or 0) <= last}
            continue
        norm = dates.normalise_period(p)
        if norm in names:
            out.add(norm)
    return frozenset(out)


def relative_round(kind: str, programme: str, main_round: str | None, evidence) -> str | None:
    """The round an "earlier" or "next" inspection of the document's programme is: the one before
    ("its last inspection", once a round was one report: 2018/19 on; before, each pillar had a
    report of its own, so the last one may belong to the same round) or after the document's own."""
    if not main_round:
        return None
    if kind == "earlier" and "/" in main_round and any(PREVIOUS.search(s.exact) for s in evidence):
        return dates.neighbour(programme, main_round, -1)
    if kind == "next":
        return dates.neighbour(programme, main_round, 1)
    return None


def years_before(doc_date: str | None, n: int) -> str | None:
    year = dates.start_year(doc_date)
    return str(year - n) if year else None


_NO_DIGITS = str.maketrans("0123456789", "ghijklmnop")


def unresolved(kind: str, doc_id: str) -> str:
    """The key period of an inspection nobody can date: ``earlier-<doc>``, one per document.  The
    document id's digits are written as letters, so no tool reads a year into the key.

    >>> unresolved("earlier", "a1b5e14602c3")
    'earlier-ahblehkm'
    """
    return f"{kind}-{doc_id[:8].translate(_NO_DIGITS)}"


def is_unresolved(key_period: str | None) -> bool:
    return not key_period or key_period.split("-", 1)[0] in ("undated", "earlier", "next")
