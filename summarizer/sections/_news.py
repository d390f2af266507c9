"""Which of an article's sentences carry news a summary should state, and which figure
it should not leave out.

The summary lists the article's first sentences for the model to pick from. Three kinds
are not listed after the first, because a statement of them names no fact a reader
needs that the narration does not:
- **protocol**: a sentence that reports that a meeting took place or where a remark was
  made, and states neither an outcome nor a figure ("He met with Cuban Deputy Prime
  Minister ...", "Jafari made the remarks after a meeting with ..."). Wire copy about
  diplomacy and trade puts these between its lead and its news.
- **repeats**: a sentence at least half of whose content words one listed sentence
  before it already has (a Daily Mail caption that repeats the lead).
- **quotations**: a sentence more than half of which is inside quotation marks. News
  reports in its narration and quotes for colour; a quoted official restates or
  elaborates what the narration reports ("It concerned not only the supply of finished
  products, but also ...").

A sentence that holds a quantity no sentence listed before it holds is listed whatever
it is: a figure is news, in a quotation too.

And the figure: the first listed sentence after the three a lede and two points most
often state that holds a quantity (an amount with its unit: "160,000 tons", "70%",
"$54m") none of those three holds is proposed as one more key point. Figures are what
analysts quote, and what hand-made key facts name most (bench/quality.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from summarizer._cues.quantities import NumberCandidate
from summarizer._grounding import Span
from summarizer.sections._statements import content_words, through, word_share, words

# The sentences listed for the model to pick from, at most: news puts what matters first.
SENTENCES_LISTED = 12

# A meeting with someone named or titled ("met with Cuban Deputy Prime Minister", not
# "met with strong opposition"), talks or meetings held, remarks made.
_MEETING = re.compile(
    r"\b(?:(?:met|meets|meeting) with (?:the )?[A-Z]|held (?:a series of |several )?"
    r"(?:bilateral |separate |closed-door )?(?:talks|meetings?)\b|made (?:the|these|his|her) "
    r"remarks\b)"
)
# What makes a meeting news: what it agreed or decided.
_OUTCOME = re.compile(
    r"\b(?:agree[ds]?|sign(?:s|ed)?|approved?|decided?|announced?|pledged?|ceasefire|deal|"
    r"accord|agreement|treaty|contract)\b",
    re.IGNORECASE,
)


def protocol(sentence: str, figures: Sequence[NumberCandidate] = ()) -> bool:
    """Whether ``sentence`` only reports a meeting or where a remark was made: no outcome,
    no figure."""
    return bool(_MEETING.search(sentence)) and not _OUTCOME.search(sentence) and not figures


def repeats(sentence: str, earlier: Sequence[str]) -> bool:
    """Whether at least half of ``sentence``'s content words are in one of ``earlier``."""
    if not content_words(sentence):
        return False
    return any(word_share(sentence, other) >= _REPEATS for other in earlier)


def figures_in(sentence: Span, figures: Sequence[NumberCandidate]) -> list[NumberCandidate]:
    """The article's quantities that ``sentence`` holds."""
    return [f for f in figures if sentence.start <= f.span.start and f.span.end <= sentence.end]


def quantities(spans: Iterable[Span], figures: Sequence[NumberCandidate]) -> set[Quantity]:
    """The quantities (value, unit) that ``spans`` hold, to compare sentences by."""
    return {(f.value, f.unit) for span in spans for f in figures_in(span, figures)}


def figure_point(
    sentence: Span, stated: Iterable[Span], figures: Sequence[NumberCandidate], most: int
) -> str | None:
    """``sentence`` up to the clause that holds its first quantity the ``stated``
    sentences do not hold, when that is at most ``most`` words: a figure's point in the
    article's own words. None when there is no such quantity or no such clause."""
    have = quantities(stated, figures)
    new = [f for f in figures_in(sentence, figures) if (f.value, f.unit) not in have]
    if not new:
        return None
    text = through(sentence.text, new[0].span.end - sentence.start)
    return text if len(words(text)) <= most else None


def quoted(sentence: Span, passages: Sequence[tuple[int, int]]) -> bool:
    """Whether more than half of ``sentence`` is inside the quoted ``passages`` (offsets
    into the article, as ``sentence``'s)."""
    inside = sum(
        max(0, min(end, sentence.end) - max(start, sentence.start)) for start, end in passages
    )
    return inside > _QUOTED * (sentence.end - sentence.start)


def news_sentences(
    sentences: Sequence[Span],
    figures: Sequence[NumberCandidate],
    most: int,
    quotations: Sequence[tuple[int, int]] = (),
) -> list[int]:
    """The ids (from 1) of the first ``most`` sentences that carry news: the first always,
    then each that holds a quantity no listed sentence holds, or else is not protocol,
    not a repeat of one listed before it and not mostly inside ``quotations`` (the
    article's quoted passages)."""
    listed: list[int] = []
    have: set[Quantity] = set()
    for number, span in enumerate(sentences[:most], start=1):
        held = quantities([span], figures)
        if listed and not held - have:
            earlier = [sentences[i - 1].text for i in listed]
            if protocol(span.text) or repeats(span.text, earlier) or quoted(span, quotations):
                continue
        listed.append(number)
        have |= held
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
    have = quantities((sentences[i - 1] for i in listed[:stated]), figures)
    for number in listed[stated:]:
        if quantities([sentences[number - 1]], figures) - have:
            return number
    return None


Quantity = tuple[float, str]  # a quantity's value and unit, as figures compare them
_REPEATS = 0.5  # the share of a sentence's content words that makes it a repeat
_QUOTED = 0.5  # the share of a sentence inside quotation marks that makes it a quotation
