"""What the people step settles once every name is found (``people.run`` calls these last).

- :func:`merge_nicknames`: "Dave Thompson" and "David Thompson" are one person, named by the
  full form (``patterns/nicknames.csv``);
- :func:`inspectors_not_officers`: a bare "Inspector X" in news about an inspection may be an
  inspector of constabulary, not a police inspector;
- :func:`merge_appointments`: one appointment per person, role, organisation and qualifier.
"""

from __future__ import annotations

import bisect
import csv
import re
from functools import cache

from ...errors import RuleError
from ...model import Appointment
from ...resources import patterns_dir
from .spans_at import SpansAt

# between a force and a title ("Kent's PCC", "Kent PCC"); between a title or name and a force ("X of Kent Police")
_POSSESSIVE_GAP = re.compile(r"(?:['’]s)?\)?[ \u00a0]*")  # "Kent's PCC", "Kent PCC", "(NPCC) Chair"
_OF_GAP = re.compile(r",?[ \u00a0]+(?:of|for|at|from)[ \u00a0]+(?:the[ \u00a0]+)?")


# a police rank written bare ("Inspector X", "Insp X", "Chief Inspector X"): no force, no "Detective"
_BARE_RANKS = {"inspector": "hm_inspector_of_constabulary", "chief_inspector": "hm_chief_inspector_of_constabulary"}
_BARE_TITLE = re.compile(r"(?:chief[ \u00a0]+|ch[ \u00a0]+)?insp(?:ector|\.)?", re.IGNORECASE)
_OUR_INSPECTION = re.compile(r"\b(?:our|we)[ \u00a0]+(?:(?:last|latest|previous|recent|first)[ \u00a0]+)?"
                             r"(?:inspection|inspected|report|found)\b", re.IGNORECASE)


_OUR_LAST_WORD = re.compile(r"(?:inspection|inspected|report|found)\Z", re.IGNORECASE)
_OUR_REACH = 10_000  # characters after a mention "our inspection" is looked for in (a 5 MB line is no paragraph)


def inspectors_not_officers(ctx, state, people: dict[str, dict]) -> None:
    """"Inspector X" in news about an inspection is often an inspector of constabulary, not a police
    inspector: so when X also holds an inspectorate role, or a sentence naming X names the inspectorate,
    or X speaks of "our inspection" in the paragraphs that follow.  Ranks tied to a force stay."""
    inspector_roles = ctx.reference.role_ids_of_kind("inspector")
    holds = {a.person for a in ctx.appointments if a.role in inspector_roles}
    forces_at = SpansAt([(s, e) for (s, e), key in ctx.mentions.items() if key.startswith("force/")],
                        lambda m: m[0], lambda m: m[1])
    inspectorate_at = sorted(s for (s, e), key in ctx.mentions.items() if key == state.inspectorate)
    speaks = _Speaks(ctx, inspectorate_at)
    out = []
    for a in ctx.appointments:
        bare = (a.role in _BARE_RANKS and a.title_text and _BARE_TITLE.fullmatch(a.title_text.strip())
                and a.organisation == ctx.main_force and a.evidence
                and not _named_force_near(ctx, forces_at, a.evidence[0].start, a.evidence[0].end))
        if not bare:
            out.append(a)
            continue
        if a.person in holds:
            continue  # the caption's "Chief Inspector X" of the inspectorate's chief inspector
        if state.inspectorate and state.about_inspection and speaks.for_inspectorate(
                a.person, people.get(a.person, {}).get("mentions", ())):
            role = _BARE_RANKS[a.role]
            out.append(Appointment(a.person, role, state.inspectorate, a.title_text, a.qualifier,
                                   a.evidence, 0.6))
            state.role_holders.setdefault(role, []).append(a.person)
            continue
        out.append(a)
    ctx.appointments[:] = out


def _named_force_near(ctx, forces_at, start: int, end: int) -> bool:
    """Is a force named just before or after the title and name ("Kent Police Inspector X", "X of Kent Police")?"""
    text = ctx.text
    for s, e in forces_at.ending_in(start - 3, start) + forces_at.starting_in(end + 1, end + 12):
        if 0 <= start - e <= 3 and _POSSESSIVE_GAP.fullmatch(text, e, start):
            return True
        if 0 < s - end <= 12 and _OF_GAP.fullmatch(text, end, s):
            return True
    return False


class _Speaks:
    """Does a person speak for the inspectorate?  Answered once per person (every bare "Inspector X"
    of one person asks the same question), from the sorted places where "our inspection" is said
    (one pass over the text, not a search of the paragraphs after every mention)."""

    def __init__(self, ctx, inspectorate_at: list[int]):
        self.ctx = ctx
        self.inspectorate_at = inspectorate_at
        self.para_starts = [p.start for p in ctx.paragraphs]
        self.answers: dict[str, bool] = {}
        self._ours: tuple[list[int], list[int]] | None = None  # starts and ends of "our inspection"

    def for_inspectorate(self, person: str, mentions) -> bool:
        """Is the inspectorate named in a sentence naming the person, or "our inspection" said in the
        paragraphs that follow one of the person's ``mentions``?"""
        if person not in self.answers:
            self.answers[person] = any(self._in_sentence(start) or self._ours_after(start) for start, _ in mentions)
        return self.answers[person]

    def _in_sentence(self, start: int) -> bool:
        ctx, inspectorate_at = self.ctx, self.inspectorate_at
        i = bisect.bisect_right(ctx.sentence_starts, start) - 1
        if i < 0:
            return False
        sent = ctx.sentences[i]
        first = bisect.bisect_left(inspectorate_at, sent.start)
        return first < len(inspectorate_at) and inspectorate_at[first] < sent.end

    def _ours_after(self, start: int) -> bool:
        j = bisect.bisect_right(self.para_starts, start) - 1
        if j < 0:
            return False
        following = self.ctx.paragraphs[j : j + 6]  # the quote may run on past a caption
        return self._ours_within(following[0].start, min(following[-1].end, start + _OUR_REACH))

    def _ours_within(self, lo: int, hi: int) -> bool:
        """``_OUR_INSPECTION.search(text, lo, hi)``, answered from the matches over the whole text.
        (No match starts inside another, so the first match from ``lo`` is the one a search finds;
        only a match cut short at ``hi`` in the middle of a word is not among them.)"""
        text = self.ctx.text
        if self._ours is None:
            found = [m.span() for m in _OUR_INSPECTION.finditer(text)]
            self._ours = [s for s, _ in found], [e for _, e in found]
        starts, ends = self._ours
        i = bisect.bisect_left(starts, lo)
        if i < len(starts) and ends[i] <= hi:
            return True
        return bool(_OUR_LAST_WORD.search(text, max(lo, hi - 10), hi) and _OUR_INSPECTION.search(text, lo, hi))


def merge_nicknames(ctx, state, people: dict[str, dict]) -> None:
    """"Dave Thompson" and "David Thompson" in one text are one person, named by the full form
    (``patterns/nicknames.csv``: short and full forms of first names)."""
    full_of = nicknames()
    by_surname: dict[str, list[str]] = {}
    for key, entry in people.items():
        by_surname.setdefault(entry["name"].split()[-1], []).append(key)
    for keys in by_surname.values():
        if len(keys) < 2:
            continue
        for short in keys:
            if short not in people:
                continue
            words = people[short]["name"].split()
            fulls = full_of.get(words[0], ())
            target = next((k for k in keys if k != short and k in people and people[k]["name"].split()[0] in fulls
                           and people[k]["name"].split()[1:] == words[1:]), None)
            if target is None:
                continue
            people[target]["mentions"] |= people.pop(short)["mentions"]
            ctx.appointments[:] = [a if a.person != short else Appointment(
                target, a.role, a.organisation, a.title_text, a.qualifier, a.evidence, a.confidence)
                for a in ctx.appointments]
            for holders in state.role_holders.values():
                holders[:] = list(dict.fromkeys(target if k == short else k for k in holders))
            for span, key in list(ctx.mentions.items()):
                if key == short:
                    ctx.mentions[span] = target


@cache
def nicknames() -> dict[str, tuple[str, ...]]:
    """Short first name -> its full forms, from ``patterns/nicknames.csv``."""
    path = patterns_dir() / "nicknames.csv"
    out: dict[str, list[str]] = {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for line_no, row in enumerate(csv.DictReader(handle), start=2):
                short, full = (row.get("short") or "").strip(), (row.get("full") or "").strip()
                if not short or not full:
                    raise RuleError(f"{path}:{line_no}", "a row needs both a short and a full first name")
                out.setdefault(short, []).append(full)
    except OSError as exc:
        raise RuleError(str(path), f"cannot read pattern file ({exc.strerror})") from exc
    return {k: tuple(v) for k, v in out.items()}


def merge_appointments(ctx) -> None:
    """One appointment per person, role, organisation and qualifier, with all its evidence
    (gathered first and sorted once: merging one by one re-sorted it for every repeat)."""
    merged: dict[tuple, list[Appointment]] = {}
    for a in ctx.appointments:
        merged.setdefault((a.person, a.role, a.organisation, a.qualifier), []).append(a)
    out = []
    for same in merged.values():
        first = same[0]
        if len(same) == 1:
            out.append(first)
            continue
        evidence = tuple(sorted({span for a in same for span in a.evidence}, key=lambda s: (s.start, s.end, s.exact)))
        title_text = next((a.title_text for a in same if a.title_text), same[-1].title_text)
        out.append(Appointment(first.person, first.role, first.organisation, title_text, first.qualifier,
                               evidence, max(a.confidence for a in same)))
    ctx.appointments[:] = out
