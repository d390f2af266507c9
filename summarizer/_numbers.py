"""Numbers as articles write them: "145,000", "8.5 billion", "$5m", "145 thousand"."""

from __future__ import annotations

import math
import re

SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_WRITTEN = re.compile(
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|mln|mn|bn|tn|[mbk])\b)?",
    re.IGNORECASE,
)


def parse_number(number: str, scale: str | None = None) -> float:
    """``"145,000"`` -> 145000.0; ``"8.5", "billion"`` -> 8500000000.0."""
    value = float(number.replace(",", ""))
    if scale:
        value *= SCALES[scale.lower()]
    return value


def states_value(text: str, value: float) -> bool:
    """Whether ``text`` writes ``value``: "145,000", "145 thousand" and "$8.5 billion"
    state 145000 and 8500000000; a scale word may be there or not."""
    for match in _WRITTEN.finditer(text):
        plain = parse_number(match["number"])
        scaled = parse_number(match["number"], match["scale"])
        if any(math.isclose(v, value, rel_tol=1e-9) for v in (plain, scaled)):
            return True
    return False
