"""The bad-input corpus, written at test time (nothing large or binary is committed).

Each :class:`Case` names one hostile or awkward input and what ``inspectkg
build`` must do with it.  :func:`write_case` writes the case's files into a
folder; the test adds two good documents next to them and builds the folder
into a store that already holds another document (``tests/trials/test_bad_inputs.py``).

Outcomes (``Case.expect``):

``built``    every file of the case is built (it is awkward but fine);
``refused``  each file in ``Case.refused`` gets one ``Error:`` line naming it and
             matching ``Case.problem``; the rest of the folder is built;
``skipped``  discovery leaves the file out silently (no error, nothing built).

All texts here are made up for these tests.
"""

from __future__ import annotations

import gzip
import io
import os
import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# ---- made-up text -----------------------------------------------------------------------

GOOD_DOCUMENTS = {
    "good-1.txt": (
        "Northshire Police rated good for preventing crime\n\n"
        "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) "
        "published its PEEL report on Northshire Police on 3 March 2023.\n"
        "The force was rated good at preventing crime and requires improvement at "
        "investigating crime.\n"
        "Chief Constable Alex Morgan said: \"We accept the findings and have a plan.\"\n"
    ),
    "good-2.txt": (
        "Crime recording audit for Westvale Constabulary\n\n"
        "An inspection of crime data integrity found that Westvale Constabulary recorded "
        "91.2 per cent of reported crimes.\n"
        "The inspectorate said the force should improve how it records violent crime.\n"
    ),
}
PRIOR_DOCUMENT = (
    "prior.txt",
    "Eastmarsh Police inspection\n\n"
    "Eastmarsh Police was rated adequate overall in its 2019 PEEL inspection.\n"
    "The report found the force was inadequate at protecting vulnerable people.\n",
)

_FORCES = ["Northshire Police", "Westvale Constabulary", "Eastmarsh Police", "Southdown Police",
           "the force", "the constabulary"]
_GRADES = ["outstanding", "good", "adequate", "requires improvement", "inadequate"]
_AREAS = ["preventing crime", "investigating crime", "protecting vulnerable people",
          "responding to the public", "managing offenders", "treating the public fairly"]
_PEOPLE = ["Alex Morgan", "Sam Patel", "Jo Williams", "Chris Okafor", "Pat Kowalski"]
_VERBS = ["said", "told reporters", "added", "wrote in a statement"]


_FILLER = [
    "The force has worked with partners to improve the services it gives to victims.",
    "Officers and staff told us they understood the priorities set by senior leaders.",
    "We reviewed a sample of case files and spoke to supervisors in each area.",
    "The workforce is committed and wants to provide a good service to the public.",
    "Neighbourhood teams know their communities and work with local councils.",
    "The control room answers most emergency calls within the target time.",
    "Leaders have introduced a new system for allocating investigations.",
    "Supervision of investigations is not always consistent across the force.",
    "Training on the new procedures has been given to most frontline officers.",
    "The force uses data to understand demand and plan its resources.",
]


def realish_text(chars: int, seed: int = 7, paragraph_every: int = 6, dense: bool = False) -> str:
    """Made-up inspection-report prose of at least ``chars`` characters.

    Mostly neutral report sentences with some ratings, recommendations, quotes
    and figures; ``dense=True`` gives only those (a worst case for the extractor).
    """
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    n = 0
    while size < chars:
        kind = rng.randrange(4) if dense or rng.random() < 0.2 else 4
        if kind == 0:
            s = (f"{rng.choice(_FORCES)} was rated {rng.choice(_GRADES)} at "
                 f"{rng.choice(_AREAS)} in {rng.randrange(2014, 2024)}.")
        elif kind == 1:
            s = (f"Inspectors found {rng.randrange(2, 999)} crimes had not been recorded, "
                 f"{rng.randrange(1, 99)}.{rng.randrange(10)} per cent of the total.")
        elif kind == 2:
            s = (f"\"We accept the report and will act on it,\" {rng.choice(_PEOPLE)} "
                 f"{rng.choice(_VERBS)}.")
        elif kind == 3:
            s = (f"The inspectorate said {rng.choice(_FORCES)} should improve how it "
                 f"handles {rng.choice(_AREAS)}.")
        else:
            s = rng.choice(_FILLER)
        n += 1
        sep = "\n\n" if n % paragraph_every == 0 else " "
        parts.append(s + sep)
        size += len(s) + len(sep)
    return "".join(parts)


# ---- binary builders -------------------------------------------------------------------

def _pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF with the given objects (numbered from 1; object 1 is the catalog) and a valid xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer_extra, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (ASCII)."""
    ops = b"BT /F1 11 Tf 50 750 Td 14 TL " + b" ".join(
        b"(" + line.encode("ascii").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        + b") Tj T*" for line in lines) + b" ET"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(ops),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def image_only_pdf() -> bytes:
    """One page showing a 2x2 grey image: no text layer."""
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        _stream(b"q 200 0 0 200 100 400 cm /Im1 Do Q"),
        _stream(b"\x80\x40\x40\x80", b"/Type /XObject /Subtype /Image /Width 2 /Height 2 "
                                     b"/ColorSpace /DeviceGray /BitsPerComponent 8 "),
    ])


def zero_page_pdf() -> bytes:
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def loop_pdf() -> bytes:
    """A page tree whose /Kids holds itself, and an /Info that refers to itself."""
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
                 b"3 0 R"], trailer_extra=b"/Info 3 0 R ")


def encrypted_pdf() -> bytes:
    """A text PDF encrypted with a user password (RC4, no extra library needed)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(["Secret inspection text."]))))
    writer.encrypt(user_password="s3cret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def many_pages_pdf(pages: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=72, height=72)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def flate_bomb_pdf(inflated: int = 1 << 30) -> bytes:
    """One page whose content stream inflates to ``inflated`` bytes of spaces (~1 MB compressed)."""
    packer = zlib.compressobj(9)
    block = b" " * (1 << 20)
    deflated = bytearray(packer.compress(b"BT /F1 11 Tf 50 750 Td (bomb) Tj ET\n"))
    for _ in range(inflated // len(block)):
        deflated += packer.compress(block)
    deflated += packer.flush()
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(bytes(deflated), b"/Filter /FlateDecode "),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def gzip_bomb(inflated: int = 1 << 30) -> bytes:
    """gzip bytes that inflate to ``inflated`` zero bytes (~1 MB on disk)."""
    buffer = io.BytesIO()
    block = b"\x00" * (1 << 20)
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0) as out:
        for _ in range(inflated // len(block)):
            out.write(block)
    return buffer.getvalue()


def gzip_html() -> bytes:
    """A real HTML page (text that inflates to 200 MB), gzip-compressed, named .html."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(b"<html><body><p>")
        block = b"Northshire Police was rated good. " * 30_000
        for _ in range((200 << 20) // len(block)):
            out.write(block)
        out.write(b"</p></body></html>")
    return buffer.getvalue()


def png_bytes() -> bytes:
    """A valid 1x1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", b"\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00")
            + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b""))


def nested_divs(depth: int = 100_000) -> bytes:
    return (b"<html><body>" + b"<div>" * depth + b"Northshire Police was rated good at preventing crime."
            + b"</div>" * depth + b"</body></html>")


# ---- the cases --------------------------------------------------------------------------

Writer = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    id: str
    what: str  # the input, in words
    write: Writer  # writes the input into the folder
    expect: str  # built | refused | skipped
    built: tuple[str, ...] = ()  # source names that must be stored
    refused: tuple[str, ...] = ()  # source names that must get one Error: line each
    problem: str = ""  # regex the Error: line must match after the name
    preload: dict[str, bytes] = field(default_factory=dict)  # stored before the build (same names)
    root_reads: bool = False  # as root the file is readable: expect "built" instead
    timeout: float = 60.0  # wall-clock bound for the build, seconds
    slow: bool = False  # only in scripts/test-long.sh
    xfail: str = ""  # a known bug outside the readers and pipeline (see docs/reliability.md)
    note: str = ""


def _bytes(name: str, data: bytes | Callable[[], bytes]) -> Writer:
    def write(folder: Path) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data() if callable(data) else data)
    return write


def _text(name: str, text: str, encoding: str = "utf-8") -> Writer:
    return _bytes(name, text.encode(encoding))


def _all(*writers: Writer) -> Writer:
    def write(folder: Path) -> None:
        for w in writers:
            w(folder)
    return write


def _repeat_file(name: str, unit: bytes, count: int) -> Writer:
    """Write ``unit * count`` in 1 MB writes (no huge string in memory)."""
    def write(folder: Path) -> None:
        per = max(1, (1 << 20) // len(unit))
        block = unit * per
        with (folder / name).open("wb") as out:
            done = 0
            while done + per <= count:
                out.write(block)
                done += per
            out.write(unit * (count - done))
    return write


def _symlink_loop(folder: Path) -> None:
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "ring-a.txt").symlink_to("ring-b.txt")
    (folder / "ring-b.txt").symlink_to("ring-a.txt")
    (folder / "dirloop").mkdir()
    (folder / "dirloop" / "up").symlink_to("..", target_is_directory=True)


def _unreadable(folder: Path) -> None:
    path = folder / "locked.txt"
    path.write_text(_SMALL, encoding="utf-8")
    path.chmod(0)


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")


def _folder_named_like_file(folder: Path) -> None:
    (folder / "x.txt").mkdir()
    (folder / "x.txt" / "inner.txt").write_text(_SMALL + "Inside a folder named x.txt.\n", encoding="utf-8")
    (folder / "empty.html").mkdir()


def _duplicate(folder: Path) -> None:
    text = _SMALL + "A duplicated paragraph.\n"
    (folder / "copy-a.txt").write_text(text, encoding="utf-8")
    (folder / "copy-b.txt").write_text(text, encoding="utf-8")


_SMALL = "Southdown Police was rated requires improvement at investigating crime in 2022.\n"
_HOSTILE_NAMES = {
    "newline": "line\nbreak.txt",
    "shell": "$(touch pwned) `id`; rm -rf ~ & | > <.txt",
    "dotdot": "x..\\..\\y...txt",
    "dash": "-rf --store=x.txt",
    "long": "n" * 240 + ".txt",
    "rich-markup": "[/] [bold red]markup[/bold red].txt",
    "control": "bell\x07esc\x1b[31m.txt",
}
_LATIN1 = "Café report: the force's rôle in Göteborg; no, in Northshire.\nIt was rated adequate.\n"
_CP1252 = "\u201cWe accept the findings,\u201d said the chief constable \u2013 costs \u20ac5m.\nRated good.\n"


def cases() -> list[Case]:
    big = realish_text(1_200_000)  # ~20 % ratings, findings, quotes and figures, like a report
    return [
        Case("empty", "an empty .txt", _bytes("empty.txt", b""), "refused",
             refused=("empty.txt",), problem=r"empty document"),
        Case("whitespace", "spaces, tabs and newlines only", _bytes("blank.txt", b" \t\n\r\n   \n" * 100),
             "refused", refused=("blank.txt",), problem=r"empty document \(whitespace only\)"),
        Case("nul-bytes", "text with NUL bytes in it", _bytes("nul.txt", b"Northshire\x00Police\x00\n" * 50),
             "refused", refused=("nul.txt",), problem=r"binary content"),
        Case("invalid-utf8", "UTF-8 with a stray 0x81 byte (undefined in cp1252 too)",
             _bytes("bad-utf8.txt", _SMALL.encode() + b"caf\x81\xc3 end\n"), "refused",
             refused=("bad-utf8.txt",), problem=r"not valid UTF-8 \(byte 0x81 at offset \d+\)"),
        Case("latin1", "Latin-1 text", _text("latin1.txt", _LATIN1, "latin-1"), "built", built=("latin1.txt",)),
        Case("cp1252", "cp1252 text with curly quotes, en dash, euro", _text("cp1252.txt", _CP1252, "cp1252"),
             "built", built=("cp1252.txt",)),
        Case("utf16-bom", "UTF-16 LE with BOM", _bytes("utf16.txt", b"\xff\xfe" + _SMALL.encode("utf-16-le")),
             "built", built=("utf16.txt",)),
        Case("utf16-no-bom", "UTF-16 LE without BOM", _bytes("utf16-nobom.txt", _SMALL.encode("utf-16-le")),
             "refused", refused=("utf16-nobom.txt",), problem=r"binary content"),
        Case("utf8-bom", "UTF-8 with BOM", _bytes("utf8-bom.txt", b"\xef\xbb\xbf" + _SMALL.encode()),
             "built", built=("utf8-bom.txt",)),
        Case("random-binary", "64 KB of random bytes named .txt",
             _bytes("random.txt", lambda: random.Random(1).randbytes(65536)), "refused",
             refused=("random.txt",), problem=r"binary content|not valid UTF-8"),
        Case("png-as-html", "a PNG named .html", _bytes("image.html", png_bytes()), "refused",
             refused=("image.html",), problem=r"binary content"),
        Case("gzip-bomb-txt", "1 GB of zeros gzipped (1 MB) named .txt", _bytes("bomb.txt", gzip_bomb),
             "refused", refused=("bomb.txt",), problem=r"binary content"),
        Case("gzip-html", "an HTML page whose bytes are gzip (inflates to 200 MB)",
             _bytes("page.html", gzip_html), "refused", refused=("page.html",),
             problem=r"binary content|not valid UTF-8|no text content"),
        Case("script-only-html", "HTML holding only <script> and <style>",
             _text("script.html", "<html><head><style>p{}</style></head><body><script>"
                   + "var x = 1;\n" * 500 + "</script></body></html>"),
             "refused", refused=("script.html",), problem=r"no text content"),
        Case("nested-divs", "100,000 nested <div> around one sentence", _bytes("nested.html", nested_divs()),
             "built", built=("nested.html",)),
        Case("unclosed-comment", "HTML with an unclosed comment before 2 MB of text",
             _text("comment.html", "<html><body><p>Rated good.</p><!-- " + "x " * 1_000_000),
             "built", built=("comment.html",)),
        Case("doctype-entities", "XHTML whose DOCTYPE defines nested entities (billion laughs)",
             _text("laughs.html", '<?xml version="1.0"?>\n<!DOCTYPE html [\n<!ENTITY a "aaaaaaaaaa">\n'
                   + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">\n' for i in range(9))
                   + ']>\n<html><body><p>&j;</p><p>Northshire Police was rated good.</p></body></html>'),
             "built", built=("laughs.html",), note="entities are not expanded"),
        Case("yaml-alias-bomb", "Markdown front matter with a YAML alias bomb",
             _text("aliases.md", "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                   "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                   "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\ntitle: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n---\n" + _SMALL),
             "built", built=("aliases.md",)),
        Case("bad-front-matter", "Markdown front matter that is not YAML",
             _text("front.md", "---\ntitle: [unclosed\n---\n" + _SMALL), "refused",
             refused=("front.md",), problem=r"bad front matter"),
        Case("yaml-deep-nesting", "front matter of 50,000 nested [ (recursion in the YAML parser)",
             _text("deep.md", "---\ntitle: " + "[" * 50_000 + "\n---\n" + _SMALL), "refused",
             refused=("deep.md",), problem=r"bad front matter"),
        Case("bad-metadata-url", "front matter url with spaces and <>, a date that is no date",
             _text("meta.md", "---\nurl: javascript:alert(1) <x>\ndate: 2020-99-99x\n---\n" + _SMALL),
             "built", built=("meta.md",)),
        Case("bad-yaml-date", "front matter date: 9999-99-99 (YAML makes it a date: ValueError)",
             _text("date.md", "---\ndate: 9999-99-99\n---\n" + _SMALL), "refused", refused=("date.md",),
             problem=r"bad front matter \(month must be in 1\.\.12\)"),
        Case("unicode-torture", "RTL overrides, zero-width, combining marks, astral, U+2028, non-characters",
             _text("unicode.txt", "\u202eecilop\u202c Northshire\u200b Police\u200d rated g\u0301\u0301ood."
                   " \U0001F46E\U0001F3FD \u2028 \ufffe \uffff " + "e\u0301" * 5000 + "\n" + _SMALL),
             "built", built=("unicode.txt",)),
        Case("over-max-length", "1.2 million characters of made-up news (> spaCy max_length)",
             _text("long.txt", big), "built", built=("long.txt",)),
        Case("over-max-length-dense", "1.2 million characters, every sentence a rating, quote or finding",
             _text("dense.txt", realish_text(1_200_000, dense=True)), "built", built=("dense.txt",), slow=True,
             timeout=120),
        Case("long-single-line", "2 MB of made-up prose on one line",
             _text("one-line.txt", realish_text(2_000_000, seed=3, paragraph_every=10**9)),
             "built", built=("one-line.txt",), slow=True, timeout=120),
        Case("line-50mb", "a single 50 MB line", _repeat_file("huge-line.txt", b"Rated good. ", 50_000_000 // 12),
             "refused", refused=("huge-line.txt",), problem=r"file too large"),
        Case("ten-million-lines", "10 million short lines (20 MB, under the 20 MiB limit)",
             _repeat_file("lines.txt", b"a\n", 10_000_000), "refused", refused=("lines.txt",),
             problem=r"too long to extract \(20,000,000 characters > 5,000,000\); split the document"),
        Case("many-short-lines", "300,000 one-word lines (600 KB)", _repeat_file("short-lines.txt", b"a\n", 300_000),
             "refused", refused=("short-lines.txt",),
             problem=r"too many lines to extract \(300,001 > 250,000\); split the document"),
        Case("pdf-encrypted", "a PDF with a user password", _bytes("secret.pdf", encrypted_pdf), "refused",
             refused=("secret.pdf",), problem=r"encrypted PDF"),
        Case("pdf-truncated", "the first 60% of a text PDF", _bytes("cut.pdf", lambda: text_pdf(
            ["Northshire Police was rated good."])[:200]), "refused", refused=("cut.pdf",),
             problem=r"not a readable PDF|no text layer"),
        Case("pdf-image-only", "a scanned page: an image, no text layer", _bytes("scan.pdf", image_only_pdf),
             "refused", refused=("scan.pdf",), problem=r"no text layer"),
        Case("pdf-zero-pages", "a PDF with no pages", _bytes("nopages.pdf", zero_page_pdf), "refused",
             refused=("nopages.pdf",), problem=r"no text layer"),
        Case("pdf-reference-loop", "a page tree whose /Kids holds itself", _bytes("loop.pdf", loop_pdf),
             "refused", refused=("loop.pdf",), problem=r"not a readable PDF"),
        Case("pdf-flate-bomb", "a content stream inflating to 1 GB", _bytes("bomb.pdf", flate_bomb_pdf),
             "refused", refused=("bomb.pdf",), problem=r"not a readable PDF|no text layer|too large"),
        Case("pdf-too-many-pages", "2,001 blank pages", _bytes("pages.pdf", lambda: many_pages_pdf(2001)),
             "refused", refused=("pages.pdf",), problem=r"too many pages"),
        Case("pdf-not-pdf", "HTML named .pdf", _text("fake.pdf", "<html><body>hi</body></html>"), "refused",
             refused=("fake.pdf",), problem=r"no %PDF- header"),
        Case("pdf-good", "a small text PDF (control: PDFs do build)",
             _bytes("report.pdf", lambda: text_pdf(["Northshire Police was rated good at preventing crime."])),
             "built", built=("report.pdf",)),
        *[Case(f"name-{key}", f"a good file named {name!r}", _text(name, _SMALL + f"Named {key}.\n"), "built",
               built=(name,)) for key, name in _HOSTILE_NAMES.items()],
        Case("name-empty-with-markup", "an empty file whose name is rich markup",
             _bytes("[red]empty[/red].txt", b""), "refused", refused=("[red]empty[/red].txt",),
             problem=r"empty document"),
        Case("name-newline-refused", "an empty file whose name holds a newline",
             _bytes("empty\nname.txt", b""), "refused", refused=("empty\\nname.txt",),
             problem=r"empty document", note="the name is shown with \\n escaped"),
        Case("name-non-utf8", "a good file whose name has the byte 0xE9 (not UTF-8)",
             lambda folder: Path(os.fsdecode(bytes(folder) + b"/caf\xe9.txt")).write_text(_SMALL + "caf\n"),
             "refused", refused=("caf\\xe9.txt",), problem=r"file name is not valid UTF-8"),
        Case("duplicate", "the same text under two names", _duplicate, "built", built=("copy-a.txt",),
             note="one graph: the second name is reported unchanged, its source not recorded"),
        Case("changed-same-name", "a document already stored whose text changed",
             _text("changed.txt", _SMALL + "The second version adds this sentence.\n"), "built",
             built=("changed.txt",), preload={"changed.txt": (_SMALL + "First version.\n").encode()}),
        Case("symlink-loop", "symlinks to themselves / each other named .txt, a folder symlink to ..",
             _symlink_loop, "refused", refused=("loop.txt", "ring-a.txt", "ring-b.txt"),
             problem=r"symbolic link"),
        Case("unreadable", "a file with mode 000", _unreadable, "refused", refused=("locked.txt",),
             problem=r"cannot read file \(Permission denied\)", root_reads=True),
        Case("fifo", "a named pipe called pipe.txt (reading it would block)", _fifo, "skipped"),
        Case("folder-named-like-file", "a folder x.txt/ holding a document, an empty folder empty.html/",
             _folder_named_like_file, "built", built=("x.txt/inner.txt",)),
        Case("hidden-and-unsupported", "a .hidden.txt, a .docx and a .rdf: skipped silently",
             _all(_text(".hidden.txt", _SMALL), _text("notes.docx", _SMALL), _text("data.rdf", "<rdf/>")),
             "skipped"),
    ]


def write_case(case: Case, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    case.write(folder)


def write_good(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD_DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")


def entity_bomb_rdfxml() -> bytes:
    """An RDF/XML file whose DOCTYPE expands entities (748 bytes aborted pyoxigraph, MEASURED.md)."""
    entities = '<!ENTITY a0 "lollollollollollollollollollol">\n' + "".join(
        f'<!ENTITY a{i} "' + f"&a{i - 1};" * 10 + '">\n' for i in range(1, 10))
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + entities + "]>\n"
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">\n'
        '<rdf:Description rdf:about="http://example.org/s"><ex:p>&a9;</ex:p></rdf:Description>\n'
        "</rdf:RDF>\n"
    ).encode()
