"""Publication dates read from a document itself: a dateline near the top of a plain text
(:func:`dateline_date`), a date in the file name (:func:`filename_date`), the metadata of an
HTML page (:func:`html_meta_date`).

A news dateline: "Published: 14 April 2022",
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


# --- a date in a file name: "2016-02-18_kent-report.txt", "kent_2019_05_02.html" ----------------------

_FILE_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.](0[1-9]|1[0-2])[-_.]([0-3]\d)(?!\d)")


def filename_date(name: str | None) -> str | None:
    """The first full date (year, month, day) in the last part of a path or URL, as YYYY-MM-DD.

    >>> filename_date("news/2016-02-18_kent-police-good.txt"), filename_date("kent_2019_05_02.html")
    ('2016-02-18', '2019-05-02')
    >>> filename_date("psni-review-2025-hellorayo.txt") is None, filename_date("2021-02-30_x.txt") is None
    (True, True)
    """
    if not name:
        return None
    base = name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    found = _FILE_DATE.search(base)
    if not found:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3))).isoformat()
    except ValueError:
        return None


# --- an HTML page's own metadata ----------------------------------------------------------------------

_META_NAMES = ("article:published_time", "datepublished", "date", "dc.date", "dc.date.issued", "dcterms.date",
               "dcterms.issued", "dcterms.created", "pubdate", "publish-date", "publish_date", "publication_date",
               "og:published_time", "parsely-pub-date", "sailthru.date", "citation_publication_date")
_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z_:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_JSON_LD = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_TIME_TAG = re.compile(r"<time\b[^>]*\bdatetime\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_ISO_START = re.compile(r"^\s*((?:19|20)\d\d)-([01]\d)(?:-([0-3]\d))?")
_HEAD_CHARS = 300_000  # metadata sits near the top


def html_meta_date(markup: str) -> str | None:
    """The publication date an HTML page declares: a ``<meta>`` tag (``article:published_time``,
    ``datePublished``, ``dc.date`` ...), JSON-LD ``datePublished``, else the first ``<time datetime>``.

    >>> html_meta_date('<head><meta property="article:published_time" content="2022-04-14T06:00:00Z"></head>')
    '2022-04-14'
    >>> html_meta_date('<script type="application/ld+json">{"datePublished": "2019-05-02"}</script>')
    '2019-05-02'
    >>> html_meta_date('<p><time datetime="2017-11">Nov</time></p>'), html_meta_date('<p>no date</p>')
    ('2017-11', None)
    """
    head = markup[:_HEAD_CHARS]
    for tag in _META_TAG.finditer(head):
        attrs = {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None) for m in _ATTR.finditer(tag.group(0))}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key in _META_NAMES:
            found = _iso_date(attrs.get("content") or attrs.get("datetime"))
            if found:
                return found
    for pattern in (_JSON_LD, _TIME_TAG):
        match = pattern.search(head)
        if match:
            found = _iso_date(match.group(1))
            if found:
                return found
    return None


def _iso_date(value: str | None) -> str | None:
    match = _ISO_START.match(value or "")
    if not match:
        return None
    year, month, day = int(match.group(1)), int(match.group(2)), match.group(3)
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, int(day)).isoformat()
    except ValueError:
        return None
