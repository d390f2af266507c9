"""Structured, grounded summaries of news articles, from any OpenAI-compatible model.

>>> from summarizer import summarize
>>> record = summarize("fixtures/articles/002_39b5d57e1b64ae26.txt")  # doctest: +SKIP
>>> record.people[0].name  # doctest: +SKIP
'Roman Chekushov'
"""

from __future__ import annotations

import os

from summarizer._backends.transports import RetryPolicy
from summarizer._digest import Digest, DigestBuilder, build_digest, write_overview
from summarizer._errors import (
    ConfigurationError,
    InputError,
    ModelCallError,
    ModelRequestsBlocked,
    OutputTruncatedError,
    RecordingMissingError,
    SectionFileError,
    SummarizerError,
    TemplateError,
    TransportError,
    UnsupportedLanguageError,
    ValidationFailedError,
)
from summarizer._read.article import Article, read_article
from summarizer._records import (
    ArticleSummary,
    Country,
    Dropped,
    Event,
    Evidence,
    Figure,
    Meta,
    Organization,
    Person,
    Quote,
    Source,
    Summary,
)
from summarizer._reports import ReportWriter, open_report, render_markdown
from summarizer._reports.html import HtmlReport
from summarizer._run.summarizer import Summarizer
from summarizer._settings import Settings


def summarize(
    article: str | os.PathLike[str] | Article, *, settings: Settings | None = None
) -> ArticleSummary:
    """Summarise one article (its text or a path) with the configured backend.

    With no settings and no ``OPENAI_BASE_URL``/``OPENAI_API_KEY`` in the environment, the
    embedded local model is used.
    """
    return Summarizer(settings).summarize(article)


__all__ = [
    "Article",
    "ArticleSummary",
    "ConfigurationError",
    "Country",
    "Digest",
    "DigestBuilder",
    "Dropped",
    "Event",
    "Evidence",
    "Figure",
    "HtmlReport",
    "InputError",
    "Meta",
    "ModelCallError",
    "ModelRequestsBlocked",
    "Organization",
    "OutputTruncatedError",
    "Person",
    "Quote",
    "RecordingMissingError",
    "ReportWriter",
    "RetryPolicy",
    "SectionFileError",
    "Settings",
    "Source",
    "Summarizer",
    "SummarizerError",
    "Summary",
    "TemplateError",
    "TransportError",
    "UnsupportedLanguageError",
    "ValidationFailedError",
    "build_digest",
    "open_report",
    "read_article",
    "render_markdown",
    "summarize",
    "write_overview",
]
