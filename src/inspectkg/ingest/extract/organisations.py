"""Step 1: forces, inspectorates and other bodies; the document's main force.

Forces and bodies come from the gazetteers (``gazetteer.py``); other bodies
also from a generic pattern (capitalised words ending in Trust, Council,
Panel …, see ``orgnames.py``).  A bare force area ("Kent") counts as the force
when possessive or before a title ("Kent's deputy chief constable"), or when
the force is named elsewhere.  "HMIC" and the other shared names of HMIC and
HMICFRS are resolved by the document's date (``era.py``); "the watchdog" and
"the inspectorate" mean the inspectorate when the text is about an inspection.
"the force" / "the constabulary" mean the main force: the force mentioned
most, its mentions in the title and first paragraph weighted up.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ... import iris
from ...model import Organisation, Span
from . import era, gazetteer, orgnames, prefilter
from .lexicon import load as load_lexicon
from .spans_at import SpansAt
from .state import get as get_state

_THE_FORCE = re.compile(r"\b[Tt]he (?:county['’]s |[Cc]ounty (?:police )?)?(?:[Ff]orce|[Cc]onstabulary)\b(?!-)")
# (a police rank, "Detective Chief Inspector", says nothing of an inspection)
_ABOUT_INSPECTION = re.compile(
    r"\b(?:inspect(?!or)\w*|(?-i:inspectors?)|PEEL|report|rated|graded|HMIC\w*|judg(?:e)?ment)\b", re.IGNORECASE)
_ARTICLE_BEFORE = re.compile(r"(?:\b[Aa]n?|\b[Tt]he)\s+$")
_PANEL = re.compile(r"\b(?:police|Police) and (?:crime|Crime) (?:panel|Panel)\b")
_SCOTTISH = {"police-scotland"}
_THE_FORCE_SCAN = prefilter.Scan(_THE_FORCE)
_PANEL_SCAN = prefilter.Scan(_PANEL)
_PLAIN_INSPECTORATES = ("hmicfrs", "hmic")


class _Found:
    """The organisations found so far: each key's name and kind, and its mentions with their weights.
    A mention inside a longer generic organisation name ("Kent Police Federation") is left out."""

    def __init__(self, ctx, generic_at: SpansAt):
        self.ctx = ctx
        self.generic_at = generic_at
        self.mentions: dict[str, list[tuple[Span, float]]] = {}  # key -> (span, weight)
        self.kinds: dict[str, tuple[str, str]] = {}  # key -> (name, kind)

    def add(self, key: str, name_kind: tuple[str, str], start: int, end: int, weight: float) -> None:
        if any(end <= g.end and (g.start, g.end) != (start, end) for g in self.generic_at.covering(start)):
            return  # inside a longer organisation name ("Kent Police Federation")
        self.kinds.setdefault(key, name_kind)
        self.mentions.setdefault(key, []).append((self.ctx.span(start, end), weight))


@dataclass
class _Hits:
    """The gazetteer hits the first pass leaves for later: bare areas that may yet be the main
    force, vague names, names HMIC and HMICFRS share, and how often each body is named outright."""

    weak_places: list = field(default_factory=list)
    vague: list = field(default_factory=list)
    shared: list = field(default_factory=list)
    explicit_bodies: dict[str, int] = field(default_factory=dict)


def run(ctx) -> None:
    state = get_state(ctx)
    text = ctx.text
    hits = gazetteer.find(ctx)
    state.hits = hits
    title = ctx.paragraphs[0] if ctx.paragraphs else None
    state.about_inspection = bool(_ABOUT_INSPECTION.search(text))
    old = era.before_rename(ctx.published, text, title.exact if title else None)

    chosen = gazetteer.longest(hits, {"force", "place", "body", "org", "vague", "role"})
    generic = orgnames.find(text, hits)
    found = _Found(ctx, SpansAt(generic))
    left = _named(ctx, found, chosen, SpansAt([h for h in hits if h.label == "role"]))
    for org in generic:
        found.add(iris.org(org.name), (org.name, org.kind), org.start, org.end, 1.0)
    _shared_names(ctx.reference, found, left, old)
    _main_and_panel(ctx, found, left.weak_places)

    # the inspectorate the document is about
    inspectorate = _inspectorate(ctx.reference, left.explicit_bodies, ctx.main_force, old)
    state.inspectorate = iris.org(inspectorate) if inspectorate else None
    _vague_names(ctx, found, left, inspectorate)
    if state.inspectorate and state.inspectorate not in found.kinds and state.about_inspection:
        body = ctx.reference.body(inspectorate)
        found.kinds[state.inspectorate] = (_short_name(body), body.kind)
        found.mentions[state.inspectorate] = []

    for key, (name, kind) in found.kinds.items():
        spans = tuple(sorted({span for span, _ in found.mentions.get(key, ())}))
        ctx.organisations[key] = Organisation(key, name, kind, spans, 0.9 if spans else 0.6)
        for span in spans:
            ctx.mentions[(span.start, span.end)] = key


def _named(ctx, found: _Found, chosen, roles_at: SpansAt) -> _Hits:
    """Forces, places that are forces, bodies and other organisations the gazetteers name; what they
    leave for later."""
    text, ref = ctx.text, ctx.reference
    left = _Hits()
    listed = _listed_places(text, chosen)
    for hit in chosen:
        if hit.label == "force" and len(hit.ids) == 1:
            force = ref.force(hit.ids[0])
            found.add(iris.force(force.id), (force.name, "police_force"), hit.start, hit.end, 1.0)
        elif hit.label == "place" and len(hit.ids) == 1:
            if _strong_place(text, hit, roles_at) or hit in listed:
                force = ref.force(hit.ids[0])
                found.add(iris.force(force.id), (force.name, "police_force"), hit.start, hit.end, 0.7)
            elif not _followed_by_name(text, hit.end):
                left.weak_places.append(hit)
        elif hit.label == "body":
            if len(hit.ids) == 1:
                left.explicit_bodies[hit.ids[0]] = left.explicit_bodies.get(hit.ids[0], 0) + 1
                body = ref.body(hit.ids[0])
                found.add(iris.org(body.id), (_short_name(body), body.kind), hit.start, hit.end, 1.0)
            else:
                left.shared.append(hit)
        elif hit.label == "org":
            other = next(b for b in load_lexicon().bodies if b.id == hit.ids[0])
            found.add(iris.org(other.id), (other.name, other.kind), hit.start, hit.end, 1.0)
        elif hit.label == "vague":
            left.vague.append(hit)
    return left


def _shared_names(ref, found: _Found, left: _Hits, old: bool | None) -> None:
    """Names HMIC and HMICFRS share ("HMIC", "Her Majesty's Inspectorate of Constabulary"): the one
    named outright, else the one of the document's date."""
    explicit_bodies = left.explicit_bodies
    for hit in left.shared:
        ids = set(hit.ids)
        if ids <= {"hmic", "hmicfrs"} or ids >= {"hmic", "hmicfrs"}:
            if hit.text.lower().startswith("his ") or "hmicfrs" in explicit_bodies:
                pick = "hmicfrs"
            elif "hmic" in explicit_bodies:
                pick = "hmic"
            else:
                pick = "hmic" if old else "hmicfrs"
        else:
            pick = sorted(ids)[0]
        explicit_bodies[pick] = explicit_bodies.get(pick, 0) + 1
        body = ref.body(pick)
        found.add(iris.org(body.id), (_short_name(body), body.kind), hit.start, hit.end, 1.0)


def _main_and_panel(ctx, found: _Found, weak_places: list) -> None:
    """The main force (``ctx.main_force``), "the force" as its mentions, and "the police and crime
    panel" of its area."""
    text = ctx.text
    forces = {k: v for k, v in found.mentions.items() if k.startswith("force/")}
    for hit in weak_places:
        key = iris.force(hit.ids[0])
        if key in forces:
            forces[key].append((ctx.span(hit.start, hit.end), 0.3))
    main = _main_force(ctx, forces)
    ctx.main_force = main
    if not main:
        return
    for m in _THE_FORCE_SCAN.finditer(text):
        forces[main].append((ctx.span(m.start(), m.end()), 0.0))
    force = ctx.reference.force(main.removeprefix("force/"))
    for m in _PANEL_SCAN.finditer(text):
        if not found.generic_at.covering(m.start()):
            name = f"{gazetteer.area_name(force.name)} Police and Crime Panel"
            found.add(iris.org(name), (name, "other"), m.start(), m.end(), 1.0)


def _vague_names(ctx, found: _Found, left: _Hits, inspectorate: str | None) -> None:
    """"the watchdog", "the inspectorate": the inspectorate the text is about, or the one body so named."""
    state, text = get_state(ctx), ctx.text
    for hit in left.vague:
        pick = None
        explicit = [i for i in hit.ids if i in left.explicit_bodies]
        if inspectorate in hit.ids and (state.about_inspection or inspectorate in explicit):
            pick = inspectorate
        elif len(explicit) == 1:
            pick = explicit[0]
        if pick is None or hit.text.lower() == "inspectors":
            continue
        start = hit.start
        before = _ARTICLE_BEFORE.search(text, max(0, start - 5), start)
        if before:
            start = before.start()
        body = ctx.reference.body(pick)
        found.add(iris.org(body.id), (_short_name(body), body.kind), start, hit.end, 0.5)


def _short_name(body) -> str:
    """The body's usual short name (HMICFRS), else its full name."""
    for alias in body.aliases:
        if alias.isupper() and alias.lower().replace("&", "") == body.id.replace("_", ""):
            return alias
    return body.name


def _strong_place(text: str, hit, roles_at) -> bool:
    after = text[hit.end : hit.end + 3]
    if after.startswith(("'s", "’s")):
        return True
    return bool(roles_at.starting(hit.end + 1)) and text[hit.end : hit.end + 1] == " "


_LIST_GAP = re.compile(r"(?:[ \u00a0]*,[ \u00a0]*(?:and[ \u00a0]+)?|[ \u00a0]+(?:and|&)[ \u00a0]+|[ \u00a0]*&[ \u00a0]*)")
_LINE_REST = re.compile(r"[ \u00a0\t.:;,*•·–—-]*")
_NEWLINE = re.compile("\n")
_FORCES_WORD = re.compile(r"\b(?:forces|police|constabular(?:y|ies))\b", re.IGNORECASE)


def _listed_places(text: str, chosen) -> set:
    """Bare force areas that are forces because they stand in a list of forces.

    A run of force areas and force names joined by commas and "and" ("Dorset,
    Gwent, Kent and Surrey") counts when it holds three or more, or when it is a
    line on its own (a table cell or a list under a grade heading) in a text
    that speaks of police forces.
    """
    out: set = set()
    if not _FORCES_WORD.search(text):
        return out
    run: list = []
    newlines: list[int] = []  # where the lines break (found once: a search per run is quadratic on one long line)

    def close() -> None:
        if not any(h.label == "place" for h in run):
            return
        if not newlines:
            newlines.extend(m.start() for m in _NEWLINE.finditer(text))
            newlines.append(len(text))
        i = bisect.bisect_left(newlines, run[0].start)
        line_start = newlines[i - 1] + 1 if i > 0 else 0
        line_end = newlines[bisect.bisect_left(newlines, run[-1].end)]
        whole_line = (_LINE_REST.fullmatch(text, line_start, run[0].start) is not None
                      and _LINE_REST.fullmatch(text, run[-1].end, line_end) is not None)
        if len(run) >= 3 or whole_line:
            out.update(h for h in run if h.label == "place")

    for hit in chosen:
        if hit.label not in ("place", "force"):
            continue
        if run and _LIST_GAP.fullmatch(text, run[-1].end, hit.start):
            run.append(hit)
            continue
        close()
        run = [hit]
    if run:
        close()
    return out


def _followed_by_name(text: str, end: int) -> bool:
    """"Kent County Council", "Kent Fire": the area names something else."""
    m = re.match(r" ([A-Z][a-z]+)", text[end : end + 30])
    return bool(m) and m.group(1) not in ("Police", "Constabulary")


def _main_force(ctx, forces: dict[str, list[tuple[Span, float]]]) -> str | None:
    if not forces:
        return None
    paragraphs = ctx.paragraphs
    title_end = paragraphs[0].end if paragraphs else 0
    lead_end = paragraphs[min(2, len(paragraphs) - 1)].end if paragraphs else 0
    scores = {}
    for key, spans in forces.items():
        score = 0.0
        for span, weight in spans:
            factor = 3.0 if span.start < title_end else 2.0 if span.start < lead_end else 1.0
            score += weight * factor
        first = min(span.start for span, _ in spans)
        scores[key] = (score, -first)
    return max(scores, key=scores.get)


def _inspectorate(ref, explicit: dict[str, int], main: str | None, old: bool | None) -> str | None:
    inspectorates = {b.id for b in ref.bodies if b.kind == "inspectorate"}
    named = {k: v for k, v in explicit.items() if k in inspectorates}
    police = [k for k in named if k in _PLAIN_INSPECTORATES or k in ("hmics", "cjini")]
    if police:
        return max(police, key=lambda k: (named[k], k == "hmicfrs"))
    if main and main.removeprefix("force/") in _SCOTTISH:
        return "hmics"
    return "hmic" if old else "hmicfrs"
