"""A loopback OpenAI-compatible server with a fixed latency and plausible answers.

    python bench/stub_server.py --port 8099 --latency 0.5

Answers every section's request with JSON that validates: the names the prompt lists as
candidates, the figure and quote ids its schema allows, a fixed summary. So a benchmark
exercises our whole stack (rendering, openai, instructor, verification, records) and the
only cost that is not ours is the latency. Plain asyncio HTTP/1.1 with keep-alive: no
dependency, and thousands of concurrent requests on one core.

``--faults`` serves a share of failures for fault-injection runs: 429s, 500s, answers that
are not JSON, answers cut at max_tokens, and stalls.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import time
from dataclasses import dataclass, field
from typing import Any

_HINTS = {
    "people": re.compile(r"may be people \(check each one\): (.*)"),
    "organizations": re.compile(r"may be organisations \(check each one\): (.*)"),
    "countries": re.compile(r"Country words found in the article: (.*)"),
}
_LISTED = re.compile(r"^\[(\d+)\] (.+)$", re.MULTILINE)


def answer_for(payload: dict[str, Any]) -> dict[str, Any]:
    """A valid answer to one of our section requests, from what the request offers."""
    schema = _schema(payload)
    title = str(schema.get("title", "")).removesuffix("Output").lower()
    prompt = "\n".join(str(m.get("content", "")) for m in payload.get("messages", []))
    if title == "summary":
        figure = schema.get("$defs", {}).get("FigurePick", {}).get("properties", {})
        return _summary(prompt, _choices(figure.get("sentence", {}))[:1])
    if title in _HINTS:
        match = _HINTS[title].search(prompt)
        names = [n.strip() for n in match.group(1).split(";") if n.strip()] if match else []
        if title == "people":
            return {"people": [{"name": n, "title": None} for n in names[:6]]}
        if title == "countries":
            return {"countries": [{"name": n, "mention": n} for n in names[:6]]}
        return {"organizations": [{"name": re.sub(r" \(\w+\)$", "", n)} for n in names[:4]]}
    if title in ("figures", "quotes"):
        item = schema.get("$defs", {}).get(f"{title[:-1].title()}Output", {})
        ids = _choices(item.get("properties", {}).get("id", {}))
        if title == "figures":
            return {"figures": [{"id": i, "metric": "amount"} for i in ids[:5]]}
        speakers = _choices(item.get("properties", {}).get("speaker", {}))
        return {"quotes": [{"id": i, "speaker": speakers[0]} for i in ids[:5]] if speakers else []}
    if not title:
        return {"extractions": []}  # LangExtract's format, for the comparison in bench/
    return {title: []}


def _summary(prompt: str, figure: list[int]) -> dict[str, Any]:
    """A summary that holds: the first listed sentence as the lede, the next three as key
    points, each trimmed at a clause boundary; a headline from the lede; the sentence
    proposed for a figure, whole, when one is."""
    from summarizer.sections._statements import has_a_verb, shortened, trimmed

    listed = [(int(n), text.removesuffix(" \u2026")) for n, text in _LISTED.findall(prompt)]
    if not listed:
        listed = [(1, "The stub server answered this request after a fixed delay.")]
    picks = [{"sentence": n, "text": trimmed(text, 25)} for n, text in listed[:4]]
    headline = shortened(picks[0]["text"], 12)
    if not has_a_verb(headline):
        headline += " is reported"
    answer = {"headline": headline, "lede": picks[0], "key_points": picks[1:] or picks[:1],
              "topics": ["news"]}  # fmt: skip
    text = dict(listed).get(figure[0], "") if figure else ""
    if text:
        answer["figure"] = {"sentence": figure[0], "text": text}
    return answer


def _schema(payload: dict[str, Any]) -> dict[str, Any]:
    response_format = payload.get("response_format") or {}
    if "json_schema" in response_format:
        return dict(response_format["json_schema"].get("schema", {}))
    return dict(response_format.get("schema", {}))


def _choices(prop: dict[str, Any]) -> list[Any]:
    if "const" in prop:
        return [prop["const"]]
    return list(prop.get("enum", []))


def completion(content: str, finish_reason: str = "stop") -> dict[str, Any]:
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion",
        "created": 0,
        "model": "stub",
        "choices": [
            {
                "index": 0,
                "finish_reason": finish_reason,
                "message": {"role": "assistant", "content": content},
            }
        ],
        "usage": {"prompt_tokens": 500, "completion_tokens": 50, "total_tokens": 550},
    }


@dataclass
class Faults:
    """Shares of requests that fail, each in its own way."""

    rate_limited: float = 0.0
    server_error: float = 0.0
    not_json: float = 0.0
    truncated: float = 0.0
    stalled: float = 0.0
    stall_seconds: float = 30.0
    random: random.Random = field(default_factory=lambda: random.Random(0))

    def pick(self) -> str | None:
        roll = self.random.random()
        for name in ("rate_limited", "server_error", "not_json", "truncated", "stalled"):
            share = getattr(self, name)
            if roll < share:
                return name
            roll -= share
        return None


@dataclass
class Stub:
    latency: float
    faults: Faults = field(default_factory=Faults)
    requests: int = 0
    served: dict[str, int] = field(default_factory=dict)
    # (article, section) of every request: the article header our client sends, and the
    # section as the schema's title says ("PeopleOutput" -> people).
    asked: list[tuple[str, str]] = field(default_factory=list)
    first_request: float | None = None  # time.perf_counter() when the first one arrived
    keys: set[str] = field(default_factory=set)  # the Authorization headers it was sent

    async def respond(
        self, payload: dict[str, Any], article: str = ""
    ) -> tuple[int, dict[str, str], bytes]:
        self.requests += 1
        if self.first_request is None:
            self.first_request = time.perf_counter()
        section = str(_schema(payload).get("title", "")).removesuffix("Output").lower()
        self.asked.append((article, section))
        fault = self.faults.pick()
        self.served[fault or "ok"] = self.served.get(fault or "ok", 0) + 1
        if fault == "stalled":
            await asyncio.sleep(self.faults.stall_seconds)
        else:
            await asyncio.sleep(self.latency)
        if fault == "rate_limited":
            body = {"error": {"message": "rate limited", "type": "rate_limit"}}
            return 429, {"retry-after": "0.2"}, json.dumps(body).encode()
        if fault == "server_error":
            return 500, {}, b'{"error": {"message": "internal error", "type": "server_error"}}'
        if fault == "not_json":
            return 200, {}, json.dumps(completion("Sure! Here is the JSON you asked")).encode()
        content = json.dumps(answer_for(payload))
        if fault == "truncated":
            return 200, {}, json.dumps(completion(content[: len(content) // 2], "length")).encode()
        return 200, {}, json.dumps(completion(content)).encode()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                headers = {
                    k.strip().lower(): v.strip()
                    for k, v in (line.split(":", 1) for line in lines[1:] if ":" in line)
                }
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                if "authorization" in headers:
                    self.keys.add(headers["authorization"])
                if method == "POST" and path.endswith("/chat/completions"):
                    payload = json.loads(body or b"{}")
                    article = headers.get("x-summarizer-article", "")
                    status, extra, content = await self.respond(payload, article)
                elif path.endswith("/models"):
                    status, extra, content = 200, {}, b'{"object": "list", "data": [{"id": "m"}]}'
                else:
                    status, extra, content = 404, {}, b'{"error": {"message": "not found"}}'
                reason = {200: "OK", 404: "Not Found", 429: "Too Many Requests"}.get(
                    status, "Internal Server Error"
                )
                header_lines = "".join(f"{k}: {v}\r\n" for k, v in extra.items())
                writer.write(
                    f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n"
                    f"content-length: {len(content)}\r\n{header_lines}\r\n".encode()
                    + content
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()


async def serve(stub: Stub, port: int, started: asyncio.Event | None = None) -> None:
    server = await asyncio.start_server(stub.handle, "127.0.0.1", port, backlog=1024)
    if started is not None:
        started.set()
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--latency", type=float, default=0.5, help="seconds per answer")
    parser.add_argument(
        "--faults",
        action="store_true",
        help="serve 10%% 429s, 5%% 500s, 5%% non-JSON, 3%% truncated answers, 3%% stalls",
    )
    options = parser.parse_args()
    faults = Faults(0.10, 0.05, 0.05, 0.03, 0.03) if options.faults else Faults()

    async def run() -> None:
        started = asyncio.Event()
        server = asyncio.create_task(serve(Stub(options.latency, faults), options.port, started))
        await started.wait()
        # Only once it listens: whoever reads this line may connect at once.
        print(f"stub OpenAI server on http://127.0.0.1:{options.port}/v1", flush=True)
        await server

    asyncio.run(run())


if __name__ == "__main__":
    main()
