"""Inspection rounds in time order, and the grade scale (era) each belongs to.

An inspection node is placed in time by, in order: its round in the programme
calendar (``data/inspection_calendar.csv``: the month the round's first report
came out), the first year its stated period names, its publication date.  An
inspection with none of these is *undated*: it sorts after every dated one and
its label says so.  The era is the grade scale of its ratings, else of its round
in the calendar (``data/grades.csv`` holds the scales).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..reference import load as load_reference

UNDATED_KINDS = {"earlier": "an earlier round", "next": "the next round", "undated": "round not stated"}


@dataclass(frozen=True)
class Era:
    """One grade scale: its id in grades.csv, its grades best first, the years its rounds began."""

    scale: str
    grades: tuple[str, ...]
    first_year: int
    last_year: int
    current: bool

    @property
    def title(self) -> str:
        years = f"from {self.first_year}" if self.current else f"{self.first_year}–{self.last_year}"
        return f"{len(self.grades)}-grade scale ({years})"


@cache
def eras() -> tuple[Era, ...]:
    """The grade scales that calendar rounds use, oldest first."""
    years: dict[str, list[int]] = {}
    for rounds in _calendar().values():
        for r in rounds:
            years.setdefault(r.scale, []).append(int(r.first_published[:4]))
    grades = load_reference().grades
    out = []
    for scale, ys in sorted(years.items(), key=lambda kv: min(kv[1])):
        ranked = sorted((g for g in grades if g.scale == scale and g.rank is not None), key=lambda g: -g.rank)
        out.append(Era(scale, tuple(g.id for g in ranked), min(ys), max(ys), False))
    if out:
        out[-1] = Era(out[-1].scale, out[-1].grades, out[-1].first_year, out[-1].last_year, True)
    return tuple(out)


def era_of(scale: str) -> Era | None:
    scale = scale.replace("-", "_")
    return next((e for e in eras() if e.scale == scale), None)


def _calendar_round(programme: str, period: str):
    for prog, rounds in _calendar().items():
        if prog.lower().replace("_", "") == programme.lower().replace("_", "").replace("-", ""):
            return next((r for r in rounds if r.name == period), None)
    return None


def start(data: dict) -> str | None:
    """YYYY-MM when the inspection's round began (or it was published); None when undated."""
    period = data.get("period", "") or ""
    found = _calendar_round(data.get("programme", ""), period) if period else None
    if found:
        return found.first_published
    year = re.search(r"(?:19|20)\d\d", period)
    if year:
        return f"{year.group()}-01"
    published = data.get("published", "") or ""
    return published[:7] if re.match(r"\d{4}", published) else None


def order(data: dict) -> tuple:
    """Sort key: dated rounds by start, then undated ones; ties by programme and key."""
    when = start(data)
    return (when is None, when or "", data.get("programme", ""), data.get("key", ""))


def scale_of(data: dict, rating_scales: set[str] = frozenset()) -> str:
    """The grade scale of an inspection: its ratings' scale, else its calendar round's; '' if unknown."""
    scales = {s.replace("-", "_") for s in rating_scales if s}
    if len(scales) == 1:
        return scales.pop()
    found = _calendar_round(data.get("programme", ""), data.get("period", "") or "")
    return found.scale if found else ""


def round_label(data: dict) -> str:
    """"PEEL 2021/22"; an undated one says so ("PEEL, an earlier round (undated)") instead of its key."""
    short = data.get("short_label") or data.get("label", "")
    tail = data.get("key", "").rsplit("/", 1)[-1]
    keyed = tail.split("-", 1)[0] in UNDATED_KINDS and not data.get("period")
    if not keyed and start(data) is not None:
        return short
    name = re.sub(r"\s*\([^)]*\)\s*$", "", short)
    if start(data) is not None:  # no round, but a publication date
        return f"{name}, published {start(data)}"
    return f"{name}, {UNDATED_KINDS.get(tail.split('-', 1)[0], 'round not stated')} (undated)"


def _calendar():
    """The programme calendar, imported on first use: the extractor's package (and spaCy) loads with it,
    which a command that only draws or lists should not wait for."""
    from ..ingest.extract.dates import calendar

    return calendar()
