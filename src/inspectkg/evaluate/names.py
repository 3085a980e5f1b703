"""Normalising and comparing names, roles, periods and areas for the evaluator.

Gold annotations use free text for names and areas, and closed vocabularies
for roles, programmes and grades; our graph uses concept ids.  Everything here
maps both sides onto comparable values using the reference data
(:mod:`inspectkg.reference`), so the matcher itself stays generic.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache

from .. import iris
from ..reference import load as load_reference
from ..resources import data_dir

HONORIFICS = frozenset(
    "mr mrs ms miss mx dr sir dame lord lady baroness baron professor prof rev revd rt hon right "
    "honourable cllr councillor qpm kpm obe mbe cbe dbe kbe".split()
)
STOPWORDS = frozenset(
    "a an the of and or for to in on at by from with its it their how is are was be as that this "
    "which who what force forces police".split()
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u00a0": " ", "\u2013": "-", "\u2014": "-"})


def fold(text: str) -> str:
    """NFKD, ASCII, lower case, runs of anything but letters and digits -> one space."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub(" ", ascii_text.lower()).strip()


def person_name(name: str | None) -> str:
    """A person's name with case, accents, punctuation and honorifics dropped."""
    return " ".join(t for t in fold(name or "").split() if t not in HONORIFICS)


def quote_text(text: str | None) -> str:
    """Quote marks unified and dropped, whitespace collapsed, trailing punctuation stripped, lower case."""
    out = (text or "").translate(_QUOTES).replace('"', "").replace("'", "")
    out = " ".join(out.split()).lower()
    return out.strip().strip(".,;:!?-… ").strip()


# --- organisations --------------------------------------------------------------------

@cache
def _force_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for force in load_reference().forces:
        for label in force.labels:
            index.setdefault(fold(label), force.id)
    return index


@cache
def _body_index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for body in load_reference().bodies:
        for label in (*body.labels, body.id):
            index.setdefault(fold(label), set()).add(body.id)
    return {k: frozenset(v) for k, v in index.items()}


def force_id(name: str | None) -> str | None:
    """The forces.csv id of a force name or alias (case-insensitive), else None."""
    return _force_index().get(fold(name or "")) if name else None


def body_ids(name: str | None) -> frozenset[str]:
    """The inspectorates.csv ids whose name or alias is ``name`` (HMIC names two bodies)."""
    return _body_index().get(fold(name or ""), frozenset()) if name else frozenset()


def same_organisation(gold_name: str | None, key: str | None, label: str | None) -> bool:
    """Gold organisation (or force) name vs our organisation key (``force/x``, ``org/y``) and label."""
    if not gold_name or not (key or label):
        return False
    key = key or ""
    if key.startswith("force/"):
        gid = force_id(gold_name)
        if gid is not None:
            return key == iris.force(gid)
    if key.startswith("org/"):
        ours = key.removeprefix("org/")
        if ours in {iris.slug(b) for b in body_ids(gold_name)}:
            return True
        ours_labels = {fold(lab) for b in load_reference().bodies if iris.slug(b.id) == ours for lab in b.labels}
        if fold(gold_name) in ours_labels:
            return True
    return bool(label) and fold(gold_name) == fold(label)


def same_agent(gold_name: str | None, key: str | None, label: str | None) -> bool:
    """A speaker: a person (by normalised full name) or an organisation."""
    if not gold_name:
        return False
    if (key or "").startswith("person/"):
        return person_name(gold_name) == person_name(label or key.removeprefix("person/").replace("-", " "))
    return same_organisation(gold_name, key, label)


# --- concept ids from IRI slugs -------------------------------------------------------

@cache
def _concept_rows() -> tuple[dict[str, str], ...]:
    path = data_dir() / "concepts.csv"
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


@cache
def slug_map(scheme: str) -> dict[str, str]:
    """IRI slug -> concept id for a scheme: role, area, grade, programme, finding-kind, stance."""
    ref = load_reference()
    ids: list[str] = {
        "role": [r.id for r in ref.roles],
        "area": [a.id for a in ref.areas] + ["overall", "unspecified"],
        "grade": [g.id for g in ref.grades],
    }.get(scheme, [])
    csv_scheme = scheme.replace("-", "_")
    ids += [row["concept_id"] for row in _concept_rows() if row.get("scheme") == csv_scheme]
    return {iris.slug(i): i for i in ids}


def concept_id(scheme: str, iri_or_key: str | None) -> str | None:
    """``…/id/role/deputy-chief-constable`` -> ``deputy_chief_constable`` (slug with _ if unknown)."""
    if not iri_or_key:
        return None
    slug_part = iri_or_key.rstrip("/").rsplit("/", 1)[-1]
    return slug_map(scheme).get(slug_part, slug_part.replace("-", "_"))


def gold_role(role_id: str | None, qualifier: str | None = None) -> str | None:
    """Our roles.csv id (+ qualifier) in the gold role vocabulary."""
    if not role_id:
        return None
    try:
        role = load_reference().role(role_id).gold_role.strip() or role_id
    except KeyError:
        role = role_id
    q = fold(qualifier or "")
    if q in ("temporary", "temp"):
        return "temporary_" + role
    if q in ("acting", "interim"):
        return "acting_" + role
    return role


def gold_grade(grade_id: str | None) -> str | None:
    for grade in load_reference().grades:
        if grade.id == grade_id:
            return grade.gold_grade or grade.id
    return grade_id


GOLD_PROGRAMMES = frozenset(
    "PEEL crime_data_integrity child_protection custody vetting domestic_abuse rape_investigation other".split()
)


def gold_programme(programme_id: str | None) -> str:
    if programme_id and programme_id.upper() == "PEEL":
        return "PEEL"
    if programme_id in GOLD_PROGRAMMES:
        return programme_id
    return "other"  # engage, thematic and anything unknown


# --- periods ----------------------------------------------------------------------------

_SPAN_PERIOD = re.compile(r"((?:19|20)\d\d)\s*[/\-\u2013]\s*((?:19|20)?\d\d)\b")
_YEAR = re.compile(r"(?:19|20)\d\d")


def period(value: str | None) -> str | None:
    """"2021/22", "2021-22", "2021/2022" -> "2021-22"; "2018" -> "2018"; else folded text."""
    if not value:
        return None
    found = _SPAN_PERIOD.search(value)
    if found:
        return f"{found.group(1)}-{found.group(2)[-2:]}"
    year = _YEAR.search(value)
    return year.group(0) if year else fold(value) or None


def periods_overlap(a: str | None, b: str | None) -> bool:
    """A year and a split year containing it ("2019" and "2018-19"), as normalised by period()."""
    def years(p: str) -> set[str]:
        if len(p) == 7 and p[4] == "-" and p[:4].isdigit() and p[5:].isdigit():
            return {p[:4], p[:2] + p[5:]}
        return {p} if p.isdigit() else set()
    if not a or not b or a == b:
        return False
    ya, yb = years(a), years(b)
    return bool(ya & yb) and (len(ya) == 1 or len(yb) == 1)


def period_agreement(gold: str | None, ours: str | None) -> int | None:
    """2 the same period, 1 a year inside the other's split year, 0 different, None when either is missing."""
    a, b = period(gold), period(ours)
    if a is None or b is None:
        return None
    if a == b:
        return 2
    return 1 if periods_overlap(a, b) else 0


def year(value: str | None) -> str | None:
    found = _YEAR.search(value or "")
    return found.group(0) if found else None


# --- assessment areas ------------------------------------------------------------------

_UNSPECIFIED = re.compile(r"^unspecified(?:\s*\((.*)\))?$")


def stem(token: str) -> str:
    return token[:5]


def content_words(text: str) -> frozenset[str]:
    return frozenset(stem(t) for t in fold(text).split() if t not in STOPWORDS)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def area_strings(area_id: str | None, area_text: str | None) -> tuple[str, ...]:
    """Every way our area may be written: label, paraphrases, gold_area, the text's own words."""
    out: list[str] = []
    if area_id:
        try:
            area = load_reference().area(area_id)
            out += [area.gold_area, area.label, *area.paraphrases]
        except KeyError:
            out.append(area_id.replace("_", " "))
    if area_text:
        out.append(area_text)
    return tuple(s for s in out if s)


def _special(value: str) -> tuple[str, str | None] | None:
    """("overall", None), ("unspecified", count-or-None) or None for a named area."""
    text = " ".join(value.lower().split())
    if text == "overall":
        return ("overall", None)
    found = _UNSPECIFIED.match(text)
    if found:
        count = (found.group(1) or "").removesuffix("areas").strip() or None
        return ("unspecified", count)
    return None


def area_score(gold_area: str, area_id: str | None, area_text: str | None, area_count: int | None) -> float:
    """How well our area matches the gold area string: 1.0 same, Jaccard >= 0.5, else 0."""
    special = _special(gold_area)
    if special is not None or area_id in ("overall", "unspecified"):
        if special is None:
            return 0.0
        kind, count = special
        if kind != area_id:
            return 0.0
        if kind == "overall":
            return 1.0
        if area_count is not None:
            return 1.0 if count == str(area_count) else 0.0
        return 1.0 if count is None or not count.isdigit() else 0.6
    target = fold(gold_area)
    strings = area_strings(area_id, area_text)
    if any(fold(s) == target for s in strings):
        return 1.0
    words = content_words(gold_area)
    bags = [content_words(s) for s in strings]
    if area_text and len(strings) > 1:  # the text's words with our concept's own name ("supporting victims")
        bags += [content_words(area_text) | bag for bag in bags[:2]]
    best = max((jaccard(words, bag) for bag in bags), default=0.0)
    return best if best >= 0.5 else 0.0
