"""Countries: ISO 3166 codes for the countries the article names or describes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from pydantic import BaseModel, Field

from summarizer._cues.countries import capital_acting, country_code, country_name
from summarizer._eval.matching import Gold, GoldCode, Tally, match
from summarizer._grounding import Match, Span, locate
from summarizer._records import ArticleSummary, Country, Evidence
from summarizer.sections._base import GoldKind, Section, VerifiedItems
from summarizer.sections._context import SectionContext
from summarizer.sections._render import markdown_cell


class CountryOutput(BaseModel):
    name: str = Field(max_length=50)
    mention: str | None = Field(default=None, max_length=50)


class CountriesOutput(VerifiedItems):
    countries: list[CountryOutput] = Field(max_length=10)

    section: ClassVar[str] = "countries"

    @staticmethod
    def problem(country: CountryOutput, context: SectionContext) -> str | None:
        if not _code(country, context.article):
            return "not a country (no ISO 3166 code)"
        if _country_mention(country, context) is None:
            return "the article does not mention it"
        return None

    @staticmethod
    def describe(country: CountryOutput) -> str:
        return country.name


def _code(country: CountryOutput, article: str) -> str | None:
    """The country's code, from its name or the article's word for it; a capital the
    article has act as its state ("Washington imposed") stands for the country."""
    words = [w.strip() for w in (country.name, country.mention) if w and w.strip()]
    for word in words:
        if code := country_code(word) or capital_acting(word, article):
            return code
    return None


def _country_mention(country: CountryOutput, context: SectionContext) -> Span | None:
    """Where the article names the country: as the model wrote it, or by another of its
    names ("United States" for an article that writes "US" or has "Washington" act)."""
    mentions = [m.strip() for m in (country.mention, country.name) if m and m.strip()]
    code = _code(country, context.article)
    mentions += [
        word
        for word in context.country_mentions
        if (country_code(word) or capital_acting(word, context.article)) == code
    ]
    for mention in mentions:
        span = locate(mention, context.article)
        # "US" is the country only as written: "told us" is not.
        if span and (span.match is Match.EXACT or not mention.isupper()):
            return span
    return None


def country_records(output: CountriesOutput, context: SectionContext) -> list[Country]:
    countries: dict[str, Country] = {}
    for item in output.countries:
        code = _code(item, context.article)
        span = _country_mention(item, context)
        if code and span and code not in countries:
            countries[code] = Country(
                name=country_name(code), code=code, evidence=Evidence.of(span)
            )
    return list(countries.values())


def _codes(mentions: Iterable[str]) -> list[str]:
    codes = (country_code(m) for m in mentions)
    return list(dict.fromkeys(c for c in codes if c))


class CountriesSection(Section):
    name = "countries"
    title = "Countries"
    fields = ("countries",)
    output = CountriesOutput
    colour = "#b5e8a4"
    csv_columns = ("name", "code")
    index_label = "Country"

    def records(self, output: Any, context: SectionContext) -> dict[str, Any]:
        return {"countries": country_records(output, context)}

    def merge(self, fields: dict[str, Any], more: dict[str, Any]) -> None:
        known = fields.setdefault("countries", [])
        known.extend(c for c in more.get("countries", []) if all(k.code != c.code for k in known))

    def label(self, fact: Country) -> str:
        return f"{fact.name} ({fact.code})"

    def markdown(self, record: ArticleSummary) -> list[str]:
        if not record.countries:
            return []
        names = ", ".join(f"{c.name} ({c.code})" for c in record.countries)
        return [f"**Countries:** {markdown_cell(names)}", ""]

    def index_values(self, record: ArticleSummary) -> list[tuple[str, str]]:
        return [(c.code, c.name) for c in record.countries]

    def gold(self, data: Mapping[str, Any], kind: GoldKind) -> list[Any] | None:
        if kind == "conll":
            # Countries are LOC; nationalities (MISC) may be named and never count as missed.
            entities = data.get("entities", [])
            places = _codes(e["text"] for e in entities if e["type"] == "LOC")
            nationalities = _codes(e["text"] for e in entities if e["type"] == "MISC")
            optional = [code for code in nationalities if code not in places]
            return [GoldCode(c) for c in places] + [GoldCode(c, optional=True) for c in optional]
        items = data.get("countries") if kind == "gold" else None
        return None if items is None else [GoldCode(str(code).upper()) for code in items]

    def score(self, record: ArticleSummary, gold: Gold) -> dict[str, Tally] | None:
        items = gold.of(self.name)
        if items is None:
            return None
        codes = list(dict.fromkeys(c.code for c in record.countries))
        return {self.name: match(items, codes, lambda g, code: g.code == code)}
