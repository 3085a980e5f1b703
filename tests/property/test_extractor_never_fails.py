"""The extractor never fails: arbitrary text and HTML-ish strings, through the readers,
the extractor and the mapping, raise nothing but a reader's InputError; every span
matches the text (``Extraction.check``) and every minted IRI is accepted by
pyoxigraph (``to_quads`` builds NamedNodes, which validate; the N-Quads round-trip).

Example counts come from the hypothesis profile in ``tests/conftest.py``.
"""

from __future__ import annotations

import pyoxigraph
from hypothesis import example, given, strategies as st

from inspectkg.errors import InputError
from inspectkg.store.mapping import to_quads
from inspectkg.ingest.extract import extract
from inspectkg.ingest.read_html import html_document
from inspectkg.ingest.read_text import text_document
from inspectkg.model import Document

# Made-up fragments that make the extractor's rules fire (forces, grades, speech, numbers, dates).
FRAGMENTS = [
    "Kent Police", "Essex Police", "West Midlands Police", "Her Majesty's Inspectorate of Constabulary",
    "HMICFRS", "HMIC", "PEEL", "2021/22", "2018/19", "the force", "the constabulary", "was rated",
    "outstanding", "good", "adequate", "requires improvement", "inadequate", "for preventing crime",
    "at investigating crime", "in the crime data integrity inspection", "Chief Constable", "Sir",
    "Dr", "Ms Jo Williams", "Alan Pughsley", "Mr", "said", "told", "added", "accepted the findings",
    "\u201c", "\u201d", "\"", "'", "\u2018", "\u2019", ".", ",", ";", ":", "\n", "\n\n", " ", "-", "\u2013",
    "83.6%", "per cent", "\u00a3", "12,000", "7", "1 March 2022", "April 2019", "2017", "recommendation",
    "cause of concern", "area for improvement", "should", "must", "Police and Crime Commissioner",
    "Mr Scott", "he", "she", "they", "it", "(", ")", "#", "%", "<", ">", "&", "\u00e9", "\U0001F46E",
    "\u200b", "\u202e", "e\u0301", "\ufffd", "\t", "\r\n", "\x0c",
]
fragment_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60).map("".join)
# Runs of punctuation, quote marks and other symbols (spaCy's tokenizer is quadratic on them), between fragments.
RUN_CHARS = ['"', "'", "(", ")", "%", "$", "#", "*", ".", "-", "\u2026", "\u201c", "\u2018", "\U0001F46E", "http://"]
symbol_runs = st.builds(lambda c, n: c * n, st.sampled_from(RUN_CHARS), st.integers(3, 3000))
run_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), symbol_runs), max_size=20).map("".join)
any_text = st.one_of(st.text(max_size=400), fragment_text, run_text)

TAGS = ["p", "div", "span", "h1", "h2", "article", "main", "script", "style", "br", "a", "li", "ul", "table",
        "tr", "td", "title", "head", "body", "html", "meta", "noscript", "svg", "iframe", "template", "pre"]


@st.composite
def html_ish(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.integers(0, 5))
        tag = draw(st.sampled_from(TAGS))
        if kind == 0:
            attr = draw(st.sampled_from(["", ' class="x"', ' charset="utf-8"', ' href="http://a b"',
                                         ' content="2022-13-45"', ' property="og:url" content="javascript:x"',
                                         ' name="date" content="1 April 2022"', "='\"", " =", " a=b c"]))
            parts.append(f"<{tag}{attr}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(draw(st.sampled_from(["<!--", "-->", "<!DOCTYPE html>", "<![CDATA[", "]]>", "&amp;",
                                               "&#0;", "&#xD800;", "&nbsp;", "&bogus;", "<?xml?>", "<", ">"])))
        else:
            parts.append(draw(any_text))
    return "".join(parts)


def check_all_the_way(document: Document) -> None:
    extraction = extract(document)
    extraction.check()
    for span in extraction.spans():
        assert document.text[span.start : span.end] == span.exact
    quads = to_quads(extraction)  # NamedNode() refuses a bad IRI here
    data = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS)
    assert len(list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_QUADS))) == len(set(quads))


@given(text=any_text)
def test_extract_never_fails_on_any_text(text):
    if not text.strip():
        return
    check_all_the_way(Document(text=text, source="any.txt"))


@given(text=any_text, markdown=st.booleans(), encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_text_reader_then_extract_never_fails(text, markdown, encoding):
    try:
        document = text_document(text.encode(encoding, "surrogatepass"), "t.md" if markdown else "t.txt",
                                 markdown=markdown)
    except InputError as exc:
        assert str(exc).startswith("t.")
        return
    check_all_the_way(document)


@given(markup=html_ish())
@example(markup="<svg></p><html>")  # lxml's cleaner asserted on it inside htmldate
def test_html_reader_then_extract_never_fails(markup):
    try:
        document = html_document(markup.encode("utf-8", "surrogatepass"), "page.html")
    except InputError as exc:
        assert str(exc).startswith("page.html: ")
        return
    check_all_the_way(document)
