"""The change a figure states: "surged by 12 percent", "a 3% fall", "up 5 percent".

Read from the article's own words by code, not from the model: a direction word next to
the number decides. Two cases:

- the number *is* the change ("rose by 12 percent", "a 12 percent increase"): the
  figure's change has the direction and the figure's own value as its amount;
- the number is a level followed by its change ("145,000 tons, up 12 percent"): the
  change's amount is the next number.

"rose to 145,000 tons" states only a direction: the number is the new level. A sign
written against the number ("FTSE -0.6%") is a change of that size.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from summarizer._cues.quantities import NumberCandidate

Direction = Literal["up", "down", "unchanged"]

_UP = (
    r"rise|rises|rose|risen|rising|increase|increased|increases|increasing|grew|grow|grows|"
    r"grown|growth|surge|surged|surges|jump|jumped|jumps|climb|climbed|climbs|gain|gained|"
    r"gains|up|higher|soar|soared|add|added|boost|boosted|expand|expanded|expansion|hike|"
    r"hiked|raise|raised|advance|advanced|rally|rallied|spike|spiked"
)
_DOWN = (
    r"fall|falls|fell|fallen|falling|drop|dropped|drops|decline|declined|declines|"
    r"decrease|decreased|decreases|slump|slumped|plunge|plunged|plunges|down|lower|cut|"
    r"cuts|shrank|shrink|shrunk|contracted|contraction|lost|lose|loses|slid|slide|slip|"
    r"slipped|tumble|tumbled|sank|sink|dip|dipped|reduce|reduced|reduction|trimmed|trim"
)
_FLAT = r"unchanged|flat|steady|stable"
_HEDGE = r"(?:(?:about|around|some|nearly|almost|roughly|over|more than|less than)\s+)?"
# "<verb> [by|of] NUMBER": the number is the amount of the change.
_AMOUNT_AFTER = re.compile(
    rf"\b(?P<word>{_UP}|{_DOWN})\s+(?:by\s+|of\s+|an?\s+)?{_HEDGE}$", re.IGNORECASE
)
# "cut its workforce by NUMBER": the same, with the verb's object in between.
_AMOUNT_AFTER_OBJECT = re.compile(
    rf"\b(?P<word>{_UP}|{_DOWN})\s+(?:[\w'-]+\s+){{1,3}}?by\s+{_HEDGE}$", re.IGNORECASE
)
# "<verb> to NUMBER", "<flat> at NUMBER": the number is the level reached.
_LEVEL_AFTER = re.compile(
    rf"\b(?P<word>{_UP}|{_DOWN}|{_FLAT})\s+(?:to|at)\s+{_HEDGE}$", re.IGNORECASE
)
# "NUMBER increase", "NUMBER drop in": the number is the amount.
_AMOUNT_BEFORE = re.compile(
    r"^\s*(?:-\s*)?(?P<word>increase|rise|growth|jump|gain|surge|hike|drop|fall|decline|"
    r"decrease|cut|reduction|slump|contraction|plunge)\b",
    re.IGNORECASE,
)
# "NUMBER, up 12 percent": a level followed by its change.
_CHANGE_FOLLOWS = re.compile(
    rf"^[^.;]{{0,30}}?,?\s*(?:an?\s+)?(?P<word>{_UP}|{_DOWN})\s+(?:by\s+)?{_HEDGE}$",
    re.IGNORECASE,
)


_SIGNS = ("+", "-", "\u2212")


@dataclass(frozen=True, slots=True)
class StatedChange:
    direction: Direction
    amount: float | None
    unit: str | None
    text: str


def stated_change(
    candidate: NumberCandidate, numbers: Sequence[NumberCandidate]
) -> StatedChange | None:
    """The change the article states about ``candidate``, if any."""
    if candidate.surface[:1] in _SIGNS:  # "Dow +0.2%", "Stoxx 50 -1.3%"
        direction: Direction = "up" if candidate.surface[0] == "+" else "down"
        return StatedChange(direction, abs(candidate.value), candidate.unit, candidate.surface)
    sentence = candidate.context
    before = sentence.text[: candidate.span.start - sentence.start][-60:]
    after = sentence.text[candidate.span.end - sentence.start :]
    if match := (_AMOUNT_AFTER.search(before) or _AMOUNT_AFTER_OBJECT.search(before)):
        return _change(match["word"], candidate, f"{match.group(0)}{candidate.surface}")
    if match := _AMOUNT_BEFORE.match(after):
        return _change(match["word"], candidate, f"{candidate.surface}{match.group(0)}")
    if match := _LEVEL_AFTER.search(before):
        direction = _direction(match["word"])
        return StatedChange(direction, None, None, match.group(0).strip())
    following = next((n for n in numbers if n.span.start >= candidate.span.end), None)
    if following is not None and following.context == sentence:
        between = sentence.text[
            candidate.span.end - sentence.start : following.span.start - sentence.start
        ]
        if match := _CHANGE_FOLLOWS.match(between):
            text = f"{match.group(0).lstrip(', ')}{following.surface}"
            return _change(match["word"], following, text)
    return None


def _change(word: str, amount: NumberCandidate, text: str) -> StatedChange:
    return StatedChange(_direction(word), amount.value, amount.unit, text.strip())


def _direction(word: str) -> Direction:
    word = word.lower()
    if re.fullmatch(_FLAT, word):
        return "unchanged"
    return "up" if re.fullmatch(_UP, word) else "down"
