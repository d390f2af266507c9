"""The pipeline: an article through each section's template, verified, into one record."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib
import json
import logging
import os
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import httpx2
import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.core.hooks import Hooks
from openai.types.chat import ChatCompletion
from pydantic import BaseModel, ValidationError
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type, stop_after_attempt
from tenacity.stop import stop_base

from summarizer._backends.build import IN_PROCESS_URL, build_transport, ssl_context
from summarizer._backends.cache import CacheHits, CachingTransport
from summarizer._backends.replay import RecordingTransport
from summarizer._backends.transports import (
    ARTICLE_HEADER,
    FAULT_HEADER,
    PREAMBLE_HASH_HEADER,
    TEMPLATE_HASH_HEADER,
    TEMPLATE_HEADER,
    RetryBudget,
)
from summarizer._cues.dates import parse_iso_day
from summarizer._cues.instructions import addressed_to_the_model
from summarizer._cues.names import load_word_lists
from summarizer._errors import (
    ConfigurationError,
    InputError,
    ModelCallError,
    OutputTruncatedError,
    RecordingMissingError,
    SummarizerError,
    TransportError,
    UnsupportedLanguageError,
    ValidationFailedError,
)
from summarizer._read.article import Article, parse_source, read_article
from summarizer._read.chunks import Chunk, chunk_text, shift_evidence
from summarizer._read.language import LANGUAGE_NAMES
from summarizer._records import (
    ArticleSummary,
    Dropped,
    Evidence,
    Failed,
    Meta,
    Source,
    Usage,
    Withheld,
)
from summarizer._settings import Settings
from summarizer._templates import PromptTemplate, load_templates
from summarizer.sections import (
    Output,
    SectionCall,
    SectionContext,
    Sections,
    UserSection,
    combined,
    verifying,
)

logger = logging.getLogger(__name__)

# Invalid answers worth a re-ask: JSON that does not parse, or does not validate.
_REASKABLE = (ValidationError, json.JSONDecodeError)


class _AnswerRepeated(stop_base):
    """Stop re-asking once a re-ask is answered with the very answer it asked to correct.

    At temperature 0 a model that repeats itself word for word after being told what is
    wrong nearly always repeats itself again: in 11 of the 12 recorded cases the next
    re-ask gave the same answer once more (in the twelfth the record kept the same
    facts). Such a re-ask costs a whole answer (350 to 450 tokens for a summary) and
    changes nothing the salvage after the last re-ask would keep.
    """

    def __init__(self, answers: list[str]) -> None:
        self.answers = answers

    def __call__(self, retry_state: RetryCallState) -> bool:
        return len(self.answers) >= 2 and self.answers[-1] == self.answers[-2]


@dataclass
class _Tally:
    """Calls, attempts and tokens of one article, summed over its sections."""

    calls: int = 0
    attempts: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_prompt_tokens: int = 0

    def on_response(self, response: Any) -> None:
        self.attempts += 1
        usage = getattr(response, "usage", None)
        if usage is not None:
            self.prompt_tokens += usage.prompt_tokens or 0
            self.completion_tokens += usage.completion_tokens or 0
            details = getattr(usage, "prompt_tokens_details", None)
            self.cached_prompt_tokens += getattr(details, "cached_tokens", None) or 0


@dataclass
class _Account:
    """What a record's meta says of how it was made, besides the model and backend."""

    dropped: list[Dropped]
    failed: list[Failed]
    withheld: list[Withheld]
    tally: _Tally
    templates: dict[str, str]
    elapsed: float


class Summarizer:
    """Turns news articles into validated, grounded ``ArticleSummary`` records.

    Args:
        settings: How to summarise; default ``Settings.from_env()``.
        transport: An HTTP transport to use instead of the settings' backend (tests plug
            scripted or replayed transports in here; the real openai and instructor stack
            still runs over it).
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        transport: httpx2.AsyncBaseTransport | None = None,
    ) -> None:
        self.settings = (settings or Settings.from_env()).resolved()
        self.registry, self.templates = sections_and_templates(self.settings)
        self.sections = self._checked_sections(self.settings.sections or self.registry.names)
        self._transport = transport
        self._clients: dict[asyncio.AbstractEventLoop, instructor.AsyncInstructor] = {}
        self._limits: dict[asyncio.AbstractEventLoop, asyncio.Semaphore] = {}
        self._local: httpx2.AsyncBaseTransport | None = None
        self._cache_hits: dict[str, CacheHits] = {}
        # One budget of transport retries for everything this summarizer asks.
        self._retry_budget = RetryBudget(self.settings.retry)
        # The thread articles are read in (see _read); made on the first article.
        self._reader: ThreadPoolExecutor | None = None

    def _checked_sections(self, sections: Sequence[str]) -> tuple[str, ...]:
        for section in sections:
            if section not in self.registry:
                raise ConfigurationError(
                    f"unknown section {section!r}; choose from {', '.join(self.registry)}"
                )
            if section not in self.templates:
                raise ConfigurationError(f"no prompt template for section {section!r}")
        return tuple(sections)

    def summarize(
        self, article: str | os.PathLike[str] | Article, *, sections: Sequence[str] | None = None
    ) -> ArticleSummary:
        """Summarise one article (text, a path, or an ``Article``); blocking.

        The loaded local model stays loaded for the next call; HTTP connections are closed.
        """

        async def once() -> ArticleSummary:
            try:
                return await self.asummarize(article, sections=sections)
            finally:
                await self._close_clients()

        return asyncio.run(once())

    async def asummarize(
        self, article: str | os.PathLike[str] | Article, *, sections: Sequence[str] | None = None
    ) -> ArticleSummary:
        """Summarise one article (text, a path, or an ``Article``).

        Args:
            article: The article.
            sections: Fill only these sections this time (default: the settings' sections).

        Raises:
            InputError: the article cannot be read.
            ModelCallError: no section produced a valid answer, or one did not and
                ``Settings.on_section_failure`` is ``raise`` (its subclass says why).
                Otherwise a failed section is left empty and listed in ``meta.failed``.
            RecordingMissingError: replay has no recording for a request.
        """
        started = time.perf_counter()
        article = _as_article(article)
        source = parse_source(article)
        self._check_language(article, source)
        published = parse_iso_day(source.published)
        chosen = self._checked_sections(sections) if sections else self.sections
        tally = _Tally()
        dropped: list[Dropped] = []
        failures: dict[str, ModelCallError] = {}
        fields: dict[str, Any] = {}
        for number, chunk in enumerate(self._chunks(article), start=1):
            # Each later chunk is its own request identity ("<id>.part2"); the summary
            # comes from the first, where news puts what matters.
            part_id = article.id if number == 1 else f"{article.id}.part{number}"
            part = Article(part_id, chunk.text, article.path)
            wanted = [s for s in chosen if number == 1 or not self.registry[s].first_chunk_only]
            found, context, errors = await self._fill(part, wanted, published, tally)
            dropped.extend(d for d in context.dropped if d not in dropped)
            shifted = shift_evidence(found, chunk.start)
            for name in chosen:
                self.registry[name].merge(fields, shifted)
            for error in errors:
                failures.setdefault(error.section, error)
        answered = [s for s in chosen if s not in failures and self.registry[s].fields[0] in fields]
        self._check_failures(answered, failures)
        # A section that failed in any chunk is left empty: a part of its facts would pass
        # for all of them, and --resume redoes the section whole.
        for section in failures:
            for name in self.registry[section].fields:
                fields.pop(name, None)
        failed = [
            Failed(section=s, error=type(e).__name__, reason=e.reason)
            for s, e in sorted(failures.items(), key=lambda item: self._order(item[0]))
        ]
        dropped = [d for d in dropped if d.section not in failures]
        hashes = {name: self.templates[name].content_hash for name in chosen}
        elapsed = time.perf_counter() - started
        account = _Account(dropped, failed, _withheld(article.text), tally, hashes, elapsed)
        return self._record(article, source, fields, account)

    def _check_failures(self, answered: Sequence[str], failures: dict[str, ModelCallError]) -> None:
        """Raise when the settings say so, or when no section answered: a record with
        nothing verified in it is a failed article, not a partial one."""
        if not failures:
            return
        first = next(iter(failures.values()))
        if self.settings.on_section_failure == "raise":
            raise first
        if not answered:
            if len(failures) == 1:
                raise first
            reasons = "; ".join(f"{s}: {e.reason}" for s, e in failures.items())
            raise type(first)(
                f"every section failed ({reasons})", section=first.section, attempts=first.attempts
            ) from first

    async def acomplete(self, record: ArticleSummary, article: Article) -> ArticleSummary:
        """``record`` with the sections in its ``meta.failed`` asked again (the response
        cache answers any request made before); the other sections are kept as they are.

        Raises:
            ModelCallError: as ``asummarize``, when every section redone fails again.
        """
        redo = [failed.section for failed in record.meta.failed]
        if not redo:
            return record
        redone = await self.asummarize(article, sections=redo)
        return completed(record, redone, text=article.text, sections=self.registry)

    def _order(self, section: str) -> int:
        """Where ``section`` comes in the record: sections finish in any order, and the
        same answers must always give the same record."""
        names = self.registry.names
        return names.index(section) if section in names else len(names)

    def _chunks(self, article: Article) -> list[Chunk]:
        size = self.settings.chunk_chars
        if len(article.text) > size and not self.settings.chunking:
            raise InputError(
                f"{article.path or article.id}: the article has {len(article.text)} characters, "
                f"more than the {size} one request takes (chunk_chars); allow chunking to "
                "summarise it in overlapping parts"
            )
        return chunk_text(article.text, size, overlap=size // 10)

    async def _fill(
        self,
        article: Article,
        sections: Sequence[str],
        published: date | None,
        tally: _Tally,
    ) -> tuple[dict[str, Any], SectionContext, list[ModelCallError]]:
        """The record fields ``sections`` give for ``article`` (or one chunk of one), with
        the context that verified them and the sections that failed."""
        context = await self._read(article.text, published)
        limit = self._call_limit()
        failed: list[ModelCallError] = []

        async def call(request: SectionCall) -> Output:
            async with limit:
                return await self._call(request, article, context, tally)

        async def run(name: str) -> tuple[str, Output | None]:
            section = self.registry[name]
            if not section.needs_call(context):
                return name, None
            try:
                requests = section.calls(context)
                output = combined(await asyncio.gather(*map(call, requests)))
                if self.settings.second_pass and (more := section.follow_up(output, context)):
                    output = combined([output, await call(more)])
            except ModelCallError as error:
                # One section's failure costs only that section: the others go on.
                failed.append(error)
                return name, None
            return name, output

        results = await asyncio.gather(*(run(section) for section in sections))
        outputs = {section: output for section, output in results if output is not None}
        fields: dict[str, Any] = {}
        for name, output in outputs.items():
            for field, value in self.registry[name].records(output, context).items():
                fields[field] = _outside_withheld(name, value, context)
        # Sections finish in any order; the record lists what they dropped in section
        # order, so the same answers always give the same record.
        context.dropped.sort(key=lambda dropped: self._order(dropped.section))
        return fields, context, failed

    async def _call(
        self, request: SectionCall, article: Article, context: SectionContext, tally: _Tally
    ) -> Output:
        section = request.section
        template = self.templates[section]
        output_type = self.registry[section].output_type(context, request.ids)
        messages = template.render(request.variables)
        hooks = Hooks()
        hooks.on("completion:response", tally.on_response)
        answers: list[str] = []  # every raw answer, for the salvage after the last re-ask
        hooks.on("completion:response", lambda response: answers.append(_content(response)))
        tally.calls += 1
        client = self._client()
        # A cut answer is not a wrong one: no re-ask is spent on it. The same request goes
        # once more with twice the budget (a long list may just need it); a second cut is
        # a model repeating itself, and fails the section clearly.
        budgets = (template.max_tokens, 2 * template.max_tokens)
        for budget in budgets:
            try:
                with verifying(context):
                    return await client.chat.completions.create(
                        model=str(self.settings.model),
                        messages=messages,  # type: ignore[arg-type]
                        response_model=_response_model(output_type),
                        max_retries=AsyncRetrying(
                            stop=stop_after_attempt(1 + self.settings.effective_max_reasks)
                            | _AnswerRepeated(answers),
                            retry=retry_if_exception_type(_REASKABLE),
                            reraise=True,
                        ),
                        strict=False,
                        hooks=hooks,
                        max_tokens=budget,
                        temperature=self.settings.temperature,
                        seed=self.settings.seed,
                        extra_headers=_headers(article, template, request.key),
                    )
            except IncompleteOutputException:
                continue
            except InstructorRetryException as error:
                return self._salvage(section, error, output_type, context, answers)
        raise OutputTruncatedError(
            f"the answer reached its budget of {budgets[0]} tokens, and {budgets[1]} on a "
            f"second try (max_tokens in {template.path})",
            section=section,
            attempts=tally.attempts,
        )

    def _salvage(
        self,
        section: str,
        error: InstructorRetryException,
        output_type: type[Output],
        context: SectionContext,
        answers: list[str],
    ) -> Output:
        """After the last re-ask: keep the verified part of the answer that keeps the most
        facts, the latest of equals (a small model's re-asked answer can be worse than its
        first: "Meeting is not a valid type" as an event), or raise when none parses."""
        cause = root_cause(error)
        if isinstance(cause, RecordingMissingError):
            raise cause
        if isinstance(cause, (openai.APIStatusError, openai.APIConnectionError)):
            raise TransportError(
                _transport_message(cause), section=section, attempts=error.n_attempts
            ) from None
        if not isinstance(cause, _REASKABLE) or error.last_completion is None:
            raise ModelCallError(str(cause), section=section, attempts=error.n_attempts) from None
        final: Exception | None = None
        best: tuple[int, Output, SectionContext] | None = None
        for text in reversed(answers or [_content(error.last_completion)]):
            # A fresh list each try: a failed try must not leave its drops behind.
            lenient = replace(context, lenient=True, dropped=[])
            try:
                output = output_type.model_validate_json(text, context={"section": lenient})
            except _REASKABLE as problem:
                final = final or problem
                continue
            facts = self.registry[section].count(output)
            if best is None or facts > best[0]:
                best = (facts, output, lenient)
        if best is not None:
            context.dropped.extend(best[2].dropped)
            return best[1]
        raise ValidationFailedError(
            f"no valid answer after {error.n_attempts} attempts: {_first_line(final or cause)}",
            section=section,
            attempts=error.n_attempts,
        ) from None

    def _check_language(self, article: Article, source: Source) -> None:
        allowed = self.settings.languages
        if "*" in allowed or source.language in allowed:
            return
        name = LANGUAGE_NAMES.get(str(source.language), str(source.language))
        raise UnsupportedLanguageError(
            f"{article.path or article.id}: the article is in {name} ({source.language}); "
            f"summaries are made for {', '.join(allowed)} (--languages "
            f"{','.join([*allowed, str(source.language)])} to try anyway)"
        )

    def _call_limit(self) -> asyncio.Semaphore:
        """One bound on model calls in flight per event loop, shared by all articles."""
        loop = asyncio.get_running_loop()
        if loop not in self._limits:
            self._limits[loop] = asyncio.Semaphore(self.settings.effective_concurrency)
        return self._limits[loop]

    def client(self) -> instructor.AsyncInstructor:
        """The instructor client over this backend's transports (retries, cache,
        recording), for structured calls beyond an article's sections: the digest's
        overview. Call it inside the event loop that uses it."""
        return self._client()

    def _client(self) -> instructor.AsyncInstructor:
        """One instructor-wrapped openai client per event loop, over this backend's transport."""
        loop = asyncio.get_running_loop()
        if loop not in self._clients:
            transport, base_url = self._transport_for_loop()
            self._clients[loop] = _instructor_client(
                transport, base_url, self.settings.api_key, self.settings.timeout
            )
        return self._clients[loop]

    def _transport_for_loop(self) -> tuple[httpx2.AsyncBaseTransport, str]:
        transport, base_url = self._backend_transport()
        cache = self.settings.response_cache
        # Recording must capture real exchanges, and replay is already a record of them.
        if cache and not self.settings.record and self.settings.backend != "replay":
            transport = CachingTransport(transport, cache, self._cache_hits)
        if self.settings.record:
            transport = RecordingTransport(
                transport, self.settings.recordings_dir, backend=str(self.settings.backend)
            )
        return transport, base_url

    def _backend_transport(self) -> tuple[httpx2.AsyncBaseTransport, str]:
        if self._transport is not None:
            return self._transport, self.settings.base_url or IN_PROCESS_URL
        if self.settings.backend == "local":
            # The loaded model outlives event loops; HTTP connection pools do not.
            if self._local is None:
                self._local, _ = build_transport(self.settings, retry_budget=self._retry_budget)
            return self._local, IN_PROCESS_URL
        return build_transport(self.settings, retry_budget=self._retry_budget)

    def _record(
        self, article: Article, source: Source, fields: dict[str, Any], account: _Account
    ) -> ArticleSummary:
        tally = account.tally
        cached = self._cache_hits.pop(article.id, CacheHits())
        for key in [k for k in self._cache_hits if k.startswith(f"{article.id}.part")]:
            hits = self._cache_hits.pop(key)
            cached.calls += hits.calls
            cached.prompt_tokens += hits.prompt_tokens
            cached.completion_tokens += hits.completion_tokens
        # A user's sections go under ``extra``; the record's own keys stay fixed.
        extra = {name: value for name, value in fields.items() if name not in _RECORD_FIELDS}
        own = {name: value for name, value in fields.items() if name in _RECORD_FIELDS}
        record = ArticleSummary(
            source=source,
            **own,
            extra=extra,
            meta=Meta(
                model=str(self.settings.model),
                backend=str(self.settings.backend) if self._transport is None else "custom",
                templates=account.templates,
                usage=Usage(
                    prompt_tokens=tally.prompt_tokens,
                    completion_tokens=tally.completion_tokens,
                    cached_prompt_tokens=tally.cached_prompt_tokens,
                ),
                calls=tally.calls,
                attempts=tally.attempts,
                cached=cached.calls,
                cost_usd=self.settings.cost_of(
                    tally.prompt_tokens - cached.prompt_tokens,
                    tally.completion_tokens - cached.completion_tokens,
                ),
                elapsed_s=round(account.elapsed, 3),
                dropped=account.dropped,
                failed=account.failed,
                withheld=account.withheld,
            ),
        )
        # The grounding invariants, checked once more on the whole record against the
        # article: a failure here is a bug in our verification, never the model's.
        return ArticleSummary.model_validate(record.model_dump(), context={"article": article.text})

    async def _read(self, text: str, published: date | None) -> SectionContext:
        """The article's cues (``SectionContext.for_article``), read in this summarizer's
        one reader thread. Reading an article (the tagger and recogniser, the rules) is
        tens of milliseconds of CPU; on the event loop it would hold up the answers of
        every other article in flight, which then wait for it. One thread, so articles
        are read one at a time, as before, while the loop goes on."""
        if self._reader is None:
            self._reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reader")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._reader, SectionContext.for_article, text, published)

    async def _close_clients(self) -> None:
        for client in self._clients.values():
            await client.client.close()  # type: ignore[union-attr]
        self._clients.clear()
        self._limits.clear()

    async def aclose(self) -> None:
        """Close HTTP connections, stop the reader thread and unload the local model."""
        await self._close_clients()
        if self._reader is not None:
            self._reader.shutdown(wait=False)
            self._reader = None
        if self._local is not None:
            await self._local.aclose()
            self._local = None

    def close(self) -> None:
        asyncio.run(self.aclose())

    async def __aenter__(self) -> Summarizer:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __enter__(self) -> Summarizer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def completed(
    record: ArticleSummary, redone: ArticleSummary, *, text: str, sections: Sections
) -> ArticleSummary:
    """``record`` with the sections it failed taken from ``redone`` (a record of the same
    article made for those sections only), and the accounting of both.

    Args:
        text: The article text, which the whole record is validated against once more.
    """
    redo = {failed.section for failed in record.meta.failed}
    names = [name for section in redo for name in sections[section].fields]
    filled = {name: getattr(redone, name) for name in names if name in _RECORD_FIELDS}
    extra = {name: redone.extra[name] for name in names if name in redone.extra}
    if extra:
        filled["extra"] = {**record.extra, **extra}
    meta, more = record.meta, redone.meta
    cost = None
    if meta.cost_usd is not None or more.cost_usd is not None:
        cost = round((meta.cost_usd or 0.0) + (more.cost_usd or 0.0), 6)
    merged_meta = meta.model_copy(
        update={
            "templates": {**meta.templates, **more.templates},
            "usage": Usage(
                prompt_tokens=meta.usage.prompt_tokens + more.usage.prompt_tokens,
                completion_tokens=meta.usage.completion_tokens + more.usage.completion_tokens,
                cached_prompt_tokens=meta.usage.cached_prompt_tokens
                + more.usage.cached_prompt_tokens,
            ),
            "calls": meta.calls + more.calls,
            "attempts": meta.attempts + more.attempts,
            "cached": meta.cached + more.cached,
            "cost_usd": cost,
            "elapsed_s": round(meta.elapsed_s + more.elapsed_s, 3),
            "dropped": [d for d in meta.dropped if d.section not in redo] + more.dropped,
            "failed": more.failed,
        }
    )
    merged = record.model_copy(update={**filled, "meta": merged_meta})
    return ArticleSummary.model_validate(merged.model_dump(), context={"article": text})


def _outside_withheld(section: str, facts: Any, context: SectionContext) -> Any:
    """The facts whose evidence is the article's own text. Evidence is found in the text
    with its withheld passages blanked; a fuzzy span that runs into one is not the
    article's words, and no fact may come from such a passage."""
    if not context.withheld or not isinstance(facts, list):
        return facts
    kept = []
    for fact in facts:
        evidence = getattr(fact, "evidence", None)
        if evidence is None or context.original[evidence.start : evidence.end] == evidence.text:
            kept.append(fact)
            continue
        reason = "its evidence runs into a passage addressed to the model (withheld)"
        context.dropped.append(Dropped(section=section, item=evidence.text[:60], reason=reason))
    return kept


def _withheld(text: str) -> list[Withheld]:
    """The article's passages addressed to the model, for ``meta.withheld`` (each chunk's
    sections withheld them already; this is the account, in the whole text's offsets)."""
    return [
        Withheld(
            reason=passage.reason,
            evidence=Evidence(
                text=text[passage.start : passage.end], start=passage.start, end=passage.end
            ),
        )
        for passage in addressed_to_the_model(text)
    ]


def sections_and_templates(settings: Settings) -> tuple[Sections, dict[str, PromptTemplate]]:
    """The sections a run knows (built-in, and the user's from ``settings.sections_dir``)
    and the template of each.

    Raises:
        SectionFileError: a user's section file with a mistake, before any model call.
        TemplateError: a prompt template that cannot be loaded.
    """
    sections = Sections.load(settings.sections_dir, prompts_dir=settings.prompts_dir)
    templates = load_templates(settings.prompts_dir)
    templates.update((s.name, s.template) for s in sections.values() if isinstance(s, UserSection))
    return sections, templates


# The record's own top-level keys; any other section's fields go under ``extra``.
_RECORD_FIELDS = frozenset(ArticleSummary.model_fields) - {"extra"}


def _as_article(article: str | os.PathLike[str] | Article) -> Article:
    if isinstance(article, Article):
        return article
    if isinstance(article, os.PathLike):
        return read_article(os.fspath(article))
    if "\n" not in article and len(article) < 4096 and _is_file(article):
        return read_article(article)
    return Article.from_text(article)


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except OSError:  # a line of text longer than a file name may be ("name too long")
        return False


@functools.lru_cache(maxsize=128)
def _response_model(output_type: type[Output]) -> type[Output]:
    """The output type as instructor wraps it, wrapped once: instructor would otherwise
    build a new pydantic model on every call, a few milliseconds each."""
    return instructor.openai_schema(output_type)


def _instructor_client(
    transport: httpx2.AsyncBaseTransport, base_url: str, api_key: str | None, timeout: float
) -> instructor.AsyncInstructor:
    openai_client = openai.AsyncOpenAI(
        api_key=api_key or "no-key-needed",
        base_url=base_url,
        # Transport retries belong to RetryingTransport alone: one owner per failure.
        max_retries=0,
        timeout=timeout,
        http_client=openai.DefaultAsyncHttpxClient(transport=transport),
    )

    async def create(**params: Any) -> ChatCompletion:
        # openai's own create() first walks every parameter through its TypedDicts to
        # rename and drop fields: about a millisecond a request, a sixth of our CPU per
        # call at high concurrency. What instructor passes here is plain JSON already, so
        # it goes as the body of the client's documented post(), with the same auth,
        # headers, timeout and response parsing.
        headers = params.pop("extra_headers", None) or {}
        return await openai_client.post(
            "/chat/completions", body=params, cast_to=ChatCompletion, options={"headers": headers}
        )

    mode = instructor.Mode.JSON_SCHEMA
    return instructor.AsyncInstructor(
        client=openai_client,
        create=instructor.patch(create=create, mode=mode),
        mode=mode,
        provider=instructor.Provider.OPENAI,
    )


def warm_up() -> None:
    """Load what a Summarizer's first article would, before worker processes are forked.

    openai imports its resources and instructor its handlers on first use, the HTTP
    stack its modules and SSL context on the first request, and the candidate finders
    their word lists on the first article: a few hundred milliseconds in all. Loaded
    here, forked workers share them instead of each loading them before its first
    request. Runs no thread and leaves no event loop behind, so forking stays safe."""

    async def answer(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, json=_WARM_UP_COMPLETION, request=request)

    async def one_call() -> None:
        client = _instructor_client(httpx2.MockTransport(answer), IN_PROCESS_URL, None, 1.0)
        await client.chat.completions.create(
            model="warm-up",
            messages=[{"role": "user", "content": "warm-up"}],
            response_model=_WarmUp,
            max_retries=0,
        )
        await client.client.close()  # type: ignore[union-attr]

    asyncio.run(one_call())
    ssl_context()
    for module in _HTTP_STACK:
        with contextlib.suppress(ImportError):  # names of a version we do not depend on
            importlib.import_module(module)
    load_word_lists()
    SectionContext.for_article(_WARM_UP_ARTICLE)


class _WarmUp(BaseModel):
    ok: bool


_WARM_UP_COMPLETION = {
    "id": "warm-up",
    "object": "chat.completion",
    "created": 0,
    "model": "warm-up",
    "choices": [
        {
            "index": 0,
            "finish_reason": "stop",
            "message": {"role": "assistant", "content": '{"ok": true}'},
        }
    ],
}
# Imported by the first request over a real connection.
_HTTP_STACK = (
    "h11",
    "anyio._backends._asyncio",
    "httpcore2._async.http11",
    "httpcore2._backends.anyio",
    "httpcore2._backends.auto",
)
_WARM_UP_ARTICLE = (
    "LONDON, March 3 (Reuters) - Prime Minister Jane Smith of France said on Monday that "
    'exports rose 5% to $2.4 billion. "We are pleased," she told the Financial Times.'
)


def _headers(article: Article, template: PromptTemplate, key: str) -> dict[str, str]:
    return {
        ARTICLE_HEADER: article.id,
        TEMPLATE_HEADER: key,
        TEMPLATE_HASH_HEADER: template.content_hash,
        PREAMBLE_HASH_HEADER: template.preamble_hash,
    }


def _content(response: Any) -> str:
    """The text of a chat completion's first choice ("" when there is none)."""
    try:
        return str(response.choices[0].message.content or "")
    except (AttributeError, IndexError):
        return ""


def root_cause(error: BaseException) -> BaseException:
    """Our own error in the cause chain if there is one, else the openai error, else the root."""
    chain = []
    current: BaseException | None = error
    while current is not None:
        chain.append(current)
        current = current.__cause__ or current.__context__
    for kind in (SummarizerError, openai.APIError):
        found = next((e for e in chain if isinstance(e, kind)), None)
        if found is not None:
            return found
    return chain[-1]


def _transport_message(error: BaseException) -> str:
    if isinstance(error, openai.APIStatusError):
        if error.response.headers.get(FAULT_HEADER) == "not-json":
            return "the server's answers were not JSON (an error page?) after every retry"
        return f"the server answered HTTP {error.status_code} after every retry"
    if isinstance(error, openai.APITimeoutError):
        return "the server did not answer in time after every retry"
    return "could not connect to the server after every retry"


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
