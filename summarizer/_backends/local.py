"""The in-process model: OpenAI chat completions answered by llama.cpp, no server, no port.

The request's JSON schema becomes a llama.cpp grammar, so the answer always parses. At
temperature 0 the answer is decoded by ``GreedyDecoder`` (the grammar checked lazily and,
when asked, drafts taken from the prompt); other temperatures go through llama-cpp-python's
sampler.
"""

from __future__ import annotations

import asyncio
import functools
import json
import os
import re
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx2

from summarizer._backends.transports import (
    error_response,
    json_payload,
    json_response,
    schema_of,
)
from summarizer._errors import ConfigurationError

if TYPE_CHECKING:  # numpy and llama-cpp-python come with the "local" extra
    from summarizer._backends.decoding import Decoded, GreedyDecoder
    from summarizer._backends.llama_model import LlamaTokenModel


@dataclass(frozen=True)
class LocalModelSettings:
    """How the in-process llama.cpp model runs.

    Attributes:
        model_path: The GGUF file.
        n_ctx: Context window in tokens (article, instructions and answer together).
        seed: Sampling seed; with temperature 0 the same input gives the same record.
        threads: CPU threads; None takes one per physical core this process may use.
        reuse_prefix: Keep the evaluated tokens between requests, so a prompt that starts
            like the last one (the same article, another template) skips that part.
            False re-evaluates every prompt whole (for measuring what reuse saves).
        draft_tokens: Greedy decoding: tokens guessed from the prompt per step (0: none;
            ``decoding.DRAFT_TOKENS`` suits two cores). Off by default: its answers can
            differ from plain greedy decoding at near-ties (see ``decoding``).
    """

    model_path: Path
    n_ctx: int = 8192
    seed: int = 0
    threads: int | None = None
    reuse_prefix: bool = True
    draft_tokens: int = 0


class LocalModelTransport(httpx2.AsyncBaseTransport):
    """OpenAI chat completions answered in-process by llama.cpp: no server, no port.

    The model loads on the first request. Calls run one at a time in a worker thread (the
    model is CPU-bound and not thread-safe). llama.cpp keeps the tokens it evaluated last
    and reuses the longest common prefix, and every template starts with the same system
    message and article, so an article is evaluated once for all of its templates.
    """

    def __init__(self, settings: LocalModelSettings) -> None:
        self.settings = settings
        # Part of the response cache's key: answers decoded under another grammar (see
        # _json_grammar) are not this transport's answers; bump it when decoding changes.
        # The lazy grammar gives llama-cpp-python's answers token for token, so its
        # answers stay cached; drafted ones may differ, and are cached apart.
        # 3: the grammar keeps the schema's key order (grammar_for).
        self.cache_namespace = "llama-grammar-3"
        if settings.draft_tokens > 0:
            self.cache_namespace += f"-draft{settings.draft_tokens}"
        self._llama: Any = None
        self._tokens: LlamaTokenModel | None = None
        self._decoder: GreedyDecoder | None = None
        self._chat: Any = None
        self._lock = threading.Lock()

    def _model(self) -> Any:
        if self._llama is None:
            try:
                from llama_cpp import Llama

                from summarizer._backends.decoding import GreedyDecoder
                from summarizer._backends.llama_model import LlamaTokenModel
            except ImportError:
                raise ConfigurationError(
                    "the local backend needs llama-cpp-python: pip install 'news-summarizer[local]'"
                ) from None
            threads = self.settings.threads or physical_cores()
            self._llama = Llama(
                model_path=str(self.settings.model_path),
                n_ctx=self.settings.n_ctx,
                seed=self.settings.seed,
                n_threads=threads,
                n_threads_batch=threads,
                verbose=False,
            )
            self._tokens = LlamaTokenModel(self._llama, max_batch=self.settings.draft_tokens + 1)
            self._decoder = GreedyDecoder(self._tokens, draft_tokens=self.settings.draft_tokens)
            self._chat = _chat_template(self._llama)
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
            if self._tokens is not None:
                self._tokens.close()
                self._tokens = self._decoder = None
            if self._llama is not None:
                self._llama.close()
                self._llama = None

    def _complete(self, payload: dict[str, Any]) -> dict[str, Any]:
        grammar = grammar_for(payload)
        with self._lock:
            self._model()
            if not self.settings.reuse_prefix:
                self._kept_decoder().forget()
            if not payload.get("temperature") and self._chat is not None:
                completion = self._greedy(payload, grammar)
            else:
                completion = self._sampled(payload, grammar)
        completion["model"] = payload.get("model", completion.get("model"))
        return completion

    def _kept_decoder(self) -> GreedyDecoder:
        assert self._decoder is not None, "the model is loaded first"
        return self._decoder

    def _greedy(self, payload: dict[str, Any], grammar: str | None) -> dict[str, Any]:
        from summarizer._backends.llama_model import GrammarConstraint

        decoder, tokens = self._kept_decoder(), self._tokens
        assert tokens is not None, "the model is loaded first"
        formatted = self._chat(messages=payload["messages"])
        prompt = self._llama.tokenize(
            formatted.prompt.encode("utf-8"), add_bos=not formatted.added_special, special=True
        )
        stops = formatted.stop if isinstance(formatted.stop, list) else [formatted.stop]
        options: dict[str, Any] = {
            "max_tokens": _max_tokens(payload) or decoder.model.n_ctx,
            "stop": tuple(s.encode("utf-8") for s in stops if s),
        }
        if grammar is None:
            decoded = decoder.decode(prompt, **options)
        else:
            with GrammarConstraint(tokens, grammar) as constraint:
                decoded = decoder.decode(prompt, constraint=constraint, **options)
        return _chat_completion(decoded)

    def _sampled(self, payload: dict[str, Any], grammar: str | None) -> dict[str, Any]:
        """llama-cpp-python's own path, on the tokens the decoder keeps evaluated."""
        from llama_cpp.llama_grammar import LlamaGrammar

        from summarizer._backends.decoding import common_prefix

        llama, decoder = self._llama, self._kept_decoder()
        before = decoder.kept
        llama.input_ids[: len(before)] = before
        llama.n_tokens = len(before)
        llama._requires_eval = True  # its logits are the decoder's last, not its own
        completion: dict[str, Any] = llama.create_chat_completion(
            messages=payload["messages"],
            grammar=None if grammar is None else LlamaGrammar.from_string(grammar, verbose=False),
            temperature=payload.get("temperature", 0.0),
            seed=payload.get("seed", self.settings.seed),
            max_tokens=_max_tokens(payload),
        )
        decoder.kept = [int(t) for t in llama.input_ids[: llama.n_tokens]]
        usage = completion.setdefault("usage", {})
        prompt = decoder.kept[: int(usage.get("prompt_tokens") or 0)]
        # As OpenAI reports prompt caching: the prompt tokens not evaluated again.
        cached = min(common_prefix(before, prompt), max(len(prompt) - 1, 0))
        usage["prompt_tokens_details"] = {"cached_tokens": cached}
        return completion


def physical_cores() -> int:
    """The physical cores this process may run on: llama.cpp's decoding is bound by
    memory and arithmetic units, which a core's second hardware thread shares."""
    try:
        cpus = os.sched_getaffinity(0)
    except AttributeError:  # not on Linux
        return max(1, (os.cpu_count() or 2) // 2)
    cores = set()
    for cpu in cpus:
        topology = Path(f"/sys/devices/system/cpu/cpu{cpu}/topology")
        try:
            package = (topology / "physical_package_id").read_text().strip()
            core = (topology / "core_id").read_text().strip()
        except OSError:
            return len(cpus)
        cores.add((package, core))
    return max(1, len(cores))


def _max_tokens(payload: dict[str, Any]) -> int | None:
    value = payload.get("max_tokens") or payload.get("max_completion_tokens")
    return int(value) if value else None


def _chat_template(llama: Any) -> Any:
    """The chat formatter llama-cpp-python uses for this model when it is the model's own
    Jinja template (None otherwise: such models answer through llama-cpp-python)."""
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    if llama.chat_handler is not None or llama.chat_format != "chat_template.default":
        return None
    model = llama._model
    eos, bos = llama.token_eos(), llama.token_bos()
    return Jinja2ChatFormatter(
        template=llama.metadata["tokenizer.chat_template"],
        eos_token=model.token_get_text(eos) if eos != -1 else "",
        bos_token=model.token_get_text(bos) if bos != -1 else "",
        stop_token_ids=[eos],
    )


def _chat_completion(decoded: Decoded) -> dict[str, Any]:
    prompt, completion = decoded.prompt_tokens, len(decoded.tokens)
    return {
        "id": f"chatcmpl-{uuid.uuid4()}",
        "object": "chat.completion",
        "created": int(time.time()),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": decoded.text},
                "logprobs": None,
                "finish_reason": decoded.finish_reason,
            }
        ],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
            # As OpenAI reports prompt caching: the prompt tokens not evaluated again.
            "prompt_tokens_details": {"cached_tokens": decoded.cached_tokens},
        },
    }


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


def grammar_for(payload: dict[str, Any]) -> str | None:
    """The grammar for a request's JSON schema (None without one). The schema's own key
    order is kept: the grammar writes an object's required properties in that order
    (llama.cpp's converter puts optional ones after them), and the order is part of the
    prompt's design (a lede before the points that follow it, a name before its title).
    Sorted keys once made the model write every answer's fields alphabetically: the
    figure first and the key points before the lede."""
    schema = schema_of(payload)
    if not schema:
        return None
    text = "".join(str(m.get("content", "")) for m in payload["messages"])
    return _json_grammar(json.dumps(schema), bool(_EAST_ASIAN.search(text)))


@functools.lru_cache(maxsize=256)
def _json_grammar(schema: str, east_asian: bool = True) -> str:
    """The GBNF grammar that holds the model to ``schema`` (JSON text), strings kept valid
    and, without ``east_asian``, free of East Asian characters."""
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    gbnf: str = json_schema_to_gbnf(schema)
    # A schema without free text (ids and enums only) has no "char" rule at all.
    if "\nchar ::=" in f"\n{gbnf}" and _LAX_CHAR not in gbnf:
        raise ConfigurationError("llama-cpp-python's JSON grammar changed; update _LAX_CHAR")
    char = _JSON_CHAR if east_asian else _JSON_CHAR.replace("] |", f"{_EAST_ASIAN_RANGES}] |")
    return gbnf.replace(_LAX_CHAR, char)
