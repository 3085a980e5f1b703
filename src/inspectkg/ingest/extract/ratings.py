"""Step 4: graded judgements, area x grade, of the inspections found.

A grade word (``grades.py``) is a rating when a rating verb precedes it in the
sentence ("was rated 'good' for ..."), when the force is said to *be* the grade
at/in/for an area ("the force is good at investigating crime"), or for grades
other than "good", when an area follows ("requires improvement in responding to
the public").  Areas come after the grade (a list is split into one rating
each), or before it with a rating verb between ("the recording of crime data
was rated 'outstanding'"); "these areas" and "this grading" refer back to the
previous sentence.  Unnamed areas with a count ("good in four other areas")
give area ``unspecified`` with ``area_count``, reduced by the areas of the same
grade named elsewhere.  No area and a rating verb: area ``overall``.  Negated
("no areas were graded inadequate") and counted ("'outstanding' grades")
grades are not ratings.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ... import iris
from ...model import Rating
from . import areas, cues, dates, grades
from .inspstate import get as get_state, inspection_of_sentence

_VERB = re.compile(r"\b(?:rated|rates|rate|rating|graded|grades|grade of|judged|judges|ranked|ranking|deemed|"
                   r"awarded|assessed as|found to be|considered|a grading of)\b", re.IGNORECASE)
_OVERALL_VERB = re.compile(r"\b(?:rated|rates|graded|grades|judged|ranked|deemed|overall)\b", re.IGNORECASE)
_COPULA_SUBJECT = re.compile(
    r"(?:\b(?:the force|the constabulary|it|we|they)|\bPolice|\bConstabulary)\s+(?:is|was|are|were|has been|had been|remains)"
    r"\s+(?:still\s+|now\s+|also\s+)?[\"'‘“]?$", re.IGNORECASE)
_BREAK = re.compile(r";|\s(?:but|while|whilst|although|however|though|which means|meaning)\b|[.!?](?:\s|$)"
                    r"|\sand\s+(?:also\s+)?(?:said|says|found|was|were|is|are|has|had|will|would|could|should|needs?|placed)\b",
                    re.IGNORECASE)
_CLAUSE_START = re.compile(r".*(?:[,;:]|\b(?:but|while|whilst|although|and))\s", re.IGNORECASE | re.DOTALL)
_NEGATED = re.compile(r"\b(?:no|not|never|none of)\b[^,;]*$", re.IGNORECASE)
_COUNTED = re.compile(r"^[\"'’”]*\s*(?:grades|ratings|gradings)\b", re.IGNORECASE)
_NUM = (r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|all|most|many|several|some"
        r"|the majority)")
_COUNT_AFTER = re.compile(
    r"^\W*(?:in|across|for)\s+(?:(?:the|its)\s+)?(?:all\s+)?" + _NUM + r"(?:\s+out\s+of\s+(?:\d+|\w+))?(?:\s+of\s+the)?"
    r"(?:\s+(?:other|key|remaining))?(?:\s+[\w-]+)?\s+(?:areas|categories|pillars|others|questions)\b",
    re.IGNORECASE)
_COUNT_BEFORE = re.compile(_NUM + r"(?:\s+(?:other|key|remaining))?\s+(?:areas|categories)\s*[\"'‘“]?$",
                           re.IGNORECASE)
_ALL = re.compile(r"^\W*(?:across the board|in all (?:areas|categories)|in every (?:area|category))", re.IGNORECASE)
_THESE_AREAS = re.compile(r"\b(?:these|those|the three|the two|the four|both)\s+(?:\w+\s+)?areas\b", re.IGNORECASE)
_THIS_GRADE = re.compile(r"\b(?:this|that|the same)\s+(?:grade|grading|rating)\b", re.IGNORECASE)
_THIS_GRADE_G = cues.Guarded(_THIS_GRADE)  # tried only on sentences holding its words
_WORDS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_CDI_AREAS = {"recording_data_about_crime", "crime_data_integrity", "peel2015_crime_recording"}


def run(ctx) -> None:
    state = get_state(ctx)
    text = ctx.text
    counts: dict[str, int | None] = {}  # rating key -> stated count of unnamed areas
    uses_adequate = "adequate" in text.lower().replace("inadequate", "")
    last_grade: str | None = None
    for index, sent in enumerate(ctx.sentences):
        insp = inspection_of_sentence(ctx, index)
        found = list(grades.find(text, sent.start, sent.end))
        if insp is None:
            if found:
                last_grade = found[-1][0]
            continue
        round_ = state.rounds.get(insp)
        cdi = _is_cdi(ctx, insp)
        if not found:
            m = _THIS_GRADE_G.search(sent.exact)
            if m and last_grade:
                start = sent.start + m.end()
                for hit in areas.find(text, start, _clause_end(text, start, sent.end), round_):
                    _add(ctx, counts, insp, hit.area, last_grade, sent, round_, uses_adequate, cdi,
                         text[hit.start:hit.end])
            continue
        for n, (grade, g_start, g_end) in enumerate(found):
            last_grade = grade
            before = text[sent.start:g_start]
            next_start = found[n + 1][1] if n + 1 < len(found) else sent.end
            seg_end = min(_clause_end(text, g_end, sent.end), next_start)
            if _NEGATED.search(before[-60:]) or _COUNTED.search(text[g_end:seg_end]):
                continue
            clause = _CLAUSE_START.match(before)
            clause_start = sent.start + (clause.end() if clause else 0)
            verb_before = bool(_VERB.search(before))
            copula = bool(_COPULA_SUBJECT.search(before))
            verb_after = _VERB.search(text, g_end, seg_end)
            if verb_after:  # "'Inadequate', the recording of crime was rated ...": not ours
                comma = text.rfind(",", g_end, verb_after.start())
                seg_end = comma if comma != -1 else verb_after.start()
            hits = _list_areas(text, g_end, seg_end, round_)
            if hits and (verb_before or copula or grade != "good"):
                for hit in hits:
                    _add(ctx, counts, insp, hit.area, grade, sent, round_, uses_adequate, cdi,
                         text[hit.start:hit.end])
                continue
            if not (verb_before or copula):
                continue
            after = text[g_end:seg_end]
            m = _COUNT_AFTER.match(after)
            if m or _ALL.match(after):
                _unspecified(ctx, counts, insp, grade, m.group("n") if m else "all", sent, round_, uses_adequate)
                continue
            pre = text[clause_start:g_start]
            m = _COUNT_BEFORE.search(pre)
            if m and verb_before:
                _unspecified(ctx, counts, insp, grade, m.group("n"), sent, round_, uses_adequate)
                continue
            if not _VERB.search(pre) and not _VERB.search(before[-40:]):
                continue
            if _THESE_AREAS.search(pre) and index > 0:
                prev = ctx.sentences[index - 1]
                for hit in areas.find(text, prev.start, prev.end, round_):
                    _add(ctx, counts, insp, hit.area, grade, sent, round_, uses_adequate, cdi,
                         text[hit.start:hit.end])
                continue
            pre_hits = [h for h in areas.find(text, clause_start, g_start, round_)]
            if pre_hits:
                for hit in pre_hits:
                    _add(ctx, counts, insp, hit.area, grade, sent, round_, uses_adequate, cdi,
                         text[hit.start:hit.end])
                continue
            if _OVERALL_VERB.search(before) and not re.match(r"^\W*(?:at|in)\b", after):
                _add(ctx, counts, insp, "overall", grade, sent, round_, uses_adequate, cdi, None)
    _graded_alike(ctx, state, counts, uses_adequate)
    _reduce_counts(ctx, counts)


def _is_cdi(ctx, insp: str) -> bool:
    inspection = ctx.inspections.get(insp)
    return inspection is not None and inspection.programme == "crime_data_integrity"


def _graded_alike(ctx, state, counts, uses_adequate) -> None:
    """The grades of a sentence naming several other forces, for each of them."""
    for index, extras in state.also_by_sentence.items():
        sent = ctx.sentences[index]
        primary = state.by_sentence.get(index)
        for rating in [r for r in ctx.ratings.values() if r.inspection == primary and sent in r.evidence]:
            for insp in extras:
                _add(ctx, counts, insp, rating.area, rating.grade, sent, state.rounds.get(insp), uses_adequate,
                     _is_cdi(ctx, insp), rating.area_text, rating.area_count,
                     key_area=f"unspecified-{rating.grade}" if rating.area == "unspecified" else None)


def _list_areas(text: str, start: int, end: int, round_) -> list:
    """Areas of a list after a grade; a comma item after the first must be mostly an area name."""
    out = []
    pos = start
    for n, item in enumerate(re.split(r"(,)", text[start:end])):
        if item == ",":
            pos += 1
            continue
        hits = areas.find(text, pos, pos + len(item), round_)
        if n > 0:
            content = [t for t in areas.tokens(text, pos, pos + len(item)) if t[0] not in ",;:.()"]
            covered = sum(1 for t in content if any(h.start <= t[1] and t[2] <= h.end for h in hits))
            if not content or covered * 2 < len(content):
                break
        out.extend(hits)
        pos += len(item)
    return out


def _clause_end(text: str, start: int, end: int) -> int:
    m = _BREAK.search(text, start, end)
    return m.start() if m else end


def _scale(round_: str | None, grade: str, uses_adequate: bool, cdi: bool = False) -> str | None:
    if grade == "adequate" or (round_ is None and uses_adequate):
        return "peel_5tier"
    if cdi:  # crime data integrity inspections were graded on the four-grade scale only (grades.csv)
        return "peel_4tier"
    if round_ is None:
        return None
    return dates.scale_for(round_)


def _add(ctx, counts, insp, area, grade, sent, round_, uses_adequate, cdi, area_text, count=None,
         key_area=None) -> None:
    if cdi and area in _CDI_AREAS:
        area, area_text = "overall", area_text
    key = iris.rating(insp, key_area or area)
    old = ctx.ratings.get(key)
    if old is not None:
        if old.grade == grade and sent not in old.evidence and count is not None:
            counts[key] = max(counts.get(key) or 0, count) if counts.get(key) is not None else count
        return
    ctx.ratings[key] = Rating(key, insp, area, grade, area_text, count, _scale(round_, grade, uses_adequate, cdi),
                              (sent,), 0.8 if area != "unspecified" else 0.6)
    if key_area:
        counts[key] = count


def _unspecified(ctx, counts, insp, grade, amount: str, sent, round_, uses_adequate) -> None:
    amount = amount.lower()
    if amount in ("some", "many", "several"):
        return  # too vague to count
    count = int(amount) if amount.isdigit() else _WORDS.get(amount)
    _add(ctx, counts, insp, "unspecified", grade, sent, round_, uses_adequate, False, amount, count,
         key_area=f"unspecified-{grade}")


def _reduce_counts(ctx, counts) -> None:
    """'good in four areas' + two named 'good' areas -> two unspecified; none left -> dropped."""
    for key, count in counts.items():
        rating = ctx.ratings.get(key)
        if rating is None or count is None:
            continue
        named = sum(1 for r in ctx.ratings.values()
                    if r.inspection == rating.inspection and r.grade == rating.grade
                    and r.area not in ("unspecified", "overall"))
        left = count - named
        if left <= 0:
            del ctx.ratings[key]
        elif left != rating.area_count:
            ctx.ratings[key] = replace(rating, area_count=left)
