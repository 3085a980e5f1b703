"""Who a stretch of text names: people, organisations, pronouns, role nouns.

``Resolver(ctx).speaker(a, b)`` looks at ``text[a:b]`` (the subject of a
speech verb, or the words after "said") and returns the entity key it most
likely names, the span that names it and a confidence:

1. a person mention (a name, "Mr Scott", a title only one person holds);
2. a title ("the chief constable", "chief") -> its only holder, else the main force;
3. "he" / "she" -> the last person mentioned before, outside quotations, whose gender
   agrees (known from an honorific, a pronoun used of them, or the first name);
4. an organisation or force mention ("a spokesman for the NSPCC");
5. "the report", "inspectors", "the watchdog" -> the inspectorate;
   "the force" -> the main force; "it" -> the inspectorate after a report,
   else the last organisation named.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from .lexicon import load as load_lexicon
from .regions import Containing
from .names import first_names
from .state import get as get_state

_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
_PRONOUN_LAST = re.compile(r"\b(?:he|she|He|She)(?:[ \u00a0]+(?:has|had|also|then|later|previously))*[ \u00a0]*$")
_HONORIFIC = re.compile(r"(Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Lord|Baroness)\b")
_FEMALE = {"Mrs", "Ms", "Miss", "Dame", "Lady", "Baroness"}
_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Lord|Baroness)\.?[ \u00a0]+$")
_PRONOUN_REACH = 400  # characters after a mention in which a "he"/"she" is taken to be about that person
_IT = re.compile(r"\b(?:it|It)\b")
_REPORT_NEAR = re.compile(r"\b(?:report|inspection|inspectorate|inspectors|watchdog)\b", re.IGNORECASE)


@cache
def _noun_res():
    lex = load_lexicon()

    def build(kind):
        words = sorted(lex.of(kind), key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)

    return build("inspectorate_noun"), build("force_noun")


_GENERIC_GOLD = {"other", "other_officer", ""}
_RELATED: dict[tuple, frozenset[str]] = {}


def _related_roles(ref, role_id: str, inspector_only: bool = False) -> frozenset[str]:
    """Roles a bare title may stand for: inspectorate roles whose id contains it ("chief inspector"
    -> HM chief inspector of constabulary, chief inspector of criminal justice) and, unless
    ``inspector_only``, roles sharing its specific gold role (PCC and PFCC)."""
    cache_key = (id(ref), role_id, inspector_only)
    found = _RELATED.get(cache_key)
    if found is None:
        try:
            gold = ref.role(role_id).gold_role.strip()
        except KeyError:
            gold = ""
        found = frozenset(
            r.id for r in ref.roles if r.id != role_id and (
                (r.kind == "inspector" and role_id in r.id)
                or (not inspector_only and gold not in _GENERIC_GOLD and r.gold_role.strip() == gold)))
        _RELATED[cache_key] = found
    return found


class Resolver:
    def __init__(self, ctx):
        self.ctx = ctx
        self.state = get_state(ctx)
        self.quotes = Containing(self.state.quote_regions)
        self.text = ctx.text
        self.mentions = sorted((s, e, k) for (s, e), k in ctx.mentions.items())
        self.starts = [m[0] for m in self.mentions]
        self.roles = [h for h in self.state.hits if h.label == "role"]  # sorted by start, as the hits are
        self.role_starts = [h.start for h in self.roles]
        # pronouns go back to names ("Mr Nelson"), not to titles ("the chief constable")
        surnames = {k: p.name.split()[-1] for k, p in ctx.people.items()}
        self.persons = [m for m in self.mentions if m[2].startswith("person/")
                        and surnames.get(m[2], "") in self.text[m[0] : m[1]]]
        self._gender: dict[str, bool] | None = None  # worked out when a "he"/"she" first needs it

    @property
    def gender(self) -> dict[str, bool]:
        if self._gender is None:
            self._gender = self._genders(self.ctx)
        return self._gender

    def _genders(self, ctx) -> dict[str, bool]:
        """Person key -> female?  From an honorific (Mrs, Sir, Dame ...) at a mention, else the first
        name (``patterns/first_names.csv``; names used for both left out), else the first "he"/"she"
        after a mention and before the next person is named ("X said ... She added")."""
        text = self.text
        honorific: dict[str, bool] = {}
        pronoun: dict[str, bool] = {}
        persons = self.persons
        for n, (s, e, key) in enumerate(persons):
            word = _HONORIFIC.match(text, s) or _HONORIFIC_BEFORE.search(text, max(0, s - 12), s)
            if word:
                honorific.setdefault(key, word.group(1) in _FEMALE)
            stop = min(persons[n + 1][0] if n + 1 < len(persons) else len(text), e + _PRONOUN_REACH)
            for m in _PRONOUN.finditer(text, e, stop):
                if not self.inside_quote(m.start()):
                    pronoun.setdefault(key, m.group(0).lower() == "she")
                    break
        names = first_names()
        out = {}
        for key, person in ctx.people.items():
            first = person.name.split()[0]
            if key in honorific:
                out[key] = honorific[key]
            elif first in names:
                out[key] = names[first]
            elif key in pronoun:
                out[key] = pronoun[key]
        return out

    def inside_quote(self, pos: int, enclosing: tuple[int, int] | None = None) -> bool:
        """Is ``pos`` inside a quotation (other than ``enclosing``, the one a nested quote sits in)?"""
        return self.quotes.holds(pos, enclosing)

    def last_person_before(self, pos: int, female: bool | None = None):
        """The last person named before ``pos`` outside quotations; for "he"/"she", the last
        one whose gender does not disagree (a person of unknown gender may be either)."""
        for s, e, key in reversed(self.persons):
            if s >= pos or self.inside_quote(s):
                continue
            if female is None:
                return key
            gender = self.gender.get(key)
            if gender is None or gender == female:
                return key
        return None

    def _in(self, a, b, enclosing=None):
        i = bisect.bisect_left(self.starts, a)
        out = []
        while i < len(self.mentions) and self.mentions[i][0] < b:
            s, e, k = self.mentions[i]
            if e <= b and not self.inside_quote(s, enclosing):
                out.append((s, e, k))
            i += 1
        return out

    def speaker(self, a: int, b: int, last: bool = True, enclosing: tuple[int, int] | None = None):
        """(key, start, end, confidence) for the entity text[a:b] names, or None.

        In order: a he/she just before the verb (``last``), a person, a title one person holds, a
        pronoun, an organisation, a noun for the inspectorate or the force, "it" after a report.
        ``last``: the last of several is the one (else the first).  ``enclosing``: the quotation
        text[a:b] lies in, whose words count (a nested quote's attribution).
        """
        if b <= a:
            return None
        pick = (lambda xs: xs[-1]) if last else (lambda xs: xs[0])
        found = self._in(a, b, enclosing)
        if last:  # "..., before he added:": a pronoun right before the verb is its subject
            m = _PRONOUN_LAST.search(self.text, a, b)
            if m:
                key = self.last_person_before(m.start(), m.group(0).lower().startswith("she"))
                if key:
                    return key, m.start(), m.end(), 0.75
        people = [m for m in found if m[2].startswith("person/")]
        if people:
            s, e, k = pick(people)
            return k, s, e, 0.9
        roles = self.roles[bisect.bisect_left(self.role_starts, a):bisect.bisect_left(self.role_starts, b)]
        titles = [h for h in roles if h.end <= b and not self.inside_quote(h.start, enclosing)]
        by_title = self._title_holder(pick(titles)) if titles else None
        if by_title:
            return by_title
        pronouns = list(_PRONOUN.finditer(self.text, a, b))
        if pronouns:
            m = pick(pronouns)
            key = self.last_person_before(m.start(), m.group(0).lower() == "she")
            if key:
                return key, m.start(), m.end(), 0.75
        orgs = [m for m in found if not m[2].startswith("person/")]
        if orgs:
            s, e, k = pick(orgs)
            return k, s, e, 0.85
        return self._noun(a, b, pick, titles) or self._report_it(a, b, pick)

    def _title_holder(self, hit):
        """The one holder of the title ``hit`` (or of a role it names: "said the chief inspector")."""
        holders = self.state.role_holders.get(hit.ids[0], [])
        if len(holders) == 1:
            return holders[0], hit.start, hit.end, 0.75
        if not holders:
            related = {k for r in _related_roles(self.ctx.reference, hit.ids[0])
                       for k in self.state.role_holders.get(r, ())}
            if len(related) == 1:
                return related.pop(), hit.start, hit.end, 0.7
        return None

    def _noun(self, a: int, b: int, pick, titles):
        """The inspectorate or the main force named by a noun ("the watchdog", "the force") or by a
        title nobody holds ("the chief inspector")."""
        text, state, ctx = self.text, self.state, self.ctx
        inspectorate_re, force_re = _noun_res()
        nouns = []
        if state.inspectorate:
            nouns += [(m.start(), m.end(), state.inspectorate) for m in inspectorate_re.finditer(text, a, b)]
        if ctx.main_force:
            nouns += [(m.start(), m.end(), ctx.main_force) for m in force_re.finditer(text, a, b)]
        if titles:
            hit = pick(titles)
            if (_related_roles(ctx.reference, hit.ids[0], inspector_only=True)
                    and state.inspectorate and state.about_inspection):
                nouns.append((hit.start, hit.end, state.inspectorate))  # "the chief inspector"
            elif ctx.main_force:
                nouns.append((hit.start, hit.end, ctx.main_force))
        if nouns:
            s, e, k = pick(sorted(nouns))
            return k, s, e, 0.7
        return None

    def _report_it(self, a: int, b: int, pick):
        """"it" after a mention of the report: the inspectorate."""
        it = list(_IT.finditer(self.text, a, b))
        if it:
            m = pick(it)
            before = self.text[max(0, m.start() - 250) : m.start()]
            if self.state.inspectorate and _REPORT_NEAR.search(before):
                return self.state.inspectorate, m.start(), m.end(), 0.6
        return None
