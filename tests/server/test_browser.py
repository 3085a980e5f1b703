"""The web explorer in a real browser (Debian's Chromium through Playwright), used as a person uses it.

Every test fails on a console error, an uncaught page error, a failed request,
an HTTP error status from our server, a request to any other host, or an alert()
(escaping gone wrong).  Every page kind is checked by axe-core (no serious or
critical violations) and photographed into docs/screenshots/.
"""

from __future__ import annotations

import csv
import json
import re
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urlencode, urljoin, urlsplit

import pytest

from support.web import EVIL_TITLE, ROOT, serving

from inspectkg.web import vendor

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
axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright",
                               reason="needs the axe-playwright-python package (pip install .[test])")
needs_vendor = pytest.mark.skipif(
    not vendor.installed(vendor.YASGUI + vendor.CYTOSCAPE),
    reason="the browser libraries are not installed: run bash scripts/frontend.sh")
BLOCKING = ("serious", "critical")


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
        page.on("request", lambda r: not r.url.startswith((base, "data:", "blob:"))
                and self.problems.append(f"another host: {r.url}"))
        page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))

    def check(self) -> None:
        assert not self.problems, self.problems


def accessibility(page) -> list[dict]:
    """axe-core's violations on the page as it is now."""
    return axe_sync.Axe().run(page).response["violations"]


def blocking(violations: list[dict]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']}; {len(v['nodes'])} at {[n['target'] for n in v['nodes']][:3]}"
            for v in violations if v["impact"] in BLOCKING]


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


@pytest.fixture
def page(browser, base):
    page = browser.new_page()
    watch = Watch(page, base)
    yield page
    page.close()
    watch.check()


# every page kind: (screenshot name, path, what shows the page is ready); "{doc}" is a document's key
PAGE_KINDS = [
    ("home", "/", "main h1"),
    ("search", "/search?q=kent", "main h1"),
    ("forces", "/forces", "main h1"),
    ("people", "/people", "main h1"),
    ("inspections", "/inspections", "main h1"),
    ("documents", "/documents", "main h1"),
    ("matrix", "/matrix", "main h1"),
    ("force", "/id/force/kent", "main h1"),
    ("person", "/id/person/tim-smith", "main h1"),
    ("inspection", "/id/inspection/kent/peel/2021-22", "main h1"),
    ("entity", "/id/grade/peel-5tier/inadequate", "main h1"),
    ("document", "/id/{doc}", "main h1"),
    ("graph", "/graph/force/kent", "#graph[data-ready]"),
    ("queries", "/queries", "main h1"),
    ("query-results", "/queries/officials-and-roles", "main h1"),
    ("sparql-editor", "/sparql-editor", "#yasgui[data-ready]"),
]


def a_document(page, base) -> str:
    """The key of one stored document, asked of the SPARQL endpoint."""
    query = "SELECT ?d WHERE { ?d a <https://w3id.org/inspectkg/ontology#Document> } ORDER BY ?d LIMIT 1"
    answer = page.request.get(base + "/sparql", params={"query": query},
                              headers={"Accept": "application/sparql-results+json"})
    assert answer.status == 200, answer.text()
    return answer.json()["results"]["bindings"][0]["d"]["value"].split("/id/", 1)[1]


@needs_vendor
@pytest.mark.parametrize("name, path, ready", PAGE_KINDS, ids=[kind[0] for kind in PAGE_KINDS])
def test_page_kind_renders_accessibly(page, base, name, path, ready):
    """The page answers 200, shows its heading, passes axe-core (nothing serious or critical), is photographed."""
    response = page.goto(base + path.format(doc=a_document(page, base) if "{doc}" in path else ""))
    assert response.status == 200, path
    page.wait_for_selector(ready)
    heading = page.locator("main h1").first
    assert heading.is_visible() and heading.inner_text().strip(), path
    # the stylesheet applied (no unstyled fallback)
    assert page.evaluate("getComputedStyle(document.querySelector('header.top')).display") == "flex"
    violations = accessibility(page)
    shoot(page, name)
    # the counts, for the record: page kind -> elements in violation by impact
    record = SHOTS / "axe-counts.json"
    counts = json.loads(record.read_text(encoding="utf-8")) if record.exists() else {}
    counts[name] = {impact: sum(len(v["nodes"]) for v in violations if v["impact"] == impact)
                    for impact in ("critical", "serious", "moderate", "minor")}
    record.write_text(json.dumps(dict(sorted(counts.items())), indent=1) + "\n", encoding="utf-8")
    found = blocking(violations)
    assert not found, f"{name} {path}:\n" + "\n".join(found)


def follow(page, base: str, link) -> str:
    """Click a link as a reader would and wait for its page; returns the path it opened."""
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    assert page.locator("main h1").first.is_visible()
    return href


def assert_span_shown(page, href: str) -> None:
    """The document page with the span of ``href`` marked, outlined and scrolled into view."""
    anchor = href.split("#")[1]
    mark = page.locator(f"mark#{anchor}")
    assert mark.is_visible()
    box = mark.bounding_box()
    assert box and 0 <= box["y"] < 900, f"the highlighted span is scrolled into view: {box}"
    assert page.evaluate(f"getComputedStyle(document.getElementById('{anchor}')).outlineStyle") == "solid"


def test_walk_home_force_inspection_finding_response_source(page, base):
    """Home -> a force -> one of its inspections -> a finding someone answered -> the answer -> its source span."""
    page.goto(base + "/")
    force = follow(page, base, page.locator("main a[href^='/id/force/']").first)
    shoot(page, "walk-1-force")
    inspections = page.locator("main a[href^='/id/inspection/']")
    hrefs = list(dict.fromkeys(inspections.evaluate_all("els => els.map(e => e.getAttribute('href'))")))
    assert hrefs, f"{force} links to its inspections"
    answered = "li.finding:has(blockquote.response) a[href^='/id/finding/']"
    for href in hrefs:  # the first inspection whose findings someone answered
        follow(page, base, page.locator(f"main a[href='{href}']").first)
        if page.locator(answered).count():
            break
        page.go_back()
    else:
        pytest.fail(f"no inspection of {force} has an answered finding")
    shoot(page, "walk-2-inspection")
    finding = follow(page, base, page.locator(answered).first)
    shoot(page, "walk-3-finding")
    response = follow(page, base, page.locator("main a[href^='/id/claim/'], main a[href^='/id/quotation/']").first)
    assert response != finding
    shoot(page, "walk-4-response")
    source = page.locator("main a.src").first
    href = source.get_attribute("href")
    assert re.fullmatch(r"/id/doc/[^#]+#span-\d+-\d+", href), href
    source.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    assert_span_shown(page, href)
    shoot(page, "walk-5-source-span")


def test_search_person_source_span(page, base):
    page.goto(base + "/")
    page.fill("header input[name=q]", "tim smith")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=tim"))
    follow(page, base, page.locator("main a[href='/id/person/tim-smith']").first)
    assert page.locator("h1").inner_text() == "Tim Smith"
    source = page.locator("main a.src").first
    href = source.get_attribute("href")
    source.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    assert_span_shown(page, href)
    assert page.locator("ul.legend mark").count() >= 6


@needs_vendor
def test_graph_view_depth_kinds_and_links(page, base):
    page.goto(base + "/graph/force/kent")
    page.wait_for_selector("#graph[data-ready]")
    count = "window.inspectkgGraph.nodes().length"
    visible = "window.inspectkgGraph.nodes(':visible').length"
    one = page.evaluate(count)
    assert one >= 3
    assert page.evaluate("window.inspectkgGraph.$('node.focus').data('full')") == page.locator("main h1").inner_text()
    # deeper: fetched again from the JSON route, more nodes, the address remembers it
    with page.expect_response(re.compile(r"/graph/force/kent\.json\?depth=2")) as answer:
        page.select_option("#graph-depth", "2")
    assert answer.value.status == 200
    page.wait_for_selector("#graph[data-ready]")
    assert page.evaluate(count) > one
    assert page.url.endswith("?depth=2")
    # a kind unticked disappears from the drawing (the entity itself stays)
    kinds = page.locator("#graph-kinds input[type=checkbox]")
    assert kinds.count() >= 2
    before = page.evaluate(visible)
    box = page.locator("#graph-kinds input[value=Inspection]")
    box.uncheck()
    hidden = page.evaluate("window.inspectkgGraph.nodes('[kind = \"Inspection\"]').length")
    assert hidden > 0 and page.evaluate(visible) == before - hidden
    box.check()
    assert page.evaluate(visible) == before
    # names are words: no IRIs, no snake_case on nodes or kind labels
    labels = page.evaluate("window.inspectkgGraph.nodes().map(n => n.data('label'))")
    assert labels and not [x for x in labels if x.startswith("http") or "_" in x]
    assert not [t for t in kinds.all_inner_texts() if re.search(r"[a-z][A-Z]|_", t)]
    # a click on a node offers its page; following it opens the entity
    page.evaluate("() => { window.inspectkgGraph.$('node[kind = \"Person\"]').first().emit('tap'); }")
    link = page.locator("#graph-info a", has_text="open its page")
    href = link.get_attribute("href")
    assert href.startswith("/id/person/")
    link.click()
    page.wait_for_url(base + href)
    assert page.locator("main h1").is_visible()


@needs_vendor
def test_graph_json_route(page, base):
    answer = page.request.get(base + "/graph/person/tim-smith.json?depth=1")
    assert answer.status == 200 and answer.headers["content-type"].startswith("application/json")
    data = answer.json()
    assert data["focus"] == "person/tim-smith" and data["nodes"][0]["id"] == "person/tim-smith"
    refused = page.request.get(base + "/graph/person/tim-smith.json?depth=7")
    assert refused.status == 400 and "depth must be one of" in refused.json()["error"]
    missing = page.request.get(base + "/graph/person/nobody-at-all.json")
    assert missing.status == 404


def test_saved_query_form_and_csv_download(page, base, tmp_path):
    page.goto(base + "/queries")
    card = page.locator("article#query-officials-and-roles")
    card.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/queries/officials-and-roles\?"))
    rows = page.locator("section.results table tbody tr")
    assert rows.count() >= 1
    with page.expect_download() as info:
        page.locator("section.results a", has_text="CSV").click()
    target = tmp_path / "result.csv"
    info.value.save_as(target)
    with target.open(encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    assert len(lines) - 1 == rows.count(), "the download has the rows the page shows"
    assert info.value.suggested_filename == "officials-and-roles.csv"


@needs_vendor
def test_yasgui_runs_a_saved_query_and_a_linked_one(page, base):
    response = page.goto(base + "/sparql-editor")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "style-src 'self' 'unsafe-inline';" in csp, csp
    page.wait_for_selector("#yasgui[data-ready]")
    # a saved query opens in its own tab, bound to an example from this store, and runs
    page.locator("button[data-example]", has_text="Officials and their roles").click()
    assert page.locator(".yasgui .tabsList .tab.active").inner_text().startswith("Officials and their roles")
    assert "ik:Appointment" in page.evaluate("window.inspectkgYasgui.getTab().getQuery()")
    with page.expect_response(lambda r: r.url == base + "/sparql" and r.request.method == "POST") as answer:
        page.locator(".yasqe_queryButton:visible").click()
    assert answer.value.status == 200
    rows = page.locator(".yasr:visible table.dataTable tbody tr")
    rows.first.wait_for()
    assert rows.count() >= 1
    assert "Tim Smith" in page.locator(".yasr:visible").inner_text()
    assert not blocking(accessibility(page)), "the editor with its results, checked by axe-core"
    shoot(page, "sparql-editor-results")
    # ?query= in the address opens that query; Ctrl+Enter runs it
    ask = "ASK { ?s a <https://w3id.org/inspectkg/ontology#PoliceForce> }"
    page.goto(base + "/sparql-editor?" + urlencode({"query": ask}))
    page.wait_for_selector("#yasgui[data-ready]")
    assert page.evaluate("window.inspectkgYasgui.getTab().getQuery()") == ask
    page.locator(".yasqe:visible .CodeMirror").click()
    with page.expect_response(lambda r: r.url == base + "/sparql") as answer:
        page.keyboard.press("Control+Enter")
    assert answer.value.status == 200
    page.locator(".yasr:visible .yasr_results", has_text="true").wait_for()


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
