"""Numbers as articles write them: "145,000", "8.5 billion", "$5m", "145 thousand"."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

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
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_DIGIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
# "twenty-five" and "twenty five" before "twenty", which would match their first word.
SPELLED_WORDS = rf"(?:{_TENS})[-\s](?:{_DIGIT_WORDS})\b|" + "|".join(SPELLED)
_NUMBER_WORD = re.compile(SPELLED_WORDS, re.IGNORECASE)


def is_number_word(word: str) -> bool:
    """Whether ``word`` is a number written in words ("Five", "twenty-five")."""
    return _NUMBER_WORD.fullmatch(word) is not None


_COMPOUND = re.compile(rf"(?P<tens>{_TENS})[-\s](?P<digit>{_DIGIT_WORDS})", re.IGNORECASE)
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
    ``"twenty-five"`` -> 25.0; ``"4", "hundred million"`` -> 400000000.0."""
    spelled = SPELLED.get(number.lower())
    if compound := _COMPOUND.fullmatch(number):
        spelled = SPELLED[compound["tens"].lower()] + SPELLED[compound["digit"].lower()]
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
    return any(
        math.isclose(stated, value, rel_tol=1e-9)
        for quantity in word_quantities(text)
        for stated in quantity.values
    )


# -- quantities in words alone ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WordQuantity:
    """A quantity written without a numeral: a share of a whole ("a third of", "one in
    five", "half the"), a number made of "a" and a scale ("a dozen", "half a million"),
    or an order of magnitude ("dozens of", "tens of thousands of"), which is a range:
    ``values`` holds its low and high ends."""

    start: int
    end: int
    values: tuple[float, ...]
    share: bool  # a share has no unit of its own; the others count what follows them


_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}  # fmt: skip
_NUMERATORS = {"a": 1, "an": 1} | {word: SPELLED[word] for word in _DIGIT_WORDS.split("|")}
# "a third of", "two-thirds of the", "cut by a third": a fraction only before what it is
# a share of, or as a change ("a fifth term" and "the fourth quarter" are ordinals).
_FRACTION_WORDS = (
    rf"\b(?P<numerator>an?|{_DIGIT_WORDS})[\s-](?P<denominator>{'|'.join(_DENOMINATORS)})\b"
)
_FRACTION = re.compile(_FRACTION_WORDS, re.IGNORECASE)
_OF_A_WHOLE = re.compile(r"\s(?:of|the)\b", re.IGNORECASE)
# "one in five adults", "one out of three Germans", "1 in 10": not "one in 90 minutes".
_ONE_IN = re.compile(
    rf"\b(?P<numerator>{_DIGIT_WORDS}|\d)\s(?:in|out\sof)\s(?:every\s)?"
    rf"(?P<denominator>(?:{SPELLED_WORDS})\b|\d{{1,3}}(?:,\d{{3}})?(?![\d,.]))"
    r"(?!\s(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|games?|matches|"
    r"innings|attempts|tries|starts|appearances|per|percent|%))",
    re.IGNORECASE,
)
# "fell by half", "cut by almost three quarters": a share as a change.
_BY = re.compile(r"\bby\s(?:(?:almost|nearly|around|roughly|about|some)\s)?$", re.IGNORECASE)
# "half the condos", "almost half of which"; "the first half of", "half an hour" are no
# share.
_HALF = re.compile(r"\bhalf\b", re.IGNORECASE)
_HALF_OF = re.compile(r"\s(?:of|the|its|their|his|her|our|those|these|them|all)\b", re.IGNORECASE)
_NOT_A_SHARE_BEFORE = re.compile(
    r"\b(?:first|second|last|latter|other|the|a|an|one|in|and)\s$", re.IGNORECASE
)
_WORD_SCALES = {"dozen": 12.0, "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9}
# "a million dollar house", "a dozen people", "half a million": a number from "a" and a
# scale. "a hundredth" or "a millionth" is no such number.
_A_SCALE = re.compile(
    r"\b(?P<half>half\s)?an?\s"
    r"(?P<scale>dozen|hundred(?:\sthousand|\smillion)?|thousand|million|billion)\b(?!-)",
    re.IGNORECASE,
)
# "dozens of people", "hundreds of miles", "tens of millions of dollars": from the scale to
# ten times it (NewsQuant's reading too: "dozens" is 12 to 120).
_MAGNITUDE = re.compile(
    r"(?<![\d.,]\s)\b(?:(?P<times>tens|hundreds)\sof\s)?"
    r"(?P<scale>dozens|hundreds|thousands|millions|billions)(?=\sof\b)",
    re.IGNORECASE,
)


# "two and a half years", "3 and a half hours": the whole number and the fraction.
_AND_A = re.compile(
    rf"\b(?P<whole>(?:{SPELLED_WORDS})\b|\d+)\sand\san?\s(?P<fraction>half|third|quarter)\b"
    r"(?:\s(?P<scale>thousand|million|billion)\b)?",
    re.IGNORECASE,
)


def word_quantities(text: str) -> Iterator[WordQuantity]:
    """The quantities ``text`` writes in words alone, in the order of the text."""
    found: list[WordQuantity] = []
    for match in _AND_A.finditer(text):
        value = parse_number(match["whole"]) + 1 / _DENOMINATORS[match["fraction"].lower()]
        value *= _WORD_SCALES[match["scale"].lower()] if match["scale"] else 1.0
        found.append(WordQuantity(match.start(), match.end(), (value,), False))
    for match in _FRACTION.finditer(text):
        share = fraction_in(match.group())
        if share is not None and not _after_and_a(text, match.start()) and _a_share(text, match):
            found.append(WordQuantity(match.start(), match.end(), (share,), True))
    for match in _ONE_IN.finditer(text):
        part, whole = parse_number(match["numerator"]), parse_number(match["denominator"])
        if 0 < part < whole:
            found.append(WordQuantity(match.start(), match.end(), (part / whole,), True))
    for match in _HALF.finditer(text):
        before = text[max(0, match.start() - 20) : match.start()]
        if _BY.search(before) or (
            _HALF_OF.match(text, match.end()) and not _NOT_A_SHARE_BEFORE.search(before)
        ):
            found.append(WordQuantity(match.start(), match.end(), (0.5,), True))
    for match in _A_SCALE.finditer(text):
        value = math.prod(_WORD_SCALES[word] for word in match["scale"].lower().split())
        value *= 0.5 if match["half"] else 1.0
        if not _after_and_a(text, match.start()):
            found.append(WordQuantity(match.start(), match.end(), (value,), False))
    for match in _MAGNITUDE.finditer(text):
        low = _WORD_SCALES[match["scale"].lower().removesuffix("s")]
        if match["times"]:
            low *= 10.0 if match["times"].lower() == "tens" else 100.0
        found.append(WordQuantity(match.start(), match.end(), (low, low * 10), False))
    # Where two readings overlap ("one in five" and "a fifth"), the first and longest wins.
    found.sort(key=lambda q: (q.start, -q.end))
    end = -1
    for quantity in found:
        if quantity.start >= end:
            yield quantity
            end = quantity.end


def fraction_in(words: str) -> float | None:
    """The fraction a phrase names on its own, as annotators mark it: "almost three
    quarters" -> 0.75, "a third" -> 0.333; None when it names none."""
    match = re.search(_FRACTION_WORDS, words, re.IGNORECASE)
    if match is None:
        return None
    numerator = _NUMERATORS[match["numerator"].lower()]
    denominator = _DENOMINATORS[match["denominator"].lower()]
    return numerator / denominator if numerator < denominator else None


def _a_share(text: str, match: re.Match[str]) -> bool:
    """Whether a fraction's words name a share: of a whole that follows, or a change."""
    return bool(
        _OF_A_WHOLE.match(text, match.end())
        or _BY.search(text[max(0, match.start() - 20) : match.start()])
    )


def _after_and_a(text: str, start: int) -> bool:
    """ "two and a half", "one and a third": the whole number is the text's figure."""
    return bool(_AND_BEFORE.search(text, max(0, start - 5), start))


_AND_BEFORE = re.compile(r"\band\s$", re.IGNORECASE)
