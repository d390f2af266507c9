"""The structured record of one article: what `summarize` prints and the library returns.

Field names are a public contract: downstream tools read them. Every fact carries
``evidence``, a verbatim span of the article text with offsets that point at it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from summarizer._cues.numbers import states_value
from summarizer._grounding import Span, locate

EventKind = Literal[
    "meeting", "agreement", "visit", "sanction", "announcement", "production", "trade", "other"
]


class Record(BaseModel):
    """Base of every record part: unknown keys are an error, never silently kept."""

    model_config = ConfigDict(extra="forbid")


def _article(info: ValidationInfo) -> str | None:
    """The article text, when the record is validated against it.

    ``ArticleSummary.model_validate(data, context={"article": text})`` checks every fact
    against ``text``: the grounding invariants below. Without the context (reading a
    record back from JSON with nothing to compare to) only the shape is checked.
    """
    context = info.context
    article = context.get("article") if isinstance(context, dict) else None
    return article if isinstance(article, str) else None


def _named_in(name: str, article: str) -> bool:
    return locate(name, article) is not None


class Evidence(Record):
    """A verbatim span of the article: ``article[start:end] == text``."""

    text: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @classmethod
    def of(cls, span: Span) -> Evidence:
        """The evidence of a span the aligner cut from the article."""
        return cls(text=span.text, start=span.start, end=span.end)

    @model_validator(mode="after")
    def _span_points_at_text(self, info: ValidationInfo) -> Evidence:
        if self.end - self.start != len(self.text):
            raise ValueError("evidence end - start must equal the length of its text")
        article = _article(info)
        if article is not None and article[self.start : self.end] != self.text:
            raise ValueError(
                f"evidence {self.text[:40]!r} is not at {self.start}:{self.end} of the article"
            )
        return self


class Source(Record):
    """Where the article came from, as the article itself states it."""

    id: str
    path: str | None = None
    content_hash: str | None = Field(
        default=None, description="sha256 of the text summarised: what evidence offsets refer to"
    )
    title: str | None = None
    language: str | None = Field(default=None, description="ISO 639-1 code, as detected")
    published: str | None = Field(default=None, description="ISO 8601 date, when stated")
    dateline: str | None = None
    outlet: str | None = None
    author: str | None = None


class Statement(Record):
    """A statement of the summary: what its evidence, sentences of the article, states."""

    text: str
    evidence: list[Evidence] = Field(min_length=1)


class Summary(Record):
    headline: str
    lede: Statement = Field(description="the most important fact, in one statement")
    # Empty when the article has one sentence: a point must not repeat the lede.
    key_points: list[Statement] = Field(
        max_length=6, description="the next most important facts, in order"
    )


class Person(Record):
    name: str
    title: str | None = None
    organization: str | None = None
    country: str | None = None
    evidence: Evidence

    @model_validator(mode="after")
    def _named_in_article(self, info: ValidationInfo) -> Person:
        article = _article(info)
        if article is not None and not _named_in(self.name, article):
            raise ValueError(f"person {self.name!r} is not named in the article")
        return self


class Organization(Record):
    name: str
    acronym: str | None = None
    aliases: list[str] = Field(
        default_factory=list, description="other forms the article writes the name in"
    )
    kind: str | None = Field(
        default=None,
        description="government, ministry, company, association, media, international, "
        "military, party, court or other",
    )
    country: str | None = None
    evidence: Evidence

    @model_validator(mode="after")
    def _named_in_article(self, info: ValidationInfo) -> Organization:
        article = _article(info)
        names = [n for n in (self.name, self.acronym, *self.aliases) if n]
        if article is not None and not any(_named_in(n, article) for n in names):
            raise ValueError(f"organisation {self.name!r} is not named in the article")
        return self


class Country(Record):
    name: str
    code: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")
    evidence: Evidence


class Event(Record):
    kind: EventKind
    description: str
    participants: list[str] = Field(default_factory=list)
    date: str | None = Field(default=None, description="when, as the article writes it")
    date_iso: str | None = Field(
        default=None, description="ISO 8601 date, month, week, year or interval, when resolvable"
    )
    location: str | None = None
    evidence: Evidence


class FigureChange(Record):
    """A change the article states: "surged by 12 percent" -> up, 12, percent."""

    direction: Literal["up", "down", "unchanged"]
    amount: float | None = None
    unit: str | None = None
    text: str = Field(description="the words that state it")


class Figure(Record):
    metric: str
    value: float = Field(description="a plain number, scale words applied")
    unit: str = Field(description="from the vocabulary in docs/units.md")
    surface: str = Field(description="the number as written: '145,000 tons', '$8.5 billion'")
    period: str | None = Field(default=None, description="the period, as the article writes it")
    period_iso: str | None = Field(default=None, description="ISO 8601 form of the period")
    change: FigureChange | None = None
    subject: str | None = None
    evidence: Evidence

    @model_validator(mode="after")
    def _value_in_evidence(self) -> Figure:
        if not states_value(self.evidence.text, self.value):
            raise ValueError(f"figure value {self.value:g} is not stated in its evidence")
        return self


class Quote(Record):
    speaker: str
    text: str
    evidence: Evidence

    @model_validator(mode="after")
    def _verbatim_and_attributed(self, info: ValidationInfo) -> Quote:
        if self.text not in self.evidence.text:
            raise ValueError("quote text is not within its evidence")
        article = _article(info)
        if article is not None and not _named_in(self.speaker, article):
            raise ValueError(f"quote speaker {self.speaker!r} is not named in the article")
        return self


class Usage(Record):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_prompt_tokens: int = Field(
        default=0,
        description="prompt tokens the server did not evaluate again (a reused prefix)",
    )


class Dropped(Record):
    """A fact the model proposed that failed verification, kept visible with the reason."""

    section: str
    item: str
    reason: str


class Failed(Record):
    """A section that produced no answer after its retries and re-asks: the record keeps
    every other section, and this one is empty."""

    section: str
    error: str = Field(
        description="the kind of failure: TransportError, ValidationFailedError, ..."
    )
    reason: str


class Withheld(Record):
    """A passage of the article addressed to the model rather than to its readers (an
    indirect prompt injection): never shown to the model, and no fact is drawn from it."""

    reason: str
    evidence: Evidence


class Meta(Record):
    model: str
    backend: str
    templates: dict[str, str] = Field(description="template name -> content hash")
    usage: Usage = Field(default_factory=Usage)
    calls: int = Field(default=0, description="section calls made")
    attempts: int = Field(default=0, description="requests, re-asks included")
    cached: int = Field(default=0, description="requests answered by the response cache")
    cost_usd: float | None = Field(
        default=None, description="when a price table covers the model; cached calls cost 0"
    )
    elapsed_s: float = 0.0
    dropped: list[Dropped] = Field(default_factory=list)
    failed: list[Failed] = Field(
        default_factory=list,
        description="sections that failed: empty in this record, redone by --resume",
    )
    withheld: list[Withheld] = Field(
        default_factory=list,
        description="passages addressed to the model (prompt injection), withheld from it",
    )


class ArticleSummary(Record):
    """The whole record of one article."""

    source: Source
    summary: Summary | None = None
    people: list[Person] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    countries: list[Country] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    extra: dict[str, list[dict[str, Any]]] = Field(
        default_factory=dict,
        description="users' own sections (--sections DIR), by name: items with evidence",
    )
    meta: Meta

    @model_validator(mode="after")
    def _extra_items_point_at_the_text(self, info: ValidationInfo) -> ArticleSummary:
        """A user section's items carry evidence like every fact: checked against the
        article when the record is validated with it."""
        for name, items in self.extra.items():
            for item in items:
                evidence = item.get("evidence")
                if not isinstance(evidence, dict):
                    raise ValueError(f"extra.{name}: an item without evidence")
                Evidence.model_validate(evidence, context=info.context)
        return self

    @property
    def complete(self) -> bool:
        """Whether every section asked for was filled (none is in ``meta.failed``)."""
        return not self.meta.failed
