"""The structured record of one article: what `summarize` prints and the library returns.

Field names are a public contract: downstream tools read them. Every fact carries
``evidence``, a verbatim span of the article text with offsets that point at it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

EventKind = Literal[
    "meeting", "agreement", "visit", "sanction", "announcement", "production", "trade", "other"
]


class Record(BaseModel):
    """Base of every record part: unknown keys are an error, never silently kept."""

    model_config = ConfigDict(extra="forbid")


class Evidence(Record):
    """A verbatim span of the article: ``article[start:end] == text``."""

    text: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _span_matches_text_length(self) -> Evidence:
        if self.end - self.start != len(self.text):
            raise ValueError("evidence end - start must equal the length of its text")
        return self


class Source(Record):
    """Where the article came from, as the article itself states it."""

    id: str
    path: str | None = None
    title: str | None = None
    published: str | None = Field(default=None, description="ISO 8601 date, when stated")
    dateline: str | None = None
    outlet: str | None = None
    author: str | None = None


class Summary(Record):
    headline: str
    lede: str = Field(description="One sentence.")
    key_points: list[str] = Field(min_length=3, max_length=6)


class Person(Record):
    name: str
    title: str | None = None
    organization: str | None = None
    country: str | None = None
    evidence: Evidence


class Organization(Record):
    name: str
    acronym: str | None = None
    kind: str | None = None
    country: str | None = None
    evidence: Evidence


class Country(Record):
    name: str
    code: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")
    evidence: Evidence


class Event(Record):
    kind: EventKind
    description: str
    participants: list[str] = Field(default_factory=list)
    date: str | None = None
    location: str | None = None
    evidence: Evidence


class Figure(Record):
    metric: str
    value: float
    unit: str
    period: str | None = None
    change: str | None = None
    subject: str | None = None
    evidence: Evidence


class Quote(Record):
    speaker: str
    text: str
    evidence: Evidence


class Usage(Record):
    prompt_tokens: int = 0
    completion_tokens: int = 0


class Dropped(Record):
    """A fact the model proposed that failed verification, kept visible with the reason."""

    section: str
    item: str
    reason: str


class Meta(Record):
    model: str
    backend: str
    templates: dict[str, str] = Field(description="template name -> content hash")
    usage: Usage = Field(default_factory=Usage)
    calls: int = 0
    attempts: int = 0
    elapsed_s: float = 0.0
    dropped: list[Dropped] = Field(default_factory=list)


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
    meta: Meta
