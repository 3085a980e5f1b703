"""PDF files: bytes -> :class:`Document` from pypdf's text layer.

Pages are read one by one and joined with a blank line (``"\\n\\n"``).  The
metadata ``/Title`` and ``/CreationDate`` give ``title`` and ``published``.
The work is bounded: at most :data:`MAX_PDF_PAGES` pages and
:data:`MAX_PDF_BYTES` bytes; every exception pypdf raises on a broken file
(including ``RecursionError`` on reference loops) becomes an
:class:`~inspectkg.errors.InputError`.  There is no OCR: a scan without a
text layer is refused with a hint.
"""

from __future__ import annotations

import io
import logging
import re

from ..errors import InputError
from ..model import Document
from .dateline import filename_date
from .read_text import clean

MAX_PDF_BYTES = 200 * 1024 * 1024
MAX_PDF_PAGES = 2_000
# pypdf logs a warning for every recoverable flaw; keep them off stderr unless
# the application configures logging (a NullHandler stops logging's lastResort).
logging.getLogger("pypdf").addHandler(logging.NullHandler())
_PDF_DATE = re.compile(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?")


def pdf_document(data: bytes, name: str, url: str | None = None) -> Document:
    """A Document from the bytes of a PDF file."""
    if len(data) > MAX_PDF_BYTES:
        raise InputError(name, f"PDF too large ({len(data):,} bytes > {MAX_PDF_BYTES:,})")
    if b"%PDF-" not in data[:1024]:
        raise InputError(name, "not a readable PDF (no %PDF- header)")
    try:
        pages, title, created = _read(data, name)
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many types on broken files, RecursionError included
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise InputError(name, f"not a readable PDF ({reason})") from None
    text = clean("\n\n".join(pages))
    if not text.strip():
        raise InputError(
            name,
            f"no text layer (pypdf returned {len(text.strip())} characters)",
            "run OCR first or pass the .txt",
        )
    return Document(
        text=text,
        source=name,
        title=title,
        published=_published(created) or filename_date(name),
        url=url,
        media_type="application/pdf",
    )


def _read(data: bytes, name: str) -> tuple[list[str], str | None, str | None]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            decrypted = reader.decrypt("")
        except DependencyError as exc:
            raise InputError(name, f"encrypted PDF ({exc})", "decrypt it first") from None
        if not decrypted:
            raise InputError(name, "encrypted PDF", "it needs a password; save a decrypted copy first")
    count = len(reader.pages)
    if count > MAX_PDF_PAGES:
        raise InputError(name, f"too many pages ({count:,} > {MAX_PDF_PAGES:,})", "split the PDF")
    pages = [reader.pages[i].extract_text() or "" for i in range(count)]
    info = reader.metadata or {}
    return pages, _string(info.get("/Title")), _string(info.get("/CreationDate"))


def _string(value: object) -> str | None:
    if value is None:
        return None
    try:
        value = " ".join(str(value).split())
    except Exception:  # an indirect object that does not resolve
        return None
    return clean(value) or None


def _published(created: str | None) -> str | None:
    match = _PDF_DATE.match(created or "")
    if not match:
        return None
    year, month, day = match.groups()
    if not 1900 <= int(year) <= 2999:
        return None
    if month and 1 <= int(month) <= 12:
        if day and 1 <= int(day) <= 31:
            return f"{year}-{month}-{day}"
        return f"{year}-{month}"
    return year
