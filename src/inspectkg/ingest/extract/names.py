"""Candidate person names: runs of capitalised words that no gazetteer claims.

A run of capitalised words ("Kent Police Deputy Chief Constable Tim Smith")
is cut wherever a force, body, role or honorific hit or a word that is never a
name (``lexicon.csv`` ``not_name``) sits, and at a month (``date_word``) unless it
follows a name word and no number follows it ("Nick May said" but "May 2022",
"In May Mike Smith said"); what remains are name pieces of one
to four words.  Particles (van, de …), hyphens and apostrophes (O'Connor)
stay inside names.  Whether a piece *is* a person is the people step's call
(a title, an honorific, an appositive or a speech verb must say so).
"""

from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass
from functools import cache

from ...errors import RuleError
from ...resources import patterns_dir
from .lexicon import load as load_lexicon

_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
_TOKEN = (
    rf"(?:[{_UP}][{_LOW}]*['’][{_UP}][{_LOW}]+|(?:Mc|Mac)[{_UP}][{_LOW}]+|[{_UP}][{_LOW}]+)"
    rf"(?:-[{_UP}][{_LOW}]+)*"
)


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    text: str
    tokens: tuple[str, ...]

    @property
    def surname(self) -> str:
        return self.tokens[-1]


@cache
def _run_re() -> re.Pattern:
    particles = sorted(load_lexicon().of("particle"), key=len, reverse=True)
    particle = "(?:" + "|".join(map(re.escape, particles)) + ")"
    return re.compile(rf"{_TOKEN}(?:[ \u00a0](?:{particle}[ \u00a0])*{_TOKEN})*")


_TOKEN_RE = re.compile(_TOKEN + r"|\S+")
_NUMBER_AFTER = re.compile(r"[ \u00a0,]*\d")


@cache
def _stop_words(lex) -> frozenset[str]:
    return lex.of("not_name") | lex.of("honorific")


@cache
def first_names() -> dict[str, bool]:
    """First name -> female?, from ``patterns/first_names.csv`` (common UK first names; names
    given to both women and men are left out, so they decide nothing)."""
    path = patterns_dir() / "first_names.csv"
    out: dict[str, bool] = {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for line_no, row in enumerate(csv.DictReader(handle), start=2):
                name, gender = (row.get("first_name") or "").strip(), (row.get("gender") or "").strip()
                if not name or gender not in ("f", "m"):
                    raise RuleError(f"{path}:{line_no}", "a row needs a first name and a gender, f or m")
                out[name] = gender == "f"
    except OSError as exc:
        raise RuleError(str(path), f"cannot read pattern file ({exc.strerror})") from exc
    return out


def _surname_after_first_name(current, word: str, honorifics) -> bool:
    """"Kate Green": a word kept out of names ("Green" of the Green Party) is a surname right after a
    known first name, when it is a capitalised word of four letters or more."""
    return (len(current) == 1 and current[0][2] in first_names() and len(word) >= 4
            and word[:1].isupper() and word[1:].islower() and word not in honorifics)


def pieces(text: str, blocked: list[tuple[int, int]]) -> list[Piece]:
    """Name pieces of 1-4 tokens outside the ``blocked`` spans (sorted, non-overlapping)."""
    lex = load_lexicon()
    stop = _stop_words(lex)
    date_words = lex.of("date_word")
    particles = lex.of("particle")
    honorifics = lex.of("honorific")
    blocked_ends = [e for _, e in blocked]
    out: list[Piece] = []
    for run in _run_re().finditer(text):
        word = run.group()
        if " " not in word and "\u00a0" not in word:  # one token, most runs ("The", "He", "Kent")
            s, e = run.span()
            if not (word in stop or word.rstrip("’'s") in stop or word in particles or word in date_words
                    or _blocked(s, e, blocked, blocked_ends)):
                out.append(Piece(s, e, word, (word,)))
            continue
        current: list[tuple[int, int, str]] = []
        for tok in _TOKEN_RE.finditer(text, run.start(), run.end()):
            s, e = tok.span()
            word = tok.group()
            if _blocked(s, e, blocked, blocked_ends) or (
                    word in date_words and (not current or _NUMBER_AFTER.match(text, e))):
                _flush(text, current, particles, out)
                continue
            if word in stop or word.rstrip("’'s") in stop:
                if word in stop and _surname_after_first_name(current, word, honorifics):
                    current.append((s, e, word))
                _flush(text, current, particles, out)
                continue
            current.append((s, e, word))
        _flush(text, current, particles, out)
    return out


def _flush(text: str, current: list[tuple[int, int, str]], particles, out: list[Piece]) -> None:
    """The tokens gathered so far as a piece (particles at either end dropped), if 1-4 are left."""
    while current and current[-1][2] in particles:
        current.pop()
    while current and current[0][2] in particles:
        current.pop(0)
    if 1 <= len(current) <= 4:
        s, e = current[0][0], current[-1][1]
        out.append(Piece(s, e, text[s:e], tuple(t for _, _, t in current if t not in particles)))
    current.clear()


def _blocked(start: int, end: int, blocked: list[tuple[int, int]], ends: list[int]) -> bool:
    """Does text[start:end] overlap a blocked span?  (``ends``: their ends, increasing.)"""
    i = bisect.bisect_right(ends, start)  # the first span ending after ``start``
    return i < len(blocked) and blocked[i][0] < end
