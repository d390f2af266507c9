"""Recording and replaying model traffic through the real openai + instructor stack."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from summarizer import RecordingMissingError, Settings, Summarizer
from summarizer._templates import default_prompts_dir

from scripted import completion, script

ARTICLE = "Roman Chekushov visited the Antillana de Acero plant in Cuba on Monday."
INVALID = completion({"people": [{"name": "Ivan Petrov", "title": None}]})
VALID = completion({"people": [{"name": "Roman Chekushov", "title": None}]})


def record_people(directory: Path, **settings: object) -> None:
    scripted = script(people=[INVALID, VALID])
    recorder = Summarizer(
        Settings(
            backend="local", sections=("people",), record=True, recordings_dir=directory, **settings
        ),  # type: ignore[arg-type]
        transport=scripted.transport(),
    )
    recorder.summarize(ARTICLE)


def replay(directory: Path, **settings: object) -> Summarizer:
    return Summarizer(
        Settings(backend="replay", sections=("people",), recordings_dir=directory, **settings)
    )  # type: ignore[arg-type]


def test_a_reask_sequence_is_recorded_whole_and_replayed(tmp_path: Path) -> None:
    # Re-asks asked for: the embedded model's own default is none.
    record_people(tmp_path, max_reasks=2)
    [path] = tmp_path.rglob("people.json")
    recording = json.loads(path.read_text())

    assert len(recording["exchanges"]) == 2
    reask = recording["exchanges"][1]["request"]["messages"][-1]["content"]
    assert "Ivan Petrov" in reask and "does not appear in the article" in reask
    assert recording["template"] == "people" and recording["schema_hash"]

    record = replay(tmp_path, max_reasks=2).summarize(ARTICLE)
    assert [p.name for p in record.people] == ["Roman Chekushov"]
    assert record.meta.attempts == 2


def test_an_edited_template_is_named_when_replay_finds_no_recording(tmp_path: Path) -> None:
    record_people(tmp_path / "recordings")
    prompts = tmp_path / "prompts"
    shutil.copytree(default_prompts_dir(), prompts)
    with (prompts / "people.toml").open("a") as f:
        f.write("# Be thorough.\n")

    with pytest.raises(RecordingMissingError, match="the template changed") as caught:
        replay(tmp_path / "recordings", prompts_dir=prompts).summarize(ARTICLE)
    assert caught.value.template == "people"
    assert "summarize fixtures refresh" in str(caught.value)


def test_changed_model_settings_are_named(tmp_path: Path) -> None:
    record_people(tmp_path)
    with pytest.raises(RecordingMissingError, match=r"model settings changed \(seed 0 -> 7\)"):
        replay(tmp_path, seed=7).summarize(ARTICLE)


def test_a_new_article_is_named(tmp_path: Path) -> None:
    record_people(tmp_path)
    with pytest.raises(RecordingMissingError, match="the article is new"):
        replay(tmp_path).summarize("Eloy Alvarez spoke in Havana on Monday.")


def test_a_recording_never_holds_the_api_key(tmp_path: Path) -> None:
    secret = "sk-test-0123456789abcdefghij"
    record_people(tmp_path, api_key=secret)
    [path] = tmp_path.rglob("people.json")
    text = path.read_text()
    assert secret not in text and "authorization" not in text.lower()
