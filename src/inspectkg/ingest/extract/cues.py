"""Pattern data of the inspection-side steps, loaded from ``ingest/patterns/*.csv``.

Each file is a CSV with a header; every row is validated on load and a broken
row raises :class:`inspectkg.errors.RuleError` naming the file and the line.

    programmes.csv      programme,weight,pattern   cues of inspection programmes
    grade_forms.csv     grade,form                 the words that state an official grade
    finding_kinds.csv   kind,pattern               cues of finding kinds and polarity
    stance.csv          stance,pattern             cues of a response's stance
    past_cues.csv       when,pattern               earlier / announced inspections
"""

from __future__ import annotations

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
                best = [max(alt, key=lambda clause: min(map(len, clause))) for alt in alternatives]
                out.append(frozenset().union(*best))
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


class Guarded:
    """A compiled regex tried only on text that holds what it requires (``requirements``).

    ``search(text, lowered)`` returns what ``regex.search(text)`` returns; ``lowered``
    is ``text.lower()`` when the caller has it already.  Most sentences lack the cue
    words, and a few substring tests cost far less than a case-free regex scan.
    """

    __slots__ = ("regex", "required")

    def __init__(self, regex: re.Pattern):
        self.regex = regex
        self.required = tuple(tuple(sorted(c)) for c in requirements(regex.pattern, regex.flags))

    def possible(self, lowered: str) -> bool:
        contains = lowered.__contains__
        for clause in self.required:
            if not any(map(contains, clause)):
                return False
        return True

    def search(self, text: str, lowered: str | None = None):
        if self.required and not self.possible(text.lower() if lowered is None else lowered):
            return None
        return self.regex.search(text)

    def finditer(self, text: str, lowered: str | None = None):
        if self.required and not self.possible(text.lower() if lowered is None else lowered):
            return iter(())
        return self.regex.finditer(text)


@cache
def guarded_finding_kinds() -> dict[str, Guarded]:
    return {k: Guarded(v) for k, v in finding_kinds().items()}


@cache
def guarded_past_cues() -> dict[str, Guarded]:
    return {k: Guarded(v) for k, v in past_cues().items()}
