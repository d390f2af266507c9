"""Rendering a record for people: a Markdown brief."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from summarizer._records import ArticleSummary


def render_markdown(record: ArticleSummary) -> str:
    """A readable brief: headline, lede, key points, then tables of the facts."""
    source = record.source
    lines: list[str] = []
    headline = record.summary.headline if record.summary else source.title or source.id
    lines += [f"# {_cell(headline)}", ""]
    origin = ", ".join(
        part for part in (source.outlet, source.dateline, source.published, source.author) if part
    )
    lines += [f"*{_cell(origin or source.id)}*", ""]
    if record.summary:
        lines += [record.summary.lede, ""]
        lines += [f"- {point}" for point in record.summary.key_points] + [""]
    lines += _table(
        "People",
        ("Name", "Title", "Organisation"),
        ((p.name, p.title, p.organization) for p in record.people),
    )
    lines += _table(
        "Figures",
        ("Metric", "Value", "Unit", "Period", "Evidence"),
        ((f.metric, f"{f.value:,.10g}", f.unit, f.period, f.evidence.text) for f in record.figures),
    )
    lines += _table("Quotes", ("Speaker", "Quote"), ((q.speaker, q.text) for q in record.quotes))
    lines += _table(
        "Events",
        ("Kind", "What", "Who", "When"),
        ((e.kind, e.description, ", ".join(e.participants), e.date) for e in record.events),
    )
    if record.countries:
        lines += ["Countries: " + ", ".join(f"{c.name} ({c.code})" for c in record.countries), ""]
    return "\n".join(lines).rstrip() + "\n"


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
    return (value or "").replace("|", "\\|").replace("\n", " ").strip()
