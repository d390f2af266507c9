"""The HTML report in a real headless browser (Debian's chromium, driven by playwright).

Skipped where no browser is installed, unless SUMMARIZER_REQUIRE_BROWSER=1 (CI sets it,
after installing chromium), which turns a missing browser into a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from test_reports import HOSTILE, _hostile_report, _replayed, _text

from summarizer import ArticleSummary
from summarizer._cli.main import main

OUTPUT = ROOT / "test-output" / "browser"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    required = os.environ.get("SUMMARIZER_REQUIRE_BROWSER") == "1"
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        executable = None
    if executable is None:
        if required:
            pytest.fail("SUMMARIZER_REQUIRE_BROWSER=1 but chromium or playwright is missing")
        pytest.skip(
            "no chromium and playwright here (apt install chromium; pip install playwright)"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


class _Page:
    """A page with every console error, uncaught error and dialog it produced."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        self.page.on("dialog", lambda dialog: (self.errors.append("dialog"), dialog.dismiss()))
        self.page.goto(path.as_uri())

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"{message.type}: {message.text}")


@pytest.fixture(scope="module")
def replayed_report(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, list[ArticleSummary]]:
    """Every fixture article, replayed, as one HTML report (and as records to compare)."""
    folder = tmp_path_factory.mktemp("report")
    report = folder / "report.html"
    arguments = [str(ROOT / "fixtures" / "articles"), "--backend", "replay", "-q"]

    def build() -> list[ArticleSummary]:
        assert main([*arguments, "--format", "html", "-o", str(report)]) == 0
        return _replayed(ROOT / "fixtures", folder)

    # In a thread of its own: playwright's sync API keeps an event loop on this one.
    with ThreadPoolExecutor(1) as pool:
        records = pool.submit(build).result()
    return report, records


SECTIONS = ("people", "organizations", "countries", "figures", "quotes", "events")

# For each fact: does the text of its span's marks, put together, equal its evidence?
_FACTS_WHOSE_MARKS_DIFFER = """() => [...document.querySelectorAll("li.fact")].filter(li => {
  const marks = document.querySelectorAll(`mark[data-span="${li.dataset.span}"]`);
  return [...marks].map(m => m.textContent).join("") !== li.title;
}).map(li => li.id)"""


def _spans(record: ArticleSummary) -> set[tuple[int, int]]:
    """Every evidence span of a record: its facts', its summary statements', its users'
    sections' items', and the passages it withheld."""
    spans = {(f.evidence.start, f.evidence.end) for s in SECTIONS for f in getattr(record, s)}
    if record.summary is not None:
        statements = [record.summary.lede, *record.summary.key_points]
        spans |= {(e.start, e.end) for statement in statements for e in statement.evidence}
    for items in record.extra.values():
        spans |= {(i["evidence"]["start"], i["evidence"]["end"]) for i in items}
    spans |= {(w.evidence.start, w.evidence.end) for w in record.meta.withheld}
    return spans


def _screenshot(page: Any, name: str) -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / name
    page.screenshot(path=str(path))
    return path


def test_the_report_loads_without_errors_and_marks_every_evidence_span(
    browser: Any, replayed_report: tuple[Path, list[ArticleSummary]]
) -> None:
    path, records = replayed_report
    view = _Page(browser, path)
    for number, record in enumerate(records):
        spans = _spans(record)
        shown = view.page.eval_on_selector_all(
            f"#a{number} mark", "marks => new Set(marks.map(m => m.dataset.span)).size"
        )
        assert shown == len(spans), record.source.id
        body = view.page.eval_on_selector(f"#a{number} .text .body", "body => body.textContent")
        assert body == _text(record)
    assert sum(len(getattr(r, s)) for r in records for s in SECTIONS) > 20
    assert view.page.evaluate(_FACTS_WHOSE_MARKS_DIFFER) == []
    assert view.errors == []
    assert _screenshot(view.page, "report.png").stat().st_size > 10_000


def test_a_click_on_a_fact_highlights_its_span_and_a_click_on_a_span_shows_its_facts(
    browser: Any, replayed_report: tuple[Path, list[ArticleSummary]]
) -> None:
    path, records = replayed_report
    number = next(n for n, r in enumerate(records) if len(r.figures) >= 2)
    view = _Page(browser, path)
    fact = view.page.locator(f"#a{number}-figures-1")
    span = fact.get_attribute("data-span")
    fact.click()
    active = view.page.eval_on_selector_all(
        "mark.active", "marks => [...new Set(marks.map(m => m.dataset.span))]"
    )
    assert active == [span]
    assert view.page.locator(f"#a{number}-figures-1.active").count() == 1
    _screenshot(view.page, "fact-clicked.png")

    person = records[number].people[0] if records[number].people else None
    other = f"#a{number}-people-0" if person else f"#a{number}-figures-0"
    other_span = view.page.get_attribute(other, "data-span")
    view.page.locator(f'mark[data-span="{other_span}"]').first.click()
    assert view.page.locator(f"{other}.active").count() == 1
    assert view.page.locator(f"#a{number}-figures-1.active").count() == 0  # the old one cleared
    facts_box = view.page.locator(f"#a{number} .span-facts")
    assert facts_box.is_visible() and "from this span" in facts_box.inner_text()
    assert view.errors == []


def test_the_index_filters_articles_by_country(
    browser: Any, replayed_report: tuple[Path, list[ArticleSummary]]
) -> None:
    path, records = replayed_report
    view = _Page(browser, path)
    code = records[0].countries[0].code
    with_it = [n for n, r in enumerate(records) if code in {c.code for c in r.countries}]
    view.page.select_option('select[data-filter="countries"]', code)
    visible = view.page.eval_on_selector_all(
        "article.doc", "docs => docs.filter(d => d.offsetParent !== null).map(d => d.id)"
    )
    assert visible == [f"a{n}" for n in with_it]
    assert view.page.inner_text("#shown-count") == str(len(with_it))
    assert len(with_it) < len(records)


def test_a_hostile_article_runs_no_script(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(_hostile_report(), encoding="utf-8")
    view = _Page(browser, path)
    view.page.locator("#a0-people-0").click()
    view.page.locator("mark").first.click()
    assert view.page.evaluate("() => window.pwned") is None
    assert view.page.locator("img").count() == 0
    assert HOSTILE in view.page.inner_text("#a0 .text .body")
    assert view.errors == []
    _screenshot(view.page, "hostile.png")
