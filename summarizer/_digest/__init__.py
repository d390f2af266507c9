"""The digest: what a batch of articles says together, computed from their records.

Entities resolved across articles (``resolve``), a timeline, figures over time and
links, rendered as JSON, Markdown or one HTML page. No model is called, except for the
optional overview (``overview``): a paragraph written from the digest and checked
against it.

    records -> DigestBuilder.add (per article: mentions) -> build (resolve, timeline,
    figures, links) -> Digest -> JSON | render_markdown | write_html
"""

from summarizer._digest.build import DigestBuilder, build_digest
from summarizer._digest.html import write_html
from summarizer._digest.markdown import render_markdown, summary_line
from summarizer._digest.model import (
    ArticleInfo,
    Digest,
    Entity,
    FigureSeries,
    FigureValue,
    Link,
    Mention,
    Overview,
    OverviewSentence,
    Participant,
    TimelineEntry,
    Title,
)
from summarizer._digest.overview import write_overview
from summarizer._digest.records import DigestRecord, read_records

__all__ = [
    "ArticleInfo",
    "Digest",
    "DigestBuilder",
    "DigestRecord",
    "Entity",
    "FigureSeries",
    "FigureValue",
    "Link",
    "Mention",
    "Overview",
    "OverviewSentence",
    "Participant",
    "TimelineEntry",
    "Title",
    "build_digest",
    "read_records",
    "render_markdown",
    "summary_line",
    "write_html",
    "write_overview",
]
