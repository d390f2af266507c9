"""The summary: a headline, a one-sentence lede, key points and topics."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import Field, ValidationInfo, model_validator

from summarizer._grounding import fold
from summarizer._read.language import foreign_words, without_foreign_words
from summarizer._records import ArticleSummary, Summary
from summarizer.sections._base import Output, Section, context_of
from summarizer.sections._context import SectionContext
from summarizer.sections._render import html_text, markdown_cell


class SummaryOutput(Output):
    headline: str = Field(min_length=3, max_length=120)
    lede: str = Field(min_length=10, max_length=300, description="One sentence.")
    key_points: list[Annotated[str, Field(max_length=150)]] = Field(min_length=3, max_length=6)
    topics: list[Annotated[str, Field(max_length=30)]] = Field(min_length=1, max_length=5)

    @model_validator(mode="after")
    def _lede_is_one_sentence(self, info: ValidationInfo) -> SummaryOutput:
        # Small models often run on; the first sentence is the lede, not worth a re-ask.
        self.lede = re.split(r"(?<=[.!?])\s+(?=[A-Z])", self.lede.strip())[0]
        context = context_of(info)
        if context is not None:
            self._in_the_articles_script(context)
        distinct = _distinct_points(self.key_points, self.lede)
        if len(distinct) < len(self.key_points) and context is not None:
            if not context.lenient:
                raise ValueError(
                    "key_points repeat each other or the lede: give a different fact in each"
                )
            # Kept after the last re-ask: the repeats go, the distinct points stay.
            self.key_points = distinct or self.key_points[:1]
        return self

    def _in_the_articles_script(self, context: SectionContext) -> None:
        """Re-ask for words in a script the article does not use ("bilateral会议"); after
        the last re-ask, keep the text without them."""
        texts = [self.headline, self.lede, *self.key_points, *self.topics]
        foreign = [run for text in texts for run in foreign_words(text, context.article)]
        if not foreign:
            return
        if not context.lenient:
            raise ValueError(
                f"write in the language of the article: {', '.join(foreign[:3])} is not"
            )
        article = context.article
        headline = without_foreign_words(self.headline, article)
        lede = without_foreign_words(self.lede, article)
        self.headline, self.lede = headline or lede, lede or headline
        points = [without_foreign_words(p, article) for p in self.key_points]
        self.key_points = [p for p in points if p] or [self.lede]
        self.topics = [t for t in (without_foreign_words(t, article) for t in self.topics) if t]


def _distinct_points(points: list[str], lede: str) -> list[str]:
    """Key points that neither repeat an earlier point nor merely restate the lede."""
    kept: list[str] = []
    seen = [fold(lede)]
    for point in points:
        folded = fold(point).rstrip(". ")
        if folded and not any(folded in other or other.rstrip(". ") in folded for other in seen):
            kept.append(point)
            seen.append(folded)
    return kept


def _whole_words(text: str, limit: int) -> str:
    """``text`` without a last word cut off by a length limit of the grammar."""
    text = text.strip()
    if len(text) >= limit - 2 and " " in text:
        text = text.rsplit(" ", 1)[0].rstrip(" ,;:-")
    return text


def summary_records(output: SummaryOutput) -> tuple[Summary, list[str]]:
    summary = Summary(
        headline=_whole_words(output.headline, 120),
        lede=output.lede.strip(),
        key_points=[p.strip() for p in output.key_points],
    )
    topics = list(dict.fromkeys(t.strip().lower() for t in output.topics if t.strip()))
    return summary, topics


class SummarySection(Section):
    """The summary, from the first chunk of a long article: news puts what matters first."""

    name = "summary"
    title = "Summary"
    fields = ("summary", "topics")
    output = SummaryOutput
    first_chunk_only = True
    index_label = "Topic"

    def records(self, output: Any, context: SectionContext) -> dict[str, Any]:
        summary, topics = summary_records(output)
        return {"summary": summary, "topics": topics}

    def count(self, output: Output) -> int:
        return 1  # one summary, whatever its lists hold

    def merge(self, fields: dict[str, Any], more: dict[str, Any]) -> None:
        for name in self.fields:
            if name in more:
                fields.setdefault(name, more[name])

    def facts(self, record: ArticleSummary) -> list[Any]:
        return []

    def headline(self, record: ArticleSummary) -> str | None:
        return record.summary.headline if record.summary else None

    def markdown(self, record: ArticleSummary) -> list[str]:
        lines: list[str] = []
        if record.summary:
            lines += [markdown_cell(record.summary.lede), ""]
            lines += [f"- {markdown_cell(point)}" for point in record.summary.key_points] + [""]
        if record.topics:
            lines += [f"**Topics:** {markdown_cell(', '.join(record.topics))}", ""]
        return lines

    def html_header(self, record: ArticleSummary) -> str:
        summary = record.summary
        if summary is None:
            return ""
        points = "".join(f"<li>{html_text(point)}</li>" for point in summary.key_points)
        return f'<p class="lede">{html_text(summary.lede)}</p><ul>{points}</ul>'

    def index_values(self, record: ArticleSummary) -> list[tuple[str, str]]:
        return [(topic, topic) for topic in record.topics]
