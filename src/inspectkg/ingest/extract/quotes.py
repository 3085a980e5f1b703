"""Step 6: direct quotations and reported claims, with their speakers.

Quote marks come from ``quote_marks``; a quoted stretch is speech unless it
is a scare quote: one word, two words with no speech verb beside them, a
grade or an assessment area ("rated 'good'"), a short Title Case name, a
short quoted subheading, a quote in the headline with no speech verb, or
the title of a report or book.

The speaker (``attribution``) is found, in order, in the words right after
the quote ("...," he said / says chief / - Chief Constable X), in the clause
before it (X said: "..."; a passive "was praised for" names its agent or the
inspectorate), in a speech verb ending the quote's sentence, in a previous
paragraph that ends with a colon, or inherited from the paragraph before
(its quote or reported claim; photo captions skipped).  A quote inside a
quote takes its speaker from the enclosing quote's words.
"X said: words" without marks up to the paragraph's end is a quotation too;
the claims written without marks ("..., writes Chief Constable X.",
"according to X", "X said (that) ...") come from ``unmarked``.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import cache

from ... import iris
from ...model import Claim
from . import attribution as attribution_, prefilter, quote_marks, unmarked
from .coref import Resolver
from .lexicon import load as load_lexicon, trie as lexicon_trie
from .state import get as get_state

_WORD = re.compile(r"[\w’'-]+")
# a quote right after these names a work, not words said: the report, "Caught red-handed: ..."
_TITLE_BEFORE = re.compile(
    r"\b(?:report|review|study|paper|document|strategy|book|series|film|documentary|podcast|entitled|titled)"
    r"[ \u00a0]*[,:]?[ \u00a0]*$", re.IGNORECASE)
_RATING_CONTEXT = re.compile(r"\b(?:rat(?:e|ed|es|ing)|grad(?:e|ed|es|ing)|judged|areas? such as|as)\b", re.IGNORECASE)
_STEM = re.compile(r"[^a-z ]")


def _stem(phrase: str) -> str:
    return " ".join(w[:5] for w in _STEM.sub("", phrase.lower()).split())


@cache
def _verbs():
    lex = load_lexicon()
    return (re.compile(r"\b" + _alternation(lex.of("speech_verb")) + r"\b"),
            prefilter.Guarded(re.compile(r"\b" + _alternation(lex.of("report_verb")) + r"\b")))


def _alternation(words) -> str:
    """The words as one regex group: a letter tree (``lexicon.trie``; the speech verbs' scans take a
    third of the time as a plain alternation)."""
    if not all(w.isalpha() for w in words):
        return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"
    return lexicon_trie(sorted(set(words)))


_LABELS: dict[int, frozenset[str]] = {}


def _labels(ref) -> frozenset[str]:
    """Grade and area names (stemmed): quoted, they are scare quotes.  Cached per Reference."""
    cached = _LABELS.get(id(ref))
    if cached is not None:
        return cached
    out = set()
    for grade in ref.grades:
        out.add(_stem(grade.label))
        out.update(_stem(p) for p in grade.paraphrases)
    for area in ref.areas:
        out.add(_stem(area.label))
        out.update(_stem(p) for p in area.paraphrases)
    _LABELS.clear()
    _LABELS[id(ref)] = frozenset(out)
    return _LABELS[id(ref)]


@dataclass(frozen=True)
class _Quoting:
    """What the quotes step reads one document with, and the claims it fills."""

    reader: attribution_.Reader
    labels: frozenset[str]  # grade and area names (stemmed): quoted, they are scare quotes
    claims: dict  # claim key -> Claim


def run(ctx) -> None:
    state = get_state(ctx)
    marks = quote_marks.find(ctx.text, ctx.paragraphs)
    state.quote_regions = [q.region for q in marks]
    speech_re, report = _verbs()
    sent_starts = [s.start for s in ctx.sentences]

    def sentence_of(pos: int):
        i = bisect.bisect_right(sent_starts, pos) - 1
        return ctx.sentences[i] if i >= 0 else None

    reader = attribution_.Reader(ctx, Resolver(ctx), speech_re, sentence_of,
                                 attribution_.VerbFinder(speech_re, ctx.text))
    quoting = _Quoting(reader, _labels(ctx.reference), {})
    speakers = _LastSpeaker()  # paragraph -> the speaker of its last quote or claim
    _unmarked_claims(quoting, speakers, [q.region for q in marks], report)
    _marked_claims(quoting, speakers, marks)
    _unattributed(ctx, state, quoting.claims)
    ctx.claims.extend(quoting.claims.values())


def _unmarked_claims(quoting: _Quoting, speakers, quoted: list[tuple[int, int]], report) -> None:
    """"He added: words" to the paragraph's end, then the claims written without marks in the
    sentences outside quotes (``unmarked``)."""
    ctx, resolver, claims = quoting.reader.ctx, quoting.reader.resolver, quoting.claims
    for index, para in enumerate(ctx.paragraphs):
        found = _colon_quote(quoting, para, quoted)
        if found:
            speakers.note(index, para.end, *found)
    in_quote = _Regions(quoted)
    para_starts = [p.start for p in ctx.paragraphs]
    for sent in ctx.sentences:
        if not in_quote.meets(sent.start, sent.end):
            found = (unmarked.trailing(ctx, resolver, sent, claims)
                     or unmarked.according(ctx, resolver, sent, claims)
                     or unmarked.reported(ctx, resolver, sent, report, claims))
            if found:
                speakers.note(bisect.bisect_right(para_starts, sent.start) - 1, sent.start, *found)


def _marked_claims(quoting: _Quoting, speakers, marks) -> None:
    """Each quoted stretch that is speech, with its speaker (or the one it inherits)."""
    ctx = quoting.reader.ctx
    paragraphs = ctx.paragraphs
    enclosing_of = _enclosing(marks)
    opens = sorted(m.open for m in marks)  # where each quote opens, for the next quote after a point
    left_open = {q.paragraph for q in marks if q.close is None and not q.nested}  # quotes running on
    last_by_para: dict[int, object] = {}
    for q in marks:
        if q.nested:
            _nested_claim(quoting, q, enclosing_of.get(q.open))
            continue
        prev_index = _previous_paragraph(ctx.text, paragraphs, q.paragraph)
        attribution, tail = _attribution(quoting.reader, q, opens, prev_index)
        if attribution is None:
            attribution = _inherited(q, paragraphs[q.paragraph], prev_index, last_by_para, speakers)
        running = prev_index is not None and prev_index in left_open
        if not _is_speech(quoting, q, attribution, tail, running):
            if attribution:
                last_by_para[q.paragraph] = (attribution[0], attribution[3])
            continue
        key = _add(ctx, quoting.claims, q, attribution)
        if key:
            claim = quoting.claims[iris.in_document("claim", ctx.document.id, q.start, q.end)]
            last_by_para[q.paragraph] = (key, claim.confidence)
            speakers.note(q.paragraph, q.start, key, claim.confidence)


def _nested_claim(quoting: _Quoting, q, outer) -> None:
    """A quote inside another one (``outer``, its region) is speech when the outer quote's words attribute it."""
    attribution = attribution_.nested(quoting.reader, q, outer) if outer else None
    if attribution is not None and _is_speech(quoting, q, attribution, True):
        _add(quoting.reader.ctx, quoting.claims, q, attribution)


def _attribution(reader, q, opens: list[int], prev_index: int | None):
    """(the quote's attribution or None, is it a speech verb ending the quote's sentence): the words
    after the quote, the clause before it, the sentence's tail, a paragraph before ending with a colon."""
    ctx = reader.ctx
    para = ctx.paragraphs[q.paragraph]
    attribution = attribution_.after(reader, q, para, opens) or attribution_.clause(reader, para.start, q.open)
    if attribution is not None:
        return attribution, False
    attribution = attribution_.sentence_tail(reader, q, reader.sentence_of(q.open))
    if attribution is not None:
        return attribution, True
    if q.open == para.start and prev_index is not None:
        prev = ctx.paragraphs[prev_index]
        if ctx.text[prev.start : prev.end].rstrip().endswith(":"):
            return attribution_.intro(reader, prev), False
    return None, False


def _inherited(q, para, prev_index: int | None, last_by_para: dict, speakers):
    """The speaker a quote named nowhere inherits: its paragraph's last, else (a quote opening its
    paragraph) the paragraph before's; as an attribution with no span."""
    inherited = last_by_para.get(q.paragraph) or (
        speakers.get(prev_index) if q.open == para.start and prev_index is not None else None)
    if inherited:
        return inherited[0], None, None, min(inherited[1], 0.7)
    return None


def _add(ctx, claims, q, attribution) -> str | None:
    key, a_start, a_end, conf = attribution if attribution else (None, None, None, 0.3)
    evidence = (ctx.span(a_start, a_end),) if a_start is not None else ()
    claim_key = iris.in_document("claim", ctx.document.id, q.start, q.end)
    claims[claim_key] = Claim(claim_key, ctx.span(q.start, q.end), key, True, evidence=evidence,
                              confidence=conf)
    return key


class _LastSpeaker:
    """The speaker of each paragraph's last quote or claim (by position)."""

    def __init__(self):
        self.by_para: dict[int, tuple[int, str, float]] = {}

    def note(self, index: int, pos: int, key: str | None, confidence: float) -> None:
        if key is None or index < 0:
            return
        old = self.by_para.get(index)
        if old is None or pos >= old[0]:
            self.by_para[index] = (pos, key, confidence)

    def get(self, index: int):
        found = self.by_para.get(index)
        return (found[1], found[2]) if found else None


def _enclosing(marks) -> dict[int, tuple[int, int]]:
    """For each nested quote (by its opening mark), the region of the quote it sits in."""
    outer = sorted(q.region for q in marks if not q.nested)
    starts = [s for s, _ in outer]
    out = {}
    for q in marks:
        if q.nested:  # the latest-opening outer quote that holds it (outer quotes rarely overlap)
            i = bisect.bisect_left(starts, q.open) - 1
            while i >= 0 and not q.open < outer[i][1]:
                i -= 1
            if i >= 0:
                out[q.open] = outer[i]
    return out


_CAPTION_CUE = re.compile(r"(?:Image|Picture|Photo|Photograph|Credit|Pic|Video)[ \u00a0]*(?:[:|-]|credit)", re.IGNORECASE)
_TERMINAL = ".!?:\"”’'…)"


def _previous_paragraph(text: str, paragraphs, index: int) -> int | None:
    """The paragraph before ``index``, skipping photo captions and credits (short lines without
    a full stop that break a quote running over several paragraphs)."""
    j = index - 1
    while j >= 0:
        para = paragraphs[j]
        words = text[para.start : para.end].split()
        stripped = text[para.start : para.end].rstrip()
        caption = _CAPTION_CUE.match(text, para.start) is not None or (
            len(words) <= 14 and stripped[-1:] not in _TERMINAL and not quote_marks.has_marks(stripped))
        if not caption:
            return j
        j -= 1
    return None


def _is_speech(quoting: _Quoting, q, attribution, said: bool = False, running: bool = False) -> bool:
    """Is the quoted stretch speech, not a scare quote or a title?  ``said``: a speech verb
    attributes it from further off (the end of its sentence, the quote it sits in)."""
    ctx, speech_re, labels = quoting.reader.ctx, quoting.reader.speech_re, quoting.labels
    paragraphs = ctx.paragraphs
    para = paragraphs[q.paragraph]
    text = ctx.text
    words = _WORD.findall(text[q.start : q.end])
    n = len(words)
    near = text[max(para.start, q.open - 30) : q.open] + " " + text[q.end + 1 : min(para.end, q.end + 30)]
    verb_near = said or bool(speech_re.search(near)) or (  # "..., said Chief Constable X. "Two words.""
        attribution is not None and attribution[2] is not None and 0 <= q.open - attribution[2] <= 40)
    if n <= 1:
        return False
    if _stem(text[q.start : q.end]) in labels:
        return False
    if _TITLE_BEFORE.search(text, max(para.start, q.open - 40), q.open):
        return False  # the title of a report, a book, a programme
    if n == 2 and not verb_near:
        return False
    if q.paragraph == 0 and len(paragraphs) > 1 and not verb_near:
        return False  # a quote in the headline, repeated below
    if q.close is None and q.open != para.start and attribution is None:
        return False  # a stray mark, not a quote left open
    whole = q.open == para.start and (q.close is None or q.close >= para.end - 2)
    # named right there, or carried on from a quote the paragraph before left open
    named = attribution is not None and (attribution[1] is not None or running)
    if whole and n < 6 and not named and not verb_near:
        return False  # a quoted subheading
    if n <= 5 and all(w[:1].isupper() for w in words if len(w) > 3) and not (
            attribution and q.open == para.start):
        return False  # a name or title in quotes
    if n <= 5 and not verb_near:
        sentence = text[max(para.start, q.open - 60) : q.open]
        if q.single and _RATING_CONTEXT.search(sentence):
            return False
    return True


_COLON = re.compile(r":[ \u00a0]+(?=[A-Z])")


def _colon_quote(quoting: _Quoting, para, quoted: list[tuple[int, int]]):
    """He added: words without marks, up to the paragraph's end: (speaker, confidence) or None."""
    reader, claims = quoting.reader, quoting.claims
    ctx, speech_re = reader.ctx, reader.speech_re
    text = ctx.text
    for m in _COLON.finditer(text, para.start, para.end):
        if any(s <= m.start() < e for s, e in quoted):
            continue
        rest_start, rest_end = m.end(), para.end
        if any(rest_start <= s < rest_end for s, _ in quoted):
            continue
        verb = None
        for v in speech_re.finditer(text, max(para.start, m.start() - 60), m.start() + 1):
            verb = v
        if verb is None or text[verb.end() : m.start()].strip():
            continue
        found = attribution_.clause(reader, para.start, m.start())
        if not found or len(_WORD.findall(text[rest_start:rest_end])) < 3:
            continue
        key, s, e, conf = found
        claim_key = iris.in_document("claim", ctx.document.id, rest_start, rest_end)
        claims[claim_key] = Claim(claim_key, ctx.span(rest_start, rest_end), key, True,
                                  evidence=(ctx.span(s, e),), confidence=min(conf, 0.7))
        quoted.append((m.start(), rest_end))
        return key, min(conf, 0.7)
    return None


class _Regions:
    """Quoted regions (start, end), for asking whether a sentence meets one."""

    def __init__(self, regions: list[tuple[int, int]]):
        ordered = sorted(regions)
        self.starts = [s for s, _ in ordered]
        self.reach = list(itertools.accumulate((e for _, e in ordered), max))  # furthest end so far

    def meets(self, start: int, end: int) -> bool:
        """Does a region begin inside [start, end), or hold ``start``?"""
        i = bisect.bisect_left(self.starts, start)
        if i < len(self.starts) and self.starts[i] < end:
            return True  # begins inside
        j = bisect.bisect_right(self.starts, start)  # the regions beginning at or before ``start``
        return j > 0 and self.reach[j - 1] > start


def _words(text: str, n: int) -> tuple[str, ...]:
    return tuple(w.lower().replace("’", "'") for w in _WORD.findall(text)[:n])


def _unattributed(ctx, state, claims) -> None:
    """A quote nobody is named for: the speaker of the same words elsewhere (a pull
    quote repeats or shortens them), else the inspectorate when the text is about
    an inspection."""
    attributed = [(" ".join(_words(c.text.exact, 400)), c.speaker) for c in claims.values()
                  if c.speaker and c.quotation]
    for key, claim in list(claims.items()):
        if claim.speaker:
            continue
        words = _words(claim.text.exact, 400)
        head = " ".join(words[:6])
        whole = " ".join(words)
        speaker, confidence = None, 0.6
        for other, who in attributed:
            if len(words) >= 4 and (head in other or (len(other.split()) >= 4 and other in whole)):
                speaker = who
                break
        if speaker is None and state.about_inspection and state.inspectorate:
            speaker, confidence = state.inspectorate, 0.35
        if speaker:
            claims[key] = Claim(claim.key, claim.text, speaker, claim.quotation, evidence=claim.evidence,
                                confidence=confidence)
