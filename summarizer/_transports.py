"""HTTP transports: the one seam through which every backend is plugged under the openai client.

The openai client, instructor's re-asks and our parsing run unchanged over each of them:

- ``RetryingTransport`` wraps any other and owns transport retries (429 honouring
  Retry-After, 5xx, timeouts, connection errors), bounded in attempts and in wait;
- ``SchemaFormatTransport`` translates ``json_schema`` response formats for servers that
  only take ``json_object`` with a ``schema`` (llama-cpp-python's server), on their first
  refusal;
- ``LocalModelTransport`` answers chat completions in-process with llama.cpp, constrained
  by the request's JSON schema as a grammar.

Replay and recording live in ``_replay``.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import os
import random
import re
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2

from summarizer._errors import ConfigurationError

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

    Attributes:
        attempts: Total tries of one request, the first included.
        initial_wait: Seconds before the first retry when the server names no delay.
        max_wait: Cap on any single wait, Retry-After included.
        sleep: What waiting means; tests pass a recorder so they never sleep.
    """

    attempts: int = 4
    initial_wait: float = 0.5
    max_wait: float = 30.0
    sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, compare=False)

    def wait_for(self, attempt: int, response: httpx2.Response | None) -> float:
        """Retry-After when the server sent it, else exponential backoff with jitter."""
        if response is not None:
            retry_after = _retry_after_seconds(response.headers.get("retry-after"))
            if retry_after is not None:
                return min(retry_after, self.max_wait)
        backoff = self.initial_wait * 2.0 ** (attempt - 1)
        return float(min(backoff * (0.5 + random.random() / 2), self.max_wait))


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

    After the last attempt the last response is returned (so the openai client raises its
    usual status error) or the last exception re-raised.
    """

    def __init__(self, inner: httpx2.AsyncBaseTransport, policy: RetryPolicy) -> None:
        self.inner = inner
        self.policy = policy

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        body = await request.aread()
        for attempt in range(1, self.policy.attempts + 1):
            last = attempt == self.policy.attempts
            retry_request = _copy_request(request, body)
            try:
                response = await self.inner.handle_async_request(retry_request)
            except (httpx2.TransportError, httpx2.TimeoutException) as error:
                if last:
                    raise
                logger.warning("transport error (%s), retry %d", type(error).__name__, attempt)
                await self.policy.sleep(self.policy.wait_for(attempt, None))
                continue
            if response.status_code == 200 and not await _is_json(response):
                # A proxy's error page with a 200: transient, like a 502, and named so.
                response = error_response(502, "the server's answer was not JSON", request=request)
                response.headers[FAULT_HEADER] = "not-json"
            if response.status_code not in _RETRY_STATUSES or last:
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
        payload = _json_payload(body)
        if payload is None or _schema_of(payload) is None:
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
        payload["response_format"] = {"type": "json_object", "schema": _schema_of(payload)}
        translated = json.dumps(payload).encode()
        return await self.inner.handle_async_request(_copy_request(request, translated))

    async def aclose(self) -> None:
        await self.inner.aclose()


def _json_payload(body: bytes) -> dict[str, Any] | None:
    try:
        payload = json.loads(body)
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None


def _schema_of(payload: dict[str, Any]) -> dict[str, Any] | None:
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


@dataclass(frozen=True)
class LocalModelSettings:
    """How the in-process llama.cpp model runs.

    Attributes:
        model_path: The GGUF file.
        n_ctx: Context window in tokens (article, instructions and answer together).
        seed: Sampling seed; with temperature 0 the same input gives the same record.
        threads: CPU threads; None lets llama.cpp pick.
        reuse_prefix: Keep the evaluated tokens between requests, so a prompt that starts
            like the last one (the same article, another template) skips that part.
            False re-evaluates every prompt whole (for measuring what reuse saves).
    """

    model_path: Path
    n_ctx: int = 8192
    seed: int = 0
    threads: int | None = None
    reuse_prefix: bool = True


class LocalModelTransport(httpx2.AsyncBaseTransport):
    """OpenAI chat completions answered in-process by llama.cpp: no server, no port.

    The model loads on the first request. Calls run one at a time in a worker thread (the
    model is CPU-bound and not thread-safe). llama.cpp keeps the tokens it evaluated last
    and reuses the longest common prefix, and every template starts with the same system
    message and article, so an article is evaluated once for all of its templates.
    """

    # Part of the response cache's key: answers decoded under another grammar (see
    # _json_grammar) are not this transport's answers. Bump it when decoding changes.
    cache_namespace = "llama-grammar-2"

    def __init__(self, settings: LocalModelSettings) -> None:
        self.settings = settings
        self._llama: Any = None
        self._lock = threading.Lock()

    def _model(self) -> Any:
        if self._llama is None:
            try:
                from llama_cpp import Llama
            except ImportError:
                raise ConfigurationError(
                    "the local backend needs llama-cpp-python: pip install 'news-summarizer[local]'"
                ) from None
            self._llama = Llama(
                model_path=str(self.settings.model_path),
                n_ctx=self.settings.n_ctx,
                seed=self.settings.seed,
                n_threads=self.settings.threads or os.cpu_count(),
                verbose=False,
            )
        return self._llama

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        body = await request.aread()
        if request.method == "GET" and request.url.path.endswith("/models"):
            name = self.settings.model_path.stem
            return json_response(200, {"object": "list", "data": [{"id": name}]}, request=request)
        if not request.url.path.endswith("/chat/completions"):
            return error_response(404, f"no such endpoint: {request.url.path}", request=request)
        payload = _json_payload(body)
        if payload is None:
            return error_response(400, "request body is not JSON", request=request)
        completion = await asyncio.to_thread(self._complete, payload)
        return json_response(200, completion, request=request)

    async def aclose(self) -> None:
        with self._lock:
            if self._llama is not None:
                self._llama.close()
                self._llama = None

    def _complete(self, payload: dict[str, Any]) -> dict[str, Any]:
        schema = _schema_of(payload)
        with self._lock:
            llama = self._model()
            grammar = None
            if schema:
                text = "".join(str(m.get("content", "")) for m in payload["messages"])
                east_asian = bool(_EAST_ASIAN.search(text))
                grammar = _json_grammar(json.dumps(schema, sort_keys=True), east_asian)
            if not self.settings.reuse_prefix:
                llama.reset()
            before = list(llama.input_ids[: llama.n_tokens])
            completion: dict[str, Any] = llama.create_chat_completion(
                messages=payload["messages"],
                grammar=grammar,
                temperature=payload.get("temperature", 0.0),
                seed=payload.get("seed", self.settings.seed),
                max_tokens=payload.get("max_tokens") or payload.get("max_completion_tokens"),
            )
            usage = completion.setdefault("usage", {})
            prompt = list(llama.input_ids[: int(usage.get("prompt_tokens") or 0)])
        # As OpenAI reports prompt caching: the prompt tokens not evaluated again.
        usage["prompt_tokens_details"] = {"cached_tokens": _common_prefix(before, prompt)}
        completion["model"] = payload.get("model", completion.get("model"))
        return completion


# llama-cpp-python's schema converter lets a JSON string hold raw control characters:
# its "char" rule is [^"\\] where llama.cpp's own grammars exclude \x00-\x1F. A small
# model then breaks a line inside a string ("metric": "cents per share\n``"), which no
# JSON parser accepts, and every re-ask fails the same way. The rule is narrowed here.
_LAX_CHAR = 'char ::= [^"\\\\] |'
_JSON_CHAR = 'char ::= [^"\\\\\\x7F\\x00-\\x1F] |'
# Qwen models drift into Chinese mid-sentence ("a series of bilateral会议") and, greedy,
# answer a re-ask with the same words. Unless the article itself has East Asian text,
# its characters (CJK, kana, hangul, fullwidth forms) are kept out of strings.
_EAST_ASIAN_RANGES = "\\u2E80-\\u9FFF\\uAC00-\\uD7AF\\uF900-\\uFAFF\\uFF00-\\uFFEF"
_EAST_ASIAN = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


@functools.lru_cache(maxsize=256)
def _json_grammar(schema: str, east_asian: bool = True) -> Any:
    """The grammar that holds the model to ``schema`` (JSON text), strings kept valid and,
    without ``east_asian``, free of East Asian characters."""
    from llama_cpp.llama_grammar import LlamaGrammar, json_schema_to_gbnf

    gbnf = json_schema_to_gbnf(schema)
    # A schema without free text (ids and enums only) has no "char" rule at all.
    if "\nchar ::=" in f"\n{gbnf}" and _LAX_CHAR not in gbnf:
        raise ConfigurationError("llama-cpp-python's JSON grammar changed; update _LAX_CHAR")
    char = _JSON_CHAR if east_asian else _JSON_CHAR.replace("] |", f"{_EAST_ASIAN_RANGES}] |")
    return LlamaGrammar.from_string(gbnf.replace(_LAX_CHAR, char), verbose=False)


def _common_prefix(first: list[int], second: list[int]) -> int:
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    # llama.cpp evaluates the last prompt token again even on a full match.
    return min(length, max(len(second) - 1, 0))
