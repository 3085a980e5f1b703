"""Pairing gold items with predicted ones: a one-to-one greedy matching.

:func:`greedy` scores every (gold, predicted) pair, then takes pairs best
score first, each item at most once, so a duplicate prediction is left over
as an extra.  The pair scores, one function per category, are below; each
returns 0 for "no match" and a larger number for a better one (see the rules
in :mod:`inspectkg.evaluate.score`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher

from . import names


def greedy(gold: Sequence, pred: Sequence, score: Callable[[object, object], float]) -> list[tuple[int, int, float]]:
    """One-to-one pairs (gold index, predicted index, score), best first; ties in list order."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            s = score(g, p)
            if s and s > 0:
                candidates.append((-s, i, j))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for negative, i, j in candidates:
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        pairs.append((i, j, -negative))
    return pairs


# --- text positions --------------------------------------------------------------------

def locate(text: str | None, content: str | None) -> tuple[int, int] | None:
    """The first place ``text`` occurs in the document text, as (start, end)."""
    if not text or not content:
        return None
    at = content.find(text)
    return (at, at + len(text)) if at >= 0 else None


def overlap(a: tuple[str, tuple[int, int] | None], b: tuple[str, tuple[int, int] | None]) -> int:
    """Characters two spans share: by offsets when both are known, else the longest common run."""
    (text_a, pos_a), (text_b, pos_b) = a, b
    if pos_a is not None and pos_b is not None:
        return max(0, min(pos_a[1], pos_b[1]) - max(pos_a[0], pos_b[0]))
    if not text_a or not text_b:
        return 0
    found = SequenceMatcher(None, text_a, text_b, autojunk=False).find_longest_match(0, len(text_a), 0, len(text_b))
    return found.size


def span_score(a: tuple[str, tuple[int, int] | None], b: tuple[str, tuple[int, int] | None],
               minimum: float = 0.5) -> float:
    """Overlap as a share of the shorter span (>= minimum to count), ties broken by the longer."""
    shared = overlap(a, b)
    lengths = sorted((_length(a), _length(b)))
    if not shared or not lengths[0]:
        return 0.0
    of_shorter = shared / lengths[0]
    return of_shorter + 0.001 * shared / lengths[1] if of_shorter >= minimum else 0.0


def _length(item: tuple[str, tuple[int, int] | None]) -> int:
    text, pos = item
    return pos[1] - pos[0] if pos is not None else len(text or "")


# --- pair scores --------------------------------------------------------------------------

def quote_score(gold_text: str, pred_text: str) -> float:
    """One normalised text contains the other and the shorter is >= 60% of the longer."""
    a, b = names.quote_text(gold_text), names.quote_text(pred_text)
    if not a or not b:
        return 0.0
    short, long_ = sorted((a, b), key=len)
    if short not in long_:
        return 0.0
    ratio = len(short) / len(long_)
    return ratio if ratio >= 0.6 else 0.0


def same_value(a, b) -> bool:
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except (InvalidOperation, ValueError):
        return False


def inspection_score(gold: dict, pred: dict) -> float:
    """Same force, programme and period.  Periods agree when equal (or a year inside the other's
    split year); a gold period with none of ours is no match.  A gold inspection without a period
    matches ours when the published years agree (or either is unknown); an agreeing published year
    and shared evidence text break ties."""
    if not names.same_organisation(gold.get("force"), pred.get("force_id"), pred.get("force")):
        return 0.0
    if (gold.get("programme") or "").lower() != (pred.get("programme") or "").lower():
        return 0.0
    gold_year, pred_year = names.year(gold.get("published")), names.year(pred.get("published"))
    years_agree = gold_year is None or pred_year is None or gold_year == pred_year
    bonus = 0.5 if gold_year is not None and gold_year == pred_year else 0.0
    agreement = names.period_agreement(gold.get("period"), pred.get("period"))
    if agreement == 2:
        return 3.0 + bonus + _evidence_bonus(gold, pred)
    if agreement == 1:  # "2019" as stated vs the 2018/19 round it belongs to
        return 2.0 + bonus + _evidence_bonus(gold, pred)
    if agreement is None and names.period(gold.get("period")) is None and years_agree:
        return 1.0 + bonus + _evidence_bonus(gold, pred)
    return 0.0


def _evidence_bonus(gold: dict, pred: dict) -> float:
    """Up to 0.4 when the gold evidence and one of ours share text: it breaks ties between
    inspections neither side dates, never outweighs a period or a year."""
    text = gold.get("evidence")
    best = max((span_score((text, None), (ours, None), minimum=0.3) for ours in pred.get("evidence") or ()),
               default=0.0)
    return 0.4 * min(best, 1.0)


def rating_score(gold: dict, pred: dict) -> float:
    if (gold.get("grade") or "").lower() != (pred.get("grade") or "").lower():
        return 0.0
    if not names.same_organisation(gold.get("force"), pred.get("force_id"), pred.get("force")):
        return 0.0
    return names.area_score(gold["area"], pred.get("area_id"), pred.get("area_text"), pred.get("area_count"))


def role_score(gold: dict, pred: dict) -> float:
    """(person, role, organisation): 2 all agree, 1 when the gold organisation is null."""
    if not names.person_name(gold["person"]) or names.person_name(gold["person"]) != names.person_name(pred["person"]):
        return 0.0
    if (gold.get("role") or "").lower() != (pred.get("role") or "").lower():
        return 0.0
    if names.same_organisation(gold.get("organisation"), pred.get("organisation_id"), pred.get("organisation")):
        return 2.0
    return 1.0 if not gold.get("organisation") else 0.0
