"""Article text with its evidence spans as nested, escaped ``<mark>`` elements.

Spans may nest ("Ali Asghar Zarean" inside the sentence quoting him) or cross (two
sentences' evidence overlapping on a clause). HTML elements can only nest, so a span
that crosses an enclosing one is cut where the enclosing one ends and continues in a
second ``<mark>`` with the same ``data-span``: every span is shown whole, in pieces.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True, slots=True)
class Span:
    """One distinct evidence span and what its ``<mark>`` carries."""

    start: int
    end: int
    id: str
    css_class: str
    facts: tuple[str, ...]  # ids of the facts whose evidence it is


def highlight(text: str, spans: list[Span]) -> str:
    """``text``, escaped, with a ``<mark>`` (or several pieces) for every non-empty span."""
    queue = [
        (s.start, -s.end, n, s.start, s.end, s) for n, s in enumerate(spans) if s.end > s.start
    ]
    heapq.heapify(queue)
    out: list[str] = []
    cursor = 0
    open_ends: list[int] = []  # ends of the open marks, innermost last

    def close_until(position: int) -> None:
        nonlocal cursor
        while open_ends and open_ends[-1] <= position:
            end = open_ends.pop()
            out.append(escape(text[cursor:end], quote=False) + "</mark>")
            cursor = end

    order = len(spans)
    while queue:
        _, _, _, start, end, span = heapq.heappop(queue)
        close_until(start)
        if open_ends and open_ends[-1] < end:
            # Crosses the innermost open mark: show the part inside it now, the rest later.
            heapq.heappush(queue, (open_ends[-1], -end, order, open_ends[-1], end, span))
            order += 1
            end = open_ends[-1]
        out.append(escape(text[cursor:start], quote=False) + _open_tag(span))
        cursor = start
        open_ends.append(end)
    close_until(len(text))
    out.append(escape(text[cursor:], quote=False))
    return "".join(out)


def _open_tag(span: Span) -> str:
    return (
        f'<mark class="{escape(span.css_class)}" data-span="{escape(span.id)}" '
        f'data-facts="{escape(" ".join(span.facts))}">'
    )
