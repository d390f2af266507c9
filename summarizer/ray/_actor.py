"""The Ray Data actor: one Summarizer, each batch's articles summarised concurrently.

Ray Data runs an async ``__call__`` on one event loop per actor, several batches at a
time; the Summarizer bounds the model calls in flight on that loop, across them all.
Every article becomes a row, whatever happens to it: a failure is the row's ``error``,
never an exception, since one exception out of a batch fails the whole job (ray #59194,
#52449). Ray has no timeout for a batch (ray #45661), so each article has its own.
"""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import replace
from typing import Any

import pyarrow as pa

from summarizer._console import configure_logging
from summarizer._errors import InputError, SummarizerError
from summarizer._read.article import Article, read_article
from summarizer._run.summarizer import Summarizer
from summarizer._settings import Settings
from summarizer.ray._resume import DoneIndex
from summarizer.ray._rows import ArticleRow, rows_table

logger = logging.getLogger(__name__)

# The variable the API key reaches the actors in, set by Ray's runtime environment: the
# key is never part of the pickled settings, which Ray stores and ships with the job.
API_KEY_VARIABLE = "OPENAI_API_KEY"


class ArticleActor:
    """Summarises the rows of each batch it is given; see ``summarize_dataset``.

    Args:
        settings: The settings, without an API key (it comes from the environment).
        article_timeout: Seconds one article may take, all its calls and retries
            included; None: no limit.
        done: Articles already summarised (resume): their rows are ``skipped``.
        verbose: Log retries and re-asks, as ``summarize -v`` does.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        article_timeout: float | None,
        done: DoneIndex | None = None,
        verbose: bool = False,
    ) -> None:
        configure_logging(verbose=verbose)
        key = os.environ.get(API_KEY_VARIABLE)
        self._summarizer = Summarizer(replace(settings, api_key=key) if key else settings)
        self._timeout = article_timeout
        self._done = done

    async def __call__(self, batch: pa.Table) -> pa.Table:
        rows = await asyncio.gather(*(self._one(row) for row in batch.to_pylist()))
        return rows_table(list(rows))

    async def _one(self, row: dict[str, Any]) -> ArticleRow:
        given_id, path = _text_or_none(row.get("id")), _text_or_none(row.get("path"))
        if row.get("error"):  # an input its reader could not read
            return ArticleRow(given_id, path, None, "unreadable", error=str(row["error"]))
        try:
            article = _article(row, given_id, path)
        except InputError as error:
            return ArticleRow(given_id, path, None, "unreadable", error=str(error))
        key = article.content_hash
        if self._done is not None and self._done.contains(key):
            return ArticleRow(article.id, article.path, key, "skipped")
        try:
            async with asyncio.timeout(self._timeout):
                record = await self._summarizer.asummarize(article)
        except TimeoutError:
            message = f"no record within {self._timeout:g} s (article_timeout); its calls stopped"
            return ArticleRow(article.id, article.path, key, "failed", error=message)
        except SummarizerError as error:
            return ArticleRow(article.id, article.path, key, "failed", error=str(error))
        except Exception as error:  # a bug in one article must not fail the whole job
            logger.exception("internal error on article %s", article.id)
            message = f"internal error: {type(error).__name__}: {error}"
            return ArticleRow(article.id, article.path, key, "failed", error=message)
        return ArticleRow.of_record(record)


def _article(row: dict[str, Any], given_id: str | None, path: str | None) -> Article:
    """The row's article: its text, or else the file at its path, read on this node."""
    text = row.get("text")
    if isinstance(text, str):
        return Article.from_text(text, id=given_id, path=path)
    if path is None:
        raise InputError(f"{given_id or 'row'}: a row needs a 'text' or a 'path'")
    article = read_article(path)
    return replace(article, id=given_id) if given_id else article


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)
