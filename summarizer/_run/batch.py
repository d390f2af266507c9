"""Summarising many articles: bounded concurrency, ordered or streamed output, duplicates
summarised once, resumable, and an account of the run.

The runner never holds more than a window of finished records: in input order, a record
waits only for the slower articles before it, and no article starts more than
``window`` places ahead of the oldest unfinished one. Every outcome (record, failure,
skip) reaches the caller's sinks exactly once, as soon as its turn comes.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from collections import OrderedDict
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, TextIO

from summarizer._errors import InputError, SummarizerError
from summarizer._read.article import Article
from summarizer._records import ArticleSummary
from summarizer._run.resume import Done, Duplicate, Partial, Resumed

logger = logging.getLogger(__name__)

# Finished records kept for duplicates later in the batch.
ORIGINALS_KEPT = 4096


@dataclass
class RunStats:
    """The account of one run, printed at its end."""

    articles: int = 0
    summarised: int = 0
    partial: int = 0  # summarised, but a section failed (meta.failed)
    failed: int = 0
    unreadable: int = 0
    skipped: int = 0
    duplicates: int = 0
    calls: int = 0
    attempts: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached: int = 0
    cost_usd: float | None = None
    started: float = field(default_factory=time.perf_counter)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def count(self, record: ArticleSummary, *, duplicate: bool) -> None:
        self.summarised += 1
        self.partial += not record.complete
        if duplicate:
            self.duplicates += 1
            return  # a duplicate's record cost nothing: its calls are the original's
        self.calls += record.meta.calls
        self.attempts += record.meta.attempts
        self.cached += record.meta.cached
        if record.meta.cost_usd is not None:
            self.cost_usd = (self.cost_usd or 0.0) + record.meta.cost_usd
        self.prompt_tokens += record.meta.usage.prompt_tokens
        self.completion_tokens += record.meta.usage.completion_tokens

    def summary(self) -> str:
        parts = [f"{self.summarised} summarised"]
        if self.partial:
            parts.append(f"{self.partial} of them partial (a section failed)")
        if self.duplicates:
            parts.append(f"{self.duplicates} of them duplicates, summarised once")
        if self.skipped:
            parts.append(f"{self.skipped} skipped (already in the output)")
        parts.append(f"{self.failed} failed")
        cost = f", ${self.cost_usd:.4f}" if self.cost_usd is not None else ""
        return (
            f"{self.articles} articles in {self.elapsed:.1f} s: {', '.join(parts)}; "
            f"{self.calls} section calls, {self.attempts} requests "
            f"({self.cached} from the cache), "
            f"{self.prompt_tokens} prompt + {self.completion_tokens} completion tokens{cost}"
        )


@dataclass(frozen=True, slots=True)
class Failure:
    """An article that produced no record, and why."""

    article: str
    path: str | None
    reason: str
    unreadable: bool = False  # the input could not be read (usage), not a model failure


Outcome = ArticleSummary | Failure | None  # None: skipped


class Progress:
    """One line on stderr, rewritten in place: done, failed, tokens, rate and ETA."""

    def __init__(self, total: int | None, stream: TextIO = sys.stderr) -> None:
        self.total = total
        self.stream = stream

    def update(self, stats: RunStats) -> None:
        done = stats.summarised + stats.failed + stats.skipped
        rate = done / stats.elapsed if stats.elapsed > 0 else 0.0
        of = f"/{self.total}" if self.total else ""
        eta = ""
        if self.total and rate > 0:
            eta = f" · ETA {_duration((self.total - done) / rate)}"
        tokens = stats.prompt_tokens + stats.completion_tokens
        line = (
            f"\r{done}{of} articles · {stats.failed} failed · {stats.partial} partial · "
            f"{tokens} tokens · "
            f"{rate:.2f} articles/s{eta}"
        )
        self.stream.write(line.ljust(78))
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class Summarizes(Protocol):
    """What the runner needs of a summarizer: ``Summarizer`` and ``WorkerPool`` both are."""

    async def asummarize(self, article: Article) -> ArticleSummary: ...

    async def acomplete(self, record: ArticleSummary, article: Article) -> ArticleSummary: ...


async def run_batch(
    summarizer: Summarizes,
    inputs: Iterable[Article | InputError],
    *,
    on_record: Callable[[ArticleSummary, Article], None],
    on_failure: Callable[[Failure], None],
    concurrency: int,
    ordered: bool = True,
    resume: Resumed | None = None,
    progress: Progress | None = None,
) -> RunStats:
    """Summarise every input; report each outcome once, in input order when ``ordered``.

    Args:
        on_record: Given each record with the article it summarises (whose text its
            evidence offsets refer to).
        concurrency: Articles in flight at once (the summarizer bounds model calls too).
        resume: What the output already holds (``--resume``): complete lines are
            skipped, partial records completed, duplicates copied.
    """
    stats = RunStats()
    window = max(4 * concurrency, 16)
    in_flight = asyncio.Semaphore(concurrency)
    # Content hash -> the record of its first article, for the duplicates that follow.
    # Bounded: past ORIGINALS_KEPT, the oldest finished ones are forgotten, and a later
    # copy of one is summarised again (from the response cache, normally).
    originals: OrderedDict[str, asyncio.Future[ArticleSummary]] = OrderedDict()
    finished: dict[int, _Finished] = {}
    next_to_report = 0
    turn = asyncio.Condition()

    def report(done: _Finished) -> None:
        outcome, article = done.outcome, done.article
        if isinstance(outcome, ArticleSummary):
            assert article is not None  # a record always comes from an article
            stats.count(outcome, duplicate=done.duplicate)
            on_record(outcome, article)
            if resume is not None and done.supersedes is not None:
                resume.superseded.add(done.supersedes)  # its new line is written now
        elif isinstance(outcome, Failure):
            stats.failed += 1
            stats.unreadable += outcome.unreadable
            on_failure(outcome)
        else:
            stats.skipped += 1
        if progress is not None:
            progress.update(stats)

    async def deliver(index: int, done: _Finished) -> None:
        nonlocal next_to_report
        async with turn:
            if not ordered:
                report(done)
                next_to_report += 1
            else:
                finished[index] = done
                while next_to_report in finished:
                    report(finished.pop(next_to_report))
                    next_to_report += 1
            turn.notify_all()

    def failure(article: Article, error: SummarizerError) -> _Finished:
        return _Finished(Failure(article.id, article.path, str(error)))

    async def summarise(index: int, article: Article) -> None:
        key = article.content_hash
        original = originals.get(key)
        if original is not None:  # the same text earlier in this batch: summarised once
            try:
                record = await asyncio.shield(original)
            except SummarizerError as error:
                await deliver(index, failure(article, error))
                return
            await deliver(index, _Finished(_as_duplicate(record, article), article, True))
            return
        future: asyncio.Future[ArticleSummary] = asyncio.get_running_loop().create_future()
        originals[key] = future
        _forget_oldest(originals, ORIGINALS_KEPT)
        try:
            async with in_flight:
                record = await summarizer.asummarize(article)
        except Exception as error:
            problem = _as_failure(error)
            future.set_exception(problem)
            future.exception()  # retrieved: duplicates may never ask for it
            await deliver(index, failure(article, problem))
            return
        future.set_result(record)
        await deliver(index, _Finished(record, article))

    async def complete(index: int, article: Article, partial: Partial) -> None:
        try:
            async with in_flight:
                record = await summarizer.acomplete(partial.record, article)
        except Exception as error:
            await deliver(index, failure(article, _as_failure(error)))  # the partial line stays
            return
        await deliver(index, _Finished(record, article, supersedes=partial.offset))

    tasks: set[asyncio.Task[None]] = set()

    def start(work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    for index, item in enumerate(inputs):
        stats.articles += 1
        async with turn:  # keep at most `window` articles between the oldest and newest
            await turn.wait_for(lambda i=index: i - next_to_report < window)  # type: ignore[misc]
        if isinstance(item, InputError):
            unreadable = Failure(_input_name(item), None, str(item), unreadable=True)
            await deliver(index, _Finished(unreadable))
            continue
        held = resume.take(item) if resume is not None else None
        if isinstance(held, Done):
            await deliver(index, _Finished(None))
        elif isinstance(held, Duplicate):
            await deliver(index, _Finished(_as_duplicate(held.record, item), item, True))
        elif isinstance(held, Partial):
            start(complete(index, item, held))
        else:
            start(summarise(index, item))
    if tasks:
        await asyncio.gather(*tasks)
    if progress is not None:
        progress.close()
    return stats


@dataclass(frozen=True, slots=True)
class _Finished:
    """One input's outcome, waiting for its turn to be reported."""

    outcome: Outcome
    article: Article | None = None
    duplicate: bool = False
    supersedes: int | None = None  # the offset of the partial line this record replaces


def _as_failure(error: Exception) -> SummarizerError:
    """Our own error as it is; anything else (a bug of ours) as an internal error of that
    article, logged with its traceback, so that the batch goes on and the article is
    listed as failed instead of the batch waiting for it for ever."""
    if isinstance(error, SummarizerError):
        return error
    logger.error("internal error on an article", exc_info=error)
    return SummarizerError(f"internal error ({type(error).__name__}): {_first_line(error)}")


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _forget_oldest(originals: OrderedDict[str, asyncio.Future[ArticleSummary]], keep: int) -> None:
    while len(originals) > keep:
        key, oldest = next(iter(originals.items()))
        if not oldest.done():
            return  # still in flight (it is within the window): forgotten on a later call
        del originals[key]


def _as_duplicate(record: ArticleSummary, article: Article) -> ArticleSummary:
    source = record.source.model_copy(update={"id": article.id, "path": article.path})
    return record.model_copy(update={"source": source})


def _input_name(error: InputError) -> str:
    return str(error).split(":", 1)[0]
