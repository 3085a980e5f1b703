"""Step 5: the inspectorate's statements about the inspected force.

- Report text: bullets or paragraphs under "Areas for improvement", "Cause of
  concern", "Recommendations", "Innovative practice" (one finding each, kind
  from the heading); bullets after a lead-in line that ends in ":" ("inspectors
  said the force had made several improvements, including:") when the lead
  speaks of what was found, by the inspectorate (not a committee's list, not
  area names); on a report page, the summary sentences of paragraphs about the
  force; on an inspector's own page (signature line, "HMI's observations",
  ``patterns/report_voice.csv``) the sentences that judge the force.
- News: what the report / inspectors / the inspectorate / a named inspector
  "said", "found", "indicates" ... (the reported clause; "while A, B" as two),
  statements attributed at their end (", a watchdog said."), "X, as highlighted
  by the latest inspection", "According to the report, X", and sentences with
  their own cue ("it was urged to improve", "raised concerns", "was satisfied
  with", "recognised by the inspectorate").  Not: clauses listing grades
  (ratings), figures that judge nothing (statistics), a speaker's own "I" or
  "we", picture captions.
- Direct quotes of an inspector or the inspectorate (attribution line, then
  the quoted paragraphs): each quoted sentence that judges.
- None at all in a text with no inspection and no inspectorate.

Inspection: the one the sentence dates, unless it names an earlier inspection
only to compare ("since our 2016 inspection": the current report's finding).

Kind: the heading, else cues of ``patterns/finding_kinds.csv`` (recommendation,
cause of concern, area for improvement; negative -> statement; positive ->
strength).  Topic: the first assessment area named, else the first content words.
"""

from __future__ import annotations

import bisect
import re

from ... import iris
from ...model import Finding
from . import areas, cues, prefilter
from .grades import GRADE_WORDS
from .inspstate import get as get_state, inspection_of_sentence, sentence_index
from .spans_at import SpansAt, Taken

_HEADING = re.compile(r"^\W*(areas? for improvement|causes? of concern|recommendations?|"
                      r"(?:innovative|promising|notable|good) practice|strengths?)\s*(?:\d+)?\s*:?\s*$", re.IGNORECASE)
# "Area for improvement 2: The force should ..." - the heading and its finding on one line
_INLINE_HEADING = re.compile(r"^\W*(areas? for improvement|causes? of concern|recommendation)\s*\d*\s*:\s+(?=\w)",
                             re.IGNORECASE)
_HEADING_KIND = {"area": "area_for_improvement", "cause": "cause_of_concern", "recommendation": "recommendation",
                 "innovative": "strength", "promising": "strength", "notable": "strength", "good": "strength",
                 "strength": "strength"}
_SECTION_PARAGRAPHS = 3  # paragraphs (not a list) under a heading taken as its findings
_BULLET = re.compile(r"^\s*(?:[-•*–·▪]|\d+[.)])\s+")
# a list item whose square bullet ("■") became a lone "n" when a page was turned into text
_N_BULLET = re.compile(r"^\s*n\s+(?=[A-Z])")
# a lead-in line ("... including:") introduces findings only when it speaks of what was found,
# or, on a report page, of the force
_LEAD_CUE = re.compile(
    r"\b(?:inspect\w*|report\w*|review\w*|HMIC\w*|watchdog|found|finds|said|says|noted|raised|identified|"
    r"highlighted|concerns?|improvements?|recommend\w*|praised|strengths?|weakness\w*|issues)\b", re.IGNORECASE)
_LEAD_OBJECT = re.compile(r"\b(?:for|of|about|on|in|to|with|as|from|by)\s*:\s*$", re.IGNORECASE)
_SUBJECT_NOUN = (r"(?:report|reports|inspection|inspections|review|assessment|announcement|findings|inspectors?|"
                 r"inspectorate|watchdog|HMICFRS|HMIC|HMICS)")
_VERBS = (r"(?:said|says|found|finds|concluded|concludes|concluding|revealed|reveals|noted|notes|recognised|"
          r"recognises|acknowledged|acknowledges|warned|warns|stated|states|added|highlighted|means|showed|shows|"
          r"identified that|criticised|indicates|indicated|emphasi[sz]ed|emphasi[sz]es|stressed)(?!\w)")
_HAS_VERB = re.compile(r"\b" + _VERBS, re.IGNORECASE)
_AFTER = re.compile(
    r"\b" + _SUBJECT_NOUN + r"(?:\s+(?:by|from|of)\s+(?:the\s+)?(?:inspectors|inspectorate|HMIC\w*|watchdog))?"
    r"(?:\s*\([^()\n]{1,30}\))?(?:\s*,\s*\w+\s*,|\s*,\s*(?:published|released|out)\b[^,;\n]{0,60},)?"
    r"\s+(?:also\s+|previously\s+|had\s+|has\s+|have\s+|which\s+)?"
    + _VERBS + r"\s*:?\s*(?:that\s+|how\s+)?"
    r"|(?:^|(?<=[,;]\s)|(?<=\bbut\s)|(?<=\band\s))(?:[Ii]t|[Tt]hey)\s+(?:also\s+)?" + _VERBS + r"\s*:?\s*(?:that\s+)?"
    r"|\bwhich\s+(?:found|highlighted|concluded)\s+(?:that\s+)?"
    r"|\b" + _SUBJECT_NOUN + r"\b[^.;]{0,80}?\band\s+(?:also\s+)?(?:said|found|concluded)\s+(?:that\s+)?",
    re.IGNORECASE)
_CIRCUMSTANCE = re.compile(r"(?:in (?:a|its|the) (?:new |latest )?(?:report|statement)|on \w+day|today|yesterday|"
                          r"last \w+|this \w+)\b", re.IGNORECASE)
_TRAIL = re.compile(r"[,\"”’']\s*(?P<subj>[^,\"”]{0,120}?)\s+(?:has\s+|had\s+)?(?:said|found|warned|concluded|added|"
                    r"reported)\s*[.!]?[\"”’']?\s*$", re.IGNORECASE)
_TRAIL_SUBJ = re.compile(r"\b(?:report|inspectors?|inspectorate|watchdog|HMIC\w*)\b|^(?:it|they)$", re.IGNORECASE)
_WHOLE = re.compile(
    r"\b(?:was|were|is|are|has been)\s+(?:urged|told|ordered|asked|recommended|said)\s+to\b"
    r"|\b(?:praised|commended)\b"
    r"|\b(?:inspectors|inspectorate|watchdog)\s+(?:was|were|is|are)\s+(?:also\s+)?"
    r"(?:satisfied|pleased|impressed|encouraged|concerned|disappointed)\b"
    r"|\bidentified\s+(?:\w+\s+){0,3}(?:areas? for improvement|causes? of concern|weaknesses|failings|shortcomings)\b"
    r"|\b(?:was|were|has been|have been)\s+(?:(?!previously\b)\w+\s+)?(?:criticised|criticized|censured)\s+(?:for|over)\b"
    r"|\b(?:recognised|recognized|highlighted|singled out)\b[^.;\n]{0,40}?\bby\s+(?:the\s+)?(?:HMIC\w*|H[ie]s\s|Her\s|HM\s|"
    r"inspectors?\b|inspectorate\b|police inspectorate\b|watchdog\b)"
    r"|\b(?:raised|highlighted|identified|expressed)\s+(?:\w+\s+)?concerns?\b"
    r"|\bof (?:particular|serious|significant) concern\b|\bcauses? (?:of|for) concern\b"
    r"|\b(?:makes?|made)\s+(?:a number of\s+|several\s+|\w+\s+)?recommendations\b"
    r"|\b(?:report|inspection|inspectors?|HMIC\w*)\s+(?:\w+\s+)?ordered\b"
    r"|\b(?:the force|the constabulary)\s+(?:needs|needed|need|should|must|has to|had to)\s+(?:to\s+)?(?:improve|make improvements|do more)\b"
    r"|^No (?:areas?|part)\b[^,;]*\b(?:graded|rated)\b"
    r"|\bno (?:areas?|parts?|aspects?)\b[^.;]{0,60}?\b(?:graded|rated|grading|grade)\b"
    r"|\b(?:areas? for improvement|causes? of concern|recommendations?)\s+(?:\w+\s+){0,2}(?:identified|raised|made|highlighted)\s+(?:by|in)\s+"
    r"(?:the\s+|their\s+|its\s+)?(?:HMIC\w*|H[ie]s\s|Her\s|HM\s|inspectors?\b|inspectorate\b|watchdog\b|report\b|inspection\b)",
    re.IGNORECASE)
_INSPECTOR_ATTR = re.compile(
    r"(?:\bHM (?:Chief )?Inspector|\bH[ei]r?s? Majesty['’]s (?:Chief )?Inspector\b|\bInspector of Constabulary|"
    r"\b(?:of|from) (?:the )?(?:HMIC\w*|inspectorate)\b)[^\n]{0,80}?\b(?:said|says|added)\b", re.IGNORECASE)
_CONTINUES = re.compile(r"^\s*(?:[\"“‘']|(?:He|She|They) (?:added|continued|said)\s*:)")
_QUOTE_CHARS = "\"“”‘’'"
_LEADING = re.compile(r"(?:[\"“”‘’'\s]|But\b,?\s*|However,?\s*|And\s+|So\s+|Although\b[^,]*,\s*(?=\w))+")
_TRAILING = re.compile(r"(?:[\s\"“”‘’',:;]|,?\s*(?:it|they|the report|inspectors) (?:said|found|added)\.?)+$")
# the cue regexes above, each tried only on text holding its cue words (``prefilter.Guarded``)
_HAS_VERB_G = prefilter.Guarded(_HAS_VERB)
_AFTER_G = prefilter.Guarded(_AFTER)
_TRAIL_G = prefilter.Guarded(_TRAIL)
_WHOLE_G = prefilter.Guarded(_WHOLE)
# "There were concerns about ..." opening a sentence (apart from _WHOLE: an anchored branch there
# would leave the pre-filter no prefixes to look for)
# "The report recommended that ...", "It recommended ..." (apart from _WHOLE: "it" would be one more prefix to
# look for in every sentence; here the sentence must first hold "recommend")
_RECOMMENDED_G = prefilter.Guarded(re.compile(
    r"\b(?:report|inspection|inspectors?|inspectorate|HMIC\w*|watchdog|it|they)\s+(?:also\s+)?recommend(?:ed|s)\b",
    re.IGNORECASE))
_THERE_CONCERNS = re.compile(r"(?:But |However,? |And )?[Tt]here (?:were|was|are|is|remain|remains) (?:also )?(?:\w+ )?"
                             r"concerns? (?:about|over|that|regarding)\b")
_INSPECTOR_ATTR_G = prefilter.Guarded(_INSPECTOR_ATTR)
_SAYS = re.compile(r"\b(?:said|says|added)\b")
_CUT = re.compile(r",?\s+(?:but|and)\s*$"
                  r"|,\s+and\s+(?:also\s+)?(?:grades|graded|rates|rated|judges|judged|says|said|finds|found|notes|noted|"
                  r"adds|added)\b.*$")  # "states X, and grades the force as ...": X ends at the comma
_CONTRAST = re.compile(r"[,;]\s+however,?\s+(?=\w)", re.IGNORECASE)
_TOPIC_WORD = re.compile(r"[A-Za-z][A-Za-z-]+")
_STOP = areas.STOP | {"force", "constabulary", "police", "report", "inspectors", "said", "found", "that", "has",
                      "have", "had", "not", "some", "more", "also", "are", "being", "now", "which", "would"}


def run(ctx) -> None:
    if not ctx.text.strip() or not (ctx.inspections or inspectorate_keys(ctx)):
        return  # no inspection and no inspectorate: nothing here is an inspectorate's finding
    state = get_state(ctx)
    taken = Taken()
    _from_headings(ctx, taken)
    if state.report_like:
        _from_report(ctx, taken)
    else:
        _from_report_voice(ctx, taken)
    _from_inspector_quotes(ctx, taken)
    _from_news(ctx, taken)


def kind_of(text: str, default: str = "statement") -> str:
    kinds = cues.guarded_finding_kinds()
    lowered = text.lower()
    for kind in ("recommendation", "cause_of_concern", "area_for_improvement"):
        if kinds[kind].search(text, lowered):
            return kind
    if kinds["negative"].search(text, lowered):
        return "statement"
    if kinds["strength"].search(text, lowered):
        return "strength"
    return default


def topic_of(ctx, start: int, end: int) -> str | None:
    hits = areas.find(ctx.text, start, end, None)
    if hits:
        return ctx.reference.area(hits[0].area).label.lower()
    words = [w for w in _TOPIC_WORD.findall(ctx.text, start, end) if w.lower() not in _STOP
             and not w[0].isupper()]
    return " ".join(words[:4]).lower() or None


def add(ctx, taken, where: tuple[int, int], kind: str | None = None, confidence: float = 0.7) -> bool:
    """Add a finding over text[start:end] (``where``, trimmed); False when too short or already covered."""
    start, end = where
    text = ctx.text
    m = _LEADING.match(text, start, end)
    if m and m.end() < end:
        start = m.end()
    m = _trailing(text, start, end)
    if m and m.start() > start:
        end = m.start()
    while end > start and text[end - 1] in ".!?" + _QUOTE_CHARS:
        end -= 1
    if end - start < 12 or len(text[start:end].split()) < 3:
        return False
    if taken.overlaps(start, end):
        return False
    taken.append((start, end))
    index = sentence_index(ctx, start)
    inspection = _inspection_of(ctx, index)
    span = ctx.span(start, end)
    ctx.findings.append(Finding(
        iris.in_document("finding", ctx.document.id, start, end), inspection,
        kind or kind_of(span.exact), span, topic_of(ctx, start, end), (span,), confidence))
    return True


# the earlier inspection as a point of comparison ("since our 2014 inspection", "since 2017"): what the
# sentence says is the current report's finding ...
_SINCE = re.compile(r"\b(?:since|compared (?:with|to)|than (?:at|in|during))\s+(?:(?:its|our|the|their|that|a)\s+)?"
                    r"(?:(?:last|previous|earlier|first|\d{4}(?:/\d\d)?)\b|(?:19|20)\d\d\b)", re.IGNORECASE)
# ... unless the earlier inspection is what found it ("Previous inspections had found", "the 2014 report said")
_EARLIER_SAID = re.compile(r"\b(?:inspections?|reports?|reviews?|assessments?|visits?|which)\s+(?:in\s+\d{4}\s+)?(?:had\s+|has\s+|have\s+)?"
                           r"(?:found|said|concluded|identified|raised|rated|judged|graded|described|explained|highlighted|resulted)\b",
                           re.IGNORECASE)
_SINCE_G = prefilter.Guarded(_SINCE)


def _inspection_of(ctx, index: int | None) -> str | None:
    """The inspection a finding in sentence ``index`` belongs to: the one the sentence dates, unless it
    names that one only to compare ("what a 2018 report says about its 2014 report is a 2018 finding")."""
    main = get_state(ctx).main
    if index is None:
        return main
    inspection = inspection_of_sentence(ctx, index)
    if inspection != main and main is not None:
        sentence = ctx.sentences[index].exact
        if _SINCE_G.search(sentence) and not _EARLIER_SAID.search(sentence):
            return main
    return inspection


_TRAILING_CHARS = "\"“”‘’',:;"
_TRAILING_WORDS = ("said", "found", "added", "said.", "found.", "added.")


def _trailing(text: str, start: int, end: int):
    """``_TRAILING.search(text, start, end)``, not tried when text[start:end] cannot end as a match
    must: in white space, a quote mark or punctuation of its set, or a trailing "said" / "found" ...."""
    last = text[end - 1] if end > start else ""
    if not (last.isspace() or last in _TRAILING_CHARS or text.endswith(_TRAILING_WORDS, start, end)):
        return None
    return _TRAILING.search(text, start, end)


def _heading_kind(words: str) -> str:
    return _HEADING_KIND[words.split()[0].lower().rstrip("s")]


def _is_heading_like(text: str) -> bool:
    """A short line without final punctuation ("Responding to the public", "Area for improvement 1")."""
    return len(text.split()) <= 8 and text.rstrip()[-1:] not in ".:;?!,\"”"


def _from_section(ctx, taken, paras, n: int, kind: str) -> None:
    """The paragraphs under a heading that are no list: each one finding of the heading's kind,
    up to the next heading-like line."""
    for item in paras[n + 1:n + 1 + _SECTION_PARAGRAPHS]:
        if _is_heading_like(item.exact) or _HEADING.match(item.exact) or _INLINE_HEADING.match(item.exact):
            break
        add(ctx, taken, (item.start, item.end), kind, 0.7)


def _from_headings(ctx, taken) -> None:
    paras = ctx.paragraphs
    for n, para in enumerate(paras):
        heading = _HEADING.match(para.exact)
        inline = _INLINE_HEADING.match(para.exact) if not heading else None
        if inline:
            add(ctx, taken, (para.start + inline.end(), para.end), _heading_kind(inline.group(1)), 0.8)
            continue
        lead = None
        if heading:
            kind = _heading_kind(heading.group(1))
            if n + 1 < len(paras) and not (_BULLET.match(paras[n + 1].exact) or _N_BULLET.match(paras[n + 1].exact)):
                _from_section(ctx, taken, paras, n, kind)
                continue
        elif para.exact.rstrip().endswith(":") and not _LEAD_OBJECT.search(para.exact) \
                and not re.search(r"\basked\s*:\s*$", para.exact) \
                and n + 1 < len(paras) and (_BULLET.match(paras[n + 1].exact) or _N_BULLET.match(paras[n + 1].exact)):
            lead, kind = para, None
        else:
            continue
        bullet = _BULLET
        if n + 1 < len(paras) and not _BULLET.match(paras[n + 1].exact) and _N_BULLET.match(paras[n + 1].exact):
            bullet = _N_BULLET
        if lead is not None and not _LEAD_CUE.search(lead.exact) \
                and not (get_state(ctx).report_like and _mentions_force(ctx, lead)):
            continue  # "The categories and winners were:", "These are:" - a list, not what was found
        if lead is not None and _found_by_another_body(ctx, lead):
            continue  # "the Select Committee's report, which found:" - another body's findings
        for item in paras[n + 1:]:
            m = bullet.match(item.exact)
            if not m:
                break
            start = item.start + m.end()
            body = ctx.text[start:item.end]
            if body.rstrip().endswith("?") or _names_an_area(ctx.text, start, item.end):
                continue
            if kind is None:
                default = "strength" if cues.guarded_finding_kinds()["strength"].search(lead.exact) else "statement"
                add(ctx, taken, (start, item.end), kind_of(body, default), 0.7)
            else:
                add(ctx, taken, (start, item.end), kind, 0.8)


def _found_by_another_body(ctx, lead) -> bool:
    """Is the body named last in a lead-in line neither an inspectorate nor a force (a committee,
    a charity): the list that follows is that body's findings, not the inspectorate's?"""
    last = None
    for (s, e), key in ctx.mentions.items():
        if lead.start <= s and e <= lead.end and (last is None or s > last[0]):
            last = (s, key)
    if last is None:
        return False
    org = ctx.organisations.get(last[1])
    return org is not None and org.kind not in ("inspectorate", "police_force")


def _names_an_area(text: str, start: int, end: int) -> bool:
    """Is the list item only the name of an assessment area ("Responding to the public")?"""
    body = text[start:end].strip(" \t.;,")
    if len(body.split()) > 8:
        return False
    hits = areas.find(text, start, end, None)
    return bool(hits) and sum(h.end - h.start for h in hits) >= 0.6 * len(body)


_THE_FORCE_G = prefilter.Guarded(re.compile(r"\b(?:the force|the constabulary)\b", re.IGNORECASE))


def _mentions_force(ctx, para) -> bool:
    if _THE_FORCE_G.search(para.exact):
        return True
    mentions = get_state(ctx).force_mentions  # sorted
    first = bisect.bisect_left(mentions, (para.start,))
    last = bisect.bisect_left(mentions, (para.end + 1,))  # those starting inside the paragraph
    return any(e <= para.end for _, e, _ in mentions[first:last])


def _from_report(ctx, taken) -> None:
    rated = {span for r in ctx.ratings.values() for span in r.evidence}
    for para in ctx.paragraphs:
        words = para.exact.split()
        if len(words) < 6 or para.exact.rstrip()[-1:] not in ".:" or _BULLET.match(para.exact) \
                or not _mentions_force(ctx, para):
            continue
        first = sentence_index(ctx, para.start)
        for sent in ctx.sentences[first or 0:]:
            if sent.start >= para.end:
                break
            if sent.start < para.start or sent.end > para.end or sent.exact.endswith("?"):
                continue
            if sent in rated and len(sent.exact) < 60:
                continue
            if len(sent.exact.split()) >= 5:
                add(ctx, taken, (sent.start, sent.end), None, 0.6)


# in an inspector's own words, a sentence about the force that judges it ("It works effectively
# with partners", "I am satisfied by most aspects of ...")
_VOICE_SUBJECT = re.compile(r"^(?:But\s+|Also,?\s+|However,?\s+)?(?:It|Its|I|We)\b")
_VOICE_CUE = prefilter.Guarded(re.compile(
    r"\b(?:satisfied|impressed|pleased|encourag\w*|disappointed|concern\w*|(?:more|further) (?:work|to do))\b",
    re.IGNORECASE))


def judges(text: str) -> bool:
    """Does the sentence judge (praise, criticise, ask for change), not only describe?"""
    lowered = text.lower()
    kinds = cues.guarded_finding_kinds()
    return bool(_VOICE_CUE.search(text, lowered)) or any(kinds[k].search(text, lowered) for k in kinds)


def _voice_sections(ctx) -> int | None:
    """Where an inspector's own observations begin: after their signature line or an
    observations heading ("HMI's observations", "Key findings"); None when the text has neither."""
    marks = cues.guarded_report_voice()
    for para in ctx.paragraphs:
        if len(para.exact) < 120 and any(regex.search(para.exact) for regex in marks.values()):
            return para.end
    return None


def _from_report_voice(ctx, taken) -> None:
    """An inspector's page (signature line, "HMI's observations"): before the mark, the
    sentences naming a concern or what must improve; after it, every sentence about the force
    (or in the inspector's first person) that judges it."""
    begin = _voice_sections(ctx)
    if begin is None:
        return
    rated = {span for r in ctx.ratings.values() for span in r.evidence}
    first = ctx.paragraphs[0].end if ctx.paragraphs else 0
    for sent in ctx.sentences:
        s = sent.exact
        if sent.end <= first or len(s.split()) < 5 or s.rstrip().endswith((":", "?")):
            continue
        if sent.start < begin:
            if sent in rated or kind_of(s, "statement") not in ("cause_of_concern", "area_for_improvement",
                                                                 "recommendation"):
                continue
        else:
            about = _VOICE_SUBJECT.match(s) or _mentions_force(ctx, sent)
            if not (about and judges(s)):
                continue
        add(ctx, taken, (sent.start, sent.end), None, 0.6)


def inspectorate_keys(ctx) -> set[str]:
    """The inspectorates the text names (HMIC, HMICFRS, HMICS, CJINI ...)."""
    return {key for key, org in ctx.organisations.items() if org.kind == "inspectorate"}


def inspector_keys(ctx) -> set[str]:
    """The people the text makes inspectors: a role of kind ``inspector`` in ``roles.csv``, or any
    role held at an inspectorate."""
    inspector_roles = ctx.reference.role_ids_of_kind("inspector")
    bodies = inspectorate_keys(ctx)
    return {a.person for a in ctx.appointments if a.role in inspector_roles
            or (a.organisation or "").startswith("org/hmic") or a.organisation in bodies}


def _from_inspector_quotes(ctx, taken) -> None:
    inspectors = inspector_keys(ctx)
    text = ctx.text
    paras = ctx.paragraphs
    n = 0
    inspector_mentions = sorted((s, e) for (s, e), key in ctx.mentions.items() if key in inspectors) \
        if inspectors else []
    mention_starts = [s for s, _ in inspector_mentions]
    while n < len(paras):
        para = paras[n]
        attributed = _INSPECTOR_ATTR_G.search(para.exact)
        if not attributed and inspector_mentions:
            # an inspector named inside the paragraph, and a speech verb
            first = bisect.bisect_left(mention_starts, para.start)
            last = bisect.bisect_right(mention_starts, para.end)
            if any(e <= para.end for _, e in inspector_mentions[first:last]):
                attributed = _SAYS.search(para.exact)
        n += 1
        if not attributed:
            continue
        start = para.start + attributed.end()
        quote = re.search(r"[:\"“‘]", text[start:para.end])
        if quote:
            _quoted_sentences(ctx, taken, start + quote.end(), para.end)
        while n < len(paras) and _CONTINUES.match(paras[n].exact):
            follow = paras[n]
            colon = re.match(r"^\s*(?:He|She|They) (?:added|continued|said)\s*:", follow.exact)
            _quoted_sentences(ctx, taken, follow.start + (colon.end() if colon else 0), follow.end)
            n += 1


def _quoted_sentences(ctx, taken, start: int, end: int) -> None:
    first = sentence_index(ctx, start)
    for sent in ctx.sentences[first or 0:]:
        if sent.start >= end:
            break
        if sent.end <= start:
            continue
        s, e = max(sent.start, start), min(sent.end, end)
        if judges(ctx.text[s:e]):
            add(ctx, taken, (s, e), None, 0.7)


_AFTER_BODY = re.compile(r"\s*(?:\([A-Z]+\)\s*)?(?:also\s+|has\s+|had\s+|have\s+|previously\s+)?"
                         + _VERBS + r"\b\s*:?\s*(?:that\s+)?", re.IGNORECASE)
# "<inspectorate> was satisfied with ...", "HMIC were of the view that ...": the whole sentence states the finding
_STATE_BODY = re.compile(r"\s*(?:\([A-Z]+\)\s*)?(?:was|were|is|are|has been|had been)\s+(?:also\s+|clearly\s+|not\s+)?"
                         r"(?:satisfied|pleased|impressed|encouraged|concerned|disappointed|of the (?:view|opinion))\b",
                         re.IGNORECASE)
# "X, as highlighted by the latest inspection": X is the finding
_AS_BY = re.compile(r",?\s+as\s+(?:highlighted|found|noted|identified|shown|revealed|set out)\s+(?:by|in)\s+"
                    r"(?:the\s+|its\s+|a\s+|our\s+)?(?:latest\s+|recent\s+|new\s+)?"
                    r"(?:inspection|report|HMIC\w*|inspectors|inspectorate|watchdog)\b", re.IGNORECASE)
_AS_BY_G = prefilter.Guarded(_AS_BY)
# "According to the report, X": X is the finding
_ACCORDING = re.compile(r"^\W*according to (?:the |its |their |a |our )?(?:new |latest )?"
                        r"(?:report|inspection|inspectors|inspectorate|watchdog|HMIC\w*|findings)\b[^,]{0,60},\s*",
                        re.IGNORECASE)
_ACCORDING_G = prefilter.Guarded(_ACCORDING)
_CONCESSIVE = re.compile(r"(?:while|whilst|although)\s+([^,;]{12,}?),\s+(?=\w)", re.IGNORECASE)
_GRADE_WORD = re.compile(r"\b" + GRADE_WORDS + r"\b", re.IGNORECASE)


def _inspectorate_subjects(ctx, sent, here) -> list[tuple[int, int]]:
    """(start, end) in sentence offsets of "<inspectorate or inspector> said/found ..." attributions
    (``here``: the mentions of inspectorates and inspectors that start in the sentence)."""
    out = []
    for s, e in here:
        if e <= sent.end:
            m = _AFTER_BODY.match(ctx.text, e, sent.end)
            if m:
                out.append((s - sent.start, m.end() - sent.start))
    return out


def _inspectorate_states(ctx, sent, here) -> bool:
    """Is the sentence "<inspectorate or inspector> was satisfied with / were of the view that ..."?"""
    return any(e <= sent.end and _STATE_BODY.match(ctx.text, e, sent.end) for s, e in here)


def _add_piece(ctx, taken, start: int, end: int) -> bool:
    """A reported clause as one finding, or two for "while A, B" (A praised, B criticised)."""
    m = _CONCESSIVE.match(ctx.text, start, end)
    if m and len(ctx.text[m.end():end].split()) >= 5:
        first = add(ctx, taken, (m.start(1), m.end(1)))
        return add(ctx, taken, (m.end(), end)) or first
    return add(ctx, taken, (start, end))


_CAPTION = re.compile(r"(?:image|photo|picture|video)\s+(?:caption|credit)\s*[,:]?\s*$", re.IGNORECASE)


def _after_caption(ctx, sent) -> bool:
    """Is the sentence a picture's caption (the line after "Image caption,")?"""
    before = ctx.text[max(0, sent.start - 40):sent.start].rstrip()
    return bool(_CAPTION.search(before))


_FIRST_PERSON = re.compile(r"^\W*(?:I|We)\s")  # a speaker's own concerns, not the inspectorate's (its words are quoted)
_CONCEDING = re.compile(r"(?:^|\W)(?:while|whilst|although|though)\s+(?:the\s+)?$", re.IGNORECASE)
_GRADED_AS = re.compile(r"^[^,;]{0,80}?\b(?:was|were|is|are|been)\s+(?:rated\s+|graded\s+|judged\s+)?[‘'\"“]?" +
                        GRADE_WORDS + r"\b[’'\"”]?\s+(?:in|at|for|overall)\b",
                        re.IGNORECASE)


_FIGURE = re.compile(r"\d[\d,.]*")


def _only_figures(text: str) -> bool:
    """A reported clause that gives figures ("in 2023/24, 32,763 incidents were recorded") and judges
    nothing is a statistic, not a finding."""
    return len(_FIGURE.findall(text)) >= 3 and not judges(text)


def _rating_statement(text: str) -> bool:
    """A clause listing grades ("'good' in one area, 'adequate' in two") or giving one ("the force
    was 'outstanding' in community engagement") states ratings, not a finding."""
    return len(_GRADE_WORD.findall(text)) >= 2 or bool(_GRADED_AS.match(text))


_TRAIL_VERBS = ("said", "found", "warned", "concluded", "added", "reported")


def _ends_with_verb(lowered: str) -> bool:
    """What ``_TRAIL`` needs at the end: a verb, then at most "." or "!", a quote, blanks."""
    end = lowered.rstrip()
    if end[-1:] in "\"”’'" and end:
        end = end[:-1]
    if end[-1:] in ".!" and end:
        end = end[:-1]
    return end.rstrip().endswith(_TRAIL_VERBS)


def _from_news(ctx, taken) -> None:
    bodies = inspectorate_keys(ctx) | inspector_keys(ctx)
    mentions = SpansAt([span for span, key in ctx.mentions.items() if key in bodies], lambda m: m[0], lambda m: m[1])
    rated = {span for r in ctx.ratings.values() for span in r.evidence}
    for sent in ctx.sentences:
        s = sent.exact
        lowered = s.lower()
        here = mentions.starting_in(sent.start, sent.end) if mentions else ()
        matches = []
        if _HAS_VERB_G.search(s, lowered):
            matches = sorted({(m.start(), m.end()) for m in _AFTER_G.finditer(s, lowered)}
                             | set(_inspectorate_subjects(ctx, sent, here)))
        added = False
        for k, (m_start, m_end) in enumerate(matches):
            if k and m_start < matches[k - 1][1]:
                continue
            if _CIRCUMSTANCE.match(s, m_end):  # "X, HMICFRS said in a report today": X is the finding
                if m_start > 0 and not k and sent not in rated:
                    added |= add(ctx, taken, (sent.start, sent.start + m_start))
                continue
            stop = next((b for b, _ in matches[k + 1:] if b >= m_end), len(s))
            piece = s[m_end:stop]
            cut = _CUT.search(piece)
            if cut:
                stop = m_end + cut.start()
            if _CONCEDING.search(s, 0, m_start):  # "While HMICFRS found X, we ...": X ends at the comma
                comma = s.find(",", m_end, stop)
                stop = comma if comma > 0 else stop
            if _rating_statement(s[m_end:stop]) or _only_figures(s[m_end:stop]):
                continue
            added |= _add_piece(ctx, taken, sent.start + m_end, sent.start + stop)
        if added:
            continue
        if here and _inspectorate_states(ctx, sent, here):
            add(ctx, taken, (sent.start, sent.end))
            continue
        according = _ACCORDING_G.search(s, lowered)
        if according:
            add(ctx, taken, (sent.start + according.end(), sent.end))
            continue
        as_by = _AS_BY_G.search(s, lowered)
        if as_by and as_by.start() > 0:
            add(ctx, taken, (sent.start, sent.start + as_by.start()))
            continue
        trail = _TRAIL_G.search(s, lowered) if _ends_with_verb(lowered) else None
        if trail and _TRAIL_SUBJ.search(trail.group("subj").strip()):
            add(ctx, taken, (sent.start, sent.start + trail.start()))
            continue
        if (_WHOLE_G.search_in(s, lowered, ctx.text, sent.start) or _RECOMMENDED_G.search(s, lowered)
                or _THERE_CONCERNS.match(s)) \
                and not _HEADING.match(s) \
                and not _after_caption(ctx, sent) and not _FIRST_PERSON.match(s):
            turn = _CONTRAST.search(s)  # "No area was graded inadequate, however there are areas for improvement"
            if turn and len(s[:turn.start()].split()) >= 5 and len(s[turn.end():].split()) >= 5:
                add(ctx, taken, (sent.start, sent.start + turn.start()))
                add(ctx, taken, (sent.start + turn.end(), sent.end))
            else:
                add(ctx, taken, (sent.start, sent.end))
