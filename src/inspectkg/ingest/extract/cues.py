"""Pattern data of the inspection-side steps, loaded from ``ingest/patterns/*.csv``.

Each file is a CSV with a header; every row is validated on load and a broken
row raises :class:`inspectkg.errors.RuleError` naming the file and the line.

    programmes.csv      programme,weight,pattern   cues of inspection programmes
    grade_forms.csv     grade,form                 the words that state an official grade
    finding_kinds.csv   kind,pattern               cues of finding kinds and polarity
    stance.csv          stance,pattern             cues of a response's stance
    past_cues.csv       when,pattern               earlier / announced inspections
    report_voice.csv    cue,pattern                an inspector's own page: signature line, observations heading

The ``guarded_*`` functions give the same regexes wrapped in :class:`.prefilter.Guarded`
(tried only on text holding the words they require).
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from ...errors import RuleError
from .prefilter import Guarded

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
    from .grades import official_grade_ids  # grades reads these forms: imported here, not at the top

    return [(r["grade"], r["form"]) for r in rows("grade_forms.csv", ("grade", "form"), None,
                                                      {"grade": official_grade_ids()})]


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


@cache
def guarded_programme_cues() -> list[tuple[str, int, Guarded]]:
    """(programme, weight, guarded regex) of every row of ``programmes.csv``."""
    return [(prog, weight, Guarded(regex)) for prog, weight, regex in programmes()]


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


@cache
def guarded_report_voice() -> dict[str, Guarded]:
    return {k: Guarded(v) for k, v in report_voice().items()}
