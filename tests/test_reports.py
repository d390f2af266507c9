"""Reports: Markdown briefs, CSV rows, the highlighter and the HTML report's escaping."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer import ArticleSummary
from summarizer._cli.main import main
from summarizer._reports import open_report
from summarizer._reports.csv_rows import csv_header, csv_rows
from summarizer._reports.html import HtmlReport
from summarizer._reports.markdown import render_markdown
from summarizer._reports.marks import Span, highlight
from summarizer.sections import Sections

SECTIONS = Sections()
HOSTILE = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'


class _Tags(HTMLParser):
    """The start tags of a page with their attributes, and the text of each mark span."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.marks: dict[str, str] = {}
        self._open: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self._open.append(dict(attrs).get("data-span"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for span in self._open:
            assert span is not None
            self.marks[span] = self.marks.get(span, "") + data


def _replayed(fixtures_dir: Path, tmp_path: Path) -> list[ArticleSummary]:
    out = tmp_path / "records.jsonl"
    articles = str(fixtures_dir / "articles")
    assert main([articles, "--backend", "replay", "-q", "-o", str(out)]) == 0
    return [ArticleSummary.model_validate_json(line) for line in out.read_text().splitlines()]


def _text(record: ArticleSummary) -> str:
    assert record.source.path is not None
    return Path(record.source.path).read_text(encoding="utf-8")


def _hostile_record() -> tuple[ArticleSummary, str]:
    """An article whose text and every model-written field carry markup and handlers."""
    text = f"Mr Evil {HOSTILE} said: {HOSTILE}. Sales rose 5% to {HOSTILE}."
    at = text.index(HOSTILE)
    evidence = {"text": HOSTILE, "start": at, "end": at + len(HOSTILE)}
    record = ArticleSummary.model_validate(
        {
            "source": {"id": HOSTILE, "path": HOSTILE, "outlet": HOSTILE},
            "summary": {
                "headline": HOSTILE,
                "lede": {"text": HOSTILE, "evidence": [evidence]},
                "key_points": [{"text": HOSTILE, "evidence": [evidence]}],
            },
            "people": [{"name": HOSTILE, "title": HOSTILE, "evidence": evidence}],
            "quotes": [{"speaker": HOSTILE, "text": HOSTILE, "evidence": evidence}],
            "topics": [HOSTILE],
            "meta": {
                "model": HOSTILE,
                "backend": "replay",
                "templates": {HOSTILE: HOSTILE},
                "dropped": [{"section": HOSTILE, "item": HOSTILE, "reason": HOSTILE}],
            },
        }
    )
    return record, text


def test_a_markdown_brief_has_the_summary_the_tables_and_the_source(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    record = next(r for r in _replayed(fixtures_dir, tmp_path) if r.figures and r.people)
    brief = render_markdown(record)
    assert record.summary is not None
    assert brief.startswith(f"# {record.summary.headline}")
    assert record.summary.lede.text in brief
    assert all(f"- {point.text}" in brief for point in record.summary.key_points)
    assert "## People" in brief and "## Figures" in brief
    assert record.people[0].name in brief
    assert str(record.source.path) in brief  # the source line


def test_markdown_cells_cannot_break_a_table_or_open_html() -> None:
    record, _ = _hostile_record()
    record.people[0].title = "a | b\nc"
    brief = render_markdown(record)
    assert "<script" not in brief and "<img" not in brief
    row = next(line for line in brief.splitlines() if line.startswith("| &lt;script"))
    assert "a \\| b c" in row


def test_csv_has_a_row_per_fact_with_its_article_and_evidence(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    records = _replayed(fixtures_dir, tmp_path)
    out = tmp_path / "figures.csv"
    articles = str(fixtures_dir / "articles")
    code = main([articles, "--backend", "replay", "-q", "--format", "csv", "--section", "figures",
                 "-o", str(out)])  # fmt: skip
    assert code == 0
    with out.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == sum(len(r.figures) for r in records) > 0
    texts = {r.source.id: _text(r) for r in records}
    for row in rows:
        start, end = int(row["evidence_start"]), int(row["evidence_end"])
        assert texts[row["article_id"]][start:end] == row["evidence"].removeprefix("'")
    figures = [(r.source.id, f.value, f.unit) for r in records for f in r.figures]
    assert [(row["article_id"], float(row["value"]), row["unit"]) for row in rows] == figures


def test_every_format_says_which_sections_failed_and_why(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    record = next(r for r in _replayed(fixtures_dir, tmp_path) if r.people and r.figures)
    failed = {"section": "people", "error": "TransportError", "reason": "HTTP 503 every time"}
    data = record.model_dump()
    partial = ArticleSummary.model_validate(
        {**data, "people": [], "meta": {**data["meta"], "failed": [failed]}}
    )

    assert "**Sections that failed, left empty:** people (HTTP 503 every time)" in (
        render_markdown(partial)
    )
    page = io.StringIO()
    report = HtmlReport(page)
    report.add(partial, _text(record))
    report.close()
    assert '<div class="failed" role="alert">' in page.getvalue()
    assert "<b>people</b> (TransportError): <i>HTTP 503 every time</i>" in page.getvalue()
    [row] = csv_rows(partial, SECTIONS["people"])
    header = csv_header(SECTIONS["people"])
    assert dict(zip(header, row, strict=True))["error"] == (
        "section failed (TransportError): HTTP 503 every time"
    )
    # Another section of the same record: its facts, and no error row.
    figure_rows = list(csv_rows(partial, SECTIONS["figures"]))
    assert len(figure_rows) == len(record.figures)
    assert all(row[-1] is None for row in figure_rows)


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_defused() -> None:
    record, _ = _hostile_record()
    record.people[0].name = '=HYPERLINK("http://x")'
    record.people[0].title = "-2+3"
    (row,) = csv_rows(record, SECTIONS["people"])
    header = csv_header(SECTIONS["people"])
    cells = dict(zip(header, row, strict=True))
    assert cells["name"] == '\'=HYPERLINK("http://x")'
    assert cells["title"] == "'-2+3"
    assert cells["evidence_start"] == record.people[0].evidence.start  # numbers stay numbers


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--format", "csv"], "--format csv needs --section"),
        (["--section", "people"], "--section applies to --format csv only"),
        (["--format", "html", "--resume", "-o", "r.html"], "--resume continues JSONL output"),
    ],
)
def test_report_options_that_do_not_fit_are_one_line_usage_errors(
    arguments: list[str], message: str, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = str(fixtures_dir / "articles" / "002_39b5d57e1b64ae26.txt")
    assert main([article, "--backend", "replay", *arguments]) == 2
    error = capsys.readouterr().err
    assert message in error and len(error.strip().splitlines()) == 1


@st.composite
def _text_and_spans(draw: st.DrawFn) -> tuple[str, list[Span]]:
    text = draw(st.text(alphabet="ab <>&\"'\n", min_size=1, max_size=60))
    spans = []
    for number in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        spans.append(Span(start, end, f"s{number}", "sec-people", (f"f{number}",)))
    return text, spans


@given(_text_and_spans())
def test_highlighting_keeps_the_text_and_marks_every_span_whole(
    case: tuple[str, list[Span]],
) -> None:
    text, spans = case
    page = _Tags()
    page.feed(highlight(text, spans))
    page.close()
    assert "".join(page.text) == text
    assert {tag for tag, _ in page.tags} <= {"mark"}
    for span in spans:
        if span.end > span.start:
            assert page.marks[span.id] == text[span.start : span.end]
        else:
            assert span.id not in page.marks


def _hostile_report() -> str:
    """The HTML report of the hostile record, with a hostile failure listed too."""
    record, text = _hostile_record()
    out = io.StringIO()
    report = HtmlReport(out)
    report.add(record, text)
    report.fail(HOSTILE, HOSTILE)
    report.close()
    return out.getvalue()


def test_the_html_report_escapes_article_text_and_model_output() -> None:
    page = _Tags()
    page.feed(_hostile_report())
    scripts = [attrs for tag, attrs in page.tags if tag == "script"]
    assert len(scripts) == 1 and scripts[0].get("nonce")  # the report's own, nothing else
    assert not [tag for tag, _ in page.tags if tag == "img"]
    handlers = [name for _, attrs in page.tags for name in attrs if name.startswith("on")]
    assert handlers == []
    assert HOSTILE in "".join(page.text)  # shown as text, whole
    assert page.marks["a0-s0"] == HOSTILE


def test_the_html_report_indexes_every_article_and_lists_failures(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    records = _replayed(fixtures_dir, tmp_path)
    out = io.StringIO()
    report = open_report("html", out)
    for record in records:
        report.add(record, _text(record))
    report.fail("broken.txt", "the article is empty")
    report.close()
    page = _Tags()
    page.feed(out.getvalue())
    entries = [attrs for tag, attrs in page.tags if tag == "li" and "data-article" in attrs]
    assert [e["data-article"] for e in entries] == [f"a{n}" for n in range(len(records))]
    codes = {c.code for r in records for c in r.countries}
    options = {attrs.get("value") for tag, attrs in page.tags if tag == "option"}
    assert codes and codes <= options
    assert "broken.txt" in "".join(page.text) and out.getvalue().rstrip().endswith("</html>")


def test_an_interrupted_html_report_is_still_a_whole_page(
    fixtures_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import summarizer._cli.main as cli

    out = tmp_path / "report.html"

    async def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "run_batch", interrupted)
    article = str(fixtures_dir / "articles" / "002_39b5d57e1b64ae26.txt")
    assert main([article, "--backend", "replay", "--format", "html", "-o", str(out)]) == 130
    assert out.read_text().rstrip().endswith("</html>")


def test_jsonl_stays_one_record_per_line(fixtures_dir: Path, tmp_path: Path) -> None:
    records = _replayed(fixtures_dir, tmp_path)
    out = io.StringIO()
    report = open_report("jsonl", out)
    for record in records:
        report.add(record, "")
    report.close()
    lines = out.getvalue().splitlines()
    assert [json.loads(line)["source"]["id"] for line in lines] == [r.source.id for r in records]
