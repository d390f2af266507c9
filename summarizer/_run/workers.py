"""Worker processes for HTTP backends: our own CPU work spread over the machine's cores.

With a remote model the wait is the server's, but rendering prompts, the openai client,
instructor and verification cost tens of milliseconds of CPU per article, all on one
event loop. At high concurrency that loop, not the server, sets the pace. A pool of
worker processes, each with its own Summarizer and event loop, removes that ceiling.

:class:`WorkerPool` has the one method the batch runner needs, ``asummarize``, so the
runner, its ordering and its output stay the same with or without workers. Records and
errors cross the process boundary as JSON and (class name, message).

This process is one of the pool. Where it is safe (Linux, no event loop or other thread
running yet) workers are forked once this process has imported everything a call needs,
so they start in milliseconds and share those modules' memory; elsewhere they are
spawned, and take a few seconds to import openai, instructor and pydantic again, while
the batch's first requests already leave from here.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import logging
import multiprocessing
import multiprocessing.connection
import os
import queue
import signal
import sys
import threading
from dataclasses import replace
from multiprocessing.context import ForkContext, SpawnContext
from multiprocessing.process import BaseProcess
from typing import Any

from summarizer import _errors
from summarizer._read.article import Article
from summarizer._records import ArticleSummary
from summarizer._run.summarizer import Summarizer, completed, warm_up
from summarizer._settings import Settings

logger = logging.getLogger(__name__)

_STOP = None
_READY = "ready"
_HERE = -1  # this process, in the table of articles in hand


class WorkerPool:
    """``processes`` processes summarising with ``settings``, this one included: it
    starts ``processes - 1`` workers and takes its own share of the articles. Each
    process gets an equal share of the concurrency, so the calls in flight never exceed
    it; each article goes to the process with the fewest in hand that is ready."""

    def __init__(self, settings: Settings, processes: int) -> None:
        context = _process_context()
        forked = context.get_start_method() == "fork"
        if forked:
            _prepare_to_fork()
        share = max(1, settings.effective_concurrency // processes)
        worker_settings = replace(settings, concurrency=share)
        self._local = Summarizer(worker_settings)
        self._results: Any = context.Queue()
        self._inboxes: list[Any] = [context.Queue() for _ in range(processes - 1)]
        self._processes: list[BaseProcess] = [
            context.Process(
                target=_work, args=(index, worker_settings, inbox, self._results), daemon=True
            )
            for index, inbox in enumerate(self._inboxes)
        ]
        for process in self._processes:
            process.start()
        # Articles each ready process holds. A forked worker is ready at once; a spawned
        # one joins when it says so, seconds later, and this process works meanwhile.
        self._in_hand: dict[int, int] = {_HERE: 0}
        if forked:
            self._in_hand.update((index, 0) for index in range(processes - 1))
        self._ids = itertools.count()
        self._waiting: dict[int, asyncio.Future[ArticleSummary]] = {}
        # What each request sent to a worker was, so a worker's loss loses no article.
        self._sent: dict[int, tuple[int, Article, tuple[str, ...] | None]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._reader: threading.Thread | None = None
        self._closing = threading.Event()
        self._redoing: set[asyncio.Future[None]] = set()

    async def acomplete(self, record: ArticleSummary, article: Article) -> ArticleSummary:
        """As ``Summarizer.acomplete``: the failed sections asked again, in any process."""
        redo = tuple(failed.section for failed in record.meta.failed)
        if not redo:
            return record
        redone = await self.asummarize(article, sections=redo)
        return completed(record, redone, text=article.text, sections=self._local.registry)

    async def asummarize(
        self, article: Article, *, sections: tuple[str, ...] | None = None
    ) -> ArticleSummary:
        if self._reader is None:
            self._loop = asyncio.get_running_loop()
            self._reader = threading.Thread(target=self._read, daemon=True)
            self._reader.start()
            threading.Thread(target=self._watch, daemon=True).start()
        target = min(self._in_hand, key=self._in_hand.__getitem__)
        self._in_hand[target] += 1
        try:
            if target == _HERE:
                return await self._local.asummarize(article, sections=sections)
            request = next(self._ids)
            future: asyncio.Future[ArticleSummary] = asyncio.get_running_loop().create_future()
            self._waiting[request] = future
            self._sent[request] = (target, article, sections)
            self._inboxes[target].put((request, article.id, article.text, article.path, sections))
            return await future
        finally:
            if target in self._in_hand:  # not a worker lost meanwhile
                self._in_hand[target] -= 1

    def _watch(self) -> None:
        """Tell the event loop when a worker process ends before the pool closes."""
        alive: dict[Any, int] = {p.sentinel: index for index, p in enumerate(self._processes)}
        while alive and not self._closing.is_set():
            for sentinel in multiprocessing.connection.wait(list(alive), timeout=0.5):
                index = alive.pop(sentinel)
                if not self._closing.is_set():
                    assert self._loop is not None
                    self._loop.call_soon_threadsafe(self._lost, index)

    def _lost(self, index: int) -> None:
        """A worker died (killed, out of memory, a crash in native code): it gets no more
        articles, and those it held are summarised here instead."""
        code = self._processes[index].exitcode
        logger.warning("worker process %d exited (code %s); its articles go on here", index, code)
        self._in_hand.pop(index, None)
        self._inboxes[index].cancel_join_thread()  # nobody reads it: exit must not wait
        for request, (target, article, sections) in list(self._sent.items()):
            if target == index:
                future = self._waiting.pop(request)
                del self._sent[request]
                task = asyncio.ensure_future(self._redo(article, sections, future))
                self._redoing.add(task)
                task.add_done_callback(self._redoing.discard)

    async def _redo(
        self,
        article: Article,
        sections: tuple[str, ...] | None,
        future: asyncio.Future[ArticleSummary],
    ) -> None:
        try:
            record = await self._local.asummarize(article, sections=sections)
        except Exception as error:
            if not future.cancelled():
                future.set_exception(error)
        else:
            if not future.cancelled():
                future.set_result(record)

    def _read(self) -> None:
        """Hand each result from the workers to the future waiting for it."""
        while True:
            item = self._results.get()
            if item is _STOP:
                return
            assert self._loop is not None
            if item[0] == _READY:
                self._loop.call_soon_threadsafe(self._in_hand.setdefault, item[1], 0)
                continue
            request, record, error = item
            self._loop.call_soon_threadsafe(self._settle, request, record, error)

    def _settle(self, request: int, record: str | None, error: tuple[str, str] | None) -> None:
        self._sent.pop(request, None)
        future = self._waiting.pop(request, None)
        if future is None or future.cancelled():
            return
        if error is not None:
            future.set_exception(_rebuild(*error))
        else:
            assert record is not None
            future.set_result(ArticleSummary.model_validate_json(record))

    def terminate(self) -> None:
        """Stop the workers now (Ctrl-C): what they hold is abandoned, not handed back."""
        self._closing.set()
        for index, process in enumerate(self._processes):
            self._inboxes[index].cancel_join_thread()
            if process.is_alive():
                process.terminate()  # SIGTERM: a worker ends without a word

    async def aclose(self) -> None:
        self._closing.set()
        await self._local.aclose()
        for index, inbox in enumerate(self._inboxes):
            if self._processes[index].is_alive():
                inbox.put(_STOP)
            else:
                inbox.cancel_join_thread()
        for process in self._processes:
            await asyncio.to_thread(process.join, 30)
            if process.is_alive():  # stuck: this process must still end
                process.kill()
        self._results.put(_STOP)
        if self._reader is not None:
            await asyncio.to_thread(self._reader.join, 5)


def _process_context() -> ForkContext | SpawnContext:
    """fork when safe, else spawn. A forked child shares a copy of this process: fine
    before any event loop or other thread runs (one would be copied mid-step), and only
    on Linux (macOS's system libraries do not survive it)."""
    try:
        asyncio.get_running_loop()
        running = True
    except RuntimeError:
        running = False
    if sys.platform != "linux" or running or threading.active_count() > 1:
        return multiprocessing.get_context("spawn")
    return multiprocessing.get_context("fork")


def _prepare_to_fork() -> None:
    """What forked workers should inherit rather than redo or repeat."""
    warm_up()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # or the children would write out this process's buffered text too
    # The objects that exist now are never collected: the children's copies of their
    # pages stay shared instead of being rewritten by the collector's bookkeeping.
    gc.freeze()


def _rebuild(kind: str, message: str) -> _errors.SummarizerError:
    """The worker's error as the same class here (a plain SummarizerError if unknown)."""
    error_class = getattr(_errors, kind, None)
    if not (isinstance(error_class, type) and issubclass(error_class, _errors.SummarizerError)):
        error_class = _errors.SummarizerError
    error = error_class.__new__(error_class)
    Exception.__init__(error, message)
    return error


def _work(index: int, settings: Settings, inbox: Any, results: Any) -> None:
    """A worker process: summarise what arrives in ``inbox`` until told to stop."""
    # Ctrl-C reaches every process of the terminal's group; the parent alone answers it
    # (it stops the workers and prints the one line), so a worker never prints a
    # traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from summarizer._console import configure_logging

    configure_logging(verbose=False)

    async def serve() -> None:
        loop = asyncio.get_running_loop()
        tasks: set[asyncio.Task[None]] = set()
        async with Summarizer(settings) as summarizer:
            results.put((_READY, index))

            async def one(request: int, article: Article, sections: tuple[str, ...] | None) -> None:
                try:
                    record = await summarizer.asummarize(article, sections=sections)
                except _errors.SummarizerError as error:
                    results.put((request, None, (type(error).__name__, str(error))))
                except Exception as error:  # a bug must not hang the parent's future
                    results.put((request, None, ("SummarizerError", f"internal error: {error}")))
                else:
                    results.put((request, record.model_dump_json(), None))

            while True:
                try:
                    item = await loop.run_in_executor(None, inbox.get)
                except (EOFError, queue.Empty):
                    break
                if item is _STOP:
                    break
                request, article_id, text, path, sections = item
                article = Article(article_id, text, path)
                task = asyncio.create_task(one(request, article, sections))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
            if tasks:
                await asyncio.gather(*tasks)

    asyncio.run(serve())
    # Every result is handed over; tearing down the interpreter's modules would only
    # delay the batch's end (it waits for its workers) by a fraction of a second.
    results.close()
    results.join_thread()
    os._exit(0)
