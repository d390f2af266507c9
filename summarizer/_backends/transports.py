"""HTTP transports: the one seam through which every backend is plugged under the openai client.

The openai client, instructor's re-asks and our parsing run unchanged over each of them:

- ``RetryingTransport`` wraps any other and owns transport retries (429 honouring
  Retry-After, 5xx, timeouts, connection errors), bounded in attempts and in wait;
- ``SchemaFormatTransport`` translates ``json_schema`` response formats for servers that
  only take ``json_object`` with a ``schema`` (llama-cpp-python's server), on their first
  refusal;

The in-process model (``local``), replay and recording (``replay``) and the response
cache (``cache``) are transports too, each in its own module.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx2

logger = logging.getLogger(__name__)

# Headers our own code sets on each request so transports know what it is for. Servers
# ignore them; recordings keep them as metadata, never as headers.
ARTICLE_HEADER = "x-summarizer-article"
TEMPLATE_HEADER = "x-summarizer-template"
TEMPLATE_HASH_HEADER = "x-summarizer-template-hash"
PREAMBLE_HASH_HEADER = "x-summarizer-preamble-hash"
# Set on an error response the retrying transport made itself, saying what it stands for.
FAULT_HEADER = "x-summarizer-fault"

_RETRY_STATUSES = frozenset({408, 409, 425, 429, 500, 502, 503, 504})


def json_response(status: int, body: Any, *, request: httpx2.Request) -> httpx2.Response:
    return httpx2.Response(status, json=body, request=request)


def error_response(status: int, message: str, *, request: httpx2.Request) -> httpx2.Response:
    return json_response(
        status, {"error": {"message": message, "type": "server_error"}}, request=request
    )


@dataclass(frozen=True)
class RetryPolicy:
    """Transport retries: which failures, how many times, how long to wait.

    The defaults ride out an outage of about a minute: eight tries of a request, waits
    doubling from 0.5 s with jitter and capped at 30 s (at most about 62 s of waiting in
    all). Retry-After is honoured up to the same cap. A run's retries of server errors,
    timeouts and dropped connections are bounded too (``run_retries``, see
    ``RetryBudget``), so a server that stays down fails sections quickly instead of
    every request waiting out its eight tries; rate limits (429) are the server pacing
    us and are not charged to that budget.

    Attributes:
        attempts: Total tries of one request, the first included.
        initial_wait: Seconds before the first retry when the server names no delay.
        max_wait: Cap on any single wait, Retry-After included.
        run_retries: Retries of server errors a run may make before its successes have
            earned more (one per ``successes_per_retry`` successful requests).
        successes_per_retry: Successful requests that earn the run one more retry.
        sleep: What waiting means; tests pass a recorder so they never sleep.
    """

    attempts: int = 8
    initial_wait: float = 0.5
    max_wait: float = 30.0
    run_retries: int = 100
    successes_per_retry: int = 10
    sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, compare=False)

    def wait_for(self, attempt: int, response: httpx2.Response | None) -> float:
        """Retry-After when the server sent it, else exponential backoff with jitter."""
        if response is not None:
            retry_after = _retry_after_seconds(response.headers.get("retry-after"))
            if retry_after is not None:
                return min(retry_after, self.max_wait)
        backoff = self.initial_wait * 2.0 ** (attempt - 1)
        return float(min(backoff * (0.5 + random.random() / 2), self.max_wait))


class RetryBudget:
    """The retries of server errors one run (one process) has left, as the AWS SDKs'
    retry quota works: each retry spends one, each successful request earns back a
    fraction, up to the starting amount. In a long outage the budget runs out and
    failures surface at once (the section is listed in ``meta.failed``; ``--resume``
    redoes it) instead of thousands of requests each retrying for a minute."""

    def __init__(self, policy: RetryPolicy) -> None:
        self._capacity = float(policy.run_retries)
        self._earned = 1.0 / max(1, policy.successes_per_retry)
        self._left = self._capacity

    def spend(self) -> bool:
        """Take one retry from the budget; False when none is left."""
        if self._left < 1.0:
            return False
        self._left -= 1.0
        return True

    def earn(self) -> None:
        self._left = min(self._capacity, self._left + self._earned)


def _retry_after_seconds(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class RetryingTransport(httpx2.AsyncBaseTransport):
    """Retries transient failures of ``inner``; the openai client itself is set to 0 retries.

    After the last attempt (or when the run's ``RetryBudget`` is spent) the last response
    is returned, so the openai client raises its usual status error, or the last
    exception re-raised.
    """

    def __init__(
        self,
        inner: httpx2.AsyncBaseTransport,
        policy: RetryPolicy,
        *,
        budget: RetryBudget | None = None,
    ) -> None:
        self.inner = inner
        self.policy = policy
        self.budget = budget or RetryBudget(policy)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        body = await request.aread()
        for attempt in range(1, self.policy.attempts + 1):
            last = attempt == self.policy.attempts
            retry_request = _copy_request(request, body)
            try:
                response = await self.inner.handle_async_request(retry_request)
            except (httpx2.TransportError, httpx2.TimeoutException) as error:
                if last or not self.budget.spend():
                    raise
                logger.warning("transport error (%s), retry %d", type(error).__name__, attempt)
                await self.policy.sleep(self.policy.wait_for(attempt, None))
                continue
            if response.status_code == 200 and not await _is_json(response):
                # A proxy's error page with a 200: transient, like a 502, and named so.
                response = error_response(502, "the server's answer was not JSON", request=request)
                response.headers[FAULT_HEADER] = "not-json"
            if response.status_code < 400:
                self.budget.earn()
            if response.status_code not in _RETRY_STATUSES or last:
                return response
            # The server pacing us (429) is not a fault of the run's to budget for.
            if response.status_code != 429 and not self.budget.spend():
                return response
            await response.aread()
            wait = self.policy.wait_for(attempt, response)
            logger.warning("HTTP %d, retry %d in %.2fs", response.status_code, attempt, wait)
            await response.aclose()
            await self.policy.sleep(wait)
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def aclose(self) -> None:
        await self.inner.aclose()


async def _is_json(response: httpx2.Response) -> bool:
    """Whether the body is a JSON object or array, by its first character: the client
    parses it anyway, and an error page starts with ``<`` or with words."""
    content = await response.aread()
    return content.lstrip()[:1] in (b"{", b"[")


def _copy_request(request: httpx2.Request, body: bytes) -> httpx2.Request:
    """A fresh request with ``body``: a sent request's stream can be read only once."""
    headers = httpx2.Headers(request.headers)
    headers["content-length"] = str(len(body))
    return httpx2.Request(
        request.method, request.url, headers=headers, content=body, extensions=request.extensions
    )


class SchemaFormatTransport(httpx2.AsyncBaseTransport):
    """Sends ``json_schema`` response formats; falls back to ``json_object`` + ``schema``.

    OpenAI, vLLM, Ollama and llama.cpp's server take ``json_schema``; llama-cpp-python's
    server refuses it (HTTP 500, naming the field) and takes
    ``{"type": "json_object", "schema": ...}``.
    The first such refusal switches this transport to the second form for good.
    """

    def __init__(self, inner: httpx2.AsyncBaseTransport) -> None:
        self.inner = inner
        self.use_json_object = False

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        body = await request.aread()
        payload = json_payload(body)
        if payload is None or schema_of(payload) is None:
            return await self.inner.handle_async_request(_copy_request(request, body))
        if not self.use_json_object:
            response = await self.inner.handle_async_request(_copy_request(request, body))
            if response.status_code < 400:
                return response
            await response.aread()
            # llama-cpp-python's server answers 500 (not 4xx) with a validation error that
            # names the field; any error that names both is a refusal of the format.
            if "response_format" not in response.text or "json_schema" not in response.text:
                return response
            logger.info("server refused json_schema; switching to json_object with a schema")
            self.use_json_object = True
        payload["response_format"] = {"type": "json_object", "schema": schema_of(payload)}
        translated = json.dumps(payload).encode()
        return await self.inner.handle_async_request(_copy_request(request, translated))

    async def aclose(self) -> None:
        await self.inner.aclose()


def json_payload(body: bytes) -> dict[str, Any] | None:
    try:
        payload = json.loads(body)
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None


def schema_of(payload: dict[str, Any]) -> dict[str, Any] | None:
    response_format = payload.get("response_format")
    if not isinstance(response_format, dict):
        return None
    if response_format.get("type") == "json_schema":
        schema = response_format.get("json_schema", {}).get("schema")
        return schema if isinstance(schema, dict) else None
    if response_format.get("type") == "json_object":
        schema = response_format.get("schema")
        return schema if isinstance(schema, dict) else None
    return None
