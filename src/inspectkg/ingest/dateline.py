"""A news dateline near the top of a plain text: "Published: 14 April 2022",
"00:01, 18 February 2016", "Published on: 7 March 2019", "Updated 3 May 2021 09:12".

Only a short line that is nothing but a date (with an optional label and time)
counts, so a sentence that mentions a date is never taken for the dateline.

    >>> dateline_date("Kent Police rated good\\nPublished: 18 February 2016\\n\\nText.")
    '2016-02-18'
    >>> dateline_date("Headline\\nPublished: April 2022\\n")
    '2022-04'
    >>> dateline_date("Headline\\nThe report was published on 7 March 2019.") is None
    True
"""

from __future__ import annotations

import re
from datetime import date

from . import months

_MONTH = "(?P<month>" + months.ANY_LOWER + ")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|BST|UTC))?"
_DATES = (
    _WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR,          # 18 February 2016
    _WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR,          # February 18, 2016
    _MONTH + r"\s+" + _YEAR,                                       # April 2022
    r"(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)",                      # 2016-02-18
    r"(?P<dmy>[0-3]?\d/[01]?\d/(?:19|20)\d\d)",                    # 18/02/2016
)
_LABEL = r"(?:(?:first\s+)?published|updated|last\s+updated|posted|date)(?:\s+on)?\s*[:\-–]?\s*"
_LINES = tuple(
    re.compile(rf"^\s*(?:{_LABEL})?(?:{_TIME}\s*[,\-–]?\s*)?{form}\s*(?:[,\-–]?\s*{_TIME})?\s*$", re.IGNORECASE)
    for form in _DATES
)
_LOOK_AT = 6  # first non-blank lines searched
_LONGEST = 80  # characters: a dateline is short


def dateline_date(text: str) -> str | None:
    """The date of the first dateline among the first lines: YYYY-MM-DD or YYYY-MM."""
    seen = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        seen += 1
        if seen > _LOOK_AT:
            return None
        if len(line) <= _LONGEST:
            for pattern in _LINES:
                found = pattern.match(line)
                if found:
                    return _iso(found)
    return None


def _iso(found: re.Match) -> str | None:
    parts = found.groupdict()
    if parts.get("iso"):
        year, month, day = (int(p) for p in parts["iso"].split("-"))
    elif parts.get("dmy"):
        day, month, year = (int(p) for p in parts["dmy"].split("/"))
    else:
        month, year = months.month_number(parts["month"]), int(parts["year"])
        if not parts.get("day"):
            return f"{year:04d}-{month:02d}"
        day = int(parts["day"])
    try:
        return date(year, month, day).isoformat()
    except ValueError:  # 31 February: not a date
        return None
