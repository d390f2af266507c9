"""Building the HTTP transport of a backend, and the switch that blocks live model calls."""

from __future__ import annotations

import functools
import ssl

import httpx2

from summarizer._backends.local import LocalModelSettings, LocalModelTransport
from summarizer._backends.model_files import EMBEDDED_MODELS, assemble
from summarizer._backends.replay import ReplayTransport
from summarizer._backends.spreading import SpreadingTransport
from summarizer._backends.transports import RetryBudget, RetryingTransport, SchemaFormatTransport
from summarizer._errors import ConfigurationError, ModelRequestsBlocked
from summarizer._settings import Settings

# Set to False (the test suite does, as pydantic-ai does) and any backend that would reach
# a real model or network refuses to be built. Replay and transports passed in explicitly
# are unaffected. Read at build time, never at import time.
ALLOW_MODEL_REQUESTS = True

# The base URL the openai client is given for in-process backends; nothing listens there.
IN_PROCESS_URL = "http://in-process.invalid/v1"


def build_transport(
    settings: Settings, *, retry_budget: RetryBudget | None = None
) -> tuple[httpx2.AsyncBaseTransport, str]:
    """The transport of ``settings.backend`` and the base URL to give the openai client.

    Args:
        retry_budget: The run's budget of transport retries, shared by every transport
            the run builds (one per event loop); a fresh one when None.
    """
    if settings.backend == "replay":
        return ReplayTransport(settings.recordings_dir), IN_PROCESS_URL
    if not ALLOW_MODEL_REQUESTS:
        raise ModelRequestsBlocked(
            f"live model requests are blocked (backend {settings.backend!r}); "
            "tests must use replay or a scripted transport"
        )
    transport: httpx2.AsyncBaseTransport
    if settings.backend == "local":
        transport, base_url = LocalModelTransport(_local_settings(settings)), IN_PROCESS_URL
    elif settings.backend == "openai":
        base_url = settings.base_url or "https://api.openai.com/v1"
        # One budget for the run, whichever endpoint the retries go to.
        budget = retry_budget or RetryBudget(settings.retry)
        transport = _http_transport(settings, budget)
        if settings.base_urls:
            others = [(url, _http_transport(settings, budget)) for url in settings.base_urls]
            transport = SpreadingTransport([(base_url, transport), *others])
    else:
        raise ConfigurationError(f"unknown backend {settings.backend!r}")
    return transport, base_url


def _http_transport(settings: Settings, budget: RetryBudget) -> httpx2.AsyncBaseTransport:
    """One endpoint's stack: its own connections, retries and response-format fallback."""
    # httpx keeps 20 idle connections by default: past that, each request at a higher
    # concurrency would open a connection and close it after.
    limits = httpx2.Limits(
        max_connections=None, max_keepalive_connections=settings.effective_concurrency
    )
    return RetryingTransport(
        SchemaFormatTransport(httpx2.AsyncHTTPTransport(verify=ssl_context(), limits=limits)),
        settings.retry,
        budget=budget,
    )


@functools.cache
def ssl_context() -> ssl.SSLContext:
    """The default SSL context, built once: loading the CA bundle takes about 20 ms, and
    every event loop's client would otherwise load it again."""
    return httpx2.create_ssl_context()


def _local_settings(settings: Settings) -> LocalModelSettings:
    if settings.model_path is not None:
        if not settings.model_path.is_file():
            raise ConfigurationError(f"--model-path {settings.model_path}: no such file")
        path = settings.model_path
    else:
        path = assemble(EMBEDDED_MODELS[str(settings.model)], settings.cache_dir)
    return LocalModelSettings(
        model_path=path,
        seed=settings.seed,
        reuse_prefix=settings.reuse_prefix,
        draft_tokens=settings.draft_tokens,
    )
