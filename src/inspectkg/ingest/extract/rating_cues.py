"""The patterns and text tests of the ratings step: rating verbs, clause breaks, counts,
lists of areas, and the small tests a grade word is put to (is it the scale listed, an
adjective, quoted, a tally of forces).  Pure functions of the text; ``ratings.py`` decides.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from . import areas, lexicon, prefilter
from .grades import GRADE_WORDS

VERB = lexicon.words_regex("rating_verb", "rating_cue", "rating_loose_cue")  # "rated", "a grading of", "found to be" ...
OVERALL_VERB = re.compile(lexicon.words_regex("rating_verb").pattern + r"|\boverall\b", re.IGNORECASE)
COPULA_SUBJECT = re.compile(
    r"(?:\b(?:the force|the constabulary|it|we|they)|\bPolice|\bConstabulary)\s+(?:is|was|are|were|has been|had been|remains)"
    r"\s+(?:still\s+|now\s+|also\s+)?[\"'‘“]?$", re.IGNORECASE)
BREAK = re.compile(r";|\s(?:but|while|whilst|although|however|though|which means|meaning)\b|[.!?](?:\s|$)"
                    r"|\sand\s+(?:also\s+)?(?:said|says|found|was|were|is|are|has|had|will|would|could|should|needs?|placed)\b",
                    re.IGNORECASE)
BREAK_NO_SEMI = re.compile(BREAK.pattern.removeprefix(";|"), re.IGNORECASE)
CLAUSE_START = re.compile(r".*(?:[,;:]|\b(?:but|while|whilst|although|and))\s", re.IGNORECASE | re.DOTALL)
STRONG_START = re.compile(r".*(?:[;:(]|\b(?:but|while|whilst|although|however))\s", re.IGNORECASE | re.DOTALL)
NEGATED = re.compile(r"\b(?:no|not|never|none of)\b[^,;]*$", re.IGNORECASE)
COUNTED = re.compile(r"[\"'’”]*\s*(?:grades|ratings|gradings)\b", re.IGNORECASE)
# "the 'inadequate' rating for vetting", "'good' ratings for responding to the public"
RATING_FOR = re.compile(r"[\"'’”]*\s*(?:grades?|ratings?|gradings?)\s+(?:for|in|on|across)\b", re.IGNORECASE)
RATING_NOUN = re.compile(r"[\"'’”]*\s*(?:overall\s+)?(?:rating|grade|grading|judgement|judgment)\b(?!\s+(?:of|for)\b)",
                          re.IGNORECASE)
NUM = (r"(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|all|most|many|several|some"
        r"|the majority|a majority|the rest|the remainder)")
COUNT_AFTER = re.compile(
    r"^\W*(?:in|across|for)\s+(?:(?:the|its)\s+)?(?:all\s+)?" + NUM + r"(?:\s+out\s+of\s+(?:\d+|\w+))?(?:\s+of(?:\s+the|\s+its)?(?=\s))?"
    r"(?:\s+(?:other|key|remaining|further))?(?:\s+[\w-]+)?\s+(?:areas?|categor(?:y|ies)|pillars?|others|questions?)\b",
    re.IGNORECASE)
# "Good in three areas, Adequate in five, and Requires Improvement in one": the noun left out
COUNT_ELLIPTIC = re.compile(r"^\W*in\s+" + NUM + r"(?=\s*(?:[,;.]|and\b|$))", re.IGNORECASE)
COUNT_BEFORE = re.compile(
    NUM + r"(?:\s+of\s+(?:the|its))?(?:\s+(?:other|key|remaining|further))?\s+(?:areas|categories|questions|pillars)"
    r"(?:\s+(?:being|were|was|are|is))?(?:\s+(?:assessed|rated|graded|judged|found|deemed)(?:\s+(?:as|to\s+be))?)?"
    r"\s*[\"'‘“]?$", re.IGNORECASE)
# "one 'outstanding', six 'good' and two 'adequate' ratings": a count right before the grade
NUM_BEFORE = re.compile(r"(?<![\w-])" + NUM + r"\s+[\"'‘“]?$", re.IGNORECASE)
# "four other areas rated 'good' and two 'adequate'": a later count whose noun is left out, after "and" or a comma
COUNT_NOUN_EARLIER = re.compile(r"\b(?:areas|categories|questions|pillars)\b[^.;:]*(?:,|\band)\s+$", re.IGNORECASE)
COUNT_LIST_END = re.compile(r"^[\"'’”]?\s*(?:(?:,\s*(?:and\s+)?|\s+and\s+)(?:\d{1,2}|[a-z]+)\s+[\"'‘“]?(?P<g>\w[\w ]*?)"
                             r"[\"'’”]?(?=[,\s]))*?\s*(?:ratings|grades|gradings|judgements|judgments)\b", re.IGNORECASE)
# "across the board", "in all areas", "in each of the three pillars", "in every category"
ALL = re.compile(r"^\W*(?:across the board|(?:in|across) (?:all|each of)(?: the| its)?(?: \w+)? (?:areas|categories|pillars)\b"
                 r"|in every (?:area|category|pillar)\b)", re.IGNORECASE)
THESE_AREAS = re.compile(r"\b(?:these|those|the three|the two|the four|both)\s+(?:\w+\s+)?areas\b", re.IGNORECASE)
THIS_GRADE = re.compile(r"\b(?:this|that|the same)\s+(?:grade|grading|rating)\b", re.IGNORECASE)
THIS_GRADE_G = prefilter.Guarded(THIS_GRADE)  # tried only on sentences holding its words
# "graded as outstanding in this area": the area named before; nothing new
THIS_AREA = re.compile(r"[\"'’”]?\s*(?:in|for|at)\s+(?:this|that|these|those|the same)\s+(?:area|category|respect)s?\b",
                        re.IGNORECASE)
# "the areas requiring improvement are X; Y and Z"
AREAS_ARE_BEFORE = re.compile(r"\b(?:areas?|categories|questions)\s+(?:(?:rated|graded|judged|assessed\s+as|found\s+to\s+be)\s+)?"
                               r"[\"'‘“]?$", re.IGNORECASE)
AREAS_ARE_AFTER = re.compile(r"[\"'’”]?\s*(?:are|were|was|is|include[sd]?|:)\s+", re.IGNORECASE)
# "X, good at Y and good at Z": a grade continuing the list of the grade before it
CHAIN = re.compile(r"^[\"'’”]?\s*(?:,|;|\band\b|\bas well as\b|,\s*and\b)\s*(?:(?:is|was|are|were)\s+)?(?:also\s+)?"
                    r"[\"'‘“]?$", re.IGNORECASE)
# a grade as the predicate of an area: "the extent to which ... is good.", "... legitimately requires improvement."
PREDICATE = re.compile(r"\b(?:is|was|are|were|remains|remained|has been|have been|had been)\s+(?:still\s+|now\s+|also\s+)?"
                        r"[\"'‘“]?$", re.IGNORECASE)
ENDS_CLAUSE = re.compile(r"[\"'’”]?\s*(?:[.;:!?,]|$|\n|\s+and\b|\s+but\b)", re.IGNORECASE)
# "rated outstanding, good, adequate, requires improvement and inadequate": the scale, no grade
SCALE_GAP = re.compile(r"^[\"'’”]?\s*(?:,|/|\bor\b|\band\b|,\s*(?:and|or)\b)\s*[\"'‘“]?$", re.IGNORECASE)
# "graded outstanding in the 2016 legitimacy inspection": the name of an inspection, no area
PROGRAMME_NAME = re.compile(r"\s+(?:inspections?|reports?|assessments?|reviews?|programme)\b", re.IGNORECASE)
BULLET = re.compile(r"[\s•*·▪►>\-–—]*[\"'‘“]?")  # what may precede a grade heading its line
# "Inspectors found that the force:\n • is 'good' at ...": a bullet continuing the subject above it
BULLET_COPULA = re.compile(r"[\s•*·▪►>\-–—]*(?:is|are|was|were|has been|remains)\s+(?:still\s+|now\s+)?[\"'‘“]?",
                            re.IGNORECASE)
# "The report said the constabulary is\n • 'good' at ...\n • 'requires improvement' at ...": a list whose
# lead-in ends in a copula or a grading verb gives each item's grade that verb
LIST_ITEM = re.compile(r"[ \t]*[•*·▪►\-–—]\s*")
LIST_LEAD = re.compile(r"\b(?:is|are|was|were|has been|remains|rated|graded|judged|assessed)(?:\s+(?:as|to be))?\s*:?\s*$",
                       re.IGNORECASE)
# "went from 'requires improvement' to 'good'": the later grade of a comparison
FROM_TO = re.compile(r"\bfrom\s+[\"'‘“]?" + GRADE_WORDS + r"[\"'’”]?\s+to\s+[\"'‘“]?$", re.IGNORECASE)
AND_GAP = re.compile(r"\s+and\s+")
LIST_LOOKBACK = 12  # lines: a lead-in further up is another list's


def list_lead_line(text: str, line_start: int) -> tuple[int, int] | None:
    """(start, end) of the lead-in line of the list whose item is the line at ``line_start``."""
    if not LIST_ITEM.match(text, line_start):
        return None
    end = line_start - 1
    for _ in range(LIST_LOOKBACK):
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line.strip() and not LIST_ITEM.match(line):
            return start, end
        end = start - 1
    return None


def list_lead_copula(text: str, line_start: int) -> bool:
    """Whether the line at ``line_start`` is an item of a list whose lead-in line ends in a copula."""
    lead = list_lead_line(text, line_start)
    return lead is not None and bool(LIST_LEAD.search(text, *lead))


VERB_ONLY = re.compile(r"(?:(?:was|were|is|been|being|having been)\s+)?(?:rated|graded|judged|assessed|found|deemed)"
                        r"(?:\s+(?:as|to be))?\s*[\"'‘“]?", re.IGNORECASE)
AREA_PREPOSITION = re.compile(r"\W*(?:at|in)\b(?!\s+(?:19|20)\d\d)")  # "rated good in ..." awaits an area
PASSIVE_GAP = re.compile(r"[\"'’”]?\s*(?:(?:being|been|was|were|is|are|has been|have been)\s+)?", re.IGNORECASE)
FOR_AREA = re.compile(r"\s+(?:for|in|at|on)\s", re.IGNORECASE)
HEAD_SEP = re.compile(r"[\"'’”]?\s*[–—:-]\s")
NOW = re.compile(r"\b(?:now|currently|this time|today)\b[^,;]*$", re.IGNORECASE)
# the grade held over from the round before
AGAIN = re.compile(r"\b(?:for the (?:second|third|fourth|fifth|sixth) (?:year|time|inspection|consecutive \w+)"
                    r"(?: running| in a row)?|(?:second|third|fourth) consecutive|once again|again been)\b", re.IGNORECASE)
AGAIN_G = prefilter.Guarded(AGAIN)
# a tally of forces, none named: "three forces were ranked inadequate", "with 19 judged as good"
TALLY = (r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|most|some|half|all|"
          r"no|few|the other|the remaining|a further \d+|another \d+)")
AGGREGATE = re.compile(
    r"\b" + TALLY + r"(?:\s+of\s+the(?:\s+\d+)?)?\s+(?:other\s+|more\s+)?(?:police\s+)?forces?\b[^.;]*$"
    r"|(?:^|[,;]\s*|\b(?:with|and|while|whereas)\s+)" + TALLY +
    r"\s+(?:were|are|was|have been|had been|found|judged|rated|graded|assessed|ranked)\b[^.;]*$"
    r"|(?:^|[,;]\s*|\band\s+)" + TALLY + r"\s+[\"'‘“]?$", re.IGNORECASE)
WORDS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
CDI_AREAS = {"recording_data_about_crime", "crime_data_integrity", "peel2015_crime_recording"}


FORCES_GRADED = re.compile(r"\bforces?\s+(?:\w+\s+){0,2}?(?:%s)\s+(?:as\s+)?[\"'‘“]?$")


LISTED_AFTER = re.compile(r"[\"'’”]?\s*(?:is|are|were|was|include[sd]?|:)\s+")


@cache
def forces_graded() -> re.Pattern:
    return re.compile(FORCES_GRADED.pattern % lexicon.words_regex("rating_verb").pattern, re.IGNORECASE)


AFTER_WORD = re.compile(r"[\"'’”]?\s+([a-z]+)\b")
# words that may follow a grade that is a grade: what it is for, its noun, when, by whom


GRADE_FOLLOWERS = frozenset(
    "in at for across on when with to overall and or but by from after since following last this these its their "
    "rating ratings grade grades grading gradings judgement judgment judgements judgments assessment verdict as "
    "again once now too also both each compared against under".split())
# an area as the subject of a clause: "the extent to which ...", "the efficiency with which ..."


SUBJECT_AREA = re.compile(r"\s*(?:the\s+)?(?:extent to which|efficiency|effectiveness|legitimacy|how well|how effective|"
                           r"how efficient|how legitimate)\b", re.IGNORECASE)


def strong_start(before: str, sent_start: int) -> int:
    """Where the clause holding the end of ``before`` starts, splitting at strong breaks only."""
    strong = STRONG_START.match(before)
    return sent_start + (strong.end() if strong else 0)


def adjective(text: str, g_end: int) -> bool:
    """Is the grade word an adjective of the noun after it ("an outstanding record")?"""
    m = AFTER_WORD.match(text, g_end)
    return bool(m) and m.group(1) not in GRADE_FOLLOWERS


def quoted(text: str, g_start: int, g_end: int) -> bool:
    return text[g_start - 1:g_start] in "\"'‘“" and text[g_start - 1:g_start] != "" and text[g_end:g_end + 1] in "\"'’”"


def within(found, starts, start: int, end: int) -> list:
    """The grades of ``found`` (sorted, ``starts`` their starts) lying in text[start:end]."""
    i = bisect.bisect_left(starts, start)
    j = bisect.bisect_left(starts, end, i)
    return [g for g in found[i:j] if g[2] <= end]


def scale_mentions(text: str, found) -> set[int]:
    """Indexes of grades listed three or more in a row: the scale itself, not grades."""
    out: set[int] = set()
    run = [0]
    for n in range(1, len(found) + 1):
        if n < len(found) and SCALE_GAP.match(text[found[n - 1][2]:found[n][1]]):
            run.append(n)
            continue
        if len({found[i][0] for i in run}) >= 3:
            out.update(run)
        run = [n]
    return out


def counted_list(text: str, g_end: int, end: int) -> bool:
    """Does a list of counted grades ending in "ratings"/"grades" follow ("..., two 'adequate' ratings")?"""
    return bool(COUNT_LIST_END.match(text[g_end:end]))


def elided_count(before: str, num) -> bool:
    """Whether the count ``num`` (a NUM_BEFORE match at the end of ``before``'s last 20 characters) counts
    areas named by an earlier count of the clause ("four areas rated 'good' and two 'adequate'")."""
    head = before[:len(before) - len(before[-20:]) + num.start()]
    return bool(COUNT_NOUN_EARLIER.search(head[-160:]))


def _not_programme_names(text: str, hits, round_) -> list:
    """The hits that name an area, not an inspection: "the legitimacy inspection" names an inspection;
    in "good for effectiveness in a new inspection" the paraphrase "effectiveness inspection" spans two
    phrases, and the area is what comes before the words between them."""
    out = []
    for h in hits:
        inner = PROGRAMME_NAME.search(text, h.start, h.end)
        if inner is None:
            if not PROGRAMME_NAME.match(text, h.end):
                out.append(h)
            continue
        out.extend(sub for sub in areas.find(text, h.start, inner.start(), round_)
                   if not PROGRAMME_NAME.match(text, sub.end))
    return out


def list_areas(text: str, start: int, end: int, round_) -> list:
    """Areas of a list after a grade (items split at commas and semicolons); an item after
    the first must be mostly an area name, or begin with one (which then ends the list)."""
    hits = _not_programme_names(text, areas.find(text, start, end, round_), round_)
    if not hits:
        return []
    out: list = []
    pos = start
    for n, item in enumerate(re.split(r"([,;])", text[start:end])):
        if item in (",", ";"):
            pos += 1
            continue
        i_start, i_end = pos, pos + len(item)
        pos = i_end
        in_item = [h for h in hits if h.start < i_end and h.end > i_start]
        if n > 0:
            content = [t for t in areas.tokens(text, i_start, i_end) if t[0] not in ",;:.()" and t[0] != "well"]
            covered = sum(1 for t in content if any(h.start <= t[1] and t[2] <= h.end for h in in_item))
            if not content or not in_item:
                break
            if covered * 2 < len(content):
                # "...; and protecting vulnerable people with the rest rated adequate"
                first = next((h for h in in_item if h.start <= content[0][1] < h.end), None)
                if first is not None and first not in out:
                    out.append(first)
                    # "legitimacy and effectiveness in a new inspection": the area after "and" too
                    out.extend(h for h in in_item if AND_GAP.fullmatch(text, first.end, h.start))
                break
        out.extend(h for h in in_item if h not in out)
    return out


def clause_end(text: str, start: int, end: int, semicolons: bool = True) -> int:
    m = (BREAK if semicolons else BREAK_NO_SEMI).search(text, start, end)
    return m.start() if m else end
