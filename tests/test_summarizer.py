"""The pipeline through the real openai + instructor stack over scripted transports."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx2
import pytest

from summarizer import (
    ModelRequestsBlocked,
    OutputTruncatedError,
    RetryPolicy,
    Settings,
    Summarizer,
    TransportError,
)
from summarizer._backends.transports import TEMPLATE_HEADER

from scripted import completion, script

GOOD_ANSWERS = {
    "summary": completion(
        {
            "headline": "Russia and Cuba discuss industrial cooperation",
            "lede": {
                "sentence": 1,
                "text": "Russia and Cuba discussed cooperation in aircraft, automotive, "
                "pharmaceutical and heavy engineering industries.",
            },
            "key_points": [
                {
                    "sentence": 7,
                    "text": "The parties agreed to speed up the Antillana de Acero plant.",
                },
                {"sentence": 8, "text": "The plant is approximately 70% complete."},
                {"sentence": 6, "text": "Russian expertise is in demand in power engineering."},
            ],
            # The sentence proposed for a figure (the lead's three state none): a point
            # above states it already, so this one is not kept twice.
            "figure": {"sentence": 8, "text": "The plant is approximately 70% complete."},
            "topics": ["Industry", "trade"],
        }
    ),
    "people": completion(
        {
            "people": [
                {
                    "name": "Roman Chekushov",
                    "title": "Deputy Industry and Trade Minister",
                    "organization": None,
                    "country": "Russia",
                },
                {"name": "Chekushov", "title": None, "organization": None, "country": None},
            ]
        }
    ),
    # 1. TASS, 2. Russian Industry and Trade Ministry, 3. Antillana de Acero.
    "organizations": completion(
        {"organizations": [{"id": 2, "kind": "government", "country": "Russia"}]}
    ),
    "countries": completion(
        {
            "countries": [
                {"name": "Russia", "mention": "Russia"},
                {"name": "Cuba", "mention": "Cuban"},
            ]
        }
    ),
    "events": completion(
        {
            "events": [
                {
                    "kind": "meeting",
                    "description": "Chekushov met Cuban ministers.",
                    "participants": ["Roman Chekushov", "Eloy Alvarez"],
                    "date": None,
                    "location": "Cuba",
                    "evidence": "He met with Cuban Deputy Prime Minister",
                }
            ]
        }
    ),
    "figures": completion(
        {
            "figures": [
                {
                    "id": 2,
                    "metric": "rolled steel production",
                    "period": "per year",
                    "change": None,
                    "subject": "Antillana de Acero",
                }
            ]
        }
    ),
    # The second pass over the number the first answer left out (the 70%): none more.
    "figures.rest": completion({"figures": []}),
    "quotes": completion({"quotes": [{"id": 2, "speaker": "Roman Chekushov"}]}),
}
# One request per template, and the figures' second pass.
GOOD_CALLS = len(GOOD_ANSWERS)


def summarizer_over(transport: httpx2.AsyncBaseTransport, **settings: object) -> Summarizer:
    return Summarizer(
        Settings(backend="openai", model="scripted", **settings),  # type: ignore[arg-type]
        transport=transport,
    )


def test_a_scripted_article_becomes_a_grounded_record(article_002: str) -> None:
    record = summarizer_over(script(**GOOD_ANSWERS).transport()).summarize(article_002)

    assert [p.name for p in record.people] == ["Roman Chekushov"]
    # The title is the one the article puts next to the name, not the model's shorter one.
    assert record.people[0].title == "State Secretary and Deputy Industry and Trade Minister"
    figure = record.figures[0]
    assert (figure.value, figure.unit) == (160000, "tonne")
    assert "160,000 tons" in figure.evidence.text
    assert [c.code for c in record.countries] == ["RU", "CU"]
    # The model picked candidate 2; its name settles the kind ("Ministry"), not the model.
    # The news agency it skipped is kept: its cue makes it one.
    tass, ministry = record.organizations
    assert (tass.name, tass.kind) == ("TASS", "media")
    assert (ministry.name, ministry.kind, ministry.country) == (
        "Russian Industry and Trade Ministry",
        "ministry",
        "Russian Federation",
    )
    # The model answered for passage 2; passage 1, which the article attributes to the
    # ministry, is kept with that speaker rather than lost.
    assert [(q.speaker, q.text.split()[0]) for q in record.quotes] == [
        ("Russian Industry and Trade Ministry", "During"),
        ("Roman Chekushov", "The"),
    ]
    assert record.topics == ["industry", "trade"]
    assert record.meta.calls == GOOD_CALLS == 8 and record.meta.attempts == GOOD_CALLS
    assert record.meta.usage.prompt_tokens == 100 * GOOD_CALLS
    for fact in [
        *record.people,
        *record.countries,
        *record.figures,
        *record.quotes,
        *record.events,
        *record.organizations,
    ]:
        span = fact.evidence
        assert article_002[span.start : span.end] == span.text


def test_an_ungrounded_person_is_reasked_with_the_reason_then_dropped_and_reported(
    article_002: str,
) -> None:
    invented = completion(
        {
            "people": [
                {"name": "Roman Chekushov", "title": None, "organization": None, "country": None},
                {"name": "Ivan Petrov", "title": "Minister", "organization": None, "country": None},
            ]
        }
    )
    scripted = script(**{**GOOD_ANSWERS, "people": [invented]})

    record = summarizer_over(scripted.transport(), max_reasks=1).summarize(article_002)

    second_request = scripted.requests["people"][1]
    assert "Ivan Petrov" in second_request["messages"][-1]["content"]
    assert "does not appear in the article" in second_request["messages"][-1]["content"]
    assert [p.name for p in record.people] == ["Roman Chekushov"]
    assert [(d.section, d.item) for d in record.meta.dropped] == [("people", "Ivan Petrov")]


def test_a_re_ask_answered_word_for_word_as_before_is_not_asked_again(
    article_002: str,
) -> None:
    def people(*names: str) -> dict[str, Any]:
        listed = [{"name": n, "title": None, "organization": None, "country": None} for n in names]
        return completion({"people": listed})

    # The same invented person every time: the second answer repeats the first.
    repeating = script(**{**GOOD_ANSWERS, "people": [people("Roman Chekushov", "Ivan Petrov")]})
    record = summarizer_over(repeating.transport(), max_reasks=2).summarize(article_002)
    assert len(repeating.requests["people"]) == 2
    assert record.meta.attempts == GOOD_CALLS + 1
    assert [p.name for p in record.people] == ["Roman Chekushov"]

    # Answers that change are re-asked as often as allowed.
    changing = script(
        **{
            **GOOD_ANSWERS,
            "people": [
                people("Roman Chekushov", "Ivan Petrov"),
                people("Roman Chekushov", "Pavel Sidorov"),
                people("Roman Chekushov", "Oleg Ivanov"),
            ],
        }
    )
    summarizer_over(changing.transport(), max_reasks=2).summarize(article_002)
    assert len(changing.requests["people"]) == 3


def test_a_last_answer_that_is_not_json_does_not_discard_an_earlier_usable_one(
    article_002: str,
) -> None:
    invented = completion(
        {
            "people": [
                {"name": "Roman Chekushov", "title": None, "organization": None, "country": None},
                {"name": "Ivan Petrov", "title": "Minister", "organization": None, "country": None},
            ]
        }
    )
    garbage = completion("Sure! Here are the people you asked for")
    scripted = script(**{**GOOD_ANSWERS, "people": [invented, garbage]})

    record = summarizer_over(scripted.transport(), max_reasks=1).summarize(article_002)

    assert len(scripted.requests["people"]) == 2
    assert [p.name for p in record.people] == ["Roman Chekushov"]
    assert [(d.section, d.item) for d in record.meta.dropped] == [("people", "Ivan Petrov")]


def test_after_the_last_re_ask_the_answer_keeping_most_facts_wins(article_002: str) -> None:
    # A small model re-asked can answer worse than at first: it is not the last word.
    invented = completion(
        {
            "people": [
                {"name": "Roman Chekushov", "title": None, "organization": None, "country": None},
                {"name": "Ivan Petrov", "title": "Minister", "organization": None, "country": None},
            ]
        }
    )
    worse = completion(
        {"people": [{"name": "Ivan Petrov", "title": None, "organization": None, "country": None}]}
    )
    scripted = script(**{**GOOD_ANSWERS, "people": [invented, worse]})

    record = summarizer_over(scripted.transport()).summarize(article_002)

    assert len(scripted.requests["people"]) == 3
    assert [p.name for p in record.people] == ["Roman Chekushov"]
    assert [(d.section, d.item) for d in record.meta.dropped] == [("people", "Ivan Petrov")]


def test_an_invalid_answer_then_a_valid_one_keeps_the_second(article_002: str) -> None:
    scripted = script(
        **{
            **GOOD_ANSWERS,
            "figures": [
                completion({"figures": [{"id": 99, "metric": "x"}]}),
                GOOD_ANSWERS["figures"],
            ],
        }
    )

    record = summarizer_over(scripted.transport()).summarize(article_002)

    reask = scripted.requests["figures"][1]["messages"][-1]["content"]
    assert "figures.0.id" in reask and "input_value=99" in reask
    assert [f.value for f in record.figures] == [160000]
    assert record.meta.attempts == GOOD_CALLS + 1
    assert record.meta.dropped == []


def test_an_answer_cut_at_max_tokens_is_a_clear_error_and_spends_no_reask(
    article_002: str,
) -> None:
    scripted = script(
        **{**GOOD_ANSWERS, "people": completion('{"people": [{"name": "Ro', finish_reason="length")}
    )

    summarizer = summarizer_over(scripted.transport(), on_section_failure="raise")
    budget = summarizer.templates["people"].max_tokens

    with pytest.raises(OutputTruncatedError, match=f"budget of {budget} tokens, and {2 * budget}"):
        summarizer.summarize(article_002)
    # One more try with twice the budget, and no validation re-ask.
    assert [r["max_tokens"] for r in scripted.requests["people"]] == [budget, 2 * budget]


def test_a_cut_answer_gets_one_retry_with_a_larger_budget(article_002: str) -> None:
    cut = completion('{"people": [{"name": "Ro', finish_reason="length")
    scripted = script(**{**GOOD_ANSWERS, "people": [cut, GOOD_ANSWERS["people"]]})

    record = summarizer_over(scripted.transport()).summarize(article_002)
    assert [p.name for p in record.people] == ["Roman Chekushov"]
    assert len(scripted.requests["people"]) == 2


def test_a_rate_limit_is_retried_after_the_servers_delay(article_002: str) -> None:
    waits: list[float] = []

    async def record_wait(seconds: float) -> None:
        waits.append(seconds)

    from summarizer._backends.transports import RetryingTransport

    limited = httpx2.Response(429, headers={"retry-after": "7"}, json={"error": {}})
    scripted = script(**{**GOOD_ANSWERS, "summary": [limited, GOOD_ANSWERS["summary"]]})
    transport = RetryingTransport(scripted.transport(), RetryPolicy(sleep=record_wait))

    record = summarizer_over(transport).summarize(article_002)

    assert waits == [7.0]
    assert record.summary is not None
    assert len(scripted.requests["summary"]) == 2


def test_a_server_that_keeps_failing_ends_in_a_transport_error(article_002: str) -> None:
    async def no_wait(seconds: float) -> None:
        return None

    from summarizer._backends.transports import RetryingTransport

    broken = httpx2.Response(503, json={"error": {"message": "overloaded"}})
    scripted = script(**{**GOOD_ANSWERS, "people": broken})
    transport = RetryingTransport(scripted.transport(), RetryPolicy(attempts=3, sleep=no_wait))

    with pytest.raises(TransportError, match="HTTP 503 after every retry"):
        summarizer_over(transport, on_section_failure="raise").summarize(article_002)
    assert len(scripted.requests["people"]) == 3


def test_live_backends_are_refused_while_model_requests_are_blocked(article_002: str) -> None:
    with pytest.raises(ModelRequestsBlocked):
        Summarizer(Settings(backend="local")).summarize(article_002)


def test_sections_can_be_chosen_and_others_are_not_called(article_002: str) -> None:
    scripted = script(**GOOD_ANSWERS)
    record = summarizer_over(scripted.transport(), sections=("people",)).summarize(article_002)
    assert set(scripted.requests) == {"people"}
    assert record.summary is None and record.people
    assert list(record.meta.templates) == ["people"]


def test_the_numbers_a_first_answer_left_out_are_asked_again(article_002: str) -> None:
    # GOOD_ANSWERS takes the 160,000 tons and leaves the 70%; the second pass takes it.
    rest = completion({"figures": [{"id": 1, "metric": "completion of the plant"}]})
    scripted = script(**{**GOOD_ANSWERS, "figures.rest": rest})

    record = summarizer_over(scripted.transport()).summarize(article_002, sections=["figures"])

    [asked] = scripted.requests["figures.rest"]
    listed = asked["messages"][-1]["content"]
    assert "[1] 70%" in listed and "[2] 160,000 tons" not in listed
    assert [(f.value, f.unit) for f in record.figures] == [(70, "percent"), (160000, "tonne")]
    assert record.meta.calls == 2

    once = script(**{**GOOD_ANSWERS, "figures.rest": rest})
    record = summarizer_over(once.transport(), second_pass=False).summarize(
        article_002, sections=["figures"]
    )
    assert set(once.requests) == {"figures"}
    assert [f.value for f in record.figures] == [160000]


def test_words_in_another_script_are_re_asked_then_taken_out(article_002: str) -> None:
    drifted = json.loads(GOOD_ANSWERS["summary"]["choices"][0]["message"]["content"])
    drifted["key_points"][0] = {
        "sentence": 6,
        "text": "Russian expertise is in demand in power会议 engineering.",
    }
    event = json.loads(GOOD_ANSWERS["events"]["choices"][0]["message"]["content"])
    event["events"][0]["description"] = "Chekushov met Cuban ministers 在哈瓦那."
    scripted = script(
        **{
            **GOOD_ANSWERS,
            "summary": [completion(drifted), GOOD_ANSWERS["summary"]],
            "events": completion(event),  # every attempt drifts
        }
    )

    record = summarizer_over(scripted.transport()).summarize(article_002)

    reask = scripted.requests["summary"][1]["messages"][-1]["content"]
    assert "write in the language of the article: 会议 is not" in reask
    assert record.summary is not None
    assert record.summary.key_points[0].text.startswith("The parties agreed to speed up")
    # The first answer and a re-ask answered with the same words: no second re-ask.
    assert len(scripted.requests["events"]) == 2
    # After the last re-ask the event's own sentence describes it.
    assert record.events[0].description == record.events[0].evidence.text
    assert record.events[0].description.startswith("He met with Cuban Deputy Prime Minister")


def test_what_sections_drop_is_listed_in_section_order_whichever_ends_first(
    article_002: str,
) -> None:
    # People waits until events have given their last answer: events' drops come first
    # in time, and the record still lists people's first.
    invented = completion(
        {"people": [{"name": "Ivan Petrov", "title": None, "organization": None, "country": None}]}
    )
    unfounded = completion(
        {
            "events": [
                {
                    "kind": "meeting",
                    "description": "A meeting.",
                    "participants": [],
                    "evidence": "words the article does not have",
                }
            ]
        }
    )
    scripted = script(**{**GOOD_ANSWERS, "people": invented, "events": unfounded})
    events_done = asyncio.Event()

    async def handler(request: httpx2.Request) -> httpx2.Response:
        template = request.headers.get(TEMPLATE_HEADER, "")
        if template == "people":
            await events_done.wait()
        response = scripted.handler(request)
        # Events' last answer: its re-ask is answered as before, so it is not asked again.
        if template == "events" and len(scripted.requests["events"]) == 2:
            events_done.set()
        return response

    record = summarizer_over(httpx2.MockTransport(handler)).summarize(
        article_002, sections=["people", "events"]
    )

    assert [d.section for d in record.meta.dropped] == ["people", "events"]


def test_sections_can_be_narrowed_per_call(article_002: str) -> None:
    scripted = script(**GOOD_ANSWERS)
    with summarizer_over(scripted.transport()) as summarizer:
        record = summarizer.summarize(article_002, sections=["figures"])
    assert set(scripted.requests) == {"figures", "figures.rest"}
    assert list(record.meta.templates) == ["figures"] and record.figures


def test_an_article_that_looks_like_a_template_reaches_the_model_verbatim(
    article_002: str,
) -> None:
    # instructor renders messages as Jinja templates when given a validation context;
    # ours must never be: "{{" and "{%" are ordinary text in an article.
    text = article_002 + "\n\nA {{ section }} tag and a {% raw %} block stay as written.\n"
    scripted = script(**GOOD_ANSWERS)

    record = summarizer_over(scripted.transport()).summarize(text)

    for template, requests in scripted.requests.items():
        contents = " ".join(m["content"] for m in requests[0]["messages"])
        assert "A {{ section }} tag and a {% raw %} block stay as written." in contents, template
    assert [p.name for p in record.people] == ["Roman Chekushov"]  # still verified


FOURTEEN_PEOPLE = [
    "Maria Lopez", "John Carter", "Anna Berg", "Peter Novak", "Laura Fischer", "David Kim",
    "Sofia Rossi", "James Wilson", "Elena Petrova", "Thomas Weber", "Julia Santos",
    "Michael Brown", "Sarah Cohen", "Robert Hall",
]  # fmt: skip


def _person(name: str) -> dict[str, object]:
    return {"name": name, "title": None, "organization": None, "country": None}


def test_a_long_list_of_people_is_asked_in_parts_and_the_answers_merged() -> None:
    text = " ".join(f"{name} spoke at the meeting on Tuesday." for name in FOURTEEN_PEOPLE)
    first, second = FOURTEEN_PEOPLE[:7], FOURTEEN_PEOPLE[7:]
    scripted = script(
        # Each part lists its own names; both name Maria Lopez, who is one person.
        people=completion({"people": [_person(n) for n in first]}),
        **{"people.2": completion({"people": [_person(n) for n in [*second, "Maria Lopez"]]})},
    )

    record = summarizer_over(scripted.transport(), sections=("people",)).summarize(text)

    prompts = {
        key: requests[0]["messages"][-1]["content"] for key, requests in scripted.requests.items()
    }
    assert set(prompts) == {"people", "people.2"}
    assert all(name in prompts["people"] for name in first)
    assert not any(name in prompts["people"] for name in second)
    assert all(name in prompts["people.2"] for name in second)
    assert [p.name for p in record.people] == FOURTEEN_PEOPLE
    assert record.meta.calls == 2


def test_a_one_line_text_longer_than_a_file_name_is_summarised_as_text() -> None:
    text = "Roman Chekushov, the deputy minister, visited Havana on Monday. " * 10
    assert "\n" not in text and "/" not in text and len(text) > 255  # a file name's limit
    record = summarizer_over(script(**GOOD_ANSWERS).transport(), sections=("people",)).summarize(
        text
    )
    assert record.source.path is None
    assert [p.name for p in record.people] == ["Roman Chekushov"]
