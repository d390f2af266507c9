"""Settings: every option of a run in one object, read from the environment only when asked."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from summarizer._backends.model_files import DEFAULT_EMBEDDED_MODEL, EMBEDDED_MODELS
from summarizer._backends.transports import RetryPolicy
from summarizer._errors import ConfigurationError

# Re-asks per section for a model whose own number is not known.
DEFAULT_REASKS = 2

Backend = Literal["openai", "local", "replay"]
BACKENDS: tuple[Backend, ...] = ("openai", "local", "replay")


@dataclass(frozen=True)
class Settings:
    """How to summarise.

    Attributes:
        backend: ``openai`` (any OpenAI-compatible server), ``local`` (llama.cpp
            in-process) or ``replay`` (recorded fixtures). None picks ``openai`` when a
            base URL or API key is configured, else ``local``.
        model: The model name sent to the server; for ``local``, an embedded model name.
        base_url: The OpenAI-compatible endpoint (``openai`` backend).
        base_urls: Further endpoints serving the same model: each article's requests go
            to one of ``base_url`` and these, chosen by a hash of its id.
        api_key: Its key; never logged, recorded or cached.
        model_path: A GGUF file for ``local`` instead of the embedded model.
        sections: The record sections to fill (default: all).
        prompts_dir: Prompt templates to use instead of the shipped ones.
        recordings_dir: Where replay reads, and recording writes, model traffic.
        record: Write every live exchange to ``recordings_dir``.
        max_reasks: Re-asks after an invalid answer, per section (none more once a re-ask
            is answered word for word as before). None: the model's own (none for the
            embedded 0.5B, which answers a re-ask with the same faults; 2 otherwise);
            the digest's overview keeps 2 unless set (not measured there).
        second_pass: Figures: list the candidates the first answer left out once more
            (one more request where it left some; a small model often stops early).
        temperature: Sampling temperature (0: the same input gives the same record).
        seed: Sampling seed sent with every request.
        timeout: Seconds before one HTTP request is abandoned.
        retry: Transport retry policy (429, 5xx, timeouts, connection errors).
        concurrency: Section calls in flight at once (None: 1 for local, 16 otherwise).
        cache_dir: Where the assembled embedded model is kept.
        response_cache: A directory caching model responses by request (None: no cache).
        languages: ISO 639-1 codes of the languages to summarise; others are refused
            (``*``: any). The prompts are English.
        chunk_chars: The longest text one request carries (about 5,000 tokens: within the
            embedded model's 8,192 with the instructions and the answer). Longer articles
            are summarised in overlapping chunks, or refused when ``chunking`` is off.
        reuse_prefix: Local backend: reuse the evaluated prompt prefix across templates.
        draft_tokens: Local backend: tokens guessed from the prompt per decoding step
            (prompt-lookup decoding; 4 suits two cores, 0 is off). Faster where answers
            copy the article, but llama.cpp rounds a batch of tokens differently from
            one token, so an answer can differ from plain greedy decoding at a near-tie.
        prices: USD per million tokens, model -> (prompt, completion), for ``meta.cost_usd``.
        sections_dir: A directory of section files (``*.toml``, ``*.json``): users' own
            sections, besides the built-in ones (``$SUMMARIZER_SECTIONS_DIR``).
        on_section_failure: ``record`` (default): a section that fails after its retries
            and re-asks is left empty and listed in ``meta.failed``, and the record keeps
            every section that succeeded; ``raise``: its ``ModelCallError`` is raised.
    """

    backend: Backend | None = None
    model: str | None = None
    base_url: str | None = None
    base_urls: tuple[str, ...] = ()
    api_key: str | None = field(default=None, repr=False)
    model_path: Path | None = None
    sections: tuple[str, ...] | None = None
    prompts_dir: Path | None = None
    recordings_dir: Path = Path("fixtures/recordings")
    record: bool = False
    max_reasks: int | None = None
    second_pass: bool = True
    temperature: float = 0.0
    seed: int = 0
    timeout: float = 600.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    concurrency: int | None = None
    cache_dir: Path | None = None
    response_cache: Path | None = None
    reuse_prefix: bool = True
    draft_tokens: int = 0
    languages: tuple[str, ...] = ("en",)
    chunk_chars: int = 20_000
    chunking: bool = True
    prices: dict[str, tuple[float, float]] | None = field(default=None, compare=False)
    on_section_failure: Literal["record", "raise"] = "record"
    sections_dir: Path | None = None

    def cost_of(self, prompt_tokens: int, completion_tokens: int) -> float | None:
        """The USD cost of these tokens with this model, when the price table has it."""
        price = (self.prices or {}).get(str(self.model))
        if price is None:
            return None
        return round((prompt_tokens * price[0] + completion_tokens * price[1]) / 1e6, 6)

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from ``OPENAI_BASE_URL``, ``OPENAI_API_KEY``, ``SUMMARIZER_BACKEND``,
        ``SUMMARIZER_MODEL`` and ``SUMMARIZER_SECTIONS_DIR``, then ``overrides`` (None
        values are ignored)."""
        environment = {
            "base_url": os.environ.get("OPENAI_BASE_URL") or None,
            "api_key": os.environ.get("OPENAI_API_KEY") or None,
            "backend": os.environ.get("SUMMARIZER_BACKEND") or None,
            "model": os.environ.get("SUMMARIZER_MODEL") or None,
            "sections_dir": Path(os.environ["SUMMARIZER_SECTIONS_DIR"])
            if os.environ.get("SUMMARIZER_SECTIONS_DIR")
            else None,
        }
        given = {k: v for k, v in {**environment, **overrides}.items() if v is not None}
        return cls(**given).resolved()  # type: ignore[arg-type]

    def resolved(self) -> Settings:
        """These settings with the backend and model chosen, or a ConfigurationError."""
        if self.max_reasks is not None and self.max_reasks < 0:
            raise ConfigurationError(f"max_reasks must be 0 or more, not {self.max_reasks}")
        backend = self.backend or ("openai" if (self.base_url or self.api_key) else "local")
        if backend not in BACKENDS:
            raise ConfigurationError(
                f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}"
            )
        model = self.model
        if backend == "local":
            if self.model_path is None:
                model = model or DEFAULT_EMBEDDED_MODEL
                if model not in EMBEDDED_MODELS:
                    raise ConfigurationError(
                        f"unknown embedded model {model!r}; choose one of "
                        f"{', '.join(EMBEDDED_MODELS)} or pass --model-path"
                    )
            else:
                model = model or self.model_path.stem
        elif backend == "openai" and not model:
            raise ConfigurationError("the openai backend needs a model name (--model)")
        elif backend == "replay":
            model = model or DEFAULT_EMBEDDED_MODEL
        return replace(self, backend=backend, model=model)

    @property
    def effective_max_reasks(self) -> int:
        """Re-asks per section: as set, else the embedded model's own, else
        ``DEFAULT_REASKS``."""
        if self.max_reasks is not None:
            return self.max_reasks
        embedded = self.backend in ("local", "replay", None) and self.model_path is None
        model = EMBEDDED_MODELS.get(self.model or DEFAULT_EMBEDDED_MODEL) if embedded else None
        return DEFAULT_REASKS if model is None else model.reasks

    @property
    def effective_concurrency(self) -> int:
        if self.concurrency is not None:
            return max(1, self.concurrency)
        return 1 if self.backend in ("local", None) else 16
