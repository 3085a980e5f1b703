"""The regex pre-filter (ingest/extract/prefilter.py) reads patterns with a parser of its own, never
CPython's private one, and a guarded or scanned regex finds exactly what the regex finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from inspectkg.ingest.extract import prefilter

PATTERNS = [
    r"\bcustody (?:suite )?inspection\b",
    r"(?:\bcommitted to\b)|(?:\bwe will\b|\bwe'll\b)",
    r"(?<![\w-])(?:assessed\s+to\s+be|judged\s+as)\b",
    r"\b(?:this|that|the same)\s+(?:grade|rating)s?\b",
    r"[Tt]he (?:force|constabulary)",
    r"(?i:HMIC\w*)|(?-i:Inspectors?)",
    r"\b\d{1,3}-year-old[ \u00a0]+",
    r"(?P<n>\d+) areas?\b",
    r"\b(?:r(?:a(?:nked|te[ds]?)|egarded\s+as)|mark(?:ed|s)?)\b",  # a letter tree: requirements from its beginnings
    r"\b(?:said|says|found|finds|noted|notes|warned|warns|added)\b",  # prefixes enough for an automaton
]
WORDS = ["the", "The", "force", "constabulary", "custody", "suite", "inspection", "we", "will", "we'll",
         "committed", "to", "assessed", "judged", "as", "be", "-", "grade", "rating", "ratings", "HMICFRS",
         "Inspectors", "inspectors", "22-year-old", "3", "areas", "area", "İ", "ſ", ",", "\u00a0",
         "said", "Says", "found", "notes", "warned", "unsaid", "added", "ΣΑΣ",
         "rated", "rates", "rate", "ranked", "rat", "regarded", "regarded as", "marks", "mark", "marked"]
texts = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)


@given(texts)
def test_guarded_and_scanned_regexes_find_what_the_regex_finds(text):
    for pattern in PATTERNS:
        regex = re.compile(pattern, re.IGNORECASE)
        want = [m.span() for m in regex.finditer(text)]
        assert [m.span() for m in prefilter.Guarded(regex).finditer(text)] == want
        assert [m.span() for m in prefilter.Scan(regex).finditer(text)] == want
        found = prefilter.Guarded(regex).search(text)
        assert (found and found.span()) == (want[0] if want else None)


sentence_lists = st.lists(texts.filter(lambda t: t.strip() == t and t), min_size=1, max_size=6)


@given(sentence_lists, st.sampled_from([". ", "\n", ".\n\n"]))
def test_a_documents_cue_word_index_answers_as_the_sentences_themselves(sentences, joiner):
    """With a document's sentences indexed (``CueWords.index``), a guarded regex finds in each
    sentence, in the document and in any other text exactly what the regex finds; a regex compiled
    after the index was made, or another document's sentence, is tested on the text itself."""
    from inspectkg.model import Span

    doc = joiner.join(sentences)
    spans, at = [], 0
    for sentence in sentences:
        spans.append(Span(at, at + len(sentence), sentence))
        at += len(sentence) + len(joiner)
    guarded = [(re.compile(p, re.IGNORECASE), prefilter.Guarded(re.compile(p, re.IGNORECASE))) for p in PATTERNS]
    prefilter.CueWords.index(doc, spans)
    late = re.compile(r"\b(?:inspectors|areas) (?:said|found)\b", re.IGNORECASE)
    guarded.append((late, prefilter.Guarded(late)))  # words the index does not hold
    for text in [*sentences, doc, doc[1:], "the force said so"]:
        for regex, g in guarded:
            want = [m.span() for m in regex.finditer(text)]
            assert [m.span() for m in g.finditer(text, text.lower())] == want, (regex.pattern, text)
            found = g.search(text, text.lower())
            assert (found and found.span()) == (want[0] if want else None), (regex.pattern, text)
    for span in spans:  # search_in: a sentence of the indexed document
        for regex, g in guarded:
            found = g.search_in(span.exact, span.exact.lower(), doc, span.start)
            want = regex.search(span.exact)
            assert (found and found.span()) == (want and want.span())


@given(texts)
def test_prefix_positions_from_one_automaton_pass_are_those_of_a_find_per_prefix(text):
    lowered = text.lower()
    many = prefilter.prefixes(PATTERNS[-1])
    assert len(many) >= prefilter._AUTOMATON_PREFIXES
    want = sorted(i for p in many for i in range(len(lowered)) if lowered.startswith(p, i))
    assert prefilter.starts(many, lowered) == want


def test_the_folding_letters_are_those_the_regex_engine_folds_otherwise_than_lower():
    """Every letter whose lowered form is not what the engine compares (a lowering of two letters,
    or another letter), and every letter the engine takes for another (ASCII "i" / "s" aside: the
    other members of their classes stand for them), is among ``FOLDING_LETTERS``."""
    from re import _casefix  # the engine's own table of letters equal under IGNORECASE (tests only)

    folding = set(prefilter.FOLDING_LETTERS)
    for k, others in _casefix._EXTRA_CASES.items():
        for letter in (chr(k), *map(chr, others)):
            assert letter in folding or letter in "is", letter
    for cp in range(0x110000):
        letter = chr(cp)
        lowered = letter.lower()
        if len(lowered) != 1 or not re.fullmatch(re.escape(lowered), letter, re.IGNORECASE):
            assert letter in folding, hex(cp)


@pytest.mark.parametrize("pattern, texts", [
    ("ΟΔΟΣ", ["ΟΔΟΣ.", "ΟΔΟΣΑ", "οδοσα", "ΟΔΟΣ. ΟΔΟΣΑ"]),  # "Σ" lowers to "σ" or "ς" by what follows
    ("said", ["ſaid", "SAID", "ſAID it"]),  # "ſ" is "s" to the engine, not to str.lower()
    ("inspection", ["İnspection", "ınspection"]),
])
def test_a_text_with_letters_the_engine_folds_otherwise_is_never_left_out(pattern, texts):
    from inspectkg.model import Span

    regex = re.compile(pattern, re.IGNORECASE)
    g = prefilter.Guarded(regex)
    doc = "\n".join(texts)
    spans, at = [], 0
    for text in texts:
        spans.append(Span(at, at + len(text), text))
        at += len(text) + 1
    prefilter.CueWords.index(doc, spans)
    for text in [*texts, doc]:
        want = regex.search(text)
        assert (g.search(text) and g.search(text).span()) == (want and want.span()), text
        assert [m.span() for m in g.finditer(text)] == [m.span() for m in regex.finditer(text)]


def test_requirements_and_prefixes_are_read_off_the_pattern():
    # a letter tree has no run of four letters: what its matches begin with is required
    assert prefilter.requirements(r"\br(?:a(?:nked|te)|egarded)\b") == (frozenset({"ranked", "rate", "regarded"}),)
    assert prefilter.requirements(r"\bra(?:n|t)\b") == ()  # "ran", "rat": too short to ask for
    assert prefilter.requirements(r"\b(?:the force|the constabulary)\b") == (frozenset({"the force", "the constabulary"}),)
    assert prefilter.prefixes(r"\b(?:in|across) (?:\w+ )?areas\b") == ("across ", "in ")
    assert prefilter.prefixes(r"[Tt]he force") == ("the force",)
    assert prefilter.prefixes(r"\w+ said") is None  # begins with no literal
    assert prefilter.requirements(r"(?x) custody  inspection") == ()  # verbose: white space is no literal
    assert prefilter.requirements(re.compile(r"custody inspection", re.VERBOSE)) == ()


@pytest.mark.parametrize("pattern", [r"(\w+) \1", r"(?(1)a|b)", r"\N{BULLET} item"])
def test_a_pattern_the_parser_does_not_read_gives_no_facts(pattern):
    assert prefilter.requirements(pattern) == ()
    assert prefilter.prefixes(pattern) is None


def test_only_public_apis():
    source = (Path(prefilter.__file__).parent / "cues.py").read_text(encoding="utf-8") \
        + Path(prefilter.__file__).read_text(encoding="utf-8")
    for private in ("_parser", "sre_parse", "sre_constants", "eval("):
        assert private not in source
