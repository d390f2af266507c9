"""A Markdown brief of one article: headline, each section's part, the source line."""

from __future__ import annotations

from summarizer._records import ArticleSummary
from summarizer.sections import Sections
from summarizer.sections._render import markdown_cell


def render_markdown(record: ArticleSummary, sections: Sections | None = None) -> str:
    """A readable brief: the headline and source, then each section's part (the summary,
    tables of facts), then what was withheld from the model or dropped."""
    sections = sections or Sections()
    lines = [f"# {markdown_cell(headline_of(record, sections))}", ""]
    lines += [f"*{markdown_cell(source_line(record))}*", ""]
    if record.meta.failed:
        failed = "; ".join(f"{f.section} ({f.reason})" for f in record.meta.failed)
        lines += [f"**Sections that failed, left empty:** {markdown_cell(failed)}", ""]
    for section in sections.values():
        lines += section.markdown(record)
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


def headline_of(record: ArticleSummary, sections: Sections | None = None) -> str:
    """The record's headline (the section that writes one), else the article's own title,
    else its id."""
    for section in (sections or Sections()).values():
        if headline := section.headline(record):
            return headline
    return record.source.title or record.source.id


def source_line(record: ArticleSummary) -> str:
    """Where the article came from, in one line: outlet, dateline, date, author, then id."""
    source = record.source
    parts = [source.outlet, source.dateline, source.published, source.author]
    origin = ", ".join(part for part in parts if part)
    where = source.path or source.id
    return f"{origin} · {where}" if origin else where
