"""A content-addressed cache of model responses, as a transport.

The key is the endpoint plus the whole request body (model, messages, schema, sampling
settings), hashed: a changed prompt, schema or setting is a new key, never a stale hit. A
transport that decodes in-process names how (``cache_namespace``: the embedded model's
grammar), which is part of the key too.
Only complete answers are kept (HTTP 200, every choice finished with ``stop``), and only
their bodies: no headers, so no keys. Entries are written to a temporary file and renamed,
so concurrent runs and crashes never leave half an entry behind.

Hits are counted per article (from our request header) so records and runs can say how
many calls and tokens the cache saved.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2

from summarizer._backends.transports import ARTICLE_HEADER, json_response

logger = logging.getLogger(__name__)


def default_response_cache() -> Path:
    configured = os.environ.get("SUMMARIZER_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "news-summarizer" / "responses"


@dataclass
class CacheHits:
    """What the cache answered for one article."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0


class CachingTransport(httpx2.AsyncBaseTransport):
    """Answers repeated requests from ``directory``; counts hits per article in ``hits``."""

    def __init__(
        self, inner: httpx2.AsyncBaseTransport, directory: Path, hits: dict[str, CacheHits]
    ) -> None:
        self._inner = inner
        self._directory = directory
        self._hits = hits
        self._namespace = str(getattr(inner, "cache_namespace", "")).encode()

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if request.method != "POST" or not request.url.path.endswith("/chat/completions"):
            return await self._inner.handle_async_request(request)
        body = await request.aread()
        path = self._path(str(request.url), body)
        cached = _load(path)
        if cached is not None:
            self._count(request.headers.get(ARTICLE_HEADER, ""), cached)
            return json_response(200, cached, request=request)
        response = await self._inner.handle_async_request(request)
        if response.status_code != 200:
            return response
        content = await response.aread()
        try:
            answer = json.loads(content)
        except json.JSONDecodeError:
            answer = None
        if _complete(answer):
            _store(path, content)
        return httpx2.Response(200, content=content, headers=response.headers, request=request)

    def _path(self, url: str, body: bytes) -> Path:
        key = self._namespace + b"\n" + url.encode() + b"\n" + _canonical(body)
        digest = hashlib.sha256(key).hexdigest()
        return self._directory / digest[:2] / f"{digest}.json"

    def _count(self, article: str, answer: dict[str, Any]) -> None:
        hits = self._hits.setdefault(article, CacheHits())
        usage = answer.get("usage") or {}
        hits.calls += 1
        hits.prompt_tokens += int(usage.get("prompt_tokens") or 0)
        hits.completion_tokens += int(usage.get("completion_tokens") or 0)

    async def aclose(self) -> None:
        await self._inner.aclose()


def _canonical(body: bytes) -> bytes:
    """The request body with its keys sorted, so equal requests hash equally."""
    try:
        return json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except json.JSONDecodeError:
        return body


def _complete(answer: Any) -> bool:
    if not isinstance(answer, dict):
        return False
    choices = answer.get("choices")
    return (
        isinstance(choices, list)
        and bool(choices)
        and all(isinstance(c, dict) and c.get("finish_reason") == "stop" for c in choices)
    )


def _load(path: Path) -> dict[str, Any] | None:
    try:
        answer = json.loads(path.read_bytes())
    except (OSError, json.JSONDecodeError):
        return None  # absent, or damaged by hand: ask the model again
    return answer if _complete(answer) else None


def _store(path: Path, content: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except OSError as error:
        # A cache that cannot be written makes a slower run, not a failed one.
        logger.warning("response cache %s: cannot write (%s)", path.parent, error.strerror)
