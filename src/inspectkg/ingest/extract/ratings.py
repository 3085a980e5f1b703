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
from dataclasses import dataclass, field, replace
from functools import cache

from ... import iris
from ...model import Rating, Span
from ...reference import load as load_reference
from . import areas, dates, grades
from . import rating_cues as cue, rating_lines, rating_targets as targets
from .context import Context
from .inspstate import InspectionState, get as get_state, inspection_of_sentence


@dataclass(frozen=True)
class _Said:
    """A grade said of one inspection in one sentence."""

    insp: str
    grade: str
    sent: Span
    cdi: bool | None = None  # a crime data integrity inspection's; None: read from the inspection's programme


@dataclass
class _Rater:
    """What the rating helpers share over one document."""

    ctx: Context
    state: InspectionState
    uses_adequate: bool  # the text uses the five-grade scale
    counts: dict[str, int | None] = field(default_factory=dict)  # rating key -> stated count of unnamed areas
    last_grade: str | None = None  # the grade word seen last ("this grade" in the next sentence)
    per_clause: set[int] = field(default_factory=set)  # sentences whose grades went to their clauses' forces

    def add(self, said: _Said, area: str, area_text: str | None = None, count: int | None = None,
            key_area: str | None = None) -> None:
        ctx, counts = self.ctx, self.counts
        cdi = _is_cdi(ctx, said.insp) if said.cdi is None else said.cdi
        if cdi and area in cue.CDI_AREAS:
            area = "overall"
        key = iris.rating(said.insp, key_area or area)
        old = ctx.ratings.get(key)
        if old is not None:
            if old.grade == said.grade and said.sent not in old.evidence and count is not None:
                counts[key] = max(counts.get(key) or 0, count) if counts.get(key) is not None else count
            return
        scale = _scale(self.state.rounds.get(said.insp), said.grade, self.uses_adequate, cdi)
        ctx.ratings[key] = Rating(key, said.insp, area, said.grade, area_text, count, scale, (said.sent,),
                                  0.8 if area != "unspecified" else 0.6)
        if key_area:
            counts[key] = count

    def add_hits(self, said: _Said, hits) -> None:
        for hit in hits:
            self.add(said, hit.area, self.ctx.text[hit.start:hit.end])

    def unspecified(self, said: _Said, amount: str) -> None:
        """A count of unnamed areas ("good in four other areas"); vague amounts are no count."""
        amount = amount.lower()
        if amount in ("some", "many", "several"):
            return  # too vague to count
        count = int(amount) if amount.isdigit() else cue.WORDS.get(amount)
        self.add(replace(said, cdi=False), "unspecified", amount, count, key_area=f"unspecified-{said.grade}")


@dataclass
class _Sentence:
    """One sentence with grades, and what its grades have taken so far."""

    index: int
    sent: Span
    insp: str  # the sentence's inspection
    found: list  # (grade, start, end) of its grade words
    periods: list  # the period stated right after each grade, else None
    forces: list | None  # the force of each grade's clause, when they go to several forces
    chain_end: int | None = None  # where the areas of the last grade taken end
    taken_areas: list = field(default_factory=list)  # (grade start, [(area, area text)]) of the grades taken
    earlier: list = field(default_factory=list)  # (grade start, grade, inspection) of comparisons


@dataclass(frozen=True)
class _At:
    """Where one grade word stands in its sentence."""

    said: _Said
    start: int
    end: int
    seg_end: int  # the end of its clause (or the next grade's start)
    next_start: int  # the next grade's start, else the sentence's end
    before: str  # the sentence up to the grade
    chain_end: int | None  # where the areas of the grade before it ended


@dataclass(frozen=True)
class _How:
    """How a grade is said: the cues that make it a rating, and where its areas may be."""

    verb_before: bool  # a rating verb or noun ("rated", "a 'good' rating")
    copula: bool  # "the force is good at ...", also as a bullet under "the force:"
    chained: bool  # continues the grade before it ("good at X, good at Y")
    noun: bool  # "'good' ratings for ..."
    rating_noun: bool  # "a 'requires improvement' rating in 2017"
    seg_end: int  # the clause's end, before another rating verb's clause
    clause_start: int
    wording: str | None  # the round whose area names to read


_GO_ON = object()  # a step that did not decide: the next one reads on


def run(ctx) -> None:
    text = ctx.text
    all_grades = list(grades.find(text))  # one scan of the text; sentences and lines take their share
    if not all_grades:
        return
    r = _Rater(ctx, get_state(ctx), "adequate" in text.lower().replace("inadequate", ""))
    grade_starts = [g[1] for g in all_grades]
    for index, sent in enumerate(ctx.sentences):
        _sentence(r, index, sent, cue.within(all_grades, grade_starts, sent.start, sent.end))
    rating_lines.run(
        ctx, lambda start, end: cue.within(all_grades, grade_starts, start, end),
        lambda insp, area, grade, sent, area_text: r.add(_Said(insp, grade, sent), area, area_text))
    _graded_alike(r)
    _reduce_counts(ctx, r.counts)
    _overall_of_titled_pillar(ctx, r.state)


def _sentence(r: _Rater, index: int, sent, found: list) -> None:
    """The ratings of one sentence's grade words."""
    ctx, state = r.ctx, r.state
    insp = inspection_of_sentence(ctx, index)
    if insp is None:
        if found:
            r.last_grade = found[-1][0]
        return
    if not found:
        # "... was given this grade for X": looked for only once a grade has been seen
        m = cue.THIS_GRADE_G.search(sent.exact) if r.last_grade else None
        if m:
            start = sent.start + m.end()
            hits = areas.find(ctx.text, start, cue.clause_end(ctx.text, start, sent.end), state.rounds.get(insp))
            r.add_hits(_Said(insp, r.last_grade, sent), hits)
        return
    scale = cue.scale_mentions(ctx.text, found)
    s = _Sentence(index, sent, insp, found, _periods(ctx, found, sent), _clause_forces(ctx, sent, found))
    if s.forces:
        r.per_clause.add(index)
    again = bool(cue.AGAIN_G.search(sent.exact))
    for n, (grade, g_start, _) in enumerate(found):
        r.last_grade = grade
        if n in scale:
            continue
        taken, target = _one_grade(r, s, n)
        if taken is not None:
            s.chain_end = taken
            if again and not s.periods[n] and not s.forces and n == 0:
                # "for the second year running, ... graded 'good'": the round before had it too
                s.earlier.append((g_start, grade, targets.ensure_inspection(ctx, target, sent, period="earlier")))
    for g_start, grade, target in s.earlier:  # "good for X, up from requires improvement": X, the round before
        near = min(s.taken_areas, key=lambda t: abs(t[0] - g_start), default=(0, []))[1] or [("overall", None)]
        for area, area_text in near:
            r.add(_Said(target, grade, sent), area, area_text)


def _target(r: _Rater, s: _Sentence, n: int) -> str:
    """The inspection a grade of the sentence goes to, before its own date is read."""
    ctx, state = r.ctx, r.state
    g_start = s.found[n][1]
    target = s.insp
    dated_here = {p for p in s.periods if p}
    if dated_here and not s.periods[n] and state.main and state.main != s.insp \
            and any(targets.same_period(ctx, s.insp, p) for p in dated_here):
        # "The rating of 'good' ..., rated 'inadequate' in 2016": the sentence's date is another grade's
        target = state.main
    if s.forces and s.forces[n]:
        return targets.ensure_inspection(ctx, target, s.sent, force=s.forces[n])
    led_by = _list_lead_force(ctx, state, g_start)  # "Nottinghamshire Police was rated:\n - good at ..."
    return targets.ensure_inspection(ctx, target, s.sent, force=led_by) if led_by else target


def _one_grade(r: _Rater, s: _Sentence, n: int) -> tuple[int | None, str]:
    """Rate the sentence's n-th grade word: (the end of what it took, or None; its inspection)."""
    ctx, state, text, sent = r.ctx, r.state, r.ctx.text, s.sent
    grade, g_start, g_end = s.found[n]
    target = _target(r, s, n)
    before = text[sent.start:g_start]
    next_start = s.found[n + 1][1] if n + 1 < len(s.found) else sent.end
    seg_end = min(cue.clause_end(text, g_end, sent.end), next_start)
    period = s.periods[n]
    own = bool(period) and targets.same_period(ctx, s.insp, period)  # the sentence's inspection is dated so
    if targets.is_earlier(before, text, g_end, seg_end):  # "up from requires improvement (in 2019)"
        s.earlier.append((g_start, grade, s.insp if own else targets.ensure_inspection(
            ctx, state.main or target, sent, period=period or "earlier")))
        return None, target
    if own:
        target = s.insp
    elif period and not targets.same_period(ctx, target, period):
        target = targets.ensure_inspection(ctx, target, sent, period=period)
    elif not period and state.main and target != state.main and cue.NOW.search(before[-60:]) \
            and ctx.inspections.get(target) and ctx.inspections.get(state.main) \
            and ctx.inspections[target].inspected == ctx.inspections[state.main].inspected:
        target = state.main  # "previously rated X, the force is now judged 'good'": the latest round
    listed = _forces_listed(ctx, sent, before, g_end)
    if listed:  # "the three forces assessed as 'requires improvement' are A, B and C"
        for force in listed:
            r.add(_Said(targets.ensure_inspection(ctx, state.main or target, sent, force=force), grade, sent),
                  "overall")
        return None, target
    known = set(ctx.ratings)
    at = _At(_Said(target, grade, sent), g_start, g_end, seg_end, next_start, before, s.chain_end)
    taken = _grade(r, at)
    if taken is None and cue.FROM_TO.search(before):
        taken = _from_to(r, at)
    if taken is not None:
        s.taken_areas.append((g_start, [(rt.area, rt.area_text) for k, rt in ctx.ratings.items() if k not in known
                                        and rt.area != "unspecified"]))
    return taken, target


def _from_to(r: _Rater, at: _At) -> int | None:
    """The later grade of "went from 'requires improvement' to 'good' (at X)": for the areas after it,
    else those named before the comparison ("its grade for X has improved from ...")."""
    text, sent = r.ctx.text, at.said.sent
    wording = _area_round(r.ctx, r.state, at.said.insp)
    hits = cue.list_areas(text, at.end, at.seg_end, wording)
    if not hits:
        lead_end = text.rfind("from", sent.start, at.start)
        clause = cue.STRONG_START.match(text, sent.start, lead_end)
        hits = areas.find(text, clause.end() if clause else sent.start, lead_end, wording)
    r.add_hits(at.said, hits)
    return hits[-1].end if hits else None


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


def _grade(r: _Rater, at: _At) -> int | None:
    """Rate one grade word; the end of what it took (for a grade continuing it), or None."""
    text, before, said = r.ctx.text, at.before, at.said
    if cue.NEGATED.search(before[-60:]) or cue.THIS_AREA.match(text, at.end, at.seg_end):
        return None
    if cue.COUNTED.match(text, at.end, at.seg_end) and not cue.RATING_FOR.match(text, at.end, at.seg_end):
        m = cue.NUM_BEFORE.search(before[-20:])
        if m:  # "two 'adequate' ratings"
            r.unspecified(said, m.group("n"))
            return at.end
        return None
    m = cue.NUM_BEFORE.search(before[-20:])
    if m and (cue.counted_list(text, at.end, said.sent.end)  # "one 'outstanding', six 'good' and two 'adequate' ratings"
              or cue.elided_count(before, m)):  # "four areas rated 'good' and two 'adequate'"
        r.unspecified(said, m.group("n"))
        return at.end
    # the force check first: a bisection, where the tally regex costs ~30 µs a grade
    if not _force_named(r.ctx, said.sent.start, at.start) \
            and cue.AGGREGATE.search(before[-120:] if len(before) <= 120 else before[-120:].partition(" ")[2]):
        return None  # "three forces were rated inadequate", "with 19 judged as requiring improvement": a tally
    how = _how_said(r, at)
    taken = _areas_after(r, at, how)
    return _areas_before(r, at, how) if taken is _GO_ON else taken


def _how_said(r: _Rater, at: _At) -> _How:
    """The cues around a grade word that make it a rating, and the stretch its areas may be in."""
    text, before, seg_end = r.ctx.text, at.before, at.seg_end
    clause = cue.CLAUSE_START.match(before)
    verb_before = bool(cue.VERB.search(before))
    line_start = text.rfind("\n", 0, at.start) + 1
    copula = bool(cue.COPULA_SUBJECT.search(before[-80:]) or cue.BULLET_COPULA.fullmatch(text, line_start, at.start)
                  or (cue.BULLET.fullmatch(text, line_start, at.start) and cue.list_lead_copula(text, line_start)))
    if cue.BULLET.fullmatch(text, line_start, at.start) and cue.HEAD_SEP.match(text, at.end):
        verb_before = True  # "• Good – in use of resources, ...": a graded list's line
    chained = at.chain_end is not None and at.chain_end <= at.start \
        and bool(cue.CHAIN.match(text[at.chain_end:at.start]))
    noun = cue.RATING_FOR.match(text, at.end, seg_end)
    rating_noun = bool(cue.RATING_NOUN.match(text, at.end, seg_end))  # "a 'requires improvement' rating in 2017"
    verb_after = cue.VERB.search(text, noun.end() if noun else at.end, seg_end)
    if verb_after and cue.PASSIVE_GAP.fullmatch(text, at.end, verb_after.start()) \
            and cue.FOR_AREA.match(text, verb_after.end()):
        verb_after = None  # "a grade of 'good' being awarded for X": the areas follow
    if verb_after:  # "'Inadequate', the recording of crime was rated ...": not ours
        comma = text.rfind(",", at.end, verb_after.start())
        seg_end = comma if comma != -1 else verb_after.start()
    return _How(verb_before or rating_noun, copula, chained, bool(noun), rating_noun, seg_end,
                at.said.sent.start + (clause.end() if clause else 0), _area_round(r.ctx, r.state, at.said.insp))


def _areas_after(r: _Rater, at: _At, how: _How):
    """The areas listed after the grade ("good at X, Y and Z"); _GO_ON when there are none to take."""
    text, before, said = r.ctx.text, at.before, at.said
    list_end = how.seg_end
    if cue.AREAS_ARE_BEFORE.search(before[-40:]):
        m = cue.AREAS_ARE_AFTER.match(text, at.end, how.seg_end)
        if m:  # "the areas requiring improvement are X; Y and Z"
            list_end = min(cue.clause_end(text, at.end, said.sent.end, semicolons=False), at.next_start)
            hits = cue.list_areas(text, m.end(), list_end, how.wording)
            r.add_hits(said, hits)
            if hits:
                return hits[-1].end
    if text.startswith(";", how.seg_end) and how.seg_end < at.next_start:
        list_end = min(cue.clause_end(text, at.end, said.sent.end, semicolons=False), at.next_start)
    said_so = how.verb_before or how.copula or how.chained
    if not said_so and cue.adjective(text, at.end):
        return None  # "an outstanding record on preventing crime", "an outstanding contribution"
    hits = cue.list_areas(text, at.end, list_end, how.wording)
    if hits and (said_so or said.grade != "good" or how.noun):
        r.add_hits(said, hits)
        return hits[-1].end
    return _GO_ON


def _areas_before(r: _Rater, at: _At, how: _How) -> int | None:
    """A count after the grade, else the area named before it, else the overall grade; None if no rating."""
    ctx, text, before, said = r.ctx, r.ctx.text, at.before, at.said
    after = text[at.end:how.seg_end]
    m = cue.COUNT_AFTER.match(after) or cue.COUNT_ELLIPTIC.match(after)
    if m and (how.verb_before or how.copula or how.chained or said.grade != "good"):
        r.unspecified(said, m.group("n"))
        return at.end + m.end()
    pre = text[how.clause_start:at.start]
    predicate = cue.ENDS_CLAUSE.match(text, at.end, said.sent.end) and (
        said.grade == "requires_improvement" or cue.PREDICATE.search(before[-30:])) and (
        said.grade not in ("good", "outstanding") or cue.quoted(text, at.start, at.end)
        or cue.SUBJECT_AREA.match(text, cue.strong_start(before, said.sent.start)))
    if not (how.verb_before or how.copula or how.chained or predicate):
        return None
    if cue.ALL.match(after):
        r.unspecified(said, "all")
        return at.end
    m = cue.COUNT_BEFORE.search(pre)
    if m and (how.verb_before or predicate):
        r.unspecified(said, m.group("n"))
        return at.end
    if not (cue.VERB.search(pre) or cue.VERB.search(before[-40:]) or predicate or how.rating_noun):
        return None
    if cue.THESE_AREAS.search(pre) and said.sent != ctx.sentences[0]:
        prev = ctx.sentences[ctx.sentences.index(said.sent) - 1]
        r.add_hits(said, areas.find(text, prev.start, prev.end, how.wording))
        return at.end
    # the area the grade is said of, before it: within the clause, or running into it
    # ("the way it treats its workforce with fairness and respect was graded as ...")
    wide_start = cue.strong_start(before, said.sent.start)
    pre_hits = [h for h in areas.find(text, wide_start, at.start, how.wording) if h.end > how.clause_start]
    if not pre_hits and cue.VERB_ONLY.fullmatch(text, how.clause_start, at.start):
        # "Recording crime, graded inadequate by HMIC in 2017, is ...": the area the participle is said of
        pre_hits = [h for h in areas.find(text, wide_start, how.clause_start, how.wording)][-1:]
    if pre_hits:
        r.add_hits(said, pre_hits)
        return at.end
    if (cue.OVERALL_VERB.search(before) or how.rating_noun) and not cue.AREAS_ARE_BEFORE.search(before[-40:]) \
            and not cue.AREA_PREPOSITION.match(after):
        r.add(said, "overall")
        return at.end
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


def _list_lead_force(ctx, state, position: int) -> str | None:
    """The force named last in the lead-in line of the list whose item holds ``position``."""
    lead = cue.list_lead_line(ctx.text, ctx.text.rfind("\n", 0, position) + 1)
    if lead is None:
        return None
    named = [key for start, _, key in state.force_mentions if lead[0] <= start < lead[1]]
    return named[-1] if named else None


def _is_cdi(ctx, insp: str) -> bool:
    inspection = ctx.inspections.get(insp)
    return inspection is not None and inspection.programme == "crime_data_integrity"


def _graded_alike(r: _Rater) -> None:
    """The grades of a sentence naming several other forces, for each of them."""
    ctx, state = r.ctx, r.state
    for index, extras in state.also_by_sentence.items():
        if index in r.per_clause:
            continue
        sent = ctx.sentences[index]
        primary = state.by_sentence.get(index)
        for rating in [rt for rt in ctx.ratings.values() if rt.inspection == primary and sent in rt.evidence]:
            for insp in extras:
                r.add(_Said(insp, rating.grade, sent), rating.area, rating.area_text, rating.area_count,
                      key_area=f"unspecified-{rating.grade}" if rating.area == "unspecified" else None)


def _scale(round_: str | None, grade: str, uses_adequate: bool, cdi: bool = False) -> str | None:
    if grade == "adequate" or (round_ is None and uses_adequate):
        return "peel_5tier"
    if cdi:  # crime data integrity inspections were graded on the four-grade scale only (grades.csv)
        return "peel_4tier"
    if round_ is None:
        return None
    return dates.scale_for(round_)


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
