"""What to read: :func:`discover` expands the targets given to ``build`` into :class:`Source` s.

A document's *source name* (its ``dcterms:source``, the key a rebuild and
``remove`` use) is

- for a file found in a folder: the folder's own name, then the path below it
  (``build corpus/`` gives ``corpus/2021/kent.pdf``), so two folders given to
  one build never share a name;
- for a file named on its own: its file name (``kent.txt``);
- for a URL: the URL.

Two different files that would get the same name in one build are refused
before anything is read.  A folder is walked recursively, in sorted order,
skipping hidden files and folders, unsupported suffixes, and what its ignore
rules exclude (gitignore syntax, via ``pathspec``): first the defaults in
``default.inspectkgignore`` (README, LICENSE, ...), then the folder's own
``.inspectkgignore``, then each ``--exclude`` pattern.  A symbolic link whose
target lies outside the folder is refused (a :class:`Source` with a
``problem``) unless ``follow_symlinks``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pathspec

from ..errors import InputError

SUPPORTED_SUFFIXES = (".txt", ".md", ".text", ".html", ".htm", ".pdf")
URL_SCHEMES = ("http", "https")
IGNORE_FILE = ".inspectkgignore"
DEFAULT_IGNORE = Path(__file__).with_name("default.inspectkgignore")


@dataclass(frozen=True)
class Source:
    """One thing to read."""

    location: str  # filesystem path or URL
    name: str  # becomes dcterms:source: folder name + path below it, the file name, or the URL
    problem: str | None = None  # set when discovery refuses the file (e.g. a link leaving the folder)


def is_url(target: str | Path) -> bool:
    """True for a string with a URL scheme (``http://``, ``ftp://``, ...), not a Windows drive."""
    if isinstance(target, Path):
        return False
    scheme = urlsplit(target).scheme
    return len(scheme) > 1 and "://" in target


def discover(
    targets: Sequence[str | Path], *, exclude: Sequence[str] = (), follow_symlinks: bool = False,
) -> list[Source]:
    """Expand folders (recursively, sorted), keep files and URLs, in the order given.

    A file reached twice keeps the name it was first reached under.
    Raises InputError for a missing path, a file named explicitly with an
    unsupported suffix, a folder with nothing to read, and two files that
    would be stored under the same source name.
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
            found = _walk(path, exclude, follow_symlinks)
            if not found:
                raise InputError(str(target), "no documents to read in this folder",
                                 "supported: " + " ".join(SUPPORTED_SUFFIXES) + f" (see its {IGNORE_FILE})")
            out.extend(found)
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                raise InputError(str(target), f"unsupported file type {path.suffix or '(no suffix)'!r}",
                                 "supported: " + " ".join(SUPPORTED_SUFFIXES))
            out.append(Source(str(path), path.name))
        elif path.exists():
            raise InputError(str(target), "not a file or folder")
        else:
            raise InputError(str(target), "no such file or folder")
    seen: set[str] = set()  # a file reached twice (named, and in a folder given too) is read once, first name kept
    unique = [s for s in out if not (s.location in seen or seen.add(s.location))]
    _refuse_collisions(unique)
    return unique


def folder_name(folder: Path) -> str:
    """The name a folder's documents are stored under: its own name (``.`` gives the current folder's)."""
    return os.path.basename(os.path.abspath(folder))


def _refuse_collisions(sources: list[Source]) -> None:
    by_name: dict[str, str] = {}
    for source in sources:
        other = by_name.setdefault(source.name, source.location)
        if other != source.location and os.path.realpath(other) != os.path.realpath(source.location):
            raise InputError(
                source.name,
                f"two files would be stored under this one source name ({other} and {source.location})",
                "give their folders different names, or build the folder that holds both",
            )


def _walk(folder: Path, exclude: Sequence[str], follow_symlinks: bool) -> list[Source]:
    prefix = folder_name(folder)
    ignored = _ignore_spec(folder, tuple(exclude))
    root = folder.resolve()
    found: list[tuple[str, str, str | None]] = []
    for current, dirs, files in os.walk(folder, onerror=_raise_walk_error):  # does not follow folder symlinks
        here = Path(current)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not ignored.match_file((here / d).relative_to(folder).as_posix() + "/"))
        for file in files:
            if file.startswith(".") or Path(file).suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            full = here / file
            relative = full.relative_to(folder).as_posix()
            if ignored.match_file(relative):
                continue
            problem = None if follow_symlinks else _leaves(full, root)
            if problem or full.is_file() or (full.is_symlink() and not full.exists()):  # broken link: read() says so
                found.append((f"{prefix}/{relative}" if prefix else relative, str(full), problem))
    return [Source(location, name, problem) for name, location, problem in sorted(found)]


def _leaves(path: Path, root: Path) -> str | None:
    """Why a symbolic link may not be read (its target is outside the folder), or None."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None  # broken or a loop: read() reports it
    if target.is_relative_to(root):
        return None
    return "symbolic link to a file outside the folder; refused (pass --follow-symlinks to read it)"


def _ignore_spec(folder: Path, exclude: tuple[str, ...]) -> pathspec.PathSpec:
    lines = list(_default_lines())
    own = folder / IGNORE_FILE
    if own.is_file():
        try:
            lines += own.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(str(own), f"cannot read the ignore file ({exc})") from None
    lines += exclude
    return pathspec.GitIgnoreSpec.from_lines(lines)


@cache
def _default_lines() -> tuple[str, ...]:
    return tuple(DEFAULT_IGNORE.read_text(encoding="utf-8").splitlines())


def _raise_walk_error(error: OSError) -> None:
    raise InputError(getattr(error, "filename", None) or "?", f"cannot list folder ({error.strerror or error})")
