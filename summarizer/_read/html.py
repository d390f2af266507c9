"""Article text out of an HTML page, with trafilatura: navigation, scripts, footers and
comments dropped.

The text we summarise is what this returns, and every evidence offset refers to it: the
page's title on the first line, its publication date (when the page states one) on a line
of its own, then the body's paragraphs separated by blank lines.
"""

from __future__ import annotations

import re

from summarizer._errors import InputError

_HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>])", re.IGNORECASE)


# Fewer words than this is a menu or a placeholder, not an article.
_FEWEST_WORDS = 5


def looks_like_html(text: str) -> bool:
    return _HTML_START.match(text[:1024]) is not None


def html_to_text(html: str, *, name: str) -> str:
    """The article in ``html`` as plain text.

    Raises:
        InputError: the page holds no article text (an index page, an empty shell).
    """
    import trafilatura  # imported on demand: a large import that plain text never needs

    body = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True
    )
    if not body or len(body.split()) < _FEWEST_WORDS:
        raise InputError(f"{name}: an HTML page with no article text in it")
    metadata = trafilatura.extract_metadata(html)
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    title = (metadata.title or "").strip() if metadata else ""
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    head = [title] if title else []
    if metadata and metadata.date:
        head.append(f"Published: {metadata.date}")
    return "\n\n".join([*head, *paragraphs]) + "\n"
