"""Transports: retries with one owner, schema-format translation."""

from __future__ import annotations

import asyncio
import json

import httpx2
import pytest

from summarizer import RetryPolicy
from summarizer._backends.transports import RetryingTransport, SchemaFormatTransport

SCHEMA = {"type": "object", "properties": {"a": {"type": "string"}}}


def _request(body: dict[str, object]) -> httpx2.Request:
    return httpx2.Request("POST", "http://server/v1/chat/completions", json=body)


def _send(transport: httpx2.AsyncBaseTransport, body: dict[str, object]) -> httpx2.Response:
    return asyncio.run(transport.handle_async_request(_request(body)))


def test_a_server_that_refuses_json_schema_is_sent_json_object_with_the_schema() -> None:
    seen: list[dict[str, object]] = []

    def llama_cpp_python_server(request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content)
        seen.append(body["response_format"])
        if body["response_format"]["type"] == "json_schema":
            # What llama-cpp-python's server really answers: a 500 naming the field.
            message = "('body', 'response_format', 'type'): Input should be 'text' or "
            message += "'json_object'; input: 'json_schema'"
            return httpx2.Response(500, json={"error": {"message": message}})
        return httpx2.Response(200, json={"ok": True})

    transport = SchemaFormatTransport(httpx2.MockTransport(llama_cpp_python_server))
    body = {"response_format": {"type": "json_schema", "json_schema": {"schema": SCHEMA}}}

    assert _send(transport, body).status_code == 200
    assert _send(transport, body).status_code == 200
    assert seen == [
        {"type": "json_schema", "json_schema": {"schema": SCHEMA}},
        {"type": "json_object", "schema": SCHEMA},
        {"type": "json_object", "schema": SCHEMA},  # remembered: no second refusal
    ]


def test_an_unrelated_client_error_is_passed_through() -> None:
    def server(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(400, json={"error": {"message": "context length exceeded"}})

    transport = SchemaFormatTransport(httpx2.MockTransport(server))
    body = {"response_format": {"type": "json_schema", "json_schema": {"schema": SCHEMA}}}
    assert _send(transport, body).status_code == 400
    assert transport.use_json_object is False


def test_connection_errors_and_5xx_are_retried_with_backoff_then_given_up() -> None:
    waits: list[float] = []

    async def record(seconds: float) -> None:
        waits.append(seconds)

    calls = []

    def flaky(request: httpx2.Request) -> httpx2.Response:
        calls.append(request)
        if len(calls) == 1:
            raise httpx2.ConnectError("connection reset", request=request)
        return httpx2.Response(502, json={})

    policy = RetryPolicy(attempts=3, initial_wait=1.0, max_wait=10.0, sleep=record)
    response = _send(RetryingTransport(httpx2.MockTransport(flaky), policy), {})

    assert response.status_code == 502
    assert len(calls) == 3
    assert len(waits) == 2 and 0.5 <= waits[0] <= 1.0 and 1.0 <= waits[1] <= 2.0


def test_the_default_policy_rides_out_a_thirty_second_outage() -> None:
    clock = [0.0]

    async def advance(seconds: float) -> None:
        clock[0] += seconds

    def down_for_thirty_seconds(request: httpx2.Request) -> httpx2.Response:
        if clock[0] < 30.0:
            return httpx2.Response(503, json={"error": {"message": "restarting"}})
        return httpx2.Response(200, json={"ok": True})

    transport = RetryingTransport(
        httpx2.MockTransport(down_for_thirty_seconds), RetryPolicy(sleep=advance)
    )
    assert _send(transport, {}).status_code == 200
    assert 30.0 <= clock[0] <= 62.0  # capped exponential backoff: about a minute at most


def test_a_runs_retries_of_server_errors_are_budgeted_and_successes_earn_more() -> None:
    calls: list[int] = []
    failing = [True]

    def server(request: httpx2.Request) -> httpx2.Response:
        calls.append(1)
        if failing[0]:
            return httpx2.Response(500, json={})
        return httpx2.Response(200, json={})

    async def no_wait(seconds: float) -> None:
        return None

    policy = RetryPolicy(run_retries=3, successes_per_retry=2, sleep=no_wait)
    transport = RetryingTransport(httpx2.MockTransport(server), policy)
    # Eight tries are allowed per request, but the run has three retries in all.
    assert _send(transport, {}).status_code == 500
    assert len(calls) == 4
    assert _send(transport, {}).status_code == 500 and len(calls) == 5  # none left
    failing[0] = False
    for _ in range(4):  # four successes earn two retries back
        assert _send(transport, {}).status_code == 200
    failing[0] = True
    calls.clear()
    assert _send(transport, {}).status_code == 500
    assert len(calls) == 3


def test_rate_limits_are_not_charged_to_the_runs_retry_budget() -> None:
    answers = iter([429, 429, 429, 200])

    def server(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(next(answers), headers={"retry-after": "1"}, json={})

    async def no_wait(seconds: float) -> None:
        return None

    policy = RetryPolicy(run_retries=0, sleep=no_wait)
    transport = RetryingTransport(httpx2.MockTransport(server), policy)
    assert _send(transport, {}).status_code == 200


def test_a_retry_after_beyond_the_cap_is_capped() -> None:
    policy = RetryPolicy(max_wait=5.0)
    response = httpx2.Response(429, headers={"retry-after": "3600"})
    assert policy.wait_for(1, response) == 5.0


def test_client_errors_are_not_retried() -> None:
    calls = []

    def server(request: httpx2.Request) -> httpx2.Response:
        calls.append(request)
        return httpx2.Response(401, json={"error": {"message": "bad key"}})

    async def never(seconds: float) -> None:
        raise AssertionError("no wait expected")

    transport = RetryingTransport(httpx2.MockTransport(server), RetryPolicy(sleep=never))
    assert _send(transport, {}).status_code == 401
    assert len(calls) == 1


def test_the_local_grammar_keeps_control_characters_out_of_json_strings() -> None:
    # llama-cpp-python's own schema grammar lets a string hold a raw line break, which
    # is not JSON; the 0.5B model wrote one and failed every re-ask.
    pytest.importorskip("llama_cpp")
    from summarizer._backends.local import _json_grammar

    schema = {"type": "object", "properties": {"metric": {"type": "string", "maxLength": 9}}}
    grammar = _json_grammar(json.dumps(schema))
    char_rule = next(line for line in grammar.splitlines() if line.startswith("char ::="))
    assert "\\x00-\\x1F" in char_rule


def test_the_local_grammar_keeps_east_asian_text_out_unless_the_article_has_some() -> None:
    # Qwen drifts into Chinese mid-sentence and repeats itself when re-asked.
    pytest.importorskip("llama_cpp")
    from summarizer._backends.local import _json_grammar

    schema = json.dumps({"type": "object", "properties": {"lede": {"type": "string"}}})
    char_rules = [
        next(line for line in _json_grammar(schema, east_asian).splitlines()
             if line.startswith("char ::="))
        for east_asian in (False, True)
    ]  # fmt: skip
    assert "\\u2E80-\\u9FFF" in char_rules[0]
    assert "\\u2E80" not in char_rules[1] and "\\x00-\\x1F" in char_rules[1]


def test_the_local_grammar_takes_a_schema_without_free_text() -> None:
    # Ids and enums only (a quotes answer whose speakers are all named): the converter
    # writes no "char" rule, and there is nothing to narrow.
    pytest.importorskip("llama_cpp")
    from summarizer._backends.local import _json_grammar

    schema = {
        "type": "object",
        "properties": {"id": {"enum": [1, 2]}, "speaker": {"enum": ["Ali Akbar"]}},
        "required": ["id", "speaker"],
    }
    grammar = _json_grammar(json.dumps(schema))
    assert "Ali Akbar" in grammar
    assert not any(line.startswith("char ::=") for line in grammar.splitlines())
