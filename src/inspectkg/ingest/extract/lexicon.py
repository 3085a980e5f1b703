"""The word lists and extra gazetteers of the entity and speech steps.

Data files under ``ingest/patterns`` (CSV, header row first):

- ``lexicon.csv`` (kind, value): honorifics, name particles, speech verbs,
  appointment verbs ("took over as"),
  words that are never part of a person's name, organisation-name suffixes,
  nouns that stand for the inspectorate or the force in an attribution;
  rating verbs ("rated", "graded", "judged": ``rating_verb``, enough on their own
  to give a grade), weaker rating cues ("assessed as", "a grading of": ``rating_cue``,
  a grade only beside an area) and the loosest ("found to be", "considered":
  ``rating_loose_cue``, which describe as often as they grade: a grade beside an area,
  but no sign that a sentence speaks of an inspection's grades);
- ``organisations.csv`` (id, name, kind, aliases): bodies other than forces and
  inspectorates (charities, other inspectorates, government bodies);
- ``titles.csv`` (role_id, title_form): title forms beyond ``roles.csv``.

Every row is checked on load; a bad row raises :class:`RuleError` naming the
file and the line.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from ... import kinds
from ...errors import RuleError
from ...reference import load as load_reference
from ...resources import patterns_dir

KINDS = frozenset({
    "honorific", "particle", "date_word", "speech_verb", "report_verb", "addressee_verb", "inspectorate_noun", "force_noun",
    "spokes_noun", "org_suffix", "not_name", "appointment_verb",
    "rating_verb", "rating_cue", "rating_loose_cue",
})
ORG_KINDS = kinds.kind_ids()


@dataclass(frozen=True)
class OtherBody:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, frozenset[str]]  # kind -> values
    bodies: tuple[OtherBody, ...]
    titles: tuple[tuple[str, str], ...]  # (role_id, title form)

    def __hash__(self) -> int:  # cached by identity
        return id(self)

    def of(self, kind: str) -> frozenset[str]:
        return self.words.get(kind, frozenset())


def _read(name: str, columns: tuple[str, ...]):
    path = patterns_dir() / name
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) [: len(columns)] != columns:
                raise RuleError(f"{path}:1", f"header must start with {', '.join(columns)}")
            for line_no, row in enumerate(reader, start=2):
                if None in row or any(row.get(c) is None for c in columns):
                    raise RuleError(f"{path}:{line_no}", "wrong number of fields")
                yield f"{path}:{line_no}", {k: (v or "").strip() for k, v in row.items()}
    except OSError as exc:
        raise RuleError(str(path), f"cannot read pattern file ({exc.strerror})") from exc


@cache
def load() -> Lexicon:
    words: dict[str, set[str]] = {}
    for where, row in _read("lexicon.csv", ("kind", "value")):
        if row["kind"] not in KINDS:
            raise RuleError(where, f"unknown kind {row['kind']!r}")
        if not row["value"]:
            raise RuleError(where, "empty value")
        words.setdefault(row["kind"], set()).add(row["value"])
    bodies = []
    seen = set()
    for where, row in _read("organisations.csv", ("id", "name", "kind", "aliases")):
        if not row["id"] or not row["name"]:
            raise RuleError(where, "empty id or name")
        if row["kind"] not in ORG_KINDS:
            raise RuleError(where, f"unknown kind {row['kind']!r}")
        if row["id"] in seen:
            raise RuleError(where, f"duplicate id {row['id']!r}")
        seen.add(row["id"])
        aliases = tuple(a.strip() for a in row["aliases"].split(";") if a.strip())
        bodies.append(OtherBody(row["id"], row["name"], row["kind"], aliases))
    role_ids = {r.id for r in load_reference().roles}
    titles = []
    for where, row in _read("titles.csv", ("role_id", "title_form")):
        if row["role_id"] not in role_ids:
            raise RuleError(where, f"unknown role_id {row['role_id']!r} (not in roles.csv)")
        if not row["title_form"]:
            raise RuleError(where, "empty title_form")
        titles.append((row["role_id"], row["title_form"]))
    return Lexicon({k: frozenset(v) for k, v in words.items()}, tuple(bodies), tuple(titles))


@cache
def alternatives(*kinds: str) -> str:
    """Every value of the given kinds as one regex group (no boundaries), any run of spaces
    between the words of a value: a letter tree (:func:`trie`)."""
    lex = load()
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown lexicon kind(s) {', '.join(unknown)}; known: {', '.join(sorted(KINDS))}")
    values = {" ".join(v.lower().split()) for k in kinds for v in lex.of(k)}
    if not values:
        raise RuleError(str(patterns_dir() / "lexicon.csv"), f"no rows of kind {', '.join(kinds)}")
    return "(?:" + trie(sorted(values)) + ")"


def trie(words: list[str]) -> str:
    """The sorted, non-empty words as a regex of their common beginnings ("a(?:cc(?:epted|ording)|dded)|said";
    a space stands for any run of white space), which the engine tries in one or two comparisons a
    position, not one per word.  Between word boundaries it matches what the alternation of the
    words, longest first, matches: at each letter only one branch goes on, the longer first."""
    if "" in words:  # a word ending where longer ones go on ("say", "says")
        rest = [w for w in words if w]
        return "(?:" + trie(rest) + ")?" if rest else ""
    tails: dict[str, list[str]] = {}
    for word in words:
        tails.setdefault(word[0], []).append(word[1:])
    parts = [(r"\s+" if first == " " else re.escape(first)) + trie(rest) for first, rest in tails.items()]
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


@cache
def words_regex(*kinds: str) -> re.Pattern:
    """One case-insensitive regex of every value of the given kinds, whole words, longest
    first, any run of spaces between the words of a value: ``words_regex("rating_verb")``."""
    return re.compile(r"(?<![\w-])" + alternatives(*kinds) + r"(?![\w-])", re.IGNORECASE)
