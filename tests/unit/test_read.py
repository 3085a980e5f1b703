"""Reading local files: text, Markdown, HTML and PDF; folder discovery; failures."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspectkg.errors import InputError
from inspectkg.ingest.read import SUPPORTED_SUFFIXES, Source, discover, read
from inspectkg.ingest.read_pdf import pdf_document

# Our own invented text, not from any real report.
REPORT = (
    "Northshire Constabulary: inspection summary\n"
    "The inspectorate found the force \u201cgood\u201d at preventing crime.\n"
    "Response times\u00a0improved in 2022.\n"
)


def write(path: Path, data: bytes | str) -> Source:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return Source(str(path), path.name)


def make_pdf(lines: list[str] | None, title: str | None = None, created: str | None = None,
             password: str | None = None) -> bytes:
    """A PDF made with pypdf: one page per line of text (a blank page when None)."""
    from pypdf import PdfWriter

    if lines is None:
        writer = PdfWriter()
        writer.add_blank_page(200, 200)
    else:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib.backends.backend_pdf import PdfPages
        import matplotlib.pyplot as plt

        buffer = io.BytesIO()
        with PdfPages(buffer) as pages:
            for line in lines:
                fig = plt.figure(figsize=(6, 2))
                fig.text(0.05, 0.5, line)
                pages.savefig(fig)
                plt.close(fig)
        from pypdf import PdfReader

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    metadata = {}
    if title:
        metadata["/Title"] = title
    if created:
        metadata["/CreationDate"] = created
    if metadata:
        writer.add_metadata(metadata)
    if password is not None:
        writer.encrypt(password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ---- text -------------------------------------------------------------------------------


def test_text_happy_path_keeps_characters_and_takes_title(tmp_path):
    doc = read(write(tmp_path / "northshire.txt", REPORT))
    assert doc.text == REPORT
    assert doc.source == "northshire.txt"
    assert doc.title == "Northshire Constabulary: inspection summary"
    assert doc.publisher is None and doc.published is None
    assert doc.media_type == "text/plain"
    assert len(doc.id) == 16


def test_text_newlines_normalised_and_bom_stripped(tmp_path):
    doc = read(write(tmp_path / "a.text", b"\xef\xbb\xbfTitle line\r\nBody one\rBody two\r\n"))
    assert doc.text == "Title line\nBody one\nBody two\n"
    assert doc.title == "Title line"


def test_text_single_line_has_no_title(tmp_path):
    doc = read(write(tmp_path / "a.txt", "Only one line of text here.\n\n"))
    assert doc.title is None


def test_text_long_first_line_is_not_a_title(tmp_path):
    doc = read(write(tmp_path / "a.txt", "x" * 250 + "\nmore\n"))
    assert doc.title is None


def test_utf16_with_bom_is_accepted(tmp_path):
    doc = read(write(tmp_path / "u16.txt", "\ufeff" .encode("utf-16-le") + REPORT.encode("utf-16-le")))
    assert doc.text == REPORT
    doc = read(write(tmp_path / "u16be.txt", REPORT.encode("utf-16")))  # with BOM, native order
    assert doc.text == REPORT


def test_cp1252_text_is_accepted(tmp_path):
    data = "Caf\u00e9 report\nThe chief said \u201cwe accept it\u201d \u2013 fully.\n".encode("cp1252")
    doc = read(write(tmp_path / "old.txt", data))
    assert doc.text == "Caf\u00e9 report\nThe chief said \u201cwe accept it\u201d \u2013 fully.\n"


def test_markdown_front_matter_gives_metadata(tmp_path):
    text = (
        "---\ntitle: Force rated good\npublisher: Example Gazette\npublished: 2023-04-05\n"
        "url: https://example.org/a\n---\n# Heading\nBody text.\n"
    )
    doc = read(write(tmp_path / "news.md", text))
    assert doc.text == "# Heading\nBody text.\n"
    assert (doc.title, doc.publisher, doc.published, doc.url) == (
        "Force rated good", "Example Gazette", "2023-04-05", "https://example.org/a")
    assert doc.media_type == "text/markdown"


def test_markdown_heading_becomes_title(tmp_path):
    doc = read(write(tmp_path / "n.md", "# Force rated good\n\nBody text.\n"))
    assert doc.title == "Force rated good"
    assert doc.publisher is None


def test_markdown_bad_front_matter(tmp_path):
    with pytest.raises(InputError, match=r"n\.md: bad front matter"):
        read(write(tmp_path / "n.md", "---\ntitle: [unclosed\n---\nBody\n"))


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"", "empty document"),
        (b"  \n\t\r\n  ", "empty document"),
        (b"Some text\x00with a NUL byte\n", "binary content"),
        (b"Hello \x81 world\n", r"not valid UTF-8 \(byte 0x81 at offset 6\)"),
        (b"Caf\xe9\x01 with a control byte\n", r"not valid UTF-8 \(byte 0xe9 at offset 3\)"),
        (bytes(range(256)) * 4, "binary content"),
        (b"\x89PNG\r\n\x1a\n" + bytes([7, 1, 2, 3]) * 30, "binary content"),
    ],
)
def test_text_failures(tmp_path, data, problem):
    with pytest.raises(InputError, match=r"^bad\.txt: " + problem):
        read(write(tmp_path / "bad.txt", data))


def test_missing_file_at_read_time(tmp_path):
    with pytest.raises(InputError, match="gone.txt: no such file"):
        read(Source(str(tmp_path / "gone.txt"), "gone.txt"))


def test_unsupported_suffix_at_read_time(tmp_path):
    with pytest.raises(InputError, match=r"x\.docx: unsupported file type '\.docx'"):
        read(write(tmp_path / "x.docx", "text"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=400), st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_any_bytes_give_document_or_input_error(tmp_path, data):
    source = write(tmp_path / "any.txt", data)
    try:
        doc = read(source)
    except InputError as exc:
        assert exc.path == "any.txt" and "\n" not in str(exc)
    else:
        assert "\r" not in doc.text and doc.text.strip()
        doc.text.encode("utf-8")  # no lone surrogates
        assert doc.id


# ---- HTML -------------------------------------------------------------------------------

ARTICLE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Force rated good | Example Gazette</title>
<meta property="og:site_name" content="Example Gazette">
<meta property="article:published_time" content="2023-04-05T09:00:00Z">
<link rel="canonical" href="https://gazette.example.org/news/force-rated-good">
<script>var tracking = "should not appear";</script></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Force rated good</h1>
<p>The inspectorate said Northshire Constabulary was good at preventing crime, in a report published on Wednesday.</p>
<p>Chief Constable Alex Example said: &ldquo;We welcome the findings and will act on them.&rdquo;</p>
<p>The force was rated adequate at investigating crime and requires improvement in two areas.</p>
</article><footer>Copyright Example Gazette</footer></body></html>
"""


def test_html_happy_path(tmp_path):
    doc = read(write(tmp_path / "news" / "rated.html", ARTICLE))
    lines = doc.text.split("\n")
    assert "The inspectorate said Northshire Constabulary was good at preventing crime, " \
           "in a report published on Wednesday." in lines
    assert "Chief Constable Alex Example said: \u201cWe welcome the findings and will act on them.\u201d" in lines
    assert "should not appear" not in doc.text and "Copyright" not in doc.text
    assert doc.title == "Force rated good"
    assert doc.published == "2023-04-05"
    assert doc.publisher == "Example Gazette"
    assert doc.url == "https://gazette.example.org/news/force-rated-good"
    assert doc.media_type == "text/html"


def test_html_windows_1252_meta_charset(tmp_path):
    page = ARTICLE.replace('charset="utf-8"', 'charset="windows-1252"')
    doc = read(write(tmp_path / "old.htm", page.encode("cp1252")))
    assert "\u201cWe welcome the findings and will act on them.\u201d" in doc.text


def test_html_fallback_strips_tags(tmp_path):
    # trafilatura drops <footer>, so this page comes out through the plain tag-stripping fallback
    page = "<html><body><footer><div>Alpha office</div><div>Beta <b>bold</b><br>next</div></footer></body></html>"
    doc = read(write(tmp_path / "tiny.html", page))
    assert doc.text == "Alpha office\nBeta bold\nnext"


def test_html_script_only_is_refused(tmp_path):
    page = "<html><head><script>alert(1)</script></head><body><script>document.write('x')</script></body></html>"
    with pytest.raises(InputError, match=r"^s\.html: no text content"):
        read(write(tmp_path / "s.html", page))


def test_png_named_html_is_refused(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    with pytest.raises(InputError, match=r"^pic\.html: binary content"):
        read(write(tmp_path / "pic.html", png))


# ---- PDF --------------------------------------------------------------------------------


def test_pdf_happy_path(tmp_path):
    data = make_pdf(["Northshire inspection 2023", "The force was rated good."],
                    title="Northshire PEEL 2023", created="D:20230405120000Z")
    doc = read(write(tmp_path / "r.pdf", data))
    assert doc.text == "Northshire inspection 2023\n\nThe force was rated good."
    assert doc.title == "Northshire PEEL 2023"
    assert doc.published == "2023-04-05"
    assert doc.media_type == "application/pdf"
    assert doc.source == "r.pdf"


def test_pdf_encrypted_with_empty_user_password_is_read(tmp_path):
    doc = read(write(tmp_path / "open.pdf", make_pdf(["Readable text."], password="")))
    assert doc.text == "Readable text."


def test_pdf_encrypted_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"^locked\.pdf: encrypted PDF"):
        read(write(tmp_path / "locked.pdf", make_pdf(["Secret text."], password="secret")))


def test_pdf_truncated_is_refused(tmp_path):
    data = make_pdf(["Some text on a page."])
    with pytest.raises(InputError, match=r"^cut\.pdf: not a readable PDF \("):
        read(write(tmp_path / "cut.pdf", data[: len(data) // 3]))


def test_pdf_garbage_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"^junk\.pdf: not a readable PDF \(no %PDF- header\)"):
        read(write(tmp_path / "junk.pdf", b"this is not a pdf at all"))
    with pytest.raises(InputError, match=r"^junk2\.pdf: not a readable PDF \("):
        read(write(tmp_path / "junk2.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8))


def test_pdf_without_text_layer(tmp_path):
    with pytest.raises(InputError, match=r"^scan\.pdf: no text layer \(pypdf returned 0 characters\); run OCR"):
        read(write(tmp_path / "scan.pdf", make_pdf(None)))


def _pdf_from_objects(objects: list[bytes]) -> bytes:
    """A minimal PDF with a correct cross-reference table."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def test_pdf_reference_loop_is_an_input_error():
    # a page tree whose /Kids points back at itself
    data = _pdf_from_objects([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])
    with pytest.raises(InputError, match=r"^loop\.pdf: not a readable PDF \(.*cyclic"):
        pdf_document(data, "loop.pdf")


# ---- discovery --------------------------------------------------------------------------


def test_discover_folder_recursive_sorted_relative(tmp_path):
    root = tmp_path / "in"
    for rel in ["b.txt", "a/z.md", "a/y.HTML", "a/b/c.pdf", ".hidden.txt", ".git/x.txt",
                "a/.cache/d.txt", "notes.docx", "image.png"]:
        write(root / rel, "x")
    sources = discover([root])
    assert [s.name for s in sources] == ["in/a/b/c.pdf", "in/a/y.HTML", "in/a/z.md", "in/b.txt"]
    assert all(Path(s.location).is_file() for s in sources)
    assert Path(sources[0].location) == root / "a" / "b" / "c.pdf"


def test_discover_files_urls_and_order(tmp_path):
    one = write(tmp_path / "sub" / "one.txt", "x")
    sources = discover([one.location, "https://example.org/r.pdf", tmp_path / "sub", one.location])
    assert sources == [
        Source(one.location, "one.txt"),
        Source("https://example.org/r.pdf", "https://example.org/r.pdf"),
    ]


def test_discover_missing_path(tmp_path):
    with pytest.raises(InputError, match="nope: no such file or folder"):
        discover([tmp_path / "nope"])


def test_discover_refuses_other_schemes_and_suffixes(tmp_path):
    with pytest.raises(InputError, match="unsupported URL scheme 'ftp'"):
        discover(["ftp://example.org/a.txt"])
    write(tmp_path / "a.docx", "x")
    with pytest.raises(InputError, match=r"unsupported file type '\.docx'"):
        discover([tmp_path / "a.docx"])


def test_supported_suffixes():
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".text", ".html", ".htm", ".pdf")
