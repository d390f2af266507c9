"""Recorded fixtures: replay gives the expected records; staleness is detected and fixed."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import httpx2
import pytest

from summarizer import Settings, Summarizer
from summarizer._backends.transports import TEMPLATE_HEADER, RetryPolicy
from summarizer._read.article import read_article
from summarizer._run.fixtures import Fixtures, check, comparable, refresh, replay, replayer
from summarizer._templates import default_prompts_dir
from summarizer.sections import SECTION_NAMES, section_of_call

from scripted import completion

FIXTURES = Fixtures(Path(__file__).resolve().parent.parent / "fixtures")
ARTICLES = [a.id for a in FIXTURES.articles()]


pytestmark = pytest.mark.usefixtures("no_endpoint_configured")


def _copy_fixtures(tmp_path: Path) -> None:
    """The fixtures and the users' sections their fixtures.toml names, side by side as in
    the repository."""
    shutil.copytree(FIXTURES.directory, tmp_path / "fixtures")
    examples = FIXTURES.directory.parent / "examples"
    if examples.is_dir():
        shutil.copytree(examples, tmp_path / "examples")


def test_the_recorded_fixtures_are_fresh() -> None:
    stale = check(FIXTURES, Settings())
    assert not stale, (
        "stale recordings:\n"
        + "\n".join(map(str, stale))
        + "\nrun `summarize fixtures refresh` (or `pytest --refresh-fixtures`), "
        "then review `git diff fixtures/expected`"
    )


@pytest.mark.parametrize("article_id", ARTICLES)
def test_replay_gives_the_expected_record(article_id: str) -> None:
    expected = json.loads((FIXTURES.expected_dir / f"{article_id}.json").read_text())
    article = read_article(str(FIXTURES.articles_dir / f"{article_id}.txt"))
    with replayer(FIXTURES) as summarizer:
        record = replay(FIXTURES, article, summarizer)
    assert comparable(record) == expected


@pytest.mark.parametrize("article_id", ARTICLES)
def test_every_expected_evidence_span_points_at_its_text(article_id: str) -> None:
    text = (FIXTURES.articles_dir / f"{article_id}.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES.expected_dir / f"{article_id}.json").read_text())
    for section in ("people", "organizations", "countries", "events", "figures", "quotes"):
        for fact in expected[section]:
            evidence = fact["evidence"]
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]


def test_recordings_hold_no_secrets() -> None:
    for path in FIXTURES.recordings_dir.rglob("*.json"):
        text = path.read_text().lower()
        assert "authorization" not in text and "api_key" not in text and "bearer" not in text


def _empty_answers(request: httpx2.Request) -> httpx2.Response:
    """A scripted model that finds nothing: a valid answer for every section."""
    section = section_of_call(request.headers[TEMPLATE_HEADER])  # people.2 is people
    answer: dict[str, Any] = {section: []}
    if section == "summary":  # the listed sentences themselves, as the lede and a point
        messages = json.loads(request.content)["messages"]  # a re-ask comes last
        listed = "\n".join(str(m["content"]) for m in messages)
        sentences = re.findall(r"^\[(\d+)\] (.+)$", listed, re.MULTILINE)
        picks = [{"sentence": int(n), "text": text} for n, text in sentences[:2]]
        answer = {
            "headline": "Scripted answers stand in for a model",
            "lede": picks[0],
            "key_points": picks[1:] or picks,
            "topics": ["test"],
        }
    return httpx2.Response(200, json=completion(answer))


def test_a_prompt_edit_is_detected_and_refresh_makes_the_fixtures_fresh(tmp_path: Path) -> None:
    prompts = tmp_path / "prompts"
    shutil.copytree(default_prompts_dir(), prompts)
    _copy_fixtures(tmp_path)
    fixtures = Fixtures(tmp_path / "fixtures")
    settings = Settings(prompts_dir=prompts)
    with (prompts / "people.toml").open("a") as f:
        f.write("# Names are never abbreviated.\n")

    stale = check(fixtures, settings)

    assert {s.template for s in stale} == {"people"}
    assert {s.article for s in stale} == set(ARTICLES)
    assert all("template changed" in s.reason and "people.toml" in s.reason for s in stale)

    report = refresh(fixtures, settings, transport=httpx2.MockTransport(_empty_answers))

    assert {s.template for s in report.recorded} == {"people"} and not report.failed
    assert check(fixtures, settings) == []
    for article_id in ARTICLES:
        record = json.loads((fixtures.expected_dir / f"{article_id}.json").read_text())
        assert record["people"] == []
        assert (
            record["summary"]
            == json.loads((FIXTURES.expected_dir / f"{article_id}.json").read_text())["summary"]
        )


def test_a_refresh_that_cannot_reach_its_model_keeps_every_recording(tmp_path: Path) -> None:
    _copy_fixtures(tmp_path)
    fixtures = Fixtures(tmp_path / "fixtures")
    before = {p: p.read_bytes() for p in fixtures.recordings_dir.rglob("*.json")}

    def unreachable(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError("connection refused", request=request)

    report = refresh(
        fixtures,
        Settings(retry=RetryPolicy(attempts=1)),
        everything=True,
        transport=httpx2.MockTransport(unreachable),
    )

    assert set(report.failed) == set(ARTICLES) and not report.recorded
    after = {p: p.read_bytes() for p in fixtures.recordings_dir.rglob("*.json")}
    assert after == before
    assert check(fixtures, Settings()) == []


def test_check_reports_and_refresh_prunes_recordings_nothing_uses(tmp_path: Path) -> None:
    _copy_fixtures(tmp_path)
    fixtures = Fixtures(tmp_path / "fixtures")
    orphan = fixtures.recordings_dir / "deleted_article" / "people.json"
    orphan.parent.mkdir(parents=True)
    orphan.write_text("{}")

    [unused] = check(fixtures, Settings())
    assert "recordings/deleted_article/people.json is used by nothing" in unused.reason

    refresh(fixtures, Settings(), transport=httpx2.MockTransport(_empty_answers))

    assert not orphan.parent.exists()
    assert check(fixtures, Settings()) == []


def test_an_edit_of_the_shared_preamble_makes_every_template_stale_and_says_why(
    tmp_path: Path,
) -> None:
    prompts = tmp_path / "prompts"
    shutil.copytree(default_prompts_dir(), prompts)
    with (prompts / "_preamble.toml").open("a") as f:
        f.write("# Read carefully.\n")

    stale = check(FIXTURES, Settings(prompts_dir=prompts))

    # The users' sections the fixtures record (fixtures.toml) open with it too.
    assert {s.template for s in stale} == set(SECTION_NAMES) | {"agreements", "production"}
    assert all("preamble" in s.reason for s in stale)


def test_a_change_in_the_computed_candidates_is_detected(tmp_path: Path) -> None:
    _copy_fixtures(tmp_path)
    fixtures = Fixtures(tmp_path / "fixtures")
    path = fixtures.recordings_dir / "002_39b5d57e1b64ae26" / "figures.json"
    recording = json.loads(path.read_text())
    # As if the code had proposed other numbers when this was recorded.
    recording["exchanges"][0]["request"]["messages"][-1]["content"] += "\n[9] 42 tons"
    path.write_text(json.dumps(recording))

    [stale] = check(fixtures, Settings())

    assert (stale.article, stale.template) == ("002_39b5d57e1b64ae26", "figures")
    assert "rendered prompt changed" in stale.reason


def test_check_replays_the_recordings_to_catch_changes_hashes_cannot_see(
    tmp_path: Path,
) -> None:
    _copy_fixtures(tmp_path)
    fixtures = Fixtures(tmp_path / "fixtures")
    path = fixtures.expected_dir / "002_39b5d57e1b64ae26.json"
    expected = json.loads(path.read_text())
    expected["people"] = []  # as if the code that turns answers into records had changed
    path.write_text(json.dumps(expected))

    [stale] = check(fixtures, Settings())

    assert stale.article == "002_39b5d57e1b64ae26"
    assert "differs from what replay now gives" in stale.reason


def test_a_section_asked_in_parts_has_a_recording_per_part_checked_and_pruned(
    tmp_path: Path,
) -> None:
    _copy_fixtures(tmp_path)
    fixtures = Fixtures(tmp_path / "fixtures")
    names = ["Maria Lopez", "John Carter", "Anna Berg", "Peter Novak", "Laura Fischer",
             "David Kim", "Sofia Rossi", "James Wilson", "Elena Petrova", "Thomas Weber",
             "Julia Santos", "Michael Brown", "Sarah Cohen", "Robert Hall"]  # fmt: skip
    text = " ".join(f"{name} spoke at the meeting in Madrid on Tuesday." for name in names)
    (fixtures.articles_dir / "900_many_people.txt").write_text(text + "\n", encoding="utf-8")
    recordings = fixtures.recordings_dir / "900_many_people"

    stale = check(fixtures, Settings())
    assert {(s.article, s.template) for s in stale if s.template != "-"} == {
        ("900_many_people", name) for name in ("summary", "people", "countries", "events")
    }  # no organisation is named: nothing to ask
    refresh(fixtures, Settings(), transport=httpx2.MockTransport(_empty_answers))

    parts = [json.loads((recordings / f"{key}.json").read_text()) for key in ("people", "people.2")]
    prompts = [p["exchanges"][0]["request"]["messages"][-1]["content"] for p in parts]
    assert "Maria Lopez" in prompts[0] and "Robert Hall" in prompts[1]
    assert "Robert Hall" not in prompts[0] and "Maria Lopez" not in prompts[1]
    assert check(fixtures, Settings()) == []

    (recordings / "people.3.json").write_text("{}")
    [unused] = check(fixtures, Settings())
    assert "900_many_people/people.3.json is used by nothing" in unused.reason
    (recordings / "people.3.json").unlink()
    (recordings / "people.2.json").unlink()
    [missing] = [s for s in check(fixtures, Settings()) if s.template != "-"]
    assert missing.template == "people"
    assert missing.reason == "no recording (new article or template)"
    refresh(fixtures, Settings(), transport=httpx2.MockTransport(_empty_answers))
    assert (recordings / "people.2.json").is_file() and check(fixtures, Settings()) == []


def _first_figure_then_the_rest(request: httpx2.Request) -> httpx2.Response:
    """A scripted model that takes only the first number listed, and on the second pass
    every number it is shown."""
    key = request.headers[TEMPLATE_HEADER]
    if section_of_call(key) != "figures":
        return _empty_answers(request)
    listed = json.loads(request.content)["messages"][-1]["content"]
    ids = [int(i) for i in re.findall(r"^\[(\d+)\]", listed, re.MULTILINE)]
    taken = ids if key == "figures.rest" else ids[:1]
    return httpx2.Response(
        200, json=completion({"figures": [{"id": i, "metric": "amount"} for i in taken]})
    )


def test_a_second_pass_is_recorded_replayed_and_forgotten_when_no_longer_asked(
    tmp_path: Path,
) -> None:
    _copy_fixtures(tmp_path)
    fixtures = Fixtures(tmp_path / "fixtures")
    text = "Output rose 5 percent. The plant made 160,000 tons. It cost $8.5 billion."
    (fixtures.articles_dir / "901_figures.txt").write_text(text + "\n", encoding="utf-8")
    recordings = fixtures.recordings_dir / "901_figures"

    refresh(fixtures, Settings(), transport=httpx2.MockTransport(_first_figure_then_the_rest))

    assert check(fixtures, Settings()) == []
    rest = json.loads((recordings / "figures.rest.json").read_text())
    assert "[1]" not in rest["exchanges"][0]["request"]["messages"][-1]["content"]
    replayed = Summarizer(Settings(backend="replay", recordings_dir=fixtures.recordings_dir))
    with replayed:
        record = replayed.summarize(fixtures.articles_dir / "901_figures.txt")
    assert [f.value for f in record.figures] == [5, 160000, 8.5e9]

    # A lost second pass is named; re-recorded with a model whose first answer leaves no
    # second pass to ask, the old one does not stay behind.
    (recordings / "figures.rest.json").rename(tmp_path / "kept.json")
    [missing] = [s for s in check(fixtures, Settings()) if s.article == "901_figures"]
    assert missing.template == "figures" and "figures.rest" in missing.reason
    (tmp_path / "kept.json").rename(recordings / "figures.rest.json")
    refresh(fixtures, Settings(), everything=True, transport=httpx2.MockTransport(_empty_answers))
    assert not (recordings / "figures.rest.json").exists()
    assert check(fixtures, Settings()) == []
