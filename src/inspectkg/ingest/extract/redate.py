"""Step 4b: date the inspections the inspections step left undated, from their ratings.

An assessment area belongs to the rounds it was graded in (``periods`` in
``data/peel_areas.csv``: "developing a positive workplace" only in 2021/22) and
"adequate" only to the five-tier rounds.  The rounds all the ratings of an
undated inspection allow, narrowed as in :func:`dating.undated_round` when
several remain, date it; the inspection, its ratings and every sentence
pointing at it then take the key of that round (merged with the inspection of
that round when the document already names it).
"""

from __future__ import annotations

import dataclasses
import re

from ... import iris
from . import dates, dating
from .inspections import inspectorate_by_period
from .inspstate import get as get_state


def run(ctx) -> None:
    state = get_state(ctx)
    renamed: dict[str, str] = {}
    main = ctx.inspections.get(state.main) if state.main else None
    if main is not None and dating.is_unresolved(main.key.rsplit("/", 1)[-1]):  # the document's own first
        order = [main.key] + [k for k in ctx.inspections if k != main.key]
    else:
        order = list(ctx.inspections)
    main_round = None if main is None or dating.is_unresolved(main.key.rsplit("/", 1)[-1]) else state.rounds.get(main.key)
    for key in order:
        inspection = ctx.inspections.get(key)
        if inspection is None or not dating.is_unresolved(key.rsplit("/", 1)[-1]):
            continue
        kind = key.rsplit("/", 1)[-1].split("-", 1)[0]
        if key == state.main or kind == "undated":
            resolved = _round_from_ratings(ctx, key, inspection.programme)
        elif main is not None and inspection.programme == main.programme:
            resolved = dating.relative_round(kind, inspection.programme, main_round, inspection.evidence)
        else:
            resolved = None
        if resolved and key == state.main:
            main_round = resolved
        if resolved:
            renamed[key] = iris.inspection(inspection.inspected.removeprefix("force/"), inspection.programme, resolved)
            _move(ctx, inspection, renamed[key], resolved)
            state.rounds.pop(key, None)
            state.rounds[renamed[key]] = resolved
    _ungrade_announced(ctx, state)
    _scale_of_undated(ctx, state)
    if not renamed:
        return
    state.announced = {renamed.get(k, k) for k in state.announced}
    state.main = renamed.get(state.main, state.main) if state.main else None
    state.by_sentence = {i: renamed.get(k, k) for i, k in state.by_sentence.items()}
    state.also_by_sentence = {i: [renamed.get(k, k) for k in ks] for i, ks in state.also_by_sentence.items()}
    for rkey, rating in list(ctx.ratings.items()):
        if rating.inspection in renamed:
            del ctx.ratings[rkey]
            new = renamed[rating.inspection]
            scale = dates.scale_for(state.rounds[new], rating.grade) if ctx.inspections[new].programme == "PEEL" \
                else rating.scale
            moved = dataclasses.replace(rating, key=iris.rating(new, rating.area), inspection=new, scale=scale)
            ctx.ratings.setdefault(moved.key, moved)


def _round_from_ratings(ctx, key: str, programme: str) -> str | None:
    """The round the ratings of an undated inspection allow.  Each rating allows the rounds of every
    area its words name (``could``) and, more narrowly, those of the area the ratings step chose
    (``chosen``); the first decide, the second only break a tie the years cannot."""
    rounds = {r.name for r in dates.rounds(programme)}
    if not rounds:
        return None
    could, chosen = set(rounds), set(rounds)
    narrowed = False
    for rating in ctx.ratings.values():
        if rating.inspection != key:
            continue
        if rating.grade == "adequate":
            five = set(dates.rounds_of_scale(programme, "peel_5tier"))
            could &= five
            chosen &= five
            narrowed = True
        of_area = _rounds_of_area(ctx, programme, rating.area, rating.area_text)
        if of_area is not None:
            could &= of_area
            own = _rounds_of_area(ctx, programme, rating.area, None)
            chosen &= own if own is not None else of_area
            narrowed = True
    if not narrowed or not could:
        return None
    candidates = [r for r in dates.rounds(programme) if r.name in could]
    if key == get_state(ctx).main:  # the document's own inspection comes after those it names as others
        inspection = ctx.inspections[key]
        others = [k.rsplit("/", 1)[-1].replace("-", "/") for k, i in ctx.inspections.items()
                  if k != key and i.programme == programme and i.inspected == inspection.inspected
                  and k not in get_state(ctx).announced]
        after = dating.latest_named(programme, others)
        later = dating.later_than(candidates, programme, after)
        floor = dates.start_year(after) if later else None
        candidates = later or candidates
    else:
        floor = None
    found = dating.narrowed_round(programme, candidates, ctx.sentences, constrained=True, floor=floor)
    if found is None:
        tie = [r for r in candidates if r.name in chosen]
        found = tie[0].name if len(tie) == 1 else None
    return found


def _rounds_of_area(ctx, programme: str, area_id: str, area_text: str | None) -> set[str] | None:
    """The rounds an area could belong to: those of our area and of every area the text's words
    also name (a bare "efficiency" is the 2014 question and the pillar of 2014-2018/19); None when
    the area says nothing of the round (overall, unspecified, an area of every round)."""
    try:
        own = ctx.reference.area(area_id)
    except KeyError:
        return None
    rounds = dating.area_rounds(programme, own.periods)
    if rounds is None:
        return None
    rounds = set(rounds)
    for other in _areas_named(ctx.reference, _fold(area_text or "")):
        more = dating.area_rounds(programme, other.periods)
        if more is None:
            return None
        rounds |= more
    return rounds


_INDEXES: dict[int, dict[str, tuple]] = {}  # id of the reference -> folded area name -> areas


def _area_index(reference) -> dict[str, tuple]:
    if id(reference) in _INDEXES:
        return _INDEXES[id(reference)]
    index: dict[str, list] = {}
    for area in reference.areas:
        for name in (area.label, *area.paraphrases, area.gold_area):
            if name:
                index.setdefault(_fold(name), []).append(area)
    _INDEXES.clear()  # one reference at a time
    _INDEXES[id(reference)] = {k: tuple(v) for k, v in index.items()}
    return _INDEXES[id(reference)]


def _areas_named(reference, folded: str) -> tuple:
    return _area_index(reference).get(folded, ()) if folded else ()


def _fold(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _scale_of_undated(ctx, state) -> None:
    """The scale of a grade whose inspection stays undated: five-tier for "adequate", four-tier when
    the document is older than the first five-tier round (an earlier inspection of a 2016 text)."""
    five = [r.first_published for r in dates.rounds("PEEL") if r.scale == "peel_5tier"]
    doc_date = state.doc_date
    for rkey, rating in list(ctx.ratings.items()):
        if rating.scale or not dating.is_unresolved(rating.inspection.rsplit("/", 1)[-1]):
            continue
        inspection = ctx.inspections.get(rating.inspection)
        if inspection is None or inspection.programme not in ("PEEL", "crime_data_integrity"):
            continue
        if rating.grade == "adequate":
            scale = "peel_5tier"
        elif doc_date and five and doc_date[:7] < min(five):
            scale = "peel_4tier"
        else:
            continue
        ctx.ratings[rkey] = dataclasses.replace(rating, scale=scale)


def _ungrade_announced(ctx, state) -> None:
    """An inspection still to come grades nothing: a grade a sentence about it states is the
    grade of the document's own inspection (or of none)."""
    if not state.announced:
        return
    for rkey, rating in list(ctx.ratings.items()):
        if rating.inspection not in state.announced:
            continue
        del ctx.ratings[rkey]
        if state.main and state.main not in state.announced:
            moved = dataclasses.replace(rating, key=iris.rating(state.main, rating.area), inspection=state.main)
            ctx.ratings.setdefault(moved.key, moved)


def _move(ctx, inspection, new_key: str, round_: str) -> None:
    del ctx.inspections[inspection.key]
    existing = ctx.inspections.get(new_key)
    if existing is not None:
        evidence = tuple(sorted(set(existing.evidence) | set(inspection.evidence)))
        ctx.inspections[new_key] = dataclasses.replace(existing, evidence=evidence,
                                                       confidence=max(existing.confidence, inspection.confidence))
        return
    inspectorate = inspection.inspectorate
    if inspectorate in ("org/hmic", "org/hmicfrs"):  # HMIC or HMICFRS by the round's own date
        by_round = inspectorate_by_period(inspection.programme, round_)
        inspectorate = iris.org(by_round) if by_round else inspectorate
    ctx.inspections[new_key] = dataclasses.replace(inspection, key=new_key, period=round_, inspectorate=inspectorate)
