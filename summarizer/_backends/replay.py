"""Recorded model traffic: recording live calls, and replaying them as a backend.

One readable JSON file per (article, template): ``<dir>/<article>/<template>.json``. It
holds every exchange of that call, re-asks included, each keyed on a hash of the whole
request body (messages, schema, model, parameters), so an edited prompt or schema can
never replay an old answer. It holds no headers at all, hence no secrets.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import httpx2

from summarizer._backends.transports import (
    ARTICLE_HEADER,
    PREAMBLE_HASH_HEADER,
    TEMPLATE_HASH_HEADER,
    TEMPLATE_HEADER,
    json_payload,
    json_response,
    schema_of,
)
from summarizer._errors import RecordingMissingError

# Request fields that are model settings: a change to any of them makes a recording stale.
SETTING_FIELDS = ("model", "temperature", "seed", "max_tokens", "top_p")


def canonical_hash(value: Any) -> str:
    """sha256 (16 hex digits) of ``value`` as canonical JSON."""
    encoded = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).hexdigest()[:16]


def schema_hash(payload: dict[str, Any]) -> str:
    return canonical_hash(schema_of(payload))


def settings_of(payload: dict[str, Any]) -> dict[str, Any]:
    return {name: payload.get(name) for name in SETTING_FIELDS}


def _article_message(payload: dict[str, Any]) -> str:
    """The message carrying the article: the first user message (see prompts/_preamble)."""
    for message in payload.get("messages", []):
        if message.get("role") == "user":
            return str(message.get("content", ""))
    return ""


def library_versions() -> dict[str, str]:
    versions = {}
    for name in ("news-summarizer", "openai", "instructor", "pydantic", "llama-cpp-python"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


@dataclass(frozen=True, slots=True)
class RequestIdentity:
    """What a request is made of, as a recording stores it: a recording is fresh while a
    new request has the same identity. Replay and ``fixtures check`` compare through it."""

    template_hash: str | None
    preamble_hash: str | None
    schema_hash: str
    settings: dict[str, Any]
    article_hash: str

    @classmethod
    def of(cls, request: httpx2.Request, payload: dict[str, Any]) -> RequestIdentity:
        return cls(
            template_hash=request.headers.get(TEMPLATE_HASH_HEADER),
            preamble_hash=request.headers.get(PREAMBLE_HASH_HEADER),
            schema_hash=schema_hash(payload),
            settings=settings_of(payload),
            article_hash=canonical_hash(_article_message(payload)),
        )

    def difference(self, recording: dict[str, Any], *, template: str) -> str | None:
        """The first way ``recording`` was made from another request, in words; None if none.

        Args:
            recording: A recording file's data.
            template: How to name the template in the answer (its name or path).
        """
        if self.template_hash != recording.get("template_hash"):
            if self.preamble_hash != recording.get("preamble_hash"):
                return "the shared preamble changed (_preamble.toml, used by every template)"
            return f"the template changed ({template})"
        if self.schema_hash != recording.get("schema_hash"):
            return "the schema changed"
        recorded = recording.get("settings", {})
        changed = [
            f"{name} {recorded.get(name)!r} -> {value!r}"
            for name, value in self.settings.items()
            if recorded.get(name) != value
        ]
        if changed:
            return "the model settings changed (" + ", ".join(changed) + ")"
        if self.article_hash != recording.get("article_hash"):
            return "the article text changed"
        return None


@dataclass(frozen=True, slots=True)
class RecordingKey:
    article: str
    template: str

    def path(self, directory: Path) -> Path:
        return directory / self.article / f"{self.template}.json"


def _key_of(request: httpx2.Request) -> RecordingKey:
    return RecordingKey(
        article=request.headers.get(ARTICLE_HEADER, "unknown"),
        template=request.headers.get(TEMPLATE_HEADER, "unknown"),
    )


def load_recording(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return data if isinstance(data, dict) else None


_RECENT_RECORDINGS = 256


class ReplayTransport(httpx2.AsyncBaseTransport):
    """Serves recorded responses; a request no recording matches is an error, never a live call."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        # The recordings read lately (an article's re-asks come back to the same file);
        # bounded, so replaying a corpus does not hold the whole corpus.
        self._cache: OrderedDict[Path, dict[str, Any] | None] = OrderedDict()
        self.served: set[tuple[RecordingKey, str]] = set()

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        payload = json_payload(await request.aread()) or {}
        key = _key_of(request)
        path = key.path(self.directory)
        if path not in self._cache:
            self._cache[path] = load_recording(path)
            if len(self._cache) > _RECENT_RECORDINGS:
                self._cache.popitem(last=False)
        recording = self._cache[path]
        request_hash = canonical_hash(payload)
        template_hash = request.headers.get(TEMPLATE_HASH_HEADER)
        if recording is not None and template_hash != recording.get("template_hash"):
            # Any edit of the template file counts, even one that renders the same prompt:
            # the recording says which template produced it, and `fixtures check` agrees.
            recording = {**recording, "exchanges": []}
        for exchange in (recording or {}).get("exchanges", []):
            if exchange.get("request_hash") == request_hash:
                self.served.add((key, request_hash))
                response = exchange["response"]
                return json_response(response["status"], response["body"], request=request)
        raise RecordingMissingError(
            article=key.article,
            template=key.template,
            reason=self._difference(recording, payload, request),
        )

    def _difference(
        self, recording: dict[str, Any] | None, payload: dict[str, Any], request: httpx2.Request
    ) -> str:
        """What differs from the recording of this (article, template), in words."""
        if recording is None:
            if not (self.directory / _key_of(request).article).is_dir():
                return "the article is new (no recordings for it)"
            return "no recording for this template"
        identity = RequestIdentity.of(request, payload)
        difference = identity.difference(recording, template=_key_of(request).template)
        if difference is not None:
            return difference
        return "the conversation diverged from the recording (a re-ask it does not hold)"


class RecordingTransport(httpx2.AsyncBaseTransport):
    """Passes requests to a live transport and writes every exchange to its recording file."""

    def __init__(self, inner: httpx2.AsyncBaseTransport, directory: Path, *, backend: str) -> None:
        self.inner = inner
        self.directory = directory
        self.backend = backend
        self._sequences: dict[RecordingKey, list[dict[str, Any]]] = {}

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        body = await request.aread()
        payload = json_payload(body) or {}
        response = await self.inner.handle_async_request(request)
        response_body = json.loads(await response.aread() or b"null")
        key = _key_of(request)
        is_first_attempt = not any(
            m.get("role") == "assistant" for m in payload.get("messages", [])
        )
        if is_first_attempt or key not in self._sequences:
            self._sequences[key] = []
        self._sequences[key].append(
            {
                "request_hash": canonical_hash(payload),
                "request": payload,
                "response": {"status": response.status_code, "body": response_body},
            }
        )
        self._write(key, request, payload)
        return httpx2.Response(response.status_code, json=response_body, request=request)

    def _write(self, key: RecordingKey, request: httpx2.Request, payload: dict[str, Any]) -> None:
        recording = {
            "article": key.article,
            "template": key.template,
            **asdict(RequestIdentity.of(request, payload)),
            "backend": self.backend,
            "versions": library_versions(),
            "exchanges": self._sequences[key],
        }
        path = key.path(self.directory)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(recording, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )

    async def aclose(self) -> None:
        await self.inner.aclose()
