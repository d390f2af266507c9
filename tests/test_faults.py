"""Faults through the real openai + instructor stack, offline and deterministic.

Each ends in a record or in a clear error naming the section and the reason; none spends
validation re-asks on a transport failure or feeds an API error into the prompt.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx2
import pytest
from test_summarizer import GOOD_ANSWERS, GOOD_CALLS, summarizer_over

from summarizer import OutputTruncatedError, RetryPolicy, TransportError, ValidationFailedError
from summarizer._backends.transports import RetryingTransport
from summarizer._read.article import Article

from scripted import completion, script


async def _no_wait(seconds: float) -> None:
    return None


class Faulty(httpx2.AsyncBaseTransport):
    """Raises ``fault`` for the first ``times`` requests of ``template``, then passes on."""

    def __init__(
        self, inner: httpx2.AsyncBaseTransport, template: str, fault: Exception, times: int
    ) -> None:
        self.inner, self.template, self.fault, self.left = inner, template, fault, times
        self.raised = 0

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if request.headers.get("x-summarizer-template") == self.template and self.left:
            self.left -= 1
            self.raised += 1
            raise self.fault
        return await self.inner.handle_async_request(request)


@pytest.mark.parametrize(
    "fault",
    [
        httpx2.ReadTimeout("read timed out"),
        httpx2.ConnectError("connection reset by peer"),
        httpx2.RemoteProtocolError("server disconnected without sending a response"),
    ],
    ids=["read-timeout", "connection-reset", "disconnected"],
)
def test_a_transient_network_fault_is_retried_and_the_record_made(
    article_002: str, fault: Exception
) -> None:
    scripted = script(**GOOD_ANSWERS)
    faulty = Faulty(scripted.transport(), "people", fault, times=2)
    transport = RetryingTransport(faulty, RetryPolicy(sleep=_no_wait))
    record = summarizer_over(transport).summarize(article_002)
    assert faulty.raised == 2
    assert [p.name for p in record.people] == ["Roman Chekushov"]
    # Transport retries are not re-asks: the model was asked for people once.
    assert len(scripted.requests["people"]) == 1


def test_a_network_fault_that_persists_is_a_clear_transport_error(article_002: str) -> None:
    faulty = Faulty(
        script(**GOOD_ANSWERS).transport(), "people", httpx2.ReadTimeout("timed out"), times=99
    )
    transport = RetryingTransport(faulty, RetryPolicy(attempts=3, sleep=_no_wait))
    with pytest.raises(TransportError, match="did not answer in time") as failure:
        summarizer_over(transport, on_section_failure="raise").summarize(article_002)
    assert failure.value.section == "people"
    assert faulty.raised == 3


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_retried_without_a_reask(article_002: str, status: int) -> None:
    failing = httpx2.Response(status, json={"error": {"message": "upstream trouble"}})
    scripted = script(**{**GOOD_ANSWERS, "events": [failing, GOOD_ANSWERS["events"]]})
    transport = RetryingTransport(scripted.transport(), RetryPolicy(sleep=_no_wait))
    record = summarizer_over(transport).summarize(article_002)
    assert len(scripted.requests["events"]) == 2
    second = scripted.requests["events"][1]["messages"]
    # The retry is the same request: no API error was fed into the prompt.
    assert second == scripted.requests["events"][0]["messages"]
    assert record.meta.attempts == GOOD_CALLS


def test_a_response_body_that_is_not_json_is_retried_as_a_transport_fault(
    article_002: str,
) -> None:
    garbage = httpx2.Response(200, content=b"<html>502 Bad Gateway</html>")
    scripted = script(**{**GOOD_ANSWERS, "countries": [garbage, GOOD_ANSWERS["countries"]]})
    transport = RetryingTransport(scripted.transport(), RetryPolicy(sleep=_no_wait))
    record = summarizer_over(transport).summarize(article_002)
    assert [c.code for c in record.countries] == ["RU", "CU"]
    assert len(scripted.requests["countries"]) == 2


def test_bodies_that_are_never_json_end_in_a_clear_transport_error(article_002: str) -> None:
    garbage = httpx2.Response(200, content=b"<html>502 Bad Gateway</html>")
    scripted = script(**{**GOOD_ANSWERS, "countries": garbage})
    transport = RetryingTransport(scripted.transport(), RetryPolicy(attempts=2, sleep=_no_wait))
    with pytest.raises(TransportError, match="answers were not JSON") as failure:
        summarizer_over(transport, on_section_failure="raise").summarize(article_002)
    assert failure.value.section == "countries"


def test_an_answer_that_is_not_json_is_reasked_then_fails_clearly(article_002: str) -> None:
    chatty = [
        completion("Sure! Here is the list of countries you asked for."),
        completion("Of course. The countries are Russia and Cuba."),
    ]
    scripted = script(**{**GOOD_ANSWERS, "countries": chatty})
    # Two different answers: re-asked as often as allowed.
    with pytest.raises(ValidationFailedError, match="no valid answer after 3 attempts"):
        summarizer_over(scripted.transport(), on_section_failure="raise").summarize(article_002)
    assert len(scripted.requests["countries"]) == 3


def test_a_model_repeating_itself_to_the_budget_fails_fast(article_002: str) -> None:
    looping = completion(
        '{"people": [' + '{"name": "Roman Chekushov"}, ' * 80, finish_reason="length"
    )
    scripted = script(**{**GOOD_ANSWERS, "people": looping})
    summarizer = summarizer_over(scripted.transport(), on_section_failure="raise")
    with pytest.raises(OutputTruncatedError, match=r"budget of \d+ tokens, and \d+ on a second"):
        summarizer.summarize(article_002)
    assert len(scripted.requests["people"]) == 2  # the larger budget once, no re-asks


def test_a_section_that_fails_costs_only_itself(article_002: str) -> None:
    broken = httpx2.Response(503, json={"error": {"message": "overloaded"}})
    scripted = script(**{**GOOD_ANSWERS, "people": broken})
    transport = RetryingTransport(scripted.transport(), RetryPolicy(attempts=2, sleep=_no_wait))
    record = summarizer_over(transport).summarize(article_002)

    assert record.people == []
    assert [(f.section, f.error) for f in record.meta.failed] == [("people", "TransportError")]
    assert "HTTP 503 after every retry" in record.meta.failed[0].reason
    # Every other section is there, verified as usual.
    assert record.summary is not None and [c.code for c in record.countries] == ["RU", "CU"]
    assert record.figures and record.quotes
    assert not record.complete


def test_an_article_whose_every_section_fails_is_a_failed_article(article_002: str) -> None:
    broken = httpx2.Response(500, json={"error": {"message": "down"}})
    scripted = script(**dict.fromkeys(GOOD_ANSWERS, broken))
    transport = RetryingTransport(scripted.transport(), RetryPolicy(attempts=1, sleep=_no_wait))
    with pytest.raises(TransportError, match="every section failed"):
        summarizer_over(transport).summarize(article_002)


def test_completing_a_partial_record_asks_only_for_its_failed_sections(article_002: str) -> None:
    cut = completion('{"people": [{"name": "Ro', finish_reason="length")
    first = script(**{**GOOD_ANSWERS, "people": cut})
    partial = summarizer_over(first.transport()).summarize(article_002)
    assert [f.section for f in partial.meta.failed] == ["people"]
    assert partial.meta.failed[0].error == "OutputTruncatedError"

    healthy = script(**GOOD_ANSWERS)
    summarizer = summarizer_over(healthy.transport())

    async def complete() -> Any:
        return await summarizer.acomplete(partial, Article.from_text(article_002))

    record = asyncio.run(complete())
    assert set(healthy.requests) == {"people"}
    assert [p.name for p in record.people] == ["Roman Chekushov"]
    assert record.complete and record.summary == partial.summary
    assert record.meta.calls == partial.meta.calls + 1
    assert set(record.meta.templates) == set(partial.meta.templates)
