"""Step 4: graded judgements, area x grade, of the inspections found.

A grade word (``grades.py``) is a rating when a rating verb precedes it in the
sentence ("was rated 'good' for ..."; the verbs are the ``rating_verb`` and
``rating_cue`` rows of ``patterns/lexicon.csv``), when the force is said to *be*
the grade at/in/for an area ("the force is good at investigating crime", also as a
bullet under "the force:"), for grades other than "good" when an area follows, when
it continues the grade before it ("good at X, good at Y"), as the predicate of an
area ("the extent to which the force ... is good."), or as "a 'good' rating".
Areas come after the grade (lists split at commas and semicolons, "the areas
requiring improvement are X; Y"), or before it with a rating verb between.
Counts ("good in four other areas", "adequate in five", "two 'outstanding' and
three 'good' ratings") give area ``unspecified`` with ``area_count``, net of the
areas of the same grade named elsewhere.  No area and a rating verb: ``overall``
(the titled pillar's, in a report titled by one pillar).

Which inspection (``rating_targets.py``): the sentence's, else the force of the
grade's clause, the round dated right after the grade ("'inadequate' in 2016"),
the round before for comparisons ("up from requires improvement", "for the
second year running").  Tables, flattened tables and grade headings over lists of
forces are read line by line (``rating_lines.py``).  No rating: negated grades,
the scale listed, tallies of unnamed forces, a grade word as an adjective ("an
outstanding record"), "in this area", counted grades without a number.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import cache

from ... import iris
from ...model import Rating
from ...reference import load as load_reference
from . import areas, dates, grades
from . import rating_cues as cue, rating_lines, rating_targets as targets
from .inspstate import get as get_state, inspection_of_sentence


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
        found = cue.within(all_grades, grade_starts, sent.start, sent.end)
        if insp is None:
            if found:
                last_grade = found[-1][0]
            continue
        round_ = state.rounds.get(insp)
        if not found:
            m = cue.THIS_GRADE_G.search(sent.exact)
            if m and last_grade:
                start = sent.start + m.end()
                for hit in areas.find(text, start, cue.clause_end(text, start, sent.end), round_):
                    _add(ctx, counts, insp, hit.area, last_grade, sent, state.rounds.get(insp), uses_adequate,
                         _is_cdi(ctx, insp), text[hit.start:hit.end])
            continue
        scale = cue.scale_mentions(text, found)
        forces = _clause_forces(ctx, sent, found)
        if forces:
            per_clause.add(index)
        chain_end = None  # where the areas of the last grade taken end
        taken_areas: list[tuple[int, list]] = []  # (grade start, [(area, area text)]) of the grades taken
        earlier: list[tuple[int, str, str]] = []  # (grade start, grade, inspection) of comparisons
        periods = _periods(ctx, found, sent)
        again = bool(cue.AGAIN_G.search(sent.exact))
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
            seg_end = min(cue.clause_end(text, g_end, sent.end), next_start)
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
            elif not period and state.main and target != state.main and cue.NOW.search(before[-60:]) \
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
    rating_lines.run(
        ctx, lambda start, end: cue.within(all_grades, grade_starts, start, end),
        lambda insp, area, grade, sent, area_text: _add(ctx, counts, insp, area, grade, sent, state.rounds.get(insp),
                                                        uses_adequate, _is_cdi(ctx, insp), area_text))
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

    if cue.NEGATED.search(before[-60:]) or cue.THIS_AREA.match(text, g_end, seg_end):
        return None
    if cue.COUNTED.match(text, g_end, seg_end) and not cue.RATING_FOR.match(text, g_end, seg_end):
        m = cue.NUM_BEFORE.search(before[-20:])
        if m:  # "two 'adequate' ratings"
            _unspecified(ctx, counts, insp, grade, m.group("n"), sent, round_, uses_adequate)
            return g_end
        return None
    m = cue.NUM_BEFORE.search(before[-20:])
    if m and cue.counted_list(text, g_end, sent.end):  # "one 'outstanding', six 'good' and two 'adequate' ratings"
        _unspecified(ctx, counts, insp, grade, m.group("n"), sent, round_, uses_adequate)
        return g_end
    clause = cue.CLAUSE_START.match(before)
    clause_start = sent.start + (clause.end() if clause else 0)
    if cue.AGGREGATE.search(before[-120:] if len(before) <= 120 else before[-120:].partition(" ")[2]) \
            and not _force_named(ctx, sent.start, g_start):
        return None  # "three forces were rated inadequate", "with 19 judged as requiring improvement": a tally
    verb_before = bool(cue.VERB.search(before))
    line_start = text.rfind("\n", 0, g_start) + 1
    copula = bool(cue.COPULA_SUBJECT.search(before[-80:]) or cue.BULLET_COPULA.fullmatch(text, line_start, g_start)
                  or (cue.BULLET.fullmatch(text, line_start, g_start) and cue.list_lead_copula(text, line_start)))
    if cue.BULLET.fullmatch(text, line_start, g_start) and cue.HEAD_SEP.match(text, g_end):
        verb_before = True  # "• Good – in use of resources, ...": a graded list's line
    chained = chain_end is not None and chain_end <= g_start and bool(cue.CHAIN.match(text[chain_end:g_start]))
    noun = cue.RATING_FOR.match(text, g_end, seg_end)
    rating_noun = bool(cue.RATING_NOUN.match(text, g_end, seg_end))  # "a 'requires improvement' rating in 2017"
    verb_before = verb_before or rating_noun
    verb_after = cue.VERB.search(text, noun.end() if noun else g_end, seg_end)
    if verb_after and cue.PASSIVE_GAP.fullmatch(text, g_end, verb_after.start()) \
            and cue.FOR_AREA.match(text, verb_after.end()):
        verb_after = None  # "a grade of 'good' being awarded for X": the areas follow
    if verb_after:  # "'Inadequate', the recording of crime was rated ...": not ours
        comma = text.rfind(",", g_end, verb_after.start())
        seg_end = comma if comma != -1 else verb_after.start()
    list_end = seg_end
    if cue.AREAS_ARE_BEFORE.search(before[-40:]):
        m = cue.AREAS_ARE_AFTER.match(text, g_end, seg_end)
        if m:  # "the areas requiring improvement are X; Y and Z"
            list_end = min(cue.clause_end(text, g_end, sent.end, semicolons=False), next_start)
            hits = cue.list_areas(text, m.end(), list_end, wording)
            for hit in hits:
                add(hit.area, text[hit.start:hit.end])
            if hits:
                return hits[-1].end
    if text.startswith(";", seg_end) and seg_end < next_start:
        list_end = min(cue.clause_end(text, g_end, sent.end, semicolons=False), next_start)
    if not (verb_before or copula or chained) and cue.adjective(text, g_end):
        return None  # "an outstanding record on preventing crime", "an outstanding contribution"
    hits = cue.list_areas(text, g_end, list_end, wording)
    if hits and (verb_before or copula or chained or grade != "good" or noun):
        for hit in hits:
            add(hit.area, text[hit.start:hit.end])
        return hits[-1].end
    after = text[g_end:seg_end]
    m = cue.COUNT_AFTER.match(after) or cue.COUNT_ELLIPTIC.match(after)
    if m and (verb_before or copula or chained or grade != "good"):
        _unspecified(ctx, counts, insp, grade, m.group("n"), sent, round_, uses_adequate)
        return g_end + m.end()
    pre = text[clause_start:g_start]
    predicate = cue.ENDS_CLAUSE.match(text, g_end, sent.end) and (
        grade == "requires_improvement" or cue.PREDICATE.search(before[-30:])) and (
        grade not in ("good", "outstanding") or cue.quoted(text, g_start, g_end)
        or cue.SUBJECT_AREA.match(text, cue.strong_start(before, sent.start)))
    if not (verb_before or copula or chained or predicate):
        return None
    if cue.ALL.match(after):
        _unspecified(ctx, counts, insp, grade, "all", sent, round_, uses_adequate)
        return g_end
    m = cue.COUNT_BEFORE.search(pre)
    if m and (verb_before or predicate):
        _unspecified(ctx, counts, insp, grade, m.group("n"), sent, round_, uses_adequate)
        return g_end
    if not (cue.VERB.search(pre) or cue.VERB.search(before[-40:]) or predicate or rating_noun):
        return None
    if cue.THESE_AREAS.search(pre) and sent != ctx.sentences[0]:
        index = ctx.sentences.index(sent)
        prev = ctx.sentences[index - 1]
        for hit in areas.find(text, prev.start, prev.end, wording):
            add(hit.area, text[hit.start:hit.end])
        return g_end
    # the area the grade is said of, before it: within the clause, or running into it
    # ("the way it treats its workforce with fairness and respect was graded as ...")
    wide_start = cue.strong_start(before, sent.start)
    pre_hits = [h for h in areas.find(text, wide_start, g_start, wording) if h.end > clause_start]
    if not pre_hits and cue.VERB_ONLY.fullmatch(text, clause_start, g_start):
        # "Recording crime, graded inadequate by HMIC in 2017, is ...": the area the participle is said of
        pre_hits = [h for h in areas.find(text, wide_start, clause_start, wording)][-1:]
    if pre_hits:
        for hit in pre_hits:
            add(hit.area, text[hit.start:hit.end])
        return g_end
    if (cue.OVERALL_VERB.search(before) or rating_noun) and not cue.AREAS_ARE_BEFORE.search(before[-40:]) \
            and not cue.AREA_PREPOSITION.match(after):
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


def _forces_listed(ctx, sent, before: str, g_end: int) -> list[str]:
    """The forces named after "the forces judged as GRADE are ...", in order."""
    if not cue.forces_graded().search(before[-80:]):
        return []
    m = cue.LISTED_AFTER.match(ctx.text, g_end, sent.end)
    if not m:
        return []
    out = []
    for start, _, key in get_state(ctx).force_mentions:
        if m.end() <= start < sent.end and key not in out:
            out.append(key)
    return out


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
        out.append(targets.dated_after(text, g_end, min(cue.clause_end(text, g_end, sent.end), end)))
    return out


def _clause_forces(ctx, sent, found) -> list[str | None] | None:
    """The force each grade's clause names, when the grades of the sentence go to two forces or more."""
    mentions = get_state(ctx).force_mentions  # sorted: counted by bisection, not a scan per sentence
    if len(found) < 2 or bisect.bisect_left(mentions, (sent.end,)) - bisect.bisect_left(mentions, (sent.start,)) < 2:
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
    if cdi and area in cue.CDI_AREAS:
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
    count = int(amount) if amount.isdigit() else cue.WORDS.get(amount)
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
