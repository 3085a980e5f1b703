"""Publication dates read from the document itself: file names, HTML metadata (our own texts)."""

from __future__ import annotations

from inspectkg.ingest.read import Source, read

PAGE = """<!doctype html><html><head><title>Essex Police graded</title>
<meta name="description" content="Inspectors graded Essex Police">
{meta}
</head><body><article><h1>Essex Police graded good</h1>
<p>Essex Police has been graded good at investigating crime by the police inspectorate, which published its
report on the force this week after visiting it in the spring.</p>
<p>The chief constable said the force would keep improving how it investigates crime and supports victims.</p>
</article></body></html>"""


def test_a_date_in_the_file_name_dates_a_text_without_one(tmp_path):
    path = tmp_path / "2019-05-02_essex-graded.txt"
    path.write_text("Essex Police graded good\n\nEssex Police has been graded good by inspectors.", encoding="utf-8")
    assert read(Source(str(path), path.name)).published == "2019-05-02"
    undated = tmp_path / "essex-graded-2019.txt"  # a year alone is no date
    undated.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    assert read(Source(str(undated), undated.name)).published is None


def test_the_date_a_page_declares_wins_over_its_file_name(tmp_path):
    path = tmp_path / "2020-01-01_essex.html"
    path.write_text(PAGE.format(meta='<meta property="article:published_time" content="2022-03-10T07:00:00+00:00">'),
                    encoding="utf-8")
    assert read(Source(str(path), path.name)).published == "2022-03-10"
    path.write_text(PAGE.format(meta=""), encoding="utf-8")
    assert read(Source(str(path), path.name)).published == "2020-01-01"
