"""Lexical and topical similarity of short texts (claims against findings).

A text becomes a *bag*: the set of its content words reduced to crude stems
(``norm``: "investigated", "investigates", "investigation" -> "investig";
"resourced", "resources" -> "resourc"), function words and words every police
text shares dropped, plus one pseudo-word ``#topic`` for each topic of
``patterns/topics.csv`` whose cue occurs in the text (so "detective capacity"
and "not properly resourced with suitably qualified staff" meet on
``#resourcing`` without sharing a word).  :func:`cosine` weights the words
(e.g. by rarity among a document's findings); :class:`Index` holds the
findings' bags once per document and scores a claim against all of them
through an inverted index.

    >>> round(cosine(bag("domestic abuse teams lack capacity"), bag("our detective capacity for domestic abuse")), 2)
    0.71
"""

from __future__ import annotations

import csv
import math
import re
from functools import cache, lru_cache
from pathlib import Path

from ...errors import RuleError

PATTERNS_DIR = Path(__file__).resolve().parent.parent / "patterns"

_WORD = re.compile(r"[A-Za-z]+|\b\d{3}\b")
_TOPIC_LABEL = re.compile(r"^[a-z][a-z -]*[a-z]$")

STOP = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can cannot could did do does doing done down during each either even ever every few for from further
get gets got had has have having he her here hers herself him himself his how however i if in into is it its
itself just least less let like made make makes many may me might more most much must my myself no nor not now
of off often on once one only or other others otherwise our ours ourselves out over own per quite rather really
said same say says saying see seen shall she should since so some still such than that the their theirs them
themselves then there these they this those though through thus to too under until up upon us very was we well
were what when where whether which while who whom whose why will with within without would yet you your yours
yourself actually already always another around away back came come comes going gone good great keep kept know
known last lot lots new next part put take taken thing things think told way ways went year years time times
day days today yesterday month months week weeks two three four five six seven eight nine ten first second
""".split())
# words any text about a police inspection shares: no evidence of what a claim answers
GENERIC = frozenset("""
police policing force forces constabulary service services officer officers report reports reported inspect
inspected inspection inspections inspector inspectors inspectorate hmic hmicfrs watchdog chief constable
commissioner pcc public people need needs needed area areas improve improved improving improvement improvements
work working worked continue continued continuing make sure ensure important level levels county across
staff
""".split())
# how a speaker feels or judges, not what the words are about
EVALUATIVE = frozenset("""
pleased delighted encouraged encouraging disappointed disappointing proud happy glad welcome welcomed confident
hope hopeful believe feel assured reassure reassured recognise recognises recognised acknowledge acknowledges
accept accepts accepted agree agrees clear clearly especially particularly absolutely vitally critical really
fully entirely indeed real hard
""".split())


# stems of one word family the endings above do not join
_IRREGULAR = {"respons": "respond", "abusiv": "abus",
              "victimis": "victim", "offens": "offenc", "detain": "detent"}


@lru_cache(maxsize=50_000)
def norm(word: str) -> str:
    """A crude stem: lower case, common inflectional and derivational endings cut."""
    w = word.lower()
    for suffix in ("isations", "izations", "isation", "ization", "ations", "ation", "itions", "ition", "ions", "ion",
                   "ments", "ment", "ness", "ities", "ity", "ators", "ator", "atives", "ative", "ively", "ives", "ive", "ating", "ated", "ates",
                   "ate", "ingly", "ing", "edly", "ed", "ers",
                   "er", "ies", "es", "s", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            if suffix == "ies":
                w += "y"
            break
    if len(w) > 4 and w[-1] in "ey":
        w = w[:-1]
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "ls":  # "committ" ~ "commit"
        w = w[:-1]
    return _IRREGULAR.get(w, w)


_STOP_STEMS = frozenset(norm(w) for w in STOP | GENERIC | EVALUATIVE)


def words(text: str) -> list[str]:
    """The stems of every word of a text, in order (stop words kept: topic cues span them)."""
    return list(map(norm, _WORD.findall(text)))


@cache
def topics(directory: Path | None = None) -> tuple[dict[tuple[str, ...], tuple[str, ...]], int]:
    """The topic lexicon: stem phrase (one or more stems) -> its topics, and the longest phrase.

    A cue may belong to several topics ("detectives": resourcing and investigations)."""
    path = (directory or PATTERNS_DIR) / "topics.csv"
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise RuleError(path, f"cannot read pattern file ({exc.strerror})") from exc
    cues: dict[tuple[str, ...], list[str]] = {}
    with handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or [f.strip() for f in reader.fieldnames] != ["topic", "cue"]:
            raise RuleError(f"{path}:1", "header must be: topic,cue")
        for line_no, row in enumerate(reader, start=2):
            if None in row or any(v is None for v in row.values()):
                raise RuleError(f"{path}:{line_no}", "expected 2 columns: topic,cue")
            topic, cue = row["topic"].strip(), row["cue"].strip()
            if not _TOPIC_LABEL.match(topic):
                raise RuleError(f"{path}:{line_no}", f"bad topic {topic!r} (lower-case words)")
            stems = tuple(words(cue))
            if not stems or not re.fullmatch(r"[A-Za-z0-9' -]+", cue):
                raise RuleError(f"{path}:{line_no}", f"bad cue {cue!r} (words, digits, spaces, hyphens)")
            if len(stems) == 1 and cue.lower() in STOP:
                raise RuleError(f"{path}:{line_no}", f"cue {cue!r} is a function word")
            listed = cues.setdefault(stems, [])
            if topic not in listed:
                listed.append(topic)
    return {k: tuple(v) for k, v in cues.items()}, max((len(k) for k in cues), default=1)


@cache
def _by_first() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """Cue phrases by their first stem: (phrase, topics)."""
    out: dict[str, list] = {}
    for phrase, found in topics()[0].items():
        out.setdefault(phrase[0], []).append((phrase, found))
    return out


def topics_of(stems: list[str]) -> set[str]:
    """The topics whose cues occur (as consecutive stems) in a stemmed text."""
    index = _by_first()
    out: set[str] = set()
    if index.keys().isdisjoint(stems):
        return out
    for i, candidates in enumerate(map(index.get, stems)):
        if candidates:
            for phrase, found in candidates:
                if len(phrase) == 1 or tuple(stems[i:i + len(phrase)]) == phrase:
                    out.update(found)
    return out


_CONTENT: dict[str, bool] = {}  # stem -> may it be a content word (long enough, not a stop word, not a number)


def _content(stem: str) -> bool:
    if len(_CONTENT) > 100_000:
        _CONTENT.clear()
    ok = _CONTENT[stem] = len(stem) > 2 and stem not in _STOP_STEMS and not stem.isdigit()
    return ok


def bag(text: str, drop: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """Content-word stems of a text (without those in ``drop``) and its ``#topic`` pseudo-words."""
    stems = words(text)
    content = _CONTENT
    out = {s for s in stems if (content[s] if s in content else _content(s)) and s not in drop}
    out.update("#" + t for t in topics_of(stems))
    return out


def cosine(a: set[str], b: set[str], weight=None) -> float:
    if not a or not b:
        return 0.0
    w = weight or (lambda t: 1.0)
    shared = sum(w(t) ** 2 for t in a & b)
    return shared / math.sqrt(sum(w(t) ** 2 for t in a) * sum(w(t) ** 2 for t in b))


class Index:
    """The bags of a document's findings, weighted by rarity among them, for scoring many claims.

    A claim's score against a finding is the cosine of their content words plus ``topic_weight``
    times the cosine of their ``#topic`` pseudo-words (each weighted by rarity too), so the same
    topics link two texts without a shared word, and a shared rare topic counts more."""

    def __init__(self, bags: list[set[str]], topic_weight: float = 0.25):
        self.bags = bags
        n = len(bags) + 1
        df: dict[str, int] = {}
        for b in bags:
            for t in b:
                df[t] = df.get(t, 0) + 1
        self._n = n
        self._df = df
        self._topic_weight = topic_weight
        self._cache: dict[str, float] = {}
        self._squares: dict[str, float] = {}  # token -> weight ** 2
        self.postings: dict[str, list[int]] = {}
        for i, b in enumerate(bags):
            for t in b:
                self.postings.setdefault(t, []).append(i)
        self.norms = [self._norms(b) for b in bags]

    def weight(self, token: str) -> float:
        w = self._cache.get(token)
        if w is None:
            w = self._cache[token] = math.log(1 + self._n / (1 + self._df.get(token, 0)))
        return w

    def square(self, token: str) -> float:
        """``weight(token) ** 2``, computed once per token."""
        w2 = self._squares.get(token)
        if w2 is None:
            w2 = self._squares[token] = self.weight(token) ** 2
        return w2

    def _norms(self, tokens) -> tuple[float, float]:
        words_, topics_ = 0.0, 0.0
        squares = self._squares
        for t in tokens:
            w2 = squares.get(t)
            if w2 is None:
                w2 = self.square(t)
            if t[0] == "#":
                topics_ += w2
            else:
                words_ += w2
        return math.sqrt(words_), math.sqrt(topics_)

    def scores(self, claim: set[str]) -> dict[int, float]:
        """Score of the claim's bag against each finding sharing a word or topic with it."""
        norm_w, norm_t = self._norms(claim)
        dots: dict[int, list[float]] = {}
        for t in claim:
            postings = self.postings.get(t)
            if postings:
                w2 = self.square(t)
                slot = 1 if t.startswith("#") else 0
                for i in postings:
                    pair = dots.get(i)
                    if pair is None:
                        pair = dots[i] = [0.0, 0.0]
                    pair[slot] += w2
        out = {}
        for i, (dw, dt) in dots.items():
            fw, ft = self.norms[i]
            score = dw / (norm_w * fw) if dw else 0.0
            if dt:
                score += self._topic_weight * dt / (norm_t * ft)
            out[i] = score
        return out
