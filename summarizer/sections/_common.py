"""Small readings more than one section makes of a name or a value the model gave."""

from __future__ import annotations

import re
from collections.abc import Iterable

from summarizer._cues.countries import country_code, country_name
from summarizer._grounding import Match, fold, locate

# Words that name no one: a model's "he said" is no speaker and no person.
PRONOUNS = frozenset("he she they it we i you him her them his hers their the official".split())


_NAME_CONNECTORS = frozenset("of and for the de la del des du da di on in & y e".split())


_NAME_PARTICLES = frozenset(
    "de da das do dos del della di du la le van von der den ter bin ibn al el y e wa".split()
)


def looks_like_a_name(name: str) -> bool:
    """One to five words, each capitalised or a particle ("Oscar Perez-Oliva Fraga",
    "Luiz Inácio Lula da Silva"): not a phrase or a sentence the model copied."""
    words = name.split()
    return (
        0 < len(words) <= 5
        and not any(character.isdigit() for character in name)
        and all(w[0].isupper() or w.lower() in _NAME_PARTICLES for w in words)
    )


def proper_name(name: str) -> bool:
    """Every word capitalised except connectors: "Ministry of Energy and Mines" is a
    name, "Iran's copper cathode production" is a description."""
    words = [w for w in re.split(r"\s+", name) if w]
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _NAME_CONNECTORS for w in words)


def written_as(name: str, article: str) -> bool:
    """``name`` is in the article with the same capitals (quote and dash styles aside)."""
    span = locate(name, article)
    if span is None or span.match == Match.FUZZY:
        return False
    capitals = [w for w in span.text.split() if w[:1].isupper()]
    return capitals == [w for w in name.split() if w[:1].isupper()]


def stated_in(value: str | None, text: str) -> str | None:
    """``value`` when ``text`` states it (folded comparison), else None: free-text
    attributes of a figure are kept only when they are the article's own words."""
    value = clean(value)
    return value if value and fold(value) in fold(text) else None


def country_of(country: str | None) -> str | None:
    code = country_code(country or "")
    return country_name(code) if code else None


def same_speaker(first: str, second: str) -> bool:
    """The same name, or one is the other's surname ("Cruz", "Liván Arronte Cruz")."""
    first_words, second_words = fold(first).split(), fold(second).split()
    return first_words == second_words or (
        first_words[-1:] == second_words[-1:] and min(len(first_words), len(second_words)) == 1
    )


def full_name(name: str, names: Iterable[str]) -> str:
    """A bare surname ("Chekushov") as the full name the article also uses, if only one."""
    if " " in name:
        return name
    fuller = {n for n in names if n.split()[-1] == name and " " in n}
    return fuller.pop() if len(fuller) == 1 else name


def clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return None if not value or value.lower() in {"null", "none", "n/a", "unknown"} else value


def richer(first: str | None, second: str | None) -> str | None:
    """The more informative of two optional strings (the longer one)."""
    options: Iterable[str] = (v for v in (first, second) if v)
    return max(options, key=len, default=None)
