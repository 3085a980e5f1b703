"""A cheap first look before a regular expression runs: what any match must contain, and begin with.

Most sentences hold none of a cue's words, and a few substring tests of the
lowered text cost far less than a case-free regex scan.  Two facts are read
off a pattern by :func:`parse`, a small parser of our own for the regex
syntax our pattern files and modules use (literals and escapes, ``[...]``
classes, groups ``(?:...)`` ``(?P<name>...)`` ``(?i:...)``, look-arounds,
``|`` and the quantifiers); anything it does not know counts as "any
character", so a fact is only ever left out, never wrong:

- :func:`requirements`: clauses of lower-case strings, each satisfied when one
  of its strings occurs in the lowered text (a run of 4+ literal characters
  must occur; an alternation requires one of its branches' requirements);
- :func:`prefixes`: lower-case strings one of which every match begins with.

:class:`Guarded` tries a regex only on text that holds what it requires, and
only where a prefix begins; :class:`Scan` looks for a regex only where one of
its prefixes begins in the whole text (positions found once per text).  Both
return exactly what the regex's own ``search`` / ``finditer`` return.
:class:`CueWords` finds the required words of every ``Guarded`` in a document's
sentences in one Aho-Corasick pass (pyahocorasick), so that each test is a set
look-up; many prefixes are found in one such pass too.

    >>> requirements(r"\\bcustody (?:suite )?inspection\\b")
    (frozenset({'custody '}), frozenset({'inspection'}))
    >>> prefixes(r"\\b(?:in|across) (?:\\w+ )?areas\\b")
    ('across ', 'in ')
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

# --- the parser: a pattern as nested tuples ----------------------------------------------
# ("lit", c)           one literal character
# ("chars", set)       one of these literal characters ([Tt])
# ("any", word)        one character we do not track (. \w [a-z] [^x]); word: the class holds \w
# ("zero", kind)       matches no character: kind "b" (\b), "not_word_before" ((?<!\w), (?<![\w-])), "other"
# ("seq", items)       items in order (a group's body without "|")
# ("alt", seqs)        one of several sequences
# ("repeat", node, lo) node repeated at least lo times
_ESCAPED_CHARS = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_ZERO_ESCAPES = {"b": "b", "B": "other", "A": "other", "Z": "other"}
_CLASS_ESCAPES = {"d": False, "D": True, "w": True, "W": False, "s": False, "S": True}
_ANY = ("any", False)


class _Unknown(Exception):
    """A construct the parser does not read: the pattern gives no facts."""


@dataclass
class _Reader:
    pattern: str
    at: int = 0

    def peek(self, n: int = 1) -> str:
        return self.pattern[self.at:self.at + n]

    def take(self, n: int = 1) -> str:
        out = self.pattern[self.at:self.at + n]
        self.at += n
        return out

    def done(self) -> bool:
        return self.at >= len(self.pattern)


def parse(pattern: str | re.Pattern) -> tuple:
    """The pattern as nested tuples (see above); raises ValueError when it is not read
    (a compiled pattern with the VERBOSE flag is not read: its white space is no literal)."""
    if isinstance(pattern, re.Pattern):
        if pattern.flags & re.VERBOSE:
            raise ValueError(f"verbose pattern not read: {pattern.pattern!r}")
        pattern = pattern.pattern
    reader = _Reader(pattern)
    try:
        node = _alternation(reader)
    except (_Unknown, IndexError) as exc:
        raise ValueError(f"pattern not read: {pattern!r}") from exc
    if not reader.done():
        raise ValueError(f"pattern not read: {pattern!r}")
    return node


def _alternation(r: _Reader) -> tuple:
    seqs = [_sequence(r)]
    while r.peek() == "|":
        r.take()
        seqs.append(_sequence(r))
    return seqs[0] if len(seqs) == 1 else ("alt", seqs)


def _sequence(r: _Reader) -> tuple:
    items: list[tuple] = []
    while not r.done() and r.peek() not in "|)":
        atom = _atom(r)
        if atom is None:
            continue
        items.append(_quantified(r, atom))
    return ("seq", items)


def _quantified(r: _Reader, atom: tuple) -> tuple:
    c = r.peek()
    if c in ("?", "*", "+"):
        r.take()
        lo = 1 if c == "+" else 0
    elif c == "{" and re.match(r"\{\d*(?:,\d*)?\}", r.pattern[r.at:]):
        body = r.take(r.pattern.index("}", r.at) - r.at + 1)[1:-1]
        lo = int(body.split(",")[0] or 0)
    else:
        return atom
    if r.peek() in ("?", "+"):  # lazy or possessive: the same characters
        r.take()
    if atom[0] == "zero":
        return atom
    return ("repeat", atom, lo)


def _atom(r: _Reader) -> tuple | None:
    c = r.take()
    if c == "(":
        return _group(r)
    if c == "[":
        return _class(r)
    if c == "\\":
        return _escape(r)
    if c in "^$":
        return ("zero", "other")
    if c == ".":
        return _ANY
    return ("lit", c)


def _escape(r: _Reader) -> tuple:
    c = r.take()
    if c in _ZERO_ESCAPES:
        return ("zero", _ZERO_ESCAPES[c])
    if c in _CLASS_ESCAPES:
        return ("any", _CLASS_ESCAPES[c])
    if c in _ESCAPED_CHARS:
        return ("lit", _ESCAPED_CHARS[c])
    if c == "u":
        return ("lit", chr(int(r.take(4), 16)))
    if c == "x":
        return ("lit", chr(int(r.take(2), 16)))
    if c.isalnum():  # back references, \N{...}, \U...: not read
        raise _Unknown(c)
    return ("lit", c)


def _class(r: _Reader) -> tuple:
    negated = r.peek() == "^"
    if negated:
        r.take()
    chars: set[str] = set()
    exact = not negated
    word = False
    first = True
    while first or r.peek() != "]":
        first = False
        c = r.take()
        if c == "\\":
            e = r.take()
            if e in _CLASS_ESCAPES:
                exact = False
                word = word or (e == "w" and not negated)
                continue
            if e.isalnum() and e not in _ESCAPED_CHARS and e not in "ux":
                exact = False  # \b (a backspace here), \N{...}: not tracked
                continue
            c = _ESCAPED_CHARS.get(e) or (chr(int(r.take(4), 16)) if e == "u" else
                                          chr(int(r.take(2), 16)) if e == "x" else e)
        if r.peek() == "-" and r.peek(2)[1:] not in ("]", ""):
            r.take()
            end = r.take()
            if end == "\\":
                r.take()
            exact = False  # a range: not tracked
            continue
        chars.add(c)
    r.take()  # "]"
    if exact and chars:
        return ("chars", frozenset(chars))
    return ("any", word)


def _group(r: _Reader) -> tuple | None:
    zero = None
    if r.peek() == "?":
        r.take()
        c = r.take()
        if c == ":":
            pass
        elif c == "P" and r.peek() == "<":
            r.at = r.pattern.index(">", r.at) + 1
        elif c in "=!":
            zero = "other"
        elif c == "<" and r.peek() in "=!":
            zero = "not_word_before" if r.take() == "!" else "other"
        elif c == ">":
            pass  # atomic group: the same characters
        elif c == "#":
            r.at = r.pattern.index(")", r.at) + 1
            return None
        elif c.isalpha() or c == "-":  # inline flags: (?i:...), (?-i:...), (?i)
            flags = c
            while r.peek() not in (":", ")"):
                flags += r.take()
            if "x" in flags:
                raise _Unknown("verbose")  # white space and comments would be read as literals
            if r.take() == ")":
                return None  # flags for the whole pattern: no characters
        else:
            raise _Unknown(c)
    body = _alternation(r)
    if r.take() != ")":
        raise _Unknown(")")
    if zero is not None:
        if zero == "not_word_before" and not (body[0] == "seq" and len(body[1]) == 1
                                              and body[1][0][0] == "any" and body[1][0][1]):
            zero = "other"
        return ("zero", zero)
    return body


# --- what a match must contain ------------------------------------------------------------

def requirements(pattern: str | re.Pattern) -> tuple[frozenset[str], ...]:
    """What any match of ``pattern`` must contain: clauses of lower-case strings, each
    clause satisfied when one of its strings occurs in the (lower-cased) text.

    A run of literal characters (4 or more) must occur; an alternation requires one of its
    branches' requirements (nothing when a branch has none); an optional part requires
    nothing.  Dropping a requirement is always safe, so anything unusual is not required.
    """
    try:
        return tuple(_clauses(parse(pattern)))
    except ValueError:
        return ()


def _items(node: tuple) -> list[tuple]:
    return node[1] if node[0] == "seq" else [node]


def _clauses(node: tuple) -> list[frozenset[str]]:
    out: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        literal = "".join(run).lower()
        if len(literal.strip()) >= 4 and not _FOLDING.search(literal):
            out.append(frozenset((literal,)))
        run.clear()

    for item in _items(node):
        kind = item[0]
        if kind == "lit":
            run.append(item[1])
            continue
        flush()
        if kind == "seq":
            out.extend(_clauses(item))
        elif kind == "alt":
            alternatives = [_clauses(branch) for branch in item[1]]
            if alternatives and all(alternatives):
                # each alternative needs every one of its clauses, so any pick of one clause per
                # alternative makes a clause the branch needs: the longest words of each, and
                # the fewest words of each (``\\bwill (?:return|review|...)`` -> "will ")
                for key in (lambda c: min(map(len, c)), lambda c: (-len(c), min(map(len, c)))):
                    clause = frozenset().union(*(max(alt, key=key) for alt in alternatives))
                    if clause not in out:
                        out.append(clause)
        elif kind == "repeat" and item[2] >= 1:
            out.extend(_clauses(item[1]))
    flush()
    if not out:
        # no run of 4 letters ("r(?:a(?:nked|te)|egarded)", a letter tree): what every match begins
        # with ("ranked", "rate", "regarded") is in every match too
        begins, _ = _begins(node, _MAX_PREFIXES)
        if begins and all(len(b.strip()) >= 4 and not _FOLDING.search(b) for b in begins):
            out.append(frozenset(begins))
    return out


# --- what a match begins with -------------------------------------------------------------

_MAX_PREFIXES = 64  # more are looked for in a whole document only (Scan), not sentence by sentence
_MAX_SCAN_PREFIXES = 512


def prefixes(pattern: str | re.Pattern, limit: int = _MAX_PREFIXES) -> tuple[str, ...] | None:
    """Lower-case ASCII strings (at most ``limit``) one of which every match of ``pattern`` begins
    with (after zero-width assertions); None when the pattern's start is not such a literal."""
    try:
        found, _ = _begins(parse(pattern), limit)
    except ValueError:
        return None
    if not found or not all(p and p.isascii() for p in found):
        return None
    # a prefix that begins with another one adds no start ("inadequate" after "in")
    return tuple(sorted(p for p in found if not any(q != p and p.startswith(q) for q in found)))


def _zero_width(node: tuple) -> bool:
    """Does the node only assert (``(?:^|(?<=, ))``), matching no character?"""
    kind = node[0]
    if kind == "zero":
        return True
    if kind == "seq":
        return all(_zero_width(item) for item in node[1])
    if kind == "alt":
        return all(branch[1] and _zero_width(branch) for branch in node[1])
    return False


def _begins(node: tuple, limit: int) -> tuple[set[str] | None, bool]:
    """(strings one of which a match of the node begins with, whether those strings are all
    the node can match); (None, False) when unknown."""
    current = {""}
    for item in _items(node):
        kind = item[0]
        if kind == "lit":
            current = {c + item[1].lower() for c in current}
            continue
        if _zero_width(item):
            continue  # zero-width: the match still begins with what follows
        if kind == "seq":
            found, exact = _begins(item, limit)
        elif kind == "alt":
            found, exact = set(), True
            for branch in item[1]:
                sub, whole = _begins(branch, limit)
                if not sub or not all(sub):
                    found, exact = None, False
                    break
                found |= sub
                exact = exact and whole
        elif kind == "repeat" and item[2] >= 1:
            found, exact = _begins(item[1], limit)[0], False
        elif kind == "chars":
            found, exact = {c.lower() for c in item[1]}, True
        else:
            found, exact = None, False
        if not found or len(current) * len(found) > limit:
            return (current if any(current) else None), False
        current = {c + f for c in current for f in found}
        if not exact:
            return current, False
    return current, True


def _word_start(pattern: str | re.Pattern) -> bool:
    """Does every match begin with ``\\b`` or a negative lookbehind that excludes word characters?"""
    try:
        return _starts_at_word(parse(pattern))
    except ValueError:
        return False


def _starts_at_word(node: tuple) -> bool:
    if node[0] == "alt":
        return all(_starts_at_word(branch) for branch in node[1])
    items = _items(node)
    if not items:
        return False
    first = items[0]
    if first[0] in ("seq", "alt"):
        return _starts_at_word(first)
    return first[0] == "zero" and first[1] in ("b", "not_word_before")


def _branches(pattern: str | re.Pattern) -> int:
    """How many alternatives the top level of the pattern has (1: no alternation).

    The engine tries every top-level alternative, assertions and all, at every position of
    the text (``\\bnot\\b|\\bfail\\w*|...``), while ``\\b(?:not|fail\\w*|...)`` costs one test
    per position before the alternatives' first letters: with several top-level
    alternatives, finding the prefixes costs less even in a short text."""
    try:
        node = parse(pattern)
    except ValueError:
        return 1
    while node[0] == "seq" and len(node[1]) == 1 and node[1][0][0] in ("seq", "alt"):
        node = node[1][0]
    if node[0] != "alt":
        return 1
    firsts = {_first(branch) for branch in node[1]}
    # branches that all begin alike (``\\bwe will\\b|\\bwe'll\\b``): the engine tests what they share once
    return 1 if len(firsts) == 1 and None not in firsts else len(node[1])


def _first(node: tuple) -> tuple | None:
    """The first item a match of the node goes through (looking into groups), None when none."""
    while True:
        if node[0] == "alt":
            firsts = {_first(branch) for branch in node[1]}
            return firsts.pop() if len(firsts) == 1 else None
        items = _items(node)
        if not items:
            return None
        node = items[0]
        if node[0] not in ("seq", "alt"):
            return node


# --- using them ---------------------------------------------------------------------------

# Letters that a case-free regex takes for another letter than the one ``str.lower()`` gives them
# (CPython's engine: "ſ" is "s", "ı" and "İ" are "i", "ς" is "σ", Cyrillic "ᲀ" is "в" ...; "Σ" lowers
# by what follows it): every member of those classes but ASCII "i" and "s" (computed from the
# engine's own tables, ``tests/extraction/test_x_prefilter.py``).  A text holding one is not
# pre-filtered by words, and a pattern's literal holding one requires nothing.
FOLDING_LETTERS = (  # µ İ ı ſ, Greek and Cyrillic letters of two forms, ṡ ẛ ﬅ ﬆ, and Σ
    "\u00b5\u0130\u0131\u017f\u0345\u0390\u03a3\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1\u03c2\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1"
    "\u03f5\u0432\u0434\u043e\u0441\u0442\u044a\u0463\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e61\u1e9b\u1fbe\u1fd3\u1fe3\ua64b\ufb05\ufb06")
_FOLDING = re.compile("[" + FOLDING_LETTERS + "]")


def folds(text: str) -> bool:
    """Does the text hold a letter a case-free regex matches otherwise than its lowered form shows?"""
    if text.isascii():
        return False
    held = CueWords.entry[2].get(text)
    if held is not None:
        return held is _UNFILTERED
    return _FOLDING.search(text) is not None


def same_offsets(text: str, lowered: str) -> bool:
    """Is ``lowered`` (``text.lower()``) a position-for-position copy in which every case-free
    match of an ASCII literal shows as that literal?  Not when lowering changed the length
    ("İ") or the text holds "ı" / "ſ", which a case-free regex takes for "i" / "s"."""
    return len(text) == len(lowered) and "ı" not in text and "ſ" not in text


_AUTOMATON_PREFIXES = 8  # from this many prefixes, one Aho-Corasick pass costs less than a find per prefix


@lru_cache(maxsize=1024)
def _prefix_automaton(prefixes_: tuple[str, ...]):
    automaton = ahocorasick.Automaton()
    for p in prefixes_:
        automaton.add_word(p, len(p) - 1)
    automaton.make_automaton()
    return automaton


def starts(prefixes_: tuple[str, ...], lowered: str) -> list[int]:
    """Every position of ``lowered`` where one of the prefixes begins, in order."""
    if len(prefixes_) >= _AUTOMATON_PREFIXES:
        # every occurrence of every prefix, as the finds below give them (no two prefixes
        # begin at one position: of two prefixes, neither begins with the other)
        found = [last - back for last, back in _prefix_automaton(prefixes_).iter(lowered)]
        found.sort()
        return found
    out: list[int] = []
    find = lowered.find
    for p in prefixes_:
        i = find(p)
        while i != -1:
            out.append(i)
            i = find(p, i + 1)
    if len(prefixes_) > 1:
        out.sort()  # no position twice: of two prefixes, neither begins with the other (``prefixes``)
    return out


def _any_of(words: tuple[str, ...]):
    """A test of the lowered text: does one of the words occur?  (Small cases without a loop.)"""
    if len(words) == 1:
        (a,) = words
        return lambda lowered: a in lowered
    if len(words) == 2:
        a, b = words
        return lambda lowered: a in lowered or b in lowered
    if len(words) == 3:
        a, b, c = words
        return lambda lowered: a in lowered or b in lowered or c in lowered
    # shortest first: short words are the common ones, so a text holding one is told sooner
    ordered = tuple(sorted(words, key=lambda w: (len(w), w)))
    return lambda lowered: any(map(lowered.__contains__, ordered))


def _tester(required: tuple[tuple[str, ...], ...]):
    """``required`` as one function of the lowered text; None when nothing is required."""
    if not required:
        return None
    tests = [_any_of(clause) for clause in required]
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        first, second = tests
        return lambda lowered: first(lowered) and second(lowered)
    return lambda lowered: all(test(lowered) for test in tests)


class _LastText:
    """Where prefixes begin in the last text looked at (one text: a document's, while its steps run).

    The entry is one tuple, replaced whole, so that threads extracting two documents at once
    each see a consistent entry (at worst recomputed)."""

    entry: tuple = (None, None, {})  # (text, its lowered form or None when offsets differ, positions)

    @classmethod
    def starts(cls, text: str, prefixes_: tuple[str, ...], word_start: bool, owner) -> list[int] | None:
        """Sorted positions in ``text`` where a prefix begins (None when positions cannot be trusted);
        ``owner``, the Scan or Guarded asking, keys the positions (hashing it costs less than the prefixes)."""
        entry = cls.entry
        if entry[0] is not text:
            lowered = text.lower()
            entry = (text, lowered if same_offsets(text, lowered) else None, {})
            cls.entry = entry
        _, lowered, positions = entry
        if lowered is None:
            return None
        key = (owner, word_start)
        found = positions.get(key)
        if found is None:
            found = starts(prefixes_, lowered)
            if word_start:
                found = [i for i in found if not i or not (text[i - 1].isalnum() or text[i - 1] == "_")]
            positions[key] = found
        return found


# --- the cue words each sentence holds, found once per document -----------------------------

_UNFILTERED = ("",)  # what a text holds when its words cannot tell (a folding letter, a lowering of two letters)
_MAX_LEARNED = 50_000  # texts remembered besides a document's sentences (beyond: tested, not remembered)


class CueWords:
    """Which of the words that any :class:`Guarded` requires each sentence of a document holds.

    :meth:`index` makes one Aho-Corasick pass (pyahocorasick) over the lowered document and
    counts each occurrence for the sentence it lies in; a ``Guarded`` then tells whether a
    sentence can match by a few set tests, not by a substring test per word on every call of
    every step.  Another text (a clause, a quotation) is looked up the first time it is asked
    about (:meth:`learn`).  A text's entry is a pure function of the text (the required words
    it holds), so an entry left from another document or thread still answers rightly for any
    text it holds; the words of a ``Guarded`` compiled after the index was made are not in it,
    so that one tests the text itself (``version``).  A text holding a folding letter
    (``FOLDING_LETTERS``, found in the same pass) is never pre-filtered by words.

    The entry is one tuple, replaced whole (as in :class:`_LastText`).
    """

    words: frozenset[str] = frozenset()
    version = 0  # how many times words were added
    _automaton: tuple = (-1, None)  # (version, automaton of every word and folding letter)
    entry: tuple = (-1, None, {})  # (version, its automaton, {text: the words it holds, or _UNFILTERED})

    @classmethod
    def register(cls, words) -> int:
        """Add a Guarded's words; the version from which indexes hold them all."""
        words = frozenset(words)
        if not words <= cls.words:
            cls.words = cls.words | words
            cls.version += 1
        return cls.version

    @classmethod
    def _automaton_now(cls):
        version, automaton = cls._automaton
        if version != cls.version:
            version = cls.version
            automaton = ahocorasick.Automaton()
            # the letters and their lowered forms ("İ", lowered to two letters, changes the length)
            for letter in {*FOLDING_LETTERS, *(c.lower() for c in FOLDING_LETTERS if len(c.lower()) == 1)}:
                automaton.add_word(letter, ("", 0))  # a folding letter: the word ""
            for word in cls.words:
                automaton.add_word(word, (word, len(word) - 1))
            automaton.make_automaton()
            cls._automaton = (version, automaton)
        return version, automaton

    @classmethod
    def index(cls, text: str, spans) -> None:
        """Index ``text`` and its spans (sorted, not overlapping, each ``span.exact == text[span.start:span.end]``)."""
        lowered = text.lower()
        offsets = same_offsets(text, lowered)
        _LastText.entry = (text, lowered if offsets else None, {})  # the prefixes' look-ups share it
        version, automaton = cls._automaton_now()
        if len(lowered) != len(text):
            cls.entry = (version, automaton, {text: _UNFILTERED})  # its parts are learnt one by one
            return
        # every occurrence, by its last character: (that index, (word, its length - 1)); each counts for
        # the span it lies in (spans in order, so one pass over both)
        k, n = 0, len(spans)
        ends = [span.end for span in spans]
        held: list[list[str]] = [[] for _ in spans]
        whole: set[str] = set()
        for last, (word, back) in automaton.iter(lowered):
            whole.add(word)
            while k < n and ends[k] <= last:
                k += 1
            if k < n and spans[k].start <= last - back:
                held[k].append(word)
        if "" in whole:
            cls.entry = (version, automaton, {text: _UNFILTERED})
            return
        # a span's words as a tuple: a clause's ``isdisjoint`` runs over the few words it holds
        known: dict[str, tuple[str, ...] | frozenset[str]] = {text: frozenset(whole)}
        for span, words in zip(spans, held):
            known[span.exact] = tuple(words)
        cls.entry = (version, automaton, known)

    @staticmethod
    def learn(text: str, lowered: str, automaton, known: dict) -> tuple[str, ...]:
        """The words ``text`` holds (``_UNFILTERED`` when they cannot tell), remembered in ``known``."""
        if len(lowered) != len(text):
            held = _UNFILTERED
        else:
            held = tuple({word for _, (word, _) in automaton.iter(lowered)})
            if "" in held:
                held = _UNFILTERED
        if len(known) < _MAX_LEARNED:
            known[text] = held
        return held


def _holds_tester(required: tuple[tuple[str, ...], ...]):
    """``required`` as one function of the set of required words a text holds."""
    clauses = [frozenset(clause) for clause in required]
    if len(clauses) == 1:
        (a,) = clauses
        return lambda held: not a.isdisjoint(held)
    if len(clauses) == 2:
        a, b = clauses
        return lambda held: not a.isdisjoint(held) and not b.isdisjoint(held)
    return lambda held: all(not clause.isdisjoint(held) for clause in clauses)


_SCAN_CHARS = 64  # characters of text per prefix below which a plain regex scan is cheaper


class Guarded:
    """A compiled regex tried only on text that holds what it requires (``requirements``).

    ``search(text, lowered)`` returns what ``regex.search(text)`` returns; ``lowered``
    is ``text.lower()`` when the caller has it already.
    """

    __slots__ = ("regex", "required", "prefixes", "word_start", "_possible", "_holds", "_version", "_scan_chars")

    def __init__(self, regex: re.Pattern):
        self.regex = regex
        self.required = tuple(tuple(sorted(c)) for c in requirements(regex))
        self._possible = _tester(self.required)
        self._holds = _holds_tester(self.required) if self.required else None
        self._version = CueWords.register(w for clause in self.required for w in clause) \
            if self.required else sys.maxsize
        self.prefixes = prefixes(regex)
        self.word_start = bool(self.prefixes) and _word_start(regex) \
            and all(p[0].isalnum() for p in self.prefixes)
        # text length per prefix from which looking for the prefixes beats one regex scan
        self._scan_chars = 0 if _branches(regex) > 1 else _SCAN_CHARS

    def _can_match(self, text: str, lowered: str | None) -> bool:
        """Does the text hold what a match requires (from the document's index when it can tell)?"""
        version, automaton, known = CueWords.entry
        if self._version <= version:
            held = known.get(text)
            if held is None:
                held = CueWords.learn(text, text.lower() if lowered is None else lowered, automaton, known)
            return held is _UNFILTERED or self._holds(held)
        return self._possible(text.lower() if lowered is None else lowered) or folds(text)

    def possible(self, text: str) -> bool:
        """Does the text hold what a match requires?  (False: the regex cannot match anywhere in it,
        nor in ``text`` searched with bounds around it; no match is tried.)"""
        return self._possible is None or self._can_match(text, None)

    def search(self, text: str, lowered: str | None = None):
        if self._possible is not None:  # _can_match, written out: this is the hottest call
            version, automaton, known = CueWords.entry
            if self._version <= version:
                held = known.get(text)
                if held is None:
                    if lowered is None:
                        lowered = text.lower()
                    held = CueWords.learn(text, lowered, automaton, known)
                if held is not _UNFILTERED and not self._holds(held):
                    return None
            else:
                if lowered is None:
                    lowered = text.lower()
                if not self._possible(lowered) and not folds(text):
                    return None
        if lowered is None:
            lowered = text.lower()
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
        if self._possible is not None and not self._can_match(text, lowered):
            return None
        if self.prefixes is None:
            return self.regex.search(text)
        found = _LastText.starts(doc, self.prefixes, False, self)
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
        if self._possible is not None and not self._can_match(text, lowered):
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
    methods return.  The prefixes' positions are found once per text, so many calls over
    the sentences of one document cost a bisection and a ``match`` per candidate, not a
    case-free scan each.  Without usable prefixes the regex is run as it is.
    """

    __slots__ = ("regex", "prefixes", "word_start")

    def __init__(self, regex: re.Pattern):
        self.regex = regex
        self.prefixes = prefixes(regex, _MAX_SCAN_PREFIXES)
        # a match begins at a word boundary (or after no word character): skip starts inside words
        self.word_start = bool(self.prefixes) and _word_start(regex) \
            and all(p[0].isalnum() for p in self.prefixes)

    def may_match_in(self, text: str):
        """A test ``(pos, endpos) -> bool``: may the regex match within text[pos:endpos]?  (From where
        its prefixes begin in the text, found once; always True when they cannot tell.)"""
        found = _LastText.starts(text, self.prefixes, self.word_start, self) if self.prefixes else None
        if found is None:
            return lambda pos, endpos: True
        return lambda pos, endpos: bisect.bisect_left(found, pos) < bisect.bisect_left(found, endpos)

    def _candidates(self, text: str, pos: int, endpos: int) -> list[int] | None:
        found = _LastText.starts(text, self.prefixes, self.word_start, self)
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
