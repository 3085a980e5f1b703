"""Organisation names the gazetteers do not list: capitalised words ending in
an organisation word (Trust, Council, Panel, Office …; ``lexicon.csv``
``org_suffix``), e.g. "Kent Police Federation", "Gloucestershire Police and
Crime Panel", "Office of the Police and Crime Commissioner".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import prefilter
from .lexicon import load as load_lexicon
from .spans_at import SpansAt

_CONNECTORS = {"of", "and", "for", "&", "the", "on"}
_VERB_FORM = re.compile(r"[A-Z][a-z]+(?:ing|ed)")
_WORD = re.compile(r"[A-Za-z][\w'’&-]*|&")


@dataclass(frozen=True)
class OrgName:
    start: int
    end: int
    name: str
    kind: str


@cache
def _suffix_re() -> re.Pattern:
    words = sorted(load_lexicon().of("org_suffix"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")


@cache
def _suffix_scan() -> prefilter.Scan:
    return prefilter.Scan(_suffix_re())


# capitalised words that may stand in an organisation's name though never in a person's
_NAME_WORDS = frozenset({
    "Police", "Crime", "Fire", "Rescue", "Service", "Services", "National", "Local", "Independent", "County",
    "City", "Victim", "Victims", "Support", "Domestic", "Abuse", "Children", "Child", "North", "South", "East",
    "West", "Northern", "Southern", "Eastern", "Western", "Central", "Home", "Crown", "Council", "Office"})


@cache
def _not_name(lex) -> frozenset[str]:
    return lex.of("not_name") - _NAME_WORDS


def _kind(name: str, suffix: str) -> str:
    lowered = name.lower()
    if "commissioner" in lowered and suffix == "Office":
        return "pcc_office"
    if suffix in ("Trust", "Charity", "Foundation"):
        return "charity"
    if suffix in ("Federation", "Union") or (suffix == "Association" and "police" in lowered):
        return "union_or_staff_association"
    if suffix == "Council":
        return "government"
    return "other"


def find(text: str, hits) -> list[OrgName]:
    """Generic organisation names, minus those a gazetteer hit covers whole."""
    lex = load_lexicon()
    not_name = _not_name(lex)
    suffixes = lex.of("org_suffix")
    out: list[OrgName] = []
    names_at = SpansAt([h for h in hits if h.label in ("org", "body")])
    whole_at = SpansAt([h for h in hits if h.label in ("body", "org", "force")])
    for m in _suffix_scan().finditer(text):
        line_start = text.rfind("\n", max(0, m.start() - 80), m.start()) + 1  # (only the 80 characters before count)
        left = text[max(line_start, m.start() - 80) : m.start()]
        base = m.start() - len(left)
        start = m.start()
        capitals = 0
        words = list(_WORD.finditer(left))
        for i in range(len(words) - 1, -1, -1):
            w = words[i]
            if text[base + w.end() : start].strip():
                break  # punctuation between the words
            token = w.group(0)
            if token in ("the", "The") and (i == 0 or words[i - 1].group(0) not in _CONNECTORS):
                break  # "the" stands in a name only after of / for / on / and ("Utilizing the Home Office")
            if _VERB_FORM.fullmatch(token) and i + 1 < len(words) and words[i + 1].group(0).islower():
                break  # a verb opening the sentence: "Drawing on the Home Office ..."
            ws = base + w.start()
            if any(h.end <= m.start() for h in names_at.covering(ws)):
                break  # another organisation's name ("Women's Aid and the X Trust")
            if token in suffixes:
                break  # another organisation name ends here
            if token[0].isupper() and token not in not_name:
                capitals += 1
            elif token not in _CONNECTORS:
                break
            start = base + w.start()
        end = m.end()
        tail = re.match(r"\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w'’-]*|and|&|,)(?:\s+(?:[A-Z][\w'’-]*|and|&|of|the))*", text[end : end + 80])
        if tail:
            stripped = tail.group(0).rstrip()
            while stripped.split() and stripped.split()[-1] in _CONNECTORS:
                stripped = stripped[: stripped.rfind(" ")].rstrip()
            if stripped.split():  # " of and the": only connectors, no name goes on
                end += len(stripped)
                capitals += 1
        # drop leading connectors
        while True:
            first = re.match(r"(?:of|and|for|&|the|The|on)\s+", text[start:end])
            if not first or start + first.end() >= m.start():
                break
            start += first.end()
        if capitals == 0:
            continue
        if any(end <= h.end for h in whole_at.covering(start)):
            continue
        name = text[start:end]
        out.append(OrgName(start, end, name, _kind(name, m.group(0))))
    return out
