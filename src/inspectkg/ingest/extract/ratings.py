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

import bisect
import re
from dataclasses import replace
from functools import cache

from ... import iris
from ...model import Rating
from ...reference import load as load_reference
from . import areas, cues, dates, grades, lexicon
from . import rating_lines, rating_targets as targets
from .inspstate import get as get_state, inspection_of_sentence

_VERB = lexicon.words_regex("rating_verb", "rating_cue")  # "rated", "graded", "a grading of" ...
_OVERALL_VERB = re.compile(lexicon.words_regex("rating_verb").pattern + r"|\boverall\b", re.IGNORECASE)
_COPULA_SUBJECT = re.compile(
    r"(?:\b(?:the force|the constabulary|it|we|they)|\bPolice|\bConstabulary)\s+(?:is|was|are|were|has been|had been|remains)"
    r"\s+(?:still\s+|now\s+|also\s+)?[\"'‘“]?$", re.IGNORECASE)
_BREAK = re.compile(r";|\s(?:but|while|whilst|although|however|though|which means|meaning)\b|[.!?](?:\s|$)"
                    r"|\sand\s+(?:also\s+)?(?:said|says|found|was|were|is|are|has|had|will|would|could|should|needs?|placed)\b",
                    re.IGNORECASE)
_BREAK_NO_SEMI = re.compile(_BREAK.pattern.removeprefix(";|"), re.IGNORECASE)
_CLAUSE_START = re.compile(r".*(?:[,;:]|\b(?:but|while|whilst|although|and))\s", re.IGNORECASE | re.DOTALL)
_STRONG_START = re.compile(r".*(?:[;:(]|\b(?:but|while|whilst|although|however))\s", re.IGNORECASE | re.DOTALL)
_NEGATED = re.compile(r"\b(?:no|not|never|none of)\b[^,;]*$", re.IGNORECASE)
_COUNTED = re.compile(r"[\"'’”]*\s*(?:grades|ratings|gradings)\b", re.IGNORECASE)
# "the 'inadequate' rating for vetting", "'good' ratings for responding to the public"
_RATING_FOR = re.compile(r"[\"'’”]*\s*(?:grades?|ratings?|gradings?)\s+(?:for|in|on|across)\b", re.IGNORECASE)
_RATING_NOUN = re.compile(r"[\"'’”]*\s*(?:overall\s+)?(?:rating|grade|grading|judgement|judgment)\b(?!\s+(?:of|for)\b)",
                          re.IGNORECASE)
_NUM = (r"(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|all|most|many|several|some"
        r"|the majority|a majority|the rest|the remainder)")
_COUNT_AFTER = re.compile(
    r"^\W*(?:in|across|for)\s+(?:(?:the|its)\s+)?(?:all\s+)?" + _NUM + r"(?:\s+out\s+of\s+(?:\d+|\w+))?(?:\s+of\s+the)?"
    r"(?:\s+(?:other|key|remaining|further))?(?:\s+[\w-]+)?\s+(?:areas?|categor(?:y|ies)|pillars?|others|questions?)\b",
    re.IGNORECASE)
# "Good in three areas, Adequate in five, and Requires Improvement in one": the noun left out
_COUNT_ELLIPTIC = re.compile(r"^\W*in\s+" + _NUM + r"(?=\s*(?:[,;.]|and\b|$))", re.IGNORECASE)
_COUNT_BEFORE = re.compile(
    _NUM + r"(?:\s+of\s+(?:the|its))?(?:\s+(?:other|key|remaining|further))?\s+(?:areas|categories|questions|pillars)"
    r"(?:\s+(?:being|were|was|are|is))?(?:\s+(?:assessed|rated|graded|judged|found|deemed)(?:\s+(?:as|to\s+be))?)?"
    r"\s*[\"'‘“]?$", re.IGNORECASE)
# "one 'outstanding', six 'good' and two 'adequate' ratings": a count right before the grade
_NUM_BEFORE = re.compile(r"(?<![\w-])" + _NUM + r"\s+[\"'‘“]?$", re.IGNORECASE)
_COUNT_LIST_END = re.compile(r"^[\"'’”]?\s*(?:(?:,\s*(?:and\s+)?|\s+and\s+)(?:\d{1,2}|[a-z]+)\s+[\"'‘“]?(?P<g>\w[\w ]*?)"
                             r"[\"'’”]?(?=[,\s]))*?\s*(?:ratings|grades|gradings|judgements|judgments)\b", re.IGNORECASE)
_ALL = re.compile(r"^\W*(?:across the board|in all (?:areas|categories)|in every (?:area|category))", re.IGNORECASE)
_THESE_AREAS = re.compile(r"\b(?:these|those|the three|the two|the four|both)\s+(?:\w+\s+)?areas\b", re.IGNORECASE)
_THIS_GRADE = re.compile(r"\b(?:this|that|the same)\s+(?:grade|grading|rating)\b", re.IGNORECASE)
_THIS_GRADE_G = cues.Guarded(_THIS_GRADE)  # tried only on sentences holding its words
# "graded as outstanding in this area": the area named before; nothing new
_THIS_AREA = re.compile(r"[\"'’”]?\s*(?:in|for|at)\s+(?:this|that|these|those|the same)\s+(?:area|category|respect)s?\b",
                        re.IGNORECASE)
# "the areas requiring improvement are X; Y and Z"
_AREAS_ARE_BEFORE = re.compile(r"\b(?:areas?|categories|questions)\s+(?:(?:rated|graded|judged|assessed\s+as|found\s+to\s+be)\s+)?"
                               r"[\"'‘“]?$", re.IGNORECASE)
_AREAS_ARE_AFTER = re.compile(r"[\"'’”]?\s*(?:are|were|was|is|include[sd]?|:)\s+", re.IGNORECASE)
# "X, good at Y and good at Z": a grade continuing the list of the grade before it
_CHAIN = re.compile(r"^[\"'’”]?\s*(?:,|;|\band\b|\bas well as\b|,\s*and\b)\s*(?:(?:is|was|are|were)\s+)?(?:also\s+)?"
                    r"[\"'‘“]?$", re.IGNORECASE)
# a grade as the predicate of an area: "the extent to which ... is good.", "... legitimately requires improvement."
_PREDICATE = re.compile(r"\b(?:is|was|are|were|remains|remained|has been|have been|had been)\s+(?:still\s+|now\s+|also\s+)?"
                        r"[\"'‘“]?$", re.IGNORECASE)
_ENDS_CLAUSE = re.compile(r"[\"'’”]?\s*(?:[.;:!?,]|$|\n|\s+and\b|\s+but\b)", re.IGNORECASE)
# "rated outstanding, good, adequate, requires improvement and inadequate": the scale, no grade
_SCALE_GAP = re.compile(r"^[\"'’”]?\s*(?:,|/|\bor\b|\band\b|,\s*(?:and|or)\b)\s*[\"'‘“]?$", re.IGNORECASE)
# "graded outstanding in the 2016 legitimacy inspection": the name of an inspection, no area
_PROGRAMME_NAME = re.compile(r"\s+(?:inspections?|reports?|assessments?|reviews?|programme)\b", re.IGNORECASE)
_BULLET = re.compile(r"[\s•*·▪►>\-–—]*[\"'‘“]?")  # what may precede a grade heading its line
# "Inspectors found that the force:\n • is 'good' at ...": a bullet continuing the subject above it
_BULLET_COPULA = re.compile(r"[\s•*·▪►>\-–—]*(?:is|are|was|were|has been|remains)\s+(?:still\s+|now\s+)?[\"'‘“]?",
                            re.IGNORECASE)
_VERB_ONLY = re.compile(r"(?:(?:was|were|is|been|being|having been)\s+)?(?:rated|graded|judged|assessed|found|deemed)"
                        r"(?:\s+(?:as|to be))?\s*[\"'‘“]?", re.IGNORECASE)
_PASSIVE_GAP = re.compile(r"[\"'’”]?\s*(?:(?:being|been|was|were|is|are|has been|have been)\s+)?", re.IGNORECASE)
_FOR_AREA = re.compile(r"\s+(?:for|in|at|on)\s", re.IGNORECASE)
_HEAD_SEP = re.compile(r"[\"'’”]?\s*[–—:-]\s")
_NOW = re.compile(r"\b(?:now|currently|this time|today)\b[^,;]*$", re.IGNORECASE)
# the grade held over from the round before
_AGAIN = re.compile(r"\b(?:for the (?:second|third|fourth|fifth|sixth) (?:year|time|inspection|consecutive \w+)"
                    r"(?: running| in a row)?|(?:second|third|fourth) consecutive|once again|again been)\b", re.IGNORECASE)
_AGAIN_G = cues.Guarded(_AGAIN)
# a tally of forces, none named: "three forces were ranked inadequate", "with 19 judged as good"
_TALLY = (r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|most|some|half|all|"
          r"no|few|the other|the remaining|a further \d+|another \d+)")
_AGGREGATE = re.compile(
    r"\b" + _TALLY + r"(?:\s+of\s+the(?:\s+\d+)?)?\s+(?:other\s+|more\s+)?(?:police\s+)?forces?\b[^.;]*$"
    r"|(?:^|[,;]\s*|\b(?:with|and|while|whereas)\s+)" + _TALLY +
    r"\s+(?:were|are|was|have been|had been|found|judged|rated|graded|assessed|ranked)\b[^.;]*$"
    r"|(?:^|[,;]\s*|\band\s+)" + _TALLY + r"\s+[\"'‘“]?$", re.IGNORECASE)
_WORDS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_CDI_AREAS = {"recording_data_about_crime", "crime_data_integrity", "peel2015_crime_recording"}


def run(ctx) -> None:
    state = get_state(ctx)
    text = ctx.text
    counts: dict[str, int | None] = {}  # rating key -> stated count of unnamed areas
    uses_adequate = "adequate" in text.lower().replace("inadequate", "")
    last_grade: str | None = None
    per_clause: set[int] = set()  # sentences whose grades went to the forces of their clauses
    all_grades = list(grades.find(text))  # one scan of the text; sentences and lines take their share
    if not all_grades:
        return
    grade_starts = [g[1] for g in all_grades]
    for index, sent in enumerate(ctx.sentences):
        insp = inspection_of_sentence(ctx, index)
        found = _within(all_grades, grade_starts, sent.start, sent.end)
        if insp is None:
            if found:
                last_grade = found[-1][0]
            continue
        round_ = state.rounds.get(insp)
        if not found:
            m = _THIS_GRADE_G.search(sent.exact)
            if m and last_grade:
                start = sent.start + m.end()
                for hit in areas.find(text, start, _clause_end(text, start, sent.end), round_):
                    _add(ctx, counts, insp, hit.area, last_grade, sent, state.rounds.get(insp), uses_adequate,
                         _is_cdi(ctx, insp), text[hit.start:hit.end])
            continue
        scale = _scale_mentions(text, found)
        forces = _clause_forces(ctx, sent, found)
        if forces:
            per_clause.add(index)
        chain_end = None  # where the areas of the last grade taken end
        taken_areas: list[tuple[int, list]] = []  # (grade start, [(area, area text)]) of the grades taken
        earlier: list[tuple[int, str, str]] = []  # (grade start, grade, inspection) of comparisons
        periods = _periods(ctx, found, sent)
        again = bool(_AGAIN_G.search(sent.exact))
        dated_here = {p for p in periods if p}
        for n, (grade, g_start, g_end) in enumerate(found):
            last_grade = grade
            if n in scale:
                continue
            target = insp
            if dated_here and not periods[n] and state.main and state.main != insp \
                    and any(targets.same_period(ctx, insp, p) for p in dated_here):
                # "The rating of 'good' ..., rated 'inadequate' in 2016": the sentence's date is another grade's
                target = state.main
            if forces and forces[n]:
                target = targets.ensure_inspection(ctx, target, sent, force=forces[n])
            before = text[sent.start:g_start]
            next_start = found[n + 1][1] if n + 1 < len(found) else sent.end
            seg_end = min(_clause_end(text, g_end, sent.end), next_start)
            period = periods[n]
            own = bool(period) and targets.same_period(ctx, insp, period)  # the sentence's inspection is dated so
            if targets.is_earlier(before, text, g_end, seg_end):  # "up from requires improvement (in 2019)"
                earlier.append((g_start, grade, insp if own else targets.ensure_inspection(
                    ctx, state.main or target, sent, period=period or "earlier")))
                continue
            if own:
                target = insp
            elif period and not targets.same_period(ctx, target, period):
                target = targets.ensure_inspection(ctx, target, sent, period=period)
            elif not period and state.main and target != state.main and _NOW.search(before[-60:]) \
                    and ctx.inspections.get(target) and ctx.inspections.get(state.main) \
                    and ctx.inspections[target].inspected == ctx.inspections[state.main].inspected:
                target = state.main  # "previously rated X, the force is now judged 'good'": the latest round
            listed = _forces_listed(ctx, sent, before, g_end)
            if listed:  # "the three forces assessed as 'requires improvement' are A, B and C"
                for force in listed:
                    other = targets.ensure_inspection(ctx, state.main or target, sent, force=force)
                    _add(ctx, counts, other, "overall", grade, sent, state.rounds.get(other), uses_adequate,
                         _is_cdi(ctx, other), None)
                continue
            known = set(ctx.ratings)
            taken = _grade(ctx, counts, state, target, sent, grade, g_start, g_end, seg_end, next_start, n, found,
                           before, chain_end, uses_adequate)
            if taken is not None:
                chain_end = taken
                if again and not period and not forces and n == 0:
                    # "for the second year running, ... graded 'good'": the round before had it too
                    earlier.append((g_start, grade, targets.ensure_inspection(ctx, target, sent, period="earlier")))
                taken_areas.append((g_start, [(r.area, r.area_text) for k, r in ctx.ratings.items() if k not in known
                                              and r.area != "unspecified"]))
        for g_start, grade, target in earlier:  # "good for X, up from requires improvement": X, the round before
            near = min(taken_areas, key=lambda t: abs(t[0] - g_start), default=(0, []))[1] or [("overall", None)]
            for area, area_text in near:
                _add(ctx, counts, target, area, grade, sent, state.rounds.get(target), uses_adequate,
                     _is_cdi(ctx, target), area_text)
    rating_lines.run(ctx, lambda start, end: _within(all_grades, grade_starts, start, end), lambda insp, area, grade, sent, area_text: _add(
        ctx, counts, insp, area, grade, sent, state.rounds.get(insp), uses_adequate, _is_cdi(ctx, insp), area_text))
    _graded_alike(ctx, state, counts, uses_adequate, per_clause)
    _reduce_counts(ctx, counts)
    _overall_of_titled_pillar(ctx, state)


_PILLARS = ("pillar_effectiveness", "pillar_efficiency", "pillar_legitimacy")


@cache
def _pillar_labels() -> tuple[tuple[str, str], ...]:
    return tuple((a.id, a.label.lower()) for a in load_reference().areas if a.id in _PILLARS)


def _overall_of_titled_pillar(ctx, state) -> None:
    """A document whose title names one PEEL pillar ("PEEL: Police effectiveness 2016") reports
    that pillar's inspection: its own overall grade is the pillar's grade."""
    if not ctx.paragraphs or state.main is None or not any(r.area == "overall" for r in ctx.ratings.values()):
        return
    title = ctx.paragraphs[0]
    words = set(re.findall(r"[a-z]+", title.exact.lower()))
    named = {area for area, label in _pillar_labels() if label in words}  # the pillar's own name
    if len(named) != 1:
        return
    pillar = named.pop()
    own = state.main.rsplit("/", 1)[-1]
    for key, rating in list(ctx.ratings.items()):
        if rating.area != "overall" or rating.inspection.rsplit("/", 1)[-1] != own:
            continue  # the overall grades of the document's own round, its force's or others' alike
        new_key = iris.rating(rating.inspection, pillar)
        if new_key not in ctx.ratings:
            del ctx.ratings[key]
            ctx.ratings[new_key] = replace(rating, key=new_key, area=pillar)


def _grade(ctx, counts, state, insp, sent, grade, g_start, g_end, seg_end, next_start, n, found, before, chain_end,
           uses_adequate) -> int | None:
    """Rate one grade word; the end of what it took (for a grade continuing it), or None."""
    text = ctx.text
    round_ = state.rounds.get(insp)
    wording = _area_round(ctx, state, insp)  # the round whose area names to read
    cdi = _is_cdi(ctx, insp)

    def add(area, area_text=None):
        _add(ctx, counts, insp, area, grade, sent, round_, uses_adequate, cdi, area_text)

    if _NEGATED.search(before[-60:]) or _THIS_AREA.match(text, g_end, seg_end):
        return None
    if _COUNTED.match(text, g_end, seg_end) and not _RATING_FOR.match(text, g_end, seg_end):
        m = _NUM_BEFORE.search(before[-20:])
        if m:  # "two 'adequate' ratings"
            _unspecified(ctx, counts, insp, grade, m.group("n"), sent, round_, uses_adequate)
            return g_end
        return None
    m = _NUM_BEFORE.search(before[-20:])
    if m and _counted_list(text, g_end, sent.end):  # "one 'outstanding', six 'good' and two 'adequate' ratings"
        _unspecified(ctx, counts, insp, grade, m.group("n"), sent, round_, uses_adequate)
        return g_end
    clause = _CLAUSE_START.match(before)
    clause_start = sent.start + (clause.end() if clause else 0)
    if _AGGREGATE.search(before[-120:] if len(before) <= 120 else before[-120:].partition(" ")[2]) \
            and not _force_named(ctx, sent.start, g_start):
        return None  # "three forces were rated inadequate", "with 19 judged as requiring improvement": a tally
    verb_before = bool(_VERB.search(before))
    copula = bool(_COPULA_SUBJECT.search(before) or _BULLET_COPULA.fullmatch(text, text.rfind("\n", 0, g_start) + 1,
                                                                             g_start))
    line_start = text.rfind("\n", 0, g_start) + 1
    if _BULLET.fullmatch(text, line_start, g_start) and _HEAD_SEP.match(text, g_end):
        verb_before = True  # "• Good – in use of resources, ...": a graded list's line
    chained = chain_end is not None and chain_end <= g_start and bool(_CHAIN.match(text[chain_end:g_start]))
    noun = _RATING_FOR.match(text, g_end, seg_end)
    rating_noun = bool(_RATING_NOUN.match(text, g_end, seg_end))  # "a 'requires improvement' rating in 2017"
    verb_before = verb_before or rating_noun
    verb_after = _VERB.search(text, noun.end() if noun else g_end, seg_end)
    if verb_after and _PASSIVE_GAP.fullmatch(text, g_end, verb_after.start()) \
            and _FOR_AREA.match(text, verb_after.end()):
        verb_after = None  # "a grade of 'good' being awarded for X": the areas follow
    if verb_after:  # "'Inadequate', the recording of crime was rated ...": not ours
        comma = text.rfind(",", g_end, verb_after.start())
        seg_end = comma if comma != -1 else verb_after.start()
    list_end = seg_end
    if _AREAS_ARE_BEFORE.search(before[-40:]):
        m = _AREAS_ARE_AFTER.match(text, g_end, seg_end)
        if m:  # "the areas requiring improvement are X; Y and Z"
            list_end = min(_clause_end(text, g_end, sent.end, semicolons=False), next_start)
            hits = _list_areas(text, m.end(), list_end, wording)
            for hit in hits:
                add(hit.area, text[hit.start:hit.end])
            if hits:
                return hits[-1].end
    if text.startswith(";", seg_end) and seg_end < next_start:
        list_end = min(_clause_end(text, g_end, sent.end, semicolons=False), next_start)
    if not (verb_before or copula or chained) and _adjective(text, g_end):
        return None  # "an outstanding record on preventing crime", "an outstanding contribution"
    hits = _list_areas(text, g_end, list_end, wording)
    if hits and (verb_before or copula or chained or grade != "good" or noun):
        for hit in hits:
            add(hit.area, text[hit.start:hit.end])
        return hits[-1].end
    after = text[g_end:seg_end]
    m = _COUNT_AFTER.match(after) or _COUNT_ELLIPTIC.match(after)
    if m and (verb_before or copula or chained or grade != "good"):
        _unspecified(ctx, counts, insp, grade, m.group("n"), sent, round_, uses_adequate)
        return g_end + m.end()
    pre = text[clause_start:g_start]
    predicate = _ENDS_CLAUSE.match(text, g_end, sent.end) and (
        grade == "requires_improvement" or _PREDICATE.search(before[-30:])) and (
        grade not in ("good", "outstanding") or _quoted(text, g_start, g_end) or _SUBJECT_AREA.match(text, _strong_start(before, sent.start)))
    if not (verb_before or copula or chained or predicate):
        return None
    if _ALL.match(after):
        _unspecified(ctx, counts, insp, grade, "all", sent, round_, uses_adequate)
        return g_end
    m = _COUNT_BEFORE.search(pre)
    if m and (verb_before or predicate):
        _unspecified(ctx, counts, insp, grade, m.group("n"), sent, round_, uses_adequate)
        return g_end
    if not (_VERB.search(pre) or _VERB.search(before[-40:]) or predicate or rating_noun):
        return None
    if _THESE_AREAS.search(pre) and sent != ctx.sentences[0]:
        index = ctx.sentences.index(sent)
        prev = ctx.sentences[index - 1]
        for hit in areas.find(text, prev.start, prev.end, wording):
            add(hit.area, text[hit.start:hit.end])
        return g_end
    # the area the grade is said of, before it: within the clause, or running into it
    # ("the way it treats its workforce with fairness and respect was graded as ...")
    wide_start = _strong_start(before, sent.start)
    pre_hits = [h for h in areas.find(text, wide_start, g_start, wording) if h.end > clause_start]
    if not pre_hits and _VERB_ONLY.fullmatch(text, clause_start, g_start):
        # "Recording crime, graded inadequate by HMIC in 2017, is ...": the area the participle is said of
        pre_hits = [h for h in areas.find(text, wide_start, clause_start, wording)][-1:]
    if pre_hits:
        for hit in pre_hits:
            add(hit.area, text[hit.start:hit.end])
        return g_end
    if (_OVERALL_VERB.search(before) or rating_noun) and not _AREAS_ARE_BEFORE.search(before[-40:]) and not re.match(r"^\W*(?:at|in)\b(?!\s+(?:19|20)\d\d)", after):
        add("overall")
        return g_end
    return None


def _area_round(ctx, state, insp: str) -> str | None:
    """The inspection's round; for the document's own undated inspection, the PEEL round of
    the document's date (the area names of that round are the likeliest)."""
    round_ = state.rounds.get(insp)
    if round_ and re.fullmatch(r"(?:19|20)\d\d", round_):  # "2019": the words of the round a text means by it
        return dates.round_stated("PEEL", int(round_)) or round_
    if round_ or insp != state.main or "/undated" not in insp:
        return round_
    return dates.peel_round(state.doc_date, published=True) if state.doc_date else None


_FORCES_GRADED = re.compile(r"\bforces?\s+(?:\w+\s+){0,2}?(?:%s)\s+(?:as\s+)?[\"'‘“]?$")
_LISTED_AFTER = re.compile(r"[\"'’”]?\s*(?:is|are|were|was|include[sd]?|:)\s+")


def _forces_listed(ctx, sent, before: str, g_end: int) -> list[str]:
    """The forces named after "the forces judged as GRADE are ...", in order."""
    if not _forces_graded().search(before[-80:]):
        return []
    m = _LISTED_AFTER.match(ctx.text, g_end, sent.end)
    if not m:
        return []
    out = []
    for start, _, key in get_state(ctx).force_mentions:
        if m.end() <= start < sent.end and key not in out:
            out.append(key)
    return out


@cache
def _forces_graded() -> re.Pattern:
    return re.compile(_FORCES_GRADED.pattern % lexicon.words_regex("rating_verb").pattern, re.IGNORECASE)


_AFTER_WORD = re.compile(r"[\"'’”]?\s+([a-z]+)\b")
# words that may follow a grade that is a grade: what it is for, its noun, when, by whom
_GRADE_FOLLOWERS = frozenset(
    "in at for across on when with to overall and or but by from after since following last this these its their "
    "rating ratings grade grades grading gradings judgement judgment judgements judgments assessment verdict as "
    "again once now too also both each compared against under".split())
# an area as the subject of a clause: "the extent to which ...", "the efficiency with which ..."
_SUBJECT_AREA = re.compile(r"\s*(?:the\s+)?(?:extent to which|efficiency|effectiveness|legitimacy|how well|how effective|"
                           r"how efficient|how legitimate)\b", re.IGNORECASE)


def _strong_start(before: str, sent_start: int) -> int:
    """Where the clause holding the end of ``before`` starts, splitting at strong breaks only."""
    strong = _STRONG_START.match(before)
    return sent_start + (strong.end() if strong else 0)


def _adjective(text: str, g_end: int) -> bool:
    """Is the grade word an adjective of the noun after it ("an outstanding record")?"""
    m = _AFTER_WORD.match(text, g_end)
    return bool(m) and m.group(1) not in _GRADE_FOLLOWERS


def _quoted(text: str, g_start: int, g_end: int) -> bool:
    return text[g_start - 1:g_start] in "\"'‘“" and text[g_start - 1:g_start] != "" and text[g_end:g_end + 1] in "\"'’”"


def _within(found, starts, start: int, end: int) -> list:
    """The grades of ``found`` (sorted, ``starts`` their starts) lying in text[start:end]."""
    i = bisect.bisect_left(starts, start)
    j = bisect.bisect_left(starts, end, i)
    return [g for g in found[i:j] if g[2] <= end]


def _force_named(ctx, start: int, end: int) -> bool:
    mentions = get_state(ctx).force_mentions
    i = bisect.bisect_left(mentions, (start,))
    return i < len(mentions) and mentions[i][0] < end


def _periods(ctx, found, sent) -> list[str | None]:
    """The period stated right after each grade ("'inadequate' in 2016"), else None."""
    text = ctx.text
    out = []
    for n, (_, _, g_end) in enumerate(found):
        end = found[n + 1][1] if n + 1 < len(found) else sent.end
        out.append(targets.dated_after(text, g_end, min(_clause_end(text, g_end, sent.end), end)))
    return out


def _scale_mentions(text: str, found) -> set[int]:
    """Indexes of grades listed three or more in a row: the scale itself, not grades."""
    out: set[int] = set()
    run = [0]
    for n in range(1, len(found) + 1):
        if n < len(found) and _SCALE_GAP.match(text[found[n - 1][2]:found[n][1]]):
            run.append(n)
            continue
        if len({found[i][0] for i in run}) >= 3:
            out.update(run)
        run = [n]
    return out


def _counted_list(text: str, g_end: int, end: int) -> bool:
    """Does a list of counted grades ending in "ratings"/"grades" follow ("..., two 'adequate' ratings")?"""
    return bool(_COUNT_LIST_END.match(text[g_end:end]))


def _clause_forces(ctx, sent, found) -> list[str | None] | None:
    """The force each grade's clause names, when the grades of the sentence go to two forces or more."""
    state = get_state(ctx)
    if len(found) < 2 or sum(1 for s, _, _ in state.force_mentions if sent.start <= s < sent.end) < 2:
        return None
    forces = [targets.force_before(ctx, sent, g_start) for _, g_start, _ in found]
    return forces if len({f for f in forces if f}) >= 2 else None


def _is_cdi(ctx, insp: str) -> bool:
    inspection = ctx.inspections.get(insp)
    return inspection is not None and inspection.programme == "crime_data_integrity"


def _graded_alike(ctx, state, counts, uses_adequate, per_clause) -> None:
    """The grades of a sentence naming several other forces, for each of them."""
    for index, extras in state.also_by_sentence.items():
        if index in per_clause:
            continue
        sent = ctx.sentences[index]
        primary = state.by_sentence.get(index)
        for rating in [r for r in ctx.ratings.values() if r.inspection == primary and sent in r.evidence]:
            for insp in extras:
                _add(ctx, counts, insp, rating.area, rating.grade, sent, state.rounds.get(insp), uses_adequate,
                     _is_cdi(ctx, insp), rating.area_text, rating.area_count,
                     key_area=f"unspecified-{rating.grade}" if rating.area == "unspecified" else None)


def _list_areas(text: str, start: int, end: int, round_) -> list:
    """Areas of a list after a grade (items split at commas and semicolons); an item after
    the first must be mostly an area name, or begin with one (which then ends the list)."""
    hits = [h for h in areas.find(text, start, end, round_) if not _PROGRAMME_NAME.match(text, h.end)
            and not _PROGRAMME_NAME.search(text, h.start, h.end)]
    if not hits:
        return []
    out: list = []
    pos = start
    for n, item in enumerate(re.split(r"([,;])", text[start:end])):
        if item in (",", ";"):
            pos += 1
            continue
        i_start, i_end = pos, pos + len(item)
        pos = i_end
        in_item = [h for h in hits if h.start < i_end and h.end > i_start]
        if n > 0:
            content = [t for t in areas.tokens(text, i_start, i_end) if t[0] not in ",;:.()" and t[0] != "well"]
            covered = sum(1 for t in content if any(h.start <= t[1] and t[2] <= h.end for h in in_item))
            if not content or not in_item:
                break
            if covered * 2 < len(content):
                # "...; and protecting vulnerable people with the rest rated adequate"
                first = next((h for h in in_item if h.start <= content[0][1] < h.end), None)
                if first is not None and first not in out:
                    out.append(first)
                break
        out.extend(h for h in in_item if h not in out)
    return out


def _clause_end(text: str, start: int, end: int, semicolons: bool = True) -> int:
    m = (_BREAK if semicolons else _BREAK_NO_SEMI).search(text, start, end)
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
