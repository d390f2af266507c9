"""What each section asks the model for, how the answer is verified, and the records it yields.

Each section has a model-facing *output type* (small, so a 0.5B model can fill it and a
grammar can constrain it) and a conversion into the record parts of ``_records``. The
output types validate against the article's ``SectionContext``, given as pydantic's
validation context (``{"section": context}``) or, for calls through instructor, set by
``verifying``:

- strict (the first attempts): any unverifiable fact raises, and instructor re-asks the
  model with the reasons;
- lenient (the answer kept after the last re-ask): unverifiable facts are removed and
  listed as dropped, so nothing is silently kept and nothing silently lost.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, ClassVar, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, create_model, model_validator
from pydantic import json_schema as pydantic_json_schema

from summarizer._cues.changes import stated_change
from summarizer._cues.countries import country_code, country_name, country_words
from summarizer._cues.dates import find_date, resolve_date
from summarizer._cues.instructions import Instruction, addressed_to_the_model, withheld_from
from summarizer._cues.names import (
    ORGANISATION_WORDS,
    PLACE_ENDINGS,
    after_a_title,
    always_after_the,
    longer_name_around,
    looks_like_a_persons_name,
    name_candidates,
    named_as_a_thing,
    person_candidates,
    speaker_candidates,
    without_descriptors,
)
from summarizer._cues.quantities import NumberCandidate, number_candidates
from summarizer._cues.quotes import (
    QuoteCandidate,
    attribute_quotes,
    body_candidates,
    quote_candidates,
)
from summarizer._grounding import Match, Span, fold, locate, sentence_around
from summarizer._read.language import foreign_words, without_foreign_words
from summarizer._records import (
    Country,
    Dropped,
    Event,
    EventKind,
    Evidence,
    Figure,
    FigureChange,
    Organization,
    Person,
    Quote,
    Summary,
)

_M = TypeVar("_M", bound=BaseModel)
_PRONOUNS = frozenset("he she they it we i you him her them his hers their the official".split())
_ACRONYM_EXPANSION = re.compile(
    r"([A-Z][\w'\u2019-]*(?:\s+[\w'\u2019-]+){1,12}?)\s+\(([A-Z]{2,10})\)"
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
    organisations: list[str] = field(default_factory=list)
    # Quote id -> the speaker the article's attribution points to ("Cruz reiterated:").
    attributions: dict[int, str] = field(default_factory=dict)
    published: date | None = None
    lenient: bool = False
    dropped: list[Dropped] = field(default_factory=list)

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
        people = person_candidates(article, options)
        # Who may be quoted: people, and organisations (a ministry's statement, an agency).
        bodies = body_candidates(article, options, people)
        speakers = list(dict.fromkeys(people + bodies)) or options
        quotes = quote_candidates(article)
        attributions = attribute_quotes(quotes, article, people, bodies)
        return cls(
            original=text,
            withheld=withheld,
            organisations=organisation_candidates(article, names, people),
            attributions=attributions,
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

    def variables_for(self, section: str) -> dict[str, Any]:
        """Everything a section's template may use: the article and the hints."""
        return {
            "article": as_data(self.prompt_text),
            "people": self.people,
            "organisations": self.organisations,
            "countries": self.country_mentions,
            "candidates": candidate_hints(section, self),
        }


# What could make article text read as prompt structure: our delimiters, and chat-template
# control tokens ("<|im_start|>system") that a tokenizer may turn into real ones.
_STRUCTURE = re.compile(r"<(?=\s*/?\s*article\b)|<(?=\|)", re.IGNORECASE)


def as_data(article: str) -> str:
    """The article as the prompt carries it: unchanged except that ``<`` before our
    ``<article>`` delimiters or before ``|`` becomes U+2039 (an angle quote), so the text
    cannot close its delimiter or open a system turn. Offsets are unchanged (one character
    for one)."""
    return _STRUCTURE.sub("\u2039", article)


class Output(BaseModel):
    """Base of the model-facing types: what the model must return for a section."""

    model_config = ConfigDict(extra="ignore")

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """pydantic builds the schema afresh on every call, and instructor asks for it on
        every request (about a millisecond each); a type's schema never changes. Callers
        get their own copy, so none can alter another's."""
        return copy.deepcopy(_json_schema(cls, *args, **kwargs))


@functools.lru_cache(maxsize=512)
def _json_schema(output_type: type[Output], *args: Any, **kwargs: Any) -> dict[str, Any]:
    return pydantic_json_schema.model_json_schema(output_type, *args, **kwargs)


# The context of the section call being validated. instructor renders every message as a
# Jinja template whenever it is given a validation ``context``: an article holding "{{" or
# "{%" would be rewritten or fail. So calls pass no context to instructor, and validators
# find theirs here; each section call runs in its own asyncio task, hence its own value.
_CURRENT: ContextVar[SectionContext | None] = ContextVar("section_context", default=None)


@contextmanager
def verifying(context: SectionContext) -> Iterator[None]:
    """Validation inside the block checks answers against ``context``."""
    token = _CURRENT.set(context)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def _context(info: ValidationInfo) -> SectionContext | None:
    context = info.context
    if isinstance(context, dict) and "section" in context:
        return context["section"]  # type: ignore[no-any-return]
    return _CURRENT.get()


def _keep_verified(
    items: list[Any],
    problem: Callable[[Any, SectionContext], str | None],
    info: ValidationInfo,
    *,
    section: str,
    describe: Callable[[Any], str],
) -> list[Any]:
    """The items whose ``problem`` is None; the others raise (strict) or are dropped (lenient)."""
    context = _context(info)
    if context is None:
        return items
    kept, problems = [], []
    for item in items:
        reason = problem(item, context)
        if reason is None:
            kept.append(item)
        elif context.lenient:
            dropped = Dropped(section=section, item=describe(item), reason=reason)
            if dropped not in context.dropped:  # re-asks propose the same item again
                context.dropped.append(dropped)
        else:
            problems.append(f"{describe(item)}: {reason}")
    if problems:
        raise ValueError("; ".join(problems))
    return kept


class VerifiedItems(Output):
    """An output holding one list, named after its section, verified item by item.

    Subclasses name their ``section`` (also the list's field name), the ``problem`` that
    refutes an item (None when it holds) and how to ``describe`` an item in a re-ask or in
    ``meta.dropped``.
    """

    section: ClassVar[str]

    @staticmethod
    def problem(item: Any, context: SectionContext) -> str | None:
        raise NotImplementedError

    @staticmethod
    def describe(item: Any) -> str:
        raise NotImplementedError

    @model_validator(mode="after")
    def _verify(self, info: ValidationInfo) -> VerifiedItems:
        items = getattr(self, self.section)
        kept = _keep_verified(
            items, self.problem, info, section=self.section, describe=self.describe
        )
        setattr(self, self.section, kept)
        return self


# -- summary ---------------------------------------------------------------------------


class SummaryOutput(Output):
    headline: str = Field(min_length=3, max_length=120)
    lede: str = Field(min_length=10, max_length=300, description="One sentence.")
    key_points: list[Annotated[str, Field(max_length=150)]] = Field(min_length=3, max_length=6)
    topics: list[Annotated[str, Field(max_length=30)]] = Field(min_length=1, max_length=5)

    @model_validator(mode="after")
    def _lede_is_one_sentence(self, info: ValidationInfo) -> SummaryOutput:
        # Small models often run on; the first sentence is the lede, not worth a re-ask.
        self.lede = re.split(r"(?<=[.!?])\s+(?=[A-Z])", self.lede.strip())[0]
        context = _context(info)
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


# -- people ----------------------------------------------------------------------------


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
        if fold(name) in _PRONOUNS or len(name) < 3:
            return "not a person's name"
        if name.isupper():
            return "an acronym or a dateline place, not a person's name"
        if name.split()[-1] in PLACE_ENDINGS:
            return "names a place (a road, a ground, a port), not a person"
        if not _looks_like_a_name(name):
            return "not a name: a name is one to five capitalised words, without a sentence"
        if country_code(name) or ORGANISATION_WORDS.search(name):
            return "names an organisation or a country, not a person"
        if not looks_like_a_persons_name(name):
            return "names a place or a body ('City of London', 'Safety Executive'), not a person"
        if " " not in name and not _a_known_surname(name, context):
            return "one word that is no surname of a person the article names: give a full name"
        if _only_in_instructions(name, context):
            return _IN_INSTRUCTIONS
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


_TITLE_WORDS = re.compile(
    r"\b(minister|secretary|president|head|chief|director|chairman|chairwoman|chair|ceo|"
    r"governor|ambassador|spokesman|spokeswoman|spokesperson|official|executive|manager|"
    r"leader|mayor|senator|king|queen|prince|general|commander|envoy|adviser|advisor|"
    r"founder|chancellor|premier|deputy|representative|coach|captain|professor|analyst|"
    r"economist|editor|judge|prosecutor|officer|member|mp|lawmaker|boss|owner|partner)\b",
    re.IGNORECASE,
)
_TITLE_BEFORE = re.compile(
    r"((?:(?:[A-Z][\w'\u2019.\-]*|\([A-Z]{2,}\)|executive|officer|director|minister|"
    r"president|secretary|manager|chief|head)\s+(?:(?:of|and|for|the|on|at)\s+)*)+)$"
)
# Where a sentence ends: a line break, or a stop after a word ("Egypt.", not "Dr.").
_SENTENCE_END = re.compile(r"\n|(?<=[a-z]{3}[.!?])\s+")
_TITLE_AFTER = re.compile(
    r"^,\s+(?:the\s+|a\s+|an\s+)?([a-z][^,.;:\n]{2,150}?)(?=[,.;:]|\s+said\b)"
)


def title_from_text(name: str, article: str, others: Iterable[str] = ()) -> str | None:
    """The title the article puts right before a mention of ``name`` ("Deputy Minister
    Roman Chekushov") or right after it ("Mohammad Aghajanlou, the new head of IMIDRO").

    Only full names (two words or more) are looked up: before a bare surname the
    capitalised words are usually the rest of the name. A title that runs into another
    person's name ("Minister X and Minister of Industry Y") keeps only what follows it.
    """
    if len(name.split()) < 2:
        return None
    for span in _mentions(name, article):
        # Within the mention's own sentence: "... Pakistan and Egypt.\n\nBoard chief
        # executive Willy Mutai" is titled "Board chief executive".
        window = _SENTENCE_END.split(article[max(0, span.start - 200) : span.start])[-1]
        before = _TITLE_BEFORE.search(window)
        candidates = [before.group(1)] if before else []
        if after := _TITLE_AFTER.match(article[span.end : span.end + 200]):
            candidates.append(after.group(1))
        for candidate in candidates:
            title = _after_other_names(candidate, others)
            if _TITLE_WORDS.search(title):
                return re.sub(r"^(?:the|a|an)\s+", "", title.strip())
    return None


def _mentions(name: str, article: str) -> Iterator[Span]:
    """Every place the article names ``name``, in order."""
    start = 0
    while (span := locate(name, article, start=start)) is not None and span.start >= start:
        yield span
        start = span.end


def _after_other_names(title: str, others: Iterable[str]) -> str:
    for other in others:
        position = title.rfind(other)
        if position >= 0:
            title = re.sub(r"^\s*(?:and|,)\s+", "", title[position + len(other) :])
    return title


def _title_near(title: str | None, name: str, article: str) -> str | None:
    """``title`` when the article states it in a sentence that mentions ``name``."""
    title = _clean(title)
    if not title:
        return None
    for span in _mentions(name.split()[-1], article):
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
        name = span.text if span.match != "fuzzy" or _looks_like_a_name(span.text) else said
        record = Person(
            name=name,
            title=title_from_text(name, context.article, [n for n in names if n != name])
            or _title_near(person.title, name, context.article),
            organization=_organization_of(person.organization, names, context.article),
            country=_country_of(person.country),
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
                    field_name: _richer(getattr(fuller, field_name), getattr(other, field_name))
                    for field_name in ("title", "organization", "country")
                }
            )
            return
    people.append(new)


# -- organisations ---------------------------------------------------------------------


class OrganizationOutput(BaseModel):
    name: str = Field(max_length=120)
    acronym: str | None = Field(default=None, max_length=12)
    kind: str | None = Field(default=None, max_length=20)
    country: str | None = Field(default=None, max_length=40)


class OrganizationsOutput(VerifiedItems):
    organizations: list[OrganizationOutput] = Field(max_length=12)

    section: ClassVar[str] = "organizations"

    @staticmethod
    def problem(organization: OrganizationOutput, context: SectionContext) -> str | None:
        name, _ = _split_acronym(organization.name, context.article)
        if not name:
            return "no name"
        if name.isupper() and name in context.article[:40] and len(name) > 5:
            return "the dateline's place, not an organisation"
        if country_code(name) and not ORGANISATION_WORDS.search(name):
            return "names a country, not an organisation"
        if _only_in_instructions(name, context):
            return _IN_INSTRUCTIONS
        if not _written_as(name, context.article):
            return "this name is not written so in the article (check its capitals)"
        if not _proper_name(name):
            return "a description, not an organisation's proper name"
        if person := next((p for p in context.people if p in name), None):
            return f"includes the person {person}: give the organisation's own name"
        return None

    @staticmethod
    def describe(organization: OrganizationOutput) -> str:
        return organization.name


_WITH_ACRONYM = re.compile(r"^(?P<name>.+?)\s*\((?P<acronym>[A-Z][A-Za-z]{1,9})\)$")


def _split_acronym(name: str, article: str) -> tuple[str, str | None]:
    """ "Name (ACR)", the form the hint lists, as the article's own expansion and acronym;
    any other name unchanged."""
    name = name.strip()
    match = _WITH_ACRONYM.match(name)
    if match is None:
        return name, None
    acronym = match["acronym"]
    expansion = acronym_expansions(article).get(acronym)
    return (expansion or match["name"].strip()), acronym


_NAME_CONNECTORS = frozenset("of and for the de la del des du da di on in & y e".split())


_NAME_PARTICLES = frozenset(
    "de da das do dos del della di du la le van von der den ter bin ibn al el y e wa".split()
)


def _looks_like_a_name(name: str) -> bool:
    """One to five words, each capitalised or a particle ("Oscar Perez-Oliva Fraga",
    "Luiz Inácio Lula da Silva"): not a phrase or a sentence the model copied."""
    words = name.split()
    return (
        0 < len(words) <= 5
        and not any(character.isdigit() for character in name)
        and all(w[0].isupper() or w.lower() in _NAME_PARTICLES for w in words)
    )


_IN_INSTRUCTIONS = (
    "this name appears only in a passage addressed to the model (withheld), not in the news"
)


def _only_in_instructions(name: str, context: SectionContext) -> bool:
    if not context.withheld or locate(name, context.article) is not None:
        return False
    return locate(name, context.original) is not None


def _proper_name(name: str) -> bool:
    """Every word capitalised except connectors: "Ministry of Energy and Mines" is a
    name, "Iran's copper cathode production" is a description."""
    words = [w for w in re.split(r"\s+", name) if w]
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _NAME_CONNECTORS for w in words)


def _written_as(name: str, article: str) -> bool:
    """``name`` is in the article with the same capitals (quote and dash styles aside)."""
    span = locate(name, article)
    if span is None or span.match == Match.FUZZY:
        return False
    capitals = [w for w in span.text.split() if w[:1].isupper()]
    return capitals == [w for w in name.split() if w[:1].isupper()]


def organisation_candidates(article: str, names: Iterable[str], people: Iterable[str]) -> list[str]:
    """Names that look like organisations': defined acronyms with their expansions, and
    capitalised names with an organisation word ("Mining Investment Insurance Fund")."""
    found: dict[str, None] = {}
    expansions = acronym_expansions(article)
    for acronym, expansion in expansions.items():
        found[f"{expansion} ({acronym})"] = None
    taken = " ".join(found)
    dateline = re.match(r"\s*[A-Z\u00c0-\u00de .'-]*", article)
    leading = dateline.group(0) if dateline else ""
    for name in names:
        if any(p in name for p in people) or name in taken or country_code(name):
            continue
        if any(expansion in name for expansion in expansions.values()):
            continue  # "Head of <the expansion>": the expansion is listed already
        if name.isupper() and name in leading:
            continue  # the dateline's place (TEHRAN, MOSCOW)
        is_acronym = name.isupper() and " " not in name and 1 < len(name) <= 8
        if (ORGANISATION_WORDS.search(name) and " " in name) or is_acronym:
            found.setdefault(name, None)
    return list(found)


@functools.lru_cache(maxsize=32)
def acronym_expansions(article: str) -> dict[str, str]:
    """Acronyms the article defines, as in "... Renovation Organization (IMIDRO)"."""
    expansions = {}
    for match in _ACRONYM_EXPANSION.finditer(article):
        words, acronym = match.group(1).split(), match.group(2)
        # Keep the shortest tail of capitalised words that starts with the acronym's letter.
        for start in range(len(words)):
            if words[start][0] == acronym[0] and words[start][0].isupper():
                expansions[acronym] = " ".join(words[start:])
                break
    return expansions


def organization_records(
    output: OrganizationsOutput, context: SectionContext
) -> list[Organization]:
    expansions = acronym_expansions(context.article)
    by_acronym = {v.lower(): k for k, v in expansions.items()}
    organizations: list[Organization] = []
    for item in output.organizations:
        name, stated = _split_acronym(item.name, context.article)
        acronym = stated or _clean(item.acronym)
        if acronym and not re.search(rf"\b{re.escape(acronym)}\b", context.article):
            acronym = None  # an acronym the article never uses is the model's invention
        if name in expansions:  # the model gave the acronym as the name
            name, acronym = expansions[name], name
        acronym = acronym or by_acronym.get(name.lower())
        span = locate(name, context.article) or (acronym and locate(acronym, context.article))
        if not span:
            continue
        record = Organization(
            name=name,
            acronym=acronym,
            kind=_clean(item.kind),
            country=_clean(item.country),
            evidence=Evidence.of(span),
        )
        _merge_organization(organizations, record)
    return organizations


def _merge_organization(organizations: list[Organization], new: Organization) -> None:
    keys = {fold(new.name)} | ({fold(new.acronym)} if new.acronym else set())
    for index, known in enumerate(organizations):
        known_keys = {fold(known.name)} | ({fold(known.acronym)} if known.acronym else set())
        if keys & known_keys:
            organizations[index] = known.model_copy(
                update={
                    "acronym": known.acronym or new.acronym,
                    "kind": _richer(known.kind, new.kind),
                    "country": _richer(known.country, new.country),
                }
            )
            return
    organizations.append(new)


# -- countries -------------------------------------------------------------------------


class CountryOutput(BaseModel):
    name: str = Field(max_length=50)
    mention: str | None = Field(default=None, max_length=50)


class CountriesOutput(VerifiedItems):
    countries: list[CountryOutput] = Field(max_length=10)

    section: ClassVar[str] = "countries"

    @staticmethod
    def problem(country: CountryOutput, context: SectionContext) -> str | None:
        if not (country_code(country.name) or (country.mention and country_code(country.mention))):
            return "not a country (no ISO 3166 code)"
        if _country_mention(country, context) is None:
            return "the article does not mention it"
        return None

    @staticmethod
    def describe(country: CountryOutput) -> str:
        return country.name


def _country_mention(country: CountryOutput, context: SectionContext) -> Span | None:
    """Where the article names the country: as the model wrote it, or by another of its
    names ("United States" for an article that writes "US")."""
    mentions = [m.strip() for m in (country.mention, country.name) if m and m.strip()]
    code = country_code(country.name) or country_code(country.mention or "")
    mentions += [word for word in context.country_mentions if country_code(word) == code]
    for mention in mentions:
        span = locate(mention, context.article)
        # "US" is the country only as written: "told us" is not.
        if span and (span.match is Match.EXACT or not mention.isupper()):
            return span
    return None


def country_records(output: CountriesOutput, context: SectionContext) -> list[Country]:
    countries: dict[str, Country] = {}
    for item in output.countries:
        code = country_code(item.name) or country_code(item.mention or "")
        span = _country_mention(item, context)
        if code and span and code not in countries:
            countries[code] = Country(
                name=country_name(code), code=code, evidence=Evidence.of(span)
            )
    return list(countries.values())


# -- events ----------------------------------------------------------------------------


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
        if locate(event.evidence, context.article) is None:
            return "its evidence is not a verbatim passage of the article"
        # After the last re-ask the words go and the event stays (event_records).
        if not context.lenient and (foreign := foreign_words(event.description, context.article)):
            return f"write its description in the language of the article: {foreign[0]} is not"
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
        when = _clean(item.date)
        sentence = sentence_around(context.article, span.start, span.end).text
        events.append(
            Event(
                kind=_event_kind(item.kind, sentence),
                description=without_foreign_words(item.description, context.article) or sentence,
                participants=_participants(item.participants, sentence, context),
                date=when,
                # The model's words when the article states them, else the sentence's own.
                date_iso=resolve_date(_stated_in(when, sentence) or sentence, context.published),
                location=_clean(item.location),
                evidence=Evidence.of(span),
            )
        )
    return events


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
            _add_participant(named, _country_of(name) or name)  # "Cuban" -> "Cuba"
    return named[:8]


def _add_participant(named: list[str], name: str) -> None:
    """Add ``name`` unless it is one already there, or part of one ("Trade Ministry" of
    "Russian Industry and Trade Ministry"); a longer name replaces its parts."""
    if any(_same_speaker(name, other) or _part_of(name, other) for other in named):
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
    if country := _country_of(name):
        return country  # "Russian" -> "Russia"
    known = [k for k in (*context.people, *context.bodies, *context.organisations) if "(" not in k]
    # A name inside a title or a longer phrase ("Deputy Minister Roman Chekushov"), or a
    # part of a name ("Renovation Organization"): the whole name.
    inside = [k for k in known if re.search(rf"\b{re.escape(k)}\b", name)]
    holding = [k for k in known if len(name) > 3 and re.search(rf"\b{re.escape(name)}\b", k)]
    if inside or holding:
        return max(inside + holding, key=len)
    if _proper_name(name) and _written_as(name, context.article) and name[:1].isupper():
        return name
    return None


# -- figures ---------------------------------------------------------------------------


class FigureOutput(BaseModel):
    id: int
    metric: str = Field(max_length=80)
    period: str | None = Field(default=None, max_length=80)
    change: str | None = Field(default=None, max_length=60)
    subject: str | None = Field(default=None, max_length=60)


class FiguresOutput(VerifiedItems):
    figures: list[FigureOutput] = Field(max_length=20)

    section: ClassVar[str] = "figures"

    @staticmethod
    def problem(figure: FigureOutput, context: SectionContext) -> str | None:
        if not 1 <= figure.id <= len(context.numbers):
            return f"id {figure.id} is not in the list of numbers (1 to {len(context.numbers)})"
        return None

    @staticmethod
    def describe(figure: FigureOutput) -> str:
        return f"[{figure.id}] {figure.metric}"


def figure_records(output: FiguresOutput, context: SectionContext) -> list[Figure]:
    figures: dict[int, Figure] = {}
    for item in output.figures:
        candidate = context.numbers[item.id - 1]
        if item.id in figures:
            continue
        evidence = sentence_around(context.article, candidate.span.start, candidate.span.end)
        # The model's period when the sentence states it; else the date the sentence names.
        period = _stated_in(item.period, evidence.text)
        if period is not None and not _TIME_WORDS.search(period):
            period = None  # "MENAFN", "working visit": words of the sentence, not a period
        if period is None and (mention := find_date(evidence.text, context.published)):
            period = mention.text
        figures[item.id] = Figure(
            metric=_metric(item.metric, candidate),
            value=candidate.value,
            unit=candidate.unit,
            surface=candidate.surface,
            period=period,
            period_iso=resolve_date(period, context.published),
            change=_change_of(candidate, item.change, context),
            subject=_subject(_stated_in(item.subject, evidence.text), candidate),
            evidence=Evidence.of(evidence),
        )
    return [figures[key] for key in sorted(figures)]


# What a period names: a number (a year, a day) or a word of time.
_TIME_WORDS = re.compile(
    r"\d|\b(?:year|month|quarter|week|day|half|annual|season|decade|century|period|fiscal|"
    r"today|yesterday|tomorrow|morning|evening|night|spring|summer|autumn|fall|winter|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|q[1-4]|h[12])",
    re.IGNORECASE,
)
_UNIT_LIKE = re.compile(
    r"^(?:value|number|amount|figure|percent|percentage|tonnes?|tons?|count|"
    r"usd|eur|gbp|jpy|cny|rub|irr|inr|pen|dollars?|barrels?|units?)$",
    re.IGNORECASE,
)
_LEADING_NUMBER = re.compile(r"^[$£€¥]?\d[\d.,]*\s+(?=[A-Za-z])")
_OF_PHRASE = re.compile(r"^\s+of\s+((?:[\w'-]+\s+){0,3}[\w'-]+)")
_PHRASE_STOP = re.compile(
    r"\s+(?:in|per|for|at|on|by|to|from|this|that|and|was|were|while|a|an|the)\b.*"
)
# What changed, in the words before the verb: "copper cathode production surged by 12%".
# Where the noun phrase before the verb begins: after a determiner, a possessive
# ("Kenya's tea exports"), a preposition or a reporting verb ("said on Monday its output").
_PHRASE_START = frozenset(
    "the a an its their his her our this that these those which it they on in at of for "
    "said says by and while as".split()
)
_CHANGED_BEFORE = re.compile(
    r"((?:[\w'\u2019-]+\s+){0,3}?[\w'\u2019-]+)\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:r[io]se|risen|rises|surged?|jump(?:ed|s)|gr[eo]w|grown|grows|f[ae]ll|fallen|falls|"
    r"drop(?:ped|s)|declin(?:ed|es)|increas(?:ed|es)|decreas(?:ed|es)|climb(?:ed|s)|"
    r"gain(?:ed|s)|slipp?(?:ed|s)|slid|plunged?|soared?|edged\s+(?:up|down))\s+"
    r"(?:by\s+|to\s+)?(?:(?:about|almost|nearly|some|around|over)\s+)?$",
    re.IGNORECASE,
)


def _metric(metric: str, candidate: NumberCandidate) -> str:
    """The model's metric, unless it only restates the unit; then the words the article
    puts after the number ("160,000 tons of rolled steel" -> "rolled steel"), or names
    as what changed ("production surged by 12 percent" -> "production")."""
    # The hint copied back ("cents per share (value 63, unit cent per share): ...") is
    # cut to its words; "233 individuals" loses its number.
    metric = _LEADING_NUMBER.sub("", metric.partition(" (value ")[0].strip())
    metric = without_foreign_words(metric, candidate.context.text)
    if metric and not _UNIT_LIKE.match(metric) and not metric[0].isdigit():
        return metric
    after = candidate.context.text[candidate.span.end - candidate.context.start :]
    if match := _OF_PHRASE.match(after):
        return _PHRASE_STOP.sub("", match.group(1))
    before = candidate.context.text[: candidate.span.start - candidate.context.start]
    if match := _CHANGED_BEFORE.search(before):
        phrase: list[str] = []
        for word in reversed(match.group(1).split()):
            if word.lower() in _PHRASE_START or word.endswith(("'s", "\u2019s")):
                break
            phrase.insert(0, word)
        if phrase:
            return " ".join(phrase)
    return metric or candidate.unit


_DIRECTION_WORD = re.compile(
    r"\b(?:(?P<up>up|rise|rose|increase\w*|grow\w*|grew|surge\w*|jump\w*|gain\w*|higher)|"
    r"(?P<down>down|fall|fell|drop\w*|declin\w*|decreas\w*|lower|cut|slump\w*|plung\w*))\b",
    re.IGNORECASE,
)


def _change_of(
    candidate: NumberCandidate, proposed: str | None, context: SectionContext
) -> FigureChange | None:
    """The change the article's words state next to the number; failing that, the model's
    reading when the sentence states it and it names a direction (amount unknown)."""
    if stated := stated_change(candidate, context.numbers):
        return FigureChange(
            direction=stated.direction, amount=stated.amount, unit=stated.unit, text=stated.text
        )
    proposed = _stated_in(proposed, candidate.context.text)
    if proposed and (word := _DIRECTION_WORD.search(proposed)):
        return FigureChange(direction="up" if word["up"] else "down", text=proposed)
    return None


def _subject(subject: str | None, candidate: NumberCandidate) -> str | None:
    """What a figure is about: a name or a noun phrase, not the clause that states the
    figure. A small model sometimes copies the clause ("Iran's copper cathode production
    surged by 12 percent in the"): then what changed, as the words before the verb say,
    or nothing."""
    if subject is None or candidate.surface not in subject:
        return subject
    before = subject[: subject.index(candidate.surface)]
    if match := _CHANGED_BEFORE.search(before):
        return match.group(1)
    return None


def _stated_in(value: str | None, text: str) -> str | None:
    """``value`` when ``text`` states it (folded comparison), else None: free-text
    attributes of a figure are kept only when they are the article's own words."""
    value = _clean(value)
    return value if value and fold(value) in fold(text) else None


def _organization_of(organization: str | None, people: list[str], article: str) -> str | None:
    """An employer the article names, and not one glued to a person's name."""
    organization = _clean(organization)
    if not organization or any(name in organization for name in people):
        return None
    if country_code(organization):
        return None  # a country is the person's country, not their employer
    return organization if locate(organization, article) else None


def _country_of(country: str | None) -> str | None:
    code = country_code(country or "")
    return country_name(code) if code else None


# -- quotes ----------------------------------------------------------------------------


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
        if fold(speaker) in _PRONOUNS or not speaker:
            return "the speaker must be a name from the article, not a pronoun"
        if locate(speaker, context.article) is None:
            return f"the speaker {speaker!r} is not named in the article"
        attributed = context.attributions.get(quote.id)
        # After the last re-ask the article's attribution wins (see quote_records).
        if attributed and not _same_speaker(speaker, attributed) and not context.lenient:
            return f"the article attributes passage [{quote.id}] to {attributed}, not {speaker}"
        return None

    @staticmethod
    def describe(quote: QuoteOutput) -> str:
        return f"[{quote.id}] {quote.speaker}"


def _same_speaker(first: str, second: str) -> bool:
    """The same name, or one is the other's surname ("Cruz", "Liván Arronte Cruz")."""
    first_words, second_words = fold(first).split(), fold(second).split()
    return first_words == second_words or (
        first_words[-1:] == second_words[-1:] and min(len(first_words), len(second_words)) == 1
    )


def quote_records(output: QuotesOutput, context: SectionContext) -> list[Quote]:
    """The model's answers, with the article's attribution where it names the speaker;
    a passage the model skipped though the article says whose it is (a small model
    stops early on a long list) is kept with that speaker, not lost."""
    speakers: dict[int, str] = {}
    for item in output.quotes:
        speaker = _full_name(item.speaker.strip(), context.speakers)
        attributed = context.attributions.get(item.id)
        if attributed and not _same_speaker(speaker, attributed):
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


# -- helpers ---------------------------------------------------------------------------


def _full_name(name: str, names: Iterable[str]) -> str:
    """A bare surname ("Chekushov") as the full name the article also uses, if only one."""
    if " " in name:
        return name
    fuller = {n for n in names if n.split()[-1] == name and " " in n}
    return fuller.pop() if len(fuller) == 1 else name


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return None if not value or value.lower() in {"null", "none", "n/a", "unknown"} else value


def _richer(first: str | None, second: str | None) -> str | None:
    """The more informative of two optional strings (the longer one)."""
    options: Iterable[str] = (v for v in (first, second) if v)
    return max(options, key=len, default=None)


OUTPUT_TYPES: dict[str, type[Output]] = {
    "summary": SummaryOutput,
    "people": PeopleOutput,
    "organizations": OrganizationsOutput,
    "countries": CountriesOutput,
    "events": EventsOutput,
    "figures": FiguresOutput,
    "quotes": QuotesOutput,
}
# The order records list their sections in, and the default set of templates to run.
SECTION_NAMES: tuple[str, ...] = tuple(OUTPUT_TYPES)
_RECORDS: dict[str, Callable[[Any, SectionContext], list[Any]]] = {
    "people": people_records,
    "organizations": organization_records,
    "countries": country_records,
    "events": event_records,
    "figures": figure_records,
    "quotes": quote_records,
}


def section_fields(section: str) -> tuple[str, ...]:
    """The ``ArticleSummary`` fields ``section`` fills."""
    return ("summary", "topics") if section == "summary" else (section,)


def record_fields(outputs: dict[str, Output], context: SectionContext) -> dict[str, Any]:
    """The ``ArticleSummary`` fields that the sections' verified outputs fill."""
    fields: dict[str, Any] = {}
    for section, output in outputs.items():
        if isinstance(output, SummaryOutput):
            fields["summary"], fields["topics"] = summary_records(output)
        else:
            fields[section] = _outside_withheld(
                section, _RECORDS[section](output, context), context
            )
    return fields


def _outside_withheld(section: str, facts: list[Any], context: SectionContext) -> list[Any]:
    """The facts whose evidence is the article's own text. Evidence is found in the text
    with its withheld passages blanked; a fuzzy span that runs into one is not the
    article's words, and no fact may come from such a passage."""
    if not context.withheld:
        return facts
    kept = []
    for fact in facts:
        evidence = fact.evidence
        if context.original[evidence.start : evidence.end] == evidence.text:
            kept.append(fact)
        else:
            reason = "its evidence runs into a passage addressed to the model (withheld)"
            context.dropped.append(Dropped(section=section, item=evidence.text[:60], reason=reason))
    return kept


def merge_fields(fields: dict[str, Any], more: dict[str, Any]) -> None:
    """Add the record fields of a later chunk to ``fields``, each fact once.

    Both must have article offsets already (``_chunks.shift_evidence``). Summary and
    topics come from the first chunk: news puts what matters first.
    """
    if not fields:
        fields.update(more)  # the first chunk, as it is
        return
    for section, items in more.items():
        if section in ("summary", "topics"):
            fields.setdefault(section, items)
            continue
        known = fields.setdefault(section, [])
        for item in items:
            if section == "people":
                _merge_person(known, item)
            elif section == "organizations":
                _merge_organization(known, item)
            elif section == "countries":
                if all(c.code != item.code for c in known):
                    known.append(item)
            elif not any(_same_place(k, item) for k in known):
                known.append(item)
    for section in ("events", "figures", "quotes"):
        if section in fields:
            fields[section].sort(key=lambda item: item.evidence.start)


def _same_place(first: Any, second: Any) -> bool:
    """Two facts of one section read from the same words (a chunks' overlap)."""
    if first.evidence.start != second.evidence.start:
        return False
    return all(
        getattr(first, name, None) == getattr(second, name, None) for name in ("value", "kind")
    )


def _one_of(values: Iterable[object]) -> Any:
    """A required field that accepts only ``values`` (a JSON-schema enum)."""
    return (Literal.__getitem__(tuple(values)), ...)


def _narrowed(base: type[_M], **fields: Any) -> type[_M]:
    """A subclass of ``base`` with the same name and narrower ``fields``."""
    return create_model(base.__name__, __base__=base, **fields)


def output_type_for(
    section: str, context: SectionContext, ids: tuple[int, ...] | None = None
) -> type[Output]:
    """The section's output type, narrowed to this article's candidates where it has them.

    Figure ids and quote speakers become enums, so a grammar-constrained model can only
    answer with a real candidate, and a remote model is told the valid choices. ``ids``
    narrows the figures further, to the candidates one call lists.
    """
    if section == "figures" and context.numbers:
        return _figures_type(ids or tuple(range(1, len(context.numbers) + 1)))
    if section == "quotes" and context.quotes:
        return _quotes_type(len(context.quotes), tuple(context.speakers or ["unknown"]))
    return OUTPUT_TYPES[section]


# Building a pydantic model costs milliseconds; articles share the few shapes there are.
@functools.lru_cache(maxsize=256)
def _figures_type(ids: tuple[int, ...]) -> type[Output]:
    figure = _narrowed(FigureOutput, id=_one_of(ids))
    # At most one figure per candidate: a model that repeats itself hits the bound,
    # which the grammar enforces, long before the token budget.
    bound = Field(max_length=len(ids))
    return _narrowed(FiguresOutput, figures=(list[figure], bound))  # type: ignore[valid-type]


# Speakers differ from article to article: a few recent shapes are worth keeping, not
# thousands (each model holds its validators and schema: a few hundred kilobytes).
@functools.lru_cache(maxsize=64)
def _quotes_type(count: int, speakers: tuple[str, ...]) -> type[Output]:
    quote = _narrowed(QuoteOutput, id=_one_of(range(1, count + 1)), speaker=_one_of(speakers))
    bound = Field(max_length=count)
    return _narrowed(QuotesOutput, quotes=(list[quote], bound))  # type: ignore[valid-type]


# Given three dozen names, the 0.5B model lists about twenty and stops; given a dozen, it
# checks each. A longer list of people is asked in parts (as LangExtract runs extraction
# passes for recall) and the answers merged: the same person twice is one record.
PEOPLE_PER_CALL = 12


@dataclass(frozen=True)
class SectionCall:
    """One request of a section: the section, its key (the recording's name,
    ``people.2`` for a second part) and the variables its template is rendered with."""

    section: str
    key: str
    variables: dict[str, Any]
    # The candidate ids this call lists and may answer with; None: all of them.
    ids: tuple[int, ...] | None = None


def section_calls(section: str, context: SectionContext) -> list[SectionCall]:
    """The requests ``section`` makes for this article: one, or parts of a long list."""
    variables = context.variables_for(section)
    people = context.people
    if section != "people" or len(people) <= PEOPLE_PER_CALL:
        return [SectionCall(section, section, variables)]
    parts = -(-len(people) // PEOPLE_PER_CALL)
    size = -(-len(people) // parts)  # even parts: 13 names are 7 and 6, not 12 and 1
    return [
        SectionCall(
            section,
            section if part == 0 else f"{section}.{part + 1}",
            {**variables, "people": people[part * size : (part + 1) * size]},
        )
        for part in range(parts)
    ]


# The 0.5B model, given a list of numbers, sometimes answers with the first few and stops
# (on one sample it gave "12 percent" and left "145,000 tons" of the same sentence). As
# LangExtract runs further extraction passes for recall, the candidates a first answer
# left out are listed once more, alone: the model decides on each again, and what it
# skipped on purpose (a number in a name, a rank) it skips again.
FOLLOW_UP_KEY = "rest"


def follow_up_call(section: str, output: Output, context: SectionContext) -> SectionCall | None:
    """A second request for what the first answer to ``section`` left out, or None.

    Only figures have one. None when the answer took every candidate, or none of them:
    the same list again would get the same answer.
    """
    if section != "figures" or not isinstance(output, FiguresOutput):
        return None
    taken = {figure.id for figure in output.figures}
    rest = [c for c in context.numbers if c.id not in taken]
    if not taken or not rest:
        return None
    variables = {**context.variables_for(section), "candidates": [c.hint() for c in rest]}
    return SectionCall(
        section, f"{section}.{FOLLOW_UP_KEY}", variables, ids=tuple(c.id for c in rest)
    )


def possible_keys(section: str, context: SectionContext) -> list[str]:
    """Every key ``section`` may call for this article: its calls, and the second pass
    that an answer leaving candidates out would add."""
    keys = [call.key for call in section_calls(section, context)]
    if section == "figures" and len(context.numbers) > 1:
        keys.append(f"{section}.{FOLLOW_UP_KEY}")
    return keys


def section_of_call(key: str) -> str:
    """The section a call's key belongs to (``people.2`` -> ``people``)."""
    return key.partition(".")[0]


def combined(outputs: Sequence[Output]) -> Output:
    """One output from the answers to a section's calls: their lists joined in order
    (the section's records merge what two parts both found)."""
    first = outputs[0]
    if len(outputs) == 1:
        return first
    lists = {
        name: [item for output in outputs for item in getattr(output, name)]
        for name, value in first
        if isinstance(value, list)
    }
    return first.model_copy(update=lists)


def candidate_hints(section: str, context: SectionContext) -> list[str]:
    """The numbered candidates a section's template lists (empty for free-form sections)."""
    if section == "figures":
        return [c.hint() for c in context.numbers]
    if section == "quotes":
        # The speaker the prompt suggests is the one verification holds the answer to,
        # a run of quotes included.
        return [c.hint(context.article, context.attributions.get(c.id)) for c in context.quotes]
    return []


def needs_call(section: str, context: SectionContext) -> bool:
    """Whether the section has anything to ask: no numbers, no figures; no quotes, no quotes."""
    if section == "figures":
        return bool(context.numbers)
    if section == "quotes":
        return bool(context.quotes)
    return True
