"""The article as sections see it, and the cues the code found in it before any call."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from summarizer._cues.countries import country_words
from summarizer._cues.instructions import Instruction, addressed_to_the_model, withheld_from
from summarizer._cues.names import name_candidates, person_candidates, speaker_candidates
from summarizer._cues.organisations import (
    OrganisationCandidate,
    kind_of,
    organisation_candidates,
)
from summarizer._cues.quantities import NumberCandidate, number_candidates
from summarizer._cues.quotes import (
    QuoteCandidate,
    attribute_quotes,
    body_candidates,
    quote_candidates,
    quoted_passages,
)
from summarizer._cues.recogniser import entity_labels, nominal_words, recognised_organisations
from summarizer._grounding import Span, locate
from summarizer._read.article import body_sentences
from summarizer._records import Dropped
from summarizer.sections._news import SENTENCES_LISTED, news_sentences

# Why a name written only in a withheld passage is refused, for every section.
IN_INSTRUCTIONS = (
    "this name appears only in a passage addressed to the model (withheld), not in the news"
)


@dataclass
class SectionContext:
    """What verification needs: the article and the candidates shown to the model.

    ``article`` is the text the sections see: the article with its passages addressed to
    the model blanked out (same length, same offsets); ``original`` is the text as written.
    """

    article: str
    original: str = ""
    # Passages addressed to the model (prompt injection): withheld from every section.
    withheld: list[Instruction] = field(default_factory=list)
    numbers: list[NumberCandidate] = field(default_factory=list)
    quotes: list[QuoteCandidate] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    # The organisations' names, and the candidates the organisations section numbers.
    organisations: list[str] = field(default_factory=list)
    organisation_hints: list[OrganisationCandidate] = field(default_factory=list)
    # Quote id -> the speaker the article's attribution points to ("Cruz reiterated:").
    attributions: dict[int, str] = field(default_factory=dict)
    # Where the article's nouns and adjectives start (the tagger's reading, for titles):
    # read with the rest before any call, not again for each answer.
    nominal_words: frozenset[int] | None = None
    published: date | None = None
    lenient: bool = False
    dropped: list[Dropped] = field(default_factory=list)

    @functools.cached_property
    def sentences(self) -> list[Span]:
        """The article's sentences, in order (none from a withheld passage), the first
        without the dateline it opens with ("TEHRAN - ", "date 2024-10-27 (MENAFN) ")
        and none from the title line above it."""
        return body_sentences(self.article)

    @functools.cached_property
    def news_sentences(self) -> tuple[int, ...]:
        """The ids of the sentences that carry news (``sections/_news.py``), found once
        for the summary's hint, its schema and the verification of its answer."""
        quotations = list(quoted_passages(self.article))
        return tuple(news_sentences(self.sentences, self.numbers, SENTENCES_LISTED, quotations))

    @functools.cached_property
    def country_mentions(self) -> list[str]:
        """The article's words for countries, found once for the hint and verification."""
        return country_words(self.article)

    @classmethod
    def for_article(cls, text: str, published: date | None = None) -> SectionContext:
        """``published``, the article's own date, resolves relative dates ("on Monday")."""
        withheld = addressed_to_the_model(text)
        article = withheld_from(text, withheld)
        names = name_candidates(article)
        options = speaker_candidates(article, names)
        labels = entity_labels(article)
        # Not a party or a body the name settles ("Lib Dems"), nor what the recogniser
        # reads as an organisation, or as a place, at every mention ("Buenos Aires").
        people = [
            p
            for p in person_candidates(article, options)
            if not _only(labels, p, _BODY) and not _only(labels, p, _PLACE) and kind_of(p) is None
        ]
        # Who may be quoted: people, and organisations (a ministry's statement, an agency).
        bodies = body_candidates(article, options, people)
        speakers = list(dict.fromkeys(people + bodies)) or options
        quotes = quote_candidates(article)
        attributions = attribute_quotes(quotes, article, people, bodies)
        organisations = organisation_candidates(
            article, names, people, recognised=recognised_organisations(article)
        )
        return cls(
            original=text,
            withheld=withheld,
            organisations=[candidate.name for candidate in organisations],
            organisation_hints=organisations,
            attributions=attributions,
            nominal_words=nominal_words(article),
            article=article,
            numbers=number_candidates(article),
            quotes=quotes,
            speakers=speakers,
            people=people,
            bodies=bodies,
            published=published,
        )

    @property
    def prompt_text(self) -> str:
        """The article as the model is shown it: without the passages addressed to it."""
        text = self.original or self.article
        for passage in reversed(self.withheld):
            text = text[: passage.start] + text[passage.end :]
        return re.sub(r"\n[ \t]*(?:\n[ \t]*){2,}", "\n\n", text) if self.withheld else text

    def variables(self, hints: list[str]) -> dict[str, Any]:
        """Everything a section's template may use: the article, the names found in it,
        and the section's own numbered ``hints``."""
        return {
            "article": as_data(self.prompt_text),
            "people": self.people,
            "organisations": self.organisations,
            "countries": self.country_mentions,
            "candidates": hints,
        }

    def only_in_instructions(self, name: str) -> bool:
        """Whether ``name`` is written only in a passage addressed to the model."""
        if not self.withheld or locate(name, self.article) is not None:
            return False
        return locate(name, self.original) is not None


_BODY = frozenset({"ORG"})
# A city, a region, a building: "Buenos Aires" is GPE at one mention and FAC at another.
_PLACE = frozenset({"GPE", "LOC", "FAC"})


def _only(labels: dict[str, Counter[str]], name: str, kinds: frozenset[str]) -> bool:
    """Whether the recogniser tags ``name`` as one of ``kinds`` more than once and never
    as anything else: a "person" it reads as an organisation at every mention ("Deutsche
    Boerse", "Aer Lingus") is none. One reading alone is too weak to overrule the rules
    (it tags a person named once as ORG now and then). Not the other way either: it
    reads the company "Codelco" as a place, where "state copper company" settles it."""
    found = labels.get(name, Counter())
    return bool(found) and set(found) <= kinds and sum(found.values()) >= 2


# What could make article text read as prompt structure: our delimiters, and chat-template
# control tokens ("<|im_start|>system") that a tokenizer may turn into real ones.
_STRUCTURE = re.compile(r"<(?=\s*/?\s*article\b)|<(?=\|)", re.IGNORECASE)


def as_data(article: str) -> str:
    """The article as the prompt carries it: unchanged except that ``<`` before our
    ``<article>`` delimiters or before ``|`` becomes U+2039 (an angle quote), so the text
    cannot close its delimiter or open a system turn. Offsets are unchanged (one character
    for one)."""
    return _STRUCTURE.sub("\u2039", article)
