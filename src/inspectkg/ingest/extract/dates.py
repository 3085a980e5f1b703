"""Inspection periods and dates: normalisation, PEEL rounds, the inspectorate by date.

    >>> normalise_period("2021-22"), normalise_period("2021/2022"), normalise_period("2023-25")
    ('2021/22', '2021/22', '2023/25')
    >>> peel_round("2018"), peel_round("2022-04"), peel_round("2016-02-18")
    ('2018/19', '2021/22', '2015')
"""

from __future__ import annotations

import re

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


# PEEL rounds: (first publication month, round) — a report published from that month on
# belongs to that round.
_PEEL_PUBLISHED = (
    ("2014-01", "2014"), ("2015-07", "2015"), ("2016-07", "2016"), ("2017-07", "2017"),
    ("2019-01", "2018/19"), ("2021-07", "2021/22"), ("2023-05", "2023/25"), ("2025-07", "2025/27"),
)
# PEEL rounds by the year the text states ("PEEL 2018", "in 2019 we were graded")
_PEEL_STATED = {2014: "2014", 2015: "2015", 2016: "2016", 2017: "2017", 2018: "2018/19",
                2019: "2018/19", 2020: "2018/19", 2021: "2021/22", 2022: "2021/22",
                2023: "2023/25", 2024: "2023/25", 2025: "2023/25"}


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
        return _PEEL_STATED.get(int(norm), norm)
    month = date_or_period[:7] if len(date_or_period) >= 7 else f"{date_or_period[:4]}-06"
    found = None
    for first, name in _PEEL_PUBLISHED:
        if month >= first:
            found = name
    return found


def peel_first_published(round_: str | None) -> str | None:
    """The month (YYYY-MM) the reports of a PEEL round began to appear; None if unknown."""
    for first, name in _PEEL_PUBLISHED:
        if name == round_:
            return first
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
