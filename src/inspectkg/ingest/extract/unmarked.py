"""Claims written without quote marks, one sentence at a time (the quotes step calls these).

- :func:`trailing`: "<words>, writes Chief Constable X." - a quotation when X is a person,
  a claim when X is a body ("..., the report said.");
- :func:`according`: "According to X, <claim>." / "<claim>, according to X.";
- :func:`reported`: "X said (that) the force had begun ..." - a claim, not a quotation.
"""

from __future__ import annotations

import re

from ... import iris
from ...model import Claim
from .lexicon import load as load_lexicon

_WORD = re.compile(r"[\w’'-]+")


def reported(ctx, resolver, sent, report, claims):
    """X said (that) the force had begun ... -> a claim that is not a quotation (``sent`` is outside quotes;
    ``report``: the report verbs, a ``prefilter.Guarded``)."""
    text = ctx.text
    if not report.possible(sent.exact):
        return None  # most sentences: no report verb
    verb = report.regex.search(text, sent.start, sent.end)
    if not verb:
        return None
    if not _introduces_words(text, verb, sent.end):
        return None
    if _COMMA_BEFORE.search(text, max(sent.start, verb.start() - 3), verb.start()) and "," not in text[
            sent.start : verb.start()].rstrip()[:-1] and len(_WORD.findall(text[sent.start : verb.start()])) >= 5:
        return None  # "<words>, said a spokesman": the words are the speaker's, the subject is no speaker
    found = resolver.speaker(sent.start, verb.start())
    if not found:
        return None
    start = verb.end()
    m = re.match(r"[ \u00a0]+(?:that[ \u00a0]+)?", text[start : sent.end])
    if not m or text[start + m.end() : start + m.end() + 1] in (":", ","):
        return None
    start += m.end()
    end = sent.end
    while end > start and text[end - 1] in ".!? \u00a0":
        end -= 1
    if len(_WORD.findall(text[start:end])) < 3:
        return None
    key, s, e, conf = found
    claim_key = iris.in_document("claim", ctx.document.id, start, end)
    claims.setdefault(claim_key, Claim(claim_key, ctx.span(start, end), key, False,
                                       evidence=(ctx.span(min(s, verb.start()), max(e, verb.end())),),
                                       confidence=min(conf, 0.7)))
    return key, min(conf, 0.7)


# "According to X, <claim>." / "<claim>, according to X.": X's claim in the writer's words
_ACCORDING_FIRST = re.compile(r"[Aa]ccording[ \u00a0]+to[ \u00a0]+(?P<who>[^,;:.!?\n]{3,80}?),[ \u00a0]+(?P<claim>[^\n]+?)[ \u00a0]*[.!?]?$")
_ACCORDING_LAST = re.compile(r",[ \u00a0]+according[ \u00a0]+to[ \u00a0]+(?P<who>[^,;:.!?\n]{3,80}?)[ \u00a0]*[.!?]?$")


def according(ctx, resolver, sent, claims):
    """A claim attributed with "according to": a reported claim of the one named."""
    text = ctx.text
    if "ccording" not in sent.exact:
        return None
    end = sent.end
    while end > sent.start and text[end - 1] in " \u00a0\n":
        end -= 1
    m = _ACCORDING_FIRST.match(text, sent.start, end)
    if m:
        claim_start, claim_end = m.start("claim"), m.end("claim")
    else:
        m = _ACCORDING_LAST.search(text, sent.start, end)
        if not m:
            return None
        claim_start, claim_end = sent.start, m.start()
    found = resolver.speaker(m.start("who"), m.end("who"), last=False)
    if m.re is _ACCORDING_FIRST:  # "According to X, chief constable of Y, <claim>": skip the apposition
        comma = text.find(",", claim_start, min(claim_end, claim_start + 80))
        if comma > 0:
            other = resolver.speaker(claim_start, comma, last=False)
            starts_title = any(h.start in (claim_start, claim_start + 4) for h in resolver.roles)
            if starts_title or (other and other[2] == comma and other[0].startswith("person/")):
                if other and not (found and found[0].startswith("person/")):
                    found = other
                claim_start = comma + 1
                while claim_start < claim_end and text[claim_start] in " \u00a0":
                    claim_start += 1
    if not found or len(_WORD.findall(text[claim_start:claim_end])) < 3:
        return None
    if found[2] != m.end("who") and not found[0].startswith("person/"):
        return None
    key, s, e, conf = found
    claim_key = iris.in_document("claim", ctx.document.id, claim_start, claim_end)
    claims.setdefault(claim_key, Claim(claim_key, ctx.span(claim_start, claim_end), key, False,
                                       evidence=(ctx.span(text.index("ccording", m.start()) - 1, m.end("who")),),
                                       confidence=min(conf, 0.7)))
    return key, min(conf, 0.7)


# "<words>, writes Chief Constable X." / "<words>, Chief Constable X said.": the sentence is his words
_TRAILING_VERB_FIRST = re.compile(r",[ \u00a0]+(?P<verb>said|says|writes|wrote|added|adds)[ \u00a0]+(?P<who>[^,;:.!?\n]{3,60}?)"
                                  r"(?:,[ \u00a0]+[^,;:!?\n]{3,80}?)?[ \u00a0]*[.!]?$")  # "..., said X, chief constable of Y."
_TRAILING_CUE = re.compile(r"\b(?:said|says|writes|wrote|added|adds)\b")  # each holds "sa", "wr" or "add" (trailing)
_TRAILING_VERB_LAST = re.compile(r",[ \u00a0]+(?P<who>[^,;:.!?\n]{3,60}?)[ \u00a0]+(?P<verb>said|says|writes|wrote|added|adds)[ \u00a0]*[.!]?$")


def trailing(ctx, resolver, sent, claims):
    """A sentence without quote marks whose end names its author: a quotation when the author is
    a person, a reported claim when it is a body ("..., the report said.")."""
    text = ctx.text
    end = sent.end
    while end > sent.start and text[end - 1] in " \u00a0\n":
        end -= 1
    tail_start = max(sent.start, end - 90)
    tail = text[tail_start:end]
    # most sentences: no such verb after a comma near the end (every cue holds "sa", "wr" or "add":
    # three substring tests cost a third of the regex's scan)
    if not ("sa" in tail or "wr" in tail or "add" in tail) or not _TRAILING_CUE.search(text, tail_start, end):
        return None
    m = _TRAILING_VERB_FIRST.search(text, tail_start, end) or _TRAILING_VERB_LAST.search(text, tail_start, end)
    if not m:
        return None
    found = resolver.speaker(m.start("who"), m.end("who"), last=False)
    if not found or found[2] != m.end("who"):
        return None  # the words after the verb are no name ("..., said she was proud")
    quotation = found[0].startswith("person/")  # a body's words ("..., the report said") are a claim
    words_end = m.start()
    if len(_WORD.findall(text[sent.start : words_end])) < 5:
        return None
    key, s, e, conf = found
    claim_key = iris.in_document("claim", ctx.document.id, sent.start, words_end)
    claims.setdefault(claim_key, Claim(claim_key, ctx.span(sent.start, words_end), key, quotation,
                                       evidence=(ctx.span(min(s, m.start("verb")), max(e, m.end("verb"))),),
                                       confidence=min(conf, 0.7)))
    return key, min(conf, 0.7)


def _introduces_words(text: str, verb, end: int) -> bool:
    """Whether the verb reports somebody's words, not an instruction or an act.

    A verb of telling ("told", "urged") does not when its subject is the one told ("Force
    told to improve", "was warned that") or what follows is an instruction ("told it to
    make improvements"); any other reporting verb does not when an object pronoun follows
    it ("confirmed him as chief constable").
    """
    if verb.group(0) in load_lexicon().of("addressee_verb"):
        before = text[max(0, verb.start() - 12) : verb.start()]
        return not (_TO_INFINITIVE.match(text, verb.end(), end) or _PASSIVE_AUX.search(before))
    return not _OBJECT_PRONOUN.match(text, verb.end())


_COMMA_BEFORE = re.compile(r",[ \u00a0]+$")
_OBJECT_PRONOUN = re.compile(r"[ \u00a0]+(?:him|her|them|us|me)\b")
# "told to improve", "told it to make", "urged the force to act": an instruction to the one told
_TO_INFINITIVE = re.compile(r"(?:[ \u00a0]+(?:the[ \u00a0]+)?\w+)?[ \u00a0]+to[ \u00a0]+[a-z]")
_PASSIVE_AUX = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got)[ \u00a0]+$")
