"""The rows of a summarised dataset: one per article, whatever became of it.

A record is carried as its JSON text: Arrow infers a schema from the first rows it
sees, and a record's nested, nullable, sometimes empty lists would give each block a
different one. The schema below is fixed, so every block agrees.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

import pyarrow as pa

from summarizer._records import ArticleSummary

Status = Literal["ok", "partial", "failed", "unreadable", "skipped"]

OUTPUT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("path", pa.string()),
        ("content_hash", pa.string()),
        # ok: a whole record; partial: a record some sections of which failed (its
        # meta.failed says which); failed: no record; unreadable: the input could not be
        # read; skipped: already in the output (resume).
        ("status", pa.string()),
        ("record", pa.string()),  # ArticleSummary as JSON, or null
        ("error", pa.string()),  # one line saying what failed, or null
    ]
)


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """What became of one article, as a row of OUTPUT_SCHEMA."""

    id: str | None
    path: str | None
    content_hash: str | None
    status: Status
    record: str | None = None
    error: str | None = None

    @classmethod
    def of_record(cls, record: ArticleSummary) -> ArticleRow:
        """A record's row: ``partial`` with an error naming the sections that failed after
        their retries (each cost only itself), else ``ok``."""
        failed = "; ".join(f"{f.section}: {f.reason}" for f in record.meta.failed)
        return cls(
            record.source.id,
            record.source.path,
            record.source.content_hash,
            "ok" if record.complete else "partial",
            record.model_dump_json(),
            f"sections failed: {failed}" if failed else None,
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def rows_table(rows: list[ArticleRow]) -> pa.Table:
    return pa.Table.from_pylist([row.as_dict() for row in rows], schema=OUTPUT_SCHEMA)
