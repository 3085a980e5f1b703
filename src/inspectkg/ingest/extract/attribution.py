"""Who said a quotation: the attribution patterns of news copy, as functions of the quotes step.

Each returns ``(key, start, end, confidence)`` for the speaker and the span
that names it (the attribution), or None:

- :func:`after`: the words right after the quote ("...," he said / "..." says
  chief / "..." - Chief Constable X);
- :func:`clause`: the last speech verb of the clause before the quote and its
  subject (X said: "..."; "X said the teams 'lack capacity'"); a passive verb
  ("Y was praised for its 'good use' of ...") names no speaker but its agent
  ("by the inspectorate"), else the inspectorate when the text is about an
  inspection;
- :func:`sentence_tail`: a speech verb that ends the quote's sentence (...
  "significant improvements" in many areas, the inspectorate has said. /
  'Progress' on licensing, says HMICFRS);
- :func:`intro`: a paragraph ending with a colon that introduces the quote
  below it without a speech verb ("Below is the response from X:");
- :func:`nested`: a quote inside another one ("the report recognises the 'clear
  strategy' we set"), from the words of the enclosing quote only.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Callable

from .prefilter import Scan

_AFTER_DASH = re.compile(r"[\s,]*[-–—][ \u00a0]*")
_AFTER_GAP = re.compile(r"[\s,.]*")
_STOP = re.compile(r"[.,;:!?]|$")
_STOP_QUOTE = re.compile(r"[.,;:!?\"“”]|$")
_END_PUNCT = re.compile(r"[.;]|$")
_BREAK = re.compile(r"[.!?;:]")
# a boundary inside a sentence that a subject does not cross ("... this year – the report states")
_CLAUSE_BREAK = re.compile(r"[ \u00a0][–—][ \u00a0]|;[ \u00a0]")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got)[ \u00a0]+(?:(?:\w+ly|also|not|then|now|since|previously|again)[ \u00a0]+)?$", re.IGNORECASE)
_BY_AGENT = re.compile(r"[ \u00a0]by[ \u00a0]+")
_TAIL_AUX = re.compile(r"(?:has|have|had|also|has[ \u00a0]+also)[ \u00a0]+$")
_SENTENCE_END = re.compile(r"[ \u00a0]*[.!?]?[\"”’']?[ \u00a0]*")


@dataclass(frozen=True)
class Reader:
    """What the attribution patterns read one document with (the quotes step builds it once)."""

    ctx: object  # the extraction Context
    resolver: object  # coref.Resolver: who a stretch of text names
    speech_re: re.Pattern  # the speech verbs
    sentence_of: Callable  # position -> the sentence (Span) holding it, or None
    verbs: VerbFinder  # the speech verbs of a clause


def after(reader: Reader, q, para, opens):
    """"...," he said. / "..." says chief / "..." - Chief Constable X."""
    if q.close is None:
        return None
    resolver, speech_re = reader.resolver, reader.speech_re
    text = reader.ctx.text
    start = q.close + 1
    later = bisect.bisect_right(opens, q.close)
    nxt = opens[later] if later < len(opens) else para.end
    end = min(para.end, nxt, start + 120)
    window = text[start:end]
    dash = _AFTER_DASH.match(window)
    if dash:
        stop = _END_PUNCT.search(window, dash.end())
        return resolver.speaker(start + dash.end(), start + stop.start(), last=False)
    m = _AFTER_GAP.match(window)
    verb = speech_re.search(window, m.end())
    if not verb:
        return None
    before_verb = window[m.end() : verb.start()]
    if _BREAK.search(before_verb) or len(before_verb.split()) > 8:
        return None
    if before_verb.strip():
        found = resolver.speaker(start + m.end(), start + verb.start())
    else:
        stop = _STOP.search(window, verb.end())
        found = resolver.speaker(start + verb.end(), start + stop.start(), last=False)
    if found:
        key, s, e, conf = found
        return key, min(s, start + verb.start()), max(e, start + verb.end()), conf
    return None


@cache
def _scan(speech_re: re.Pattern) -> Scan:
    """The speech verbs looked for where their words begin in the document (positions found once)."""
    return Scan(speech_re)


class VerbFinder:
    """The speech verbs of stretches of one document, as ``Scan.finditer`` gives them.

    A plain regex scan of the stretch while the stretches scanned so far add up to less than
    the document: a news article's clauses are a few dozen characters, far cheaper to scan than
    to find every verb's positions in the whole text.  Past that budget (a text of many quotes)
    the positions are found once (``Scan``), which keeps the time linear."""

    def __init__(self, speech_re: re.Pattern, text: str):
        self.speech_re = speech_re
        self.budget = len(text)  # characters still to be scanned plainly

    def finditer(self, text: str, a: int, b: int) -> list:
        if b - a <= self.budget:
            self.budget -= max(0, b - a)
            return list(self.speech_re.finditer(text, a, b))
        return _scan(self.speech_re).finditer(text, a, b)


CLAUSE_REACH = 2_000  # characters before a quote its introducing speech verb is looked for in (keeps time linear)


def clause(reader: Reader, a, b, enclosing=None):
    """The subject (or, after the verb, the object) of the last speech verb in text[a:b] (its last
    CLAUSE_REACH characters: a verb farther back introduces no quote, and a paragraph of many
    quotes would otherwise be read once per quote)."""
    resolver, sentence_of = reader.resolver, reader.sentence_of
    text = reader.ctx.text
    a = max(a, b - CLAUSE_REACH)
    # the last verb outside quotes (tested from the end: most verbs of a long window are never looked at)
    verb = next((m for m in reversed(reader.verbs.finditer(text, a, b))
                 if not resolver.inside_quote(m.start(), enclosing)), None)
    if verb is None:
        return None
    sent = sentence_of(verb.start())
    s_start = max(a, sent.start if sent else a)
    regions = resolver.quotes.regions  # sorted by start
    for s, e in regions[bisect.bisect_left(regions, (s_start, -1)):bisect.bisect_left(regions, (verb.start(), -1))]:
        if e <= verb.start() and (s, e) != enclosing:
            s_start = max(s_start, e)
    if _PASSIVE.search(text, max(s_start, verb.start() - 24), verb.start()):
        return _passive(reader, verb, sent.end if sent else b, enclosing)
    found = None
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, s_start, verb.start())]
    if breaks:
        found = resolver.speaker(breaks[-1], verb.start(), enclosing=enclosing)
    if found is None:
        found = resolver.speaker(s_start, verb.start(), enclosing=enclosing)
    if found is None:
        stop = _STOP_QUOTE.search(text, verb.end(), b) if verb.end() < b else None
        stop_at = stop.start() if stop else b
        found = resolver.speaker(verb.end(), stop_at, last=False, enclosing=enclosing)
    if found:
        key, s, e, conf = found
        return key, min(s, verb.start()), max(e, verb.end()), conf
    return None


def _passive(reader: Reader, verb, b, enclosing):
    """"Y has been praised for ..." speaks of Y: the speaker is the agent ("... by Z", up to the
    sentence's end ``b``), or the inspectorate."""
    resolver = reader.resolver
    text = reader.ctx.text
    agents = [m for m in _BY_AGENT.finditer(text, verb.end(), b) if not resolver.inside_quote(m.start(), enclosing)]
    agent = agents[0] if agents else None
    if agent:
        stop = _STOP_QUOTE.search(text, agent.end(), b)
        found = resolver.speaker(agent.end(), stop.start() if stop else b, last=False, enclosing=enclosing)
        if found:
            key, s, e, conf = found
            return key, verb.start(), e, conf
    state = resolver.state
    if state.inspectorate and state.about_inspection:
        return state.inspectorate, verb.start(), verb.end(), 0.6
    return None


def sentence_tail(reader: Reader, q, sentence):
    """A speech verb that closes the quote's sentence: "..., the inspectorate has said." / "..., says X"."""
    if sentence is None or q.close is None:
        return None
    resolver, speech_re = reader.resolver, reader.speech_re
    text = reader.ctx.text
    end = sentence.end
    verbs = list(speech_re.finditer(text, q.close + 1, end))
    if not verbs:
        return None
    verb = verbs[-1]
    if _SENTENCE_END.fullmatch(text, verb.end(), end):  # "..., the police inspectorate has said."
        comma = text.rfind(",", q.close + 1, verb.start())
        if comma < 0:
            return None
        subject_end = verb.start()
        aux = _TAIL_AUX.search(text, comma + 1, verb.start())
        if aux:
            subject_end = aux.start()
        if len(text[comma + 1 : subject_end].split()) > 8:
            return None
        found = resolver.speaker(comma + 1, subject_end)
    else:  # "..., says HMICFRS" / "..., said Chief Constable X."
        if text[q.close + 1 : verb.start()].rstrip()[-1:] != ",":
            return None
        tail_end = end
        while tail_end > verb.end() and text[tail_end - 1] in ".!?\"”’' \u00a0":
            tail_end -= 1
        if len(text[verb.end() : tail_end].split()) > 8 or _BREAK.search(text, verb.end(), tail_end):
            return None
        found = resolver.speaker(verb.end(), tail_end, last=False)
    if found:
        key, s, e, conf = found
        return key, min(s, verb.start()), max(e, verb.end()), min(conf, 0.8)
    return None


def intro(reader: Reader, prev):
    """The paragraph before a quote ends with a colon: its speech verb's subject, else the
    last person (or body) it names ("Below is the response from BTPA Chair X:")."""
    found = clause(reader, prev.start, prev.end)
    if found:
        return found
    found = reader.resolver.speaker(prev.start, prev.end)
    if found:
        key, s, e, conf = found
        return key, s, e, min(conf, 0.7)
    return None


def nested(reader: Reader, q, enclosing):
    """A quote inside a quote: the speech verb before it in the enclosing quote's words."""
    start = max(enclosing[0], q.open - 200)
    return clause(reader, start, q.open, enclosing=enclosing)
