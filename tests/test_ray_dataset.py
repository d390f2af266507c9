"""What summarize_dataset hands Ray: the key in the runtime environment, never pickled."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("ray", reason="the ray extra is not installed")

import ray.cloudpickle

from summarizer._settings import Settings
from summarizer.ray._dataset import actor_options

KEY = "sk-test-0123456789abcdef"


def _options(**given: object) -> dict[str, object]:
    settings = Settings(
        backend="openai", base_url="http://127.0.0.1:9/v1", model="m", api_key=KEY, **given
    )  # type: ignore[arg-type]
    return actor_options(settings, actors=4, article_timeout=60.0, done=None, verbose=False)


def test_the_key_reaches_the_actors_in_their_environment_never_in_pickled_arguments() -> None:
    options = _options(concurrency=64)
    pickled = ray.cloudpickle.dumps(options["fn_constructor_kwargs"])
    assert KEY.encode() not in pickled
    assert options["runtime_env"] == {"env_vars": {"OPENAI_API_KEY": KEY}}


def test_without_a_key_there_is_no_runtime_environment() -> None:
    settings = Settings(backend="openai", base_url="http://127.0.0.1:9/v1", model="m")
    options = actor_options(settings, actors=1, article_timeout=None, done=None, verbose=False)
    assert options["runtime_env"] is None


def test_the_concurrency_is_shared_by_the_actors_and_paths_are_absolute(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    options = _options(concurrency=64, response_cache=Path("cache"))
    shipped = options["fn_constructor_kwargs"]["settings"]  # type: ignore[index]
    assert shipped.concurrency == 16  # 64 over 4 actors
    assert shipped.response_cache == tmp_path / "cache"
    assert shipped.recordings_dir.is_absolute()
    assert options["compute"].max_concurrent_calls_per_actor == 8  # type: ignore[attr-defined]
