"""The primitives sections render their facts with, in Markdown and HTML."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape


def markdown_cell(value: object) -> str:
    """Text safe in a Markdown table cell: a pipe would end the cell, a newline the table,
    and "<" could open raw HTML, which Markdown renderers pass through."""
    text = ("" if value is None else str(value)).replace("|", "\\|").replace("<", "&lt;")
    return text.replace("\r", " ").replace("\n", " ").strip()


def markdown_table(
    title: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> list[str]:
    """A headed Markdown table, or nothing when there are no rows."""
    body = ["| " + " | ".join(markdown_cell(value) for value in row) + " |" for row in rows]
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


def html_text(value: object) -> str:
    """Text escaped for HTML, attributes included."""
    return escape("" if value is None else str(value), quote=True)
