"""The resume index: hashes bucketed by prefix, sorted, looked up by binary search."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("ray", reason="the ray extra is not installed")

import pyarrow as pa

from summarizer.ray import DoneIndex
from summarizer.ray._resume import KEY_CHARS, _keys, _write_bucket


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
    assert written == {"bucket": ["ab"], "count": [2]}
    stored = np.load(tmp_path / "ab.npy")
    assert [k.decode() for k in stored] == sorted(set(keys))


def test_an_empty_index_holds_nothing(tmp_path: Path) -> None:
    assert not DoneIndex(tmp_path).contains(_hash("anything"))


def test_keys_come_from_record_lines_and_other_lines_are_left_out() -> None:
    good = _hash("a story")
    lines = pa.table(
        {
            "text": [
                f'{{"source": {{"id": "a", "content_hash": "{good}"}}, "meta": {{}}}}',
                '{"source": {"id": "torn", "content_ha',
                '{"source": {"id": "old", "content_hash": null}}',
            ]
        }
    )
    assert _keys(lines).to_pylist() == [{"bucket": good[:2], "key": good[:KEY_CHARS]}]
