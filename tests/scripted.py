"""A scripted backend: the real openai + instructor stack over an httpx2 MockTransport."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import httpx2

from summarizer._backends.transports import TEMPLATE_HEADER


def completion(
    content: str | dict[str, Any],
    *,
    finish_reason: str = "stop",
    prompt_tokens: int = 100,
    completion_tokens: int = 20,
) -> dict[str, Any]:
    """An OpenAI chat completion whose message is ``content`` (a dict is sent as JSON)."""
    text = content if isinstance(content, str) else json.dumps(content)
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": "scripted",
        "choices": [
            {
                "index": 0,
                "finish_reason": finish_reason,
                "message": {"role": "assistant", "content": text},
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


@dataclass
class Script:
    """Answers per template: a list of responses served in order (the last one repeats).

    Each response is a completion dict, or an ``httpx2.Response`` (for 429s and 5xx).
    ``requests`` keeps every request body seen, per template.
    """

    answers: dict[str, list[Any]]
    requests: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def handler(self, request: httpx2.Request) -> httpx2.Response:
        template = request.headers.get(TEMPLATE_HEADER, "")
        seen = self.requests.setdefault(template, [])
        seen.append(json.loads(request.content))
        answers = self.answers[template]
        answer = answers[min(len(seen), len(answers)) - 1]
        if isinstance(answer, httpx2.Response):
            return answer
        return httpx2.Response(200, json=answer)

    def transport(self) -> httpx2.MockTransport:
        return httpx2.MockTransport(self.handler)


def script(**answers: Any) -> Script:
    """``script(people=[completion(...), completion(...)], summary=completion(...))``."""
    return Script({k: v if isinstance(v, list) else [v] for k, v in answers.items()})
