"""Each step's time grows linearly with the text on the inputs that once made it quadratic (issue 12
item 4): twice the text may take about twice the time, never four times.

Each case times one step, or the one function that was quadratic (``process_time``, the best of five
runs, n and 2n in turn, so other work on a shared machine counts little; the garbage collector off while it runs, as
timeit does), on n and 2n repetitions of a unit that made it
rescan the text, or every earlier find, for each new one."""

from __future__ import annotations

import gc
import re
import time

import pytest

from inspectkg.ingest.extract import extract, organisations, orgnames, people, ratings
from inspectkg.ingest.extract.gazetteer import Hit
from inspectkg.model import Document


def _step_seconds(step, text: str) -> float:
    """CPU seconds ``step.run`` takes within one extraction of ``text``."""
    original = step.run
    took = []

    def timed(ctx) -> None:
        gc.collect()
        gc.disable()  # as timeit does: a collection of the whole heap is no part of the step's own time
        try:
            start = time.process_time()
            original(ctx)
            took.append(time.process_time() - start)
        finally:
            gc.enable()

    step.run = timed
    try:
        extract(Document(text=text, source="linear.txt"))
    finally:
        step.run = original
    return took[0]


def _seconds(function, *args) -> float:
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        function(*args)
        return time.process_time() - start
    finally:
        gc.enable()


def _places(text: str) -> list[Hit]:
    return [Hit(m.start(), m.end(), "place", (m.group().lower(),), m.group()) for m in re.finditer("Kent|Surrey", text)]


def _long_line(n: int) -> str:
    return "Kent police forces. " + ("Kent and Surrey met the Victim Support Trust" + " " * 200 + "then. ") * n


# what is timed (on a text of n units), and n: the old code took 4x (or more) for 2n, the linear code about 2x
CASES = {
    # every bare "Inspector X" asked, for every mention of X, whether "our inspection" follows it
    "a bare inspector named again and again": (
        lambda n: _step_seconds(people, "Kent Police was inspected by HMICFRS.\n\n"
                                + "Inspector John Smith said the force had improved.\n\n" * n), 1500),
    # every three-word name after a title's area ("... for Wiltshire and Swindon Angus Reid") scanned every title
    "titles with an area before a name": (
        lambda n: _step_seconds(people, "Police and Crime Commissioner for Wiltshire and Swindon Angus Reid said.\n"
                                * n), 1500),
    # every "... Trust" looked for the start of its line from where it stands
    "organisation names on one long line": (lambda n: _seconds(orgnames.find, _long_line(n), []), 10_000),
    # every sentence grading two forces counted the force mentions of the whole text
    "sentences each grading two forces": (
        lambda n: _step_seconds(ratings, "Kent Police was rated good and Surrey Police was rated inadequate. " * n),
        1500),
    # every list of force areas looked for the start and the end of its line
    "force areas on one long line": (
        lambda n: _seconds(organisations._listed_places, _long_line(n), _places(_long_line(n))), 10_000),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_twice_the_text_takes_about_twice_the_time(name):
    seconds, n = CASES[name]
    pairs = [(seconds(n), seconds(2 * n)) for _ in range(5)]  # in turn, so a busy spell slows both sizes
    once = min(a for a, _ in pairs)
    twice = min(b for _, b in pairs)
    assert twice < 3 * max(once, 0.01), f"{name}: {once:.3f} s for n, {twice:.3f} s for 2n"
