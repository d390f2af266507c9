"""``summarize_dataset``: a Ray Dataset of articles in, a Dataset of records out."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from typing import Any

import ray
import ray.data
from ray.data import ActorPoolStrategy, Dataset
from ray.data.dataset import MaterializedDataset

from summarizer._errors import InputError
from summarizer._read.article import Article
from summarizer._read.inputs import expand_locations
from summarizer._settings import Settings
from summarizer.ray._actor import API_KEY_VARIABLE, ArticleActor
from summarizer.ray._resume import DoneIndex

# Articles per batch. Small, so that articles spread evenly over the actors and a batch
# waiting on its slowest article holds few others back; an actor runs several batches
# at once, enough to keep its share of the concurrency busy.
BATCH_SIZE = 4
# An actor mostly waits on model servers: half a CPU each leaves the other half of the
# cluster's CPUs to the tasks that read inputs and write shards.
ACTOR_CPUS = 0.5
# Blocks the command line's inputs are cut into, at most: Ray keeps each one's metadata
# in the driver.
MAX_INPUT_BLOCKS = 5000
# Seconds one article may take, all its calls, re-asks and retries included.
ARTICLE_TIMEOUT = 900.0


def summarize_dataset(
    ds: Dataset,
    settings: Settings,
    *,
    actors: int | None = None,
    article_timeout: float | None = ARTICLE_TIMEOUT,
    done: DoneIndex | None = None,
    verbose: bool = False,
) -> Dataset:
    """Summarise every article of ``ds`` on a pool of Ray actors, one Summarizer each.

    Args:
        ds: Rows with ``text`` (and optionally ``id`` and ``path``), or with a ``path``
            to an article file that every node can read. A row with an ``error`` is an
            input that could not be read upstream: it comes out ``unreadable``.
        settings: How to summarise. ``settings.concurrency`` bounds the model calls in
            flight across the whole job, shared evenly by the actors. The API key goes to
            the actors through Ray's runtime environment (``env_vars``), never in the
            pickled settings. Paths in the settings are made absolute here and must exist
            on every node; ``response_cache`` is that directory on each node (a cache per
            node) or None.
        actors: Actors in the pool (default: one per CPU of the cluster, at most one per
            call of the concurrency, and of a materialized dataset's blocks). Ray gives
            an actor whole blocks: blocks of a few batches spread articles evenly.
        article_timeout: Seconds one article may take before it becomes an error row.
        done: Articles already summarised (see ``build_done_index``): their rows come out
            ``skipped``, with no model call.
        verbose: The actors log retries and re-asks (forwarded to the driver by Ray).

    Returns:
        A Dataset of OUTPUT_SCHEMA rows (id, path, content_hash, status, record as JSON,
        error), one per input row: a failure is a row with its ``error``, never a
        failed job. Lazy, as every Dataset: it runs when consumed or written.
    """
    settings = settings.resolved()
    pool = actors or max(1, min(_cluster_cpus(), settings.effective_concurrency))
    if isinstance(ds, MaterializedDataset):  # its blocks are known: no actor without one
        pool = min(pool, max(1, ds.num_blocks()))
    options = actor_options(
        settings, actors=pool, article_timeout=article_timeout, done=done, verbose=verbose
    )
    return ds.map_batches(ArticleActor, **options)


def actor_options(
    settings: Settings,
    *,
    actors: int,
    article_timeout: float | None,
    done: DoneIndex | None,
    verbose: bool,
) -> dict[str, Any]:
    """The arguments of ``map_batches`` for a pool of ``actors`` ArticleActors."""
    share = max(1, settings.effective_concurrency // actors)
    constructor = {
        "settings": shippable(settings, concurrency=share),
        "article_timeout": article_timeout,
        "done": done,
        "verbose": verbose,
    }
    key = settings.api_key
    return {
        "fn_constructor_kwargs": constructor,
        "batch_size": BATCH_SIZE,
        "batch_format": "pyarrow",
        # Batches at once per actor: twice as many articles as its share of the calls,
        # since an article has fewer calls in flight than sections once its first
        # answers are in, and a batch ends with its slowest article.
        "compute": ActorPoolStrategy(
            size=actors, max_concurrent_calls_per_actor=max(2, math.ceil(2 * share / BATCH_SIZE))
        ),
        "num_cpus": ACTOR_CPUS,
        # No exactly-once setting is needed: Ray Data's actor pools default to
        # max_restarts=-1 and max_task_retries=-1, so an actor lost with its node is
        # restarted elsewhere and its batches run there again.
        "runtime_env": {"env_vars": {API_KEY_VARIABLE: key}} if key else None,
    }


def shippable(settings: Settings, *, concurrency: int) -> Settings:
    """``settings`` as the actors get them: no key, one actor's share of the concurrency,
    and paths made absolute (an actor's working directory is not the driver's)."""

    def absolute(path: Path | None) -> Path | None:
        return None if path is None else path.absolute()

    return replace(
        settings,
        api_key=None,
        concurrency=concurrency,
        recordings_dir=settings.recordings_dir.absolute(),
        prompts_dir=absolute(settings.prompts_dir),
        sections_dir=absolute(settings.sections_dir),
        model_path=absolute(settings.model_path),
        cache_dir=absolute(settings.cache_dir),
        response_cache=absolute(settings.response_cache),
    )


def input_dataset(
    locations: list[str], *, text_field: str = "text", id_field: str = "id"
) -> Dataset:
    """The command line's inputs (files, directories, globs, JSONL, ``-``) as rows for
    ``summarize_dataset``: article files as their paths (the actors read them on their
    nodes), JSONL lines and standard input as text, inputs that cannot be read as rows
    with their ``error``. The paths are listed here, in the driver."""
    items = expand_locations(locations, text_field=text_field, id_field=id_field)
    rows = [_row(item) for item in items]
    # Blocks of a batch each, so the articles spread evenly over the actors (Ray gives
    # an actor whole blocks); past MAX_INPUT_BLOCKS, larger blocks.
    blocks = max(1, min(math.ceil(len(rows) / BATCH_SIZE), MAX_INPUT_BLOCKS))
    return ray.data.from_items(rows, override_num_blocks=blocks)


def _cluster_cpus() -> int:
    if not ray.is_initialized():
        ray.init()  # as Ray Data would on first use: RAY_ADDRESS, or a local instance
    return int(ray.cluster_resources().get("CPU", 1))


def _row(item: str | Article | InputError) -> dict[str, Any]:
    if isinstance(item, str):
        return {"id": None, "path": item, "text": None, "error": None}
    if isinstance(item, Article):
        return {"id": item.id, "path": item.path, "text": item.text, "error": None}
    return {"id": None, "path": str(item).split(":", 1)[0], "text": None, "error": str(item)}
