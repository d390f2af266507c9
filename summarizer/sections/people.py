"""People: who the article names, with the title it gives them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, ClassVar

from pydantic import BaseModel, Field

from summarizer._cues.countries import country_code
from summarizer._cues.names import (
    ORGANISATION_WORDS,
    PLACE_ENDINGS,
    after_a_title,
    always_after_the,
    longer_name_around,
    looks_like_a_persons_name,
    named_as_a_thing,
    without_descriptors,
)
from summarizer._cues.titles import mentions, title_from_text, without_honorifics
from summarizer._eval.matching import (
    Gold,
    GoldName,
    Tally,
    attribute_tally,
    covers_title,
    match,
    pairs,
    same_person,
)
from summarizer._grounding import fold, locate, sentence_around
from summarizer._records import ArticleSummary, Evidence, Person
from summarizer.sections._base import GoldKind, Section, SectionCall, VerifiedItems, in_parts
from summarizer.sections._common import (
    PRONOUNS,
    clean,
    country_of,
    looks_like_a_name,
    richer,
)
from summarizer.sections._context import IN_INSTRUCTIONS, SectionContext
from summarizer.sections._render import markdown_table

# Given three dozen names, the 0.5B model lists about twenty and stops; given a dozen, it
# checks each. A longer list of people is asked in parts (as LangExtract runs extraction
# passes for recall) and the answers merged: the same person twice is one record.
PEOPLE_PER_CALL = 12


class PersonOutput(BaseModel):
    name: str = Field(max_length=60)
    title: str | None = Field(default=None, max_length=120)
    organization: str | None = Field(default=None, max_length=100)
    country: str | None = Field(default=None, max_length=40)


def _a_known_surname(word: str, context: SectionContext) -> bool:
    """A one-word name is a person's where it is a word of a name the article gives
    ("Kennedy" of "Charles Kennedy") or follows a title ("President Suharto"); else it is
    a firm ("said market analyst Datamonitor") or a word ("Euro")."""
    return any(word in name.split() for name in context.people) or after_a_title(
        word, context.article
    )


class PeopleOutput(VerifiedItems):
    # A sports report can name forty players; the template's max_tokens leaves room for them.
    people: list[PersonOutput] = Field(max_length=50)

    section: ClassVar[str] = "people"

    @staticmethod
    def problem(person: PersonOutput, context: SectionContext) -> str | None:
        name = person.name.strip()
        if fold(name) in PRONOUNS or len(name) < 3:
            return "not a person's name"
        if name.isupper():
            return "an acronym or a dateline place, not a person's name"
        if name.split()[-1] in PLACE_ENDINGS:
            return "names a place (a road, a ground, a port), not a person"
        if not looks_like_a_name(name):
            return "not a name: a name is one to five capitalised words, without a sentence"
        if country_code(name) or ORGANISATION_WORDS.search(name):
            return "names an organisation or a country, not a person"
        if not looks_like_a_persons_name(name):
            return "names a place or a body ('City of London', 'Safety Executive'), not a person"
        if " " not in name and not _a_known_surname(name, context):
            return "one word that is no surname of a person the article names: give a full name"
        if context.only_in_instructions(name):
            return IN_INSTRUCTIONS
        if locate(name, context.article) is None:
            return "this name does not appear in the article"
        if always_after_the(name, context.article):
            return f"the article writes 'the {name}': a thing (a plant, a company), not a person"
        if longer := longer_name_around(name, context.article):
            return f"the article writes '{longer}': give a name whole, and only a person's"
        if named_as_a_thing(name, context.article):
            return "the article names a newspaper, a company, a port or a town so, not a person"
        return None

    @staticmethod
    def describe(person: PersonOutput) -> str:
        return person.name


def _title_near(title: str | None, name: str, article: str) -> str | None:
    """``title`` when the article states it in a sentence that mentions ``name``."""
    title = clean(title)
    if not title:
        return None
    title = without_honorifics(title)
    for span in mentions(name.split()[-1], article):
        if fold(title) in fold(sentence_around(article, span.start, span.end).text):
            return title
    return None


def people_records(output: PeopleOutput, context: SectionContext) -> list[Person]:
    people: list[Person] = []
    names = [p.name.strip() for p in output.people]
    for person in output.people:
        # "Judge Olga Lavrentyeva": the title goes to the title, not the name.
        said = without_descriptors(person.name.strip())
        span = locate(said, context.article)
        if span is None:
            continue
        # A misspelt name ("Carlroll Campbell") takes the article's spelling when the
        # matched text is itself a name.
        name = span.text if span.match != "fuzzy" or looks_like_a_name(span.text) else said
        record = Person(
            name=name,
            title=title_from_text(
                name,
                context.article,
                [n for n in names if n != name],
                nominal=context.nominal_words,
            )
            or _title_near(person.title, name, context.article),
            organization=_organization_of(person.organization, names, context.article),
            country=country_of(person.country),
            evidence=Evidence.of(span),
        )
        _merge_person(people, record)
    return people


def _merge_person(people: list[Person], new: Person) -> None:
    """Each person once: a surname-only mention merges into the full name, richest title kept."""
    new_words = fold(new.name).split()
    for index, known in enumerate(people):
        known_words = fold(known.name).split()
        same = known_words == new_words or (
            known_words[-1:] == new_words[-1:] and (len(known_words) == 1 or len(new_words) == 1)
        )
        if same:
            fuller, other = (known, new) if len(known_words) >= len(new_words) else (new, known)
            people[index] = fuller.model_copy(
                update={
                    field_name: richer(getattr(fuller, field_name), getattr(other, field_name))
                    for field_name in ("title", "organization", "country")
                }
            )
            return
    people.append(new)


def _organization_of(organization: str | None, people: list[str], article: str) -> str | None:
    """An employer the article names, and not one glued to a person's name."""
    organization = clean(organization)
    if not organization or any(name in organization for name in people):
        return None
    if country_code(organization):
        return None  # a country is the person's country, not their employer
    return organization if locate(organization, article) else None


def gold_name(item: Mapping[str, Any]) -> GoldName:
    """A gold file's person or organisation: its name and aliases, a person's title (and
    the other ways of writing it the gold accepts), an organisation's kind."""
    title = item.get("title")
    return GoldName(
        names=(item["name"], *item.get("aliases", [])),
        optional=bool(item.get("optional", False)),
        titles=(title, *item.get("title_aliases", [])) if title else (),
        kind=item.get("kind"),
    )


def people_from_mentions(mentions: list[str]) -> list[GoldName]:
    """Distinct people, as a reader counts them: "Simmons" and "SIMMONS" are "Phil
    Simmons" mentioned earlier; 'Roberto "Hands of Stone" Duran' is "Roberto Duran"."""
    people: dict[str, list[str]] = {}

    def words(name: str) -> list[str]:
        return re.findall(r"[\w'-]+", name.lower())

    for mention in sorted(dict.fromkeys(mentions), key=lambda m: -len(words(m))):
        mine = words(mention)
        owner = next(
            (
                name
                for name in people
                if (len(mine) == 1 and mine[0] in words(name))
                or (len(mine) > 1 and {mine[0], mine[-1]} <= set(words(name)))
                or (len(mine) > 1 and words(name)[0] == mine[0] and words(name)[-1] == mine[-1])
            ),
            None,
        )
        if owner is None:
            people[mention] = []
        else:
            people[owner].append(mention)
    order = {m: i for i, m in enumerate(dict.fromkeys(mentions))}
    ranked = sorted(people.items(), key=lambda item: order[item[0]])
    return [GoldName(names=(name, *aliases)) for name, aliases in ranked]


class PeopleSection(Section):
    name = "people"
    title = "People"
    fields = ("people",)
    output = PeopleOutput
    colour = "#ffd86b"
    csv_columns = ("name", "title", "organization", "country")
    index_label = "Person"

    def calls(self, context: SectionContext) -> list[SectionCall]:
        """One call, or parts of a long list of people (each part is its own recording:
        ``people.2`` and on)."""
        variables = context.variables(self.hints(context))
        people = context.people
        return [
            SectionCall(self.name, key, {**variables, "people": people[part.start : part.stop]})
            for key, part in in_parts(self.name, len(people), PEOPLE_PER_CALL)
        ]

    def records(self, output: Any, context: SectionContext) -> dict[str, Any]:
        return {"people": people_records(output, context)}

    def merge(self, fields: dict[str, Any], more: dict[str, Any]) -> None:
        known = fields.setdefault("people", [])
        for person in more.get("people", []):
            _merge_person(known, person)

    def label(self, fact: Person) -> str:
        role = ", ".join(part for part in (fact.title, fact.organization) if part)
        return f"{fact.name} — {role}" if role else fact.name

    def markdown(self, record: ArticleSummary) -> list[str]:
        rows = [(p.name, p.title, p.organization, p.evidence.text) for p in record.people]
        return markdown_table(self.title, ("Name", "Title", "Organisation", "Evidence"), rows)

    def index_values(self, record: ArticleSummary) -> list[tuple[str, str]]:
        return [(p.name, p.name) for p in record.people]

    def gold(self, data: Mapping[str, Any], kind: GoldKind) -> list[Any] | None:
        if kind == "conll":
            return people_from_mentions(
                [e["text"] for e in data.get("entities", []) if e["type"] == "PER"]
            )
        items = data.get("people") if kind == "gold" else None
        return None if items is None else [gold_name(item) for item in items]

    def score(self, record: ArticleSummary, gold: Gold) -> dict[str, Tally] | None:
        items = gold.of(self.name)
        if items is None:
            return None
        names = [p.name for p in record.people]
        titled = [
            (person.name, record.people[hit].title, person.titles)
            for person, hit in pairs(items, names, same_person)
            if hit is not None and person.titles
        ]
        tallies = {self.name: match(items, names, same_person)}
        if titled:  # CoNLL gives no titles
            tallies["titles"] = attribute_tally(titled, covers_title)
        return tallies
