"""What a digest is: four lists, entities, timeline, figures and links, and the articles
they cite. Field names are a public contract, as the record's are."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from summarizer._records import Evidence, FigureChange

EntityKind = Literal["person", "organization", "country"]


class DigestPart(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Mention(DigestPart):
    """An entity in one article: the names that article uses, and one evidence span."""

    article: str
    names: list[str] = Field(description="the forms this article names it by")
    evidence: Evidence


class Title(DigestPart):
    """A title a person held, and when: the articles that give it, dated by publication."""

    title: str
    first: str | None = Field(description="the earliest publication date that gives it")
    last: str | None = Field(description="the latest publication date that gives it")
    articles: list[str]


class Entity(DigestPart):
    """A person, organisation or country, resolved across the batch's articles."""

    id: str
    name: str
    kind: EntityKind
    aliases: list[str] = Field(description="every other form the articles name it by")
    titles: list[Title] = Field(description="a person's titles, earliest first")
    articles: list[str]
    mentions: list[Mention] = Field(description="one per article, in the articles' order")


class Participant(DigestPart):
    """A participant as the record names it, and the entity that name resolves to."""

    name: str
    entity: str | None


class TimelineEntry(DigestPart):
    """An event, or a figure of a stated period, placed in time.

    ``date`` is ISO 8601 as the record resolved it (a day, a month, a week, a year or an
    interval); ``start`` and ``end`` are the days it spans. Undated entries have none.
    """

    date: str | None
    start: str | None = None
    end: str | None = None
    kind: str
    description: str
    participants: list[Participant]
    article: str
    evidence: Evidence


class FigureValue(DigestPart):
    """One value of a series: what the article states, for which period, and where."""

    period: str | None = Field(description="ISO 8601, when the record resolved the period")
    period_text: str | None = Field(description="the period as the article writes it")
    value: float
    surface: str
    change: FigureChange | None = None
    article: str
    evidence: Evidence


class FigureSeries(DigestPart):
    """Figures of one subject, metric and unit: values by period, earliest first."""

    subject: str | None
    metric: str
    unit: str
    values: list[FigureValue]


class Link(DigestPart):
    """Two entities that appear together: in how many articles, and in how many events."""

    a: str
    b: str
    weight: int = Field(description="articles that name both")
    events: int = Field(description="events both take part in")
    articles: list[str]


class ArticleInfo(DigestPart):
    """An article of the batch, as the digest cites it."""

    id: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    path: str | None = None
    content_hash: str | None = None


class OverviewSentence(DigestPart):
    """A sentence of the overview and the digest items it draws on."""

    text: str
    cites: list[str] = Field(description="ids of digest items: E entities, T timeline, ...")


class DroppedSentence(DigestPart):
    """A sentence the model wrote that failed verification, kept visible with the reason."""

    text: str
    reason: str


class Overview(DigestPart):
    """A paragraph the model wrote from the digest, each sentence citing digest items
    and checked against them (``summarize digest --overview``)."""

    text: str
    sentences: list[OverviewSentence]
    items: dict[str, str] = Field(description="each cited id, and the item as the model read it")
    dropped: list[DroppedSentence] = Field(default_factory=list)
    model: str


class Digest(DigestPart):
    """What a batch of articles says together. Its JSON is the four lists (and the
    overview, when one was asked for); ``articles`` (what the lists cite) goes to the
    renderers that show them."""

    entities: list[Entity]
    timeline: list[TimelineEntry]
    figures: list[FigureSeries]
    links: list[Link]
    articles: list[ArticleInfo] = Field(default_factory=list, exclude=True)
    overview: Overview | None = Field(default=None, exclude=True)

    def to_json(self) -> str:
        """The digest's JSON: the four lists, after the overview if there is one."""
        lists = self.model_dump_json(indent=2)
        if self.overview is None:
            return lists
        overview = self.overview.model_dump_json(indent=2).replace("\n", "\n  ")
        return '{\n  "overview": ' + overview + ",\n" + lists[2:]
