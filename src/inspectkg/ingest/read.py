"""What to read and how: :func:`discover` expands the targets given to
``build``/``ingest`` into :class:`Source` s, :func:`read` turns one into a
:class:`~inspectkg.model.Document`, dispatching on the suffix (files) or the
Content-Type (URLs)::

    >>> [s.name for s in discover([folder])]            # doctest: +SKIP
    ['2021/kent.pdf', 'news/kent-rated-good.html']
    >>> read(Source("reports/kent.txt", "kent.txt")).source  # doctest: +SKIP
    'kent.txt'
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import InputError
from ..model import Document
from .read_html import MAX_HTML_BYTES, html_document
from .read_pdf import MAX_PDF_BYTES, pdf_document
from .read_text import MARKDOWN_SUFFIXES, MAX_TEXT_BYTES, text_document
from .read_url import url_document

SUPPORTED_SUFFIXES = (".txt", ".md", ".text", ".html", ".htm", ".pdf")
URL_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class Source:
    """One thing to read."""

    location: str  # filesystem path or URL
    name: str  # becomes dcterms:source: path relative to the folder given, the file name, or the URL


def is_url(target: str | Path) -> bool:
    """True for a string with a URL scheme (``http://``, ``ftp://``, ...), not a Windows drive."""
    if isinstance(target, Path):
        return False
    scheme = urlsplit(target).scheme
    return len(scheme) > 1 and "://" in target


def discover(targets: Sequence[str | Path]) -> list[Source]:
    """Expand folders (recursively, sorted), keep files and URLs, in the order given.

    In folders, hidden files and folders (name starting with ".") and files
    with an unsupported suffix are skipped silently; a file named explicitly
    must have a supported suffix.  A missing path raises InputError.
    """
    out: list[Source] = []
    for target in targets:
        if is_url(target):
            scheme = urlsplit(str(target)).scheme.lower()
            if scheme not in URL_SCHEMES:
                raise InputError(str(target), f"unsupported URL scheme {scheme!r}", "only http and https URLs")
            out.append(Source(str(target), str(target)))
            continue
        path = Path(target)
        if path.is_dir():
            out.extend(_walk(path))
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                raise InputError(str(target), f"unsupported file type {path.suffix or '(no suffix)'!r}",
                                 "supported: " + " ".join(SUPPORTED_SUFFIXES))
            out.append(Source(str(path), path.name))
        elif path.exists():
            raise InputError(str(target), "not a file or folder")
        else:
            raise InputError(str(target), "no such file or folder")
    seen: set[Source] = set()
    return [s for s in out if not (s in seen or seen.add(s))]


def _walk(folder: Path) -> list[Source]:
    found: list[tuple[str, str]] = []
    for root, dirs, files in os.walk(folder, onerror=_raise_walk_error):  # does not follow folder symlinks
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for file in files:
            if file.startswith(".") or Path(file).suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            full = Path(root, file)
            if full.is_file() or (full.is_symlink() and not full.exists()):  # a broken link or a loop: read() says so
                found.append((full.relative_to(folder).as_posix(), str(full)))
    return [Source(location, name) for name, location in sorted(found)]


def _raise_walk_error(error: OSError) -> None:
    raise InputError(getattr(error, "filename", None) or "?", f"cannot list folder ({error.strerror or error})")


def read(source: Source, *, allow_private: bool | Sequence[str] | None = None) -> Document:
    """Read one source; raises InputError naming ``source.name`` and the reason.

    ``allow_private`` only matters for URLs (see :mod:`.read_url`; for tests).
    """
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
