"""Assessment areas named or paraphrased in a stretch of text (peel_areas.csv).

Words are reduced to crude stems ("investigated crimes" ~ "investigating crime")
and function words are dropped, so "how it investigated crimes" matches the
paraphrase "how it investigates crime".  A paraphrase matches when its stems
occur in order with at most one other word in between (so "preventing and
investigating crime" yields both "preventing crime" and "investigating crime").
Rows valid for the inspection's round win, and when the stretch names any of them,
other rounds' areas are dropped; without a round the 2021/22 areas are tried first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ...reference import load as load_reference
from .dates import start_year

STOP = frozenset("a an the of to with and in for at on by about its it how their his her this that "
                 "these those as is are was were be been being how way ability such".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+|[,;:.()]")
_BREAK = frozenset(",;:.()")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    for suffix in ("ing", "ed", "es", "s"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            w = w[: -len(suffix)]
            break
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


_TOKEN_STEMS: dict[str, str | None] = {}  # word -> its stem, the break itself, or None (a stop word)


def _token_stem(word: str) -> str | None:
    if word in _BREAK:
        out = word
    elif word.lower() in STOP:
        out = None
    else:
        out = stem(word)
    if len(_TOKEN_STEMS) > 100_000:
        _TOKEN_STEMS.clear()
    _TOKEN_STEMS[word] = out
    return out


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """(stem, start, end) of the content words and breaks of text[start:end]."""
    out = []
    known = _TOKEN_STEMS
    for m in _WORD.finditer(text, start, len(text) if end is None else end):
        word = m.group()
        st = known[word] if word in known else _token_stem(word)
        if st is not None:
            s, e = m.span()
            out.append((st, s, e))
    return out


@dataclass(frozen=True)
class AreaHit:
    area: str
    start: int
    end: int


def _valid_for(periods: tuple[str, ...], round_: str | None) -> bool:
    if not round_:
        return False
    year = start_year(round_)
    for p in periods:
        if p == "any" or p == round_ or p.replace("-", "/") == round_.replace("-", "/"):
            return True
        m = re.match(r"^(\d{4})-(\d{4})$", p)
        if m and year is not None and int(m.group(1)) <= year <= int(m.group(2)):
            return True
        if year is not None and p == str(year):
            return True
    return False


@cache
def _paraphrases() -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(area id, periods, stems), longest first; the pseudo-area 'overall' left out."""
    out = []
    for area in load_reference().areas:
        if area.id == "overall" or area.level == "pseudo":
            continue
        for phrase in {area.label, *area.paraphrases}:
            # a comma inside an official name stays ("building, supporting and protecting ...")
            stems = tuple(s for s, _, _ in tokens(phrase) if s not in _BREAK or s == ",")
            while stems and stems[-1] == ",":
                stems = stems[:-1]
            if stems and not (len(stems) == 1 and len(stems[0]) <= 3):
                out.append((area.id, area.periods, stems))
    out.sort(key=lambda p: -len(p[2]))
    return out


@cache
def _by_first() -> dict[str, list[tuple[str, tuple[str, ...], tuple[str, ...], frozenset[str]]]]:
    """Paraphrases by their first stem: (area id, periods, stems, the set of the stems)."""
    index: dict[str, list] = {}
    for area_id, periods, stems in _paraphrases():
        index.setdefault(stems[0], []).append((area_id, periods, stems, frozenset(stems)))
    return index


@lru_cache(maxsize=4096)
def _preference(periods: tuple[str, ...], round_: str | None) -> int:
    if _valid_for(periods, round_):
        return 0
    if _valid_for(periods, "2021/22"):
        return 1
    return 2


def _match_at(toks, i: int, stems: tuple[str, ...]) -> list[int] | None:
    """Indexes of the tokens matched when stems match from toks[i]; None otherwise."""
    if toks[i][0] != stems[0]:
        return None
    matched = [i]
    j, k, gaps = i + 1, 1, 0
    while k < len(stems):
        if j >= len(toks):
            return None
        if toks[j][0] == stems[k]:
            matched.append(j)
            k += 1
        elif toks[j][0] in _BREAK:
            return None
        else:
            gaps += 1
            if gaps > 1:
                return None
        j += 1
    return matched


def find(text: str, start: int, end: int, round_: str | None) -> list[AreaHit]:
    """Areas named in text[start:end], in text order, not overlapping."""
    toks = tokens(text, start, end)
    if not toks:
        return []
    index = _by_first()
    present = {t[0] for t in toks}
    candidates = []
    for i, tok in enumerate(toks):
        for area_id, periods, stems, needed in index.get(tok[0], ()):
            if not needed <= present:
                continue  # a stem of the paraphrase is missing: it cannot match
            matched = _match_at(toks, i, stems)
            if matched is not None:
                # ties: the area of the most rounds ("legitimacy": the pillar, not a 2014 question)
                candidates.append((_preference(periods, round_), -len(stems), -len(periods), toks[i][1],
                                   toks[matched[-1]][2], area_id, tuple(matched)))
    candidates.sort()
    if candidates and candidates[0][0] == 0:
        # the round is known and the text names its areas: another round's area here is a
        # paraphrase overlapping one of them ("how legitimately it treats the public", 2015)
        candidates = [c for c in candidates if c[0] == 0]
    used: set[int] = set()
    chosen: list[AreaHit] = []
    for _, _, _, s, e, area_id, matched in candidates:
        # the head noun may be shared ("preventing and investigating crime"): the last
        # token may be taken already, the others not
        if any(j in used for j in (matched[:-1] if len(matched) > 1 else matched)):
            continue
        if any(h.area == area_id for h in chosen):
            continue
        used.update(matched)
        chosen.append(AreaHit(area_id, s, e))
    chosen.sort(key=lambda h: h.start)
    return chosen
