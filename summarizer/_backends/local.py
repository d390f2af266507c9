"""The in-process model: OpenAI chat completions answered by llama.cpp, no server, no port.

The request's JSON schema becomes a llama.cpp grammar, so the answer always parses.
"""

from __future__ import annotations

import asyncio
import functools
import json
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2

from summarizer._backends.transports import (
    error_response,
    json_payload,
    json_response,
    schema_of,
)
from summarizer._errors import ConfigurationError


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
        payload = json_payload(body)
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
        schema = schema_of(payload)
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
