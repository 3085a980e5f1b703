"""Step 3: the inspections a text refers to.

The main inspection: the inspected force (``ctx.main_force``, else the force
named most), the programme (weighted cues of ``patterns/programmes.csv``), the
period as stated (title "Kent PEEL 2018", "inspection 2017") and the
publication date (the document's date when the text reports a newly published
report).  Other inspections: earlier ones a sentence dates ("in 2014", "our
2014 report", "seven years ago", "previous inspections") and announced
re-visits (``patterns/past_cues.csv``), and other forces graded for comparison.
Keys normalise periods so two documents meet: PEEL keys use the round
("2021/22"), derived from a stated year or the publication date.  What the text
does not date in so many words is dated as a reader would (:mod:`.dating`: the
document's date with the programme calendar, an ordinal, the grade scale, the
inspectorate's name, the years mentioned; "its last inspection" is the round
before the document's own); the ``redate`` step finishes with what the ratings
say.  An inspection nobody can date keeps a key of its own document.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from ... import iris
from ...reference import load as load_reference
from .. import months
from ...model import Inspection
from . import cues, dates, dating, era, lexicon, prefilter
from .grades import GRADE_WORDS
from .inspstate import get as get_state, sentence_index

# the lexicon's rating verbs and cues ("rated", "graded", "a grading of" ...; not its loose cues, "found to
# be", "considered", which describe as often as they grade), and a grade named as a noun ("an adequate
# grade for ..."), not a listed building's ("Grade II", "grade 2")
_RATING_VERB = re.compile(r"\b(?:" + lexicon.alternatives("rating_verb", "rating_cue")
                          + r"|grades?(?!\s+(?:I{1,3}\b|\d)))\b", re.IGNORECASE)
# a sentence that may speak of an inspection: its words, or a rating verb
_CUE = re.compile(
    r"\b(?:(?<!Detective )(?<!Detective Chief )inspect\w*|PEEL|report|reports|assessment|review|re-?visit|"
    r"watchdog|HMIC\w*|inspectorate|grades?(?!\s+(?:I{1,3}\b|\d))|"
    + lexicon.alternatives("rating_verb", "rating_cue") + r")\b", re.IGNORECASE)
_YEAR = r"((?:19|20)\d\d(?:/(?:20)?\d\d)?)"
# "2021/22", "2021-2022", "2023–25", "2023 to 2025"
_PERIOD = r"((?:19|20)\d\d(?:\s?[/–-]\s?(?:20)?\d\d|\s+to\s+20\d\d)?)(?![\d/–-])"
_MONTH = months.FULL
_DATED = [
    re.compile(r"\b(?:inspection|inspections|inspected|visit|re-?visit|review|report|assessed|assessment|grade|grades|"
               + lexicon.alternatives("rating_verb", "rating_cue") + r")\b"
               r"[^.;:]{0,80}?\b(?:in|since|during)\s+(?:early\s+|late\s+|spring\s+|autumn\s+|" + _MONTH + r"\s+)?"
               + _PERIOD + r"\b",
               re.IGNORECASE),
    re.compile(r"\b(?:our|the|its|an?|their)\s+" + _PERIOD + r"(?:\s+and\s+" + _PERIOD + r")?\s+(?:[\w-]+\s+){0,3}?"
               r"(?:inspection|inspections|report|assessment|review)\b", re.IGNORECASE),
    re.compile(r"\bIn\s+" + _PERIOD + r"\b,?[^.;]{0,40}?\b(?:rated|graded|judged|inspected)\b"),
    # a round named by the programme: "the grade held in PEEL 2021/22", "by the PEEL 2018/19 round",
    # "the PEEL report (2023-25)"
    re.compile(r"\bPEEL\s+(?:inspection\s+|assessment\s+|round\s+|report\s+)?\(?" + _PERIOD),
    # "the crime data integrity inspection of 2014"
    re.compile(r"\b(?:inspection|report|assessment)\s+of\s+" + _PERIOD + r"\b", re.IGNORECASE),
]
# the period of the document's own inspection, in its title or a heading: "Kent PEEL 2018",
# "PEEL: Police effectiveness 2016 - Nottinghamshire Police", "Crime Data Integrity inspection 2017"
_TITLE_PERIOD = [
    re.compile(r"\bPEEL\s+(?:inspection\s+|assessment\s+)?" + _PERIOD),
    re.compile(_PERIOD + r"\s+PEEL\b"),
    re.compile(r"\b(?:inspection|assessment)\s+" + _PERIOD + r"\s*\W?\s*$", re.IGNORECASE),
    re.compile(r"\bPEEL\b[^\n.]{0,80}?\b" + _PERIOD, re.IGNORECASE),
]
# a heading that is a force's name and a period: "City of London 2018/19", "Dyfed-Powys 2014"
_NAME_AND_PERIOD = re.compile(r"^\s*[A-Z][\w&'’ -]{1,40}?\s+" + _PERIOD + r"\s*$")
# a further year in a sentence that already dates an inspection: another one
_AND_IN = re.compile(r"\b(?:and|then|followed\s+by|before|after|while)\b[^.;:]{0,60}?\b(?:in|during)\s+"
                     + _YEAR + r"\b", re.IGNORECASE)
_LAST_YEAR = re.compile(r"\blast\s+year(?:'s|’s)?\b", re.IGNORECASE)
_THIS_YEAR = re.compile(r"\bthis\s+year\b(?!['’]s\s+(?:next|coming))", re.IGNORECASE)
_REPORTISH_OR_RATED = re.compile(r"\b(?:report|inspection|inspected|assessment|"
                                 + lexicon.alternatives("rating_verb", "rating_cue") + r")\b", re.IGNORECASE)
_A_YEAR = re.compile(r"(?<![\d£$.,/-])((?:19|20)\d\d)(?![\d%])")
# "a year later", "two years later", "the following year": counted from the year last mentioned
_YEARS_LATER = re.compile(r"\b(?:(a|one|two|three|four|five|\d)\s+years?\s+later|the\s+following\s+year)\b",
                          re.IGNORECASE)
_INTRODUCED = re.compile(r"\b(?:introduc\w*|launch\w*|inception|creation)\b", re.IGNORECASE)
_HEADING_LINES = 6  # first lines of a text looked at for a heading that dates it
_HEADING_CHARS = 100  # a heading is short
_NEW_REPORT = re.compile(
    r"\b(?:out today|today|yesterday|this week|published|released|newly|latest (?:inspection|report)|"
    r"new report|Published on)\b", re.IGNORECASE)
_YEARS_AGO = re.compile(r"\b(\w+|\d+) years? ago\b", re.IGNORECASE)
_NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_INSPECTORATES = {"org/hmic", "org/hmicfrs", "org/hmics"}
# per-sentence regexes, each tried only on sentences holding its cue words
_CUE_G = prefilter.Guarded(_CUE)
_RATING_VERB_G = prefilter.Guarded(_RATING_VERB)
_DATED_G = [prefilter.Guarded(r) for r in _DATED]
_HAS_YEAR = re.compile(r"(?:19|20)\d\d")
_NEXT = re.compile(r"\bnext\b", re.IGNORECASE)
_REPORTISH = re.compile(r"\b(?:report|inspection|review)\b", re.IGNORECASE)
_REPORT_LIKE = re.compile(r"\b(?:areas for improvement|causes? of concern)\s*$", re.IGNORECASE | re.MULTILINE)
# whole-text regexes, tried only where their first words occur
_REPORT_LIKE_SCAN = prefilter.Scan(_REPORT_LIKE)
_TITLE_PERIOD_SCAN = prefilter.Scan(_DATED[3])
_RATING_VERB_SCAN = prefilter.Scan(_RATING_VERB)
# a grade said without a rating verb: "the force is good at ..." (of a force, not "the food was good in"), "outstanding in ...", a "Good – area" line
_GRADED_WITHOUT_VERB = re.compile(
    r"\b(?:force|constabulary|police|service|it)\s+(?:is|was|has been|remains)\s+(?:also\s+|now\s+|still\s+)?[\"'‘“]?"
    + GRADE_WORDS + r"[\"'’”]?\s+(?:at|in|for)\s|^\W*" + GRADE_WORDS + r"\s*[–—:-]\s", re.IGNORECASE | re.MULTILINE)
_GRADED_WITHOUT_VERB_SCAN = prefilter.Scan(_GRADED_WITHOUT_VERB)


@dataclass(frozen=True)
class _Main:
    """The document's own inspection, as its text and date give it."""

    force: str  # the force key the document is about
    programme: str
    period: str | None  # as stated
    published: str | None
    inspectorate: str
    key_period: str  # the period its key is made of ("2021-22", "undated", ...)
    five_tier: bool  # the text uses the five-grade scale
    prog_hits: list  # (start, programme, weight) of the programme cues of the text

    @property
    def key(self) -> str:
        return iris.inspection(self.force.removeprefix("force/"), self.programme, self.key_period)

    @property
    def round(self) -> str | None:
        return None if self.key_period in _NOT_PERIODS else self.key_period


class _Found:
    """The inspections the sentences name, by key: each one's facts and up to three sentences."""

    def __init__(self, inspectorate: str):
        self.entries: dict[str, dict] = {}
        self.inspectorate = inspectorate  # the document's, for those that name none

    def add(self, force_key: str, ref: tuple, sentence, pub: str | None = None, org: str | None = None) -> str:
        """The key of the inspection of ``force_key`` that ``ref`` (programme, period as stated,
        key period) names, added when new; ``sentence`` is kept as its evidence."""
        prog, stated, key_period = ref
        key = iris.inspection(force_key.removeprefix("force/"), prog, key_period)
        entry = self.entries.setdefault(key, {
            "inspected": force_key, "programme": prog, "period": _canonical(key_period, stated),
            "published": pub, "key_period": key_period,
            "inspectorate": org or self.inspectorate, "evidence": [],
            "round": dates.peel_round(stated) if prog == "PEEL" and stated else (
                key_period if key_period not in ("undated", "earlier", "next") else None)})
        if sentence is not None and len(entry["evidence"]) < 3 and sentence not in entry["evidence"]:
            entry["evidence"].append(sentence)
        return key


@dataclass
class _Reading:
    """What the sentences read so far say: the inspections found and where the last was named."""

    main: _Main
    found: _Found
    named: dict[int, set[str]]  # sentence index -> the organisation keys it mentions
    paragraph_starts: list[int]
    doc_year: int | None
    main_sentences: list = field(default_factory=list)  # sentences about the document's own inspection
    last_named: tuple | None = None  # (paragraph, inspection key) of the last sentence naming an inspection
    year_before: int | None = None  # the last year the sentences so far mention ("In 2016 ... A year later ...")
    year_here: int | None = None


def run(ctx) -> None:
    state = get_state(ctx)
    if not ctx.text.strip() or not ctx.sentences:
        return
    state.doc_date = ctx.published or era.header_date(ctx.text)
    state.force_mentions = _force_mentions(ctx)
    state.main_force = ctx.main_force or _most_named(state.force_mentions)
    if state.main_force is None:
        return
    main = _main_inspection(ctx, state, state.main_force)
    reading = _Reading(main, _Found(main.inspectorate), _mentions_by_sentence(ctx),
                       [p.start for p in ctx.paragraphs], dates.start_year(state.doc_date))
    for index, sent in enumerate(ctx.sentences):
        _read_sentence(ctx, state, reading, index, sent)
    _settle(ctx, state, reading)


def _main_inspection(ctx, state, main_force: str) -> _Main:
    """The document's own inspection: its programme, period, publication and inspectorate."""
    text = ctx.text
    title = ctx.paragraphs[0].exact if ctx.paragraphs else ""
    prog_hits = _programme_positions(text)
    programme = _programme(_own_round_hits(ctx, prog_hits), len(title), text)
    if programme == "PEEL" and not _peel_force(main_force) and not _peel_named(prog_hits):
        programme = "other"  # HMICS on Police Scotland, CJI on the PSNI: PEEL is England and Wales's
    period = _stated_period(ctx, title)
    state.report_like = bool(_REPORT_LIKE_SCAN.search(text)) or bool(_TITLE_PERIOD[0].search(title)
                                                                                or _TITLE_PERIOD[2].search(title))
    published = state.doc_date if state.doc_date and _NEW_REPORT.search(text) else _published_in_text(text)
    inspectorate = _inspectorate(ctx, main_force, period or published or state.doc_date)
    key_period = dates.key_period(programme, period, published) or "undated"
    five_tier = dating.uses_adequate(text)
    if key_period == "undated":  # no period stated: the document's date, the scale, the years it names
        key_period = dating.undated_round(programme, dating.Undated(state.doc_date, text, ctx.sentences, five_tier),
                                          by_years=False) or "undated"
    return _Main(main_force, programme, period, published, inspectorate, key_period, five_tier, prog_hits)


def _own_round_hits(ctx, hits: list) -> list:
    """The programme cues that may name the document's own programme: not those of a sentence about
    an earlier round ("in the previous round the force was graded good for crime data integrity")."""
    past = cues.guarded_past_cues()["past"]
    starts = ctx.sentence_starts
    out = []
    for hit in hits:
        i = bisect.bisect_right(starts, hit[0]) - 1
        if i >= 0 and hit[0] < ctx.sentences[i].end and past.search(ctx.sentences[i].exact):
            continue
        out.append(hit)
    return out


def _years_later(reading: _Reading, sent, lowered: str) -> list:
    """"A year later, the inspection rated the force inadequate": the round of the year named before, plus n."""
    if not reading.year_before or not ("later" in lowered or "following year" in lowered):
        return []
    later = _YEARS_LATER.search(sent.exact)
    if not later:
        return []
    word = later.group(1)
    n = 1 if word is None or word.lower() in ("a", "one", "the") else (
        _NUMBER_WORDS.get(word.lower()) or (int(word) if word.isdigit() else 0))
    if not n:
        return []
    year = str(reading.year_before + n)
    prog = _sentence_programme(reading.main.prog_hits, sent) or reading.main.programme
    return [(prog, year, dates.key_period(prog, year, None))]


def _read_sentence(ctx, state, reading: _Reading, index: int, sent) -> None:
    """Which inspection one sentence speaks of (``state.by_sentence``), adding those it names."""
    s, main, found = sent.exact, reading.main, reading.found
    lowered = s.lower()
    reading.year_before = reading.year_here or reading.year_before
    reading.year_here = None
    if "20" in s or "19" in s:
        years = [m.group(1) for m in _A_YEAR.finditer(s)]
        reading.year_here = int(years[-1]) if years else None
    if not _CUE_G.search(s, lowered):
        return
    keys = reading.named.get(index, set())
    other_forces = _other_forces(keys, main.force)
    refs = _dated_refs(s, main.programme, reading.doc_year, lowered) or _years_later(reading, sent, lowered)
    rating = bool(_RATING_VERB_G.search(s, lowered))
    if other_forces and rating:
        first, *more = [found.add(f, (main.programme, main.period, main.key_period), sent, pub=main.published)
                        for f in other_forces]
        state.by_sentence[index] = first
        if more:  # "Suffolk and Norfolk were both rated good": graded alike
            state.also_by_sentence[index] = more
        return
    paragraph = bisect.bisect_right(reading.paragraph_starts, sent.start)
    if _place_refs(ctx, state, reading, (index, sent, paragraph, rating), refs):
        return
    _place_unnamed(state, reading, (index, sent, paragraph, rating))


def _place_refs(ctx, state, reading: _Reading, where: tuple, refs: list) -> bool:
    """The inspections a sentence names by date or programme; whether any other than the document's own."""
    index, sent, paragraph, rating = where
    main, found, s = reading.main, reading.found, sent.exact
    placed = False
    for prog, stated, key_period in refs:
        prog = prog if rating or prog != main.programme else (_sentence_programme(main.prog_hits, sent) or prog)
        if stated and prog != main.programme:  # the year of another programme: its own calendar
            key_period = dates.key_period(prog, stated, None) or key_period
        if key_period == main.key_period and prog == main.programme:
            reading.last_named = (paragraph, main.key)
            continue
        org = _named_inspectorate(reading.named.get(index, set())) \
            or _inspectorate(ctx, main.force, stated, fallback=main.inspectorate)
        new = iris.inspection(main.force.removeprefix("force/"), prog, key_period) not in found.entries
        key = found.add(main.force, (prog, stated, key_period), sent, org=org)
        if new and (key_period == "next" or cues.guarded_past_cues()["future"].search(s, s.lower())):
            state.announced.add(key)  # "may re-visit the force in 2018": grades nothing
        state.by_sentence.setdefault(index, key)
        reading.last_named = (paragraph, state.by_sentence[index])
        placed = True
    return placed


def _place_unnamed(state, reading: _Reading, where: tuple) -> None:
    """A sentence that names no inspection: the one the paragraph named, monitoring's PEEL round,
    another programme's earlier report, else the document's own."""
    index, sent, paragraph, rating = where
    main, found, s = reading.main, reading.found, sent.exact
    last = reading.last_named
    if rating and last and last[0] == paragraph and last[1] != main.key and _ANAPHORIC_START.match(s):
        # "... its 2017 inspection ... . It graded Kent Police inadequate.": the inspection
        # the previous sentence of the paragraph named, not the document's own
        state.by_sentence[index] = last[1]
        evidence = found.entries[last[1]]["evidence"]
        if len(evidence) < 3:
            evidence.append(sent)
        return
    if rating and main.programme in _MONITORING:
        # "placed in special measures ... rated inadequate at responding to the public":
        # monitoring grades nothing; the grades are those of the PEEL round of the time
        key_period = dates.key_period("PEEL", None, state.doc_date) or "undated"
        state.by_sentence[index] = found.add(main.force, ("PEEL", None, key_period), sent)
        return
    prog = _sentence_programme(main.prog_hits, sent)
    if prog and prog != main.programme and _REPORTISH.search(s):
        state.by_sentence[index] = found.add(main.force, (prog, None, "earlier"), sent)
        return
    reading.main_sentences.append(sent)


def _settle(ctx, state, reading: _Reading) -> None:
    """The document's own inspection, the relative ones dated, and every inspection into the context."""
    main, found = reading.main, reading.found.entries
    main_key = main.key
    if reading.main_sentences or found:
        entry = found.setdefault(main_key, {
            "inspected": main.force, "programme": main.programme, "period": _canonical(main.key_period, main.period),
            "published": main.published, "key_period": main.key_period,
            "inspectorate": main.inspectorate, "evidence": [], "round": main.round})
        for sent in reading.main_sentences:
            if len(entry["evidence"]) < 3:
                entry["evidence"].append(sent)
        state.main = main_key
    renamed = _resolve_relative(ctx, found, main_key, main.round, main.five_tier)
    if renamed:
        state.announced = {renamed.get(k, k) for k in state.announced}
        main_key = renamed.get(main_key, main_key)
        state.main = renamed.get(state.main, state.main) if state.main else None
        state.by_sentence = {i: renamed.get(k, k) for i, k in state.by_sentence.items()}
        state.also_by_sentence = {i: [renamed.get(k, k) for k in ks] for i, ks in state.also_by_sentence.items()}
    for key, e in found.items():
        if not e["evidence"]:
            e["evidence"] = [ctx.sentences[0]]
        inspectorate_of = _conducted_by(ctx, e, state.doc_date)
        ctx.inspections[key] = Inspection(
            key, e["inspected"], inspectorate_of, e["programme"], e["period"], e["published"],
            tuple(sorted(set(e["evidence"]))), 0.8 if key == main_key else 0.6)
        state.rounds[key] = e["round"]


_NOT_PERIODS = ("undated", "earlier", "next")
_MONITORING = frozenset({"engage"})  # programmes that monitor a force and grade nothing
# a sentence that goes on about what the sentence before it named
_ANAPHORIC_START = re.compile(
    r"(?:it|that|this|these|those|they|its|the\s+(?:grade|grades|grading|report|inspection|rating|ratings|"
    r"verdict|assessment|result|results|watchdog|inspectorate|inspectors))\b", re.IGNORECASE)


def _canonical(key_period: str | None, stated: str | None) -> str | None:
    """The period an inspection is written with: that of its key ("2021/22" for a PEEL
    inspection stated as "2022", or dated by the document's date), so every document writes
    the same value; as stated when the key has none; None when nothing dates it."""
    if key_period and not dating.is_unresolved(key_period):
        return key_period
    return stated or None


def _resolve_relative(ctx, found: dict[str, dict], main_key: str, main_round: str | None,
                      five_tier: bool) -> dict[str, str]:
    """Date the inspections keyed "undated", "earlier" or "next" where a reader can, merging
    each into the inspection of the same round when there is one; key the rest to this
    document.  Returns {old key: new key} for every key that changed (``found`` is updated)."""
    renamed: dict[str, str] = {}
    main_programme = found.get(main_key, {}).get("programme")
    for key in sorted(found, key=lambda k: k != main_key):  # the document's own first
        entry = found[key]
        kind = entry["key_period"]
        if kind not in _NOT_PERIODS:
            continue
        prog = entry["programme"]
        resolved = None
        if kind == "undated" and key != main_key and prog == main_programme and main_round:
            resolved = main_round  # other forces graded alike, for comparison: the same round
        elif kind == "undated":
            others = [e["key_period"] for k, e in found.items() if k != key and e["programme"] == prog
                      and e["inspected"] == entry["inspected"] and k not in get_state(ctx).announced]
            undated = dating.Undated(get_state(ctx).doc_date, ctx.text, ctx.sentences, five_tier and prog == "PEEL")
            resolved = dating.undated_round(prog, undated,
                                            after=dating.latest_named(prog, others) if key == main_key else None)
            if key == main_key:
                main_round = resolved
        elif prog == main_programme:
            resolved = dating.relative_round(kind, prog, main_round, entry["evidence"])
        new_period = resolved or dating.unresolved(kind, ctx.document.id)
        new_key = iris.inspection(entry["inspected"].removeprefix("force/"), prog, new_period)
        del found[key]
        renamed[key] = new_key
        if new_key in found:  # the round another sentence named: one inspection
            target = found[new_key]
            for sent in entry["evidence"]:
                if len(target["evidence"]) < 3 and sent not in target["evidence"]:
                    target["evidence"].append(sent)
            continue
        entry.update(key_period=new_period, period=resolved, round=resolved)
        found[new_key] = entry
    return renamed


def _conducted_by(ctx, entry: dict, doc_date: str | None) -> str:
    """HMIC or HMICFRS by the inspection's own date, so documents agree on one inspection.

    In order: its publication date; without a period of its own ("earlier", "next",
    undated), the document's inspectorate (chosen by the document's era); its key
    period when that falls wholly before or after the rename of 19 July 2017 (a PEEL
    round by the month its reports began to appear); else (dated 2017) the name the
    sentences about it use ("HMIC" is the former name: only a known publication date
    after the rename overrides it), the name the paragraph used before them, a document
    dated before the rename, the one name the whole text uses, the document's date.
    """
    current = entry["inspectorate"]
    if current not in ("org/hmic", "org/hmicfrs"):
        return current  # HMICS, or another body
    if entry["published"]:
        by_date = dates.inspectorate_by_date(entry["published"])
        if by_date:
            return iris.org(by_date)
    key_period = entry.get("key_period")
    if not key_period or key_period in _NOT_PERIODS:
        return current  # no date of its own: the document's inspectorate (by its era)
    by_period = inspectorate_by_period(entry["programme"], key_period)
    if by_period:
        return iris.org(by_period)
    # dated 2017, the year of the rename, and not known to be published after it
    named = _named_inspectorates(ctx, [(s.start, s.end) for s in entry["evidence"]])
    if len(named) == 1:
        return iris.org(named.pop())
    if entry["evidence"]:  # "In 2016 HMIC graded it good. A year later, the inspection rated it ..."
        first = min(s.start for s in entry["evidence"])
        named = _named_inspectorates(ctx, [(_paragraph_start(ctx.text, first), first)])
        if len(named) == 1:
            return iris.org(named.pop())
    by_doc = dates.inspectorate_by_date(doc_date)
    if by_doc == "hmic":
        return "org/hmic"  # reported before the rename: conducted before it
    named = _named_inspectorates(ctx, None)
    if len(named) == 1:
        return iris.org(named.pop())
    return iris.org(by_doc) if by_doc else current


def _paragraph_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1  # 0 on the first line


def inspectorate_by_period(programme: str, key_period: str | None) -> str | None:
    if not key_period or key_period in _NOT_PERIODS:
        return None
    if programme == "PEEL":
        first = dates.peel_first_published(key_period)
        if first:
            return dates.inspectorate_by_date(first)
    return dates.inspectorate_by_date(key_period)  # None for 2017, the year of the rename


def _named_inspectorates(ctx, spans) -> set[str]:
    """"hmic" / "hmicfrs" for each name of the two the text uses (within ``spans``), as
    written: "HMIC" and "Her Majesty's Inspectorate of Constabulary" name HMIC."""
    from .state import get as entity_state

    out = set()
    for hit in entity_state(ctx).hits:
        if hit.label != "body" or not ({"hmic", "hmicfrs"} & set(hit.ids)):
            continue
        if spans is not None and not any(s <= hit.start and hit.end <= e for s, e in spans):
            continue
        if "hmic" in hit.ids and not hit.text.lower().startswith("his "):
            out.add("hmic")
        else:
            out.add("hmicfrs")
    return out


_PUBLISHED_IN = re.compile(r"\bpublished\b[^.]{0,80}?\bin (" + months.FULL + r") ((?:19|20)\d\d)\b")
_PUBLISHED_IN_SCAN = prefilter.Scan(_PUBLISHED_IN)


def _published_in_text(text: str) -> str | None:
    """'published ... in March 2016' -> '2016-03'."""
    m = _PUBLISHED_IN_SCAN.search(text)
    return f"{m.group(2)}-{months.month_number(m.group(1)):02d}" if m else None


def _force_mentions(ctx) -> list[tuple[int, int, str]]:
    out = [(s, e, k) for (s, e), k in ctx.mentions.items() if k.startswith("force/")]
    if not out:
        try:
            from . import gazetteer
            hits = gazetteer.find(ctx)
        except Exception:  # the fallback must never break the step
            hits = []
        out = [(h.start, h.end, iris.force(h.ids[0])) for h in hits
               if h.label == "force" and len(h.ids) == 1]
    return sorted(out)


def _most_named(mentions) -> str | None:
    if not mentions:
        return None
    counts = Counter(k for _, _, k in mentions)
    first = {}
    for s, _, k in mentions:
        first.setdefault(k, s)
    return max(counts, key=lambda k: (counts[k], -first[k]))


def _programme_positions(text: str) -> list[tuple[int, str, int]]:
    """(start, programme, weight) of every programme cue in the text, in one pass."""
    low = text.lower()
    out = []
    for prog, weight, guarded in cues.guarded_programme_cues():
        out.extend((m.start(), prog, weight) for m in _cue_matches(guarded, text, low))
    return sorted(out)


# the constructs of a pattern none of whose matches can hold a newline (literals, spaces, \b \d \w, groups)
_LINE_BOUND = re.compile(r"(?:[A-Za-z0-9 |()?:*+]|\\[bdw])*")


def _cue_matches(guarded, text: str, low: str):
    """``guarded.finditer(text, low)``.  A cue with no literal prefix ("two other areas", "12 areas")
    is scanned whole by the regex engine (~0.1 ms a text): when its matches cannot cross a line,
    only the lines holding one of its required words are scanned."""
    if guarded.prefixes is not None or not guarded.required or not _LINE_BOUND.fullmatch(guarded.regex.pattern) \
            or not prefilter.same_offsets(text, low) or prefilter.folds(text):
        return guarded.finditer(text, low)
    out = []
    for start, end in _lines_holding(low, guarded.required[0]):
        out.extend(guarded.regex.finditer(text, start, end))
    return out


def _lines_holding(low: str, words) -> list[tuple[int, int]]:
    """(start, end) of every line of ``low`` holding one of ``words``, in order."""
    lines = set()
    for word in words:
        i = low.find(word)
        while i != -1:
            end = low.find("\n", i)
            end = len(low) if end == -1 else end
            lines.add((low.rfind("\n", 0, i) + 1, end))
            i = low.find(word, end)
    return sorted(lines)


def _programme(hits, title_end: int, text: str) -> str:
    scores: Counter = Counter()
    for start, prog, weight in hits:
        scores[prog] += weight * (2 if start < title_end else 1)
    if not scores or max(scores.values()) < 2:
        graded = _RATING_VERB_SCAN.search(text) or _GRADED_WITHOUT_VERB_SCAN.search(text)
        return "PEEL" if graded or scores.get("PEEL") else "other"
    order = [p for p, _, _ in cues.programmes()]
    return max(scores, key=lambda p: (scores[p], -order.index(p)))


# PEEL assesses the territorial forces of England and Wales (data/concepts.csv); a force elsewhere
# is inspected under another programme unless the text names PEEL itself
_PEEL_COUNTRIES = frozenset({"England", "Wales"})


def _peel_force(force_key: str) -> bool:
    force = {f.id: f for f in load_reference().forces}.get(force_key.removeprefix("force/"))
    return force is None or bool(_PEEL_COUNTRIES & {c.strip() for c in force.country.split(";")})


def _peel_named(hits) -> bool:
    return any(prog == "PEEL" and weight >= 3 for _, prog, weight in hits)


def _sentence_programme(hits, sent) -> str | None:
    """The programme of the strongest cue in the sentence (``hits`` sorted by start)."""
    first = bisect.bisect_left(hits, (sent.start,))
    last = bisect.bisect_left(hits, (sent.end,))
    strong = [(w, p) for _, p, w in hits[first:last] if w >= 2]
    return max(strong)[1] if strong else None


def _stated_period(ctx, title: str) -> str | None:
    """The period of the document's own inspection as its title or a heading near the top states it,
    else as the text names a PEEL round ("PEEL 2021/22", "the PEEL report (2023-25)")."""
    for line in [title, *(p.exact for p in ctx.paragraphs[1:_HEADING_LINES])]:
        if (len(line) > _HEADING_CHARS and line is not title) or not _HAS_YEAR.search(line):
            continue
        for regex in _TITLE_PERIOD:
            m = regex.search(line)
            if m:
                return dates.normalise_period(m.group(1))
        m = _NAME_AND_PERIOD.match(line)
        if m and _names_a_force(ctx, line):
            return dates.normalise_period(m.group(1))
    m = _TITLE_PERIOD_SCAN.search(ctx.text)
    if m:
        return dates.normalise_period(m.group(1))
    return None


def _names_a_force(ctx, line: str) -> bool:
    """The heading is a force's name and a period (the force's own name in the gazetteer)."""
    name = _NAME_AND_PERIOD.match(line).group(0)
    head = name[: name.rfind(" ")].strip().lower()
    for force in ctx.reference.forces:
        if any(label.lower() == head or label.lower().startswith(head + " ") for label in force.labels):
            return True
    return False


def _dated_refs(sentence: str, programme: str, doc_year: int | None, lowered: str | None = None):
    """(programme, stated period, key period) of each earlier or later inspection the sentence dates."""
    out = []
    if lowered is None:
        lowered = sentence.lower()
    for regex in _DATED_G if _HAS_YEAR.search(sentence) else ():  # each needs a year
        for m in regex.finditer(sentence, lowered):
            if _INTRODUCED.search(m.group(0)):
                continue  # "the introduction of PEEL assessments in 2014": the programme, no inspection
            for group in m.groups():
                period = dates.normalise_period(group) if group else None
                if period:
                    out.append((programme, period, dates.key_period(programme, period, None)))
    if out:
        seen = {period for _, period, _ in out}
        for m in _AND_IN.finditer(sentence):  # "rated inadequate in 2016 and requires improvement in 2017"
            period = dates.normalise_period(m.group(1))
            if period and period not in seen:
                seen.add(period)
                out.append((programme, period, dates.key_period(programme, period, None)))
        return out
    if doc_year and "last year" in lowered and _LAST_YEAR.search(sentence) and _REPORTISH_OR_RATED.search(sentence):
        # "a report last year rated the force inadequate"
        return [(programme, None, dates.key_period(programme, str(doc_year - 1), None))]
    if doc_year and "this year" in lowered and _THIS_YEAR.search(sentence) and _REPORTISH_OR_RATED.search(sentence):
        # "an inspection completed in May this year"
        return [(programme, None, dates.key_period(programme, str(doc_year), None))]
    past = cues.guarded_past_cues()
    if past["past"].search(sentence, lowered):
        m = _YEARS_AGO.search(sentence)
        n = _NUMBER_WORDS.get(m.group(1).lower()) if m and not m.group(1).isdigit() else (
            int(m.group(1)) if m else None)
        if n is not None and doc_year:
            year = str(doc_year - n)
            return [(programme, None, dates.key_period(programme, year, None))]
        return [(programme, None, "earlier")]
    if past["future"].search(sentence, lowered):
        if doc_year and _NEXT.search(sentence):
            return [(programme, None, dates.key_period(programme, str(doc_year + 1), None))]
        return [(programme, None, "next")]
    return out


def _mentions_by_sentence(ctx) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for (s, e), key in ctx.mentions.items():
        if key.startswith(("force/", "org/hmic")):
            index = sentence_index(ctx, s)
            if index is not None:
                out.setdefault(index, set()).add(key)
    for s, e, key in get_state(ctx).force_mentions:
        index = sentence_index(ctx, s)
        if index is not None:
            out.setdefault(index, set()).add(key)
    return out


def _other_forces(keys: set[str], main_force: str) -> list[str]:
    """The forces a sentence names when it does not name the document's own force."""
    forces = {k for k in keys if k.startswith("force/")}
    if main_force in forces:
        return []
    return sorted(forces)


def _named_inspectorate(keys: set[str]) -> str | None:
    for key in ("org/hmicfrs", "org/hmics"):
        if key in keys:
            return key
    return None


def _inspectorate(ctx, main_force: str, date: str | None, fallback: str | None = None) -> str:
    force_id = main_force.removeprefix("force/")
    try:
        scotland = ctx.reference.force(force_id).country == "Scotland"
    except KeyError:
        scotland = False
    if scotland:
        return "org/hmics"
    if fallback:
        return fallback
    from .state import get as entity_state
    named = entity_state(ctx).inspectorate
    if named in _INSPECTORATES:
        return named
    by_date = dates.inspectorate_by_date(date)
    if by_date:
        return iris.org(by_date)
    named_here = {k for k in ctx.mentions.values() if k in _INSPECTORATES}
    if len(named_here) == 1:
        return named_here.pop()
    return "org/hmicfrs"
