"""Step 2: named people, their roles and organisations, and their mentions.

A capitalised name piece (``names.py``) is a person when something says so:
a title before it ("Deputy Chief Constable Tim Smith", "Kent's PCC, Matthew
Scott,"), an honorific ("Sir Tom Winsor"), an appositive title after it
("Matthew Scott, Kent's Police and Crime Commissioner"), or a speech verb
("Roy Wilsher of the HMICFRS said", "said Jane Doe").  The title's role comes
from ``roles.csv``; its organisation is the force named with the title, else
the main force (police and PCC roles), the inspectorate (inspector roles) or
the Home Office (ministers).  "Mr Scott", a bare surname, or a title that only
one person holds ("Kent's deputy chief constable") become mentions of that
person; pronouns are resolved later, by ``coref``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from ... import iris
from ...model import Appointment, Organisation, Person
from . import names
from .people_settle import _OF_GAP, _POSSESSIVE_GAP, inspectors_not_officers, merge_appointments, merge_nicknames, nicknames
from .lexicon import load as load_lexicon
from .spans_at import SpansAt
from .state import get as get_state

_GAP_TITLE_NAME = re.compile(r"^(?:[ \u00a0]*\([A-Z&]{2,8}\))?[ \u00a0]+$")  # "Commissioner (PCC) Jo Bloggs"
# "Police and Crime Commissioner for Wiltshire and Swindon Jo Bloggs": the title's area, then the name
_TAIL_GAP = re.compile(r"^[ \u00a0]+(?:for|of)[ \u00a0]+(?:the[ \u00a0]+)?[A-Z][\w’'-]*"
                       r"(?:(?:,[ \u00a0]*|[ \u00a0]+(?:and|&)[ \u00a0]+|[ \u00a0]+)[A-Z][\w’'-]*)*"
                       r"(?:[ \u00a0]*\([A-Z&]{2,8}\))?[ \u00a0]+$")
# a three-word piece after "<title> for <Area> and ": its first word ends the area ("... and Swindon Jo Bloggs")
_AREA_AND_BEFORE = re.compile(r"\b(?:for|of)[ \u00a0]+(?:the[ \u00a0]+)?[A-Z][^.\n,;:]{0,40}[ \u00a0](?:and|&)[ \u00a0]+$")
_AGE_BEFORE = re.compile(r"\b\d{1,3}-year-old[ \u00a0]+$")  # "the 22-year-old Jo Bloggs"
# between a title and the name after it: "Kent's PCC, Jo Bloggs", "Deputy Mayor for Policing, Crime and Fire, Jo Bloggs"
_APPOS_BEFORE = re.compile(r"^(?:[ \u00a0]*\([^()\n]{1,12}\))?(?:[ \u00a0]+(?:of|for|at)[ \u00a0][^,\n]{1,40})?"
                           r"(?:,[ \u00a0]*(?:and[ \u00a0]+)?[A-Z][^,\n]{0,40}){0,3},[ \u00a0]*$")
_ARTICLE = re.compile(r"(?:the|a|an|its|their|our|his|her)[ \u00a0]+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?[ \u00a0]+")
_FORCE_OWNER = re.compile(r"(?:force|constabulary|county|service|area)['’]s[ \u00a0]+", re.IGNORECASE)
_SPACE = re.compile(r"[ \u00a0]+")
_OF_ORG = re.compile(r"^[ \u00a0]+(of|from|at|for)[ \u00a0]+(?:the[ \u00a0]+)?")
# "X from <body> said": tied to the body, role not stated (vs "X of the inspectorate": an inspector)
_ROLE_UNSTATED_PREPOSITIONS = frozenset({"from"})
_TITLE_TAIL = re.compile(r"^[ \u00a0]+(?:for|of)[ \u00a0]+(?:the[ \u00a0]+)?[A-Z][\w’'&-]*(?:[ \u00a0]+(?:and[ \u00a0]+)?[A-Z][\w’'&-]*)*(?=,)")
_WHO_CLAUSE = re.compile(r"^,[ \u00a0]+who[ \u00a0][^,.\n]{0,80}?\b(?:for|at|of)[ \u00a0]+(?:the[ \u00a0]+)?$")
_QUALIFIERS = (("temporary", "temporary"), ("t/", "temporary"), ("acting", "acting"), ("a/", "acting"),
               ("interim", "acting"))
_FORCE_KINDS = {"police_officer", "police_staff", "elected_official", "appointed_official"}


@dataclass(frozen=True)
class _Look:
    """What the people step looks things up in, built once per document."""

    ctx: object
    state: object
    text: str
    roles: dict  # role id -> Role
    role_hits: list  # titles, longest where they overlap
    role_by_end: dict
    role_by_start: dict
    role_ends: list  # sorted ends of the titles
    entities_at: SpansAt  # forces, places, bodies, organisations, vague names
    places_at: SpansAt  # forces and places
    mentions_at: SpansAt  # (start, end, key) of the mentions found before this step
    honorifics: frozenset
    verbs: frozenset  # speech verbs
    appointment_verbs: frozenset


def run(ctx) -> None:
    state = get_state(ctx)
    look = _look(ctx, state)
    hits = state.hits
    blocked = sorted({(h.start, h.end) for h in hits if h.label != "vague" or h.text[:1].isupper()}
                     | {(s, e) for (s, e) in ctx.mentions})
    found = [_trim_area(look.text, piece, look.role_ends) for piece in names.pieces(look.text, _merge(blocked))]
    people: dict[str, dict] = {}  # key -> {"name", "mentions": set}
    for piece in found:
        _cued_person(look, people, piece)
    _seen_again(look, people, found)
    _titles_one_person_holds(look, people)
    merge_nicknames(ctx, state, people)
    inspectors_not_officers(ctx, state, people)
    merge_appointments(ctx)
    _record(ctx, state, people)


def _look(ctx, state) -> _Look:
    lex = load_lexicon()
    hits = state.hits
    role_hits = _title_hits(hits)
    role_by_end = {h.end: h for h in role_hits}
    return _Look(
        ctx=ctx, state=state, text=ctx.text,
        roles={r.id: r for r in ctx.reference.roles},
        role_hits=role_hits, role_by_end=role_by_end, role_by_start={h.start: h for h in role_hits},
        role_ends=sorted(role_by_end),
        entities_at=SpansAt([h for h in hits if h.label in ("force", "place", "body", "org", "vague")]),
        places_at=SpansAt([h for h in hits if h.label in ("force", "place")]),
        mentions_at=SpansAt([(s, e, key) for (s, e), key in ctx.mentions.items()], lambda m: m[0], lambda m: m[1]),
        honorifics=lex.of("honorific"), verbs=lex.of("speech_verb"), appointment_verbs=lex.of("appointment_verb"),
    )


def _person(people: dict[str, dict], piece: names.Piece) -> str:
    key = iris.person(piece.text)
    entry = people.setdefault(key, {"name": piece.text, "mentions": set()})
    entry["mentions"].add((piece.start, piece.end))
    return key


def _appoint(look: _Look, key: str, title, piece: names.Piece, tail_end: int | None = None) -> None:
    """The appointment a title next to a name states (its organisation from ``_organisation``)."""
    ctx, state, text = look.ctx, look.state, look.text
    role_id = title.ids[0]
    title_end = tail_end or title.end
    title_text = text[title.start : title_end]
    role = look.roles[role_id]
    org = _organisation(look, role, title, piece)
    if role_id == "commissioner" and title.text.lower() == "commissioner" and org not in (
            "force/metropolitan", "force/city-of-london"):
        role_id = "police_and_crime_commissioner"
    qualifier = _qualifier(text, title)
    start, end = min(title.start, piece.start), max(title_end, piece.end)
    ctx.appointments.append(Appointment(
        key, role_id, org, title_text, qualifier, (ctx.span(start, end),), 0.9))
    state.role_holders.setdefault(role_id, [])
    if key not in state.role_holders[role_id]:
        state.role_holders[role_id].append(key)


def _cued_person(look: _Look, people: dict[str, dict], piece: names.Piece) -> None:
    """A name of two words or more is a person when a title, an honorific, an appositive, an
    appointment verb, an age or a speech verb says so; with the appointments those state."""
    ctx, state, text = look.ctx, look.state, look.text
    if len(piece.tokens) < 2:
        return
    before = text[max(0, piece.start - 120) : piece.start]
    honorific = _honorific_before(before, look.honorifics)
    title = _title_before(text, piece.start, look.role_by_end, look.role_ends, honorific)
    appositive = None if title else _appositive(text, piece.end, look.role_by_start, look.entities_at)
    becomes = _becomes(text, piece.end, look.role_by_start, look.appointment_verbs)
    is_person = bool(title or appositive or honorific or becomes or _AGE_BEFORE.search(before))
    inspector_org = unstated_org = None
    if not (title or appositive):
        is_person, inspector_org, unstated_org = _body_cues(look, piece, before, is_person)
    if not is_person:
        return
    key = _person(people, piece)
    if becomes is not None:  # "X took over as temporary chief constable": a role of its own
        _appoint(look, key, becomes, piece)
    if title:
        _appoint(look, key, title, piece)
    elif appositive:
        tail = _TITLE_TAIL.match(text[appositive.end : appositive.end + 80])
        _appoint(look, key, appositive, piece, appositive.end + tail.end() if tail else None)
    elif inspector_org:
        org_hit, _ = inspector_org
        ctx.appointments.append(Appointment(
            key, "hm_inspector_of_constabulary", state.inspectorate, None, None,
            (ctx.span(piece.start, org_hit.end),), 0.6))
        state.role_holders.setdefault("hm_inspector_of_constabulary", []).append(key)
    elif unstated_org is not None:
        body, body_end = unstated_org
        ctx.appointments.append(Appointment(
            key, "representative", body, text[piece.end : body_end].strip(), None,
            (ctx.span(piece.start, body_end),), 0.6))


def _body_cues(look: _Look, piece: names.Piece, before: str, is_person: bool):
    """For a name with no title: (is it a person, (inspectorate hit, end) when "X of the HMICFRS said",
    (body key, end of its name) when "X from <body> said")."""
    ctx, state, verbs = look.ctx, look.state, look.verbs
    after = look.text[piece.end : piece.end + 160]
    inspector_org = unstated_org = None
    # "X of the HMICFRS said", "X, who leads ... for HMICFRS": an inspector
    org_after = _org_after(after, piece.end, look.entities_at)
    who = None if org_after else _who_for_org(after, piece.end, look.entities_at)
    if org_after is not None:
        org_hit, rest, preposition = org_after
        if _starts_with_verb(rest, verbs):
            is_person = True
            body = ctx.mentions.get((org_hit.start, org_hit.end))
            if preposition in _ROLE_UNSTATED_PREPOSITIONS and body:
                unstated_org = (body, org_hit.end)
        else:
            org_hit = None
    else:
        org_hit = who
        is_person = is_person or who is not None
    if (org_hit is not None and unstated_org is None and state.inspectorate and state.about_inspection
            and ctx.mentions.get((org_hit.start, org_hit.end)) == state.inspectorate):
        inspector_org = (org_hit, piece.end)
    if not is_person and (_starts_with_verb(after, verbs) or _verb_before(before, verbs)):
        is_person = True
    return is_person, inspector_org, unstated_org


def _seen_again(look: _Look, people: dict[str, dict], found: list[names.Piece]) -> None:
    """Full names seen again without a cue, "Mr Scott", bare surnames, a first name beside a speech verb."""
    text, verbs = look.text, look.verbs
    by_surname: dict[str, set[str]] = {}
    by_name = {entry["name"]: key for key, entry in people.items()}
    by_first: dict[str, set[str]] = {}
    for key, entry in people.items():
        by_surname.setdefault(entry["name"].split()[-1], set()).add(key)
        by_first.setdefault(entry["name"].split()[0], set()).add(key)
    full_of = nicknames()
    for piece in found:
        key = by_name.get(piece.text)
        if key:
            people[key]["mentions"].add((piece.start, piece.end))
            continue
        if len(piece.tokens) >= 2 and piece.tokens[0] not in by_first:
            # "David Stevens" after "Dave Stevens" (or the other way): one person, merged below
            first = piece.tokens[0]
            same = [k for k in by_surname.get(piece.tokens[-1], ())
                    if people[k]["name"].split()[1:] == list(piece.tokens[1:]) and (
                        first in full_of.get(people[k]["name"].split()[0], ())
                        or people[k]["name"].split()[0] in full_of.get(first, ()))]
            if len(same) == 1:
                _person(people, piece)
                continue
        if len(piece.tokens) == 1 and len(by_surname.get(piece.text, ())) == 1:
            key = next(iter(by_surname[piece.text]))
            start = piece.start
            m = re.search(r"\b(\w+)\.?[ \u00a0]+$", text[max(0, start - 12) : start])
            if m and m.group(1) in look.honorifics:
                start = start - len(m.group(0))
            people[key]["mentions"].add((start, piece.end))
        elif (len(piece.tokens) == 1 and len(by_first.get(piece.text, ())) == 1 and piece.text not in by_surname
              and (_starts_with_verb(text[piece.end : piece.end + 40], verbs)
                   or _verb_before(text[max(0, piece.start - 40) : piece.start], verbs))):
            # a first name alone beside a speech verb ("..., says Helen."): the one person so named
            people[next(iter(by_first[piece.text]))]["mentions"].add((piece.start, piece.end))


def _titles_one_person_holds(look: _Look, people: dict[str, dict]) -> None:
    """A title only one person holds is a mention of them: "Kent's deputy chief constable", "the chief constable"."""
    ctx, state, text = look.ctx, look.state, look.text
    named = _covered(len(text), (m for entry in people.values() for m in entry["mentions"]))
    appointed = _covered(len(text), ((a.evidence[0].start, a.evidence[0].end) for a in ctx.appointments if a.evidence))
    for hit in look.role_hits:
        holders = state.role_holders.get(hit.ids[0], [])
        if len(holders) != 1 or named[hit.start] or appointed[hit.start]:
            continue
        lead = _role_noun_start(text, hit, look.entities_at)
        if lead is None:
            continue
        ctx.mentions[(lead, hit.end)] = holders[0]
        if lead < hit.start and text[lead:hit.start].strip().lower() not in ("the", "a"):
            people[holders[0]]["mentions"].add((lead, hit.end))
            named[lead:hit.end] = b"\x01" * (hit.end - lead)


def _record(ctx, state, people: dict[str, dict]) -> None:
    """The people into the context, their mentions into ``ctx.mentions`` and ``state.person_mentions``."""
    mentions = []
    for key, entry in people.items():
        spans = tuple(sorted(ctx.span(s, e) for s, e in entry["mentions"]))
        ctx.people[key] = Person(key, entry["name"], spans, 0.9)
        for span in spans:
            ctx.mentions[(span.start, span.end)] = key
            mentions.append((span.start, span.end, key))
    for (s, e), key in ctx.mentions.items():
        if key.startswith("person/"):
            mentions.append((s, e, key))
    state.person_mentions = sorted(set(mentions))


def _covered(size: int, spans) -> bytearray:
    """1 at each position of the text that one of the (start, end) spans covers."""
    out = bytearray(size + 1)
    for s, e in spans:
        out[s:e] = b"\x01" * (e - s)
    return out


def _trim_area(text, piece, role_ends):
    """"... for Wiltshire and Swindon Angus Reid": drop the area word glued to the name (when a title
    ends at most two characters before the area's "for"; ``role_ends``: the titles' ends, sorted)."""
    if len(piece.tokens) < 3:
        return piece
    before = text[max(0, piece.start - 60) : piece.start]
    m = _AREA_AND_BEFORE.search(before)
    if not m:
        return piece
    area_at = piece.start - len(before) + m.start()
    if bisect.bisect_left(role_ends, area_at - 2) == bisect.bisect_right(role_ends, area_at):
        return piece
    first = text.find(" ", piece.start)
    if first < 0:
        return piece
    start = first + 1
    while text[start] in " \u00a0":
        start += 1
    return names.Piece(start, piece.end, text[start : piece.end], piece.tokens[1:])


def _merge(spans):
    out = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _title_hits(hits):
    """Role hits, longest first where they overlap, each extended over a modifier before it."""
    from .gazetteer import Hit, longest

    chosen = longest([h for h in hits if h.label in ("role", "modifier", "force", "place", "body", "org")])
    mods = {h.end: h for h in chosen if h.label == "modifier"}
    out = []
    for hit in chosen:
        if hit.label != "role":
            continue
        mod = mods.get(hit.start - 1)
        if mod is not None:
            hit = Hit(mod.start, hit.end, "role", hit.ids, mod.text + " " + hit.text)
        out.append(hit)
    return out


def _honorific_before(before: str, honorifics) -> str | None:
    m = re.search(r"\b([A-Z][a-z]+)\.?[ \u00a0]+$", before)
    return m.group(1) if m and m.group(1) in honorifics else None


def _title_before(text, start, role_by_end, role_ends, honorific):
    gap_end = start
    if honorific:
        m = re.search(r"\b[A-Z][a-z]+\.?[ \u00a0]+$", text[max(0, start - 16) : start])
        gap_end = start - len(m.group(0))
    nearest = role_ends[bisect.bisect_left(role_ends, gap_end - 60):bisect.bisect_right(role_ends, gap_end)]
    for end in reversed(nearest):  # the nearest title first
        hit = role_by_end[end]
        gap = text[end:gap_end]
        if gap_end == end or _GAP_TITLE_NAME.match(gap) or _TAIL_GAP.match(gap):
            return hit
        if _APPOS_BEFORE.match(gap) and _title_leads(text, hit):
            return hit
    return None


def _title_leads(text, hit) -> bool:
    """A title that opens its clause: "Kent's PCC, Matthew Scott", not "he told the PCC, Jo Bloggs"."""
    line_start = text.rfind("\n", 0, hit.start) + 1
    before = text[line_start : hit.start]
    # "..., and Deputy Mayor for Policing, Jo Bloggs": a list of titled people
    return not re.search(r"\b(?:to|the|a|an|with|by|from|(?<!,[ ])and)[ \u00a0]+$", before) or before.strip() in ("The", "the")


# after a name: an optional ", who ... ," clause, then an appointment verb ("took over as")
_CLAUSE = re.compile(r",[ \u00a0]+who[ \u00a0][^,.;\n]{1,140},")
_ARTICLES = re.compile(r"(?:the|a|an)[ \u00a0]+", re.IGNORECASE)


@cache
def _verb_pattern(verbs: frozenset[str]) -> re.Pattern:
    alternation = "|".join(re.escape(v).replace(r"\ ", r"[ \u00a0]+") for v in sorted(verbs, key=len, reverse=True))
    return re.compile(rf"[ \u00a0]+(?:{alternation})[ \u00a0]+", re.IGNORECASE)


def _becomes(text, end, role_by_start, verbs):
    """The title a person took on, right after the name: "X, who ..., took over as chief constable"."""
    if not verbs:
        return None
    pos = end
    clause = _CLAUSE.match(text, pos)
    if clause:
        pos = clause.end()
    verb = _verb_pattern(verbs).match(text, pos)
    if not verb:
        return None
    pos = verb.end()
    article = _ARTICLES.match(text, pos)
    if article:
        pos = article.end()
    return role_by_start.get(pos)


def _appositive(text, end, role_by_start, entities_at):
    m = re.match(r",[ \u00a0]+", text[end : end + 4])
    if not m:
        return None
    positions = [end + m.end()]
    for _ in range(3):
        following = []
        for pos in positions:
            if pos in role_by_start:
                return role_by_start[pos]
            art = _ARTICLE.match(text, pos)
            if art and art.end() - pos < 8:
                following.append(art.end())
            owner = _FORCE_OWNER.match(text, pos)
            if owner:  # "X, the force's chief constable", "X, the county's commissioner"
                following.append(owner.end())
            for hit in entities_at.starting(pos):
                poss = _POSSESSIVE.match(text, hit.end) or _SPACE.match(text, hit.end)
                if poss:
                    following.append(poss.end())
        positions = following
    return None


def _org_after(after, end, entities_at):
    m = _OF_ORG.match(after)
    if not m:
        return None
    pos = end + m.end()
    hit = next(iter(entities_at.starting(pos)), None)
    if hit is None:
        return None
    return hit, after[hit.end - end :], m.group(1)


def _who_for_org(after, end, entities_at):
    m = re.match(r",[ \u00a0]+who[ \u00a0][^,.\n]{0,80}?\b(?:for|at|of)[ \u00a0]+(?:the[ \u00a0]+)?", after)
    if not m:
        return None
    return next(iter(entities_at.starting(end + m.end())), None)


def _starts_with_verb(after, verbs) -> bool:
    m = re.match(r"^(?:,[^,\n]{1,80},)?,?[ \u00a0]+(?:has[ \u00a0]+|had[ \u00a0]+|have[ \u00a0]+|also[ \u00a0]+)?([a-z]+)", after)
    return bool(m) and m.group(1) in verbs


def _verb_before(before, verbs) -> bool:
    m = re.search(r"\b([a-z]+)[ \u00a0]+$", before)
    return bool(m) and m.group(1) in verbs and bool(re.search(r"[,”\"’'][ \u00a0]*[a-z]+[ \u00a0]+$", before))


def _qualifier(text, title) -> str | None:
    lowered = title.text.lower()
    for cue, value in _QUALIFIERS:
        if lowered.startswith(cue) or f" {cue}" in lowered:
            return value
    return None


def _organisation(look: _Look, role, title, piece) -> str | None:
    ctx, state, places_at, mentions_at = look.ctx, look.state, look.places_at, look.mentions_at
    if role.kind == "inspector":
        return state.inspectorate
    if role.kind == "government":
        return "org/home-office" if "org/home-office" in ctx.organisations else None
    text = ctx.text
    # a force named with the title: "Kent Police Deputy Chief Constable", "Kent's PCC", "X of Thames Valley Police"
    near = []
    for hit in places_at.union(places_at.ending_in(title.start - 3, title.start),
                               places_at.starting_in(title.end + 1, title.end + 12),
                               places_at.starting_in(piece.end + 1, piece.end + 12)):
        if 0 <= title.start - hit.end <= 3 and _POSSESSIVE_GAP.fullmatch(text, hit.end, title.start):
            near.append(iris.force(hit.ids[0]))
        for end in (title.end, piece.end):
            if 0 < hit.start - end <= 12 and _OF_GAP.fullmatch(text, end, hit.start):
                near.append(iris.force(hit.ids[0]))
    if role.kind == "other":  # a body's own title: "Norfolk Police Federation chair", "BTPA Chair"
        body = _body_with_title(ctx, mentions_at, title)
        if body:
            return body
    if near:
        return near[0]
    if role.kind in _FORCE_KINDS or role.id in ("spokesperson",):
        return _force_earlier_in_sentence(ctx, mentions_at, title.start) or ctx.main_force
    if role.kind == "other":  # "BTPA Chair", "chair of the Scottish Police Authority"
        body = _body_with_title(ctx, mentions_at, title) or _body_ending_like(ctx, title.text)
        if body:
            return body
    if role.kind == "other" and role.id == "staff_association_official":
        return "org/police-federation" if "org/police-federation" in ctx.organisations else None
    return ctx.main_force


def _force_earlier_in_sentence(ctx, mentions_at, pos: int) -> str | None:
    """The one force named earlier in the title's sentence when the main force is not named there
    ("a team from Scotland Yard's counter-terrorism command was led by Detective Superintendent X")."""
    i = bisect.bisect_right(ctx.sentence_starts, pos) - 1
    if i < 0:
        return None
    start = ctx.sentences[i].start
    named = {key for s, e, key in mentions_at.starting_in(start, pos) if key.startswith("force/") and e <= pos}
    if len(named) == 1 and ctx.main_force not in named:
        return named.pop()
    return None


_OF_WORD = re.compile(r"\bof[ \u00a0]+([A-Za-z]+)$")


def _body_ending_like(ctx, title_text: str) -> str | None:
    """"Chief Inspector of Prisons" -> the one known inspectorate named "... of Prisons" (added to
    the organisations, unnamed, when the text does not name it)."""
    m = _OF_WORD.search(title_text.strip())
    if not m:
        return None
    ending = " of " + m.group(1).lower()
    bodies = [(b.id, b.name, b.kind) for b in ctx.reference.bodies if b.name.lower().endswith(ending)]
    bodies += [(b.id, b.name, b.kind) for b in load_lexicon().bodies if b.name.lower().endswith(ending)]
    if len(bodies) != 1:
        return None
    body_id, name, kind = bodies[0]
    key = iris.org(body_id)
    if key not in ctx.organisations:
        ctx.organisations[key] = Organisation(key, name, kind, (), 0.6)
    return key


def _body_with_title(ctx, mentions_at, title) -> str | None:
    """The organisation (not a force) named right before a title or after it with "of"."""
    text = ctx.text
    for s, e, key in mentions_at.union(mentions_at.ending_in(title.start - 3, title.end),
                                       mentions_at.starting_in(title.end + 1, title.end + 12)):
        if not key.startswith("org/"):
            continue
        if s < title.start < e <= title.end:
            return key  # the title's first words end the body's name ("Kent Police Federation chair")
        if 0 <= title.start - e <= 3 and _POSSESSIVE_GAP.fullmatch(text, e, title.start):
            return key
        if 0 < s - title.end <= 12 and _OF_GAP.fullmatch(text, title.end, s):
            return key
    return None


def _role_noun_start(text, hit, entities_at) -> int | None:
    """Where a bare title used as a noun phrase starts ("Kent's deputy chief constable")."""
    for ent in entities_at.ending_in(hit.start - 3, hit.start):
        if ent.label in ("force", "place") and 0 <= hit.start - ent.end <= 3 and re.fullmatch(
                r"(?:['’]s)?[ \u00a0]*", text[ent.end : hit.start]):
            return ent.start
    m = re.search(r"\b(?:the|The)[ \u00a0]+$", text[max(0, hit.start - 6) : hit.start])
    if m:
        return hit.start - len(m.group(0))
    return None
