"""A whole run: inputs through the actors into JSONL shards, resumable, with its account."""

from __future__ import annotations

import shutil
from pathlib import Path

from ray.data import Dataset

from summarizer._run.batch import RunStats
from summarizer._settings import Settings
from summarizer.ray._dataset import ARTICLE_TIMEOUT, summarize_dataset
from summarizer.ray._resume import build_done_index, drop_superseded
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
        resume: Skip the articles whose complete records the shards already in
            ``directory`` hold (by content hash), with no model call. Failed articles
            are tried again; so are partial ones (a section failed), whole, and their
            partial records then leave their shards.

    Returns:
        The run's account, as the local runner's: articles, summarised, skipped,
        failed, calls, requests, tokens.
    """
    sink = JsonlShards(directory)
    index = directory / f".resume-{sink.run}"
    try:
        output = build_done_index(directory, index) if resume else None
        rows = summarize_dataset(
            ds,
            settings,
            actors=actors,
            article_timeout=article_timeout,
            done=output.done if output else None,
            verbose=verbose,
        )
        rows.write_datasink(sink, ray_remote_args={"num_cpus": WRITE_CPUS})
        if output and output.partial_shards:
            _drop_superseded(directory, output.partial_shards, index)
    finally:
        shutil.rmtree(index, ignore_errors=True)
    return sink.stats


def _drop_superseded(directory: Path, shards: tuple[Path, ...], index: Path) -> None:
    """Partial records this run completed leave their old shards, as the local path's
    resume replaces a partial line: the index is built again with the new records."""
    after = build_done_index(directory, index.with_name(index.name + "-after"))
    try:
        if after is not None:
            for shard in shards:
                drop_superseded(shard, after.done)
    finally:
        shutil.rmtree(index.with_name(index.name + "-after"), ignore_errors=True)
