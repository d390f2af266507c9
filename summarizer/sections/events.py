"""Events: meetings, agreements, visits, sanctions and the like, with who and when."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, Field

from summarizer._cues.countries import country_words
from summarizer._cues.dates import resolve_date
from summarizer._eval.matching import Gold, GoldEvent, Tally, match, name_key
from summarizer._grounding import fold, locate, sentence_around
from summarizer._read.language import foreign_words
from summarizer._records import ArticleSummary, Event, EventKind, Evidence
from summarizer.sections._base import GoldKind, Section, VerifiedItems
from summarizer.sections._common import (
    clean,
    country_of,
    proper_name,
    same_speaker,
    stated_in,
    written_as,
)
from summarizer.sections._context import SectionContext
from summarizer.sections._render import markdown_table
from summarizer.sections._statements import cut_off, trimmed, words


class EventOutput(BaseModel):
    kind: EventKind
    description: str = Field(max_length=100)
    participants: list[Annotated[str, Field(max_length=80)]] = Field(
        default_factory=list, max_length=6
    )
    date: str | None = Field(default=None, max_length=40)
    location: str | None = Field(default=None, max_length=40)
    evidence: str = Field(max_length=200)


class EventsOutput(VerifiedItems):
    events: list[EventOutput] = Field(max_length=4)

    section: ClassVar[str] = "events"

    @staticmethod
    def problem(event: EventOutput, context: SectionContext) -> str | None:
        span = locate(event.evidence, context.article)
        if span is None:
            return "its evidence is not a verbatim passage of the article"
        # After the last re-ask the sentence itself describes the event (event_records).
        if not context.lenient:
            return _description_problem(event.description, context.article)
        return None

    @staticmethod
    def describe(event: EventOutput) -> str:
        # The evidence is what is checked, so the reader of meta.dropped sees it too.
        return f"{event.description} (evidence: {event.evidence[:80]!r})"


def event_records(output: EventsOutput, context: SectionContext) -> list[Event]:
    events: list[Event] = []
    seen: set[tuple[str, int]] = set()
    for item in output.events:
        span = locate(item.evidence, context.article)
        if span is None or (item.kind, span.start) in seen:
            continue
        seen.add((item.kind, span.start))
        when = clean(item.date)
        stating = sentence_around(context.article, span.start, span.end)
        sentence = stating.text
        description = item.description.strip()
        if _description_problem(description, context.article):
            description = trimmed(sentence, _DESCRIPTION_WORDS)
        events.append(
            Event(
                kind=_event_kind(item.kind, sentence),
                description=description,
                participants=_participants(item.participants, sentence, context),
                date=when,
                # The model's words when the article states them, else the sentence's own.
                date_iso=resolve_date(stated_in(when, sentence) or sentence, context.published),
                location=clean(item.location),
                # The sentence that states the event: what its description says.
                evidence=Evidence.of(stating),
            )
        )
    return events


_DESCRIPTION_WORDS = 30


def _description_problem(description: str, article: str) -> str | None:
    """Why a description is not the event's in the article's words, or None: it must be
    whole, short, in the article's language, and made of the article's words."""
    if foreign := foreign_words(description, article):
        return f"write its description in the language of the article: {foreign[0]} is not"
    if len(words(description)) > _DESCRIPTION_WORDS:
        return f"describe it in at most {_DESCRIPTION_WORDS} words"
    if reason := cut_off(description, article):
        return f"its description {reason}"
    said = {_stem(word) for word in words(article)}
    unsaid = [w for w in words(description) if len(w) > 3 and _stem(w) not in said]
    if len(unsaid) > len(words(description)) // 3:
        return "describe it in the article's words"
    return None


def _stem(word: str) -> str:
    """A word folded, without a plural or possessive ending: "ministers" ~ "Minister"."""
    return re.sub(r"(?:'s|\u2019s|es|s)$", "", fold(word))


# Words that report each kind of event; a kind the sentence gives no word for yields to
# one it does ("met" makes a meeting, "signed a memorandum" an agreement). Whole words:
# "according to" is no accord, "contractors" no contract, "plant" no plan.
_EVENT_TRIGGERS: dict[str, re.Pattern[str]] = {
    kind: re.compile(rf"\b(?:{words})", re.IGNORECASE)
    for kind, words in {
        "agreement": r"agree|sign(?:s|ed|ing)?\b|memorand|deals?\b|accords?\b|"
        r"contract(?:s|ed)?\b|treat(?:y|ies)\b|pacts?\b",
        "meeting": r"met\b|meet|talks\b|discuss|summit|negotiat|held .{0,20}meetings?",
        "visit": r"visit|trip\b|tour\b|travel",
        "sanction": r"sanction|embargo|blacklist|penalt|restrict",
        "production": r"produc|output|extract|mined|manufactur",
        "trade": r"export|import|trade|ship|supply|purchas|sold|sell",
        "announcement": r"announc|said|say|stated\b|statement|report|declar|unveil|launch|"
        r"plan(?:s|ned|ning)?\b",
    }.items()
}


def _event_kind(kind: EventKind, sentence: str) -> EventKind:
    if kind == "other" or _EVENT_TRIGGERS[kind].search(sentence):
        return kind
    for other, trigger in _EVENT_TRIGGERS.items():
        if trigger.search(sentence):
            return other  # type: ignore[return-value]
    return "other"


def _participants(proposed: list[str], sentence: str, context: SectionContext) -> list[str]:
    """The model's participants that name someone the article names, then the people,
    organisations and countries the event's sentence names (a small model often leaves
    the list empty)."""
    named: list[str] = []
    for participant in proposed:
        if name := _participant(participant, context):
            _add_participant(named, name)
    for name in [*context.people, *context.bodies, *country_words(sentence)]:
        in_sentence = name in sentence or any(
            re.search(rf"\b{re.escape(word)}\b", sentence) for word in name.split()[-1:]
        )
        if in_sentence:
            _add_participant(named, country_of(name) or name)  # "Cuban" -> "Cuba"
    return named[:8]


def _add_participant(named: list[str], name: str) -> None:
    """Add ``name`` unless it is one already there, or part of one ("Trade Ministry" of
    "Russian Industry and Trade Ministry"); a longer name replaces its parts."""
    if any(same_speaker(name, other) or _part_of(name, other) for other in named):
        return
    named[:] = [other for other in named if not _part_of(other, name)]
    named.append(name)


def _part_of(part: str, whole: str) -> bool:
    return part != whole and re.search(rf"\b{re.escape(part)}\b", whole) is not None


def _participant(proposed: str, context: SectionContext) -> str | None:
    """A person, organisation or country the article names, as the article names it;
    None for the words a small model lists as participants ("production", "contractors",
    "Russian Expert")."""
    name = re.sub(r"[\u2019']s$", "", proposed.strip())  # "Iran's"
    if country := country_of(name):
        return country  # "Russian" -> "Russia"
    known = [k for k in (*context.people, *context.bodies, *context.organisations) if "(" not in k]
    # A name inside a title or a longer phrase ("Deputy Minister Roman Chekushov"), or a
    # part of a name ("Renovation Organization"): the whole name.
    inside = [k for k in known if re.search(rf"\b{re.escape(k)}\b", name)]
    holding = [k for k in known if len(name) > 3 and re.search(rf"\b{re.escape(name)}\b", k)]
    if inside or holding:
        return max(inside + holding, key=len)
    if proper_name(name) and written_as(name, context.article) and name[:1].isupper():
        return name
    return None


def _same_event(gold: GoldEvent, predicted: Any) -> bool:
    if predicted.kind != gold.kind:
        return False
    if not gold.participants:
        return True
    named = [name_key(p) for p in predicted.participants]
    return any(
        any(_overlaps(name_key(participant), other) for other in named)
        for participant in gold.participants
    )


def _overlaps(first: str, second: str) -> bool:
    """Two participants' names that share their last word or contain each other."""
    if not first or not second:
        return False
    return first in second or second in first or first.split()[-1] == second.split()[-1]


class EventsSection(Section):
    name = "events"
    title = "Events"
    fields = ("events",)
    output = EventsOutput
    colour = "#ffc98a"
    csv_columns = ("kind", "description", "participants", "date", "date_iso", "location")

    def records(self, output: Any, context: SectionContext) -> dict[str, Any]:
        return {"events": event_records(output, context)}

    def label(self, fact: Event) -> str:
        when = fact.date_iso or fact.date
        return f"{fact.kind}: {fact.description}" + (f" ({when})" if when else "")

    def csv_cells(self, fact: Event) -> list[object]:
        cells = super().csv_cells(fact)
        cells[2] = "; ".join(fact.participants)
        return cells

    def markdown(self, record: ArticleSummary) -> list[str]:
        rows = [
            (e.kind, e.description, ", ".join(e.participants), e.date_iso or e.date)
            for e in record.events
        ]
        return markdown_table(self.title, ("Kind", "What", "Who", "When"), rows)

    def gold(self, data: Mapping[str, Any], kind: GoldKind) -> list[Any] | None:
        items = data.get("events") if kind == "gold" else None
        if items is None:
            return None
        return [
            GoldEvent(kind=e["kind"], participants=tuple(e.get("participants", []))) for e in items
        ]

    def score(self, record: ArticleSummary, gold: Gold) -> dict[str, Tally] | None:
        items = gold.of(self.name)
        if items is None:
            return None
        return {self.name: match(items, record.events, _same_event)}
