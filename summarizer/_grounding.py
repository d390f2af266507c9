"""Aligning what the model said onto the article: the span each fact came from.

Three stages, tried in order (LangExtract's resolver works the same way):

1. exact: the fragment occurs verbatim;
2. normalised: it occurs once whitespace runs, quote styles, dash styles and case are
   folded on both sides;
3. fuzzy: the best partial match scores at least ``min_score`` (rapidfuzz).

Whatever the stage, the returned span is cut from the article itself, so
``article[span.start:span.end] == span.text`` holds by construction.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from rapidfuzz import fuzz

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)
# What may close a sentence after its stop: '... are over."', '(... in 2004.)', « ... ».
CLOSERS = "'\"\u2019\u201c\u201d)]\u00bb\u00ab"
_SENTENCE_END = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][\"'\u201d\u2019)]))\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])|\n\s*\n"
)


class Match(StrEnum):
    EXACT = "exact"
    NORMALISED = "normalised"
    FUZZY = "fuzzy"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str
    match: Match


@dataclass(frozen=True, slots=True)
class _Folded:
    """The article folded for matching, with a map from folded to original offsets."""

    text: str
    origin: tuple[int, ...]


def fold(text: str) -> str:
    """Fold quote and dash styles, whitespace runs and case, for comparison."""
    return _fold_with_map(text).text


@lru_cache(maxsize=64)
def _fold_with_map(text: str) -> _Folded:
    out: list[str] = []
    origin: list[int] = []
    translated = text.translate(_FOLD)
    previous_space = True  # also strips leading whitespace
    for index, char in enumerate(translated):
        if char.isspace():
            if previous_space:
                continue
            out.append(" ")
            origin.append(index)
            previous_space = True
            continue
        out.append(char.lower())
        origin.append(index)
        previous_space = False
    while out and out[-1] == " ":
        out.pop()
        origin.pop()
    return _Folded("".join(out), tuple(origin))


def locate(fragment: str, article: str, *, min_score: float = 90.0, start: int = 0) -> Span | None:
    """Find ``fragment`` in ``article``; None when no stage finds it.

    Args:
        fragment: What the model quoted.
        article: The article text.
        min_score: The lowest rapidfuzz partial-ratio accepted by the fuzzy stage.
        start: Search from this offset of the article on (exact and normalised stages).
    """
    fragment = fragment.strip()
    if not fragment:
        return None
    position = article.find(fragment, start)
    if position >= 0:
        return Span(position, position + len(fragment), fragment, Match.EXACT)
    return _locate_normalised(fragment, article, start) or _locate_fuzzy(
        fragment, article, min_score
    )


def _locate_normalised(fragment: str, article: str, start: int) -> Span | None:
    folded = _fold_with_map(article)
    needle = fold(fragment)
    if not needle:
        return None
    from_index = next((i for i, o in enumerate(folded.origin) if o >= start), len(folded.text))
    position = folded.text.find(needle, from_index)
    if position < 0:
        return None
    begin = folded.origin[position]
    end = folded.origin[position + len(needle) - 1] + 1
    return Span(begin, end, article[begin:end], Match.NORMALISED)


def _locate_fuzzy(fragment: str, article: str, min_score: float) -> Span | None:
    # Very short fragments match something anywhere; only exact stages may ground them.
    if len(fragment) < 12:
        return None
    folded = _fold_with_map(article)
    needle = fold(fragment)
    alignment = fuzz.partial_ratio_alignment(needle, folded.text, score_cutoff=min_score)
    if alignment is None or alignment.dest_end <= alignment.dest_start:
        return None
    begin = folded.origin[alignment.dest_start]
    end = folded.origin[alignment.dest_end - 1] + 1
    # The alignment window has the fragment's length; widen it to whole words.
    while begin > 0 and article[begin - 1].isalnum() and article[begin].isalnum():
        begin -= 1
    while end < len(article) and article[end].isalnum() and article[end - 1].isalnum():
        end += 1
    begin, end = _trim(article, begin, end)
    if end <= begin:
        return None
    return Span(begin, end, article[begin:end], Match.FUZZY)


def _trim(article: str, begin: int, end: int) -> tuple[int, int]:
    while begin < end and article[begin].isspace():
        begin += 1
    while end > begin and article[end - 1].isspace():
        end -= 1
    return begin, end


def sentence_around(article: str, start: int, end: int) -> Span:
    """The sentence (or sentences) of ``article`` that contain ``[start, end)``."""
    starts, ends = _sentence_boundaries(article)
    # The last boundary ending at or before the span, the first starting at or after it.
    begin = ends[bisect_right(ends, start) - 1] if ends and ends[0] <= start else 0
    following = bisect_left(starts, end)
    stop = starts[following] if following < len(starts) else len(article)
    begin, stop = _trim(article, begin, stop)
    return Span(begin, stop, article[begin:stop], Match.EXACT)


@lru_cache(maxsize=64)
def _sentence_boundaries(article: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where each sentence boundary starts and ends, found once per article: every
    number and quote of an article asks for its sentence."""
    boundaries = list(_SENTENCE_END.finditer(article))
    return tuple(b.start() for b in boundaries), tuple(b.end() for b in boundaries)


_AROUND_WORDS = ".,;:!?\"'()\u2018\u2019\u201c\u201d"  # "percent." is a word too


def article_sentences(article: str) -> list[Span]:
    """The sentences of ``article``, in order, as spans of its own text. Blank stretches
    (withheld passages) and lines that are no sentence (a dateline, a byline: fewer than
    three lower-case words) are left out."""
    starts, ends = _sentence_boundaries(article)
    bounds = zip((0, *ends), (*starts, len(article)), strict=True)
    spans = []
    for begin, stop in bounds:
        begin, stop = _trim(article, begin, stop)
        found = (word.strip(_AROUND_WORDS) for word in article[begin:stop].split())
        if sum(word.isalpha() and word.islower() for word in found) >= 3:
            spans.append(Span(begin, stop, article[begin:stop], Match.EXACT))
    return spans
