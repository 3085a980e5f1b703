"""The web explorer in a real browser (Debian's Chromium through Playwright).

Every test fails on a console error, an uncaught page error, a failed request,
an HTTP error status from our server, or an alert() (escaping gone wrong).
"""

from __future__ import annotations

import csv
import re
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from support.web import EVIL_TITLE, ROOT, serving

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "docs" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                                      "(scripts/system-deps.sh installs it)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (pip install .[test])")


@pytest.fixture(scope="module")
def base(web_store):
    with serving(web_store) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with sync_api.sync_playwright() as p:
        profile = tmp_path_factory.mktemp("chromium-profile")
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), args=ARGS, headless=True,
            viewport={"width": 1280, "height": 900}, accept_downloads=True,
        )
        yield context
        context.close()


class Watch:
    """Everything that went wrong on a page."""

    def __init__(self, page, base: str):
        self.problems: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} {r.failure}"))
        page.on("response", lambda r: r.url.startswith(base) and r.status >= 400
                and self.problems.append(f"HTTP {r.status}: {r.url}"))
        page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))

    def check(self) -> None:
        assert not self.problems, self.problems


@pytest.fixture
def page(browser, base):
    page = browser.new_page()
    watch = Watch(page, base)
    yield page
    page.close()
    watch.check()


def test_every_page_kind_renders(page, base):
    page.goto(base + "/")
    docs = page.locator("main table a[href^='/id/doc/']")
    assert docs.count() >= 10
    doc_href = docs.first.get_attribute("href")
    paths = ["/", "/search?q=kent", "/id/force/kent", "/id/person/tim-smith", "/id/inspection/kent/peel/2021-22",
             "/id/grade/peel-5tier/inadequate", doc_href, "/graph/force/kent", "/queries",
             "/queries/officials-and-roles", "/sparql-editor"]
    for path in paths:
        response = page.goto(base + path)
        assert response.status == 200, path
        heading = page.locator("main h1").first
        assert heading.is_visible() and heading.inner_text().strip(), path
    # the stylesheet applied (no unstyled fallback)
    assert page.evaluate("getComputedStyle(document.querySelector('header.top')).display") == "flex"


def test_search_entity_provenance_document(page, base):
    page.goto(base + "/")
    page.fill("header input[name=q]", "tim smith")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=tim"))
    page.click("main a[href='/id/person/tim-smith']")
    page.wait_for_url(base + "/id/person/tim-smith")
    assert page.locator("h1").inner_text() == "Tim Smith"
    assert page.locator("section.related h2", has_text="Appointments").count() == 1
    page.screenshot(path=str(SHOTS / "entity-person.png"))
    source = page.locator("section.evidence-list a.src").first
    href = source.get_attribute("href")
    anchor = href.split("#")[1]
    source.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    mark = page.locator(f"mark#{anchor}")
    assert mark.is_visible()
    box = mark.bounding_box()
    assert box and 0 <= box["y"] < 900, f"the highlighted span is scrolled into view: {box}"
    assert page.evaluate(f"getComputedStyle(document.getElementById('{anchor}')).outlineStyle") == "solid"
    assert "Tim Smith" in mark.inner_text() or "Smith" in page.locator(f"#{anchor}").inner_text()
    assert page.locator("ul.legend mark").count() >= 6
    page.screenshot(path=str(SHOTS / "document-highlights.png"))


def test_graph_view_links_to_entities(page, base):
    page.goto(base + "/graph/person/tim-smith")
    nodes = page.locator("svg.graph a.node")
    assert nodes.count() >= 3
    page.screenshot(path=str(SHOTS / "graph-view.png"))
    target = page.locator("svg.graph a.node:not(.centre)").first
    href = target.get_attribute("href")
    target.click()
    page.wait_for_url(base + href)
    assert page.locator("main h1").is_visible()


def test_saved_query_form_and_csv_download(page, base, tmp_path):
    page.goto(base + "/queries")
    card = page.locator("article#query-officials-and-roles")
    card.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/queries/officials-and-roles\?"))
    rows = page.locator("section.results table tbody tr")
    assert rows.count() >= 1
    header = [h.strip() for h in page.locator("section.results table thead th").all_inner_texts()]
    with page.expect_download() as info:
        page.locator("section.results a", has_text="CSV").click()
    target = tmp_path / "result.csv"
    info.value.save_as(target)
    with target.open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == header
    assert info.value.suggested_filename == "officials-and-roles.csv"


def test_sparql_editor_runs_a_query(page, base):
    page.goto(base + "/sparql-editor")
    assert page.locator("#sparql-mirror span.tok-kw").count() > 0, "the query is highlighted"
    page.locator("button.example", has_text="People and their roles").click()
    assert "ik:Appointment" in page.input_value("#sparql-query")
    page.click("#sparql-run")
    page.wait_for_selector("#sparql-results table tbody tr")
    assert page.locator("#sparql-results table thead th").all_inner_texts() == ["name", "role", "organisation"]
    assert "Tim Smith" in page.locator("#sparql-results").inner_text()
    # typing keeps the mirror in step with the textarea
    page.fill("#sparql-query", "ASK { ?s ?p ?o }")
    page.dispatch_event("#sparql-query", "input")
    assert page.locator("#sparql-mirror").inner_text().strip() == "ASK { ?s ?p ?o }"
    page.click("#sparql-run")
    page.wait_for_selector("#sparql-results h2:has-text('Answer: true')")


def test_hostile_document_shows_markup_as_text(page, base):
    page.goto(base + "/search?q=bold")
    page.locator("main a[href^='/id/doc/']").first.click()
    page.wait_for_load_state()
    assert page.locator("main h1").inner_text() == EVIL_TITLE
    assert "<img src=x onerror=alert(2)>" in page.locator(".doctext").inner_text()
    assert page.locator("main script, main img, main b").count() == 0


def test_no_broken_internal_links(page, base):
    """Crawl from the home page, two links deep, and every internal link answers 200."""
    seen: dict[str, int] = {}
    queue = deque([(base + "/", 0)])
    pages_opened = 0
    while queue:
        url, depth = queue.popleft()
        if url in seen:
            continue
        response = page.request.get(url)
        seen[url] = response.status
        if response.status != 200 or depth >= 2 or "text/html" not in response.headers.get("content-type", ""):
            continue
        if depth <= 1:  # open the first levels in the browser, so their scripts and styles are checked too
            page.goto(url)
            pages_opened += 1
            hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        else:
            hrefs = re.findall(r'href="([^"]+)"', response.text())
        for href in hrefs:
            target, _ = urldefrag(urljoin(url, href.replace("&amp;", "&")))
            if urlsplit(target).netloc == urlsplit(base).netloc and target not in seen:
                queue.append((target, depth + 1))
    broken = {u: s for u, s in seen.items() if s != 200}
    assert not broken, broken
    assert len(seen) > 50 and pages_opened > 10
