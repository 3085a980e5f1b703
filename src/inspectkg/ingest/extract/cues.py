"""Pattern data of the inspection-side steps, loaded from ``ingest/patterns/*.csv``.

Each file is a CSV with a header; every row is validated on load and a broken
row raises :class:`inspectkg.errors.RuleError` naming the file and the line.

    programmes.csv      programme,weight,pattern   cues of inspection programmes
    grade_forms.csv     grade,form                 the words that state an official grade
    finding_kinds.csv   kind,pattern               cues of finding kinds and polarity
    stance.csv          stance,pattern             cues of a response's stance
    past_cues.csv       when,pattern               earlier / announced inspections
    report_voice.csv    cue,pattern                an inspector's own page: signature line, observations heading
"""

from __future__ import annotations

import bisect
import csv
import re
from functools import cache
from pathlib import Path

from ...errors import RuleError

try:  # Python 3.11+
    from re import _constants as _c, _parser
except ImportError:  # pragma: no cover
    import sre_constants as _c
    import sre_parse as _parser

PATTERNS_DIR = Path(__file__).resolve().parent.parent / "patterns"


def rows(name: str, columns: tuple[str, ...], regex_column: str | None = "pattern",
         allowed: dict[str, set[str]] | None = None, directory: Path | None = None) -> list[dict]:
    """The rows of one pattern file, checked; regex cells compiled (case-insensitive)."""
    path = (directory or PATTERNS_DIR) / name
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise RuleError(path, f"cannot read pattern file ({exc.strerror})") from exc
    out = []
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise RuleError(f"{path}:1", f"missing column(s) {', '.join(missing)}")
        for line_no, row in enumerate(reader, start=2):
            if None in row:  # DictReader's key for cells beyond the header
                raise RuleError(f"{path}:{line_no}", f"{len(reader.fieldnames) + len(row[None])} cells for "
                                f"{len(reader.fieldnames)} columns; quote a pattern that holds a comma")
            for column in columns:
                if not (row.get(column) or "").strip():
                    raise RuleError(f"{path}:{line_no}", f"empty {column}")
            for column, values in (allowed or {}).items():
                if row[column] not in values:
                    raise RuleError(f"{path}:{line_no}", f"unknown {column} {row[column]!r}")
            if regex_column:
                try:
                    row["regex"] = re.compile(row[regex_column], re.IGNORECASE)
                except re.error as exc:
                    raise RuleError(f"{path}:{line_no}", f"bad regular expression: {exc}") from exc
            out.append(row)
    return out


PROGRAMMES = {"PEEL", "crime_data_integrity", "child_protection", "custody", "vetting",
              "domestic_abuse", "rape_investigation", "engage", "other"}
GRADES = {"outstanding", "good", "adequate", "requires_improvement", "inadequate"}
KINDS = {"recommendation", "cause_of_concern", "area_for_improvement", "negative", "strength"}
STANCES = {"accepts", "disputes", "commits_to_action"}


@cache
def programmes() -> list[tuple[str, int, re.Pattern]]:
    out = []
    for row in rows("programmes.csv", ("programme", "weight", "pattern"), allowed={"programme": PROGRAMMES}):
        if not row["weight"].isdigit():
            raise RuleError(PATTERNS_DIR / "programmes.csv", f"weight {row['weight']!r} is not a number")
        out.append((row["programme"], int(row["weight"]), row["regex"]))
    return out


@cache
def grade_forms() -> list[tuple[str, str]]:
    return [(r["grade"], r["form"]) for r in rows("grade_forms.csv", ("grade", "form"), None, {"grade": GRADES})]


@cache
def finding_kinds() -> dict[str, re.Pattern]:
    grouped: dict[str, list[str]] = {}
    for row in rows("finding_kinds.csv", ("kind", "pattern"), allowed={"kind": KINDS}):
        grouped.setdefault(row["kind"], []).append(row["pattern"])
    return {k: re.compile("|".join(f"(?:{p})" for p in v), re.IGNORECASE) for k, v in grouped.items()}


@cache
def stances() -> list[tuple[str, re.Pattern]]:
    """One regex per stance, in the order disputes, accepts, commits_to_action."""
    grouped: dict[str, list[str]] = {}
    for row in rows("stance.csv", ("stance", "pattern"), allowed={"stance": STANCES}):
        grouped.setdefault(row["stance"], []).append(row["pattern"])
    order = ("disputes", "accepts", "commits_to_action")
    return [(k, re.compile("|".join(f"(?:{p})" for p in grouped[k]), re.IGNORECASE)) for k in order if k in grouped]


@cache
def past_cues() -> dict[str, re.Pattern]:
    grouped: dict[str, list[str]] = {}
    for row in rows("past_cues.csv", ("when", "pattern"), allowed={"when": {"past", "future"}}):
        grouped.setdefault(row["when"], []).append(row["pattern"])
    return {k: re.compile("|".join(f"(?:{p})" for p in v), re.IGNORECASE) for k, v in grouped.items()}


def requirements(pattern: str, flags: int = re.IGNORECASE) -> tuple[frozenset[str], ...]:
    """What any match of ``pattern`` must contain: clauses of lower-case strings, each
    clause satisfied when one of its strings occurs in the (lower-cased) text.

    Read off the parsed pattern: a run of literal characters (4 or more) must occur;
    an alternation requires one of its branches' requirements (nothing when a branch
    has none); an optional part requires nothing.  Dropping a requirement is always
    safe, so anything unusual is simply not required.

        >>> requirements(r"\\bcustody (?:suite )?inspection\\b")
        (frozenset({'custody '}), frozenset({'inspection'}))
    """
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return ()
    return tuple(_clauses(parsed.data))


def _clauses(items) -> list[frozenset[str]]:
    out: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        literal = "".join(run).lower()
        if len(literal.strip()) >= 4:
            out.append(frozenset((literal,)))
        run.clear()

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is _c.SUBPATTERN:
            out.extend(_clauses(av[3].data))
        elif op is _c.ATOMIC_GROUP:
            out.extend(_clauses(av.data))
        elif op is _c.BRANCH:
            alternatives = [_clauses(branch.data) for branch in av[1]]
            if alternatives and all(alternatives):
                # each alternative needs every one of its clauses, so any pick of one clause per
                # alternative makes a clause the branch needs: the longest words of each, and
                # the fewest words of each (``\\bwill (?:return|review|...)`` -> "will ")
                for key in (lambda c: min(map(len, c)), lambda c: (-len(c), min(map(len, c)))):
                    clause = frozenset().union(*(max(alt, key=key) for alt in alternatives))
                    if clause not in out:
                        out.append(clause)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            out.extend(_clauses(av[2].data))
    flush()
    return out


def may_match(clauses: tuple[frozenset[str], ...], lowered: str) -> bool:
    """False when ``lowered`` lacks a required string: the regex cannot match there."""
    return all(any(word in lowered for word in clause) for clause in clauses)


@cache
def programme_cues() -> list[tuple[str, int, re.Pattern, tuple[frozenset[str], ...]]]:
    """(programme, weight, regex, requirements): a cue is only tried on a text that holds
    what it requires, which keeps the 25 case-free regexes off most texts."""
    return [(prog, weight, regex, requirements(regex.pattern)) for prog, weight, regex in programmes()]


@cache
def guarded_programme_cues() -> list[tuple[str, int, Guarded]]:
    """(programme, weight, guarded regex) of every row of ``programmes.csv``."""
    return [(prog, weight, Guarded(regex)) for prog, weight, regex in programmes()]


_SCAN_CHARS = 64  # characters of text per prefix below which a plain regex scan is cheaper


def _branches(pattern: str, flags: int) -> int:
    """How many alternatives the top level of the parsed pattern has (1: no alternation).

    The engine tries every top-level alternative, assertions and all, at every position of
    the text (``\\bnot\\b|\\bfail\\w*|...``), while ``\\b(?:not|fail\\w*|...)`` costs one test
    per position before the alternatives' first letters: with several top-level
    alternatives, finding the prefixes costs less even in a short text."""
    try:
        items = list(_parser.parse(pattern, flags).data)
    except re.error:
        return 1
    while len(items) == 1 and items[0][0] is _c.SUBPATTERN:
        items = list(items[0][1][3].data)
    if len(items) == 1 and items[0][0] is _c.BRANCH:
        return len(items[0][1][1])
    return 1


class Guarded:
    """A compiled regex tried only on text that holds what it requires (``requirements``).

    ``search(text, lowered)`` returns what ``regex.search(text)`` returns; ``lowered``
    is ``text.lower()`` when the caller has it already.  Most sentences lack the cue
    words, and a few substring tests cost far less than a case-free regex scan.
    """

    __slots__ = ("regex", "required", "prefixes", "word_start", "_possible", "_scan_chars")

    def __init__(self, regex: re.Pattern):
        self.regex = regex
        self.required = tuple(tuple(sorted(c)) for c in requirements(regex.pattern, regex.flags))
        self._possible = _tester(self.required)
        self.prefixes = prefixes(regex.pattern, regex.flags)
        self.word_start = bool(self.prefixes) and _word_start(regex.pattern, regex.flags) \
            and all(p[0].isalnum() for p in self.prefixes)
        # text length per prefix from which looking for the prefixes beats one regex scan
        self._scan_chars = 0 if _branches(regex.pattern, regex.flags) > 1 else _SCAN_CHARS

    def possible(self, lowered: str) -> bool:
        return self._possible is None or self._possible(lowered)

    def search(self, text: str, lowered: str | None = None):
        if lowered is None:
            lowered = text.lower()
        test = self._possible
        if test is not None and not test(lowered):
            return None
        if self.prefixes is None or len(self.prefixes) * self._scan_chars > len(text) or not same_offsets(text, lowered):
            return self.regex.search(text)  # on a short text one scan costs less than a find per prefix
        match = self.regex.match
        for i in starts(self.prefixes, lowered):
            m = match(text, i)
            if m:
                return m
        return None

    def search_in(self, text: str, lowered: str, doc: str, at: int):
        """``search(text, lowered)`` for ``text`` == ``doc[at:at + len(text)]`` (a sentence of a
        document): the prefixes are looked for once in the whole document, not per sentence."""
        test = self._possible
        if test is not None and not test(lowered):
            return None
        if self.prefixes is None:
            return self.regex.search(text)
        found = _doc_starts(doc, self.prefixes, False)
        if found is None:
            return self.regex.search(text)
        match = self.regex.match
        word_start = self.word_start
        for i in found[bisect.bisect_left(found, at):bisect.bisect_left(found, at + len(text))]:
            i -= at
            if word_start and i and (text[i - 1].isalnum() or text[i - 1] == "_"):
                continue  # inside a word: no boundary there
            m = match(text, i)
            if m:
                return m
        return None

    def finditer(self, text: str, lowered: str | None = None):
        if lowered is None:
            lowered = text.lower()
        test = self._possible
        if test is not None and not test(lowered):
            return iter(())
        if self.prefixes is None or len(self.prefixes) * self._scan_chars > len(text) or not same_offsets(text, lowered):
            return self.regex.finditer(text)
        # what finditer yields: from each candidate start at or after the last match's end
        # (a match is never empty: it begins with a prefix)
        match = self.regex.match
        out = []
        end = 0
        for i in starts(self.prefixes, lowered):
            if i >= end:
                m = match(text, i)
                if m:
                    out.append(m)
                    end = m.end()
        return iter(out)


class Scan:
    """A compiled regex looked for only where one of its literal prefixes begins.

    ``finditer(text, pos, endpos)`` and ``search(...)`` return what the regex's own
    methods return.  The prefixes' positions are found once per text (plain substring
    search of the lowered text, kept for the last text seen), so many calls over the
    sentences of one document cost a bisection and a ``match`` per candidate, not a
    case-free scan each.  Without usable prefixes the regex is run as it is.
    """

    __slots__ = ("regex", "prefixes", "word_start")

    def __init__(self, regex: re.Pattern):
        self.regex = regex
        self.prefixes = prefixes(regex.pattern, regex.flags)
        # a match begins at a word boundary (or after no word character): skip starts inside words
        self.word_start = bool(self.prefixes) and _word_start(regex.pattern, regex.flags) \
            and all(p[0].isalnum() for p in self.prefixes)

    def _candidates(self, text: str, pos: int, endpos: int) -> list[int] | None:
        found = _doc_starts(text, self.prefixes, self.word_start)
        if found is None:
            return None
        return found[bisect.bisect_left(found, pos):bisect.bisect_left(found, endpos)]

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list:
        if endpos is None or endpos > len(text):
            endpos = len(text)
        found = self._candidates(text, pos, endpos) if self.prefixes else None
        if found is None:
            return list(self.regex.finditer(text, pos, endpos))
        match = self.regex.match
        out = []
        end = pos
        for i in found:
            if i >= end:
                m = match(text, i, endpos)
                if m:
                    out.append(m)
                    end = m.end()
        return out

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        if endpos is None or endpos > len(text):
            endpos = len(text)
        found = self._candidates(text, pos, endpos) if self.prefixes else None
        if found is None:
            return self.regex.search(text, pos, endpos)
        match = self.regex.match
        for i in found:
            m = match(text, i, endpos)
            if m:
                return m
        return None


def _word_start(pattern: str, flags: int) -> bool:
    """Does the pattern begin with ``\\b`` or a negative lookbehind that excludes word characters?"""
    try:
        items = list(_parser.parse(pattern, flags).data)
    except re.error:
        return False
    if not items:
        return False
    op, av = items[0]
    if op is _c.AT and av is _c.AT_BOUNDARY:
        return True
    if op is _c.ASSERT_NOT and av[0] == -1:
        inner = list(av[1].data)
        if len(inner) == 1 and inner[0][0] is _c.IN:
            return any(o is _c.CATEGORY and a is _c.CATEGORY_WORD for o, a in inner[0][1])
    return False


_DOC: dict = {"text": None}  # the last text seen: its lowered form and prefix positions


def _doc_starts(text: str, prefixes_: tuple[str, ...], word_start: bool) -> list[int] | None:
    """Sorted positions in ``text`` where a prefix begins (None when positions cannot be trusted)."""
    doc = _DOC
    if doc["text"] is not text:
        lowered = text.lower()
        doc.clear()
        doc["text"] = text
        doc["lowered"] = lowered if same_offsets(text, lowered) else None
    lowered = doc["lowered"]
    if lowered is None:
        return None
    key = (prefixes_, word_start)
    found = doc.get(key)
    if found is None:
        found = starts(prefixes_, lowered)
        if word_start:
            found = [i for i in found if not i or not (text[i - 1].isalnum() or text[i - 1] == "_")]
        doc[key] = found
    return found


def same_offsets(text: str, lowered: str) -> bool:
    """Is ``lowered`` (``text.lower()``) a position-for-position copy in which every case-free
    match of an ASCII literal shows as that literal?  Not when lowering changed the length
    ("İ") or the text holds "ı" / "ſ", which a case-free regex takes for "i" / "s"."""
    return len(text) == len(lowered) and "ı" not in text and "ſ" not in text


def starts(prefixes: tuple[str, ...], lowered: str) -> list[int]:
    """Every position of ``lowered`` where one of the prefixes begins, in order."""
    out: list[int] = []
    find = lowered.find
    for p in prefixes:
        i = find(p)
        while i != -1:
            out.append(i)
            i = find(p, i + 1)
    if len(prefixes) > 1:
        out.sort()  # no position twice: of two prefixes, neither begins with the other (``prefixes``)
    return out


def prefixes(pattern: str, flags: int = re.IGNORECASE) -> tuple[str, ...] | None:
    """Lower-case ASCII strings one of which every match of ``pattern`` begins with (after
    zero-width assertions); None when the pattern's start is not such a literal.

        >>> prefixes(r"\\b(?:in|across) (?:\\w+ )?areas\\b")
        ('across ', 'in ')
    """
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return None
    found = _prefixes(list(parsed.data))
    if not found or not all(p and p.isascii() for p in found):
        return None
    # a prefix that begins with another one adds no start ("inadequate" after "in")
    return tuple(sorted(p for p in found if not any(q != p and p.startswith(q) for q in found)))


def _tester(required: tuple[tuple[str, ...], ...]):
    """``required`` as one function of the lowered text (plain ``in`` tests, no loops); None when empty."""
    if not required:
        return None
    expr = " and ".join("(" + " or ".join(f"{word!r} in lowered" for word in clause) + ")" for clause in required)
    return eval(f"lambda lowered: {expr}", {})  # noqa: S307 - built from repr() of literal strings


_MAX_PREFIXES = 64


def _prefixes(items) -> set[str] | None:
    found, _ = _sequence(items)
    return found if found and all(found) else None


def _zero_width(op, av) -> bool:
    """Does the item only assert (``(?:^|(?<=, ))``), matching no character?"""
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return True
    if op is _c.SUBPATTERN:
        return all(_zero_width(o, a) for o, a in av[3].data)
    if op is _c.BRANCH:
        return all(branch.data and all(_zero_width(o, a) for o, a in branch.data) for branch in av[1])
    return False


def _sequence(items) -> tuple[set[str] | None, bool]:
    """(strings one of which a match of the items begins with, whether those strings are all
    the items can match); (None, False) when unknown."""
    current = {""}
    for op, av in items:
        if op is _c.LITERAL:
            current = {c + chr(av).lower() for c in current}
            continue
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT) or _zero_width(op, av):
            continue  # zero-width: the match still begins with what follows
        if op is _c.SUBPATTERN:
            sub = _sequence(list(av[3].data))
        elif op is _c.ATOMIC_GROUP:
            sub = _sequence(list(av.data))
        elif op is _c.BRANCH:
            union: set[str] = set()
            exact = True
            for branch in av[1]:
                found, whole = _sequence(list(branch.data))
                if not found or not all(found):
                    union = None
                    break
                union |= found
                exact = exact and whole
            sub = (union, exact) if union is not None else (None, False)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            found, _ = _sequence(list(av[2].data))
            sub = (found, False)
        elif op is _c.IN and av and all(o is _c.LITERAL for o, _ in av):
            sub = ({chr(v).lower() for _, v in av}, True)  # [Tt]
        else:
            sub = (None, False)
        found, exact = sub
        if not found or len(current) * len(found) > _MAX_PREFIXES:
            return (current if any(current) else None), False
        current = {c + f for c in current for f in found}
        if not exact:
            return current, False
    return current, True


@cache
def guarded_finding_kinds() -> dict[str, Guarded]:
    return {k: Guarded(v) for k, v in finding_kinds().items()}


@cache
def guarded_stances() -> list[tuple[str, Guarded]]:
    return [(stance, Guarded(regex)) for stance, regex in stances()]


@cache
def guarded_past_cues() -> dict[str, Guarded]:
    return {k: Guarded(v) for k, v in past_cues().items()}


@cache
def report_voice() -> dict[str, re.Pattern]:
    """``signature`` and ``heading``: paragraphs that mark the inspector's own words (one regex each)."""
    grouped: dict[str, list[str]] = {}
    for row in rows("report_voice.csv", ("cue", "pattern"), allowed={"cue": {"signature", "heading"}}):
        grouped.setdefault(row["cue"], []).append(row["pattern"])
    return {k: re.compile("|".join(f"(?:{p})" for p in v), re.IGNORECASE) for k, v in grouped.items()}
