"""Step 8: which finding or inspection each claim answers, and its stance.

- Claims of the inspectorate or an inspector: the findings inside the quoted
  words (created here from the quoted sentences when the findings step did not
  see them), else the inspection.
- Other claims (force, commissioner, charity ...): the findings of the same
  document most similar in content words (``similarity.py``, weighted by
  rarity among the findings); plus the inspection when the claim speaks of the
  report as a whole ("the report", "these findings", "the inspection") or
  nothing else fits.
- Stance from ``patterns/stance.csv`` (disputes > accepts > commits_to_action).
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from . import cues
from . import findings as findings_step
from .inspstate import get as get_state, inspection_of_sentence, sentence_index
from .similarity import bag, cosine

_GENERAL = re.compile(r"\b(?:report|reports|findings|inspection|inspectorate|HMIC\w*|inspectors?|grades?|graded|"
                      r"grading|rated|rating|ratings|results|assessment|judgement|judgment)\b", re.IGNORECASE)
THRESHOLD = 0.15
MAX_FINDINGS = 3


def run(ctx) -> None:
    if not ctx.claims:
        return
    state = get_state(ctx)
    inspectors = {a.person for a in ctx.appointments if a.role in ("hm_inspector", "hm_chief_inspector")
                  or (a.organisation or "").startswith("org/hmic")}
    taken = [(f.text.start, f.text.end) for f in ctx.findings]
    for claim in ctx.claims:
        if _is_inspectorate(claim.speaker, inspectors):
            _add_quoted_findings(ctx, claim, taken)
    bags = [bag(_context_of(ctx, f) + " " + (f.topic or "")) for f in ctx.findings]
    df: dict[str, int] = {}
    for b in bags:
        for t in b:
            df[t] = df.get(t, 0) + 1
    n = len(bags) + 1
    weights: dict[str, float] = {}

    def weight(t: str) -> float:
        w = weights.get(t)
        if w is None:
            w = weights[t] = math.log(1 + n / (1 + df.get(t, 0)))
        return w

    out = []
    for claim in ctx.claims:
        index = sentence_index(ctx, claim.text.start)
        dated = inspection_of_sentence(ctx, index) if index is not None else None
        inspection = state.main or dated
        general = bool(_GENERAL.search(claim.text.exact))
        targets: list[str] = []
        if _is_inspectorate(claim.speaker, inspectors):
            targets = [f.key for f in ctx.findings
                       if f.text.start < claim.text.end and claim.text.start < f.text.end]
            if general and inspection:
                targets.append(inspection)
        else:
            words = bag(claim.text.exact)
            scored = []
            for f, b in zip(ctx.findings, bags):
                if f.text.start < claim.text.end and claim.text.start < f.text.end:
                    continue
                score = cosine(words, b, weight)
                if score >= THRESHOLD:
                    scored.append((score, f.key))
            targets = [k for _, k in sorted(scored, reverse=True)[:MAX_FINDINGS]]
            if inspection and (general or not targets):
                targets.append(inspection)
        if dated and dated != inspection and _dated_here(ctx, claim):
            targets.append(dated)
        if not targets and inspection:
            targets = [inspection]
        out.append(replace(claim, responds_to=tuple(dict.fromkeys(targets)), stance=stance_of(claim.text.exact)))
    ctx.claims[:] = out


def _context_of(ctx, finding) -> str:
    """The finding's words and the rest of its sentence (what "this" in it is about)."""
    index = sentence_index(ctx, finding.text.start)
    if index is None:
        return finding.text.exact
    sent = ctx.sentences[index]
    return ctx.text[min(sent.start, finding.text.start):max(sent.end, finding.text.end)]


def _dated_here(ctx, claim) -> bool:
    """Does the claim itself mention the other inspection its sentence refers to?"""
    return any(ctx.sentences[i].start < claim.text.end and claim.text.start < ctx.sentences[i].end
               for i in get_state(ctx).by_sentence)


def stance_of(text: str) -> str | None:
    for stance, regex in cues.stances():
        if regex.search(text):
            return stance
    return None


def _is_inspectorate(speaker: str | None, inspectors: set[str]) -> bool:
    return bool(speaker) and (speaker.startswith("org/hmic") or speaker in inspectors)


def _add_quoted_findings(ctx, claim, taken) -> None:
    for sent in ctx.sentences:
        if sent.end <= claim.text.start or sent.start >= claim.text.end:
            continue
        start, end = max(sent.start, claim.text.start), min(sent.end, claim.text.end)
        findings_step.add(ctx, taken, start, end, None, 0.6)
