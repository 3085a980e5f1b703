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

from ... import iris
from . import dates, dating
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
    rounds = {r.name for r in dates.rounds(programme)}
    if not rounds:
        return None
    allowed = set(rounds)
    narrowed = False
    for rating in ctx.ratings.values():
        if rating.inspection != key:
            continue
        if rating.grade == "adequate":
            allowed &= set(dates.rounds_of_scale(programme, "peel_5tier"))
            narrowed = True
        try:
            area = ctx.reference.area(rating.area)
        except KeyError:
            continue  # overall, unspecified
        of_area = dating.area_rounds(programme, area.periods)
        if of_area is not None:
            allowed &= of_area
            narrowed = True
    if not narrowed or not allowed:
        return None
    candidates = [r for r in dates.rounds(programme) if r.name in allowed]
    return dating.narrowed_round(programme, candidates, ctx.sentences, constrained=True)


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
    ctx.inspections[new_key] = dataclasses.replace(inspection, key=new_key, period=round_)
