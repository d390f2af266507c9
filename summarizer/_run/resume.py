"""``--resume``: what a JSONL output already holds, and what each input still needs.

A resumed run must end with the lines one uninterrupted run would have written: one per
input, duplicates by content included. So an output line is matched to an input by the
article's id *and* its content hash, each line standing for one input:

- a complete record: that input is done;
- a partial record (``meta.failed``): only its failed sections are asked again, and
  the completed record replaces the partial line;
- another input's record of the same text: this input is a duplicate, and its line is
  that record under its own id, with no model call.

Only what resuming needs is held in memory: the (id, hash) pairs of complete lines, the
offset of one line per content hash, and the partial records themselves.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from summarizer._read.article import Article
from summarizer._records import ArticleSummary

_Key = tuple[str, str]  # (article id, content hash)


@dataclass
class Resumed:
    """What the output file at ``path`` already holds."""

    path: Path
    done: Counter[_Key] = field(default_factory=Counter)
    partial: dict[_Key, list[tuple[int, ArticleSummary]]] = field(default_factory=dict)
    # Content hash -> offset of a complete record of that text, for its duplicates.
    offsets: dict[str, int] = field(default_factory=dict)
    # Offsets of partial lines whose completed record is written: removed by compact().
    superseded: set[int] = field(default_factory=set)

    @classmethod
    def read(cls, path: Path) -> Resumed:
        """The records in ``path`` (none when it does not exist). A line torn by a crash is
        cut off, so that appending starts on a line of its own; a partial line that a
        complete one of the same article already follows (an earlier resume was
        interrupted before it compacted) is marked superseded."""
        resumed = cls(path)
        if not path.exists():
            return resumed
        _cut_torn_line(path)
        with path.open("rb") as file:
            offset = 0
            for line in file:
                resumed._add(offset, line)
                offset += len(line)
        for key in [k for k in resumed.partial if resumed.done[k]]:
            resumed.superseded.update(offset for offset, _ in resumed.partial.pop(key))
        return resumed

    def _add(self, offset: int, line: bytes) -> None:
        try:
            record = ArticleSummary.model_validate_json(line)
        except ValueError:
            return  # not a record of ours: left as it is
        content_hash = record.source.content_hash
        if content_hash is None:
            return
        key = (record.source.id, content_hash)
        if record.complete:
            self.done[key] += 1
            self.offsets.setdefault(content_hash, offset)
        else:
            self.partial.setdefault(key, []).append((offset, record))

    def take(self, article: Article) -> Done | Partial | Duplicate | None:
        """What ``article`` still needs: nothing (``Done``), its failed sections
        (``Partial``), a copy of another input's record (``Duplicate``), or everything
        (None). Each line answers for one input only."""
        key = (article.id, article.content_hash)
        if self.done[key] > 0:
            self.done[key] -= 1
            return Done()
        if self.partial.get(key):
            offset, record = self.partial[key].pop(0)
            return Partial(record, offset)
        if article.content_hash in self.offsets:
            return Duplicate(self.record_at(self.offsets[article.content_hash]))
        return None

    def record_at(self, offset: int) -> ArticleSummary:
        with self.path.open("rb") as file:
            file.seek(offset)
            return ArticleSummary.model_validate_json(file.readline())

    def compact(self) -> None:
        """Rewrite the output without the superseded partial lines (atomically: a crash
        leaves the old file or the new one, never half of one)."""
        if not self.superseded or not self.path.exists():
            return
        temporary = self.path.with_name(self.path.name + ".compacting")
        with self.path.open("rb") as source, temporary.open("wb") as target:
            offset = 0
            for line in source:
                if offset not in self.superseded:
                    target.write(line)
                offset += len(line)
            target.flush()
            os.fsync(target.fileno())
        os.replace(temporary, self.path)
        self.superseded.clear()


@dataclass(frozen=True)
class Done:
    """The input has its complete line already."""


@dataclass(frozen=True)
class Partial:
    """The input's line is a partial record: its failed sections are asked again."""

    record: ArticleSummary
    offset: int


@dataclass(frozen=True)
class Duplicate:
    """Another input's complete record of the same text, to write under this input's id."""

    record: ArticleSummary


def _cut_torn_line(path: Path) -> None:
    size = path.stat().st_size
    if size == 0:
        return
    with path.open("rb+") as file:
        file.seek(size - 1)
        if file.read(1) == b"\n":
            return
        # Find the last newline from the end, in blocks: the file may be large.
        position = size
        while position > 0:
            start = max(0, position - 65536)
            file.seek(start)
            block = file.read(position - start)
            newline = block.rfind(b"\n")
            if newline >= 0:
                file.truncate(start + newline + 1)
                return
            position = start
        file.truncate(0)
