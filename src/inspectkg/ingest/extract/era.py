"""When was a document written?  Used to tell HMIC from HMICFRS.

HMIC became HMICFRS on 19 July 2017, but news kept writing "HMIC".  The
document's date decides; without one, a date in the first lines of the text;
else the years the text mentions (the title's first, then the median).
"""

from __future__ import annotations

import re

from .. import months

RENAMED = "2017-07-19"
_DAY_MONTH_YEAR = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + months.FULL + r")\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(
    r"\b(" + months.FULL + r")\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_YEAR = re.compile(r"(?<![\d£$.,])((?:19|20)\d\d)(?:/(\d\d))?(?![\d%])")


def header_date(text: str, head: int = 300) -> str | None:
    """A full date in the first ``head`` characters ("18 February 2016"), as YYYY-MM-DD."""
    window = text[:head]
    found = []
    for m in _DAY_MONTH_YEAR.finditer(window):
        found.append((m.start(), f"{m.group(3)}-{months.month_number(m.group(2)):02d}-{int(m.group(1)):02d}"))
    for m in _MONTH_DAY_YEAR.finditer(window):
        found.append((m.start(), f"{m.group(3)}-{months.month_number(m.group(1)):02d}-{int(m.group(2)):02d}"))
    for m in _ISO.finditer(window):
        found.append((m.start(), m.group(0)))
    return min(found)[1] if found else None


def years(text: str) -> list[int]:
    out = []
    for m in _YEAR.finditer(text):
        year = int(m.group(1))
        if m.group(2):  # "2021/22": the later year
            year = year // 100 * 100 + int(m.group(2))
        if 1990 <= year <= 2039:
            out.append(year)
    return out


def before_rename(published: str | None, text: str, title: str | None) -> bool | None:
    """True when the document is from before HMICFRS existed; None when nothing tells."""
    date = published or header_date(text)
    if date:
        return date < RENAMED[: len(date)] if len(date) < 10 else date < RENAMED
    title_years = years(title or "")
    if title_years:
        return max(title_years) < 2018
    found = sorted(years(text))
    if not found:
        return None
    return found[(len(found) - 1) // 2] <= 2017
