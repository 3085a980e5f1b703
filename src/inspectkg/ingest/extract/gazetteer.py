"""One PhraseMatcher over every name the entity steps look up.

Labels of a :class:`Hit`:

- ``force``: a force's name or alias (``ids`` = force ids);
- ``place``: a bare force area ("Kent", "Greater Manchester"), derived from the
  territorial forces' names; a mention of the force only in context;
- ``body``: an inspectorate or other body of ``inspectorates.csv`` (several ids
  when an alias is shared, e.g. "HMIC");
- ``vague``: an ambiguous alias of those bodies ("the watchdog");
- ``org``: a body of ``patterns/organisations.csv``;
- ``role``: a title form of ``roles.csv`` / ``patterns/titles.csv``;
- ``modifier``: temporary / acting / detective.

Matching is on spaCy's NORM (lower case, curly apostrophes folded).  Short
all-capital forms ("PC", "HMI") and one-word capitalised names ("Mind",
"Kent") must match the text's case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.attrs import IDX, LENGTH
from spacy.matcher import PhraseMatcher

from ...reference import load as load_reference
from ..nlp import pipeline
from .lexicon import load as load_lexicon

_SUFFIX = re.compile(r"\s+(?:Police|Constabulary|Police Service)$")
_MODIFIERS = {"modifier_temporary": "temporary", "modifier_acting": "acting", "modifier_detective": "detective"}
_NOT_PLACES = {"City", "Met", "Transport", "Defence", "Nuclear"}


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    label: str
    ids: tuple[str, ...]
    text: str


@dataclass
class _Gazetteer:
    matcher: PhraseMatcher
    entries: dict[int, dict[str, tuple[str, ...]]]  # match id -> label -> ids (sorted)
    exact: dict[int, str]  # match id -> text that must match case-sensitively


def area_name(force_name: str) -> str:
    """"Kent Police" -> "Kent"; names without a police suffix stay whole."""
    return _SUFFIX.sub("", force_name)


def _needs_case(form: str) -> bool:
    words = form.split()
    if len(words) == 1 and words[0][:1].isupper():
        return True
    return any(w.isupper() and len(w) <= 6 and sum(c.isalpha() for c in w) >= 2 for w in words)


def forms() -> list[tuple[str, str, str]]:
    """Every (label, id, form) the matcher knows."""
    ref = load_reference()
    lex = load_lexicon()
    out: list[tuple[str, str, str]] = []
    for force in ref.forces:
        for label in force.labels:
            out.append(("force", force.id, label))
            if force.force_type == "territorial":
                place = _SUFFIX.sub("", label)
                if place != label and place[:1].isupper() and place not in _NOT_PLACES:
                    out.append(("place", force.id, place))
    for body in ref.bodies:
        for label in body.labels:
            out.append(("body", body.id, label))
        for label in body.ambiguous_aliases:
            out.append(("vague", body.id, label))
    for other in lex.bodies:
        for label in other.labels:
            out.append(("org", other.id, label))
    for role in ref.roles:
        for form in role.title_forms:
            if role.kind == "modifier":
                out.append(("modifier", _MODIFIERS.get(role.id, role.id), form))
            else:
                out.append(("role", role.id, form))
    for role_id, form in lex.titles:
        out.append(("role", role_id, form))
    return out


@cache
def _build() -> _Gazetteer:
    nlp = pipeline()
    matcher = PhraseMatcher(nlp.vocab, attr="NORM")
    by_phrase: dict[tuple[str, bool], dict[str, set[str]]] = {}
    for label, ident, form in forms():
        if label == "modifier" and form.endswith("/"):
            continue  # "T/" is handled with the title ("T/Chief Constable")
        exact = _needs_case(form)
        by_phrase.setdefault((form if exact else form.lower(), exact), {}).setdefault(label, set()).add(ident)
    entries: dict[int, dict[str, tuple[str, ...]]] = {}
    exact_text: dict[int, str] = {}
    for n, ((form, exact), labels) in enumerate(sorted(by_phrase.items())):
        name = f"g{n}"
        matcher.add(name, [nlp.make_doc(form)])
        match_id = nlp.vocab.strings[name]
        entries[match_id] = {label: tuple(sorted(ids)) for label, ids in labels.items()}
        if exact:
            exact_text[match_id] = form
    return _Gazetteer(matcher, entries, exact_text)


def _fold(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def _hits_in(doc, doc_text: str, offset: int, gaz: _Gazetteer, out: list[Hit]) -> None:
    """Hits of the tokenized ``doc_text`` (passed in: ``Doc.text`` rebuilds it token by token)."""
    matches = gaz.matcher(doc)
    if not matches:
        return
    # character offsets from the token arrays (cheaper than a spaCy Span per match);
    # a span's text is the document's text between its first and last token
    arr = doc.to_array([IDX, LENGTH])
    idx = arr[:, 0].tolist()
    length = arr[:, 1].tolist()
    for match_id, start, end in matches:
        start_char, end_char = idx[start], idx[end - 1] + length[end - 1]
        text = doc_text[start_char:end_char]
        want = gaz.exact.get(match_id)
        labels = gaz.entries[match_id]
        if want is not None and _fold(text) != _fold(want):
            # case-sensitive forms may share the phrase with case-free ones
            continue
        for label, ids in labels.items():
            out.append(Hit(offset + start_char, offset + end_char, label, ids, text))


def find(ctx) -> list[Hit]:
    """All hits in the document, sorted by start then longest first (overlaps kept)."""
    gaz = _build()
    out: list[Hit] = []
    if ctx.nlp_doc is not None:
        _hits_in(ctx.nlp_doc, ctx.text, 0, gaz, out)
    else:
        nlp = pipeline()
        for para in ctx.paragraphs:
            for start in range(para.start, para.end, 50_000):
                end = min(para.end, start + 50_000)
                chunk = ctx.text[start:end]
                _hits_in(nlp.make_doc(chunk), chunk, start, gaz, out)
    out.sort(key=lambda h: (h.start, -h.end, h.label))
    return out


def longest(hits: list[Hit], labels: set[str] | None = None) -> list[Hit]:
    """Non-overlapping hits, longest first (ties: earliest)."""
    chosen: list[Hit] = []
    pool = [h for h in hits if labels is None or h.label in labels]
    taken = bytearray(max((h.end for h in pool), default=0))  # 1 for each character a chosen hit covers
    for hit in sorted(pool, key=lambda h: (-(h.end - h.start), h.start)):
        if taken.find(1, hit.start, hit.end) != -1:
            continue  # overlaps a longer hit
        chosen.append(hit)
        taken[hit.start:hit.end] = b"\x01" * (hit.end - hit.start)
    chosen.sort(key=lambda h: h.start)
    return chosen
