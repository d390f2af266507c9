"""Settings: the backend follows the environment, read only when asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import ConfigurationError, Settings

pytestmark = pytest.mark.usefixtures("no_endpoint_configured")


def test_with_no_endpoint_the_embedded_model_is_the_default() -> None:
    settings = Settings.from_env()
    assert (settings.backend, settings.model) == ("local", "qwen2.5-coder-0.5b")
    assert settings.effective_concurrency == 1


def test_an_endpoint_in_the_environment_selects_the_openai_backend(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:8000/v1")
    monkeypatch.setenv("SUMMARIZER_MODEL", "qwen")
    settings = Settings.from_env()
    assert (settings.backend, settings.base_url, settings.model) == (
        "openai",
        "http://127.0.0.1:8000/v1",
        "qwen",
    )
    assert settings.effective_concurrency == 16


def test_the_api_key_never_shows_in_the_settings_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret-value")
    settings = Settings.from_env(model="gpt-4o-mini")
    assert "sk-test-secret-value" not in repr(settings)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"backend": "carrier-pigeon"}, "unknown backend"),
        ({"backend": "openai"}, "needs a model name"),
        ({"backend": "local", "model": "gpt-9"}, "unknown embedded model"),
    ],
)
def test_impossible_settings_are_refused(overrides: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        Settings.from_env(**overrides)


def test_re_asks_follow_the_model_unless_set() -> None:
    # The embedded 0.5B answers a re-ask with the same faults (bench/README.md): none.
    assert Settings.from_env().effective_max_reasks == 0
    assert Settings.from_env(backend="replay").effective_max_reasks == 0
    assert Settings.from_env(model="qwen2.5-coder-1.5b").effective_max_reasks == 2
    assert Settings.from_env(backend="openai", model="m").effective_max_reasks == 2
    assert Settings.from_env(max_reasks=1).effective_max_reasks == 1
    # Another GGUF is another model: its re-asks are not known to be wasted.
    other = Settings.from_env(model_path=Path("other.gguf"))
    assert (other.model, other.effective_max_reasks) == ("other", 2)
    with pytest.raises(ConfigurationError, match="max_reasks must be 0 or more"):
        Settings.from_env(max_reasks=-1)
