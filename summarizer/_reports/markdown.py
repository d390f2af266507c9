"""A Markdown brief of one article: headline, lede, key points, tables of facts, source line."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from summarizer._records import ArticleSummary


def render_markdown(record: ArticleSummary) -> str:
    """A readable brief: headline, lede, key points, then tables of the facts."""
    lines = [f"# {_cell(headline_of(record))}", "", f"*{_cell(source_line(record))}*", ""]
    if record.meta.failed:
        failed = "; ".join(f"{f.section} ({f.reason})" for f in record.meta.failed)
        lines += [f"**Sections that failed, left empty:** {_cell(failed)}", ""]
    if record.summary:
        lines += [_cell(record.summary.lede), ""]
        lines += [f"- {_cell(point)}" for point in record.summary.key_points] + [""]
    lines += _table(
        "People",
        ("Name", "Title", "Organisation", "Evidence"),
        ((p.name, p.title, p.organization, p.evidence.text) for p in record.people),
    )
    lines += _table(
        "Organisations",
        ("Name", "Acronym", "Country"),
        ((o.name, o.acronym, o.country) for o in record.organizations),
    )
    lines += _table(
        "Figures",
        ("Metric", "Value", "Unit", "Period", "Change", "Evidence"),
        (
            (
                f.metric,
                f"{f.value:,.10g}",
                f.unit,
                f.period_iso or f.period,
                f.change.text if f.change else None,
                f.evidence.text,
            )
            for f in record.figures
        ),
    )
    lines += _table("Quotes", ("Speaker", "Quote"), ((q.speaker, q.text) for q in record.quotes))
    lines += _table(
        "Events",
        ("Kind", "What", "Who", "When"),
        (
            (e.kind, e.description, ", ".join(e.participants), e.date_iso or e.date)
            for e in record.events
        ),
    )
    if record.countries:
        names = ", ".join(f"{c.name} ({c.code})" for c in record.countries)
        lines += [f"**Countries:** {_cell(names)}", ""]
    if record.topics:
        lines += [f"**Topics:** {_cell(', '.join(record.topics))}", ""]
    if record.meta.withheld:
        count = len(record.meta.withheld)
        lines += [
            f"*{count} passage(s) addressed to an AI rather than to readers were withheld "
            "from the model; no fact comes from them.*",
            "",
        ]
    if record.meta.dropped:
        count = len(record.meta.dropped)
        lines += [f"*{count} proposed facts failed verification and were dropped.*"]
    return "\n".join(lines).rstrip() + "\n"


def headline_of(record: ArticleSummary) -> str:
    """The summary's headline, else the article's own title, else its id."""
    if record.summary:
        return record.summary.headline
    return record.source.title or record.source.id


def source_line(record: ArticleSummary) -> str:
    """Where the article came from, in one line: outlet, dateline, date, author, then id."""
    source = record.source
    parts = [source.outlet, source.dateline, source.published, source.author]
    origin = ", ".join(part for part in parts if part)
    where = source.path or source.id
    return f"{origin} · {where}" if origin else where


def _table(title: str, header: Sequence[str], rows: Iterable[Sequence[str | None]]) -> list[str]:
    body = ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    if not body:
        return []
    return [
        f"## {title}",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *body,
        "",
    ]


def _cell(value: str | None) -> str:
    # A pipe would end a table cell, a newline the table; "<" could open raw HTML, which
    # Markdown renderers pass through.
    text = (value or "").replace("|", "\\|").replace("<", "&lt;")
    return text.replace("\r", " ").replace("\n", " ").strip()
