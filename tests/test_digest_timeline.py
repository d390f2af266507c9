"""The timeline, figures over time and links of a digest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import FIXTURES
from digest_records import record

from summarizer._digest import Digest, DigestRecord, build_digest, read_records
from summarizer._digest.dates import span_of

MARCH = "Officials met in Tehran on 12 March 2024 to discuss copper."
OCTOBER = (
    "Iran and Cuba signed an agreement in October 2024. Copper cathode production rose "
    "12 percent in the first half to 145,000 tonnes."
)
UNDATED = "The ministry announced new rules for exporters."


def _digest(*records: dict[str, Any]) -> Digest:
    return build_digest(DigestRecord.model_validate(r) for r in records)


def _batch() -> Digest:
    return _digest(
        record(
            "october",
            OCTOBER,
            published="2024-10-27",
            countries=(("Iran", "IR", "Iran"), ("Cuba", "CU", "Cuba")),
            events=(
                {
                    "kind": "agreement",
                    "description": "Iran and Cuba signed an agreement",
                    "participants": ["Iran", "Cuba"],
                    "date": "October 2024",
                    "date_iso": "2024-10",
                    "evidence": "Iran and Cuba signed an agreement in October 2024",
                },
            ),
            figures=(
                {
                    "metric": "copper cathode production",
                    "value": 12,
                    "unit": "percent",
                    "surface": "12 percent",
                    "period": "the first half",
                    "period_iso": "2024-03-20/2024-09-21",
                    "subject": "Iran's copper cathode production",
                    "change": {
                        "direction": "up",
                        "amount": 12,
                        "unit": "percent",
                        "text": "rose 12 percent",
                    },
                    "evidence": "Copper cathode production rose 12 percent in the first half",
                },
            ),
        ),
        record(
            "undated",
            UNDATED,
            events=(
                {
                    "kind": "announcement",
                    "description": "New rules",
                    "date_iso": "sometime",  # not ISO: undated, never guessed
                    "evidence": "The ministry announced new rules",
                },
            ),
        ),
        record(
            "march",
            MARCH,
            published="2024-03-13",
            events=(
                {
                    "kind": "meeting",
                    "description": "Officials met in Tehran",
                    "participants": ["Officials"],
                    "date_iso": "2024-03-12",
                    "evidence": "Officials met in Tehran on 12 March 2024",
                },
            ),
        ),
    )


def test_periods_are_intervals_and_nothing_else_is_a_date() -> None:
    assert str(span_of("2024-10")) == "(datetime.date(2024, 10, 1), datetime.date(2024, 10, 31))"
    first, last = span_of("2024-W01") or (None, None)
    assert str(first) == "2024-01-01" and str(last) == "2024-01-07"
    assert span_of("2024-03-20/2024-09-21") is not None
    for bad in ("sometime", "2024-02-30", "2024-13", "2024-09-21/2024-03-20", "", None):
        assert span_of(bad) is None


def test_the_timeline_is_in_date_order_with_undated_entries_apart() -> None:
    timeline = _batch().timeline
    assert [(e.date, e.kind, e.article) for e in timeline] == [
        ("2024-03-12", "meeting", "march"),
        ("2024-03-20/2024-09-21", "figure", "october"),
        ("2024-10", "agreement", "october"),
        (None, "announcement", "undated"),
    ]
    assert timeline[1].start == "2024-03-20" and timeline[1].end == "2024-09-21"
    assert timeline[3].start is None


def test_timeline_entries_name_their_participants_and_the_entities_they_are() -> None:
    agreement = next(e for e in _batch().timeline if e.kind == "agreement")
    assert [(p.name, p.entity) for p in agreement.participants] == [
        ("Iran", "country:ir"),
        ("Cuba", "country:cu"),
    ]
    meeting = next(e for e in _batch().timeline if e.kind == "meeting")
    assert [(p.name, p.entity) for p in meeting.participants] == [("Officials", None)]


def test_every_timeline_entry_of_the_fixtures_is_verifiable_in_its_article() -> None:
    digest = build_digest(read_records([str(FIXTURES / "expected")]))
    texts = {
        a.id: (FIXTURES / "articles" / (a.path or "")).read_text(encoding="utf-8")
        for a in digest.articles
    }
    assert len(digest.timeline) >= 8  # events and dated figures of the eight fixtures
    for entry in digest.timeline:
        text = texts[entry.article]
        assert text[entry.evidence.start : entry.evidence.end] == entry.evidence.text
    dated = [span for e in digest.timeline if (span := span_of(e.date))]
    assert dated and dated == sorted(dated)


def test_figures_are_grouped_by_subject_metric_and_unit_and_keep_their_change() -> None:
    digest = _digest(
        record(
            "a",
            "Iran's copper cathode production rose 12 percent in 2023.",
            countries=(("Iran", "IR", "Iran"),),
            figures=(
                {
                    "metric": "copper cathode production",
                    "value": 12,
                    "unit": "percent",
                    "surface": "12 percent",
                    "period": "2023",
                    "period_iso": "2023",
                    "subject": "Iran's copper cathode production",
                    "change": {"direction": "up", "amount": 12, "text": "rose 12 percent"},
                    "evidence": "copper cathode production rose 12 percent in 2023",
                },
            ),
        ),
        record(
            "b",
            "In 2022 Iranian copper cathode production fell 3 percent.",
            countries=(("Iran", "IR", "Iranian"),),
            figures=(
                {
                    "metric": "Copper cathode  production",
                    "value": 3,
                    "unit": "percent",
                    "surface": "3 percent",
                    "period": "2022",
                    "period_iso": "2022",
                    "subject": "Iranian",
                    "change": {"direction": "down", "amount": 3, "text": "fell 3 percent"},
                    "evidence": "Iranian copper cathode production fell 3 percent",
                },
                {
                    "metric": "count",
                    "value": 3,
                    "unit": "percent",
                    "surface": "3 percent",
                    "evidence": "fell 3 percent",
                },
            ),
        ),
    )
    series = digest.figures[0]
    assert (series.subject, series.unit) == ("Iran", "percent")
    assert [(v.period, v.value, v.article) for v in series.values] == [
        ("2022", 3, "b"),
        ("2023", 12, "a"),
    ]
    assert [v.change.direction for v in series.values if v.change] == ["down", "up"]
    assert len(digest.figures) == 2  # a bare "count" stands alone


def test_links_weigh_the_articles_two_entities_share_and_count_their_events() -> None:
    links = {(link.a, link.b): link for link in _batch().links}
    pair = links[("country:cu", "country:ir")]
    assert (pair.weight, pair.events, pair.articles) == (1, 1, ["october"])
    digest = build_digest(read_records([str(FIXTURES / "expected")]))
    imidro_iran = next(
        link for link in digest.links if {link.a, link.b} == {"organization:imidro", "country:ir"}
    )
    assert imidro_iran.weight == 2
    weights = [link.weight for link in digest.links]
    assert weights == sorted(weights, reverse=True)


def test_the_digest_is_the_same_for_the_same_records(tmp_path: Path) -> None:
    first = build_digest(read_records([str(FIXTURES / "expected")])).model_dump_json()
    again = build_digest(read_records([str(FIXTURES / "expected")])).model_dump_json()
    assert first == again
    assert set(json.loads(first)) == {"entities", "timeline", "figures", "links"}
