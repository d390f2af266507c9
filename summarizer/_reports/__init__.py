"""Records written out for people and programs: JSON, JSONL, Markdown, CSV and HTML.

Every format is a :class:`ReportWriter`: give it each record with the text it summarises
as the records arrive, then close it. None keeps the records: a batch of any size streams.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import Protocol, TextIO

from summarizer._errors import ConfigurationError
from summarizer._records import ArticleSummary
from summarizer._reports.csv_rows import csv_header, csv_rows
from summarizer._reports.html import HtmlReport
from summarizer._reports.markdown import render_markdown
from summarizer.sections import Section, Sections

FORMATS = ("json", "jsonl", "markdown", "csv", "html")


class ReportWriter(Protocol):
    def add(self, record: ArticleSummary, text: str) -> None:
        """Write one record; ``text`` is the article text its evidence offsets refer to."""

    def fail(self, article: str, reason: str) -> None:
        """Note an article that produced no record (formats that show failures do)."""

    def close(self) -> None:
        """Finish the output (an HTML report's index and script)."""


STANDALONE = ("json", "jsonl", "markdown")


def csv_sections(sections: Sections) -> tuple[str, ...]:
    """The sections ``--format csv --section`` can list: those with facts and columns."""
    return tuple(name for name, section in sections.items() if section.csv_columns)


class _Standalone:
    """JSON (indented), JSONL or Markdown: one rendering per record, nothing kept."""

    def __init__(self, out: TextIO, output_format: str, sections: Sections) -> None:
        self._out = out
        # format: (render one record, what goes between two records)
        renderers: dict[str, tuple[Callable[[ArticleSummary], str], str]] = {
            "json": (lambda record: record.model_dump_json(indent=2) + "\n", ""),
            "jsonl": (lambda record: record.model_dump_json() + "\n", ""),
            "markdown": (lambda record: render_markdown(record, sections), "\n---\n\n"),
        }
        self._render, self._separator = renderers[output_format]
        self._first = True

    def add(self, record: ArticleSummary, text: str) -> None:
        separator = "" if self._first else self._separator
        self._first = False
        self._out.write(separator + self._render(record))
        self._out.flush()

    def fail(self, article: str, reason: str) -> None:
        pass  # failures go to stderr and the errors file

    def close(self) -> None:
        pass


class _Csv:
    def __init__(self, out: TextIO, section: Section) -> None:
        self._out = out
        self._section = section
        self._writer = csv.writer(out)
        self._writer.writerow(csv_header(section))

    def add(self, record: ArticleSummary, text: str) -> None:
        self._writer.writerows(csv_rows(record, self._section))
        self._out.flush()

    def fail(self, article: str, reason: str) -> None:
        pass

    def close(self) -> None:
        self._out.flush()


def open_report(
    output_format: str,
    out: TextIO,
    *,
    section: str | None = None,
    sections: Sections | None = None,
) -> ReportWriter:
    """The writer of ``output_format`` on ``out``.

    Args:
        section: With CSV, the section whose facts are the rows.
        sections: The sections the records hold (default: the built-in ones).

    Raises:
        ConfigurationError: an unknown format, or CSV without a known ``section``.
    """
    sections = sections or Sections()
    if output_format in STANDALONE:
        return _Standalone(out, output_format, sections)
    if output_format == "csv":
        listed = csv_sections(sections)
        if section not in listed:
            raise ConfigurationError(f"--format csv needs --section, one of: {', '.join(listed)}")
        return _Csv(out, sections[section])
    if output_format == "html":
        return HtmlReport(out, sections=sections)
    raise ConfigurationError(f"unknown format {output_format!r} (one of: {', '.join(FORMATS)})")


__all__ = ["FORMATS", "ReportWriter", "csv_sections", "open_report", "render_markdown"]
