"""The resume index: hashes bucketed by prefix, sorted, looked up by binary search."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("ray", reason="the ray extra is not installed")

import pyarrow as pa

from summarizer.ray import DoneIndex
from summarizer.ray._resume import KEY_CHARS, _keys, _write_bucket, drop_superseded


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_the_index_holds_exactly_the_hashes_written_to_it(tmp_path: Path) -> None:
    done = [_hash(f"article {n}") for n in range(300)]
    for bucket in sorted({h[:2] for h in done}):
        keys = [h[:KEY_CHARS] for h in done if h.startswith(bucket)]
        _write_bucket(tmp_path, {"bucket": np.array([bucket] * len(keys)), "key": np.array(keys)})
    index = DoneIndex(tmp_path)
    assert all(index.contains(h) for h in done)
    assert not any(index.contains(_hash(f"article {n}")) for n in range(300, 600))
    assert not list(tmp_path.glob("*.tmp"))


def test_a_bucket_is_sorted_unique_keys(tmp_path: Path) -> None:
    keys = ["ab" + "9" * 30, "ab" + "1" * 30, "ab" + "9" * 30]
    written = _write_bucket(tmp_path, {"bucket": np.array(["ab"] * 3), "key": np.array(keys)})
    assert written == {"bucket": ["ab"], "count": [2], "partial": [[]]}
    stored = np.load(tmp_path / "ab.npy")
    assert [k.decode() for k in stored] == sorted(set(keys))


def test_an_empty_index_holds_nothing(tmp_path: Path) -> None:
    assert not DoneIndex(tmp_path).contains(_hash("anything"))


def test_complete_records_are_keys_and_partial_ones_name_their_shard() -> None:
    good, partial = _hash("a story"), _hash("a story with a failed section")
    failed = '[{"section": "figures", "error": "TransportError", "reason": "HTTP 500"}]'
    lines = pa.table(
        {
            "text": [
                f'{{"source": {{"id": "a", "content_hash": "{good}"}}, "meta": {{"failed": []}}}}',
                f'{{"source": {{"id": "b", "content_hash": "{partial}"}}, '
                f'"meta": {{"failed": {failed}}}}}',
                '{"source": {"id": "torn", "content_ha',
                '{"source": {"id": "old", "content_hash": null}, "meta": {}}',
            ],
            "path": ["records-1.jsonl", "records-2.jsonl", "records-2.jsonl", "records-3.jsonl"],
        }
    )
    assert _keys(lines).to_pylist() == [
        {"bucket": good[:2], "key": good[:KEY_CHARS], "partial": None},
        {"bucket": partial[:2], "key": None, "partial": "records-2.jsonl"},
    ]


def test_a_partial_record_completed_since_leaves_its_shard(tmp_path: Path) -> None:
    done, still = _hash("completed by the resumed run"), _hash("still partial")
    (tmp_path / "index").mkdir()
    _write_bucket(
        tmp_path / "index", {"bucket": np.array([done[:2]]), "key": np.array([done[:32]])}
    )
    failed = [{"section": "figures", "error": "TransportError", "reason": "HTTP 500"}]
    shard = tmp_path / "records-run-000001.jsonl"
    lines = [
        {"source": {"id": "a", "content_hash": done}, "meta": {"failed": failed}},
        {"source": {"id": "b", "content_hash": still}, "meta": {"failed": failed}},
        {"source": {"id": "c", "content_hash": _hash("complete")}, "meta": {"failed": []}},
    ]
    shard.write_text("".join(json.dumps(line) + "\n" for line in lines))
    assert drop_superseded(shard, DoneIndex(tmp_path / "index")) == 1
    kept = [json.loads(line)["source"]["id"] for line in shard.read_text().splitlines()]
    assert kept == ["b", "c"]
