"""The digest's overview: one paragraph the model writes from the digest, every sentence
citing digest items and checked against them (``summarize digest --overview``).

The digest is given to the model as numbered items (``E`` entities, ``T`` timeline
entries, ``F`` figure series, ``L`` links), so it writes from checked facts, not from the
articles. As the sections do: the item ids it may cite are an enum of the schema; each
sentence must cite at least one, and every name and number it writes must be written in
an item it cites, or it is sent back with the reason (instructor, bounded re-asks). What
still fails after the last re-ask is dropped and listed with the reason; when no
sentence holds, there is no overview, and the command says why.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.core.hooks import Hooks
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    create_model,
    model_validator,
)
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt
from wordfreq import zipf_frequency

from summarizer._backends.transports import (
    ARTICLE_HEADER,
    PREAMBLE_HASH_HEADER,
    TEMPLATE_HASH_HEADER,
    TEMPLATE_HEADER,
)
from summarizer._cues.lexicon import MONTH_WORDS, WEEKDAYS
from summarizer._digest.markdown import series_title
from summarizer._digest.model import Digest, DroppedSentence, Overview, OverviewSentence
from summarizer._errors import (
    ModelCallError,
    OutputTruncatedError,
    RecordingMissingError,
    TransportError,
    ValidationFailedError,
)
from summarizer._run.summarizer import Summarizer, root_cause
from summarizer._settings import DEFAULT_REASKS
from summarizer._templates import PromptTemplate, load_templates

SECTION = "overview"
# How many items of each kind the model reads: the most cited first.
_SHOWN = {"E": 20, "T": 25, "F": 10, "L": 10}
_REASKABLE = (ValidationError, json.JSONDecodeError)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_CAPITALISED = re.compile(r"(?<![\w'\u2019])[A-Z][\w'\u2019\-]*")
_WORD = re.compile(r"[\w'\u2019\-]+")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_CALENDAR = frozenset((*MONTH_WORDS, *WEEKDAYS))


def digest_items(digest: Digest) -> dict[str, str]:
    """The digest as the model reads it: id -> one line (the entities in most articles,
    dated entries then undated events, the longest figure series, the heaviest links)."""
    names = {entity.id: entity.name for entity in digest.entities}
    items: dict[str, str] = {}
    for n, entity in enumerate(digest.entities[: _SHOWN["E"]], start=1):
        also = f"; also {', '.join(entity.aliases[:4])}" if entity.aliases else ""
        titles = (
            f"; titles: {', '.join(t.title for t in entity.titles[:3])}" if entity.titles else ""
        )
        count = len(entity.articles)
        items[f"E{n}"] = (
            f"{entity.name} ({entity.kind}{also}{titles}; "
            f"in {count} article{'s' if count != 1 else ''})"
        )
    for n, position in enumerate(_timeline_shown(digest), start=1):
        entry = digest.timeline[position]
        who = ", ".join(p.name for p in entry.participants)
        items[f"T{n}"] = f"{entry.date or 'undated'} {entry.kind}: {entry.description}" + (
            f" (with {who})" if who else ""
        )
    for n, series in enumerate(digest.figures[: _SHOWN["F"]], start=1):
        values = "; ".join(
            f"{v.period or v.period_text or 'undated'}: {v.surface}"
            + (f" ({v.change.text})" if v.change else "")
            for v in series.values[:8]
        )
        items[f"F{n}"] = f"{series_title(series)}: {values}"
    for n, link in enumerate(digest.links[: _SHOWN["L"]], start=1):
        shared = f"{link.weight} article{'s' if link.weight != 1 else ''}"
        items[f"L{n}"] = f"{names[link.a]} and {names[link.b]}: together in {shared}"
    return items


def item_anchor(digest: Digest, item: str) -> str:
    """Where an item id points in the HTML page."""
    kind, number = item[0], int(item[1:]) - 1
    if kind == "T":
        return f"tl-{_timeline_shown(digest)[number]}"
    return {"E": "ent", "F": "fig", "L": "link"}[kind] + f"-{number}"


def _timeline_shown(digest: Digest) -> list[int]:
    """The timeline entries the model reads, by position: dated ones, then undated events."""
    dated = [n for n, entry in enumerate(digest.timeline) if entry.date]
    undated = [n for n, e in enumerate(digest.timeline) if not e.date and e.kind != "figure"]
    return (dated + undated)[: _SHOWN["T"]]


# -- what the model answers, and how it is checked -------------------------------------


class _Sentence(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=400, description="one sentence")
    cites: list[str] = Field(min_length=1, max_length=4, description="ids of the items used")


class _Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sentences: list[_Sentence] = Field(min_length=1, max_length=6)

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> _Answer:
        check = _CURRENT.get()
        if check is None:
            return self
        problems = {n: p for n, s in enumerate(self.sentences) if (p := check.problem(s))}
        if problems and not check.lenient:
            raise ValueError(
                "; ".join(f"sentence {n + 1} {problem}" for n, problem in problems.items())
            )
        check.dropped.extend(
            DroppedSentence(text=self.sentences[n].text, reason=p) for n, p in problems.items()
        )
        self.sentences = [s for n, s in enumerate(self.sentences) if n not in problems]
        if not self.sentences:
            raise ValueError("no sentence is grounded in the items it cites")
        return self


@dataclass
class _Check:
    """The items an answer is checked against; lenient after the last re-ask (drop what
    fails, keep the rest), strict before it (send it back)."""

    items: dict[str, str]
    lenient: bool = False
    dropped: list[DroppedSentence] = field(default_factory=list)

    def problem(self, sentence: _Sentence) -> str | None:
        cited = " ".join(self.items.get(str(c), "") for c in sentence.cites)
        numbers = {_bare(n) for n in _NUMBER.findall(cited)}
        for number in _NUMBER.findall(sentence.text):
            if _bare(number) not in numbers:
                return f"writes {number}, which none of the items it cites states"
        words = {w.lower() for w in _WORD.findall(cited)}
        words |= {_POSSESSIVE.sub("", w) for w in words}
        for match in _CAPITALISED.finditer(sentence.text):
            word = _POSSESSIVE.sub("", match.group(0)).lower()
            first = match.start() == len(sentence.text) - len(sentence.text.lstrip())
            if word in words or word in _CALENDAR or (first and zipf_frequency(word, "en") >= 4):
                continue
            return f"names {match.group(0)!r}, which none of the items it cites names"
        return None


def _bare(number: str) -> str:
    plain = number.replace(",", "").rstrip(".")
    return plain[: -len(".0")] if plain.endswith(".0") else plain


# The check of the call under way: instructor renders messages as templates whenever it
# is given a validation context, so none is given, as in the sections.
_CURRENT: ContextVar[_Check | None] = ContextVar("overview_check", default=None)


@contextmanager
def _checking(check: _Check) -> Iterator[None]:
    token = _CURRENT.set(check)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def _answer_type(ids: tuple[str, ...]) -> type[_Answer]:
    """The answer's schema with the item ids as an enum: the model can cite only those."""
    item: Any = Literal.__getitem__(ids)
    sentence: Any = create_model(
        "OverviewSentence",
        __base__=_Sentence,
        cites=(list[item], Field(min_length=1, max_length=4)),
    )
    return create_model(
        "OverviewOutput",
        __base__=_Answer,
        sentences=(list[sentence], Field(min_length=1, max_length=6)),
    )


# -- the call ----------------------------------------------------------------------------


def overview_template() -> PromptTemplate:
    """The overview's prompt: ``summarizer/_digest/prompts`` (its own preamble: a digest,
    not an article, is what the model reads)."""
    return load_templates(Path(str(files("summarizer._digest") / "prompts")))[SECTION]


async def write_overview(digest: Digest, summarizer: Summarizer) -> Overview:
    """Ask ``summarizer``'s model for the overview of ``digest``, verified.

    Raises:
        ModelCallError: no sentence held (``ValidationFailedError``), the answer kept
            reaching its token budget (``OutputTruncatedError``), or the server kept
            failing (``TransportError``).
        RecordingMissingError: replay has no recording of this request.
    """
    items = digest_items(digest)
    if not items:
        raise ValidationFailedError("the digest has no items to write from", section=SECTION)
    template = overview_template()
    listing = "\n".join(f"{item}: {line}" for item, line in items.items())
    answers: list[str] = []  # every raw answer, for the salvage after the last re-ask
    hooks = Hooks()
    hooks.on("completion:response", lambda response: answers.append(_content(response)))
    settings = summarizer.settings
    answer_type = _answer_type(tuple(items))
    check = _Check(items)
    try:
        with _checking(check):
            answer = await summarizer.client().chat.completions.create(
                model=str(settings.model),
                messages=template.render({"digest": listing}),  # type: ignore[arg-type]
                response_model=answer_type,
                max_retries=AsyncRetrying(
                    # The default unless set: the embedded model's "none" was measured
                    # on article sections, not on this one.
                    stop=stop_after_attempt(
                        1 + (DEFAULT_REASKS if settings.max_reasks is None else settings.max_reasks)
                    ),
                    retry=retry_if_exception_type(_REASKABLE),
                    reraise=True,
                ),
                strict=False,
                hooks=hooks,
                max_tokens=template.max_tokens,
                temperature=settings.temperature,
                seed=settings.seed,
                extra_headers=_headers(listing, template),
            )
    except IncompleteOutputException:
        raise OutputTruncatedError(
            f"the answer reached its budget of {template.max_tokens} tokens "
            f"(max_tokens in {template.path})",
            section=SECTION,
        ) from None
    except InstructorRetryException as error:
        answer, check = _salvage(error, answer_type, items, answers)
    sentences = [
        OverviewSentence(text=s.text.strip(), cites=[str(c) for c in s.cites])
        for s in answer.sentences
    ]
    return Overview(
        text=" ".join(s.text for s in sentences),
        sentences=sentences,
        items={c: items[c] for s in sentences for c in s.cites},
        dropped=check.dropped,
        model=str(settings.model),
    )


def _headers(listing: str, template: PromptTemplate) -> dict[str, str]:
    """What names the request for the cache and for recordings: the digest's hash."""
    return {
        ARTICLE_HEADER: "digest-" + hashlib.sha256(listing.encode("utf-8")).hexdigest()[:12],
        TEMPLATE_HEADER: SECTION,
        TEMPLATE_HASH_HEADER: template.content_hash,
        PREAMBLE_HASH_HEADER: template.preamble_hash,
    }


def _salvage(
    error: InstructorRetryException,
    answer_type: type[_Answer],
    items: dict[str, str],
    answers: list[str],
) -> tuple[_Answer, _Check]:
    """After the last re-ask: the answer that keeps the most verified sentences (the
    latest of equals), the others dropped with their reasons; or the error."""
    cause = root_cause(error)
    if isinstance(cause, RecordingMissingError):
        raise cause
    if isinstance(cause, (openai.APIStatusError, openai.APIConnectionError)):
        raise TransportError(
            f"the server kept failing ({type(cause).__name__})", section=SECTION
        ) from None
    if not isinstance(cause, _REASKABLE):
        raise ModelCallError(str(cause), section=SECTION, attempts=error.n_attempts) from None
    best: tuple[int, _Answer, _Check] | None = None
    for text in reversed(answers):
        check = _Check(items, lenient=True)
        try:
            with _checking(check):
                answer = answer_type.model_validate_json(text)
        except _REASKABLE:
            continue
        if best is None or len(answer.sentences) > best[0]:
            best = (len(answer.sentences), answer, check)
    if best is None:
        reason = str(cause).strip().splitlines()[0] if str(cause).strip() else "no valid answer"
        raise ValidationFailedError(
            f"no grounded overview after {error.n_attempts} attempts: {reason}",
            section=SECTION,
            attempts=error.n_attempts,
        ) from None
    return best[1], best[2]


def _content(response: Any) -> str:
    try:
        return str(response.choices[0].message.content or "")
    except (AttributeError, IndexError):
        return ""
