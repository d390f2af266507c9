"""Quotes: the article's quoted passages, verbatim, with the speaker it attributes them to."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, ClassVar

from pydantic import BaseModel, Field

from summarizer._eval.matching import (
    Gold,
    GoldName,
    GoldQuote,
    Tally,
    match,
    name_key,
    same_organization,
    same_person,
)
from summarizer._grounding import fold, locate
from summarizer._records import ArticleSummary, Evidence, Quote
from summarizer.sections._base import (
    GoldKind,
    Output,
    Section,
    VerifiedItems,
    narrowed,
    one_of,
)
from summarizer.sections._common import PRONOUNS, full_name, same_speaker
from summarizer.sections._context import SectionContext
from summarizer.sections._render import markdown_table


class QuoteOutput(BaseModel):
    id: int
    speaker: str = Field(max_length=80)


class QuotesOutput(VerifiedItems):
    quotes: list[QuoteOutput] = Field(max_length=20)

    section: ClassVar[str] = "quotes"

    @staticmethod
    def problem(quote: QuoteOutput, context: SectionContext) -> str | None:
        if not 1 <= quote.id <= len(context.quotes):
            return f"id {quote.id} is not in the list of passages (1 to {len(context.quotes)})"
        speaker = quote.speaker.strip()
        if fold(speaker) in PRONOUNS or not speaker:
            return "the speaker must be a name from the article, not a pronoun"
        if locate(speaker, context.article) is None:
            return f"the speaker {speaker!r} is not named in the article"
        attributed = context.attributions.get(quote.id)
        # After the last re-ask the article's attribution wins (see quote_records).
        if attributed and not same_speaker(speaker, attributed) and not context.lenient:
            return f"the article attributes passage [{quote.id}] to {attributed}, not {speaker}"
        return None

    @staticmethod
    def describe(quote: QuoteOutput) -> str:
        return f"[{quote.id}] {quote.speaker}"


def quote_records(output: QuotesOutput, context: SectionContext) -> list[Quote]:
    """The model's answers, with the article's attribution where it names the speaker;
    a passage the model skipped though the article says whose it is (a small model
    stops early on a long list) is kept with that speaker, not lost."""
    speakers: dict[int, str] = {}
    for item in output.quotes:
        speaker = full_name(item.speaker.strip(), context.speakers)
        attributed = context.attributions.get(item.id)
        if attributed and not same_speaker(speaker, attributed):
            speaker = attributed
        speakers.setdefault(item.id, speaker)
    for quote_id, attributed in context.attributions.items():
        speakers.setdefault(quote_id, attributed)
    return [
        Quote(
            speaker=speakers[key],
            text=(candidate := context.quotes[key - 1]).span.text,
            evidence=Evidence.of(candidate.span),
        )
        for key in sorted(speakers)
    ]


# Speakers differ from article to article: a few recent shapes are worth keeping, not
# thousands (each model holds its validators and schema: a few hundred kilobytes).
@functools.lru_cache(maxsize=64)
def _quotes_type(count: int, speakers: tuple[str, ...]) -> type[Output]:
    quote = narrowed(QuoteOutput, id=one_of(range(1, count + 1)), speaker=one_of(speakers))
    bound = Field(max_length=count)
    return narrowed(QuotesOutput, quotes=(list[quote], bound))  # type: ignore[valid-type]


def _same_quote(
    starts: str, speaker: str, predicted: tuple[str, str], people: list[GoldName]
) -> bool:
    text, said_by = predicted
    if not name_key(text).startswith(name_key(starts)):
        return False
    # The gold's speaker by any of its names: a person's or a body's ("WSIS" is the
    # "World Summit for the Information Society").
    person = next((p for p in people if speaker in p.names), GoldName(names=(speaker,)))
    return same_person(person, said_by) or same_organization(person, [said_by])


class QuotesSection(Section):
    name = "quotes"
    title = "Quotes"
    fields = ("quotes",)
    output = QuotesOutput
    colour = "#d9c2ff"
    csv_columns = ("speaker", "text")

    def needs_call(self, context: SectionContext) -> bool:
        return bool(context.quotes)

    def hints(self, context: SectionContext) -> list[str]:
        # The speaker the prompt suggests is the one verification holds the answer to,
        # a run of quotes included.
        return [c.hint(context.article, context.attributions.get(c.id)) for c in context.quotes]

    def output_type(
        self, context: SectionContext, ids: tuple[int, ...] | None = None
    ) -> type[Output]:
        """Quote ids and speakers become enums: a grammar-constrained model can only answer
        with a real passage and a real name, and a remote model is told the choices."""
        if not context.quotes:
            return self.output
        return _quotes_type(len(context.quotes), tuple(context.speakers or ["unknown"]))

    def records(self, output: Any, context: SectionContext) -> dict[str, Any]:
        return {"quotes": quote_records(output, context)}

    def label(self, fact: Quote) -> str:
        return f"{fact.speaker}: \u201c{fact.text}\u201d"

    def markdown(self, record: ArticleSummary) -> list[str]:
        rows = [(q.speaker, q.text) for q in record.quotes]
        return markdown_table(self.title, ("Speaker", "Quote"), rows)

    def gold(self, data: Mapping[str, Any], kind: GoldKind) -> list[Any] | None:
        items = data.get("quotes") if kind == "gold" else None
        if items is None:
            return None
        return [GoldQuote(speaker=q["speaker"], starts=q["starts"]) for q in items]

    def score(self, record: ArticleSummary, gold: Gold) -> dict[str, Tally] | None:
        items = gold.of(self.name)
        if items is None:
            return None
        # A speaker is found by any name the gold gives a person or a body.
        names = [
            name
            for items in gold.items.values()
            for name in items or []
            if isinstance(name, GoldName)
        ]
        quotes = [(q.text, q.speaker) for q in record.quotes]
        same = lambda g, q: _same_quote(g.starts, g.speaker, q, names)  # noqa: E731
        return {self.name: match(items, quotes, same)}
