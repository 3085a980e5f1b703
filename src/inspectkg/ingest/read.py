"""What to read and how: :func:`discover` (in :mod:`.read_folder`) expands the targets
given to ``build`` into :class:`Source` s, :func:`read` turns one into a
:class:`~inspectkg.model.Document`, dispatching on the suffix (files) or the
Content-Type (URLs)::

    >>> [s.name for s in discover([folder])]            # doctest: +SKIP
    ['corpus/2021/kent.pdf', 'corpus/news/kent-rated-good.html']
    >>> read(Source("reports/kent.txt", "kent.txt")).source  # doctest: +SKIP
    'kent.txt'
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError
from ..model import Document
from .read_html import MAX_HTML_BYTES, html_document
from .read_pdf import MAX_PDF_BYTES, pdf_document
from .read_text import MARKDOWN_SUFFIXES, MAX_TEXT_BYTES, text_document
from .read_folder import SUPPORTED_SUFFIXES, URL_SCHEMES, Source, discover, is_url
from .read_url import url_document

__all__ = ["SUPPORTED_SUFFIXES", "URL_SCHEMES", "Source", "discover", "is_url", "read"]


def read(source: Source, *, allow_private: bool | Sequence[str] | None = None) -> Document:
    """Read one source; raises InputError naming ``source.name`` and the reason.

    ``allow_private`` only matters for URLs (see :mod:`.read_url`; for tests).
    """
    if source.problem:
        raise InputError(source.name, source.problem)
    if is_url(source.location):
        return url_document(source.location, source.name, allow_private=allow_private)
    path = Path(source.location)
    if _has_surrogates(source.name):  # os.walk gives a name's undecodable bytes as lone surrogates
        name = source.name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise InputError(name, "file name is not valid UTF-8", "rename the file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(source.name, f"unsupported file type {suffix or '(no suffix)'!r}",
                         "supported: " + " ".join(SUPPORTED_SUFFIXES))
    limit = MAX_PDF_BYTES if suffix == ".pdf" else MAX_HTML_BYTES if suffix in (".html", ".htm") else MAX_TEXT_BYTES
    data = _read_bytes(path, source.name, limit)
    if suffix == ".pdf":
        return pdf_document(data, source.name)
    if suffix in (".html", ".htm"):
        return html_document(data, source.name)
    return text_document(data, source.name, markdown=suffix in MARKDOWN_SUFFIXES)


def _has_surrogates(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _read_bytes(path: Path, name: str, limit: int) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError(name, "broken symbolic link" if path.is_symlink() else "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(name, f"cannot read file ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise InputError(name, f"file too large (more than {limit:,} bytes)")
    return data
