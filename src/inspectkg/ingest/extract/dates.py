"""Inspection periods and dates: normalisation, PEEL rounds, the inspectorate by date.

    >>> normalise_period("2021-22"), normalise_period("2021/2022"), normalise_period("2023-25")
    ('2021/22', '2021/22', '2023/25')
    >>> peel_round("2018"), peel_round("2022-04"), peel_round("2016-02-18")
    ('2018/19', '2021/22', '2015')
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from ...errors import RuleError
from ...resources import data_dir

RENAMED = "2017-07-19"  # HMIC became HMICFRS

_PERIOD = re.compile(r"^((?:19|20)\d\d)(?:\s*[-/–]\s*((?:19|20)?\d\d))?$")
# a period in running text: "2021/22", "2021-22", "2018" (not part of a longer number or a date)
PERIOD_IN_TEXT = re.compile(
    r"(?<![\d£$.,/-])((?:19|20)\d\d)(?:\s?[/–-]\s?((?:20)?\d\d))?(?![\d%])(?!\.\d)")


def normalise_period(text: str | None) -> str | None:
    """'2021-22', '2021/2022', '2021 / 22' -> '2021/22'; '2018' -> '2018'; junk -> None."""
    if not text:
        return None
    m = _PERIOD.match(text.strip())
    if not m:
        return None
    start, end = m.group(1), m.group(2)
    if not end:
        return start
    end = end[-2:]
    if int(end) <= int(start[2:]):
        return start  # "2018-17" is no period
    return f"{start}/{end}"


def start_year(period: str | None) -> int | None:
    if not period:
        return None
    m = re.match(r"((?:19|20)\d\d)", period)
    return int(m.group(1)) if m else None


@dataclass(frozen=True)
class Round:
    """One round of an inspection programme (``data/inspection_calendar.csv``)."""

    programme: str
    name: str  # "2021/22", "2017"
    first_published: str  # YYYY-MM: reports published from this month on belong to this round
    stated_years: tuple[int, ...]  # the years a text names the round by ("PEEL 2019" -> 2018/19)
    scale: str  # grades.csv scale id


@cache
def calendar() -> dict[str, tuple[Round, ...]]:
    """programme -> its rounds, oldest first."""
    path = data_dir() / "inspection_calendar.csv"
    out: dict[str, list[Round]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), 2):
            try:
                years = tuple(int(y) for y in row["stated_years"].split(";") if y.strip())
                if not re.fullmatch(r"\d{4}-\d\d", row["first_published"]):
                    raise ValueError("first_published is not YYYY-MM")
                out.setdefault(row["programme"], []).append(
                    Round(row["programme"], row["round"], row["first_published"], years, row["scale"]))
            except (KeyError, ValueError, AttributeError) as exc:
                raise RuleError(str(path), f"line {line}: bad calendar row ({exc}).") from None
    return {p: tuple(sorted(rs, key=lambda r: r.first_published)) for p, rs in out.items()}


def rounds(programme: str) -> tuple[Round, ...]:
    return calendar().get(programme, ())


def round_published(programme: str, date: str | None) -> str | None:
    """The round a report published at ``date`` (YYYY[-MM[-DD]]) belongs to; a bare year is read as mid-year."""
    if not date:
        return None
    month = date[:7] if len(date) >= 7 else f"{date[:4]}-06"
    found = None
    for r in rounds(programme):
        if month >= r.first_published:
            found = r.name
    return found


def round_stated(programme: str, year: int) -> str | None:
    """The round a text means by a year ("PEEL 2019" -> "2018/19"); None when no round has it."""
    for r in rounds(programme):
        if year in r.stated_years:
            return r.name
    return None


def neighbour(programme: str, name: str | None, step: int) -> str | None:
    """The round ``step`` places after (or before, negative) ``name`` in the calendar."""
    names = [r.name for r in rounds(programme)]
    if name not in names:
        return None
    at = names.index(name) + step
    return names[at] if 0 <= at < len(names) else None


def rounds_of_scale(programme: str, scale: str) -> tuple[str, ...]:
    return tuple(r.name for r in rounds(programme) if r.scale == scale)


def peel_round(date_or_period: str | None, published: bool = False) -> str | None:
    """The PEEL round of a stated period ("2018" -> "2018/19") or of a publication date.

    A full date (YYYY-MM or YYYY-MM-DD) is read as a publication date.
    """
    if not date_or_period:
        return None
    norm = normalise_period(date_or_period)
    if norm and "/" in norm:
        return norm
    if norm and not published:
        return round_stated("PEEL", int(norm)) or norm
    return round_published("PEEL", date_or_period)


def peel_first_published(round_: str | None) -> str | None:
    """The month (YYYY-MM) the reports of a PEEL round began to appear; None if unknown."""
    for r in rounds("PEEL"):
        if r.name == round_:
            return r.first_published
    return None


def key_period(programme: str, period: str | None, published: str | None) -> str | None:
    """The period part of an inspection key: the PEEL round, else the year."""
    if programme == "PEEL":
        return peel_round(period) if period else peel_round(published, published=True)
    if period:
        return period
    return published[:4] if published else None


def inspectorate_by_date(date: str | None, scotland: bool = False) -> str | None:
    """org id of the inspectorate at a date (YYYY[-MM[-DD]] or a period); None if unknown."""
    if scotland:
        return "hmics"
    if not date:
        return None
    year = start_year(date)
    if year is None:
        return None
    if re.match(r"^\d{4}-\d\d", date):
        return "hmic" if date < RENAMED[: len(date)] or date[:7] < "2017-07" else "hmicfrs"
    return "hmic" if year < 2017 else "hmicfrs" if year > 2017 else None


def scale_for(period: str | None, grade: str | None = None) -> str:
    """grades.csv scale of a PEEL round: peel_4tier to 2018/19, peel_5tier from 2021/22."""
    year = start_year(period)
    if year is None:
        return "peel_5tier" if grade == "adequate" or grade is None else "peel_5tier"
    return "peel_4tier" if year <= 2020 else "peel_5tier"
