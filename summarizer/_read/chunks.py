"""Articles longer than a model's context: overlapping chunks, and their records merged.

A chunk is a run of whole paragraphs (whole sentences when one paragraph is too long)
of at most ``size`` characters; each chunk repeats the end of the one before, so a fact
split by a boundary is whole in one of them. Facts found in two chunks are kept once:
people and organisations by name (the richest kept), the rest by where they stand in the
article, since every span is shifted to article offsets before merging.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from summarizer._records import Evidence

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])")


@dataclass(frozen=True, slots=True)
class Chunk:
    start: int
    text: str


def chunk_text(text: str, size: int, overlap: int) -> list[Chunk]:
    """``text`` in chunks of at most ``size`` characters that overlap by about ``overlap``."""
    if len(text) <= size:
        return [Chunk(0, text)]
    pieces = _pieces(text, size)
    chunks: list[Chunk] = []
    first = 0
    while first < len(pieces):
        last = first
        while last + 1 < len(pieces) and pieces[last + 1][1] - pieces[first][0] <= size:
            last += 1
        start, end = pieces[first][0], pieces[last][1]
        chunks.append(Chunk(start, text[start:end]))
        if last == len(pieces) - 1:
            break
        # The next chunk opens with the pieces that end this one, up to `overlap` long.
        following = last + 1
        while following - 1 > first and end - pieces[following - 1][0] <= overlap:
            following -= 1
        first = following
    return chunks


def _pieces(text: str, size: int) -> list[tuple[int, int]]:
    """Paragraph spans, long paragraphs cut into sentence spans, long sentences cut hard."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        if end > start:
            spans.extend(_split(text, start, end, size))
        if match:
            start = match.end()
    return spans


def _split(text: str, start: int, end: int, size: int) -> list[tuple[int, int]]:
    if end - start <= size:
        return [(start, end)]
    spans = []
    cursor = start
    for match in [*_SENTENCE_END.finditer(text, start, end), None]:
        stop = match.start() if match else end
        while stop - cursor > size:  # one sentence longer than a chunk: cut it
            spans.append((cursor, cursor + size))
            cursor += size
        if stop > cursor:
            spans.append((cursor, stop))
        if match:
            cursor = match.end()
    return spans


def shift_evidence(value: Any, offset: int) -> Any:
    """``value`` (a record part, or lists and dicts of them) with every evidence span moved
    by ``offset``: chunk offsets become article offsets."""
    if offset == 0:
        return value
    if isinstance(value, list):
        return [shift_evidence(item, offset) for item in value]
    if isinstance(value, dict):
        return {key: shift_evidence(item, offset) for key, item in value.items()}
    evidence = getattr(value, "evidence", None)
    if isinstance(evidence, Evidence):
        moved = Evidence(
            text=evidence.text, start=evidence.start + offset, end=evidence.end + offset
        )
        return value.model_copy(update={"evidence": moved})
    return value
