"""Plain text and Markdown files: bytes -> :class:`Document`.

Decoding, in this order (see :func:`decode`):

1. a byte-order mark decides: UTF-8 (the BOM is dropped), UTF-32 or UTF-16;
2. otherwise the bytes must be UTF-8;
3. otherwise Windows-1252 is accepted, but only when the bytes decode cleanly
   as cp1252 (Python's codec rejects its five undefined bytes) and hold no C0
   control character besides tab, newline and carriage return.  This catches
   the common case of a report saved by an old Windows editor without
   guessing at arbitrary bytes; anything else is refused with
   ``not valid UTF-8 (byte 0x.. at offset N)``.

NUL bytes (without a UTF-16/32 BOM) or a high share of control characters
mean ``binary content``.  Newlines are normalised (``\\r\\n`` and ``\\r``
become ``\\n``); every other character is kept exactly as written.

Metadata: a Markdown file may open with YAML front matter (``---`` ...
``---``) giving ``title``, ``publisher``, ``published`` (or ``date``) and
``url``; the block is removed from the text.  Without a date there, a dateline near the
top of the text (:mod:`.dateline`), else a date in the file name (``2016-02-18_...``).  Otherwise the first non-empty
line becomes the title when it is short and more text follows it (a
heuristic).
"""

from __future__ import annotations

import codecs
import datetime as _dt
import re

import yaml

from .dateline import dateline_date, filename_date
from ..errors import InputError
from ..model import Document

MAX_TEXT_BYTES = 20 * 1024 * 1024
MAX_TITLE_CHARS = 200
MARKDOWN_SUFFIXES = (".md",)

_BOMS = (  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # form feed is a page break
_C0_BUT_TAB_NL_CR = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NEWLINES = re.compile(r"\r\n?")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_PUBLISHED = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
BINARY_CONTROL_SHARE = 0.05  # more control characters than this -> binary


def decode(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode bytes to text by the rules in the module docstring.

    ``declared`` is an encoding stated by the container (an HTTP header or an
    HTML ``<meta charset>``); it is tried after a BOM and before UTF-8.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_binary(data[len(bom) :].decode(encoding), name)
            except UnicodeDecodeError as exc:
                raise InputError(
                    name, f"not valid {encoding.upper()} (byte 0x{data[len(bom) + exc.start]:02x} "
                    f"at offset {len(bom) + exc.start})"
                ) from None
    if b"\x00" in data:
        raise InputError(name, "binary content (contains NUL bytes)", "is this really a text file?")
    if declared and _codec(declared) not in (None, "utf-8"):
        try:
            return _check_binary(data.decode(_codec(declared)), name)
        except UnicodeDecodeError:
            pass  # a wrong declaration: fall back to the rules below
    try:
        return _check_binary(data.decode("utf-8"), name)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    controls = len(_C0_BUT_TAB_NL_CR.findall(data))
    if not controls:
        try:
            return _check_binary(data.decode("cp1252"), name)
        except UnicodeDecodeError:
            pass
    elif controls > 2 and controls / len(data) > BINARY_CONTROL_SHARE:
        raise InputError(name, f"binary content ({controls} control bytes)", "is this really a text file?")
    raise InputError(
        name,
        f"not valid UTF-8 (byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start})",
        "save the file as UTF-8",
    )


def _codec(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip().strip("'\"")).name
    except LookupError:
        return None


def _check_binary(text: str, name: str) -> str:
    if "\x00" in text:
        raise InputError(name, "binary content (contains NUL characters)", "is this really a text file?")
    controls = len(_CONTROL.findall(text))
    if text and controls > 2 and controls / len(text) > BINARY_CONTROL_SHARE:
        raise InputError(name, f"binary content ({controls} control characters)", "is this really a text file?")
    return text


def clean(text: str) -> str:
    """Normalise newlines and replace lone surrogates; keep everything else."""
    text = _NEWLINES.sub("\n", text)
    text = text.replace("\x00", "")
    return _SURROGATE.sub("\ufffd", text)


def require_text(text: str, name: str) -> str:
    """Refuse empty or whitespace-only text."""
    if not text.strip():
        raise InputError(name, "empty document" + (" (whitespace only)" if text else ""))
    return text


def guess_title(text: str, markdown: bool = False) -> str | None:
    """The first non-empty line, when it is short and more text follows it."""
    lines = text.lstrip().split("\n", 1)
    if len(lines) < 2 or not lines[1].strip():
        return None
    first = lines[0].strip()
    if markdown:
        first = re.sub(r"^#{1,6}\s+", "", first).rstrip("#").strip()
    if not first or len(first) >= MAX_TITLE_CHARS:
        return None
    return first


def published_value(value: object) -> str | None:
    """A date from metadata as YYYY-MM-DD, YYYY-MM or YYYY; None when not one."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    if isinstance(value, str):
        match = _PUBLISHED.match(value.strip())
        if match:
            return match.group(0)
    return None


def _front_matter(text: str, name: str) -> tuple[dict, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1) or "") or {}
    except (yaml.YAMLError, ValueError, RecursionError) as exc:  # "date: 2020-13-45" raises ValueError
        problem = " ".join(str(exc).split()) or type(exc).__name__
        raise InputError(name, f"bad front matter ({problem})", "fix the YAML between the --- lines") from None
    if not isinstance(meta, dict):
        raise InputError(name, "bad front matter (not a mapping)", "write key: value lines between the --- lines")
    return meta, text[match.end() :]


def _str_or_none(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    value = str(value).strip()
    return value or None


def text_document(data: bytes, name: str, markdown: bool = False, declared: str | None = None) -> Document:
    """A Document from the bytes of a text or Markdown file (no size check)."""
    text = clean(decode(data, name, declared))
    meta: dict = {}
    if markdown:
        meta, text = _front_matter(text, name)
    require_text(text, name)
    title = _str_or_none(meta.get("title")) or guess_title(text, markdown)
    return Document(
        text=text,
        source=name,
        title=title,
        publisher=_str_or_none(meta.get("publisher")),
        published=published_value(meta.get("published", meta.get("date"))) or dateline_date(text)
        or filename_date(name),
        url=_str_or_none(meta.get("url")),
        media_type="text/markdown" if markdown else "text/plain",
    )
