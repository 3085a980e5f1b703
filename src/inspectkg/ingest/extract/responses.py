"""Step 8: which finding or inspection each claim answers, and its stance.

- Claims of the inspectorate or an inspector: the findings inside the quoted
  words (created here from the quoted sentences that judge, when the findings
  step did not see them); a quoted sentence that restates a finding reported
  earlier in the document answers that finding instead, and a quote introduced
  by the inspector's reported finding ("She says X:") answers X; always the
  inspection the words come from (as the annotated sets mark them; the saved
  query unanswered-findings does not count these as answers).  Quotes given
  to an inspectorate whose words name it in the third person ("HMIC's
  approach") are someone else's and are treated as such.
- Other claims (force, commissioner, charity ...): the findings the claim
  quotes, then the findings of the same document most similar in content
  words and topics (``similarity.py``, ``patterns/topics.csv``; words weighted
  by rarity among the findings; the speakers' and bodies' names left out).
  Every finding within a margin of the best score is kept, at most
  ``MAX_TARGETS``.  Plus the inspection when the claim or its attribution
  speaks of the report as a whole ("the report", "these findings", "the
  inspection", "HMICFRS", "the grading").
- A claim that continues the same speaker's quote (the next quoted paragraph,
  "He added: ...") and has no target of its own answers what the quote before
  it answered.
- A claim still without a target answers the inspection when its speaker
  responds to the report somewhere in the document (speaks of it, or accepts
  or disputes); otherwise it answers nothing (a chief constable describing a
  new scheme is not answering the inspection).
- Stance from ``patterns/stance.csv`` (disputes > accepts > commits_to_action).

Finding bags are built once per document and scored through an inverted
index over the findings in the text around a claim (the whole document for
anything shorter than ~100,000 characters), so the step stays linear.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from . import areas, cues
from . import findings as findings_step
from .inspstate import get as get_state, inspection_of_sentence, sentence_index
from .prefilter import same_offsets
from .spans_at import Taken
from .similarity import Index, bag, words

# references to the report, the inspection or the inspectorate as a whole (any case: see _general)
_GENERAL_WORDS = (
    r"\b(?:report|reports|findings|inspection|inspections|inspectorate|hmic\w*|hmi|inspectors?|watchdog|"
    r"grades?|graded|grading|rated|rating|ratings|results|assessment|judgement|judgment|recommendations|"
    r"verdict|conclusions|inadequate|outstanding|requires? improvement|special measures)\b")
_GENERAL = re.compile(_GENERAL_WORDS, re.IGNORECASE)
_GENERAL_LOWERED = re.compile(_GENERAL_WORDS)  # the same words in a lowered text
_QUOTE_CHARS = "\"“”‘’'«»"
# what may stand between two parts of one quote: marks, punctuation, "he added:"
_GAP = re.compile(r"[\W_]*(?:\b(?:he|she|they|it)\s+(?:added|said|says|continued|went on)\b[\W_]*)?", re.IGNORECASE)

_ANAPHORIC = re.compile(r"(?:this|these|that|those|it|they|such)\b", re.IGNORECASE)

THRESHOLD = 0.15  # least similarity for a finding to be answered
MARGIN = 0.65  # keep findings scoring at least this share of the best one
MAX_TARGETS = 3  # findings a claim answers by similarity (those it quotes count too)
# an inspector's quoted sentence restates earlier findings when it covers RESTATE_PART of each one's
# words (by weight) and they together cover RESTATE of its own
RESTATE_PART = 0.3
RESTATE = 0.6
WINDOW = 50_000  # characters of text a claim's candidate findings are drawn from (see _Scope)
TOPIC_WEIGHT = 0.2  # weight of the topics' cosine added to the words' cosine
MAX_RESTATED = 32  # earlier findings sharing words with an inspector's quote tried as what it restates (nearest first)
MIN_FINDING_WORDS = 5  # shorter findings inside a quote ("This lets victims down") are not targets of their own


def run(ctx) -> None:
    if not ctx.claims:
        return
    state = get_state(ctx)
    others = _not_inspectorate(ctx)
    inspectors = (findings_step.inspector_keys(ctx) | findings_step.inspectorate_keys(ctx)) - others
    introduced = _add_inspectors_findings(ctx, inspectors)
    findings = ctx.findings
    drop = _name_stems(ctx)
    bags = [bag(_context_of(ctx, f) + " " + (f.topic or ""), drop) for f in findings]
    own_bags = [bag(f.text.exact, drop) for f in findings]  # the finding's own words (restatements)
    scope = _Scope(findings, bags, own_bags, len(ctx.text))
    claims = sorted(ctx.claims, key=lambda c: (c.text.start, c.text.end))
    by_start = _ByStart.of(findings)
    general = {c.key: _general(c.text.exact) or _general(_attribution(ctx, c)) for c in claims}
    stances = {c.key: stance_of(c.text.exact) for c in claims}
    responding = {c.speaker for c in claims
                  if c.speaker and (general[c.key] or stances[c.key] in ("accepts", "disputes"))}

    out = []
    previous = None  # the last quotation and its targets
    for claim in claims:
        ids, index, _ = scope.at(claim.text.start)
        index_s = sentence_index(ctx, claim.text.start)
        dated = inspection_of_sentence(ctx, index_s) if index_s is not None else None
        inspection = state.main or dated
        inside = by_start.overlapping(claim.text.start, claim.text.end)
        if _is_inspectorate(claim.speaker, inspectors):
            # the inspection the words come from, and the findings they state
            targets = [introduced[claim.key]] if claim.key in introduced else \
                _inspector_targets(ctx, claim, inside, scope)
            if inspection:
                targets.append(inspection)
        else:
            targets = [findings[i].key for i in inside]
            words_ = _without_areas(ctx, claim) if general[claim.key] else claim.text.exact
            room = max(0, MAX_TARGETS - len(inside))
            local = {ids.index(i) for i in inside if i in ids}
            targets += [findings[ids[i]].key for i in _similar(index, bag(words_, drop), local)[:room]]
            if inspection and general[claim.key]:
                targets.append(inspection)
            if not targets and previous and _continues(ctx, previous[0], claim):
                targets = list(previous[1])
            if not targets and inspection and claim.speaker in responding:
                targets = [inspection]
        if dated and dated != inspection and _dated_here(ctx, claim):
            targets.append(dated)
        targets = list(dict.fromkeys(targets))
        if claim.quotation:
            previous = (claim, targets)
        out.append(replace(claim, responds_to=tuple(targets), stance=stances[claim.key]))
    ctx.claims[:] = out


class _Scope:
    """The findings a claim may answer: those in the text around it.

    A news article or report page fits in one window, so every finding of the
    document is a candidate; a very long text is cut into blocks of ``WINDOW``
    characters and a claim is scored only against the findings from one window
    before its block to half a window after it, which keeps the step linear.
    """

    def __init__(self, findings, bags, own_bags, text_length: int):
        self.findings, self.bags, self.own_bags = findings, bags, own_bags
        self.whole = text_length <= 2 * WINDOW
        self._blocks: dict[int, tuple] = {}

    def at(self, position: int) -> tuple[list[int], Index, dict[str, list[int]]]:
        """(finding ids in scope, their similarity index, postings of their own words -> finding ids)."""
        block = 0 if self.whole else position // WINDOW
        if block not in self._blocks:
            if self.whole:
                ids = list(range(len(self.findings)))
            else:
                lo, hi = (block - 1) * WINDOW, (block + 1) * WINDOW + WINDOW // 2
                ids = [i for i, f in enumerate(self.findings) if lo <= f.text.start < hi]
            postings: dict[str, list[int]] = {}
            for i in ids:
                for t in self.own_bags[i]:
                    postings.setdefault(t, []).append(i)
            self._blocks[block] = (ids, Index([self.bags[i] for i in ids], TOPIC_WEIGHT), postings)
        return self._blocks[block]


@dataclass(frozen=True)
class _ByStart:
    """The findings in the order of their starts, for binary search."""

    findings: list
    order: list[int]  # finding indexes by start
    starts: list[int]  # their starts
    longest: int  # the longest finding's length

    @classmethod
    def of(cls, findings) -> "_ByStart":
        order = sorted(range(len(findings)), key=lambda i: findings[i].text.start)
        return cls(findings, order, [findings[i].text.start for i in order],
                   max((f.text.end - f.text.start for f in findings), default=0))

    def overlapping(self, start: int, end: int) -> list[int]:
        """Indexes of the findings overlapping text[start:end]."""
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return sorted(self.order[k] for k in range(lo, hi) if self.findings[self.order[k]].text.end > start)


def _similar(index: Index, claim_bag: set[str], exclude: set[int]) -> list[int]:
    """The findings a claim's bag is most similar to: all within MARGIN of the best, at most MAX_TARGETS."""
    scored = sorted(((s, i) for i, s in index.scores(claim_bag).items() if i not in exclude and s >= THRESHOLD),
                    key=lambda p: (-p[0], p[1]))
    if not scored:
        return []
    best = scored[0][0]
    return [i for s, i in scored[:MAX_TARGETS] if s >= MARGIN * best]


def _inspector_targets(ctx, claim, inside: list[int], scope: "_Scope") -> list[str]:
    """The findings an inspector's quote states: its own, or the earlier ones it restates."""
    findings = ctx.findings
    _, index, own_postings = scope.at(claim.text.start)
    own_bags = scope.own_bags
    own = [i for i in inside if len(findings[i].text.exact.split()) >= MIN_FINDING_WORDS] or inside
    inside_set = set(inside)
    out: list[str] = []
    for i in own:
        sharing = {j for t in own_bags[i] if not t.startswith("#") for j in own_postings.get(t, ())}
        earlier = [j for j in sharing if j not in inside_set and findings[j].text.start < claim.text.start]
        if len(earlier) > MAX_RESTATED:  # the nearest ones: a text dense with findings stays linear
            earlier = sorted(earlier, key=lambda j: findings[j].text.start)[-MAX_RESTATED:]
        earlier.sort()
        restated = [j for j in earlier if _covers(own_bags[i], own_bags[j], index, RESTATE_PART)]
        union = set().union(*(own_bags[j] for j in restated))
        if restated and len({t for t in union & own_bags[i] if not t.startswith("#")}) >= 3 \
                and _covers(union, own_bags[i], index, RESTATE):
            out.extend(findings[j].key for j in restated)
        else:
            out.append(findings[i].key)
    return out


def _covers(words_: set[str], finding: set[str], index: Index, share: float) -> bool:
    """Do the words cover the finding: two of its content words or more, and ``share`` of its weight?"""
    shared = words_ & finding
    if sum(1 for t in shared if not t.startswith("#")) < 2:
        return False
    total = sum(index.weight(t) ** 2 for t in finding)
    return bool(total) and sum(index.weight(t) ** 2 for t in shared) / total >= share


def _continues(ctx, before, claim) -> bool:
    """Is the claim the next part of the same speaker's quote (next paragraph, "He added: ...")?"""
    if not claim.quotation or before.speaker != claim.speaker or before.text.end > claim.text.start:
        return False
    gap = ctx.text[before.text.end:claim.text.start]
    return _GAP.fullmatch(gap) is not None


def _without_areas(ctx, claim) -> str:
    """The claim's words without the names of assessment areas: in a claim about the report or its
    grades ("judged to be good at keeping people safe") they name a graded area, not a finding."""
    out, at = [], claim.text.start
    for hit in areas.find(ctx.text, claim.text.start, claim.text.end, None):
        out.append(ctx.text[at:hit.start])
        at = hit.end
    out.append(ctx.text[at:claim.text.end])
    return " , ".join(out)


def _general(text: str) -> bool:
    """Does the text speak of the report, the inspection or the inspectorate as a whole?  Read
    in its lowered form, case-sensitively: four times faster than the case-free _GENERAL, and
    alike wherever lowering keeps every character's offset and no "ı"/"ſ" stands for "i"/"s"."""
    lowered = text.lower()
    if same_offsets(text, lowered):
        return _GENERAL_LOWERED.search(lowered) is not None
    return _GENERAL.search(text) is not None


def _attribution(ctx, claim) -> str:
    """The words around a claim in its sentences and its attribution (where "the report" may be named)."""
    parts = [e.exact for e in claim.evidence if not (e.start >= claim.text.start and e.end <= claim.text.end)]
    first = sentence_index(ctx, claim.text.start)
    last = sentence_index(ctx, max(claim.text.start, claim.text.end - 1))
    if first is not None:
        parts.append(ctx.text[ctx.sentences[first].start:claim.text.start])
    if last is not None:
        parts.append(ctx.text[claim.text.end:ctx.sentences[last].end])
    return " ".join(parts)


def _name_stems(ctx) -> frozenset[str]:
    """Stems of the names of the document's bodies and people: shared names are no evidence."""
    out: set[str] = set()
    for entity in (*ctx.organisations.values(), *ctx.people.values()):
        out.update(words(entity.name))
        for m in entity.mentions:
            if m.exact[:1].isupper():
                out.update(words(m.exact))
    return frozenset(out)


def _context_of(ctx, finding) -> str:
    """The finding's words and the rest of its sentence; for a short or anaphoric finding
    ("This needs to improve") the sentence before too (what "this" is about)."""
    index = sentence_index(ctx, finding.text.start)
    if index is None:
        return finding.text.exact
    sent = ctx.sentences[index]
    start = min(sent.start, finding.text.start)
    if index > 0 and (_ANAPHORIC.match(finding.text.exact) or len(finding.text.exact.split()) < MIN_FINDING_WORDS):
        start = min(start, ctx.sentences[index - 1].start)
    return ctx.text[start:max(sent.end, finding.text.end)]


def _dated_here(ctx, claim) -> bool:
    """Does the claim itself mention the other inspection its sentence refers to?"""
    return any(ctx.sentences[i].start < claim.text.end and claim.text.start < ctx.sentences[i].end
               for i in get_state(ctx).by_sentence)


_THIRD_PERSON = re.compile(r"\b(?:HMIC\w*|HMI|HMICS|CJI(?:NI)?|the inspectorate|inspectorate['’]s)\b")


_INTRODUCES = re.compile(r"[^\S\n]*:\s*[\"“‘'«]?\s*")


def _introduced(ctx, inspectors: set[str]) -> dict[str, str]:
    """Inspectors' quotes introduced by a reported finding ending in a colon ("She says there needs to
    be more training:" then the quote): claim key -> that finding's key; the quote elaborates it."""
    ends = {f.text.end: f for f in ctx.findings}
    rank = {end: i for i, end in enumerate(ends)}  # the order a scan of ``ends`` meets them in
    out: dict[str, str] = {}
    text = ctx.text
    for claim in ctx.claims:
        if not claim.quotation or not _is_inspectorate(claim.speaker, inspectors):
            continue
        near = sorted((e for e in range(claim.text.start - 12, claim.text.start) if e in ends), key=rank.get)
        for end in near:
            finding = ends[end]
            if end < claim.text.start <= end + 12 and _INTRODUCES.fullmatch(text, end, claim.text.start):
                out[claim.key] = finding.key
                break
    return out


def _not_inspectorate(ctx) -> set[str]:
    """Speakers the text gives an inspectorate's or inspector's quotes whose words speak of the
    inspectorate in the third person ("HMIC's approach", "the recommendations from the HMICFRS"):
    the words are someone else's (a commissioner's statement), not the inspectorate's findings."""
    out: set[str] = set()
    for claim in ctx.claims:
        if claim.quotation and claim.speaker and claim.speaker not in out \
                and _THIRD_PERSON.search(claim.text.exact):
            out.add(claim.speaker)
    return out


def stance_of(text: str) -> str | None:
    lowered = text.lower()
    for stance, regex in cues.guarded_stances():
        if regex.search(text, lowered):
            return stance
    return None


def _add_inspectors_findings(ctx, inspectors: set[str]) -> dict[str, str]:
    """Findings from the inspectorate's own words: its reported speech first (it may introduce a
    quote: "She says X:"), then its quotations that no reported finding introduces.  Returns the
    claims so introduced -> the finding introducing them (``_introduced``)."""
    taken = Taken((f.text.start, f.text.end) for f in ctx.findings)
    for claim in ctx.claims:
        if not claim.quotation and _is_inspectorate(claim.speaker, inspectors):
            _add_quoted_findings(ctx, claim, taken)
    introduced = _introduced(ctx, inspectors)
    for claim in ctx.claims:
        if claim.quotation and _is_inspectorate(claim.speaker, inspectors) and claim.key not in introduced:
            _add_quoted_findings(ctx, claim, taken)
    return introduced


def _is_inspectorate(speaker: str | None, inspectors: set[str]) -> bool:
    return bool(speaker) and speaker in inspectors


def _add_quoted_findings(ctx, claim, taken) -> None:
    first = sentence_index(ctx, claim.text.start)
    for sent in ctx.sentences[first or 0:]:
        if sent.start >= claim.text.end:
            break
        if sent.end <= claim.text.start:
            continue
        start, end = max(sent.start, claim.text.start), min(sent.end, claim.text.end)
        if findings_step.judges(sent.exact):  # the whole sentence: the quote may be a fragment of it
            findings_step.add(ctx, taken, (start, end), None, 0.6)
