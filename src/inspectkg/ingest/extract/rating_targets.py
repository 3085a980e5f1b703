"""Which inspection one grade belongs to, when it is not the sentence's own.

The inspections step gives each sentence one inspection (``inspection_of_sentence``).
A sentence may still grade something else:

- another force, clause by clause ("Sussex's approach was judged good, while
  Staffordshire's was judged as requiring improvement");
- another round, dated just after the grade ("rated 'inadequate' in 2016, followed
  by a 'requires improvement' rating in 2017");
- the round before, in a comparison ("good, up from requires improvement").

:func:`ensure_inspection` returns the key of such an inspection, adding it to
``ctx.inspections`` (and its round to the inspection state) when the text did not
name it, modelled on the sentence's inspection: same programme and inspectorate.
"""

from __future__ import annotations

import bisect
import re

from ... import iris
from ...model import Inspection
from . import dates, dating
from .grades import GRADE_WORDS
from .inspstate import get as get_state

_YEAR_AFTER = re.compile(
    r"[\"'’”]?\s*(?:overall\s+)?(?:(?:rating|grade|grading|judgement|judgment|verdict)\s+)?"
    r"(?:(?:that\s+|which\s+)?(?:it|the force|they)\s+(?:got|received|was given|were given|had|held|achieved)\s+)?"
    r"(?:back\s+)?(?:by\s+\w+\s+)?"
    r"(?:in|during)\s+(?:(?:the|its|our|their|an?)\s+)?((?:19|20)\d\d(?:[/-]\d\d(?:\d\d)?)?)\b(?!\s*[-/])", re.IGNORECASE)
# "up from 'requires improvement'", "improved from good", "previously rated inadequate"
_FROM_EARLIER = re.compile(
    r"(?:\b(?:up|down|improv\w*|rising|risen|rose|fall\w*|fell|dropp\w*|mov\w*|upgrad\w*|downgrad\w*|"
    r"rais\w*|lift\w*|climb\w*|jump\w*|slipp\w*)\s+(?:\w+\s+){0,2}?from\s+(?:(?:an?|its|the|their)\s+)?"
    r"(?:(?:previous|earlier|former|last)\s+)?(?:(?:grade|rating|grading)\s+of\s+)?"
    r"|\b(?:improvement|improved|better|worse|up|down|change)\s+(?:on|than|from|since)\s+(?:(?:an?|its|the|their)\s+)?"
    r"(?:(?:previous|earlier|former|last)\s+)?"
    r"|\b(?:previously|formerly|had|having|were once|was once)\s+(?:been\s+)?"
    r"(?:rated|graded|judged|assessed)\s+(?:as\s+)?)[\"'‘“]?$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s+[\"'‘“]?$", re.IGNORECASE)
_TO_GRADE = re.compile(r"[\"'’”]?\s+to\s+[\"'‘“]?" + GRADE_WORDS, re.IGNORECASE)
_EARLIER_AFTER = re.compile(
    r"[\"'’”]?\s*(?:(?:rating|grade|grading)\s+)?(?:in|at|from)\s+(?:its|the|our|their)\s+"
    r"(?:last|previous|earlier|first)\s+(?:PEEL\s+)?(?:inspection|assessment|report|round)", re.IGNORECASE)


def ensure_inspection(ctx, like: str, sentence, force: str | None = None, period: str | None = None) -> str:
    """The inspection of ``force`` (default: that of ``like``) in ``like``'s programme for
    ``period`` ("2016", "2021/22", "earlier"; default: ``like``'s), added when missing."""
    model = ctx.inspections.get(like)
    if model is None:
        return like
    state = get_state(ctx)
    force = force or model.inspected
    if period is None and force == model.inspected:
        return like
    if period is None:
        key_period = like.rsplit("/", 1)[-1]
        round_ = state.rounds.get(like)
        stated = model.period
    elif period == "earlier":  # the round before that of ``like``, when it is known
        round_ = dates.neighbour(model.programme, _round_of(ctx, state, like), -1)
        key_period = iris.slug(round_) if round_ else dating.unresolved("earlier", ctx.document.id)
        stated = round_
    else:
        key_period = dates.key_period(model.programme, period, None) or period
        round_ = dates.peel_round(period) if model.programme == "PEEL" else key_period
        stated = key_period  # written as its key's period, as the inspections step does
    key = iris.inspection(force.removeprefix("force/"), model.programme, key_period)
    if key == like:
        return like
    old = ctx.inspections.get(key)
    if old is None:
        ctx.inspections[key] = Inspection(key, force, model.inspectorate, model.programme,
                                          stated if period is not None else model.period,
                                          model.published if period is None else None,
                                          (sentence,), 0.6)
        state.rounds[key] = round_
    elif sentence not in old.evidence and len(old.evidence) < 3:
        ctx.inspections[key] = Inspection(old.key, old.inspected, old.inspectorate, old.programme, old.period,
                                          old.published, tuple(sorted({*old.evidence, sentence})), old.confidence)
    return key


def _round_of(ctx, state, key: str) -> str | None:
    """The round of an inspection; for the document's own undated one, that of the document's date."""
    round_ = state.rounds.get(key)
    if round_ or key != state.main or not state.doc_date:
        return round_
    model = ctx.inspections[key]
    return dates.round_published(model.programme, state.doc_date)


def same_period(ctx, key: str, period: str) -> bool:
    """Is ``period`` ("2019") that of the inspection ``key`` (".../peel/2018-19")?"""
    model = ctx.inspections.get(key)
    if model is None:
        return False
    return iris.slug(dates.key_period(model.programme, period, None) or period) == key.rsplit("/", 1)[-1]


def dated_after(text: str, g_end: int, end: int) -> str | None:
    """The period stated right after a grade ("'inadequate' in 2016" -> "2016")."""
    m = _YEAR_AFTER.match(text, g_end, end)
    return dates.normalise_period(m.group(1)) if m else None


def is_earlier(before: str, text: str, g_end: int, end: int) -> bool:
    """A grade of the round before ("up from 'requires improvement'", "good at its last inspection",
    "went from 'requires improvement' to 'good'")."""
    return bool(_FROM_EARLIER.search(before[-80:]) or _EARLIER_AFTER.match(text, g_end, end)
                or (_FROM_BEFORE.search(before[-12:]) and _TO_GRADE.match(text, g_end)))


def force_before(ctx, sent, position: int) -> str | None:
    """The force named last before ``position`` within the sentence."""
    mentions = get_state(ctx).force_mentions
    i = bisect.bisect_left(mentions, (position,)) - 1
    while i >= 0:
        start, end, key = mentions[i]
        if start < sent.start:
            return None
        if end <= position:
            return key
        i -= 1
    return None
