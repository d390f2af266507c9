"""One CSV row per fact of one section, with the article id and the evidence."""

from __future__ import annotations

from collections.abc import Iterator

from summarizer._records import ArticleSummary
from summarizer.sections import Section

# A cell a spreadsheet would run as a formula (OWASP's CSV injection); such text cells
# are prefixed with an apostrophe. Numbers are written as numbers and left alone.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_header(section: Section) -> list[str]:
    """The header row of ``section``: the article's columns, the fact's, the evidence's,
    and ``error`` (why the section failed for that article, on a row of its own)."""
    evidence = ["evidence", "evidence_start", "evidence_end"]
    return ["article_id", "published", *section.csv_columns, *evidence, "error"]


def csv_rows(record: ArticleSummary, section: Section) -> Iterator[list[object]]:
    """The rows of ``section`` in ``record``, in the header's order; when the section
    failed for this article, one row that says so (no facts is not "none found")."""
    failed = next((f for f in record.meta.failed if f.section == section.name), None)
    if failed is not None:
        blank = [None] * (len(section.csv_columns) + 3)
        reason = f"section failed ({failed.error}): {failed.reason}"
        yield [_safe(v) for v in (record.source.id, record.source.published, *blank, reason)]
    for fact in section.facts(record):
        row = [
            record.source.id,
            record.source.published,
            *section.csv_cells(fact),
            fact.evidence.text,
            fact.evidence.start,
            fact.evidence.end,
            None,
        ]
        yield [_safe(value) for value in row]


def _safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
