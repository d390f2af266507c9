"""Numbers as articles write them: "145,000", "8.5 billion", "$5m", "145 thousand"."""

from __future__ import annotations

import math
import re

SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "mil": 1e6,  # "S$1mil", "RM3.06mil"
    "bln": 1e9,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
# Numbers spelled out, as far as news writes small ones in words.
SPELLED = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SPELLED_WORDS = "|".join(SPELLED)
# The scale words, longest first so that an alternation tries "mln" before "mn", after
# "hundred" compounded with a larger scale ("4 hundred million").
SCALE_WORDS = "|".join(
    [
        r"hundred\s(?:thousand|million|billion)",
        *sorted((s for s in SCALES if len(s) > 1), key=len, reverse=True),
    ]
)
_SCALE = rf"{SCALE_WORDS}|[mbk]"
_WRITTEN = re.compile(
    rf"(?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?<![\w.])\.\d+|"
    rf"\b(?:{SPELLED_WORDS})\b)"
    rf"(?:\s?(?P<scale>{_SCALE})\b)?",
    re.IGNORECASE,
)
# The far end of a range, whose scale the near end shares: "$3-4 billion".
_RANGE_END = re.compile(
    rf"\s?(?:[-\u2013]|to-?|and|or)\s?\D{{0,3}}"
    rf"(?P<number>\d[\d,]*(?:\.\d+)?|(?i:{SPELLED_WORDS})\b)\s?"
    rf"(?P<scale>{_SCALE})\b",
    re.IGNORECASE,
)


def parse_number(number: str, scale: str | None = None) -> float:
    """``"145,000"`` -> 145000.0; ``"8.5", "billion"`` -> 8500000000.0; ``"seven"`` -> 7.0;
    ``"4", "hundred million"`` -> 400000000.0."""
    spelled = SPELLED.get(number.lower())
    value = float(spelled if spelled is not None else number.replace(",", ""))
    if scale:
        value *= scale_factor(scale)
    return value


def scale_factor(scale: str) -> float:
    """``"million"`` -> 1e6; ``"hundred million"`` -> 1e8."""
    return math.prod(SCALES[word] for word in scale.lower().split())


def first_number(text: str) -> float | None:
    """The first number ``text`` writes, scaled: "around 2.5 million bpd" -> 2500000.0."""
    match = _WRITTEN.search(text)
    return parse_number(match["number"], match["scale"]) if match else None


def states_value(text: str, value: float) -> bool:
    """Whether ``text`` writes ``value``: "145,000", "145 thousand" and "$8.5 billion"
    state 145000 and 8500000000; a scale word may be there or not, or be the far end's of
    a range ("$3-4 billion" states 3000000000); "seven" states 7; "-1.3%" states -1.3;
    ".22" states 0.22."""
    value = abs(value)
    for match in _WRITTEN.finditer(text):
        scales = [None, match["scale"]]
        far = _RANGE_END.match(text, match.end())
        # A range's ends rise: "rose 296,000 to 28.52 million" is no range of millions.
        if (
            not match["scale"]
            and far
            and parse_number(match["number"]) < parse_number(far["number"])
        ):
            scales.append(far["scale"])
        if any(
            math.isclose(parse_number(match["number"], scale), value, rel_tol=1e-9)
            for scale in scales
        ):
            return True
    return False
