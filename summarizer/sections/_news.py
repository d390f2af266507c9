"""Which of an article's sentences carry news a summary should state, and which figure
it should not leave out.

The summary lists the article's first sentences for the model to pick from. Three kinds
are not listed after the first, because a statement of them names no fact a reader
needs that the narration does not:
- **protocol**: a sentence that reports that a meeting or a visit took place, or where a
  remark was made, and states no figure ("He met with Cuban Deputy Prime Minister ...",
  "As reported by the IMIDRO portal, Jafari made the remarks after a meeting with ...").
  Wire copy about diplomacy and trade puts these between its lead and its news.
- **repeats**: a sentence at least half of whose content words one listed sentence
  before it already has (a Daily Mail caption that repeats the lead).
- **quotations**: a sentence more than half of which is inside quotation marks. News
  reports in its narration and quotes for colour; a quoted official restates or
  elaborates what the narration reports ("It concerned not only the supply of finished
  products, but also ...").

And the figure: when the sentences the summary states hold no quantity of the article's
(an amount with its unit: "160,000 tons", "70%", "$54m"), the first listed sentence that
holds one is proposed as one more key point. Figures are what analysts quote, and what
hand-made key facts name most (bench/quality.md, "Key facts named").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from summarizer._cues.quantities import NumberCandidate
from summarizer._grounding import Span
from summarizer.sections._statements import content_words

_PROTOCOL = re.compile(
    r"\b(?:meets? with|met with|(?:will|to) meet|held (?:a series of |several )?"
    r"(?:bilateral |separate |closed-door )?(?:talks|meetings?)|made (?:the|these|his|her) "
    r"remarks|during (?:this|the|that|his|her|their|a) (?:meeting|visit|talks)|"
    r"as reported by|on the sidelines of|in a meeting with)\b",
    re.IGNORECASE,
)
_REPEATS = 0.5  # the share of a sentence's content words that makes it a repeat


def protocol(sentence: str, figures: Iterable[NumberCandidate] = ()) -> bool:
    """Whether ``sentence`` only reports a meeting, a visit or where a remark was made."""
    return _PROTOCOL.search(sentence) is not None and not any(True for _ in figures)


def repeats(sentence: str, earlier: Iterable[str]) -> bool:
    """Whether at least half of ``sentence``'s content words are in one of ``earlier``."""
    own = content_words(sentence)
    if not own:
        return False
    return any(len(own & content_words(other)) >= _REPEATS * len(own) for other in earlier)


def figures_in(sentence: Span, figures: Sequence[NumberCandidate]) -> list[NumberCandidate]:
    """The article's quantities that ``sentence`` holds."""
    return [f for f in figures if sentence.start <= f.span.start and f.span.end <= sentence.end]


def quoted(sentence: Span, passages: Sequence[tuple[int, int]]) -> bool:
    """Whether more than half of ``sentence`` is inside the quoted ``passages`` (offsets
    into the article, as ``sentence``'s)."""
    inside = sum(
        max(0, min(end, sentence.end) - max(start, sentence.start)) for start, end in passages
    )
    return inside > _QUOTED * (sentence.end - sentence.start)


_QUOTED = 0.5


def news_sentences(
    sentences: Sequence[Span],
    figures: Sequence[NumberCandidate],
    most: int,
    quotations: Sequence[tuple[int, int]] = (),
) -> list[int]:
    """The ids (from 1) of the first ``most`` sentences that carry news: the first always,
    then each that is not protocol, not a repeat of one listed before it and not mostly
    inside ``quotations`` (the article's quoted passages)."""
    listed: list[int] = []
    for number, span in enumerate(sentences[:most], start=1):
        if listed and protocol(span.text, figures_in(span, figures)):
            continue
        if listed and repeats(span.text, (sentences[i - 1].text for i in listed)):
            continue
        if listed and quoted(span, quotations):
            continue
        listed.append(number)
    return listed


def figure_sentence(
    sentences: Sequence[Span],
    listed: Sequence[int],
    stated: int,
    figures: Sequence[NumberCandidate],
) -> int | None:
    """The sentence to propose for a figure: the first listed after the first ``stated``
    (the sentences a lede and two points most often state) that holds a quantity none of
    those holds; None when there is none."""
    first = [sentences[i - 1] for i in listed[:stated]]
    have = {(f.value, f.unit) for span in first for f in figures_in(span, figures)}
    for number in listed[stated:]:
        held = {(f.value, f.unit) for f in figures_in(sentences[number - 1], figures)}
        if held - have:
            return number
    return None
