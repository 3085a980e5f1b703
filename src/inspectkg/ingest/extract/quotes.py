"""Step 6: direct quotations and reported claims, with their speakers.

Quote marks come from ``quote_marks``; a quoted stretch is speech unless it
is a scare quote: one word, two words with no speech verb beside them, a
grade or an assessment area ("rated 'good'"), a short Title Case name, a
short quoted subheading, or a quote in the headline with no speech verb.

The speaker is found, in order, in the words right after the quote ("...,"
he said / says chief / - Chief Constable X), in the clause before it (X said:
"..."; the last speech verb outside quotes and its subject), in a previous
paragraph that ends with a colon, or inherited from the quote before it (a
quote continued over paragraphs or split around its attribution).
"X said: words" without marks up to the paragraph's end is a quotation too.
"X said (that) clause" without marks is a reported claim (quotation=False).
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import cache

from ... import iris
from ...model import Claim
from . import attribution as attribution_, quote_marks
from .coref import Resolver
from .lexicon import load as load_lexicon
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
    speech = sorted(lex.of("speech_verb"), key=len, reverse=True)
    report = sorted(lex.of("report_verb"), key=len, reverse=True)
    return (re.compile(r"\b(?:" + "|".join(speech) + r")\b"),
            re.compile(r"\b(?:" + "|".join(report) + r")\b"))


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


def run(ctx) -> None:
    text = ctx.text
    state = get_state(ctx)
    paragraphs = ctx.paragraphs
    marks = quote_marks.find(text, paragraphs)
    state.quote_regions = [q.region for q in marks]
    resolver = Resolver(ctx)
    speech_re, report_re = _verbs()
    sent_starts = [s.start for s in ctx.sentences]
    labels = _labels(ctx.reference)
    claims: dict[str, Claim] = {}

    def sentence_of(pos: int):
        i = bisect.bisect_right(sent_starts, pos) - 1
        return ctx.sentences[i] if i >= 0 else None

    speakers = _LastSpeaker()  # paragraph -> the speaker of its last quote or claim
    last_by_para: dict[int, object] = {}
    quoted = [q.region for q in marks]
    for index, para in enumerate(paragraphs):
        found = _colon_quote(ctx, resolver, para, quoted, speech_re, sentence_of, claims)
        if found:
            speakers.note(index, para.end, *found)
    in_quote = _Regions(quoted)
    para_starts = [p.start for p in paragraphs]
    for sent in ctx.sentences:
        if not in_quote.meets(sent.start, sent.end):
            found = (_trailing(ctx, resolver, sent, speech_re, claims) or _according(ctx, resolver, sent, claims)
                     or _reported(ctx, resolver, sent, report_re, claims))
            if found:
                speakers.note(bisect.bisect_right(para_starts, sent.start) - 1, sent.start, *found)
    enclosing_of = _enclosing(marks)
    left_open = {q.paragraph for q in marks if q.close is None and not q.nested}  # quotes running on
    for q in marks:
        para = paragraphs[q.paragraph]
        tail = False
        if q.nested:
            outer = enclosing_of.get(q.open)
            attribution = attribution_.nested(ctx, resolver, q, outer, speech_re, sentence_of) if outer else None
            if attribution is None or not _is_speech(ctx, q, para, attribution, speech_re, labels, paragraphs, True):
                continue
            _add(ctx, claims, q, attribution)
            continue
        attribution = attribution_.after(ctx, resolver, q, para, speech_re, marks) or attribution_.clause(
            ctx, resolver, para.start, q.open, speech_re, sentence_of)
        if attribution is None:
            attribution = attribution_.sentence_tail(ctx, resolver, q, sentence_of(q.open), speech_re)
            tail = attribution is not None
        prev_index = _previous_paragraph(text, paragraphs, q.paragraph)
        if attribution is None and q.open == para.start and prev_index is not None:
            prev = paragraphs[prev_index]
            if text[prev.start : prev.end].rstrip().endswith(":"):
                attribution = attribution_.intro(ctx, resolver, prev, speech_re, sentence_of)
        if attribution is None:
            inherited = last_by_para.get(q.paragraph) or (
                speakers.get(prev_index) if q.open == para.start and prev_index is not None else None)
            if inherited:
                key, conf = inherited[0], min(inherited[1], 0.7)
                attribution = (key, None, None, conf)
        running = prev_index is not None and prev_index in left_open
        if not _is_speech(ctx, q, para, attribution, speech_re, labels, paragraphs, tail, running):
            if attribution:
                last_by_para[q.paragraph] = (attribution[0], attribution[3])
            continue
        key = _add(ctx, claims, q, attribution)
        if key:
            last_by_para[q.paragraph] = (key, claims[iris.in_document("claim", ctx.document.id, q.start, q.end)].confidence)
            speakers.note(q.paragraph, q.start, key, last_by_para[q.paragraph][1])

    _unattributed(ctx, state, claims)
    ctx.claims.extend(claims.values())


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
    outer = [q for q in marks if not q.nested]
    out = {}
    for q in marks:
        if q.nested:
            holder = [o.region for o in outer if o.region[0] < q.open < o.region[1]]
            if holder:
                out[q.open] = holder[-1]
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


def _is_speech(ctx, q, para, attribution, speech_re, labels, paragraphs, said: bool = False,
               running: bool = False) -> bool:
    """Is the quoted stretch speech, not a scare quote or a title?  ``said``: a speech verb
    attributes it from further off (the end of its sentence, the quote it sits in)."""
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


def _colon_quote(ctx, resolver, para, quoted, speech_re, sentence_of, claims) -> None:
    """He added: words without marks, up to the paragraph's end."""
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
        found = attribution_.clause(ctx, resolver, para.start, m.start(), speech_re, sentence_of)
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


def _reported(ctx, resolver, sent, report_re, claims):
    """X said (that) the force had begun ... -> a claim that is not a quotation (``sent`` is outside quotes)."""
    text = ctx.text
    verb = report_re.search(text, sent.start, sent.end)
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


def _according(ctx, resolver, sent, claims):
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
    if not found or found[2] != m.end("who") or len(_WORD.findall(text[claim_start:claim_end])) < 3:
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
_TRAILING_CUE = re.compile(r"\b(?:said|says|writes|wrote|added|adds)\b")
_TRAILING_VERB_LAST = re.compile(r",[ \u00a0]+(?P<who>[^,;:.!?\n]{3,60}?)[ \u00a0]+(?P<verb>said|says|writes|wrote|added|adds)[ \u00a0]*[.!]?$")


def _trailing(ctx, resolver, sent, speech_re, claims):
    """A sentence without quote marks whose end names its author: a quotation when the author is
    a person, a reported claim when it is a body ("..., the report said.")."""
    text = ctx.text
    end = sent.end
    while end > sent.start and text[end - 1] in " \u00a0\n":
        end -= 1
    tail_start = max(sent.start, end - 90)
    if not _TRAILING_CUE.search(text, tail_start, end):
        return None  # most sentences: no such verb after a comma near the end
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
