"""The digest page in a real headless browser (Debian's chromium, driven by playwright),
as the report is: see test_browser.py for when these skip and when they must run."""

from __future__ import annotations

import io
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES
from digest_records import BEAT, copper_beat, record
from test_browser import _Page, _screenshot, browser  # noqa: F401  (the browser fixture)
from test_reports import HOSTILE

from summarizer._cli.main import main
from summarizer._digest import DigestRecord, build_digest, write_html


@pytest.fixture(scope="module")
def fixtures_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The digest of every fixture record, with the articles' texts, as `summarize
    digest` writes it."""
    page = tmp_path_factory.mktemp("digest") / "digest.html"
    arguments = ["digest", str(FIXTURES / "expected"), "--format", "html", "-o", str(page)]
    arguments += ["--articles", str(FIXTURES / "articles"), "-q"]
    # In a thread of its own: playwright's sync API keeps an event loop on this one.
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(main, arguments).result() == 0
    return page


@pytest.fixture(scope="module")
def beat_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = tmp_path_factory.mktemp("beat") / "beat.html"
    digest = build_digest(DigestRecord.model_validate(r) for r in copper_beat())
    out = io.StringIO()
    write_html(digest, out, texts=BEAT, title="Copper")
    page.write_text(out.getvalue(), encoding="utf-8")
    return page


# For each evidence link: do the marks of its span, put together, read as its quote?
_LINKS_WHOSE_MARKS_DIFFER = """() => [...document.querySelectorAll("a.ev")].filter(a => {
  const doc = document.querySelector(a.getAttribute("href"));
  const marks = doc.querySelectorAll(`mark[data-span="${a.dataset.span}"]`);
  return [...marks].map(m => m.textContent).join("") !== a.textContent.slice(1, -1);
}).map(a => a.dataset.span)"""


def test_the_page_loads_without_errors_and_every_link_quotes_its_marked_span(
    browser: Any,  # noqa: F811
    fixtures_page: Path,
) -> None:
    view = _Page(browser, fixtures_page)
    links = view.page.locator("a.ev").count()
    assert links > 60
    assert view.page.evaluate(_LINKS_WHOSE_MARKS_DIFFER) == []
    assert view.page.locator("article.doc .body").count() == 8
    assert view.errors == []
    assert _screenshot(view.page, "digest.png").stat().st_size > 10_000


def test_a_click_on_a_timeline_item_lights_its_span_in_its_article(
    browser: Any,  # noqa: F811
    fixtures_page: Path,
) -> None:
    view = _Page(browser, fixtures_page)
    link = view.page.locator("#tl-0 a.ev")
    span = link.get_attribute("data-span")
    link.click()
    active = view.page.eval_on_selector_all(
        "mark.active", "marks => [...new Set(marks.map(m => m.dataset.span))]"
    )
    assert active == [span]
    first_mark = view.page.locator("mark.active").first
    assert first_mark.is_visible() and first_mark.bounding_box() is not None
    box = first_mark.bounding_box()
    assert box is not None and 0 <= box["y"] <= 900  # scrolled into view
    _screenshot(view.page, "digest-evidence.png")
    assert view.errors == []


def test_a_click_on_a_network_node_shows_the_entitys_articles_and_spans(
    browser: Any,  # noqa: F811
    fixtures_page: Path,
) -> None:
    view = _Page(browser, fixtures_page)
    node = view.page.locator("svg.network .node").first
    name = node.locator("title").text_content() or ""
    node.click()
    panel = view.page.locator("#network-panel")
    assert name.split(" (")[0] in panel.inner_text()
    mentions = panel.locator("ul.mentions li")
    assert mentions.count() >= 2  # the first node is in the most articles
    assert view.page.locator("svg.network .node.active").count() == 1
    _screenshot(view.page, "digest-network.png")
    panel.locator("a.ev").first.click()  # a span from the panel
    assert view.page.locator("mark.active").count() >= 1
    assert view.errors == []


def test_the_timeline_strip_and_the_charts_point_at_their_items(
    browser: Any,  # noqa: F811
    beat_page: Path,
) -> None:
    view = _Page(browser, beat_page)
    marks = view.page.locator("svg.timeline-strip .tl-mark")
    assert marks.count() == 4  # a meeting, two yearly figures and a half-year change
    marks.nth(3).click()
    assert view.page.locator("#tl-3.active").count() == 1
    chart = view.page.locator("#fig-0 svg.chart")
    assert chart.locator("circle").count() == 2  # 2022 and 2023 in tonnes
    heading = view.page.locator("#fig-0 h3").inner_text()
    assert heading == "Iran — copper cathode production (tonne)"
    _screenshot(view.page, "digest-beat.png")
    assert view.errors == []


def test_a_hostile_record_runs_no_script(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    text = f"{HOSTILE} said Bob Smith met {HOSTILE} in 2024."
    digest = build_digest(
        [
            DigestRecord.model_validate(
                record(
                    "hostile",
                    text,
                    people=("Bob Smith",),
                    organizations=(HOSTILE,),
                    events=(
                        {
                            "description": HOSTILE,
                            "participants": [HOSTILE, "Bob Smith"],
                            "date_iso": "2024",
                            "evidence": f"Bob Smith met {HOSTILE}",
                        },
                    ),
                )
            )
        ]
    )
    path = tmp_path / "hostile.html"
    out = io.StringIO()
    write_html(digest, out, texts={"hostile": text})
    path.write_text(out.getvalue(), encoding="utf-8")
    view = _Page(browser, path)
    view.page.locator("svg.network .node").first.click()
    view.page.locator("a.ev").first.click()
    assert view.page.evaluate("() => window.pwned") is None
    assert view.page.locator("img").count() == 0
    assert HOSTILE in view.page.inner_text("#doc-0 .body")
    assert json.dumps(view.errors) == "[]"
