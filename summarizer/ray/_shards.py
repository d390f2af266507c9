"""Writing a summarised dataset as JSONL shards, and the run's account from them.

Each write task writes ``records-<run>-<task>.jsonl`` (one record per line, as the local
path's ``-o out.jsonl``) and ``errors-<run>-<task>.jsonl`` (``{"article", "path",
"error"}``, as its ``out.jsonl.errors.jsonl``), each to a temporary name first and then
renamed: a shard is whole or absent. A write task that Ray runs again (its node died)
writes the same names, so a record is never written twice; a job that dies leaves
the shards already renamed, which ``--resume`` continues from.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ray.data.block import Block, BlockAccessor
from ray.data.datasource.datasink import Datasink, WriteResult

from summarizer._run.batch import RunStats

# Records a write task gathers into one shard at least (the last shard may hold fewer).
ROWS_PER_SHARD = 256


class JsonlShards(Datasink[RunStats]):
    """A Ray Data datasink for the rows of ``summarize_dataset``.

    Args:
        directory: Where the shards go; it must be reachable from every node (a shared
            filesystem), as the write tasks run on them.
        rows_per_shard: Rows gathered into one shard before it is written.

    Attributes:
        stats: The run's account (articles, failures, calls, tokens), summed over the
            shards once the write has finished.
    """

    def __init__(self, directory: Path, *, rows_per_shard: int = ROWS_PER_SHARD) -> None:
        self.directory = directory.absolute()
        self.run = uuid.uuid4().hex[:12]
        self.stats = RunStats()
        self._rows_per_shard = rows_per_shard

    @property
    def min_rows_per_write(self) -> int:
        return self._rows_per_shard

    def on_write_start(self, schema: object = None) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)

    def write(self, blocks: Iterable[Block], ctx: Any) -> RunStats:
        stats = RunStats()
        records: list[str] = []
        errors: list[str] = []
        for block in blocks:
            for row in BlockAccessor.for_block(block).to_arrow().to_pylist():
                account(stats, row)
                if row["record"] is not None:
                    records.append(row["record"])
                elif row["status"] in ("failed", "unreadable"):
                    line = {"article": row["id"], "path": row["path"], "error": row["error"]}
                    errors.append(json.dumps(line, ensure_ascii=False))
        name = f"{self.run}-{ctx.task_idx:06d}.jsonl"
        _write_whole(self.directory / f"records-{name}", records)
        _write_whole(self.directory / f"errors-{name}", errors)
        return stats

    def on_write_complete(self, write_result: WriteResult[RunStats]) -> None:
        for part in write_result.write_returns:
            merge(self.stats, part)


def account(stats: RunStats, row: dict[str, Any]) -> None:
    """Count one output row in ``stats`` as the local runner counts its outcomes."""
    stats.articles += 1
    status = row["status"]
    if status == "skipped":
        stats.skipped += 1
    elif status in ("failed", "unreadable"):
        stats.failed += 1
        stats.unreadable += status == "unreadable"
    else:
        stats.summarised += 1
        stats.partial += status == "partial"
        meta = json.loads(row["record"])["meta"]
        stats.calls += meta["calls"]
        stats.attempts += meta["attempts"]
        stats.cached += meta["cached"]
        stats.prompt_tokens += meta["usage"]["prompt_tokens"]
        stats.completion_tokens += meta["usage"]["completion_tokens"]
        if meta.get("cost_usd") is not None:
            stats.cost_usd = (stats.cost_usd or 0.0) + meta["cost_usd"]


def merge(total: RunStats, part: RunStats) -> None:
    """Add ``part``'s counts to ``total`` (its clock stays ``total``'s)."""
    for field in dataclasses.fields(RunStats):
        if field.name in ("started", "cost_usd"):
            continue
        setattr(total, field.name, getattr(total, field.name) + getattr(part, field.name))
    if part.cost_usd is not None:
        total.cost_usd = (total.cost_usd or 0.0) + part.cost_usd


def _write_whole(path: Path, lines: list[str]) -> None:
    if not lines:
        return
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write("".join(line + "\n" for line in lines))
    os.replace(temporary, path)
