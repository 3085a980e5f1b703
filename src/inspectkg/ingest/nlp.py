"""The spaCy pipeline: a blank English tokenizer with a rule-based sentencizer.

No model is downloaded.  Texts longer than spaCy's ``max_length`` are not
passed whole: callers split them into paragraphs first (see ``segment``).

The English tokenizer exceptions include special cases for single whitespace
characters ("\\n", " ", "\\t", "\\xa0").  Any special case found in a text turns
off spaCy's token cache for the rest of that text (``has_special`` is kept per
call), so every text with a line break was tokenized the slow way, affix
regexes and all: ~20x slower.  Those four cases only restate the default
tokenization (one whitespace token; only the NORM of "\\xa0" differed), so they
are dropped; the abbreviation and contraction exceptions stay.

spaCy's tokenizer strips prefixes and suffixes from a run of non-space
characters one at a time, each time searching the rest of the run: time grows
faster than the square of a run of punctuation (16,000 quote marks: 23 s), and
a text made of short runs of quote marks (a special case) costs ~10 us a
character.  So the tokenizer is wrapped (:class:`BoundedTokenizer`): in a text
with such runs, spaCy tokenizes the text with each run masked, and each run
is cut into tokens of at most 16 characters; token offsets stay those of the
text.
Ordinary prose is never affected: the wrapper hands a text to spaCy unchanged
unless it holds a long run or many short ones (see :func:`hostile`).
"""

from __future__ import annotations

import re
from functools import cache

import spacy
from spacy.language import Language
from spacy.attrs import IDX, LENGTH, SPACY
from spacy.tokens import Doc

_WHITESPACE_CASES = ("\t", "\n", " ", "\xa0")

# Runs spaCy's affix loop is slow on: 3+ symbols together, or 65+ non-space characters.
HOSTILE = re.compile(r"[^\w\s]{3,}|\S{65,}")
# A text is tokenized piecewise only when it holds a run this long, or many runs (ordinary prose
# has a few "..." or "?!" and the odd underline of "=" signs, all shorter than this).
LONG_RUN = re.compile(r"[^\w\s]{24,}|\S{256,}")
MANY_RUNS = 64  # plus one per 2,000 characters of text
_RUN_TOKEN = re.compile(r"\S{1,16}")  # tokens a run is cut into: few, so a hostile text makes few tokens


class BoundedTokenizer:
    """spaCy's tokenizer, with the runs it is slow on cut up first (time linear in the text).

    In a hostile text, each run is first masked by as many characters of
    "xxx" words (which spaCy tokenizes in linear time, offsets unchanged);
    spaCy's tokens are then cut at the runs' edges, and each run into tokens of
    at most 16 characters.
    """

    def __init__(self, tokenizer):
        self.inner = tokenizer

    def __call__(self, text: str) -> Doc:
        return self.cut(text) if hostile(text) else self.inner(text)

    def cut(self, text: str) -> Doc:
        """The text tokenized with its runs cut up (what ``__call__`` does to a hostile text)."""
        runs = [m.span() for m in HOSTILE.finditer(text)]
        masked = HOSTILE.sub(_filler, text)
        words: list[str] = []
        spaces: list[bool] = []
        at = 0  # text[:at] is covered by the words so far
        r = 0
        for start, length, space in self.inner(masked).to_array([IDX, LENGTH, SPACY]).tolist():
            end = start + length
            start = max(start, at)
            while start < end:
                while r < len(runs) and runs[r][1] <= start:
                    r += 1
                if r == len(runs) or runs[r][0] >= end:  # no run in the rest of this token
                    words.append(text[start:end])
                    spaces.append(False)
                    break
                run_start, run_end = runs[r]
                if start < run_start:
                    words.append(text[start:run_start])
                    spaces.append(False)
                cut = _RUN_TOKEN.findall(text, max(run_start, at), run_end)
                words += cut
                spaces += [False] * len(cut)
                start = at = run_end
            at = max(at, end)
            if space and at == end and text.startswith(" ", end):
                spaces[-1] = True
                at = end + 1
        return Doc(self.inner.vocab, words=words, spaces=spaces)

    def __getattr__(self, name):  # rules, vocab, prefix_search ...: those of spaCy's tokenizer
        return getattr(self.inner, name)


def _filler(run: re.Match) -> str:
    """What a run becomes for spaCy: words of 15 "x" (no quadratic affix loop, no giant word)."""
    n = run.end() - run.start()
    return ("x" * 15 + " ") * (n // 16) + "x" * (n % 16) if n % 16 else ("x" * 15 + " ") * (n // 16 - 1) + "x" * 16


# one class, no alternation: a fast first look (written out three times: the engine's repeat of a
# class costs it ~1.7 times the three classes)
_THREE_SYMBOLS = re.compile(r"[^\w\s][^\w\s][^\w\s]")


def hostile(text: str) -> bool:
    """True when spaCy alone would tokenize the text in more than linear time (a long run, or many).

    Most texts have no run at all: a scan for three symbols together and the longest
    whitespace-separated word settle them before the slower exact patterns run.
    """
    if not _THREE_SYMBOLS.search(text) and max(map(len, text.split()), default=0) < 65:
        return False
    if LONG_RUN.search(text):
        return True
    limit = MANY_RUNS + len(text) // 2000
    return any(i >= limit for i, _ in enumerate(HOSTILE.finditer(text)))


@cache
def pipeline() -> Language:
    nlp = spacy.blank("en")
    tokenizer = nlp.tokenizer
    tokenizer.rules = {k: v for k, v in tokenizer.rules.items() if k not in _WHITESPACE_CASES}
    nlp.tokenizer = BoundedTokenizer(tokenizer)
    nlp.add_pipe("sentencizer")
    return nlp
