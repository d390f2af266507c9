"""A whole run: inputs through the actors into JSONL shards, resumable, with its account."""

from __future__ import annotations

import shutil
from pathlib import Path

from ray.data import Dataset

from summarizer._run.batch import RunStats
from summarizer._settings import Settings
from summarizer.ray._dataset import ARTICLE_TIMEOUT, summarize_dataset
from summarizer.ray._resume import build_done_index
from summarizer.ray._shards import JsonlShards

# A write task only turns rows into lines and renames a file.
WRITE_CPUS = 0.25


def summarize_to_shards(
    ds: Dataset,
    directory: Path,
    settings: Settings,
    *,
    resume: bool = False,
    actors: int | None = None,
    article_timeout: float | None = ARTICLE_TIMEOUT,
    verbose: bool = False,
) -> RunStats:
    """Summarise ``ds`` (see ``summarize_dataset``) into JSONL shards in ``directory``.

    Args:
        resume: Skip the articles whose records the shards already in ``directory``
            hold (by content hash), with no model call; failed ones are tried again.

    Returns:
        The run's account, as the local runner's: articles, summarised, skipped,
        failed, calls, requests, tokens.
    """
    sink = JsonlShards(directory)
    index = directory / f".resume-{sink.run}"
    try:
        done = build_done_index(directory, index) if resume else None
        rows = summarize_dataset(
            ds,
            settings,
            actors=actors,
            article_timeout=article_timeout,
            done=done,
            verbose=verbose,
        )
        rows.write_datasink(sink, ray_remote_args={"num_cpus": WRITE_CPUS})
    finally:
        shutil.rmtree(index, ignore_errors=True)
    return sink.stats
