"""HTML pages: bytes -> :class:`Document` with trafilatura.

The bytes are decoded here (BOM, declared charset, ``<meta charset>``, then
the text rules of :mod:`read_text`) and trafilatura only ever sees a ``str``:
given bytes it would decompress gzip/zstd/brotli input without an output cap.
trafilatura's ``bare_extraction`` gives the main text (one paragraph per line)
and the metadata; when it finds nothing, a plain tag-stripping of ``<body>``
is the fallback.  A page with no text at all is refused.  The publication date is the one the
page declares (meta tags, JSON-LD ``datePublished``, ``<time datetime>``), else trafilatura's,
else a date in the file name.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..errors import InputError
from ..model import Document
from .dateline import filename_date, html_meta_date
from .read_text import clean, decode, published_value, require_text

MAX_HTML_BYTES = 20 * 1024 * 1024
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def html_document(data: bytes, name: str, charset: str | None = None, url: str | None = None) -> Document:
    """A Document from the bytes of an HTML page.

    ``charset`` is the encoding the container declared (an HTTP header);
    ``url`` the address the page was fetched from, which wins over the one
    the page declares.
    """
    if len(data) > MAX_HTML_BYTES:
        raise InputError(name, f"HTML too large ({len(data):,} bytes > {MAX_HTML_BYTES:,})")
    if not charset:
        match = _META_CHARSET.search(data[:4096])
        charset = match.group(1).decode("ascii") if match else None
    markup = decode(data, name, charset)
    extracted = _extract(markup, url)
    text = clean(extracted.text if extracted is not None and extracted.text else "").strip()
    if not text:
        text = _strip_tags(markup)
    if not text.strip():
        raise InputError(name, "no text content", "the page holds only markup or script")
    require_text(text, name)
    meta = extracted
    return Document(
        text=text,
        source=name,
        title=_field(meta, "title"),
        publisher=_field(meta, "sitename"),
        published=html_meta_date(markup) or published_value(_field(meta, "date")) or filename_date(name),
        url=url or _field(meta, "url"),
        media_type="text/html",
    )


def _extract(markup: str, url: str | None):
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_formatting=False,
        )
    except (ValueError, TypeError, AttributeError, RecursionError, AssertionError):
        # malformed markup; lxml's cleaner asserts on some ("<svg></p><html>", via htmldate)
        return None


def _field(meta, key: str) -> str | None:
    value = getattr(meta, key, None) if meta is not None else None
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


_BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul".split()
)
_SKIP = frozenset("script style noscript template head title svg iframe object".split())


class _TextCollector(HTMLParser):
    """Text of ``<body>`` with one line per block element; skips scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def _strip_tags(markup: str) -> str:
    collector = _TextCollector()
    try:
        collector.feed(markup)
        collector.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup
        pass
    lines = (" ".join(line.split()) for line in clean("".join(collector.parts)).split("\n"))
    return "\n".join(line for line in lines if line)
