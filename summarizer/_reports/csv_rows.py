"""One CSV row per fact of one section, with the article id and the evidence."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from summarizer._records import ArticleSummary, Country, Event, Figure, Organization, Person, Quote

# A cell a spreadsheet would run as a formula (OWASP's CSV injection); such text cells
# are prefixed with an apostrophe. Numbers are written as numbers and left alone.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_Row = Callable[[Any], list[object]]


def _person(p: Person) -> list[object]:
    return [p.name, p.title, p.organization, p.country]


def _organization(o: Organization) -> list[object]:
    return [o.name, o.acronym, o.kind, o.country]


def _country(c: Country) -> list[object]:
    return [c.name, c.code]


def _figure(f: Figure) -> list[object]:
    change = f.change
    return [
        f.metric, f.value, f.unit, f.surface, f.period, f.period_iso,
        change.direction if change else None,
        change.amount if change else None,
        change.unit if change else None,
        f.subject,
    ]  # fmt: skip


def _quote(q: Quote) -> list[object]:
    return [q.speaker, q.text]


def _event(e: Event) -> list[object]:
    return [e.kind, e.description, "; ".join(e.participants), e.date, e.date_iso, e.location]


# section -> (its columns, one fact's cells in that order)
SECTIONS: dict[str, tuple[Sequence[str], _Row]] = {
    "people": (("name", "title", "organization", "country"), _person),
    "organizations": (("name", "acronym", "kind", "country"), _organization),
    "countries": (("name", "code"), _country),
    "figures": (
        "metric value unit surface period period_iso "
        "change_direction change_amount change_unit subject".split(),
        _figure,
    ),
    "quotes": (("speaker", "text"), _quote),
    "events": (
        ("kind", "description", "participants", "date", "date_iso", "location"),
        _event,
    ),
}


def csv_header(section: str) -> list[str]:
    """The header row of ``section``: the article's columns, the fact's, the evidence's,
    and ``error`` (why the section failed for that article, on a row of its own)."""
    columns, _ = SECTIONS[section]
    evidence = ["evidence", "evidence_start", "evidence_end"]
    return ["article_id", "published", *columns, *evidence, "error"]


def csv_rows(record: ArticleSummary, section: str) -> Iterator[list[object]]:
    """The rows of ``section`` in ``record``, in the header's order; when the section
    failed for this article, one row that says so (no facts is not "none found")."""
    columns, cells = SECTIONS[section]
    failed = next((f for f in record.meta.failed if f.section == section), None)
    if failed is not None:
        blank = [None] * (len(columns) + 3)
        reason = f"section failed ({failed.error}): {failed.reason}"
        yield [_safe(v) for v in (record.source.id, record.source.published, *blank, reason)]
    for fact in getattr(record, section):
        row = [
            record.source.id,
            record.source.published,
            *cells(fact),
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
