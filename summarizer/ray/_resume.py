"""Resuming at corpus scale: which articles an output already holds, with no process
holding them all.

The local path reads every content hash of its output into a set. With ten million
records that is gigabytes in one process, the trap of Ray Data's checkpoint restore
(ray #65891). Here the hashes of the record shards are partitioned by their first two
hex digits into 256 buckets by a Ray Data groupby (a hash shuffle of 32-byte keys, never
of the records), and each bucket is written as a sorted array. An actor looks an article
up by binary search in the memory-mapped bucket of its hash: what it touches stays in
the node's page cache, shared by the actors of the node, and no process ever loads the
index whole.

A join of the inputs against the done hashes (``Dataset.join``, ``left_anti``) would do
the same with Ray's own operator, but it shuffles the articles' text and waits for all
of it before the first model call; the index shuffles only the hashes, and the inputs
stream through the actors as in a first run.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

PREFIX_CHARS = 2  # hex digits naming a bucket: 256 buckets
KEY_CHARS = 32  # hex digits of the content hash kept: 128 bits, no collision in practice
RECORD_SHARDS = "records-*.jsonl"


@dataclass(frozen=True)
class DoneIndex:
    """The content hashes already in an output, as one sorted file per hash prefix.

    Pickled to every actor as its directory alone; each bucket is memory-mapped on
    first use. The directory must be readable on every node (a shared filesystem).
    """

    directory: Path

    def contains(self, content_hash: str) -> bool:
        bucket = _bucket(self.directory / f"{content_hash[:PREFIX_CHARS]}.npy")
        key = content_hash[:KEY_CHARS].encode("ascii")
        index = int(np.searchsorted(bucket, key))
        return index < len(bucket) and bytes(bucket[index]) == key


@functools.lru_cache(maxsize=256 * 4)
def _bucket(path: Path) -> np.ndarray[Any, Any]:
    if not path.exists():
        return np.empty(0, dtype=f"S{KEY_CHARS}")
    return np.load(path, mmap_mode="r")  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Output:
    """What the record shards of an output hold, for a resumed run."""

    done: DoneIndex  # complete records, by content hash
    partial_shards: tuple[Path, ...]  # shards that hold a partial record


def build_done_index(shards: Path, index: Path) -> Output | None:
    """Index the content hashes of the complete records in the shards in ``shards`` into
    ``index`` (made anew), and name the shards holding partial ones; None when there are
    no shards yet. Runs as a Ray Data job."""
    import ray.data

    files = sorted(str(path) for path in shards.glob(RECORD_SHARDS))
    if not files:
        return None
    if index.exists():
        shutil.rmtree(index)
    index.mkdir(parents=True)
    lines = ray.data.read_text(files, include_paths=True)
    keys = lines.map_batches(_keys, batch_format="pyarrow")
    written = keys.groupby("bucket").map_groups(
        functools.partial(_write_bucket, index), batch_format="numpy"
    )
    partial = {path for row in written.take_all() for path in row["partial"]}
    return Output(DoneIndex(index), tuple(sorted(map(Path, partial))))


def drop_superseded(shard: Path, done: DoneIndex) -> int:
    """Rewrite ``shard`` without its partial records whose article has a complete record
    now (a resumed run wrote it); how many it dropped. Whole or not at all."""
    kept, dropped = [], 0
    for line in shard.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
            superseded = bool(record["meta"].get("failed")) and done.contains(
                record["source"]["content_hash"]
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            superseded = False
        if superseded:
            dropped += 1
        else:
            kept.append(line)
    if dropped:
        handle, temporary = tempfile.mkstemp(dir=shard.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write("".join(line + "\n" for line in kept))
        os.replace(temporary, shard)
    return dropped


def _keys(lines: pa.Table) -> pa.Table:
    """Each complete record's bucket and key; a partial record (a section failed, to be
    summarised again) as its shard's path; a line that is not a record is left out."""
    buckets, keys, partial = [], [], []
    for line, path in zip(
        lines.column("text").to_pylist(), lines.column("path").to_pylist(), strict=True
    ):
        try:
            record = json.loads(line)
            content_hash = record["source"]["content_hash"]
            failed = bool(record["meta"].get("failed"))
        except (ValueError, KeyError, TypeError, AttributeError):
            continue
        if not isinstance(content_hash, str) or len(content_hash) < KEY_CHARS:
            continue
        buckets.append(content_hash[:PREFIX_CHARS])
        keys.append(None if failed else content_hash[:KEY_CHARS])
        partial.append(path if failed else None)
    return pa.table(
        {
            "bucket": pa.array(buckets, pa.string()),
            "key": pa.array(keys, pa.string()),
            "partial": pa.array(partial, pa.string()),
        }
    )


def _write_bucket(index: Path, group: dict[str, np.ndarray[Any, Any]]) -> dict[str, list[Any]]:
    """One bucket as a sorted array of unique keys, written whole or not at all; the
    shards holding the bucket's partial records."""
    bucket = str(group["bucket"][0])
    found = [key for key in group["key"] if key is not None]
    keys = np.unique(np.asarray(found, dtype=f"S{KEY_CHARS}"))
    handle, temporary = tempfile.mkstemp(dir=index, suffix=".tmp")
    with os.fdopen(handle, "wb") as file:
        np.save(file, keys)
    os.replace(temporary, index / f"{bucket}.npy")
    partial = sorted({str(path) for path in group.get("partial", []) if path is not None})
    return {"bucket": [bucket], "count": [len(keys)], "partial": [partial]}
