"""5 MB of any content extracts in under a minute (issue 12 item 9): time grows linearly with the
text whatever its shape, not only for runs of punctuation (test_tokenizer_bounded.py) but for text
dense with quote marks, names, titles, dates and figures, one endless sentence, tables."""

from __future__ import annotations

import os
import random
import time

import pytest

from inspectkg.ingest.extract import extract
from inspectkg.model import Document

WORDS = "the force said police officers crime victims report inspection good was in and of to a".split()
NAMES = ("Kent Police Chief Constable Alan Pughsley Home Office HMICFRS Sussex Durham Matt Parr Inspector Smith "
         "Jones Commissioner Council Andy Cooke Report Findings").split()


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _words(choices: list[str], n: int, seed: int = 1) -> str:
    pick = random.Random(seed).choice
    out, size = [], 0
    while size < n:
        word = pick(choices)
        out.append(word)
        size += len(word) + 1
    return " ".join(out)[:n]


SHAPES = {
    "quote marks among words": lambda n: _words(WORDS + ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", '"We',
                                                         'said."', "'the"], n),
    "one force name repeated": lambda n: _repeat("Kent Police said '''' ", n),
    "names and titles": lambda n: _words(NAMES + ["said", "of", "the", "and", "."], n),
    "digits and dates": lambda n: _repeat("On 12 March 2019, 45% of 1,234 crimes in 2021/22 rose to 3.5 per "
                                          "1,000 by 2023. ", n),
    "capitalised words": lambda n: _words([w.capitalize() for w in WORDS] + NAMES, n),
    "one sentence without full stops": lambda n: _words(WORDS + NAMES, n),
    "lines of percent signs": lambda n: _repeat("%" * 10_000 + "\n", n),
    "a table": lambda n: _repeat("| Kent Police | Good | Requires improvement | 2021/22 | 45% |\n", n),
    "quoted speech": lambda n: _repeat('"We accept the findings," said Chief Constable Jo Marsh. ', n),
}


def _cpu_seconds(name: str, size: int) -> float:
    """CPU seconds to extract ``size`` characters of a shape (other work on a shared machine does not count)."""
    text = SHAPES[name](size)
    start = time.process_time()
    extraction = extract(Document(text=text, source="shape.txt"))
    elapsed = time.process_time() - start
    extraction.check()
    return elapsed


def test_every_shape_extracts_and_its_spans_match_the_text():
    for name, make in SHAPES.items():
        text = make(20_000)
        extract(Document(text=text, source=f"{name}.txt")).check()


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_one_megabyte_of_any_shape_extracts_at_the_rate_of_five_in_a_minute(name):
    """A fifth of the target, at a fifth of the time: 12 s of CPU per MB (the run is linear in length)."""
    elapsed = _cpu_seconds(name, 1_000_000)
    assert elapsed < 12, f"{name}: {elapsed:.1f} s"


@pytest.mark.skipif(os.environ.get("INSPECTKG_SLOW") != "1",
                    reason="nine runs of about a minute each: scripts/test-long.sh runs them")
@pytest.mark.parametrize("name", sorted(SHAPES))
def test_five_megabytes_of_any_shape_extract_in_under_a_minute(name):
    elapsed = _cpu_seconds(name, 5_000_000)
    assert elapsed < 60, f"{name}: {elapsed:.1f} s"
